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

json_t *rjson_strings(char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < n; i++)
		if (json_array_append_new(a, json_string(v[i]))) {
			json_decref(a);
			return NULL;
		}
	return a;
}
