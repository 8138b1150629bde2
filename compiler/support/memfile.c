/* memfile.c - fopencookie over a growable buffer. */
#include "memfile.h"

#include <string.h>

#include "arena.h"

static ssize_t memfile_write(void *cookie, const char *buf, size_t n)
{
    djz_memfile *m = cookie;
    if (m->cap - m->len < n + 1) {
        size_t cap = m->cap ? m->cap : 64;
        while (cap - m->len < n + 1)
            cap *= 2;
        m->data = djz_xrealloc(m->data, cap);
        m->cap = cap;
    }
    memcpy(m->data + m->len, buf, n);
    m->len += n;
    m->data[m->len] = '\0';
    return (ssize_t)n;
}

FILE *djz_memfile_open(djz_memfile *m)
{
    cookie_io_functions_t io = {.write = memfile_write};
    FILE *f = fopencookie(m, "w", io);
    if (!f)
        djz_out_of_memory();
    setvbuf(f, NULL, _IONBF, 0);
    return f;
}

void djz_memfile_close(FILE *f, djz_memfile *m)
{
    fclose(f);
    if (!m->data) { /* nothing written: an empty string */
        m->data = djz_xmalloc(1);
        m->data[0] = '\0';
    }
}
