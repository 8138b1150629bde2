/* arena.c - bump allocation in geometrically growing blocks.
 *
 * Invariant: every block's used <= cap.  A request that does not fit the
 * current block and is larger than half the first block size gets a block
 * of its own, behind the current one, so big strings do not waste the tail
 * of the block being filled. */
#include "arena.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanup.h"

struct djz_arena_block {
    djz_arena_block *next;
    size_t used, cap;
    max_align_t data[];
};

enum { ARENA_FIRST_BLOCK = 16 * 1024, ARENA_MAX_BLOCK = 4 * 1024 * 1024 };

/* The fault-injection counter.  Globals because an allocator hook is
 * process-wide (cJSON's hooks take no context); the djaz binary never sets
 * fail_at, so for it this is one comparison per allocation. */
static unsigned long alloc_count, alloc_fail_at;

void djz_alloc_fail_at(unsigned long n)
{
    alloc_count = 0;
    alloc_fail_at = n;
}

unsigned long djz_alloc_count(void)
{
    return alloc_count;
}

/* Whether this allocation is the one a test asked to fail. */
static bool injected_failure(void)
{
    return ++alloc_count == alloc_fail_at;
}

/* The fatal exit: cleanup, "djaz: fatal: WHY", exit 2. */
static _Noreturn void die(const char *why)
{
    static bool dying;
    if (dying) /* fatal again while cleaning up */
        _exit(2);
    dying = true;
    alloc_fail_at = 0;
    djz_cleanup_run();
    fprintf(stderr, "djaz: fatal: %s\n", why);
    exit(2);
}

_Noreturn void djz_out_of_memory(void)
{
    die("out of memory");
}

_Noreturn void djz_printf_failed(int err)
{
    if (err == ENOMEM)
        djz_out_of_memory();
    /* EOVERFLOW (longer than INT_MAX) or EILSEQ (a %ls not in the
     * locale): a text djaz cannot make; never a text cut or dropped */
    die(err == EOVERFLOW ? "a text longer than 2 GiB cannot be formatted"
                         : "a text cannot be formatted (internal error)");
}

void *djz_xmalloc(size_t size)
{
    void *p = injected_failure() ? NULL : malloc(size ? size : 1);
    if (!p)
        djz_out_of_memory();
    return p;
}

void *djz_xrealloc(void *p, size_t size)
{
    void *q = injected_failure() ? NULL : realloc(p, size ? size : 1);
    if (!q)
        djz_out_of_memory();
    return q;
}

char *djz_xvasprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n < 0)
        djz_printf_failed(errno);
    char *text = djz_xmalloc((size_t)n + 1);
    vsnprintf(text, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return text;
}

void *djz_must(void *p)
{
    if (!p)
        djz_out_of_memory();
    return p;
}

char *djz_realpath(djz_arena *a, const char *path)
{
    if (injected_failure())
        djz_out_of_memory();
    char *real = realpath(path, NULL);
    if (!real && errno == ENOMEM)
        djz_out_of_memory();
    if (!real)
        return NULL;
    char *copy = djz_arena_strdup(a, real);
    free(real);
    return copy;
}

static unsigned long cjson_failures;

static void *cjson_malloc(size_t size)
{
    void *p = injected_failure() ? NULL : malloc(size);
    cjson_failures += !p;
    return p;
}

unsigned long djz_alloc_cjson_failures(void)
{
    return cjson_failures;
}

void djz_alloc_init(void)
{
    cJSON_Hooks hooks = {cjson_malloc, free};
    cJSON_InitHooks(&hooks);
}

void djz_arena_init(djz_arena *a)
{
    a->head = NULL;
    a->total = 0;
}

void djz_arena_free(djz_arena *a)
{
    djz_arena_block *b = a->head;
    while (b) {
        djz_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

static djz_arena_block *arena_grow(djz_arena *a, size_t need)
{
    int oversized = need > ARENA_FIRST_BLOCK / 2 && a->head;
    size_t cap = a->head ? a->head->cap * 2 : ARENA_FIRST_BLOCK;
    if (cap > ARENA_MAX_BLOCK)
        cap = ARENA_MAX_BLOCK;
    if (oversized || cap < need)
        cap = need;
    if (cap > SIZE_MAX - sizeof(djz_arena_block))
        djz_out_of_memory();
    djz_arena_block *b = djz_xmalloc(sizeof *b + cap);
    b->used = 0;
    b->cap = cap;
    a->total += sizeof *b + cap;
    if (oversized) {
        /* a block of its own, behind the one still being filled */
        b->next = a->head->next;
        a->head->next = b;
    } else {
        b->next = a->head;
        a->head = b;
    }
    return b;
}

void *djz_arena_alloc(djz_arena *a, size_t size)
{
    const size_t align = _Alignof(max_align_t);
    if (size > SIZE_MAX - align)
        djz_out_of_memory();
    size = (size + align - 1) & ~(align - 1);
    djz_arena_block *b = a->head;
    if (!b || b->cap - b->used < size)
        b = arena_grow(a, size);
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *djz_arena_strndup(djz_arena *a, const char *s, size_t n)
{
    char *p = djz_arena_alloc(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *djz_arena_strdup(djz_arena *a, const char *s)
{
    return djz_arena_strndup(a, s, strlen(s));
}

char *djz_arena_vprintf(djz_arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n < 0)
        djz_printf_failed(errno);
    char *p = djz_arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

char *djz_arena_printf(djz_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = djz_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void *djz_arena_grow(djz_arena *a, void *old, size_t n, size_t *cap,
                     size_t elem)
{
    if (n < *cap)
        return old;
    size_t grown = *cap ? *cap * 2 : 8;
    if (grown > SIZE_MAX / elem)
        djz_out_of_memory();
    void *p = djz_arena_alloc(a, grown * elem);
    if (n)
        memcpy(p, old, n * elem);
    *cap = grown;
    return p;
}
