/*
 * Provenance for reports: one pass over the block records of each chain,
 * one over its tags, and the database digest.
 */
#include "tracer/report/report_prov.h"

#include "tracer/report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/hex.h"
#include "store/chaindb.h"
#include "store/dbcheck.h"
#include "store/record.h"
#include "store/tags.h"
#include <time.h>

void report_prov_release(struct report_prov *p)
{
	free(p->command);
	for (size_t i = 0; i < p->n_chains; i++)
		free(p->chains[i].network);
	free(p->chains);
	for (size_t i = 0; i < p->n_sources; i++)
		free(p->sources[i].source);
	free(p->sources);
	for (size_t i = 0; i < p->n_tag_sources; i++)
		free(p->tag_sources[i].source);
	free(p->tag_sources);
	memset(p, 0, sizeof(*p));
}

const char *report_prov_verified_name(unsigned bit)
{
	static const char *const names[PROV_VERIFIED_BITS] = {
		"txids",      "merkle root", "proof of work",  "parent link",
		"signatures", "header hash", "balance proofs",
	};

	return bit < PROV_VERIFIED_BITS ? names[bit] : "unknown";
}

static bool shell_safe(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789_./:=@%+,-",
			    *s))
			return false;
	return true;
}

/* Shell-quotes argv into a new string (free()); NULL on no memory. */
static char *report_prov_command(int argc, char *const *argv)
{
	struct buf b = BUF_INIT(1u << 20);
	enum trc_err rc = TRC_OK;

	for (int i = 0; i < argc && !rc; i++) {
		if (i)
			rc = buf_append_str(&b, " ");
		if (!rc && shell_safe(argv[i]))
			rc = buf_append_str(&b, argv[i]);
		else if (!rc) {
			rc = buf_append_str(&b, "'");
			for (const char *p = argv[i]; *p && !rc; p++)
				rc = *p == '\'' ? buf_append_str(&b, "'\\''")
						: buf_append(&b, p, 1);
			if (!rc)
				rc = buf_append_str(&b, "'");
		}
	}
	if (!rc)
		rc = buf_append_str(&b, ""); /* allocates for argc = 0 */
	if (rc) {
		buf_release(&b);
		return NULL;
	}
	return (char *)buf_detach(&b, NULL);
}

static struct prov_source *find_source(struct report_prov *p, uint8_t chain,
				       const char *src, struct trc_error *err)
{
	struct prov_source *ns;

	for (size_t i = 0; i < p->n_sources; i++)
		if (p->sources[i].chain == chain &&
		    !strcmp(p->sources[i].source, src))
			return &p->sources[i];
	ns = realloc(p->sources, (p->n_sources + 1) * sizeof(*ns));
	if (!ns) {
		trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		return NULL;
	}
	p->sources = ns;
	ns = &p->sources[p->n_sources];
	memset(ns, 0, sizeof(*ns));
	ns->chain = chain;
	ns->source = strdup(src);
	if (!ns->source) {
		trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		return NULL;
	}
	p->n_sources++;
	return ns;
}

static void widen(uint32_t *lo, uint32_t *hi, uint64_t count, uint32_t h)
{
	if (!count || h < *lo)
		*lo = h;
	if (!count || h > *hi)
		*hi = h;
}

static enum trc_err add_block(struct report_prov *p, struct prov_chain *c,
			      const struct rec_block *b, struct trc_error *err)
{
	struct prov_source *src;

	src = find_source(p, c->chain, b->source ? b->source : "(unknown)",
			  err);
	if (!src)
		return TRC_ERR_NOMEM;
	widen(&src->min_height, &src->max_height, src->blocks, b->height);
	src->blocks++;
	widen(&c->min_height, &c->max_height, c->blocks, b->height);
	c->blocks++;
	for (unsigned i = 0; i < PROV_VERIFIED_BITS; i++)
		if (b->verified & (1u << i))
			c->verified[i]++;
	return TRC_OK;
}

struct block_walk {
	struct report_prov *p;
	struct prov_chain *c;
	enum trc_err rc;
	struct trc_error *err;
};

static int on_block(const struct rec_block *b, void *ctx)
{
	struct block_walk *w = ctx;

	w->rc = add_block(w->p, w->c, b, w->err);
	return w->rc != TRC_OK;
}

static enum trc_err walk_blocks(struct report_prov *p, struct store *s,
				struct prov_chain *c, struct trc_error *err)
{
	struct block_walk w = { p, c, TRC_OK, err };
	enum trc_err rc = chaindb_each_block(s, c->chain, on_block, &w, err);

	return rc ? rc : w.rc;
}

struct tag_walk {
	struct report_prov *p;
	enum trc_err rc;
	struct trc_error *err;
};

static int on_tag(const struct tag *t, void *ctx)
{
	struct tag_walk *w = ctx;
	struct report_prov *p = w->p;
	struct prov_tag_source *ns;
	const char *src = t->source ? t->source : "(unknown)";

	for (size_t i = 0; i < p->n_tag_sources; i++)
		if (p->tag_sources[i].chain == t->chain &&
		    !strcmp(p->tag_sources[i].source, src)) {
			p->tag_sources[i].tags++;
			return 0;
		}
	ns = realloc(p->tag_sources, (p->n_tag_sources + 1) * sizeof(*ns));
	if (!ns || !(ns[p->n_tag_sources].source = strdup(src))) {
		if (ns)
			p->tag_sources = ns;
		w->rc = trc_fail(w->err, TRC_ERR_NOMEM, "out of memory");
		return 1;
	}
	p->tag_sources = ns;
	ns[p->n_tag_sources].chain = t->chain;
	ns[p->n_tag_sources].tags = 1;
	p->n_tag_sources++;
	return 0;
}

static int cmp_tag_source(const void *a, const void *b)
{
	const struct prov_tag_source *x = a, *y = b;

	if (x->chain != y->chain)
		return x->chain < y->chain ? -1 : 1;
	return strcmp(x->source, y->source);
}

static int cmp_source(const void *a, const void *b)
{
	const struct prov_source *x = a, *y = b;

	if (x->chain != y->chain)
		return x->chain < y->chain ? -1 : 1;
	return strcmp(x->source, y->source);
}

static enum trc_err collect_chain(struct report_prov *p, struct store *s,
				  uint8_t chain, struct trc_error *err)
{
	struct prov_chain *c = &p->chains[p->n_chains++];
	struct tag_walk w = { p, TRC_OK, err };
	enum trc_err rc;

	memset(c, 0, sizeof(*c));
	c->chain = chain;
	rc = chaindb_get_network(s, chain, &c->network, err);
	if (!rc)
		rc = walk_blocks(p, s, c, err);
	if (!rc)
		rc = chaindb_count_txs(s, c->chain, &c->txs, err);
	if (!rc)
		rc = tags_each(s, chain, on_tag, &w, err);
	return rc ? rc : w.rc;
}

static int cmp_u8(const void *a, const void *b)
{
	return (int)*(const uint8_t *)a - (int)*(const uint8_t *)b;
}

enum trc_err report_prov_collect(struct report_prov *p, struct store *s,
				 const uint8_t *chains, size_t n, int argc,
				 char *const *argv, int64_t now,
				 struct trc_error *err)
{
	struct dbcheck_result dr;
	uint8_t ids[256];
	enum trc_err rc = TRC_OK;

	memset(p, 0, sizeof(*p));
	if (n > sizeof(ids))
		return trc_fail(err, TRC_ERR_INVALID, "too many chains");
	memcpy(ids, chains, n);
	qsort(ids, n, 1, cmp_u8);
	p->command = report_prov_command(argc, argv);
	p->chains = calloc(n ? n : 1, sizeof(*p->chains));
	if (!p->command || !p->chains)
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n && !rc; i++)
		rc = collect_chain(p, s, ids[i], err);
	if (!rc)
		rc = dbcheck_run(s, &dr, err);
	if (rc) {
		report_prov_release(p);
		return rc;
	}
	hex_encode(p->digest, dr.digest, 32);
	p->records = dr.records;
	/* qsort wants a pointer even for nothing: a database without tags
	 * has no tag sources (and NULL there) */
	if (p->n_sources)
		qsort(p->sources, p->n_sources, sizeof(*p->sources),
		      cmp_source);
	if (p->n_tag_sources)
		qsort(p->tag_sources, p->n_tag_sources, sizeof(*p->tag_sources),
		      cmp_tag_source);
	{
		char iso[DATE_ISO_SIZE];

		snprintf(p->generated, sizeof(p->generated), "%s",
			 date_format_iso(now, iso));
	}
	return TRC_OK;
}

/* ---- provenance levels of exits ---- */

#define LEVEL_NONE REC_LEVEL_COUNT /* no tainted transfer seen */

/* A flow of the trace as the walk needs it, sorted by (asset, from). */
struct flow {
	uint32_t asset, from, to;
};

struct level_walk {
	struct store *s;
	const struct report_case *c;
	struct rec_tx tx; /* the last tx read: outputs come in chain order */
	bool have;
	uint8_t txid[32];
	/* [asset * n_nodes + node]: the weakest transfer into the node,
	 * then the weakest into it or anything upstream of it */
	uint8_t *own, *up;
	struct flow *flows;
	uint32_t *queue;
};

/* The level of tainted output o, its tx read from the store. */
static enum trc_err output_level(struct level_walk *w,
				 const struct trace_output *o, uint8_t *level,
				 struct trc_error *err)
{
	uint8_t id[32];
	bool found = false;
	enum trc_err rc = w->c->ops->txid_parse(o->txid, id, err);

	if (rc)
		return rc;
	if (!w->have || memcmp(id, w->txid, 32)) {
		rec_tx_release(&w->tx);
		w->have = false;
		rc = chaindb_get_tx(w->s, w->c->res->chain, id, &w->tx, &found,
				    err);
		if (rc)
			return rc;
		w->have = found;
		memcpy(w->txid, id, 32);
	}
	*level = w->have ? (uint8_t)rec_tx_level(&w->tx, o->n)
			 : REC_LEVEL_ASSERTED;
	return TRC_OK;
}

static int cmp_flow(const void *a, const void *b)
{
	const struct flow *x = a, *y = b;

	if (x->asset != y->asset)
		return x->asset < y->asset ? -1 : 1;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return 0;
}

/* The first of the n flows with (asset, from) at or after it. */
static size_t first_flow(const struct flow *f, size_t n, uint32_t asset,
			 uint32_t from)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f[mid].asset < asset ||
		    (f[mid].asset == asset && f[mid].from < from))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Gives level to every node of asset a that node v reaches (v included)
 * and that has none yet: what a weaker level reached keeps it. */
static void spread(struct level_walk *w, uint32_t a, uint32_t v, uint8_t level)
{
	const struct trace_result *res = w->c->res;
	uint8_t *up = w->up + (size_t)a * res->n_nodes;
	size_t head = 0, tail = 0;

	up[v] = level;
	w->queue[tail++] = v;
	while (head < tail) {
		uint32_t u = w->queue[head++];

		for (size_t k = first_flow(w->flows, res->n_edges, a, u);
		     k < res->n_edges && w->flows[k].asset == a &&
		     w->flows[k].from == u;
		     k++) {
			uint32_t t = w->flows[k].to;

			if (t >= res->n_nodes || up[t] != LEVEL_NONE)
				continue;
			up[t] = level;
			w->queue[tail++] = t;
		}
	}
}

/* w->own from the tainted outputs; counts them per level. */
static enum trc_err own_levels(struct level_walk *w, struct report_case *c,
			       struct trc_error *err)
{
	const struct trace_result *res = c->res;
	enum trc_err rc = TRC_OK;

	memset(c->level_outputs, 0, sizeof(c->level_outputs));
	for (size_t k = 0; k < res->n_outputs && !rc; k++) {
		const struct trace_output *o = &res->outputs[k];
		uint8_t l, *p;

		if ((rc = output_level(w, o, &l, err)))
			break;
		c->level_outputs[l]++;
		if (o->node >= res->n_nodes || o->asset >= res->n_assets)
			continue;
		p = &w->own[(size_t)o->asset * res->n_nodes + o->node];
		*p = l < *p ? l : *p;
	}
	return rc;
}

/*
 * Each exit's level is the weakest own level of the nodes that reach it
 * along flows: spreading each level from its nodes, weakest first, to
 * every node not reached yet gives it in one pass per level.
 */
static enum trc_err case_levels(struct level_walk *w, struct report_case *c,
				struct trc_error *err)
{
	const struct trace_result *res = c->res;
	size_t cells = res->n_assets * res->n_nodes;
	enum trc_err rc;

	c->exit_level = calloc(res->n_exits ? res->n_exits : 1, 1);
	w->own = malloc(cells ? cells : 1);
	w->up = malloc(cells ? cells : 1);
	w->flows =
		malloc((res->n_edges ? res->n_edges : 1) * sizeof(*w->flows));
	w->queue =
		malloc((res->n_nodes ? res->n_nodes : 1) * sizeof(*w->queue));
	if (!c->exit_level || !w->own || !w->up || !w->flows || !w->queue)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	memset(w->own, LEVEL_NONE, cells);
	memset(w->up, LEVEL_NONE, cells);
	if ((rc = own_levels(w, c, err)))
		return rc;
	for (size_t k = 0; k < res->n_edges; k++) {
		w->flows[k].asset = res->edges[k].asset;
		w->flows[k].from = res->edges[k].from;
		w->flows[k].to = res->edges[k].to;
	}
	if (res->n_edges)
		qsort(w->flows, res->n_edges, sizeof(*w->flows), cmp_flow);
	for (uint8_t l = 0; l < REC_LEVEL_COUNT; l++)
		for (size_t i = 0; i < cells; i++)
			if (w->own[i] == l && w->up[i] == LEVEL_NONE)
				spread(w, (uint32_t)(i / res->n_nodes),
				       (uint32_t)(i % res->n_nodes), l);
	for (size_t i = 0; i < res->n_exits; i++) {
		const struct trace_exit *x = &res->exits[i];
		uint8_t l = x->node < res->n_nodes && x->asset < res->n_assets
				    ? w->up[(size_t)x->asset * res->n_nodes +
					    x->node]
				    : LEVEL_NONE;

		c->exit_level[i] = l == LEVEL_NONE ? REC_LEVEL_ASSERTED : l;
	}
	return TRC_OK;
}

static void level_walk_reset(struct level_walk *w)
{
	free(w->own);
	free(w->up);
	free(w->flows);
	free(w->queue);
	w->own = w->up = NULL;
	w->flows = NULL;
	w->queue = NULL;
}

enum trc_err report_prov_levels(struct report *r, struct store *s,
				struct trc_error *err)
{
	struct level_walk w;
	enum trc_err rc = TRC_OK;

	memset(&w, 0, sizeof(w));
	w.s = s;
	rec_tx_init(&w.tx);
	for (size_t i = 0; i < r->n_cases && !rc; i++) {
		free(r->cases[i].exit_level);
		r->cases[i].exit_level = NULL;
		w.c = &r->cases[i];
		w.have = false;
		rc = case_levels(&w, &r->cases[i], err);
		level_walk_reset(&w);
	}
	rec_tx_release(&w.tx);
	return rc;
}
