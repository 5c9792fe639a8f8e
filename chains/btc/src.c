/*
 * src.c - what the Bitcoin sources share: raw bytes to verified records,
 * with the decoder and checks of chains/btc (block.h, tx.h).
 */
#include "chains/btc/src.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/hex.h"
#include "chains/btc/anchors.h"
#include "chains/btc/block.h"
#include "chains/btc/fork.h"
#include "chains/btc/mweb.h"
#include "chains/btc/net.h"
#include "chains/btc/tx.h"

int btc_src_hash_parse(const char *hex, uint8_t out[32])
{
	if (!hex || strlen(hex) != 64)
		return 0;
	return hex_decode_rev(out, 32, hex, NULL) == TRC_OK;
}

void btc_src_hash_format(const uint8_t h[32], char out[65])
{
	hex_encode_rev(out, h, 32);
}

static enum trc_err block_records(const struct btc_network *net, uint8_t chain,
				  const struct btc_block *b, uint32_t height,
				  struct crawl_block *out,
				  struct trc_error *err)
{
	uint32_t *order = malloc((b->n_tx ? b->n_tx : 1) * sizeof(*order));
	enum trc_err rc;

	if (!order)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	/* stored in the order they can be applied (position = rank): the
	 * block's own on Bitcoin; on Bitcoin Cash a spender sorted before
	 * what it spends comes after it, so every reader of the chain
	 * order (the trace, the history) meets the funds first */
	if ((rc = btc_block_spend_order(b, order, err))) {
		free(order);
		return rc;
	}
	for (uint32_t k = 0; k < b->n_tx; k++) {
		uint32_t i = order[k];
		struct rec_tx *tx;

		if ((rc = crawl_block_add_tx(out, &tx, err)) ||
		    (rc = btc_tx_to_rec(&b->tx[i], net, height, k, b->hdr.time,
					tx, err))) {
			free(order);
			return rc;
		}
		/* btc_src_block verifies the merkle root and the work */
		tx->flags |= REC_TX_INCLUDED;
		/* Litecoin's HogEx: what it spends (the previous HogEx's
		 * output, the block's peg-ins) passes into MWEB, where
		 * tracer cannot follow it; its outputs (MWEB's balance,
		 * the peg-outs) come out of MWEB clean, as if minted */
		if (b->hogex && i + 1 == b->n_tx)
			for (uint32_t j = 0; j < tx->n_in; j++)
				tx->in[j].flags = REC_IN_COINBASE;
		/* the block's peg-ins (btc_fork_block_verify matched each
		 * OP_9 output to its kernel, and the HogEx spends them):
		 * their value passes into MWEB, unresolved there */
		if (b->hogex && i + 1 < b->n_tx)
			for (uint32_t j = 0; j < tx->n_out; j++)
				if (btc_mweb_is_pegin(
					    b->tx[i].out[j].script.p,
					    b->tx[i].out[j].script.len))
					tx->out[j].cls = OUT_PEG_IN;
		tx->chain = chain;
	}
	free(order);
	return TRC_OK;
}

/* The block record and its transactions from a verified block. */
static enum trc_err fill(const struct btc_network *net, uint8_t chain,
			 const struct btc_block *b, uint32_t height,
			 const char *source, struct crawl_block *out,
			 struct trc_error *err)
{
	enum trc_err rc;

	out->block.chain = chain;
	out->block.height = height;
	memcpy(out->block.hash, b->hdr.hash, 32);
	memcpy(out->block.prev, b->hdr.prev, 32);
	out->block.time = b->hdr.time;
	out->block.tx_count = b->n_tx;
	out->block.fetched_at = (int64_t)time(NULL);
	out->block.verified = REC_VERIFIED_TXIDS | REC_VERIFIED_ROOT |
			      REC_VERIFIED_POW | REC_VERIFIED_HEADER;
	if ((rc = rec_set_str(&out->block.source, source, err)))
		return rc;
	return block_records(net, chain, b, height, out, err);
}

static enum trc_err check_hash(const struct btc_block *b,
			       const uint8_t *want_hash, struct trc_error *err)
{
	char hex[65];

	if (!want_hash || !memcmp(b->hdr.hash, want_hash, 32))
		return TRC_OK;
	btc_src_hash_format(b->hdr.hash, hex);
	return trc_fail(err, TRC_ERR_VERIFY,
			"the source sent block %s for another hash", hex);
}

enum trc_err btc_src_block(const struct btc_network *net, const uint8_t *raw,
			   size_t len, uint32_t height,
			   const uint8_t *want_hash, const char *source,
			   struct crawl_block *out, struct trc_error *err)
{
	struct btc_block b = BTC_BLOCK_INIT;
	enum trc_err rc;

	if ((rc = btc_block_decode(&b, raw, len, err)) ||
	    (rc = check_hash(&b, want_hash, err)) ||
	    (rc = btc_block_verify_at(&b, net, height, err)) ||
	    (rc = fill(net, CHAIN_BTC, &b, height, source, out, err))) {
		btc_block_release(&b);
		crawl_block_release(out);
		return trc_error_prefix(err, rc, "block %u", height);
	}
	btc_block_release(&b);
	return TRC_OK;
}

enum trc_err btc_src_fork_block(const struct btc_fork *fork, uint8_t chain,
				const uint8_t *raw, size_t len, uint32_t height,
				const uint8_t *want_hash, const char *source,
				struct crawl_block *out, struct trc_error *err)
{
	struct btc_block b = BTC_BLOCK_INIT;
	struct buf bytes = BUF_INIT(BTC_SRC_BLOCK_MAX);
	enum trc_err rc;

	if ((rc = btc_fork_block_verify(fork, raw, len, height, &b, &bytes,
					err)) ||
	    (rc = check_hash(&b, want_hash, err)) ||
	    (rc = fill(&fork->net, chain, &b, height, source, out, err)))
		crawl_block_release(out);
	btc_block_release(&b);
	buf_release(&bytes);
	return rc ? trc_error_prefix(err, rc, "block %u", height) : TRC_OK;
}

enum trc_err btc_src_tx_decode(const uint8_t *raw, size_t len,
			       const uint8_t want_txid[32], struct btc_tx *t,
			       struct trc_error *err)
{
	char want[65], got[65];
	enum trc_err rc;

	btc_src_hash_format(want_txid, want);
	if ((rc = btc_tx_decode(t, raw, len, err)))
		return trc_error_prefix(err, rc, "transaction %s", want);
	if (memcmp(t->txid, want_txid, 32)) {
		btc_src_hash_format(t->txid, got);
		return trc_fail(err, TRC_ERR_VERIFY,
				"asked for transaction %s, the bytes sent "
				"hash to %s",
				want, got);
	}
	return TRC_OK;
}

enum trc_err btc_src_tx(const struct btc_network *net, const uint8_t *raw,
			size_t len, const uint8_t want_txid[32],
			struct rec_tx *tx, struct trc_error *err)
{
	struct btc_tx t = BTC_TX_INIT;
	enum trc_err rc = btc_src_tx_decode(raw, len, want_txid, &t, err);

	if (!rc)
		rc = btc_tx_to_rec(&t, net, REC_HEIGHT_UNKNOWN, 0, 0, tx, err);
	btc_tx_release(&t);
	return rc;
}

enum trc_err btc_src_header(const struct btc_network *net, uint32_t height,
			    const uint8_t hdr[80], uint8_t hash[32],
			    uint8_t merkle[32], uint8_t prev[32],
			    uint32_t *time_out, struct trc_error *err)
{
	struct btc_header h;
	enum trc_err rc;

	if ((rc = btc_header_decode(&h, hdr, 80, err)) ||
	    (rc = btc_header_check_pow(&h, net, err)) ||
	    (rc = btc_header_check_anchor(net, height, &h, err)))
		return rc;
	memcpy(hash, h.hash, 32);
	memcpy(merkle, h.merkle_root, 32);
	memcpy(prev, h.prev, 32);
	*time_out = h.time;
	return TRC_OK;
}

const struct source_kind btc_sources[] = {
	{ "rpc", btc_src_rpc_open },
	{ "esplora", btc_src_esplora_open },
	{ "blocks", btc_src_blk_open },
	{ NULL, NULL },
};

/* The forks: a node of each answers Bitcoin Core's RPC (getblockhash,
 * getblock HASH 0, getrawtransaction), and writes Bitcoin Core's block
 * files with its own magic; Litecoin also has Esplora servers
 * (litecoinspace.org). */
const struct source_kind ltc_sources[] = {
	{ "rpc", btc_src_rpc_open },
	{ "esplora", btc_src_esplora_open },
	{ "blocks", btc_src_blk_open },
	{ NULL, NULL },
};
#define FORK_SOURCES(c)                                                        \
	const struct source_kind c##_sources[] = {                             \
		{ "rpc", btc_src_rpc_open },                                   \
		{ "blocks", btc_src_blk_open },                                \
		{ NULL, NULL },                                                \
	}
FORK_SOURCES(bch);
FORK_SOURCES(doge);
