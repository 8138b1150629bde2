/* pyliteral.h - the one writer of values into generated Python: the
 * settings fragment and the storage module (the @NAME@ values of their
 * templates), locustfile.py, tests/conftest.py and tests/test_NAME.py.
 *
 * A value becomes a string literal that Python reads back as exactly that
 * value, or text inside a docstring that cannot end it:
 *
 *   - `"` and `\` are escaped (`\"`, `\\`), so no value closes its
 *     literal or its docstring (`"""`);
 *   - C0 controls, DEL and C1 controls (NEL U+0085 among them) are
 *     written `\xHH`, U+2028 and U+2029 `\u2028` and `\u2029`: Python
 *     itself ends a line only at LF and CR, but editors, linters and
 *     other readers end it at any of them;
 *   - the bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E,
 *     U+200F, U+061C), which would show the source in another order
 *     than Python reads it ("Trojan Source"), are written `\u202e`...;
 *   - bytes that are not UTF-8 (which Python would refuse to compile)
 *     are written `\ufffd`, the replacement character;
 *   - other characters, non-ASCII ones included, as they are. */
#ifndef DJZ_PYLITERAL_H
#define DJZ_PYLITERAL_H

#include "emit/json.h"

/* "s" as a Python str literal. */
void djz_py_str(djz_buf *out, const char *s);
/* [s0, s1, ...] as a Python list of str literals. */
void djz_py_str_list(djz_buf *out, const char *const *items, size_t n);
/* s inside a """docstring""" or a "..." literal: the literal's text
 * without its quotes, escaped as above. */
void djz_py_str_body(djz_buf *out, const char *s);

#endif
