/* utf8.h - strict UTF-8 decoding, encoding and validation.
 *
 * "Strict" is RFC 3629: no overlong forms, no surrogates (U+D800 to
 * U+DFFF), nothing above U+10FFFF.  NUL is a valid code point here;
 * callers that forbid it check for it themselves. */
#ifndef DJZ_UTF8_H
#define DJZ_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* True when s[0..n) is valid UTF-8.  Otherwise *bad_offset (when not NULL)
 * is the offset of the first byte of the first invalid or truncated
 * sequence. */
bool djz_utf8_validate(const char *s, size_t n, size_t *bad_offset);
/* Decodes the code point starting at s (n bytes available) into *cp and
 * returns its length in bytes (1 to 4), or 0 when the sequence is invalid
 * or truncated (then *cp is left alone). */
size_t djz_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encodes cp into out and returns the bytes written (1 to 4), or 0 when cp
 * is a surrogate or above U+10FFFF. */
size_t djz_utf8_encode(uint32_t cp, char out[4]);
/* s itself when the NUL-terminated string s is valid UTF-8; otherwise a
 * copy in the arena in which each byte of an invalid sequence is replaced
 * by U+FFFD.  For writers, such as JSON, that must emit valid UTF-8. */
const char *djz_utf8_sanitize(djz_arena *a, const char *s);
/* True for a code point a reader cannot see or that reorders text on
 * screen: C0 and C1 controls, DEL, no-break and soft hyphen, zero-width
 * characters, the bidirectional controls of "Trojan Source", the BOM.
 * The formatter writes them as \u{...}; the text renderer shows them so. */
bool djz_utf8_invisible(uint32_t cp);
/* True for a bidirectional control (U+202A-U+202E, U+2066-U+2069, the
 * marks U+200E, U+200F and U+061C): text holding one may show on screen
 * in another order than a program reads it ("Trojan Source",
 * CVE-2021-42574).  The writers escape them, or refuse them where the
 * output language has no escape (a tox command). */
bool djz_utf8_bidi_control(uint32_t cp);

#endif
