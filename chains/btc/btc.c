/*
 * btc.c - chain_btc_ops, Bitcoin's entry in the table of chains, and the
 * entries of the Bitcoin forks that share its adapter (fork.h): Litecoin,
 * Bitcoin Cash and Dogecoin, made by FORK_CHAIN below from the fork
 * table. Their transaction ids are Bitcoin's (displayed byte-reversed).
 */
#include <string.h>

#include "base/hex.h"
#include "chains/btc/fork.h"
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

/* The forks' networks and addresses, bound to a fork's table entries. */
static enum trc_err fork_normalize(const char *name, const char *network,
				   const char *in, char *out, size_t outsize,
				   struct trc_error *err)
{
	const struct btc_fork *f =
		btc_fork_network(btc_fork_find(name), network);

	if (outsize)
		out[0] = '\0';
	if (!f)
		return trc_fail(err, TRC_ERR_INVALID,
				"unknown %s network '%s' (known: %s)", name,
				network ? network : "",
				btc_fork_network_names());
	return btc_fork_address_normalize(f, in, out, outsize, err);
}

static const char *fork_address_network(const char *name, const char *in)
{
	char out[CHAIN_ADDR_MAX];
	const struct btc_fork *f;

	for (size_t i = 0; (f = btc_fork_network_at(btc_fork_find(name), i));
	     i++)
		if (!btc_fork_address_normalize(f, in, out, sizeof(out), NULL))
			return f->net.name;
	return NULL;
}

/*
 * One fork: its units (the coin and its base unit, 8 decimals), its
 * network and address checks, Bitcoin's txid codec. Confirmations: about
 * an hour of blocks, as Bitcoin's 6: Bitcoin Cash's 10-minute blocks 6,
 * Litecoin's 2.5-minute 24, Dogecoin's 1-minute 60.
 */
#define FORK_CHAIN(c, C, title_, asset_, base, confirmations)                  \
	static bool c##_network_valid(const char *network)                     \
	{                                                                      \
		return btc_fork_network(btc_fork_find(#c), network) != NULL;   \
	}                                                                      \
	static enum trc_err c##_normalize(const char *network, const char *in, \
					  char *out, size_t outsize,           \
					  struct trc_error *err)               \
	{                                                                      \
		return fork_normalize(#c, network, in, out, outsize, err);     \
	}                                                                      \
	static const char *c##_address_network(const char *in)                 \
	{                                                                      \
		return fork_address_network(#c, in);                           \
	}                                                                      \
	static const struct chain_unit c##_units[] = {                         \
		{ #c, 8 },                                                     \
		{ base, 0 },                                                   \
		{ NULL, 0 },                                                   \
	};                                                                     \
	const struct chain_ops chain_##c##_ops = {                             \
		.name = #c,                                                    \
		.title = title_,                                               \
		.id = CHAIN_##C,                                               \
		.asset = asset_,                                               \
		.decimals = 8,                                                 \
		.default_network = "main",                                     \
		.default_confirmations = confirmations,                        \
		.units = c##_units,                                            \
		.network_valid = c##_network_valid,                            \
		.address_normalize = c##_normalize,                            \
		.address_network = c##_address_network,                        \
		.txid_parse = btc_txid_parse,                                  \
		.txid_format = btc_txid_format,                                \
	}

/* Titles and assets as fork.c has them (test_forks checks they agree). */
FORK_CHAIN(ltc, LTC, "Litecoin", "LTC", "litoshi", 24);
FORK_CHAIN(bch, BCH, "Bitcoin Cash", "BCH", "sat", 6);
FORK_CHAIN(doge, DOGE, "Dogecoin", "DOGE", "koinu", 60);
