/* dates.c - day numbers from civil dates (the proleptic Gregorian
 * calendar), after Howard Hinnant's days_from_civil. */
#include "dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* n digits at s as a number, or -1. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool djz_date_parse(const char *text, int64_t *days)
{
    /* YYYY-MM-DD or YYYY-MM (the first of the month), digits only. */
    size_t len = strlen(text);
    if ((len != 10 && len != 7) || text[4] != '-' ||
        (len == 10 && text[7] != '-'))
        return false;
    int y = digits(text, 4), m = digits(text + 5, 2);
    int d = len == 10 ? digits(text + 8, 2) : 1;
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return false;
    *days = days_from_civil(y, m, d);
    return true;
}

/* SOURCE_DATE_EPOCH as reproducible-builds.org specifies it: the output
 * of `date +%s`, an integer with no sign, space or fraction.  The upper
 * bound is 9999-12-31T23:59:59Z, the last second with a four-digit year
 * (GCC's bound too); digits are counted so that no value overflows. */
static bool epoch_seconds(const char *text, int64_t *seconds)
{
    const int64_t max = 253402300799;
    int64_t v = 0;
    if (!*text)
        return false; /* set but empty: not the output of date +%s */
    for (const char *p = text; *p; p++) {
        if (*p < '0' || *p > '9' || v > (max - (*p - '0')) / 10)
            return false;
        v = v * 10 + (*p - '0');
    }
    *seconds = v;
    return true;
}

bool djz_today(int64_t *days)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    int64_t seconds;
    if (!epoch) {
        *days = (int64_t)time(NULL) / 86400;
        return true;
    }
    if (!epoch_seconds(epoch, &seconds)) {
        *days = (int64_t)time(NULL) / 86400;
        return false;
    }
    *days = seconds / 86400;
    return true;
}
