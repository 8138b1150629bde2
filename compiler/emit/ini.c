/* ini.c - the INI writer (see ini.h). */
#include "ini.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "support/utf8.h"

static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */

/* Whether cp could end a line for some reader. */
static bool breaks_line(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 ||
           cp == 0x2029;
}

/* The n bytes at s as djz_ini_text writes them. */
static void text_n(djz_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t len = djz_utf8_decode(s + i, n - i, &cp);
        if (!len || breaks_line(cp))
            djz_buf_puts(out, replacement);
        else
            djz_buf_put(out, s + i, len);
        i += len ? len : 1;
    }
}

void djz_ini_text(djz_buf *out, const char *s)
{
    text_n(out, s, strlen(s));
}

void djz_ini_section(djz_buf *out, const char *name)
{
    if (out->len)
        djz_buf_puts(out, "\n");
    djz_buf_puts(out, "[");
    for (const char *p = name; *p; p++) {
        unsigned char c = (unsigned char)*p;
        bool ok = c > 0x20 && c < 0x7f && !strchr("[]#;", c);
        djz_buf_put(out, ok ? p : "_", 1);
    }
    djz_buf_puts(out, "]\n");
}

/* A value on the rest of a line: spaces around it would be stripped,
 * and a first `#` or `;` would make a continuation line a comment. */
static void value(djz_buf *out, const char *s, bool continuation)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    if (continuation && n && (s[0] == '#' || s[0] == ';')) {
        djz_buf_puts(out, replacement);
        s++;
        n--;
    }
    text_n(out, s, n);
}

void djz_ini_pair(djz_buf *out, const char *key, const char *v)
{
    djz_buf_puts(out, key);
    djz_buf_puts(out, " = ");
    value(out, v, false);
    djz_buf_puts(out, "\n");
}

void djz_ini_key(djz_buf *out, const char *key)
{
    djz_buf_puts(out, key);
    djz_buf_puts(out, " =\n");
}

void djz_ini_line(djz_buf *out, const char *text)
{
    djz_buf_puts(out, "    ");
    value(out, text, true);
    djz_buf_puts(out, "\n");
}

/* Whether tox would take the line for a factor condition: it starts
 * with factor characters and a colon followed by a space. */
static bool factor_prefix(const char *s)
{
    size_t n = 0;
    while (isalnum((unsigned char)s[n]) || (s[n] && strchr("_{}.!,-", s[n])))
        n++;
    return n && s[n] == ':' && isspace((unsigned char)s[n + 1]);
}

/* Whether the word `[]`, which tox replaces with its positional
 * arguments, starts at cmd[i]. */
static bool posargs_word(const char *cmd, size_t n, size_t i)
{
    return (!i || isspace((unsigned char)cmd[i - 1])) && i + 2 <= n &&
           cmd[i] == '[' && cmd[i + 1] == ']' &&
           (i + 2 == n || isspace((unsigned char)cmd[i + 2]));
}

void djz_ini_tox_command(djz_buf *out, const char *cmd)
{
    djz_buf line = {0};
    while (*cmd == ' ')
        cmd++;
    size_t n = strlen(cmd);
    while (n && cmd[n - 1] == ' ')
        n--;
    /* '' is an empty word, glued to the first or last word: gone once
     * tox splits the line, as a comment, factor or continuation is not. */
    if (!n || cmd[0] == '#' || cmd[0] == ';' || factor_prefix(cmd))
        djz_buf_puts(&line, "''");
    for (size_t i = 0; i < n; i++) {
        if (cmd[i] == '{' || cmd[i] == '}')
            djz_buf_puts(&line, "\\");
        else if (posargs_word(cmd, n, i))
            djz_buf_puts(&line, "''");
        djz_buf_put(&line, cmd + i, 1);
    }
    if (n && cmd[n - 1] == '\\')
        djz_buf_puts(&line, "''");
    djz_buf_puts(out, "    ");
    text_n(out, line.data ? line.data : "", line.len);
    djz_buf_puts(out, "\n");
    djz_buf_free(&line);
}
