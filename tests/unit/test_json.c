/* test_json.c - the JSON writer's ARM escaping: a string gets the extra
 * '[' exactly when ARM would read it as an expression, that is when it
 * starts with '[' and ends with ']' ("Syntax and expressions in ARM
 * templates", Escape characters); a constant slot or an all-constant
 * concatenation is escaped as the string it stands for; the plain writer
 * (the manifest, parameters files) never escapes. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "emit/json.h"

/* s written by the ARM writer, without the final newline, in a. */
static const char *arm(djz_arena *a, const djz_json *v)
{
    djz_buf out = {0};
    djz_json_write(&out, v, NULL);
    char *s = djz_arena_printf(a, "%.*s", (int)out.len - 1, out.data);
    djz_buf_free(&out);
    return s;
}

static const char *plain(djz_arena *a, const djz_json *v)
{
    djz_buf out = {0};
    djz_json_write_plain(&out, v);
    char *s = djz_arena_printf(a, "%.*s", (int)out.len - 1, out.data);
    djz_buf_free(&out);
    return s;
}

static void test_reads(void)
{
    CHECK(djz_json_arm_reads("[x]"));
    CHECK(djz_json_arm_reads("[]"));
    CHECK(djz_json_arm_reads("[[x]"));
    CHECK(djz_json_arm_reads("[a] and [b]"));
    CHECK(!djz_json_arm_reads("[x"));
    CHECK(!djz_json_arm_reads("["));
    CHECK(!djz_json_arm_reads("]"));
    CHECK(!djz_json_arm_reads("x]"));
    CHECK(!djz_json_arm_reads("[test] value"));
    CHECK(!djz_json_arm_reads(" [x]"));
    CHECK(!djz_json_arm_reads("[x] "));
    CHECK(!djz_json_arm_reads(""));
}

static void test_strings(void)
{
    djz_arena a;
    djz_arena_init(&a);
    static const char *const cases[][2] = {
        {"[x", "\"[x\""},
        {"[", "\"[\""},
        {"[test] value", "\"[test] value\""},
        {"x]", "\"x]\""},
        {"[x]", "\"[[x]\""},
        {"[]", "\"[[]\""},
        {"[[x]", "\"[[[x]\""},
        {"[\"a\", \"b\"]", "\"[[\\\"a\\\", \\\"b\\\"]\""},
        {"plain", "\"plain\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const djz_json *s = djz_json_str(&a, cases[i][0]);
        CHECK_EQ_STR(arm(&a, s), cases[i][1]);
    }
    /* The plain writer writes every one as it is. */
    CHECK_EQ_STR(plain(&a, djz_json_str(&a, "[x]")), "\"[x]\"");
    CHECK_EQ_STR(plain(&a, djz_json_str(&a, "[x")), "\"[x\"");
    djz_arena_free(&a);
}

/* A constant slot and an all-constant concatenation are written as their
 * text, which is escaped as any string. */
static void test_constants(void)
{
    djz_arena a;
    djz_arena_init(&a);
    djz_json *vals[1] = {djz_json_str(&a, "[y]")};
    djz_slot s = {.name = "s", .values = vals, .nvalues = 1};
    CHECK_EQ_STR(arm(&a, djz_json_slot(&a, &s)), "\"[[y]\"");
    vals[0] = djz_json_str(&a, "[y");
    CHECK_EQ_STR(arm(&a, djz_json_slot(&a, &s)), "\"[y\"");

    djz_json *c = djz_json_concat(&a);
    djz_json_push(&a, c, djz_json_str(&a, "["));
    djz_json_push(&a, c, djz_json_str(&a, "z]"));
    CHECK_EQ_STR(arm(&a, c), "\"[[z]\"");
    djz_json *d = djz_json_concat(&a);
    djz_json_push(&a, d, djz_json_str(&a, "[z"));
    djz_json_push(&a, d, djz_json_str(&a, "] v"));
    CHECK_EQ_STR(arm(&a, d), "\"[z] v\"");
    djz_arena_free(&a);
}

DJZ_TESTS(test_reads, test_strings, test_constants)
