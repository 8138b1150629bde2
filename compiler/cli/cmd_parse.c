/* cmd_parse.c - `djaz parse --dump-ast SPEC`: the syntax tree, for tests. */
#include "cli.h"

static int run_parse(int argc, char **argv)
{
    djz_cli c;
    djz_cli_init(&c, "parse");
    bool dump = false, spans = false;
    const djz_flag flags[] = {{"--dump-ast", &dump, NULL},
                              {"--spans", &spans, NULL}};
    int status = djz_cli_args(&c, argc, argv, flags, 2);
    if (status == DJZ_EXIT_OK && (c.nfiles != 1 || !dump))
        status = djz_cli_usage("parse", "usage: djaz parse --dump-ast "
                                        "[--spans] SPEC");
    if (status == DJZ_EXIT_OK) {
        djz_source *src = djz_cli_read(&c, c.files[0]);
        djz_parsed p =
            src ? djz_parse(&c.arena, &c.sink, src) : (djz_parsed){0};
        if (p.file)
            djz_ast_dump(stdout, p.file, spans);
        status = djz_cli_finish(&c);
    }
    djz_cli_free(&c);
    return status;
}

const djz_command djz_cmd_parse = {
    "parse",
    "print the syntax tree of a spec",
    "Usage: djaz parse --dump-ast [--spans] [OPTIONS] SPEC\n"
    "\n"
    "Prints the syntax tree of SPEC as an S-expression, one statement per\n"
    "line.  With --spans each node carries @START..END byte offsets.  The\n"
    "tree is printed even when the spec has errors (statements that failed\n"
    "to parse are left out); the diagnostics go to standard error.\n"
    "\n"
    "Options:\n" DJZ_DIAG_OPTIONS_HELP "\n"
    "Exit status: 0 clean, 1 errors in the spec, 2 bad usage or I/O error.\n",
    run_parse,
};
