#include "base/num.h"

#include <stdbool.h>

enum trc_err num_parse_u64(const char *s, uint64_t min, uint64_t max,
			   uint64_t *out, struct trc_error *err)
{
	uint64_t v = 0;
	bool big = false;
	const char *p;

	if (!s || !*s)
		return trc_fail(err, TRC_ERR_PARSE, "'' is not a whole number");
	for (p = s; *p; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (*p < '0' || *p > '9')
			return trc_fail(err, TRC_ERR_PARSE,
					"'%.40s' is not a whole number", s);
		if (v > (UINT64_MAX - d) / 10)
			big = true;
		else
			v = v * 10 + d;
	}
	if (big || v < min || v > max)
		return trc_fail(err, TRC_ERR_OVERFLOW,
				"'%.40s' is out of range (%llu to %llu)", s,
				(unsigned long long)min,
				(unsigned long long)max);
	*out = v;
	return TRC_OK;
}
