/*
 * json.c - amounts and times in JSON documents.
 */
#include "tracer/render/json.h"

#include <stdio.h>
#include <string.h>

#include "base/date.h"

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

int rjson_set_time(json_t *o, const char *key, int64_t t)
{
	char iso[DATE_ISO_SIZE], k[48];
	int n = snprintf(k, sizeof(k), "%s_unix", key);

	if (n < 0 || (size_t)n >= sizeof(k))
		return -1;
	if (json_object_set_new(o, key, json_string(date_format_iso(t, iso))))
		return -1;
	return json_object_set_new(o, k, json_integer((json_int_t)t));
}

int rjson_set_time_or_null(json_t *o, const char *key, int64_t t, bool known)
{
	char k[48];
	int n = snprintf(k, sizeof(k), "%s_unix", key);

	if (known)
		return rjson_set_time(o, key, t);
	if (n < 0 || (size_t)n >= sizeof(k) ||
	    json_object_set_new(o, key, json_null()))
		return -1;
	return json_object_set_new(o, k, json_null());
}

json_t *rjson_finish(json_t *doc)
{
	json_t *w;

	if (!json_is_object(doc) || json_object_get(doc, "warnings"))
		return doc;
	if (!(w = json_array()) || json_object_set_new(doc, "warnings", w)) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}
