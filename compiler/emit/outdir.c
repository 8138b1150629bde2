/* outdir.c - write a directory, then exchange it into place (outdir.h). */
#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/arena.h"

static bool fail(djz_outdir *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->err, sizeof o->err, fmt, ap);
    va_end(ap);
    o->failed = true;
    return false;
}

/* Removes a tree we wrote (files and directories only). */
static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            size_t n = strlen(path) + strlen(e->d_name) + 2;
            char *child = djz_xmalloc(n);
            snprintf(child, n, "%s/%s", path, e->d_name);
            /* d_type saves a stat per file; lstat when it is unknown. */
            bool dir = e->d_type == DT_DIR;
            struct stat st;
            if (e->d_type == DT_UNKNOWN)
                dir = !lstat(child, &st) && S_ISDIR(st.st_mode);
            if (dir)
                remove_tree(child);
            else
                unlink(child);
            free(child);
        }
        closedir(d);
    }
    rmdir(path);
}

static mode_t current_umask(void)
{
    mode_t m = umask(0);
    umask(m);
    return m;
}

/* Creates the missing directories above dest (as mkdir -p would),
 * remembering them so that a failed build removes them again. */
static bool make_parents(djz_outdir *o)
{
    char *path = djz_xmalloc(strlen(o->dest) + 1);
    strcpy(path, o->dest);
    char *missing[16];
    size_t n = 0;
    for (char *slash = strrchr(path, '/'); slash && slash != path;
         slash = strrchr(path, '/')) {
        *slash = '\0';
        struct stat st;
        if (!stat(path, &st))
            break;
        if (n == 16) {
            free(path);
            return fail(o, "too many missing directories above '%s'", o->dest);
        }
        missing[n++] = djz_xmalloc(strlen(path) + 1);
        strcpy(missing[n - 1], path);
    }
    free(path);
    while (n) { /* outermost first */
        char *dir = missing[--n];
        if (mkdir(dir, 0777) && errno != EEXIST) {
            fail(o, "cannot create '%s': %s", dir, strerror(errno));
            free(dir);
            while (n)
                free(missing[--n]);
            return false;
        }
        o->made[o->nmade++] = dir;
    }
    return true;
}

djz_outdir_status djz_outdir_open(djz_outdir *o, const char *dest,
                                  const char *marker)
{
    memset(o, 0, sizeof *o);
    size_t n = strlen(dest);
    while (n > 1 && dest[n - 1] == '/')
        n--;
    o->dest = djz_xmalloc(n + 1);
    memcpy(o->dest, dest, n);
    o->dest[n] = '\0';

    struct stat st;
    if (!stat(o->dest, &st)) {
        if (!S_ISDIR(st.st_mode)) {
            fail(o, "'%s' exists and is not a directory", o->dest);
            return DJZ_OUTDIR_FOREIGN;
        }
        size_t m = n + strlen(marker) + 2;
        char *mark = djz_xmalloc(m);
        snprintf(mark, m, "%s/%s", o->dest, marker);
        bool ours = !access(mark, F_OK);
        free(mark);
        bool empty = true;
        DIR *d = opendir(o->dest);
        struct dirent *e;
        while (d && (e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
                empty = false;
        if (d)
            closedir(d);
        if (!ours && !empty) {
            fail(o, "'%s' is not empty and holds no %s", o->dest, marker);
            return DJZ_OUTDIR_FOREIGN;
        }
    } else if (errno != ENOENT) {
        fail(o, "cannot use '%s': %s", o->dest, strerror(errno));
        return DJZ_OUTDIR_IO;
    }

    if (!make_parents(o))
        return DJZ_OUTDIR_IO;

    /* Beside dest, so that the exchange is a rename on one file system. */
    const char *slash = strrchr(o->dest, '/');
    const char *base = slash ? slash + 1 : o->dest;
    size_t dirlen = slash ? (size_t)(slash - o->dest) + 1 : 0;
    size_t t = dirlen + strlen(base) + 16;
    o->tmp = djz_xmalloc(t);
    snprintf(o->tmp, t, "%.*s.%s.djaz-XXXXXX", (int)dirlen, o->dest, base);
    if (!mkdtemp(o->tmp)) {
        fail(o, "cannot create a directory beside '%s': %s", o->dest,
             strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        return DJZ_OUTDIR_IO;
    }
    chmod(o->tmp, 0777 & ~current_umask());
    return DJZ_OUTDIR_OK;
}

bool djz_outdir_write(djz_outdir *o, const char *path, const void *data,
                      size_t len, bool executable)
{
    if (o->failed)
        return false;
    size_t n = strlen(o->tmp) + strlen(path) + 2;
    char *full = djz_xmalloc(n);
    snprintf(full, n, "%s/%s", o->tmp, path);
    /* The directories of path, each made once. */
    for (char *p = full + strlen(o->tmp) + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        bool made = false;
        for (size_t i = 0; i < o->ndirs && !made; i++)
            made = !strcmp(o->dirs[i], full + strlen(o->tmp) + 1);
        if (!made && mkdir(full, 0777) && errno != EEXIST) {
            fail(o, "cannot create '%s': %s", full, strerror(errno));
            free(full);
            return false;
        }
        if (!made && o->ndirs < sizeof o->dirs / sizeof *o->dirs) {
            char *copy = djz_xmalloc(strlen(full + strlen(o->tmp) + 1) + 1);
            strcpy(copy, full + strlen(o->tmp) + 1);
            o->dirs[o->ndirs++] = copy;
        }
        *p = '/';
    }
    int fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                  executable ? 0777 : 0666);
    bool ok = fd >= 0;
    const char *at = data;
    for (size_t left = len; ok && left;) {
        ssize_t w = write(fd, at, left);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        at += w > 0 ? w : 0;
        left -= w > 0 ? (size_t)w : 0;
    }
    if (fd >= 0 && close(fd))
        ok = false;
    if (!ok)
        fail(o, "cannot write '%s': %s", full, strerror(errno));
    free(full);
    return ok;
}

bool djz_outdir_commit(djz_outdir *o)
{
    if (o->failed)
        return false;
    /* Into place: an atomic exchange with an existing directory, or a
     * rename that refuses to replace one made meanwhile. */
    if (!renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->dest, RENAME_EXCHANGE)) {
        remove_tree(o->tmp); /* now the old tree */
    } else if (errno == ENOENT) {
        int r =
            renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->dest, RENAME_NOREPLACE);
        if (r && errno == EINVAL) /* a file system without the flag */
            r = rename(o->tmp, o->dest);
        if (r)
            return fail(o, "cannot create '%s': %s", o->dest, strerror(errno));
    } else if (errno == EINVAL) {
        /* No exchange on this file system: move the old tree aside first;
         * a crash between the renames leaves it there, not lost. */
        size_t n = strlen(o->tmp) + 5;
        char *old = djz_xmalloc(n);
        snprintf(old, n, "%s.old", o->tmp);
        if (rename(o->dest, old) || rename(o->tmp, o->dest)) {
            int e = errno;
            rename(old, o->dest);
            free(old);
            return fail(o, "cannot replace '%s': %s", o->dest, strerror(e));
        }
        remove_tree(old);
        free(old);
    } else {
        return fail(o, "cannot replace '%s': %s", o->dest, strerror(errno));
    }
    free(o->tmp);
    o->tmp = NULL;
    o->committed = true;
    return true;
}

void djz_outdir_close(djz_outdir *o)
{
    if (o->tmp) {
        remove_tree(o->tmp);
        free(o->tmp);
    }
    /* Parents made for a build that did not land: innermost first. */
    while (o->nmade) {
        char *dir = o->made[--o->nmade];
        if (!o->committed)
            rmdir(dir);
        free(dir);
    }
    while (o->ndirs)
        free(o->dirs[--o->ndirs]);
    free(o->dest);
    o->tmp = o->dest = NULL;
}
