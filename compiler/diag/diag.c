/* diag.c - the catalogue table and the diagnostic sink. */
#include "diag.h"

#include "../support/suggest.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const djz_diag_info djz_catalogue[] = {
#define DJZ_DIAG(num, id, sev, name, title, explain)                           \
    {DJZ_##id, DJZ_SEV_##sev, name, title, explain},
#include "catalogue.def"
#undef DJZ_DIAG
};
const size_t djz_catalogue_len = sizeof djz_catalogue / sizeof djz_catalogue[0];

const djz_diag_info *djz_diag_lookup(djz_code code)
{
    size_t lo = 0, hi = djz_catalogue_len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (djz_catalogue[mid].code == code)
            return &djz_catalogue[mid];
        if (djz_catalogue[mid].code < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

djz_code djz_diag_parse_code(const char *text)
{
    if (strncasecmp(text, "djz", 3) == 0)
        text += 3;
    if (strlen(text) != 4)
        return DJZ_CODE_NONE;
    int n = 0;
    for (int i = 0; i < 4; i++) {
        if (!isdigit((unsigned char)text[i]))
            return DJZ_CODE_NONE;
        n = n * 10 + (text[i] - '0');
    }
    const djz_diag_info *info = djz_diag_lookup((djz_code)n);
    return info ? info->code : DJZ_CODE_NONE;
}

const char *djz_severity_name(djz_severity sev)
{
    switch (sev) {
    case DJZ_SEV_ERROR:
        return "error";
    case DJZ_SEV_WARNING:
        return "warning";
    case DJZ_SEV_NOTE:
        return "note";
    }
    return "error";
}

void djz_sink_init(djz_diag_sink *s, djz_arena *a, size_t max_errors)
{
    memset(s, 0, sizeof *s);
    s->arena = a;
    s->max_errors = max_errors;
}

bool djz_sink_full(const djz_diag_sink *s)
{
    return s->max_errors && s->errors >= s->max_errors;
}

bool djz_diag_retired(const djz_diag_info *info)
{
    return !strncmp(info->title, "retired:", 8);
}

bool djz_sink_set_level(djz_diag_sink *s, djz_code code, djz_level level)
{
    const djz_diag_info *info = djz_diag_lookup(code);
    if (code < 6000 || code > 6999 || !info || djz_diag_retired(info))
        return false;
    if (info->severity == DJZ_SEV_ERROR && level != DJZ_LEVEL_ERROR)
        return false; /* an error is not silenced (DJZ3012) */
    djz_level_override *n =
        djz_arena_alloc(s->arena, sizeof *n * (s->nlevels + 1));
    if (s->nlevels)
        memcpy(n, s->levels, sizeof *n * s->nlevels);
    n[s->nlevels].code = code;
    n[s->nlevels].level = level;
    s->levels = n;
    s->nlevels++;
    return true;
}

static djz_level level_of(const djz_diag_sink *s, djz_code code)
{
    for (size_t i = s->nlevels; i-- > 0;)
        if (s->levels[i].code == code)
            return s->levels[i].level;
    return DJZ_LEVEL_DEFAULT;
}

/* The severity a diagnostic gets: its catalogue's, or what -W says, with
 * --warnings-as-errors applied last.  Returns false to drop it. */
static bool effective_severity(const djz_diag_sink *s, djz_code code,
                               djz_severity *sev)
{
    const djz_diag_info *info = djz_diag_lookup(code);
    *sev = info ? info->severity : DJZ_SEV_ERROR;
    switch (level_of(s, code)) {
    case DJZ_LEVEL_OFF:
        return false;
    case DJZ_LEVEL_NOTE:
        *sev = DJZ_SEV_NOTE;
        break;
    case DJZ_LEVEL_WARNING:
        *sev = DJZ_SEV_WARNING;
        break;
    case DJZ_LEVEL_ERROR:
        *sev = DJZ_SEV_ERROR;
        break;
    case DJZ_LEVEL_DEFAULT:
        break;
    }
    if (*sev == DJZ_SEV_WARNING && s->warnings_as_errors)
        *sev = DJZ_SEV_ERROR;
    return true;
}

djz_diag *djz_report(djz_diag_sink *s, djz_code code, djz_source *src,
                     djz_span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    djz_diag *d = djz_vreport(s, code, src, span, fmt, ap);
    va_end(ap);
    return d;
}

djz_diag *djz_vreport(djz_diag_sink *s, djz_code code, djz_source *src,
                      djz_span span, const char *fmt, va_list ap)
{
    djz_diag *d = DJZ_NEW(s->arena, djz_diag);
    d->code = code;
    bool keep = effective_severity(s, code, &d->severity);
    d->src = src;
    d->span = span;
    d->message = djz_arena_vprintf(s->arena, fmt, ap);
    if (!keep) {
        s->suppressed++;
        return d; /* detached */
    }
    if (d->severity == DJZ_SEV_ERROR && djz_sink_full(s)) {
        s->truncated = true;
        return d; /* detached */
    }
    if (s->tail)
        s->tail->next = d;
    else
        s->head = d;
    s->tail = d;
    s->count++;
    s->errors += d->severity == DJZ_SEV_ERROR;
    s->warnings += d->severity == DJZ_SEV_WARNING;
    return d;
}

/* A place a diagnostic was said at: djz_diag_first's set. */
typedef struct djz_diag_said {
    const djz_source *src; /* NULL: an empty slot */
    uint32_t lo, hi;
    djz_code code;
} djz_diag_said;

static size_t said_hash(const djz_diag_said *k)
{
    uint64_t h = (uint64_t)(uintptr_t)k->src;
    h = (h ^ k->lo) * 0x9e3779b97f4a7c15u;
    h = (h ^ k->hi) * 0x9e3779b97f4a7c15u;
    h = (h ^ (uint32_t)k->code) * 0x9e3779b97f4a7c15u;
    return (size_t)(h >> 17);
}

/* The slot of k in a table with room: where it is, or where it goes. */
static djz_diag_said *said_slot(djz_diag_said *t, size_t cap,
                                const djz_diag_said *k)
{
    size_t i = said_hash(k) & (cap - 1);
    while (t[i].src && (t[i].src != k->src || t[i].lo != k->lo ||
                        t[i].hi != k->hi || t[i].code != k->code))
        i = (i + 1) & (cap - 1);
    return &t[i];
}

static void said_grow(djz_diag_sink *s)
{
    size_t cap = s->said_cap ? s->said_cap * 2 : 64;
    djz_diag_said *t = djz_arena_alloc(s->arena, sizeof *t * cap);
    for (size_t i = 0; i < s->said_cap; i++)
        if (s->said[i].src)
            *said_slot(t, cap, &s->said[i]) = s->said[i];
    s->said = t;
    s->said_cap = cap;
}

bool djz_diag_first(djz_diag_sink *s, djz_code code, const djz_source *src,
                    djz_span span)
{
    static const djz_source nowhere; /* for a diagnostic without a file */
    djz_diag_said k = {src ? src : &nowhere, span.lo, span.hi, code};
    if ((s->said_n + 1) * 4 > s->said_cap * 3)
        said_grow(s);
    djz_diag_said *slot = said_slot(s->said, s->said_cap, &k);
    if (slot->src)
        return false;
    *slot = k;
    s->said_n++;
    return true;
}

void djz_diag_help(djz_diag_sink *s, djz_diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    d->help = djz_arena_vprintf(s->arena, fmt, ap);
    va_end(ap);
}

bool djz_diag_did_you_mean(djz_diag_sink *s, djz_diag *d, const char *word,
                           const char *const *names, size_t n)
{
    const char *best = djz_suggest(word, names, n);
    if (best)
        djz_diag_help(s, d, "did you mean `%s`?", best);
    return best != NULL;
}

void djz_diag_note(djz_diag_sink *s, djz_diag *d, djz_source *src,
                   djz_span span, const char *fmt, ...)
{
    djz_note *n = DJZ_NEW(s->arena, djz_note);
    n->src = src;
    n->span = span;
    va_list ap;
    va_start(ap, fmt);
    n->message = djz_arena_vprintf(s->arena, fmt, ap);
    va_end(ap);
    djz_note **p = &d->notes;
    while (*p)
        p = &(*p)->next;
    *p = n;
}

typedef struct sort_item {
    djz_diag *d;
    size_t file_rank, seq;
} sort_item;

static int compare_items(const void *pa, const void *pb)
{
    const sort_item *a = pa, *b = pb;
    if (a->file_rank != b->file_rank)
        return a->file_rank < b->file_rank ? -1 : 1;
    if (a->d->span.lo != b->d->span.lo)
        return a->d->span.lo < b->d->span.lo ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Rank of d's file: the position of the first diagnostic on that file. */
static size_t file_rank(sort_item *items, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (items[j].d->src == items[i].d->src)
            return items[j].file_rank;
    return i;
}

djz_diag **djz_sink_sorted(djz_diag_sink *s, size_t *n)
{
    /* Nothing to sort allocates nothing: a build without diagnostics
     * allocates nothing after its output is in place (tests/oom). */
    static djz_diag *none[1];
    *n = 0;
    if (!s->head)
        return none;
    sort_item *items = djz_xmalloc(sizeof *items * (s->count ? s->count : 1));
    size_t k = 0;
    for (djz_diag *d = s->head; d; d = d->next, k++) {
        items[k].d = d;
        items[k].seq = k;
        items[k].file_rank = file_rank(items, k);
    }
    qsort(items, k, sizeof *items, compare_items);
    djz_diag **out = djz_arena_alloc(s->arena, sizeof *out * (k ? k : 1));
    for (size_t i = 0; i < k; i++)
        out[i] = items[i].d;
    free(items);
    *n = k;
    return out;
}

_Noreturn void djz_internal(djz_code code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "djaz: internal error[DJZ%04d]: ", (int)code);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n   = note: this is a bug in djaz, not in the spec; please "
          "report it\n",
          stderr);
    exit(2);
}
