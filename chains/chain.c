#include "chains/chain.h"

#include <string.h>

/*
 * Every adapter's table. Adapters add their line here:
 *   extern const struct chain_ops chain_btc_ops;   (chains/btc)
 *   extern const struct chain_ops chain_eth_ops;   (chains/eth)
 */
extern const struct chain_ops chain_btc_ops;
extern const struct chain_ops chain_eth_ops;

static const struct chain_ops *const all_chains[] = {
	&chain_btc_ops,
	&chain_eth_ops,
	NULL,
};

const struct chain_ops *chain_find(const char *name)
{
	for (size_t i = 0; name && all_chains[i]; i++)
		if (!strcmp(all_chains[i]->name, name))
			return all_chains[i];
	return NULL;
}

const struct chain_ops *chain_by_id(uint8_t id)
{
	for (size_t i = 0; all_chains[i]; i++)
		if (all_chains[i]->id == id)
			return all_chains[i];
	return NULL;
}

const char *chain_names(void)
{
	return "btc, eth";
}
