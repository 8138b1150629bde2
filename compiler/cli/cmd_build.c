/* cmd_build.c - `djaz build SPEC -o OUT`: write every artifact, or none. */
#include <string.h>

#include "cli.h"
#include "driver/build.h"
#include "emit/outdir.h"

/* "arm,python" as DJZ_ARTIFACTS_* bits. */
static bool groups(const char *list, unsigned *what)
{
    static const struct {
        const char *name;
        unsigned bit;
    } names[] = {{"arm", DJZ_ARTIFACTS_ARM},
                 {"python", DJZ_ARTIFACTS_PYTHON},
                 {"django", DJZ_ARTIFACTS_DJANGO},
                 {"ci", DJZ_ARTIFACTS_CI}};
    *what = 0;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        bool known = false;
        for (size_t i = 0; i < 3; i++)
            if (strlen(names[i].name) == n && !strncmp(names[i].name, p, n)) {
                *what |= names[i].bit;
                known = true;
            }
        if (!known)
            return false;
        p += n + (p[n] == ',');
    }
    return *what != 0;
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
    if (status == DJZ_EXIT_OK && only && !groups(only, &what))
        status = djz_cli_usage("build", "--only takes arm, python, django, ci "
                                        "or a comma-separated list of them");
    if (status == DJZ_EXIT_OK && c.nfiles != 1)
        status = djz_cli_usage("build", c.nfiles ? "one spec at a time"
                                                 : "no spec given");
    if (status == DJZ_EXIT_OK && !out)
        status = djz_cli_usage("build", "no output directory (-o OUT)");
    if (status != DJZ_EXIT_OK) {
        djz_cli_free(&c);
        return status;
    }

    djz_source *src = djz_cli_read(&c, c.files[0]);
    djz_compilation comp;
    djz_build b = {0};
    bool built = false, written = false;
    if (src) {
        djz_compile_opts o = {.stdlib_dir = c.stdlib_dir};
        if (djz_cli_compile(&c, src, &o, &comp) && !c.sink.errors)
            built = djz_build_artifacts(&c.arena, &c.sink, &comp, c.files[0],
                                        what | DJZ_ARTIFACTS_MANIFEST, &b);
    }
    /* --warnings-as-errors turns warnings into errors: nothing written. */
    if (built && !c.sink.errors) {
        djz_outdir d;
        djz_outdir_status s = djz_outdir_open(&d, out, "djaz.json");
        bool ok = s == DJZ_OUTDIR_OK;
        for (size_t i = 0; ok && i < b.n; i++)
            ok = djz_outdir_write(
                &d, b.artifacts[i].path, b.artifacts[i].text.data,
                b.artifacts[i].text.len, b.artifacts[i].executable);
        ok = ok && djz_outdir_commit(&d);
        if (!ok) {
            djz_diag *diag = djz_report(
                &c.sink,
                s == DJZ_OUTDIR_FOREIGN ? DJZ_UNSAFE_OUTPUT
                                        : DJZ_FILE_UNWRITABLE,
                NULL, djz_span_make(0, 0), "%s; nothing was written", d.err);
            if (s == DJZ_OUTDIR_FOREIGN)
                djz_diag_help(&c.sink, diag,
                              "name a new or empty directory, or one an "
                              "earlier `djaz build` wrote");
            c.io_error = true;
        }
        written = ok;
        djz_outdir_close(&d);
    }
    status = djz_cli_finish(&c);
    /* Last, after any warnings: what was written. */
    if (written && !quiet && c.format == DJZ_OUT_TEXT) {
        fprintf(stderr, "djaz: wrote %zu files to ", b.n);
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
    "is replaced as a whole, and only when every file was written; when\n"
    "the spec has errors nothing is written.  OUT must be new, empty or\n"
    "written by an earlier `djaz build`; missing parent directories are\n"
    "created.\n"
    "\n"
    "Options:\n"
    "  -o, --output OUT       the output directory\n"
    "  -q, --quiet            do not say what was written\n"
    "      --only GROUPS      write only these artifacts (and djaz.json):\n"
    "                         arm, python, django, ci, "
    "comma-separated\n" DJZ_DIAG_OPTIONS_HELP DJZ_COMPILE_OPTIONS_HELP "\n"
    "Exit status: 0 written (warnings allowed), 1 errors in the spec,\n"
    "2 bad usage, an unreadable spec or an output that cannot be written.\n",
    run_build,
};
