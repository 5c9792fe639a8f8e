/*
 * trace_eng.c - the engine state of a trace: growth of its arrays, interning
 * of addresses and assets, the visited transactions, the classification of
 * an address that receives taint (tag, cluster, exit, hub), seeds.
 */
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "graph/trace_int.h"
#include "store/chaindb.h"
#include "store/tags.h"

bool eng_grow(void **p, size_t size, size_t need, size_t *alloc, struct eng *e)
{
	size_t n;
	void *q;

	if (need <= *alloc)
		return true;
	n = *alloc ? *alloc : 16;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * size);
	if (!q) {
		e->rc = trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
		return false;
	}
	*p = q;
	*alloc = n;
	return true;
}

void eng_fmt_txid(const struct trace_opts *o, const uint8_t txid[32],
		  char out[TRACE_TXID_STR])
{
	if (o->txid_format)
		o->txid_format(txid, out);
	else
		hex_encode(out, txid, 32);
}

/* ---- interning helpers ---- */

uint32_t eng_addr_id(struct eng *e, const char *a)
{
	uint32_t id;
	size_t before = intern_count(&e->addrs);

	if (eng_err(e, intern_add(&e->addrs, a, strlen(a), &id, e->err)))
		return INTERN_NONE;
	if (intern_count(&e->addrs) == before)
		return id;
	if (!GROW(e->ai, id + 1, e->ai_alloc, e))
		return INTERN_NONE;
	e->ai[id].flags = 0;
	e->ai[id].node = TRACE_NONE;
	return id;
}

uint32_t eng_asset_id(struct eng *e, const char *asset)
{
	const char *key = asset ? asset : "";
	uint32_t id;
	struct trace_asset *a;

	if (eng_err(e, intern_add(&e->assets, key, strlen(key), &id, e->err)))
		return INTERN_NONE;
	if (id < e->r->n_assets)
		return id;
	if (!GROW(e->r->assets, id + 1, e->assets_alloc, e))
		return INTERN_NONE;
	a = &e->r->assets[id];
	memset(a, 0, sizeof(*a));
	a->asset = strdup(asset		       ? asset
			  : e->o->native_asset ? e->o->native_asset
					       : "native");
	a->decimals = asset ? -1 : (int)e->o->native_decimals;
	a->conserving = e->o->policy != TRACE_POISON;
	e->r->n_assets = id + 1;
	if (!a->asset)
		e->rc = trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
	return id;
}

/* The visited index of the tx in hand, created on first use. */
uint32_t eng_cur_tx(struct eng *e, const struct rec_tx *tx)
{
	if (e->cur_tx != TRACE_NONE)
		return e->cur_tx;
	if (!GROW(e->txs, e->n_txs + 1, e->txs_alloc, e))
		return 0;
	eng_fmt_txid(e->o, tx->txid, e->txs[e->n_txs].txid);
	e->txs[e->n_txs].time = tx->time;
	e->r->counters.txs_visited++;
	e->cur_tx = (uint32_t)e->n_txs++;
	return e->cur_tx;
}

uint32_t eng_new_flow(struct eng *e, uint32_t parent, uint32_t tx, uint32_t to,
		      trc_amount amount)
{
	if (!GROW(e->flows, e->n_flows + 1, e->flows_alloc, e))
		return TRACE_NONE;
	e->flows[e->n_flows] = (struct flow){ parent, tx, to, amount };
	return (uint32_t)e->n_flows++;
}

/* ---- classification of an address that receives taint ---- */

static enum trc_err set_node_tag(struct trace_node *n, const struct tag *t)
{
	n->entity = t->entity ? strdup(t->entity) : NULL;
	n->category = t->category;
	n->inferred = t->inferred;
	n->evidence = t->evidence ? strdup(t->evidence) : NULL;
	if ((t->entity && !n->entity) || (t->evidence && !n->evidence))
		return TRC_ERR_NOMEM;
	return TRC_OK;
}

/* A hub by the count of transactions kept at ingest: no counting. */
static void check_hub(struct eng *e, uint32_t id, const char *a)
{
	uint64_t n = 0;
	enum trc_err rc = chaindb_addr_count(e->s, e->o->chain, a, &n, e->err);

	if (!eng_err(e, rc) && n > e->o->hub_txs)
		e->ai[id].flags |= A_HUB;
}

static void lookup_tag(struct eng *e, struct trace_node *n)
{
	struct tag t = TAG_INIT;
	bool found = false;
	enum trc_err rc;

	rc = tags_get(e->s, e->o->chain, n->address, &n->tags, e->err);
	if (!rc && n->tags.n) {
		if (set_node_tag(n, &n->tags.items[0]))
			e->rc = trc_fail(e->err, TRC_ERR_NOMEM,
					 "out of memory");
		return;
	}
	if (!rc && e->cl)
		rc = cluster_infer(e->cl, n->address, e->o->txid_format, &t,
				   &found, e->err);
	if (!eng_err(e, rc) && found && set_node_tag(n, &t))
		e->rc = trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
	tag_release(&t);
}

void eng_classify(struct eng *e, uint32_t id)
{
	struct addr *a = &e->ai[id];
	struct trace_node *n;

	if (a->flags & A_CHECKED)
		return;
	a->flags |= A_CHECKED;
	if (!GROW(e->r->nodes, e->r->n_nodes + 1, e->nodes_alloc, e))
		return;
	a->node = (uint32_t)e->r->n_nodes++;
	n = &e->r->nodes[a->node];
	memset(n, 0, sizeof(*n));
	n->address = strdup(intern_key(&e->addrs, id, NULL));
	if (!n->address) {
		e->rc = trc_fail(e->err, TRC_ERR_NOMEM, "out of memory");
		return;
	}
	n->role = TRACE_ROLE_INTERMEDIATE;
	lookup_tag(e, n);
	if (e->cl &&
	    eng_err(e, cluster_id(e->cl, n->address, &n->cluster, e->err)))
		return;
	if (a->flags & A_SEED)
		return;
	if (n->category < 32 && (e->o->stop_mask & (1u << n->category)))
		a->flags |= A_EXIT;
	else if (e->o->hub_txs)
		check_hub(e, id, n->address);
}

static bool in_time(const struct eng *e, int64_t t)
{
	return e->o->since == TRACE_TIME_NONE || t >= e->o->since;
}

bool eng_is_seed_addr(struct eng *e, const char *a, int64_t t)
{
	uint32_t id;

	if (!a || !in_time(e, t))
		return false;
	id = intern_find(&e->addrs, a, strlen(a));
	return id != INTERN_NONE && (e->ai[id].flags & A_SEED);
}

bool eng_is_seed_out(struct eng *e, const uint8_t txid[32], uint32_t n)
{
	uint8_t k[36];

	if (!intern_count(&e->seed_outs))
		return false;
	outpt_key(k, txid, n);
	return intern_find(&e->seed_outs, k, 36) != INTERN_NONE;
}

trc_amount eng_seed_taint(struct eng *e, const uint8_t txid[32], uint32_t n,
			  trc_amount value)
{
	uint8_t k[36];
	uint32_t id;

	if (!intern_count(&e->seed_outs))
		return AMOUNT_ZERO;
	outpt_key(k, txid, n);
	id = intern_find(&e->seed_outs, k, 36);
	if (id == INTERN_NONE)
		return AMOUNT_ZERO;
	return amount_is_zero(e->seed_amt[id]) ? value : e->seed_amt[id];
}

bool eng_is_convert_out(struct eng *e, const uint8_t txid[32], uint32_t n)
{
	uint8_t k[36];

	if (!intern_count(&e->conv_outs))
		return false;
	outpt_key(k, txid, n);
	return intern_find(&e->conv_outs, k, 36) != INTERN_NONE;
}
