/* cli.c - shared command-line plumbing.
 *
 * What the command line says back (usage errors, file names) is escaped
 * as the text renderer escapes a message (djz_render_escaped_message): an
 * argument or a file name cannot forge a line of djaz's output. */
#include "cli.h"

#include "support/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver/compile.h"
#include "support/suggest.h"
#include "support/version.h"

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
    va_start(ap, fmt);
    char *message = djz_xvasprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "djaz %s: ", command);
    djz_render_escaped_message(stderr, message);
    fprintf(stderr, "\nTry 'djaz help %s'.\n", command);
    free(message);
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

/* The code -W names, by code (DJZ6001, 6001) or by name (ftp-enabled). */
static djz_code warning_code(const char *name)
{
    djz_code code = djz_diag_parse_code(name);
    for (size_t i = 0; code == DJZ_CODE_NONE && i < djz_catalogue_len; i++)
        if (strcmp(djz_catalogue[i].name, name) == 0)
            code = djz_catalogue[i].code;
    const djz_diag_info *info = djz_diag_lookup(code);
    return info && djz_diag_retired(info) ? DJZ_CODE_NONE : code;
}

/* A lint rule that is an error, which -W may not lower. */
static bool lint_error(djz_code code)
{
    const djz_diag_info *info = djz_diag_lookup(code);
    return info && code >= 6000 && code <= 6999 &&
           info->severity == DJZ_SEV_ERROR;
}

/* "-W: no warning 'NAME'", with "did you mean" among the lint names. */
static int unknown_warning(djz_cli *c, const char *name)
{
    const char **names =
        djz_arena_alloc(&c->arena, sizeof *names * djz_catalogue_len);
    size_t n = 0;
    for (size_t i = 0; i < djz_catalogue_len; i++)
        if (djz_catalogue[i].code >= 6000 && djz_catalogue[i].code <= 6999 &&
            !djz_diag_retired(&djz_catalogue[i]))
            names[n++] = djz_catalogue[i].name;
    const char *near = djz_suggest(name, names, n);
    if (near)
        djz_cli_usage(c->command, "-W: no warning '%s'; did you mean '%s'?",
                      name, near);
    else
        djz_cli_usage(c->command,
                      "-W: no warning '%s'; 'djaz explain --list' "
                      "lists them (DJZ6xxx)",
                      name);
    return -2;
}

/* -W NAME=LEVEL: NAME a lint's name or code, LEVEL off|note|warning|error.
 * -1 for a value without `=`; -2 once a precise message was given. */
static int set_warning(djz_cli *c, const char *v)
{
    static const char *const levels[] = {"", "off", "note", "warning", "error"};
    const char *eq = strchr(v, '=');
    if (!eq)
        return -1;
    char *name = djz_arena_strndup(&c->arena, v, (size_t)(eq - v));
    djz_code code = warning_code(name);
    if (code == DJZ_CODE_NONE)
        return unknown_warning(c, name);
    for (int l = DJZ_LEVEL_OFF; l <= DJZ_LEVEL_ERROR; l++)
        if (strcmp(eq + 1, levels[l]) == 0) {
            if (djz_sink_set_level(&c->sink, code, (djz_level)l))
                return 1;
            if (lint_error(code)) {
                djz_cli_usage(c->command,
                              "-W cannot lower %s (DJZ%04d): it is an "
                              "error; fix what it reports",
                              djz_diag_lookup(code)->name, (int)code);
                return -2;
            }
            djz_cli_usage(c->command,
                          "-W: DJZ%04d is not a warning; only the lint "
                          "rules (DJZ6xxx) can be changed",
                          (int)code);
            return -2;
        }
    const char *near = djz_suggest(eq + 1, levels + 1, 4);
    djz_cli_usage(c->command,
                  "-W: no level '%s'%s%s%s; the levels are off, note, "
                  "warning and error",
                  eq + 1, near ? " (did you mean '" : "", near ? near : "",
                  near ? "'?)" : "");
    return -2;
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
        int r = opts[k].set(c, v);
        if (r == -1)
            djz_cli_usage(c->command, "%s takes %s, not '%s'", opts[k].name,
                          opts[k].expect, v);
        return r < 0 ? -1 : 1;
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

/* "unknown option", with "did you mean" among the command's own options
 * and the diagnostic ones. */
static int unknown_option(djz_cli *c, const char *arg, const djz_flag *flags,
                          size_t nflags)
{
    static const char *const shared[] = {"--format", "--color", "--max-errors",
                                         "--stdlib", "--warnings-as-errors"};
    enum { NSHARED = sizeof shared / sizeof shared[0] };
    const char **names =
        djz_arena_alloc(&c->arena, sizeof *names * (nflags + NSHARED));
    for (size_t k = 0; k < nflags; k++)
        names[k] = flags[k].name;
    memcpy(names + nflags, shared, sizeof shared);
    const char *eq = strchr(arg, '=');
    const char *word =
        eq ? djz_arena_strndup(&c->arena, arg, (size_t)(eq - arg)) : arg;
    const char *near = djz_suggest(word, names, nflags + NSHARED);
    if (near)
        return djz_cli_usage(
            c->command, "unknown option '%s'; did you mean '%s'?", word, near);
    return djz_cli_usage(c->command, "unknown option '%s'", arg);
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
            return unknown_option(c, arg, flags, nflags);
    }
    return DJZ_EXIT_OK;
}

void djz_cli_unreadable(djz_cli *c, const char *path, int err)
{
    if (err == EFBIG) {
        djz_diag *d = djz_report(
            &c->sink, DJZ_FILE_TOO_LARGE, NULL, djz_span_make(0, 0),
            "'%s' is larger than %u MiB", path, DJZ_MAX_SOURCE >> 20);
        djz_diag_help(&c->sink, d, "split the spec into modules");
        return;
    }
    djz_report(&c->sink, DJZ_FILE_UNREADABLE, NULL, djz_span_make(0, 0),
               "cannot read '%s': %s", path, strerror(err));
    c->io_error = true;
}

djz_source *djz_cli_read(djz_cli *c, const char *path)
{
    djz_source *src = djz_source_read(&c->arena, path);
    if (!src)
        djz_cli_unreadable(c, path, errno);
    return src;
}

bool djz_cli_compile(djz_cli *c, djz_source *src, const djz_compile_opts *o,
                     djz_compilation *comp)
{
    bool built = djz_compile(&c->arena, &c->sink, src, o, comp);
    if (comp->program.io_error)
        c->io_error = true;
    return built;
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

/* Renders the sink in c's format onto out, coloured as its destination
 * allows. */
static void render(djz_cli *c, FILE *out)
{
    djz_render_opts o = {.tool_version = djz_version};
    switch (c->format) {
    case DJZ_OUT_TEXT:
        o.color = djz_cli_color(c->color, stderr);
        djz_render_text(out, &c->sink, &o);
        break;
    case DJZ_OUT_JSON:
        djz_render_json(out, &c->sink, &o);
        break;
    case DJZ_OUT_SARIF:
        djz_render_sarif(out, &c->sink, &o);
        break;
    }
}

/* What the sink's rendering depends on, to tell a later diagnostic. */
static size_t sink_state(const djz_diag_sink *s)
{
    return s->count * 2 + s->truncated;
}

/* Writes text a line at a time, as the renderers do: a stream that fails
 * then fails as it would have (its last flush still says why). */
static void write_lines(FILE *out, const char *text, size_t len)
{
    for (const char *end = text + len; text < end;) {
        const char *nl = memchr(text, '\n', (size_t)(end - text));
        size_t n = nl ? (size_t)(nl - text) + 1 : (size_t)(end - text);
        fwrite(text, 1, n, out);
        text += n;
    }
}

char *djz_cli_capture(djz_cli *c, void (*write)(FILE *, const void *),
                      const void *arg, size_t *len)
{
    djz_buf text = {0};
    FILE *f = djz_buf_stream(&text);
    write(f, arg);
    fclose(f);
    char *copy = djz_arena_strndup(&c->arena, djz_buf_str(&text), text.len);
    if (len)
        *len = text.len;
    djz_buf_free(&text);
    return copy;
}

static void render_sink(FILE *out, const void *c)
{
    render((djz_cli *)c, out);
}

void djz_cli_prerender(djz_cli *c)
{
    c->rendered = djz_cli_capture(c, render_sink, c, &c->rendered_len);
    c->rendered_count = sink_state(&c->sink);
}

int djz_cli_finish(djz_cli *c)
{
    FILE *out = c->format == DJZ_OUT_TEXT ? stderr : stdout;
    if (c->rendered && c->rendered_count == sink_state(&c->sink))
        write_lines(out, c->rendered, c->rendered_len); /* needs no memory */
    else
        render(c, out);
    if (c->io_error || c->sink.usage)
        return DJZ_EXIT_USAGE;
    return c->sink.errors || c->sink.truncated ? DJZ_EXIT_SPEC : DJZ_EXIT_OK;
}
