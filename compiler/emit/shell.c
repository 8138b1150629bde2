/* shell.c - the shell word writer (see shell.h). */
#include "shell.h"

#include <ctype.h>
#include <string.h>

/* Whether s is a word bash reads as itself: not empty, and nothing that
 * quotes, expands, splits, redirects or comments (no `~`, `$`, `*`...). */
static bool bare(const char *s)
{
    if (!*s)
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (!(*p < 0x80 && isalnum(*p)) && !strchr("_-./:=@+,%", *p))
            return false;
    return true;
}

void djz_sh_word(djz_buf *out, const char *s)
{
    if (bare(s)) {
        djz_buf_puts(out, s);
        return;
    }
    djz_buf_puts(out, "'");
    for (const char *p = s; *p; p++) {
        if (*p == '\'')
            djz_buf_puts(out, "'\\''");
        else
            djz_buf_put(out, p, 1);
    }
    djz_buf_puts(out, "'");
}

const char *djz_sh_quote(djz_arena *a, const char *s)
{
    djz_buf b = {0};
    djz_sh_word(&b, s);
    const char *copy = djz_arena_strndup(a, b.data, b.len);
    djz_buf_free(&b);
    return copy;
}

void djz_sh_comment_text(djz_buf *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            djz_buf_puts(out, "\xef\xbf\xbd");
        else
            djz_buf_put(out, (const char *)p, 1);
    }
}
