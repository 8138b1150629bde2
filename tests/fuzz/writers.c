/* writers.c - the fuzz target's checks of the writers that own escaping
 * (emit/ini.h, emit/pyliteral.h, the YAML writer's header comment and
 * Azure Pipelines' string literals), on any bytes:
 *
 *   - what the INI writer writes for a value, a line, a tox command or a
 *     section name is one line: no byte of it ends a line for any reader
 *     (LF, CR, VT, FF, NEL, U+2028, U+2029, another control), and it is
 *     valid UTF-8;
 *   - a tox command's line holds no comment, continuation, factor
 *     condition, substitution or `[]`, and tox 3's splitting and tox 4's
 *     (its escapes, then shlex with a backslash escape) both read it as
 *     the command djaz means by the bytes (ini.h);
 *   - the same for a YAML header comment;
 *   - a Python string literal holds no raw control character (C0, DEL,
 *     C1, U+2028, U+2029, a bidi control) and reads
 *     back (decoded here as Python decodes it) as the bytes, each byte that
 *     is not UTF-8 read as U+FFFD;
 *   - an Azure Pipelines string literal reads back as the bytes. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "emit/ci/ci.h"
#include "emit/ini.h"
#include "emit/pyliteral.h"
#include "emit/yaml.h"
#include "support/utf8.h"

void djz_fuzz_writers(djz_arena *a, const char *text);

/* Aborts unless s[0..n) is valid UTF-8 without a character that could
 * end a line; the last byte may be the one LF the writer ends with. */
static void one_line(const char *s, size_t n, bool final_lf)
{
    if (final_lf) {
        if (!n || s[n - 1] != '\n')
            abort();
        n--;
    }
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = djz_utf8_decode(s + i, n - i, &cp);
        if (!len)
            abort(); /* not UTF-8 */
        if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 ||
            cp == 0x2029)
            abort(); /* a line break or a control character survived */
        i += len;
    }
}

/* s with each byte that is not UTF-8 replaced by U+FFFD. */
static char *sanitized(const char *s)
{
    djz_buf out = {0};
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = djz_utf8_decode(s + i, n - i, &cp);
        djz_buf_put(&out, len ? s + i : "\xef\xbf\xbd", len ? len : 3);
        i += len ? len : 1;
    }
    djz_buf_put(&out, "", 0);
    return out.data;
}

static unsigned hex(char c)
{
    return c <= '9' ? (unsigned)(c - '0') : (unsigned)(c - 'a' + 10);
}

/* The value of a Python "..." literal as the writer writes them (the
 * escapes it uses and nothing else), UTF-8 encoded; aborts on anything
 * Python would read otherwise. */
static char *py_decode(const char *lit, size_t n)
{
    if (n < 2 || lit[0] != '"' || lit[n - 1] != '"')
        abort();
    djz_buf out = {0};
    for (size_t i = 1; i + 1 < n; i++) {
        char c = lit[i];
        if (c == '"' || (unsigned char)c < 0x20 || c == 0x7f)
            abort(); /* an unescaped quote or control character */
        const unsigned char *u = (const unsigned char *)lit + i;
        if ((u[0] == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f) ||
            (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0xa8 || u[2] == 0xa9)))
            abort(); /* NEL, a C1 control, U+2028 or U+2029 unescaped */
        uint32_t cp0;
        if (djz_utf8_decode(lit + i, n - 1 - i, &cp0) &&
            djz_utf8_bidi_control(cp0))
            abort(); /* a bidi control unescaped */
        if (c != '\\') {
            djz_buf_put(&out, &c, 1);
            continue;
        }
        char e = lit[++i];
        uint32_t cp;
        if (e == 'x') {
            cp = hex(lit[i + 1]) << 4 | hex(lit[i + 2]);
            i += 2;
        } else if (e == 'u') {
            cp = 0;
            for (int k = 1; k <= 4; k++)
                cp = cp << 4 | hex(lit[i + k]);
            i += 4;
        } else {
            const char *from = "\"\\nrt", *to = "\"\\\n\r\t";
            const char *at = strchr(from, e);
            if (!at || !e)
                abort(); /* an escape the writer never writes */
            cp = (unsigned char)to[at - from];
        }
        char enc[4];
        djz_buf_put(&out, enc, djz_utf8_encode(cp, enc));
    }
    djz_buf_put(&out, "", 0);
    return out.data;
}

/* The value of an Azure Pipelines '...' literal ('' is a quote). */
static char *expr_decode(const char *lit)
{
    size_t n = strlen(lit);
    if (n < 2 || lit[0] != '\'' || lit[n - 1] != '\'')
        abort();
    djz_buf out = {0};
    for (size_t i = 1; i + 1 < n; i++) {
        if (lit[i] == '\'' && lit[++i] != '\'')
            abort(); /* a lone quote ends the literal early */
        djz_buf_put(&out, lit + i, 1);
    }
    djz_buf_put(&out, "", 0);
    return out.data;
}

/* ---- tox commands: what tox 3 and tox 4 run (tests/writers/tox4.py is
 * the full model of tox 4; these are the parts a written line meets) */

/* Words of s split as shlex (POSIX, whitespace_split) splits: quotes
 * group; with escape, a backslash escapes the next character outside
 * quotes and `"` or `\` inside double quotes (tox 4), else it is itself
 * (tox 3).  Each word ends with a NUL in out; aborts on an unclosed
 * quote.  The number of words. */
static size_t shlex_split(const char *s, bool escape, djz_buf *out)
{
    size_t words = 0;
    for (size_t i = 0; s[i];) {
        while (s[i] == ' ')
            i++;
        if (!s[i])
            break;
        char quote = 0;
        for (; s[i] && (quote || s[i] != ' '); i++) {
            char c = s[i];
            if (escape && c == '\\' && quote != '\'' &&
                (!quote || s[i + 1] == '"' || s[i + 1] == '\\')) {
                if (!s[++i])
                    abort(); /* a final escape: shlex refuses it */
                djz_buf_putc(out, s[i]);
            } else if (quote && c == quote) {
                quote = 0;
            } else if (!quote && (c == '\'' || c == '"')) {
                quote = c;
            } else {
                djz_buf_putc(out, c);
            }
        }
        if (quote)
            abort(); /* an unclosed quote */
        djz_buf_putc(out, '\0');
        words++;
    }
    return words;
}

/* The command djaz means by text (ini.h): what cannot be written as
 * U+FFFD, split as tox 3 splits it, an unclosed quote running to the
 * end; no word at all is one empty word. */
static size_t meaning(const char *text, djz_buf *out)
{
    djz_buf s = {0};
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t len = djz_utf8_decode(text + i, n - i, &cp);
        bool bad = !len || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
                   cp == 0x2028 || cp == 0x2029 || cp == '#' ||
                   djz_utf8_bidi_control(cp);
        djz_buf_put(&s, bad ? "\xef\xbf\xbd" : text + i, bad ? 3 : len);
        i += len ? len : 1;
    }
    djz_buf_put(&s, "", 0);
    size_t words = 0;
    for (size_t i = 0; s.data[i];) {
        while (s.data[i] == ' ')
            i++;
        if (!s.data[i])
            break;
        char quote = 0;
        for (; s.data[i] && (quote || s.data[i] != ' '); i++) {
            char c = s.data[i];
            if (quote && c == quote)
                quote = 0;
            else if (!quote && (c == '\'' || c == '"'))
                quote = c;
            else
                djz_buf_putc(out, c);
        }
        djz_buf_putc(out, '\0');
        words++;
    }
    djz_buf_free(&s);
    if (!words)
        djz_buf_putc(out, '\0');
    return words ? words : 1;
}

/* Aborts if tox 3 or tox 4 could read line as a factor condition: the
 * text before its first colon followed by a space or the end holds only
 * factor characters (ASCII: the writer quotes every other one). */
static void no_factor(const char *line)
{
    const char *colon = line;
    while ((colon = strchr(colon, ':')) && colon[1] && colon[1] != ' ')
        colon++;
    if (!colon)
        return;
    for (const char *p = line; p < colon; p++)
        if ((unsigned char)*p >= 0x80 ||
            (!isalnum((unsigned char)*p) && !strchr("_.*?!,{}- ", *p)))
            return;
    abort(); /* a factor condition */
}

/* The line after tox 3's substitution pass (`\{` and `\}` unescaped)
 * or tox 4's (a backslash before : { } [ ] dropped, `\\` kept); aborts
 * on a substitution or on `[]`, tox 4's positional arguments. */
static char *unescaped(const char *line, bool tox4)
{
    djz_buf out = {0};
    for (size_t i = 0; line[i]; i++) {
        char c = line[i];
        if ((c == '{' || c == '}') && (!i || line[i - 1] != '\\'))
            abort(); /* a substitution */
        if (c == '[' && line[i + 1] == ']')
            abort(); /* `[]` */
        if (c == '\\' && line[i + 1] &&
            strchr(tox4 ? ":{}[]" : "{}", line[i + 1]))
            c = line[++i];
        else if (tox4 && c == '\\' && line[i + 1] == '\\')
            djz_buf_putc(&out, line[i++]);
        djz_buf_putc(&out, c);
    }
    djz_buf_put(&out, "", 0);
    return out.data;
}

/* What the INI writer writes for the command text: one line that tox 3
 * and tox 4 both run as the command djaz means by text, with no
 * comment, continuation, factor condition, substitution or `[]`. */
static void check_tox(const char *text)
{
    djz_buf out = {0};
    djz_ini_tox_command(&out, text);
    one_line(out.data, out.len, true);
    if (strncmp(out.data, "    ", 4) || out.data[4] == ' ')
        abort();
    out.data[--out.len] = '\0';
    const char *line = out.data + 4;
    if (strchr(line, '#') || line[0] == ';' || line[strlen(line) - 1] == '\\')
        abort(); /* a comment or a continuation */
    no_factor(line);
    djz_buf want = {0}, got = {0};
    size_t n = meaning(text, &want);
    for (int tox4 = 0; tox4 < 2; tox4++) {
        char *u = unescaped(line, tox4);
        got.len = 0;
        if (shlex_split(u, tox4, &got) != n || got.len != want.len ||
            memcmp(got.data, want.data, want.len))
            abort(); /* tox 3 or tox 4 runs another command */
        free(u);
    }
    djz_buf_free(&want);
    djz_buf_free(&got);
    djz_buf_free(&out);
}

static void check_ini(const char *text)
{
    void (*lines[])(djz_buf *, const char *) = {djz_ini_line, djz_ini_section};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        djz_buf out = {0};
        lines[i](&out, text);
        one_line(out.data, out.len, true);
        djz_buf_free(&out);
    }
    djz_buf out = {0};
    djz_ini_pair(&out, "key", text);
    one_line(out.data, out.len, true);
    djz_buf_free(&out);
    check_tox(text);
}

static void check_python(const char *text)
{
    djz_buf out = {0};
    djz_py_str(&out, text);
    djz_buf_put(&out, "", 0);
    char *got = py_decode(out.data, out.len), *want = sanitized(text);
    if (strcmp(got, want))
        abort(); /* the literal does not read back as the bytes */
    free(got);
    free(want);
    djz_buf_free(&out);
}

static void check_yaml_comment(djz_arena *a, const char *text)
{
    djz_buf out = {0};
    djz_yaml_write(&out, text, djz_json_object(a));
    /* every line but the last two ("---", "{}") is a comment */
    size_t lines = 0;
    for (const char *p = out.data; *p; p++)
        lines += *p == '\n';
    const char *p = out.data;
    for (size_t i = 0; i + 2 < lines; i++) {
        const char *nl = strchr(p, '\n');
        if (*p != '#')
            abort(); /* the comment ended and content began */
        one_line(p, (size_t)(nl - p), false);
        p = nl + 1;
    }
    if (strcmp(p, "---\n{}\n"))
        abort();
    djz_buf_free(&out);
}

void djz_fuzz_writers(djz_arena *a, const char *text)
{
    check_ini(text);
    check_python(text);
    check_yaml_comment(a, text);
    char *got = expr_decode(djz_pipelines_string(a, text));
    if (strcmp(got, text))
        abort();
    free(got);
}
