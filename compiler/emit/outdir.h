/* outdir.h - an output directory written as a whole or not at all, that
 * never loses a file djaz did not write.
 *
 * Files are written into a fresh directory beside the destination,
 * `.NAME.djaz-XXXXXX`, the marker (djaz.json) first; each file and then
 * each directory is fsync'ed, and only then does the tree take the
 * destination's place in one atomic exchange.  On any failure the
 * destination is as it was.
 *
 * What may be replaced: a destination that does not exist, an empty
 * directory, or one whose marker lists every file in it with its size
 * and SHA-256, each file still holding exactly those bytes.  Anything
 * else there (a file or directory the marker does not list, a symbolic
 * link, an edited artifact, a marker that is not a manifest) is a
 * finding, and nothing is touched.  A destination that is a symbolic
 * link is followed: the directory it names is checked and replaced, and
 * the link stays.
 *
 * The check and the exchange are not one step: right after the exchange
 * the tree taken out is proven again (the same directory, the same
 * marker, only listed files, intact); when it is not, it is exchanged
 * back and the findings name what changed.  From the exchange to the
 * old tree's removal nothing allocates (out of memory cannot fail a
 * build that replaced dest).  A file changed between that proof and the
 * removal keeps the whole old tree, renamed `NAME.djaz-kept-XXXXXX`.
 *
 * Builds into one destination are serialised by flock(2) on the parent
 * directory (no lock file), which needs read permission on it: a parent
 * that is only searchable and writable is used unlocked.  Holding it, a
 * committed build removes what a killed build left beside the destination, but
 * only a tree it can prove is one: named as above, owned by this user, and
 * either empty, or holding nothing but a marker (killed while writing it), or
 * holding only what its marker lists (files no longer than listed, and
 * with the listed digest when as long: a killed build may have cut its
 * last file short, so a shorter file is taken as djaz's).  Missing parents of
 * the destination are created, and removed again when nothing is committed. */
#ifndef DJZ_OUTDIR_H
#define DJZ_OUTDIR_H

#include <stdbool.h>
#include <stddef.h>

#include "support/cleanup.h"

/* A file a build wrote, as its marker lists it. */
typedef struct djz_outdir_file {
    char *path; /* relative, "arm/template.json" */
    unsigned long long bytes;
    char sha256[65]; /* lowercase hex */
    bool intact;     /* found with that size and digest (by open) */
    bool executable; /* and with an x bit */
} djz_outdir_file;

/* Every file a marker lists, sorted by path, without duplicates. */
typedef struct djz_outdir_listing {
    djz_outdir_file *files;
    size_t n;
} djz_outdir_listing;

/* Reads a marker's text into a listing (malloc'ed, for
 * djz_outdir_listing_free); false, with why set, when it is not one. */
typedef bool (*djz_outdir_reader)(const char *text, size_t len,
                                  djz_outdir_listing *out, char *why,
                                  size_t whylen);

/* Sorts l->files by path; false when two are the same. */
bool djz_outdir_listing_sort(djz_outdir_listing *l);
void djz_outdir_listing_free(djz_outdir_listing *l);

/* Whether path is one djaz may write: relative, `/`-separated, no empty,
 * `.` or `..` part, no backslash or control character. */
bool djz_outdir_path_ok(const char *path);

typedef enum djz_outdir_problem {
    DJZ_OUTDIR_NOT_DIR,    /* dest is not a directory (or a dangling link) */
    DJZ_OUTDIR_UNMARKED,   /* dest is not empty and holds no marker */
    DJZ_OUTDIR_BAD_MARKER, /* the marker is not a manifest: why says how */
    DJZ_OUTDIR_UNLISTED,   /* an entry the marker does not list: why is
                              "a file", "a directory", ... */
    DJZ_OUTDIR_CHANGED,    /* a listed file that no longer has its digest */
    DJZ_OUTDIR_MOVED,      /* dest is no longer what was checked */
    DJZ_OUTDIR_KEPT,       /* after the exchange, the old tree still held
                              something not djaz's: kept, under path */
} djz_outdir_problem;

/* Why dest may not be replaced. */
typedef struct djz_outdir_finding {
    djz_outdir_problem problem;
    char *path; /* as the user named it: "out/manage.py" */
    char *why;
} djz_outdir_finding;

typedef struct djz_outdir {
    char *dest;  /* where it goes, symbolic links resolved */
    char *shown; /* dest as the user named it, for messages */
    char *tmp;   /* where it is written */
    int tmpfd;   /* tmp, open; -1 */
    int lock;    /* dest's parent, open; -1 */
    bool locked; /* and flock'ed */
    const char *marker;
    djz_outdir_reader read;
    djz_outdir_listing old; /* what dest's marker lists */
    char *old_marker;       /* its text */
    size_t old_marker_len;
    djz_outdir_finding *findings; /* sorted by path */
    size_t nfindings;
    bool had_dest;               /* dest existed when checked, */
    unsigned long long dev, ino; /* as this directory, */
    unsigned mode;               /* with these permissions */
    bool exchanged;              /* tmp names the old tree, unproven */
    char *aside;                 /* or the old tree is here (no
                                    RENAME_EXCHANGE), unproven */
    char *kept;                  /* where an old tree that is not all
                                    djaz's goes (reserved) */
    char *rel, *buf;             /* the walk's path and a file's bytes, */
    size_t relcap, bufcap;       /* reserved before the exchange */
    bool frozen;                 /* from it: the walk allocates nothing */
    /* Tests only (tests/unit/test_outdir.c): called between the proof of
     * the old tree and its removal, to change it there on purpose. */
    void (*proven)(const char *old);
    char *err; /* what failed (malloc'ed), or NULL */
    bool failed;
    bool committed;
    char **made; /* parents of dest it created, outermost first */
    size_t nmade;
    char **dirs; /* directories made inside tmp, relative: "arm" */
    size_t ndirs;
    int *fds; /* files written, fsync'ed and closed by commit */
    size_t nfds;
    djz_cleanup cleanup; /* removes tmp and made on a fatal exit */
} djz_outdir;

typedef enum djz_outdir_status {
    DJZ_OUTDIR_OK,
    DJZ_OUTDIR_IO,     /* err says what */
    DJZ_OUTDIR_FOREIGN /* dest may not be replaced: see findings */
} djz_outdir_status;

/* Checks dest (waiting for any other build into it), and makes the
 * temporary directory.  marker is the manifest's name, read by read. */
djz_outdir_status djz_outdir_open(djz_outdir *o, const char *dest,
                                  const char *marker, djz_outdir_reader read);
/* Writes path (relative, "arm/template.json") with its directories;
 * executable files get the x bits the umask allows.  Write the marker
 * first: it is what proves a killed build's tree is djaz's. */
bool djz_outdir_write(djz_outdir *o, const char *path, const void *data,
                      size_t len, bool executable);
/* Whether dest already holds exactly the build whose marker is text:
 * the same marker, and each file it lists intact (check each with
 * djz_outdir_holds).  Then djz_outdir_keep leaves it as it is. */
bool djz_outdir_same_marker(const djz_outdir *o, const void *text, size_t len);
bool djz_outdir_holds(const djz_outdir *o, const char *path, bool executable);
/* Leaves dest untouched, and removes any stale tree beside it. */
void djz_outdir_keep(djz_outdir *o);
/* Syncs the tree, puts it in place, removes the old tree and any stale
 * ones; false (err set) when it could not be put in place. */
bool djz_outdir_commit(djz_outdir *o);
/* Removes the temporary directory (after a failure, or instead of
 * committing), releases the lock; frees o. */
void djz_outdir_close(djz_outdir *o);

#endif
