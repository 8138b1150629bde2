/* dates.h - calendar dates as day numbers, and what "today" is.
 *
 * Rules that depend on the date (end of life, retirements) ask
 * djz_today(), which reads SOURCE_DATE_EPOCH when it is set, so that
 * tests and reproducible builds pin it; no artifact depends on it. */
#ifndef DJZ_DATES_H
#define DJZ_DATES_H

#include <stdbool.h>
#include <stdint.h>

/* Days since 1970-01-01 of "YYYY-MM-DD", or of the first day of the
 * month for "YYYY-MM".  False when the text is not such a date. */
bool djz_date_parse(const char *text, int64_t *days);
/* Today, in days since 1970-01-01 (UTC): the date of SOURCE_DATE_EPOCH
 * when it is set, else of the clock.  False when SOURCE_DATE_EPOCH is
 * set but malformed (empty, a sign, a space, a fraction, an exponent,
 * past 9999-12-31): *days is then the clock's, and the caller reports
 * the error (reproducible-builds.org: a malformed value must fail, not
 * fall back silently). */
bool djz_today(int64_t *days);
/* The largest SOURCE_DATE_EPOCH djz_today accepts, for messages. */
#define DJZ_MAX_SOURCE_DATE_EPOCH "253402300799"

#endif
