/*
 * prevout.c - prevout resolution: each input gets the address and value of
 * the output it spends, from the same block, the store, or the source.
 */
#include "chains/crawl/crawl_int.h"

#include <stdlib.h>
#include <string.h>

#include "store/chaindb.h"

/* Takes a fetched previous tx (moved out of *tx) into the block's set. */
static enum trc_err keep_prevout(struct run *r, struct rec_tx *tx,
				 struct trc_error *err)
{
	struct rec_tx *n;
	uint32_t at;

	if (intern_find(&r->prevout_ids, tx->txid, 32) != INTERN_NONE)
		return TRC_OK;
	n = realloc(r->prevouts, (r->n_prevouts + 1) * sizeof(*n));
	if (!n)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	r->prevouts = n;
	n[r->n_prevouts] = *tx;
	rec_tx_init(tx);
	n[r->n_prevouts].flags |= REC_TX_PREVOUT;
	n[r->n_prevouts].height = REC_HEIGHT_UNKNOWN;
	if (intern_add(&r->prevout_ids, n[r->n_prevouts].txid, 32, &at, err))
		return TRC_ERR_NOMEM; /* at == r->n_prevouts: a new id */
	r->n_prevouts++;
	r->st->prevouts++;
	return TRC_OK;
}

/* Fetches a previous tx the store does not have; kept for the batch. */
static enum trc_err fetch_prevout(struct run *r, const uint8_t txid[32],
				  const struct rec_tx **out,
				  struct trc_error *err)
{
	struct rec_tx *n;
	char hex[CHAIN_TXID_STR_MAX];
	uint32_t at;
	enum trc_err rc;

	if ((at = intern_find(&r->prevout_ids, txid, 32)) != INTERN_NONE) {
		*out = &r->prevouts[at];
		return TRC_OK;
	}
	if (!r->src->ops->fetch_tx) {
		run_fmt_txid(r, txid, hex);
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"previous transaction %s is not stored and "
				"this source cannot fetch it; crawl from "
				"an earlier height",
				hex);
	}
	n = realloc(r->prevouts, (r->n_prevouts + 1) * sizeof(*n));
	if (!n)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	r->prevouts = n;
	rec_tx_init(&n[r->n_prevouts]);
	if ((rc = r->src->ops->fetch_tx(r->src->ctx, txid, &n[r->n_prevouts],
					err))) {
		rec_tx_release(&n[r->n_prevouts]);
		return rc;
	}
	n[r->n_prevouts].flags |= REC_TX_PREVOUT;
	n[r->n_prevouts].height = REC_HEIGHT_UNKNOWN;
	if (intern_add(&r->prevout_ids, txid, 32, &at, err))
		return TRC_ERR_NOMEM; /* at == r->n_prevouts: a new id */
	*out = &n[r->n_prevouts++];
	r->st->prevouts++;
	return TRC_OK;
}

/*
 * Fetches, all at once, the previous transactions of the block that
 * neither the block nor the store has, so that resolving the inputs
 * afterwards finds them without one round trip each.
 */
enum trc_err crawl_prefetch_prevouts(struct run *r,
				     const struct crawl_block *cb,
				     struct trc_error *err)
{
	struct intern inblock = INTERN_INIT, want = INTERN_INIT;
	uint8_t(*ids)[32] = NULL;
	struct rec_tx *txs = NULL;
	uint32_t n = 0, at;
	enum trc_err rc = TRC_OK;

	if (!r->src->ops->fetch_txs)
		return TRC_OK;
	for (uint32_t i = 0; i < cb->n_txs && !rc; i++)
		rc = intern_add(&inblock, cb->txs[i].txid, 32, &at, err);
	for (uint32_t i = 0; i < cb->n_txs && !rc; i++)
		for (uint32_t k = 0; k < cb->txs[i].n_in && !rc; k++) {
			const struct rec_input *x = &cb->txs[i].in[k];
			bool found = false;
			uint8_t(*grown)[32];

			if (x->flags & (REC_IN_COINBASE | REC_IN_RESOLVED) ||
			    intern_find(&inblock, x->prev_txid, 32) !=
				    INTERN_NONE ||
			    intern_find(&want, x->prev_txid, 32) != INTERN_NONE)
				continue;
			if ((rc = chaindb_has_tx(r->s, r->chain->id,
						 x->prev_txid, &found, err)) ||
			    found)
				continue;
			grown = realloc(ids, (n + 1) * sizeof(*ids));
			if (!grown) {
				rc = trc_fail(err, TRC_ERR_NOMEM,
					      "out of memory");
				break;
			}
			ids = grown;
			memcpy(ids[n], x->prev_txid, 32);
			n++;
			rc = intern_add(&want, x->prev_txid, 32, &at, err);
		}
	if (!rc && n) {
		txs = calloc(n, sizeof(*txs));
		if (!txs)
			rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		else
			rc = r->src->ops->fetch_txs(r->src->ctx, n,
						    (const uint8_t(*)[32])ids,
						    txs, err);
	}
	for (uint32_t i = 0; !rc && i < n; i++)
		rc = keep_prevout(r, &txs[i], err);
	for (uint32_t i = 0; txs && i < n; i++)
		rec_tx_release(&txs[i]);
	free(txs);
	free(ids);
	intern_release(&inblock);
	intern_release(&want);
	return rc;
}

/* Fills one input from the cache of recent outputs. Out: *done. */
static enum trc_err from_cache(struct run *r, struct rec_input *in, bool *done,
			       struct trc_error *err)
{
	const char *addr = NULL;
	char hex[CHAIN_TXID_STR_MAX];
	uint32_t n_out = 0;
	enum trc_err rc;

	*done = true;
	switch (outcache_take(&r->outs, in->prev_txid, in->prev_vout, &addr,
			      &in->value, &n_out)) {
	case OUTCACHE_HIT:
		if ((rc = rec_set_str(&in->address, addr, err)))
			return rc;
		in->flags |= REC_IN_RESOLVED;
		outcache_spend(&r->outs, in->prev_txid, in->prev_vout);
		return TRC_OK;
	case OUTCACHE_NO_SUCH_OUTPUT:
		run_fmt_txid(r, in->prev_txid, hex);
		return trc_fail(err, TRC_ERR_VERIFY,
				"input spends output %u of %s, which has %u",
				in->prev_vout, hex, n_out);
	case OUTCACHE_MISS:
		break;
	}
	*done = false;
	return TRC_OK;
}

/* Fills one input from the output it spends. */
static enum trc_err resolve_input(struct run *r, const struct idmap *block,
				  const struct rec_tx *txs,
				  struct rec_input *in, struct trc_error *err)
{
	const struct rec_tx *prev = NULL;
	char *stored = NULL;
	trc_amount value = AMOUNT_ZERO;
	uint32_t n_out = 0, at;
	bool found = false;
	char hex[CHAIN_TXID_STR_MAX];
	enum trc_err rc = TRC_OK;

	if (block && idmap_get(block, in->prev_txid, &at)) {
		prev = &txs[at];
	} else if ((rc = from_cache(r, in, &found, err)) || found) {
		return rc;
	} else {
		/* the one output, not the whole stored transaction */
		if ((rc = chaindb_get_output(r->s, r->chain->id, in->prev_txid,
					     in->prev_vout, &n_out, &stored,
					     &value, &found, err)))
			return rc;
		if (!found &&
		    (rc = fetch_prevout(r, in->prev_txid, &prev, err)))
			return rc;
	}
	if (prev)
		n_out = prev->n_out;
	if (in->prev_vout >= n_out) {
		run_fmt_txid(r, in->prev_txid, hex);
		rc = trc_fail(err, TRC_ERR_VERIFY,
			      "input spends output %u of %s, which has %u",
			      in->prev_vout, hex, n_out);
		goto cleanup;
	}
	if ((rc = rec_set_str(&in->address,
			      prev ? prev->out[in->prev_vout].address : stored,
			      err)))
		goto cleanup;
	in->value = prev ? prev->out[in->prev_vout].value : value;
	in->flags |= REC_IN_RESOLVED;
cleanup:
	free(stored);
	return rc;
}

/* Resolves the inputs of tx, then its fee = inputs - outputs. */
enum trc_err crawl_resolve_tx(struct run *r, const struct idmap *block,
			      const struct rec_tx *txs, struct rec_tx *tx,
			      struct trc_error *err)
{
	trc_amount in = AMOUNT_ZERO, out = AMOUNT_ZERO;
	bool coinbase = false;

	enum trc_err rc;

	for (uint32_t i = 0; i < tx->n_in; i++) {
		struct rec_input *x = &tx->in[i];

		if (x->flags & REC_IN_COINBASE) {
			coinbase = true;
			continue;
		}
		if (!(x->flags & REC_IN_RESOLVED) &&
		    (rc = resolve_input(r, block, txs, x, err)))
			return rc;
		if (amount_add(&in, in, x->value))
			return trc_fail(err, TRC_ERR_OVERFLOW,
					"input total overflows");
	}
	if (!tx->n_in || coinbase)
		return TRC_OK;
	for (uint32_t i = 0; i < tx->n_out; i++)
		if (amount_add(&out, out, tx->out[i].value))
			return trc_fail(err, TRC_ERR_OVERFLOW,
					"output total overflows");
	if (amount_sub(&tx->fee, in, out))
		return trc_fail(err, TRC_ERR_VERIFY,
				"outputs spend more than the inputs hold");
	return TRC_OK;
}
