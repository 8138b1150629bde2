/* cmd_build.c - `djaz build SPEC -o OUT`: write every artifact, or none,
 * and never a file djaz did not write (emit/outdir.h). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "driver/build.h"
#include "emit/outdir.h"
#include "support/buf.h"

/* The usage error of a bad --only, naming every group of the table, as
 * long as the table makes the list. */
static int bad_groups(void)
{
    djz_buf names = {0};
    for (size_t i = 0; i < djz_nbackends; i++)
        djz_buf_printf(&names, "%s%s", i ? ", " : "", djz_backends[i].group);
    int status = djz_cli_usage("build",
                               "--only takes %s or a comma-separated list of "
                               "them",
                               djz_buf_str(&names));
    djz_buf_free(&names);
    return status;
}

/* Says why OUT may not be replaced: one diagnostic per finding. */
static void report_refusal(djz_cli *c, const djz_outdir *d)
{
    static const struct {
        djz_code code;
        const char *text, *help;
    } says[] = {
        [DJZ_OUTDIR_MOVED] = {DJZ_FOREIGN_OUTPUT, "'%s' %s",
                              "make no change to OUT while djaz builds "
                              "into it, then build again"},
        [DJZ_OUTDIR_KEPT] = {DJZ_EDITED_OUTPUT,
                             "a file of the previous build changed while "
                             "djaz replaced it: the previous build is kept "
                             "whole in '%s'%s",
                             "take what you changed from there, then remove "
                             "it"},
        [DJZ_OUTDIR_NOT_DIR] = {DJZ_UNSAFE_OUTPUT, "'%s' %s",
                                "name a new or empty directory, or one an "
                                "earlier `djaz build` wrote"},
        [DJZ_OUTDIR_UNMARKED] = {DJZ_UNSAFE_OUTPUT,
                                 "'%s' is not empty and holds no djaz.json%s",
                                 "name a new or empty directory, or one an "
                                 "earlier `djaz build` wrote"},
        [DJZ_OUTDIR_BAD_MARKER] = {DJZ_FOREIGN_MANIFEST,
                                   "'%s' is not a manifest djaz wrote: %s",
                                   "build into another directory, or move "
                                   "this one's files away yourself"},
        [DJZ_OUTDIR_UNLISTED] = {DJZ_FOREIGN_OUTPUT,
                                 "'%s' is %s that djaz did not write",
                                 "a build replaces only the files its "
                                 "djaz.json lists: move it out, or build "
                                 "into another directory"},
        [DJZ_OUTDIR_CHANGED] = {DJZ_EDITED_OUTPUT,
                                "'%s' was %s since djaz wrote it",
                                "a build would lose the edit: make it in "
                                "the spec, or move the file out, then "
                                "build again"},
    };
    for (size_t i = 0; i < d->nfindings; i++) {
        const djz_outdir_finding *f = &d->findings[i];
        const char *text =
            djz_arena_printf(&c->arena, says[f->problem].text, f->path, f->why);
        djz_diag *diag = djz_report(
            &c->sink, says[f->problem].code, NULL, djz_span_make(0, 0), "%s%s",
            text, f->problem == DJZ_OUTDIR_KEPT ? "" : "; nothing was written");
        djz_diag_help(&c->sink, diag, "%s", says[f->problem].help);
    }
}

/* Whether out already holds exactly this build (djaz.json last): then
 * nothing is written, and no file's time changes. */
static bool up_to_date(const djz_outdir *d, const djz_build *b)
{
    const djz_artifact *m = &b->artifacts[b->n - 1];
    if (!djz_outdir_same_marker(d, m->text.data, m->text.len))
        return false;
    for (size_t i = 0; i + 1 < b->n; i++)
        if (!djz_outdir_holds(d, b->artifacts[i].path,
                              b->artifacts[i].executable))
            return false;
    return true;
}

/* Writes the build into out; false after reporting why not.  *same:
 * out held it already. */
static bool write_out(djz_cli *c, const djz_build *b, const char *out,
                      bool *same)
{
    djz_outdir d;
    djz_outdir_status s =
        djz_outdir_open(&d, out, "djaz.json", djz_manifest_read);
    bool ok = s == DJZ_OUTDIR_OK;
    *same = ok && up_to_date(&d, b);
    if (*same) {
        djz_outdir_keep(&d);
        djz_outdir_close(&d);
        return true;
    }
    /* djaz.json (last) first: it proves a killed build's tree is djaz's. */
    for (size_t k = 0; ok && k < b->n; k++) {
        const djz_artifact *x = &b->artifacts[(k + b->n - 1) % b->n];
        ok = djz_outdir_write(&d, x->path, x->text.data, x->text.len,
                              x->executable);
    }
    /* Once OUT is in place, out of memory would say the build failed:
     * the warnings are rendered before, to be written after without
     * allocating (tests/oom); commit allocates nothing from the exchange
     * on, unless the old tree must be kept (then the build fails). */
    if (ok)
        djz_cli_prerender(c);
    ok = ok && djz_outdir_commit(&d);
    if (d.nfindings) /* refused, at the check or at the exchange */
        report_refusal(c, &d);
    else if (!ok)
        djz_report(&c->sink, DJZ_FILE_UNWRITABLE, NULL, djz_span_make(0, 0),
                   "%s; nothing was written",
                   d.err ? d.err : "the output could not be written");
    c->io_error = c->io_error || !ok || d.nfindings;
    djz_outdir_close(&d);
    return ok;
}

static int run_build(int argc, char **argv)
{
    djz_cli c;
    djz_cli_init(&c, "build");
    const char *out = NULL, *only = NULL;
    bool quiet = false;
    const djz_flag flags[] = {
        {"-o", NULL, &out},        {"--output", NULL, &out},
        {"--quiet", &quiet, NULL}, {"-q", &quiet, NULL},
        {"--only", NULL, &only},
    };
    int status = djz_cli_args(&c, argc, argv, flags, 5);
    unsigned what = DJZ_ARTIFACTS_ALL;
    if (status == DJZ_EXIT_OK && only && !djz_build_groups(only, &what))
        status = bad_groups();
    if (status == DJZ_EXIT_OK && c.nfiles != 1)
        status = djz_cli_usage("build", c.nfiles ? "one spec at a time"
                                                 : "no spec given");
    if (status == DJZ_EXIT_OK && (!out || !*out))
        status = djz_cli_usage("build", "no output directory (-o OUT)");
    if (status != DJZ_EXIT_OK) {
        djz_cli_free(&c);
        return status;
    }

    djz_source *src = djz_cli_read(&c, c.files[0]);
    djz_compilation comp;
    djz_build b = {0};
    bool built = false, written = false, same = false;
    if (src) {
        djz_compile_opts o = {.stdlib_dir = c.stdlib_dir};
        if (djz_cli_compile(&c, src, &o, &comp) && !c.sink.errors)
            built = djz_build_artifacts(&c.arena, &c.sink, &comp, c.files[0],
                                        what | DJZ_ARTIFACTS_MANIFEST, &b);
    }
    /* --warnings-as-errors turns warnings into errors: nothing written. */
    if (built && !c.sink.errors)
        written = write_out(&c, &b, out, &same);
    status = djz_cli_finish(&c);
    /* Last, after any warnings: what was written. */
    if (written && !quiet && c.format == DJZ_OUT_TEXT) {
        fprintf(stderr, "djaz: %s %zu files %s ", same ? "left" : "wrote", b.n,
                same ? "unchanged in" : "to");
        djz_render_escaped(stderr, out); /* a name cannot forge a line */
        fputc('\n', stderr);
    }
    djz_build_free(&b);
    djz_cli_free(&c);
    return status;
}

const djz_command djz_cmd_build = {
    "build",
    "write every artifact of a spec into a directory",
    "Usage: djaz build [OPTIONS] SPEC -o OUT\n"
    "\n"
    "Compiles SPEC (- for standard input) and writes its artifacts into\n"
    "OUT: the ARM template (arm/template.json), one parameters file per\n"
    "environment (arm/ENV.parameters.json), requirements.txt,\n"
    "requirements-dev.txt, requirements-test.txt, startup.sh, tox.ini,\n"
    "locustfile.py, tests/ (pytest), .vscode/launch.json, the Django\n"
    "settings modules in the package, the CI workflows (.github/ and\n"
    "azure-pipelines.yml, from the spec's `ci` blocks), and the build\n"
    "manifest (djaz.json)\n"
    "that `djaz apply` reads.  The same spec gives the same bytes.  OUT\n"
    "is replaced as a whole, and only when every file was written and\n"
    "synced to disk, so a killed build leaves the old one; when the spec\n"
    "has errors nothing is written.  OUT must be new, empty or an earlier\n"
    "build: djaz replaces only files its djaz.json lists, unchanged.  A\n"
    "file it does not list, an edited artifact or a djaz.json that is not\n"
    "a manifest stops the build (DJZ2030-2032), and nothing is touched;\n"
    "so does a change made to OUT while the build runs.\n"
    "An OUT that already holds this build is left as it is.  A link as\n"
    "OUT is followed.  Builds into one OUT wait for each other; missing\n"
    "parent directories are created.\n"
    "\n"
    "Options:\n"
    "  -o, --output OUT       the output directory\n"
    "  -q, --quiet            do not say what was written\n"
    "      --only GROUPS      write only these artifacts (and djaz.json):\n"
    "                         arm, django, python, ci, "
    "comma-separated\n" DJZ_DIAG_OPTIONS_HELP DJZ_COMPILE_OPTIONS_HELP "\n"
    "Exit status: 0 written (warnings allowed), 1 errors in the spec,\n"
    "2 bad usage, an unreadable spec, or an output that cannot be written\n"
    "or may not be replaced.\n",
    run_build,
};
