/* test_diff.c - unit tests of djz_diff_unified (support/diff.c).
 *
 * Expected texts come from two places: a few are written out here, and
 * the rest are produced by running GNU `diff -u --label A --label B` on the
 * same inputs (written to temporary files), which must match byte for byte.
 * The randomized test diffs 200 pairs of small texts over a tiny alphabet:
 * applying our hunks to a must give b, our script must be as short as the
 * longest-common-subsequence bound and as GNU's, and the text must equal
 * GNU's.  No line occurs more than 5 times in a text there, so GNU's
 * discard heuristic (which can lengthen its script) never applies. */
#include "check.h"
#include "support/diff.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
    char *text;
    size_t len;
    size_t hunks;
} diff_out;

/* Our diff of a -> b, captured in memory. */
static diff_out our_diff(const char *a, size_t alen, const char *b, size_t blen)
{
    diff_out d = {NULL, 0, 0};
    FILE *f = open_memstream(&d.text, &d.len);
    d.hunks = djz_diff_unified(f, "A", a, alen, "B", b, blen);
    fclose(f);
    return d;
}

static bool write_temp(char *path, const char *s, size_t len)
{
    int fd = mkstemp(path);
    if (fd < 0)
        return false;
    bool ok = write(fd, s, len) == (ssize_t)len;
    return close(fd) == 0 && ok;
}

static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap + 1);
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = realloc(buf, (cap *= 2) + 1);
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* GNU diff's output for the same inputs; NULL when it could not run. */
static char *gnu_diff(const char *a, size_t alen, const char *b, size_t blen,
                      size_t *len)
{
    char pa[] = "/tmp/djz_diff_a_XXXXXX", pb[] = "/tmp/djz_diff_b_XXXXXX";
    char cmd[128], *text = NULL;
    if (write_temp(pa, a, alen) && write_temp(pb, b, blen)) {
        snprintf(cmd, sizeof cmd, "diff -u --label A --label B %s %s", pa, pb);
        FILE *p = popen(cmd, "r");
        if (p) {
            text = read_all(p, len);
            int status = pclose(p);
            if (status == -1 || WEXITSTATUS(status) > 1)
                free(text), text = NULL;
        }
    }
    unlink(pa);
    unlink(pb);
    return text;
}

/* Checks that our output for a -> b is GNU's, byte for byte. */
static void check_like_gnu(const char *a, const char *b, size_t want_hunks)
{
    size_t alen = strlen(a), blen = strlen(b), glen = 0;
    diff_out d = our_diff(a, alen, b, blen);
    char *g = gnu_diff(a, alen, b, blen, &glen);
    CHECK(g != NULL);
    if (g) {
        CHECK_EQ_INT(d.len, glen);
        CHECK_EQ_STR(d.text, g);
    }
    CHECK_EQ_INT(d.hunks, want_hunks);
    free(g);
    free(d.text);
}

static void check_text(const char *a, const char *b, const char *want,
                       size_t want_hunks)
{
    diff_out d = our_diff(a, strlen(a), b, strlen(b));
    CHECK_EQ_STR(d.text, want);
    CHECK_EQ_INT(d.hunks, want_hunks);
    free(d.text);
}

/* "l1\n" ... "ln\n" with line k (1-based) replaced by repl, if k > 0. */
static char *numbered(int n, int k, const char *repl)
{
    char *s = malloc((size_t)n * 16 + 64), *p = s;
    for (int i = 1; i <= n; i++)
        p += i == k ? sprintf(p, "%s\n", repl) : sprintf(p, "l%d\n", i);
    return s;
}

/* ---- fixed cases ------------------------------------------------------ */

static void test_equal_inputs(void)
{
    diff_out d = our_diff("x\ny\n", 4, "x\ny\n", 4);
    CHECK_EQ_INT(d.hunks, 0);
    CHECK_EQ_INT(d.len, 0);
    free(d.text);
    d = our_diff(NULL, 0, NULL, 0);
    CHECK_EQ_INT(d.hunks, 0);
    CHECK_EQ_INT(d.len, 0);
    free(d.text);
}

static void test_text_one_line_changed(void)
{
    char *a = numbered(10, 0, ""), *b = numbered(10, 5, "X");
    check_text(a, b,
               "--- A\n+++ B\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+X\n"
               " l6\n l7\n l8\n",
               1);
    free(a);
    free(b);
}

static void test_text_insert_at_start(void)
{
    check_text("a\nb\nc\nd\ne\n", "new\na\nb\nc\nd\ne\n",
               "--- A\n+++ B\n@@ -1,3 +1,4 @@\n+new\n a\n b\n c\n", 1);
}

static void test_text_missing_newline(void)
{
    check_text("a\nb\n", "a\nb",
               "--- A\n+++ B\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n"
               "\\ No newline at end of file\n",
               1);
    check_text("x", "y",
               "--- A\n+++ B\n@@ -1 +1 @@\n-x\n"
               "\\ No newline at end of file\n+y\n"
               "\\ No newline at end of file\n",
               1);
}

static void test_text_empty_vs_nonempty(void)
{
    check_text("", "x\ny\n", "--- A\n+++ B\n@@ -0,0 +1,2 @@\n+x\n+y\n", 1);
    check_text("x\n", "", "--- A\n+++ B\n@@ -1 +0,0 @@\n-x\n", 1);
}

/* NUL and other bytes are ordinary line content (GNU calls such files
 * binary, so the expected text is written out). */
static void test_text_any_bytes(void)
{
    static const char a[] = "x\0a\n\xff\n", b[] = "x\0b\n\xff\n";
    static const char want[] = "--- A\n+++ B\n@@ -1,2 +1,2 @@\n-x\0a\n"
                               "+x\0b\n \xff\n";
    diff_out d = our_diff(a, sizeof a - 1, b, sizeof b - 1);
    CHECK_EQ_INT(d.hunks, 1);
    CHECK_EQ_INT(d.len, sizeof want - 1);
    CHECK(d.len == sizeof want - 1 && memcmp(d.text, want, d.len) == 0);
    free(d.text);
}

static void test_gnu_one_line_changed_in_long_file(void)
{
    char *a = numbered(1000, 0, ""), *b = numbered(1000, 500, "changed");
    check_like_gnu(a, b, 1);
    free(a);
    free(b);
}

static void test_gnu_insert_at_start(void)
{
    char *a = numbered(50, 0, ""), *b = malloc(strlen(a) + 16);
    sprintf(b, "first\n%s", a);
    check_like_gnu(a, b, 1);
    check_like_gnu("a\nb\n", "a\na\nb\n", 1);
    free(a);
    free(b);
}

static void test_gnu_delete_at_end(void)
{
    char *a = numbered(50, 0, ""), *b = numbered(49, 0, "");
    check_like_gnu(a, b, 1);
    check_like_gnu("a\nb\nb\n", "a\nb\n", 1);
    free(a);
    free(b);
}

static void test_gnu_missing_newline(void)
{
    check_like_gnu("a\nb\nc\nd\ne\nf", "a\nb\nc\nd\ne\nf\n", 1);
    check_like_gnu("a\nb\nc\nd\ne\nf\n", "a\nb\nc\nd\ne\nf", 1);
    check_like_gnu("a\nb\nc\nd\ne\nf", "a\nb\nc\nd\ne\ng", 1);
    check_like_gnu("a\nb\nc\nd\ne\nf", "a\nX\nc\nd\ne\nf", 1);
    check_like_gnu("1\n2\n3\n4\n5\n6\n7\n8\n9\n10",
                   "1\n2\nX\n4\n5\n6\n7\n8\n9\n10", 1);
    check_like_gnu("a", "", 1);
    check_like_gnu("", "a", 1);
}

static void test_gnu_empty_vs_nonempty(void)
{
    check_like_gnu("", "x\ny\nz\n", 1);
    check_like_gnu("x\ny\nz\n", "", 1);
    check_like_gnu("", "\n", 1);
}

static void test_gnu_distant_changes_two_hunks(void)
{
    char *a = numbered(40, 0, ""), *b = numbered(40, 10, "X");
    b[strstr(b, "l30\n") - b + 1] = 'Y'; /* lines 10 and 30 changed */
    check_like_gnu(a, b, 2);
    free(b);
    b = numbered(40, 10, "X");
    b[strstr(b, "l18\n") - b + 1] = 'Y'; /* 7 equal lines between */
    check_like_gnu(a, b, 2);
    free(a);
    free(b);
}

static void test_gnu_close_changes_one_hunk(void)
{
    char *a = numbered(40, 0, ""), *b = numbered(40, 10, "X");
    b[strstr(b, "l17\n") - b + 1] = 'Y'; /* 6 equal lines between */
    check_like_gnu(a, b, 1);
    free(b);
    b = numbered(40, 10, "X");
    b[strstr(b, "l12\n") - b + 1] = 'Y';
    check_like_gnu(a, b, 1);
    free(a);
    free(b);
}

static void test_gnu_crlf_lines_are_distinct(void)
{
    check_like_gnu("a\r\nb\r\nc\r\n", "a\r\nb\nc\r\n", 1);
    check_like_gnu("a\nb\nc\n", "a\r\nb\r\nc\r\n", 1);
    check_like_gnu("a\r\n", "a\r", 1);
}

static void test_gnu_repeated_lines(void)
{
    check_like_gnu("x\nx\nx\ny\n", "x\ny\n", 1);
    check_like_gnu("a\nb\na\nb\na\n", "b\na\nb\n", 1);
    check_like_gnu("}\n\n}\n\n}\n", "}\n}\n\n}\n", 1);
    check_like_gnu("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n",
                   "a\nb\nc\nd\nz\ne\nf\ng\nh\ni\nj\n", 1);
}

/* ---- randomized property test ----------------------------------------- */

enum { RAND_PAIRS = 200, MAX_LINES = 20, SYMBOLS = 5, MAX_REPEAT = 5 };

static const char *const symbol_text[SYMBOLS] = {"a\n", "b\n", "c\n", "d\n",
                                                 "a\r\n"};

static uint32_t next_rand(uint64_t *state)
{
    *state = *state * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(*state >> 33);
}

/* Random text of at most MAX_LINES lines, no symbol above MAX_REPEAT. */
static size_t random_text(uint64_t *rng, char *buf)
{
    int count[SYMBOLS] = {0};
    int lines = (int)(next_rand(rng) % (MAX_LINES + 1));
    size_t len = 0;
    for (int i = 0; i < lines; i++) {
        int s = (int)(next_rand(rng) % SYMBOLS);
        while (count[s] == MAX_REPEAT)
            s = (s + 1) % SYMBOLS;
        count[s]++;
        len += (size_t)sprintf(buf + len, "%s", symbol_text[s]);
    }
    if (len && next_rand(rng) % 4 == 0)
        len--; /* no newline at end of file */
    buf[len] = '\0';
    return len;
}

typedef struct {
    const char *p;
    size_t len;
} span;

/* Splits s into lines that keep their '\n'; returns the count. */
static size_t split_lines(const char *s, size_t len, span *out)
{
    size_t n = 0, i = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) + 1 : len;
        out[n].p = s + i;
        out[n++].len = end - i;
        i = end;
    }
    return n;
}

/* The hunk body line at *pos: tag, then content (without its '\n' when a
 * "\ No newline" marker follows); advances *pos past it. */
static char body_line(const char *patch, size_t *pos, span *content)
{
    const char *p = patch + *pos, *nl = strchr(p, '\n');
    char tag = *p;
    content->p = p + 1;
    content->len = (size_t)(nl - p);
    *pos += (size_t)(nl - p) + 1;
    if (patch[*pos] == '\\') {
        content->len--;
        *pos += (size_t)(strchr(patch + *pos, '\n') - (patch + *pos)) + 1;
    }
    return tag;
}

static bool same_span(span x, span y)
{
    return x.len == y.len && memcmp(x.p, y.p, x.len) == 0;
}

/* Applies one hunk at patch[*pos] to lines a[*cur..]; appends to out. */
static bool apply_hunk(const char *patch, size_t *pos, const span *a, size_t na,
                       size_t *cur, char *out, size_t *outlen)
{
    long l0, s0 = 1, l1, s1 = 1;
    char *p = (char *)patch + *pos + 4; /* after "@@ -" */
    l0 = strtol(p, &p, 10);
    if (*p == ',')
        s0 = strtol(p + 1, &p, 10);
    l1 = strtol(p + 2, &p, 10);
    if (*p == ',')
        s1 = strtol(p + 1, &p, 10);
    *pos = (size_t)(strchr(p, '\n') - patch) + 1;
    size_t target = (size_t)(s0 == 0 ? l0 : l0 - 1);
    if (target < *cur || target > na || l1 < 0)
        return false;
    for (; *cur < target; (*cur)++)
        memcpy(out + *outlen, a[*cur].p, a[*cur].len), *outlen += a[*cur].len;
    while (s0 > 0 || s1 > 0) {
        span c;
        char tag = body_line(patch, pos, &c);
        if (tag != '+' && (*cur >= na || !same_span(c, a[(*cur)++])))
            return false;
        if (tag != '-')
            memcpy(out + *outlen, c.p, c.len), *outlen += c.len;
        s0 -= tag != '+';
        s1 -= tag != '-';
    }
    return s0 == 0 && s1 == 0;
}

/* Applies a unified diff to a; true when the result equals b. */
static bool patch_gives(const char *a, size_t alen, const char *patch,
                        const char *b, size_t blen)
{
    span lines[MAX_LINES + 1];
    char out[1024];
    size_t na = split_lines(a, alen, lines), cur = 0, outlen = 0, pos = 0;
    if (*patch) {
        pos = (size_t)(strchr(strchr(patch, '\n') + 1, '\n') - patch) + 1;
    }
    while (patch[pos] == '@')
        if (!apply_hunk(patch, &pos, lines, na, &cur, out, &outlen))
            return false;
    for (; cur < na; cur++)
        memcpy(out + outlen, lines[cur].p, lines[cur].len),
            outlen += lines[cur].len;
    return patch[pos] == '\0' && outlen == blen && memcmp(out, b, blen) == 0;
}

/* Counts the '+' (counts[1]) and '-' (counts[0]) lines of hunk bodies. */
static void count_edits(const char *patch, int counts[2])
{
    counts[0] = counts[1] = 0;
    const char *p = patch;
    for (int line = 0; *p; line++) {
        if (line >= 2 && (*p == '-' || *p == '+'))
            counts[*p == '+']++;
        p = strchr(p, '\n') + 1;
    }
}

/* Length of a longest common subsequence of the lines of a and b. */
static int lcs_length(const char *a, size_t alen, const char *b, size_t blen)
{
    span x[MAX_LINES + 1], y[MAX_LINES + 1];
    size_t nx = split_lines(a, alen, x), ny = split_lines(b, blen, y);
    int t[MAX_LINES + 2][MAX_LINES + 2] = {{0}};
    for (size_t i = nx; i-- > 0;)
        for (size_t j = ny; j-- > 0;)
            t[i][j] = same_span(x[i], y[j])       ? t[i + 1][j + 1] + 1
                      : t[i + 1][j] > t[i][j + 1] ? t[i + 1][j]
                                                  : t[i][j + 1];
    return t[0][0];
}

/* Checks one random pair; false when anything differs. */
static bool check_random_pair(const char *a, size_t alen, const char *b,
                              size_t blen)
{
    size_t glen = 0;
    int ours[2] = {-1, -1}, gnus[2] = {-2, -2};
    span tmp[MAX_LINES + 1];
    diff_out d = our_diff(a, alen, b, blen);
    char *g = gnu_diff(a, alen, b, blen, &glen);
    bool ok = g != NULL && d.text != NULL;
    CHECK(ok);
    if (ok) {
        bool applies = patch_gives(a, alen, d.text, b, blen);
        int common = lcs_length(a, alen, b, blen);
        count_edits(d.text, ours);
        count_edits(g, gnus);
        CHECK(applies);
        CHECK_EQ_INT(ours[0], gnus[0]);
        CHECK_EQ_INT(ours[1], gnus[1]);
        CHECK_EQ_INT(ours[0], (int)split_lines(a, alen, tmp) - common);
        CHECK_EQ_INT(ours[1], (int)split_lines(b, blen, tmp) - common);
        CHECK_EQ_STR(d.text, g);
        ok = applies && ours[0] == gnus[0] && ours[1] == gnus[1] &&
             ours[0] + ours[1] == (int)split_lines(a, alen, tmp) +
                                      (int)split_lines(b, blen, tmp) -
                                      2 * common &&
             strcmp(d.text, g) == 0;
    }
    free(g);
    free(d.text);
    return ok;
}

static void test_random_pairs_against_gnu(void)
{
    uint64_t rng = 20240607;
    char a[MAX_LINES * 4 + 1], b[MAX_LINES * 4 + 1];
    bool ok = true;
    for (int i = 0; i < RAND_PAIRS && ok; i++) {
        size_t alen = random_text(&rng, a), blen = random_text(&rng, b);
        if (i % 2 && alen > 2 && next_rand(&rng) % 2) {
            /* b = a with one byte replaced: a line that occurs once */
            memcpy(b, a, alen + 1);
            blen = alen;
            b[alen / 2] = 'e';
        }
        ok = check_random_pair(a, alen, b, blen);
    }
}

DJZ_TESTS(test_equal_inputs, test_text_one_line_changed,
          test_text_insert_at_start, test_text_missing_newline,
          test_text_empty_vs_nonempty, test_text_any_bytes,
          test_gnu_one_line_changed_in_long_file, test_gnu_insert_at_start,
          test_gnu_delete_at_end, test_gnu_missing_newline,
          test_gnu_empty_vs_nonempty, test_gnu_distant_changes_two_hunks,
          test_gnu_close_changes_one_hunk, test_gnu_crlf_lines_are_distinct,
          test_gnu_repeated_lines, test_random_pairs_against_gnu)
