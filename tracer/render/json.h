/*
 * json.h - the JSON conventions every document of tracer shares: amounts
 * as decimal strings in base units, and formatted with the asset's
 * decimals for people (docs/cli.md). All return new references (NULL on
 * no memory).
 */
#ifndef TRC_RENDER_JSON_H
#define TRC_RENDER_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "base/amount.h"

/* New string holding amount a in base units, e.g. "150000000". */
json_t *rjson_amount(trc_amount a);
/* New string holding amount a with decimals, e.g. "1.5". */
json_t *rjson_amount_fmt(trc_amount a, unsigned decimals);

/* New array of the n strings of v (a string vector, base/strv.h). */
json_t *rjson_strings(char *const *v, size_t n);

#endif
