/* suggest.c - edit distance over short names, for hints. */
#include "suggest.h"

#include <string.h>

enum { MAX_NAME = 64 };

size_t djz_edit_distance(const char *a, const char *b, size_t cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > MAX_NAME || lb > MAX_NAME)
        return cap + 1;
    if ((la > lb ? la - lb : lb - la) > cap)
        return cap + 1;
    size_t d[MAX_NAME + 1][MAX_NAME + 1];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t best = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb] > cap ? cap + 1 : d[la][lb];
}

/* The one candidate that word starts (https -> https_only), if only one
 * does and the word is not too short to mean anything. */
static const char *unique_prefix(const char *word,
                                 const char *const *candidates, size_t n)
{
    size_t len = strlen(word);
    const char *found = NULL;
    if (len < 3)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (strncmp(candidates[i], word, len) != 0 || !candidates[i][len])
            continue;
        if (found)
            return NULL;
        found = candidates[i];
    }
    return found;
}

const char *djz_suggest(const char *word, const char *const *candidates,
                        size_t n)
{
    size_t len = strlen(word);
    size_t cap = len < 3 ? 1 : len / 3 + 1;
    const char *best = NULL;
    size_t best_d = cap + 1;
    for (size_t i = 0; i < n; i++) {
        size_t d = djz_edit_distance(word, candidates[i], cap);
        if (d > 0 && d < best_d) {
            best = candidates[i];
            best_d = d;
        }
    }
    return best ? best : unique_prefix(word, candidates, n);
}
