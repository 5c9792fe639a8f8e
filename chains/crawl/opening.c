/*
 * opening.c - opening balances: an address first seen in the crawled range
 * held something before it; the source tells how much (accounts only).
 */
#include "chains/crawl/crawl_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "store/chaindb.h"

struct pairs {
	const char **addr;
	const char **asset;
	uint32_t n, cap;
};

static bool pairs_has(const struct pairs *p, const char *addr,
		      const char *asset)
{
	for (uint32_t i = 0; i < p->n; i++)
		if (!strcmp(p->addr[i], addr) &&
		    ((!asset && !p->asset[i]) ||
		     (asset && p->asset[i] && !strcmp(asset, p->asset[i]))))
			return true;
	return false;
}

static enum trc_err pairs_add(struct pairs *p, const char *addr,
			      const char *asset, struct trc_error *err)
{
	if (pairs_has(p, addr, asset))
		return TRC_OK;
	if (p->n == p->cap) {
		uint32_t cap = p->cap ? p->cap * 2 : 16;
		const char **a = realloc(p->addr, cap * sizeof(*a));
		const char **b;

		if (!a)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		p->addr = a;
		b = realloc(p->asset, cap * sizeof(*b));
		if (!b)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		p->asset = b;
		p->cap = cap;
	}
	p->addr[p->n] = addr;
	p->asset[p->n++] = asset;
	return TRC_OK;
}

static void pairs_release(struct pairs *p)
{
	free(p->addr);
	free(p->asset);
	memset(p, 0, sizeof(*p));
}

/* The (address, asset) pairs of the block seen for the first time. */
static enum trc_err new_pairs(struct run *r, const struct crawl_block *cb,
			      const bool *skip, struct pairs *p,
			      struct trc_error *err)
{
	enum trc_err rc;

	for (uint32_t i = 0; i < cb->n_txs; i++) {
		const struct rec_tx *tx = &cb->txs[i];

		for (uint32_t j = 0; !skip[i] && j < tx->n_legs; j++) {
			const struct rec_leg *l = &tx->legs[j];
			const char *ends[2] = { l->from, l->to };

			for (int e = 0; e < 2; e++) {
				bool opened = false;

				if (!ends[e] || pairs_has(p, ends[e], l->asset))
					continue;
				if ((rc = chaindb_leg_seen(r->s, r->chain->id,
							   ends[e], l->asset,
							   &opened, err)))
					return rc;
				if (!opened &&
				    (rc = pairs_add(p, ends[e], l->asset, err)))
					return rc;
			}
		}
	}
	return TRC_OK;
}

/* The opening id: a hash no transaction can have (domain-separated). */
static void opening_id(uint8_t chain, uint32_t height, uint8_t out[32])
{
	uint8_t msg[32];
	size_t n = 0;

	memcpy(msg, "tracer-opening-balances", 23);
	n = 23;
	msg[n++] = chain;
	be32_put(msg + n, height);
	n += 4;
	hash_sha256(out, msg, n);
}

/*
 * Opening balances of the addresses first seen in block H: their balance
 * at the end of H-1, as one record placed after everything of H-1
 * (height H-1, position 0xffffffff), so that chain order has it first.
 */
enum trc_err crawl_put_openings(struct run *r, const struct crawl_block *cb,
				const bool *skip, struct trc_error *err)
{
	struct pairs p = { 0 };
	trc_amount *bals = NULL;
	struct rec_tx tx = REC_TX_INIT;
	uint32_t h = cb->block.height;
	bool proven = false;
	enum trc_err rc;

	if (!r->src->ops->balances_at || h == 0)
		return TRC_OK;
	if ((rc = new_pairs(r, cb, skip, &p, err)) || !p.n)
		goto cleanup;
	bals = calloc(p.n, sizeof(*bals));
	if (!bals) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	if ((rc = r->src->ops->balances_at(r->src->ctx, p.n, p.addr, p.asset,
					   h - 1, bals, &proven, err)))
		goto cleanup;
	tx.chain = r->chain->id;
	tx.height = h - 1;
	tx.position = UINT32_MAX;
	tx.time = cb->block.time;
	tx.flags = REC_TX_COINBASE | (proven ? REC_TX_PROVEN : 0);
	opening_id(tx.chain, h, tx.txid);
	for (uint32_t i = 0; i < p.n && !rc; i++)
		if (!amount_is_zero(bals[i]))
			rc = rec_tx_add_leg(&tx, LEG_OPENING, p.asset[i], NULL,
					    p.addr[i], bals[i], err);
	if (!rc && tx.n_legs) {
		r->st->openings += tx.n_legs;
		r->st->legs += tx.n_legs;
		rc = chaindb_put_tx(r->batch, &tx, err);
	}
cleanup:
	rec_tx_release(&tx);
	free(bals);
	pairs_release(&p);
	return rc;
}
