/* cli.c - shared command-line plumbing. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void djz_cli_init(djz_cli *c, const char *command)
{
    memset(c, 0, sizeof *c);
    c->command = command;
    c->max_errors = 20;
    djz_arena_init(&c->arena);
    djz_sink_init(&c->sink, &c->arena, c->max_errors);
}

void djz_cli_free(djz_cli *c)
{
    djz_arena_free(&c->arena);
}

int djz_cli_usage(const char *command, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "djaz %s: ", command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'djaz help %s'.\n", command);
    return DJZ_EXIT_USAGE;
}

bool djz_cli_is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

/* The value of --opt=VALUE or --opt VALUE; NULL when argv[*i] is not opt. */
static const char *option_value(const char *opt, int argc, char **argv, int *i,
                                bool *missing)
{
    size_t n = strlen(opt);
    const char *arg = argv[*i];
    *missing = false;
    if (strncmp(arg, opt, n) != 0)
        return NULL;
    if (arg[n] == '=')
        return arg + n + 1;
    if (arg[n] != '\0') /* -WNAME=LEVEL, as gcc's -Wname: short options */
        return opt[1] != '-' ? arg + n : NULL;
    if (*i + 1 >= argc) {
        *missing = true;
        return NULL;
    }
    return argv[++*i];
}

static int set_format(djz_cli *c, const char *v)
{
    if (strcmp(v, "text") == 0)
        c->format = DJZ_OUT_TEXT;
    else if (strcmp(v, "json") == 0)
        c->format = DJZ_OUT_JSON;
    else if (strcmp(v, "sarif") == 0)
        c->format = DJZ_OUT_SARIF;
    else
        return -1;
    return 1;
}

static int set_color(djz_cli *c, const char *v)
{
    if (strcmp(v, "auto") == 0)
        c->color = DJZ_COLOR_AUTO;
    else if (strcmp(v, "always") == 0)
        c->color = DJZ_COLOR_ALWAYS;
    else if (strcmp(v, "never") == 0)
        c->color = DJZ_COLOR_NEVER;
    else
        return -1;
    return 1;
}

static int set_stdlib(djz_cli *c, const char *v)
{
    c->stdlib_dir = v;
    return 1;
}

/* -W NAME=LEVEL: NAME a lint's name or code, LEVEL off|note|warning|error. */
static int set_warning(djz_cli *c, const char *v)
{
    static const char *const levels[] = {"", "off", "note", "warning", "error"};
    const char *eq = strchr(v, '=');
    if (!eq)
        return -1;
    char *name = djz_arena_strndup(&c->arena, v, (size_t)(eq - v));
    djz_code code = djz_diag_parse_code(name);
    for (size_t i = 0; code == DJZ_CODE_NONE && i < djz_catalogue_len; i++)
        if (strcmp(djz_catalogue[i].name, name) == 0)
            code = djz_catalogue[i].code;
    for (int l = DJZ_LEVEL_OFF; l <= DJZ_LEVEL_ERROR; l++)
        if (strcmp(eq + 1, levels[l]) == 0)
            return djz_sink_set_level(&c->sink, code, (djz_level)l) ? 1 : -1;
    return -1;
}

static int set_max_errors(djz_cli *c, const char *v)
{
    char *end;
    errno = 0;
    unsigned long n = strtoul(v, &end, 10);
    if (!*v || *end || errno || v[0] == '-')
        return -1;
    c->max_errors = n;
    c->sink.max_errors = n;
    return 1;
}

int djz_cli_diag_option(djz_cli *c, int argc, char **argv, int *i)
{
    static const struct {
        const char *name, *expect;
        int (*set)(djz_cli *, const char *);
    } opts[] = {
        {"--format", "text, json or sarif", set_format},
        {"--color", "auto, always or never", set_color},
        {"--max-errors", "a number", set_max_errors},
        {"--stdlib", "a directory", set_stdlib},
        {"-W",
         "NAME=LEVEL: a DJZ6xxx warning and off, note, warning or "
         "error",
         set_warning},
    };
    if (strcmp(argv[*i], "--warnings-as-errors") == 0) {
        c->sink.warnings_as_errors = true;
        return 1;
    }
    for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
        bool missing;
        const char *v = option_value(opts[k].name, argc, argv, i, &missing);
        if (missing) {
            djz_cli_usage(c->command, "%s needs a value", opts[k].name);
            return -1;
        }
        if (!v)
            continue;
        if (opts[k].set(c, v) < 0) {
            djz_cli_usage(c->command, "%s takes %s, not '%s'", opts[k].name,
                          opts[k].expect, v);
            return -1;
        }
        return 1;
    }
    return 0;
}

/* 1 taken, 0 not a flag of the command, -1 a value is missing. */
static int take_flag(djz_cli *c, const djz_flag *flags, size_t nflags, int argc,
                     char **argv, int *i)
{
    for (size_t k = 0; k < nflags; k++) {
        bool missing;
        if (!flags[k].text) {
            if (strcmp(flags[k].name, argv[*i]) != 0)
                continue;
            *flags[k].value = true;
            return 1;
        }
        const char *v = option_value(flags[k].name, argc, argv, i, &missing);
        if (missing) {
            djz_cli_usage(c->command, "%s needs a value", flags[k].name);
            return -1;
        }
        if (v) {
            *flags[k].text = v;
            return 1;
        }
    }
    return 0;
}

int djz_cli_args(djz_cli *c, int argc, char **argv, const djz_flag *flags,
                 size_t nflags)
{
    c->files = djz_arena_alloc(&c->arena, sizeof *c->files * (size_t)argc);
    c->nfiles = 0;
    bool options = true;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!options || arg[0] != '-' || arg[1] == '\0') {
            c->files[c->nfiles++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            options = false;
            continue;
        }
        /* a command's own options first: `ir --format` is the IR's */
        int r = take_flag(c, flags, nflags, argc, argv, &i);
        if (r == 0)
            r = djz_cli_diag_option(c, argc, argv, &i);
        if (r < 0)
            return DJZ_EXIT_USAGE;
        if (r == 0)
            return djz_cli_usage(c->command, "unknown option '%s'", arg);
    }
    return DJZ_EXIT_OK;
}

djz_source *djz_cli_read(djz_cli *c, const char *path)
{
    djz_source *src = djz_source_read(&c->arena, path);
    if (!src && errno == EFBIG) {
        djz_diag *d = djz_report(
            &c->sink, DJZ_FILE_TOO_LARGE, NULL, djz_span_make(0, 0),
            "'%s' is larger than %u MiB", path, DJZ_MAX_SOURCE >> 20);
        djz_diag_help(&c->sink, d, "split the spec into modules");
    } else if (!src) {
        djz_report(&c->sink, DJZ_FILE_UNREADABLE, NULL, djz_span_make(0, 0),
                   "cannot read '%s': %s", path, strerror(errno));
        c->io_error = true;
    }
    return src;
}

bool djz_cli_color(djz_color_mode mode, FILE *stream)
{
    if (mode != DJZ_COLOR_AUTO)
        return mode == DJZ_COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color)
        return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return isatty(fileno(stream));
}

int djz_cli_finish(djz_cli *c)
{
    djz_render_opts o = {.tool_version = DJAZ_VERSION};
    switch (c->format) {
    case DJZ_OUT_TEXT:
        o.color = djz_cli_color(c->color, stderr);
        djz_render_text(stderr, &c->sink, &o);
        break;
    case DJZ_OUT_JSON:
        djz_render_json(stdout, &c->sink, &o);
        break;
    case DJZ_OUT_SARIF:
        djz_render_sarif(stdout, &c->sink, &o);
        break;
    }
    if (c->io_error)
        return DJZ_EXIT_USAGE;
    return c->sink.errors || c->sink.truncated ? DJZ_EXIT_SPEC : DJZ_EXIT_OK;
}
