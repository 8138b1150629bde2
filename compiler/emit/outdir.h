/* outdir.h - an output directory written as a whole or not at all.
 *
 * Files are written into a fresh directory beside the destination; only
 * when every one is written does it take the destination's place (an
 * atomic exchange), and the old tree is removed after.  On any failure
 * the destination is as it was.  A destination that exists must be empty
 * or hold `marker` (a directory djaz wrote): a mistyped `-o .` must not
 * replace a project.  Missing parents of the destination are created,
 * and removed again when nothing is committed. */
#ifndef DJZ_OUTDIR_H
#define DJZ_OUTDIR_H

#include <stdbool.h>
#include <stddef.h>

typedef struct djz_outdir {
    char *dest;    /* where it goes */
    char *tmp;     /* where it is written */
    char err[512]; /* what failed */
    bool failed;
    bool committed;
    char *made[16]; /* parents of dest it created, outermost first */
    size_t nmade;
    char *dirs[32]; /* directories made inside, relative: "arm" */
    size_t ndirs;
} djz_outdir;

typedef enum djz_outdir_status {
    DJZ_OUTDIR_OK,
    DJZ_OUTDIR_IO,     /* err says what */
    DJZ_OUTDIR_FOREIGN /* dest exists and was not written by djaz */
} djz_outdir_status;

/* Checks dest and makes the temporary directory. */
djz_outdir_status djz_outdir_open(djz_outdir *o, const char *dest,
                                  const char *marker);
/* Writes path (relative, "arm/template.json") with its directories;
 * executable files get the x bits the umask allows. */
bool djz_outdir_write(djz_outdir *o, const char *path, const void *data,
                      size_t len, bool executable);
/* Puts the directory in place; false (err set) when it could not. */
bool djz_outdir_commit(djz_outdir *o);
/* Removes the temporary directory (after a failure, or instead of
 * committing); frees o. */
void djz_outdir_close(djz_outdir *o);

#endif
