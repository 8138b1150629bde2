/* oom_run.c - a djaz command with the 1st, 2nd, ... allocation failing
 * (as curl's torture tests and Lua's test allocator do).
 *
 *   oom_run SCRATCH STEP COMMAND ARG...      (an ARG @OUT is SCRATCH/a/b/out)
 *   oom_run --rebuild OTHER SCRATCH STEP build ARG...
 *
 * With --rebuild, @OUT is SCRATCH/out, and before each run it holds a
 * copy of OTHER's build (made once, unfailed, in SCRATCH.pristine): a
 * failed rebuild must leave it exactly as it was, and nothing beside it.
 *
 * For N = 1, 1 + STEP, 1 + 2 * STEP, ... a forked child runs the command
 * in-process with djz_alloc_fail_at(N), its standard output to /dev/null;
 * the loop ends at the first N past the command's last allocation, where
 * it must succeed.  Every other run must exit 2 with "djaz: fatal: out of
 * memory" as the last line of its standard error (a command that carries
 * on after a failed allocation, as one ignoring cJSON's NULL would, is
 * wrong), and leave SCRATCH empty: for `build`, no OUT, no parent made for
 * it (@OUT's parents are missing), no temporary tree beside it.  Under
 * ASan the child's exit runs LeakSanitizer, whose report (and exit status,
 * not 2) fails the run. */
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"

extern const djz_command djz_cmd_build, djz_cmd_check, djz_cmd_ir, djz_cmd_fmt;
static const djz_command *const commands[] = {&djz_cmd_build, &djz_cmd_check,
                                              &djz_cmd_ir, &djz_cmd_fmt};

enum {
    BUILT = 99,     /* the child's status when no allocation failed */
    CARRIED_ON = 98 /* an allocation failed, the command returned anyway */
};

static _Noreturn void child(unsigned long n, const djz_command *cmd, int argc,
                            char **argv, int err)
{
    dup2(err, 2);
    close(err);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    close(null);
    djz_alloc_init();
    djz_alloc_fail_at(n);
    int rc = cmd->run(argc, argv);
    fflush(stdout);
    (void)rc; /* its own tests check it; here: whether it got this far */
    exit(djz_alloc_count() >= n ? CARRIED_ON : BUILT);
}

/* Everything the child wrote on its standard error. */
static char *slurp(int fd)
{
    size_t len = 0, cap = 4096;
    char *text = malloc(cap);
    for (ssize_t r; text && (r = read(fd, text + len, cap - len - 1)) > 0;) {
        len += (size_t)r;
        if (cap - len < 2)
            text = realloc(text, cap *= 2);
    }
    if (text)
        text[len] = '\0';
    return text;
}

/* Names of what dir holds, or "" when it is empty. */
static void contents(const char *dir, char *buf, size_t n)
{
    buf[0] = '\0';
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            snprintf(buf + strlen(buf), n - strlen(buf), " %s", e->d_name);
    if (d)
        closedir(d);
}

static int remove_one(const char *path, const struct stat *st, int flag,
                      struct FTW *ftw)
{
    (void)st, (void)flag;
    return ftw->level ? remove(path) : 0;
}

/* Empties dir, so that one wrong run does not spoil the next. */
static void empty(const char *dir)
{
    nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && !strcmp(s + n - m, tail);
}

/* One run failing allocation n: BUILT when it never came to n, else 0
 * (as it should be) or 1. */
/* With --rebuild: the previous build each run starts from. */
static const char *pristine;

static void sh(const char *fmt, const char *a, const char *b)
{
    char cmd[8400];
    snprintf(cmd, sizeof cmd, fmt, a, b);
    if (system(cmd))
        fprintf(stderr, "oom_run: failed: %s\n", cmd);
}

/* nftw's callbacks take no context: the tree compared with pristine,
 * and what the walks found. */
static char twin[4200];
static size_t entries;
static bool differs;

static bool same_bytes(const char *a, const char *b)
{
    FILE *f = fopen(a, "rb"), *g = fopen(b, "rb");
    bool same = f && g;
    for (int c; same && (c = getc(f)) != EOF;)
        same = getc(g) == c;
    same = same && getc(g) == EOF;
    if (f)
        fclose(f);
    if (g)
        fclose(g);
    return same;
}

/* Each entry of pristine has its like in twin. */
static int compare_one(const char *path, const struct stat *st, int flag,
                       struct FTW *ftw)
{
    (void)ftw;
    char other[8400];
    snprintf(other, sizeof other, "%s%s", twin, path + strlen(pristine));
    struct stat o;
    entries++;
    if (lstat(other, &o) || (st->st_mode & S_IFMT) != (o.st_mode & S_IFMT) ||
        (st->st_mode & 07777) != (o.st_mode & 07777) ||
        (flag == FTW_F && !same_bytes(path, other)))
        differs = true;
    return 0;
}

static int count_one(const char *path, const struct stat *st, int flag,
                     struct FTW *ftw)
{
    (void)path, (void)st, (void)flag, (void)ftw;
    entries--;
    return 0;
}

/* Whether SCRATCH is as the run found it: empty, or (--rebuild) holding
 * only out, the same as the pristine build, and nothing more. */
static bool untouched(const char *scratch, const char *left)
{
    if (!pristine)
        return !*left;
    snprintf(twin, sizeof twin, "%s/out", scratch);
    entries = 0;
    differs = false;
    nftw(pristine, compare_one, 16, FTW_PHYS);
    nftw(twin, count_one, 16, FTW_PHYS);
    return !strcmp(left, " out") && !differs && !entries;
}

static int run(unsigned long n, const char *scratch, const djz_command *cmd,
               int argc, char **argv)
{
    char left[4096];
    contents(scratch, left, sizeof left);
    if (pristine && !*left)
        sh("cp -a '%s' '%s/out'", pristine, scratch);
    int p[2];
    if (pipe(p))
        return perror("pipe"), 1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return perror("fork"), 1;
    if (pid == 0) {
        close(p[0]);
        child(n, cmd, argc, argv, p[1]);
    }
    close(p[1]);
    char *err = slurp(p[0]);
    close(p[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    contents(scratch, left, sizeof left);
    int bad = 0;
    if (code != BUILT &&
        (code != 2 || !err || !ends_with(err, "djaz: fatal: out of memory\n") ||
         !untouched(scratch, left))) {
        fprintf(stderr,
                "allocation %lu: exit %d%s, left in %s:%s\n"
                "--- stderr ---\n%s",
                n, code,
                code == CARRIED_ON ? " (went on after the failed allocation)"
                                   : "",
                scratch, *left ? left : " nothing", err ? err : "");
        bad = 1;
    }
    if (bad || code == BUILT) /* else out is the pristine copy still */
        empty(scratch);
    free(err);
    return code == BUILT ? BUILT : bad;
}

/* Builds OTHER into SCRATCH.pristine, in a child, nothing failing. */
static bool make_pristine(const char *other, const char *scratch,
                          const djz_command *build)
{
    static char dir[4200];
    snprintf(dir, sizeof dir, "%s.pristine", scratch);
    char *argv[] = {"build", "-q", (char *)other, "-o", dir, NULL};
    pid_t pid = fork();
    if (pid == 0) {
        djz_alloc_init();
        exit(build->run(5, argv));
    }
    int st = 0;
    waitpid(pid, &st, 0);
    pristine = dir;
    return pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

int main(int argc, char **argv)
{
    const char *other = NULL;
    if (argc > 2 && !strcmp(argv[1], "--rebuild")) {
        other = argv[2];
        argv += 2;
        argc -= 2;
    }
    if (argc < 4) {
        fputs("usage: oom_run SCRATCH STEP COMMAND ARG...\n", stderr);
        return 2;
    }
    const char *scratch = argv[1];
    unsigned long step = strtoul(argv[2], NULL, 10);
    const djz_command *cmd = NULL;
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(commands[i]->name, argv[3]))
            cmd = commands[i];
    if (!cmd || !step) {
        fprintf(stderr, "oom_run: no command '%s' or no step\n", argv[3]);
        return 2;
    }
    char out[4096];
    snprintf(out, sizeof out, other ? "%s/out" : "%s/a/b/out", scratch);
    if (other && !make_pristine(other, scratch, cmd)) {
        fprintf(stderr, "oom_run: cannot build %s\n", other);
        return 2;
    }
    for (int i = 4; i < argc; i++)
        if (!strcmp(argv[i], "@OUT"))
            argv[i] = out;
    unsigned long n = 1, runs = 0, failed = 0;
    for (int r; (r = run(n, scratch, cmd, argc - 3, argv + 3)) != BUILT;
         n += step) {
        runs++;
        failed += r != 0;
        if (failed > 20 || (r == 1 && n == 1))
            break;
    }
    printf("djaz %s%s: %lu runs failing allocation 1..%lu every %lu: "
           "%lu wrong\n",
           argv[3], other ? " (rebuild)" : "", runs, n, step, failed);
    if (pristine)
        sh("rm -rf '%s'%s", pristine, "");
    return failed || runs == 0;
}
