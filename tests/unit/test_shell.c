/* test_shell.c - the shell word writer: each hazard stays one word.
 *
 *   test_shell        the unit tests
 *   test_shell DIR    also writes DIR/words.sh (a printf of every hazard
 *                     as a word, NUL-terminated) and DIR/hazards-sh.json,
 *                     for tests/writers/run.sh: bash runs it and the
 *                     words come back as the hazards, and shellcheck finds
 *                     nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "emit/shell.h"
#include "hazards.h"

static void test_words(void)
{
    djz_arena a;
    djz_arena_init(&a);
    CHECK_EQ_STR(djz_sh_quote(&a, "shop.asgi:application"),
                 "shop.asgi:application");
    CHECK_EQ_STR(djz_sh_quote(&a, "--cov=shop"), "--cov=shop");
    CHECK_EQ_STR(djz_sh_quote(&a, ""), "''");
    CHECK_EQ_STR(djz_sh_quote(&a, "a b"), "'a b'");
    CHECK_EQ_STR(djz_sh_quote(&a, "it's"), "'it'\\''s'");
    CHECK_EQ_STR(djz_sh_quote(&a, "$(rm -rf /)"), "'$(rm -rf /)'");
    CHECK_EQ_STR(djz_sh_quote(&a, "~root"), "'~root'");
    CHECK_EQ_STR(djz_sh_quote(&a, "a;b|c&d>e<f`g`*?[#]"),
                 "'a;b|c&d>e<f`g`*?[#]'");
    CHECK_EQ_STR(djz_sh_quote(&a, "\xc3\xa9"), "'\xc3\xa9'");
    djz_arena_free(&a);
}

static void test_comment(void)
{
    djz_buf out = {0};
    djz_sh_comment_text(&out, "a\nrm -rf /\r#");
    djz_buf_put(&out, "", 0);
    CHECK_EQ_STR(out.data, "a\xef\xbf\xbdrm -rf /\xef\xbf\xbd#");
    djz_buf_free(&out);
}

static int emit(const char *dir)
{
    djz_arena a;
    djz_arena_init(&a);
    djz_buf sh = {0}, json = {0};
    djz_buf_puts(&sh, "#!/usr/bin/env bash\nset -eu\n");
    for (size_t i = 0; i < DJZ_NHAZARDS; i++) {
        djz_buf_puts(&sh, "# ");
        djz_sh_comment_text(&sh, djz_hazards[i]);
        djz_buf_puts(&sh, "\nprintf '%s\\0' ");
        djz_sh_word(&sh, djz_hazards[i]);
        djz_buf_puts(&sh, "\n");
    }
    djz_hazards_json(&a, &json);
    int status = djz_hazards_save(dir, "words.sh", &sh) ||
                 djz_hazards_save(dir, "hazards-sh.json", &json);
    djz_buf_free(&sh);
    djz_buf_free(&json);
    djz_arena_free(&a);
    return status;
}

static const djz_test_fn tests[] = {test_words, test_comment};
static const char *const names[] = {"test_words", "test_comment"};

int main(int argc, char **argv)
{
    int status = djz_check_run_(names, tests, 2);
    if (argc > 1 && emit(argv[1]))
        return 1;
    return status;
}
