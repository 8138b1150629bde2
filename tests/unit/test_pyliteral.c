/* test_pyliteral.c - the Python-literal writer: how each hazard is
 * written in a string literal, a docstring and a comment.
 *
 *   test_pyliteral        the unit tests
 *   test_pyliteral DIR    also writes DIR/hazards.py (every hazard as a
 *                         literal, in a list, in a docstring and in a
 *                         comment) and DIR/hazards.json, for
 *                         tests/writers/run.sh: Python compiles the
 *                         module and compares its values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "emit/pyliteral.h"
#include "hazards.h"

static char *text(void (*write)(djz_buf *, const char *), const char *s)
{
    static djz_buf out;
    out.len = 0;
    write(&out, s);
    djz_buf_put(&out, "", 0);
    return out.data;
}

static void test_str(void)
{
    CHECK_EQ_STR(text(djz_py_str, "/path/"), "\"/path/\"");
    CHECK_EQ_STR(text(djz_py_str, "say \"hi\" \\o/"),
                 "\"say \\\"hi\\\" \\\\o/\"");
    CHECK_EQ_STR(text(djz_py_str, "it's"), "\"it's\"");
    CHECK_EQ_STR(text(djz_py_str, "a\nb\rc\td\x01\x7f"),
                 "\"a\\nb\\rc\\td\\x01\\x7f\"");
    CHECK_EQ_STR(text(djz_py_str, "nel\xc2\x85 ls\xe2\x80\xa8 ps\xe2\x80\xa9"),
                 "\"nel\\x85 ls\\u2028 ps\\u2029\"");
    CHECK_EQ_STR(text(djz_py_str, "\xc3\xa9t\xc3\xa9 {x} %s"),
                 "\"\xc3\xa9t\xc3\xa9 {x} %s\"");
    CHECK_EQ_STR(text(djz_py_str, "bad\xff"), "\"bad\\ufffd\"");
}

static void test_body(void)
{
    /* no docstring can be closed from inside */
    CHECK_EQ_STR(text(djz_py_str_body, "\"\"\" import os"),
                 "\\\"\\\"\\\" import os");
    CHECK_EQ_STR(text(djz_py_str_body, "\\"), "\\\\");
}

static void test_comment(void)
{
    CHECK_EQ_STR(text(djz_py_comment_text, "a \"b\" \\c"), "a \"b\" \\c");
    CHECK_EQ_STR(text(djz_py_comment_text, "a\nimport os"),
                 "a\xef\xbf\xbdimport os");
    CHECK_EQ_STR(text(djz_py_comment_text, "\r\f\xc2\x85\xe2\x80\xa8"),
                 "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

static void test_list(void)
{
    const char *items[] = {"a", "b\"", ""};
    djz_buf out = {0};
    djz_py_str_list(&out, items, 3);
    djz_py_str_list(&out, items, 0);
    djz_buf_put(&out, "", 0);
    CHECK_EQ_STR(out.data, "[\"a\", \"b\\\"\", \"\"][]");
    djz_buf_free(&out);
}

static int emit(const char *dir)
{
    djz_arena a;
    djz_arena_init(&a);
    djz_buf py = {0}, json = {0};
    djz_buf_puts(&py, "\"\"\"Every hazard in this docstring:\n");
    for (size_t i = 0; i < DJZ_NHAZARDS; i++) {
        djz_buf_puts(&py, djz_arena_printf(&a, "<%zu:", i));
        djz_py_str_body(&py, djz_hazards[i]);
        djz_buf_puts(&py, ">\n");
    }
    djz_buf_puts(&py, "\"\"\"\nVALUES = ");
    djz_py_str_list(&py, djz_hazards, DJZ_NHAZARDS);
    djz_buf_puts(&py, "\nCOMMENTS = 0\n");
    for (size_t i = 0; i < DJZ_NHAZARDS; i++) {
        djz_buf_puts(&py, "# ");
        djz_py_comment_text(&py, djz_hazards[i]);
        djz_buf_puts(&py, "\nCOMMENTS += 1\nV");
        djz_buf_puts(&py, djz_arena_printf(&a, "%zu = ", i));
        djz_py_str(&py, djz_hazards[i]);
        djz_buf_puts(&py, "\n");
    }
    djz_hazards_json(&a, &json);
    int status = djz_hazards_save(dir, "hazards.py", &py) ||
                 djz_hazards_save(dir, "hazards-py.json", &json);
    djz_buf_free(&py);
    djz_buf_free(&json);
    djz_arena_free(&a);
    return status;
}

static const djz_test_fn tests[] = {test_str, test_body, test_comment,
                                    test_list};
static const char *const names[] = {"test_str", "test_body", "test_comment",
                                    "test_list"};

int main(int argc, char **argv)
{
    int status = djz_check_run_(names, tests, 4);
    if (argc > 1 && emit(argv[1]))
        return 1;
    return status;
}
