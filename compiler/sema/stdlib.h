/* stdlib.h - the standard library as the binary carries it.
 *
 * Every .djaz file under stdlib/ is embedded at build time (stdlib/embed.cmake)
 * so an installed djaz needs no data files.  `--stdlib DIR` reads a
 * directory instead, for working on the stdlib itself. */
#ifndef DJZ_STDLIB_H
#define DJZ_STDLIB_H

#include <stddef.h>

typedef struct djz_stdlib_file {
    const char *path; /* relative to stdlib/, e.g. "std/azure/hardened.djaz" */
    const char *text;
    size_t len;
} djz_stdlib_file;

extern const djz_stdlib_file djz_stdlib_files[];
extern const size_t djz_stdlib_count;

/* The embedded file at path, or NULL. */
const djz_stdlib_file *djz_stdlib_find(const char *path);

#endif
