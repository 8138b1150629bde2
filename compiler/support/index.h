/* index.h - string keys to numbers, for lookups that must not be linear
 * (the attributes of a block with thousands of settings).  Open
 * addressing with linear probing; the table lives in an arena and grows
 * by doubling, so it is freed with everything else. */
#ifndef DJZ_INDEX_H
#define DJZ_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef struct djz_index_slot {
    const char *key; /* NULL: empty */
    size_t value;
} djz_index_slot;

typedef struct djz_index {
    djz_index_slot *slots;
    size_t cap, n;
} djz_index;

/* The value of key, or NULL. */
size_t *djz_index_find(const djz_index *ix, const char *key);
/* Sets key (copied into the arena) to value. */
void djz_index_put(djz_index *ix, djz_arena *a, const char *key, size_t value);

/* The same for the key of a pair, "a\x1fb" (b NULL is ""), such as an
 * attribute's name and label or a block's kind and label: whole, however
 * long, and looked up without being built. */
size_t *djz_index_find_pair(const djz_index *ix, const char *a, const char *b);
void djz_index_put_pair(djz_index *ix, djz_arena *ar, const char *a,
                        const char *b, size_t value);

/* A set of strings, to say a thing once (a diagnostic already given). */
typedef struct djz_seen {
    djz_index ix;
} djz_seen;

/* Adds key; false when it was there already. */
bool djz_seen_add(djz_seen *s, djz_arena *a, const char *key);

#endif
