/* arena.h - region allocator owning everything one compilation makes.
 *
 * Tokens, AST nodes, strings and diagnostics of a compilation live in one
 * arena and are released together by djz_arena_free().  Allocation never
 * returns NULL: running out of memory is a clean fatal exit (exit status 2
 * with a message), so callers need no error paths for it.  A test build may
 * install a failure hook to exercise that exit. */
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

/* Process-wide out-of-memory exit; the hook lets tests observe it. */
_Noreturn void djz_out_of_memory(void);
void *djz_xmalloc(size_t size);
void *djz_xrealloc(void *p, size_t size);

#define DJZ_NEW(arena, type) ((type *)djz_arena_alloc((arena), sizeof(type)))

#endif
