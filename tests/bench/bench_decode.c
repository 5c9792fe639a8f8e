/*
 * bench_decode: Bitcoin block decoding and verification (txids, merkle
 * root, proof of work, witness commitment) over the real mainnet blocks of
 * ../shared/data/btc. Baseline: one double SHA-256 over the same bytes,
 * the least any verifier must do, so the ratio shows what decoding and
 * the merkle tree cost on top. Skipped with a message when the reference
 * data is absent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/hash.h"
#include "chains/btc/block.h"
#include "chains/btc/net.h"
#include "tests/bench/util.h"

#define ROUNDS 20

static const char *const blocks[] = {
	"btc/block-277647.bin",
	"btc/block-540107.bin",
	"btc/block-574200.bin",
};

int main(void)
{
	const struct btc_network *net = btc_network_find("main");
	struct buf data[3];
	double bytes = 0, txs = 0, t0, t_dec, t_base;
	uint8_t h[32];

	for (size_t i = 0; i < 3; i++) {
		char path[256];
		struct trc_error e = TRC_ERROR_INIT;

		snprintf(path, sizeof(path), "../shared/data/%s", blocks[i]);
		buf_init(&data[i], 8u << 20);
		if (buf_read_file(&data[i], path, &e)) {
			printf("bench_decode: SKIP: %s not found (reference "
			       "data absent)\n",
			       path);
			return 0;
		}
		bytes += (double)data[i].len;
	}
	t0 = bench_now();
	for (int r = 0; r < ROUNDS; r++)
		for (size_t i = 0; i < 3; i++) {
			struct btc_block b;
			struct trc_error e = TRC_ERROR_INIT;

			btc_block_init(&b);
			if (btc_block_decode(&b, data[i].data, data[i].len,
					     &e) ||
			    btc_block_verify(&b, net, &e)) {
				fprintf(stderr, "bench_decode: %s\n", e.msg);
				return 1;
			}
			txs += b.n_tx;
			btc_block_release(&b);
		}
	t_dec = bench_now() - t0;
	t0 = bench_now();
	for (int r = 0; r < ROUNDS; r++)
		for (size_t i = 0; i < 3; i++)
			hash_sha256d(h, data[i].data, data[i].len);
	t_base = bench_now() - t0;
	bench_report("btc.block_verify", bytes * ROUNDS / 1e6, "MB", t_dec,
		     "sha256d of the bytes", bytes * ROUNDS / 1e6, "MB",
		     t_base);
	printf("%-22s %12.0f tx/s\n", "btc.block_verify", txs / t_dec);
	for (size_t i = 0; i < 3; i++)
		buf_release(&data[i]);
	/* the digest is used, so the baseline loop cannot be elided */
	printf("%-22s %02x (last baseline digest byte)\n", "btc.sha256d", h[0]);
	return 0;
}
