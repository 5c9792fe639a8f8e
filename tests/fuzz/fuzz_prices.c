/*
 * fuzz_prices - the --prices CSV reader on arbitrary bytes, then a lookup
 * and a valuation on whatever it accepted: no crash, no leak, no hang, and
 * an accepted file is sorted with no duplicate day.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tracer/report/prices.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct prices p = PRICES_INIT;
	trc_amount cents;

	if (prices_parse(&p, (const char *)data, size, "fuzz", NULL, NULL))
		return 0;
	for (size_t i = 1; i < p.n; i++) {
		const struct price_row *a = &p.rows[i - 1], *b = &p.rows[i];

		if (!strcasecmp(a->asset, b->asset) && a->day >= b->day)
			abort();
	}
	if (p.n)
		(void)prices_value(&p, p.rows[0].asset,
				   (int64_t)p.rows[0].day * 86400,
				   amount_from_u64(UINT64_MAX), 18, &cents);
	prices_release(&p);
	return 0;
}
