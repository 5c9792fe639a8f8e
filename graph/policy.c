/*
 * policy.c - per-transaction taint arithmetic, exact in trc_amount.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/policy.h"

/* a - b, or 0 when b > a (callers have checked b <= a). */
static trc_amount sat_sub(trc_amount a, trc_amount b)
{
	trc_amount d;

	return amount_sub(&d, a, b) ? AMOUNT_ZERO : d;
}

void policy_scratch_release(struct policy_scratch *s)
{
	free(s->p);
	s->p = NULL;
	s->cap = 0;
}

static void *scratch(struct policy_scratch *s, size_t bytes,
		     struct trc_error *err)
{
	if (bytes > s->cap) {
		void *p = realloc(s->p, bytes);
		if (!p) {
			trc_fail(err, TRC_ERR_NOMEM, "out of memory");
			return NULL;
		}
		s->p = p;
		s->cap = bytes;
	}
	return s->p;
}

void policy_segs_release(struct policy_segs *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->alloc = 0;
}

enum trc_err policy_segs_push(struct policy_segs *s, trc_amount start,
			      trc_amount len, struct trc_error *err)
{
	trc_amount end;

	if (amount_is_zero(len))
		return TRC_OK;
	if (s->n) {
		struct policy_seg *last = &s->v[s->n - 1];
		if (amount_add(&end, last->start, last->len))
			return trc_fail(err, TRC_ERR_OVERFLOW,
					"interval past 2^256");
		if (!amount_cmp(end, start))
			return amount_add(&last->len, last->len, len)
				       ? trc_fail(err, TRC_ERR_OVERFLOW,
						  "interval past 2^256")
				       : TRC_OK;
	}
	if (s->n == s->alloc) {
		size_t n = s->alloc ? s->alloc * 2 : 16;
		struct policy_seg *v = realloc(s->v, n * sizeof(*v));
		if (!v)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		s->v = v;
		s->alloc = n;
	}
	s->v[s->n].start = start;
	s->v[s->n].len = len;
	s->n++;
	return TRC_OK;
}

struct rem {
	trc_amount r;
	size_t i;
};

static int by_rem(const void *a, const void *b)
{
	const struct rem *x = a, *y = b;
	int c = amount_cmp(y->r, x->r);

	if (c)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

static enum trc_err overflow(struct trc_error *err)
{
	return trc_fail(err, TRC_ERR_OVERFLOW, "taint amount past 2^256");
}

enum trc_err policy_split(trc_amount total, const trc_amount *w, size_t n,
			  trc_amount *out, struct policy_scratch *sc,
			  struct trc_error *err)
{
	trc_amount sum_w = AMOUNT_ZERO, sum_q = AMOUNT_ZERO, left;
	struct rem *r;
	uint64_t k;

	for (size_t i = 0; i < n; i++) {
		out[i] = AMOUNT_ZERO;
		if (amount_add(&sum_w, sum_w, w[i]))
			return overflow(err);
	}
	if (amount_is_zero(sum_w))
		return trc_fail(err, TRC_ERR_INVALID, "split over zero weight");
	r = scratch(sc, n * sizeof(*r), err);
	if (!r)
		return TRC_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		if (amount_mul_div(&out[i], &r[i].r, total, w[i], sum_w) ||
		    amount_add(&sum_q, sum_q, out[i]))
			return overflow(err);
		r[i].i = i;
	}
	/* total - sum_q < n: the sum of remainders over W. */
	if (amount_sub(&left, total, sum_q) || amount_to_u64(&k, left) || k > n)
		return trc_fail(err, TRC_ERR_INVALID, "split remainder");
	if (!k)
		return TRC_OK;
	qsort(r, n, sizeof(*r), by_rem);
	for (uint64_t j = 0; j < k; j++)
		if (amount_add(&out[r[j].i], out[r[j].i], amount_from_u64(1)))
			return overflow(err);
	return TRC_OK;
}

/* Clips [s, s+l) to [lo, hi); Out: *cs, *cl (cl 0 when disjoint). */
static void clip(trc_amount s, trc_amount l, trc_amount lo, trc_amount hi,
		 trc_amount *cs, trc_amount *cl)
{
	trc_amount e, a, b;

	*cl = AMOUNT_ZERO;
	*cs = AMOUNT_ZERO;
	if (amount_add(&e, s, l))
		return;
	a = amount_max(s, lo);
	b = amount_min(e, hi);
	if (amount_cmp(a, b) >= 0)
		return;
	*cs = a;
	*cl = sat_sub(b, a);
}

enum trc_err policy_cut(const struct policy_seg *line, size_t n_line,
			const trc_amount *parts, size_t n, trc_amount *taint,
			struct policy_segs *out, uint32_t *off, uint32_t *cnt,
			struct trc_error *err)
{
	trc_amount pos = AMOUNT_ZERO, end, cs, cl, rel;
	enum trc_err rc;
	size_t j = 0;

	for (size_t i = 0; i < n; i++) {
		taint[i] = AMOUNT_ZERO;
		off[i] = (uint32_t)out->n;
		if (amount_add(&end, pos, parts[i]))
			return overflow(err);
		/* Skip intervals that end before this part starts. */
		while (j < n_line) {
			trc_amount e;
			if (amount_add(&e, line[j].start, line[j].len))
				return overflow(err);
			if (amount_cmp(e, pos) > 0)
				break;
			j++;
		}
		for (size_t k = j; k < n_line; k++) {
			if (amount_cmp(line[k].start, end) >= 0)
				break;
			clip(line[k].start, line[k].len, pos, end, &cs, &cl);
			if (amount_is_zero(cl))
				continue;
			rel = sat_sub(cs, pos);
			rc = policy_segs_push(out, rel, cl, err);
			if (rc)
				return rc;
			if (amount_add(&taint[i], taint[i], cl))
				return overflow(err);
		}
		cnt[i] = (uint32_t)(out->n - off[i]);
		pos = end;
	}
	return TRC_OK;
}

struct by_val {
	trc_amount v;
	size_t i;
};

static int by_value(const void *a, const void *b)
{
	const struct by_val *x = a, *y = b;
	int c = amount_cmp(y->v, x->v);

	if (c)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

enum trc_err policy_tiho(trc_amount total, const trc_amount *outs, size_t n_out,
			 trc_amount fee, trc_amount *out, trc_amount *fee_taint,
			 trc_amount *left, struct policy_scratch *sc,
			 struct trc_error *err)
{
	struct by_val *o = scratch(sc, (n_out ? n_out : 1) * sizeof(*o), err);
	trc_amount rest = total;

	*fee_taint = AMOUNT_ZERO;
	*left = AMOUNT_ZERO;
	if (!o)
		return TRC_ERR_NOMEM;
	for (size_t i = 0; i < n_out; i++) {
		out[i] = AMOUNT_ZERO;
		o[i].v = outs[i];
		o[i].i = i;
	}
	qsort(o, n_out, sizeof(*o), by_value);
	for (size_t k = 0; k < n_out && !amount_is_zero(rest); k++) {
		trc_amount take = amount_min(rest, o[k].v);
		out[o[k].i] = take;
		rest = sat_sub(rest, take);
	}
	*fee_taint = amount_min(rest, fee);
	*left = sat_sub(rest, *fee_taint);
	return TRC_OK;
}
