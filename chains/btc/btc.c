/*
 * btc.c - chain_btc_ops, Bitcoin's entry in the table of chains.
 */
#include <string.h>

#include "base/hex.h"
#include "chains/btc/net.h"
#include "chains/btc/script.h"
#include "chains/chain.h"
#include "store/record.h"

static bool btc_network_valid(const char *network)
{
	return btc_network_find(network) != NULL;
}

static enum trc_err btc_normalize(const char *network, const char *in,
				  char *out, size_t outsize,
				  struct trc_error *err)
{
	const struct btc_network *net = btc_network_find(network);

	if (outsize)
		out[0] = '\0';
	if (!net)
		return trc_fail(err, TRC_ERR_INVALID,
				"unknown bitcoin network '%s' (known: %s)",
				network ? network : "", btc_network_names());
	return btc_address_normalize(net, in, out, outsize, err);
}

static const char *btc_address_network(const char *in)
{
	char out[CHAIN_ADDR_MAX];
	const struct btc_network *net;

	for (size_t i = 0; (net = btc_network_at(i)); i++)
		if (!btc_address_normalize(net, in, out, sizeof(out), NULL))
			return net->name;
	return NULL;
}

static enum trc_err btc_txid_parse(const char *in, uint8_t txid[32],
				   struct trc_error *err)
{
	memset(txid, 0, 32);
	if (!in || strlen(in) != 64 || !hex_is_exact(in, 32))
		return trc_fail(err, TRC_ERR_PARSE,
				"'%s' is not a txid (64 hex digits)",
				in ? in : "");
	return hex_decode_rev(txid, 32, in, err);
}

static void btc_txid_format(const uint8_t txid[32],
			    char out[CHAIN_TXID_STR_MAX])
{
	hex_encode_rev(out, txid, 32);
}

static const struct chain_unit btc_units[] = {
	{ "btc", 8 },
	{ "sat", 0 },
	{ NULL, 0 },
};

const struct chain_ops chain_btc_ops = {
	.name = "btc",
	.title = "Bitcoin",
	.id = CHAIN_BTC,
	.asset = "BTC",
	.decimals = 8,
	.default_network = "main",
	.default_confirmations = 6,
	.units = btc_units,
	.network_valid = btc_network_valid,
	.address_normalize = btc_normalize,
	.address_network = btc_address_network,
	.txid_parse = btc_txid_parse,
	.txid_format = btc_txid_format,
};
