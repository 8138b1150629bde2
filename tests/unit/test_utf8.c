/* test_utf8.c - strict UTF-8: every boundary of the well-formed table,
 * overlongs, surrogates, values past U+10FFFF, truncation, round trips. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "support/utf8.h"

typedef struct sample {
    const char *bytes;
    uint32_t cp;
} sample;

/* The edges of every row of the well-formed byte sequence table. */
static const sample valid[] = {
    {"\x00", 0x0},
    {"A", 0x41},
    {"\x7F", 0x7F},
    {"\xC2\x80", 0x80},
    {"\xC3\xA9", 0xE9},
    {"\xDF\xBF", 0x7FF},
    {"\xE0\xA0\x80", 0x800},
    {"\xE2\x82\xAC", 0x20AC},
    {"\xE6\x97\xA5", 0x65E5},
    {"\xED\x9F\xBF", 0xD7FF},
    {"\xEE\x80\x80", 0xE000},
    {"\xEF\xBF\xBD", 0xFFFD},
    {"\xEF\xBF\xBF", 0xFFFF},
    {"\xF0\x90\x80\x80", 0x10000},
    {"\xF0\x9F\x99\x82", 0x1F642},
    {"\xF3\xBF\xBF\xBF", 0xFFFFF},
    {"\xF4\x8F\xBF\xBF", 0x10FFFF},
};

static const char *const invalid[] = {
    "\x80",             /* lone continuation */
    "\xBF",             /* lone continuation */
    "\xC0\x80",         /* overlong NUL */
    "\xC1\xBF",         /* overlong U+007F */
    "\xE0\x80\x80",     /* overlong */
    "\xE0\x9F\xBF",     /* overlong U+07FF */
    "\xF0\x80\x80\x80", /* overlong */
    "\xF0\x8F\xBF\xBF", /* overlong U+FFFF */
    "\xED\xA0\x80",     /* U+D800 */
    "\xED\xBF\xBF",     /* U+DFFF */
    "\xF4\x90\x80\x80", /* U+110000 */
    "\xF5\x80\x80\x80", /* lead byte past U+10FFFF */
    "\xF8\x88\x80\x80\x80",
    "\xFE",
    "\xFF",
    "\xC3\x41",     /* second byte not a continuation */
    "\xE2\x28\xA1", /* second byte not a continuation */
    "\xE2\x82\x41", /* third byte not a continuation */
    "\xF0\x9F\x99\x41",
};

static size_t sample_len(const sample *s)
{
    return s->cp == 0 ? 1 : strlen(s->bytes);
}

static void test_decode_valid(void)
{
    for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        uint32_t cp = 0xDEAD;
        size_t n = sample_len(&valid[i]);
        CHECK_EQ_INT(djz_utf8_decode(valid[i].bytes, n, &cp), n);
        CHECK_EQ_INT(cp, valid[i].cp);
        /* trailing bytes are not consumed */
        char buf[8] = {0};
        memcpy(buf, valid[i].bytes, n);
        buf[n] = 'z';
        CHECK_EQ_INT(djz_utf8_decode(buf, n + 1, &cp), n);
        CHECK_EQ_INT(cp, valid[i].cp);
    }
}

static void test_decode_invalid(void)
{
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        uint32_t cp = 0xDEAD;
        CHECK_EQ_INT(djz_utf8_decode(invalid[i], strlen(invalid[i]), &cp), 0);
        CHECK_EQ_INT(cp, 0xDEAD);
    }
}

static void test_decode_truncated(void)
{
    uint32_t cp = 0;
    CHECK_EQ_INT(djz_utf8_decode("", 0, &cp), 0);
    CHECK_EQ_INT(djz_utf8_decode("\xC3", 1, &cp), 0);
    CHECK_EQ_INT(djz_utf8_decode("\xE2\x82", 2, &cp), 0);
    CHECK_EQ_INT(djz_utf8_decode("\xF0\x9F\x99", 3, &cp), 0);
    /* n limits the read even when more bytes follow in memory */
    CHECK_EQ_INT(djz_utf8_decode("\xF0\x9F\x99\x82", 3, &cp), 0);
    CHECK_EQ_INT(djz_utf8_decode("\xC3\xA9", 1, &cp), 0);
}

static void test_validate(void)
{
    size_t bad = 99;
    CHECK(djz_utf8_validate("", 0, &bad));
    CHECK(djz_utf8_validate("plain ascii", 11, &bad));
    const char *mixed = "\xC3\xA9t\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC "
                        "\xF0\x9F\x99\x82";
    CHECK(djz_utf8_validate(mixed, strlen(mixed), &bad));
    CHECK_EQ_INT(bad, 99); /* untouched on success */
    CHECK(djz_utf8_validate("a\0b", 3, &bad));
    CHECK(!djz_utf8_validate("ok\x80", 3, &bad));
    CHECK_EQ_INT(bad, 2);
    CHECK(!djz_utf8_validate("ab\xC3\xA9\xE2\x82", 6, &bad));
    CHECK_EQ_INT(bad, 4); /* the start of the truncated sequence */
    CHECK(!djz_utf8_validate("x\xED\xA0\x80y", 5, &bad));
    CHECK_EQ_INT(bad, 1);
    CHECK(!djz_utf8_validate("\xC0\xAF", 2, &bad));
    CHECK_EQ_INT(bad, 0);
    CHECK(!djz_utf8_validate("abc\xF4\x90\x80\x80", 7, NULL));
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        char buf[16] = "ok";
        strcat(buf, invalid[i]);
        CHECK(!djz_utf8_validate(buf, strlen(buf), &bad));
        CHECK_EQ_INT(bad, 2);
    }
}

static void test_encode(void)
{
    for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        char out[4];
        size_t n = djz_utf8_encode(valid[i].cp, out);
        CHECK_EQ_INT(n, sample_len(&valid[i]));
        CHECK(memcmp(out, valid[i].bytes, n) == 0);
    }
    char out[4];
    CHECK_EQ_INT(djz_utf8_encode(0xD800, out), 0);
    CHECK_EQ_INT(djz_utf8_encode(0xDBFF, out), 0);
    CHECK_EQ_INT(djz_utf8_encode(0xDFFF, out), 0);
    CHECK_EQ_INT(djz_utf8_encode(0x110000, out), 0);
    CHECK_EQ_INT(djz_utf8_encode(UINT32_MAX, out), 0);
}

/* Every scalar value encodes, validates and decodes back to itself. */
static void test_round_trip(void)
{
    int bad = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char out[4];
        uint32_t back = UINT32_MAX;
        size_t n = djz_utf8_encode(cp, out);
        bad += n == 0 || !djz_utf8_validate(out, n, NULL) ||
               djz_utf8_decode(out, n, &back) != n || back != cp;
    }
    CHECK_EQ_INT(bad, 0);
}

static void test_sanitize(void)
{
    djz_arena a;
    djz_arena_init(&a);
    const char *ok = "caf\xC3\xA9";
    CHECK(djz_utf8_sanitize(&a, ok) == ok);
    CHECK_EQ_STR(djz_utf8_sanitize(&a, "a\xFF"
                                       "b\xE2\x82"),
                 "a\xEF\xBF\xBD"
                 "b\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK_EQ_STR(djz_utf8_sanitize(&a, "\xED\xA0\x80"),
                 "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    djz_arena_free(&a);
}

DJZ_TESTS(test_decode_valid, test_decode_invalid, test_decode_truncated,
          test_validate, test_encode, test_round_trip, test_sanitize)
