/*
 * trace_json.h - the JSON document of a trace result, as `tracer trace
 * --json` prints it and the JSON report embeds it (docs/cli.md).
 */
#ifndef TRC_TRACE_JSON_H
#define TRC_TRACE_JSON_H

#include <jansson.h>

#include "chains/chain.h"
#include "graph/trace.h"

/* The `tracer trace --json` document of r (new reference; NULL on no
 * memory). */
json_t *trace_result_to_json(const struct trace_result *r,
			     const struct chain_ops *chain);

#endif
