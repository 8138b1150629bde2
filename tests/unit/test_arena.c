/* test_arena.c - the region allocator: alignment, zero fill, no overlap
 * between allocations, oversized blocks, string helpers, accounting. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "support/arena.h"

static int aligned(const void *p)
{
    return (uintptr_t)p % _Alignof(max_align_t) == 0;
}

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

enum { SMALL_COUNT = 5000 };

/* Many small allocations: each aligned and zeroed; a byte pattern written
 * into each survives all later ones, so no two overlap. */
static void test_many_small(void)
{
    djz_arena a;
    djz_arena_init(&a);
    static unsigned char *ptrs[SMALL_COUNT];
    int misaligned = 0, dirty = 0, clobbered = 0;
    for (size_t i = 0; i < SMALL_COUNT; i++) {
        size_t size = i % 97 + 1;
        ptrs[i] = djz_arena_alloc(&a, size);
        misaligned += !aligned(ptrs[i]);
        dirty += !all_zero(ptrs[i], size);
        memset(ptrs[i], (int)(i & 0xFF), size);
    }
    for (size_t i = 0; i < SMALL_COUNT; i++)
        for (size_t j = 0; j < i % 97 + 1; j++)
            clobbered += ptrs[i][j] != (unsigned char)(i & 0xFF);
    CHECK_EQ_INT(misaligned, 0);
    CHECK_EQ_INT(dirty, 0);
    CHECK_EQ_INT(clobbered, 0);
    djz_arena_free(&a);
}

static void test_zero_size(void)
{
    djz_arena a;
    djz_arena_init(&a);
    void *p = djz_arena_alloc(&a, 0);
    void *q = djz_arena_alloc(&a, 0);
    CHECK(p != NULL);
    CHECK(q != NULL);
    CHECK(aligned(p) && aligned(q));
    djz_arena_free(&a);
}

/* Requests that do not fit the block being filled get blocks of their
 * own; that block keeps serving small requests. */
static void test_oversized(void)
{
    djz_arena a;
    djz_arena_init(&a);
    char *small1 = djz_arena_alloc(&a, 16);
    size_t sizes[] = {64 * 1024, 5 * 1024 * 1024, 20000, 9000};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        unsigned char *big = djz_arena_alloc(&a, sizes[i]);
        CHECK(aligned(big));
        CHECK(all_zero(big, sizes[i]));
        memset(big, 0xAB, sizes[i]);
        CHECK(big[sizes[i] - 1] == 0xAB);
    }
    char *small2 = djz_arena_alloc(&a, 16);
    CHECK(aligned(small2));
    CHECK(all_zero((unsigned char *)small2, 16));
    /* still carved from the first block, right after small1 (the 9000
     * bytes fitted there too) */
    CHECK(small2 > small1 && small2 - small1 <= 9000 + 64);
    djz_arena_free(&a);
}

static void test_strings(void)
{
    djz_arena a;
    djz_arena_init(&a);
    char *s = djz_arena_strndup(&a, "hello, world", 5);
    CHECK_EQ_STR(s, "hello");
    CHECK(aligned(s));
    CHECK_EQ_STR(djz_arena_strndup(&a, "xyz", 0), "");
    char *nul = djz_arena_strndup(&a, "a\0b", 3);
    CHECK(memcmp(nul, "a\0b\0", 4) == 0);
    const char *orig = "copied";
    char *d = djz_arena_strdup(&a, orig);
    CHECK_EQ_STR(d, "copied");
    CHECK(d != orig);
    CHECK_EQ_STR(djz_arena_printf(&a, "%s:%d:%u", "f.djaz", -3, 7u),
                 "f.djaz:-3:7");
    CHECK_EQ_STR(djz_arena_printf(&a, "%s", ""), "");
    char longer[3000];
    memset(longer, 'q', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    char *p = djz_arena_printf(&a, "<%s>", longer);
    CHECK_EQ_INT(strlen(p), sizeof longer + 1);
    CHECK(p[0] == '<' && p[sizeof longer] == '>');
    djz_arena_free(&a);
}

/* total counts what was taken from malloc: it grows with use, never
 * shrinks before free, and free returns the arena to empty. */
static void test_total(void)
{
    djz_arena a;
    djz_arena_init(&a);
    CHECK_EQ_INT(a.total, 0);
    djz_arena_alloc(&a, 1);
    size_t first = a.total;
    CHECK(first > 0);
    size_t prev = first;
    int shrank = 0;
    for (int i = 0; i < 4000; i++) {
        djz_arena_alloc(&a, 100);
        shrank += a.total < prev;
        prev = a.total;
    }
    CHECK_EQ_INT(shrank, 0);
    CHECK(a.total >= 4000 * 100);
    size_t before = a.total;
    djz_arena_alloc(&a, 1024 * 1024);
    CHECK(a.total >= before + 1024 * 1024);
    djz_arena_free(&a);
    CHECK_EQ_INT(a.total, 0);
    CHECK(a.head == NULL);
    /* usable again after free */
    CHECK_EQ_STR(djz_arena_strdup(&a, "again"), "again");
    djz_arena_free(&a);
    djz_arena_free(&a); /* freeing an empty arena is harmless */
}

static void test_new_macro(void)
{
    typedef struct pair {
        long a;
        double b;
        void *c;
    } pair;
    djz_arena a;
    djz_arena_init(&a);
    pair *p = DJZ_NEW(&a, pair);
    CHECK(p->a == 0 && p->b == 0.0 && p->c == NULL);
    CHECK(aligned(p));
    djz_arena_free(&a);
}

static void test_xmalloc(void)
{
    char *p = djz_xmalloc(0);
    CHECK(p != NULL);
    p = djz_xrealloc(p, 64);
    memset(p, 1, 64);
    p = djz_xrealloc(p, 128 * 1024);
    CHECK(p[63] == 1);
    free(p);
}

DJZ_TESTS(test_many_small, test_zero_size, test_oversized, test_strings,
          test_total, test_new_macro, test_xmalloc)
