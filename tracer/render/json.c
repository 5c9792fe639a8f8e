/*
 * json.c - amounts in JSON documents.
 */
#include "tracer/render/json.h"

json_t *rjson_amount(trc_amount a)
{
	char s[AMOUNT_STR_MAX];

	return json_string(amount_format(s, sizeof(s), a, 0, false));
}

json_t *rjson_amount_fmt(trc_amount a, unsigned decimals)
{
	char s[AMOUNT_STR_MAX];

	return json_string(amount_format(s, sizeof(s), a, decimals, true));
}
