/*
 * eth_chain.c - the chain_ops table of Ethereum and EVM chains.
 *
 * Transaction ids are the 32-byte transaction hash, stored in the order it
 * is displayed ("0x" + 64 hex digits); there is no byte reversal as in
 * Bitcoin.
 */
#include <string.h>

#include "base/hex.h"
#include "chains/chain.h"
#include "chains/eth/eth_addr.h"
#include "store/record.h"

static bool eth_network_valid(const char *network)
{
	return eth_network_chain_id(network, NULL, NULL) == TRC_OK;
}

static enum trc_err eth_address_normalize(const char *network, const char *in,
					  char *out, size_t outsize,
					  struct trc_error *err)
{
	uint8_t addr[20];
	enum trc_err rc;

	if (outsize)
		out[0] = 0;
	if (network) {
		rc = eth_network_chain_id(network, NULL, err);
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

/* An Ethereum address is the same on every network: main when valid. */
static const char *eth_address_network(const char *in)
{
	char out[CHAIN_ADDR_MAX];

	return eth_address_normalize(NULL, in, out, sizeof(out), NULL) ? NULL
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

static const struct chain_unit eth_units[] = {
	{ "eth", 18 },
	{ "gwei", 9 },
	{ "wei", 0 },
	{ NULL, 0 },
};

const struct chain_ops chain_eth_ops = {
	.name = "eth",
	.title = "Ethereum",
	.id = CHAIN_ETH,
	.asset = "ETH",
	.decimals = 18,
	.default_network = "main",
	.default_confirmations = 64,
	.units = eth_units,
	.network_valid = eth_network_valid,
	.address_normalize = eth_address_normalize,
	.address_network = eth_address_network,
	.txid_parse = eth_txid_parse,
	.txid_format = eth_txid_format,
};
