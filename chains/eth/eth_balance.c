/*
 * eth_balance.c - native ETH flows of a range (see eth_balance.h).
 */
#include "chains/eth/eth_balance.h"

#include <stdlib.h>
#include <string.h>

#include "chains/eth/eth_addr.h"
#include "chains/eth/eth_flow.h"
#include "chains/eth/eth_json.h"

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
				"balance)",
				block, a, open, got);
	amount_format(want, sizeof(want), implied, 0, false);
	return trc_fail(err, TRC_ERR_VERIFY,
			"block %u: %s: the legs imply a balance of %s wei, "
			"its proven balance is %s wei (%s)",
			block, a, want, got,
			amount_cmp(implied, closing) > 0
				? "a forged internal transfer to it, or one "
				  "from it left out"
				: "an internal transfer from it forged, or one "
				  "to it left out");
}

/* ---- callers ---- */

void eth_callers_release(struct eth_callers *c)
{
	free(c->v);
	free(c->exempt);
	memset(c, 0, sizeof(*c));
}

static enum trc_err add_addr(uint8_t (**v)[20], size_t *n, size_t *cap,
			     const uint8_t a[20], struct trc_error *err)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 32;
		uint8_t(*p)[20] = realloc(*v, nc * 20);

		if (!p)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		*v = p;
		*cap = nc;
	}
	memcpy((*v)[(*n)++], a, 20);
	return TRC_OK;
}

static bool is_type(const char *type, const char *a, const char *b)
{
	return type && (!strcmp(type, a) || (b && !strcmp(type, b)));
}

static enum trc_err walk(struct eth_callers *c, const json_t *f,
			 const uint8_t parent[20], unsigned depth,
			 struct trc_error *err)
{
	const char *type = json_string_value(json_object_get(f, "type"));
	const json_t *calls = json_object_get(f, "calls");
	uint8_t from[20], to[20], ctx[20];
	bool has_to, has_from;
	size_t i;
	json_t *k;
	enum trc_err rc;

	if (depth > ETH_FLOW_MAX_DEPTH)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"call frames nested "
				"deeper than %u",
				ETH_FLOW_MAX_DEPTH);
	if ((rc = ejson_addr(f, "from", false, from, &has_from, err)) ||
	    (rc = ejson_addr(f, "to", false, to, &has_to, err)))
		return rc;
	if (is_type(type, "DELEGATECALL", "CALLCODE"))
		memcpy(ctx, parent ? parent : from, 20);
	else
		memcpy(ctx, to, 20);
	if (has_to && is_type(type, "CREATE", "CREATE2"))
		rc = add_addr(&c->exempt, &c->n_exempt, &c->cap_exempt, to,
			      err);
	if (!rc && has_from && is_type(type, "SELFDESTRUCT", NULL))
		rc = add_addr(&c->exempt, &c->n_exempt, &c->cap_exempt, from,
			      err);
	if (!rc && json_array_size(calls) &&
	    (has_to || is_type(type, "DELEGATECALL", "CALLCODE")))
		rc = add_addr(&c->v, &c->n, &c->cap, ctx, err);
	json_array_foreach(calls, i, k)
	{
		if (rc)
			break;
		rc = walk(c, k, ctx, depth + 1, err);
	}
	return rc;
}

enum trc_err eth_callers_add(struct eth_callers *c, const json_t *top,
			     struct trc_error *err)
{
	if (!json_is_object(top))
		return trc_fail(err, TRC_ERR_PARSE,
				"call trace is not an object");
	return walk(c, top, NULL, 0, err);
}

static int cmp20(const void *a, const void *b)
{
	return memcmp(a, b, 20);
}

static size_t dedupe(uint8_t (*v)[20], size_t n)
{
	size_t w = 0;

	if (!n)
		return 0;
	qsort(v, n, 20, cmp20);
	for (size_t i = 1; i < n; i++)
		if (memcmp(v[w], v[i], 20))
			memcpy(v[++w], v[i], 20);
	return w + 1;
}

enum trc_err eth_callers_finish(struct eth_callers *c, struct trc_error *err)
{
	size_t w = 0;

	(void)err;
	c->n = dedupe(c->v, c->n);
	c->n_exempt = dedupe(c->exempt, c->n_exempt);
	for (size_t i = 0; i < c->n; i++)
		if (!c->n_exempt ||
		    !bsearch(c->v[i], c->exempt, c->n_exempt, 20, cmp20))
			memcpy(c->v[w++], c->v[i], 20);
	c->n = w;
	return TRC_OK;
}
