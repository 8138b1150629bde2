/* cmd_check.c - `djaz check SPEC...`: report every problem, write nothing. */
#include "cli.h"

#include <string.h>

static int run_check(int argc, char **argv)
{
    djz_cli c;
    djz_cli_init(&c, "check");
    int nfiles = 0, status = DJZ_EXIT_OK;
    for (int i = 1; i < argc && status == DJZ_EXIT_OK; i++) {
        int r = djz_cli_diag_option(&c, argc, argv, &i);
        if (r < 0)
            status = DJZ_EXIT_USAGE;
        else if (r == 0 && argv[i][0] == '-' && argv[i][1] != '\0')
            status = djz_cli_usage("check", "unknown option '%s'", argv[i]);
        else if (r == 0)
            nfiles++;
    }
    if (status == DJZ_EXIT_OK && nfiles == 0)
        status = djz_cli_usage("check", "no spec given");
    if (status != DJZ_EXIT_OK) {
        djz_cli_free(&c);
        return status;
    }
    for (int i = 1; i < argc; i++) {
        if (djz_cli_diag_option(&c, argc, argv, &i) != 0)
            continue;
        djz_source *src = djz_cli_read(&c, argv[i]);
        if (src)
            djz_parse(&c.arena, &c.sink, src);
    }
    status = djz_cli_finish(&c);
    djz_cli_free(&c);
    return status;
}

const djz_command djz_cmd_check = {
    "check",
    "report every problem in specs; write nothing",
    "Usage: djaz check [OPTIONS] SPEC...\n"
    "\n"
    "Reads each SPEC (- for standard input) and reports every problem found.\n"
    "Silent when the specs are clean.\n"
    "\n"
    "Options:\n" DJZ_DIAG_OPTIONS_HELP "\n"
    "Exit status: 0 clean (warnings allowed), 1 errors in a spec,\n"
    "2 bad usage or a file that cannot be read.\n",
    run_check,
};
