/* test_render.c - the three renderers and `explain`, on in-memory sources.
 *
 * Text output is compared byte for byte; JSON lines and the SARIF log are
 * parsed back with cJSON and checked field by field. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag/diag.h"

typedef struct fixture {
    djz_arena arena;
    djz_diag_sink sink;
} fixture;

typedef void (*renderer)(FILE *, djz_diag_sink *, const djz_render_opts *);

static void fx_init(fixture *f, size_t max_errors)
{
    djz_arena_init(&f->arena);
    djz_sink_init(&f->sink, &f->arena, max_errors);
}

static djz_source *fx_source(fixture *f, const char *name, const char *text)
{
    return djz_source_new(&f->arena, name, text, strlen(text));
}

/* The span of the first occurrence of needle in src's text. */
static djz_span find(const djz_source *src, const char *needle)
{
    const char *p = strstr(src->text, needle);
    CHECK(p != NULL);
    uint32_t lo = p ? (uint32_t)(p - src->text) : 0;
    return djz_span_make(lo, lo + (uint32_t)strlen(needle));
}

/* An empty span just before the first occurrence of needle. */
static djz_span before(const djz_source *src, const char *needle)
{
    djz_span s = find(src, needle);
    return djz_span_make(s.lo, s.lo);
}

static char *render(renderer fn, djz_diag_sink *s, bool color)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    djz_render_opts opts = {color, "0.1.0"};
    fn(out, s, &opts);
    fclose(out);
    return buf;
}

/* Renders f's sink as plain text, compares, and frees the fixture. */
static void expect_text(fixture *f, const char *want)
{
    char *got = render(djz_render_text, &f->sink, false);
    CHECK_EQ_STR(got, want);
    free(got);
    djz_arena_free(&f->arena);
}

/* ---- text ------------------------------------------------------------ */

static void test_text_simple_with_help(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_source *src =
        fx_source(&f, "t.djaz", "djaz 1\napp web {\n  python: \"3.13\"\n}\n");
    djz_diag *d = djz_report(&f.sink, DJZ_COLON_FOR_EQUALS, src, find(src, ":"),
                             "expected `=`, found `:`");
    djz_diag_help(&f.sink, d, "write `python = \"3.13\"`");
    expect_text(&f, "t.djaz:3:9: error[DJZ1021]: expected `=`, found `:`\n"
                    " 3 |   python: \"3.13\"\n"
                    "   |         ^\n"
                    "   = help: write `python = \"3.13\"`\n"
                    "djaz: 1 error\n");
}

static void test_text_tabs(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_source *src = fx_source(&f, "t.djaz", "x {\n\ta = \"b\tc\"\n}\n");
    djz_report(&f.sink, DJZ_TAB_IN_STRING, src, find(src, "\"b\tc\""),
               "literal tab in a string");
    expect_text(&f, "t.djaz:2:6: warning[DJZ1005]: literal tab in a string\n"
                    " 2 |     a = \"b    c\"\n"
                    "   |         ^^^^^^^^\n"
                    "djaz: 1 warning\n");
}

/* é 日 本 🙂: one column each, whatever their length in bytes */
#define WIDE      "\xE6\x97\xA5\xE6\x9C\xAC\xF0\x9F\x99\x82"
#define UTF8_LINE "name = \"\xC3\xA9" WIDE "\" x"

static void test_text_utf8(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_source *src = fx_source(&f, "u.djaz", UTF8_LINE "\n");
    djz_report(&f.sink, DJZ_UNEXPECTED_TOKEN, src, find(src, WIDE), "wide");
    djz_report(&f.sink, DJZ_UNEXPECTED_TOKEN, src, find(src, "x"), "after");
    expect_text(&f, "u.djaz:1:10: error[DJZ1020]: wide\n"
                    " 1 | " UTF8_LINE "\n"
                    "   |          ^^^\n"
                    "u.djaz:1:15: error[DJZ1020]: after\n"
                    " 1 | " UTF8_LINE "\n"
                    "   |               ^\n"
                    "djaz: 2 errors\n");
}

/* Control characters and each byte of invalid UTF-8 show as U+FFFD, one
 * column each. */
static void test_text_replacement(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_source *src = fx_source(&f, "r.djaz",
                                "a\x01"
                                "b\xC3(\x7F = 1\n");
    djz_report(&f.sink, DJZ_INVALID_CHARACTER, src, find(src, "="), "eq");
    expect_text(&f, "r.djaz:1:8: error[DJZ1001]: eq\n"
                    " 1 | a\xEF\xBF\xBD"
                    "b\xEF\xBF\xBD(\xEF\xBF\xBD = 1\n"
                    "   |        ^\n"
                    "djaz: 1 error\n");
}

/* Invisible and bidirectional characters in a shown line are U+FFFD too,
 * one column each, so they neither hide nor reorder the text and the
 * carets stay under what they mark. */
static void test_text_invisible_in_line(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_source *src = fx_source(&f, "i.djaz",
                                "a\xE2\x80\xAE"     /* U+202E, RLO */
                                "b\xE2\x80\x8B = 1" /* U+200B, ZWSP */
                                "\n");
    djz_report(&f.sink, DJZ_INVALID_CHARACTER, src, find(src, "="), "eq");
    expect_text(&f, "i.djaz:1:6: error[DJZ1001]: eq\n"
                    " 1 | a\xEF\xBF\xBD"
                    "b\xEF\xBF\xBD = 1\n"
                    "   |      ^\n"
                    "djaz: 1 error\n");
}

/* A file name cannot forge a diagnostic line, hide or reorder text, or
 * command the terminal: in the location (of the diagnostic and of a
 * note) and in a message, it is escaped as the formatter escapes text;
 * a byte of invalid UTF-8 as \xHH. */
static void test_text_escaped_path(void)
{
    fixture f;
    fx_init(&f, 0);
    const char *name = "a\nb.djaz:9:9: error[DJZ1001]: forged\t\x1b[2J"
                       "\xE2\x80\xAE\xFFz.djaz";
    djz_source *src = fx_source(&f, name, "x = 1\n");
    djz_diag *d = djz_report(&f.sink, DJZ_INVALID_CHARACTER, src,
                             find(src, "="), "cannot read '%s'", name);
    djz_diag_note(&f.sink, d, src, find(src, "1"), "here");
    expect_text(&f, "a\\nb.djaz:9:9: error[DJZ1001]: forged\\t\\u{1b}[2J"
                    "\\u{202e}\\xffz.djaz:1:3: error[DJZ1001]: cannot read "
                    "'a\\nb.djaz:9:9: error[DJZ1001]: forged\\t\\u{1b}[2J"
                    "\\u{202e}\\xffz.djaz'\n"
                    " 1 | x = 1\n"
                    "   |   ^\n"
                    "a\\nb.djaz:9:9: error[DJZ1001]: forged\\t\\u{1b}[2J"
                    "\\u{202e}\\xffz.djaz:1:5: note: here\n"
                    " 1 | x = 1\n"
                    "   |     ^\n"
                    "djaz: 1 error\n");
}

/* A file name's backslash is escaped too: a name that is literally `a\nb`
 * does not look like a + newline + b, nor `\u{202e}` like the control.
 * A message's is not (help quotes djaz's escapes: write `\n`). */
static void test_text_escaped_backslash(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_source *lit = fx_source(&f, "a\\nb\\u{202e}.djaz", "x = 1\n");
    djz_source *real = fx_source(&f, "a\nb\xE2\x80\xAE.djaz", "x = 1\n");
    djz_report(&f.sink, DJZ_INVALID_CHARACTER, lit, find(lit, "="), "C:\\x");
    djz_report(&f.sink, DJZ_INVALID_CHARACTER, real, find(real, "="), "C:\n");
    expect_text(&f, "a\\\\nb\\\\u{202e}.djaz:1:3: error[DJZ1001]: C:\\x\n"
                    " 1 | x = 1\n"
                    "   |   ^\n"
                    "a\\nb\\u{202e}.djaz:1:3: error[DJZ1001]: C:\\n\n"
                    " 1 | x = 1\n"
                    "   |   ^\n"
                    "djaz: 2 errors\n");
}

static void test_text_crlf(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_source *src = fx_source(&f, "c.djaz", "djaz 1\r\napp: x\r\ny\r\n");
    djz_report(&f.sink, DJZ_COLON_FOR_EQUALS, src, find(src, ":"), "colon");
    /* a span on the \r of the CRLF: just past the text */
    djz_report(&f.sink, DJZ_UNEXPECTED_TOKEN, src, find(src, "\r\ny"), "eol");
    expect_text(&f, "c.djaz:2:4: error[DJZ1021]: colon\n"
                    " 2 | app: x\n"
                    "   |    ^\n"
                    "c.djaz:2:7: error[DJZ1020]: eol\n"
                    " 2 | app: x\n"
                    "   |       ^\n"
                    "djaz: 2 errors\n");
}

static void test_text_end_of_line(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_source *src = fx_source(&f, "e.djaz", "a =\nb = 2\n");
    djz_report(&f.sink, DJZ_MISSING_VALUE, src, find(src, "\n"), "no value");
    expect_text(&f, "e.djaz:1:4: error[DJZ1026]: no value\n"
                    " 1 | a =\n"
                    "   |    ^\n"
                    "djaz: 1 error\n");
}

static void test_text_empty_span(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_source *src = fx_source(&f, "e.djaz", "ab cd\n");
    djz_report(&f.sink, DJZ_UNEXPECTED_TOKEN, src, before(src, "cd"), "here");
    /* and at the very end of a file without a final newline */
    djz_source *eof = fx_source(&f, "f.djaz", "x");
    djz_report(&f.sink, DJZ_UNEXPECTED_TOKEN, eof, djz_span_make(1, 1), "end");
    expect_text(&f, "e.djaz:1:4: error[DJZ1020]: here\n"
                    " 1 | ab cd\n"
                    "   |    ^\n"
                    "f.djaz:1:2: error[DJZ1020]: end\n"
                    " 1 | x\n"
                    "   |  ^\n"
                    "djaz: 2 errors\n");
}

static void test_text_multiline_span(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_source *src = fx_source(&f, "m.djaz", "app web {\n  x = 1\n}\n");
    djz_span whole = djz_span_make(0, src->len);
    djz_report(&f.sink, DJZ_UNEXPECTED_TOKEN, src, whole, "whole");
    /* starting exactly at the end of the line: one caret after it */
    djz_span from_eol = djz_span_make(find(src, "\n").lo, src->len);
    djz_report(&f.sink, DJZ_UNEXPECTED_TOKEN, src, from_eol, "tail");
    expect_text(&f, "m.djaz:1:1: error[DJZ1020]: whole\n"
                    " 1 | app web {\n"
                    "   | ^^^^^^^^^\n"
                    "m.djaz:1:10: error[DJZ1020]: tail\n"
                    " 1 | app web {\n"
                    "   |          ^\n"
                    "djaz: 2 errors\n");
}

static void test_text_empty_line(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_source *src = fx_source(&f, "b.djaz", "a\n\nb\n");
    djz_report(&f.sink, DJZ_UNEXPECTED_TOKEN, src, djz_span_make(2, 2),
               "blank");
    expect_text(&f, "b.djaz:2:1: error[DJZ1020]: blank\n"
                    " 2 |\n"
                    "   | ^\n"
                    "djaz: 1 error\n");
}

#define EIGHT_LINES "a = 1\na = 2\na = 3\na = 4\na = 5\na = 6\na = 7\na = 8\n"

/* W is the width of the largest line number in the whole diagnostic,
 * notes included. */
static void test_text_notes_width(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_source *src =
        fx_source(&f, "n.djaz", EIGHT_LINES "app web {, \n  x = 1");
    djz_diag *d = djz_report(&f.sink, DJZ_STRAY_COMMA, src, find(src, ","),
                             "stray comma");
    djz_diag_note(&f.sink, d, src, find(src, "x"), "next statement");
    djz_diag_note(&f.sink, d, NULL, djz_span_make(0, 0),
                  "statements are separated by line breaks");
    d = djz_report(&f.sink, DJZ_UNCLOSED_BLOCK, src,
                   djz_span_make(src->len, src->len),
                   "expected `}` before the end of the file");
    djz_diag_note(&f.sink, d, src, find(src, "{"), "block opened here");
    expect_text(&f, "n.djaz:9:10: error[DJZ1022]: stray comma\n"
                    "  9 | app web {, \n"
                    "    |          ^\n"
                    "n.djaz:10:3: note: next statement\n"
                    " 10 |   x = 1\n"
                    "    |   ^\n"
                    "    = note: statements are separated by line breaks\n"
                    "n.djaz:10:8: error[DJZ1023]: expected `}` before the "
                    "end of the file\n"
                    " 10 |   x = 1\n"
                    "    |        ^\n"
                    "n.djaz:9:9: note: block opened here\n"
                    "  9 | app web {, \n"
                    "    |         ^\n"
                    "djaz: 2 errors\n");
}

static void test_text_without_source(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_diag *d =
        djz_report(&f.sink, DJZ_FILE_UNREADABLE, NULL, djz_span_make(0, 0),
                   "cannot read `x.djaz`: No such file or directory");
    djz_diag_help(&f.sink, d, "check the path");
    /* A control character in a message (from a spec's value) is shown,
     * not obeyed: a newline as \n, an escape as \u{1b}, as the formatter
     * writes it. */
    djz_diag_note(&f.sink, d, NULL, djz_span_make(0, 0),
                  "first line\nsecond \x1b[31m");
    expect_text(&f, "djaz: error[DJZ2001]: cannot read `x.djaz`: No such "
                    "file or directory\n"
                    "   = help: check the path\n"
                    "   = note: first line\\nsecond \\u{1b}[31m\n"
                    "djaz: 1 error\n");
}

static void report_n(fixture *f, djz_code code, int n)
{
    for (int i = 0; i < n; i++)
        djz_report(&f->sink, code, NULL, djz_span_make(0, 0), "m%d", i);
}

/* The last line of text (with its newline), or "" when text is empty. */
static const char *last_line(const char *text)
{
    size_t i = strlen(text);
    if (i > 0)
        i--; /* the final newline */
    while (i > 0 && text[i - 1] != '\n')
        i--;
    return text + i;
}

/* The summary line alone: the diagnostics are not "djaz: N ..." lines. */
static void expect_summary(fixture *f, const char *want)
{
    char *got = render(djz_render_text, &f->sink, false);
    const char *last = last_line(got);
    if (strstr(last, "[DJZ"))
        last = ""; /* a diagnostic, so no summary */
    CHECK_EQ_STR(last, want);
    free(got);
    djz_arena_free(&f->arena);
}

static void test_text_summary(void)
{
    fixture f;
    fx_init(&f, 0);
    expect_summary(&f, "");
    fx_init(&f, 0);
    report_n(&f, DJZ_UNCLOSED_BLOCK, 1);
    expect_summary(&f, "djaz: 1 error\n");
    fx_init(&f, 0);
    report_n(&f, DJZ_UNCLOSED_BLOCK, 5);
    report_n(&f, DJZ_TAB_IN_STRING, 1);
    expect_summary(&f, "djaz: 5 errors, 1 warning\n");
    fx_init(&f, 0);
    report_n(&f, DJZ_TAB_IN_STRING, 2);
    expect_summary(&f, "djaz: 2 warnings\n");
    fx_init(&f, 0);
    report_n(&f, DJZ_TAB_IN_STRING, 1);
    report_n(&f, DJZ_UNCLOSED_BLOCK, 2);
    expect_summary(&f, "djaz: 2 errors, 1 warning\n");
}

static void test_text_truncated(void)
{
    fixture f;
    fx_init(&f, 2);
    report_n(&f, DJZ_UNCLOSED_BLOCK, 3);
    CHECK(f.sink.truncated);
    expect_text(&f, "djaz: error[DJZ1023]: m0\n"
                    "djaz: error[DJZ1023]: m1\n"
                    "djaz: 2 errors; stopped after 2 errors (--max-errors)\n");
    fx_init(&f, 1);
    report_n(&f, DJZ_UNCLOSED_BLOCK, 2);
    report_n(&f, DJZ_TAB_IN_STRING, 1);
    expect_summary(&f, "djaz: 1 error, 1 warning; stopped after 1 error "
                       "(--max-errors)\n");
}

static void test_text_color(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_source *src = fx_source(&f, "t.djaz", "a: 1\n\tb = \"\t\"\n");
    djz_diag *d =
        djz_report(&f.sink, DJZ_COLON_FOR_EQUALS, src, find(src, ":"), "colon");
    djz_diag_help(&f.sink, d, "use =");
    djz_report(&f.sink, DJZ_TAB_IN_STRING, src, find(src, "\"\t\""), "tab");
    char *plain = render(djz_render_text, &f.sink, false);
    char *color = render(djz_render_text, &f.sink, true);
    CHECK(strchr(plain, '\033') == NULL);
    const char *want =
        "\033[1mt.djaz:1:2:\033[0m \033[1;31merror[DJZ1021]\033[0m"
        "\033[1m: colon\033[0m\n"
        " \033[1;34m1 |\033[0m a: 1\n"
        " \033[1;34m  |\033[0m  \033[1;31m^\033[0m\n"
        " \033[1;34m  =\033[0m \033[1;32mhelp\033[0m: use =\n"
        "\033[1mt.djaz:2:6:\033[0m \033[1;33mwarning[DJZ1005]\033[0m"
        "\033[1m: tab\033[0m\n"
        " \033[1;34m2 |\033[0m     b = \"    \"\n"
        " \033[1;34m  |\033[0m         \033[1;33m^^^^^^\033[0m\n"
        "djaz: 1 error, 1 warning\n";
    CHECK_EQ_STR(color, want);
    free(plain);
    free(color);
    djz_arena_free(&f.arena);
}

static void test_text_note_color(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_source *src = fx_source(&f, "t.djaz", "a {\n");
    djz_diag *d = djz_report(&f.sink, DJZ_UNCLOSED_BLOCK, src,
                             djz_span_make(src->len, src->len), "unclosed");
    djz_diag_note(&f.sink, d, src, find(src, "{"), "opened");
    char *color = render(djz_render_text, &f.sink, true);
    CHECK(strstr(color, "\033[1;36mnote\033[0m\033[1m: opened\033[0m\n"));
    CHECK(strstr(color, "  \033[1;36m^\033[0m\n"));
    free(color);
    djz_arena_free(&f.arena);
}

static void test_explain(void)
{
    const djz_diag_info *info = djz_diag_lookup(DJZ_TAB_IN_STRING);
    CHECK(info != NULL);
    if (!info)
        return;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    djz_render_explain(out, info, false);
    fclose(out);
    char want[2048];
    snprintf(want, sizeof want,
             "DJZ1005 (tab-in-string): literal tab character inside a "
             "string\nseverity: warning\n\n%s\n",
             info->explain);
    CHECK_EQ_STR(buf, want);
    free(buf);
    out = open_memstream(&buf, &len);
    djz_render_explain(out, info, true);
    fclose(out);
    CHECK(strncmp(buf, "\033[1;33mDJZ1005\033[0m", 18) == 0);
    free(buf);
}

/* ---- JSON lines ------------------------------------------------------ */

static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static long jnum(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? (long)v->valuedouble : -1;
}

/* The object's keys, space-separated, in order. */
static void key_order(const cJSON *o, char *buf, size_t size)
{
    buf[0] = '\0';
    for (const cJSON *c = o ? o->child : NULL; c; c = c->next) {
        if (buf[0])
            strncat(buf, " ", size - strlen(buf) - 1);
        strncat(buf, c->string, size - strlen(buf) - 1);
    }
}

static void build_json_sink(fixture *f)
{
    fx_init(f, 0);
    djz_source *src = fx_source(f, "j.djaz", "app {\n\tpy: \"\xC3\xA9\"\n");
    djz_diag *d = djz_report(&f->sink, DJZ_COLON_FOR_EQUALS, src,
                             find(src, ": \""), "say \"=\"\n\xFF");
    djz_diag_help(&f->sink, d, "write `py =`");
    djz_diag_note(&f->sink, d, src, find(src, "{"), "inside this block");
    djz_diag_note(&f->sink, d, NULL, djz_span_make(0, 0), "unlocated");
    djz_report(&f->sink, DJZ_TAB_IN_STRING, src,
               djz_span_make(find(src, "{").lo, find(src, "\xC3\xA9").hi),
               "spans lines");
    djz_report(&f->sink, DJZ_FILE_UNREADABLE, NULL, djz_span_make(0, 0),
               "no file");
}

static void check_json_first(const cJSON *o)
{
    char keys[256];
    key_order(o, keys, sizeof keys);
    CHECK_EQ_STR(keys, "code name severity message file line column end_line "
                       "end_column offset length help notes");
    CHECK_EQ_STR(jstr(o, "code"), "DJZ1021");
    CHECK_EQ_STR(jstr(o, "name"), "colon-for-equals");
    CHECK_EQ_STR(jstr(o, "severity"), "error");
    CHECK_EQ_STR(jstr(o, "message"), "say \"=\"\n\xEF\xBF\xBD");
    CHECK_EQ_STR(jstr(o, "file"), "j.djaz");
    CHECK_EQ_INT(jnum(o, "line"), 2);
    CHECK_EQ_INT(jnum(o, "column"), 4);
    CHECK_EQ_INT(jnum(o, "end_line"), 2);
    CHECK_EQ_INT(jnum(o, "end_column"), 7);
    CHECK_EQ_INT(jnum(o, "offset"), 9);
    CHECK_EQ_INT(jnum(o, "length"), 3);
    CHECK_EQ_STR(jstr(o, "help"), "write `py =`");
    const cJSON *notes = cJSON_GetObjectItemCaseSensitive(o, "notes");
    CHECK_EQ_INT(cJSON_GetArraySize(notes), 2);
    const cJSON *n0 = cJSON_GetArrayItem(notes, 0);
    key_order(n0, keys, sizeof keys);
    CHECK_EQ_STR(keys, "message file line column");
    CHECK_EQ_STR(jstr(n0, "message"), "inside this block");
    CHECK_EQ_INT(jnum(n0, "line"), 1);
    CHECK_EQ_INT(jnum(n0, "column"), 5);
    key_order(cJSON_GetArrayItem(notes, 1), keys, sizeof keys);
    CHECK_EQ_STR(keys, "message");
}

static void check_json_rest(const cJSON *spans, const cJSON *nofile)
{
    char keys[256];
    key_order(spans, keys, sizeof keys);
    CHECK_EQ_STR(keys, "code name severity message file line column end_line "
                       "end_column offset length");
    CHECK_EQ_STR(jstr(spans, "severity"), "warning");
    CHECK_EQ_INT(jnum(spans, "line"), 1);
    CHECK_EQ_INT(jnum(spans, "column"), 5);
    CHECK_EQ_INT(jnum(spans, "end_line"), 2);
    CHECK_EQ_INT(jnum(spans, "end_column"), 8);
    CHECK_EQ_INT(jnum(spans, "offset"), 4);
    CHECK_EQ_INT(jnum(spans, "length"), 10);
    key_order(nofile, keys, sizeof keys);
    CHECK_EQ_STR(keys, "code name severity message");
    CHECK_EQ_STR(jstr(nofile, "code"), "DJZ2001");
    CHECK_EQ_STR(jstr(nofile, "name"), "file-unreadable");
}

/* JSON and SARIF carry a file name with a newline as an escape (cJSON):
 * a JSON line stays one line, and the name reads back exactly; SARIF's
 * URI is percent-encoded. */
static void test_json_sarif_path(void)
{
    fixture f;
    fx_init(&f, 0);
    const char *name = "a\nb\x1b\xE2\x80\xAE.djaz";
    djz_source *src = fx_source(&f, name, "x = 1\n");
    djz_report(&f.sink, DJZ_INVALID_CHARACTER, src, find(src, "="), "eq");
    char *out = render(djz_render_json, &f.sink, false);
    CHECK(strchr(out, '\n') == out + strlen(out) - 1);
    cJSON *o = cJSON_Parse(out);
    CHECK_EQ_STR(jstr(o, "file"), name);
    cJSON_Delete(o);
    free(out);
    out = render(djz_render_sarif, &f.sink, false);
    CHECK(strstr(out, "\"uri\": \"a%0Ab%1B%E2%80%AE.djaz\"") != NULL ||
          strstr(out, "\"uri\":\t\"a%0Ab%1B%E2%80%AE.djaz\"") != NULL);
    free(out);
    djz_arena_free(&f.arena);
}

static void test_json(void)
{
    fixture f;
    build_json_sink(&f);
    char *out = render(djz_render_json, &f.sink, true);
    CHECK(strchr(out, '\033') == NULL);
    cJSON *objs[4] = {NULL};
    int lines = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        cJSON *o = cJSON_Parse(line);
        CHECK(cJSON_IsObject(o));
        if (lines < 4)
            objs[lines] = o;
        else
            cJSON_Delete(o);
        lines++;
    }
    CHECK_EQ_INT(lines, 3); /* no summary line */
    if (lines == 3) {
        /* sorted: j.djaz by position, then the file-less one */
        check_json_rest(objs[0], objs[2]);
        check_json_first(objs[1]);
    }
    for (int i = 0; i < 4; i++)
        cJSON_Delete(objs[i]);
    free(out);
    djz_arena_free(&f.arena);
}

static void test_json_empty(void)
{
    fixture f;
    fx_init(&f, 0);
    char *out = render(djz_render_json, &f.sink, false);
    CHECK_EQ_STR(out, "");
    free(out);
    djz_arena_free(&f.arena);
}

/* ---- SARIF ----------------------------------------------------------- */

static const cJSON *jpath(const cJSON *o, const char *a, const char *b)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, a);
    return b ? cJSON_GetObjectItemCaseSensitive(x, b) : x;
}

static void check_sarif_rules(const cJSON *driver)
{
    CHECK_EQ_STR(jstr(driver, "name"), "djaz");
    CHECK_EQ_STR(jstr(driver, "version"), "0.1.0");
    const cJSON *rules = jpath(driver, "rules", NULL);
    CHECK_EQ_INT(cJSON_GetArraySize(rules), djz_catalogue_len);
    int wrong = 0;
    for (size_t i = 0; i < djz_catalogue_len; i++) {
        const cJSON *r = cJSON_GetArrayItem(rules, (int)i);
        char id[16];
        snprintf(id, sizeof id, "DJZ%04d", (int)djz_catalogue[i].code);
        const char *level =
            jstr(jpath(r, "defaultConfiguration", NULL), "level");
        wrong += !jstr(r, "id") || strcmp(jstr(r, "id"), id) != 0;
        wrong += !jstr(r, "name") ||
                 strcmp(jstr(r, "name"), djz_catalogue[i].name) != 0;
        wrong +=
            !level ||
            strcmp(level, djz_severity_name(djz_catalogue[i].severity)) != 0;
        wrong += !jstr(jpath(r, "shortDescription", NULL), "text") ||
                 !jstr(jpath(r, "fullDescription", NULL), "text") ||
                 !jstr(jpath(r, "help", NULL), "text");
    }
    CHECK_EQ_INT(wrong, 0);
}

static void check_region(const cJSON *physical, const char *uri, long sl,
                         long sc, long el, long ec)
{
    CHECK_EQ_STR(jstr(jpath(physical, "artifactLocation", NULL), "uri"), uri);
    const cJSON *region = jpath(physical, "region", NULL);
    CHECK_EQ_INT(jnum(region, "startLine"), sl);
    CHECK_EQ_INT(jnum(region, "startColumn"), sc);
    CHECK_EQ_INT(jnum(region, "endLine"), el);
    CHECK_EQ_INT(jnum(region, "endColumn"), ec);
}

static void check_sarif_first(const cJSON *rules, const cJSON *r)
{
    CHECK_EQ_STR(jstr(r, "ruleId"), "DJZ1021");
    long index = jnum(r, "ruleIndex");
    const cJSON *rule = cJSON_GetArrayItem(rules, (int)index);
    CHECK_EQ_STR(jstr(rule, "id"), "DJZ1021");
    CHECK_EQ_STR(jstr(r, "level"), "error");
    CHECK_EQ_STR(jstr(jpath(r, "message", NULL), "text"),
                 "say \"=\"\n\xEF\xBF\xBD\nhelp: write `py =`\n"
                 "note: unlocated");
    const cJSON *locs = jpath(r, "locations", NULL);
    CHECK_EQ_INT(cJSON_GetArraySize(locs), 1);
    check_region(jpath(cJSON_GetArrayItem(locs, 0), "physicalLocation", NULL),
                 "my%20dir/j%C3%A9%25.djaz", 2, 4, 2, 7);
    const cJSON *rel = jpath(r, "relatedLocations", NULL);
    CHECK_EQ_INT(cJSON_GetArraySize(rel), 1);
    const cJSON *r0 = cJSON_GetArrayItem(rel, 0);
    CHECK_EQ_INT(jnum(r0, "id"), 0);
    CHECK_EQ_STR(jstr(jpath(r0, "message", NULL), "text"), "inside this block");
    check_region(jpath(r0, "physicalLocation", NULL),
                 "my%20dir/j%C3%A9%25.djaz", 1, 5, 1, 6);
}

static void check_sarif_results(const cJSON *rules, const cJSON *results)
{
    CHECK_EQ_INT(cJSON_GetArraySize(results), 3);
    const cJSON *spans = cJSON_GetArrayItem(results, 0);
    CHECK_EQ_STR(jstr(spans, "ruleId"), "DJZ1005");
    CHECK_EQ_STR(jstr(spans, "level"), "warning");
    CHECK(jpath(spans, "relatedLocations", NULL) == NULL);
    check_region(jpath(cJSON_GetArrayItem(jpath(spans, "locations", NULL), 0),
                       "physicalLocation", NULL),
                 "my%20dir/j%C3%A9%25.djaz", 1, 5, 2, 8);
    check_sarif_first(rules, cJSON_GetArrayItem(results, 1));
    const cJSON *nofile = cJSON_GetArrayItem(results, 2);
    CHECK_EQ_STR(jstr(nofile, "ruleId"), "DJZ2001");
    CHECK(jpath(nofile, "locations", NULL) == NULL);
    CHECK_EQ_STR(jstr(jpath(nofile, "message", NULL), "text"), "no file");
}

static void test_sarif(void)
{
    fixture f;
    build_json_sink(&f);
    f.sink.head->src->name = "my dir/j\xC3\xA9%.djaz";
    char *out = render(djz_render_sarif, &f.sink, true);
    cJSON *log = cJSON_Parse(out);
    CHECK(cJSON_IsObject(log));
    CHECK_EQ_STR(jstr(log, "$schema"),
                 "https://json.schemastore.org/sarif-2.1.0.json");
    CHECK_EQ_STR(jstr(log, "version"), "2.1.0");
    const cJSON *runs = jpath(log, "runs", NULL);
    CHECK_EQ_INT(cJSON_GetArraySize(runs), 1);
    const cJSON *run = cJSON_GetArrayItem(runs, 0);
    const cJSON *driver = jpath(jpath(run, "tool", NULL), "driver", NULL);
    CHECK_EQ_STR(jstr(run, "columnKind"), "unicodeCodePoints");
    check_sarif_rules(driver);
    check_sarif_results(jpath(driver, "rules", NULL),
                        jpath(run, "results", NULL));
    cJSON_Delete(log);
    free(out);
    djz_arena_free(&f.arena);
}

static void test_sarif_empty(void)
{
    fixture f;
    fx_init(&f, 0);
    djz_render_opts opts = {false, NULL};
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    djz_render_sarif(out, &f.sink, &opts);
    fclose(out);
    cJSON *log = cJSON_Parse(buf);
    const cJSON *run = cJSON_GetArrayItem(jpath(log, "runs", NULL), 0);
    const cJSON *driver = jpath(jpath(run, "tool", NULL), "driver", NULL);
    CHECK(jpath(driver, "version", NULL) == NULL);
    CHECK(cJSON_IsArray(jpath(run, "results", NULL)));
    CHECK_EQ_INT(cJSON_GetArraySize(jpath(run, "results", NULL)), 0);
    CHECK(len > 0 && buf[len - 1] == '\n');
    cJSON_Delete(log);
    free(buf);
    djz_arena_free(&f.arena);
}

DJZ_TESTS(test_text_simple_with_help, test_text_tabs, test_text_utf8,
          test_text_replacement, test_text_invisible_in_line,
          test_text_escaped_path, test_text_escaped_backslash,
          test_json_sarif_path, test_text_crlf, test_text_end_of_line,
          test_text_empty_span, test_text_multiline_span, test_text_empty_line,
          test_text_notes_width, test_text_without_source, test_text_summary,
          test_text_truncated, test_text_color, test_text_note_color,
          test_explain, test_json, test_json_empty, test_sarif,
          test_sarif_empty)
