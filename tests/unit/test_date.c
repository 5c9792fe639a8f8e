/*
 * base/date: the one civil-date module (the case file, the prices table,
 * the reports and `address` each had their own).
 */
#include "base/date.h"
#include "tests/unit/harness.h"

static void t_epoch(void)
{
	char iso[DATE_ISO_SIZE], day[DATE_DAY_SIZE];
	int64_t y;
	unsigned m, d;

	CHECK(date_days_from_civil(1970, 1, 1) == 0);
	date_civil_from_days(0, &y, &m, &d);
	CHECK(y == 1970 && m == 1 && d == 1);
	date_civil_from_days(-1, &y, &m, &d);
	CHECK(y == 1969 && m == 12 && d == 31);
	CHECK_STR(date_format_iso(0, iso), "1970-01-01T00:00:00Z");
	CHECK_STR(date_format_day(0, day), "1970-01-01");
	CHECK_STR(date_format_iso(-1, iso), "invalid-time");
	CHECK_STR(date_format_day(-1, day), "invalid");
	CHECK(date_day_of(0) == 0 && date_day_of(86399) == 0);
	CHECK(date_day_of(86400) == 1 && date_day_of(-1) == -1);
	CHECK(date_day_of(-86400) == -1 && date_day_of(-86401) == -2);
}

static void t_leap(void)
{
	int64_t t;
	char iso[DATE_ISO_SIZE];

	CHECK(date_month_days(2024, 2) == 29);
	CHECK(date_month_days(2023, 2) == 28);
	CHECK(date_month_days(1900, 2) == 28); /* by 100, not by 400 */
	CHECK(date_month_days(2000, 2) == 29); /* by 400 */
	CHECK(date_parse_iso("2024-02-29", &t));
	CHECK_STR(date_format_iso(t, iso), "2024-02-29T00:00:00Z");
	CHECK(!date_parse_iso("2023-02-29", &t));
	CHECK(date_parse_iso("2000-02-29T23:59:59Z", &t));
	CHECK_STR(date_format_iso(t + 1, iso), "2000-03-01T00:00:00Z");
	CHECK(!date_parse_iso("2100-02-29", &t));
	/* 2016-12-31 is day 366 of a leap year */
	CHECK(date_days_from_civil(2017, 1, 1) -
		      date_days_from_civil(2016, 1, 1) ==
	      366);
}

static void t_parse(void)
{
	int64_t t = 42;

	CHECK(date_parse_iso("2017-05-12", &t) && t == 1494547200);
	CHECK(date_parse_iso("2017-05-12T07:45:01Z", &t) &&
	      t == 1494547200 + 7 * 3600 + 45 * 60 + 1);
	CHECK(date_parse_iso("1970-01-01T00:00:00Z", &t) && t == 0);
	CHECK(date_parse_iso("9999-12-31T23:59:59Z", &t) && t == DATE_TIME_MAX);
	t = 42;
	CHECK(!date_parse_iso("1969-12-31", &t));
	CHECK(!date_parse_iso("2017-5-12", &t));
	CHECK(!date_parse_iso("2017-05-12 ", &t));
	CHECK(!date_parse_iso("2017-05-12T24:00:00Z", &t));
	CHECK(!date_parse_iso("2017-05-12T00:60:00Z", &t));
	CHECK(!date_parse_iso("2017-05-12T00:00:00", &t));
	CHECK(!date_parse_iso("2017-13-01", &t));
	CHECK(!date_parse_iso("2017-04-31", &t));
	CHECK(!date_parse_iso("", &t));
	CHECK(t == 42); /* untouched on failure */
}

static void t_format_range(void)
{
	char iso[DATE_ISO_SIZE], day[DATE_DAY_SIZE];

	CHECK_STR(date_format_iso(DATE_TIME_MAX, iso), "9999-12-31T23:59:59Z");
	CHECK_STR(date_format_iso(DATE_TIME_MAX + 1, iso), "invalid-time");
	CHECK_STR(date_format_day(DATE_TIME_MAX, day), "9999-12-31");
	CHECK_STR(date_format_iso(1494590701, iso), "2017-05-12T12:05:01Z");
	CHECK_STR(date_format_day(1494590701, day), "2017-05-12");
	/* every day of 1970..2400 round-trips */
	for (int64_t z = 0; z < date_days_from_civil(2400, 1, 1); z += 1) {
		int64_t y;
		unsigned m, d;

		date_civil_from_days(z, &y, &m, &d);
		if (date_days_from_civil(y, m, d) != z || d < 1 ||
		    d > date_month_days(y, m)) {
			CHECK(!"civil round trip");
			break;
		}
	}
}

TEST_MAIN({ "epoch", t_epoch }, { "leap", t_leap }, { "parse", t_parse },
	  { "format_range", t_format_range })
