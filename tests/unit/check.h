/* check.h - the unit-test harness: one executable per leaf module.
 *
 * A test file defines `static void test_x(void)` functions and lists them
 * in `DJZ_TESTS(test_a, test_b)`.  Each CHECK prints the failing expression
 * with file:line; main() prints "N passed, M failed" and exits 1 on any
 * failure. */
#ifndef DJZ_CHECK_H
#define DJZ_CHECK_H

#include <stdio.h>
#include <string.h>

static int djz_check_failed_;
static int djz_check_current_failed_;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
            djz_check_current_failed_ = 1;                                     \
        }                                                                      \
    } while (0)

#define CHECK_EQ_INT(got, want)                                                \
    do {                                                                       \
        long long g_ = (long long)(got), w_ = (long long)(want);               \
        if (g_ != w_) {                                                        \
            fprintf(stderr, "%s:%d: %s == %lld, want %lld\n", __FILE__,        \
                    __LINE__, #got, g_, w_);                                   \
            djz_check_current_failed_ = 1;                                     \
        }                                                                      \
    } while (0)

#define CHECK_EQ_STR(got, want)                                                \
    do {                                                                       \
        const char *g_ = (got), *w_ = (want);                                  \
        if (!g_ || strcmp(g_, w_) != 0) {                                      \
            fprintf(stderr, "%s:%d: %s\n--- got ---\n%s\n--- want ---\n%s\n",  \
                    __FILE__, __LINE__, #got, g_ ? g_ : "(null)", w_);         \
            djz_check_current_failed_ = 1;                                     \
        }                                                                      \
    } while (0)

typedef void (*djz_test_fn)(void);

static int djz_check_run_(const char *const *names, const djz_test_fn *fns,
                          int n)
{
    int passed = 0;
    for (int i = 0; i < n; i++) {
        djz_check_current_failed_ = 0;
        fns[i]();
        if (djz_check_current_failed_) {
            fprintf(stderr, "FAIL %s\n", names[i]);
            djz_check_failed_++;
        } else {
            passed++;
        }
    }
    printf("%d passed, %d failed\n", passed, djz_check_failed_);
    return djz_check_failed_ ? 1 : 0;
}

#define DJZ_TESTS(...)                                                         \
    int main(void)                                                             \
    {                                                                          \
        static const djz_test_fn fns[] = {__VA_ARGS__};                        \
        static const char names_[] = #__VA_ARGS__;                             \
        static char buf[sizeof names_];                                        \
        const char *names[sizeof fns / sizeof fns[0]];                         \
        memcpy(buf, names_, sizeof buf);                                       \
        int k = 0;                                                             \
        for (char *t = strtok(buf, ", \n"); t; t = strtok(NULL, ", \n"))       \
            names[k++] = t;                                                    \
        return djz_check_run_(names, fns, (int)(sizeof fns / sizeof fns[0]));  \
    }

#endif
