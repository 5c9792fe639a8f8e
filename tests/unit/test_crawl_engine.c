/*
 * test_crawl_engine - the crawl engine against a scripted source: range
 * ingest, re-run adds nothing, resume after a stop gives the same digest,
 * reorg detection, network mismatch, verification failures with and
 * without --skip-invalid, prevouts fetched from the source, opening
 * balances of account-shaped records, and follow mode stopping at tagged
 * addresses and hubs.
 *
 * The source is a small deterministic chain: block h's coinbase pays 50 to
 * "miner"; from block 2 on, one tx spends the coinbase of block h-1: 30 to
 * "alice", 19 back to "miner" (fee 1). Its values are what a real chain
 * would give, so the fee and the balances are checked, not assumed.
 */
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/hex.h"
#include "chains/crawl.h"
#include "store/chaindb.h"
#include "store/dbcheck.h"
#include "store/tags.h"
#include "tests/unit/harness.h"

static void fmt(const uint8_t t[32], char out[65])
{
	hex_encode(out, t, 32);
}

static const struct chain_ops fake_chain = {
	.name = "btc",
	.id = CHAIN_BTC,
	.asset = "BTC",
	.decimals = 8,
	.default_network = "main",
	.default_confirmations = 2,
	.txid_format = fmt,
};

struct fake {
	uint32_t tip;
	uint32_t bad_link_at; /* 0: none */
	uint32_t bad_tx_at;   /* a tx spending a missing output at h */
	uint32_t fetch_tx_calls;
	uint32_t balance_calls;
	bool proven;   /* what balances_at says of its balances */
	bool accounts; /* legs instead of inputs/outputs */
	const char *network;
};

static void block_hash(uint32_t h, uint8_t out[32])
{
	uint8_t m[5] = { 'b' };

	be32_put(m + 1, h);
	hash_sha256(out, m, 5);
}

static void tx_id(uint32_t h, uint32_t pos, uint8_t out[32])
{
	uint8_t m[9] = { 't' };

	be32_put(m + 1, h);
	be32_put(m + 5, pos);
	hash_sha256(out, m, 9);
}

static enum trc_err f_tip(void *ctx, uint32_t *h, struct trc_error *err)
{
	(void)err;
	*h = ((struct fake *)ctx)->tip;
	return TRC_OK;
}

static enum trc_err make_utxo_txs(struct fake *f, struct crawl_block *cb,
				  uint32_t h, struct trc_error *err)
{
	enum trc_err rc;
	struct rec_tx *tx;
	uint8_t prev[32], zero[32] = { 0 };

	if ((rc = crawl_block_add_tx(cb, &tx, err)))
		return rc;
	tx->chain = CHAIN_BTC;
	tx->height = h;
	tx->flags = REC_TX_COINBASE;
	tx_id(h, 0, tx->txid);
	if ((rc = rec_tx_add_input(tx, zero, UINT32_MAX, REC_IN_COINBASE, NULL,
				   AMOUNT_ZERO, err)) ||
	    (rc = rec_tx_add_output(tx, OUT_P2PKH, "miner", amount_from_u64(50),
				    err)))
		return rc;
	if (h < 2)
		return TRC_OK;
	if ((rc = crawl_block_add_tx(cb, &tx, err)))
		return rc;
	tx->chain = CHAIN_BTC;
	tx->height = h;
	tx->position = 1;
	tx_id(h, 1, tx->txid);
	tx_id(h - 1, 0, prev);
	if ((rc = rec_tx_add_input(tx, prev, h == f->bad_tx_at ? 7 : 0, 0, NULL,
				   AMOUNT_ZERO, err)) ||
	    (rc = rec_tx_add_output(tx, OUT_P2PKH, "alice", amount_from_u64(30),
				    err)) ||
	    (rc = rec_tx_add_output(tx, OUT_P2WPKH, "miner",
				    amount_from_u64(19), err)))
		return rc;
	return TRC_OK;
}

/* Account shape: "a" sends 5 to "b" in every block, "b" pays a fee. */
static enum trc_err make_account_txs(struct crawl_block *cb, uint32_t h,
				     struct trc_error *err)
{
	enum trc_err rc;
	struct rec_tx *tx;

	if ((rc = crawl_block_add_tx(cb, &tx, err)))
		return rc;
	tx->chain = CHAIN_BTC;
	tx->height = h;
	tx_id(h, 0, tx->txid);
	if ((rc = rec_tx_add_leg(tx, LEG_NATIVE, NULL, "a", "b",
				 amount_from_u64(5), err)) ||
	    (rc = rec_tx_add_leg(tx, LEG_FEE, NULL, "a", NULL,
				 amount_from_u64(1), err)) ||
	    (rc = rec_tx_add_leg(tx, LEG_TOKEN, "tok", "b", "c",
				 amount_from_u64(2), err)))
		return rc;
	return TRC_OK;
}

static enum trc_err f_blocks(void *ctx, uint32_t h, uint32_t n,
			     const uint8_t *parent, struct crawl_block *out,
			     struct trc_error *err)
{
	enum trc_err rc;
	struct fake *f = ctx;

	(void)parent;
	for (uint32_t i = 0; i < n; i++) {
		struct crawl_block *cb = &out[i];
		uint32_t k = h + i;

		cb->block.chain = CHAIN_BTC;
		cb->block.height = k;
		block_hash(k, cb->block.hash);
		if (k)
			block_hash(k == f->bad_link_at ? 999999 : k - 1,
				   cb->block.prev);
		cb->block.time = 1000 + k;
		cb->block.verified = REC_VERIFIED_ROOT;
		if ((rc = rec_set_str(&cb->block.source, "fake://", err)))
			return rc;
		if ((rc = f->accounts ? make_account_txs(cb, k, err)
				      : make_utxo_txs(f, cb, k, err)))
			return rc;
		cb->block.tx_count = cb->n_txs;
	}
	return TRC_OK;
}

static enum trc_err f_tx(void *ctx, const uint8_t txid[32], struct rec_tx *tx,
			 struct trc_error *err)
{
	struct fake *f = ctx;
	struct crawl_block cb = { 0 };
	enum trc_err rc;

	f->fetch_tx_calls++;
	/* only coinbases are ever fetched here: find which one */
	for (uint32_t h = 0; h <= f->tip; h++) {
		uint8_t id[32];

		tx_id(h, 0, id);
		if (memcmp(id, txid, 32))
			continue;
		rc = f_blocks(ctx, h, 1, NULL, &cb, err);
		if (!rc) {
			*tx = cb.txs[0];
			rec_tx_init(&cb.txs[0]);
		}
		crawl_block_release(&cb);
		return rc;
	}
	return trc_fail(err, TRC_ERR_NOTFOUND, "no such tx");
}

static uint32_t batch_calls;

static enum trc_err f_txs(void *ctx, uint32_t n, const uint8_t (*ids)[32],
			  struct rec_tx *txs, struct trc_error *err)
{
	enum trc_err rc;
	batch_calls++;
	for (uint32_t i = 0; i < n; i++)
		if ((rc = f_tx(ctx, ids[i], &txs[i], err)))
			return rc;
	return TRC_OK;
}

static enum trc_err f_balances(void *ctx, uint32_t n, const char *const *addrs,
			       const char *const *assets, uint32_t height,
			       trc_amount *bals, bool *proven,
			       struct trc_error *err)
{
	struct fake *f = ctx;

	(void)err;
	(void)height;
	*proven = f->proven;
	for (uint32_t i = 0; i < n; i++) {
		f->balance_calls++;
		/* "a" held 100 before; tokens: "b" held 7 */
		bals[i] = amount_from_u64(
			!assets[i] && !strcmp(addrs[i], "a")  ? 100
			: assets[i] && !strcmp(addrs[i], "b") ? 7
							      : 0);
	}
	return TRC_OK;
}

static const char *f_network(void *ctx)
{
	return ((struct fake *)ctx)->network;
}

static const char *f_prov(void *ctx)
{
	(void)ctx;
	return "fake://";
}

static const struct source_ops fake_ops = {
	.tip = f_tip,
	.fetch_blocks = f_blocks,
	.fetch_tx = f_tx,
	.balances_at = f_balances,
	.network = f_network,
	.provenance = f_prov,
};

static const struct source_ops batch_ops = {
	.tip = f_tip,
	.fetch_blocks = f_blocks,
	.fetch_tx = f_tx,
	.fetch_txs = f_txs,
	.network = f_network,
	.provenance = f_prov,
};

static struct store *open_db(const char *name)
{
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(store_open(&s, t_tmp(name), STORE_CREATE, &e), &e);
	return s;
}

static void digest(struct store *s, char out[65])
{
	struct dbcheck_result res;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(dbcheck_run(s, &res, &e), &e);
	CHECK_INT(res.bad, 0);
	hex_encode(out, res.digest, 32);
}

static struct crawl_opts opts(uint32_t conf)
{
	struct crawl_opts o;

	memset(&o, 0, sizeof(o));
	o.to = CRAWL_TO_TIP;
	o.confirmations = conf;
	o.chunk = 3;
	return o;
}

static void t_range_and_rerun(void)
{
	struct fake f = { .tip = 12, .network = "regtest" };
	struct crawl_source src = { &fake_ops, &f };
	struct store *s = open_db("range");
	struct crawl_opts o = opts(2);
	struct crawl_stats st;
	struct trc_error e = TRC_ERROR_INIT;
	struct rec_tx tx = REC_TX_INIT;
	uint8_t id[32], cph[32], spender[32];
	uint32_t cp, vin;
	bool found;
	char d1[65], d2[65];

	CHECK_OK(crawl_range(s, &fake_chain, &src, &o, &st, &e), &e);
	CHECK_INT(st.first, 0);
	CHECK_INT(st.last, 10);
	CHECK_INT(st.blocks, 11);
	CHECK_INT(st.txs, 20);
	CHECK_INT(f.fetch_tx_calls, 0);
	CHECK_OK(chaindb_get_checkpoint(s, CHAIN_BTC, &cp, cph, &found, &e),
		 &e);
	CHECK(found);
	CHECK_INT(cp, 10);
	tx_id(7, 1, id);
	CHECK_OK(chaindb_get_tx(s, CHAIN_BTC, id, &tx, &found, &e), &e);
	CHECK(found);
	CHECK_STR(tx.in[0].address, "miner");
	CHECK(tx.in[0].flags & REC_IN_RESOLVED);
	CHECK(amount_cmp(tx.fee, amount_from_u64(1)) == 0);
	rec_tx_release(&tx);
	tx_id(6, 0, id);
	CHECK_OK(chaindb_get_spent_by(s, CHAIN_BTC, id, 0, spender, &vin,
				      &found, &e),
		 &e);
	CHECK(found);
	tx_id(7, 1, id);
	CHECK(!memcmp(spender, id, 32));
	digest(s, d1);
	CHECK_OK(crawl_range(s, &fake_chain, &src, &o, &st, &e), &e);
	CHECK(st.up_to_date);
	CHECK_INT(st.blocks, 0);
	digest(s, d2);
	CHECK_STR(d1, d2);
	store_close(s);
}

static volatile sig_atomic_t stop_flag;

static void stop_after(void *ctx, const struct crawl_stats *st)
{
	(void)ctx;
	if (st->height == 4 || st->height == 8)
		stop_flag = 1;
}

static void t_resume_same_digest(void)
{
	struct fake f = { .tip = 12, .network = "regtest" };
	struct crawl_source src = { &fake_ops, &f };
	struct store *a = open_db("whole"), *b = open_db("pieces");
	struct crawl_opts o = opts(2);
	struct crawl_stats st;
	struct trc_error e = TRC_ERROR_INIT;
	char d1[65], d2[65];
	int runs = 0;

	CHECK_OK(crawl_range(a, &fake_chain, &src, &o, &st, &e), &e);
	o.stop = &stop_flag;
	o.on_progress = stop_after;
	for (;;) {
		enum trc_err rc;

		stop_flag = 0;
		rc = crawl_range(b, &fake_chain, &src, &o, &st, &e);
		runs++;
		if (rc != TRC_ERR_INTERRUPTED) {
			CHECK_OK(rc, &e);
			break;
		}
		CHECK(strstr(e.msg, "interrupted after block") != NULL);
		if (runs > 5)
			break;
	}
	CHECK_INT(runs, 3);
	digest(a, d1);
	digest(b, d2);
	CHECK_STR(d1, d2);
	store_close(a);
	store_close(b);
}

static void t_reorg_and_network(void)
{
	struct fake f = { .tip = 8, .network = "regtest" };
	struct crawl_source src = { &fake_ops, &f };
	struct store *s = open_db("reorg");
	struct crawl_opts o = opts(0);
	struct crawl_stats st;
	struct trc_error e = TRC_ERROR_INIT;

	o.to = 4;
	CHECK_OK(crawl_range(s, &fake_chain, &src, &o, &st, &e), &e);
	f.bad_link_at = 5;
	o.to = CRAWL_TO_TIP;
	CHECK_INT(crawl_range(s, &fake_chain, &src, &o, &st, &e),
		  TRC_ERR_REORG);
	CHECK(strstr(e.msg, "block 5 does not link to the stored block 4") !=
	      NULL);
	CHECK_INT(st.blocks, 0);
	f.bad_link_at = 0;
	f.network = "main";
	CHECK_INT(crawl_range(s, &fake_chain, &src, &o, &st, &e),
		  TRC_ERR_INVALID);
	CHECK(strstr(e.msg, "'regtest'") != NULL);
	o.from = 7;
	o.from_given = true;
	f.network = "regtest";
	CHECK_INT(crawl_range(s, &fake_chain, &src, &o, &st, &e),
		  TRC_ERR_INVALID);
	CHECK(strstr(e.msg, "gap") != NULL);
	store_close(s);
}

static uint32_t failures_seen;

static void on_fail(void *ctx, const struct crawl_failure *f)
{
	(void)ctx;
	CHECK_INT(f->height, 5);
	CHECK(f->has_txid);
	CHECK(strstr(f->reason, "spends output 7") != NULL);
	failures_seen++;
}

static void t_invalid_records(void)
{
	struct fake f = { .tip = 8, .bad_tx_at = 5, .network = "regtest" };
	struct crawl_source src = { &fake_ops, &f };
	struct store *s = open_db("invalid");
	struct crawl_opts o = opts(0);
	struct crawl_stats st;
	struct trc_error e = TRC_ERROR_INIT;
	uint32_t cp;
	uint8_t h[32];
	bool found;

	o.on_failure = on_fail;
	CHECK_INT(crawl_range(s, &fake_chain, &src, &o, &st, &e),
		  TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "block 5 tx") != NULL);
	CHECK_OK(chaindb_get_checkpoint(s, CHAIN_BTC, &cp, h, &found, &e), &e);
	CHECK_INT(cp, 4);
	o.skip_invalid = true;
	CHECK_OK(crawl_range(s, &fake_chain, &src, &o, &st, &e), &e);
	CHECK_INT(st.failures, 1);
	CHECK_INT(st.blocks, 4);
	CHECK_INT(failures_seen, 2);
	store_close(s);
}

static void t_prevouts_fetched(void)
{
	struct fake f = { .tip = 8, .network = "regtest" };
	struct crawl_source src = { &fake_ops, &f };
	struct store *s = open_db("prevouts");
	struct crawl_opts o = opts(0);
	struct crawl_stats st;
	struct trc_error e = TRC_ERROR_INIT;
	struct rec_tx tx = REC_TX_INIT;
	uint8_t id[32];
	bool found;

	o.from = 5;
	o.from_given = true;
	CHECK_OK(crawl_range(s, &fake_chain, &src, &o, &st, &e), &e);
	CHECK_INT(f.fetch_tx_calls, 1); /* block 4's coinbase only */
	CHECK_INT(st.prevouts, 1);
	tx_id(4, 0, id);
	CHECK_OK(chaindb_get_tx(s, CHAIN_BTC, id, &tx, &found, &e), &e);
	CHECK(found);
	CHECK(tx.flags & REC_TX_PREVOUT);
	rec_tx_release(&tx);
	store_close(s);
}

static void t_prevouts_batched(void)
{
	struct fake f = { .tip = 8, .network = "regtest" };
	struct crawl_source src = { &batch_ops, &f };
	struct store *s = open_db("prevouts-batched");
	struct crawl_opts o = opts(0);
	struct crawl_stats st;
	struct trc_error e = TRC_ERROR_INIT;
	struct rec_tx tx = REC_TX_INIT;
	uint8_t id[32];
	bool found;

	o.from = 5;
	o.from_given = true;
	CHECK_OK(crawl_range(s, &fake_chain, &src, &o, &st, &e), &e);
	CHECK_INT(batch_calls, 1);
	CHECK_INT(f.fetch_tx_calls, 1);
	CHECK_INT(st.prevouts, 1);
	tx_id(5, 1, id);
	CHECK_OK(chaindb_get_tx(s, CHAIN_BTC, id, &tx, &found, &e), &e);
	CHECK(found);
	CHECK(tx.in[0].flags & REC_IN_RESOLVED);
	CHECK(amount_cmp(tx.in[0].value, amount_from_u64(50)) == 0);
	CHECK(amount_cmp(tx.fee, amount_from_u64(1)) == 0);
	rec_tx_release(&tx);
	store_close(s);
}

struct sums {
	trc_amount in, out;
	uint32_t openings;
};

static int sum_leg(const struct chaindb_leg *l, void *ctx)
{
	struct sums *s = ctx;

	if (l->asset)
		return 0;
	if (l->kind == LEG_OPENING)
		s->openings++;
	CHECK(!amount_add(l->dir == 1 ? &s->in : &s->out,
			  l->dir == 1 ? s->in : s->out, l->value));
	return 0;
}

static void t_openings(void)
{
	struct fake f = { .tip = 6, .accounts = true, .network = "x" };
	struct crawl_source src = { &fake_ops, &f };
	struct store *s = open_db("openings");
	struct crawl_opts o = opts(0);
	struct crawl_stats st;
	struct trc_error e = TRC_ERROR_INIT;
	struct sums a = { AMOUNT_ZERO, AMOUNT_ZERO, 0 };

	o.from = 3;
	o.from_given = true;
	CHECK_OK(crawl_range(s, &fake_chain, &src, &o, &st, &e), &e);
	CHECK_INT(st.blocks, 4);
	/* a, b native; b, c token: asked once each, at the first block */
	CHECK_INT(f.balance_calls, 4);
	CHECK_INT(st.openings, 2);
	CHECK_OK(chaindb_each_leg(s, CHAIN_BTC, "a", sum_leg, &a, &e), &e);
	CHECK_INT(a.openings, 1);
	/* 100 opening, then 4 blocks of 5 sent and 1 fee */
	CHECK(amount_cmp(a.in, amount_from_u64(100)) == 0);
	CHECK(amount_cmp(a.out, amount_from_u64(24)) == 0);
	store_close(s);
}

/* Checks the level of every opening leg: proven for a native balance
 * when balances_at said so, else (tokens always) asserted. */
struct open_check {
	bool proven;
	int seen;
};

static int check_opening(const struct rec_tx *tx, void *ctx)
{
	struct open_check *c = ctx;

	for (uint32_t k = 0; k < tx->n_legs; k++) {
		if (tx->legs[k].kind != LEG_OPENING)
			continue;
		CHECK_INT(rec_tx_level(tx, k), c->proven && !tx->legs[k].asset
						       ? REC_LEVEL_PROVEN
						       : REC_LEVEL_ASSERTED);
		c->seen++;
	}
	return 0;
}

static void t_openings_proven(void)
{
	for (int p = 0; p < 2; p++) {
		struct fake f = {
			.tip = 6, .accounts = true, .network = "x", .proven = p
		};
		struct crawl_source src = { &fake_ops, &f };
		struct store *s = open_db(p ? "open-proven" : "open-asserted");
		struct crawl_opts o = opts(0);
		struct crawl_stats st;
		struct trc_error e = TRC_ERROR_INIT;
		struct open_check c = { p, 0 };

		o.from = 3;
		o.from_given = true;
		CHECK_OK(crawl_range(s, &fake_chain, &src, &o, &st, &e), &e);
		CHECK_OK(chaindb_each_record(s, CHAIN_BTC, check_opening, &c,
					     &e),
			 &e);
		CHECK_INT(c.seen, 2); /* a's ETH, b's token */
		store_close(s);
	}
}

/* Follow: a -> tx1 -> b, c; b -> tx2 -> d (tagged exchange); c is a hub. */
static uint32_t proven_calls;

static void fid(int k, uint8_t out[32])
{
	tx_id(500, (uint32_t)k, out);
}

static enum trc_err ff_txids(void *ctx, const char *addr, uint32_t max,
			     uint8_t **ids, uint32_t *n, bool *more,
			     struct trc_error *err)
{
	(void)ctx;
	(void)err;
	*ids = calloc(3, 32);
	*n = 0;
	*more = !strcmp(addr, "c") && max < 5;
	if (!strcmp(addr, "a") || !strcmp(addr, "b"))
		fid(1, *ids + 32 * (*n)++);
	if (!strcmp(addr, "b") || !strcmp(addr, "d"))
		fid(2, *ids + 32 * (*n)++);
	return TRC_OK;
}

static enum trc_err ff_proven(void *ctx, const uint8_t txid[32],
			      struct rec_tx *tx, struct trc_error *err)
{
	enum trc_err rc;
	uint8_t one[32], seed[32];

	(void)ctx;
	proven_calls++;
	fid(1, one);
	fid(0, seed);
	tx->chain = CHAIN_BTC;
	tx->height = 500;
	memcpy(tx->txid, txid, 32);
	if (!memcmp(txid, one, 32)) {
		tx->position = 1;
		if ((rc = rec_tx_add_input(tx, seed, 0, REC_IN_RESOLVED, "a",
					   amount_from_u64(10), err)) ||
		    (rc = rec_tx_add_output(tx, OUT_P2PKH, "b",
					    amount_from_u64(6), err)) ||
		    (rc = rec_tx_add_output(tx, OUT_P2PKH, "c",
					    amount_from_u64(4), err)))
			return rc;
		return TRC_OK;
	}
	tx->position = 2;
	if ((rc = rec_tx_add_input(tx, one, 0, 0, NULL, AMOUNT_ZERO, err)) ||
	    (rc = rec_tx_add_output(tx, OUT_P2PKH, "d", amount_from_u64(5),
				    err)))
		return rc;
	return TRC_OK;
}

static const struct source_ops follow_ops = {
	.address_txids = ff_txids,
	.fetch_tx_proven = ff_proven,
	.network = f_network,
	.provenance = f_prov,
};

static char stops[256];

static void on_stop(void *ctx, const char *addr, const char *why)
{
	(void)ctx;
	snprintf(stops + strlen(stops), sizeof(stops) - strlen(stops), "%s=%s;",
		 addr, why);
}

static void t_follow(void)
{
	struct fake f = { .network = "regtest" };
	struct crawl_source src = { &follow_ops, &f };
	struct store *s = open_db("follow");
	struct store_batch *b = store_batch_new();
	struct tag t = TAG_INIT;
	struct follow_opts o;
	struct crawl_stats st;
	struct trc_error e = TRC_ERROR_INIT;
	struct rec_tx tx = REC_TX_INIT;
	char seed_a[] = "a";
	char *seeds[] = { seed_a };
	uint8_t id[32];
	bool found;

	t.chain = CHAIN_BTC;
	t.category = TAG_EXCHANGE;
	t.confidence = 90;
	CHECK_OK(rec_set_str(&t.address, "d", &e), &e);
	CHECK_OK(rec_set_str(&t.entity, "Example Exchange", &e), &e);
	CHECK_OK(rec_set_str(&t.source, "test", &e), &e);
	CHECK_OK(tags_put(b, &t, &e), &e);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	memset(&o, 0, sizeof(o));
	o.seed_addrs = seeds;
	o.n_seed_addrs = 1;
	o.hops = 3;
	o.max_txs = 100;
	o.hub_txs = 2;
	o.on_stop_at = on_stop;
	CHECK_OK(crawl_follow(s, &fake_chain, &src, &o, &st, &e), &e);
	CHECK_INT(st.txs, 2);
	CHECK_INT(proven_calls, 2);
	CHECK(strstr(stops, "c=unlabelled hub") != NULL);
	CHECK(strstr(stops, "d=tagged exchange: Example Exchange") != NULL);
	fid(2, id);
	CHECK_OK(chaindb_get_tx(s, CHAIN_BTC, id, &tx, &found, &e), &e);
	CHECK(found);
	CHECK_STR(tx.in[0].address, "b");
	CHECK(amount_cmp(tx.fee, amount_from_u64(1)) == 0);
	rec_tx_release(&tx);
	/* --max-txs 1: one tx, then stop (a fresh database) */
	store_close(s);
	s = open_db("follow-max");
	o.max_txs = 1;
	proven_calls = 0;
	CHECK_OK(crawl_follow(s, &fake_chain, &src, &o, &st, &e), &e);
	CHECK_INT(st.txs, 1);
	CHECK_INT(proven_calls, 1);
	tag_release(&t);
	store_batch_free(b);
	store_close(s);
}

TEST_MAIN({ "range ingest, re-run adds nothing", t_range_and_rerun },
	  { "stopped twice, resumed: same digest", t_resume_same_digest },
	  { "reorg, network and gap refused", t_reorg_and_network },
	  { "invalid records stop or are skipped", t_invalid_records },
	  { "prevouts fetched outside the range", t_prevouts_fetched },
	  { "prevouts fetched as one batch", t_prevouts_batched },
	  { "opening balances of account legs", t_openings },
	  { "opening balances proven or asserted", t_openings_proven },
	  { "follow stops at tagged addresses and hubs", t_follow })
