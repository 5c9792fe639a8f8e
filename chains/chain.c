#include "chains/chain.h"

#include <string.h>

#include "chains/source.h"

/*
 * The chain table: every adapter, by name. Adding a chain adds its name
 * here; its folder defines chain_<name>_ops (struct chain_ops) and
 * <name>_sources (struct source_kind[], chains/source.h).
 */
#define CHAINS(X) X(btc) X(eth)

#define DECLARE(c)                                                      \
	extern const struct chain_ops chain_##c##_ops;                  \
	extern const struct source_kind c##_sources[];
#define ENTRY(c) { &chain_##c##_ops, c##_sources },
#define NAME(c) ", " #c

CHAINS(DECLARE)

static const struct {
	const struct chain_ops *ops;
	const struct source_kind *sources;
} all_chains[] = {
	CHAINS(ENTRY)
	{ NULL, NULL },
};

const struct chain_ops *chain_find(const char *name)
{
	for (size_t i = 0; name && all_chains[i].ops; i++)
		if (!strcmp(all_chains[i].ops->name, name))
			return all_chains[i].ops;
	return NULL;
}

const struct chain_ops *chain_by_id(uint8_t id)
{
	for (size_t i = 0; all_chains[i].ops; i++)
		if (all_chains[i].ops->id == id)
			return all_chains[i].ops;
	return NULL;
}

const char *chain_names(void)
{
	static const char names[] = "" CHAINS(NAME);

	return names + 2; /* past the first ", " */
}

const struct source_kind *chain_sources(const struct chain_ops *chain)
{
	for (size_t i = 0; chain && all_chains[i].ops; i++)
		if (all_chains[i].ops == chain)
			return all_chains[i].sources;
	return NULL;
}
