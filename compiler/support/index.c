/* index.c - an open-addressing hash table of strings (FNV-1a). */
#include "index.h"

#include <stdint.h>
#include <string.h>

#define FNV_OFFSET UINT64_C(1469598103934665603)
#define FNV_PRIME  UINT64_C(1099511628211)

static uint64_t hash_more(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * FNV_PRIME;
    return h;
}

static size_t hash(const char *s)
{
    return (size_t)hash_more(FNV_OFFSET, s);
}

/* The hash of "a\x1fb", as hash() would give it. */
static size_t hash_pair(const char *a, const char *b)
{
    uint64_t h = hash_more(FNV_OFFSET, a);
    h = (h ^ 0x1fu) * FNV_PRIME;
    return (size_t)hash_more(h, b);
}

/* Whether key is "a\x1fb". */
static bool is_pair(const char *key, const char *a, const char *b)
{
    size_t n = strlen(a);
    return !strncmp(key, a, n) && key[n] == '\x1f' && !strcmp(key + n + 1, b);
}

size_t *djz_index_find(const djz_index *ix, const char *key)
{
    if (!ix->cap)
        return NULL;
    for (size_t i = hash(key) & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
        djz_index_slot *s = &ix->slots[i];
        if (!s->key)
            return NULL;
        if (strcmp(s->key, key) == 0)
            return &s->value;
    }
}

size_t *djz_index_find_pair(const djz_index *ix, const char *a, const char *b)
{
    if (!b)
        b = "";
    if (!ix->cap)
        return NULL;
    for (size_t i = hash_pair(a, b) & (ix->cap - 1);;
         i = (i + 1) & (ix->cap - 1)) {
        djz_index_slot *s = &ix->slots[i];
        if (!s->key)
            return NULL;
        if (is_pair(s->key, a, b))
            return &s->value;
    }
}

/* Places key in a table known to have room and not to hold it. */
static void place(djz_index_slot *slots, size_t cap, const char *key,
                  size_t value)
{
    size_t i = hash(key) & (cap - 1);
    while (slots[i].key)
        i = (i + 1) & (cap - 1);
    slots[i].key = key;
    slots[i].value = value;
}

static void grow(djz_index *ix, djz_arena *a)
{
    size_t cap = ix->cap ? ix->cap * 2 : 16;
    djz_index_slot *slots = djz_arena_alloc(a, sizeof *slots * cap);
    for (size_t i = 0; i < ix->cap; i++)
        if (ix->slots[i].key)
            place(slots, cap, ix->slots[i].key, ix->slots[i].value);
    ix->slots = slots;
    ix->cap = cap;
}

/* Adds key, which the arena holds and the index does not. */
static void insert(djz_index *ix, djz_arena *a, const char *key, size_t value)
{
    if ((ix->n + 1) * 4 > ix->cap * 3) /* keep the load under 3/4 */
        grow(ix, a);
    place(ix->slots, ix->cap, key, value);
    ix->n++;
}

void djz_index_put(djz_index *ix, djz_arena *a, const char *key, size_t value)
{
    size_t *v = djz_index_find(ix, key);
    if (v)
        *v = value;
    else
        insert(ix, a, djz_arena_strdup(a, key), value);
}

/* "a\x1fb" in ar: the key djz_index_find_pair matches (built by hand:
 * a printf per key was a fifth of a compilation's instructions). */
static const char *pair_key(djz_arena *ar, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *k = djz_arena_alloc(ar, na + nb + 2);
    memcpy(k, a, na);
    k[na] = '\x1f';
    memcpy(k + na + 1, b, nb + 1);
    return k;
}

void djz_index_put_pair(djz_index *ix, djz_arena *ar, const char *a,
                        const char *b, size_t value)
{
    size_t *v = djz_index_find_pair(ix, a, b);
    if (v)
        *v = value;
    else
        insert(ix, ar, pair_key(ar, a, b ? b : ""), value);
}

bool djz_seen_add(djz_seen *s, djz_arena *a, const char *key)
{
    if (djz_index_find(&s->ix, key))
        return false;
    djz_index_put(&s->ix, a, key, 0);
    return true;
}
