/* render_text.c - diagnostics for people: location, source line, carets.
 *
 * One diagnostic looks like this, W being the number of digits of the
 * largest line number it shows (primary and notes alike):
 *
 *   FILE:LINE:COL: error[DJZ1021]: MESSAGE
 *    LINE | source text
 *    (W)  |        ^^^^
 *    (W)  = help: HELP
 *   FILE:LINE:COL: note: MESSAGE        (then its own line and carets)
 *
 * A line is shown with each tab as four spaces and each invisible
 * character (djz_utf8_invisible: controls, zero-width and bidirectional
 * ones) or byte of invalid UTF-8 as U+FFFD; every other code point is one
 * column wide, which is what keeps the carets under the text they mark.
 * Columns in the location are code points (a tab is one), as in source.h.
 * File names (djz_render_escaped, a backslash too, so that `a\nb` is not
 * a newline) and messages (djz_render_escaped_message: a backslash as
 * it is, since messages and help quote djaz's escapes, as `\n`) are
 * escaped, so neither a file name nor a spec's value can forge a line or
 * command the terminal.
 * Colour is ANSI SGR, written only when asked for. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../support/utf8.h"
#include "diag.h"

#define SGR_RESET   "\033[0m"
#define SGR_BOLD    "\033[1m"
#define SGR_RED     "\033[1;31m"
#define SGR_GREEN   "\033[1;32m"
#define SGR_YELLOW  "\033[1;33m"
#define SGR_BLUE    "\033[1;34m"
#define SGR_CYAN    "\033[1;36m"
#define REPLACEMENT "\xEF\xBF\xBD"

typedef struct text_out {
    FILE *out;
    bool color;
    int width; /* W: digits of the largest line number shown */
} text_out;

static void paint_on(const text_out *t, const char *sgr)
{
    if (t->color)
        fputs(sgr, t->out);
}

static void paint_off(const text_out *t)
{
    if (t->color)
        fputs(SGR_RESET, t->out);
}

static void paint(const text_out *t, const char *sgr, const char *text)
{
    paint_on(t, sgr);
    fputs(text, t->out);
    paint_off(t);
}

static void put_repeat(FILE *out, int c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(c, out);
}

static const char *severity_sgr(djz_severity sev)
{
    switch (sev) {
    case DJZ_SEV_ERROR:
        return SGR_RED;
    case DJZ_SEV_WARNING:
        return SGR_YELLOW;
    case DJZ_SEV_NOTE:
        return SGR_CYAN;
    }
    return SGR_RED;
}

static int digits(uint32_t n)
{
    int k = 1;
    while (n >= 10) {
        n /= 10;
        k++;
    }
    return k;
}

static uint32_t line_of(djz_source *src, djz_span span)
{
    return djz_source_linecol(src, span.lo).line;
}

/* W for d: the digits of the largest line number it displays (1 when it
 * displays none, so help and note lines keep their indentation). */
static int gutter_width(const djz_diag *d)
{
    uint32_t max = d->src ? line_of(d->src, d->span) : 0;
    for (const djz_note *n = d->notes; n; n = n->next)
        if (n->src && line_of(n->src, n->span) > max)
            max = line_of(n->src, n->span);
    return digits(max);
}

/* One display unit at p: a code point, or a single byte of an invalid
 * sequence (reported as U+FFFD).  Returns its length in bytes. */
static uint32_t next_unit(const char *p, uint32_t n, uint32_t *cp)
{
    size_t len = djz_utf8_decode(p, n, cp);
    if (len == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    return (uint32_t)len;
}

static void put_line_text(const text_out *t, const char *text, uint32_t len)
{
    for (uint32_t i = 0; i < len;) {
        uint32_t cp;
        uint32_t n = next_unit(text + i, len - i, &cp);
        if (cp == '\t')
            fputs("    ", t->out);
        else if (djz_utf8_invisible(cp) || cp == 0xFFFD)
            fputs(REPLACEMENT, t->out);
        else
            fwrite(text + i, 1, n, t->out);
        i += n;
    }
}

/* Display columns of the line before the span (*pad) and of the span's
 * part on the line (*carets, at least 1); lo and hi are relative to the
 * line's start and may lie past its end. */
static void measure(const char *text, uint32_t len, uint32_t lo, uint32_t hi,
                    size_t *pad, size_t *carets)
{
    *pad = *carets = 0;
    for (uint32_t i = 0; i < len;) {
        uint32_t cp;
        uint32_t n = next_unit(text + i, len - i, &cp);
        size_t w = cp == '\t' ? 4 : 1;
        if (i < lo)
            *pad += w;
        else if (i < hi)
            *carets += w;
        i += n;
    }
    if (*carets == 0)
        *carets = 1;
}

/* " " + W columns + " " + mark, the gutter in blue. */
static void put_gutter(const text_out *t, const char *number, char mark)
{
    fputc(' ', t->out);
    paint_on(t, SGR_BLUE);
    fprintf(t->out, "%*s %c", t->width, number, mark);
    paint_off(t);
}

static void put_source_line(const text_out *t, uint32_t line, const char *text,
                            uint32_t len)
{
    char number[16];
    snprintf(number, sizeof number, "%lu", (unsigned long)line);
    put_gutter(t, number, '|');
    if (len > 0) {
        fputc(' ', t->out);
        put_line_text(t, text, len);
    }
    fputc('\n', t->out);
}

static void put_caret_line(const text_out *t, size_t pad, size_t carets,
                           const char *sgr)
{
    put_gutter(t, "", '|');
    fputc(' ', t->out);
    put_repeat(t->out, ' ', pad);
    paint_on(t, sgr);
    put_repeat(t->out, '^', carets);
    paint_off(t);
    fputc('\n', t->out);
}

/* The first line of span and the carets under the span's part of it. */
static void put_snippet(const text_out *t, djz_source *src, djz_span span,
                        const char *sgr)
{
    uint32_t lo = span.lo > src->len ? src->len : span.lo;
    uint32_t hi = span.hi < lo ? lo : span.hi;
    djz_linecol lc = djz_source_linecol(src, lo);
    uint32_t len;
    const char *text = djz_source_line(src, lc.line, &len);
    uint32_t start = (uint32_t)(text - src->text);
    size_t pad, carets;
    measure(text, len, lo - start, hi - start, &pad, &carets);
    put_source_line(t, lc.line, text, len);
    put_caret_line(t, pad, carets, sgr);
}

/* "FILE:LINE:COL: " or, without a source, "djaz: ". */
static void put_location(const text_out *t, djz_source *src, djz_span span)
{
    paint_on(t, SGR_BOLD);
    if (src) {
        djz_linecol lc = djz_source_linecol(src, span.lo);
        djz_render_escaped(t->out, src->name);
        fprintf(t->out, ":%lu:%lu:", (unsigned long)lc.line,
                (unsigned long)lc.col);
    } else {
        fputs("djaz:", t->out);
    }
    paint_off(t);
    fputc(' ', t->out);
}

/* s with its controls, invisible characters and invalid bytes escaped,
 * and its backslashes when backslash says so. */
static void escape(FILE *out, const char *s, bool backslash)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = djz_utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            fprintf(out, "\\x%02x", (unsigned char)s[i]);
            k = 1;
        } else if (cp == '\\' && backslash) {
            fputs("\\\\", out);
        } else if (cp == '\n') {
            fputs("\\n", out);
        } else if (cp == '\t') {
            fputs("\\t", out);
        } else if (djz_utf8_invisible(cp)) {
            fprintf(out, "\\u{%x}", (unsigned)cp);
        } else {
            fwrite(s + i, 1, k, out);
        }
        i += k;
    }
}

void djz_render_escaped(FILE *out, const char *s)
{
    escape(out, s, true);
}

void djz_render_escaped_message(FILE *out, const char *s)
{
    escape(out, s, false);
}

/* LABEL in its colour, then ": MESSAGE" in bold. */
static void put_headline(const text_out *t, const char *sgr, const char *label,
                         const char *message)
{
    paint(t, sgr, label);
    paint_on(t, SGR_BOLD);
    fputs(": ", t->out);
    djz_render_escaped_message(t->out, message);
    paint_off(t);
    fputc('\n', t->out);
}

/* " " + W spaces + " = LABEL: MESSAGE", for help and unlocated notes. */
static void put_aside(const text_out *t, const char *sgr, const char *label,
                      const char *message)
{
    put_gutter(t, "", '=');
    fputc(' ', t->out);
    paint(t, sgr, label);
    fputs(": ", t->out);
    djz_render_escaped_message(t->out, message);
    fputc('\n', t->out);
}

static void put_note(const text_out *t, const djz_note *n)
{
    if (!n->src) {
        put_aside(t, SGR_CYAN, "note", n->message);
        return;
    }
    put_location(t, n->src, n->span);
    put_headline(t, SGR_CYAN, "note", n->message);
    put_snippet(t, n->src, n->span, SGR_CYAN);
}

static void put_diag(FILE *out, bool color, const djz_diag *d)
{
    text_out t = {out, color, gutter_width(d)};
    const char *sgr = severity_sgr(d->severity);
    char label[48];
    snprintf(label, sizeof label, "%s[DJZ%04d]", djz_severity_name(d->severity),
             (int)d->code);
    put_location(&t, d->src, d->span);
    put_headline(&t, sgr, label, d->message);
    if (d->src)
        put_snippet(&t, d->src, d->span, sgr);
    if (d->help)
        put_aside(&t, SGR_GREEN, "help", d->help);
    for (const djz_note *n = d->notes; n; n = n->next)
        put_note(&t, n);
}

static void put_count(FILE *out, size_t n, const char *word)
{
    fprintf(out, "%zu %s%s", n, word, n == 1 ? "" : "s");
}

/* "djaz: 5 errors, 1 warning" plus the --max-errors cut-off, if any. */
static void put_summary(FILE *out, const djz_diag_sink *s)
{
    if (s->count == 0 && !s->truncated)
        return;
    if (s->errors == 0 && s->warnings == 0 && !s->truncated)
        return;
    fputs("djaz: ", out);
    if (s->errors)
        put_count(out, s->errors, "error");
    if (s->errors && s->warnings)
        fputs(", ", out);
    if (s->warnings)
        put_count(out, s->warnings, "warning");
    if (s->truncated) {
        fputs(s->errors || s->warnings ? "; stopped after " : "stopped after ",
              out);
        put_count(out, s->max_errors, "error");
        fputs(" (--max-errors)", out);
    }
    fputc('\n', out);
}

void djz_render_text(FILE *out, djz_diag_sink *s, const djz_render_opts *o)
{
    bool color = o && o->color;
    size_t n;
    djz_diag **sorted = djz_sink_sorted(s, &n);
    for (size_t i = 0; i < n; i++)
        put_diag(out, color, sorted[i]);
    put_summary(out, s);
}

void djz_render_explain(FILE *out, const djz_diag_info *info, bool color)
{
    text_out t = {out, color, 0};
    char code[16];
    snprintf(code, sizeof code, "DJZ%04d", (int)info->code);
    paint(&t, severity_sgr(info->severity), code);
    paint_on(&t, SGR_BOLD);
    fprintf(out, " (%s): %s", info->name, info->title);
    paint_off(&t);
    fprintf(out, "\nseverity: %s\n\n%s\n", djz_severity_name(info->severity),
            info->explain);
}
