#include "chains/eth/evm.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chains/eth/eth_addr.h"
#include "store/record.h"

/* Chain ids: chainlist's registry (docs/chains.md). */
static const struct evm_network eth_nets[] = {
	{ "main", ETH_CHAIN_MAIN },	  { "sepolia", ETH_CHAIN_SEPOLIA },
	{ "holesky", ETH_CHAIN_HOLESKY }, { "hoodi", ETH_CHAIN_HOODI },
	{ "anvil", ETH_CHAIN_ANVIL },	  { NULL, 0 },
};
static const struct evm_network bsc_nets[] = {
	{ "main", 56 },
	{ "testnet", 97 },
	{ "anvil", ETH_CHAIN_ANVIL },
	{ NULL, 0 },
};
static const struct evm_network polygon_nets[] = {
	{ "main", 137 },
	{ "amoy", 80002 },
	{ "anvil", ETH_CHAIN_ANVIL },
	{ NULL, 0 },
};
static const struct evm_network avax_nets[] = {
	{ "main", 43114 },
	{ "fuji", 43113 },
	{ "anvil", ETH_CHAIN_ANVIL },
	{ NULL, 0 },
};
static const struct evm_network arbitrum_nets[] = {
	{ "main", 42161 },
	{ "sepolia", 421614 },
	{ "anvil", ETH_CHAIN_ANVIL },
	{ NULL, 0 },
};
static const struct evm_network optimism_nets[] = {
	{ "main", 10 },
	{ "sepolia", 11155420 },
	{ "anvil", ETH_CHAIN_ANVIL },
	{ NULL, 0 },
};
static const struct evm_network base_nets[] = {
	{ "main", 8453 },
	{ "sepolia", 84532 },
	{ "anvil", ETH_CHAIN_ANVIL },
	{ NULL, 0 },
};

static const struct evm_chain chains[] = {
	{ CHAIN_ETH, "eth", "Ethereum", "ETH", eth_nets, EVM_HEADER_GETH,
	  EVM_FEES_PLAIN, 0, true, false },
	{ CHAIN_BSC, "bsc", "BNB Smart Chain", "BNB", bsc_nets, EVM_HEADER_GETH,
	  EVM_FEES_PLAIN, 0, false, false },
	{ CHAIN_POLYGON, "polygon", "Polygon PoS", "POL", polygon_nets,
	  EVM_HEADER_GETH, EVM_FEES_PLAIN, 0, false, false },
	{ CHAIN_AVAX, "avax", "Avalanche C-Chain", "AVAX", avax_nets,
	  EVM_HEADER_CORETH, EVM_FEES_PLAIN, 0, false, false },
	{ CHAIN_ARBITRUM, "arbitrum", "Arbitrum One", "ETH", arbitrum_nets,
	  EVM_HEADER_GETH, EVM_FEES_PLAIN, EVM_TX_ARBITRUM, false, false },
	{ CHAIN_OPTIMISM, "optimism", "OP Mainnet", "ETH", optimism_nets,
	  EVM_HEADER_GETH, EVM_FEES_OP_L1, EVM_TX_OP_DEPOSIT, false, true },
	{ CHAIN_BASE, "base", "Base", "ETH", base_nets, EVM_HEADER_GETH,
	  EVM_FEES_OP_L1, EVM_TX_OP_DEPOSIT, false, true },
};
#define N_CHAINS (sizeof(chains) / sizeof(chains[0]))

const struct evm_chain *evm_chain_eth(void)
{
	return &chains[0];
}

const struct evm_chain *evm_chain_by_id(uint8_t chain)
{
	for (size_t i = 0; i < N_CHAINS; i++)
		if (chains[i].chain == chain)
			return &chains[i];
	return NULL;
}

static enum trc_err parse_chainid(const char *s, uint64_t *out,
				  struct trc_error *err)
{
	char *end;
	unsigned long long v;

	if (!isdigit((unsigned char)s[0]) || (s[0] == '0' && s[1]))
		goto bad;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v == 0 || v > (unsigned long long)INT64_MAX)
		goto bad;
	*out = v;
	return TRC_OK;
bad:
	return trc_fail(err, TRC_ERR_PARSE,
			"network 'chainid:%.40s': the chain id must be a "
			"decimal number from 1 to 2^63-1",
			s);
}

enum trc_err evm_network_chain_id(const struct evm_chain *c,
				  const char *network, uint64_t *chain_id,
				  struct trc_error *err)
{
	uint64_t id = 0;
	char known[160];
	size_t n = 0;

	if (chain_id)
		*chain_id = 0;
	if (!network)
		return trc_fail(err, TRC_ERR_PARSE, "no network given");
	for (size_t i = 0; c->networks[i].name; i++)
		if (!strcmp(network, c->networks[i].name))
			id = c->networks[i].chain_id;
	if (!id && !strncmp(network, "chainid:", 8)) {
		enum trc_err rc = parse_chainid(network + 8, &id, err);

		if (rc)
			return rc;
	}
	if (!id) {
		known[0] = 0;
		for (size_t i = 0; c->networks[i].name && n < sizeof(known);
		     i++)
			n += (size_t)snprintf(known + n, sizeof(known) - n,
					      "%s, ", c->networks[i].name);
		return trc_fail(err, TRC_ERR_PARSE,
				"unknown %s network '%.60s' (known: "
				"%schainid:N)",
				c->name, network, known);
	}
	if (chain_id)
		*chain_id = id;
	return TRC_OK;
}

const char *evm_network_name(const struct evm_chain *c, uint64_t chain_id)
{
	for (size_t i = 0; c->networks[i].name; i++)
		if (c->networks[i].chain_id == chain_id)
			return c->networks[i].name;
	return NULL;
}

bool evm_tx_type_allowed(const struct evm_chain *c, uint8_t type)
{
	if (type <= 4)
		return true;
	if (type == 0x7e)
		return (c->tx_types & EVM_TX_OP_DEPOSIT) != 0;
	if ((type >= 0x64 && type <= 0x6a) || type == 0x78)
		return (c->tx_types & EVM_TX_ARBITRUM) != 0;
	return false;
}
