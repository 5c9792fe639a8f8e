/*
 * trace_cmp.h - compares two trace results field by field (tests only):
 * assets and their sums, exits, held, unresolved, nodes, edges, outputs,
 * paths, and optionally the counters.
 */
#ifndef TRC_TRACE_CMP_H
#define TRC_TRACE_CMP_H

#include <stdbool.h>
#include <stddef.h>

#include "graph/trace.h"

/* Flags for trace_cmp. */
enum {
	TRACE_CMP_COUNTERS = 1, /* the counters too (all of them) */
	TRACE_CMP_MOVED = 2,	/* the counters of what moved taint
				 * (visited, addresses, inputs_missing,
				 * coinjoins), not of what was read */
};

/*
 * Returns true when a and b are the same result. Out: why (the first
 * difference, NUL-terminated, at most n bytes) when they differ.
 */
bool trace_cmp(const struct trace_result *a, const struct trace_result *b,
	       unsigned flags, char *why, size_t n);

#endif
