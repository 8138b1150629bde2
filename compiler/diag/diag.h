/* diag.h - diagnostics as values: the catalogue, the sink, the renderers.
 *
 * Stages never print.  They report into a djz_diag_sink owned by the
 * compilation; the CLI renders the sink at the end in the format the user
 * asked for.  Every diagnostic has a stable code from catalogue.def, a
 * severity, a primary span (or none, for file-level problems), a message,
 * an optional help line and optional notes pointing elsewhere. */
#ifndef DJZ_DIAG_H
#define DJZ_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "../support/arena.h"
#include "../support/source.h"

typedef enum djz_severity {
    DJZ_SEV_NOTE,
    DJZ_SEV_WARNING,
    DJZ_SEV_ERROR,
} djz_severity;

typedef enum djz_code {
    DJZ_CODE_NONE = 0,
#define DJZ_DIAG(num, id, sev, name, title, explain) DJZ_##id = num,
#include "catalogue.def"
#undef DJZ_DIAG
} djz_code;

typedef struct djz_diag_info {
    djz_code code;
    djz_severity severity; /* default severity */
    const char *name;      /* kebab-case */
    const char *title;     /* one line */
    const char *explain;   /* long form for `djaz explain` */
} djz_diag_info;

typedef struct djz_note {
    struct djz_note *next;
    djz_source *src;
    djz_span span;
    const char *message;
} djz_note;

typedef struct djz_diag {
    struct djz_diag *next;
    djz_code code;
    djz_severity severity;
    djz_source *src; /* NULL: no location */
    djz_span span;
    const char *message;
    const char *help; /* NULL when none */
    djz_note *notes;
} djz_diag;

/* A level a user gives a code with -W CODE=LEVEL. */
typedef enum djz_level {
    DJZ_LEVEL_DEFAULT,
    DJZ_LEVEL_OFF,
    DJZ_LEVEL_NOTE,
    DJZ_LEVEL_WARNING,
    DJZ_LEVEL_ERROR,
} djz_level;

typedef struct djz_level_override {
    djz_code code;
    djz_level level;
} djz_level_override;

typedef struct djz_diag_sink {
    djz_arena *arena;
    djz_diag *head, *tail;
    size_t count, errors, warnings;
    size_t max_errors; /* 0: unlimited */
    bool truncated;    /* errors were dropped past max_errors */
    bool warnings_as_errors;
    djz_level_override *levels; /* -W CODE=LEVEL, last one wins */
    size_t nlevels;
    size_t suppressed;          /* dropped by -W CODE=off */
    bool usage;                 /* an error of the invocation, not of a spec */
    struct djz_diag_said *said; /* djz_diag_first's set (open addressing) */
    size_t said_cap, said_n;
} djz_diag_sink;

/* The catalogue, in code order. */
extern const djz_diag_info djz_catalogue[];
extern const size_t djz_catalogue_len;
/* NULL when code is not in the catalogue. */
const djz_diag_info *djz_diag_lookup(djz_code code);
/* Parses "DJZ1002", "djz1002" or "1002"; DJZ_CODE_NONE when unknown. */
djz_code djz_diag_parse_code(const char *text);

void djz_sink_init(djz_diag_sink *s, djz_arena *a, size_t max_errors);
/* Reports a diagnostic with its catalogue severity.  Once max_errors
 * errors are in, further errors are counted as dropped and a detached
 * diagnostic is returned, so callers may still add help and notes. */
djz_diag *djz_report(djz_diag_sink *s, djz_code code, djz_source *src,
                     djz_span span, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* djz_report with the arguments as a va_list, for reporters of their own
 * (lint's). */
djz_diag *djz_vreport(djz_diag_sink *s, djz_code code, djz_source *src,
                      djz_span span, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));
/* Whether code at span of src is said for the first time, remembering it:
 * for a stage that would otherwise report one mistake once per use (a bad
 * reference inherited by every environment).  DJZ_CODE_NONE stands for
 * any code: "the first diagnostic at this place". */
bool djz_diag_first(djz_diag_sink *s, djz_code code, const djz_source *src,
                    djz_span span);
void djz_diag_help(djz_diag_sink *s, djz_diag *d, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Adds "did you mean `X`?" when a candidate is close to word (see
 * djz_suggest); returns whether it did, so callers can fall back. */
bool djz_diag_did_you_mean(djz_diag_sink *s, djz_diag *d, const char *word,
                           const char *const *names, size_t n);
void djz_diag_note(djz_diag_sink *s, djz_diag *d, djz_source *src,
                   djz_span span, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Whether a code is retired: nothing reports it any more. */
bool djz_diag_retired(const djz_diag_info *info);
/* Sets the level of a code (lint codes only; others keep theirs; an
 * error stays an error).  Returns false for a level it cannot take. */
bool djz_sink_set_level(djz_diag_sink *s, djz_code code, djz_level level);

/* True once max_errors errors have been reported. */
bool djz_sink_full(const djz_diag_sink *s);

/* Diagnostics in a stable order: by file (first reported first), then by
 * position, then by report order.  The array lives in the sink's arena. */
djz_diag **djz_sink_sorted(djz_diag_sink *s, size_t *n);

/* Renderers.  Text is for people (colour only when asked); JSON lines and
 * SARIF 2.1.0 are for tools. */
typedef struct djz_render_opts {
    bool color;
    const char *tool_version; /* for SARIF's driver.version */
} djz_render_opts;

void djz_render_text(FILE *out, djz_diag_sink *s, const djz_render_opts *o);
void djz_render_json(FILE *out, djz_diag_sink *s, const djz_render_opts *o);
void djz_render_sarif(FILE *out, djz_diag_sink *s, const djz_render_opts *o);
/* s as text for a terminal: a newline as \n, a tab as \t, any other
 * invisible or bidirectional character (djz_utf8_invisible) as \u{XX}, as
 * the formatter writes it, and a byte of invalid UTF-8 as \xHH.  For file
 * names and messages, which must not forge a line or reorder the text.
 * A file name's backslash is shown as \\ too, so that a name cannot look
 * like another; a message's is not: messages and help quote djaz's own
 * escapes (write `\n` for a line break). */
void djz_render_escaped(FILE *out, const char *s);
void djz_render_escaped_message(FILE *out, const char *s);
/* Long form of one code, for `djaz explain`. */
void djz_render_explain(FILE *out, const djz_diag_info *info, bool color);

const char *djz_severity_name(djz_severity sev);

/* An internal error (a 9xxx code): a bug in djaz, not in the spec.
 * Prints the code, the message and a request to report it on stderr and
 * exits with status 2; nothing has been written by then (back ends build
 * in memory). */
_Noreturn void djz_internal(djz_code code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
