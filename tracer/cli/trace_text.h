/*
 * trace_text.h - what `tracer trace` prints without --json.
 */
#ifndef TRC_TRACE_TEXT_H
#define TRC_TRACE_TEXT_H

#include <stdio.h>

#include "graph/trace.h"
#include "tracer/case/case_xlink.h"

/*
 * Prints the summary of r (borrowed) to f: the header line naming chain,
 * the identity of every asset, the exits by entity, the top held
 * addresses. Returns EXIT_OK, or EXIT_ERROR after printing an error (out
 * of memory, an entity sum past 2^256-1); the output is then incomplete.
 */
int trace_text_print(FILE *f, const struct trace_result *r, const char *chain,
		     unsigned top);

/*
 * Prints the exits of r summed by (asset, entity), entities in the order
 * of their first (largest) exit. Returns as trace_text_print.
 */
int trace_text_entities(FILE *f, const struct trace_result *r);

/* The cross-chain part of `tracer trace --case` (links followed, the
 * other chains' traces, the identity per asset); x holds runs. */
void trace_text_cross(FILE *f, const struct case_cross *x,
		      const struct trc_case *k);

#endif
