/* suggest.h - "did you mean" by edit distance. */
#ifndef DJZ_SUGGEST_H
#define DJZ_SUGGEST_H

#include <stddef.h>

/* Optimal string alignment distance (adjacent swaps count 1), capped: any
 * result above `cap` is returned as cap + 1. */
size_t djz_edit_distance(const char *a, const char *b, size_t cap);
/* The candidate closest to word, or NULL when none is close enough (at
 * most a third of the word's length, and never the word itself); failing
 * that, the only candidate that starts with word. */
const char *djz_suggest(const char *word, const char *const *candidates,
                        size_t n);

#endif
