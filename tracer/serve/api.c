/*
 * api.c - the JSON API of `tracer serve` (docs/serve.md): every answer is
 * built by the writers the command line uses (trace --json, export), so a
 * document here is the one the CLI prints for the same options.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/num.h"
#include "base/strv.h"
#include "graph/trace.h"
#include "store/chaindb.h"
#include "store/tags.h"
#include "tracer/render/address_json.h"
#include "tracer/render/cluster_json.h"
#include "tracer/render/cross_json.h"
#include "tracer/render/export_out.h"
#include "tracer/render/graph_json.h"
#include "tracer/render/graph_layout.h"
#include "tracer/render/json.h"
#include "tracer/render/report_out.h"
#include "tracer/render/trace_json.h"
#include "tracer/render/tx_json.h"
#include "tracer/report/export_graph.h"
#include "tracer/report/graph_cross.h"
#include "tracer/serve/serve_int.h"
#include "tracer/tags/tagexport.h"
#include "tracer/tags/tagnet.h"

#define SEARCH_MAX 100 /* results of one search */

enum trc_err serve_app_init(struct serve_app *a, struct store *s,
			    const char *db_path, const char *const *paths,
			    size_t n, struct trc_error *err)
{
	memset(a, 0, sizeof(*a));
	a->store = s;
	if (db_path && !(a->db_path = strdup(db_path)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (n && !(a->cases = calloc(n, sizeof(*a->cases))))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		struct serve_case *c = &a->cases[a->n_cases++];

		case_init(&c->k);
		if (!(c->path = strdup(paths[i])))
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		if (case_load(&c->k, c->path, err))
			return err ? err->code : TRC_ERR_PARSE;
	}
	return TRC_OK;
}

void serve_app_release(struct serve_app *a)
{
	for (size_t i = 0; i < a->n_cases; i++) {
		free(a->cases[i].path);
		case_release(&a->cases[i].k);
	}
	free(a->cases);
	free(a->db_path);
	memset(a, 0, sizeof(*a));
}

/* The stable name of an HTTP error status in the error object. */
static const char *status_code_name(unsigned status)
{
	switch (status) {
	case 400:
		return "bad-request";
	case 403:
		return "forbidden";
	case 404:
		return "not-found";
	case 405:
		return "method-not-allowed";
	case 413:
		return "too-big";
	case 503:
		return "unavailable";
	default:
		return "internal";
	}
}

void serve_reply_error(struct serve_reply *out, unsigned status,
		       const char *msg)
{
	/* the CLI's error object (docs/json.md) */
	json_t *o = json_pack("{s:{s:s, s:s}}", "error", "code",
			      status_code_name(status), "message", msg);

	free(out->body);
	memset(out, 0, sizeof(*out));
	out->status = status;
	out->type = "application/json";
	out->body =
		o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	out->len = out->body ? strlen(out->body) : 0;
	json_decref(o);
}

/* Steals doc; a 200 reply of its compact text. */
static void reply_json(struct serve_reply *out, json_t *doc)
{
	if (!(doc = rjson_finish(doc)))
		return serve_reply_error(out, 500, "out of memory");
	out->status = 200;
	out->type = "application/json";
	out->body = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (!out->body)
		return serve_reply_error(out, 500, "out of memory");
	out->len = strlen(out->body);
}

/* 400 for what the request got wrong, 404 for what is absent, else 500. */
static void reply_fail(struct serve_reply *out, const struct trc_error *err)
{
	unsigned st = err->code == TRC_ERR_NOTFOUND ? 404
		      : err->code == TRC_ERR_INVALID ||
				      err->code == TRC_ERR_PARSE ||
				      err->code == TRC_ERR_OVERFLOW
			      ? 400
			      : 500;

	serve_reply_error(out, st, err->msg);
}

/* The case named by parameter "case", or NULL (none given); an unknown
 * one is an error. */
static enum trc_err find_case(struct serve_app *a, const struct serve_req *r,
			      struct serve_case **c, struct trc_error *err)
{
	const char *v = serve_arg(r, "case");
	uint64_t i;

	*c = NULL;
	if (!v)
		return TRC_OK;
	if (num_parse_u64(v, 0, UINT32_MAX, &i, err))
		return trc_error_prefix(err, TRC_ERR_INVALID,
					"parameter 'case'");
	if (i >= a->n_cases)
		return trc_fail(err, TRC_ERR_NOTFOUND,
				"no case %s (%zu "
				"given)",
				v, a->n_cases);
	*c = &a->cases[i];
	return TRC_OK;
}

/*
 * The trace of a request: its case (parameter "case") with the trace
 * options given over it, as `tracer trace --case` resolves them, and
 * with x (initialised; NULL: not) the case's cross-chain links followed
 * (docs/crosschain.md). Out: *res (new), *chain, *kase (borrowed; NULL
 * without a case); x's runs borrow *res: release x first.
 */
static enum trc_err run_trace(struct serve_app *a, const struct serve_req *r,
			      const char *const *also,
			      struct trace_result **res,
			      const struct chain_ops **chain,
			      struct serve_case **kase, struct case_cross *x,
			      struct trc_error *err)
{
	struct case_overrides ov;
	struct case_trace tr;
	const struct trc_case *k;
	char *net = NULL;
	enum trc_err rc;

	*res = NULL;
	case_overrides_init(&ov);
	case_trace_init(&tr);
	rc = find_case(a, r, kase, err);
	if (!rc)
		rc = serve_params(r, also, &ov, err);
	k = *kase ? &(*kase)->k : NULL;
	if (!rc && !(*chain = case_trace_chain(k, &ov, err)))
		rc = TRC_ERR_INVALID;
	if (!rc)
		rc = chaindb_get_network(a->store, (*chain)->id, &net, err);
	if (!rc)
		rc = case_trace_resolve(&tr, k, &ov, net, err);
	if (!rc && x)
		rc = case_cross_prepare(x, a->store, k,
					*kase ? (*kase)->path : NULL, &tr.o,
					*chain, err);
	if (!rc)
		rc = trace_run(a->store, &tr.o, res, err);
	if (!rc && x)
		rc = case_cross_follow(x, a->store, &tr.o, *chain, res, err);
	if (rc && x)
		case_cross_release(x);
	if (rc) {
		trace_result_free(*res);
		*res = NULL;
	}
	free(net);
	case_trace_release(&tr);
	case_overrides_release(&ov);
	return rc;
}

static const char *const CASE_ONLY[] = { "case", NULL };

static void api_trace(struct serve_app *a, const struct serve_req *r,
		      struct serve_reply *out)
{
	struct trc_error err = TRC_ERROR_INIT;
	struct trace_result *res;
	const struct chain_ops *chain;
	struct serve_case *c;
	struct case_cross x;
	json_t *doc;

	case_cross_init(&x);
	if (run_trace(a, r, CASE_ONLY, &res, &chain, &c, &x, &err))
		return reply_fail(out, &err);
	doc = trace_result_to_json(res, chain);
	if (doc && x.n_runs) /* as `tracer trace --case --json` */
		json_object_set_new(doc, "crosschain",
				    case_cross_to_json(&x, c ? &c->k : NULL));
	reply_json(out, doc);
	case_cross_release(&x);
	trace_result_free(res);
}

/* A request's trace and its flow graph: the case's cross-chain links
 * followed, every run drawn (tracer/report/graph_cross.h). */
struct traced {
	struct trace_result *res;
	const struct chain_ops *chain;
	struct serve_case *c;
	struct case_cross x;
	struct xgraph *g;
};

static void traced_release(struct traced *t)
{
	export_graph_free(t->g);
	case_cross_release(&t->x); /* its runs borrow res */
	trace_result_free(t->res);
	memset(t, 0, sizeof(*t));
}

/*
 * The flow graph (asset 0 of the case's chain, the other runs in their
 * own) of a request's trace into t (all released on failure): a trace
 * that moved no asset is an error.
 */
static enum trc_err trace_graph(struct serve_app *a, const struct serve_req *r,
				struct traced *t, struct trc_error *err)
{
	enum trc_err rc;

	memset(t, 0, sizeof(*t));
	case_cross_init(&t->x);
	rc = run_trace(a, r, CASE_ONLY, &t->res, &t->chain, &t->c, &t->x, err);
	if (rc)
		return rc;
	if (!t->res->n_assets)
		rc = trc_fail(err, TRC_ERR_INVALID, "the trace moved no asset");
	else if (t->x.n_runs)
		rc = export_graph_cross(&t->x, NULL, NULL, &t->g, err);
	else
		rc = export_graph_build(t->res, NULL, &t->g, err);
	if (rc)
		traced_release(t);
	return rc;
}

/* The trace document, its flow graph and the graph's layout, for the
 * page; without Graphviz, "layout" is null and "layout_error" says
 * why (the page then lays the graph out by hops itself). */
static void api_graph(struct serve_app *a, const struct serve_req *r,
		      struct serve_reply *out)
{
	struct trc_error err = TRC_ERROR_INIT;
	struct traced t;
	json_t *doc, *tr, *lay;

	if (trace_graph(a, r, &t, &err))
		return reply_fail(out, &err);
	doc = json_object();
	tr = trace_result_to_json(t.res, t.chain);
	if (tr && t.x.n_runs)
		json_object_set_new(
			tr, "crosschain",
			case_cross_to_json(&t.x, t.c ? &t.c->k : NULL));
	json_object_set_new(doc, "trace", tr);
	json_object_set_new(doc, "graph", graph_to_json(t.g));
	if (graph_layout(t.g, &lay, &err)) {
		json_object_set_new(doc, "layout", json_null());
		json_object_set_new(doc, "layout_error", json_string(err.msg));
	} else {
		json_object_set_new(doc, "layout", lay);
	}
	reply_json(out, doc);
	traced_release(&t);
}

/* The layout alone: {"asset", "nodes", "edges", "layout"}. */
static void api_layout(struct serve_app *a, const struct serve_req *r,
		       struct serve_reply *out)
{
	struct trc_error err = TRC_ERROR_INIT;
	struct traced t;
	json_t *lay;

	if (trace_graph(a, r, &t, &err))
		return reply_fail(out, &err);
	if (graph_layout(t.g, &lay, &err))
		serve_reply_error(out, err.code == TRC_ERR_NOMEM ? 500 : 503,
				  err.msg);
	else
		reply_json(out,
			   json_pack("{s:s,s:I,s:I,s:o}", "asset", t.g->asset,
				     "nodes", (json_int_t)t.g->n_nodes, "edges",
				     (json_int_t)t.g->n_edges, "layout", lay));
	traced_release(&t);
}

static void api_cases(struct serve_app *a, struct serve_reply *out)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < a->n_cases; i++) {
		const struct trc_case *k = &a->cases[i].k;
		json_t *seeds = json_array();

		for (size_t j = 0; j < k->n_seeds; j++)
			json_array_append_new(seeds, json_string(k->seeds[j]));
		json_array_append_new(
			arr, json_pack("{s:I,s:s,s:s,s:s,s:o,s:s?,s:o,s:o}",
				       "id", (json_int_t)i, "name", k->name,
				       "chain", k->chain, "policy",
				       k->policy ? k->policy : "haircut",
				       "seeds", seeds, "notes", k->notes,
				       "edge_notes", case_edge_notes_json(k),
				       "node_notes", case_node_notes_json(k)));
	}
	reply_json(out, json_pack("{s:o}", "cases", arr));
}

/* r with its policy parameter replaced by p. */
static void with_policy(const struct serve_req *r, struct serve_req *copy,
			const char *p)
{
	*copy = *r;
	copy->n_args = 0;
	for (size_t i = 0; i < r->n_args; i++)
		if (strcmp(r->args[i].name, "policy"))
			copy->args[copy->n_args++] = r->args[i];
	if (copy->n_args < SERVE_ARGS_MAX)
		copy->args[copy->n_args++] = (struct serve_arg){ "policy", p };
	else
		copy->too_many_args = true;
}

/* The row of entity (NULL: an untagged exit's address) in rows, added
 * with zeros when new. */
static json_t *compare_row(json_t *rows, const struct trace_exit *x)
{
	const char *key = x->entity ? x->entity : x->address;
	size_t i;
	json_t *row, *amounts;

	json_array_foreach(
		rows, i,
		row) if (!strcmp(json_string_value(json_object_get(row,
								   "entity")),
				 key)) return row;
	amounts = json_array();
	for (int p = 0; p < TRACE_POLICY_COUNT; p++)
		json_array_append_new(amounts, json_string("0"));
	row = json_pack("{s:s,s:s?,s:o}", "entity", key, "category",
			tag_category_name(x->category), "amounts", amounts);
	json_array_append_new(rows, row);
	return row;
}

/* Adds x's amount to the policy's column of its row. */
static void compare_add(json_t *rows, const struct trace_exit *x, int p)
{
	json_t *amounts = json_object_get(compare_row(rows, x), "amounts");
	const char *cur = json_string_value(json_array_get(amounts, p));
	trc_amount sum;

	if (amount_parse(&sum, cur, 0, NULL) ||
	    amount_add(&sum, sum, x->amount))
		return; /* cannot overflow: the trace's sums did not */
	json_array_set_new(amounts, p, rjson_amount(sum));
}

/* Every policy side by side: the native asset's sums and exits per
 * entity. */
static void api_compare(struct serve_app *a, const struct serve_req *r,
			struct serve_reply *out)
{
	static const char *const also[] = { "case", NULL };
	struct trc_error err = TRC_ERROR_INIT;
	json_t *pols = json_array(), *sums = json_array(), *rows = json_array();
	json_t *asset = NULL;

	for (int p = 0; p < TRACE_POLICY_COUNT; p++) {
		struct serve_req copy;
		struct trace_result *res;
		const struct chain_ops *chain;
		struct serve_case *c;
		json_t *doc;

		with_policy(r, &copy, trace_policy_name(p));
		if (run_trace(a, &copy, also, &res, &chain, &c, NULL, &err)) {
			json_decref(pols);
			json_decref(sums);
			json_decref(rows);
			return reply_fail(out, &err);
		}
		doc = trace_result_to_json(res, chain);
		json_array_append_new(pols, json_string(trace_policy_name(p)));
		json_array_append(
			sums,
			json_array_get(json_object_get(doc, "assets"), 0));
		if (!asset && res->n_assets)
			asset = json_string(res->assets[0].asset);
		for (size_t i = 0; i < res->n_exits; i++)
			if (res->exits[i].asset == 0)
				compare_add(rows, &res->exits[i], p);
		json_decref(doc);
		trace_result_free(res);
	}
	reply_json(out,
		   json_pack("{s:o*,s:o,s:o,s:o}", "asset", asset, "policies",
			     pols, "assets", sums, "exits", rows));
}

/*
 * The chain (parameter "chain") and network (parameter "network", else
 * the one the database records, else the chain's default: the rule of
 * `tracer address`) of a request. Out: *net (new).
 */
static enum trc_err chain_net(struct serve_app *a, const struct serve_req *r,
			      const struct chain_ops **chain, char **net,
			      struct trc_error *err)
{
	const char *c = serve_arg(r, "chain"), *n = serve_arg(r, "network");
	enum trc_err rc;

	*net = NULL;
	if (!c || !(*chain = chain_lookup(c)))
		return trc_fail(err, TRC_ERR_INVALID,
				"parameter 'chain': give a chain (btc, eth, "
				"tron)");
	if (n && (!(*chain)->network_valid || !(*chain)->network_valid(n)))
		return trc_fail(err, TRC_ERR_INVALID,
				"parameter 'network': unknown network '%s' "
				"of %s",
				n, (*chain)->name);
	if (!n && (rc = chaindb_get_network(a->store, (*chain)->id, net, err)))
		return rc;
	if (!*net && !(*net = strdup(n ? n : (*chain)->default_network)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	return TRC_OK;
}

/* Only the parameters in names (NULL-terminated). */
static enum trc_err only(const struct serve_req *r, const char *const *names,
			 struct trc_error *err)
{
	for (size_t i = 0; i < r->n_args; i++) {
		bool ok = false;

		for (const char *const *n = names; *n && !ok; n++)
			ok = !strcmp(*n, r->args[i].name);
		if (!ok)
			return trc_fail(err, TRC_ERR_INVALID,
					"unknown parameter '%s'",
					r->args[i].name);
	}
	return r->too_many_args
		       ? trc_fail(err, TRC_ERR_INVALID,
				  "more than %d parameters", SERVE_ARGS_MAX)
		       : TRC_OK;
}

/* The document of `tracer address --json [--txs]`: chain, address,
 * network, txs=1. */
static void api_address(struct serve_app *a, const struct serve_req *r,
			struct serve_reply *out)
{
	static const char *const names[] = { "chain", "network", "address",
					     "txs", NULL };
	struct trc_error err = TRC_ERROR_INIT;
	const char *addr = serve_arg(r, "address"), *txs = serve_arg(r, "txs");
	const struct chain_ops *chain;
	char canon[CHAIN_ADDR_MAX], *net = NULL;
	json_t *doc = NULL;

	if (!only(r, names, &err) && !chain_net(a, r, &chain, &net, &err)) {
		if (!addr || strlen(addr) > SERVE_QUERY_MAX)
			trc_fail(&err, TRC_ERR_INVALID,
				 "parameter 'address' is needed");
		else if (txs && strcmp(txs, "0") && strcmp(txs, "1"))
			trc_fail(&err, TRC_ERR_INVALID,
				 "parameter 'txs': 0 or 1");
		else if (!chain->address_normalize(net, addr, canon,
						   sizeof(canon), &err) &&
			 address_json(a->store, chain, net, canon,
				      txs && !strcmp(txs, "1"), &doc, &err))
			doc = NULL;
	}
	free(net);
	if (!doc)
		return reply_fail(out, &err);
	reply_json(out, doc);
}

/* An address parameter in the chain's canonical form. */
static enum trc_err addr_param(const struct serve_req *r, const char *name,
			       const struct chain_ops *chain, const char *net,
			       char *canon, struct trc_error *err)
{
	const char *v = serve_arg(r, name);

	if (!v || strlen(v) > SERVE_QUERY_MAX)
		return trc_fail(err, TRC_ERR_INVALID,
				"parameter '%s' is needed", name);
	if (chain->address_normalize(net, v, canon, CHAIN_ADDR_MAX, err))
		return trc_error_prefix(err, TRC_ERR_INVALID, "parameter '%s'",
					name);
	return TRC_OK;
}

/* The document of `tracer cluster --json` (tracer/render/cluster_json):
 * chain, network, address, members (default 100, 0: all), path (a
 * member: the linking transactions). */
static void api_cluster(struct serve_app *a, const struct serve_req *r,
			struct serve_reply *out)
{
	static const char *const names[] = { "chain",	"network", "address",
					     "members", "path",	   NULL };
	struct trc_error err = TRC_ERROR_INIT;
	const char *m = serve_arg(r, "members");
	const struct chain_ops *chain;
	char canon[CHAIN_ADDR_MAX], member[CHAIN_ADDR_MAX], *net = NULL;
	uint64_t max = 100;
	struct cluster_json_opts co;
	json_t *doc = NULL;

	if (!only(r, names, &err) && !chain_net(a, r, &chain, &net, &err) &&
	    !addr_param(r, "address", chain, net, canon, &err) &&
	    !(serve_arg(r, "path") &&
	      addr_param(r, "path", chain, net, member, &err)) &&
	    !(m && num_parse_u64(m, 0, SIZE_MAX, &max, &err) &&
	      trc_error_prefix(&err, TRC_ERR_INVALID, "parameter 'members'"))) {
		co = (struct cluster_json_opts){ chain, net, canon,
						 serve_arg(r, "path") ? member
								      : NULL,
						 (size_t)max };
		if (cluster_json(a->store, &co, &doc, &err))
			doc = NULL;
	}
	free(net);
	if (!doc)
		return reply_fail(out, &err);
	reply_json(out, doc);
}

/* The stored transaction's document (tracer/render/tx_json.h): chain,
 * txid, network. */
static void api_tx(struct serve_app *a, const struct serve_req *r,
		   struct serve_reply *out)
{
	static const char *const names[] = { "chain", "network", "txid", NULL };
	struct trc_error err = TRC_ERROR_INIT;
	const char *id = serve_arg(r, "txid");
	const struct chain_ops *chain;
	uint8_t txid[32];
	char *net = NULL;
	json_t *doc = NULL;
	bool found = false;

	if (!only(r, names, &err) && !chain_net(a, r, &chain, &net, &err)) {
		if (!id || strlen(id) > SERVE_QUERY_MAX)
			trc_fail(&err, TRC_ERR_INVALID,
				 "parameter 'txid' is needed");
		else if (chain->txid_parse(id, txid, &err))
			trc_error_prefix(&err, TRC_ERR_INVALID,
					 "parameter 'txid'");
		else if (!tx_json(a->store, chain, net, txid, &doc, &found,
				  &err) &&
			 !found)
			trc_fail(&err, TRC_ERR_NOTFOUND,
				 "no transaction %s of %s in the database", id,
				 chain->name);
	}
	free(net);
	if (!doc)
		return reply_fail(out, &err);
	reply_json(out, doc);
}

/* Case-insensitive substring. */
static bool has_sub(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; hay && *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

struct search {
	const char *q;
	json_t *out;
	struct tagnet nets;
	bool nomem;
};

/* A matching tag as the one tag object of every command
 * (tagexport_tag_json, docs/json.md) with "kind": "tag". */
static int search_tag(const struct tag *t, void *ctx)
{
	struct search *s = ctx;
	const char *net = NULL;
	json_t *o;

	if (!has_sub(t->address, s->q) && !has_sub(t->entity, s->q) &&
	    !has_sub(t->source, s->q))
		return 0;
	if (tagnet_of(&s->nets, t, &net, NULL))
		net = NULL;
	o = tagexport_tag_json(t, net);
	if (!o || json_object_set_new(o, "kind", json_string("tag"))) {
		json_decref(o);
		s->nomem = true;
		return 1;
	}
	json_array_append_new(s->out, o);
	return json_array_size(s->out) >= SEARCH_MAX;
}

/*
 * q as an address or a stored transaction of each chain: {"kind":
 * "address", "chain", "network", "address"} (valid on the network the
 * database records, else the one its encoding names) and {"kind": "tx",
 * "chain", "txid"} (only when stored).
 */
static enum trc_err search_ids(struct serve_app *a, const char *q, json_t *res,
			       struct trc_error *err)
{
	const struct chain_ops *c;
	char canon[CHAIN_ADDR_MAX], id[CHAIN_TXID_STR_MAX];
	uint8_t txid[32];

	for (size_t i = 0; (c = chain_at(i)); i++) {
		char *net = NULL;
		const char *n;
		json_t *doc = NULL;
		bool found = false;
		enum trc_err rc =
			chaindb_get_network(a->store, c->id, &net, err);

		n = net			 ? net
		    : c->address_network ? c->address_network(q)
					 : NULL;
		if (!rc && n &&
		    !c->address_normalize(n, q, canon, sizeof(canon), NULL))
			json_array_append_new(
				res, json_pack("{s:s,s:s,s:s,s:s}", "kind",
					       "address", "chain", c->name,
					       "network", n, "address", canon));
		if (!rc && !c->txid_parse(q, txid, NULL))
			rc = tx_json(a->store, c, net, txid, &doc, &found, err);
		if (found) {
			c->txid_format(txid, id);
			json_array_append_new(
				res, json_pack("{s:s,s:s,s:s}", "kind", "tx",
					       "chain", c->name, "txid", id));
		}
		json_decref(doc);
		free(net);
		if (rc)
			return rc;
	}
	return TRC_OK;
}

/* Cases by name or seed, q as an address or txid, then tags by address,
 * entity or source. */
static void api_search(struct serve_app *a, const struct serve_req *r,
		       struct serve_reply *out)
{
	struct trc_error err = TRC_ERROR_INIT;
	struct search s;
	enum trc_err rc;

	memset(&s, 0, sizeof(s));
	s.q = serve_arg(r, "q");
	s.out = json_array();

	if (!s.q || !*s.q || strlen(s.q) > SERVE_QUERY_MAX) {
		json_decref(s.out);
		return serve_reply_error(out, 400,
					 "parameter 'q' must be 1 "
					 "to 512 bytes");
	}
	for (size_t i = 0; i < a->n_cases; i++) {
		const struct trc_case *k = &a->cases[i].k;
		bool hit = has_sub(k->name, s.q);

		for (size_t j = 0; j < k->n_seeds && !hit; j++)
			hit = has_sub(k->seeds[j], s.q);
		if (hit)
			json_array_append_new(
				s.out,
				json_pack("{s:s,s:I,s:s,s:s}", "kind", "case",
					  "case", (json_int_t)i, "name",
					  k->name, "chain", k->chain));
	}
	tagnet_init(&s.nets, a->store);
	if (!(rc = search_ids(a, s.q, s.out, &err)))
		rc = tags_each(a->store, 0, search_tag, &s, &err);
	if (!rc && s.nomem)
		rc = trc_fail(&err, TRC_ERR_NOMEM, "out of memory");
	tagnet_release(&s.nets);
	if (rc) {
		json_decref(s.out);
		return reply_fail(out, &err);
	}
	reply_json(out, json_pack("{s:s,s:o}", "q", s.q, "results", s.out));
}

/* A download: its format's name, content type and file name. */
struct download {
	const char *format, *type, *attachment;
	int which; /* enum export_file, or -1 for a report */
};

static const struct download exports[] = {
	{ "dot", "text/vnd.graphviz; charset=utf-8",
	  "attachment; filename=\"flow.dot\"", EXPORT_DOT },
	{ "graphml", "application/xml; charset=utf-8",
	  "attachment; filename=\"flow.graphml\"", EXPORT_GRAPHML },
	{ "nodes_csv", "text/csv; charset=utf-8",
	  "attachment; filename=\"nodes.csv\"", EXPORT_CSV_NODES },
	{ "edges_csv", "text/csv; charset=utf-8",
	  "attachment; filename=\"edges.csv\"", EXPORT_CSV_EDGES },
	{ "links_csv", "text/csv; charset=utf-8",
	  "attachment; filename=\"links.csv\"", EXPORT_CSV_LINKS },
	{ NULL, NULL, NULL, 0 },
};

static const struct download reports[] = {
	{ "md", "text/markdown; charset=utf-8",
	  "attachment; filename=\"report.md\"", -1 },
	{ "html", "text/html; charset=utf-8",
	  "attachment; filename=\"report.html\"", -1 },
	{ "json", "application/json", "attachment; filename=\"report.json\"",
	  -1 },
	{ "csv", "text/csv; charset=utf-8",
	  "attachment; filename=\"report.csv\"", -1 },
	{ NULL, NULL, NULL, 0 },
};

/* The download of parameter "format" (default: the table's first) and
 * the case; a 400 reply without them. */
static const struct download *download_of(const struct download *t,
					  const struct serve_req *r,
					  const char *what,
					  struct serve_reply *out)
{
	const char *fmt = serve_arg(r, "format");
	char msg[160];

	for (const struct download *d = t; d->format; d++)
		if (!fmt || !strcmp(fmt, d->format)) {
			if (serve_arg(r, "case"))
				return d;
			snprintf(msg, sizeof(msg), "%s needs parameter 'case'",
				 what);
			serve_reply_error(out, 400, msg);
			return NULL;
		}
	snprintf(msg, sizeof(msg), "parameter 'format': %s", what);
	for (const struct download *d = t; d->format; d++)
		snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg), "%s%s",
			 d == t ? " " : ", ", d->format);
	serve_reply_error(out, 400, msg);
	return NULL;
}

/* A 200 reply of download d with body (taken). */
static void reply_bytes(struct serve_reply *out, const struct download *d,
			char *body, size_t len)
{
	out->status = 200;
	out->type = d->type;
	out->attachment = d->attachment;
	out->body = body;
	out->len = len;
}

/* The bytes of `tracer export --case FILE --format dot|graphml` (csv:
 * one of its two files) with the same trace options (export_out.h,
 * the command's code). */
static void api_export(struct serve_app *a, const struct serve_req *r,
		       struct serve_reply *out)
{
	static const char *const also[] = { "case", "format", NULL };
	struct trc_error err = TRC_ERROR_INIT;
	const struct download *d = download_of(exports, r, "export", out);
	struct trace_result *res;
	const struct chain_ops *chain;
	struct serve_case *c;
	struct case_cross x;
	struct xgraph *g = NULL;
	char *body = NULL;
	size_t len = 0;
	FILE *f = NULL;

	if (!d)
		return;
	case_cross_init(&x);
	if (run_trace(a, r, also, &res, &chain, &c, &x, &err))
		return reply_fail(out, &err);
	if (!res->n_assets ||
	    export_out_case_graph(res, &x, &c->k, NULL, &g, &err)) {
		case_cross_release(&x);
		trace_result_free(res);
		if (!err.code)
			return serve_reply_error(out, 400,
						 "the trace has no "
						 "assets: nothing to export");
		return reply_fail(out, &err);
	}
	if ((f = open_memstream(&body, &len))) {
		export_out_write(f, (enum export_file)d->which, g, c->k.name);
		fclose(f);
	}
	export_graph_free(g);
	case_cross_release(&x);
	trace_result_free(res);
	if (!f || !body)
		return serve_reply_error(out, 500, "out of memory");
	reply_bytes(out, d, body, len);
}

/*
 * The command line that gives the same report: tracer --db DIR report
 * --case FILE --format F and the request's trace options as options.
 * Out: *argv, *argc (new, strv_free).
 */
static enum trc_err report_argv(const struct serve_app *a,
				const struct serve_req *r,
				const struct serve_case *c, const char *fmt,
				char ***argv, size_t *argc,
				struct trc_error *err)
{
	const char *head[] = {
		"tracer",   "--db",   a->db_path ? a->db_path : ".",
		"report",   "--case", c->path,
		"--format", fmt
	};
	enum trc_err rc = TRC_OK;

	*argv = NULL;
	*argc = 0;
	for (size_t i = 0; i < sizeof(head) / sizeof(*head) && !rc; i++)
		rc = strv_push(argv, argc, head[i], err);
	for (size_t i = 0; i < r->n_args && !rc; i++) {
		const char *n = r->args[i].name, *v = r->args[i].value;
		char opt[80];

		if (!strcmp(n, "case") || !strcmp(n, "format") ||
		    strlen(n) + 3 > sizeof(opt))
			continue;
		snprintf(opt, sizeof(opt), "--%s", n);
		for (char *p = opt; *p; p++)
			*p = *p == '_' ? '-' : *p;
		rc = strv_push(argv, argc, opt, err);
		if (!rc && strcmp(n, "no_cluster"))
			rc = strv_push(argv, argc, v ? v : "", err);
	}
	return rc;
}

/* A report of the case traced as the request says, with the command
 * line that reproduces it, into *body (new). */
static enum trc_err report_of(struct serve_app *a, const struct serve_req *r,
			      const char *fmt, char **body, size_t *len,
			      struct trc_error *err)
{
	static const char *const also[] = { "case", "format", NULL };
	struct report rep = REPORT_INIT;
	struct trc_case k = CASE_INIT;
	struct trace_result *res = NULL;
	const struct chain_ops *chain;
	struct serve_case *c;
	struct case_cross *x = malloc(sizeof(*x));
	char **argv = NULL;
	size_t argc = 0;
	FILE *f;
	enum trc_err rc;

	*body = NULL;
	if (!x)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	case_cross_init(x);
	rc = run_trace(a, r, also, &res, &chain, &c, x, err);
	if (!rc)
		rc = case_load(&k, c->path, err);
	if (!rc && !(rc = report_add_case(&rep, c->path, &k, chain, res, err)))
		res = NULL;
	if (!rc && x->n_runs) { /* as `tracer report`: the report owns it */
		rep.cases[0].cross = x;
		x = NULL;
	}
	if (!rc)
		rc = report_argv(a, r, c, fmt, &argv, &argc, err);
	if (!rc)
		rc = report_out_prepare(&rep, a->store, fmt, false, (int)argc,
					argv, report_out_time(), err);
	if (!rc && !(f = open_memstream(body, len)))
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (!rc) {
		rc = report_out_write(f, fmt, &rep, err);
		if (fclose(f) && !rc)
			rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	if (rc) {
		free(*body);
		*body = NULL;
	}
	strv_free(argv, argc);
	if (x)
		case_cross_release(x);
	free(x);
	trace_result_free(res);
	case_release(&k);
	report_release(&rep);
	return rc;
}

/* The bytes of `tracer report --case FILE --format md|html|json|csv`
 * with the same trace options (report_out.h, the command's code); the
 * provenance names that command line. */
static void api_report(struct serve_app *a, const struct serve_req *r,
		       struct serve_reply *out)
{
	struct trc_error err = TRC_ERROR_INIT;
	const struct download *d = download_of(reports, r, "report", out);
	char *body;
	size_t len;

	if (!d)
		return;
	if (report_of(a, r, d->format, &body, &len, &err))
		return reply_fail(out, &err);
	reply_bytes(out, d, body, len);
}

/*
 * The note of a request's body into k: {"node", "text"} to its notes on
 * nodes, {"from", "to", "text"} to its notes on edges.
 */
static enum trc_err add_note(struct trc_case *k, json_t *in,
			     struct trc_error *err)
{
	const char *node = json_string_value(json_object_get(in, "node"));
	const char *from = json_string_value(json_object_get(in, "from"));
	const char *to = json_string_value(json_object_get(in, "to"));
	const char *text = json_string_value(json_object_get(in, "text"));

	if (from || to)
		return case_add_edge_note(k, from, to, text, err);
	if (node)
		return case_add_node_note(k, node, text, err);
	return trc_fail(err, TRC_ERR_INVALID,
			"a note is {\"case\": N, \"node\": \"...\", \"text\": "
			"\"...\"} or {\"case\": N, \"from\": \"...\", \"to\": "
			"\"...\", \"text\": \"...\"} (each 1 to 4096 bytes)");
}

/*
 * POST {"case": N, "node": "ADDRESS", "text": "..."} (a note on a
 * node) or {"case": N, "from": "A", "to": "B", "text": "..."} (on the
 * edge A -> B): the case file is read again (an edit made since
 * start-up is kept), the note added and the file replaced atomically
 * (case_save validates it first). Answers {"case", "notes",
 * "edge_notes", "node_notes"}.
 */
static void api_note(struct serve_app *a, const struct serve_req *r,
		     struct serve_reply *out)
{
	struct trc_error err = TRC_ERROR_INIT;
	json_t *in = json_loadb(r->body ? r->body : "", r->body_len, 0, NULL);
	json_int_t i = json_integer_value(json_object_get(in, "case"));
	struct trc_case k = CASE_INIT;

	if (!json_is_object(in) ||
	    !json_is_integer(json_object_get(in, "case")))
		trc_fail(&err, TRC_ERR_INVALID,
			 "a note is a JSON object with \"case\": N");
	else if (i < 0 || (size_t)i >= a->n_cases)
		trc_fail(&err, TRC_ERR_NOTFOUND, "no such case");
	else if (!case_load(&k, a->cases[i].path, &err) &&
		 !add_note(&k, in, &err) &&
		 case_save(&k, a->cases[i].path, &err))
		trc_error_prefix(&err, err.code, "the note is not saved");
	json_decref(in);
	if (err.code) {
		case_release(&k);
		return reply_fail(out, &err);
	}
	case_release(&a->cases[i].k);
	a->cases[i].k = k;
	reply_json(out,
		   json_pack("{s:I,s:s?,s:o,s:o}", "case", i, "notes", k.notes,
			     "edge_notes", case_edge_notes_json(&k),
			     "node_notes", case_node_notes_json(&k)));
}

struct route {
	const char *method, *path;
	void (*fn)(struct serve_app *a, const struct serve_req *r,
		   struct serve_reply *out);
};

static void api_cases_r(struct serve_app *a, const struct serve_req *r,
			struct serve_reply *out)
{
	(void)r;
	api_cases(a, out);
}

static const struct route routes[] = {
	{ "GET", "/api/cases", api_cases_r },
	{ "GET", "/api/trace", api_trace },
	{ "GET", "/api/graph", api_graph },
	{ "GET", "/api/layout", api_layout },
	{ "GET", "/api/compare", api_compare },
	{ "GET", "/api/search", api_search },
	{ "GET", "/api/address", api_address },
	{ "GET", "/api/tx", api_tx },
	{ "GET", "/api/cluster", api_cluster },
	{ "GET", "/api/export", api_export },
	{ "GET", "/api/report", api_report },
	{ "POST", "/api/note", api_note },
	{ NULL, NULL, NULL },
};

void serve_api(struct serve_app *a, const struct serve_req *req,
	       struct serve_reply *out)
{
	memset(out, 0, sizeof(*out));
	for (const struct route *rt = routes; rt->path; rt++) {
		if (strcmp(rt->path, req->path))
			continue;
		if (strcmp(rt->method, req->method))
			return serve_reply_error(out, 405,
						 "method not "
						 "allowed");
		return rt->fn(a, req, out);
	}
	serve_reply_error(out, 404, "no such endpoint");
}
