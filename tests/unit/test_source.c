/* test_source.c - byte offsets to line:column, line text, reading files.
 *
 * Columns count code points from 1 (a tab is one); the CR of a CRLF is part
 * of the line break, a lone CR is an ordinary column. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "support/source.h"

typedef struct fixture {
    djz_arena arena;
    djz_source *src;
} fixture;

static void fx_open(fixture *f, const char *text, size_t len)
{
    djz_arena_init(&f->arena);
    f->src = djz_source_new(&f->arena, "t.djaz", text, len);
}

#define FX(f, literal) fx_open((f), (literal), sizeof(literal) - 1)

/* line * 1000 + col, so one CHECK_EQ_INT shows both. */
static long at(fixture *f, uint32_t offset)
{
    djz_linecol lc = djz_source_linecol(f->src, offset);
    return (long)lc.line * 1000 + lc.col;
}

static void check_line(fixture *f, uint32_t line, const char *want,
                       uint32_t want_len)
{
    uint32_t len = 12345;
    const char *text = djz_source_line(f->src, line, &len);
    CHECK_EQ_INT(len, want_len);
    CHECK(memcmp(text, want, want_len) == 0);
}

static void test_lf(void)
{
    fixture f;
    FX(&f, "ab\ncd\n");
    CHECK_EQ_INT(at(&f, 0), 1001);
    CHECK_EQ_INT(at(&f, 1), 1002);
    CHECK_EQ_INT(at(&f, 2), 1003); /* the \n itself ends line 1 */
    CHECK_EQ_INT(at(&f, 3), 2001);
    CHECK_EQ_INT(at(&f, 5), 2003);
    CHECK_EQ_INT(at(&f, 6), 3001); /* end of file: the empty last line */
    CHECK_EQ_INT(djz_source_line_count(f.src), 3);
    check_line(&f, 1, "ab", 2);
    check_line(&f, 2, "cd", 2);
    check_line(&f, 3, "", 0);
    check_line(&f, 0, "", 0);
    check_line(&f, 4, "", 0);
    djz_arena_free(&f.arena);
}

static void test_crlf(void)
{
    fixture f;
    FX(&f, "ab\r\ncd\r\n\r\nx");
    CHECK_EQ_INT(at(&f, 1), 1002);
    CHECK_EQ_INT(at(&f, 2), 1003); /* the \r is not a column */
    CHECK_EQ_INT(at(&f, 3), 1003);
    CHECK_EQ_INT(at(&f, 4), 2001);
    CHECK_EQ_INT(at(&f, 6), 2003);
    CHECK_EQ_INT(at(&f, 8), 3001);
    CHECK_EQ_INT(at(&f, 10), 4001);
    CHECK_EQ_INT(at(&f, 11), 4002);
    CHECK_EQ_INT(djz_source_line_count(f.src), 4);
    check_line(&f, 1, "ab", 2);
    check_line(&f, 2, "cd", 2);
    check_line(&f, 3, "", 0);
    check_line(&f, 4, "x", 1);
    djz_arena_free(&f.arena);
}

static void test_lone_cr(void)
{
    fixture f;
    FX(&f, "a\rb\nc");
    CHECK_EQ_INT(at(&f, 1), 1002);
    CHECK_EQ_INT(at(&f, 2), 1003); /* the lone \r counted as a column */
    CHECK_EQ_INT(at(&f, 3), 1004);
    CHECK_EQ_INT(at(&f, 4), 2001);
    check_line(&f, 1, "a\rb", 3);
    djz_arena_free(&f.arena);
}

static void test_tabs(void)
{
    fixture f;
    FX(&f, "\t\tx = 1\n");
    CHECK_EQ_INT(at(&f, 1), 1002);
    CHECK_EQ_INT(at(&f, 2), 1003);
    CHECK_EQ_INT(at(&f, 4), 1005);
    check_line(&f, 1, "\t\tx = 1", 7);
    djz_arena_free(&f.arena);
}

static void test_utf8(void)
{
    fixture f;
    /* é (2 bytes) 日 (3) 本 (3) 🙂 (4): one column each */
    FX(&f, "\xC3\xA9\xE6\x97\xA5\xE6\x9C\xAC\xF0\x9F\x99\x82x\n"
           "\xF0\x9F\x99\x82=");
    CHECK_EQ_INT(at(&f, 0), 1001);
    CHECK_EQ_INT(at(&f, 2), 1002);
    CHECK_EQ_INT(at(&f, 5), 1003);
    CHECK_EQ_INT(at(&f, 8), 1004);
    CHECK_EQ_INT(at(&f, 12), 1005);
    CHECK_EQ_INT(at(&f, 13), 1006);
    CHECK_EQ_INT(at(&f, 14), 2001);
    CHECK_EQ_INT(at(&f, 18), 2002);
    CHECK_EQ_INT(at(&f, 19), 2003);
    djz_arena_free(&f.arena);
}

static void test_no_final_newline(void)
{
    fixture f;
    FX(&f, "a\nbc");
    CHECK_EQ_INT(at(&f, 3), 2002);
    CHECK_EQ_INT(at(&f, 4), 2003); /* end of file */
    CHECK_EQ_INT(djz_source_line_count(f.src), 2);
    check_line(&f, 2, "bc", 2);
    djz_arena_free(&f.arena);
}

static void test_empty_and_past_end(void)
{
    fixture f;
    FX(&f, "");
    CHECK_EQ_INT(at(&f, 0), 1001);
    CHECK_EQ_INT(at(&f, 7), 1001); /* clamped to the end */
    CHECK_EQ_INT(djz_source_line_count(f.src), 1);
    check_line(&f, 1, "", 0);
    djz_arena_free(&f.arena);
    FX(&f, "ab\nc\n");
    CHECK_EQ_INT(at(&f, 5), 3001);
    CHECK_EQ_INT(at(&f, 500), 3001);
    djz_arena_free(&f.arena);
}

static void test_span_helpers(void)
{
    djz_span a = djz_span_make(3, 7), b = djz_span_make(5, 12);
    djz_span j = djz_span_join(a, b);
    CHECK_EQ_INT(j.lo, 3);
    CHECK_EQ_INT(j.hi, 12);
    j = djz_span_join(b, a);
    CHECK_EQ_INT(j.lo, 3);
    CHECK_EQ_INT(j.hi, 12);
}

static void test_read_file(void)
{
    char path[] = "/tmp/djz_test_source_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    static const char body[] = "djaz 1\r\napp \xC3\xA9 {\n}\0tail";
    CHECK(write(fd, body, sizeof body - 1) == (ssize_t)(sizeof body - 1));
    close(fd);
    djz_arena a;
    djz_arena_init(&a);
    djz_source *src = djz_source_read(&a, path);
    CHECK(src != NULL);
    if (src) {
        CHECK_EQ_STR(src->name, path);
        CHECK_EQ_INT(src->len, sizeof body - 1);
        CHECK(memcmp(src->text, body, sizeof body - 1) == 0);
        CHECK(src->text[src->len] == '\0');
        djz_linecol lc = djz_source_linecol(src, 15); /* the { */
        CHECK_EQ_INT(lc.line, 2);
        CHECK_EQ_INT(lc.col, 7);
    }
    unlink(path);
    djz_arena_free(&a);
}

static void test_read_missing(void)
{
    djz_arena a;
    djz_arena_init(&a);
    errno = 0;
    djz_source *src = djz_source_read(&a, "/nonexistent/djz/missing.djaz");
    CHECK(src == NULL);
    CHECK_EQ_INT(errno, ENOENT);
    djz_arena_free(&a);
}

DJZ_TESTS(test_lf, test_crlf, test_lone_cr, test_tabs, test_utf8,
          test_no_final_newline, test_empty_and_past_end, test_span_helpers,
          test_read_file, test_read_missing)
