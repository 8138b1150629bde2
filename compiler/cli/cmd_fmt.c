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
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/diff.h"
#include "support/buf.h"
#include "syntax/fmt.h"

typedef struct fmt_opts {
    bool check, diff;
    int changed;
} fmt_opts;

/* The file a spec's path names (symbolic links resolved) and what it was
 * when it was read. */
typedef struct fmt_target {
    const char *path; /* as the user wrote it, for messages */
    const char *real; /* the file replaced */
    struct stat st;
} fmt_target;

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

/* Whether the user may replace t->real, as an editor judges it. */
static bool writable(djz_cli *c, const fmt_target *t)
{
    if (!S_ISREG(t->st.st_mode)) {
        cannot_write(c, t->path, "not a regular file");
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

/* Writes text to a new temporary file beside t->real, with its identity;
 * returns the temporary file's name, or NULL after saying what failed. */
static char *write_temp(djz_cli *c, const fmt_target *t, const char *text,
                        size_t len)
{
    char *tmp = djz_arena_printf(&c->arena, "%s.djaz-fmt-XXXXXX", t->real);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int err = errno;
        char *dir = djz_arena_strdup(&c->arena, t->real);
        cannot_write(c, t->path,
                     djz_arena_printf(&c->arena,
                                      "no temporary file can be made in '%s' "
                                      "(%s)",
                                      dirname(dir), strerror(err)));
        return NULL;
    }
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
    unlink(tmp);
    cannot_write(c, t->path,
                 out && !kept ? djz_arena_printf(&c->arena,
                                                 "its owner, group and mode "
                                                 "cannot be kept (%s)",
                                                 strerror(err))
                              : strerror(err ? err : EIO));
    return NULL;
}

/* The directory's entry is on disk too (after a rename). */
static void sync_dir(djz_cli *c, const char *file)
{
    char *copy = djz_arena_strdup(&c->arena, file);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

static bool write_atomically(djz_cli *c, fmt_target *t, const char *text,
                             size_t len)
{
    struct stat now;
    if (!writable(c, t))
        return false;
    char *tmp = write_temp(c, t, text, len);
    if (!tmp)
        return false;
    /* Last check before the swap: the file is the one read. */
    if (stat(t->real, &now) != 0 || !unchanged(&now, &t->st)) {
        unlink(tmp);
        refuse(c, DJZ_FILE_UNWRITABLE, "run djaz fmt again once it is saved",
               "'%s' changed while it was being formatted; it was not "
               "written",
               t->path);
        return false;
    }
    if (rename(tmp, t->real) != 0) {
        int err = errno;
        unlink(tmp);
        cannot_write(c, t->path, strerror(err));
        return false;
    }
    sync_dir(c, t->real);
    return true;
}

/* What path names, before it is read: its real file and that file's
 * state.  Returns 0, or the errno that says why it cannot be known. */
static int find_target(djz_cli *c, const char *path, fmt_target *t)
{
    t->real = djz_realpath(&c->arena, path);
    if (!t->real)
        return errno;
    t->path = path;
    return stat(t->real, &t->st) == 0 ? 0 : errno;
}

/* name escaped as the text renderer shows it, for a line of output. */
static const char *shown(djz_cli *c, const char *name)
{
    djz_buf text = {0};
    FILE *f = djz_buf_stream(&text);
    djz_render_escaped(f, name);
    fclose(f);
    const char *copy =
        djz_arena_strndup(&c->arena, djz_buf_str(&text), text.len);
    djz_buf_free(&text);
    return copy;
}

static void format_one(djz_cli *c, fmt_opts *o, const char *path)
{
    fmt_target t = {0};
    bool is_stdin = strcmp(path, "-") == 0;
    int lost = is_stdin ? 0 : find_target(c, path, &t);
    djz_source *src = djz_cli_read(c, path);
    if (!src)
        return;
    if (lost) { /* read, yet not found: it is moving under us */
        cannot_write(c, path, strerror(lost));
        return;
    }
    djz_parsed p = djz_parse(&c->arena, &c->sink, src);
    if (p.errors || !p.file)
        return;
    size_t len;
    char *text = djz_format(&p, &len);
    bool same = len == src->len && memcmp(text, src->text, len) == 0;
    const char *name = shown(c, src->name);
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
