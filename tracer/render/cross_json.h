/*
 * cross_json.h - the "crosschain" object of `tracer trace --case --json`
 * and the JSON report: the links followed with the amounts on both
 * sides, the trace of every chain, the identity per asset (docs/json.md).
 */
#ifndef TRC_CROSS_JSON_H
#define TRC_CROSS_JSON_H

#include <jansson.h>

#include "tracer/case/case_xlink.h"

/* A new object (NULL when out of memory); k is the case x followed. */
json_t *case_cross_to_json(const struct case_cross *x,
			   const struct trc_case *k);

#endif
