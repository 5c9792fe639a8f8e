/*
 * prices.h - daily prices for fiat valuation in reports (--prices FILE).
 *
 * The file is CSV with the header line "date,asset,currency,price" and one
 * row per day, asset and currency:
 *
 *   date,asset,currency,price
 *   2024-03-01,BTC,USD,61234.56
 *
 * date is YYYY-MM-DD (UTC), asset the report's asset name (BTC, ETH or a
 * token contract; compared without regard to case), currency a code (USD,
 * EUR; compared without regard to case), price a non-negative decimal with
 * at most PRICE_DECIMALS fractional digits: the fiat value of one whole
 * coin. Blank lines and a final newline are allowed; anything else that is
 * not a row is an error naming the line. A second row for the same day,
 * asset and currency is an error, even with the same price.
 *
 * Valuation is exact: value = amount * price, computed in integers and
 * rounded half up to the cent. A day without a price has no value: the
 * caller shows it as missing; nothing is guessed from neighbouring days.
 *
 * Ownership: struct prices owns its rows; prices_release frees them and is
 * safe after PRICES_INIT.
 */
#ifndef TRC_PRICES_H
#define TRC_PRICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"

#define PRICE_DECIMALS 8
#define PRICES_FILE_MAX (64u << 20) /* bytes */
#define PRICE_CODE_MAX 64	    /* longest asset or currency */

struct price_row {
	int32_t day; /* days since 1970-01-01 */
	char asset[PRICE_CODE_MAX + 1];
	char currency[PRICE_CODE_MAX + 1];
	trc_amount price; /* fiat units * 10^PRICE_DECIMALS per coin */
};

struct prices {
	struct price_row *rows; /* sorted by asset, currency, day */
	size_t n;
	char currency[PRICE_CODE_MAX + 1]; /* the one in use, "" if none */
};

#define PRICES_INIT                                                            \
	{                                                                      \
		NULL, 0,                                                       \
		{                                                              \
			0                                                      \
		}                                                              \
	}

void prices_release(struct prices *p);

/*
 * Reads path into *p (empty: PRICES_INIT or released). On failure *p is left
 * empty and err names the file and line ("prices 'x.csv' line 4: ...").
 * When currency is not NULL the rows of that currency are used, and it is
 * an error if the file has none; when NULL the file must hold exactly one
 * currency. Out: p->currency, the currency in use (as the file spells it).
 */
enum trc_err prices_load(struct prices *p, const char *path,
			 const char *currency,
			 struct trc_error *err) TRC_WARN_UNUSED;

/* As prices_load, from text in memory (len bytes); name is used in
 * messages. */
enum trc_err prices_parse(struct prices *p, const char *text, size_t len,
			  const char *name, const char *currency,
			  struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The value of amount (base units with `decimals`) of asset at the UTC day
 * of time t, in the currency in use. Out: *cents (fiat hundredths, rounded
 * half up) when the function returns true; false when that day has no
 * price (or the value does not fit), and *cents is 0.
 */
bool prices_value(const struct prices *p, const char *asset, int64_t t,
		  trc_amount amount, unsigned decimals, trc_amount *cents);

/* Out: *price of asset on the UTC day of t; false when missing. */
bool prices_get(const struct prices *p, const char *asset, int64_t t,
		trc_amount *price);

/* Formats cents as "1234.56" into buf (AMOUNT_STR_MAX bytes). */
char *prices_format_cents(char *buf, size_t size, trc_amount cents);

#endif
