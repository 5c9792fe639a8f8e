/*
 * address_json.c - the document of one address (address_json.h): its
 * history read from the store, summed per asset, with tags, cluster and
 * warnings.
 */
#include "tracer/render/address_json.h"

#include <stdlib.h>
#include <string.h>

#include "base/strv.h"
#include "store/chaindb.h"
#include "store/clusterdb.h"
#include "store/tags.h"
#include "tracer/render/json.h"
#include "tracer/report/warnings.h"
#include "tracer/tags/tagexport.h"

struct asset_sum {
	char *asset; /* NULL: native */
	trc_amount received, sent;
};

struct seen {
	uint32_t height;
	int64_t time;
};

struct addr_view {
	struct store *store;
	const struct chain_ops *chain;
	const char *addr;
	struct asset_sum *sums;
	uint32_t n_sums;
	uint64_t tx_count;
	bool any;
	struct seen first, last;
	json_t *txs; /* NULL without the history */
	struct trc_error *err;
};

static struct asset_sum *sum_for(struct addr_view *v, const char *asset)
{
	struct asset_sum *n;

	for (uint32_t i = 0; i < v->n_sums; i++)
		if ((!asset && !v->sums[i].asset) ||
		    (asset && v->sums[i].asset &&
		     !strcmp(asset, v->sums[i].asset)))
			return &v->sums[i];
	n = realloc(v->sums, (v->n_sums + 1) * sizeof(*n));
	if (!n)
		return NULL;
	v->sums = n;
	n += v->n_sums;
	memset(n, 0, sizeof(*n));
	if (asset && !(n->asset = strdup(asset)))
		return NULL;
	v->n_sums++;
	return n;
}

static bool add_to(struct addr_view *v, const char *asset, bool in,
		   trc_amount value)
{
	struct asset_sum *s = sum_for(v, asset);
	trc_amount *t;

	if (!s) {
		trc_fail(v->err, TRC_ERR_NOMEM, "out of memory");
		return false;
	}
	t = in ? &s->received : &s->sent;
	if (amount_add(t, *t, value)) {
		trc_fail(v->err, TRC_ERR_OVERFLOW, "%s total overflows",
			 in ? "received" : "sent");
		return false;
	}
	return true;
}

static bool is_opening(const struct rec_tx *tx)
{
	for (uint32_t i = 0; i < tx->n_legs; i++)
		if (tx->legs[i].kind != LEG_OPENING)
			return false;
	return tx->n_legs > 0;
}

static bool same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static bool overflow(struct addr_view *v)
{
	trc_fail(v->err, TRC_ERR_OVERFLOW, "native total overflows");
	return false;
}

/* Adds what tx moved to or from the address. Out: native in and out. */
static bool account_tx(struct addr_view *v, const struct rec_tx *tx,
		       trc_amount *in, trc_amount *out)
{
	*in = *out = AMOUNT_ZERO;
	for (uint32_t i = 0; i < tx->n_out; i++)
		if (same(tx->out[i].address, v->addr) &&
		    (!add_to(v, NULL, true, tx->out[i].value) ||
		     (amount_add(in, *in, tx->out[i].value) && !overflow(v))))
			return false;
	for (uint32_t i = 0; i < tx->n_in; i++)
		if (same(tx->in[i].address, v->addr) &&
		    (!add_to(v, NULL, false, tx->in[i].value) ||
		     (amount_add(out, *out, tx->in[i].value) && !overflow(v))))
			return false;
	for (uint32_t i = 0; i < tx->n_legs; i++) {
		const struct rec_leg *l = &tx->legs[i];

		/* a reverted transaction moved nothing but its fee */
		if ((tx->flags & REC_TX_FAILED) && l->kind != LEG_FEE)
			continue;
		if (same(l->to, v->addr) &&
		    (!add_to(v, l->asset, true, l->value) ||
		     (!l->asset && amount_add(in, *in, l->value) &&
		      !overflow(v))))
			return false;
		if (same(l->from, v->addr) &&
		    (!add_to(v, l->asset, false, l->value) ||
		     (!l->asset && amount_add(out, *out, l->value) &&
		      !overflow(v))))
			return false;
	}
	return true;
}

static bool add_tx_row(struct addr_view *v, const struct rec_tx *tx,
		       trc_amount in, trc_amount out)
{
	char txid[CHAIN_TXID_STR_MAX];
	json_t *o;

	v->chain->txid_format(tx->txid, txid);
	o = json_pack("{s:s, s:I}", "txid", txid, "height",
		      (json_int_t)tx->height);
	if (o &&
	    (rjson_set_time(o, "time", tx->time) ||
	     json_object_set_new(o, "in", rjson_amount(in)) ||
	     json_object_set_new(o, "out", rjson_amount(out)) ||
	     json_object_set_new(o, "failed",
				 json_boolean(tx->flags & REC_TX_FAILED)))) {
		json_decref(o);
		o = NULL;
	}
	if (!o || json_array_append_new(v->txs, o)) {
		trc_fail(v->err, TRC_ERR_NOMEM, "out of memory");
		return false;
	}
	return true;
}

static int on_hist(const struct chaindb_hist *h, void *ctx)
{
	struct addr_view *v = ctx;
	struct rec_tx tx = REC_TX_INIT;
	trc_amount in, out;
	bool found = false;
	int stop = 1;

	if (chaindb_get_tx(v->store, v->chain->id, h->txid, &tx, &found,
			   v->err))
		return 1;
	if (!found) {
		trc_fail(v->err, TRC_ERR_CORRUPT,
			 "address history names a transaction that is not "
			 "stored (height %u)",
			 h->height);
		goto cleanup;
	}
	if (!account_tx(v, &tx, &in, &out))
		goto cleanup;
	stop = 0;
	if (is_opening(&tx))
		goto cleanup;
	v->tx_count++;
	if (!v->any)
		v->first = (struct seen){ tx.height, tx.time };
	v->last = (struct seen){ tx.height, tx.time };
	v->any = true;
	if (v->txs && !add_tx_row(v, &tx, in, out))
		stop = 1;
cleanup:
	rec_tx_release(&tx);
	return stop;
}

/* The native coin first, then tokens in the order met. */
static void native_first(struct addr_view *v)
{
	for (uint32_t i = 1; i < v->n_sums; i++)
		if (!v->sums[i].asset) {
			struct asset_sum t = v->sums[i];

			memmove(v->sums + 1, v->sums, i * sizeof(*v->sums));
			v->sums[0] = t;
			return;
		}
}

/* ---- the document ---- */

static json_t *seen_json(const struct addr_view *v, const struct seen *s)
{
	json_t *o;

	if (!v->any)
		return json_null();
	o = json_pack("{s:I}", "height", (json_int_t)s->height);
	if (o && rjson_set_time(o, "time", s->time)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *asset_json(const struct addr_view *v, const struct asset_sum *s)
{
	trc_amount bal;
	bool ok = !amount_sub(&bal, s->received, s->sent);

	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:b}", "asset",
			 s->asset ? s->asset : v->chain->asset, "decimals",
			 s->asset ? json_null()
				  : json_integer(v->chain->decimals),
			 "balance", ok ? rjson_amount(bal) : json_null(),
			 "received", rjson_amount(s->received), "sent",
			 rjson_amount(s->sent), "complete", ok);
}

/* The cluster of two or more the address belongs to, else null (and
 * null when the clustering is being rebuilt). */
static enum trc_err cluster_json(struct addr_view *v, json_t **out)
{
	struct trc_error ready = TRC_ERROR_INIT;
	uint64_t id = 0, size = 1;

	*out = NULL;
	if (clusterdb_ready(v->store, v->chain->id, &ready)) {
		*out = json_null();
		return TRC_OK;
	}
	if (clusterdb_find(v->store, v->chain->id, v->addr, &id, &size, v->err))
		return v->err->code;
	*out = id ? json_pack("{s:I, s:I}", "id", (json_int_t)id, "size",
			      (json_int_t)size)
		  : json_null();
	return *out ? TRC_OK : trc_fail(v->err, TRC_ERR_NOMEM, "out of memory");
}

static json_t *tags_json(const struct tag_list *tags, const char *network)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < tags->n; i++)
		if (json_array_append_new(
			    a, tagexport_tag_json(&tags->items[i], network))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static enum trc_err build(struct addr_view *v, const char *network,
			  json_t **out)
{
	struct tag_list tags = TAG_LIST_INIT;
	char **warn = NULL;
	size_t n_warn = 0;
	json_t *root = NULL, *assets = NULL, *cluster = NULL;
	enum trc_err rc;

	if ((rc = chaindb_each_hist(v->store, v->chain->id, v->addr, on_hist, v,
				    v->err)) ||
	    (rc = v->err->code))
		goto cleanup;
	if ((rc = tags_get(v->store, v->chain->id, v->addr, &tags, v->err)) ||
	    (rc = cluster_json(v, &cluster)))
		goto cleanup;
	native_first(v);
	if ((rc = warnings_address(v->chain->name, v->addr, v->tx_count, &warn,
				   &n_warn, v->err)) ||
	    (rc = warnings_tags(v->chain->name, &tags, &warn, &n_warn, v->err)))
		goto cleanup;
	rc = TRC_ERR_NOMEM;
	if (!(assets = json_array()))
		goto cleanup;
	for (uint32_t i = 0; i < v->n_sums; i++)
		if (json_array_append_new(assets, asset_json(v, &v->sums[i])))
			goto cleanup;
	root = json_pack("{s:s, s:o, s:s, s:O, s:I, s:o, s:o, s:o, s:O}",
			 "chain", v->chain->name, "network",
			 network ? json_string(network) : json_null(),
			 "address", v->addr, "assets", assets, "tx_count",
			 (json_int_t)v->tx_count, "first_seen",
			 seen_json(v, &v->first), "last_seen",
			 seen_json(v, &v->last), "tags",
			 tags_json(&tags, network), "cluster", cluster);
	if (!root ||
	    json_object_set_new(root, "warnings",
				rjson_strings(warn, n_warn)) ||
	    (v->txs && json_object_set(root, "txs", v->txs)))
		goto cleanup;
	*out = root;
	root = NULL;
	rc = TRC_OK;
cleanup:
	if (rc == TRC_ERR_NOMEM && !v->err->code)
		trc_fail(v->err, TRC_ERR_NOMEM, "out of memory");
	json_decref(root);
	json_decref(assets);
	json_decref(cluster);
	strv_free(warn, n_warn);
	tag_list_release(&tags);
	return rc;
}

enum trc_err address_json(struct store *s, const struct chain_ops *chain,
			  const char *network, const char *address,
			  bool with_txs, json_t **out, struct trc_error *err)
{
	struct addr_view v;
	enum trc_err rc = TRC_ERR_NOMEM;

	*out = NULL;
	memset(&v, 0, sizeof(v));
	v.store = s;
	v.chain = chain;
	v.addr = address;
	v.err = err;
	if (with_txs && !(v.txs = json_array()))
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	else
		rc = build(&v, network, out);
	for (uint32_t i = 0; i < v.n_sums; i++)
		free(v.sums[i].asset);
	free(v.sums);
	json_decref(v.txs);
	return rc;
}
