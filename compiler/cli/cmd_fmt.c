/* cmd_fmt.c - `djaz fmt`: rewrite specs in the canonical layout.
 *
 * A file with syntax errors is never touched.  A changed file is written
 * to a temporary file beside it and renamed over it, keeping its mode, so
 * an interrupted run leaves either the old or the new text. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/diff.h"
#include "syntax/fmt.h"

typedef struct fmt_opts {
    bool check, diff;
    int changed;
} fmt_opts;

static bool write_atomically(djz_cli *c, const char *path, const char *text,
                             size_t len)
{
    struct stat st;
    mode_t mode = stat(path, &st) == 0 ? st.st_mode & 07777 : 0644;
    char *tmp = djz_arena_printf(&c->arena, "%s.djaz-fmt-XXXXXX", path);
    int fd = mkstemp(tmp);
    bool ok = fd >= 0;
    FILE *out = ok ? fdopen(fd, "wb") : NULL;
    if (ok && !out)
        close(fd);
    ok = out && fwrite(text, 1, len, out) == len;
    ok = out && fflush(out) == 0 && ok && fchmod(fileno(out), mode) == 0 &&
         fsync(fileno(out)) == 0;
    int err = errno;
    if (out && fclose(out) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        if (fd >= 0)
            unlink(tmp);
        djz_report(&c->sink, DJZ_FILE_UNWRITABLE, NULL, djz_span_make(0, 0),
                   "cannot write '%s': %s", path, strerror(err));
        c->io_error = true;
    }
    return ok;
}

static void format_one(djz_cli *c, fmt_opts *o, const char *path)
{
    djz_source *src = djz_cli_read(c, path);
    if (!src)
        return;
    djz_parsed p = djz_parse(&c->arena, &c->sink, src);
    if (p.errors || !p.file)
        return;
    size_t len;
    char *text = djz_format(&p, &len);
    bool is_stdin = strcmp(path, "-") == 0;
    bool same = len == src->len && memcmp(text, src->text, len) == 0;
    if (!same)
        o->changed++;
    if (o->diff && !same)
        djz_diff_unified(stdout, src->name, src->text, src->len, src->name,
                         text, len);
    bool written =
        same || is_stdin || o->check || write_atomically(c, path, text, len);
    if (is_stdin && !o->check && !o->diff)
        fwrite(text, 1, len, stdout);
    else if (!same && !o->diff && written)
        printf("%s\n", src->name);
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
    "reported and left untouched.\n"
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
