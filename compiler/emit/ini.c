/* ini.c - the INI writer (see ini.h). */
#include "ini.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "support/utf8.h"

static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */

/* Whether cp could end a line for some reader, or is a bidi control
 * (INI has no escape that would show it). */
static bool unwritable(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 ||
           cp == 0x2029 || djz_utf8_bidi_control(cp);
}

/* The n bytes at s as a value: each character that could end the line,
 * each bidi control and each byte that is not UTF-8 as U+FFFD. */
static void text_n(djz_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t len = djz_utf8_decode(s + i, n - i, &cp);
        if (!len || unwritable(cp))
            djz_buf_puts(out, replacement);
        else
            djz_buf_put(out, s + i, len);
        i += len ? len : 1;
    }
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

/* ---- tox commands --------------------------------------------------- */

/* cmd with what no tox command line can hold alike for tox 3 and 4 (see
 * ini.h) replaced by U+FFFD: line breaks and controls, bidi controls,
 * `#`, bytes that are not UTF-8. */
static void tox_clean(djz_buf *out, const char *cmd)
{
    size_t n = strlen(cmd);
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t len = djz_utf8_decode(cmd + i, n - i, &cp);
        if (!len || unwritable(cp) || cp == '#')
            djz_buf_puts(out, replacement);
        else
            djz_buf_put(out, cmd + i, len);
        i += len ? len : 1;
    }
}

/* The next word of s at *i as tox 3 splits a command (shlex, POSIX,
 * no escape character: quotes group, a backslash is itself; an unclosed
 * quote runs to the end), into word; false when none is left. */
static bool tox_word(const char *s, size_t *i, djz_buf *word)
{
    word->len = 0;
    while (s[*i] == ' ')
        (*i)++;
    if (!s[*i])
        return false;
    char quote = 0;
    for (; s[*i] && (quote || s[*i] != ' '); (*i)++) {
        char c = s[*i];
        if (quote && c == quote)
            quote = 0;
        else if (!quote && (c == '\'' || c == '"'))
            quote = c;
        else
            djz_buf_putc(word, c);
    }
    djz_buf_put(word, "", 0);
    return true;
}

/* One character of a word: braces escaped (`\{`: tox 3 and 4 unescape
 * them, neither substitutes), and `[]` broken by gap (an empty quoted
 * word, or a quote closed and opened) which tox 4 would replace with its
 * positional arguments anywhere. */
static void tox_char(djz_buf *line, char c, const char *gap)
{
    if (c == '{' || c == '}')
        djz_buf_putc(line, '\\');
    else if (c == ']' && line->len && line->data[line->len - 1] == '[')
        djz_buf_puts(line, gap);
    djz_buf_putc(line, c);
}

/* A word in single quotes throughout: `'` as `'"'"'`, and `\` closing
 * its quote at once (`\''`), so that no backslash is followed by a
 * character tox 4 would take it to escape. */
static void tox_runs(djz_buf *line, const char *w)
{
    djz_buf_putc(line, '\'');
    for (; *w; w++) {
        if (*w == '\'')
            djz_buf_puts(line, "'\"'\"'");
        else if (*w == '\\')
            djz_buf_puts(line, "\\''");
        else
            tox_char(line, *w, "''");
    }
    djz_buf_putc(line, '\'');
}

/* word as tox 3 and tox 4 both read it back: bare when it holds only
 * printable ASCII but space, quotes, `\` and `;`; else in single quotes,
 * or double quotes when it holds a single quote but no `"`. */
static void tox_encode(djz_buf *line, const char *w)
{
    bool quotes = !*w, single = false, dbl = false, backslash = false;
    for (const char *p = w; *p; p++) {
        quotes |= (unsigned char)*p >= 0x80 || strchr(" '\"\\;", *p);
        single |= *p == '\'', dbl |= *p == '"', backslash |= *p == '\\';
    }
    const char *q = !quotes                        ? ""
                    : backslash || (single && dbl) ? NULL
                    : single                       ? "\""
                                                   : "'";
    if (!q) {
        tox_runs(line, w);
        return;
    }
    djz_buf_puts(line, q);
    for (; *w; w++)
        tox_char(line, *w, *q == '"' ? "\"\"" : "''");
    djz_buf_puts(line, q);
}

/* Whether tox 3 or tox 4 could take the line for a factor condition:
 * before its first colon followed by a space or the end, only what a
 * factor expression is made of (tox 4 allows spaces around commas). */
static bool tox_factor_line(const char *s)
{
    const char *colon = s;
    while ((colon = strchr(colon, ':')) && colon[1] && colon[1] != ' ')
        colon++;
    if (!colon)
        return false;
    for (const char *p = s; p < colon; p++)
        if (!isalnum((unsigned char)*p) && !strchr("_.*?!,{}- ", *p))
            return false;
    return true;
}

void djz_ini_tox_command(djz_buf *out, const char *cmd)
{
    djz_buf clean = {0}, word = {0}, line = {0};
    tox_clean(&clean, cmd);
    djz_buf_put(&clean, "", 0);
    size_t i = 0;
    while (tox_word(clean.data, &i, &word)) {
        if (line.len)
            djz_buf_putc(&line, ' ');
        tox_encode(&line, word.data);
    }
    djz_buf_put(&line, "", 0);
    djz_buf_puts(out, "    ");
    /* '' is an empty word, glued to the first: gone once tox splits the
     * line, as a factor condition is not */
    if (!line.len || tox_factor_line(line.data))
        djz_buf_puts(out, "''");
    djz_buf_puts(out, line.data);
    djz_buf_puts(out, "\n");
    djz_buf_free(&clean);
    djz_buf_free(&word);
    djz_buf_free(&line);
}
