/* test_index.c - the string index and the keys of pairs: whole however
 * long (parts were cut at 255 bytes, so names sharing a 255-character
 * prefix were one key), NULL as "", pairs and joined strings alike; and a
 * resource's dependencies, as many as there are (the 9th was dropped). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ir/ir.h"
#include "support/index.h"

/* n copies of c, then tail, in the arena. */
static const char *run_of(djz_arena *a, char c, size_t n, const char *tail)
{
    char *s = djz_arena_alloc(a, n + strlen(tail) + 1);
    memset(s, c, n);
    strcpy(s + n, tail);
    return s;
}

static void test_long_pairs(void)
{
    djz_arena a;
    djz_arena_init(&a);
    djz_index ix = {0};
    for (size_t len = 250; len < 5000; len += 250) {
        const char *one = run_of(&a, 'A', len, "_ONE");
        const char *two = run_of(&a, 'A', len, "_TWO");
        djz_index_put_pair(&ix, &a, "setting", one, 1);
        CHECK(djz_index_find_pair(&ix, "setting", two) == NULL);
        djz_index_put_pair(&ix, &a, "setting", two, 2);
        CHECK_EQ_INT(*djz_index_find_pair(&ix, "setting", one), 1);
        CHECK_EQ_INT(*djz_index_find_pair(&ix, "setting", two), 2);
        const char *kind = run_of(&a, 'k', len, "");
        djz_index_put_pair(&ix, &a, kind, "x", 3);
        CHECK(djz_index_find_pair(&ix, run_of(&a, 'k', len + 1, ""), "x") ==
              NULL);
    }
    djz_arena_free(&a);
}

static void test_pair_forms(void)
{
    djz_arena a;
    djz_arena_init(&a);
    djz_index ix = {0};
    djz_index_put_pair(&ix, &a, "site", NULL, 7);
    CHECK_EQ_INT(*djz_index_find_pair(&ix, "site", ""), 7);
    CHECK_EQ_INT(*djz_index_find(&ix, "site\x1f"), 7); /* the joined key */
    djz_index_put(&ix, &a, "db\x1fmain", 8);
    CHECK_EQ_INT(*djz_index_find_pair(&ix, "db", "main"), 8);
    CHECK(djz_index_find_pair(&ix, "d", "b\x1fmain") == NULL);
    CHECK(djz_index_find_pair(&ix, "db", "mai") == NULL);
    CHECK(djz_index_find_pair(&ix, "db", "main2") == NULL);
    djz_index_put_pair(&ix, &a, "db", "main", 9); /* replaces */
    CHECK_EQ_INT(*djz_index_find(&ix, "db\x1fmain"), 9);
    CHECK_EQ_INT(ix.n, 2);
    djz_arena_free(&a);
}

static void test_many_dependencies(void)
{
    djz_arena a;
    djz_arena_init(&a);
    djz_ir_resource r = {0};
    for (size_t i = 0; i < 100; i++)
        djz_ir_depend(&a, &r, i * 3);
    CHECK_EQ_INT(r.ndeps, 100);
    int wrong = 0;
    for (size_t i = 0; i < r.ndeps; i++)
        wrong += r.depends_on[i] != i * 3;
    CHECK_EQ_INT(wrong, 0);
    djz_arena_free(&a);
}

DJZ_TESTS(test_long_pairs, test_pair_forms, test_many_dependencies)
