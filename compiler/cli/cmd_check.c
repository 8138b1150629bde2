/* cmd_check.c - `djaz check SPEC...`: report every problem, write nothing. */
#include "cli.h"
#include "driver/build.h"

static int run_check(int argc, char **argv)
{
    djz_cli c;
    djz_cli_init(&c, "check");
    bool syntax_only = false;
    const djz_flag flags[] = {{"--syntax-only", &syntax_only, NULL}};
    int status = djz_cli_args(&c, argc, argv, flags, 1);
    if (status == DJZ_EXIT_OK && c.nfiles == 0)
        status = djz_cli_usage("check", "no spec given");
    if (status == DJZ_EXIT_OK) {
        for (int i = 0; i < c.nfiles; i++) {
            djz_source *src = djz_cli_read(&c, c.files[i]);
            if (!src)
                continue;
            if (syntax_only) { /* this file's syntax: no imports, no meaning */
                djz_parse(&c.arena, &c.sink, src);
                continue;
            }
            djz_compile_opts o = {.stdlib_dir = c.stdlib_dir};
            djz_compilation comp;
            size_t errors = c.sink.errors;
            /* The back ends too, in memory: their limits are problems of
             * the spec that `build` would report.  No manifest: nothing
             * is written, so nothing is hashed. */
            if (djz_cli_compile(&c, src, &o, &comp) &&
                c.sink.errors == errors) {
                djz_build b;
                djz_build_artifacts(&c.arena, &c.sink, &comp, c.files[i],
                                    DJZ_ARTIFACTS_ALL, &b);
                djz_build_free(&b);
            }
        }
        status = djz_cli_finish(&c);
    }
    djz_cli_free(&c);
    return status;
}

const djz_command djz_cmd_check = {
    "check",
    "report every problem in specs; write nothing",
    "Usage: djaz check [OPTIONS] SPEC...\n"
    "\n"
    "Reads each SPEC (- for standard input) with the modules it imports,\n"
    "checks it against the schema and the stdlib's knowledge, resolves\n"
    "every environment, builds every artifact in memory (to check ARM's\n"
    "limits) and reports every problem found.  Silent when the specs are\n"
    "clean.\n"
    "\n"
    "Options:\n"
    "      --syntax-only      check each file's syntax only: no imports,\n"
    "                         no meaning, no lint (fast, for "
    "editors)\n" DJZ_DIAG_OPTIONS_HELP DJZ_COMPILE_OPTIONS_HELP "\n"
    "Exit status: 0 clean (warnings allowed), 1 errors in a spec,\n"
    "2 bad usage or a file that cannot be read.\n",
    run_check,
};
