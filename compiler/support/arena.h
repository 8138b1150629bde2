/* arena.h - region allocator owning everything one compilation makes.
 *
 * Tokens, AST nodes, strings and diagnostics of a compilation live in one
 * arena and are released together by djz_arena_free().  Allocation never
 * returns NULL: running out of memory is a clean fatal exit (exit status 2
 * with a message), so callers need no error paths for it.  Every block,
 * every djz_xmalloc/djz_xrealloc and (after djz_alloc_init) every cJSON
 * allocation passes one counter, so a test can fail the Nth allocation
 * (djz_alloc_fail_at, tests/oom) to exercise that exit. */
#ifndef DJZ_ARENA_H
#define DJZ_ARENA_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct djz_arena_block djz_arena_block;

typedef struct djz_arena {
    djz_arena_block *head; /* newest block first */
    size_t total;          /* bytes obtained from malloc, for benchmarks */
} djz_arena;

void djz_arena_init(djz_arena *a);
void djz_arena_free(djz_arena *a);

/* Returns size bytes aligned for any object, zero-filled. */
void *djz_arena_alloc(djz_arena *a, size_t size);
/* Copies n bytes of s and appends a NUL. */
char *djz_arena_strndup(djz_arena *a, const char *s, size_t n);
char *djz_arena_strdup(djz_arena *a, const char *s);
/* printf into the arena. */
char *djz_arena_printf(djz_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *djz_arena_vprintf(djz_arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* For arrays in the arena: when n == *cap, returns a copy of old with
 * twice the room (*cap updated, 8 to start); else old. */
void *djz_arena_grow(djz_arena *a, void *old, size_t n, size_t *cap,
                     size_t elem);

/* Process-wide out-of-memory exit: runs the registered cleanups
 * (support/cleanup.h), says "djaz: fatal: out of memory" and exits 2. */
_Noreturn void djz_out_of_memory(void);
/* The fatal exit (cleanup, a message, exit 2) of a vsnprintf that failed
 * with errno err: out of memory for ENOMEM, else a text djaz cannot make
 * (longer than INT_MAX, or a %ls not in the locale).  No caller drops or
 * cuts the text instead. */
_Noreturn void djz_printf_failed(int err);
void *djz_xmalloc(size_t size);
void *djz_xrealloc(void *p, size_t size);
/* vasprintf through djz_xmalloc: the text, to free(). */
char *djz_xvasprintf(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));
/* p, or the out-of-memory exit when it is NULL: for libraries that report
 * a failed allocation with NULL (cJSON). */
void *djz_must(void *p);

/* realpath(path) copied into the arena; NULL (errno set) when it does not
 * resolve.  Its allocation is counted and checked like the others. */
char *djz_realpath(djz_arena *a, const char *path);

/* Routes cJSON's allocations through djaz's counter (they still return
 * NULL on failure, as cJSON expects).  Call once, before any cJSON use. */
void djz_alloc_init(void);
/* How many of cJSON's allocations have failed: a NULL from cJSON_Parse
 * is out of memory, not bad JSON, when this grew meanwhile. */
unsigned long djz_alloc_cjson_failures(void);
/* Fault injection for tests: the nth allocation from now fails (and only
 * it); 0 turns injection off.  Never called by the djaz binary. */
void djz_alloc_fail_at(unsigned long n);
/* Allocations counted since the last djz_alloc_fail_at. */
unsigned long djz_alloc_count(void);

#define DJZ_NEW(arena, type) ((type *)djz_arena_alloc((arena), sizeof(type)))

#endif
