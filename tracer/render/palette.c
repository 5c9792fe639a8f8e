/*
 * The graph's colours. Dark fills carry white text, light fills near-black
 * text; each pair is at least 4.5:1 (WCAG 2 AA for normal text).
 */
#include "tracer/render/palette.h"

#include "graph/trace.h"
#include "store/tags.h"
#include "tracer/report/export_graph.h"

#define WHITE "#ffffff"
#define INK "#1a1a1a"

enum {
	P_SEED,
	P_EXCHANGE,
	P_DEPOSIT,
	P_MIXER,
	P_BRIDGE,
	P_SERVICE,
	P_DEFI,
	P_EXIT_OTHER,
	P_HELD,
	P_HUB,
	P_FRONTIER,
	P_CHAIN,
	P_OTHER,
	P_INTERMEDIATE,
	P_COUNT
};

static const struct palette_entry table[P_COUNT] = {
	[P_SEED] = { "seed", "seed", "#b71c1c", WHITE },
	[P_EXCHANGE] = { "exit-exchange", "exit: exchange", "#1b5e20", WHITE },
	[P_DEPOSIT] = { "exit-deposit", "exit: deposit", "#a5d6a7", INK },
	[P_MIXER] = { "exit-mixer", "exit: mixer", "#6a1b9a", WHITE },
	[P_BRIDGE] = { "exit-bridge", "exit: bridge", "#1565c0", WHITE },
	[P_SERVICE] = { "exit-service", "exit: service", "#00695c", WHITE },
	[P_DEFI] = { "exit-defi", "exit: defi", "#283593", WHITE },
	[P_EXIT_OTHER] = { "exit-other", "exit: other category", "#455a64",
			   WHITE },
	[P_HELD] = { "held", "held (unspent)", "#fdd835", INK },
	[P_HUB] = { "hub", "hub (not followed)", "#bdbdbd", INK },
	[P_FRONTIER] = { "frontier", "frontier: follow here", "#ffb74d", INK },
	[P_CHAIN] = { "chain", "addresses in a row", "#eceff1", INK },
	[P_OTHER] = { "other", "other (folded)", "#f5f5f5", INK },
	[P_INTERMEDIATE] = { "intermediate", "intermediate", WHITE, INK },
};

const struct palette_entry *palette_all(size_t *n)
{
	*n = P_COUNT;
	return table;
}

static size_t exit_entry(uint8_t category)
{
	switch (category) {
	case TAG_EXCHANGE:
		return P_EXCHANGE;
	case TAG_DEPOSIT:
		return P_DEPOSIT;
	case TAG_MIXER:
		return P_MIXER;
	case TAG_BRIDGE:
		return P_BRIDGE;
	case TAG_SERVICE:
		return P_SERVICE;
	case TAG_DEFI:
		return P_DEFI;
	default:
		return P_EXIT_OTHER;
	}
}

const struct palette_entry *palette_node(uint8_t role, uint8_t category)
{
	switch (role) {
	case TRACE_ROLE_SEED:
		return &table[P_SEED];
	case TRACE_ROLE_EXIT:
		return &table[exit_entry(category)];
	case TRACE_ROLE_HELD:
		return &table[P_HELD];
	case TRACE_ROLE_HUB:
		return &table[P_HUB];
	case XG_ROLE_FRONTIER:
		return &table[P_FRONTIER];
	case XG_ROLE_CHAIN:
		return &table[P_CHAIN];
	case XG_ROLE_OTHER:
		return &table[P_OTHER];
	default:
		return &table[P_INTERMEDIATE];
	}
}
