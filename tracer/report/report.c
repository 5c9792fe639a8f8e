/*
 * The report model: what is derived from trace results before any writer
 * formats it. Only integers; sorting makes every list deterministic.
 */
#include "tracer/report/report.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/date.h"
#include "store/tags.h"
#include "tracer/report/graph_cross.h"

static void case_free(struct report_case *c)
{
	free(c->path);
	case_release(&c->kase);
	trace_result_free(c->res);
	free(c->entities);
	free(c->days);
	free(c->exit_value);
	free(c->exit_level);
	free(c->receipts);
	free(c->graph_svg);
	for (size_t i = 0; i < c->n_xruns; i++) {
		free(c->xruns[i].receipts);
		free(c->xruns[i].exit_value);
		free(c->xruns[i].entities);
	}
	free(c->xruns);
	free(c->xvalues);
	if (c->cross)
		case_cross_release(c->cross);
	free(c->cross);
}

void report_release(struct report *r)
{
	for (size_t i = 0; i < r->n_cases; i++)
		case_free(&r->cases[i]);
	free(r->cases);
	for (size_t i = 0; i < r->n_totals; i++) {
		free(r->totals[i].asset);
		free(r->totals[i].entity);
	}
	free(r->totals);
	report_prov_release(&r->prov);
	free(r->graph_note);
	memset(r, 0, sizeof(*r));
}

enum trc_err report_add_case(struct report *r, const char *path,
			     struct trc_case *kase, const struct chain_ops *ops,
			     struct trace_result *res, struct trc_error *err)
{
	struct report_case *nc, *c;
	char *p = strdup(path ? path : "");

	nc = p ? realloc(r->cases, (r->n_cases + 1) * sizeof(*nc)) : NULL;
	if (!nc) {
		free(p);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	r->cases = nc;
	c = &nc[r->n_cases++];
	memset(c, 0, sizeof(*c));
	c->path = p;
	c->kase = *kase;
	memset(kase, 0, sizeof(*kase));
	case_init(kase);
	c->ops = ops;
	c->res = res;
	return TRC_OK;
}

/* ---- formatting helpers ---- */

unsigned report_decimals(const struct trace_result *res, uint32_t a)
{
	if (a >= res->n_assets || res->assets[a].decimals < 0)
		return 0;
	return (unsigned)res->assets[a].decimals;
}

char *report_amount(char *buf, size_t size, const struct trace_result *res,
		    uint32_t asset, trc_amount a)
{
	return amount_format(buf, size, a, report_decimals(res, asset), true);
}

char *report_share(char *buf, size_t size, trc_amount part, trc_amount whole)
{
	trc_amount q;
	char s[AMOUNT_STR_MAX];

	if (amount_is_zero(whole) ||
	    amount_mul_div(&q, NULL, part, amount_from_u64(10000), whole)) {
		snprintf(buf, size, "-");
		return buf;
	}
	snprintf(buf, size, "%s%%", amount_format(s, sizeof(s), q, 2, false));
	return buf;
}

bool report_is_exposure(const struct trace_result *res)
{
	return res->policy == TRACE_POISON;
}

char *report_seed_share(char *buf, size_t size, const struct trace_result *res,
			uint32_t a, trc_amount part)
{
	if (report_is_exposure(res) || a >= res->n_assets) {
		snprintf(buf, size, "-");
		return buf;
	}
	return report_share(buf, size, part, res->assets[a].seed_total);
}

const char *report_headline(const struct trace_result *res)
{
	return report_is_exposure(res)
		       ? "Exposure of exchanges and services (an upper bound)"
		       : "Illicit proceeds estimate";
}

char *report_time(char *buf, size_t size, int64_t t)
{
	char iso[DATE_ISO_SIZE];

	snprintf(buf, size, "%s",
		 t == TRACE_TIME_NONE ? "-" : date_format_iso(t, iso));
	return buf;
}

char *report_value_text(char *buf, size_t size, const struct report *r,
			const struct report_value *v)
{
	char s[AMOUNT_STR_MAX], day[11];

	if (!r->prices) {
		snprintf(buf, size, "%s", "");
	} else if (v->ok) {
		snprintf(buf, size, "%s %s",
			 prices_format_cents(s, sizeof(s), v->cents),
			 r->prices->currency);
	} else {
		date_format_day(v->missing_day, day);
		snprintf(buf, size, "missing (no %s price for %s)",
			 r->prices->currency, day);
	}
	return buf;
}

const char *report_category(uint8_t category)
{
	const char *n = category ? tag_category_name(category) : NULL;

	return n ? n : "untagged";
}

/* ---- receipts at exits ---- */

struct exit_key {
	uint32_t node, asset, exit;
};

static int cmp_exit_key(const void *a, const void *b)
{
	const struct exit_key *x = a, *y = b;

	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	return x->asset < y->asset ? -1 : x->asset > y->asset;
}

static uint32_t find_exit(const struct exit_key *k, size_t n, uint32_t node,
			  uint32_t asset)
{
	struct exit_key want = { node, asset, 0 }, *hit;

	hit = bsearch(&want, k, n, sizeof(*k), cmp_exit_key);
	return hit ? hit->exit : TRACE_NONE;
}

struct rcpt_sort {
	struct report_receipt r;
	size_t order;
};

static int cmp_rcpt(const void *a, const void *b)
{
	const struct rcpt_sort *x = a, *y = b;

	if (x->r.exit != y->r.exit)
		return x->r.exit < y->r.exit ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Edges into exits, one receipt per (exit, txid), chain order. */
static size_t gather(const struct trace_result *res,
		     const struct exit_key *keys, struct rcpt_sort *out)
{
	size_t n = 0;

	for (size_t i = 0; i < res->n_edges; i++) {
		const struct trace_edge *e = &res->edges[i];
		uint32_t x;

		if (e->to == TRACE_NONE)
			continue;
		x = find_exit(keys, res->n_exits, e->to, e->asset);
		if (x == TRACE_NONE)
			continue;
		out[n].r.exit = x;
		out[n].r.txid = e->txid;
		out[n].r.time = e->time;
		out[n].r.amount = e->amount;
		out[n].order = i;
		n++;
	}
	qsort(out, n, sizeof(*out), cmp_rcpt);
	return n;
}

/* Merges receipts of the same tx; checks each exit's sum. An exit whose
 * receipts do not add up to its amount gets one receipt of its amount at
 * its first arrival instead (valued at that day). */
static size_t settle(const struct trace_result *res, struct rcpt_sort *s,
		     size_t n, struct report_receipt *out)
{
	size_t k = 0, i = 0;

	for (uint32_t x = 0; x < res->n_exits; x++) {
		size_t start = k;
		trc_amount sum = AMOUNT_ZERO;
		bool bad = false;

		for (; i < n && s[i].r.exit == x; i++) {
			bool same = k > start &&
				    !strcmp(out[k - 1].txid, s[i].r.txid);

			if (same) {
				bad |= amount_add(&out[k - 1].amount,
						  out[k - 1].amount,
						  s[i].r.amount) != TRC_OK;
			} else
				out[k++] = s[i].r;
			bad |= amount_add(&sum, sum, s[i].r.amount) != TRC_OK;
		}
		if (bad || amount_cmp(sum, res->exits[x].amount)) {
			k = start;
			out[k].exit = x;
			out[k].txid = "";
			out[k].time = res->exits[x].first_time;
			out[k++].amount = res->exits[x].amount;
		}
	}
	return k;
}

/* The receipts of res's exits. Out: *out (new, free()), *n. */
static enum trc_err receipts_of(const struct trace_result *res,
				struct report_receipt **out, size_t *n,
				struct trc_error *err)
{
	struct exit_key *keys = malloc((res->n_exits + 1) * sizeof(*keys));
	struct rcpt_sort *s = malloc((res->n_edges + 1) * sizeof(*s));
	size_t k;

	*out = malloc((res->n_edges + res->n_exits + 1) * sizeof(**out));
	if (!keys || !s || !*out) {
		free(keys);
		free(s);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < res->n_exits; i++) {
		keys[i].node = res->exits[i].node;
		keys[i].asset = res->exits[i].asset;
		keys[i].exit = (uint32_t)i;
	}
	qsort(keys, res->n_exits, sizeof(*keys), cmp_exit_key);
	k = gather(res, keys, s);
	*n = settle(res, s, k, *out);
	free(keys);
	free(s);
	return TRC_OK;
}

static enum trc_err receipts(struct report_case *c, struct trc_error *err)
{
	return receipts_of(c->res, &c->receipts, &c->n_receipts, err);
}

/* ---- fiat ---- */

static void value_add(struct report_value *v, const struct prices *p,
		      const char *asset, unsigned decimals, int64_t t,
		      trc_amount amount)
{
	trc_amount cents;

	if (!v->ok)
		return;
	if (!prices_value(p, asset, t, amount, decimals, &cents) ||
	    amount_add(&v->cents, v->cents, cents)) {
		v->ok = false;
		v->missing_day = t;
		v->cents = AMOUNT_ZERO;
	}
}

static void value_merge(struct report_value *into, const struct report_value *v)
{
	if (!into->ok)
		return;
	if (!v->ok || amount_add(&into->cents, into->cents, v->cents)) {
		*into = *v;
		into->ok = false;
	}
}

/* The fiat value of each exit of res from its receipts. Out: *out
 * (new, free()). */
static enum trc_err exit_values_of(const struct trace_result *res,
				   const struct report_receipt *rcpt, size_t n,
				   const struct prices *p,
				   struct report_value **out,
				   struct trc_error *err)
{
	struct report_value *v = calloc(res->n_exits + 1, sizeof(*v));

	*out = v;
	if (!v)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < res->n_exits; i++)
		v[i].ok = true;
	for (size_t i = 0; i < n; i++) {
		uint32_t a = res->exits[rcpt[i].exit].asset;

		value_add(&v[rcpt[i].exit], p, res->assets[a].asset,
			  report_decimals(res, a), rcpt[i].time,
			  rcpt[i].amount);
	}
	return TRC_OK;
}

static enum trc_err exit_values(struct report_case *c, const struct prices *p,
				struct trc_error *err)
{
	return exit_values_of(c->res, c->receipts, c->n_receipts, p,
			      &c->exit_value, err);
}

/* ---- entities ---- */

static const char *exit_name(const struct trace_exit *x)
{
	return x->entity && *x->entity ? x->entity : x->address;
}

static int cmp_entity(const void *a, const void *b)
{
	const struct report_entity *x = a, *y = b;
	int c;

	if (x->asset != y->asset)
		return x->asset < y->asset ? -1 : 1;
	c = amount_cmp(y->amount, x->amount);
	return c ? c : strcmp(x->entity, y->entity);
}

/* The entity of exit x in es[0..n), added when new. */
static uint32_t entity_of(struct report_entity *es, size_t *n,
			  const struct trace_exit *x)
{
	for (size_t i = 0; i < *n; i++)
		if (es[i].asset == x->asset &&
		    !strcmp(es[i].entity, exit_name(x)))
			return (uint32_t)i;
	memset(&es[*n], 0, sizeof(*es));
	es[*n].asset = x->asset;
	es[*n].entity = exit_name(x);
	es[*n].category = x->category;
	es[*n].value.ok = true;
	return (uint32_t)(*n)++;
}

/* Exits are sorted by amount, so an entity's first exit is its largest
 * and sets its category. */
enum trc_err report_entities(const struct trace_result *res,
			     struct report_entity **out, size_t *n,
			     uint32_t *exit_of, struct trc_error *err)
{
	struct report_entity *es = calloc(res->n_exits + 1, sizeof(*es));
	size_t m = 0;

	*out = NULL;
	*n = 0;
	if (!es)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < res->n_exits; i++) {
		const struct trace_exit *x = &res->exits[i];
		struct report_entity *e = &es[entity_of(es, &m, x)];

		if (amount_add(&e->amount, e->amount, x->amount)) {
			trc_fail(err, TRC_ERR_OVERFLOW,
				 "the total of entity '%s' (%s) passes 2^256",
				 e->entity, res->assets[x->asset].asset);
			free(es);
			return TRC_ERR_OVERFLOW;
		}
		e->n_exits++;
		e->inferred |= x->inferred;
	}
	qsort(es, m, sizeof(*es), cmp_entity);
	for (size_t i = 0; exit_of && i < res->n_exits; i++)
		exit_of[i] = entity_of(es, &m, &res->exits[i]);
	*out = es;
	*n = m;
	return TRC_OK;
}

/* The entities of res, with the fiat value of their exits (values: NULL
 * without prices). Out: *out (new, free()), *n. */
static enum trc_err entities_of(const struct trace_result *res,
				const struct report_value *values,
				struct report_entity **out, size_t *n,
				struct trc_error *err)
{
	uint32_t *of = calloc(res->n_exits + 1, sizeof(*of));
	enum trc_err rc;

	if (!of)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rc = report_entities(res, out, n, of, err);
	for (size_t i = 0; !rc && values && i < res->n_exits; i++)
		value_merge(&(*out)[of[i]].value, &values[i]);
	free(of);
	return rc;
}

static enum trc_err entities(struct report_case *c, struct trc_error *err)
{
	return entities_of(c->res, c->exit_value, &c->entities, &c->n_entities,
			   err);
}

/* ---- the timeline ---- */

static int64_t day_of(int64_t t)
{
	int64_t d = t / 86400;

	if (t % 86400 < 0)
		d--;
	return d * 86400;
}

/* By day, asset, then edge index (chain order). */
static int cmp_day_edge(const void *a, const void *b, void *ctx)
{
	const struct trace_edge *es = ctx;
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	int64_t x = day_of(es[i].time), y = day_of(es[j].time);

	if (x != y)
		return x < y ? -1 : 1;
	if (es[i].asset != es[j].asset)
		return es[i].asset < es[j].asset ? -1 : 1;
	return i < j ? -1 : i > j;
}

/*
 * The timeline: res's edges with a receiver summed per UTC day and asset,
 * by day then asset, with the number of distinct transactions. Out: *out
 * (new, free()), *n. Returns TRC_ERR_OVERFLOW, TRC_ERR_NOMEM.
 */
static enum trc_err report_days(const struct trace_result *res,
				struct report_day **out, size_t *n,
				struct trc_error *err)
{
	uint32_t *ix = malloc((res->n_edges + 1) * sizeof(*ix));
	struct report_day *ds = calloc(res->n_edges + 1, sizeof(*ds));
	const struct trace_edge *es = res->edges;
	size_t m = 0, k = 0;

	*out = NULL;
	*n = 0;
	if (!ix || !ds) {
		free(ix);
		free(ds);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < res->n_edges; i++)
		if (es[i].to != TRACE_NONE)
			ix[k++] = (uint32_t)i;
	qsort_r(ix, k, sizeof(*ix), cmp_day_edge, (void *)es);
	for (size_t i = 0; i < k; i++) {
		const struct trace_edge *x = &es[ix[i]];
		int64_t day = day_of(x->time);
		struct report_day *d = m ? &ds[m - 1] : NULL;

		if (!d || d->day != day || d->asset != x->asset) {
			d = &ds[m++];
			d->day = day;
			d->asset = x->asset;
		}
		/* a transaction's edges are consecutive in chain order */
		if (!i || d->txs == 0 || strcmp(es[ix[i - 1]].txid, x->txid))
			d->txs++;
		if (amount_add(&d->amount, d->amount, x->amount)) {
			free(ix);
			free(ds);
			return trc_fail(err, TRC_ERR_OVERFLOW,
					"a day's tainted total passes 2^256");
		}
	}
	free(ix);
	*out = ds;
	*n = m;
	return TRC_OK;
}

/* ---- the total over several cases ---- */

/* A receipt of any case, keyed so that the same funds meet. */
struct all_rcpt {
	const char *asset, *address, *txid, *entity;
	uint8_t category;
	unsigned decimals;
	int64_t time;
	trc_amount amount;
};

static int cmp_all(const void *a, const void *b)
{
	const struct all_rcpt *x = a, *y = b;
	int c = strcasecmp(x->asset, y->asset);

	if (!c)
		c = strcmp(x->address, y->address);
	if (!c)
		c = strcmp(x->txid, y->txid);
	if (!c)
		c = amount_cmp(y->amount, x->amount);
	return c;
}

static struct report_total *total_of(struct report *r, const struct all_rcpt *a,
				     struct trc_error *err)
{
	struct report_total *t;

	for (size_t i = 0; i < r->n_totals; i++)
		if (!strcasecmp(r->totals[i].asset, a->asset) &&
		    !strcmp(r->totals[i].entity, a->entity))
			return &r->totals[i];
	t = &r->totals[r->n_totals];
	memset(t, 0, sizeof(*t));
	t->asset = strdup(a->asset);
	t->entity = strdup(a->entity);
	t->category = a->category;
	t->value.ok = true;
	r->n_totals++;
	if (!t->asset || !t->entity) {
		trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		return NULL;
	}
	return t;
}

/* One group of equal (asset, address, txid), largest first. */
static enum trc_err take_group(struct report *r, const struct all_rcpt *g,
			       size_t n, struct trc_error *err)
{
	struct report_total *t = total_of(r, &g[0], err);
	trc_amount sum = AMOUNT_ZERO;

	if (!t)
		return TRC_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		if (amount_add(&sum, sum, g[i].amount))
			return trc_fail(err, TRC_ERR_OVERFLOW,
					"total "
					"overflows");
	if (amount_add(&t->sum, t->sum, sum) ||
	    amount_add(&t->amount, t->amount, g[0].amount) ||
	    amount_sub(&t->overlap, t->sum, t->amount))
		return trc_fail(err, TRC_ERR_OVERFLOW, "total overflows");
	if (r->prices)
		value_add(&t->value, r->prices, g[0].asset, g[0].decimals,
			  g[0].time, g[0].amount);
	return TRC_OK;
}

static int cmp_total(const void *a, const void *b)
{
	const struct report_total *x = a, *y = b;
	int c = strcasecmp(x->asset, y->asset);

	if (!c)
		c = amount_cmp(y->amount, x->amount);
	return c ? c : strcmp(x->entity, y->entity);
}

static size_t fill_all(const struct report *r, struct all_rcpt *all)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_cases; i++) {
		const struct report_case *c = &r->cases[i];

		for (size_t j = 0; j < c->n_receipts; j++) {
			const struct report_receipt *rc = &c->receipts[j];
			const struct trace_exit *x = &c->res->exits[rc->exit];

			all[n].asset = c->res->assets[x->asset].asset;
			all[n].address = x->address;
			all[n].txid = rc->txid;
			all[n].entity = exit_name(x);
			all[n].category = x->category;
			all[n].decimals = report_decimals(c->res, x->asset);
			all[n].time = rc->time;
			all[n].amount = rc->amount;
			n++;
		}
	}
	return n;
}

static enum trc_err totals(struct report *r, struct trc_error *err)
{
	size_t n = 0, i, j;
	struct all_rcpt *all;
	enum trc_err rc = TRC_OK;

	for (i = 0; i < r->n_cases; i++)
		n += r->cases[i].n_receipts;
	all = malloc((n + 1) * sizeof(*all));
	r->totals = calloc(n + 1, sizeof(*r->totals));
	if (!all || !r->totals) {
		free(all);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	n = fill_all(r, all);
	qsort(all, n, sizeof(*all), cmp_all);
	for (i = 0; i < n && !rc; i = j) {
		for (j = i + 1; j < n; j++)
			if (strcasecmp(all[i].asset, all[j].asset) ||
			    strcmp(all[i].address, all[j].address) ||
			    strcmp(all[i].txid, all[j].txid))
				break;
		rc = take_group(r, &all[i], j - i, err);
	}
	free(all);
	if (!rc)
		qsort(r->totals, r->n_totals, sizeof(*r->totals), cmp_total);
	return rc;
}

/* ---- cross-chain (docs/crosschain.md) ---- */

static enum trc_err xrun_compute(struct report_xrun *x, const struct prices *p,
				 struct trc_error *err)
{
	enum trc_err rc =
		receipts_of(x->res, &x->receipts, &x->n_receipts, err);

	if (!rc && p)
		rc = exit_values_of(x->res, x->receipts, x->n_receipts, p,
				    &x->exit_value, err);
	if (!rc)
		rc = entities_of(x->res, x->exit_value, &x->entities,
				 &x->n_entities, err);
	return rc;
}

static enum trc_err xruns(struct report_case *c, const struct prices *p,
			  struct trc_error *err)
{
	const struct case_cross *x = c->cross;
	enum trc_err rc = TRC_OK;

	c->xruns = calloc(x->n_runs + 1, sizeof(*c->xruns));
	if (!c->xruns)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 1; i < x->n_runs && !rc; i++) {
		struct report_xrun *w = &c->xruns[c->n_xruns++];

		w->run = i;
		w->res = x->runs[i].r;
		w->chain = x->runs[i].chain->name;
		rc = xrun_compute(w, p, err);
	}
	return rc;
}

/* amount of asset (by name) in res at the day of t, into v */
static void xvalue_side(struct report_value *v, const struct prices *p,
			const struct trace_result *res, const char *asset,
			int64_t t, trc_amount amount)
{
	uint32_t a = 0;
	unsigned dec = 0;

	v->ok = true;
	if (asset && export_graph_find_asset(res, asset, &a))
		dec = report_decimals(res, a);
	if (!amount_is_zero(amount))
		value_add(v, p, asset ? asset : "", dec, t, amount);
}

static enum trc_err xvalues(struct report_case *c, const struct prices *p,
			    struct trc_error *err)
{
	const struct case_cross *x = c->cross;

	c->xvalues = calloc(x->n_follow + 1, sizeof(*c->xvalues));
	if (!c->xvalues)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < x->n_follow; i++) {
		const struct case_xfollow *f = &x->follow[i];
		const struct xlink *l = &x->links[f->link];
		const struct trace_result *ra = x->runs[f->from_run].r;
		struct report_xvalue *v = &c->xvalues[i];
		size_t o = export_cross_output(ra, l->from.txid, l->from.n);

		v->from_time =
			o == SIZE_MAX ? TRACE_TIME_NONE : ra->outputs[o].time;
		v->to_time = TRACE_TIME_NONE;
		xvalue_side(&v->from, p, ra, f->from_asset, v->from_time,
			    f->taint);
		if (f->to_run != SIZE_MAX) {
			const struct trace_result *rb = x->runs[f->to_run].r;

			o = export_cross_output(rb, l->to.txid, l->to.n);
			if (o != SIZE_MAX)
				v->to_time = rb->outputs[o].time;
			xvalue_side(&v->to, p, rb, f->to_asset, v->to_time,
				    f->converted);
		} else
			v->to.ok = true; /* nothing carried over: 0 */
	}
	return TRC_OK;
}

/* Every exit of every run: a conversion is not proceeds, so each amount
 * is valued once, where it exits. */
static void proceeds(struct report_case *c)
{
	struct report_proceeds *t = &c->proceeds;

	t->computed = true;
	t->value.ok = true;
	for (size_t i = 0; i < c->res->n_exits; i++)
		value_merge(&t->value, &c->exit_value[i]);
	t->n_exits = c->res->n_exits;
	for (size_t k = 0; k < c->n_xruns; k++) {
		const struct report_xrun *w = &c->xruns[k];

		for (size_t i = 0; w->exit_value && i < w->res->n_exits; i++)
			value_merge(&t->value, &w->exit_value[i]);
		t->n_exits += w->res->n_exits;
	}
}

char *report_xvalue_diff(char *buf, size_t size, const struct report *r,
			 const struct report_xvalue *v)
{
	char s[AMOUNT_STR_MAX];
	trc_amount d;
	bool up;

	if (!r->prices || !v->from.ok || !v->to.ok) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	up = amount_cmp(v->to.cents, v->from.cents) >= 0;
	if (up ? amount_sub(&d, v->to.cents, v->from.cents)
	       : amount_sub(&d, v->from.cents, v->to.cents))
		d = AMOUNT_ZERO; /* cannot happen: ordered */
	snprintf(buf, size, "%s%s %s", up ? "+" : "-",
		 prices_format_cents(s, sizeof(s), d), r->prices->currency);
	return buf;
}

static enum trc_err one_case(struct report_case *c, const struct prices *p,
			     struct trc_error *err)
{
	enum trc_err rc = receipts(c, err);

	if (!rc && p)
		rc = exit_values(c, p, err);
	if (!rc)
		rc = entities(c, err);
	if (!rc)
		rc = report_days(c->res, &c->days, &c->n_days, err);
	if (!rc && c->cross && c->cross->n_runs)
		rc = xruns(c, p, err);
	if (!rc && c->cross && c->cross->n_runs && p)
		rc = xvalues(c, p, err);
	if (!rc && p)
		proceeds(c);
	return rc;
}

enum trc_err report_compute(struct report *r, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; i < r->n_cases && !rc; i++)
		rc = one_case(&r->cases[i], r->prices, err);
	if (!rc && r->n_cases > 1)
		rc = totals(r, err);
	return rc;
}

/* ---- methodology text ---- */

const char *report_policy_text(enum trace_policy p)
{
	switch (p) {
	case TRACE_POISON:
		return "Poison: when any input of a transaction is tainted, "
		       "every output is treated as wholly tainted. This "
		       "measures exposure, not amounts: totals can exceed "
		       "what was stolen, and the accounting identity does "
		       "not apply.";
	case TRACE_HAIRCUT:
		return "Haircut: each output carries the same proportion of "
		       "taint as the transaction's inputs (tainted input / "
		       "total input). Integer base units are split by "
		       "largest remainder so that the outputs and the fee "
		       "add up exactly to the tainted input.";
	case TRACE_FIFO:
		return "FIFO (first in, first out): the inputs are laid end "
		       "to end in their order, each carrying its tainted "
		       "parts; the outputs, then the fee, take consecutive "
		       "slices of that line. An output's taint is the "
		       "tainted length its slice covers.";
	case TRACE_LIFO:
		return "LIFO (last in, first out): as FIFO, with the inputs "
		       "taken from the last one.";
	case TRACE_TIHO:
		return "TIHO (taint in, highest out): the tainted total of a "
		       "transaction goes to its largest outputs first; what "
		       "exceeds all outputs goes to the fee.";
	}
	return "Unknown policy.";
}

const char *const report_method_notes[] = {
	"The trace starts at the seeds and follows tainted funds forward, "
	"transaction by transaction, in chain order. It stops at addresses "
	"tagged as a service (exchange, deposit, mixer, bridge, service, dex): "
	"funds that reach one are counted there as an exit and not followed.",
	"It also stops at the hop limit, below the minimum amount, after the "
	"end time and at untagged hub addresses; what stopped there is "
	"reported as unresolved. Tainted funds still unspent at untagged "
	"addresses are held.",
	"For every policy but poison the figures satisfy exactly: seed total "
	"= exits + held + fees + unresolved.",
	"Clustering (common-input ownership, CoinJoin-shaped transactions "
	"excluded) extends tags to addresses spent together with a tagged "
	"one; on account chains, an address that forwards what it receives "
	"to a tagged exchange is inferred to be its deposit address. "
	"Inferred tags are marked and give their evidence (txids).",
	"Caution: taint analysis shows where funds could have gone under a "
	"stated rule, not who controls an address. Tags come from third "
	"parties and heuristics can be wrong. Different policies give "
	"different amounts; none of them is proof of ownership on its own. "
	"docs/taint.md defines every policy with a worked example.",
	"Provenance: each exit shows the weakest level of the transfers its "
	"amount rests on (those into it and into every address taint "
	"reached it from). verified: recomputed by tracer from bytes a "
	"verified block header commits to (txids, merkle roots and proof "
	"of work; on Ethereum transaction hashes, signatures, the "
	"transactions and receipts roots). proven: equal to an EIP-1186 "
	"state proof against a verified state root (Ethereum internal "
	"transfers and opening balances: their net effect on each balance, "
	"not each transfer). asserted: the node's word, checked by nothing. "
	"docs/trust.md lists what a node can still lie about, per source.",
	NULL,
};

const char *report_exit_level(const struct report_case *c, size_t i)
{
	if (!c->exit_level || i >= c->res->n_exits)
		return "unknown";
	return rec_level_name(c->exit_level[i]);
}

const char *report_reason_text(uint8_t reason)
{
	switch (reason) {
	case TRACE_UNRES_HOPS:
		return "at the hop limit and spent later";
	case TRACE_UNRES_HUB:
		return "reached an untagged hub address";
	case TRACE_UNRES_MIN:
		return "below the minimum amount and spent "
		       "later";
	case TRACE_UNRES_UNTIL:
		return "spent after the end time";
	case TRACE_UNRES_MISSING:
		return "the spending transaction is not in "
		       "the database";
	case TRACE_UNRES_UNSPENDABLE:
		return "sent to an output without an "
		       "address";
	case TRACE_UNRES_PEGGED:
		return "moved into a ledger the chain's "
		       "transactions do not show (Litecoin MWEB)";
	}
	return "unknown";
}
