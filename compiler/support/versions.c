/* versions.c - release versions and specifiers, a PEP 440 subset.
 *
 * Releases compare segment by segment as numbers (5.2.18 > 5.2.8),
 * missing segments being zero; anything after the numbers (rc1, .dev0)
 * makes a version sort just before its release, which is what matters
 * for "fixed in" checks. */
#include "versions.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void djz_project_normalize(const char *in, char *out, size_t n)
{
    size_t k = 0;
    bool sep = false;
    for (; *in && k + 1 < n; in++) {
        unsigned char c = (unsigned char)*in;
        if (c == '-' || c == '_' || c == '.') {
            sep = k > 0;
            continue;
        }
        if (sep && k + 2 < n)
            out[k++] = '-';
        sep = false;
        out[k++] = (char)tolower(c);
    }
    out[k] = '\0';
}

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

bool djz_requirement_parse(const char *line, djz_requirement *out)
{
    const char *s = skip_space(line), *start = s;
    out->too_long = false;
    while (isalnum((unsigned char)*s) || *s == '-' || *s == '_' || *s == '.')
        s++;
    if (s == start)
        return false;
    char raw[sizeof out->name];
    size_t len = (size_t)(s - start);
    if (len >= sizeof raw) {
        out->too_long = true;
        return false;
    }
    memcpy(raw, start, len);
    raw[len] = '\0';
    djz_project_normalize(raw, out->name, sizeof out->name);
    s = skip_space(s);
    if (*s == '[')
        while (*s && *s != ']')
            s++;
    s = skip_space(*s == ']' ? s + 1 : s);
    out->pinned[0] = '\0';
    if (strncmp(s, "==", 2) == 0 && s[2] != '=') {
        s = skip_space(s + 2);
        size_t k = 0;
        while (s[k] && !strchr(" \t;,", s[k])) {
            if (k + 1 == sizeof out->pinned) {
                out->too_long = true;
                return false;
            }
            out->pinned[k] = s[k];
            k++;
        }
        out->pinned[k] = '\0';
        if (strchr(s + k, ',') || strchr(out->pinned, '*'))
            out->pinned[0] = '\0'; /* ==5.2.*, or a range: not a pin */
    }
    return true;
}

/* Next release segment of *p as a number; -1 when none is left. */
static long segment(const char **p)
{
    if (!isdigit((unsigned char)**p))
        return -1;
    long v = strtol(*p, (char **)p, 10);
    if (**p == '.' && isdigit((unsigned char)(*p)[1]))
        (*p)++;
    return v;
}

int djz_version_compare(const char *a, const char *b)
{
    const char *p = a, *q = b;
    for (;;) {
        long x = segment(&p), y = segment(&q);
        if (x < 0 && y < 0)
            break;
        if ((x < 0 ? 0 : x) != (y < 0 ? 0 : y))
            return (x < 0 ? 0 : x) < (y < 0 ? 0 : y) ? -1 : 1;
    }
    bool pre_a = *p && *p != ' ', pre_b = *q && *q != ' ';
    return pre_a == pre_b ? 0 : pre_a ? -1 : 1;
}

/* ~=X.Y.Z means >=X.Y.Z and ==X.Y.*: the same release but its last part. */
static bool compatible(const char *version, const char *base)
{
    if (djz_version_compare(version, base) < 0)
        return false;
    const char *last = strrchr(base, '.');
    size_t prefix = last ? (size_t)(last - base) : strlen(base);
    return strncmp(version, base, prefix) == 0 &&
           (version[prefix] == '.' || !version[prefix]);
}

static bool clause(const char *version, const char *c, size_t n)
{
    static const char *const ops[] = {"~=", "==", "!=", ">=", "<=", ">", "<"};
    char op[3] = "", v[64];
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strncmp(c, ops[i], strlen(ops[i])) == 0) {
            strcpy(op, ops[i]);
            break;
        }
    const char *start = skip_space(c + strlen(op));
    size_t avail = n - (size_t)(start - c);
    size_t len = avail < sizeof v - 1 ? avail : sizeof v - 1;
    memcpy(v, start, len);
    v[len] = '\0';
    for (size_t k = strlen(v); k > 0 && v[k - 1] == ' '; k--)
        v[k - 1] = '\0';
    int cmp = djz_version_compare(version, v);
    if (!strcmp(op, "~="))
        return compatible(version, v);
    if (!strcmp(op, "!="))
        return cmp != 0;
    if (!strcmp(op, ">="))
        return cmp >= 0;
    if (!strcmp(op, "<="))
        return cmp <= 0;
    if (!strcmp(op, ">"))
        return cmp > 0;
    if (!strcmp(op, "<"))
        return cmp < 0;
    return cmp == 0; /* "==" or a bare version */
}

bool djz_version_matches(const char *version, const char *spec)
{
    for (const char *c = skip_space(spec); *c;) {
        const char *end = strchr(c, ',');
        size_t n = end ? (size_t)(end - c) : strlen(c);
        if (!clause(version, c, n))
            return false;
        c = end ? skip_space(end + 1) : c + n;
    }
    return true;
}
