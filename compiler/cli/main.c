/* main.c - `djaz COMMAND ...`: finds the command and runs it.
 *
 * Whatever the command, its output is checked on the way out: when
 * standard output or standard error could not be written (a full disk,
 * /dev/full, a closed descriptor), djaz says so and exits 2, never 0. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "support/suggest.h"
#include "support/version.h"

/* One line per command, in the order `djaz --help` lists them. */
static const djz_command *const commands[] = {
    &djz_cmd_check,  /* */
    &djz_cmd_build,  /* */
    &djz_cmd_fmt,    /* */
    &djz_cmd_ir,     /* */
    &djz_cmd_parse,  /* */
    &djz_cmd_schema, /* */
    &djz_cmd_explain,
};
enum { NCOMMANDS = sizeof commands / sizeof commands[0] };

static const djz_command *find(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

/* "did you mean" for a mistyped command: the commands, help and version. */
static const char *suggest_command(const char *name)
{
    const char *names[NCOMMANDS + 2];
    for (size_t i = 0; i < NCOMMANDS; i++)
        names[i] = commands[i]->name;
    names[NCOMMANDS] = "help";
    names[NCOMMANDS + 1] = "version";
    return djz_suggest(name, names, NCOMMANDS + 2);
}

/* "djaz help: no command 'chek'", with "did you mean" when one is close. */
static int no_command(const char *who, const char *name)
{
    fprintf(stderr, "%s: no command '", who);
    djz_render_escaped(stderr, name);
    const char *near = suggest_command(name);
    if (near)
        fprintf(stderr, "'; did you mean '%s'?\n", near);
    else
        fputs("'\n", stderr);
    fputs("Try 'djaz --help'.\n", stderr);
    return DJZ_EXIT_USAGE;
}

static void usage(FILE *out)
{
    fputs("Usage: djaz COMMAND [OPTIONS] [ARGS]\n"
          "\n"
          "djaz compiles one .djaz spec of a Django application into what it\n"
          "takes to run it on Azure.\n"
          "\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fputs("  help       show help for a command\n"
          "\n"
          "Options:\n"
          "  -h, --help     show this help\n"
          "      --version  print the version (also: djaz version)\n"
          "\n"
          "Exit status: 0 success, 1 errors in a spec, 2 bad usage or an I/O\n"
          "error, 3 `fmt --check` found a file that would change.\n"
          "Run 'djaz help COMMAND' for a command's options.\n",
          out);
}

static int help(int argc, char **argv)
{
    if (argc < 2) {
        usage(stdout);
        return DJZ_EXIT_OK;
    }
    const djz_command *cmd = find(argv[1]);
    if (!cmd)
        return no_command("djaz help", argv[1]);
    fputs(cmd->help, stdout);
    return DJZ_EXIT_OK;
}

/* A standard stream the caller closed (`djaz ir x >&-`) is reopened on
 * /dev/null the wrong way round (standard output read-only), so writing
 * it still fails with EBADF, and no file djaz opens later can take its
 * number and receive what was meant for the stream. */
static void guard_std_fds(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        int n = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
        if (n >= 0 && n != fd) {
            dup2(n, fd);
            close(n);
        }
    }
}

/* Flushes stream, and closes it when close: false when any write to it
 * failed, with *err the reason when one is known (0 otherwise). */
static bool end_stream(FILE *stream, bool close, int *err)
{
    bool failed = ferror(stream) != 0;
    errno = 0;
    if (fflush(stream) != 0) {
        failed = true;
        *err = errno;
    }
    failed = failed || ferror(stream);
    /* A write that failed earlier (the buffer filled mid-command) left no
     * errno behind: ask the descriptor again with an empty write, which
     * writes nothing but still fails on /dev/full (ENOSPC) and on a
     * descriptor not open for writing (EBADF). */
    if (failed && !*err && write(fileno(stream), "", 0) < 0)
        *err = errno;
    if (close && fclose(stream) != 0 && !failed) {
        failed = true;
        *err = errno;
    }
    return !failed;
}

/* The status djaz exits with: the command's, or 2 when its standard
 * output or standard error could not be written.  A failed standard
 * output is reported on standard error as DJZ2002.  Standard output is
 * closed (close(2) can report a write's failure late); standard error
 * only flushed, so that what writes to it after main (a sanitizer's
 * report) is not lost. */
static int close_std(int status)
{
    int err = 0;
    if (!end_stream(stdout, true, &err)) {
        djz_arena a;
        djz_diag_sink s;
        djz_arena_init(&a);
        djz_sink_init(&s, &a, 0);
        djz_report(&s, DJZ_FILE_UNWRITABLE, NULL, djz_span_make(0, 0),
                   "cannot write standard output%s%s", err ? ": " : "",
                   err ? strerror(err) : "");
        djz_render_opts o = {.color = djz_cli_color(DJZ_COLOR_AUTO, stderr)};
        djz_render_text(stderr, &s, &o);
        djz_arena_free(&a);
        status = DJZ_EXIT_USAGE;
    }
    if (!end_stream(stderr, false, &err))
        status = DJZ_EXIT_USAGE;
    return status;
}

static int run(int argc, char **argv)
{
    djz_alloc_init();
    if (argc < 2) {
        usage(stderr);
        return DJZ_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("djaz %s (language 1)\n", djz_version);
        return DJZ_EXIT_OK;
    }
    if (djz_cli_is_help(name))
        return help(1, argv);
    if (strcmp(name, "help") == 0)
        return help(argc - 1, argv + 1);
    const djz_command *cmd = find(name);
    if (!cmd)
        return no_command("djaz", name);
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (djz_cli_is_help(argv[i])) {
            fputs(cmd->help, stdout);
            return DJZ_EXIT_OK;
        }
    }
    return cmd->run(argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
    guard_std_fds();
    return close_std(run(argc, argv));
}
