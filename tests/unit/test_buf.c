/* test_buf.c - the string builder: appends across growth, printf-style
 * appends (long ones too), the stdio stream over a buffer, take. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int main(void)
{
    appends();
    growth();
    stream();
    if (!failures)
        printf("ok buf\n");
    return failures != 0;
}
