/*
 * fuzz_esplora - the Esplora source's parsing of what a server answers
 * (heights, block hashes, raw blocks and transactions in hex, address
 * history pages, merkle-proof JSON, headers, outspends), through the
 * crawl source API against a loopback server (fake_http.h) that answers
 * with the fuzz input. The first byte picks the call; the rest are the
 * answers, NUL-separated, in request order.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chains/crawl.h"
#include "tests/fuzz/fake_source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A txid seen in the seeds (the regtest genesis coinbase's). */
static const uint8_t TXID[32] = {
	0x3b, 0xa3, 0xed, 0xfd, 0x7a, 0x7b, 0x12, 0xb2, 0x7a, 0xc7, 0x2c,
	0x3e, 0x67, 0x76, 0x8f, 0x61, 0x7f, 0xc8, 0x1b, 0xc3, 0x88, 0x8a,
	0x51, 0x32, 0x3a, 0x9f, 0xb8, 0xaa, 0x4b, 0x1e, 0x5e, 0x4a,
};

static enum trc_err call(const struct source_ops *ops, void *ctx,
			 unsigned which, struct trc_error *e)
{
	enum trc_err rc;

	struct crawl_block blocks[2];
	struct rec_tx txs[2] = { REC_TX_INIT, REC_TX_INIT };
	const uint8_t ids[2][32] = { { 1 }, { 2 } };
	uint8_t spender[32], *list = NULL;
	uint32_t h, n;
	bool more, spent;

	memset(blocks, 0, sizeof(blocks));
	switch (which & 7) {
	case 0:
		rc = ops->tip(ctx, &h, e);
		break;
	case 1:
		rc = ops->fetch_blocks(ctx, 0, 2, NULL, blocks, e);
		break;
	case 2:
		rc = ops->fetch_txs(ctx, 2, ids, txs, e);
		break;
	case 3:
		rc = ops->address_txids(ctx, "bcrt1qfuzz", 60, &list, &n, &more,
					e);
		break;
	case 4:
		rc = ops->fetch_tx_proven(ctx, TXID, &txs[0], e);
		break;
	case 5:
		rc = ops->outspend(ctx, TXID, 0, spender, &spent, e);
		break;
	case 6:
		rc = ops->fetch_tx(ctx, TXID, &txs[0], e);
		break;
	default:
		rc = ops->address_txids(ctx, "bcrt1qfuzz", 1, &list, &n, &more,
					e);
	}
	free(list);
	for (int i = 0; i < 2; i++) {
		crawl_block_release(&blocks[i]);
		rec_tx_release(&txs[i]);
	}
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source_cfg cfg = { .kind = "esplora", .network = "regtest" };

	fake_source_run("btc", &cfg, data, size, call);
	return 0;
}
