/*
 * The prices CSV reader and exact fiat valuation: a missing day stays
 * missing, never interpolated.
 */
#include <stdio.h>

#include "base/date.h"
#include "tests/unit/harness.h"
#include "tracer/report/prices.h"

#define T_2024_03_01 1709251200 /* 2024-03-01T00:00:00Z */
#define DAY 86400

static const char good[] = "date,asset,currency,price\r\n"
			   "2024-03-01,BTC,USD,61234.56\r\n"
			   "2024-03-03,BTC,USD,60000\n"
			   "2024-03-01,ETH,USD,3400.10\n"
			   "\n"
			   "2024-02-29,btc,usd,0.00000001\n";

static enum trc_err parse(struct prices *p, const char *text, const char *cur,
			  struct trc_error *e)
{
	return prices_parse(p, text, strlen(text), "t.csv", cur, e);
}

static void t_value(void)
{
	struct prices p = PRICES_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	trc_amount cents;
	char s[AMOUNT_STR_MAX];

	CHECK_OK(parse(&p, good, NULL, &e), &e);
	CHECK_INT(p.n, 4);
	CHECK_STR(p.currency, "USD");
	/* 1.5 BTC at 61234.56 = 91851.84 exactly; late in the day too */
	CHECK(prices_value(&p, "BTC", T_2024_03_01 + 86399,
			   amount_from_u64(150000000), 8, &cents));
	CHECK_STR(prices_format_cents(s, sizeof(s), cents), "91851.84");
	/* 1 satoshi at 61234.56 = 0.00061234 USD: rounds to 0.00 */
	CHECK(prices_value(&p, "btc", T_2024_03_01, amount_from_u64(1), 8,
			   &cents));
	CHECK_STR(prices_format_cents(s, sizeof(s), cents), "0.00");
	/* 0.12345 ETH at 3400.10 = 419.742345: half up to 419.74 */
	CHECK(prices_value(&p, "ETH", T_2024_03_01,
			   amount_from_u64(123450000000000000ull), 18, &cents));
	CHECK_STR(prices_format_cents(s, sizeof(s), cents), "419.74");
	/* 0.00125 BTC at 60000 = 75.00; 0.000000125... rounding half up */
	CHECK(prices_value(&p, "BTC", T_2024_03_01 + 2 * DAY,
			   amount_from_u64(125000), 8, &cents));
	CHECK_STR(prices_format_cents(s, sizeof(s), cents), "75.00");
	CHECK(prices_value(&p, "BTC", T_2024_03_01 + 2 * DAY,
			   amount_from_u64(25), 8, &cents)); /* 0.015 */
	CHECK_STR(prices_format_cents(s, sizeof(s), cents), "0.02");
	/* leap day, lower-case row */
	CHECK(prices_value(&p, "BTC", T_2024_03_01 - 1,
			   amount_from_u64(100000000), 8, &cents));
	CHECK_STR(prices_format_cents(s, sizeof(s), cents), "0.00");
	prices_release(&p);
}

static void t_missing(void)
{
	struct prices p = PRICES_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	trc_amount cents;

	CHECK_OK(parse(&p, good, NULL, &e), &e);
	/* 2024-03-02 lies between two known days: still missing */
	CHECK(!prices_value(&p, "BTC", T_2024_03_01 + DAY, amount_from_u64(1),
			    8, &cents));
	CHECK(amount_is_zero(cents));
	CHECK(!prices_value(&p, "ETH", T_2024_03_01 + 2 * DAY,
			    amount_from_u64(1), 18, &cents));
	CHECK(!prices_value(&p, "LTC", T_2024_03_01, amount_from_u64(1), 8,
			    &cents));
	prices_release(&p);
}

static void t_currencies(void)
{
	struct prices p = PRICES_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	static const char two[] = "date,asset,currency,price\n"
				  "2024-03-01,BTC,USD,2\n"
				  "2024-03-01,BTC,EUR,1\n";
	trc_amount price;

	CHECK_INT(parse(&p, two, NULL, &e), TRC_ERR_INVALID);
	CHECK(strstr(e.msg, "several currencies"));
	CHECK_OK(parse(&p, two, "eur", &e), &e);
	CHECK_STR(p.currency, "EUR");
	CHECK(prices_get(&p, "BTC", T_2024_03_01, &price));
	CHECK(!amount_cmp(price, amount_from_u64(100000000)));
	CHECK_INT(parse(&p, two, "CHF", &e), TRC_ERR_NOTFOUND);
	CHECK(strstr(e.msg, "'CHF'"));
	CHECK_INT(p.n, 0);
	prices_release(&p);
}

static void bad(const char *text, const char *want)
{
	struct prices p = PRICES_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK(parse(&p, text, NULL, &e) != TRC_OK);
	if (!strstr(e.msg, want))
		t_fail(__FILE__, __LINE__, "'%s' not in '%s'", want, e.msg);
	CHECK(p.rows == NULL && p.n == 0);
}

static void t_errors(void)
{
	bad("", "empty file");
	bad("date,asset,currency,price\n", "no rows");
	bad("day,asset,currency,price\n", "line 1: expected the header");
	bad("date,asset,currency,price\n2024-02-30,BTC,USD,1\n",
	    "line 2: field 'date'");
	bad("date,asset,currency,price\n2023-02-29,BTC,USD,1\n",
	    "field 'date'");
	bad("date,asset,currency,price\n2024-03-01,BTC,USD,-1\n",
	    "line 2: field 'price'");
	bad("date,asset,currency,price\n2024-03-01,BTC,USD,1e5\n",
	    "field 'price'");
	bad("date,asset,currency,price\n2024-03-01,BTC,USD,0.000000001\n",
	    "field 'price'");
	bad("date,asset,currency,price\n2024-03-01,BTC,USD\n",
	    "line 2: expected 4 fields");
	bad("date,asset,currency,price\n2024-03-01,BTC,USD,1,2\n",
	    "expected 4 fields");
	bad("date,asset,currency,price\n2024-03-01,,USD,1\n", "field 'asset'");
	bad("date,asset,currency,price\n2024-03-01,BTC,\"USD\",1\n",
	    "quoted fields");
	bad("date,asset,currency,price\n2024-03-01,BTC,USD,1\n"
	    "2024-03-02,BTC,USD,1\n2024-03-01,btc,USD,1\n",
	    "line 4: a second price for BTC 2024-03-01 (first on line 2)");
}

static void t_nul_and_file(void)
{
	struct prices p = PRICES_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	static const char nul[] = "date,asset,currency,price\n2024\0-03";
	FILE *f;

	CHECK(prices_parse(&p, nul, sizeof(nul) - 1, "n", NULL, &e));
	CHECK(strstr(e.msg, "NUL byte at offset 30"));
	f = fopen(t_tmp("p.csv"), "w");
	fputs(good, f);
	fclose(f);
	CHECK_OK(prices_load(&p, t_tmp("p.csv"), "USD", &e), &e);
	CHECK_INT(p.n, 4);
	CHECK(prices_load(&p, t_tmp("absent.csv"), NULL, &e) != TRC_OK);
	CHECK_INT(p.n, 0);
	prices_release(&p);
}

static void t_day(void)
{
	char d[11];

	date_format_day(0, d);
	CHECK_STR(d, "1970-01-01");
	date_format_day(T_2024_03_01 - 1, d);
	CHECK_STR(d, "2024-02-29");
	date_format_day(1231006505, d); /* the genesis block */
	CHECK_STR(d, "2009-01-03");
}

TEST_MAIN({ "value", t_value }, { "missing", t_missing },
	  { "currencies", t_currencies }, { "errors", t_errors },
	  { "nul_and_file", t_nul_and_file }, { "day", t_day })
