#include "chains/chain.h"

#include <string.h>

#include "chains/source.h"
#include "store/record.h"

/*
 * The chain table: every adapter of the one list of chains, TRC_CHAINS in
 * store/record.h (a chain's name and stored id). Each chains/<name>/
 * defines chain_<name>_ops (struct chain_ops) and <name>_sources (struct
 * source_kind[], chains/source.h).
 */
#define DECLARE(c, C, id)                                               \
	extern const struct chain_ops chain_##c##_ops;                  \
	extern const struct source_kind c##_sources[];
#define ENTRY(c, C, id) { &chain_##c##_ops, c##_sources },
#define NAME(c, C, id) ", " #c

TRC_CHAINS(DECLARE)

static const struct {
	const struct chain_ops *ops;
	const struct source_kind *sources;
} all_chains[] = {
	TRC_CHAINS(ENTRY)
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

const struct chain_ops *chain_at(size_t i)
{
	return i < sizeof(all_chains) / sizeof(all_chains[0])
		       ? all_chains[i].ops
		       : NULL;
}

const char *chain_names(void)
{
	static const char names[] = "" TRC_CHAINS(NAME);

	return names + 2; /* past the first ", " */
}

const struct source_kind *chain_sources(const struct chain_ops *chain)
{
	for (size_t i = 0; chain && all_chains[i].ops; i++)
		if (all_chains[i].ops == chain)
			return all_chains[i].sources;
	return NULL;
}
