/*
 * graph_layout.c - a flow graph laid out by `dot -Tjson0`
 * (graph_layout.h).
 */
#include "tracer/render/graph_layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "tracer/render/report_render.h"

/* The DOT text dot lays out: node i is "ni", edge i has id "ei" (dot
 * reorders both in its output). */
static enum trc_err layout_dot(const struct xgraph *g, struct buf *b,
			       struct trc_error *err)
{
	bool fast = g->n_nodes > GRAPH_LAYOUT_FAST;
	char line[96];
	enum trc_err rc;

	rc = buf_append_str(b, "digraph g {\nrankdir=LR; nodesep=0.25; "
			       "ranksep=0.9;\n");
	if (!rc && fast)
		rc = buf_append_str(b, "splines=false; mclimit=0.1; "
				       "nslimit=1; nslimit1=1; searchsize=10; "
				       "remincross=false;\n");
	if (!rc)
		rc = buf_append_str(b, "node [shape=box, fixedsize=true, "
				       "width=1.6, height=0.6, label=\"\"];\n");
	for (size_t i = 0; i < g->n_nodes && !rc; i++) {
		snprintf(line, sizeof(line), "n%zu;\n", i);
		rc = buf_append_str(b, line);
	}
	for (size_t i = 0; i < g->n_edges && !rc; i++) {
		snprintf(line, sizeof(line), "n%u -> n%u [id=e%zu];\n",
			 (unsigned)g->edges[i].from, (unsigned)g->edges[i].to,
			 i);
		rc = buf_append_str(b, line);
	}
	/* a cross-chain link ranks the other side after its source */
	for (size_t i = 0; i < g->n_links && !rc; i++) {
		snprintf(line, sizeof(line), "n%u -> n%u [id=x%zu];\n",
			 (unsigned)g->links[i].from, (unsigned)g->links[i].to,
			 i);
		rc = buf_append_str(b, line);
	}
	if (!rc)
		rc = buf_append_str(b, "}\n");
	return rc ? trc_fail(err, TRC_ERR_NOMEM, "out of memory") : TRC_OK;
}

static double round2(double v)
{
	return (double)(long long)(v * 100 + (v < 0 ? -0.5 : 0.5)) / 100;
}

static json_t *point(double x, double y, double height)
{
	return json_pack("[f,f]", round2(x), round2(height - y));
}

/* dot's "e,X,Y P P P ..." spline: the control points, then the arrow's
 * tip. */
static json_t *edge_points(const char *pos, double height)
{
	json_t *pts = json_array();
	double x, y, ex = 0, ey = 0;
	bool has_end = false;
	int n;

	while (pos && *pos) {
		while (*pos == ' ' || *pos == ';')
			pos++;
		if ((pos[0] == 'e' || pos[0] == 's') && pos[1] == ',') {
			if (sscanf(pos + 2, "%lf,%lf%n", &x, &y, &n) != 2)
				break;
			if (pos[0] == 'e') {
				ex = x, ey = y;
				has_end = true;
			}
			pos += 2 + n;
			continue;
		}
		if (sscanf(pos, "%lf,%lf%n", &x, &y, &n) != 2)
			break;
		json_array_append_new(pts, point(x, y, height));
		pos += n;
	}
	if (has_end)
		json_array_append_new(pts, point(ex, ey, height));
	return pts;
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* The index in "n17" or "e17" (prefix c) below n; -1 if none. */
static long long index_of(const char *s, char c, size_t n)
{
	unsigned long long v = 0;
	size_t k = 1;

	if (s[0] != c || !s[1])
		return -1;
	for (; s[k] >= '0' && s[k] <= '9' && k < 12; k++)
		v = v * 10 + (unsigned)(s[k] - '0');
	return s[k] || v >= n ? -1 : (long long)v;
}

/* Fills arr with n nulls. */
static void nulls(json_t *arr, size_t n)
{
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_null());
}

/* A link's edge "xN" of dot's document into ljs; false when unknown. */
static bool link_points(const struct xgraph *g, json_t *o, json_t *ljs,
			double h)
{
	long long id = index_of(str(o, "id"), 'x', g->n_links);

	if (id < 0 || !json_is_null(json_array_get(ljs, (size_t)id)))
		return false;
	json_array_set_new(ljs, (size_t)id,
			   json_pack("{s:I,s:I,s:I,s:o}", "id", (json_int_t)id,
				     "from", (json_int_t)g->links[id].from,
				     "to", (json_int_t)g->links[id].to,
				     "points", edge_points(str(o, "pos"), h)));
	return true;
}

/* dot's document into ours; false when it is not g's layout. */
static bool convert(const struct xgraph *g, json_t *in, json_t *out)
{
	json_t *objs = json_object_get(in, "objects");
	json_t *edges = json_object_get(in, "edges");
	json_t *nodes = json_array(), *ejs = json_array(), *ljs = json_array();
	double w, h, x, y, nw, nh;
	size_t i, seen = 0;
	json_t *o;

	json_object_set_new(out, "nodes", nodes);
	json_object_set_new(out, "edges", ejs);
	json_object_set_new(out, "links", ljs);
	if (sscanf(str(in, "bb"), "%*f,%*f,%lf,%lf", &w, &h) != 2 ||
	    json_array_size(objs) != g->n_nodes ||
	    json_array_size(edges) != g->n_edges + g->n_links)
		return false;
	json_object_set_new(out, "width", json_real(round2(w)));
	json_object_set_new(out, "height", json_real(round2(h)));
	nulls(nodes, g->n_nodes);
	nulls(ejs, g->n_edges);
	nulls(ljs, g->n_links);
	json_array_foreach(objs, i, o)
	{
		long long id = index_of(str(o, "name"), 'n', g->n_nodes);

		if (id < 0 ||
		    !json_is_null(json_array_get(nodes, (size_t)id)) ||
		    sscanf(str(o, "pos"), "%lf,%lf", &x, &y) != 2 ||
		    sscanf(str(o, "width"), "%lf", &nw) != 1 ||
		    sscanf(str(o, "height"), "%lf", &nh) != 1)
			return false;
		json_array_set_new(
			nodes, (size_t)id,
			json_pack("{s:I,s:f,s:f,s:f,s:f}", "id", (json_int_t)id,
				  "x", round2(x), "y", round2(h - y), "w",
				  round2(nw * 72), "h", round2(nh * 72)));
		seen++;
	}
	json_array_foreach(edges, i, o)
	{
		long long id = index_of(str(o, "id"), 'e', g->n_edges);

		if (id < 0 && str(o, "id")[0] == 'x') {
			if (!link_points(g, o, ljs, h))
				return false;
			seen++;
			continue;
		}
		if (id < 0 || !json_is_null(json_array_get(ejs, (size_t)id)))
			return false;
		json_array_set_new(
			ejs, (size_t)id,
			json_pack("{s:I,s:I,s:I,s:o}", "id", (json_int_t)id,
				  "from", (json_int_t)g->edges[id].from, "to",
				  (json_int_t)g->edges[id].to, "points",
				  edge_points(str(o, "pos"), h)));
		seen++;
	}
	return seen == g->n_nodes + g->n_edges + g->n_links;
}

enum trc_err graph_layout(const struct xgraph *g, json_t **out,
			  struct trc_error *err)
{
	struct buf dot = BUF_INIT(SIZE_MAX), res = BUF_INIT(GRAPH_LAYOUT_MAX);
	json_t *in = NULL;
	enum trc_err rc;

	*out = NULL;
	rc = layout_dot(g, &dot, err);
	if (!rc)
		rc = report_render_run(buf_str(&dot), dot.len, "json0", &res,
				       err);
	if (!rc && !(in = json_loadb(buf_str(&res), res.len, 0, NULL)))
		rc = trc_fail(err, TRC_ERR_VERIFY, "dot's layout is not JSON");
	if (!rc && !(*out = json_pack("{s:s,s:b}", "engine", "dot", "fast",
				      g->n_nodes > GRAPH_LAYOUT_FAST)))
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (!rc && !convert(g, in, *out))
		rc = trc_fail(err, TRC_ERR_VERIFY,
			      "dot's layout does not match the graph "
			      "(%zu nodes, %zu edges)",
			      g->n_nodes, g->n_edges);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	json_decref(in);
	buf_release(&dot);
	buf_release(&res);
	return rc;
}
