/* source.c - loading sources and mapping byte offsets to line:column. */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

djz_source *djz_source_new(djz_arena *a, const char *name, const char *text,
                           size_t len)
{
    djz_source *src = DJZ_NEW(a, djz_source);
    src->arena = a;
    src->name = djz_arena_strdup(a, name);
    src->text = text;
    src->len = (uint32_t)len;
    return src;
}

/* Reads all of f, failing with EFBIG past DJZ_MAX_SOURCE bytes. */
static char *slurp(FILE *f, size_t *len)
{
    size_t cap = 64 * 1024, n = 0;
    char *buf = djz_xmalloc(cap);
    for (;;) {
        if (n > DJZ_MAX_SOURCE) {
            free(buf);
            errno = EFBIG;
            return NULL;
        }
        if (cap - n < 2) {
            cap *= 2;
            buf = djz_xrealloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        int e = errno ? errno : EIO;
        free(buf);
        errno = e;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

djz_source *djz_source_fread(djz_arena *a, const char *name, FILE *f)
{
    struct stat st;
    if (f != stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
        (uint64_t)st.st_size > DJZ_MAX_SOURCE) {
        errno = EFBIG; /* too large: say so without reading it */
        return NULL;
    }
    size_t len = 0;
    char *buf = slurp(f, &len);
    if (!buf)
        return NULL;
    char *text = djz_arena_strndup(a, buf, len);
    free(buf);
    return djz_source_new(a, name, text, len);
}

djz_source *djz_source_read(djz_arena *a, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return NULL;
    djz_source *src = djz_source_fread(a, is_stdin ? "<stdin>" : path, f);
    int e = errno;
    if (!is_stdin)
        fclose(f);
    errno = e;
    return src;
}

static void build_lines(djz_source *src)
{
    uint32_t n = 1;
    for (uint32_t i = 0; i < src->len; i++)
        n += src->text[i] == '\n';
    src->line_starts = djz_arena_alloc(src->arena, sizeof(uint32_t) * n);
    src->line_starts[0] = 0;
    uint32_t k = 1;
    for (uint32_t i = 0; i < src->len; i++)
        if (src->text[i] == '\n')
            src->line_starts[k++] = i + 1;
    src->nlines = n;
}

static void ensure_lines(djz_source *src)
{
    if (!src->line_starts)
        build_lines(src);
}

uint32_t djz_source_line_count(djz_source *src)
{
    ensure_lines(src);
    return src->nlines;
}

/* Index of the last line starting at or before offset. */
static uint32_t line_index(const djz_source *src, uint32_t offset)
{
    uint32_t lo = 0, hi = src->nlines;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (src->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

djz_linecol djz_source_linecol(djz_source *src, uint32_t offset)
{
    ensure_lines(src);
    if (offset > src->len)
        offset = src->len;
    uint32_t li = line_index(src, offset);
    uint32_t col = 1;
    for (uint32_t i = src->line_starts[li]; i < offset; i++) {
        unsigned char c = (unsigned char)src->text[i];
        if (c == '\r' && i + 1 < src->len && src->text[i + 1] == '\n')
            continue; /* the CR of a CRLF is part of the line break */
        col += (c & 0xC0) != 0x80; /* count lead bytes only */
    }
    djz_linecol lc = {li + 1, col};
    return lc;
}

const char *djz_source_line(djz_source *src, uint32_t line, uint32_t *len)
{
    ensure_lines(src);
    if (line == 0 || line > src->nlines) {
        *len = 0;
        return "";
    }
    uint32_t start = src->line_starts[line - 1];
    uint32_t end = line < src->nlines ? src->line_starts[line] - 1 : src->len;
    if (end > start && src->text[end - 1] == '\r' && line < src->nlines)
        end--;
    *len = end - start;
    return src->text + start;
}
