/* cmd_parse.c - `djaz parse --dump-ast SPEC`: the syntax tree, for tests. */
#include "cli.h"

#include <string.h>

static int run_parse(int argc, char **argv)
{
    djz_cli c;
    djz_cli_init(&c, "parse");
    bool dump = false, spans = false;
    const char *path = NULL;
    int status = DJZ_EXIT_OK;
    for (int i = 1; i < argc && status == DJZ_EXIT_OK; i++) {
        int r = djz_cli_diag_option(&c, argc, argv, &i);
        if (r < 0)
            status = DJZ_EXIT_USAGE;
        else if (r > 0)
            continue;
        else if (strcmp(argv[i], "--dump-ast") == 0)
            dump = true;
        else if (strcmp(argv[i], "--spans") == 0)
            spans = true;
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            status = djz_cli_usage("parse", "unknown option '%s'", argv[i]);
        else if (path)
            status = djz_cli_usage("parse", "one spec at a time");
        else
            path = argv[i];
    }
    if (status == DJZ_EXIT_OK && (!path || !dump))
        status = djz_cli_usage("parse", "usage: djaz parse --dump-ast "
                                        "[--spans] SPEC");
    if (status == DJZ_EXIT_OK) {
        djz_source *src = djz_cli_read(&c, path);
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
