/*
 * Test tool: db_make_v1 SRC DST - writes the content of the (version 2)
 * database SRC into a new database DST in the layout of schema version 1,
 * with the version-1 encoder kept here (tracer itself only reads version
 * 1, to upgrade it), so that tests can check that `tracer db upgrade`
 * gives the same traces as a fresh ingest.
 *
 * Version 1 (docs/storage.md of schema version 1): tx 03 chain txid ->
 * record.h encoding; tx_pos 04 chain height position -> txid; addr_hist
 * 05 chain addr(len-prefixed) height position txid -> flags txid; spent_by
 * 06 chain txid vout -> txid vin; leg 09 chain addr asset height position
 * leg dir -> kind dir amount(len-prefixed big-endian).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "store/chaindb.h"
#include "store/tags.h"

enum { V1_TX = 3, V1_TX_POS = 4, V1_HIST = 5, V1_SPENT_BY = 6, V1_LEG = 9 };

struct k1 {
	uint8_t b[600];
	size_t n;
};

static void k_init(struct k1 *k, uint8_t table, uint8_t chain)
{
	k->b[0] = table;
	k->b[1] = chain;
	k->n = 2;
}

static void k_bytes(struct k1 *k, const void *p, size_t n)
{
	memcpy(k->b + k->n, p, n);
	k->n += n;
}

static void k_be32(struct k1 *k, uint32_t v)
{
	uint8_t t[4];

	be32_put(t, v);
	k_bytes(k, t, 4);
}

static void k_str(struct k1 *k, const char *s)
{
	uint8_t n = (uint8_t)strlen(s);

	k_bytes(k, &n, 1);
	k_bytes(k, s, n);
}

struct w {
	struct store *s;
	struct store_batch *b;
	struct trc_error e;
	int failed;
};

static void flush(struct w *w)
{
	if (store_batch_commit(w->s, w->b, &w->e))
		w->failed = 1;
	store_batch_clear(w->b);
}

static void put_hist(struct w *w, const struct rec_tx *tx, const char *a,
		     uint8_t flags)
{
	struct k1 k;
	uint8_t v[33];

	k_init(&k, V1_HIST, tx->chain);
	k_str(&k, a);
	k_be32(&k, tx->height);
	k_be32(&k, tx->position);
	k_bytes(&k, tx->txid, 32);
	v[0] = flags;
	memcpy(v + 1, tx->txid, 32);
	store_batch_put(w->b, k.b, k.n, v, 33);
}

/* One entry per address, flags merged (the old quadratic scan is fine for
 * test databases). */
static void put_history(struct w *w, const struct rec_tx *tx)
{
	const char *seen[4096];
	uint8_t fl[4096];
	size_t n = 0;
	const char *a;

#define END(addr, f)                                                           \
	do {                                                                   \
		size_t j_;                                                     \
		if (!(a = (addr)))                                             \
			break;                                                 \
		for (j_ = 0; j_ < n && strcmp(seen[j_], a); j_++)              \
			;                                                      \
		if (j_ == n && n < 4096) {                                     \
			seen[n] = a;                                           \
			fl[n++] = 0;                                           \
		}                                                              \
		if (j_ < n)                                                    \
			fl[j_] |= (f);                                         \
	} while (0)
	for (uint32_t i = 0; i < tx->n_in; i++)
		END(tx->in[i].address, HIST_SENT);
	for (uint32_t i = 0; i < tx->n_out; i++)
		END(tx->out[i].address, HIST_RECEIVED);
	for (uint32_t i = 0; i < tx->n_legs; i++) {
		END(tx->legs[i].from, HIST_SENT);
		END(tx->legs[i].to, HIST_RECEIVED);
	}
#undef END
	for (size_t i = 0; i < n; i++)
		put_hist(w, tx, seen[i], fl[i]);
}

static void put_leg_end(struct w *w, const struct rec_tx *tx, uint32_t i,
			const char *addr, uint8_t dir)
{
	const struct rec_leg *l = &tx->legs[i];
	struct k1 k;
	uint8_t v[35], be[32];
	size_t n = amount_byte_len(l->value);

	k_init(&k, V1_LEG, tx->chain);
	k_str(&k, addr);
	k_str(&k, l->asset ? l->asset : "");
	k_be32(&k, tx->height);
	k_be32(&k, tx->position);
	k_be32(&k, i);
	k_bytes(&k, &dir, 1);
	amount_to_be32(be, l->value);
	v[0] = l->kind;
	v[1] = dir;
	v[2] = (uint8_t)n;
	memcpy(v + 3, be + 32 - n, n);
	store_batch_put(w->b, k.b, k.n, v, 3 + n);
}

static void put_indexes(struct w *w, const struct rec_tx *tx)
{
	struct k1 k;

	k_init(&k, V1_TX_POS, tx->chain);
	k_be32(&k, tx->height);
	k_be32(&k, tx->position);
	store_batch_put(w->b, k.b, k.n, tx->txid, 32);
	put_history(w, tx);
	for (uint32_t i = 0; i < tx->n_in; i++) {
		uint8_t v[36];

		if (tx->in[i].flags & REC_IN_COINBASE)
			continue;
		k_init(&k, V1_SPENT_BY, tx->chain);
		k_bytes(&k, tx->in[i].prev_txid, 32);
		k_be32(&k, tx->in[i].prev_vout);
		memcpy(v, tx->txid, 32);
		be32_put(v + 32, i);
		store_batch_put(w->b, k.b, k.n, v, 36);
	}
	for (uint32_t i = 0; i < tx->n_legs; i++) {
		const struct rec_leg *l = &tx->legs[i];

		if ((tx->flags & REC_TX_FAILED) && l->kind != LEG_FEE)
			continue;
		if (l->from)
			put_leg_end(w, tx, i, l->from, 2);
		if (l->to)
			put_leg_end(w, tx, i, l->to, 1);
	}
}

static int on_tx(const struct rec_tx *tx, void *ctx)
{
	struct w *w = ctx;
	struct buf v = BUF_INIT(64u << 20);
	struct k1 k;

	if (rec_tx_encode(tx, &v, &w->e)) {
		w->failed = 1;
		return 1;
	}
	k_init(&k, V1_TX, tx->chain);
	k_bytes(&k, tx->txid, 32);
	store_batch_put(w->b, k.b, k.n, v.data, v.len);
	buf_release(&v);
	if (tx->height != REC_HEIGHT_UNKNOWN && !(tx->flags & REC_TX_PREVOUT))
		put_indexes(w, tx);
	if (store_batch_count(w->b) > 5000)
		flush(w);
	return w->failed;
}

static int on_block(const struct rec_block *b, void *ctx)
{
	struct w *w = ctx;

	if (chaindb_put_block(w->b, b, &w->e))
		w->failed = 1;
	return w->failed;
}

static int on_tag(const struct tag *t, void *ctx)
{
	struct w *w = ctx;

	if (tags_put(w->b, t, &w->e))
		w->failed = 1;
	return w->failed;
}

static void copy_chain(struct store *src, struct w *w, uint8_t chain)
{
	char *net = NULL;
	uint8_t hash[32];
	uint32_t height;
	bool found = false;

	if (chaindb_get_network(src, chain, &net, &w->e) ||
	    (net && chaindb_put_network(w->b, chain, net, &w->e)) ||
	    chaindb_each_block(src, chain, on_block, w, &w->e) ||
	    chaindb_get_checkpoint(src, chain, &height, hash, &found, &w->e) ||
	    (found &&
	     chaindb_put_checkpoint(w->b, chain, height, hash, &w->e)) ||
	    tags_each(src, chain, on_tag, w, &w->e) ||
	    chaindb_each_record(src, chain, on_tx, w, &w->e))
		w->failed = 1;
	free(net);
	flush(w);
}

int main(int argc, char **argv)
{
	struct store *src = NULL;
	struct w w = { NULL, NULL, TRC_ERROR_INIT, 0 };

	if (argc != 3) {
		fputs("usage: db_make_v1 SRC DST\n", stderr);
		return 2;
	}
	if (store_open(&src, argv[1], STORE_READONLY, &w.e) ||
	    store_open(&w.s, argv[2], STORE_CREATE, &w.e)) {
		fprintf(stderr, "db_make_v1: %s\n", w.e.msg);
		store_close(src);
		return 1;
	}
	w.b = store_batch_new();
	for (int c = 1; c < 256 && !w.failed; c++)
		if (chain_name((uint8_t)c))
			copy_chain(src, &w, (uint8_t)c);
	if (!w.failed) {
		store_batch_put_version(w.b, 1);
		flush(&w);
	}
	if (w.failed)
		fprintf(stderr, "db_make_v1: %s\n", w.e.msg);
	store_batch_free(w.b);
	store_close(w.s);
	store_close(src);
	return w.failed;
}
