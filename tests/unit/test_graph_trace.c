/*
 * Trace engine cases with hand-computed results: the worked example of
 * issue 6 per policy, fees, hops, merges, a peel chain, an exit reached
 * twice, seeds, limits, and account pools with gas fees.
 */
#include <stdlib.h>
#include <string.h>

#include "graph/trace.h"
#include "store/chaindb.h"
#include "store/record.h"
#include "store/tags.h"
#include "tests/unit/graph_fixture.h"
#include "tests/unit/harness.h"

static struct store *fx(const char *name, const char *text)
{
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(store_open(&s, t_tmp(name), STORE_CREATE, &e), &e);
	if (s)
		CHECK_OK(gfx_load(s, text, &e), &e);
	return s;
}

typedef void (*tweak_fn)(struct trace_opts *o);

/* seeds: space-separated addresses, or LABEL:N for outpoints, LABEL:N=V
 * for an outpoint seeding V of its value, ~LABEL:N for an output where
 * taint is converted (trace_opts.convert_outs). */
static struct trace_result *run(struct store *s, enum trace_policy p,
				const char *seeds, tweak_fn tweak)
{
	struct trace_opts o;
	struct trace_result *r = NULL;
	struct trc_error e = TRC_ERROR_INIT;
	const char *addrs[16];
	struct trace_outpoint outs[16], conv[16];
	char buf[512], *save = NULL;

	trace_opts_init(&o);
	o.chain = CHAIN_BTC;
	o.native_asset = "BTC";
	o.native_decimals = 8;
	o.policy = p;
	o.seed_addrs = addrs;
	o.seed_outs = outs;
	o.convert_outs = conv;
	memset(outs, 0, sizeof(outs));
	memset(conv, 0, sizeof(conv));
	snprintf(buf, sizeof(buf), "%s", seeds);
	for (char *t = strtok_r(buf, " ", &save); t;
	     t = strtok_r(NULL, " ", &save)) {
		char *c = strchr(t, ':'), *v = strchr(t, '=');
		struct trace_outpoint *op;
		if (!c) {
			addrs[o.n_seed_addrs++] = t;
			continue;
		}
		*c = 0;
		op = *t == '~' ? &conv[o.n_convert_outs++]
			       : &outs[o.n_seed_outs++];
		gfx_txid(*t == '~' ? t + 1 : t, op->txid);
		op->n = (uint32_t)strtoul(c + 1, NULL, 10);
		if (v)
			op->amount = amount_from_u64(strtoull(v + 1, NULL, 10));
	}
	if (tweak)
		tweak(&o);
	if (s)
		CHECK_OK(trace_run(s, &o, &r, &e), &e);
	if (r)
		o.chain = r->chain; /* keep the options alive until here */
	return r;
}

static char sbuf[8][AMOUNT_STR_MAX];
static int sidx;

static const char *str(trc_amount a)
{
	char *b = sbuf[sidx++ % 8];

	return amount_format(b, AMOUNT_STR_MAX, a, 0, false);
}

static const char *exit_amt(const struct trace_result *r, const char *a)
{
	for (size_t i = 0; r && i < r->n_exits; i++)
		if (!strcmp(r->exits[i].address, a))
			return str(r->exits[i].amount);
	return "0";
}

static const char *held_amt(const struct trace_result *r, const char *a)
{
	for (size_t i = 0; r && i < r->n_held; i++)
		if (!strcmp(r->held[i].address, a))
			return str(r->held[i].amount);
	return "0";
}

static const char *unres_by(const struct trace_result *r, enum trace_reason why)
{
	return r ? str(r->assets[0].unresolved_by[why]) : "?";
}

static void check_identity(const struct trace_result *r)
{
	for (size_t i = 0; r && i < r->n_assets; i++) {
		const struct trace_asset *a = &r->assets[i];
		trc_amount s = AMOUNT_ZERO;
		CHECK(!amount_add(&s, s, a->exits_total));
		CHECK(!amount_add(&s, s, a->held));
		CHECK(!amount_add(&s, s, a->fees));
		CHECK(!amount_add(&s, s, a->unresolved));
		CHECK(!amount_add(&s, s, a->destroyed));
		CHECK(!amount_add(&s, s, a->converted));
		if (r->policy == TRACE_POISON) {
			CHECK(!a->balanced && !a->conserving);
			continue;
		}
		CHECK_STR(str(s), str(a->seed_total));
		CHECK(a->balanced);
	}
}

/* Issue 6: inputs [300 tainted, 700 clean], outputs [500, 500]. */
static void t_worked_example(void)
{
	static const struct {
		enum trace_policy p;
		const char *e1, *e2;
	} want[] = {
		{ TRACE_POISON, "500", "500" }, { TRACE_HAIRCUT, "150", "150" },
		{ TRACE_FIFO, "300", "0" },	{ TRACE_LIFO, "0", "300" },
		{ TRACE_TIHO, "300", "0" },
	};
	struct store *s = fx("worked", "tx a 1 | coinbase | H=300\n"
				       "tx b 2 | coinbase | C=700\n"
				       "tx x 3 | a:0 b:0 | E1=500 E2=500\n"
				       "tag E1 exchange Alpha\n"
				       "tag E2 exchange Beta\n");

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct trace_result *r = run(s, want[i].p, "H", NULL);
		CHECK_STR(exit_amt(r, "E1"), want[i].e1);
		CHECK_STR(exit_amt(r, "E2"), want[i].e2);
		CHECK_STR(str(r->assets[0].seed_total), "300");
		check_identity(r);
		trace_result_free(r);
	}
	store_close(s);
}

/* tiho: outputs [200, 800] -> [0, 300]. */
static void t_worked_tiho(void)
{
	struct store *s = fx("tiho", "tx a 1 | coinbase | H=300\n"
				     "tx b 2 | coinbase | C=700\n"
				     "tx y 3 | a:0 b:0 | T1=200 T2=800\n");
	struct trace_result *r = run(s, TRACE_TIHO, "H", NULL);

	CHECK_STR(held_amt(r, "T1"), "0");
	CHECK_STR(held_amt(r, "T2"), "300");
	CHECK_INT(r->n_outputs, 2); /* the seed coin and T2 */
	check_identity(r);
	trace_result_free(r);
	/* the other policies on [200, 800], as docs/taint.md tabulates */
	static const struct {
		enum trace_policy p;
		const char *t1, *t2;
	} want[] = {
		{ TRACE_POISON, "200", "800" },
		{ TRACE_HAIRCUT, "60", "240" },
		{ TRACE_FIFO, "200", "100" },
		{ TRACE_LIFO, "0", "300" },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		r = run(s, want[i].p, "H", NULL);
		CHECK_STR(held_amt(r, "T1"), want[i].t1);
		CHECK_STR(held_amt(r, "T2"), want[i].t2);
		trace_result_free(r);
	}
	store_close(s);
}

/* Inputs [950 tainted, 50 clean], outputs [400, 500], fee 100. */
static void t_fee_per_policy(void)
{
	static const struct {
		enum trace_policy p;
		const char *o1, *o2, *fee;
	} want[] = {
		{ TRACE_POISON, "400", "500", "100" },
		{ TRACE_HAIRCUT, "380", "475", "95" },
		{ TRACE_FIFO, "400", "500", "50" },
		{ TRACE_LIFO, "350", "500", "100" },
		{ TRACE_TIHO, "400", "500", "50" },
	};
	struct store *s = fx("fee", "tx a 1 | coinbase | H=950\n"
				    "tx b 2 | coinbase | C=50\n"
				    "tx x 3 | a:0 b:0 | O1=400 O2=500\n");

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct trace_result *r = run(s, want[i].p, "H", NULL);
		CHECK_STR(held_amt(r, "O1"), want[i].o1);
		CHECK_STR(held_amt(r, "O2"), want[i].o2);
		CHECK_STR(str(r->assets[0].fees), want[i].fee);
		check_identity(r);
		trace_result_free(r);
	}
	store_close(s);
}

/* Haircut's largest remainder: 1 tainted of 3 over outputs [1, 1, 1]
 * gives one unit to the first (ties to the lower index). */
static void t_haircut_remainder(void)
{
	struct store *s = fx("rem", "tx a 1 | coinbase | H=1\n"
				    "tx b 2 | coinbase | C=2\n"
				    "tx x 3 | a:0 b:0 | O1=1 O2=1 O3=1\n");
	struct trace_result *r = run(s, TRACE_HAIRCUT, "H", NULL);

	CHECK_STR(held_amt(r, "O1"), "1");
	CHECK_STR(held_amt(r, "O2"), "0");
	CHECK_STR(held_amt(r, "O3"), "0");
	check_identity(r);
	trace_result_free(r);
	store_close(s);
}

static void hops2(struct trace_opts *o)
{
	o->hops = 2;
}

/* H -> A1 (hop 1) -> A2 (hop 2 = limit) -> A3: unresolved; without the
 * last spend the coin at A2 is held. */
static void t_hop_limit(void)
{
	struct store *s = fx("hops", "tx a 1 | coinbase | H=1000\n"
				     "tx h1 2 | a:0 | A1=990\n"
				     "tx h2 3 | h1:0 | A2=980\n"
				     "tx h3 4 | h2:0 | A3=970\n");
	struct store *s2 = fx("hops2", "tx a 1 | coinbase | H=1000\n"
				       "tx h1 2 | a:0 | A1=990\n"
				       "tx h2 3 | h1:0 | A2=980\n");

	for (int p = TRACE_HAIRCUT; p <= TRACE_TIHO; p++) {
		struct trace_result *r = run(s, p, "H", hops2);
		CHECK_STR(unres_by(r, TRACE_UNRES_HOPS), "980");
		CHECK_STR(str(r->assets[0].fees), "20");
		CHECK_STR(held_amt(r, "A3"), "0");
		CHECK_INT(r->n_unresolved, 1);
		CHECK_STR(r->unresolved[0].address, "A2");
		check_identity(r);
		trace_result_free(r);
		r = run(s2, p, "H", hops2);
		CHECK_STR(held_amt(r, "A2"), "980");
		CHECK_STR(unres_by(r, TRACE_UNRES_HOPS), "0");
		check_identity(r);
		trace_result_free(r);
	}
	store_close(s);
	store_close(s2);
}

/* Tainted and clean coins merged, then split: haircut dilutes twice. */
static void t_merge(void)
{
	struct store *s = fx("merge", "tx a 1 | coinbase | H=400\n"
				      "tx b 2 | coinbase | C=600\n"
				      "tx c 3 | coinbase | D=1000\n"
				      "tx m 4 | a:0 b:0 | M=1000\n"
				      "tx n 5 | m:0 c:0 | X=500 Y=1500\n");
	struct trace_result *r = run(s, TRACE_HAIRCUT, "H", NULL);

	/* 400 of 2000 in: X 100, Y 300. */
	CHECK_STR(held_amt(r, "X"), "100");
	CHECK_STR(held_amt(r, "Y"), "300");
	check_identity(r);
	trace_result_free(r);
	r = run(s, TRACE_FIFO, "H", NULL);
	/* line: [0,400) tainted of M's 1000, then D's 1000 clean. */
	CHECK_STR(held_amt(r, "X"), "400");
	CHECK_STR(held_amt(r, "Y"), "0");
	trace_result_free(r);
	r = run(s, TRACE_LIFO, "H", NULL);
	/* lifo: M's taint is its last 400 ([600,1000)); in n, D's coin
	 * comes first [0,1000), then M's [1000,2000): taint [1600,2000)
	 * lies in Y's [500,2000). */
	CHECK_STR(held_amt(r, "Y"), "400");
	trace_result_free(r);
	store_close(s);
}

/* A peel chain: each hop sends 100 to the exchange and the rest on,
 * paying a fee of 10. */
static void t_peel_chain(void)
{
	struct store *s = fx("peel", "tx a 1 | coinbase | H=1000\n"
				     "tx p1 2 | a:0 | E=100 P1=890\n"
				     "tx p2 3 | p1:1 | E=100 P2=780\n"
				     "tx p3 4 | p2:1 | E=100 P3=670\n"
				     "tx p4 5 | p3:1 | E=100 P4=560\n"
				     "tag E exchange Gamma\n");

	for (int p = TRACE_POISON; p <= TRACE_TIHO; p++) {
		struct trace_result *r = run(s, p, "H", NULL);
		CHECK_STR(exit_amt(r, "E"), "400");
		CHECK_STR(held_amt(r, "P4"), "560");
		CHECK_STR(str(r->assets[0].fees), "40");
		CHECK_INT(r->n_exits, 1);
		CHECK_INT(r->exits[0].n_txids, 4);
		CHECK_INT(r->exits[0].hops, 1);
		CHECK(r->n_paths == 1 && r->paths[0].n_steps == 2);
		check_identity(r);
		trace_result_free(r);
	}
	store_close(s);
}

/* One exit reached by two paths of different length. */
static void t_exit_two_paths(void)
{
	struct store *s = fx("twopaths", "tx a 1 | coinbase | H=1000\n"
					 "tx s 2 | a:0 | A=600 B=400\n"
					 "tx ea 3 | s:0 | E=600\n"
					 "tx b1 4 | s:1 | B2=400\n"
					 "tx eb 5 | b1:0 | E=400\n"
					 "tag E exchange Delta\n");
	struct trace_result *r = run(s, TRACE_HAIRCUT, "H", NULL);

	CHECK_STR(exit_amt(r, "E"), "1000");
	CHECK_INT(r->n_exits, 1);
	CHECK_INT(r->exits[0].hops, 2);
	CHECK_INT(r->exits[0].n_txids, 2);
	CHECK_INT(r->exits[0].first_time, 3);
	CHECK_INT(r->exits[0].last_time, 5);
	CHECK_STR(r->exits[0].entity, "Delta");
	/* the largest receipt (600) is the path shown: a, s, ea */
	CHECK(r->n_paths == 1 && r->paths[0].n_steps == 3);
	if (r->n_paths && r->paths[0].n_steps == 3) {
		char h[65];
		gfx_txid_hex("ea", h);
		CHECK_STR(r->paths[0].steps[2].txid, h);
		CHECK_STR(str(r->paths[0].steps[2].amount), "600");
		CHECK_STR(r->paths[0].steps[0].to, "H");
	}
	check_identity(r);
	trace_result_free(r);
	store_close(s);
}

/* Change back to the seed address does not count twice; a receipt
 * before --since is clean. */
static void since5(struct trace_opts *o)
{
	o->since = 5;
}

static void t_seed_change(void)
{
	struct store *s = fx("change", "tx old 1 | coinbase | H=50\n"
				       "tx a 6 | coinbase | H=1000\n"
				       "tx s1 7 | a:0 | E=400 H=590\n"
				       "tx s2 8 | s1:1 | E=590\n"
				       "tag E exchange Eps\n");
	struct trace_result *r = run(s, TRACE_HAIRCUT, "H", since5);

	CHECK_STR(str(r->assets[0].seed_total), "1000");
	CHECK_STR(exit_amt(r, "E"), "990");
	check_identity(r);
	trace_result_free(r);
	r = run(s, TRACE_HAIRCUT, "H", NULL); /* from the first receipt */
	CHECK_STR(str(r->assets[0].seed_total), "1050");
	CHECK_STR(held_amt(r, "H"), "50");
	check_identity(r);
	trace_result_free(r);
	store_close(s);
}

/* A seed outpoint; coinbase and missing inputs are clean. */
static void t_seed_outpoint(void)
{
	struct store *s = fx("outpt", "tx a 1 | coinbase | H=300 K=700\n"
				      "tx x 2 | a:0 a:1 nowhere:3 | Z=2000\n");
	struct trace_result *r = run(s, TRACE_HAIRCUT, "a:1", NULL);

	CHECK_STR(str(r->assets[0].seed_total), "700");
	CHECK_STR(held_amt(r, "Z"), "700");
	CHECK_INT(r->counters.inputs_missing, 1);
	check_identity(r);
	trace_result_free(r);
	store_close(s);
}

/* A seed output with an amount (the converted share of a cross-chain
 * link): inputs [1000 of which 400 seeded, 1000 clean], outputs [600,
 * 1300], fee 100. Every policy keeps the identity exactly. */
static void t_seed_amount(void)
{
	static const struct {
		enum trace_policy p;
		const char *e1, *e2, *fees;
	} want[] = {
		{ TRACE_POISON, "600", "1300", "100" },
		{ TRACE_HAIRCUT, "120", "260", "20" },
		{ TRACE_FIFO, "400", "0", "0" },
		{ TRACE_LIFO, "0", "400", "0" },
		{ TRACE_TIHO, "0", "400", "0" },
	};
	struct store *s = fx("seedamt", "tx a 1 | coinbase | H=1000\n"
					"tx b 2 | coinbase | C=1000\n"
					"tx x 3 | a:0 b:0 | E1=600 E2=1300\n"
					"tag E1 exchange Alpha\n"
					"tag E2 exchange Beta\n");

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct trace_result *r = run(s, want[i].p, "a:0=400", NULL);
		CHECK_STR(str(r->assets[0].seed_total), "400");
		CHECK_STR(exit_amt(r, "E1"), want[i].e1);
		CHECK_STR(exit_amt(r, "E2"), want[i].e2);
		CHECK_STR(str(r->assets[0].fees), want[i].fees);
		check_identity(r);
		trace_result_free(r);
		/* listed twice: the amounts add up; the whole value wins */
		r = run(s, want[i].p, "a:0=150 a:0=250", NULL);
		CHECK_STR(str(r->assets[0].seed_total), "400");
		CHECK_STR(exit_amt(r, "E1"), want[i].e1);
		check_identity(r);
		trace_result_free(r);
		r = run(s, want[i].p, "a:0=150 a:0", NULL);
		CHECK_STR(str(r->assets[0].seed_total), "1000");
		check_identity(r);
		trace_result_free(r);
	}
	store_close(s);
}

/* An amount above the output's value is refused by name. */
static void t_seed_amount_over(void)
{
	struct store *s = fx("seedover", "tx a 1 | coinbase | H=1000\n");
	struct trace_opts o;
	struct trace_outpoint op = { { 0 }, 0, { { 0 } } };
	struct trace_result *r = NULL;
	struct trc_error e = TRC_ERROR_INIT;
	char want[256], hex[65];

	trace_opts_init(&o);
	o.chain = CHAIN_BTC;
	gfx_txid("a", op.txid);
	op.amount = amount_from_u64(1001);
	o.seed_outs = &op;
	o.n_seed_outs = 1;
	CHECK_INT(trace_run(s, &o, &r, &e), TRC_ERR_INVALID);
	CHECK(r == NULL);
	gfx_txid_hex("a", hex);
	snprintf(want, sizeof(want),
		 "seed '%s:0': amount 1001 is above the output's value 1000",
		 hex);
	CHECK_STR(e.msg, want);
	op.amount = amount_from_u64(1000); /* the whole value: fine */
	CHECK_OK(trace_run(s, &o, &r, &e), &e);
	CHECK_STR(str(r->assets[0].seed_total), "1000");
	trace_result_free(r);
	store_close(s);
}

/* Taint reaching a convert_outs output is `converted`: neither an exit
 * nor followed (y spends it and pays an exchange: nothing arrives). */
static void t_convert_out(void)
{
	static const enum trace_policy ps[] = { TRACE_HAIRCUT, TRACE_FIFO,
						TRACE_LIFO, TRACE_TIHO };
	struct store *s = fx("convout", "tx a 1 | coinbase | H=300\n"
					"tx b 2 | coinbase | C=700\n"
					"tx x 3 | a:0 b:0 | K=500 E2=500\n"
					"tx y 4 | x:0 | E3=500\n"
					"tag K bridge Bridge\n"
					"tag E2 exchange Beta\n"
					"tag E3 exchange Gamma\n");

	for (size_t i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
		struct trace_result *r = run(s, ps[i], "H ~x:0", NULL);
		trc_amount sum = AMOUNT_ZERO;
		CHECK_STR(exit_amt(r, "K"), "0");
		CHECK_STR(exit_amt(r, "E3"), "0");
		for (size_t k = 0; r && k < r->n_converted; k++) {
			CHECK_STR(r->converted[k].address, "K");
			CHECK_INT(r->converted[k].n, 0);
			CHECK(!amount_add(&sum, sum, r->converted[k].amount));
		}
		CHECK_STR(str(sum), str(r->assets[0].converted));
		CHECK_STR(str(r->assets[0].converted),
			  ps[i] == TRACE_HAIRCUT ? "150"
			  : ps[i] == TRACE_LIFO	 ? "0"
						 : "300");
		check_identity(r);
		trace_result_free(r);
	}
	store_close(s);
}

static void eth(struct trace_opts *o);

/* A leg seeded with an amount on an account chain: 40 of H's 100. */
static void t_seed_amount_pools(void)
{
	static const enum trace_policy ps[] = { TRACE_POISON, TRACE_HAIRCUT,
						TRACE_FIFO, TRACE_LIFO,
						TRACE_TIHO };
	struct store *s = fx("evmamt", "chain eth\n"
				       "ev a 2 | native S H 100\n"
				       "ev b 3 | native H X 60 | fee H - 1\n"
				       "tag X exchange Zeta\n");

	for (size_t i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
		struct trace_result *r = run(s, ps[i], "a:0=40", eth);
		CHECK_STR(str(r->assets[0].seed_total), "40");
		if (ps[i] == TRACE_FIFO)
			CHECK_STR(exit_amt(r, "X"), "40");
		if (ps[i] == TRACE_LIFO)
			CHECK_STR(exit_amt(r, "X"), "0");
		check_identity(r);
		trace_result_free(r);
	}
	store_close(s);
	/* the seed leg lands at an exchange: what it keeps is held there */
	s = fx("evmamtx", "chain eth\n"
			  "ev a 2 | native S X 100\n"
			  "ev b 3 | native X Y 60 | fee X - 1\n"
			  "tag X exchange Zeta\n");
	for (size_t i = 1; i < sizeof(ps) / sizeof(ps[0]); i++) {
		struct trace_result *r = run(s, ps[i], "a:0=40", eth);
		CHECK_STR(str(r->assets[0].seed_total), "40");
		if (ps[i] != TRACE_FIFO) /* fifo pays the 40 on to Y */
			CHECK(strcmp(held_amt(r, "X"), "0") != 0);
		check_identity(r);
		trace_result_free(r);
	}
	store_close(s);
}

/* The error buffer may be NULL: the codes come back all the same. */
static void t_null_err(void)
{
	struct store *s = fx("nullerr", "tx a 1 | coinbase | H=300\n");
	struct trace_opts o;
	struct trace_outpoint op = { { 0 }, 0, { { 0 } } };
	struct trace_result *r = NULL;
	const char *seed = "H";

	trace_opts_init(&o);
	o.chain = CHAIN_BTC;
	CHECK_INT(trace_run(s, &o, &r, NULL), TRC_ERR_INVALID); /* no seed */
	gfx_txid("nowhere", op.txid);
	o.seed_outs = &op;
	o.n_seed_outs = 1;
	CHECK_INT(trace_run(s, &o, &r, NULL), TRC_ERR_NOTFOUND);
	gfx_txid("a", op.txid);
	op.n = 5;
	CHECK_INT(trace_run(s, &o, &r, NULL), TRC_ERR_INVALID); /* past */
	CHECK(!r);
	o.n_seed_outs = 0;
	o.seed_addrs = &seed;
	o.n_seed_addrs = 1;
	CHECK_INT(trace_run(s, &o, &r, NULL), TRC_OK);
	CHECK(r && r->n_held == 1);
	trace_result_free(r);
	store_close(s);
}

static void until3(struct trace_opts *o)
{
	o->until = 3;
}

static void min100(struct trace_opts *o)
{
	o->min = amount_from_u64(100);
}

static void hub2(struct trace_opts *o)
{
	o->hub_txs = 2;
}

static void t_limits(void)
{
	struct store *s = fx("limits", "tx a 1 | coinbase | H=1000\n"
				       "tx b 2 | a:0 | X=950 Y=50\n"
				       "tx c 4 | b:0 | Z=950\n"
				       "tx d 5 | b:1 | W=50\n"
				       "tx h1 6 | coinbase | X=1\n"
				       "tx h2 7 | coinbase | X=1\n");
	struct trace_result *r = run(s, TRACE_HAIRCUT, "H", until3);

	CHECK_STR(unres_by(r, TRACE_UNRES_UNTIL), "1000");
	check_identity(r);
	trace_result_free(r);
	r = run(s, TRACE_HAIRCUT, "H", min100);
	CHECK_STR(unres_by(r, TRACE_UNRES_MIN), "50");
	CHECK_STR(held_amt(r, "Z"), "950");
	check_identity(r);
	trace_result_free(r);
	r = run(s, TRACE_HAIRCUT, "H", hub2); /* X has 4 txs */
	CHECK_STR(unres_by(r, TRACE_UNRES_HUB), "950");
	CHECK_STR(held_amt(r, "W"), "50");
	check_identity(r);
	trace_result_free(r);
	store_close(s);
}

static void t_unspendable(void)
{
	struct store *s = fx("opret", "tx a 1 | coinbase | H=100\n"
				      "tx b 2 | a:0 | -=30 X=70\n");
	struct trace_result *r = run(s, TRACE_FIFO, "H", NULL);

	CHECK_STR(unres_by(r, TRACE_UNRES_UNSPENDABLE), "30");
	CHECK_STR(held_amt(r, "X"), "70");
	check_identity(r);
	trace_result_free(r);
	store_close(s);
}

/* A peg-in output (Litecoin MWEB): unresolved, "pegged", under every
 * policy; the change goes on */
static void t_pegged(void)
{
	static const enum trace_policy pol[] = { TRACE_POISON, TRACE_HAIRCUT,
						 TRACE_FIFO, TRACE_LIFO,
						 TRACE_TIHO };
	struct store *s = fx("peg", "tx a 1 | coinbase | H=100\n"
				    "tx b 2 | a:0 | ^M=30 X=70\n");

	for (size_t i = 0; i < sizeof(pol) / sizeof(pol[0]); i++) {
		struct trace_result *r = run(s, pol[i], "H", NULL);

		CHECK_STR(unres_by(r, TRACE_UNRES_PEGGED), "30");
		CHECK_STR(held_amt(r, "X"), "70");
		CHECK_STR(held_amt(r, "M"), "0");
		if (pol[i] != TRACE_POISON)
			check_identity(r);
		trace_result_free(r);
	}
	CHECK_STR(trace_reason_name(TRACE_UNRES_PEGGED), "pegged");
	store_close(s);
}

static void eth(struct trace_opts *o)
{
	o->chain = CHAIN_ETH;
	o->native_asset = "ETH";
	o->native_decimals = 18;
	o->since = 2;
}

/* Pools: H has 50 clean, then receives 100 stolen (since 2); sends 60
 * to exchange X paying gas 1; a failed tx pays gas 2 and moves nothing;
 * a token leg is its own pool. */
static void t_evm_pools(void)
{
	static const struct {
		enum trace_policy p;
		const char *x, *h, *fees;
	} want[] = {
		{ TRACE_POISON, "60", "87", "3" },
		{ TRACE_HAIRCUT, "40", "59", "1" },
		{ TRACE_FIFO, "10", "87", "3" },
		{ TRACE_LIFO, "60", "37", "3" },
	};
	struct store *s =
		fx("evm", "chain eth\n"
			  "ev c0 1 | native C H 50\n"
			  "ev a 2 | native S H 100 | token S H 7 0xT\n"
			  "ev b 3 | native H X 60 | fee H - 1\n"
			  "ev f 4 failed | native H X 10 | fee H - 2\n"
			  "ev t 5 | token H X 5 0xT | fee H - 0\n"
			  "tag X exchange Zeta\n");

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct trace_result *r = run(s, want[i].p, "H", eth);
		CHECK_INT(r->n_assets, 2);
		CHECK_STR(r->assets[0].asset, "ETH");
		CHECK_STR(r->assets[1].asset, "0xT");
		CHECK_STR(str(r->assets[0].seed_total), "100");
		CHECK_STR(str(r->assets[1].seed_total), "7");
		CHECK_STR(str(r->assets[0].exits_total), want[i].x);
		CHECK_STR(str(r->assets[0].held), want[i].h);
		CHECK_STR(str(r->assets[0].fees), want[i].fees);
		CHECK_STR(str(r->assets[1].exits_total), "5");
		CHECK_STR(str(r->assets[1].held), "2");
		check_identity(r);
		trace_result_free(r);
	}
	store_close(s);
}

/* docs/taint.md, accounts, worked example 1: a lifo chunk keeps its queue
 * (arrival) order from pool to pool. A holds [1 000 000 tainted, 20 000
 * clean] and pays it all to B; B's next lifo payment takes the newest
 * units, the clean ones. */
static void t_lifo_chunk_order(void)
{
	static const struct {
		enum trace_policy p;
		const char *x, *b;
	} want[] = {
		{ TRACE_LIFO, "0", "1000000" },
		{ TRACE_FIFO, "20000", "980000" },
		{ TRACE_HAIRCUT, "19607", "980393" },
	};
	struct store *s = fx("lifo-chunk", "chain eth\n"
					   "ev a 2 | native - S 1000000\n"
					   "ev b 3 | native S A 1000000\n"
					   "ev c 4 | native C A 20000\n"
					   "ev d 5 | native A B 1020000\n"
					   "ev e 6 | native B X 20000\n"
					   "tag X exchange Zeta\n");

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct trace_result *r = run(s, want[i].p, "S", eth);
		CHECK_STR(str(r->assets[0].seed_total), "1000000");
		CHECK_STR(exit_amt(r, "X"), want[i].x);
		CHECK_STR(held_amt(r, "B"), want[i].b);
		CHECK_STR(held_amt(r, "A"), "0");
		check_identity(r);
		trace_result_free(r);
	}
	store_close(s);
}

static void hops1(struct trace_opts *o)
{
	o->chain = CHAIN_ETH;
	o->native_asset = "ETH";
	o->hops = 1;
}

/* docs/taint.md, accounts, worked example 2: a tainted fee paid from a
 * pool at the hop limit is unresolved (hops), as the value leaving the
 * same pool is; below the limit it is a fee. */
static void t_fee_at_limit(void)
{
	struct store *s =
		fx("fee-limit", "chain eth\n"
				"ev a 1 | native - S 1000\n"
				"ev b 2 | fee S - 10 | native S A 600\n"
				"ev c 3 | fee A - 20 | native A B 500\n");

	for (int p = TRACE_POISON; p <= TRACE_LIFO; p++) {
		struct trace_result *r = run(s, p, "S", hops1);
		CHECK_STR(str(r->assets[0].seed_total), "1000");
		CHECK_STR(str(r->assets[0].fees), "10");
		CHECK_STR(unres_by(r, TRACE_UNRES_HOPS), "520");
		CHECK_STR(str(r->assets[0].unresolved), "520");
		CHECK_STR(held_amt(r, "S"), "390");
		CHECK_STR(held_amt(r, "A"), "80");
		CHECK_STR(held_amt(r, "B"), "0");
		check_identity(r);
		trace_result_free(r);
	}
	store_close(s);
}

TEST_MAIN({ "worked example", t_worked_example },
	  { "worked example tiho", t_worked_tiho },
	  { "fee per policy", t_fee_per_policy },
	  { "haircut remainder", t_haircut_remainder },
	  { "hop limit", t_hop_limit }, { "merge", t_merge },
	  { "peel chain", t_peel_chain },
	  { "exit by two paths", t_exit_two_paths },
	  { "seed change and since", t_seed_change },
	  { "seed outpoint", t_seed_outpoint }, { "limits", t_limits },
	  { "unspendable", t_unspendable }, { "pegged", t_pegged },
	  { "evm pools", t_evm_pools }, { "null error buffer", t_null_err },
	  { "seed with an amount", t_seed_amount },
	  { "seed amount above the value", t_seed_amount_over },
	  { "converted out", t_convert_out },
	  { "seed with an amount (accounts)", t_seed_amount_pools },
	  { "lifo chunk order (accounts)", t_lifo_chunk_order },
	  { "fee at the hop limit (accounts)", t_fee_at_limit })
