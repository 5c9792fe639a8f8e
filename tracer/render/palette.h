/*
 * palette.h - the colours of the flow graph, in one table: the fill and
 * the text colour of every kind of node (seed, exit by category, held,
 * hub, frontier, a chain of hops, other, intermediate). The DOT writer,
 * the HTML report's legend and the bar chart take their colours from
 * here, and tests/unit/test_palette.c checks that every text colour has
 * a WCAG contrast of at least 4.5:1 on its fill.
 */
#ifndef TRC_PALETTE_H
#define TRC_PALETTE_H

#include <stddef.h>
#include <stdint.h>

struct palette_entry {
	const char *key;   /* "seed", "exit-exchange", ... */
	const char *label; /* the legend's words: "seed", "exchange" */
	const char *fill;  /* "#rrggbb" */
	const char *text;  /* "#rrggbb", the label's colour on fill */
};

/* The colour of a cross-chain link edge (docs/crosschain.md): drawn
 * dashed and bold, in no node's colour. */
#define PALETTE_XLINK "#ad1457"

/* The whole table, in legend order; *n entries. Static storage. */
const struct palette_entry *palette_all(size_t *n);

/* The entry of a graph node of role (enum trace_role or XG_ROLE_*) and,
 * for an exit, category (enum tag_category). Never NULL. */
const struct palette_entry *palette_node(uint8_t role, uint8_t category);

#endif
