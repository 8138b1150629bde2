/* fmt.h - the canonical layout of a .djaz file.
 *
 * djz_format() prints a parsed file (one that parsed without errors) in
 * the one layout djaz writes: two-space indentation, one statement per
 * line, `=` aligned within runs of attributes, single blank lines kept
 * where the author put them, comments kept in place, short lists and maps
 * and one-attribute blocks on one line when they fit in 80 columns.
 * Formatting is idempotent and keeps the syntax tree unchanged. */
#ifndef DJZ_FMT_H
#define DJZ_FMT_H

#include <stddef.h>

#include "parse.h"

enum { DJZ_FMT_WIDTH = 80 };

/* Returns a malloc'd, NUL-terminated text; *len is its length. */
char *djz_format(const djz_parsed *p, size_t *len);

#endif
