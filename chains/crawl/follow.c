/*
 * follow.c - follow mode: breadth-first from the seeds through address
 * histories and outspends, hop by hop, each proven transaction stored in
 * its own batch with the prevouts its inputs needed.
 */
#include "chains/crawl/crawl_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/chaindb.h"
#include "store/tags.h"

struct addr_list {
	char **a;
	uint32_t n, cap;
};

static void addr_list_release(struct addr_list *l)
{
	for (uint32_t i = 0; i < l->n; i++)
		free(l->a[i]);
	free(l->a);
	memset(l, 0, sizeof(*l));
}

struct follow {
	struct run r;
	const struct follow_opts *o;
	struct intern seen_addr;
	struct intern seen_tx;
	struct addr_list next;
};

/* Queues address for the next hop unless it was queued before. */
static enum trc_err queue_addr(struct follow *f, const char *addr,
			       struct trc_error *err)
{
	size_t len = addr ? strlen(addr) : 0;
	uint32_t id;
	char **n;

	if (!addr || intern_find(&f->seen_addr, addr, len) != INTERN_NONE)
		return TRC_OK;
	if (intern_add(&f->seen_addr, addr, len, &id, err))
		return TRC_ERR_NOMEM;
	if (f->next.n == f->next.cap) {
		uint32_t cap = f->next.cap ? f->next.cap * 2 : 16;

		n = realloc(f->next.a, cap * sizeof(*n));
		if (!n)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		f->next.a = n;
		f->next.cap = cap;
	}
	f->next.a[f->next.n] = strdup(addr);
	if (!f->next.a[f->next.n])
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	f->next.n++;
	return TRC_OK;
}

static bool follow_full(const struct follow *f)
{
	return f->r.st->txs >= f->o->max_txs || (f->o->stop && *f->o->stop);
}

/*
 * Fetches one proven tx (once), resolves and stores it. Out: the tx in
 * *tx (caller releases); *fresh false when it was seen before.
 */
static enum trc_err follow_tx(struct follow *f, const uint8_t txid[32],
			      struct rec_tx *tx, bool *fresh,
			      struct trc_error *err)
{
	uint32_t id;
	enum trc_err rc;

	*fresh = intern_find(&f->seen_tx, txid, 32) == INTERN_NONE;
	if (!*fresh) {
		/* seen from another address: its record is stored */
		bool found = false;

		rc = chaindb_get_tx(f->r.s, f->r.chain->id, txid, tx, &found,
				    err);
		return rc;
	}
	if ((rc = intern_add(&f->seen_tx, txid, 32, &id, err)))
		return rc;
	store_batch_clear(f->r.batch);
	run_drop_prevouts(&f->r);
	if ((rc = f->r.src->ops->fetch_tx_proven(f->r.src->ctx, txid, tx,
						 err)) ||
	    (rc = crawl_resolve_tx(&f->r, NULL, NULL, tx, err)) ||
	    (rc = run_put_prevouts(&f->r, err)))
		return rc;
	rc = chaindb_put_tx(f->r.batch, tx, err);
	if (!rc)
		rc = run_commit(&f->r, err);
	if (!rc) {
		f->r.st->txs++;
		f->r.st->legs += tx->n_legs;
		if (f->o->on_progress)
			f->o->on_progress(f->o->cb_ctx, f->r.st);
	}
	return rc;
}

static bool spends_from(const struct rec_tx *tx, const char *addr);

/*
 * Where value went from addr in tx, the next hop: every output of a tx
 * that spends from addr (UTXO shape), and the receiver of every leg addr
 * sends (account shape; a reverted tx moved nothing). addr NULL: all of
 * them (the spender of a seed output).
 */
static enum trc_err queue_next(struct follow *f, const struct rec_tx *tx,
			       const char *addr, struct trc_error *err)
{
	bool spends = !addr || spends_from(tx, addr);
	enum trc_err rc = TRC_OK;

	for (uint32_t k = 0; !rc && spends && k < tx->n_out; k++)
		rc = queue_addr(f, tx->out[k].address, err);
	for (uint32_t k = 0;
	     !rc && !(tx->flags & REC_TX_FAILED) && k < tx->n_legs; k++)
		if (!addr ||
		    (tx->legs[k].from && !strcmp(tx->legs[k].from, addr)))
			rc = queue_addr(f, tx->legs[k].to, err);
	return rc;
}

static bool spends_from(const struct rec_tx *tx, const char *addr)
{
	for (uint32_t i = 0; i < tx->n_in; i++)
		if (tx->in[i].address && !strcmp(tx->in[i].address, addr))
			return true;
	return false;
}

/* Why an address is not expanded, or NULL when it may be. */
static enum trc_err stop_reason(struct follow *f, const char *addr, char *why,
				size_t size, bool *stop, struct trc_error *err)
{
	struct tag t = TAG_INIT;
	bool found = false;
	enum trc_err rc;

	*stop = false;
	if ((rc = tags_best(f->r.s, f->r.chain->id, addr, &t, &found, err)))
		return rc;
	if (found && tag_category_is_service(t.category)) {
		snprintf(why, size, "tagged %s: %s",
			 tag_category_name(t.category),
			 t.entity ? t.entity : "");
		*stop = true;
	}
	tag_release(&t);
	return TRC_OK;
}

static enum trc_err expand_addr(struct follow *f, const char *addr,
				bool last_hop, struct trc_error *err)
{
	uint8_t *ids = NULL;
	uint32_t n = 0;
	bool more = false, stop = false;
	char why[160];
	enum trc_err rc;

	if ((rc = stop_reason(f, addr, why, sizeof(why), &stop, err)))
		return rc;
	if (!stop) {
		if ((rc = f->r.src->ops->address_txids(f->r.src->ctx, addr,
						       f->o->hub_txs, &ids, &n,
						       &more, err)))
			return rc;
		if (more) {
			snprintf(why, sizeof(why),
				 "unlabelled hub: more than %u transactions",
				 f->o->hub_txs);
			stop = true;
		}
	}
	if (stop) {
		if (f->o->on_stop_at)
			f->o->on_stop_at(f->o->cb_ctx, addr, why);
		free(ids);
		return TRC_OK;
	}
	/* oldest first: the history comes newest first */
	for (uint32_t i = n; i-- > 0 && !rc && !follow_full(f);) {
		struct rec_tx tx = REC_TX_INIT;
		bool fresh;

		rc = follow_tx(f, ids + 32 * (size_t)i, &tx, &fresh, err);
		(void)fresh; /* a tx met before still shows addr's moves */
		if (!rc && !last_hop)
			rc = queue_next(f, &tx, addr, err);
		rec_tx_release(&tx);
	}
	free(ids);
	return rc;
}

/* The tx spending a seed output; its outputs join the first hop. */
static enum trc_err seed_spender(struct follow *f, const uint8_t txid[32],
				 uint32_t vout, struct trc_error *err)
{
	struct rec_tx tx = REC_TX_INIT;
	uint8_t spender[32];
	bool spent = false, fresh = false;
	enum trc_err rc;

	rc = f->r.src->ops->outspend(f->r.src->ctx, txid, vout, spender, &spent,
				     err);
	if (!rc && spent)
		rc = follow_tx(f, spender, &tx, &fresh, err);
	if (!rc && fresh)
		rc = queue_next(f, &tx, NULL, err);
	rec_tx_release(&tx);
	return rc;
}

/* TXID:N seeds: the output's address starts the walk, its spender too. */
static enum trc_err seed_outputs(struct follow *f, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	for (uint32_t i = 0; i < f->o->n_seed_outs && !rc; i++) {
		struct rec_tx tx = REC_TX_INIT;
		bool fresh;

		rc = follow_tx(f, f->o->seed_outs[i], &tx, &fresh, err);
		if (!rc && f->o->seed_vouts[i] >= tx.n_out)
			rc = trc_fail(err, TRC_ERR_INVALID,
				      "seed output %u does not exist (the "
				      "transaction has %u)",
				      f->o->seed_vouts[i], tx.n_out);
		if (!rc)
			rc = queue_addr(f, tx.out[f->o->seed_vouts[i]].address,
					err);
		rec_tx_release(&tx);
		if (!rc && f->r.src->ops->outspend)
			rc = seed_spender(f, f->o->seed_outs[i],
					  f->o->seed_vouts[i], err);
	}
	return rc;
}

static enum trc_err follow_run(struct follow *f, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	for (uint32_t i = 0; i < f->o->n_seed_addrs && !rc; i++)
		rc = queue_addr(f, f->o->seed_addrs[i], err);
	if (!rc)
		rc = seed_outputs(f, err);
	for (uint32_t hop = 0; !rc && hop <= f->o->hops && f->next.n; hop++) {
		struct addr_list cur = f->next;

		memset(&f->next, 0, sizeof(f->next));
		for (uint32_t i = 0; i < cur.n && !rc && !follow_full(f); i++)
			rc = expand_addr(f, cur.a[i], hop == f->o->hops, err);
		addr_list_release(&cur);
	}
	if (!rc && f->o->stop && *f->o->stop)
		rc = trc_fail(err, TRC_ERR_INTERRUPTED, "interrupted");
	return rc;
}

static enum trc_err follow_begin(struct follow *f, struct store *s,
				 const struct chain_ops *chain,
				 struct crawl_source *src,
				 const struct follow_opts *opts,
				 struct crawl_stats *st, struct trc_error *err)
{
	memset(st, 0, sizeof(*st));
	memset(f, 0, sizeof(*f));
	f->o = opts;
	f->r.s = s;
	f->r.chain = chain;
	f->r.src = src;
	f->r.st = st;
	f->r.batch = store_batch_new();
	if (!f->r.batch)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	return run_check_network(&f->r, err);
}

static void follow_end(struct follow *f)
{
	run_drop_prevouts(&f->r);
	store_batch_free(f->r.batch);
	intern_release(&f->seen_addr);
	intern_release(&f->seen_tx);
	addr_list_release(&f->next);
}

enum trc_err crawl_follow(struct store *s, const struct chain_ops *chain,
			  struct crawl_source *src,
			  const struct follow_opts *opts,
			  struct crawl_stats *st, struct trc_error *err)
{
	struct follow f;
	enum trc_err rc;

	memset(st, 0, sizeof(*st));
	if (!src->ops->address_txids || !src->ops->fetch_tx_proven)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"this source cannot follow addresses; do a "
				"range ingest (--from H --to H) instead");
	rc = follow_begin(&f, s, chain, src, opts, st, err);
	if (!rc)
		rc = follow_run(&f, err);
	follow_end(&f);
	return rc;
}

enum trc_err crawl_store_tx(struct store *s, const struct chain_ops *chain,
			    struct crawl_source *src, const uint8_t txid[32],
			    struct rec_tx *tx, struct crawl_stats *st,
			    struct trc_error *err)
{
	struct follow_opts none;
	struct follow f;
	bool fresh;
	enum trc_err rc;

	memset(st, 0, sizeof(*st));
	memset(&none, 0, sizeof(none));
	if (!src->ops->fetch_tx_proven)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"this source cannot prove a single "
				"transaction");
	rc = follow_begin(&f, s, chain, src, &none, st, err);
	if (!rc)
		rc = follow_tx(&f, txid, tx, &fresh, err);
	follow_end(&f);
	return rc;
}
