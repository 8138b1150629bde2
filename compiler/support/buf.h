/* buf.h - the string builder: a growing, NUL-terminated byte buffer.
 *
 * One growable buffer for the whole project: the writers (JSON, YAML,
 * the back ends' text files) append to it, and djz_buf_stream gives a
 * FILE that writes into it for code that prints with stdio (the
 * formatter).  The data is malloc'd and owned by the buffer until
 * djz_buf_free; it is always NUL-terminated once anything was written.
 * Running out of memory is the clean fatal exit of arena.h. */
#ifndef DJZ_BUF_H
#define DJZ_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef struct djz_buf {
    char *data; /* NULL until something is written */
    size_t len, cap;
} djz_buf;

void djz_buf_put(djz_buf *b, const char *s, size_t n);
void djz_buf_puts(djz_buf *b, const char *s);
void djz_buf_putc(djz_buf *b, char c);
void djz_buf_printf(djz_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void djz_buf_vprintf(djz_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* The text so far: "" when nothing was written (never NULL). */
const char *djz_buf_str(const djz_buf *b);
/* The text as a malloc'd string ("" when empty), for the caller to free;
 * b is left empty. */
char *djz_buf_take(djz_buf *b);
void djz_buf_free(djz_buf *b);

/* A FILE whose writes append to b (unbuffered, so b is current after each
 * write).  Close it with fclose; b stays the caller's to free. */
FILE *djz_buf_stream(djz_buf *b);

#endif
