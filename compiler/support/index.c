/* index.c - an open-addressing hash table of strings (FNV-1a). */
#include "index.h"

#include <stdint.h>
#include <string.h>

static size_t hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (size_t)h;
}

const char *djz_index_key(char buf[DJZ_KEY_MAX], const char *a, const char *b)
{
    size_t n = strlen(a), m = b ? strlen(b) : 0;
    if (n > DJZ_KEY_MAX / 2 - 1)
        n = DJZ_KEY_MAX / 2 - 1;
    if (m > DJZ_KEY_MAX / 2 - 1)
        m = DJZ_KEY_MAX / 2 - 1;
    memcpy(buf, a, n);
    buf[n] = '\x1f';
    if (m)
        memcpy(buf + n + 1, b, m);
    buf[n + 1 + m] = '\0';
    return buf;
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

void djz_index_put(djz_index *ix, djz_arena *a, const char *key, size_t value)
{
    size_t *v = djz_index_find(ix, key);
    if (v) {
        *v = value;
        return;
    }
    if ((ix->n + 1) * 4 > ix->cap * 3) /* keep the load under 3/4 */
        grow(ix, a);
    place(ix->slots, ix->cap, djz_arena_strdup(a, key), value);
    ix->n++;
}

bool djz_seen_add(djz_seen *s, djz_arena *a, const char *key)
{
    if (djz_index_find(&s->ix, key))
        return false;
    djz_index_put(&s->ix, a, key, 0);
    return true;
}
