/* source.h - source files, byte-offset spans and their line:column form.
 *
 * Spans are half-open byte ranges [lo, hi) into one file's text.  Stages
 * keep spans only; line and column are computed when something is shown.
 * Lines end at "\n"; a "\r" before it belongs to the line break, not to
 * the line.  Columns count Unicode code points from 1 (a tab is one),
 * which is what SARIF calls "unicodeCodePoints". */
#ifndef DJZ_SOURCE_H
#define DJZ_SOURCE_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "arena.h"

/* The largest source djaz reads: spans are 32-bit offsets. */
enum { DJZ_MAX_SOURCE = 256u * 1024 * 1024 };

typedef struct djz_span {
    uint32_t lo, hi;
} djz_span;

typedef struct djz_source {
    djz_arena *arena; /* owns the text and the line index */
    const char *name; /* as given on the command line; "-" reads stdin */
    const char *text; /* NUL-terminated; may contain other NULs */
    uint32_t len;
    uint32_t *line_starts; /* built on first use */
    uint32_t nlines;
} djz_source;

typedef struct djz_linecol {
    uint32_t line, col; /* both from 1 */
} djz_linecol;

/* Makes a source over text (owned by the arena or the caller). */
djz_source *djz_source_new(djz_arena *a, const char *name, const char *text,
                           size_t len);
/* Reads a file ("-" for stdin) into the arena; NULL with errno set on I/O
 * failure, EFBIG when it is larger than DJZ_MAX_SOURCE. */
djz_source *djz_source_read(djz_arena *a, const char *path);
/* Reads the rest of an open stream (stdin, or a file the caller opened),
 * named name; the same failures as djz_source_read.  f stays open. */
djz_source *djz_source_fread(djz_arena *a, const char *name, FILE *f);

djz_linecol djz_source_linecol(djz_source *src, uint32_t offset);
/* The 1-based line's text without its line break. */
const char *djz_source_line(djz_source *src, uint32_t line, uint32_t *len);
uint32_t djz_source_line_count(djz_source *src);

static inline djz_span djz_span_make(uint32_t lo, uint32_t hi)
{
    djz_span s = {lo, hi};
    return s;
}

static inline djz_span djz_span_join(djz_span a, djz_span b)
{
    djz_span s = {a.lo < b.lo ? a.lo : b.lo, a.hi > b.hi ? a.hi : b.hi};
    return s;
}

#endif
