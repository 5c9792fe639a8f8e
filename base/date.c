#include "base/date.h"

#include <stdio.h>
#include <string.h>

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int64_t date_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = floor_div(y, 400);
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void date_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = floor_div(z, 146097);
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

unsigned date_month_days(int64_t y, unsigned m)
{
	static const unsigned days[12] = { 31, 28, 31, 30, 31, 30,
					   31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

int64_t date_day_of(int64_t t)
{
	return floor_div(t, 86400);
}

/* Reads exactly n digits at s. Returns -1 when they are not all digits. */
static long digits(const char *s, int n)
{
	long v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool date_parse_iso(const char *s, int64_t *t)
{
	size_t n = strlen(s);
	long y, mo, d, h = 0, mi = 0, se = 0;

	if (n != 10 && n != 20)
		return false;
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (s[4] != '-' || s[7] != '-' || y < 1970 || mo < 1 || mo > 12 ||
	    d < 1 || d > (long)date_month_days(y, (unsigned)mo))
		return false;
	if (n == 20) {
		if (s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
		    s[19] != 'Z')
			return false;
		h = digits(s + 11, 2);
		mi = digits(s + 14, 2);
		se = digits(s + 17, 2);
		if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59)
			return false;
	}
	*t = date_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
	     h * 3600 + mi * 60 + se;
	return true;
}

char *date_format_iso(int64_t t, char out[DATE_ISO_SIZE])
{
	/* roomier than the result: keeps the truncation warning quiet */
	char tmp[64];
	int64_t y, secs;
	unsigned m, d;

	if (t < 0 || t > DATE_TIME_MAX) {
		snprintf(out, DATE_ISO_SIZE, "%s", "invalid-time");
		return out;
	}
	secs = t % 86400;
	date_civil_from_days(t / 86400, &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "%04d-%02u-%02uT%02d:%02d:%02dZ", (int)y, m,
		 d, (int)(secs / 3600), (int)(secs / 60 % 60),
		 (int)(secs % 60));
	memcpy(out, tmp, DATE_ISO_SIZE);
	return out;
}

char *date_format_day(int64_t t, char out[DATE_DAY_SIZE])
{
	char iso[DATE_ISO_SIZE];

	if (t < 0 || t > DATE_TIME_MAX) {
		snprintf(out, DATE_DAY_SIZE, "%s", "invalid");
		return out;
	}
	date_format_iso(t, iso);
	memcpy(out, iso, DATE_DAY_SIZE - 1);
	out[DATE_DAY_SIZE - 1] = '\0';
	return out;
}
