/* cmd_ir.c - `djaz ir SPEC [--env E]`: the resolved model, as JSON. */
#include "cli.h"
#include "driver/compile.h"

#include <string.h>

static int run_ir(int argc, char **argv)
{
    djz_cli c;
    djz_cli_init(&c, "ir");
    const char *env = NULL, *format = "json";
    const djz_flag flags[] = {{"--env", NULL, &env},
                              {"--format", NULL, &format}};
    int status = djz_cli_args(&c, argc, argv, flags, 2);
    if (status == DJZ_EXIT_OK && c.nfiles != 1)
        status = djz_cli_usage("ir", "usage: djaz ir [--env NAME] "
                                     "[--format json] SPEC");
    if (status == DJZ_EXIT_OK && strcmp(format, "json") != 0)
        status = djz_cli_usage("ir", "--format takes json, not '%s'", format);
    if (status != DJZ_EXIT_OK) {
        djz_cli_free(&c);
        return status;
    }
    djz_source *src = djz_cli_read(&c, c.files[0]);
    djz_compile_opts o = {.stdlib_dir = c.stdlib_dir, .only_env = env};
    djz_compilation comp;
    bool built = src && djz_cli_compile(&c, src, &o, &comp);
    if (built && c.sink.errors == 0)
        djz_ir_dump_json(stdout, &comp.ir, env);
    status = djz_cli_finish(&c);
    djz_cli_free(&c);
    return status;
}

const djz_command djz_cmd_ir = {
    "ir",
    "print the resolved model of each environment",
    "Usage: djaz ir [--env NAME] [--format json] [OPTIONS] SPEC\n"
    "\n"
    "Compiles SPEC and prints its resolved model as JSON: for each\n"
    "environment (or only NAME), every block with every attribute after\n"
    "presets, overrides, references and interpolations.  Nothing is\n"
    "printed when the spec has errors.  The output is the same for the\n"
    "same spec and stdlib, byte for byte.\n"
    "\n"
    "Options:\n"
    "      --env NAME         only this environment\n"
    "      --format json      the format of the model (the only one);\n"
    "                         diagnostics are text on standard "
    "error\n" DJZ_OTHER_DIAG_OPTIONS_HELP DJZ_COMPILE_OPTIONS_HELP "\n"
    "Exit status: 0 done, 1 errors in the spec, 2 bad usage or I/O error.\n",
    run_ir,
};
