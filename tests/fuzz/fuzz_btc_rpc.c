/*
 * fuzz_btc_rpc - the Bitcoin Core RPC source's parsing of the node's
 * results (getblockchaininfo, getnetworkinfo, getblockcount, block hashes,
 * raw blocks and transactions in hex), through the crawl source API
 * against a loopback server (fake_http.h) that answers with the fuzz
 * input. The first byte picks the call; the rest are the answers,
 * NUL-separated, in request order (the first two open the source).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chains/crawl.h"
#include "tests/fuzz/fake_source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum trc_err call(const struct source_ops *ops, void *ctx,
			 unsigned which, struct trc_error *e)
{
	enum trc_err rc;

	struct crawl_block blocks[3];
	struct rec_tx txs[2] = { REC_TX_INIT, REC_TX_INIT };
	const uint8_t ids[2][32] = { { 1 }, { 2 } };
	uint32_t h;

	memset(blocks, 0, sizeof(blocks));
	switch (which % 5) {
	case 0:
		rc = ops->tip(ctx, &h, e);
		break;
	case 1:
		rc = ops->fetch_blocks(ctx, 0, 1, NULL, blocks, e);
		break;
	case 2:
		rc = ops->fetch_blocks(ctx, 5, 3, NULL, blocks, e);
		break;
	case 3:
		rc = ops->fetch_tx(ctx, ids[0], &txs[0], e);
		break;
	default:
		rc = ops->fetch_txs(ctx, 2, ids, txs, e);
	}
	for (int i = 0; i < 3; i++)
		crawl_block_release(&blocks[i]);
	for (int i = 0; i < 2; i++)
		rec_tx_release(&txs[i]);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source_cfg cfg = { .kind = "rpc" };

	fake_source_run("btc", &cfg, data, size, call);
	return 0;
}
