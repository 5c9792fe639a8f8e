/*
 * date.h - civil dates in UTC: the one place that converts between seconds
 * since 1970 and year-month-day, parses ISO-8601 dates and formats them.
 *
 * The proleptic Gregorian calendar (H. Hinnant's days_from_civil). Times
 * are int64_t seconds since 1970-01-01T00:00:00Z; days are days since
 * 1970-01-01. Parsing and formatting cover 1970-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z, the range a four-digit year can write.
 */
#ifndef TRC_DATE_H
#define TRC_DATE_H

#include <stdbool.h>
#include <stdint.h>

/* 9999-12-31T23:59:59Z */
#define DATE_TIME_MAX INT64_C(253402300799)
/* "2017-05-12T00:00:00Z" and its NUL */
#define DATE_ISO_SIZE 21
/* "2017-05-12" and its NUL */
#define DATE_DAY_SIZE 11

/* Days since 1970-01-01 of y-m-d (m 1..12, d 1..31; not checked). */
int64_t date_days_from_civil(int64_t y, unsigned m, unsigned d);
/* The date of day z (days since 1970-01-01, negative before). Out: all. */
void date_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);
/* Days in month m (1..12) of year y. */
unsigned date_month_days(int64_t y, unsigned m);
/* The day of time t, rounded down (t < 0 gives a negative day). */
int64_t date_day_of(int64_t t);

/*
 * Parses "YYYY-MM-DD" (midnight) or "YYYY-MM-DDTHH:MM:SSZ", nothing
 * before or after, years 1970..9999, a real date (2023-02-29 is not).
 * Returns false for anything else. Out: *t, only on success.
 */
bool date_parse_iso(const char *s, int64_t *t);

/*
 * Writes t as "YYYY-MM-DDTHH:MM:SSZ", or "invalid-time" when t is outside
 * 0..DATE_TIME_MAX. Returns out.
 */
char *date_format_iso(int64_t t, char out[DATE_ISO_SIZE]);
/*
 * Writes the day of t as "YYYY-MM-DD", or "invalid" when t is outside
 * 0..DATE_TIME_MAX. Returns out.
 */
char *date_format_day(int64_t t, char out[DATE_DAY_SIZE]);

#endif
