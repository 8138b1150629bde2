/* yaml.c - the YAML writer (see yaml.h). */
#include "yaml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "support/utf8.h"

/* Words some YAML reader takes for a boolean or null (YAML 1.1 reads
 * `on`, `no` and `y` as booleans; GitHub's own reader does not, yamllint
 * and PyYAML do). */
static const char *const reserved[] = {"y",    "n",     "yes", "no",
                                       "true", "false", "on",  "off",
                                       "null", "~",     "=",   "<<"};

static bool is_reserved(const char *s)
{
    for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++)
        if (!strcasecmp(s, reserved[i]))
            return true;
    return false;
}

/* Whether a reader could take s for a number, a date or a time: it starts
 * (after a sign) with a digit and holds nothing but what numbers,
 * sexagesimals (YAML 1.1's 1:30) and dates are made of.  "3.10" is one
 * (the float 3.1); "3rd" is not.  One starting with '.' is always taken
 * for one: `.5`, `.inf`, `.nan`. */
static bool numeric(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    if (*s == '.')
        return true;
    if (*s < '0' || *s > '9')
        return false;
    return s[strspn(s, "0123456789abcdefABCDEFxXoO._:+-")] == '\0';
}

static bool plain_ok(const char *s)
{
    size_t n = strlen(s);
    if (!n || s[0] == ' ' || s[n - 1] == ' ' || s[n - 1] == ':')
        return false;
    if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]))
        return false;
    if (is_reserved(s) || numeric(s) || s[0] == '.')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c >= 0x7f)
            return false;
        if (c == ':' && s[i + 1] == ' ')
            return false;
        if (c == '#' && i && s[i - 1] == ' ')
            return false;
    }
    return true;
}

/* Whether a string of several lines can be a literal block that reads
 * back the same and passes yamllint: no control character but the line
 * feeds, no line ending in a space, no indented first line (that would
 * need an indentation indicator), at most one final line feed, and at
 * most two empty lines in a row. */
static bool block_ok(const char *s)
{
    size_t n = strlen(s);
    if (!n || s[0] == ' ' || s[0] == '\n')
        return false;
    if (n >= 2 && s[n - 1] == '\n' && s[n - 2] == '\n')
        return false;
    size_t run = 0; /* line feeds in a row: run - 1 empty lines */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\n') || c == 0x7f)
            return false;
        if (c != '\n') {
            run = 0;
            continue;
        }
        if (s[i - 1] == ' ' || ++run > 3)
            return false;
    }
    return s[n - 1] != ' ';
}

/* What the character at p (before end) is, beyond ASCII; *len is its
 * length and *cp its code point.  ESCAPED: one that YAML 1.2 does not
 * allow raw (outside its printable set x9, xA, xD, x20-x7E, x85,
 * xA0-xD7FF, xE000-xFFFD, x10000-x10FFFF: C1 controls, U+FFFE, U+FFFF),
 * one YAML 1.1 reads as a line break (NEL U+0085, U+2028, U+2029; in
 * single quotes or a block PyYAML folds a NEL into a space), or a
 * bidirectional control that would show the text in another order than
 * it is read (Trojan Source): each is written as an escape in double
 * quotes.  NOT_UTF8: a byte that is not UTF-8. */
typedef enum { ORDINARY, ESCAPED, NOT_UTF8 } kind;

static bool escaped_cp(uint32_t cp)
{
    return cp <= 0x9f || cp == 0x2028 || cp == 0x2029 || cp == 0xfffe ||
           cp == 0xffff || djz_utf8_bidi_control(cp);
}

static kind special(const unsigned char *p, const unsigned char *end,
                    size_t *len, uint32_t *cp)
{
    *len = 1;
    *cp = p[0];
    if (p[0] < 0x80)
        return ORDINARY;
    *len = djz_utf8_decode((const char *)p, (size_t)(end - p), cp);
    if (!*len) {
        *len = 1;
        return NOT_UTF8;
    }
    return escaped_cp(*cp) ? ESCAPED : ORDINARY;
}

djz_yaml_style djz_yaml_style_of(const char *s, bool key)
{
    bool control = false, newline = false;
    const unsigned char *end = (const unsigned char *)s + strlen(s);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n')
            newline = true;
        else if (*p < 0x20 || *p == 0x7f)
            control = true;
        else {
            size_t len;
            uint32_t cp;
            control |= special(p, end, &len, &cp) != ORDINARY;
            p += len - 1;
        }
    }
    if (newline)
        return !key && !control && block_ok(s) ? DJZ_YAML_BLOCK
                                               : DJZ_YAML_DOUBLE;
    if (control)
        return DJZ_YAML_DOUBLE;
    return plain_ok(s) ? DJZ_YAML_PLAIN : DJZ_YAML_SINGLE;
}

static void pad(djz_buf *o, int n)
{
    static const char spaces[] = "                                ";
    while (n > 0) {
        int k = n < 32 ? n : 32;
        djz_buf_put(o, spaces, (size_t)k);
        n -= k;
    }
}

/* cp as a double-quoted escape: \xHH up to U+00FF, else \uHHHH (every
 * code point escaped is below U+10000). */
static void escape(djz_buf *o, uint32_t cp)
{
    static const char hex[] = "0123456789abcdef";
    if (cp <= 0xff) {
        char e[4] = {'\\', 'x', hex[cp >> 4], hex[cp & 15]};
        djz_buf_put(o, e, 4);
        return;
    }
    char e[6] = {'\\',
                 'u',
                 hex[cp >> 12 & 15],
                 hex[cp >> 8 & 15],
                 hex[cp >> 4 & 15],
                 hex[cp & 15]};
    djz_buf_put(o, e, 6);
}

/* The character at *p (not ASCII, before end) in double quotes; *p moves
 * to its last byte. */
static void special_char(djz_buf *o, const unsigned char **p,
                         const unsigned char *end)
{
    size_t len;
    uint32_t cp;
    switch (special(*p, end, &len, &cp)) {
    case ESCAPED:
        escape(o, cp);
        break;
    case NOT_UTF8:
        djz_buf_puts(o, "\\ufffd");
        break;
    case ORDINARY:
        djz_buf_put(o, (const char *)*p, len);
        break;
    }
    *p += len - 1;
}

static void double_quoted(djz_buf *o, const char *s)
{
    const unsigned char *end = (const unsigned char *)s + strlen(s);
    djz_buf_puts(o, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            djz_buf_puts(o, "\\\"");
            break;
        case '\\':
            djz_buf_puts(o, "\\\\");
            break;
        case '\n':
            djz_buf_puts(o, "\\n");
            break;
        case '\t':
            djz_buf_puts(o, "\\t");
            break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                escape(o, *p);
            else
                special_char(o, &p, end);
        }
    }
    djz_buf_puts(o, "\"");
}

/* A string on the current line (never BLOCK). */
static void inline_string(djz_buf *o, const char *s, djz_yaml_style style)
{
    if (style == DJZ_YAML_PLAIN) {
        djz_buf_puts(o, s);
    } else if (style == DJZ_YAML_SINGLE) {
        djz_buf_puts(o, "'");
        for (const char *p = s; *p; p++) {
            djz_buf_put(o, p, 1);
            if (*p == '\'')
                djz_buf_put(o, p, 1); /* '' is one quote */
        }
        djz_buf_puts(o, "'");
    } else {
        double_quoted(o, s);
    }
}

/* A literal block: its header on the current line, its lines at indent. */
static void block(djz_buf *o, const char *s, int indent)
{
    size_t n = strlen(s);
    djz_buf_puts(o, s[n - 1] == '\n' ? " |\n" : " |-\n");
    for (const char *line = s; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        if (len) {
            pad(o, indent);
            djz_buf_put(o, line, len);
        }
        djz_buf_puts(o, "\n");
        if (!nl)
            break;
        line = nl + 1;
    }
}

static void mapping(djz_buf *o, const djz_json *v, int indent,
                    bool first_inline);
static void sequence(djz_buf *o, const djz_json *v, int indent,
                     bool first_inline);

/* What follows "key:" or "-" on the current line, and the lines of a
 * collection under it (at indent, the collection's own). */
static void node(djz_buf *o, const djz_json *v, int indent, bool in_sequence)
{
    switch (v->kind) {
    case DJZ_JSON_NULL:
        djz_buf_puts(o, " null\n");
        return;
    case DJZ_JSON_BOOL:
        djz_buf_puts(o, v->boolean ? " true\n" : " false\n");
        return;
    case DJZ_JSON_NUMBER:
        djz_buf_puts(o, " ");
        djz_buf_puts(o, v->text);
        djz_buf_puts(o, "\n");
        return;
    case DJZ_JSON_STRING: {
        djz_yaml_style style = djz_yaml_style_of(v->text, false);
        if (style == DJZ_YAML_BLOCK) {
            block(o, v->text, indent);
            return;
        }
        djz_buf_puts(o, " ");
        inline_string(o, v->text, style);
        djz_buf_puts(o, "\n");
        return;
    }
    case DJZ_JSON_ARRAY:
        if (!v->n) {
            djz_buf_puts(o, " []\n");
            return;
        }
        if (in_sequence) {
            djz_buf_puts(o, " ");
            sequence(o, v, indent, true);
        } else {
            djz_buf_puts(o, "\n");
            sequence(o, v, indent, false);
        }
        return;
    case DJZ_JSON_OBJECT:
        if (!v->n) {
            djz_buf_puts(o, " {}\n");
            return;
        }
        if (in_sequence) {
            djz_buf_puts(o, " ");
            mapping(o, v, indent, true);
        } else {
            djz_buf_puts(o, "\n");
            mapping(o, v, indent, false);
        }
        return;
    default:
        abort(); /* slots and expressions are ARM's, never YAML's */
    }
}

static void mapping(djz_buf *o, const djz_json *v, int indent,
                    bool first_inline)
{
    for (size_t i = 0; i < v->n; i++) {
        if (i || !first_inline)
            pad(o, indent);
        inline_string(o, v->keys[i], djz_yaml_style_of(v->keys[i], true));
        djz_buf_puts(o, ":");
        node(o, v->items[i], indent + 2, false);
    }
}

static void sequence(djz_buf *o, const djz_json *v, int indent,
                     bool first_inline)
{
    for (size_t i = 0; i < v->n; i++) {
        if (i || !first_inline)
            pad(o, indent);
        djz_buf_puts(o, "-");
        node(o, v->items[i], indent + 2, true);
    }
}

/* One line of the header comment: a character that any YAML reader
 * could take for a line break (CR, NEL, U+2028...) or that yamllint
 * refuses would end the comment and start content, so each control and
 * special character (ESCAPED above: a comment has no escapes) is written
 * as U+FFFD. */
static void comment_line(djz_buf *o, const char *line, size_t len)
{
    const unsigned char *end = (const unsigned char *)line + len;
    djz_buf_puts(o, len ? "# " : "#");
    for (size_t i = 0; i < len;) {
        const unsigned char *p = (const unsigned char *)line + i;
        size_t n;
        uint32_t cp;
        kind k = special(p, end, &n, &cp);
        if (k != ORDINARY || *p < 0x20 || *p == 0x7f)
            djz_buf_puts(o, "\xef\xbf\xbd");
        else
            djz_buf_put(o, line + i, n);
        i += n;
    }
    djz_buf_puts(o, "\n");
}

void djz_yaml_write(djz_buf *out, const char *comment, const djz_json *v)
{
    for (const char *line = comment; line && *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        comment_line(out, line, len);
        line = nl ? nl + 1 : line + len;
    }
    djz_buf_puts(out, "---\n");
    if (v->kind != DJZ_JSON_OBJECT)
        abort();
    if (!v->n)
        djz_buf_puts(out, "{}\n");
    else
        mapping(out, v, 0, false);
}
