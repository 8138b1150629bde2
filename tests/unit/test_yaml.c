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
#include <time.h>

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
    "a\xef\xbf\xbf"
    "b",             /* U+FFFF: outside YAML's printable set */
    "c\xef\xbf\xbe", /* U+FFFE */
    "rtl \xe2\x80\xae"
    "txt.exe", /* U+202E, a bidi override */
    "isolates \xe2\x81\xa6x\xe2\x81\xa9 marks \xe2\x80\x8e\xd8\x9c",
    "U+FFFD \xef\xbf\xbd U+E000 \xee\x80\x80 U+10FFFF \xf4\x8f\xbf\xbf",
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

/* What YAML forbids raw (outside its printable set: U+FFFE, U+FFFF) and
 * the bidirectional controls are escaped in double quotes, in values and
 * keys; in the header comment they become U+FFFD. */
static void test_unprintable(void)
{
    CHECK(style("a\xef\xbf\xbf") == DJZ_YAML_DOUBLE);
    CHECK(style("\xef\xbf\xbe") == DJZ_YAML_DOUBLE);
    CHECK(style("x\xe2\x80\xaey") == DJZ_YAML_DOUBLE);
    CHECK(style("\xd8\x9c") == DJZ_YAML_DOUBLE);
    CHECK(style("\xef\xbf\xbd\xee\x80\x80\xf4\x8f\xbf\xbf") == DJZ_YAML_SINGLE);
    djz_arena a;
    djz_arena_init(&a);
    djz_json *doc = djz_json_object(&a);
    djz_json_set_str(
        &a, doc, "v",
        "a\xef\xbf\xbf"
        "b\xef\xbf\xbe"
        "c\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\x8e"
        "\xe2\x80\x8f\xd8\x9c"
        "d");
    djz_json_set_str(&a, doc, "k\xe2\x80\xae", "multi\nline\xef\xbf\xbf\n");
    djz_buf out = {0};
    djz_yaml_write(&out, "c\xef\xbf\xbf\xe2\x80\xae", doc);
    djz_buf_put(&out, "", 1);
    CHECK_EQ_STR(out.data,
                 "# c\xef\xbf\xbd\xef\xbf\xbd\n"
                 "---\n"
                 "v: \"a\\uffffb\\ufffec\\u202a\\u202e\\u2066\\u2069\\u200e"
                 "\\u200f\\u061cd\"\n"
                 "\"k\\u202e\": \"multi\\nline\\uffff\\n\"\n");
    djz_buf_free(&out);
    djz_arena_free(&a);
}

/* The writer is linear in the length of a value: it used to decode each
 * non-ASCII character after measuring the rest of the string (800,000
 * 'é' took 14 s).  2,000,000 of them, as a value and in the comment, in
 * well under the seconds a quadratic writer would take. */
static void test_linear(void)
{
    size_t n = 2000000;
    char *s = malloc(2 * n + 2);
    for (size_t i = 0; i < n; i++)
        memcpy(s + 2 * i, "\xc3\xa9", 2);
    s[2 * n] = '\x85', s[2 * n + 1] = '\0'; /* not UTF-8: double quotes */
    djz_arena a;
    djz_arena_init(&a);
    djz_json *doc = djz_json_object(&a);
    djz_json_set_str(&a, doc, "v", s);
    djz_json_set_str(&a, doc, "w", s + 1);
    clock_t start = clock();
    djz_buf out = {0};
    djz_yaml_write(&out, s, doc);
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    CHECK(out.len > 6 * n);
    CHECK(seconds < 3.0);
    if (seconds >= 3.0)
        fprintf(stderr, "%.1f s for %zu characters\n", seconds, n);
    djz_buf_free(&out);
    djz_arena_free(&a);
    free(s);
}

static const djz_test_fn tests[] = {
    test_plain,       test_quoted,      test_blocks, test_layout,
    test_line_breaks, test_unprintable, test_linear};
static const char *const names[] = {
    "test_plain",       "test_quoted",      "test_blocks", "test_layout",
    "test_line_breaks", "test_unprintable", "test_linear"};

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
    int status = djz_check_run_(names, tests, 7);
    if (argc > 1 && emit(argv[1]))
        return 1;
    return status;
}
