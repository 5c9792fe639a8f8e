/*
 * eth_chain.c - the chain_ops tables of Ethereum and the EVM chains that
 * share its adapter (chains/eth/evm.h): one chain_<name>_ops and one
 * <name>_sources each, made by EVM_CHAIN below from the family's table.
 *
 * Transaction ids are the 32-byte transaction hash, stored in the order it
 * is displayed ("0x" + 64 hex digits); there is no byte reversal as in
 * Bitcoin.
 */
#include <string.h>

#include "base/hex.h"
#include "chains/chain.h"
#include "chains/eth/eth_addr.h"
#include "chains/eth/evm.h"
#include "chains/eth/src.h"
#include "store/record.h"

static bool evm_network_valid(uint8_t chain, const char *network)
{
	return evm_network_chain_id(evm_chain_by_id(chain), network, NULL,
				    NULL) == TRC_OK;
}

static enum trc_err evm_address_normalize(uint8_t chain, const char *network,
					  const char *in, char *out,
					  size_t outsize, struct trc_error *err)
{
	uint8_t addr[20];
	enum trc_err rc;

	if (outsize)
		out[0] = 0;
	if (network) {
		rc = evm_network_chain_id(evm_chain_by_id(chain), network, NULL,
					  err);
		if (rc)
			return rc;
	}
	if (outsize < ETH_ADDR_STR)
		return trc_fail(err, TRC_ERR_INVALID,
				"address buffer too small");
	rc = eth_addr_parse(addr, in, err);
	if (rc)
		return rc;
	eth_addr_format(out, addr);
	return TRC_OK;
}

/* An EVM address is the same on every network: main when valid. */
static const char *eth_address_network(const char *in)
{
	char out[CHAIN_ADDR_MAX];

	return evm_address_normalize(CHAIN_ETH, NULL, in, out, sizeof(out),
				     NULL)
		       ? NULL
		       : "main";
}

static enum trc_err eth_txid_parse(const char *in, uint8_t txid[32],
				   struct trc_error *err)
{
	size_t n;
	const char *h = in;

	memset(txid, 0, 32);
	if (h && h[0] == '0' && (h[1] == 'x' || h[1] == 'X'))
		h += 2;
	if (!h || !hex_is_exact(h, 32))
		return trc_fail(err, TRC_ERR_PARSE,
				"transaction hash '%.80s' is not 0x and 64 "
				"hex digits",
				in ? in : "");
	return hex_decode(txid, 32, &n, h, 64, err);
}

static void eth_txid_format(const uint8_t txid[32],
			    char out[CHAIN_TXID_STR_MAX])
{
	out[0] = '0';
	out[1] = 'x';
	hex_encode(out + 2, txid, 32);
}

/*
 * One chain of the family: its units (the coin, gwei, wei: 18 decimals
 * everywhere), its network and address checks bound to its table entry,
 * and the shared JSON-RPC source.
 */
#define EVM_CHAIN(c, C, title_, asset_, coin, confirmations)                   \
	static bool c##_network_valid(const char *network)                     \
	{                                                                      \
		return evm_network_valid(CHAIN_##C, network);                  \
	}                                                                      \
	static enum trc_err c##_address_normalize(                             \
		const char *network, const char *in, char *out,                \
		size_t outsize, struct trc_error *err)                         \
	{                                                                      \
		return evm_address_normalize(CHAIN_##C, network, in, out,      \
					     outsize, err);                    \
	}                                                                      \
	static const struct chain_unit c##_units[] = {                         \
		{ coin, 18 },                                                  \
		{ "gwei", 9 },                                                 \
		{ "wei", 0 },                                                  \
		{ NULL, 0 },                                                   \
	};                                                                     \
	const struct chain_ops chain_##c##_ops = {                             \
		.name = #c,                                                    \
		.title = title_,                                               \
		.id = CHAIN_##C,                                               \
		.asset = asset_,                                               \
		.decimals = 18,                                                \
		.default_network = "main",                                     \
		.default_confirmations = confirmations,                        \
		.units = c##_units,                                            \
		.network_valid = c##_network_valid,                            \
		.address_normalize = c##_address_normalize,                    \
		.address_network = eth_address_network,                        \
		.txid_parse = eth_txid_parse,                                  \
		.txid_format = eth_txid_format,                                \
	}

/* Titles and assets as evm.c has them (test_evm checks they agree).
 * Confirmations: Ethereum's 64 (two epochs); BSC's fast finality and the
 * rollups' L2 blocks want as many; Polygon PoS reorganised deeper than 64
 * before its Heimdall milestones, so it waits 128; Avalanche finalises a
 * block once accepted, 1 would do, 16 leaves margin for the node. */
EVM_CHAIN(eth, ETH, "Ethereum", "ETH", "eth", 64);
EVM_CHAIN(bsc, BSC, "BNB Smart Chain", "BNB", "bnb", 64);
EVM_CHAIN(polygon, POLYGON, "Polygon PoS", "POL", "pol", 128);
EVM_CHAIN(avax, AVAX, "Avalanche C-Chain", "AVAX", "avax", 16);
EVM_CHAIN(arbitrum, ARBITRUM, "Arbitrum One", "ETH", "eth", 64);
EVM_CHAIN(optimism, OPTIMISM, "OP Mainnet", "ETH", "eth", 64);
EVM_CHAIN(base, BASE, "Base", "ETH", "eth", 64);

#define EVM_SOURCES(c)                                                         \
	const struct source_kind c##_sources[] = {                             \
		{ "rpc", eth_src_rpc_open },                                   \
		{ NULL, NULL },                                                \
	}
EVM_SOURCES(bsc);
EVM_SOURCES(polygon);
EVM_SOURCES(avax);
EVM_SOURCES(arbitrum);
EVM_SOURCES(optimism);
EVM_SOURCES(base);
