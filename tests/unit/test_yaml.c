/* test_yaml.c - the YAML writer: how each quoting hazard is written, and
 * the layout of nested collections.
 *
 *   test_yaml          the unit tests
 *   test_yaml DIR      also writes DIR/hazards.yaml and DIR/hazards.json,
 *                      one tree twice, for tests/yaml/run.sh: yamllint
 *                      and PyYAML read the YAML back and compare. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "emit/yaml.h"

/* Every string that some YAML reader would take for something else, or
 * that yamllint would flag, written plain. */
static const char *const hazards[] = {
    "on",
    "On",
    "yes",
    "no",
    "y",
    "n",
    "off",
    "true",
    "False",
    "null",
    "~",
    "3.10",
    "3.13",
    "1e3",
    "0x1F",
    "0o17",
    "+1",
    "-1",
    ".5",
    ".inf",
    ".NaN",
    "2026-11-24",
    "12:30",
    "1_000",
    "=",
    "<<",
    "",
    " leading",
    "trailing ",
    "a: b",
    "a:b",
    "ends with colon:",
    "x #y",
    "x#y",
    "#comment",
    "*alias",
    "&anchor",
    "!tag",
    "%directive",
    "@at",
    "`tick",
    "-dash",
    "- item",
    "? key",
    "|pipe",
    ">fold",
    "[flow]",
    "{flow}",
    ",comma",
    "'single'",
    "\"double\"",
    "it's",
    "back\\slash",
    "tab\there",
    "bell\a",
    "${{ secrets.AZURE_CLIENT_ID }}",
    "${{ github.event_name == 'push' }}",
    "run: echo ${{ github.sha }}",
    "été",
    "multi\nline\n",
    "multi\nline",
    "echo 'a: b' # not a comment\nexit 0\n",
    "trailing space \nx",
    "a\n\n\nb\n",
    "a\n\n\n\nb\n",
    "two final\n\n",
    "\nleading newline",
    "  indented\nfirst line\n",
    "ubuntu-24.04",
    "next\xc2\x85line",          /* NEL: a line break to YAML 1.1 */
    "line\xe2\x80\xa8separator", /* U+2028 */
    "para\xe2\x80\xa9separator", /* U+2029 */
    "c1\xc2\x9f"
    "control",
    "multi\nline \xc2\x85 with NEL\n",
    "\xc2\x85",
    "python -m pip install -r "
    "requirements.txt",
};
#define NHAZARDS (sizeof hazards / sizeof *hazards)

static djz_json *tree(djz_arena *a)
{
    djz_json *doc = djz_json_object(a);
    djz_json *values = djz_json_set_object(a, doc, "values");
    djz_json *keys = djz_json_set_object(a, doc, "keys");
    djz_json *list = djz_json_set_array(a, doc, "list");
    for (size_t i = 0; i < NHAZARDS; i++) {
        djz_json_append(a, values, djz_arena_printf(a, "v%zu", i),
                        djz_json_str(a, hazards[i]));
        djz_json_append(a, keys, hazards[i], djz_json_int(a, (long long)i));
        djz_json_push(a, list, djz_json_str(a, hazards[i]));
    }
    /* Collections inside collections, and the empty ones. */
    djz_json *steps = djz_json_set_array(a, doc, "steps");
    djz_json *s1 = djz_json_push(a, steps, djz_json_object(a));
    djz_json_set_str(a, s1, "uses", "actions/checkout@v5");
    djz_json *with = djz_json_set_object(a, s1, "with");
    djz_json_set_str(a, with, "python-version", "3.13");
    djz_json_set_bool(a, with, "fetch-tags", false);
    djz_json *s2 = djz_json_push(a, steps, djz_json_object(a));
    djz_json_set_str(a, s2, "run", "set -e\npytest --cov\n");
    djz_json *nested = djz_json_push(a, steps, djz_json_array(a));
    djz_json_push(a, nested, djz_json_str(a, "on"));
    djz_json_push(a, nested, djz_json_array(a));
    djz_json_push(a, djz_json_push(a, nested, djz_json_array(a)),
                  djz_json_str(a, "deep"));
    djz_json_push(a, steps, djz_json_object(a));
    djz_json_push(a, steps, djz_json_null(a));
    djz_json_set_object(a, doc, "empty");
    djz_json_set_array(a, doc, "none");
    djz_json_set_int(a, doc, "number", 42);
    djz_json_set_bool(a, doc, "yes", true);
    return doc;
}

static djz_yaml_style style(const char *s)
{
    return djz_yaml_style_of(s, false);
}

static void test_plain(void)
{
    CHECK(style("ubuntu-24.04") == DJZ_YAML_PLAIN);
    CHECK(style("${{ secrets.AZURE_CLIENT_ID }}") == DJZ_YAML_PLAIN);
    CHECK(style("python -m pip install -r requirements.txt") == DJZ_YAML_PLAIN);
    CHECK(style("x#y") == DJZ_YAML_PLAIN);
    CHECK(style("a:b") == DJZ_YAML_PLAIN);
    CHECK(style("3rd") == DJZ_YAML_PLAIN);
    CHECK(style("it's") == DJZ_YAML_PLAIN);
}

static void test_quoted(void)
{
    static const char *const single[] = {
        "on",   "No",  "3.10",      "1e3",      "2026-11-24", "12:30",
        ".inf", "",    "a: b",      "x #y",     "*alias",     "&a",
        "!t",   "%d",  "@at",       "- item",   "-dash",      "[f]",
        "{f}",  "'q'", "trailing ", " leading", "é",          "<<",
        "=",    "~",   "ends:"};
    for (size_t i = 0; i < sizeof single / sizeof *single; i++)
        if (style(single[i]) != DJZ_YAML_SINGLE) {
            fprintf(stderr, "not single-quoted: [%s]\n", single[i]);
            CHECK(style(single[i]) == DJZ_YAML_SINGLE);
        }
    CHECK(style("tab\there") == DJZ_YAML_DOUBLE);
    CHECK(style("bell\a") == DJZ_YAML_DOUBLE);
    CHECK(djz_yaml_style_of("multi\nline", true) == DJZ_YAML_DOUBLE);
    CHECK(style("next\xc2\x85line") == DJZ_YAML_DOUBLE);
    CHECK(style("l\xe2\x80\xa8s") == DJZ_YAML_DOUBLE);
    CHECK(style("p\xe2\x80\xa9s") == DJZ_YAML_DOUBLE);
    CHECK(style("a\nb\xc2\x85") == DJZ_YAML_DOUBLE);
    CHECK(style("\xc3\xa9t\xc3\xa9 \xe2\x80\xa6") == DJZ_YAML_SINGLE);
}

/* What YAML 1.1 reads as a line break is escaped, in values and keys;
 * the header comment cannot be ended by any of them. */
static void test_line_breaks(void)
{
    djz_arena a;
    djz_arena_init(&a);
    djz_json *doc = djz_json_object(&a);
    djz_json_set_str(&a, doc, "v",
                     "a\xc2\x85"
                     "b\xe2\x80\xa8"
                     "c\xe2\x80\xa9"
                     "d\xc3\xa9");
    djz_json_set_str(&a, doc, "k\xc2\x85", "x\xff");
    djz_buf out = {0};
    djz_yaml_write(&out,
                   "spec\rinjected: 1\xc2\x85"
                   "also: 2\xe2\x80\xa8x",
                   doc);
    CHECK_EQ_STR(out.data, "# spec\xef\xbf\xbdinjected: 1\xef\xbf\xbd"
                           "also: "
                           "2\xef\xbf\xbdx\n"
                           "---\n"
                           "v: \"a\\x85"
                           "b\\u2028c\\u2029d\xc3\xa9\"\n"
                           "\"k\\x85\": \"x\\ufffd\"\n");
    djz_buf_free(&out);
    djz_arena_free(&a);
}

static void test_blocks(void)
{
    CHECK(style("multi\nline\n") == DJZ_YAML_BLOCK);
    CHECK(style("multi\nline") == DJZ_YAML_BLOCK);
    CHECK(style("a\n\n\nb\n") == DJZ_YAML_BLOCK);
    CHECK(style("a\n\n\n\nb\n") == DJZ_YAML_DOUBLE); /* yamllint: 3 empty */
    CHECK(style("two final\n\n") == DJZ_YAML_DOUBLE);
    CHECK(style("trailing space \nx") == DJZ_YAML_DOUBLE);
    CHECK(style("  indented\nfirst line\n") == DJZ_YAML_DOUBLE);
    CHECK(style("\nleading newline") == DJZ_YAML_DOUBLE);
}

static void test_layout(void)
{
    djz_arena a;
    djz_arena_init(&a);
    djz_json *doc = djz_json_object(&a);
    djz_json *on = djz_json_set_object(&a, doc, "on");
    djz_json *push = djz_json_set_object(&a, on, "push");
    djz_json_push(&a, djz_json_set_array(&a, push, "branches"),
                  djz_json_str(&a, "main"));
    djz_json *jobs = djz_json_set_array(&a, doc, "steps");
    djz_json *s = djz_json_push(&a, jobs, djz_json_object(&a));
    djz_json_set_str(&a, s, "name", "Test");
    djz_json_set_str(&a, s, "run", "pytest\ncoverage xml\n");
    djz_json_push(&a, jobs, djz_json_str(&a, "it's"));
    djz_json_push(&a, jobs, djz_json_str(&a, "a: it's"));
    djz_json_set_object(&a, doc, "env");
    djz_buf out = {0};
    djz_yaml_write(&out, "Written by djaz.\n\nDo not edit.", doc);
    djz_buf_put(&out, "", 1);
    CHECK_EQ_STR(out.data, "# Written by djaz.\n"
                           "#\n"
                           "# Do not edit.\n"
                           "---\n"
                           "'on':\n"
                           "  push:\n"
                           "    branches:\n"
                           "      - main\n"
                           "steps:\n"
                           "  - name: Test\n"
                           "    run: |\n"
                           "      pytest\n"
                           "      coverage xml\n"
                           "  - it's\n"
                           "  - 'a: it''s'\n"
                           "env: {}\n");
    djz_buf_free(&out);
    djz_arena_free(&a);
}

static const djz_test_fn tests[] = {test_plain, test_quoted, test_blocks,
                                    test_layout, test_line_breaks};
static const char *const names[] = {"test_plain", "test_quoted", "test_blocks",
                                    "test_layout", "test_line_breaks"};

static int emit(const char *dir)
{
    djz_arena a;
    djz_arena_init(&a);
    djz_json *doc = tree(&a);
    const char *ext[] = {"yaml", "json"};
    for (int i = 0; i < 2; i++) {
        djz_buf out = {0};
        if (i == 0)
            djz_yaml_write(&out,
                           "Every quoting hazard, from test_yaml.\r"
                           "injected: CR\xc2\x85nel: NEL\xe2\x80\xa8"
                           "ls: LS",
                           doc);
        else
            djz_json_write_plain(&out, doc);
        char path[4096];
        snprintf(path, sizeof path, "%s/hazards.%s", dir, ext[i]);
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(out.data, 1, out.len, f) != out.len || fclose(f)) {
            perror(path);
            return 1;
        }
        djz_buf_free(&out);
    }
    djz_arena_free(&a);
    return 0;
}

int main(int argc, char **argv)
{
    int status = djz_check_run_(names, tests, 5);
    if (argc > 1 && emit(argv[1]))
        return 1;
    return status;
}
