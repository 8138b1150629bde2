/* test_ini.c - the INI writer: what each hazard becomes in a value, a
 * section name and a tox command.
 *
 *   test_ini          the unit tests
 *   test_ini DIR      also writes DIR/hazards.ini (every hazard as a value
 *                     and as a continuation line), DIR/tox.ini (every
 *                     hazard, and every tox hazard, as a lint command),
 *                     DIR/hazards.json and DIR/commands.json (the
 *                     commands), for tests/writers/run.sh: configparser,
 *                     iniconfig, tox 3 and the model of tox 4 read them
 *                     back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "emit/ini.h"
#include "hazards.h"

static char *text(void (*write)(djz_buf *, const char *), const char *s)
{
    static djz_buf out;
    out.len = 0;
    write(&out, s);
    djz_buf_put(&out, "", 0);
    return out.data;
}

static void pair(djz_buf *out, const char *v)
{
    djz_ini_pair(out, "k", v);
}

static void test_text(void)
{
    CHECK_EQ_STR(text(pair, "a b"), "k = a b\n");
    /* no line break survives, whatever the reader takes for one */
    CHECK_EQ_STR(text(pair, "a\nb\rc"), "k = a\xef\xbf\xbd"
                                        "b\xef\xbf\xbd"
                                        "c\n");
    CHECK_EQ_STR(text(pair, "\xc2\x85\xe2\x80\xa8\xe2\x80\xa9\x7f\t"),
                 "k = \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
                 "\xef\xbf\xbd\n");
    CHECK_EQ_STR(text(pair, "bad \xff utf-8"), "k = bad \xef\xbf\xbd utf-8\n");
    CHECK_EQ_STR(text(pair, "\xc3\xa9t\xc3\xa9 %(x)s #;"),
                 "k = \xc3\xa9t\xc3\xa9 %(x)s #;\n");
    /* nor a bidi control: INI has no escape that would show it */
    CHECK_EQ_STR(text(pair, "a\xe2\x80\xae"
                            "b\xe2\x81\xa6\xd8\x9c"),
                 "k = a\xef\xbf\xbd"
                 "b\xef\xbf\xbd\xef\xbf\xbd\n");
}

static void test_pair(void)
{
    CHECK_EQ_STR(text(pair, "  x y  "), "k = x y\n");
    CHECK_EQ_STR(text(pair, "# not a comment"), "k = # not a comment\n");
    CHECK_EQ_STR(text(pair, "a\n[evil]\nk = v"),
                 "k = a\xef\xbf\xbd[evil]\xef\xbf\xbdk = v\n");
    CHECK_EQ_STR(text(djz_ini_line, "# a comment line"),
                 "    \xef\xbf\xbd a comment line\n");
    CHECK_EQ_STR(text(djz_ini_line, "; another"), "    \xef\xbf\xbd another\n");
    CHECK_EQ_STR(text(djz_ini_line, "a # b"), "    a # b\n");
}

static void test_section(void)
{
    djz_buf out = {0};
    djz_ini_section(&out, "testenv:py313");
    djz_ini_section(&out, "a]\n[b #;c");
    djz_buf_put(&out, "", 0);
    CHECK_EQ_STR(out.data, "[testenv:py313]\n\n[a___b___c]\n");
    djz_buf_free(&out);
}

static const char *tox(const char *cmd)
{
    return text(djz_ini_tox_command, cmd);
}

static void test_tox_command(void)
{
    CHECK_EQ_STR(tox("flake8 demo"), "    flake8 demo\n");
    CHECK_EQ_STR(tox("  flake8   --max-line-length=100  "),
                 "    flake8 --max-line-length=100\n");
    CHECK_EQ_STR(tox("echo {posargs} {env:X}"),
                 "    echo \\{posargs\\} \\{env:X\\}\n");
    CHECK_EQ_STR(tox("  "), "    ''\n");
    CHECK_EQ_STR(tox(""), "    ''\n");
    CHECK_EQ_STR(tox("echo '' \"\""), "    echo '' ''\n");
    /* quotes group as tox 3 reads them; each word is written back so
     * that tox 4 reads the same */
    CHECK_EQ_STR(tox("python -c \"print('hi')\""),
                 "    python -c \"print('hi')\"\n");
    CHECK_EQ_STR(tox("echo \"a b\" 'c d' e\"f\"g"),
                 "    echo 'a b' 'c d' efg\n");
    /* echo "it's \q\" */
    CHECK_EQ_STR(tox("echo \"it's \\q\\\""),
                 "    echo 'it'\"'\"'s \\''q\\'''\n");
    CHECK_EQ_STR(tox("echo 'a\\b' ;x"), "    echo 'a\\''b' ';x'\n");
    CHECK_EQ_STR(tox("echo a\\"), "    echo 'a\\'''\n");
    CHECK_EQ_STR(tox("echo 'unclosed"), "    echo unclosed\n");
}

/* What tox 4 reads otherwise than tox 3 (the review of issue 10). */
static void test_tox_4(void)
{
    /* `[]` is tox 4's positional arguments anywhere, not only as a word */
    CHECK_EQ_STR(tox("python -c \"x=[]\""), "    python -c x=['']\n");
    CHECK_EQ_STR(tox("echo a[]b [] [x] \"[] y\""),
                 "    echo a['']b [''] [x] '[''] y'\n");
    /* factor conditions: * and ?, a final colon, spaces around commas,
     * Unicode words and spaces */
    CHECK_EQ_STR(tox("py313: rm -rf /"), "    ''py313: rm -rf /\n");
    CHECK_EQ_STR(tox("py*: echo glob"), "    ''py*: echo glob\n");
    CHECK_EQ_STR(tox("make:"), "    ''make:\n");
    CHECK_EQ_STR(tox("a, !b: echo"), "    ''a, !b: echo\n");
    CHECK_EQ_STR(tox("mypy:x"), "    mypy:x\n");
    CHECK_EQ_STR(tox("echo a: b"), "    ''echo a: b\n");
    CHECK_EQ_STR(tox("\xc3\xa9: echo hi"), "    '\xc3\xa9:' echo hi\n");
    CHECK_EQ_STR(tox("x:\xe3\x80\x80"
                     "echo"),
                 "    'x:\xe3\x80\x80"
                 "echo'\n");
    CHECK_EQ_STR(tox("lint:\xc2\xa0"
                     "echo nbsp"),
                 "    'lint:\xc2\xa0"
                 "echo' nbsp\n");
    /* what cannot be written alike (sema refuses it): `#`, controls and
     * bidi controls become U+FFFD */
    CHECK_EQ_STR(tox("# comment"), "    '\xef\xbf\xbd' comment\n");
    CHECK_EQ_STR(tox("echo \"a # b\""), "    echo 'a \xef\xbf\xbd b'\n");
    CHECK_EQ_STR(tox("mypy:\tx"), "    'mypy:\xef\xbf\xbdx'\n");
    CHECK_EQ_STR(tox("a\n[testenv:x]"), "    'a\xef\xbf\xbd[testenv:x]'\n");
    CHECK_EQ_STR(tox("echo \xe2\x80\xae"), "    echo '\xef\xbf\xbd'\n");
}

/* Commands whose lines tox 3 or tox 4 reads specially, for
 * tests/writers/run.sh: each is written as it is and after `echo N`. */
static const char *const tox_hazards[] = {
    "python -c \"x=[]\"",
    "echo a[]b",
    "echo []",
    "echo [x] [ ] ]]",
    "echo trailing\\",
    "echo a\\b 'c\\d' \"e\\f\"",
    "echo \"a\\\" b\"",
    "echo '\\{x\\}' \\[ \\: \\\\",
    "py*: echo glob",
    "py?: echo glob",
    "make:",
    "lint:",
    "lint: echo factor",
    "!lint: echo negated",
    "a, lint: echo spaced",
    "{lint,x}: echo braces",
    "{lint, x}-y: echo",
    "\xc3\xa9: echo hi",
    "x:\xe3\x80\x80"
    "echo",
    "lint:\xc2\xa0"
    "echo nbsp",
    ": echo empty factor",
    "echo {posargs} {env:HOME} {/} {:} {[testenv]deps}",
    "{[testenv]commands}",
    "echo \"it's\" 'say \"hi\"'",
    "echo \"a # b\" c#d",
    "echo \xe2\x80\xae"
    "txt",
    "echo 'unclosed",
    "echo \"unclosed",
    "echo -x !y",
    "",
    "''",
};
#define NTOX (sizeof tox_hazards / sizeof *tox_hazards)

static int emit(const char *dir)
{
    djz_arena a;
    djz_arena_init(&a);
    djz_buf ini = {0}, tox = {0}, json = {0};
    djz_ini_section(&ini, "values");
    for (size_t i = 0; i < DJZ_NHAZARDS; i++)
        djz_ini_pair(&ini, djz_arena_printf(&a, "k%zu", i), djz_hazards[i]);
    djz_ini_section(&ini, "lines");
    for (size_t i = 0; i < DJZ_NHAZARDS; i++) {
        djz_ini_key(&ini, djz_arena_printf(&a, "k%zu", i));
        djz_ini_line(&ini, "first");
        djz_ini_line(&ini, djz_hazards[i]);
        djz_ini_line(&ini, "last");
    }
    djz_buf_puts(&tox, "[tox]\nenvlist = lint\nskipsdist = true\n");
    djz_ini_section(&tox, "testenv:lint");
    djz_ini_key(&tox, "commands");
    djz_json *commands = djz_json_array(&a);
    for (size_t i = 0; i < DJZ_NHAZARDS + 2 * NTOX; i++) {
        const char *cmd =
            i < DJZ_NHAZARDS
                ? djz_arena_printf(&a, "echo %zu %s", i, djz_hazards[i])
            : i < DJZ_NHAZARDS + NTOX
                ? tox_hazards[i - DJZ_NHAZARDS]
                : djz_arena_printf(&a, "echo %zu %s", i,
                                   tox_hazards[i - DJZ_NHAZARDS - NTOX]);
        djz_ini_tox_command(&tox, cmd);
        djz_json_push(&a, commands, djz_json_str(&a, cmd));
    }
    djz_buf cmds = {0};
    djz_json_write_plain(&cmds, commands);
    djz_hazards_json(&a, &json);
    int status = djz_hazards_save(dir, "hazards.ini", &ini) ||
                 djz_hazards_save(dir, "tox.ini", &tox) ||
                 djz_hazards_save(dir, "hazards.json", &json) ||
                 djz_hazards_save(dir, "commands.json", &cmds);
    djz_buf_free(&cmds);
    djz_buf_free(&ini);
    djz_buf_free(&tox);
    djz_buf_free(&json);
    djz_arena_free(&a);
    return status;
}

static const djz_test_fn tests[] = {test_text, test_pair, test_section,
                                    test_tox_command, test_tox_4};
static const char *const names[] = {"test_text", "test_pair", "test_section",
                                    "test_tox_command", "test_tox_4"};

int main(int argc, char **argv)
{
    int status = djz_check_run_(names, tests, 5);
    if (argc > 1 && emit(argv[1]))
        return 1;
    return status;
}
