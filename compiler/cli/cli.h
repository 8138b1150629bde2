/* cli.h - what every djaz command shares: diagnostic options, reading
 * specs, rendering the sink, exit codes. */
#ifndef DJZ_CLI_H
#define DJZ_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "diag/diag.h"
#include "driver/compile.h"
#include "syntax/parse.h"

/* Exit statuses, documented in `djaz help` and the man page. */
enum {
    DJZ_EXIT_OK = 0,
    DJZ_EXIT_SPEC = 1,    /* errors in a spec */
    DJZ_EXIT_USAGE = 2,   /* bad command line, or an I/O error */
    DJZ_EXIT_CHANGED = 3, /* fmt --check: a file would change */
};

typedef enum djz_out_format {
    DJZ_OUT_TEXT,
    DJZ_OUT_JSON,
    DJZ_OUT_SARIF,
} djz_out_format;

typedef enum djz_color_mode {
    DJZ_COLOR_AUTO,
    DJZ_COLOR_ALWAYS,
    DJZ_COLOR_NEVER,
} djz_color_mode;

typedef struct djz_cli {
    const char *command;
    djz_out_format format;
    djz_color_mode color;
    size_t max_errors;
    bool io_error;
    const char *stdlib_dir; /* --stdlib DIR, or NULL */
    const char **files;     /* from djz_cli_args, in the arena */
    int nfiles;
    djz_arena arena;
    djz_diag_sink sink;
    const char *rendered; /* djz_cli_prerender's text, in the arena */
    size_t rendered_len, rendered_count;
} djz_cli;

void djz_cli_init(djz_cli *c, const char *command);
void djz_cli_free(djz_cli *c);
/* Takes argv[*i] (and its value) when it is a diagnostic option:
 * 1 taken, 0 not one, -1 bad value (already reported). */
int djz_cli_diag_option(djz_cli *c, int argc, char **argv, int *i);
/* A command's own option: an on/off flag (--check) sets *value; an
 * option with a value (--env NAME) sets *text. */
typedef struct djz_flag {
    const char *name;
    bool *value;
    const char **text;
} djz_flag;

/* Parses argv[1..]: the diagnostic options, the command's flags, `--`,
 * and everything else as files (- is standard input).  Returns
 * DJZ_EXIT_OK, or DJZ_EXIT_USAGE after saying what is wrong. */
int djz_cli_args(djz_cli *c, int argc, char **argv, const djz_flag *flags,
                 size_t nflags);

/* Reads a file, or reports DJZ2001 and returns NULL. */
djz_source *djz_cli_read(djz_cli *c, const char *path);
/* Reports that path could not be read, errno err (EFBIG: too large). */
void djz_cli_unreadable(djz_cli *c, const char *path, int err);
/* djz_compile into c's arena and sink; a module that could not be read
 * (an I/O error, not a mistake in the spec) makes the exit status 2. */
bool djz_cli_compile(djz_cli *c, djz_source *src, const djz_compile_opts *o,
                     djz_compilation *comp);
/* Renders the sink (text on stderr, JSON and SARIF on stdout) and returns
 * the exit status it implies. */
int djz_cli_finish(djz_cli *c);
/* Renders the sink now, into memory, for djz_cli_finish to write as it is
 * unless a diagnostic comes after: a command whose last step must need no
 * memory (build, once its output is in place) calls it just before. */
void djz_cli_prerender(djz_cli *c);
/* What write(out, arg) prints, as a NUL-terminated string in c's arena
 * (its length in *len unless len is NULL). */
char *djz_cli_capture(djz_cli *c, void (*write)(FILE *, const void *),
                      const void *arg, size_t *len);
int djz_cli_usage(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
bool djz_cli_color(djz_color_mode mode, FILE *stream);
/* Whether argv[i] asks for help. */
bool djz_cli_is_help(const char *arg);

typedef struct djz_command {
    const char *name;
    const char *summary;
    const char *help;
    int (*run)(int argc, char **argv);
} djz_command;

extern const djz_command djz_cmd_check;
extern const djz_command djz_cmd_build;
extern const djz_command djz_cmd_fmt;
extern const djz_command djz_cmd_ir;
extern const djz_command djz_cmd_parse;
extern const djz_command djz_cmd_schema;
extern const djz_command djz_cmd_explain;

/* Help for the shared options; `ir` has a --format of its own. */
#define DJZ_FORMAT_OPTION_HELP                                                 \
    "      --format FORMAT    diagnostics as text (default), json (one\n"      \
    "                         object per line) or sarif (SARIF 2.1.0)\n"
#define DJZ_OTHER_DIAG_OPTIONS_HELP                                            \
    "      --max-errors N     stop after N errors (default 20, 0: no limit)\n" \
    "      --color WHEN       auto (default), always or never; auto colours\n" \
    "                         a terminal unless NO_COLOR is set or\n"          \
    "                         TERM=dumb\n"                                     \
    "      --                 the arguments after it are files, even if\n"     \
    "                         they start with -\n"
#define DJZ_DIAG_OPTIONS_HELP DJZ_FORMAT_OPTION_HELP DJZ_OTHER_DIAG_OPTIONS_HELP

#define DJZ_COMPILE_OPTIONS_HELP                                               \
    "      --stdlib DIR       read the stdlib from DIR instead of the copy\n"  \
    "                         built into djaz\n"                               \
    "  -W NAME=LEVEL          set a warning (a name such as ftp-enabled, or\n" \
    "                         a DJZ6xxx code) to off, note, warning or\n"      \
    "                         error; the last -W for a warning wins\n"         \
    "      --warnings-as-errors\n"                                             \
    "                         report warnings as errors (exit status 1)\n"

#endif
