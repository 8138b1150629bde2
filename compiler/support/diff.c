/* diff.c - line-based unified diff (the format is described in diff.h).
 *
 * The edit script is found the way GNU diffutils finds it, so that the
 * printed text matches `diff -u`:
 *   1. split each text into lines, keeping the '\n', so an unterminated
 *      last line only equals the other text's unterminated last line;
 *   2. leave out the common leading and trailing lines, except the 3 next
 *      to the differences (GNU's "horizon"), which still take part;
 *   3. give every remaining line an equivalence class (hash, then bytes);
 *   4. set aside the lines whose class does not occur in the other text:
 *      every edit script changes them, so this keeps the script minimal,
 *      and it makes a complete rewrite cost linear time;
 *   5. Myers' O(ND) search for the middle snake; the problem is split
 *      there and both halves are solved the same way (linear space; the
 *      smaller half is the recursive call, so the depth is logarithmic).
 *      Like GNU, a problem needing more than max(4096, ~sqrt(lines)) edit
 *      steps is split at the best point reached so far: that bounds the
 *      time on huge inputs that differ everywhere, at the price of a
 *      possibly longer script there;
 *   6. slide every run of changes to GNU's canonical place: merged with
 *      neighbouring runs where possible, else as late as possible unless
 *      that would part it from a run of changes in the other text;
 *   7. group changes fewer than 2*3+1 lines apart into hunks and print.
 * Invariants: each `changed` array has a zero entry before the first and
 * after the last line; line numbers are 0-based ptrdiff_t until printed.
 * Everything allocated here is freed before djz_diff_unified returns. */
#include "support/diff.h"

#include "support/arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { CONTEXT = 3, HORIZON = 3, MIN_TOO_EXPENSIVE = 4096 };

/* One input text, its lines and the per-line results of the analysis. */
typedef struct {
    const char *text;
    ptrdiff_t n;     /* number of lines */
    size_t *start;   /* n + 1 offsets: line i is text[start[i], start[i+1]) */
    char *flags;     /* n + 2 entries, zero at both ends */
    char *changed;   /* flags + 1: changed[i] for line i, -1 <= i <= n */
    ptrdiff_t *eq;   /* class of each compared line, indexed from lo */
    ptrdiff_t *vec;  /* classes of the lines the search looks at */
    ptrdiff_t *real; /* line number of each vec entry */
    ptrdiff_t nvec;
} dfile;

typedef struct {
    dfile f[2];
    ptrdiff_t lo;    /* first compared line, the same in both texts */
    ptrdiff_t hi[2]; /* end of the compared lines of each text */
} diff_job;

/* One change of the edit script: del lines of a at line0 replaced by ins
 * lines of b at line1. */
typedef struct {
    ptrdiff_t line0, line1, del, ins;
} change;

typedef struct {
    change *v;
    size_t n, cap;
} change_list;

static void *xalloc_array(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        djz_out_of_memory();
    return djz_xmalloc(count * size);
}

static void *xzalloc_array(size_t count, size_t size)
{
    void *p = xalloc_array(count, size);
    memset(p, 0, count * size);
    return p;
}

/* ---- lines ------------------------------------------------------------ */

static ptrdiff_t count_lines(const char *text, size_t len)
{
    ptrdiff_t n = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        n++;
        p = nl ? nl + 1 : end;
    }
    return n;
}

static void dfile_init(dfile *f, const char *text, size_t len)
{
    memset(f, 0, sizeof *f);
    f->text = len ? text : "";
    f->n = len ? count_lines(text, len) : 0;
    f->start = xalloc_array((size_t)f->n + 1, sizeof *f->start);
    size_t off = 0;
    for (ptrdiff_t i = 0; i < f->n; i++) {
        f->start[i] = off;
        const char *nl = memchr(text + off, '\n', len - off);
        off = nl ? (size_t)(nl - text) + 1 : len;
    }
    f->start[f->n] = len;
    f->flags = xzalloc_array((size_t)f->n + 2, 1);
    f->changed = f->flags + 1;
}

static void dfile_free(dfile *f)
{
    free(f->start);
    free(f->flags);
    free(f->eq);
    free(f->vec);
    free(f->real);
}

static const char *line_text(const dfile *f, ptrdiff_t i)
{
    return f->text + f->start[i];
}

static size_t line_len(const dfile *f, ptrdiff_t i)
{
    return f->start[i + 1] - f->start[i];
}

static bool lines_equal(const dfile *a, ptrdiff_t i, const dfile *b,
                        ptrdiff_t j)
{
    size_t len = line_len(a, i);
    return len == line_len(b, j) &&
           memcmp(line_text(a, i), line_text(b, j), len) == 0;
}

/* Leaves out common leading and trailing lines beyond the horizon.  The
 * trailing run may not reach into the leading lines left out. */
static void find_region(diff_job *job)
{
    const dfile *a = &job->f[0], *b = &job->f[1];
    ptrdiff_t shorter = a->n < b->n ? a->n : b->n;
    ptrdiff_t k = 0, m = 0;
    while (k < shorter && lines_equal(a, k, b, k))
        k++;
    job->lo = k > HORIZON ? k - HORIZON : 0;
    while (m < shorter - job->lo &&
           lines_equal(a, a->n - 1 - m, b, b->n - 1 - m))
        m++;
    ptrdiff_t skip = m > HORIZON ? m - HORIZON : 0;
    job->hi[0] = a->n - skip;
    job->hi[1] = b->n - skip;
}

/* ---- equivalence classes ---------------------------------------------- */

typedef struct {
    ptrdiff_t *slot; /* class + 1, 0 when empty; size mask + 1 */
    size_t mask;
    uint64_t *hash;    /* per class */
    const char **text; /* per class: one line of the class */
    size_t *len;
    ptrdiff_t *count[2]; /* per class: its compared lines in each text */
    ptrdiff_t n;
} class_table;

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return h;
}

static void class_table_init(class_table *t, size_t lines)
{
    size_t cap = 16;
    while (cap < 2 * lines)
        cap *= 2;
    t->slot = xzalloc_array(cap, sizeof *t->slot);
    t->mask = cap - 1;
    t->hash = xalloc_array(lines, sizeof *t->hash);
    t->text = xalloc_array(lines, sizeof *t->text);
    t->len = xalloc_array(lines, sizeof *t->len);
    t->count[0] = xzalloc_array(lines, sizeof *t->count[0]);
    t->count[1] = xzalloc_array(lines, sizeof *t->count[1]);
    t->n = 0;
}

static void class_table_free(class_table *t)
{
    free(t->slot);
    free(t->hash);
    free(t->text);
    free(t->len);
    free(t->count[0]);
    free(t->count[1]);
}

/* Returns the class of the line s[0, len), creating it when new. */
static ptrdiff_t class_of(class_table *t, const char *s, size_t len)
{
    uint64_t h = hash_bytes(s, len);
    size_t i = (size_t)h & t->mask;
    for (; t->slot[i]; i = (i + 1) & t->mask) {
        ptrdiff_t c = t->slot[i] - 1;
        if (t->hash[c] == h && t->len[c] == len &&
            memcmp(t->text[c], s, len) == 0)
            return c;
    }
    ptrdiff_t c = t->n++;
    t->slot[i] = c + 1;
    t->hash[c] = h;
    t->text[c] = s;
    t->len[c] = len;
    return c;
}

static void classify(diff_job *job, class_table *t)
{
    ptrdiff_t lo = job->lo;
    class_table_init(t, (size_t)(job->hi[0] - lo + job->hi[1] - lo));
    for (int k = 0; k < 2; k++) {
        dfile *f = &job->f[k];
        f->eq = xalloc_array((size_t)(job->hi[k] - lo), sizeof *f->eq);
        for (ptrdiff_t i = lo; i < job->hi[k]; i++) {
            ptrdiff_t c = class_of(t, line_text(f, i), line_len(f, i));
            f->eq[i - lo] = c;
            t->count[k][c]++;
        }
    }
}

/* Marks the lines without a match in the other text as changed and
 * lists the others for the search. */
static void keep_matched(dfile *f, ptrdiff_t lo, ptrdiff_t hi,
                         const ptrdiff_t *other_count)
{
    f->vec = xalloc_array((size_t)(hi - lo), sizeof *f->vec);
    f->real = xalloc_array((size_t)(hi - lo), sizeof *f->real);
    f->nvec = 0;
    for (ptrdiff_t i = lo; i < hi; i++) {
        ptrdiff_t c = f->eq[i - lo];
        if (other_count[c]) {
            f->vec[f->nvec] = c;
            f->real[f->nvec++] = i;
        } else {
            f->changed[i] = 1;
        }
    }
}

/* ---- Myers' middle-snake search --------------------------------------- */

typedef struct {
    const ptrdiff_t *xv, *yv; /* the two class vectors */
    ptrdiff_t *fd; /* per diagonal: furthest x of the forward search */
    ptrdiff_t *bd; /* per diagonal: furthest x of the backward search */
    ptrdiff_t too_expensive;
    dfile *x, *y;
} myers;

typedef struct {
    ptrdiff_t xoff, xlim, yoff, ylim;
} box;

typedef struct {
    ptrdiff_t dmin, dmax, fmin, fmax, bmin, bmax;
    bool odd; /* the end corner is an odd number of diagonals away */
} search;

typedef struct {
    ptrdiff_t xmid, ymid;
    bool lo_minimal, hi_minimal; /* each half still needs a minimal script */
} split;

static split split_at(ptrdiff_t x, ptrdiff_t y, bool lo_min, bool hi_min)
{
    split s = {x, y, lo_min, hi_min};
    return s;
}

/* One more edit step of the forward search; true when it met the
 * backward search. */
static bool forward_step(const myers *m, const box *b, search *s, split *out)
{
    ptrdiff_t *fd = m->fd;
    if (s->fmin > s->dmin)
        fd[--s->fmin - 1] = -1;
    else
        ++s->fmin;
    if (s->fmax < s->dmax)
        fd[++s->fmax + 1] = -1;
    else
        --s->fmax;
    for (ptrdiff_t d = s->fmax; d >= s->fmin; d -= 2) {
        ptrdiff_t lo = fd[d - 1], hi = fd[d + 1];
        ptrdiff_t x = lo < hi ? hi : lo + 1, y = x - d;
        while (x < b->xlim && y < b->ylim && m->xv[x] == m->yv[y]) {
            x++;
            y++;
        }
        fd[d] = x;
        if (s->odd && s->bmin <= d && d <= s->bmax && m->bd[d] <= x) {
            *out = split_at(x, y, true, true);
            return true;
        }
    }
    return false;
}

/* One more edit step of the backward search. */
static bool backward_step(const myers *m, const box *b, search *s, split *out)
{
    ptrdiff_t *bd = m->bd;
    if (s->bmin > s->dmin)
        bd[--s->bmin - 1] = PTRDIFF_MAX;
    else
        ++s->bmin;
    if (s->bmax < s->dmax)
        bd[++s->bmax + 1] = PTRDIFF_MAX;
    else
        --s->bmax;
    for (ptrdiff_t d = s->bmax; d >= s->bmin; d -= 2) {
        ptrdiff_t lo = bd[d - 1], hi = bd[d + 1];
        ptrdiff_t x = lo < hi ? lo : hi - 1, y = x - d;
        while (b->xoff < x && b->yoff < y && m->xv[x - 1] == m->yv[y - 1]) {
            x--;
            y--;
        }
        bd[d] = x;
        if (!s->odd && s->fmin <= d && d <= s->fmax && x <= m->fd[d]) {
            *out = split_at(x, y, true, true);
            return true;
        }
    }
    return false;
}

/* The search went on too long: split where the forward or the backward
 * search got furthest, whichever got further. */
static split cheap_split(const myers *m, const box *b, const search *s)
{
    ptrdiff_t fxy = -1, fx = 0, bxy = PTRDIFF_MAX, bx = 0;
    for (ptrdiff_t d = s->fmax; d >= s->fmin; d -= 2) {
        ptrdiff_t x = m->fd[d] < b->xlim ? m->fd[d] : b->xlim, y = x - d;
        if (b->ylim < y) {
            x = b->ylim + d;
            y = b->ylim;
        }
        if (fxy < x + y) {
            fxy = x + y;
            fx = x;
        }
    }
    for (ptrdiff_t d = s->bmax; d >= s->bmin; d -= 2) {
        ptrdiff_t x = m->bd[d] > b->xoff ? m->bd[d] : b->xoff, y = x - d;
        if (y < b->yoff) {
            x = b->yoff + d;
            y = b->yoff;
        }
        if (x + y < bxy) {
            bxy = x + y;
            bx = x;
        }
    }
    if ((b->xlim + b->ylim) - bxy < fxy - (b->xoff + b->yoff))
        return split_at(fx, fxy - fx, true, false);
    return split_at(bx, bxy - bx, false, true);
}

/* Finds the middle of a shortest edit script of the box, whose first and
 * last lines differ in the two texts. */
static split find_split(const myers *m, const box *b, bool minimal)
{
    ptrdiff_t fmid = b->xoff - b->yoff, bmid = b->xlim - b->ylim;
    search s = {.dmin = b->xoff - b->ylim,
                .dmax = b->xlim - b->yoff,
                .fmin = fmid,
                .fmax = fmid,
                .bmin = bmid,
                .bmax = bmid,
                .odd = ((fmid - bmid) & 1) != 0};
    split out;
    m->fd[fmid] = b->xoff;
    m->bd[bmid] = b->xlim;
    for (ptrdiff_t cost = 1;; cost++) {
        if (forward_step(m, b, &s, &out) || backward_step(m, b, &s, &out))
            return out;
        if (!minimal && cost >= m->too_expensive)
            return cheap_split(m, b, &s);
    }
}

/* Trims the common ends of the box; true when something is left to
 * search, else marks the remaining lines of the one side as changed. */
static bool trim_box(const myers *m, box *b)
{
    while (b->xoff < b->xlim && b->yoff < b->ylim &&
           m->xv[b->xoff] == m->yv[b->yoff]) {
        b->xoff++;
        b->yoff++;
    }
    while (b->xoff < b->xlim && b->yoff < b->ylim &&
           m->xv[b->xlim - 1] == m->yv[b->ylim - 1]) {
        b->xlim--;
        b->ylim--;
    }
    if (b->xoff < b->xlim && b->yoff < b->ylim)
        return true;
    for (ptrdiff_t i = b->xoff; i < b->xlim; i++)
        m->x->changed[m->x->real[i]] = 1;
    for (ptrdiff_t j = b->yoff; j < b->ylim; j++)
        m->y->changed[m->y->real[j]] = 1;
    return false;
}

/* Marks the changed lines of the box: splits it at the middle snake,
 * recurses into the smaller half and loops on the larger. */
static void compare_box(const myers *m, box b, bool minimal)
{
    while (trim_box(m, &b)) {
        split sp = find_split(m, &b, minimal);
        box lo = {b.xoff, sp.xmid, b.yoff, sp.ymid};
        box hi = {sp.xmid, b.xlim, sp.ymid, b.ylim};
        if ((hi.xlim + hi.ylim) - (hi.xoff + hi.yoff) <
            (lo.xlim + lo.ylim) - (lo.xoff + lo.yoff)) {
            compare_box(m, hi, sp.hi_minimal);
            b = lo;
            minimal = sp.lo_minimal;
        } else {
            compare_box(m, lo, sp.lo_minimal);
            b = hi;
            minimal = sp.hi_minimal;
        }
    }
}

/* GNU's bound: about twice the square root of the diagonal count. */
static ptrdiff_t too_expensive(ptrdiff_t diags)
{
    ptrdiff_t t = 1;
    for (; diags != 0; diags >>= 2)
        t <<= 1;
    return t < MIN_TOO_EXPENSIVE ? MIN_TOO_EXPENSIVE : t;
}

static void run_myers(diff_job *job)
{
    dfile *x = &job->f[0], *y = &job->f[1];
    ptrdiff_t diags = x->nvec + y->nvec + 3;
    ptrdiff_t *space = xalloc_array(2 * (size_t)diags, sizeof *space);
    myers m = {.xv = x->vec,
               .yv = y->vec,
               .fd = space + y->nvec + 1,
               .bd = space + diags + y->nvec + 1,
               .too_expensive = too_expensive(diags),
               .x = x,
               .y = y};
    box all = {0, x->nvec, 0, y->nvec};
    compare_box(&m, all, false);
    free(space);
}

/* ---- canonical placement of runs (GNU shift_boundaries) --------------- */

typedef struct {
    char *chg;         /* this text's flags over the compared lines */
    const char *other; /* the other text's, with zero sentinels */
    const ptrdiff_t *eq;
    ptrdiff_t n;
    ptrdiff_t i, j;  /* run end here; matching position in other */
    ptrdiff_t start; /* run start */
} shifter;

/* Moves the run earlier while the line before it equals its last line,
 * swallowing runs it meets. */
static void slide_back(shifter *s)
{
    while (s->start && s->eq[s->start - 1] == s->eq[s->i - 1]) {
        s->chg[--s->start] = 1;
        s->chg[--s->i] = 0;
        while (s->chg[s->start - 1])
            s->start--;
        while (s->other[--s->j])
            continue;
    }
}

/* Moves the run later while its first line equals the line after it;
 * returns the last run end that lines up with a run in the other text. */
static ptrdiff_t slide_forward(shifter *s, ptrdiff_t corresponding)
{
    while (s->i != s->n && s->eq[s->start] == s->eq[s->i]) {
        s->chg[s->start++] = 0;
        s->chg[s->i++] = 1;
        while (s->chg[s->i])
            s->i++;
        while (s->other[++s->j])
            corresponding = s->i;
    }
    return corresponding;
}

static void shift_run(shifter *s)
{
    ptrdiff_t len, corresponding;
    do {
        len = s->i - s->start;
        slide_back(s);
        corresponding = s->other[s->j - 1] ? s->i : s->n;
        corresponding = slide_forward(s, corresponding);
    } while (len != s->i - s->start);
    while (corresponding < s->i) {
        s->chg[--s->start] = 1;
        s->chg[--s->i] = 0;
        while (s->other[--s->j])
            continue;
    }
}

static void shift_runs(diff_job *job, int k)
{
    dfile *f = &job->f[k], *o = &job->f[1 - k];
    shifter s = {.chg = f->changed + job->lo,
                 .other = o->changed + job->lo,
                 .eq = f->eq,
                 .n = job->hi[k] - job->lo};
    for (;;) {
        while (s.i < s.n && !s.chg[s.i]) {
            while (s.other[s.j++])
                continue;
            s.i++;
        }
        if (s.i == s.n)
            return;
        s.start = s.i;
        while (s.chg[++s.i])
            continue;
        while (s.other[s.j])
            s.j++;
        shift_run(&s);
    }
}

static void analyse(diff_job *job)
{
    class_table t;
    classify(job, &t);
    keep_matched(&job->f[0], job->lo, job->hi[0], t.count[1]);
    keep_matched(&job->f[1], job->lo, job->hi[1], t.count[0]);
    class_table_free(&t);
    run_myers(job);
    shift_runs(job, 0);
    shift_runs(job, 1);
}

/* ---- edit script and output ------------------------------------------- */

static void add_change(change_list *l, change c)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->v = djz_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = c;
}

/* Collects the runs of changed lines; lines between them pair up. */
static change_list build_script(const diff_job *job)
{
    const char *c0 = job->f[0].changed, *c1 = job->f[1].changed;
    ptrdiff_t i0 = job->lo, i1 = job->lo;
    change_list l = {NULL, 0, 0};
    while (i0 < job->hi[0] || i1 < job->hi[1]) {
        if (c0[i0] || c1[i1]) {
            change c = {i0, i1, 0, 0};
            while (c0[i0])
                i0++;
            while (c1[i1])
                i1++;
            c.del = i0 - c.line0;
            c.ins = i1 - c.line1;
            add_change(&l, c);
        }
        i0++; /* a pair of equal lines */
        i1++;
    }
    return l;
}

static void print_line(FILE *out, char tag, const dfile *f, ptrdiff_t i)
{
    size_t len = line_len(f, i);
    const char *s = line_text(f, i);
    putc(tag, out);
    fwrite(s, 1, len, out);
    if (s[len - 1] != '\n')
        fputs("\n\\ No newline at end of file\n", out);
}

/* Prints lines first..last (0-based, inclusive) as GNU does: "l,s", "l"
 * for one line, "l,0" with l the line before for none. */
static void print_range(FILE *out, ptrdiff_t first, ptrdiff_t last)
{
    ptrdiff_t a = first + 1, b = last + 1;
    if (b < a)
        fprintf(out, "%td,0", b);
    else if (b == a)
        fprintf(out, "%td", b);
    else
        fprintf(out, "%td,%td", a, b - a + 1);
}

static ptrdiff_t clamp(ptrdiff_t v, ptrdiff_t lo, ptrdiff_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static void print_hunk_header(FILE *out, const diff_job *job, const change *c,
                              size_t n, ptrdiff_t first[2])
{
    const change *e = &c[n - 1];
    first[0] = clamp(c->line0 - CONTEXT, 0, c->line0);
    first[1] = clamp(c->line1 - CONTEXT, 0, c->line1);
    ptrdiff_t last0 = e->line0 + e->del - 1 + CONTEXT;
    ptrdiff_t last1 = e->line1 + e->ins - 1 + CONTEXT;
    fputs("@@ -", out);
    print_range(out, first[0], clamp(last0, -1, job->f[0].n - 1));
    fputs(" +", out);
    print_range(out, first[1], clamp(last1, -1, job->f[1].n - 1));
    fputs(" @@\n", out);
}

/* Prints one hunk made of the n changes at c, with its context. */
static void print_hunk(FILE *out, const diff_job *job, const change *c,
                       size_t n)
{
    const dfile *a = &job->f[0], *b = &job->f[1];
    const change *e = &c[n - 1];
    ptrdiff_t first[2];
    print_hunk_header(out, job, c, n, first);
    ptrdiff_t end = clamp(e->line0 + e->del + CONTEXT, 0, a->n);
    ptrdiff_t i = first[0], j = first[1];
    for (size_t k = 0; i < end || k < n;) {
        if (k == n || i < c[k].line0) {
            print_line(out, ' ', a, i++);
            j++;
            continue;
        }
        for (ptrdiff_t d = 0; d < c[k].del; d++)
            print_line(out, '-', a, i++);
        for (ptrdiff_t d = 0; d < c[k].ins; d++)
            print_line(out, '+', b, j++);
        k++;
    }
}

/* Prints the changes in hunks; returns the number of hunks. */
static size_t print_hunks(FILE *out, const diff_job *job, const change_list *l)
{
    size_t hunks = 0;
    for (size_t h = 0; h < l->n;) {
        size_t e = h + 1;
        while (e < l->n &&
               l->v[e].line0 - (l->v[e - 1].line0 + l->v[e - 1].del) <
                   2 * CONTEXT + 1)
            e++;
        print_hunk(out, job, l->v + h, e - h);
        hunks++;
        h = e;
    }
    return hunks;
}

size_t djz_diff_unified(FILE *out, const char *a_name, const char *a,
                        size_t a_len, const char *b_name, const char *b,
                        size_t b_len)
{
    if (a_len == b_len && (a_len == 0 || memcmp(a, b, a_len) == 0))
        return 0;
    diff_job job;
    dfile_init(&job.f[0], a, a_len);
    dfile_init(&job.f[1], b, b_len);
    find_region(&job);
    analyse(&job);
    change_list script = build_script(&job);
    fprintf(out, "--- %s\n+++ %s\n", a_name, b_name);
    size_t hunks = print_hunks(out, &job, &script);
    free(script.v);
    dfile_free(&job.f[0]);
    dfile_free(&job.f[1]);
    return hunks;
}
