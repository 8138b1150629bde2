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
/* Today, in days since 1970-01-01 (UTC). */
int64_t djz_today(void);

#endif
