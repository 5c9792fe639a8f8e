/*
 * trace.c - trace_run: options and seeds, clustering, and the run over the
 * transactions the seeds reach, in chain order (trace_queue.c), keeping
 * taint on the coins (UTXO) and in the pools (accounts). Reaching is
 * decided in chain order, so every tainted input is known before the tx
 * that spends it. The parts are listed in trace_int.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/trace_int.h"
#include "store/chaindb.h"

enum trc_err eng_apply(struct eng *e, const struct rec_tx *tx)
{
	e->r->counters.txs_scanned++;
	e->cur_tx = TRACE_NONE;
	e->cur = tx;
	if (tx->n_legs)
		pool_tx(e, tx);
	else
		utxo_tx(e, tx);
	e->cur = NULL;
	if (e->rc) {
		char txid[TRACE_TXID_STR];
		eng_fmt_txid(e->o, tx->txid, txid);
		return trc_error_prefix(e->err, e->rc, "transaction %s", txid);
	}
	return TRC_OK;
}

/* ---- setup ---- */

static enum trc_err echo_opts(struct eng *e)
{
	const struct trace_opts *o = e->o;
	struct trace_result *r = e->r;
	size_t n = o->n_seed_addrs + o->n_seed_outs;

	r->chain = o->chain;
	r->policy = o->policy;
	r->hops = o->hops;
	r->min = o->min;
	r->hub_txs = o->hub_txs;
	r->since = o->since;
	r->until = o->until;
	r->network = o->network ? strdup(o->network) : NULL;
	r->seeds = calloc(n, sizeof(*r->seeds));
	if (!r->seeds || (o->network && !r->network))
		return trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < o->n_seed_addrs; i++)
		if (!(r->seeds[r->n_seeds++] = strdup(o->seed_addrs[i])))
			return trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < o->n_seed_outs; i++) {
		char txid[TRACE_TXID_STR];
		char *s = malloc(TRACE_TXID_STR + 12);
		if (!s)
			return trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
		eng_fmt_txid(o, o->seed_outs[i].txid, txid);
		snprintf(s, TRACE_TXID_STR + 12, "%s:%u", txid,
			 (unsigned)o->seed_outs[i].n);
		r->seeds[r->n_seeds++] = s;
	}
	return TRC_OK;
}

/* Checks the seed output k (an interned txid + n) against the database:
 * present, and its amount (if any) at most the output's value. */
static enum trc_err check_seed_out(struct eng *e, const uint8_t *k,
				   trc_amount amount)
{
	struct rec_tx tx = REC_TX_INIT;
	bool found = false, legs;
	char txid[TRACE_TXID_STR], a[AMOUNT_STR_MAX], v[AMOUNT_STR_MAX];
	uint32_t n, op_n = (uint32_t)k[32] << 24 | (uint32_t)k[33] << 16 |
			   (uint32_t)k[34] << 8 | k[35];
	trc_amount value = AMOUNT_ZERO;
	enum trc_err rc;

	rc = chaindb_get_tx(e->s, e->o->chain, k, &tx, &found, e->err);
	if (rc)
		return rc;
	n = tx.n_legs ? tx.n_legs : tx.n_out;
	legs = tx.n_legs != 0;
	if (op_n < n)
		value = legs ? tx.legs[op_n].value : tx.out[op_n].value;
	rec_tx_release(&tx);
	eng_fmt_txid(e->o, k, txid);
	if (!found)
		return trc_fail(e->err, TRC_ERR_NOTFOUND,
				"seed transaction '%s' is not in the database",
				txid);
	if (op_n >= n)
		return trc_fail(e->err, TRC_ERR_INVALID,
				"seed '%s:%u': the transaction has %u %s", txid,
				(unsigned)op_n, (unsigned)n,
				legs ? "legs" : "outputs");
	if (amount_cmp(amount, value) > 0)
		return trc_fail(e->err, TRC_ERR_INVALID,
				"seed '%s:%u': amount %s is above the %s's "
				"value %s",
				txid, (unsigned)op_n,
				amount_format(a, sizeof(a), amount, 0, false),
				legs ? "leg" : "output",
				amount_format(v, sizeof(v), value, 0, false));
	return TRC_OK;
}

/* Interns seed output op; a second listing adds its amount (zero, the
 * whole output, wins). */
static enum trc_err add_seed_out(struct eng *e, const struct trace_outpoint *op)
{
	uint8_t k[36];
	uint32_t id;
	size_t before = intern_count(&e->seed_outs);
	enum trc_err rc;

	outpt_key(k, op->txid, op->n);
	rc = intern_add(&e->seed_outs, k, 36, &id, e->err);
	if (!rc)
		rc = intern_add(&e->seed_txs, k, 32, &(uint32_t){ 0 }, e->err);
	if (rc)
		return rc;
	if (intern_count(&e->seed_outs) > before) {
		if (!GROW(e->seed_amt, id + 1, e->seed_amt_alloc, e))
			return e->rc;
		e->seed_amt[id] = op->amount;
	} else if (amount_is_zero(op->amount)) {
		e->seed_amt[id] = AMOUNT_ZERO;
	} else if (!amount_is_zero(e->seed_amt[id])) {
		eng_add(e, &e->seed_amt[id], op->amount);
	}
	return e->rc;
}

static enum trc_err setup_seeds(struct eng *e)
{
	const struct trace_opts *o = e->o;
	uint8_t k[36];
	uint32_t id;
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; i < o->n_seed_addrs; i++) {
		id = eng_addr_id(e, o->seed_addrs[i]);
		if (e->rc)
			return e->rc;
		e->ai[id].flags |= A_SEED;
	}
	for (size_t i = 0; !rc && i < o->n_seed_outs; i++)
		rc = add_seed_out(e, &o->seed_outs[i]);
	for (uint32_t i = 0; !rc && i < intern_count(&e->seed_outs); i++)
		rc = check_seed_out(
			e, (const uint8_t *)intern_key(&e->seed_outs, i, NULL),
			e->seed_amt[i]);
	for (size_t i = 0; !rc && i < o->n_convert_outs; i++) {
		outpt_key(k, o->convert_outs[i].txid, o->convert_outs[i].n);
		rc = intern_add(&e->conv_outs, k, 36, &id, e->err);
	}
	return rc;
}

static enum trc_err check_opts(const struct trace_opts *o,
			       struct trc_error *err)
{
	if (!o->n_seed_addrs && !o->n_seed_outs)
		return trc_fail(err, TRC_ERR_INVALID, "no seeds to trace");
	if (!trace_policy_name(o->policy))
		return trc_fail(err, TRC_ERR_INVALID, "unknown policy %d",
				(int)o->policy);
	if (!o->hops)
		return trc_fail(err, TRC_ERR_INVALID,
				"hop limit must be at least 1");
	if (o->deposit_share_pct > 100)
		return trc_fail(err, TRC_ERR_INVALID,
				"deposit share %u%% is over 100%%",
				o->deposit_share_pct);
	return TRC_OK;
}

static void eng_release(struct eng *e)
{
	tq_release(e);
	for (size_t i = 0; i < intern_count(&e->poolk); i++)
		free(e->pools[i].q);
	intern_release(&e->addrs);
	intern_release(&e->assets);
	intern_release(&e->outpts);
	intern_release(&e->seed_outs);
	intern_release(&e->seed_txs);
	intern_release(&e->conv_outs);
	free(e->seed_amt);
	intern_release(&e->poolk);
	intern_release(&e->exitk);
	free(e->pools);
	free(e->ai);
	free(e->coins);
	free(e->ex);
	free(e->flows);
	free(e->txs);
	policy_segs_release(&e->segs);
	policy_segs_release(&e->line);
	policy_segs_release(&e->cut);
	policy_scratch_release(&e->sc);
	free(e->parts);
	free(e->ptaint);
	free(e->in_val);
	free(e->in_taint);
	free(e->w);
	free(e->in_coin);
	free(e->off);
	free(e->cnt);
	free(e->snd);
	free(e->carry);
	cluster_free(e->cl);
}

static enum trc_err build_clusters(struct eng *e)
{
	struct cluster_opts co;

	if (!e->o->cluster)
		return TRC_OK;
	cluster_opts_init(&co);
	co.deposit_window = e->o->deposit_window;
	co.deposit_share_pct = e->o->deposit_share_pct;
	return cluster_open(e->s, e->o->chain, &co, &e->cl, e->err);
}

enum trc_err eng_begin(struct eng *e, struct store *s,
		       const struct trace_opts *o, struct trc_error *err)
{
	enum trc_err rc;

	memset(e, 0, sizeof(*e));
	e->s = s;
	e->o = o;
	e->err = err;
	e->cur_tx = TRACE_NONE;
	rc = check_opts(o, err);
	if (rc)
		return rc;
	e->r = calloc(1, sizeof(*e->r));
	if (!e->r)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rc = echo_opts(e);
	if (!rc)
		rc = build_clusters(e);
	if (!rc) {
		eng_asset_id(e, NULL);
		rc = e->rc ? e->rc : setup_seeds(e);
	}
	return rc;
}

enum trc_err eng_end(struct eng *e, enum trc_err rc, struct trace_result **out)
{
	*out = NULL;
	if (!rc && !e->rc)
		eng_finish(e);
	if (!rc)
		rc = e->rc;
	eng_release(e);
	if (rc) {
		trace_result_free(e->r);
		return rc;
	}
	*out = e->r;
	return TRC_OK;
}

/* From the seeds, the transactions taint reaches, in chain order: the
 * same transactions, in the same order, that a scan of the whole chain
 * would find moving taint (trace_queue.c). */
enum trc_err trace_run(struct store *s, const struct trace_opts *o,
		       struct trace_result **out, struct trc_error *err)
{
	struct eng e;
	enum trc_err rc;

	*out = NULL;
	rc = eng_begin(&e, s, o, err);
	if (!rc)
		rc = tq_seed(&e);
	if (!rc)
		rc = tq_run(&e);
	return eng_end(&e, rc, out);
}
