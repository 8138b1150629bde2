/* memfile.h - a FILE that writes into a growable malloc'd buffer.
 *
 * Like open_memstream, without its cost: glibc's memstream allocates and
 * clears a buffer for every stream, which the formatter, opening one per
 * statement, paid for on every line.  This one is unbuffered (each write
 * goes straight to the growing buffer) and starts small. */
#ifndef DJZ_MEMFILE_H
#define DJZ_MEMFILE_H

#include <stddef.h>
#include <stdio.h>

typedef struct djz_memfile {
    char *data; /* NUL-terminated after djz_memfile_close; free() it */
    size_t len, cap;
} djz_memfile;

/* Opens a stream writing into m (zeroed by the caller). */
FILE *djz_memfile_open(djz_memfile *m);
/* Closes the stream; m->data holds what was written. */
void djz_memfile_close(FILE *f, djz_memfile *m);

#endif
