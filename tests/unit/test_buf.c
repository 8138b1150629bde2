/* test_buf.c - the string builder: appends across growth, printf-style
 * appends (long ones too), the stdio stream over a buffer, take; a
 * printf that fails (here a %ls outside the C locale) is the fatal exit,
 * in the builder and in the arena, never a text dropped or cut. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include "support/arena.h"
#include "support/buf.h"

static int failures;

static void expect(const char *what, const char *got, const char *want)
{
    if (strcmp(got, want)) {
        printf("FAIL %s: \"%s\", want \"%s\"\n", what, got, want);
        failures++;
    }
}

static void appends(void)
{
    djz_buf b = {0};
    expect("empty", djz_buf_str(&b), "");
    djz_buf_puts(&b, "ab");
    djz_buf_putc(&b, 'c');
    djz_buf_put(&b, "dxyz", 1);
    djz_buf_printf(&b, "[%d:%s]", 42, "e");
    expect("appends", djz_buf_str(&b), "abcd[42:e]");
    djz_buf_free(&b);
    expect("freed", djz_buf_str(&b), "");
}

/* Past every growth step, by puts and by printf: nothing lost. */
static void growth(void)
{
    djz_buf b = {0};
    char *want = malloc(100001);
    for (int i = 0; i < 100000; i++)
        want[i] = (char)('a' + i % 26);
    want[100000] = '\0';
    djz_buf_printf(&b, "%.*s", 50000, want);
    djz_buf_puts(&b, want + 50000);
    expect("growth", djz_buf_str(&b), want);
    if (b.len != 100000) {
        printf("FAIL growth: len %zu\n", b.len);
        failures++;
    }
    djz_buf_free(&b);
    free(want);
}

static void stream(void)
{
    djz_buf b = {0};
    FILE *f = djz_buf_stream(&b);
    fprintf(f, "x=%d", 7);
    fputc('\n', f);
    fclose(f);
    char *s = djz_buf_take(&b);
    expect("stream", s, "x=7\n");
    expect("taken", djz_buf_str(&b), "");
    free(s);
    djz_buf e = {0};
    fclose(djz_buf_stream(&e));
    s = djz_buf_take(&e);
    expect("empty stream", s, "");
    free(s);
}

/* Runs fn in a child with standard error on a pipe: its exit status and
 * what it said (256 bytes at most). */
static int in_child(void (*fn)(void), char *said, size_t size)
{
    int p[2];
    if (pipe(p) != 0)
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(p[1], 2);
        fn();
        _exit(0); /* fn returned: the failure was not fatal */
    }
    close(p[1]);
    ssize_t n = read(p[0], said, size - 1);
    said[n > 0 ? n : 0] = '\0';
    close(p[0]);
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static const wchar_t unencodable[] = {0xe9, 0};

static void buf_printf_fails(void)
{
    djz_buf b = {0};
    djz_buf_printf(&b, "kept %ls", unencodable);
    printf("buf printf returned \"%s\"\n", djz_buf_str(&b));
}

static void arena_printf_fails(void)
{
    djz_arena a;
    djz_arena_init(&a);
    printf("arena printf returned \"%s\"\n",
           djz_arena_printf(&a, "kept %ls", unencodable));
}

static void printf_failure(const char *what, void (*fn)(void))
{
    char said[256];
    int status = in_child(fn, said, sizeof said);
    if (status != 2 || !strstr(said, "djaz: fatal: ")) {
        printf("FAIL %s: exit %d, said \"%s\", want exit 2 and a fatal "
               "message\n",
               what, status, said);
        failures++;
    }
}

int main(void)
{
    appends();
    growth();
    stream();
    printf_failure("buf printf fails", buf_printf_fails);
    printf_failure("arena printf fails", arena_printf_fails);
    if (!failures)
        printf("ok buf\n");
    return failures != 0;
}
