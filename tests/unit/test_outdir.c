/* test_outdir.c - what `djaz build` accepts as a previous build's
 * manifest and as a path to write, the back-end table behind `--only`,
 * and what emit/outdir.c does when OUT changes between its check and
 * the exchange (made deterministic: the test changes OUT between
 * djz_outdir_open and djz_outdir_commit). */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver/build.h"
#include "emit/manifest.h"
#include "emit/outdir.h"
#include "support/sha256.h"

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

/* ---- OUT changing during a build ---------------------------------------- */

typedef struct art {
    const char *path, *text;
} art;

static const art v1[] = {{"startup.sh", "#!/bin/sh\necho djaz startup v1\n"},
                         {"a/b.txt", "b of v1\n"}};
static const art v2[] = {{"startup.sh", "#!/bin/sh\necho djaz startup v2\n"},
                         {"a/b.txt", "b of v2\n"}};

static char scratch[64];

static char *at(const char *rel)
{
    static char buf[4][512];
    static int i;
    char *b = buf[i++ % 4];
    snprintf(b, sizeof buf[0], "%s/%s", scratch, rel);
    return b;
}

static void put(const char *rel, const char *text)
{
    FILE *f = fopen(at(rel), "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    CHECK(f, "cannot write %s", rel);
}

static bool holds(const char *rel, const char *text)
{
    char got[256] = "";
    FILE *f = fopen(at(rel), "r");
    size_t n = f ? fread(got, 1, sizeof got - 1, f) : 0;
    if (f)
        fclose(f);
    got[n] = '\0';
    return f && !strcmp(got, text);
}

/* Writes a (djaz.json first, as cmd_build does) after open. */
static bool write_build(djz_outdir *o, const art *a, size_t n)
{
    char m[2048] = "{\"djazManifest\":1,\"artifacts\":[";
    for (size_t i = 0; i < n; i++) {
        char hex[65];
        djz_sha256_hex(a[i].text, strlen(a[i].text), hex);
        snprintf(m + strlen(m), sizeof m - strlen(m),
                 "%s{\"path\":\"%s\",\"bytes\":%zu,\"sha256\":\"%s\"}",
                 i ? "," : "", a[i].path, strlen(a[i].text), hex);
    }
    strcat(m, "]}");
    bool ok = djz_outdir_write(o, "djaz.json", m, strlen(m), false);
    for (size_t i = 0; ok && i < n; i++)
        ok =
            djz_outdir_write(o, a[i].path, a[i].text, strlen(a[i].text), false);
    return ok;
}

static bool build(const char *dest, const art *a)
{
    djz_outdir o;
    bool ok = djz_outdir_open(&o, at(dest), "djaz.json", djz_manifest_read) ==
                  DJZ_OUTDIR_OK &&
              write_build(&o, a, 2) && djz_outdir_commit(&o) && !o.nfindings;
    djz_outdir_close(&o);
    return ok;
}

/* Names in scratch, space-separated and sorted, hidden ones too. */
static const char *listing(void)
{
    static char buf[1024];
    struct dirent **e;
    int n = scandir(scratch, &e, NULL, alphasort);
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (strcmp(e[i]->d_name, ".") && strcmp(e[i]->d_name, ".."))
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s",
                     *buf ? " " : "", e[i]->d_name);
        free(e[i]);
    }
    free(e);
    return buf;
}

static void wipe(void)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'/* '%s'/.[!.]*", scratch, scratch);
    CHECK(!system(cmd), "cannot empty %s", scratch);
}

/* Rebuilds out (v1) as v2, calling change between the check and the
 * commit: the commit must refuse with one finding of problem p naming
 * path, and leave the parent holding exactly left. */
static void race(const char *name, void (*change)(void), djz_outdir_problem p,
                 const char *path, const char *left)
{
    wipe();
    CHECK(build("out", v1), "%s: first build", name);
    djz_outdir o;
    djz_outdir_status s =
        djz_outdir_open(&o, at("out"), "djaz.json", djz_manifest_read);
    CHECK(s == DJZ_OUTDIR_OK && write_build(&o, v2, 2), "%s: open", name);
    change();
    CHECK(!djz_outdir_commit(&o), "%s: committed anyway", name);
    CHECK(o.nfindings == 1 && o.findings[0].problem == p &&
              !strcmp(o.findings[0].path, at(path)),
          "%s: %zu findings, the first %s", name, o.nfindings,
          o.nfindings ? o.findings[0].path : "-");
    djz_outdir_close(&o);
    CHECK(!strcmp(listing(), left), "%s: left '%s'", name, listing());
}

static void edit_short(void)
{
    put("out/startup.sh", "#!/bin/sh\n# mine\n"); /* shorter than v1's */
}
static void edit_long(void)
{
    put("out/a/b.txt", "b of v1\nand my own line\n");
}
static void add_file(void)
{
    put("out/notes.txt", "notes\n");
}
static void add_dir(void)
{
    CHECK(!mkdir(at("out/mine"), 0777), "mkdir");
}
static void edit_marker(void)
{
    put("out/djaz.json", "{\"mine\": true}");
}
static void swap_file(void)
{
    CHECK(!rename(at("out"), at("moved")), "rename");
    put("out", "precious\n");
}
static void swap_dir(void)
{
    CHECK(!rename(at("out"), at("moved")), "rename");
    CHECK(!mkdir(at("out"), 0777), "mkdir");
}

static void races(void)
{
    race("short edit", edit_short, DJZ_OUTDIR_CHANGED, "out/startup.sh", "out");
    CHECK(holds("out/startup.sh", "#!/bin/sh\n# mine\n"), "short edit lost");
    race("longer edit", edit_long, DJZ_OUTDIR_CHANGED, "out/a/b.txt", "out");
    CHECK(holds("out/a/b.txt", "b of v1\nand my own line\n"), "edit lost");
    race("new file", add_file, DJZ_OUTDIR_UNLISTED, "out/notes.txt", "out");
    CHECK(holds("out/notes.txt", "notes\n"), "new file lost");
    race("new directory", add_dir, DJZ_OUTDIR_UNLISTED, "out/mine", "out");
    race("marker", edit_marker, DJZ_OUTDIR_CHANGED, "out/djaz.json", "out");
    CHECK(holds("out/djaz.json", "{\"mine\": true}"), "marker lost");
    race("a file at out", swap_file, DJZ_OUTDIR_MOVED, "out", "moved out");
    CHECK(holds("out", "precious\n"), "the file at out lost");
    CHECK(holds("moved/startup.sh", v1[0].text), "the old build lost");
    race("another directory", swap_dir, DJZ_OUTDIR_MOVED, "out", "moved out");
}

/* A file of the old tree changed between its proof and its removal:
 * the old tree is kept whole under a name no build removes, OUT is the
 * new build, and the finding says where. */
static void shorten(const char *old)
{
    char path[512];
    snprintf(path, sizeof path, "%s/startup.sh", old);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("# mine\n", f); /* shorter: as a killed build's file */
        fclose(f);
    }
}

static void kept(void)
{
    wipe();
    CHECK(build("out", v1), "build");
    djz_outdir o;
    CHECK(djz_outdir_open(&o, at("out"), "djaz.json", djz_manifest_read) ==
                  DJZ_OUTDIR_OK &&
              write_build(&o, v2, 2),
          "open");
    o.proven = shorten;
    CHECK(djz_outdir_commit(&o) && o.nfindings == 1 &&
              o.findings[0].problem == DJZ_OUTDIR_KEPT,
          "kept: %zu findings", o.nfindings);
    char name[256] = "";
    if (o.nfindings)
        snprintf(name, sizeof name, "%s", strrchr(o.findings[0].path, '/') + 1);
    djz_outdir_close(&o);
    CHECK(!strncmp(name, "out.djaz-kept-", 14), "kept as '%s'", name);
    char both[300];
    snprintf(both, sizeof both, "out %s", name);
    CHECK(!strcmp(listing(), both), "left '%s'", listing());
    CHECK(holds("out/startup.sh", v2[0].text), "OUT is not the new build");
    CHECK(build("out", v1), "a later build");
    char kept_file[300];
    snprintf(kept_file, sizeof kept_file, "%s/startup.sh", name);
    CHECK(holds(kept_file, "# mine\n"), "a later build lost the kept edit");
}

/* OUT missing when checked, made by someone else before the exchange. */
static void appeared(void)
{
    wipe();
    djz_outdir o;
    CHECK(djz_outdir_open(&o, at("out"), "djaz.json", djz_manifest_read) ==
                  DJZ_OUTDIR_OK &&
              write_build(&o, v1, 2),
          "open");
    CHECK(!mkdir(at("out"), 0777), "mkdir");
    put("out/mine", "mine\n");
    CHECK(!djz_outdir_commit(&o) && o.nfindings == 1 &&
              o.findings[0].problem == DJZ_OUTDIR_MOVED,
          "an OUT made meanwhile replaced");
    djz_outdir_close(&o);
    CHECK(holds("out/mine", "mine\n") && !strcmp(listing(), "out"), "left '%s'",
          listing());
}

/* A failed build removes only parents it made: not one named through
 * `..` that existed already. */
static void parents(void)
{
    wipe();
    CHECK(!mkdir(at("old_empty"), 0777), "mkdir");
    djz_outdir o;
    CHECK(djz_outdir_open(&o, at("new/../old_empty/out"), "djaz.json",
                          djz_manifest_read) == DJZ_OUTDIR_OK &&
              write_build(&o, v1, 2),
          "open");
    djz_outdir_close(&o); /* not committed */
    CHECK(!strcmp(listing(), "old_empty"), "left '%s'", listing());
}

/* An up-to-date OUT needs no temporary tree (nor a writable parent); a
 * rebuild keeps OUT's mode; a base name of 255 bytes is fine. */
static void misc(void)
{
    wipe();
    CHECK(build("out", v1), "build");
    djz_outdir o;
    djz_outdir_open(&o, at("out"), "djaz.json", djz_manifest_read);
    CHECK(!strcmp(listing(), "out"), "open made '%s'", listing());
    djz_outdir_keep(&o);
    djz_outdir_close(&o);
    CHECK(chmod(at("out"), 0750) == 0 && build("out", v2), "rebuild");
    struct stat st;
    CHECK(!stat(at("out"), &st) && (st.st_mode & 07777) == 0750,
          "mode %o after a rebuild", (unsigned)(st.st_mode & 07777));
    char name[256];
    memset(name, 'n', 255);
    name[255] = '\0';
    CHECK(build(name, v1) && build(name, v2), "a 255-byte name");
    CHECK(holds("out/startup.sh", v2[0].text), "rebuild lost");
}

int main(void)
{
    paths();
    manifests();
    backends();
    snprintf(scratch, sizeof scratch, "/tmp/test_outdir.XXXXXX");
    CHECK(mkdtemp(scratch), "mkdtemp");
    races();
    appeared();
    kept();
    parents();
    misc();
    wipe();
    rmdir(scratch);
    printf("test_outdir: %d failed\n", failures);
    return failures != 0;
}
