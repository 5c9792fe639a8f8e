/*
 * case_xlink.c - a case's links checked against the database, and the
 * trace that continues across them, level by level (case_xlink.h).
 */
#include "tracer/case/case_xlink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/chaindb.h"

/* A link's ends, parsed and read from the database. */
struct case_xres {
	const struct chain_ops *ops[2]; /* from, to */
	uint8_t txid[2][32];
	char disp[2][CHAIN_TXID_STR_MAX];
	char *asset[2]; /* the database's asset names */
};

static const char *fmt_amt(trc_amount a, char *b)
{
	return amount_format(b, AMOUNT_STR_MAX, a, 0, false);
}

/* Output (leg) n of txid: its value and asset. Out: *found, *count. */
static enum trc_err read_out(struct store *s, const struct chain_ops *ops,
			     const uint8_t txid[32], uint32_t n,
			     trc_amount *value, char **asset, bool *found,
			     uint32_t *count, struct trc_error *err)
{
	struct rec_tx tx = REC_TX_INIT;
	enum trc_err rc = chaindb_get_tx(s, ops->id, txid, &tx, found, err);
	const char *a = ops->asset;

	*count = tx.n_legs ? tx.n_legs : tx.n_out;
	if (!rc && *found && n < *count) {
		*value = tx.n_legs ? tx.legs[n].value : tx.out[n].value;
		if (tx.n_legs && tx.legs[n].asset)
			a = tx.legs[n].asset;
		if (!(*asset = strdup(a)))
			rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	rec_tx_release(&tx);
	return rc;
}

/* case_link_end_read with the parsed txid; field ends in its separator
 * ("links[0].to." or "--from "). */
static enum trc_err end_read(struct store *s, struct xlink_end *e,
			     const char *field, const struct chain_ops **ops,
			     uint8_t txid[32], struct trc_error *err)
{
	struct trc_error e2 = TRC_ERROR_INIT;
	char *asset = NULL;
	uint32_t count = 0;
	bool found = false;
	enum trc_err rc;

	if (!(*ops = chain_find(e->chain)))
		return trc_fail(err, TRC_ERR_INVALID,
				"%schain: unknown chain '%.40s' (%s)", field,
				e->chain, chain_names());
	if ((*ops)->txid_parse(e->txid, txid, &e2))
		return trc_fail(err, TRC_ERR_INVALID, "%stxid: %s", field,
				e2.msg);
	rc = read_out(s, *ops, txid, e->n, &e->amount, &asset, &found, &count,
		      err);
	if (rc)
		return rc;
	if (!found)
		return trc_fail(err, TRC_ERR_NOTFOUND,
				"%stxid: transaction %s is not on %s in the "
				"database",
				field, e->txid, (*ops)->name);
	if (!asset)
		return trc_fail(err, TRC_ERR_NOTFOUND,
				"%sn: transaction %s has %u %s", field, e->txid,
				(unsigned)count,
				count == 1 ? "output" : "outputs");
	free(e->asset);
	e->asset = asset;
	return TRC_OK;
}

enum trc_err case_link_end_read(struct store *s, struct xlink_end *e,
				const char *field, struct trc_error *err)
{
	const struct chain_ops *ops;
	uint8_t txid[32];
	char f[96];

	snprintf(f, sizeof(f), "%s ", field);
	return end_read(s, e, f, &ops, txid, err);
}

static enum trc_err check_network(struct store *s, const struct xlink_end *e,
				  const struct chain_ops *ops, const char *f,
				  struct trc_error *err)
{
	char *net = NULL;
	enum trc_err rc;

	if (!e->network)
		return TRC_OK;
	if ((rc = chaindb_get_network(s, ops->id, &net, err)))
		return rc;
	if (net && strcmp(net, e->network))
		rc = trc_fail(err, TRC_ERR_INVALID,
			      "%snetwork: the database holds %s network "
			      "'%s', not '%s'",
			      f, ops->name, net, e->network);
	free(net);
	return rc;
}

/* One side of link i as written, against the database; `who` names it
 * in messages ("case 'PATH': links[0]"). */
static enum trc_err check_end(struct store *s, const char *who, int side,
			      const struct xlink_end *e, struct case_xres *res,
			      struct trc_error *err)
{
	struct xlink_end got = *e;
	char f[TRC_ERROR_MSG_MAX], a[2][AMOUNT_STR_MAX];
	enum trc_err rc;

	snprintf(f, sizeof(f), "%.300s.%s.", who, side ? "to" : "from");
	got.asset = NULL;
	rc = end_read(s, &got, f, &res->ops[side], res->txid[side], err);
	res->asset[side] = got.asset;
	if (rc)
		return rc;
	res->ops[side]->txid_format(res->txid[side], res->disp[side]);
	if ((rc = check_network(s, e, res->ops[side], f, err)))
		return rc;
	if (amount_cmp(got.amount, e->amount))
		return trc_fail(err, TRC_ERR_INVALID,
				"%samount: the database has %s at %s:%u, the "
				"link says %s",
				f, fmt_amt(got.amount, a[0]), e->txid,
				(unsigned)e->n, fmt_amt(e->amount, a[1]));
	if (e->asset && strcasecmp(e->asset, got.asset))
		return trc_fail(err, TRC_ERR_INVALID,
				"%sasset: the database has %s at %s:%u, the "
				"link says %s",
				f, got.asset, e->txid, (unsigned)e->n,
				e->asset);
	return TRC_OK;
}

void case_cross_init(struct case_cross *x)
{
	memset(x, 0, sizeof(*x));
	x->derivers = case_derivers;
}

void case_cross_link_name(const struct case_cross *x, size_t i, char *buf,
			  size_t size)
{
	if (i < x->n_stated)
		snprintf(buf, size, "links[%zu]", i);
	else
		snprintf(buf, size, "found[%zu]", i - x->n_stated);
}

void case_cross_release(struct case_cross *x)
{
	for (size_t i = 0; i < x->n_runs; i++) {
		free(x->runs[i].network);
		if (i)
			trace_result_free(x->runs[i].r);
	}
	free(x->runs);
	free(x->follow);
	for (size_t i = 0; i < x->n_assets; i++)
		free(x->assets[i].asset);
	free(x->assets);
	for (size_t i = 0; x->res && i < x->n_links; i++) {
		free(x->res[i].asset[0]);
		free(x->res[i].asset[1]);
	}
	for (size_t i = x->n_stated; x->links && i < x->n_links; i++)
		xlink_release(&x->links[i]);
	free(x->links);
	free(x->res);
	free(x->conv0);
	free(x->visited);
	{
		const case_deriver *d = x->derivers;
		case_cross_init(x);
		x->derivers = d;
	}
}

/* The unvisited links whose source is on ops. Out: *outs (new), *n. */
static enum trc_err sources_on(struct case_cross *x,
			       const struct chain_ops *ops,
			       struct trace_outpoint **outs, size_t *n,
			       struct trc_error *err)
{
	size_t m = x->n_links;

	*n = 0;
	if (!(*outs = calloc(m ? m : 1, sizeof(**outs))))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < m; i++) {
		if (x->visited[i] || x->res[i].ops[0] != ops)
			continue;
		memcpy((*outs)[*n].txid, x->res[i].txid[0], 32);
		(*outs)[(*n)++].n = x->links[i].from.n;
	}
	return TRC_OK;
}

/* Room for one more link. */
static enum trc_err grow(struct case_cross *x, struct trc_error *err)
{
	size_t nc = x->cap_links ? 2 * x->cap_links : 8;
	struct xlink *l;
	struct case_xres *r;
	bool *v;

	if (x->n_links < x->cap_links)
		return TRC_OK;
	if ((l = realloc(x->links, nc * sizeof(*l))))
		x->links = l;
	if ((r = realloc(x->res, nc * sizeof(*r))))
		x->res = r;
	if ((v = realloc(x->visited, nc * sizeof(*v))))
		x->visited = v;
	if (!l || !r || !v)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	memset(&x->res[x->n_links], 0, (nc - x->n_links) * sizeof(*r));
	memset(&x->visited[x->n_links], 0, (nc - x->n_links) * sizeof(*v));
	x->cap_links = nc;
	return TRC_OK;
}

enum trc_err case_cross_prepare(struct case_cross *x, struct store *s,
				const struct trc_case *k, const char *path,
				struct trace_opts *o0,
				const struct chain_ops *chain0,
				struct trc_error *err)
{
	enum trc_err rc = TRC_OK;
	char who[TRC_ERROR_MSG_MAX];

	case_cross_release(x);
	x->k = k;
	for (size_t i = 0; !rc && k && i < k->n_links; i++) {
		if ((rc = grow(x, err)))
			break;
		x->links[i] = k->links[i]; /* borrowed */
		x->n_links = x->n_stated = i + 1;
		snprintf(who, sizeof(who), "case '%.200s': links[%zu]",
			 path ? path : "", i);
		rc = check_end(s, who, 0, &k->links[i].from, &x->res[i], err);
		if (!rc)
			rc = check_end(s, who, 1, &k->links[i].to, &x->res[i],
				       err);
	}
	if (!rc)
		rc = sources_on(x, chain0, &x->conv0, &x->n_conv0, err);
	if (!rc) {
		o0->convert_outs = x->conv0;
		o0->n_convert_outs = x->n_conv0;
	}
	return rc;
}

/* ---- links found in the database (case_derive.h) ---- */

/* Link l found on ops: checked against the database as a stated one and
 * added, unless its source is a link's source already (a stated link
 * wins; a link found twice is one). l's strings are taken or freed. */
static enum trc_err add_found(struct case_cross *x, struct store *s,
			      const struct chain_ops *ops, struct xlink *l,
			      size_t *added, struct trc_error *err)
{
	struct case_xres res;
	char who[96];
	enum trc_err rc;

	memset(&res, 0, sizeof(res));
	snprintf(who, sizeof(who), "found[%zu] (%s)", x->n_links - x->n_stated,
		 xlink_kind_name(l->kind) ? xlink_kind_name(l->kind) : "?");
	rc = check_end(s, who, 0, &l->from, &res, err);
	if (!rc && res.ops[0] != ops)
		rc = trc_fail(err, TRC_ERR_INVALID,
			      "%s.from.chain: %s, not the chain traced (%s)",
			      who, res.ops[0]->name, ops->name);
	for (size_t i = 0; !rc && i < x->n_links; i++)
		if (x->res[i].ops[0] == res.ops[0] &&
		    x->links[i].from.n == l->from.n &&
		    !memcmp(x->res[i].txid[0], res.txid[0], 32)) {
			free(res.asset[0]);
			xlink_release(l);
			return TRC_OK;
		}
	if (!rc)
		rc = check_end(s, who, 1, &l->to, &res, err);
	if (!rc)
		rc = grow(x, err);
	if (rc) {
		free(res.asset[0]);
		free(res.asset[1]);
		xlink_release(l);
		return rc;
	}
	x->links[x->n_links] = *l;
	memset(l, 0, sizeof(*l));
	x->res[x->n_links] = res;
	x->visited[x->n_links++] = false;
	(*added)++;
	return TRC_OK;
}

/* The links found at the exits of r, a run on ops. Out: *added, the
 * number of new links (their sources are on ops). */
static enum trc_err derive(struct case_cross *x, struct store *s,
			   const struct chain_ops *ops, const char *network,
			   const struct trace_result *r, size_t *added,
			   struct trc_error *err)
{
	struct case_derived d;
	enum trc_err rc = TRC_OK;
	uint8_t txid[32];

	memset(&d, 0, sizeof(d));
	*added = 0;
	if (!x->derivers || !x->derivers[0])
		return TRC_OK;
	for (size_t i = 0; !rc && i < r->n_exits; i++) {
		const struct trace_exit *e = &r->exits[i];
		if (e->category >= 32 ||
		    !(CASE_DERIVE_CATEGORIES & (1u << e->category)))
			continue;
		for (size_t t = 0; !rc && t < e->n_txids; t++) {
			struct trc_error e2 = TRC_ERROR_INIT;
			if (ops->txid_parse(e->txids[t], txid, &e2)) {
				rc = trc_fail(err, TRC_ERR_INVALID,
					      "exit %s: txid %s: %s",
					      e->address, e->txids[t], e2.msg);
				break;
			}
			for (const case_deriver *dv = x->derivers; !rc && *dv;
			     dv++)
				rc = (*dv)(s, ops, network, txid, e->txids[t],
					   e->address, &d, err);
		}
	}
	for (size_t j = 0; j < d.n; j++)
		if (!rc)
			rc = add_found(x, s, ops, &d.v[j], added, err);
	case_derived_release(&d);
	return rc;
}

/* Runs o (on ops) again with every unvisited link's source on ops as a
 * conversion: *conv (owned) and *r are replaced. */
static enum trc_err rerun(struct case_cross *x, struct store *s,
			  struct trace_opts *o, const struct chain_ops *ops,
			  struct trace_outpoint **conv, size_t *n_conv,
			  struct trace_result **r, struct trc_error *err)
{
	struct trace_outpoint *c2 = NULL;
	struct trace_result *r2 = NULL;
	size_t n2 = 0;
	enum trc_err rc = sources_on(x, ops, &c2, &n2, err);

	o->convert_outs = c2;
	o->n_convert_outs = n2;
	if (!rc)
		rc = trace_run(s, o, &r2, err);
	if (rc) {
		o->convert_outs = *conv;
		o->n_convert_outs = *n_conv;
		free(c2);
		return rc;
	}
	free(*conv);
	*conv = c2;
	*n_conv = n2;
	trace_result_free(*r);
	*r = r2;
	return TRC_OK;
}

/* ---- following ---- */

/* The seeds of one chain at the next level. */
struct pend {
	const struct chain_ops *ops;
	const char *network; /* the first link's, or NULL */
	struct trace_outpoint *outs;
	size_t n, alloc;
};

static enum trc_err add_run(struct case_cross *x, const struct chain_ops *ops,
			    const char *network, unsigned depth,
			    struct trace_result *r, struct trc_error *err)
{
	struct case_xrun *g =
		realloc(x->runs, (x->n_runs + 1) * sizeof(*x->runs));

	if (!g) {
		if (depth)
			trace_result_free(r);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	x->runs = g;
	g = &x->runs[x->n_runs++];
	g->chain = ops;
	g->depth = depth;
	g->r = r;
	g->network = network ? strdup(network) : NULL;
	if (network && !g->network)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	return TRC_OK;
}

static struct pend *pend_of(struct pend *p, size_t *np,
			    const struct chain_ops *ops)
{
	for (size_t i = 0; i < *np; i++)
		if (p[i].ops == ops)
			return &p[i];
	memset(&p[*np], 0, sizeof(p[*np]));
	p[*np].ops = ops;
	return &p[(*np)++];
}

/* Link i reached with taint t in run `run`: a followed link and, when
 * something carries over, a seed of the next level. */
static enum trc_err follow_link(struct case_cross *x, size_t i, size_t run,
				trc_amount t, struct pend *p, size_t *np,
				struct trc_error *err)
{
	const struct xlink *l = &x->links[i];
	struct case_xfollow *f;
	struct pend *q;
	struct trc_error e2 = TRC_ERROR_INIT;

	f = realloc(x->follow, (x->n_follow + 1) * sizeof(*x->follow));
	if (!f)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	x->follow = f;
	f = &x->follow[x->n_follow++];
	memset(f, 0, sizeof(*f));
	x->visited[i] = true;
	f->link = i;
	f->from_run = run;
	f->to_run = SIZE_MAX;
	f->taint = t;
	f->from_asset = x->res[i].asset[0];
	f->to_asset = x->res[i].asset[1];
	if (xlink_convert(l, t, &f->converted, &f->remainder, &e2)) {
		char name[48];
		case_cross_link_name(x, i, name, sizeof(name));
		return trc_fail(err, TRC_ERR_INVALID, "%s: %s", name, e2.msg);
	}
	if (amount_is_zero(f->converted))
		return TRC_OK; /* nothing carries over (docs/crosschain.md) */
	q = pend_of(p, np, x->res[i].ops[1]);
	if (!q->network)
		q->network = l->to.network;
	if (q->n == q->alloc) {
		size_t na = q->alloc ? 2 * q->alloc : 8;
		struct trace_outpoint *g = realloc(q->outs, na * sizeof(*g));
		if (!g)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		q->outs = g;
		q->alloc = na;
	}
	memset(&q->outs[q->n], 0, sizeof(q->outs[q->n]));
	memcpy(q->outs[q->n].txid, x->res[i].txid[1], 32);
	q->outs[q->n].n = l->to.n;
	q->outs[q->n++].amount = f->converted;
	return TRC_OK;
}

/* The links whose source received taint in run `run`. */
static enum trc_err scan_run(struct case_cross *x, size_t run, struct pend *p,
			     size_t *np, struct trc_error *err)
{
	const struct trace_result *r = x->runs[run].r;
	enum trc_err rc = TRC_OK;

	for (size_t c = 0; !rc && c < r->n_converted; c++)
		for (size_t i = 0; !rc && i < x->n_links; i++)
			if (!x->visited[i] &&
			    x->res[i].ops[0] == x->runs[run].chain &&
			    x->links[i].from.n == r->converted[c].n &&
			    !strcmp(x->res[i].disp[0], r->converted[c].txid))
				rc = follow_link(x, i, run,
						 r->converted[c].amount, p, np,
						 err);
	return rc;
}

/* The trace of one chain at depth: o0's policy and limits, p's seeds. */
static enum trc_err run_chain(struct case_cross *x, struct store *s,
			      const struct trace_opts *o0,
			      const struct chain_ops *chain0, struct pend *p,
			      unsigned depth, struct trc_error *err)
{
	struct trace_opts o = *o0;
	struct trace_outpoint *conv = NULL;
	struct trace_result *r = NULL;
	char *stored = NULL;
	const char *net;
	size_t n_conv = 0;
	enum trc_err rc;

	if ((rc = chaindb_get_network(s, p->ops->id, &stored, err)))
		return rc;
	net = p->network ? p->network
	      : stored	 ? stored
			 : p->ops->default_network;
	if (depth < CASE_XLINK_DEPTH)
		rc = sources_on(x, p->ops, &conv, &n_conv, err);
	o.chain = p->ops->id;
	o.network = net;
	o.native_asset = p->ops->asset;
	o.native_decimals = p->ops->decimals;
	o.txid_format = p->ops->txid_format;
	o.seed_addrs = NULL;
	o.n_seed_addrs = 0;
	o.seed_outs = p->outs;
	o.n_seed_outs = p->n;
	o.convert_outs = conv;
	o.n_convert_outs = n_conv;
	o.on_progress = NULL;
	if (p->ops != chain0)
		o.min = AMOUNT_ZERO; /* --min is in the case chain's units */
	if (!rc)
		rc = trace_run(s, &o, &r, err);
	if (!rc && depth < CASE_XLINK_DEPTH) {
		size_t added = 0;
		rc = derive(x, s, p->ops, net, r, &added, err);
		if (!rc && added)
			rc = rerun(x, s, &o, p->ops, &conv, &n_conv, &r, err);
		if (rc)
			trace_result_free(r);
	}
	if (!rc)
		rc = add_run(x, p->ops, net, depth, r, err);
	for (size_t i = 0; !rc && i < x->n_follow; i++)
		if (x->follow[i].to_run == SIZE_MAX &&
		    x->res[x->follow[i].link].ops[1] == p->ops &&
		    x->runs[x->follow[i].from_run].depth + 1 == depth)
			x->follow[i].to_run = x->n_runs - 1;
	free(conv);
	free(stored);
	return rc;
}

static struct case_xasset *asset_of(struct case_cross *x, const char *chain,
				    const struct trace_asset *a,
				    struct trc_error *err)
{
	struct case_xasset *g;

	for (size_t i = 0; i < x->n_assets; i++)
		if (!strcmp(x->assets[i].chain, chain) &&
		    !strcmp(x->assets[i].asset, a->asset))
			return &x->assets[i];
	g = realloc(x->assets, (x->n_assets + 1) * sizeof(*x->assets));
	if (!g) {
		trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		return NULL;
	}
	x->assets = g;
	g = &x->assets[x->n_assets];
	memset(g, 0, sizeof(*g));
	g->chain = chain;
	g->decimals = a->decimals;
	g->conserving = a->conserving;
	if (!(g->asset = strdup(a->asset))) {
		trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		return NULL;
	}
	x->n_assets++;
	return g;
}

static bool add(trc_amount *acc, trc_amount v)
{
	return amount_add(acc, *acc, v) != TRC_OK;
}

/* The asset of run `run` named `name` (NULL when the run has none). */
static const struct trace_asset *run_asset(const struct case_cross *x,
					   size_t run, const char *name)
{
	const struct trace_result *r = x->runs[run].r;

	for (size_t i = 0; i < r->n_assets; i++)
		if (!strcmp(r->assets[i].asset, name))
			return &r->assets[i];
	return NULL;
}

static enum trc_err sum_runs(struct case_cross *x, struct trc_error *err)
{
	bool over = false;

	for (size_t i = 0; i < x->n_runs; i++) {
		const struct trace_result *r = x->runs[i].r;
		for (size_t j = 0; j < r->n_assets; j++) {
			const struct trace_asset *a = &r->assets[j];
			struct case_xasset *g =
				asset_of(x, x->runs[i].chain->name, a, err);
			if (!g)
				return TRC_ERR_NOMEM;
			if (!x->runs[i].depth)
				over |= add(&g->seed, a->seed_total);
			/* every sum is made, even after an overflow */
			over |= add(&g->exits, a->exits_total);
			over |= add(&g->held, a->held);
			over |= add(&g->fees, a->fees);
			over |= add(&g->destroyed, a->destroyed);
			over |= add(&g->unresolved, a->unresolved);
			over |= add(&g->converted_out, a->converted);
		}
	}
	for (size_t i = 0; i < x->n_follow; i++) {
		const struct case_xfollow *f = &x->follow[i];
		const struct trace_asset *a;
		struct case_xasset *g;
		if (f->to_run == SIZE_MAX ||
		    !(a = run_asset(x, f->to_run, f->to_asset)))
			continue; /* nothing carried over */
		if (!(g = asset_of(x, x->runs[f->to_run].chain->name, a, err)))
			return TRC_ERR_NOMEM;
		over |= add(&g->converted_in, f->converted);
	}
	if (over)
		return trc_fail(err, TRC_ERR_OVERFLOW,
				"cross-chain sums past 2^256");
	return TRC_OK;
}

static void check_assets(struct case_cross *x)
{
	for (size_t i = 0; i < x->n_assets; i++) {
		struct case_xasset *g = &x->assets[i];
		trc_amount in = g->seed, out = g->exits;
		bool over = add(&in, g->converted_in);

		over |= add(&out, g->held);
		over |= add(&out, g->fees);
		over |= add(&out, g->destroyed);
		over |= add(&out, g->unresolved);
		over |= add(&out, g->converted_out);
		g->balanced = g->conserving && !over && !amount_cmp(in, out);
	}
}

enum trc_err case_cross_follow(struct case_cross *x, struct store *s,
			       struct trace_opts *o0,
			       const struct chain_ops *chain0,
			       struct trace_result **r0, struct trc_error *err)
{
	struct pend *p = NULL;
	size_t np = 0, first = 0, added = 0;
	enum trc_err rc;

	rc = derive(x, s, chain0, o0->network, *r0, &added, err);
	if (!rc && added)
		rc = rerun(x, s, o0, chain0, &x->conv0, &x->n_conv0, r0, err);
	if (rc || !x->n_links) {
		x->k = NULL;
		return rc;
	}
	if ((rc = add_run(x, chain0, o0->network, 0, *r0, err)))
		return rc;
	/* one pending set per chain reached at a level: at most one per
	 * chain id */
	if (!(p = calloc(256, sizeof(*p))))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (unsigned depth = 1; !rc && depth <= CASE_XLINK_DEPTH; depth++) {
		size_t last = x->n_runs;
		np = 0;
		for (size_t i = first; !rc && i < last; i++)
			rc = scan_run(x, i, p, &np, err);
		for (size_t i = 0; !rc && i < np; i++)
			rc = run_chain(x, s, o0, chain0, &p[i], depth, err);
		for (size_t i = 0; i < np; i++)
			free(p[i].outs);
		first = last;
		if (!np)
			break;
	}
	free(p);
	if (!rc)
		rc = sum_runs(x, err);
	if (!rc)
		check_assets(x);
	x->k = NULL;
	return rc;
}
