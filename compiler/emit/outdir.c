/* outdir.c - write a directory, then exchange it into place (outdir.h).
 *
 * Three parts: the walk, which compares a tree with its marker's listing
 * (to check a destination, to prove a stale tree is djaz's, and to remove
 * only what is proven); opening, which resolves, locks and checks the
 * destination; and committing, which syncs, exchanges and cleans up.
 * Every walk works on directory descriptors and never follows a symbolic
 * link. */
#include "outdir.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/arena.h"
#include "support/sha256.h"

/* ---- small helpers ------------------------------------------------------ */

static bool fail(djz_outdir *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static bool fail(djz_outdir *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *err = djz_xvasprintf(fmt, ap); /* whole: a path is never cut */
    va_end(ap);
    free(o->err);
    o->err = err;
    o->failed = true;
    return false;
}

static char *mprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static char *mprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = djz_xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

/* o->buf with room for n bytes.  Reserved before the exchange (commit),
 * so that nothing allocates between it and the old tree's removal. */
static char *room(djz_outdir *o, size_t n)
{
    if (n > o->bufcap) {
        o->buf = djz_xrealloc(o->buf, n);
        o->bufcap = n;
    }
    return o->buf;
}

/* arr (n elements of size elem, malloc'ed) with room for one more. */
static void *grow(void *arr, size_t n, size_t elem)
{
    if (n == 0 || (n >= 8 && !(n & (n - 1))))
        return djz_xrealloc(arr, (n < 8 ? 8 : n * 2) * elem);
    return arr;
}

static bool sync_fd(int fd)
{
    while (fsync(fd))
        if (errno != EINTR)
            return false;
    return true;
}

static mode_t current_umask(void)
{
    mode_t m = umask(0);
    umask(m);
    return m;
}

/* ---- listings ----------------------------------------------------------- */

static int by_path(const void *a, const void *b)
{
    return strcmp(((const djz_outdir_file *)a)->path,
                  ((const djz_outdir_file *)b)->path);
}

bool djz_outdir_listing_sort(djz_outdir_listing *l)
{
    if (l->n)
        qsort(l->files, l->n, sizeof *l->files, by_path);
    for (size_t i = 1; i < l->n; i++)
        if (!strcmp(l->files[i - 1].path, l->files[i].path))
            return false;
    return true;
}

void djz_outdir_listing_free(djz_outdir_listing *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->files[i].path);
    free(l->files);
    l->files = NULL;
    l->n = 0;
}

bool djz_outdir_path_ok(const char *path)
{
    const char *p = path;
    if (!*p || *p == '/')
        return false;
    for (;;) {
        size_t n = strcspn(p, "/");
        if (!n || (n == 1 && p[0] == '.') ||
            (n == 2 && p[0] == '.' && p[1] == '.'))
            return false;
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f || p[i] == '\\')
                return false;
        if (!p[n])
            return true;
        p += n + 1;
    }
}

static const djz_outdir_file *listed(const djz_outdir_listing *l,
                                     const char *path)
{
    djz_outdir_file key = {.path = (char *)path};
    return l->n ? bsearch(&key, l->files, l->n, sizeof key, by_path) : NULL;
}

/* Whether a listed path starts with dir + "/". */
static bool listed_dir(const djz_outdir_listing *l, const char *dir)
{
    size_t n = strlen(dir), lo = 0, hi = l->n;
    while (lo < hi) { /* the first path not before dir */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(l->files[mid].path, dir) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < l->n && !strncmp(l->files[i].path, dir, n); i++)
        if (l->files[i].path[n] == '/')
            return true;
    return false;
}

/* Reads up to len bytes of fd into buf; how many it read. */
static size_t read_all(int fd, char *buf, size_t len)
{
    size_t n = 0;
    while (n < len) {
        ssize_t r = read(fd, buf + n, len - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    return n;
}

/* Whether the regular file fd holds bytes bytes with the digest hex.
 * Read, not mapped: a file cut short meanwhile is a mismatch, not a
 * SIGBUS.  Artifacts are small; a listing claiming more than 256 MiB is
 * not djaz's. */
static bool has_digest(djz_outdir *o, int fd, unsigned long long bytes,
                       const char *hex)
{
    if (bytes > (256u << 20))
        return false;
    char *buf = room(o, (size_t)bytes + 1);
    char got[65];
    bool ok = read_all(fd, buf, (size_t)bytes + 1) == bytes;
    if (ok)
        djz_sha256_hex(buf, (size_t)bytes, got);
    return ok && !strcmp(got, hex);
}

/* ---- the walk ----------------------------------------------------------- */

typedef enum walk_mode {
    WALK_CHECK,  /* record every finding in o */
    WALK_PROVE,  /* stop at the first entry that is not djaz's */
    WALK_REMOVE, /* remove what is djaz's, keep anything else */
    WALK_OWN     /* remove everything: a tree this build made (no listing,
                    no allocation) */
} walk_mode;

typedef struct walk {
    djz_outdir *o;
    const djz_outdir_listing *l;
    walk_mode mode;
    bool partial_ok;   /* a killed build's files may be short */
    bool ok;           /* everything seen is djaz's */
    const char *shown; /* the root, as findings name it */
    size_t len;        /* of the path looked at, o->rel */
} walk;

static void add_finding(djz_outdir *o, djz_outdir_problem p, const char *path,
                        const char *why)
{
    o->findings = grow(o->findings, o->nfindings, sizeof *o->findings);
    o->findings[o->nfindings++] =
        (djz_outdir_finding){p, mprintf("%s", path), mprintf("%s", why)};
}

/* Appends name to the path o->rel; false when it does not fit in what
 * was reserved and nothing may allocate (then it is longer than every
 * listed path: not djaz's). */
static bool rel_push(walk *w, const char *name)
{
    djz_outdir *o = w->o;
    size_t n = strlen(name), need = w->len + n + 2;
    if (need > o->relcap && o->frozen)
        return false;
    if (need > o->relcap) {
        o->relcap = need * 2;
        o->rel = djz_xrealloc(o->rel, o->relcap);
    }
    if (w->len)
        o->rel[w->len++] = '/';
    memcpy(o->rel + w->len, name, n + 1);
    w->len += n;
    return true;
}

static void rel_pop(walk *w, size_t len)
{
    w->len = len;
    if (w->o->rel)
        w->o->rel[len] = '\0';
}

static void finding(walk *w, djz_outdir_problem p, const char *why)
{
    w->ok = false;
    if (w->mode != WALK_CHECK)
        return;
    char *path = mprintf("%s/%s", w->shown, w->o->rel);
    add_finding(w->o, p, path, why);
    free(path);
}

static const char *kind_of(mode_t m)
{
    if (S_ISDIR(m))
        return "a directory";
    if (S_ISREG(m))
        return "a file";
    if (S_ISLNK(m))
        return "a symbolic link";
    return "a special file";
}

/* A regular file: djaz's when listed with this size and digest (or, in a
 * killed build's tree, shorter). */
static void visit_file(walk *w, int dfd, const char *name,
                       const struct stat *st)
{
    const djz_outdir_file *f = listed(w->l, w->o->rel);
    if (!f) {
        finding(w, DJZ_OUTDIR_UNLISTED, "a file");
        return;
    }
    unsigned long long size = (unsigned long long)st->st_size;
    bool mine = w->partial_ok && size < f->bytes;
    if (!mine && size == f->bytes) {
        /* Non-blocking, and checked again once open: a FIFO put there
         * since fstatat must not hang the build. */
        int fd =
            openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        struct stat now;
        mine = fd >= 0 && !fstat(fd, &now) && S_ISREG(now.st_mode) &&
               has_digest(w->o, fd, size, f->sha256);
        if (fd >= 0)
            close(fd);
    }
    if (mine && w->mode == WALK_CHECK && size == f->bytes) {
        djz_outdir_file *g = &w->o->old.files[f - w->o->old.files];
        g->intact = true;
        g->executable = (st->st_mode & 0111) != 0;
    }
    if (!mine)
        finding(w, DJZ_OUTDIR_CHANGED, "changed");
    else if (w->mode == WALK_REMOVE && unlinkat(dfd, name, 0))
        w->ok = false;
}

static void walk_dir(walk *w, int fd);

/* WALK_OWN: removes name, a file or a tree, whatever it holds. */
static void visit_own(walk *w, int dfd, const char *name)
{
    if (!unlinkat(dfd, name, 0) || errno != EISDIR)
        return;
    int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0)
        walk_dir(w, fd);
    unlinkat(dfd, name, AT_REMOVEDIR);
}

static void visit(walk *w, int dfd, const char *name)
{
    if (w->mode == WALK_OWN) {
        visit_own(w, dfd, name);
        return;
    }
    size_t len = w->len;
    bool root = !len;
    struct stat st;
    if (!rel_push(w, name)) {
        w->ok = false; /* longer than any listed path */
        return;
    }
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW)) {
        if (errno != ENOENT) /* gone meanwhile: nothing to lose */
            finding(w, DJZ_OUTDIR_UNLISTED, "unreadable");
    } else if (root && S_ISREG(st.st_mode) && !strcmp(name, w->o->marker)) {
        /* The marker: removed last, by the caller. */
    } else if (S_ISREG(st.st_mode)) {
        visit_file(w, dfd, name, &st);
    } else if (S_ISDIR(st.st_mode) && listed_dir(w->l, w->o->rel)) {
        int fd =
            openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            finding(w, DJZ_OUTDIR_UNLISTED, "unreadable");
        else
            walk_dir(w, fd);
        if (w->mode == WALK_REMOVE && unlinkat(dfd, name, AT_REMOVEDIR))
            w->ok = false;
    } else {
        finding(w, DJZ_OUTDIR_UNLISTED, kind_of(st.st_mode));
    }
    rel_pop(w, len);
}

/* Visits every entry of the directory fd (which it closes). */
static void walk_dir(walk *w, int fd)
{
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        finding(w, DJZ_OUTDIR_UNLISTED, "unreadable");
        return;
    }
    struct dirent *e;
    while ((w->ok || w->mode != WALK_PROVE) && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            visit(w, dirfd(d), e->d_name);
    closedir(d);
}

/* Walks the directory name in dfd against l; findings name its entries
 * under shown. */
static bool walk_tree(djz_outdir *o, int dfd, const char *name,
                      const djz_outdir_listing *l, walk_mode mode,
                      bool partial_ok, const char *shown)
{
    walk w = {o, l, mode, partial_ok, true, shown, 0};
    int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return false;
    walk_dir(&w, fd);
    return w.ok;
}

/* Removes the tree name in dfd: what l lists, then the marker, then the
 * directory.  Whatever is not djaz's stays, and the tree with it.  With
 * o->rel and o->buf reserved for l, it allocates nothing. */
static bool remove_listed(djz_outdir *o, int dfd, const char *name,
                          const djz_outdir_listing *l, bool partial_ok)
{
    if (!walk_tree(o, dfd, name, l, WALK_REMOVE, partial_ok, NULL))
        return false;
    int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        unlinkat(fd, o->marker, 0);
        close(fd);
    }
    return !unlinkat(dfd, name, AT_REMOVEDIR);
}

/* ---- reading a marker --------------------------------------------------- */

typedef enum marker_state { MARKER_OK, MARKER_NONE, MARKER_BAD } marker_state;

/* Reads the marker of the directory fd into l: MARKER_NONE when there is
 * none, MARKER_BAD (with why) when it is not a previous build's. */
static marker_state read_listing(djz_outdir *o, int fd, djz_outdir_listing *l,
                                 char *why, size_t n, bool keep)
{
    /* Non-blocking: a FIFO named like the marker must not hang a build. */
    int m =
        openat(fd, o->marker, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (m < 0 && errno == ENOENT)
        return MARKER_NONE;
    if (m < 0) {
        snprintf(why, n, "%s",
                 errno == ELOOP ? "it is a symbolic link" : strerror(errno));
        return MARKER_BAD;
    }
    struct stat st;
    if (fstat(m, &st) || !S_ISREG(st.st_mode) || st.st_size > (64 << 20)) {
        close(m);
        snprintf(why, n, "it is not a file of at most 64 MiB");
        return MARKER_BAD;
    }
    char *text = djz_xmalloc((size_t)st.st_size + 1);
    size_t len = read_all(m, text, (size_t)st.st_size);
    close(m);
    bool ok = o->read(text, len, l, why, n);
    if (ok && keep) { /* dest's: djz_outdir_same_marker compares it */
        o->old_marker = text;
        o->old_marker_len = len;
    } else {
        free(text);
    }
    return ok ? MARKER_OK : MARKER_BAD;
}

/* ---- opening ------------------------------------------------------------ */

static int by_finding(const void *a, const void *b)
{
    return strcmp(((const djz_outdir_finding *)a)->path,
                  ((const djz_outdir_finding *)b)->path);
}

/* Whether the directory fd holds anything (it closes fd). */
static bool has_entries(int fd)
{
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return true;
    }
    struct dirent *e;
    bool any = false;
    while (!any && (e = readdir(d)))
        any = strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return any;
}

/* Checks the existing directory dest against its marker: findings for
 * everything a build may not replace. */
static djz_outdir_status check_dest(djz_outdir *o, int pfd, const char *base)
{
    int fd = openat(pfd, base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        fail(o, "cannot use '%s': %s", o->shown, strerror(errno));
        return DJZ_OUTDIR_IO;
    }
    struct stat st;
    if (fstat(fd, &st)) {
        close(fd);
        fail(o, "cannot use '%s': %s", o->shown, strerror(errno));
        return DJZ_OUTDIR_IO;
    }
    o->dev = (unsigned long long)st.st_dev;
    o->ino = (unsigned long long)st.st_ino;
    o->mode = st.st_mode & 07777;
    o->had_dest = true;
    char why[256];
    marker_state m = read_listing(o, fd, &o->old, why, sizeof why, true);
    if (m == MARKER_BAD) {
        char *path = mprintf("%s/%s", o->shown, o->marker);
        add_finding(o, DJZ_OUTDIR_BAD_MARKER, path, why);
        free(path);
    } else if (m == MARKER_NONE && has_entries(dup(fd))) {
        add_finding(o, DJZ_OUTDIR_UNMARKED, o->shown, "");
    }
    close(fd);
    if (m != MARKER_OK)
        return o->nfindings ? DJZ_OUTDIR_FOREIGN : DJZ_OUTDIR_OK;
    walk_tree(o, pfd, base, &o->old, WALK_CHECK, false, o->shown);
    if (o->nfindings > 1)
        qsort(o->findings, o->nfindings, sizeof *o->findings, by_finding);
    return o->nfindings ? DJZ_OUTDIR_FOREIGN : DJZ_OUTDIR_OK;
}

/* Creates the missing directories above dest (as mkdir -p would),
 * remembering those this process made (mkdir returned 0: not one that
 * existed, nor one made meanwhile by someone else) so that a failed
 * build removes them again. */
static bool make_parents(djz_outdir *o)
{
    char *path = mprintf("%s", o->dest);
    char **missing = NULL;
    size_t n = 0;
    for (char *slash = strrchr(path, '/'); slash && slash != path;
         slash = strrchr(path, '/')) {
        *slash = '\0';
        struct stat st;
        if (!stat(path, &st))
            break;
        missing = grow(missing, n, sizeof *missing);
        missing[n++] = mprintf("%s", path);
    }
    free(path);
    bool ok = true;
    while (n) { /* outermost first */
        char *dir = missing[--n];
        if (ok) /* room first: a directory made is always remembered */
            o->made = grow(o->made, o->nmade, sizeof *o->made);
        bool made = ok && !mkdir(dir, 0777);
        if (ok && !made && errno != EEXIST)
            ok = fail(o, "cannot create '%s': %s", dir, strerror(errno));
        if (made)
            o->made[o->nmade++] = dir;
        else
            free(dir);
    }
    free(missing);
    return ok;
}

/* dest as given, less trailing slashes and `/.`; when it exists, with
 * symbolic links, `.` and `..` resolved, so that a link's target is what
 * is replaced (and the link stays). */
static djz_outdir_status resolve(djz_outdir *o, const char *dest)
{
    size_t n = strlen(dest);
    while (n > 1 &&
           (dest[n - 1] == '/' || (dest[n - 1] == '.' && dest[n - 2] == '/')))
        n--;
    o->shown = mprintf("%.*s", (int)n, dest);
    struct stat st;
    if (lstat(o->shown, &st)) {
        o->dest = mprintf("%s", o->shown);
        if (errno == ENOENT)
            return DJZ_OUTDIR_OK;
        fail(o, "cannot use '%s': %s", o->shown, strerror(errno));
        return DJZ_OUTDIR_IO;
    }
    char *real = realpath(o->shown, NULL);
    if (!real && S_ISLNK(st.st_mode)) {
        add_finding(o, DJZ_OUTDIR_NOT_DIR, o->shown,
                    "is a symbolic link to nothing");
        return DJZ_OUTDIR_FOREIGN;
    }
    if (!real) {
        fail(o, "cannot use '%s': %s", o->shown, strerror(errno));
        return DJZ_OUTDIR_IO;
    }
    o->dest = mprintf("%s", real);
    free(real);
    return DJZ_OUTDIR_OK;
}

/* The parent directory of dest, open and locked against other builds.
 * A file system without flock(2), or a parent the user may search and
 * write but not read, leaves it unlocked (o->lock stays an unlocked
 * descriptor, and no stale tree is removed). */
static bool lock_parent(djz_outdir *o)
{
    const char *slash = strrchr(o->dest, '/');
    char *parent = !slash ? mprintf(".")
                   : slash == o->dest
                       ? mprintf("/")
                       : mprintf("%.*s", (int)(slash - o->dest), o->dest);
    o->lock = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (o->lock < 0 && errno == EACCES) { /* searchable, not readable */
        o->lock = open(parent, O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (o->lock >= 0) { /* flock needs a readable descriptor */
            free(parent);
            return true;
        }
    }
    if (o->lock < 0) {
        fail(o, "cannot use '%s': %s", parent, strerror(errno));
        free(parent);
        return false;
    }
    free(parent);
    int r;
    while ((r = flock(o->lock, LOCK_EX)) && errno == EINTR)
        ;
    o->locked = !r;
    return true;
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

static void remove_own(djz_outdir *o, int dfd, const char *name);
static bool undo_swap(djz_outdir *o);

/* On a fatal exit (support/cleanup.h): removes what close would, without
 * freeing anything, so that running out of memory writes nothing.  Out
 * of memory while the old tree is being proven puts it back first. */
static void abandon(void *arg)
{
    djz_outdir *o = arg;
    if (o->committed)
        return; /* dest is the new build; nothing of djaz's to undo */
    if (o->exchanged && !undo_swap(o))
        return; /* tmp may still name the old tree: leave it */
    if (o->tmp)
        remove_own(o, AT_FDCWD, o->tmp);
    while (o->nmade)
        rmdir(o->made[--o->nmade]);
}

/* The temporary tree's name: at most NAME_MAX, `.BASE.djaz-` with as much
 * of BASE as fits (stale_name expects the same). */
enum { TMP_EXTRA = 13, BASE_MAX = 255 - TMP_EXTRA, KEPT_MAX = 255 - 17 };

static bool make_tmp(djz_outdir *o)
{
    /* Beside dest, so that the exchange is a rename on one file system. */
    const char *base = base_of(o->dest);
    int dirlen = (int)(base - o->dest);
    o->tmp = mprintf("%.*s.%.*s.djaz-XXXXXX", dirlen, o->dest, BASE_MAX, base);
    if (!mkdtemp(o->tmp)) {
        fail(o, "cannot create a directory beside '%s': %s", o->shown,
             strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        return false;
    }
    o->tmpfd = open(o->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (o->tmpfd < 0)
        return fail(o, "cannot open '%s': %s", o->tmp, strerror(errno));
    /* The mode of the directory it replaces, or the one mkdir would give. */
    fchmod(o->tmpfd, o->had_dest ? (mode_t)o->mode : 0777 & ~current_umask());
    return true;
}

djz_outdir_status djz_outdir_open(djz_outdir *o, const char *dest,
                                  const char *marker, djz_outdir_reader read)
{
    memset(o, 0, sizeof *o);
    o->tmpfd = o->lock = -1;
    djz_cleanup_push(&o->cleanup, abandon, o);
    o->marker = marker;
    o->read = read;
    djz_outdir_status s = resolve(o, dest);
    if (s != DJZ_OUTDIR_OK)
        return s;
    struct stat st;
    bool exists = !lstat(o->dest, &st);
    if (!*o->shown) {
        fail(o, "no output directory named");
        return DJZ_OUTDIR_IO;
    }
    if (!exists && !make_parents(o))
        return DJZ_OUTDIR_IO;
    if (!lock_parent(o))
        return DJZ_OUTDIR_IO;
    /* Under the lock, dest is what the last build left. */
    if (lstat(o->dest, &st)) {
        if (errno != ENOENT) {
            fail(o, "cannot use '%s': %s", o->shown, strerror(errno));
            return DJZ_OUTDIR_IO;
        }
    } else if (!S_ISDIR(st.st_mode)) {
        add_finding(o, DJZ_OUTDIR_NOT_DIR, o->shown,
                    "exists and is not a directory");
        return DJZ_OUTDIR_FOREIGN;
    } else if ((s = check_dest(o, o->lock, base_of(o->dest))) !=
               DJZ_OUTDIR_OK) {
        return s;
    }
    return DJZ_OUTDIR_OK; /* tmp is made by the first write */
}

/* ---- writing ------------------------------------------------------------ */

/* Makes the directories of path inside tmp, each once. */
static bool make_dirs(djz_outdir *o, const char *path)
{
    char *rel = mprintf("%s", path);
    bool ok = true;
    for (char *p = rel; ok && (p = strchr(p, '/')); *p++ = '/') {
        *p = '\0';
        bool made = false;
        for (size_t i = 0; i < o->ndirs && !made; i++)
            made = !strcmp(o->dirs[i], rel);
        if (made)
            continue;
        if (mkdirat(o->tmpfd, rel, 0777) && errno != EEXIST) {
            ok = fail(o, "cannot create '%s/%s': %s", o->tmp, rel,
                      strerror(errno));
            continue;
        }
        o->dirs = grow(o->dirs, o->ndirs, sizeof *o->dirs);
        o->dirs[o->ndirs++] = mprintf("%s", rel);
    }
    free(rel);
    return ok;
}

static bool write_all(int fd, const void *data, size_t len)
{
    const char *at = data;
    while (len) {
        ssize_t w = write(fd, at, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        at += w;
        len -= (size_t)w;
    }
    return true;
}

bool djz_outdir_write(djz_outdir *o, const char *path, const void *data,
                      size_t len, bool executable)
{
    if (o->failed)
        return false;
    if (!djz_outdir_path_ok(path))
        return fail(o, "'%s' is not a relative path inside '%s'", path,
                    o->shown);
    if (o->tmpfd < 0 && !make_tmp(o))
        return false;
    if (!make_dirs(o, path))
        return false;
    int fd = openat(o->tmpfd, path,
                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                    executable ? 0777 : 0666);
    if (fd < 0 || !write_all(fd, data, len)) {
        fail(o, "cannot write '%s/%s': %s", o->tmp, path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return false;
    }
    /* Its writeback starts now, so that the journal commit of the first
     * fsync (in commit) carries every file, and the rest are cheap. */
    sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    /* Kept open: commit syncs every file, then every directory. */
    o->fds = grow(o->fds, o->nfds, sizeof *o->fds);
    o->fds[o->nfds++] = fd;
    return true;
}

/* ---- committing --------------------------------------------------------- */

/* Files first, then the directories that name them, deepest first. */
static bool sync_tree(djz_outdir *o)
{
    bool ok = true;
    /* Every file's writeback started and waited for before the first
     * fsync, so that (on ext4 and XFS, as measured) the fsyncs that
     * follow find little left to do.  An optimisation only: the fsyncs
     * are what make the tree durable. */
    for (size_t i = 0; i < o->nfds; i++)
        sync_file_range(o->fds[i], 0, 0,
                        SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
                            SYNC_FILE_RANGE_WAIT_AFTER);
    for (size_t i = 0; i < o->nfds; i++) {
        if (ok && !sync_fd(o->fds[i]))
            ok = fail(o, "cannot write into '%s': %s", o->tmp, strerror(errno));
        if (close(o->fds[i]) && ok)
            ok = fail(o, "cannot write into '%s': %s", o->tmp, strerror(errno));
    }
    o->nfds = 0;
    for (size_t i = o->ndirs; ok && i--;) {
        int fd = openat(o->tmpfd, o->dirs[i],
                        O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0 || !sync_fd(fd))
            ok = fail(o, "cannot write '%s/%s': %s", o->tmp, o->dirs[i],
                      strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    if (ok && !sync_fd(o->tmpfd))
        ok = fail(o, "cannot write '%s': %s", o->tmp, strerror(errno));
    return ok;
}

/* Without an atomic exchange (a file system without RENAME_EXCHANGE):
 * moves the old tree aside under a name a later build recognises, then
 * the new one in.  A crash between the renames leaves no dest, and the
 * old tree beside it. */
static bool swap_aside(djz_outdir *o)
{
    o->aside = mprintf("%s", o->tmp);
    memcpy(o->aside + strlen(o->aside) - 6, "XXXXXX", 6);
    bool made = mkdtemp(o->aside);
    if (!made || rename(o->dest, o->aside)) {
        int e = errno;
        if (made)
            rmdir(o->aside);
        free(o->aside);
        o->aside = NULL;
        if (made && e == ENOENT && !rename(o->tmp, o->dest))
            return true; /* there was no dest */
        return fail(o, "cannot replace '%s': %s", o->shown, strerror(e));
    }
    o->exchanged = true;
    if (rename(o->tmp, o->dest)) {
        int e = errno;
        if (!rename(o->aside, o->dest))
            o->exchanged = false;
        return fail(o, "cannot replace '%s': %s", o->shown, strerror(e));
    }
    return true;
}

/* Puts tmp at dest.  When something was there, o->exchanged: it is now
 * at old_at(o), not yet proven to be what the check found. */
static bool swap_in(djz_outdir *o)
{
    if (!renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->dest, RENAME_EXCHANGE)) {
        o->exchanged = true;
        return true;
    }
    if (errno == ENOENT) {
        int r =
            renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->dest, RENAME_NOREPLACE);
        if (r && errno == EINVAL) /* a file system without the flag */
            r = rename(o->tmp, o->dest);
        if (r)
            return fail(o, "cannot create '%s': %s", o->shown, strerror(errno));
        return true;
    }
    if (errno == EINVAL)
        return swap_aside(o);
    return fail(o, "cannot replace '%s': %s", o->shown, strerror(errno));
}

static const char *old_at(const djz_outdir *o)
{
    return o->aside ? o->aside : o->tmp;
}

/* Puts the old tree back at dest, and the new one at tmp.  No
 * allocation: abandon calls it. */
static bool undo_swap(djz_outdir *o)
{
    bool ok = o->aside ? !rename(o->dest, o->tmp) && !rename(o->aside, o->dest)
                       : !renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->dest,
                                    RENAME_EXCHANGE);
    if (ok)
        o->exchanged = false;
    return ok;
}

/* Whether the directory fd holds the marker the check read (or, as it
 * did, none).  Allocates nothing: o->buf is reserved. */
static bool marker_same(djz_outdir *o, int fd)
{
    int m =
        openat(fd, o->marker, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (m < 0)
        return !o->old_marker && errno == ENOENT;
    struct stat st;
    bool same = o->old_marker && !fstat(m, &st) && S_ISREG(st.st_mode) &&
                read_all(m, room(o, o->old_marker_len + 1),
                         o->old_marker_len + 1) == o->old_marker_len &&
                !memcmp(o->buf, o->old_marker, o->old_marker_len);
    close(m);
    return same;
}

/* Whether path is the directory the check saw (not one put in its
 * place since). */
static bool same_dir(const djz_outdir *o, const char *path)
{
    struct stat st;
    return o->had_dest && !fstatat(AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) &&
           S_ISDIR(st.st_mode) && (unsigned long long)st.st_dev == o->dev &&
           (unsigned long long)st.st_ino == o->ino;
}

/* Whether the tree just swapped out is still exactly what the check
 * found: the same directory, the same marker, nothing but the listed
 * files, each intact.  Between the check and the exchange, the user may
 * have edited or added a file, or put something else at dest.
 * Allocates nothing (o->frozen). */
static bool still_checked(djz_outdir *o)
{
    const char *old = old_at(o);
    if (!same_dir(o, old))
        return false;
    int fd = openat(AT_FDCWD, old, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    bool same = fd >= 0 && marker_same(o, fd);
    if (fd >= 0)
        close(fd);
    return same &&
           walk_tree(o, AT_FDCWD, old, &o->old, WALK_PROVE, false, NULL);
}

/* After undo_swap: findings for what changed at dest since the check. */
static void refuse(djz_outdir *o)
{
    if (!same_dir(o, o->dest)) {
        add_finding(o, DJZ_OUTDIR_MOVED, o->shown,
                    o->had_dest ? "was replaced during the build"
                                : "appeared during the build");
        return;
    }
    int fd = open(o->dest, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0 && !marker_same(o, fd)) {
        char *path = mprintf("%s/%s", o->shown, o->marker);
        add_finding(o, DJZ_OUTDIR_CHANGED, path, "changed");
        free(path);
    }
    if (fd >= 0)
        close(fd);
    walk_tree(o, AT_FDCWD, o->dest, &o->old, WALK_CHECK, false, o->shown);
    if (!o->nfindings) /* changed, and changed back meanwhile */
        add_finding(o, DJZ_OUTDIR_MOVED, o->shown, "changed during the build");
    if (o->nfindings > 1)
        qsort(o->findings, o->nfindings, sizeof *o->findings, by_finding);
}

/* Whether name is `.BASE.djaz-` and six letters or digits (BASE cut as
 * make_tmp cuts it). */
static bool stale_name(const char *name, const char *base)
{
    size_t n = strlen(base);
    if (n > BASE_MAX)
        n = BASE_MAX;
    if (name[0] != '.' || strncmp(name + 1, base, n) ||
        strncmp(name + 1 + n, ".djaz-", 6))
        return false;
    const char *x = name + 1 + n + 6;
    for (int i = 0; i < 6; i++)
        if (!isalnum((unsigned char)x[i]))
            return false;
    return !x[6];
}

/* Removes the tree name in the parent when it is provably a killed
 * build's; leaves it otherwise. */
static void remove_stale_tree(djz_outdir *o, const char *name)
{
    int fd =
        openat(o->lock, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return;
    if (fstat(fd, &st) || st.st_uid != geteuid()) {
        close(fd);
        return;
    }
    djz_outdir_listing l = {0};
    char why[256];
    marker_state m = read_listing(o, fd, &l, why, sizeof why, false);
    close(fd);
    if (m == MARKER_NONE) {
        unlinkat(o->lock, name, AT_REMOVEDIR); /* only when empty */
        return;
    }
    /* MARKER_BAD: killed while writing the marker, which a build writes
     * first; then the marker is all there is (l is empty). */
    if (walk_tree(o, o->lock, name, &l, WALK_PROVE, true, NULL))
        remove_listed(o, o->lock, name, &l, true);
    djz_outdir_listing_free(&l);
}

/* Removes what killed builds left beside dest (under the lock, no other
 * build is writing there), except this build's own tree. */
static void remove_stale(djz_outdir *o)
{
    int fd = openat(o->lock, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    const char *base = base_of(o->dest);
    const char *own = o->tmp ? base_of(o->tmp) : "";
    struct dirent *e;
    while ((e = readdir(d)))
        if (stale_name(e->d_name, base) && strcmp(e->d_name, own))
            remove_stale_tree(o, e->d_name);
    closedir(d);
}

/* Reserves, before the exchange, all that proving and removing the old
 * tree need (o->rel and o->buf for its longest path and largest file, the
 * name it is kept under), so that from the exchange on nothing
 * allocates: out of memory there cannot leave OUT replaced and the build
 * failed, or the old tree half removed. */
static void reserve(djz_outdir *o)
{
    size_t path = 0, bytes = o->old_marker_len + 1;
    for (size_t i = 0; i < o->old.n; i++) {
        const djz_outdir_file *f = &o->old.files[i];
        size_t n = strlen(f->path);
        path = n > path ? n : path;
        if (f->bytes <= (256u << 20) && f->bytes + 1 > bytes)
            bytes = (size_t)f->bytes + 1;
    }
    if (path + 2 > o->relcap) {
        o->rel = djz_xrealloc(o->rel, path + 2);
        o->relcap = path + 2;
    }
    room(o, bytes);
    const char *base = base_of(o->dest);
    o->kept = mprintf("%.*s%.*s.djaz-kept-%s", (int)(base - o->dest), o->dest,
                      KEPT_MAX, base, o->tmp + strlen(o->tmp) - 6);
    o->frozen = true;
}

/* The old tree held something not djaz's after all (changed between the
 * proof and the removal): it stays whole, under a name no build takes
 * for a stale tree, and a finding says where. */
static void keep_old(djz_outdir *o)
{
    const char *old = old_at(o);
    bool moved = !renameat2(AT_FDCWD, old, AT_FDCWD, o->kept, RENAME_NOREPLACE);
    o->frozen = false;
    add_finding(o, DJZ_OUTDIR_KEPT, moved ? o->kept : old, "");
}

bool djz_outdir_commit(djz_outdir *o)
{
    if (o->failed || (o->tmpfd < 0 && !make_tmp(o)) || !sync_tree(o))
        return false;
    if (o->locked) /* now: from the exchange on, nothing allocates */
        remove_stale(o);
    reserve(o);
    if (!swap_in(o))
        return false;
    if (o->exchanged && !still_checked(o)) {
        o->frozen = false;
        if (!undo_swap(o))
            return fail(o,
                        "'%s' changed during the build, and could not be put "
                        "back: it is in '%s'",
                        o->shown, old_at(o));
        refuse(o);
        return false;
    }
    o->committed = true;
    if (o->proven && o->exchanged)
        o->proven(old_at(o));
    /* The parent is not synced: the exchange needs no other write to be
     * atomic, so after a crash dest is the old tree or the new one, both
     * complete (on a journaling file system, which commits the rename
     * before the removals that follow).  Syncing it would only make the
     * new build durable sooner, at the price of one more journal
     * commit. */
    if (o->exchanged && !remove_listed(o, AT_FDCWD, old_at(o), &o->old, false))
        keep_old(o);
    o->exchanged = false;
    o->frozen = false;
    free(o->tmp);
    o->tmp = NULL;
    return true;
}

bool djz_outdir_same_marker(const djz_outdir *o, const void *text, size_t len)
{
    return o->old_marker && o->old_marker_len == len &&
           !memcmp(o->old_marker, text, len);
}

bool djz_outdir_holds(const djz_outdir *o, const char *path, bool executable)
{
    const djz_outdir_file *f = listed(&o->old, path);
    return f && f->intact && f->executable == executable;
}

/* Removes a tree this build made and holds: every entry is its own. */
static void remove_own(djz_outdir *o, int dfd, const char *name)
{
    walk_tree(o, dfd, name, NULL, WALK_OWN, false, NULL);
    unlinkat(dfd, name, AT_REMOVEDIR);
}

void djz_outdir_keep(djz_outdir *o)
{
    if (o->tmp) { /* first: it has the name of a stale tree */
        remove_own(o, AT_FDCWD, o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
    o->committed = true;
    if (o->locked)
        remove_stale(o);
}

void djz_outdir_close(djz_outdir *o)
{
    djz_cleanup_pop(&o->cleanup);
    while (o->nfds)
        close(o->fds[--o->nfds]);
    if (o->tmp && !o->exchanged) /* else it may name the old tree */
        remove_own(o, AT_FDCWD, o->tmp);
    if (o->tmpfd >= 0)
        close(o->tmpfd);
    if (o->lock >= 0)
        close(o->lock); /* and with it the lock */
    /* Parents made for a build that did not land: innermost first. */
    while (o->nmade) {
        char *dir = o->made[--o->nmade];
        if (!o->committed)
            rmdir(dir);
        free(dir);
    }
    while (o->ndirs)
        free(o->dirs[--o->ndirs]);
    while (o->nfindings) {
        free(o->findings[--o->nfindings].path);
        free(o->findings[o->nfindings].why);
    }
    free(o->findings);
    free(o->made);
    free(o->dirs);
    free(o->fds);
    djz_outdir_listing_free(&o->old);
    free(o->old_marker);
    free(o->tmp);
    free(o->aside);
    free(o->kept);
    free(o->rel);
    free(o->buf);
    free(o->dest);
    free(o->shown);
    free(o->err);
    memset(o, 0, sizeof *o);
    o->tmpfd = o->lock = -1;
}
