/* test_outdir.c - what `djaz build` accepts as a previous build's
 * manifest and as a path to write, and the back-end table behind
 * `--only`. */
#include <stdio.h>
#include <string.h>

#include "driver/build.h"
#include "emit/manifest.h"
#include "emit/outdir.h"

static int failures;

#define CHECK(cond, ...)                                                       \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL %s: ", #cond);                                        \
            printf(__VA_ARGS__);                                               \
            printf("\n");                                                      \
            failures++;                                                        \
        }                                                                      \
    } while (0)

static void paths(void)
{
    static const char *good[] = {"a", "arm/template.json", ".vscode/x", "a..b",
                                 "..a/b."};
    static const char *bad[] = {"",   "/a",   "a/",   "a//b", "./a",  "a/./b",
                                "..", "../a", "a/..", "a\\b", "a\nb", "a\tb"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        CHECK(djz_outdir_path_ok(good[i]), "'%s' refused", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK(!djz_outdir_path_ok(bad[i]), "'%s' accepted", bad[i]);
}

#define SHA "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define ART(path, bytes, sha)                                                  \
    "{\"path\":\"" path "\",\"bytes\":" bytes ",\"sha256\":\"" sha "\"}"

static bool reads(const char *text, djz_outdir_listing *l)
{
    char why[256] = "";
    bool ok = djz_manifest_read(text, strlen(text), l, why, sizeof why);
    CHECK(ok || *why, "no reason for refusing %s", text);
    return ok;
}

static void manifests(void)
{
    djz_outdir_listing l;
    CHECK(
        reads("{\"djazManifest\":1,\"generator\":\"djaz\",\"artifacts\":[" ART(
                  "z", "0", SHA) "," ART("a/b", "12", SHA) "]}",
              &l),
        "a manifest refused");
    CHECK(l.n == 2 && !strcmp(l.files[0].path, "a/b") && l.files[0].bytes == 12,
          "not sorted, or sizes lost");
    djz_outdir_listing_free(&l);
    CHECK(reads("{\"djazManifest\":1,\"artifacts\":[]}", &l) && !l.n,
          "an empty build refused");
    djz_outdir_listing_free(&l);
    static const char *bad[] = {
        "",
        "junk",
        "{}",
        "[]",
        "{\"djazManifest\":2,\"artifacts\":[]}",
        "{\"djazManifest\":\"1\",\"artifacts\":[]}",
        "{\"djazManifest\":1,\"artifacts\":{}}",
        "{\"djazManifest\":1,\"artifacts\":[1]}",
        "{\"djazManifest\":1,\"artifacts\":[" ART("../a", "0", SHA) "]}",
        "{\"djazManifest\":1,\"artifacts\":[" ART("djaz.json", "0", SHA) "]}",
        "{\"djazManifest\":1,\"artifacts\":[" ART("a", "-1", SHA) "]}",
        "{\"djazManifest\":1,\"artifacts\":[" ART("a", "1.5", SHA) "]}",
        "{\"djazManifest\":1,\"artifacts\":[" ART("a", "1e300", SHA) "]}",
        "{\"djazManifest\":1,\"artifacts\":[" ART("a", "0", "abc") "]}",
        "{\"djazManifest\":1,\"artifacts\":[" ART(
            "a", "0",
            "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B"
            "7852B855") "]}",
        "{\"djazManifest\":1,\"artifacts\":[" ART("a", "0", SHA) "," ART(
            "a", "0", SHA) "]}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK(!reads(bad[i], &l), "accepted %s", bad[i]);
        CHECK(!l.n && !l.files, "a refused listing keeps files");
    }
}

/* Every back end has a group and a flag of its own, inside ALL and apart
 * from the manifest's; --only takes each, and their lists. */
static void backends(void)
{
    unsigned seen = 0, what;
    CHECK(djz_nbackends >= 4, "%zu back ends", djz_nbackends);
    for (size_t i = 0; i < djz_nbackends; i++) {
        const djz_backend *b = &djz_backends[i];
        CHECK(b->group && b->emit, "back end %zu", i);
        CHECK(b->flag && !(b->flag & (b->flag - 1)), "%s: one bit", b->group);
        CHECK((b->flag & DJZ_ARTIFACTS_ALL) == b->flag &&
                  !(b->flag & DJZ_ARTIFACTS_MANIFEST) && !(seen & b->flag),
              "%s: a flag of its own", b->group);
        seen |= b->flag;
        CHECK(djz_build_groups(b->group, &what) && what == b->flag, "--only %s",
              b->group);
    }
    CHECK(djz_build_groups("ci,arm", &what) &&
              what == (DJZ_ARTIFACTS_CI | DJZ_ARTIFACTS_ARM),
          "--only ci,arm");
    static const char *bad[] = {"",        ",",   "arm,", ",arm",
                                "arm,,ci", "Arm", "arm ", "nope"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK(!djz_build_groups(bad[i], &what), "--only '%s'", bad[i]);
}

int main(void)
{
    paths();
    manifests();
    backends();
    printf("test_outdir: %d failed\n", failures);
    return failures != 0;
}
