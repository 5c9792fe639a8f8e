/*
 * eth_balance.c - native ETH flows of a range (see eth_balance.h).
 */
#include "chains/eth/eth_balance.h"

#include <stdlib.h>
#include <string.h>

#include "chains/eth/eth_addr.h"

void eth_flows_release(struct eth_flows *f)
{
	free(f->v);
	memset(f, 0, sizeof(*f));
}

static enum trc_err push(struct eth_flows *f, const char *addr, bool in,
			 trc_amount v, struct trc_error *err)
{
	struct eth_flow_sum *s;
	enum trc_err rc;

	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;

		s = realloc(f->v, cap * sizeof(*s));
		if (!s)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		f->v = s;
		f->cap = cap;
	}
	s = &f->v[f->n];
	memset(s, 0, sizeof(*s));
	if ((rc = eth_addr_parse(s->addr, addr, err)))
		return rc;
	if (in)
		s->in = v;
	else
		s->out = v;
	f->n++;
	return TRC_OK;
}

enum trc_err eth_flows_add(struct eth_flows *f, const struct rec_tx *txs,
			   size_t n, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; i < n && !rc; i++)
		for (uint32_t k = 0; k < txs[i].n_legs && !rc; k++) {
			const struct rec_leg *l = &txs[i].legs[k];

			if (l->asset || l->kind == LEG_OPENING)
				continue;
			if (l->from)
				rc = push(f, l->from, false, l->value, err);
			if (!rc && l->to)
				rc = push(f, l->to, true, l->value, err);
		}
	return rc;
}

static int cmp_addr(const void *a, const void *b)
{
	return memcmp(a, b, 20);
}

enum trc_err eth_flows_finish(struct eth_flows *f, struct trc_error *err)
{
	size_t w = 0;

	if (!f->n)
		return TRC_OK;
	qsort(f->v, f->n, sizeof(*f->v), cmp_addr);
	for (size_t i = 1; i < f->n; i++) {
		struct eth_flow_sum *d = &f->v[w];

		if (memcmp(d->addr, f->v[i].addr, 20)) {
			f->v[++w] = f->v[i];
			continue;
		}
		if (amount_add(&d->in, d->in, f->v[i].in) ||
		    amount_add(&d->out, d->out, f->v[i].out))
			return trc_fail(err, TRC_ERR_OVERFLOW,
					"the flows of an address overflow");
	}
	f->n = w + 1;
	return TRC_OK;
}

enum trc_err eth_flows_reconcile(const struct eth_flow_sum *s,
				 trc_amount opening, trc_amount closing,
				 uint32_t block, struct trc_error *err)
{
	char a[ETH_ADDR_STR], want[80], got[80], open[80];
	trc_amount implied;
	bool under = amount_add(&implied, opening, s->in) ||
		     amount_sub(&implied, implied, s->out);

	if (!under && !amount_cmp(implied, closing))
		return TRC_OK;
	eth_addr_format(a, s->addr);
	amount_format(got, sizeof(got), closing, 0, false);
	amount_format(open, sizeof(open), opening, 0, false);
	if (under)
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %u: %s: the legs spend more than its "
				"proven opening balance of %s wei and what it "
				"received; its proven balance is %s wei (a "
				"forged internal transfer or a false opening "
				"balance)", block, a, open, got);
	amount_format(want, sizeof(want), implied, 0, false);
	return trc_fail(err, TRC_ERR_VERIFY,
			"block %u: %s: the legs imply a balance of %s wei, "
			"its proven balance is %s wei (%s)", block, a, want,
			got,
			amount_cmp(implied, closing) > 0
				? "a forged internal transfer to it, or one "
				  "from it left out"
				: "an internal transfer from it forged, or one "
				  "to it left out");
}
