/*
 * trace_json.c - the `tracer trace --json` document of a trace result
 * (docs/cli.md), shared by `trace` and the JSON report.
 */
#include "tracer/render/trace_json.h"

#include "base/date.h"
#include "base/strv.h"
#include "store/tags.h"
#include "tracer/case/case.h"
#include "tracer/render/json.h"
#include "tracer/report/warnings.h"

/* The sums with the asset's decimals ("1.5"), for people. */
static json_t *formatted(const struct trace_asset *x)
{
	json_t *o = json_object();
	unsigned d = (unsigned)x->decimals;

	json_object_set_new(o, "seed_total",
			    rjson_amount_fmt(x->seed_total, d));
	json_object_set_new(o, "exits_total",
			    rjson_amount_fmt(x->exits_total, d));
	json_object_set_new(o, "held", rjson_amount_fmt(x->held, d));
	json_object_set_new(o, "fees", rjson_amount_fmt(x->fees, d));
	json_object_set_new(o, "destroyed", rjson_amount_fmt(x->destroyed, d));
	json_object_set_new(o, "frozen", rjson_amount_fmt(x->frozen, d));
	json_object_set_new(o, "unresolved",
			    rjson_amount_fmt(x->unresolved, d));
	return o;
}

/* "amount_formatted" next to an amount, when the decimals are known. */
static void set_fmt(json_t *o, const struct trace_result *r, uint32_t asset,
		    trc_amount a)
{
	int d = r->assets[asset].decimals;

	if (d >= 0)
		json_object_set_new(o, "amount_formatted",
				    rjson_amount_fmt(a, (unsigned)d));
}

static json_t *assets_json(const struct trace_result *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->n_assets; i++) {
		const struct trace_asset *x = &r->assets[i];
		json_t *o = json_object(), *by = json_object();
		json_object_set_new(o, "asset", json_string(x->asset));
		json_object_set_new(o, "decimals",
				    x->decimals < 0
					    ? json_null()
					    : json_integer(x->decimals));
		json_object_set_new(o, "seed_total",
				    rjson_amount(x->seed_total));
		json_object_set_new(o, "exits_total",
				    rjson_amount(x->exits_total));
		json_object_set_new(o, "held", rjson_amount(x->held));
		json_object_set_new(o, "fees", rjson_amount(x->fees));
		json_object_set_new(o, "destroyed", rjson_amount(x->destroyed));
		json_object_set_new(o, "frozen", rjson_amount(x->frozen));
		json_object_set_new(o, "unresolved",
				    rjson_amount(x->unresolved));
		json_object_set_new(o, "converted", rjson_amount(x->converted));
		json_object_set_new(o, "balanced",
				    x->conserving ? json_boolean(x->balanced)
						  : json_null());
		/* poison is exposure (tracer/report/report.h) */
		json_object_set_new(
			o, "measure",
			json_string(x->conserving ? "amount" : "exposure"));
		for (int k = 0; k < TRACE_REASON_COUNT; k++)
			json_object_set_new(
				by, trace_reason_name((enum trace_reason)k),
				rjson_amount(x->unresolved_by[k]));
		json_object_set_new(o, "unresolved_by", by);
		if (x->decimals >= 0)
			json_object_set_new(o, "formatted", formatted(x));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *exit_json(const struct trace_result *r,
			 const struct trace_exit *x)
{
	json_t *o = json_object(), *ids = json_array();

	json_object_set_new(o, "asset", json_string(r->assets[x->asset].asset));
	json_object_set_new(o, "address", json_string(x->address));
	json_object_set_new(o, "entity",
			    x->entity ? json_string(x->entity) : json_null());
	json_object_set_new(
		o, "category",
		tag_category_name(x->category)
			? json_string(tag_category_name(x->category))
			: json_null());
	json_object_set_new(o, "inferred", json_boolean(x->inferred));
	if (x->evidence)
		json_object_set_new(o, "evidence", json_string(x->evidence));
	json_object_set_new(o, "amount", rjson_amount(x->amount));
	set_fmt(o, r, x->asset, x->amount);
	json_object_set_new(o, "hops", json_integer(x->hops));
	rjson_set_time_or_null(o, "first_time", x->first_time,
			       x->first_time != TRACE_TIME_NONE);
	rjson_set_time_or_null(o, "last_time", x->last_time,
			       x->last_time != TRACE_TIME_NONE);
	for (size_t i = 0; i < x->n_txids; i++)
		json_array_append_new(ids, json_string(x->txids[i]));
	json_object_set_new(o, "txids", ids);
	return o;
}

static json_t *destroyed_json(const struct trace_result *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->n_destroyed; i++) {
		const struct trace_destroyed *d = &r->destroyed[i];
		json_t *o = json_object();
		json_object_set_new(o, "asset",
				    json_string(r->assets[d->asset].asset));
		json_object_set_new(o, "address",
				    d->address[0] ? json_string(d->address)
						  : json_null());
		json_object_set_new(o, "txid",
				    d->txid[0] ? json_string(d->txid)
					       : json_null());
		json_object_set_new(o, "amount", rjson_amount(d->amount));
		set_fmt(o, r, d->asset, d->amount);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *lists_json(const struct trace_result *r, json_t *root)
{
	json_t *ex = json_array(), *held = json_array(), *un = json_array();

	for (size_t i = 0; i < r->n_exits; i++)
		json_array_append_new(ex, exit_json(r, &r->exits[i]));
	for (size_t i = 0; i < r->n_held; i++) {
		json_t *o = json_object();
		json_object_set_new(
			o, "asset",
			json_string(r->assets[r->held[i].asset].asset));
		json_object_set_new(o, "address",
				    json_string(r->held[i].address));
		json_object_set_new(o, "amount",
				    rjson_amount(r->held[i].amount));
		set_fmt(o, r, r->held[i].asset, r->held[i].amount);
		json_object_set_new(o, "frozen",
				    json_boolean(r->held[i].frozen));
		json_array_append_new(held, o);
	}
	for (size_t i = 0; i < r->n_unresolved; i++) {
		const struct trace_unresolved *u = &r->unresolved[i];
		json_t *o = json_object();
		json_object_set_new(o, "asset",
				    json_string(r->assets[u->asset].asset));
		json_object_set_new(o, "reason",
				    json_string(trace_reason_name(
					    (enum trace_reason)u->reason)));
		json_object_set_new(o, "address",
				    u->address[0] ? json_string(u->address)
						  : json_null());
		json_object_set_new(o, "txid",
				    u->txid[0] ? json_string(u->txid)
					       : json_null());
		json_object_set_new(o, "amount", rjson_amount(u->amount));
		json_array_append_new(un, o);
	}
	json_object_set_new(root, "exits", ex);
	json_object_set_new(root, "held", held);
	json_object_set_new(root, "destroyed", destroyed_json(r));
	json_object_set_new(root, "unresolved", un);
	return root;
}

static json_t *counters_json(const struct trace_result *r)
{
	json_t *o = json_object();
	const struct trace_counters *c = &r->counters;

	json_object_set_new(o, "txs_scanned",
			    json_integer((json_int_t)c->txs_scanned));
	json_object_set_new(o, "txs_visited",
			    json_integer((json_int_t)c->txs_visited));
	json_object_set_new(o, "addresses",
			    json_integer((json_int_t)c->addresses));
	json_object_set_new(o, "inputs_missing",
			    json_integer((json_int_t)c->inputs_missing));
	json_object_set_new(o, "pool_overdrawn",
			    json_integer((json_int_t)c->pool_overdrawn));
	json_object_set_new(o, "coinjoins",
			    json_integer((json_int_t)c->coinjoins));
	json_object_set_new(o, "edges", json_integer((json_int_t)r->n_edges));
	return o;
}

/* "warnings": tracer/report/warnings.h's sentences; NULL on no memory. */
static json_t *add_warnings(json_t *root, const struct trace_result *r,
			    const struct chain_ops *chain)
{
	char **v = NULL;
	size_t n = 0;
	json_t *a;

	if (warnings_trace(r, chain->name, &v, &n, NULL) ||
	    !(a = rjson_strings(v, n)) ||
	    json_object_set_new(root, "warnings", a)) {
		strv_free(v, n);
		json_decref(root);
		return NULL;
	}
	strv_free(v, n);
	return root;
}

json_t *trace_result_to_json(const struct trace_result *r,
			     const struct chain_ops *chain)
{
	json_t *root = json_object(), *seeds = json_array(),
	       *lim = json_object();

	if (!root || !seeds || !lim) {
		json_decref(root);
		json_decref(seeds);
		json_decref(lim);
		return NULL;
	}
	json_object_set_new(root, "chain", json_string(chain->name));
	json_object_set_new(root, "network",
			    r->network ? json_string(r->network) : json_null());
	json_object_set_new(root, "policy",
			    json_string(trace_policy_name(r->policy)));
	for (size_t i = 0; i < r->n_seeds; i++)
		json_array_append_new(seeds, json_string(r->seeds[i]));
	json_object_set_new(root, "seeds", seeds);
	json_object_set_new(lim, "hops", json_integer(r->hops));
	json_object_set_new(lim, "min", rjson_amount(r->min));
	json_object_set_new(lim, "hub_txs", json_integer(r->hub_txs));
	rjson_set_time_or_null(lim, "since", r->since,
			       r->since != TRACE_TIME_NONE);
	rjson_set_time_or_null(lim, "until", r->until,
			       r->until != TRACE_TIME_NONE);
	json_object_set_new(root, "limits", lim);
	json_object_set_new(root, "assets", assets_json(r));
	lists_json(r, root);
	json_object_set_new(root, "counters", counters_json(r));
	return add_warnings(root, r, chain);
}
