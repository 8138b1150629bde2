/* cmd_explain.c - `djaz explain CODE`: the long form of a diagnostic. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "support/suggest.h"

static void list_codes(void)
{
    for (size_t i = 0; i < djz_catalogue_len; i++) {
        const djz_diag_info *d = &djz_catalogue[i];
        printf("DJZ%04d  %-8s %-28s %s\n", (int)d->code,
               djz_severity_name(d->severity), d->name, d->title);
    }
}

/* "no diagnostic", with "did you mean" among the names of the codes. */
static int no_diagnostic(const char *word)
{
    const char **names = djz_xmalloc(sizeof *names * djz_catalogue_len);
    for (size_t i = 0; i < djz_catalogue_len; i++)
        names[i] = djz_catalogue[i].name;
    const char *near = djz_suggest(word, names, djz_catalogue_len);
    free(names);
    if (near)
        return djz_cli_usage(
            "explain", "no diagnostic '%s'; did you mean '%s'?", word, near);
    return djz_cli_usage("explain",
                         "no diagnostic '%s'; 'djaz explain --list' lists "
                         "them",
                         word);
}

static int run_explain(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        list_codes();
        return DJZ_EXIT_OK;
    }
    if (argc != 2)
        return djz_cli_usage("explain", "give one code, like DJZ1021, "
                                        "or --list");
    djz_code code = djz_diag_parse_code(argv[1]);
    const djz_diag_info *info = NULL;
    for (size_t i = 0; code == DJZ_CODE_NONE && i < djz_catalogue_len; i++)
        if (strcmp(djz_catalogue[i].name, argv[1]) == 0)
            info = &djz_catalogue[i];
    if (code != DJZ_CODE_NONE)
        info = djz_diag_lookup(code);
    if (!info)
        return no_diagnostic(argv[1]);
    djz_render_explain(stdout, info, djz_cli_color(DJZ_COLOR_AUTO, stdout));
    return DJZ_EXIT_OK;
}

const djz_command djz_cmd_explain = {
    "explain",
    "explain a diagnostic code",
    "Usage: djaz explain CODE\n"
    "       djaz explain --list\n"
    "\n"
    "Prints the long explanation of a diagnostic, given as DJZ1021, 1021\n"
    "or its name (colon-for-equals).  --list prints every code with its\n"
    "severity, name and title.\n",
    run_explain,
};
