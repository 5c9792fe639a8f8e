/*
 * cross_json.c - the "crosschain" object (docs/json.md).
 */
#include "tracer/render/cross_json.h"

#include "tracer/render/json.h"

static json_t *end_json(const struct xlink_end *e, const char *asset,
			const char *what, trc_amount v)
{
	json_t *o = json_object();

	json_object_set_new(o, "chain", json_string(e->chain));
	json_object_set_new(o, "txid", json_string(e->txid));
	json_object_set_new(o, "n", json_integer(e->n));
	json_object_set_new(o, "asset", json_string(asset));
	json_object_set_new(o, "value", rjson_amount(e->amount));
	json_object_set_new(o, what, rjson_amount(v));
	return o;
}

static json_t *follow_json(const struct case_cross *x,
			   const struct case_xfollow *f)
{
	const struct xlink *l = &x->links[f->link];
	json_t *o = json_object();
	char name[48];

	case_cross_link_name(x, f->link, name, sizeof(name));
	json_object_set_new(o, "link", json_integer((json_int_t)f->link));
	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "found", json_boolean(f->link >= x->n_stated));
	json_object_set_new(o, "kind", json_string(xlink_kind_name(l->kind)));
	json_object_set_new(o, "confidence",
			    json_string(xlink_confidence_name(l->confidence)));
	json_object_set_new(o, "evidence",
			    l->evidence ? json_string(l->evidence)
					: json_null());
	json_object_set_new(
		o, "from",
		end_json(&l->from, f->from_asset, "taint", f->taint));
	json_object_set_new(
		o, "to",
		end_json(&l->to, f->to_asset, "converted", f->converted));
	json_object_set_new(o, "remainder", rjson_amount(f->remainder));
	json_object_set_new(o, "from_run",
			    json_integer((json_int_t)f->from_run));
	json_object_set_new(o, "to_run",
			    f->to_run == SIZE_MAX
				    ? json_null()
				    : json_integer((json_int_t)f->to_run));
	return o;
}

static json_t *run_json(const struct case_xrun *g)
{
	const struct trace_result *r = g->r;
	json_t *o = json_object(), *as = json_array();

	json_object_set_new(o, "chain", json_string(g->chain->name));
	json_object_set_new(o, "network",
			    g->network ? json_string(g->network) : json_null());
	json_object_set_new(o, "depth", json_integer(g->depth));
	json_object_set_new(o, "seeds", rjson_strings(r->seeds, r->n_seeds));
	for (size_t i = 0; i < r->n_assets; i++) {
		const struct trace_asset *a = &r->assets[i];
		json_array_append_new(
			as,
			json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:b}",
				  "asset", a->asset, "seed_total",
				  rjson_amount(a->seed_total), "exits_total",
				  rjson_amount(a->exits_total), "held",
				  rjson_amount(a->held), "fees",
				  rjson_amount(a->fees), "destroyed",
				  rjson_amount(a->destroyed), "unresolved",
				  rjson_amount(a->unresolved), "converted",
				  rjson_amount(a->converted), "balanced",
				  a->balanced));
	}
	json_object_set_new(o, "assets", as);
	return o;
}

static json_t *asset_json(const struct case_xasset *g)
{
	json_t *o = json_object();

	json_object_set_new(o, "chain", json_string(g->chain));
	json_object_set_new(o, "asset", json_string(g->asset));
	json_object_set_new(o, "decimals",
			    g->decimals < 0 ? json_null()
					    : json_integer(g->decimals));
	json_object_set_new(o, "seed", rjson_amount(g->seed));
	json_object_set_new(o, "converted_in", rjson_amount(g->converted_in));
	json_object_set_new(o, "exits", rjson_amount(g->exits));
	json_object_set_new(o, "held", rjson_amount(g->held));
	json_object_set_new(o, "fees", rjson_amount(g->fees));
	json_object_set_new(o, "destroyed", rjson_amount(g->destroyed));
	json_object_set_new(o, "unresolved", rjson_amount(g->unresolved));
	json_object_set_new(o, "converted_out", rjson_amount(g->converted_out));
	json_object_set_new(o, "conserving", json_boolean(g->conserving));
	json_object_set_new(o, "balanced", json_boolean(g->balanced));
	return o;
}

json_t *case_cross_to_json(const struct case_cross *x, const struct trc_case *k)
{
	json_t *o = json_object(), *ls = json_array(), *rs = json_array();
	json_t *as = json_array();

	if (!o || !ls || !rs || !as) {
		json_decref(o);
		json_decref(ls);
		json_decref(rs);
		json_decref(as);
		return NULL;
	}
	json_object_set_new(o, "depth_limit", json_integer(CASE_XLINK_DEPTH));
	(void)k;
	json_object_set_new(o, "links_stated",
			    json_integer((json_int_t)x->n_stated));
	json_object_set_new(
		o, "links_found",
		json_integer((json_int_t)(x->n_links - x->n_stated)));
	for (size_t i = 0; i < x->n_follow; i++)
		json_array_append_new(ls, follow_json(x, &x->follow[i]));
	for (size_t i = 0; i < x->n_runs; i++)
		json_array_append_new(rs, run_json(&x->runs[i]));
	for (size_t i = 0; i < x->n_assets; i++)
		json_array_append_new(as, asset_json(&x->assets[i]));
	json_object_set_new(o, "links", ls);
	json_object_set_new(o, "runs", rs);
	json_object_set_new(o, "assets", as);
	return o;
}
