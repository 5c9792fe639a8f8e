/*
 * The JSON report. Each case's "trace" object has the fields of
 * `tracer trace --json` with the same meaning and values (amounts as
 * decimal strings in base units), plus what the report derives.
 */
#include "tracer/report/report.h"

#include <jansson.h>
#include <string.h>

#include "base/date.h"
#include "store/record.h"
#include "tracer/render/cross_json.h"
#include "tracer/render/json.h"
#include "tracer/render/trace_json.h"

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static void set(json_t *o, const char *k, json_t *v)
{
	json_object_set_new(o, k, v);
}

static json_t *jvalue(const struct report *r, const struct report_value *v)
{
	json_t *o;
	char s[AMOUNT_STR_MAX], day[11];

	if (!r->prices)
		return json_null();
	o = json_object();
	set(o, "currency", json_string(r->prices->currency));
	if (v->ok) {
		set(o, "amount",
		    json_string(prices_format_cents(s, sizeof(s), v->cents)));
		set(o, "missing_day", json_null());
	} else {
		date_format_day(v->missing_day, day);
		set(o, "amount", json_null());
		set(o, "missing_day", json_string(day));
	}
	return o;
}

static json_t *jpaths(const struct trace_result *res)
{
	json_t *a = json_array();

	for (size_t i = 0; i < res->n_paths; i++) {
		const struct trace_path *p = &res->paths[i];
		json_t *o = json_object(), *steps = json_array();

		set(o, "exit", json_string(res->exits[p->exit].address));
		for (size_t k = 0; k < p->n_steps; k++) {
			json_t *s = json_object();

			set(s, "txid", json_string(p->steps[k].txid));
			rjson_set_time_or_null(s, "time", p->steps[k].time,
					       p->steps[k].time !=
						       TRACE_TIME_NONE);
			set(s, "to", jstr(p->steps[k].to));
			set(s, "amount", rjson_amount(p->steps[k].amount));
			json_array_append_new(steps, s);
		}
		set(o, "steps", steps);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *jtimeline(const struct report_case *c)
{
	const struct trace_result *res = c->res;
	json_t *a = json_array();
	char day[11];

	for (size_t i = 0; i < c->n_days; i++) {
		const struct report_day *d = &c->days[i];
		json_t *o = json_object();

		date_format_day(d->day, day);
		set(o, "day", json_string(day));
		set(o, "asset", json_string(res->assets[d->asset].asset));
		set(o, "amount", rjson_amount(d->amount));
		set(o, "txs", json_integer(d->txs));
		json_array_append_new(a, o);
	}
	return a;
}

/* The share of the seed total ("12.5%"), null where none is given (the
 * seed total is 0, or poison's exposure: report_seed_share's "-"). */
static json_t *jshare(const struct trace_result *res, uint32_t asset,
		      trc_amount part)
{
	char s[32];

	report_seed_share(s, sizeof(s), res, asset, part);
	return strcmp(s, "-") ? json_string(s) : json_null();
}

/* The `tracer trace --json` document of the case, with what the report
 * adds: each exit's share and value, the paths and the timeline. */
static json_t *jtrace(const struct report *r, const struct report_case *c)
{
	const struct trace_result *res = c->res;
	json_t *o = trace_result_to_json(res, c->ops), *ex;

	if (!o)
		return json_null();
	ex = json_object_get(o, "exits");
	for (size_t i = 0; i < res->n_exits; i++) {
		const struct trace_exit *x = &res->exits[i];
		json_t *e = json_array_get(ex, i);

		if (!e)
			break;
		set(e, "share", jshare(res, x->asset, x->amount));
		set(e, "value",
		    c->exit_value ? jvalue(r, &c->exit_value[i]) : json_null());
		set(e, "provenance", json_string(report_exit_level(c, i)));
	}
	set(o, "paths", jpaths(res));
	set(o, "timeline", jtimeline(c));
	return o;
}

static json_t *jentities(const struct report *r, const struct report_case *c)
{
	json_t *a = json_array();

	for (size_t i = 0; i < c->n_entities; i++) {
		const struct report_entity *e = &c->entities[i];
		json_t *o = json_object();

		set(o, "asset", json_string(c->res->assets[e->asset].asset));
		set(o, "entity", json_string(e->entity));
		set(o, "category", json_string(report_category(e->category)));
		set(o, "inferred", json_boolean(e->inferred));
		set(o, "exits", json_integer((json_int_t)e->n_exits));
		set(o, "amount", rjson_amount(e->amount));
		set(o, "share", jshare(c->res, e->asset, e->amount));
		set(o, "value", jvalue(r, &e->value));
		json_array_append_new(a, o);
	}
	return a;
}

/* Tainted transfers per provenance level; null when not collected. */
static json_t *jlevels(const struct report_case *c)
{
	json_t *o;

	if (!c->exit_level)
		return json_null();
	o = json_object();
	for (unsigned l = REC_LEVEL_COUNT; l-- > 0;)
		set(o, rec_level_name(l),
		    json_integer((json_int_t)c->level_outputs[l]));
	return o;
}

/* The further traces' exits and held funds (docs/reports.md). */
static json_t *jxexit(const struct report *r, const struct report_xrun *w,
		      size_t i)
{
	const struct trace_exit *x = &w->res->exits[i];
	json_t *o = json_object(), *t = json_array();

	set(o, "chain", json_string(w->chain));
	set(o, "run", json_integer((json_int_t)w->run));
	set(o, "asset", json_string(w->res->assets[x->asset].asset));
	set(o, "entity", jstr(x->entity));
	set(o, "category", json_string(report_category(x->category)));
	set(o, "inferred", json_boolean(x->inferred));
	set(o, "address", json_string(x->address));
	set(o, "amount", rjson_amount(x->amount));
	set(o, "value",
	    w->exit_value ? jvalue(r, &w->exit_value[i]) : json_null());
	rjson_set_time_or_null(o, "first_time", x->first_time,
			       x->first_time != TRACE_TIME_NONE);
	for (size_t k = 0; k < x->n_txids; k++)
		json_array_append_new(t, json_string(x->txids[k]));
	set(o, "txids", t);
	return o;
}

static void jxruns(const struct report *r, const struct report_case *c,
		   json_t *x)
{
	json_t *ex = json_array(), *hd = json_array();

	for (size_t k = 0; k < c->n_xruns; k++) {
		const struct report_xrun *w = &c->xruns[k];

		for (size_t i = 0; i < w->res->n_exits; i++)
			json_array_append_new(ex, jxexit(r, w, i));
		for (size_t i = 0; i < w->res->n_held; i++) {
			const struct trace_held *h = &w->res->held[i];

			json_array_append_new(
				hd, json_pack("{s:s,s:I,s:s,s:s,s:o}", "chain",
					      w->chain, "run",
					      (json_int_t)w->run, "asset",
					      w->res->assets[h->asset].asset,
					      "address", h->address, "amount",
					      rjson_amount(h->amount)));
		}
	}
	set(x, "further_exits", ex);
	set(x, "further_held", hd);
}

/* Each link's two sides in fiat (report_xvalue), with prices. */
static void jxvalues(const struct report *r, const struct report_case *c,
		     json_t *x)
{
	json_t *ls = json_object_get(x, "links");
	char d[128];

	for (size_t i = 0; c->xvalues && i < c->cross->n_follow; i++) {
		const struct report_xvalue *v = &c->xvalues[i];
		json_t *l = json_array_get(ls, i);

		if (!l)
			break;
		set(l, "taint_value", jvalue(r, &v->from));
		set(l, "converted_value", jvalue(r, &v->to));
		report_xvalue_diff(d, sizeof(d), r, v);
		set(l, "value_difference", *d ? json_string(d) : json_null());
	}
}

static json_t *jcross(const struct report *r, const struct report_case *c)
{
	json_t *x = case_cross_to_json(c->cross, &c->kase);

	if (!x)
		return json_null();
	jxruns(r, c, x);
	jxvalues(r, c, x);
	return x;
}

/* The fiat value of every exit of every run; null without prices. */
static json_t *jproceeds(const struct report *r, const struct report_case *c)
{
	const struct report_proceeds *t = &c->proceeds;

	if (!t->computed)
		return json_null();
	return json_pack("{s:o,s:I,s:b}", "value", jvalue(r, &t->value),
			 "exits", (json_int_t)t->n_exits, "exposure",
			 report_is_exposure(c->res));
}

static json_t *jcase(const struct report *r, const struct report_case *c)
{
	const struct trc_case *k = &c->kase;
	json_t *o = json_object(), *loss;

	set(o, "path", json_string(c->path));
	set(o, "name", json_string(k->name));
	rjson_set_time_or_null(o, "incident_time", k->incident_time,
			       k->incident_time != CASE_TIME_NONE);
	if (k->has_loss) {
		loss = json_object();
		set(loss, "amount", rjson_amount(k->loss_amount));
		set(loss, "source", jstr(k->loss_source));
	} else
		loss = json_null();
	set(o, "reported_loss", loss);
	set(o, "notes", jstr(k->notes));
	set(o, "edge_notes", case_edge_notes_json(k));
	set(o, "node_notes", case_node_notes_json(k));
	set(o, "trace", jtrace(r, c));
	set(o, "entities", jentities(r, c));
	set(o, "provenance_levels", jlevels(c));
	set(o, "proceeds_across_assets", jproceeds(r, c));
	if (c->cross) /* docs/crosschain.md: only for a case with links */
		set(o, "crosschain", jcross(r, c));
	return o;
}

static json_t *jtotal(const struct report *r)
{
	json_t *a;

	if (r->n_cases < 2)
		return json_null();
	a = json_array();
	for (size_t i = 0; i < r->n_totals; i++) {
		const struct report_total *t = &r->totals[i];
		json_t *o = json_object();

		set(o, "asset", json_string(t->asset));
		set(o, "entity", json_string(t->entity));
		set(o, "category", json_string(report_category(t->category)));
		set(o, "sum", rjson_amount(t->sum));
		set(o, "amount", rjson_amount(t->amount));
		set(o, "overlap", rjson_amount(t->overlap));
		set(o, "value", jvalue(r, &t->value));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *jmethod(const struct report *r)
{
	json_t *o = json_object(), *pol = json_object(), *notes = json_array();

	for (size_t i = 0; i < r->n_cases; i++) {
		enum trace_policy p = r->cases[i].res->policy;

		set(pol, trace_policy_name(p),
		    json_string(report_policy_text(p)));
	}
	set(o, "policies", pol);
	for (size_t i = 0; report_method_notes[i]; i++)
		json_array_append_new(notes,
				      json_string(report_method_notes[i]));
	set(o, "notes", notes);
	set(o, "definitions", json_string("docs/taint.md"));
	return o;
}

static json_t *jprov_chains(const struct report_prov *p)
{
	json_t *a = json_array();

	for (size_t i = 0; i < p->n_chains; i++) {
		const struct prov_chain *c = &p->chains[i];
		json_t *o = json_object(), *v = json_object();

		set(o, "chain", jstr(chain_name(c->chain)));
		set(o, "network", jstr(c->network));
		set(o, "blocks", json_integer((json_int_t)c->blocks));
		set(o, "min_height",
		    c->blocks ? json_integer(c->min_height) : json_null());
		set(o, "max_height",
		    c->blocks ? json_integer(c->max_height) : json_null());
		set(o, "txs", json_integer((json_int_t)c->txs));
		for (unsigned b = 0; b < PROV_VERIFIED_BITS; b++)
			set(v, report_prov_verified_name(b),
			    json_integer((json_int_t)c->verified[b]));
		set(o, "verified_blocks", v);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *jprov(const struct report *r)
{
	const struct report_prov *p = &r->prov;
	json_t *o = json_object(), *src = json_array(), *tags = json_array();

	set(o, "tracer_version", json_string(TRACER_VERSION));
	set(o, "command", jstr(p->command));
	set(o, "db_digest", json_string(p->digest));
	set(o, "db_records", json_integer((json_int_t)p->records));
	set(o, "chains", jprov_chains(p));
	for (size_t i = 0; i < p->n_sources; i++) {
		json_t *s = json_object();

		set(s, "chain", jstr(chain_name(p->sources[i].chain)));
		set(s, "source", json_string(p->sources[i].source));
		set(s, "blocks",
		    json_integer((json_int_t)p->sources[i].blocks));
		set(s, "min_height", json_integer(p->sources[i].min_height));
		set(s, "max_height", json_integer(p->sources[i].max_height));
		json_array_append_new(src, s);
	}
	set(o, "sources", src);
	for (size_t i = 0; i < p->n_tag_sources; i++) {
		json_t *s = json_object();

		set(s, "chain", jstr(chain_name(p->tag_sources[i].chain)));
		set(s, "source", json_string(p->tag_sources[i].source));
		set(s, "tags",
		    json_integer((json_int_t)p->tag_sources[i].tags));
		json_array_append_new(tags, s);
	}
	set(o, "tag_sources", tags);
	set(o, "prices",
	    r->prices ? json_string(r->prices->currency) : json_null());
	return o;
}

enum trc_err report_write_json(FILE *f, const struct report *r,
			       struct trc_error *err)
{
	json_t *root = json_object(), *cases = json_array();
	json_t *warnings = json_array();
	int rc;

	set(root, "format", json_string("tracer-report"));
	set(root, "format_version", json_integer(1));
	set(root, "generated", json_string(r->prov.generated));
	/* no generated_unix: two runs differ in this one line only
	 * (docs/json.md) */
	for (size_t i = 0; i < r->n_cases; i++) {
		json_t *c = jcase(r, &r->cases[i]), *w;
		size_t k;

		/* every case's trace warnings, also at the top level */
		json_array_foreach(json_object_get(json_object_get(c, "trace"),
						   "warnings"),
				   k, w) json_array_append(warnings, w);
		json_array_append_new(cases, c);
	}
	set(root, "cases", cases);
	set(root, "total", jtotal(r));
	set(root, "methodology", jmethod(r));
	set(root, "provenance", jprov(r));
	set(root, "warnings", warnings);
	rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (rc || fputc('\n', f) == EOF || ferror(f))
		return trc_fail(err, TRC_ERR_IO,
				"cannot write the JSON "
				"report");
	return TRC_OK;
}
