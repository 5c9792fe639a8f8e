/*
 * The report model on hand-built trace results: receipts at exits (one
 * per transaction, checked against the exit's amount), entities, fiat
 * values at arrival days with missing days kept missing, and the total of
 * several cases with funds reaching the same exit in the same transaction
 * counted once.
 */
#include <stdlib.h>

#include "store/tags.h"
#include "tests/unit/harness.h"
#include "tracer/report/report.h"

#define D1 1704844800 /* 2024-01-10 */
#define DAY 86400
#define COIN 100000000ull

/* A result owning its memory as trace_result_free expects. */
static struct trace_result *result(size_t n_nodes, size_t n_exits,
				   size_t n_edges)
{
	struct trace_result *r = calloc(1, sizeof(*r));

	r->n_assets = 1;
	r->assets = calloc(1, sizeof(*r->assets));
	r->assets[0].asset = strdup("BTC");
	r->assets[0].decimals = 8;
	r->assets[0].seed_total = amount_from_u64(10 * COIN);
	r->n_nodes = n_nodes;
	r->nodes = calloc(n_nodes, sizeof(*r->nodes));
	r->n_exits = n_exits;
	r->exits = calloc(n_exits, sizeof(*r->exits));
	r->n_edges = n_edges;
	r->edges = calloc(n_edges, sizeof(*r->edges));
	return r;
}

static void node(struct trace_result *r, uint32_t i, const char *addr,
		 uint8_t role, const char *entity)
{
	r->nodes[i].address = strdup(addr);
	r->nodes[i].role = role;
	r->nodes[i].entity = entity ? strdup(entity) : NULL;
	r->nodes[i].category = entity ? TAG_EXCHANGE : TAG_NONE;
}

static void exit_at(struct trace_result *r, uint32_t i, uint32_t n,
		    uint64_t amount, int64_t first)
{
	struct trace_exit *x = &r->exits[i];

	x->node = n;
	x->address = r->nodes[n].address;
	x->entity = r->nodes[n].entity;
	x->category = r->nodes[n].category;
	x->amount = amount_from_u64(amount);
	x->first_time = first;
}

static void edge(struct trace_result *r, uint32_t i, uint32_t from, uint32_t to,
		 uint64_t amount, const char *txid, int64_t t)
{
	r->edges[i].from = from;
	r->edges[i].to = to;
	r->edges[i].amount = amount_from_u64(amount);
	snprintf(r->edges[i].txid, sizeof(r->edges[i].txid), "%s", txid);
	r->edges[i].time = t;
}

/* Case A: X gets 2 BTC in t1 (day 1) and 4 BTC in t2 (day 2, two edges
 * from two senders); Y, of the same entity, 1 BTC in t3 (day 3). */
static struct trace_result *case_a(void)
{
	struct trace_result *r = result(4, 2, 5);

	node(r, 0, "S", TRACE_ROLE_SEED, NULL);
	node(r, 1, "X", TRACE_ROLE_EXIT, "Ex");
	node(r, 2, "Y", TRACE_ROLE_EXIT, "Ex");
	node(r, 3, "I", TRACE_ROLE_INTERMEDIATE, NULL);
	exit_at(r, 0, 1, 6 * COIN, D1);
	exit_at(r, 1, 2, 1 * COIN, D1 + 2 * DAY);
	edge(r, 0, 0, 1, 2 * COIN, "t1", D1 + 60);
	edge(r, 1, 0, 3, 3 * COIN, "t0", D1 + 90);
	edge(r, 2, 3, 1, 15 * COIN / 10, "t2", D1 + DAY);
	edge(r, 3, 0, 1, 25 * COIN / 10, "t2", D1 + DAY);
	edge(r, 4, 0, 2, 1 * COIN, "t3", D1 + 2 * DAY);
	return r;
}

/* Case B: X gets 3 BTC in t2 (the same funds as part of case A's) and
 * Z 0.5 BTC whose edges do not add up (counted at its first arrival). */
static struct trace_result *case_b(void)
{
	struct trace_result *r = result(3, 2, 2);

	node(r, 0, "S2", TRACE_ROLE_SEED, NULL);
	node(r, 1, "X", TRACE_ROLE_EXIT, "Ex");
	node(r, 2, "Z", TRACE_ROLE_EXIT, "Other");
	exit_at(r, 0, 1, 3 * COIN, D1 + DAY);
	exit_at(r, 1, 2, COIN / 2, D1 + 2 * DAY);
	edge(r, 0, 0, 1, 3 * COIN, "t2", D1 + DAY);
	edge(r, 1, 0, 2, COIN / 4, "t9", D1 + 2 * DAY);
	return r;
}

static void add(struct report *r, struct trace_result *res)
{
	struct trc_case k = CASE_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	k.name = strdup("case");
	CHECK_OK(report_add_case(r, "c.json", &k, chain_find("btc"), res, &e),
		 &e);
}

static void t_receipts_entities(void)
{
	struct report r = REPORT_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	const struct report_case *c;

	add(&r, case_a());
	CHECK_OK(report_compute(&r, &e), &e);
	c = &r.cases[0];
	CHECK_INT(c->n_receipts, 3);
	CHECK_STR(c->receipts[0].txid, "t1");
	CHECK_STR(c->receipts[1].txid, "t2"); /* two edges, one receipt */
	CHECK(!amount_cmp(c->receipts[1].amount, amount_from_u64(4 * COIN)));
	CHECK_INT(c->receipts[2].exit, 1);
	CHECK_INT(c->n_entities, 1);
	CHECK_STR(c->entities[0].entity, "Ex");
	CHECK_INT(c->entities[0].n_exits, 2);
	CHECK(!amount_cmp(c->entities[0].amount, amount_from_u64(7 * COIN)));
	CHECK(c->exit_value == NULL);
	CHECK_INT(r.n_totals, 0); /* one case: no total */
	report_release(&r);
}

/* One rule for exits by entity (trace and report): an exit without an
 * entity name (NULL or "") is its own address; order by asset, total
 * descending, name; a total past 2^256 is an error, never zeroed. */
static void t_entities_rule(void)
{
	struct trace_result *r = result(4, 4, 0);
	struct trc_error e = TRC_ERROR_INIT;
	struct report_entity *es = NULL;
	uint32_t of[4];
	uint8_t big[32];
	size_t n = 0;

	node(r, 0, "A", TRACE_ROLE_EXIT, "Small");
	node(r, 1, "B", TRACE_ROLE_EXIT, "");
	node(r, 2, "C", TRACE_ROLE_EXIT, "Big");
	node(r, 3, "D", TRACE_ROLE_EXIT, "Big");
	exit_at(r, 0, 0, 5, 0); /* the largest exit, not the largest sum */
	exit_at(r, 1, 1, 4, 0);
	exit_at(r, 2, 2, 3, 0);
	exit_at(r, 3, 3, 3, 0);
	CHECK_OK(report_entities(r, &es, &n, of, &e), &e);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(es[0].entity, "Big");
		CHECK_INT(es[0].n_exits, 2);
		CHECK(!amount_cmp(es[0].amount, amount_from_u64(6)));
		CHECK_STR(es[1].entity, "Small");
		CHECK_STR(es[2].entity, "B");
	}
	CHECK_INT(of[0], 1);
	CHECK_INT(of[1], 2);
	CHECK_INT(of[2], 0);
	CHECK_INT(of[3], 0);
	free(es);
	memset(big, 0xff, sizeof(big));
	CHECK_OK(amount_from_be(&r->exits[2].amount, big, 32), &e);
	CHECK_INT(report_entities(r, &es, &n, NULL, &e), TRC_ERR_OVERFLOW);
	CHECK(strstr(e.msg, "'Big'") != NULL);
	CHECK(es == NULL && n == 0);
	CHECK_INT(report_entities(r, &es, &n, NULL, NULL), TRC_ERR_OVERFLOW);
	trace_result_free(r);
}

static void t_prices(void)
{
	static const char csv[] = "date,asset,currency,price\n"
				  "2024-01-10,BTC,USD,100.00\n"
				  "2024-01-12,BTC,USD,50.5\n";
	struct prices p = PRICES_INIT;
	struct report r = REPORT_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	char s[128];

	CHECK_OK(prices_parse(&p, csv, strlen(csv), "p", NULL, &e), &e);
	r.prices = &p;
	add(&r, case_a());
	CHECK_OK(report_compute(&r, &e), &e);
	/* X: day 2 has no price, so X and its entity are missing */
	CHECK(!r.cases[0].exit_value[0].ok);
	CHECK_STR(
		report_value_text(s, sizeof(s), &r, &r.cases[0].exit_value[0]),
		"missing (no USD price for 2024-01-11)");
	CHECK(!r.cases[0].entities[0].value.ok);
	/* Y: 1 BTC at 50.5 on day 3 */
	CHECK(r.cases[0].exit_value[1].ok);
	CHECK_STR(
		report_value_text(s, sizeof(s), &r, &r.cases[0].exit_value[1]),
		"50.50 USD");
	report_release(&r);
	prices_release(&p);
}

static void t_total_overlap(void)
{
	struct report r = REPORT_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	const struct report_total *ex = NULL, *other = NULL;

	add(&r, case_a());
	add(&r, case_b());
	CHECK_OK(report_compute(&r, &e), &e);
	/* Z's edges (0.25) do not add up to its 0.5: one receipt of 0.5 */
	CHECK_INT(r.cases[1].n_receipts, 2);
	CHECK_STR(r.cases[1].receipts[1].txid, "");
	CHECK(!amount_cmp(r.cases[1].receipts[1].amount,
			  amount_from_u64(COIN / 2)));
	CHECK_INT(r.n_totals, 2);
	for (size_t i = 0; i < r.n_totals; i++) {
		if (!strcmp(r.totals[i].entity, "Ex"))
			ex = &r.totals[i];
		if (!strcmp(r.totals[i].entity, "Other"))
			other = &r.totals[i];
	}
	CHECK(ex && other);
	if (!ex || !other)
		goto out;
	/* A: 2 + 4 + 1, B: 3 in t2 = part of A's 4 in t2: once, at 4 */
	CHECK(!amount_cmp(ex->sum, amount_from_u64(10 * COIN)));
	CHECK(!amount_cmp(ex->amount, amount_from_u64(7 * COIN)));
	CHECK(!amount_cmp(ex->overlap, amount_from_u64(3 * COIN)));
	CHECK(!amount_cmp(other->overlap, AMOUNT_ZERO));
	CHECK(r.totals == ex); /* the largest first */
out:
	report_release(&r);
}

static void t_helpers(void)
{
	char s[64];

	CHECK_STR(report_share(s, sizeof(s), amount_from_u64(1),
			       amount_from_u64(3)),
		  "33.33%");
	CHECK_STR(report_share(s, sizeof(s), amount_from_u64(3),
			       amount_from_u64(3)),
		  "100.00%");
	CHECK_STR(report_share(s, sizeof(s), amount_from_u64(3), AMOUNT_ZERO),
		  "-");
	CHECK_STR(report_time(s, sizeof(s), D1), "2024-01-10T00:00:00Z");
	CHECK_STR(report_time(s, sizeof(s), TRACE_TIME_NONE), "-");
	CHECK_STR(report_category(TAG_DEPOSIT), "deposit");
	CHECK_STR(report_category(TAG_NONE), "untagged");
	for (int p = 0; p < TRACE_POLICY_COUNT; p++)
		CHECK(strcasestr(report_policy_text((enum trace_policy)p),
				 trace_policy_name((enum trace_policy)p)));
}

TEST_MAIN({ "receipts_entities", t_receipts_entities },
	  { "entities rule", t_entities_rule }, { "prices", t_prices },
	  { "total_overlap", t_total_overlap }, { "helpers", t_helpers })
