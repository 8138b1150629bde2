/* test_sha256.c - the FIPS 180-4 examples and lengths around a block. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/sha256.h"

static int failures;

/* Both implementations (the accelerated one where the processor has
 * it; the portable one again where not). */
static void expect(const char *input, size_t len, const char *want)
{
    for (int accel = 0; accel < 2; accel++) {
        char got[65];
        djz_sha256_hex_with(input, len, got, accel);
        if (strcmp(got, want)) {
            printf("FAIL sha256 (%s) of %zu bytes: %s, want %s\n",
                   accel ? "accelerated" : "portable", len, got, want);
            failures++;
        }
    }
}

int main(void)
{
    expect("", 0,
           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect("abc", 3,
           "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two =
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    expect(two, strlen(two),
           "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* One million 'a': many blocks. */
    char *m = malloc(1000000);
    memset(m, 'a', 1000000);
    expect(m, 1000000,
           "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(m);
    /* 55, 56 and 64 bytes: the padding's edges. */
    char a[64];
    memset(a, 'a', sizeof a);
    expect(a, 55,
           "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    expect(a, 56,
           "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    expect(a, 64,
           "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    /* Every length up to 300 bytes: the two agree. */
    unsigned char buf[300];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (unsigned char)(i * 131 + 7);
    for (size_t n = 0; n <= sizeof buf; n++) {
        char x[65], y[65];
        djz_sha256_hex_with(buf, n, x, false);
        djz_sha256_hex_with(buf, n, y, true);
        if (strcmp(x, y)) {
            printf("FAIL sha256 of %zu bytes: portable %s, accelerated %s\n", n,
                   x, y);
            failures++;
        }
    }
    printf("sha256: %s (x86 SHA extensions %s)\n", failures ? "FAILED" : "ok",
           djz_sha256_accelerated() ? "compared with the portable code"
                                    : "not on this processor");
    return failures != 0;
}
