/* pyliteral.c - the Python literal writer (see pyliteral.h). */
#include "pyliteral.h"

#include <stdint.h>
#include <string.h>

#include "support/utf8.h"

/* The escape of cp inside a literal, or NULL when it stands as it is;
 * buf holds a \x or \u escape. */
static const char *escape_of(uint32_t cp, char buf[8])
{
    static const char hex[] = "0123456789abcdef";
    if (cp == '"')
        return "\\\"";
    if (cp == '\\')
        return "\\\\";
    if (cp == '\n')
        return "\\n";
    if (cp == '\r')
        return "\\r";
    if (cp == '\t')
        return "\\t";
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
        buf[0] = '\\', buf[1] = 'x', buf[2] = hex[cp >> 4],
        buf[3] = hex[cp & 15], buf[4] = '\0';
        return buf;
    }
    if (cp == 0x2028 || cp == 0x2029 || djz_utf8_bidi_control(cp)) {
        buf[0] = '\\', buf[1] = 'u', buf[2] = hex[cp >> 12 & 15],
        buf[3] = hex[cp >> 8 & 15], buf[4] = hex[cp >> 4 & 15],
        buf[5] = hex[cp & 15], buf[6] = '\0';
        return buf;
    }
    return NULL;
}

void djz_py_str_body(djz_buf *out, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        char buf[8];
        size_t len = djz_utf8_decode(s + i, n - i, &cp);
        const char *e = len ? escape_of(cp, buf) : "\\ufffd";
        if (e)
            djz_buf_puts(out, e);
        else
            djz_buf_put(out, s + i, len);
        i += len ? len : 1;
    }
}

void djz_py_str(djz_buf *out, const char *s)
{
    djz_buf_puts(out, "\"");
    djz_py_str_body(out, s);
    djz_buf_puts(out, "\"");
}

void djz_py_str_list(djz_buf *out, const char *const *items, size_t n)
{
    djz_buf_puts(out, "[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            djz_buf_puts(out, ", ");
        djz_py_str(out, items[i]);
    }
    djz_buf_puts(out, "]");
}
