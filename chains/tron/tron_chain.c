/*
 * tron_chain.c - the chain_ops table of Tron.
 *
 * Transaction ids are SHA-256 of the transaction's raw data, stored and
 * shown in that byte order (64 hex digits, no "0x", as Tron's explorers
 * and API show them). Amounts of TRX are in sun (6 decimals).
 */
#include <string.h>

#include "base/hex.h"
#include "chains/chain.h"
#include "chains/tron/tron_addr.h"
#include "store/record.h"

static enum trc_err tron_address_normalize(const char *network, const char *in,
					   char *out, size_t outsize,
					   struct trc_error *err)
{
	uint8_t addr[TRON_ADDR_LEN];
	enum trc_err rc;

	if (outsize)
		out[0] = 0;
	if (network && !tron_network_valid(network))
		return trc_fail(err, TRC_ERR_PARSE,
				"unknown tron network '%.40s' (main, nile, "
				"shasta)",
				network);
	if (outsize < TRON_ADDR_STR)
		return trc_fail(err, TRC_ERR_INVALID,
				"address buffer too small");
	if ((rc = tron_addr_parse(addr, in, err)))
		return rc;
	tron_addr_format(out, addr);
	return TRC_OK;
}

/* A Tron address is the same on every network (the 0x41 prefix): main
 * when valid. */
static const char *tron_address_network(const char *in)
{
	char out[CHAIN_ADDR_MAX];

	return tron_address_normalize(NULL, in, out, sizeof(out), NULL)
		       ? NULL
		       : "main";
}

static enum trc_err tron_txid_parse(const char *in, uint8_t txid[32],
				    struct trc_error *err)
{
	size_t n;
	const char *h = in;

	memset(txid, 0, 32);
	if (h && h[0] == '0' && (h[1] == 'x' || h[1] == 'X'))
		h += 2;
	if (!h || !hex_is_exact(h, 32))
		return trc_fail(err, TRC_ERR_PARSE,
				"transaction id '%.80s' is not 64 hex digits",
				in ? in : "");
	return hex_decode(txid, 32, &n, h, 64, err);
}

static void tron_txid_format(const uint8_t txid[32],
			     char out[CHAIN_TXID_STR_MAX])
{
	hex_encode(out, txid, 32);
}

static const struct chain_unit tron_units[] = {
	{ "trx", 6 },
	{ "sun", 0 },
	{ NULL, 0 },
};

const struct chain_ops chain_tron_ops = {
	.name = "tron",
	.title = "Tron",
	.id = CHAIN_TRON,
	.asset = "TRX",
	.decimals = 6,
	.default_network = "main",
	/* a block is irreversible ("solidified") once 2/3 of the 27 super
	 * representatives built on it: 19 blocks */
	.default_confirmations = 19,
	.units = tron_units,
	.network_valid = tron_network_valid,
	.address_normalize = tron_address_normalize,
	.address_network = tron_address_network,
	.txid_parse = tron_txid_parse,
	.txid_format = tron_txid_format,
};
