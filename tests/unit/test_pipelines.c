/* test_pipelines.c - Azure Pipelines expression strings: a quote is
 * doubled, nothing else changes.
 *
 *   test_pipelines        the unit tests
 *   test_pipelines DIR    also writes DIR/expressions.txt (one literal a
 *                         line: `eq(variables['Build.SourceBranch'], LIT)`)
 *                         and DIR/hazards-expr.json, for
 *                         tests/writers/run.sh, which reads each literal
 *                         back as Azure Pipelines' expression grammar
 *                         says. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "emit/ci/ci.h"
#include "hazards.h"

static void test_quotes(void)
{
    djz_arena a;
    djz_arena_init(&a);
    CHECK_EQ_STR(djz_pipelines_string(&a, "refs/heads/main"),
                 "'refs/heads/main'");
    CHECK_EQ_STR(djz_pipelines_string(&a, "refs/heads/rel'ease"),
                 "'refs/heads/rel''ease'");
    CHECK_EQ_STR(djz_pipelines_string(&a, "''"), "''''''");
    CHECK_EQ_STR(djz_pipelines_string(&a, ""), "''");
    CHECK_EQ_STR(djz_pipelines_string(&a, "a\"b\\c"), "'a\"b\\c'");
    djz_arena_free(&a);
}

static int emit(const char *dir)
{
    djz_arena a;
    djz_arena_init(&a);
    djz_buf out = {0}, json = {0};
    for (size_t i = 0; i < DJZ_NHAZARDS; i++) {
        if (strpbrk(djz_hazards[i], "\r\n"))
            continue; /* one literal a line; sema keeps these out */
        djz_buf_puts(&out, "eq(variables['Build.SourceBranch'], ");
        djz_buf_puts(&out, djz_pipelines_string(&a, djz_hazards[i]));
        djz_buf_puts(&out, ")\n");
    }
    djz_hazards_json(&a, &json);
    int status = djz_hazards_save(dir, "expressions.txt", &out) ||
                 djz_hazards_save(dir, "hazards-expr.json", &json);
    djz_buf_free(&out);
    djz_buf_free(&json);
    djz_arena_free(&a);
    return status;
}

static const djz_test_fn tests[] = {test_quotes};
static const char *const names[] = {"test_quotes"};

int main(int argc, char **argv)
{
    int status = djz_check_run_(names, tests, 1);
    if (argc > 1 && emit(argv[1]))
        return 1;
    return status;
}
