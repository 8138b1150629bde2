/* buf.c - the string builder (see buf.h). */
#include "buf.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "arena.h"

/* Room for n more bytes and the NUL; starts small (the formatter opens a
 * stream per statement) and doubles. */
static void reserve(djz_buf *b, size_t n)
{
    if (b->cap - b->len > n)
        return;
    if (n >= SIZE_MAX / 2 - b->len)
        djz_out_of_memory();
    size_t cap = b->cap ? b->cap : 64;
    while (cap - b->len <= n)
        cap *= 2;
    b->data = djz_xrealloc(b->data, cap);
    b->cap = cap;
}

void djz_buf_put(djz_buf *b, const char *s, size_t n)
{
    reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void djz_buf_puts(djz_buf *b, const char *s)
{
    djz_buf_put(b, s, strlen(s));
}

void djz_buf_putc(djz_buf *b, char c)
{
    djz_buf_put(b, &c, 1);
}

void djz_buf_vprintf(djz_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n < 0)
        djz_printf_failed(errno);
    if (n > 0) {
        reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void djz_buf_printf(djz_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    djz_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

const char *djz_buf_str(const djz_buf *b)
{
    return b->data ? b->data : "";
}

char *djz_buf_take(djz_buf *b)
{
    if (!b->data) {
        reserve(b, 0);
        b->data[0] = '\0';
    }
    char *s = b->data;
    *b = (djz_buf){0};
    return s;
}

void djz_buf_free(djz_buf *b)
{
    free(b->data);
    *b = (djz_buf){0};
}

static ssize_t stream_write(void *cookie, const char *s, size_t n)
{
    djz_buf_put(cookie, s, n);
    return (ssize_t)n;
}

FILE *djz_buf_stream(djz_buf *b)
{
    cookie_io_functions_t io = {.write = stream_write};
    FILE *f = fopencookie(b, "w", io);
    if (!f)
        djz_out_of_memory();
    setvbuf(f, NULL, _IONBF, 0);
    return f;
}
