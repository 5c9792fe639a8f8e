/*
 * The trace engine on real mainnet data: block 574200 (2019, in
 * ../shared/data) decoded by the btc adapter, stored as the crawler would
 * store it (inputs spending earlier transactions of the block resolved,
 * the others left to "not in the database"), then traced from every
 * output that is spent inside the block, with every policy: the identity
 * holds exactly, 0 < taint <= value for every output, and the chains of
 * spends inside the block are followed (the first MAX_SEEDS such outputs).
 * Skips when the data is absent.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/intern.h"
#include "chains/btc/block.h"
#include "chains/btc/net.h"
#include "chains/btc/tx.h"
#include "graph/trace.h"
#include "store/chaindb.h"
#include "tests/unit/harness.h"

#define HEIGHT 574200
#define MAX_SEEDS 12 /* each trace reads the whole block */

/* Fills inputs that spend earlier txs of the block (address, value). */
static void resolve(struct rec_tx *recs, uint32_t n, struct intern *ids,
		    uint32_t i)
{
	for (uint32_t k = 0; k < recs[i].n_in; k++) {
		struct rec_input *in = &recs[i].in[k];
		uint32_t p = intern_find(ids, in->prev_txid, 32);
		if (p == INTERN_NONE || p >= i ||
		    in->prev_vout >= recs[p].n_out)
			continue;
		in->flags |= REC_IN_RESOLVED;
		in->value = recs[p].out[in->prev_vout].value;
		if (recs[p].out[in->prev_vout].address)
			CHECK_OK(rec_set_str(&in->address,
					     recs[p].out[in->prev_vout].address,
					     NULL),
				 NULL);
	}
	(void)n;
}

/* Stores the block's txs. Out: the recs (caller releases), *n. */
static struct rec_tx *load(struct store *s, const char *path, uint32_t *n,
			   struct intern *ids)
{
	struct buf raw = BUF_INIT(8u << 20);
	struct btc_block b = BTC_BLOCK_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	struct store_batch *batch = store_batch_new();
	struct rec_tx *recs = NULL;
	uint32_t id;

	CHECK_OK(buf_read_file(&raw, path, &e), &e);
	CHECK_OK(btc_block_decode(&b, raw.data, raw.len, &e), &e);
	CHECK(b.n_tx > 100);
	recs = calloc(b.n_tx, sizeof(*recs));
	for (uint32_t i = 0; recs && i < b.n_tx; i++) {
		CHECK_OK(btc_tx_to_rec(&b.tx[i], btc_network_find("main"),
				       HEIGHT, i, b.hdr.time, &recs[i], &e),
			 &e);
		CHECK_OK(intern_add(ids, recs[i].txid, 32, &id, &e), &e);
		resolve(recs, b.n_tx, ids, i);
		CHECK_OK(chaindb_put_tx(batch, &recs[i], &e), &e);
	}
	CHECK_OK(store_batch_commit(s, batch, &e), &e);
	*n = recs ? b.n_tx : 0;
	store_batch_free(batch);
	btc_block_release(&b);
	buf_release(&raw);
	return recs;
}

static bool balanced(const struct trace_result *r)
{
	const struct trace_asset *a = &r->assets[0];
	trc_amount s = AMOUNT_ZERO;

	if (amount_add(&s, s, a->exits_total) || amount_add(&s, s, a->held) ||
	    amount_add(&s, s, a->fees) || amount_add(&s, s, a->unresolved))
		return false;
	return !amount_cmp(s, a->seed_total) && a->balanced;
}

static bool bounded(const struct trace_result *r)
{
	for (size_t i = 0; i < r->n_outputs; i++)
		if (amount_is_zero(r->outputs[i].taint) ||
		    amount_cmp(r->outputs[i].taint, r->outputs[i].value) > 0)
			return false;
	return true;
}

static void t_block_574200(void)
{
	const char *path = t_shared("btc/block-574200.bin");
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;
	struct intern ids = INTERN_INIT;
	struct rec_tx *recs;
	uint32_t n = 0, seeds = 0, followed = 0;

	if (!path) {
		t_skip("../shared/data/btc/block-574200.bin not found "
		       "(reference data absent)");
		return;
	}
	CHECK_OK(store_open(&s, t_tmp("real"), STORE_CREATE, &e), &e);
	recs = load(s, path, &n, &ids);
	for (uint32_t i = 0; i < n; i++) {
		for (uint32_t k = 0; k < recs[i].n_in; k++) {
			const struct rec_input *in = &recs[i].in[k];
			struct trace_outpoint seed = { { 0 }, 0, { { 0 } } };
			if (!(in->flags & REC_IN_RESOLVED) ||
			    seeds == MAX_SEEDS)
				continue;
			memcpy(seed.txid, in->prev_txid, 32);
			seed.n = in->prev_vout;
			seeds++;
			for (int p = TRACE_POISON; p <= TRACE_TIHO; p++) {
				struct trace_opts o;
				struct trace_result *r = NULL;
				trace_opts_init(&o);
				o.chain = CHAIN_BTC;
				o.policy = (enum trace_policy)p;
				o.seed_outs = &seed;
				o.n_seed_outs = 1;
				o.cluster = p == TRACE_HAIRCUT;
				CHECK_OK(trace_run(s, &o, &r, &e), &e);
				if (!r)
					continue;
				CHECK(bounded(r));
				if (p != TRACE_POISON)
					CHECK(balanced(r));
				if (p == TRACE_HAIRCUT)
					followed += r->counters.txs_visited > 1;
				trace_result_free(r);
			}
		}
	}
	/* a 2019 block has chains of unconfirmed spends inside it */
	CHECK_INT(seeds, MAX_SEEDS);
	CHECK_INT(followed, seeds);
	for (uint32_t i = 0; i < n; i++)
		rec_tx_release(&recs[i]);
	free(recs);
	intern_release(&ids);
	store_close(s);
}

TEST_MAIN({ "block 574200", t_block_574200 })
