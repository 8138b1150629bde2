/* cmd_fmt.c - `djaz fmt`: rewrite specs in the canonical layout.
 *
 * A file with syntax errors is never touched.  A changed file is written
 * to a temporary file beside it and renamed over it, so an interrupted run
 * leaves either the old or the new text.  The file replaced is the one the
 * user means, and only as an editor would replace it:
 *
 *  - a symbolic link is followed: its target is formatted, the link kept;
 *  - a read-only file is refused (DJZ2040): one the user cannot write
 *    (access(2)), or whose mode has no write bit at all, as for 0444;
 *    the second rule is how root, for whom access(2) always says yes, is
 *    refused too, as vim judges it;
 *  - the new file gets the old one's mode, owner and group; when the owner
 *    cannot be kept (a user formatting another's file), it is refused;
 *  - a file with several hard links, or that is not a regular file, is
 *    refused, as is one that changed while it was being formatted.
 *
 * Refused or failed, the file is left exactly as it was (exit 2). */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/diff.h"
#include "support/cleanup.h"
#include "syntax/fmt.h"

typedef struct fmt_opts {
    bool check, diff;
    int changed;
} fmt_opts;

/* The file a spec's path names and what the descriptor it was read from
 * is: the file replaced must be that one. */
typedef struct fmt_target {
    const char *path; /* as the user wrote it, for messages */
    const char *real; /* symbolic links resolved: the file replaced; NULL
                         when path has no such name (a pipe) */
    int unresolved;   /* why real is NULL */
    struct stat st;   /* of the descriptor read */
} fmt_target;

/* The signals that remove the temporary file before djaz dies of them. */
static const int caught[] = {SIGINT, SIGTERM, SIGHUP};
enum { NCAUGHT = sizeof caught / sizeof caught[0] };

/* A temporary file that exists while it is armed: a signal above or a
 * fatal exit (out of memory) removes it. */
typedef struct tmp_guard {
    struct sigaction old[NCAUGHT];
    sigset_t mask; /* the signal mask before block() */
    djz_cleanup cleanup;
} tmp_guard;

/* The armed temporary file's name.  A global because a signal handler
 * has no other way to reach it; set and cleared with the signals
 * blocked, so the handler never sees a name fmt did not make. */
static const char *volatile pending_tmp;

/* Async-signal-safe: unlink, then the signal's default action (the
 * handler was installed with SA_RESETHAND). */
static void on_signal(int sig)
{
    const char *tmp = pending_tmp;
    if (tmp)
        unlink(tmp);
    raise(sig);
}

static void on_fatal(void *arg)
{
    (void)arg;
    const char *tmp = pending_tmp;
    if (tmp)
        unlink(tmp);
}

static void block(tmp_guard *g)
{
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < NCAUGHT; i++)
        sigaddset(&set, caught[i]);
    sigprocmask(SIG_BLOCK, &set, &g->mask);
}

static void unblock(const tmp_guard *g)
{
    sigprocmask(SIG_SETMASK, &g->mask, NULL);
}

/* With the signals blocked: tmp is fmt's until disarm.  A signal the
 * caller ignores (nohup) stays ignored. */
static void arm(tmp_guard *g, const char *tmp)
{
    struct sigaction sa = {.sa_handler = on_signal, .sa_flags = SA_RESETHAND};
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < NCAUGHT; i++) {
        sigaction(caught[i], NULL, &g->old[i]);
        if (g->old[i].sa_handler != SIG_IGN)
            sigaction(caught[i], &sa, NULL);
    }
    pending_tmp = tmp;
    djz_cleanup_push(&g->cleanup, on_fatal, NULL);
}

/* With the signals blocked: tmp is renamed or removed. */
static void disarm(tmp_guard *g)
{
    pending_tmp = NULL;
    djz_cleanup_pop(&g->cleanup);
    for (int i = 0; i < NCAUGHT; i++)
        sigaction(caught[i], &g->old[i], NULL);
}

static void cannot_write(djz_cli *c, const char *path, const char *why)
{
    djz_report(&c->sink, DJZ_FILE_UNWRITABLE, NULL, djz_span_make(0, 0),
               "cannot write '%s': %s", path, why);
    c->io_error = true;
}

/* Refusal with a help line; the file is left as it is. */
static void refuse(djz_cli *c, djz_code code, const char *help, const char *fmt,
                   const char *path)
{
    djz_diag *d =
        djz_report(&c->sink, code, NULL, djz_span_make(0, 0), fmt, path);
    djz_diag_help(&c->sink, d, "%s", help);
    c->io_error = true;
}

static void changed_meanwhile(djz_cli *c, const char *path)
{
    refuse(c, DJZ_FILE_UNWRITABLE, "run djaz fmt again once it is saved",
           "'%s' changed while it was being formatted; it was not written",
           path);
}

/* Whether the user may replace t->real, as an editor judges it. */
static bool writable(djz_cli *c, const fmt_target *t)
{
    if (!S_ISREG(t->st.st_mode)) {
        cannot_write(c, t->path, "not a regular file");
        return false;
    }
    if (!t->real) {
        cannot_write(c, t->path, strerror(t->unresolved));
        return false;
    }
    if ((t->st.st_mode & 0222) == 0 || access(t->real, W_OK) != 0) {
        refuse(c, DJZ_READ_ONLY_FILE,
               "make it writable (chmod u+w) to format it; --check and "
               "--diff show what would change without writing",
               "'%s' is read-only; it was not formatted", t->path);
        return false;
    }
    if (t->st.st_uid != geteuid() && geteuid() != 0) {
        refuse(c, DJZ_FILE_UNWRITABLE,
               "the rewritten file would belong to you; ask its owner, or "
               "apply the patch `djaz fmt --check --diff` prints",
               "'%s' belongs to another user; it was not formatted", t->path);
        return false;
    }
    if (t->st.st_nlink > 1) {
        refuse(c, DJZ_FILE_UNWRITABLE,
               "replacing it would split its hard links; format a copy, "
               "or apply the patch `djaz fmt --check --diff` prints",
               "'%s' has more than one hard link; it was not formatted",
               t->path);
        return false;
    }
    return true;
}

/* Whether the file is still the one read: same inode, size and time. */
static bool unchanged(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
           a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
           a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Owner and group, then mode (chown clears set-id bits), of the old file
 * on the new one; false when they cannot be kept. */
static bool keep_identity(int fd, const struct stat *st)
{
    struct stat now;
    if (fstat(fd, &now) != 0)
        return false;
    if ((now.st_uid != st->st_uid || now.st_gid != st->st_gid) &&
        fchown(fd, st->st_uid, st->st_gid) != 0)
        return false;
    return fchmod(fd, st->st_mode & 07777) == 0;
}

/* Makes the temporary file beside t->real and arms g with it; the
 * descriptor, or -1 after saying why. */
static int make_temp(djz_cli *c, const fmt_target *t, char *tmp, tmp_guard *g)
{
    block(g);
    int fd = mkstemp(tmp);
    int err = errno;
    if (fd >= 0)
        arm(g, tmp);
    unblock(g);
    if (fd >= 0)
        return fd;
    char *dir = djz_arena_strdup(&c->arena, t->real);
    cannot_write(c, t->path,
                 djz_arena_printf(&c->arena,
                                  "no temporary file can be made in '%s' (%s)",
                                  dirname(dir), strerror(err)));
    return -1;
}

/* Removes the armed temporary file. */
static void drop_temp(tmp_guard *g, const char *tmp)
{
    block(g);
    unlink(tmp);
    disarm(g);
    unblock(g);
}

/* Writes text to a new temporary file beside t->real, with its identity;
 * returns the temporary file's name (armed in g), or NULL after saying
 * what failed. */
static char *write_temp(djz_cli *c, const fmt_target *t, const char *text,
                        size_t len, tmp_guard *g)
{
    char *tmp = djz_arena_printf(&c->arena, "%s.djaz-fmt-XXXXXX", t->real);
    int fd = make_temp(c, t, tmp, g);
    if (fd < 0)
        return NULL;
    FILE *out = fdopen(fd, "wb");
    bool kept = out && keep_identity(fd, &t->st);
    bool ok = kept && fwrite(text, 1, len, out) == len && fflush(out) == 0 &&
              fsync(fd) == 0;
    int err = errno;
    int closed = out ? fclose(out) : close(fd);
    if (ok && closed != 0) {
        ok = false;
        err = errno;
    }
    if (ok)
        return tmp;
    drop_temp(g, tmp);
    cannot_write(c, t->path,
                 out && !kept ? djz_arena_printf(&c->arena,
                                                 "its owner, group and mode "
                                                 "cannot be kept (%s)",
                                                 strerror(err))
                              : strerror(err ? err : EIO));
    return NULL;
}

/* The directory of t->real, opened before the rename so that syncing it
 * after needs nothing that can fail but the sync; -1 after saying why. */
static int open_dir(djz_cli *c, const fmt_target *t)
{
    char *copy = djz_arena_strdup(&c->arena, t->real);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        cannot_write(c, t->path, strerror(errno));
    return fd;
}

/* Renames tmp over t->real if that is still the file read (not a link
 * put in its place, not edited): the last check before the swap. */
static bool swap(djz_cli *c, const fmt_target *t, const char *tmp, tmp_guard *g)
{
    struct stat now;
    block(g);
    bool same = lstat(t->real, &now) == 0 && unchanged(&now, &t->st);
    bool renamed = same && rename(tmp, t->real) == 0;
    int err = errno;
    if (!renamed)
        unlink(tmp);
    disarm(g);
    unblock(g);
    if (!same)
        changed_meanwhile(c, t->path);
    else if (!renamed)
        cannot_write(c, t->path, strerror(err));
    return renamed;
}

static bool write_atomically(djz_cli *c, fmt_target *t, const char *text,
                             size_t len)
{
    if (!writable(c, t))
        return false;
    int dir = open_dir(c, t);
    if (dir < 0)
        return false;
    tmp_guard g;
    char *tmp = write_temp(c, t, text, len, &g);
    bool ok = tmp && swap(c, t, tmp, &g);
    if (ok && fsync(dir) != 0) { /* replaced, yet maybe not on disk */
        cannot_write(c, t->path,
                     djz_arena_printf(&c->arena,
                                      "it was replaced, but its directory "
                                      "could not be synced (%s)",
                                      strerror(errno)));
        ok = false;
    }
    close(dir);
    return ok;
}

/* Opens the file path names once, by its real name when it has one, and
 * reads it from that descriptor: t says what was read.  NULL after
 * saying why it cannot be read. */
static djz_source *read_target(djz_cli *c, const char *path, fmt_target *t)
{
    t->path = path;
    t->real = djz_realpath(&c->arena, path);
    t->unresolved = t->real ? 0 : errno;
    /* real has no link left in it: a link put there since is refused */
    int fd = t->real ? open(t->real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
                     : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && t->real && errno == ELOOP) {
        changed_meanwhile(c, path);
        return NULL;
    }
    FILE *f = fd < 0 ? NULL : fdopen(fd, "rb");
    djz_source *src = NULL;
    if (f && fstat(fd, &t->st) == 0)
        src = djz_source_fread(&c->arena, path, f);
    int err = errno;
    if (f)
        fclose(f);
    else if (fd >= 0)
        close(fd);
    if (!src)
        djz_cli_unreadable(c, path, err);
    return src;
}

/* name escaped as the text renderer shows it, for a line of output. */
static void write_escaped(FILE *out, const void *name)
{
    djz_render_escaped(out, name);
}

static void format_one(djz_cli *c, fmt_opts *o, const char *path)
{
    fmt_target t = {0};
    bool is_stdin = strcmp(path, "-") == 0;
    djz_source *src =
        is_stdin ? djz_cli_read(c, path) : read_target(c, path, &t);
    if (!src)
        return;
    djz_parsed p = djz_parse(&c->arena, &c->sink, src);
    if (p.errors || !p.file)
        return;
    size_t len;
    char *text = djz_format(&p, &len);
    bool same = len == src->len && memcmp(text, src->text, len) == 0;
    const char *name = djz_cli_capture(c, write_escaped, src->name, NULL);
    if (!same)
        o->changed++;
    if (o->diff && !same)
        djz_diff_unified(stdout, name, src->text, src->len, name, text, len);
    bool written =
        same || is_stdin || o->check || write_atomically(c, &t, text, len);
    if (is_stdin && !o->check && !o->diff)
        fwrite(text, 1, len, stdout);
    else if (!same && !o->diff && written)
        printf("%s\n", name);
    free(text);
}

static int run_fmt(int argc, char **argv)
{
    djz_cli c;
    djz_cli_init(&c, "fmt");
    fmt_opts o = {0};
    const djz_flag flags[] = {{"--check", &o.check, NULL},
                              {"--diff", &o.diff, NULL}};
    int status = djz_cli_args(&c, argc, argv, flags, 2);
    if (status == DJZ_EXIT_OK && c.nfiles == 0)
        status = djz_cli_usage("fmt", "no spec given (use - for standard "
                                      "input)");
    if (status == DJZ_EXIT_OK) {
        for (int i = 0; i < c.nfiles; i++)
            format_one(&c, &o, c.files[i]);
        status = djz_cli_finish(&c);
        if (status == DJZ_EXIT_OK && o.check && o.changed)
            status = DJZ_EXIT_CHANGED;
    }
    djz_cli_free(&c);
    return status;
}

const djz_command djz_cmd_fmt = {
    "fmt",
    "rewrite specs in the canonical layout",
    "Usage: djaz fmt [--check] [--diff] [OPTIONS] SPEC...\n"
    "       djaz fmt [--check] [--diff] -\n"
    "\n"
    "Rewrites each SPEC in place in the one layout djaz uses and prints the\n"
    "names of the files it changed.  With -, reads standard input and\n"
    "writes the result to standard output.  A spec with syntax errors is\n"
    "reported and left untouched.  A changed file keeps its mode, owner\n"
    "and group; a symbolic link's target is formatted and the link kept.\n"
    "A read-only file (no write bit, even for root), another user's file\n"
    "and a file with several hard links are refused and left as they are.\n"
    "\n"
    "Options:\n"
    "      --check            write nothing; list the files that would\n"
    "                         change and exit 3 if there are any\n"
    "      --diff             print a unified diff of each change instead\n"
    "                         of the file name (files are still written\n"
    "                         unless --check is given)\n" DJZ_DIAG_OPTIONS_HELP
    "\n"
    "Exit status: 0 done (or nothing to change), 1 a spec has errors,\n"
    "2 bad usage or an I/O error, 3 --check found a file that would change.\n",
    run_fmt,
};
