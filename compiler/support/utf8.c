/* utf8.c - strict UTF-8 (RFC 3629) decoding, encoding and validation.
 *
 * Decoding follows the table of well-formed byte sequences in the Unicode
 * standard (table 3-7): the second byte's range depends on the first, which
 * is what rules out overlongs, surrogates and values above U+10FFFF. */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

static bool is_cont(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

/* Sequence length announced by a lead byte and the allowed range of the
 * second byte; 0 for a byte that cannot start a sequence. */
static size_t lead_info(unsigned char b, unsigned char *lo, unsigned char *hi)
{
    *lo = 0x80;
    *hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF)
        return 2;
    if (b >= 0xE0 && b <= 0xEF) {
        if (b == 0xE0)
            *lo = 0xA0; /* overlong below U+0800 */
        if (b == 0xED)
            *hi = 0x9F; /* surrogates */
        return 3;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        if (b == 0xF0)
            *lo = 0x90; /* overlong below U+10000 */
        if (b == 0xF4)
            *hi = 0x8F; /* above U+10FFFF */
        return 4;
    }
    return 0;
}

size_t djz_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    unsigned char lo, hi;
    size_t len = lead_info(u[0], &lo, &hi);
    if (len == 0 || n < len || u[1] < lo || u[1] > hi)
        return 0;
    uint32_t v = u[0] & (0x7Fu >> len);
    for (size_t i = 1; i < len; i++) {
        if (!is_cont(u[i]))
            return 0;
        v = v << 6 | (u[i] & 0x3Fu);
    }
    *cp = v;
    return len;
}

size_t djz_utf8_encode(uint32_t cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    size_t len = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    static const unsigned char lead[] = {0, 0, 0xC0, 0xE0, 0xF0};
    for (size_t i = len - 1; i > 0; i--) {
        out[i] = (char)(0x80 | (cp & 0x3F));
        cp >>= 6;
    }
    out[0] = (char)(lead[len] | cp);
    return len;
}

/* Length of the ASCII run at s, eight bytes at a time. */
static size_t ascii_run(const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & UINT64_C(0x8080808080808080))
            break;
    }
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

bool djz_utf8_validate(const char *s, size_t n, size_t *bad_offset)
{
    size_t i = 0;
    while (i < n) {
        i += ascii_run(s + i, n - i);
        if (i == n)
            break;
        uint32_t cp;
        size_t len = djz_utf8_decode(s + i, n - i, &cp);
        if (len == 0) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += len;
    }
    return true;
}

const char *djz_utf8_sanitize(djz_arena *a, const char *s)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    size_t n = strlen(s);
    if (djz_utf8_validate(s, n, NULL))
        return s;
    if (n > (SIZE_MAX - 1) / 3)
        djz_out_of_memory();
    char *out = djz_arena_alloc(a, n * 3 + 1); /* a byte becomes 3 at most */
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = djz_utf8_decode(s + i, n - i, &cp);
        if (len == 0) {
            memcpy(out + k, replacement, 3);
            k += 3;
            i++;
        } else {
            memcpy(out + k, s + i, len);
            k += len;
            i += len;
        }
    }
    out[k] = '\0';
    return out;
}

bool djz_utf8_invisible(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp == 0xad ||
           (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
           (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff;
}

bool djz_utf8_bidi_control(uint32_t cp)
{
    return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x200e || cp == 0x200f || cp == 0x061c;
}
