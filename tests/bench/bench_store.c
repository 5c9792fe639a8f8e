/*
 * bench_store: how fast transaction records go into the database through
 * chaindb (records, indexes, one synced batch per 1000-tx "block").
 * Baseline: encoding the same records without writing them, so the ratio
 * is the share of the time that LevelDB and the indexes add.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/chaindb.h"
#include "tests/bench/util.h"

#define TXS 100000
#define PER_BLOCK 1000

static void make_tx(struct rec_tx *tx, uint32_t i)
{
	char addr[64];
	uint8_t prev[32] = { 0 };

	rec_tx_init(tx);
	tx->chain = CHAIN_BTC;
	memset(tx->txid, 0, 32);
	memcpy(tx->txid, &i, sizeof(i));
	tx->height = i / PER_BLOCK;
	tx->position = i % PER_BLOCK;
	memcpy(prev, &i, sizeof(i));
	prev[31] = 1;
	snprintf(addr, sizeof(addr), "bc1qbenchsender%08u", i % 5000);
	if (rec_tx_add_input(tx, prev, 0, REC_IN_RESOLVED, addr,
			     amount_from_u64(100000), NULL))
		abort();
	for (int o = 0; o < 2; o++) {
		snprintf(addr, sizeof(addr), "bc1qbenchreceiver%08u",
			 (i * 7 + (uint32_t)o) % 20000);
		if (rec_tx_add_output(tx, OUT_P2WPKH, addr,
				      amount_from_u64(49000), NULL))
			abort();
	}
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/tracer-bench-XXXXXX";
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;
	struct store_batch *b = store_batch_new();
	struct buf enc = BUF_INIT(1 << 20);
	double t0, t_enc, t_store;
	char cmd[64];

	(void)argc;
	(void)argv;
	if (!mkdtemp(dir) || store_open(&s, dir, STORE_CREATE, &e)) {
		fprintf(stderr, "bench_store: %s\n", e.msg);
		return 1;
	}
	t0 = bench_now();
	for (uint32_t i = 0; i < TXS; i++) {
		struct rec_tx tx;

		make_tx(&tx, i);
		buf_reset(&enc);
		if (rec_tx_encode(&tx, &enc, &e))
			return 1;
		rec_tx_release(&tx);
	}
	t_enc = bench_now() - t0;
	t0 = bench_now();
	for (uint32_t i = 0; i < TXS; i++) {
		struct rec_tx tx;

		make_tx(&tx, i);
		if (chaindb_put_tx(b, &tx, &e))
			return 1;
		rec_tx_release(&tx);
		if ((i + 1) % PER_BLOCK == 0) {
			if (store_batch_commit(s, b, &e))
				return 1;
			store_batch_clear(b);
		}
	}
	t_store = bench_now() - t0;
	bench_report("store.put_tx", TXS, "tx", t_store, "encode only", TXS,
		     "tx", t_enc);
	printf("%-22s %12llu bytes on disk for %d txs\n", "store.size",
	       (unsigned long long)store_disk_bytes(s), TXS);
	store_batch_free(b);
	buf_release(&enc);
	store_close(s);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : 1;
}
