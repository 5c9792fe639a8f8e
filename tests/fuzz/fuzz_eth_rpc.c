/*
 * fuzz_eth_rpc - the Ethereum JSON-RPC source's parsing of the node's
 * results (eth_chainId, the trace probes, eth_blockNumber, blocks with
 * their receipts and call traces, balances, logs, a proven transaction),
 * through the crawl source API against a loopback server (fake_http.h)
 * that answers with the fuzz input. The first byte picks the call (bit 3:
 * --traces none); the rest are the answers, NUL-separated, in request
 * order (the first ones open the source: chain id, then the probes).
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

	static const char *const addrs[2] = {
		"0x52908400098527886E0F7030069857D2E4169EE7",
		"0x8617E340B3D01FA5F11F306F4090FD50E238070D",
	};
	static const char *const assets[2] = {
		NULL,
		"0xdAC17F958D2ee523a2206206994597C13D831ec7",
	};
	static const uint8_t hash[32] = { 0xaa };
	struct crawl_block blocks[2];
	struct rec_tx tx = REC_TX_INIT;
	trc_amount bals[2];
	bool proven;
	uint8_t *list = NULL;
	uint32_t h, n;
	bool more;

	memset(blocks, 0, sizeof(blocks));
	switch ((which & 7) % 6) {
	case 0:
		rc = ops->tip(ctx, &h, e);
		break;
	case 1:
		rc = ops->fetch_blocks(ctx, 1, 1, NULL, blocks, e);
		break;
	case 2:
		rc = ops->fetch_blocks(ctx, 7, 2, NULL, blocks, e);
		break;
	case 3:
		rc = ops->balances_at(ctx, 2, addrs, assets, 9, bals, &proven,
				      e);
		break;
	case 4:
		rc = ops->address_txids(ctx, addrs[0], 50, &list, &n, &more, e);
		break;
	default:
		rc = ops->fetch_tx_proven(ctx, hash, &tx, e);
	}
	free(list);
	for (int i = 0; i < 2; i++)
		crawl_block_release(&blocks[i]);
	rec_tx_release(&tx);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source_cfg cfg = { .kind = "rpc" };

	cfg.traces = size && (data[0] & 8) ? "none" : NULL;
	fake_source_run("eth", &cfg, data, size, call);
	return 0;
}
