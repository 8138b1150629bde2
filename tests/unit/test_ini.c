/* test_ini.c - the INI writer: what each hazard becomes in a value, a
 * section name and a tox command.
 *
 *   test_ini          the unit tests
 *   test_ini DIR      also writes DIR/hazards.ini (every hazard as a value
 *                     and as a continuation line), DIR/tox.ini (every
 *                     hazard as a lint command) and DIR/hazards.json, for
 *                     tests/writers/run.sh: configparser, iniconfig and
 *                     tox read them back. */
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
    CHECK_EQ_STR(text(djz_ini_text, "a b"), "a b");
    /* no line break survives, whatever the reader takes for one */
    CHECK_EQ_STR(text(djz_ini_text, "a\nb\rc"), "a\xef\xbf\xbd"
                                                "b\xef\xbf\xbd"
                                                "c");
    CHECK_EQ_STR(
        text(djz_ini_text, "\xc2\x85\xe2\x80\xa8\xe2\x80\xa9\x7f\t"),
        "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    CHECK_EQ_STR(text(djz_ini_text, "bad \xff utf-8"),
                 "bad \xef\xbf\xbd utf-8");
    CHECK_EQ_STR(text(djz_ini_text, "\xc3\xa9t\xc3\xa9 %(x)s #;"),
                 "\xc3\xa9t\xc3\xa9 %(x)s #;");
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

static void test_tox_command(void)
{
    CHECK_EQ_STR(text(djz_ini_tox_command, "flake8 demo"), "    flake8 demo\n");
    CHECK_EQ_STR(text(djz_ini_tox_command, "echo {posargs} {env:X}"),
                 "    echo \\{posargs\\} \\{env:X\\}\n");
    CHECK_EQ_STR(text(djz_ini_tox_command, "py313: rm -rf /"),
                 "    ''py313: rm -rf /\n");
    CHECK_EQ_STR(text(djz_ini_tox_command, "mypy:\tx"),
                 "    ''mypy:\xef\xbf\xbdx\n");
    CHECK_EQ_STR(text(djz_ini_tox_command, "mypy:x"), "    mypy:x\n");
    CHECK_EQ_STR(text(djz_ini_tox_command, "# comment"), "    ''# comment\n");
    CHECK_EQ_STR(text(djz_ini_tox_command, ";x"), "    '';x\n");
    CHECK_EQ_STR(text(djz_ini_tox_command, "echo a\\"), "    echo a\\''\n");
    CHECK_EQ_STR(text(djz_ini_tox_command, "[] a [] [x] []"),
                 "    ''[] a ''[] [x] ''[]\n");
    CHECK_EQ_STR(text(djz_ini_tox_command, "  "), "    ''\n");
    CHECK_EQ_STR(text(djz_ini_tox_command, "a\n[testenv:x]"),
                 "    a\xef\xbf\xbd[testenv:x]\n");
}

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
    for (size_t i = 0; i < DJZ_NHAZARDS; i++) {
        /* an unclosed quote is tox's error about the command, not ours */
        size_t single = 0, dbl = 0;
        for (const char *p = djz_hazards[i]; *p; p++)
            single += *p == '\'', dbl += *p == '"';
        if (single % 2 == 0 && dbl % 2 == 0)
            djz_ini_tox_command(
                &tox, djz_arena_printf(&a, "echo %zu %s", i, djz_hazards[i]));
    }
    djz_hazards_json(&a, &json);
    int status = djz_hazards_save(dir, "hazards.ini", &ini) ||
                 djz_hazards_save(dir, "tox.ini", &tox) ||
                 djz_hazards_save(dir, "hazards.json", &json);
    djz_buf_free(&ini);
    djz_buf_free(&tox);
    djz_buf_free(&json);
    djz_arena_free(&a);
    return status;
}

static const djz_test_fn tests[] = {test_text, test_pair, test_section,
                                    test_tox_command};
static const char *const names[] = {"test_text", "test_pair", "test_section",
                                    "test_tox_command"};

int main(int argc, char **argv)
{
    int status = djz_check_run_(names, tests, 4);
    if (argc > 1 && emit(argv[1]))
        return 1;
    return status;
}
