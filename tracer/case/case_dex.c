/*
 * case_dex.c - dex-swap links read from one transaction's legs
 * (case_dex.h, docs/crosschain.md "DEX swaps").
 */
#include "tracer/case/case_dex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/amount.h"
#include "base/date.h"
#include "store/chaindb.h"
#include "store/record.h"
#include "store/tags.h"

/* The addresses on the dex's side of the transaction. */
struct dex_side {
	const char **v; /* borrowed from the tx's legs */
	size_t n;
};

/* One address's swap: its legs' indexes, sent and received. */
struct dex_swap {
	uint32_t *sent, *recv;
	size_t n_sent, n_recv;
	const char *a, *b; /* the assets (borrowed; NULL: native) */
};

static bool same_addr(const char *x, const char *y)
{
	return x && y && !strcasecmp(x, y);
}

/* Both native (NULL) or the same token contract. */
static bool same_asset(const char *x, const char *y)
{
	return (!x && !y) || same_addr(x, y);
}

/* A leg that moves value from one address to another. */
static bool is_move(const struct rec_leg *l)
{
	return (l->kind == LEG_NATIVE || l->kind == LEG_INTERNAL ||
		l->kind == LEG_TOKEN) &&
	       l->from && l->to && !amount_is_zero(l->value);
}

static bool in_side(const struct dex_side *d, const char *a)
{
	for (size_t i = 0; i < d->n; i++)
		if (same_addr(d->v[i], a))
			return true;
	return false;
}

/* Adds the other end of leg l when one end is on the side and neither
 * is x. Out: *grew. */
static void side_step(struct dex_side *d, const struct rec_leg *l,
		      const char *x, bool *grew)
{
	bool f, t;

	if (!is_move(l) || same_addr(l->from, x) || same_addr(l->to, x))
		return;
	f = in_side(d, l->from);
	t = in_side(d, l->to);
	if (f != t) {
		d->v[d->n++] = f ? l->to : l->from;
		*grew = true;
	}
}

/* The dex side of tx for sender x: exit and what legs join to it
 * without passing through x. d->v has room for 2 * n_legs + 1. */
static void side_build(struct dex_side *d, const struct rec_tx *tx,
		       const char *exit, const char *x)
{
	bool grew = true;

	d->n = 0;
	d->v[d->n++] = exit;
	while (grew) {
		grew = false;
		for (uint32_t i = 0; i < tx->n_legs; i++)
			side_step(d, &tx->legs[i], x, &grew);
	}
}

/* x's sent legs (to the side, one asset) and received legs (from the
 * side, one other asset). Returns false when it is not one swap. */
static bool swap_find(struct dex_swap *w, const struct rec_tx *tx,
		      const struct dex_side *d, const char *x)
{
	bool have_b = false;

	w->n_sent = w->n_recv = 0;
	for (uint32_t i = 0; i < tx->n_legs; i++) {
		const struct rec_leg *l = &tx->legs[i];

		if (!is_move(l) || !same_addr(l->from, x) || !in_side(d, l->to))
			continue;
		if (w->n_sent && !same_asset(w->a, l->asset))
			return false;
		w->a = l->asset;
		w->sent[w->n_sent++] = i;
	}
	for (uint32_t i = 0; w->n_sent && i < tx->n_legs; i++) {
		const struct rec_leg *l = &tx->legs[i];

		if (!is_move(l) || !same_addr(l->to, x) ||
		    !in_side(d, l->from) || same_asset(l->asset, w->a))
			continue; /* asset A back: a refund, not the swap */
		if (have_b && !same_asset(w->b, l->asset))
			return false;
		w->b = l->asset;
		have_b = true;
		w->recv[w->n_recv++] = i;
	}
	return have_b && w->n_sent == w->n_recv;
}

static const char *asset_name(const struct chain_ops *ops, const char *a)
{
	return a ? a : ops->asset;
}

/* Out: *g = gcd(a, b); b is not zero. */
static enum trc_err gcd(trc_amount a, trc_amount b, trc_amount *g)
{
	trc_amount q, r;
	enum trc_err rc;

	while (!amount_is_zero(b)) {
		if ((rc = amount_mul_div(&q, &r, a, amount_from_u64(1), b)))
			return rc;
		a = b;
		b = r;
	}
	*g = a;
	return TRC_OK;
}

/* "p/q" (vb/va reduced) and the decimal to 18 places, truncated. */
static void rate_format(trc_amount va, trc_amount vb, char *out, size_t size)
{
	char p[AMOUNT_STR_MAX], q[AMOUNT_STR_MAX], dec[AMOUNT_STR_MAX];
	trc_amount g, pa, pb, d, rem;

	if (gcd(va, vb, &g) ||
	    amount_mul_div(&pa, NULL, va, amount_from_u64(1), g) ||
	    amount_mul_div(&pb, NULL, vb, amount_from_u64(1), g)) {
		snprintf(out, size, "?");
		return;
	}
	amount_format(p, sizeof(p), pb, 0, false);
	amount_format(q, sizeof(q), pa, 0, false);
	if (amount_mul_div(&d, &rem, vb,
			   amount_from_u64(UINT64_C(1000000000000000000)), va))
		snprintf(out, size, "%s/%s", p, q);
	else
		snprintf(out, size, "%s/%s = %s%s", p, q,
			 amount_format(dec, sizeof(dec), d, 18, true),
			 amount_is_zero(rem) ? "" : "...");
}

/* The evidence line of the link from leg i to leg j. */
static char *evidence(const struct chain_ops *ops, const struct rec_tx *tx,
		      uint32_t i, uint32_t j, const char *exit,
		      const char *entity)
{
	const struct rec_leg *s = &tx->legs[i], *r = &tx->legs[j];
	char a[2][AMOUNT_STR_MAX], rate[2 * AMOUNT_STR_MAX + 32];
	char when[DATE_ISO_SIZE], h[16], line[2048];

	rate_format(s->value, r->value, rate, sizeof(rate));
	if (tx->height == REC_HEIGHT_UNKNOWN)
		snprintf(h, sizeof(h), "?");
	else
		snprintf(h, sizeof(h), "%u", (unsigned)tx->height);
	snprintf(line, sizeof(line),
		 "swap at %s%s%s%s: %s sent %s %s (leg %u) to %s and received "
		 "%s %s (leg %u) from %s in the same transaction; rate %s %s "
		 "per %s (base units); block %s, %s",
		 exit, entity ? " (" : "", entity ? entity : "",
		 entity ? ")" : "", s->from,
		 amount_format(a[0], sizeof(a[0]), s->value, 0, false),
		 asset_name(ops, s->asset), (unsigned)i, s->to,
		 amount_format(a[1], sizeof(a[1]), r->value, 0, false),
		 asset_name(ops, r->asset), (unsigned)j, r->from, rate,
		 asset_name(ops, r->asset), asset_name(ops, s->asset), h,
		 date_format_iso(tx->time, when));
	return strdup(line);
}

static enum trc_err end_set(struct xlink_end *e, const struct chain_ops *ops,
			    const char *txid_disp, uint32_t n,
			    const struct rec_leg *l)
{
	e->n = n;
	e->amount = l->value;
	if (!(e->chain = strdup(ops->name)) || !(e->txid = strdup(txid_disp)) ||
	    !(e->asset = strdup(asset_name(ops, l->asset))))
		return TRC_ERR_NOMEM;
	return TRC_OK;
}

/* Appends the link from leg i to leg j. */
static enum trc_err push_link(struct case_derived *out,
			      const struct chain_ops *ops,
			      const struct rec_tx *tx, const char *txid_disp,
			      uint32_t i, uint32_t j, const char *exit,
			      const char *entity, struct trc_error *err)
{
	struct xlink l = XLINK_INIT;
	enum trc_err rc;

	l.kind = XLINK_DEX_SWAP;
	l.confidence = XLINK_HIGH;
	if (end_set(&l.from, ops, txid_disp, i, &tx->legs[i]) ||
	    end_set(&l.to, ops, txid_disp, j, &tx->legs[j]) ||
	    !(l.evidence = evidence(ops, tx, i, j, exit, entity))) {
		xlink_release(&l);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	rc = case_derived_push(out, &l, err);
	xlink_release(&l);
	return rc;
}

/* x sent to exit in leg k: the first such leg of x (each sender once). */
static bool first_sender(const struct rec_tx *tx, uint32_t k, const char *exit)
{
	const struct rec_leg *l = &tx->legs[k];

	if (!is_move(l) || !same_addr(l->to, exit) || same_addr(l->from, exit))
		return false;
	for (uint32_t i = 0; i < k; i++)
		if (is_move(&tx->legs[i]) && same_addr(tx->legs[i].to, exit) &&
		    same_addr(tx->legs[i].from, l->from))
			return false;
	return true;
}

struct dex_work {
	struct dex_side side;
	struct dex_swap swap;
};

static enum trc_err work_init(struct dex_work *w, uint32_t n_legs,
			      struct trc_error *err)
{
	memset(w, 0, sizeof(*w));
	w->side.v = calloc(2 * (size_t)n_legs + 1, sizeof(*w->side.v));
	w->swap.sent = calloc(n_legs, sizeof(*w->swap.sent));
	w->swap.recv = calloc(n_legs, sizeof(*w->swap.recv));
	if (!w->side.v || !w->swap.sent || !w->swap.recv)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	return TRC_OK;
}

static void work_release(struct dex_work *w)
{
	free(w->side.v);
	free(w->swap.sent);
	free(w->swap.recv);
}

/* The links of every sender to exit in tx. */
static enum trc_err derive_tx(const struct rec_tx *tx,
			      const struct chain_ops *ops,
			      const char *txid_disp, const char *exit,
			      const char *entity, struct case_derived *out,
			      struct trc_error *err)
{
	struct dex_work w;
	enum trc_err rc = work_init(&w, tx->n_legs, err);

	for (uint32_t k = 0; !rc && k < tx->n_legs; k++) {
		const char *x = tx->legs[k].from;

		if (!first_sender(tx, k, exit))
			continue;
		side_build(&w.side, tx, exit, x);
		if (!swap_find(&w.swap, tx, &w.side, x))
			continue;
		for (size_t p = 0; !rc && p < w.swap.n_sent; p++)
			rc = push_link(out, ops, tx, txid_disp, w.swap.sent[p],
				       w.swap.recv[p], exit, entity, err);
	}
	work_release(&w);
	return rc;
}

/* Whether exit's deciding tag is dex. Out: *entity, its entity (new or
 * NULL). */
static enum trc_err exit_dex(struct store *s, const struct chain_ops *ops,
			     const char *exit, bool *dex, char **entity,
			     struct trc_error *err)
{
	struct tag t = TAG_INIT;
	bool found = false;
	enum trc_err rc = tags_best(s, ops->id, exit, &t, &found, err);

	*entity = NULL;
	*dex = !rc && found && t.category == TAG_DEX;
	if (*dex && t.entity && *t.entity && !(*entity = strdup(t.entity)))
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	tag_release(&t);
	return rc;
}

enum trc_err case_dex_derive(struct store *s, const struct chain_ops *ops,
			     const char *network, const uint8_t txid[32],
			     const char *txid_disp, const char *exit_address,
			     struct case_derived *out, struct trc_error *err)
{
	struct rec_tx tx = REC_TX_INIT;
	char *entity = NULL;
	bool dex = false, found = false;
	enum trc_err rc;

	(void)network; /* the database holds one network per chain */
	rc = exit_dex(s, ops, exit_address, &dex, &entity, err);
	if (!rc && dex)
		rc = chaindb_get_tx(s, ops->id, txid, &tx, &found, err);
	if (!rc && found && tx.n_legs && tx.n_legs <= CASE_DEX_LEGS_MAX)
		rc = derive_tx(&tx, ops, txid_disp, exit_address, entity, out,
			       err);
	free(entity);
	rec_tx_release(&tx);
	return rc;
}
