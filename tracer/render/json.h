/*
 * json.h - the JSON conventions every document of tracer shares: amounts
 * as decimal strings in base units, and formatted with the asset's
 * decimals for people (docs/cli.md). All return new references (NULL on
 * no memory).
 */
#ifndef TRC_RENDER_JSON_H
#define TRC_RENDER_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"

/* New string holding amount a in base units, e.g. "150000000". */
json_t *rjson_amount(trc_amount a);
/* New string holding amount a with decimals, e.g. "1.5". */
json_t *rjson_amount_fmt(trc_amount a, unsigned decimals);

/*
 * Sets the time t (seconds since 1970 UTC) on o the one way every document
 * writes times: o[key] the ISO-8601 UTC string ("2017-05-12T00:00:00Z")
 * and o[key "_unix"] the number (docs/json.md). Returns 0, -1 when out of
 * memory or when key is longer than 40 bytes.
 */
int rjson_set_time(json_t *o, const char *key, int64_t t);

/* rjson_set_time, or both keys null when known is false. */
int rjson_set_time_or_null(json_t *o, const char *key, int64_t t, bool known);

/*
 * The last step of every document (the CLI's --json and tracer serve):
 * adds an empty "warnings" array to an object that has none, so that
 * every result carries one (docs/json.md). Returns doc (NULL stays NULL;
 * NULL and doc released when out of memory).
 */
json_t *rjson_finish(json_t *doc);

/* New array of the n strings of v (a string vector, base/strv.h). */
json_t *rjson_strings(char *const *v, size_t n);

#endif
