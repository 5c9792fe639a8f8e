/*
 * The HTML report's graph pieces: the palette's contrast (WCAG 2, every
 * text colour on its fill at least 4.5:1), condensing runs of hops, the
 * explorer templates and the base64 of the CSP hash.
 */
#include <stdlib.h>

#include "base/base64.h"
#include "store/tags.h"
#include "tests/unit/harness.h"
#include "tracer/render/explorer.h"
#include "tracer/render/palette.h"
#include "tracer/report/export_graph.h"

/* x^2.4 for x in [0, 1] without libm: x^2 * fifth root of x^2, the root
 * by Newton's method (monotone from above, converged to 1e-15). */
static double pow24(double x)
{
	double a = x * x, r = 1.0;

	if (a == 0.0)
		return 0.0;
	for (int i = 0; i < 200; i++) {
		double r4 = r * r * r * r;

		r -= (r4 * r - a) / (5.0 * r4);
	}
	return a * r;
}

static double absd(double x)
{
	return x < 0 ? -x : x;
}

/* WCAG 2.x relative luminance of "#rrggbb". */
static double luminance(const char *hex)
{
	double c[3];

	for (int i = 0; i < 3; i++) {
		unsigned v;
		double s;

		sscanf(hex + 1 + 2 * i, "%2x", &v);
		s = v / 255.0;
		c[i] = s <= 0.04045 ? s / 12.92 : pow24((s + 0.055) / 1.055);
	}
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static double contrast(const char *a, const char *b)
{
	double x = luminance(a), y = luminance(b);

	return x > y ? (x + 0.05) / (y + 0.05) : (y + 0.05) / (x + 0.05);
}

static void t_contrast(void)
{
	size_t n;
	const struct palette_entry *p = palette_all(&n);

	/* the formula, on known pairs: black on white is 21:1 */
	CHECK(absd(contrast("#000000", "#ffffff") - 21.0) < 1e-9);
	CHECK(absd(contrast("#777777", "#ffffff") - 4.48) < 0.01);
	CHECK(n >= 12);
	for (size_t i = 0; i < n; i++) {
		double r = contrast(p[i].fill, p[i].text);

		if (r < 4.5)
			t_fail(__FILE__, __LINE__, "%s: %s on %s is %.2f:1",
			       p[i].key, p[i].text, p[i].fill, r);
	}
	/* every node the DOT writer colours comes from the table */
	CHECK_STR(palette_node(TRACE_ROLE_SEED, 0)->key, "seed");
	CHECK_STR(palette_node(TRACE_ROLE_EXIT, TAG_DEPOSIT)->key,
		  "exit-deposit");
	CHECK_STR(palette_node(TRACE_ROLE_EXIT, TAG_HACKER)->key, "exit-other");
	CHECK_STR(palette_node(XG_ROLE_FRONTIER, 0)->key, "frontier");
	CHECK_STR(palette_node(XG_ROLE_CHAIN, 0)->key, "chain");
	CHECK_STR(palette_node(TRACE_ROLE_INTERMEDIATE, 0)->key,
		  "intermediate");
	/* the page's own text colours on white */
	CHECK(contrast("#1a1a1a", "#ffffff") >= 4.5);
	CHECK(contrast("#595959", "#ffffff") >= 4.5);
	CHECK(contrast("#0b57d0", "#ffffff") >= 4.5);
	CHECK(contrast("#1a1a1a", "#f0f0f0") >= 4.5);
}

/* A graph: nodes named n0..n(k-1) with roles, edges as pairs. */
static struct xgraph *graph(const uint8_t *roles, size_t k,
			    const uint32_t (*e)[2], size_t m)
{
	struct xgraph *g = calloc(1, sizeof(*g));

	g->asset = "BTC";
	g->decimals = 8;
	g->nodes = calloc(k, sizeof(*g->nodes));
	g->edges = calloc(m, sizeof(*g->edges));
	g->n_nodes = k;
	g->n_edges = m;
	for (size_t i = 0; i < k; i++) {
		g->nodes[i].role = roles[i];
		g->nodes[i].members = 1;
		if (asprintf(&g->nodes[i].name, "n%zu", i) < 0 ||
		    asprintf(&g->nodes[i].id, "btc:main:n%zu", i) < 0)
			abort();
	}
	for (size_t i = 0; i < m; i++) {
		g->edges[i].from = e[i][0];
		g->edges[i].to = e[i][1];
		g->edges[i].amount = amount_from_u64(100 + i);
		g->edges[i].txids = strdup("t");
	}
	return g;
}

#define S TRACE_ROLE_SEED
#define I TRACE_ROLE_INTERMEDIATE
#define X TRACE_ROLE_EXIT

static void t_condense(void)
{
	/* seed -> 1 -> 2 -> 3 -> 4 -> exit, and seed -> 6 -> exit */
	static const uint8_t roles[] = { S, I, I, I, I, X, I };
	static const uint32_t e[][2] = { { 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 4 },
					 { 4, 5 }, { 0, 6 }, { 6, 5 } };
	struct xgraph *g = graph(roles, 7, e, 7);
	struct trc_error err = TRC_ERROR_INIT;

	CHECK_OK(export_graph_condense(g, 3, &err), &err);
	CHECK_INT(g->n_nodes, 4);
	CHECK_INT(g->n_edges, 4);
	CHECK_INT(g->nodes[1].role, XG_ROLE_CHAIN);
	CHECK_STR(g->nodes[1].name, "4 addresses in a row");
	CHECK_STR(g->nodes[1].id, "btc:main:n1 ... n4");
	CHECK_INT(g->nodes[1].members, 4);
	CHECK_STR(g->nodes[2].name, "n5");
	CHECK_STR(g->nodes[3].name, "n6"); /* a run of one stays */
	CHECK_INT(g->edges[0].from, 0);
	CHECK_INT(g->edges[0].to, 1);
	CHECK_INT(g->edges[1].from, 1); /* the run's way out */
	CHECK_INT(g->edges[1].to, 2);
	CHECK(!amount_cmp(g->edges[1].amount, amount_from_u64(104)));
	CHECK_INT(g->edges[2].from, 0);
	CHECK_INT(g->edges[2].to, 3);
	CHECK_INT(g->edges[3].from, 3);
	CHECK_INT(g->edges[3].to, 2);
	export_graph_free(g);
}

static void t_condense_keeps(void)
{
	/* a branch (1 has two ways out), a held amount, a run below 3, a
	 * cycle of plain nodes: nothing condensed */
	static const uint8_t roles[] = { S, I, I, I, X, I, I };
	static const uint32_t e[][2] = { { 0, 1 }, { 1, 2 }, { 1, 3 }, { 2, 4 },
					 { 3, 4 }, { 5, 6 }, { 6, 5 } };
	struct xgraph *g = graph(roles, 7, e, 7);
	struct trc_error err = TRC_ERROR_INIT;

	g->nodes[3].held_amount = amount_from_u64(1);
	CHECK_OK(export_graph_condense(g, 3, &err), &err);
	CHECK_INT(g->n_nodes, 7);
	CHECK_INT(g->n_edges, 7);
	export_graph_free(g);
}

static void t_explorer(void)
{
	struct trc_error err = TRC_ERROR_INIT;
	enum explorer_kind k;
	char *p = NULL;
	size_t n = 0;
	FILE *f;

	CHECK_OK(explorer_check("https://mempool.space/tx/{txid}", &k, &err),
		 &err);
	CHECK_INT(k, EXPLORER_TXID);
	CHECK_OK(explorer_check("http://h/a?x={address}&y=1", &k, &err), &err);
	CHECK_INT(k, EXPLORER_ADDRESS);
	CHECK(explorer_check("ftp://h/{txid}", &k, &err) == TRC_ERR_INVALID);
	CHECK(explorer_check("https://h/{txid}{txid}", &k, &err));
	CHECK(explorer_check("https://h/{tx}", &k, &err));
	CHECK(explorer_check("https://h/}{txid}", &k, &err));
	CHECK(explorer_check("https://h/ {txid}", &k, &err));
	CHECK(explorer_check("https://h/<{txid}", &k, &err));
	CHECK(explorer_check("https://{txid}/", &k, &err));
	CHECK(explorer_check("https://h{txid}/", &k, &err));
	f = open_memstream(&p, &n);
	explorer_write_url(f, "https://h/a?v={txid}&b=<", "ab/c d\"");
	fclose(f);
	CHECK_STR(p, "https://h/a?v=ab%2Fc%20d%22&amp;b=&lt;");
	free(p);
}

static void t_base64(void)
{
	/* RFC 4648, section 10 */
	static const char *const want[] = {
		"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"
	};
	char out[BASE64_LEN(6) + 1];

	for (size_t i = 0; i <= 6; i++)
		CHECK_STR(base64_encode(out, (const uint8_t *)"foobar", i),
			  want[i]);
	CHECK_INT(BASE64_LEN(32), 44);
}

TEST_MAIN({ "contrast", t_contrast }, { "condense", t_condense },
	  { "condense_keeps", t_condense_keeps }, { "explorer", t_explorer },
	  { "base64", t_base64 })
