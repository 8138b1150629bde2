/* test_pyliteral.c - the Python-literal writer: how each hazard is
 * written in a string literal and a docstring.
 *
 *   test_pyliteral        the unit tests
 *   test_pyliteral DIR    also writes DIR/hazards.py (every hazard as a
 *                         literal, in a list and in a docstring) and
 * DIR/hazards.json, for tests/writers/run.sh: Python compiles the module and
 * compares its values. */
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

/* The bidi controls cannot reorder what a reader of the source sees. */
static void test_bidi(void)
{
    CHECK_EQ_STR(text(djz_py_str,
                      "a\xe2\x80\xae"
                      "b\xe2\x80\xaa\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\x8e"
                      "\xe2\x80\x8f\xd8\x9c"
                      "c\xe2\x80\x8b"),
                 "\"a\\u202eb\\u202a\\u2066\\u2069\\u200e\\u200f\\u061cc"
                 "\xe2\x80\x8b\"");
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
    djz_buf_puts(&py, "\n");
    for (size_t i = 0; i < DJZ_NHAZARDS; i++) {
        djz_buf_puts(&py, "V");
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

static const djz_test_fn tests[] = {test_str, test_body, test_bidi, test_list};
static const char *const names[] = {"test_str", "test_body", "test_bidi",
                                    "test_list"};

int main(int argc, char **argv)
{
    int status = djz_check_run_(names, tests, 4);
    if (argc > 1 && emit(argv[1]))
        return 1;
    return status;
}
