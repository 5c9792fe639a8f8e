/*
 * Clustering: common-input ownership with CoinJoins left out, the chain
 * of linking txids, inferred tags in a trace, and deposit inference on
 * account chains. Also the per-transaction policy arithmetic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/cluster.h"
#include "graph/policy.h"
#include "graph/trace.h"
#include "store/chaindb.h"
#include "store/clusterdb.h"
#include "store/dbcheck.h"
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

static struct cluster_set *build(struct store *s, uint8_t chain)
{
	struct cluster_opts o;
	struct cluster_set *c = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	cluster_opts_init(&o);
	CHECK_OK(cluster_open(s, chain, &o, &c, &e), &e);
	return c;
}

static uint32_t cid(const struct cluster_set *c, const char *a)
{
	uint32_t id = UINT32_MAX;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(cluster_id(c, a, &id, &e), &e);
	return id;
}

/* A and B co-spend in j1, B and F in j2; C, D, E join a CoinJoin (three
 * equal outputs of 1000 for three inputs) and stay apart. */
static const char CLUSTER[] =
	"tx a 1 | coinbase | A=5000\n"
	"tx b 2 | coinbase | B=5000\n"
	"tx f 3 | coinbase | F=5000\n"
	"tx c 4 | coinbase | C=2000 D=2000 E=2000\n"
	"tx j1 5 | a:0 b:0 | B=9000\n"
	"tx j2 6 | j1:0 f:0 | K=14000\n"
	"tx cj 7 | c:0 c:1 c:2 | P=1000 Q=1000 R=1000 C=900 D=800\n"
	"tag F exchange Omega\n";

static void t_clusters(void)
{
	struct store *s = fx("cl", CLUSTER);
	struct cluster_set *c = build(s, CHAIN_BTC);
	struct trc_error e = TRC_ERROR_INIT;
	const char **m = NULL;
	size_t n = 0;
	uint64_t total = 0;
	struct cluster_link *path = NULL;
	uint8_t j1[32], j2[32];

	if (!c)
		return;
	CHECK_INT(cluster_coinjoins(c), 1);
	CHECK(cid(c, "A") != 0);
	CHECK_INT(cid(c, "A"), cid(c, "F"));
	CHECK_INT(cid(c, "C"), 0);
	CHECK_INT(cid(c, "D"), 0);
	CHECK_INT(cid(c, "nowhere"), 0);
	CHECK_OK(cluster_members(c, "F", 0, &m, &n, &total, &e), &e);
	CHECK_INT(n, 3);
	CHECK_INT(total, 3);
	if (n == 3) {
		CHECK_STR(m[0], "A");
		CHECK_STR(m[1], "B");
		CHECK_STR(m[2], "F");
	}
	free(m);
	CHECK_OK(cluster_members(c, "C", 0, &m, &n, &total, &e), &e);
	CHECK_INT(n, 1);
	CHECK_INT(total, 1);
	free(m);
	/* the first two only, in the order first stored */
	CHECK_OK(cluster_members(c, "B", 2, &m, &n, &total, &e), &e);
	CHECK_INT(n, 2);
	CHECK_INT(total, 3);
	if (n == 2) {
		CHECK_STR(m[0], "A");
		CHECK_STR(m[1], "B");
	}
	free(m);
	/* A -(j1)- B -(j2)- F */
	CHECK_OK(cluster_path(c, "A", "F", &path, &n, &e), &e);
	gfx_txid("j1", j1);
	gfx_txid("j2", j2);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(path[0].address, "A");
		CHECK_STR(path[1].address, "B");
		CHECK(!memcmp(path[1].txid, j1, 32));
		CHECK_STR(path[2].address, "F");
		CHECK(!memcmp(path[2].txid, j2, 32));
	}
	free(path);
	CHECK(cluster_path(c, "A", "C", &path, &n, &e) == TRC_ERR_NOTFOUND);
	cluster_free(c);
	store_close(s);
}

static void t_coinjoin_shape(void)
{
	struct rec_tx tx = REC_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t z[32] = { 0 };

	CHECK_OK(rec_tx_add_input(&tx, z, 0, REC_IN_RESOLVED, "X",
				  amount_from_u64(5000), &e),
		 &e);
	CHECK_OK(rec_tx_add_input(&tx, z, 1, REC_IN_RESOLVED, "Y",
				  amount_from_u64(5000), &e),
		 &e);
	for (int i = 0; i < 2; i++)
		CHECK_OK(rec_tx_add_output(&tx, OUT_P2WPKH, "O",
					   amount_from_u64(4000), &e),
			 &e);
	CHECK(!clusterdb_is_coinjoin(&tx)); /* 2 outputs */
	CHECK_OK(
		rec_tx_add_output(&tx, OUT_P2WPKH, "O", amount_from_u64(1), &e),
		&e);
	CHECK(clusterdb_is_coinjoin(&tx)); /* p = 2 of 3, 2 inputs */
	rec_tx_release(&tx);
	/* the same inputs from one address: p > distinct addresses */
	CHECK_OK(rec_tx_add_input(&tx, z, 0, REC_IN_RESOLVED, "X",
				  amount_from_u64(5000), &e),
		 &e);
	CHECK_OK(rec_tx_add_input(&tx, z, 1, REC_IN_RESOLVED, "X",
				  amount_from_u64(5000), &e),
		 &e);
	for (int i = 0; i < 3; i++)
		CHECK_OK(rec_tx_add_output(&tx, OUT_P2WPKH, "O",
					   amount_from_u64(3000), &e),
			 &e);
	CHECK(!clusterdb_is_coinjoin(&tx));
	rec_tx_release(&tx);
	/* dust-valued equal outputs are no CoinJoin */
	CHECK_OK(rec_tx_add_input(&tx, z, 0, REC_IN_RESOLVED, "X",
				  amount_from_u64(5000), &e),
		 &e);
	CHECK_OK(rec_tx_add_input(&tx, z, 1, REC_IN_RESOLVED, "Y",
				  amount_from_u64(5000), &e),
		 &e);
	for (int i = 0; i < 3; i++)
		CHECK_OK(rec_tx_add_output(&tx, OUT_P2WPKH, "O",
					   amount_from_u64(545), &e),
			 &e);
	CHECK(!clusterdb_is_coinjoin(&tx));
	rec_tx_release(&tx);
}

/* An untagged member of Omega's cluster is an inferred exit in a
 * trace, with the linking txids as evidence. */
static void t_inferred_exit(void)
{
	struct store *s = fx("clx", "tx a 1 | coinbase | A=5000\n"
				    "tx b 2 | coinbase | B=5000\n"
				    "tx f 3 | coinbase | F=5000\n"
				    "tx j1 5 | a:0 b:0 | B=9000\n"
				    "tx j2 6 | j1:0 f:0 | K=14000\n"
				    "tx h 7 | coinbase | H=700\n"
				    "tx x 8 | h:0 | A=700\n"
				    "tag F exchange Omega\n");
	static const char *seed = "H";
	struct trace_opts o;
	struct trace_result *r = NULL;
	struct trc_error e = TRC_ERROR_INIT;
	char h1[65], h2[65], ev[140];

	trace_opts_init(&o);
	o.chain = CHAIN_BTC;
	o.native_asset = "BTC";
	o.seed_addrs = &seed;
	o.n_seed_addrs = 1;
	CHECK_OK(trace_run(s, &o, &r, &e), &e);
	CHECK(r && r->n_exits == 1);
	if (r && r->n_exits == 1) {
		CHECK_STR(r->exits[0].address, "A");
		CHECK_STR(r->exits[0].entity, "Omega");
		CHECK(r->exits[0].inferred);
		gfx_txid_hex("j1", h1);
		gfx_txid_hex("j2", h2);
		snprintf(ev, sizeof(ev), "%s %s", h1, h2);
		CHECK_STR(r->exits[0].evidence, ev);
		CHECK(r->nodes[r->exits[0].node].cluster != 0);
	}
	trace_result_free(r);
	o.cluster = false; /* --no-cluster: A is held */
	CHECK_OK(trace_run(s, &o, &r, &e), &e);
	CHECK(r && r->n_exits == 0 && r->n_held == 1);
	trace_result_free(r);
	store_close(s);
}

/* D receives 100 and forwards 95 within an hour to exchange X: deposit.
 * G forwards only half: not. */
static void t_deposit(void)
{
	struct store *s = fx("dep", "chain eth\n"
				    "ev a 10 | native U D 100\n"
				    "ev b 3600 | native D X 95 | fee D - 1\n"
				    "ev c 20 | native U G 100\n"
				    "ev d 30 | native G X 50\n"
				    "ev e 200000 | native U L 100\n"
				    "ev f 400000 | native L X 100\n"
				    "tag X exchange Kappa 80\n");
	struct cluster_set *c = build(s, CHAIN_ETH);
	struct tag t;
	bool found = false;
	struct trc_error e = TRC_ERROR_INIT;
	char hb[65];

	if (!c)
		return;
	CHECK_OK(cluster_infer(c, "D", NULL, &t, &found, &e), &e);
	CHECK(found);
	if (found) {
		gfx_txid_hex("b", hb);
		CHECK_INT(t.category, TAG_DEPOSIT);
		CHECK_STR(t.entity, "Kappa");
		CHECK(t.inferred);
		CHECK_STR(t.evidence, hb);
		tag_release(&t);
	}
	CHECK_OK(cluster_infer(c, "G", NULL, &t, &found, &e), &e);
	CHECK(!found);
	/* L forwards everything, but after more than 24 h */
	CHECK_OK(cluster_infer(c, "L", NULL, &t, &found, &e), &e);
	CHECK(!found);
	CHECK_OK(cluster_infer(c, "X", NULL, &t, &found, &e), &e);
	CHECK(!found); /* tagged itself */
	cluster_free(c);
	store_close(s);
}

/* ---- the kept clustering against a full-scan oracle ---- */

#define R_ADDRS 1000
#define R_TXS 3000

struct oracle {
	int parent[R_ADDRS];
	uint64_t coinjoins;
};

static int o_find(struct oracle *o, int x)
{
	while (o->parent[x] != x)
		x = o->parent[x] = o->parent[o->parent[x]];
	return x;
}

/* The rule of store/clusterdb.h, recomputed from a scan of every
 * transaction (kept in the tests only). */
static int o_tx(const struct rec_tx *tx, void *ctx)
{
	struct oracle *o = ctx;
	int first = -1;

	if (tx->n_legs || tx->n_in < 2)
		return 0;
	if (clusterdb_is_coinjoin(tx)) {
		o->coinjoins++;
		return 0;
	}
	for (uint32_t i = 0; i < tx->n_in; i++) {
		int a;

		if (!tx->in[i].address)
			continue;
		a = (int)strtol(tx->in[i].address + 1, NULL, 10);
		if (first < 0)
			first = a;
		else
			o->parent[o_find(o, a)] = o_find(o, first);
	}
	return 0;
}

static uint32_t rnd(uint64_t *st)
{
	*st = *st * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(*st >> 33);
}

/* A random chain: payments spend coins of random owners (one, or two
 * to four) to 1-3 random addresses, every tenth a CoinJoin shape. */
static char *random_chain(uint64_t seed)
{
	size_t cap = 1u << 20, len = 0;
	char *t = malloc(cap);
	struct coin {
		int tx, vout;
	} *utxo = malloc(4 * R_TXS * sizeof(*utxo));
	size_t n = 0;
	uint64_t st = seed;

	if (!t || !utxo) {
		free(t);
		free(utxo);
		return NULL;
	}
	for (int i = 0; i < R_TXS && len + 512 < cap; i++) {
		uint32_t k = i < 40 ? 0 : 1;
		/* one payment in eight joins 2-4 owners: many clusters */
		if (i >= 40 && rnd(&st) % 8 == 0)
			k = 2 + rnd(&st) % 3;
		bool cj = i >= 40 && i % 10 == 0 && n >= 3;
		int outs = cj ? 3 : 1 + (int)(rnd(&st) % 3);

		if (k > n)
			k = (uint32_t)n;
		if (cj)
			k = 3;
		len += (size_t)snprintf(t + len, cap - len, "tx t%d %d |", i,
					1000 + i);
		if (!k)
			len += (size_t)snprintf(t + len, cap - len,
						" coinbase");
		for (uint32_t j = 0; j < k; j++) {
			size_t at = rnd(&st) % n;

			len += (size_t)snprintf(t + len, cap - len, " t%d:%d",
						utxo[at].tx, utxo[at].vout);
			utxo[at] = utxo[--n];
		}
		len += (size_t)snprintf(t + len, cap - len, " |");
		for (int o = 0; o < outs; o++) {
			len += (size_t)snprintf(t + len, cap - len, " a%u=%u",
						rnd(&st) % R_ADDRS,
						cj ? 1000
						   : 600 + rnd(&st) % 900);
			utxo[n].tx = i;
			utxo[n++].vout = o;
		}
		len += (size_t)snprintf(t + len, cap - len, "\n");
	}
	free(utxo);
	return t;
}

static void check_against(struct store *s, struct oracle *o, const char *what)
{
	struct cluster_set *c = build(s, CHAIN_BTC);
	uint32_t id[R_ADDRS];
	size_t size[R_ADDRS] = { 0 }, bad = 0, multi = 0;
	char a[16];

	if (!c)
		return;
	CHECK_INT(cluster_coinjoins(c), o->coinjoins);
	for (int i = 0; i < R_ADDRS; i++) {
		snprintf(a, sizeof(a), "a%d", i);
		id[i] = cid(c, a);
		size[o_find(o, i)]++;
	}
	for (int i = 0; i < R_ADDRS; i++) {
		const char **m = NULL;
		size_t n = 0;
		uint64_t total = 0;
		struct trc_error e = TRC_ERROR_INIT;

		for (int j = 0; j < R_ADDRS; j++)
			if ((o_find(o, i) == o_find(o, j)) !=
			    (i == j || (id[i] && id[i] == id[j])))
				bad++;
		snprintf(a, sizeof(a), "a%d", i);
		CHECK_OK(cluster_members(c, a, 0, &m, &n, &total, &e), &e);
		if (n != size[o_find(o, i)] || total != n)
			bad++;
		free(m);
		multi += o_find(o, i) == i && size[i] > 1;
	}
	/* the chain is not one cluster, nor none */
	CHECK(multi > 10);
	if (bad)
		t_fail(__FILE__, __LINE__,
		       "%s: %zu disagreements with the "
		       "full-scan oracle",
		       what, bad);
	cluster_free(c);
}

/*
 * On random chains, the clustering kept during ingest (written in
 * batches) equals a full-scan oracle, and clusterdb_rebuild leaves the
 * very same database (digest).
 */
static void t_kept_vs_oracle(void)
{
	for (uint64_t seed = 1; seed <= 3; seed++) {
		char name[32], *text = random_chain(seed);
		struct store *s;
		struct oracle o;
		struct dbcheck_result d1, d2;
		struct clusterdb_rebuild_stats st;
		struct trc_error e = TRC_ERROR_INIT;

		CHECK(text != NULL);
		snprintf(name, sizeof(name), "rnd%llu",
			 (unsigned long long)seed);
		s = text ? fx(name, text) : NULL;
		free(text);
		if (!s)
			continue;
		memset(&o, 0, sizeof(o));
		for (int i = 0; i < R_ADDRS; i++)
			o.parent[i] = i;
		CHECK_OK(chaindb_each_tx(s, CHAIN_BTC, o_tx, &o, &e), &e);
		CHECK(o.coinjoins > 0);
		check_against(s, &o, "incremental");
		CHECK_OK(dbcheck_run(s, &d1, &e), &e);
		CHECK_OK(clusterdb_rebuild(s, CHAIN_BTC, NULL, NULL, &st, &e),
			 &e);
		CHECK_INT(st.txs, R_TXS);
		CHECK(st.deleted > 0);
		CHECK_OK(dbcheck_run(s, &d2, &e), &e);
		CHECK_INT(d1.bad, 0);
		CHECK_INT(d2.bad, 0);
		CHECK(!memcmp(d1.digest, d2.digest, sizeof(d1.digest)));
		check_against(s, &o, "rebuilt");
		store_close(s);
	}
}

static const char *s_(trc_amount a)
{
	static char b[4][AMOUNT_STR_MAX];
	static int i;

	return amount_format(b[i++ % 4], AMOUNT_STR_MAX, a, 0, false);
}

static void t_policy_math(void)
{
	struct policy_scratch sc = POLICY_SCRATCH_INIT;
	struct policy_segs out = POLICY_SEGS_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	trc_amount w[3] = { amount_from_u64(1), amount_from_u64(1),
			    amount_from_u64(1) };
	trc_amount o[3], f, left;
	uint32_t off[3], cnt[3];
	struct policy_seg line[2] = {
		{ amount_from_u64(0), amount_from_u64(300) },
		{ amount_from_u64(900), amount_from_u64(50) },
	};
	trc_amount parts[3] = { amount_from_u64(500), amount_from_u64(420),
				amount_from_u64(80) };

	/* 2 over three equal parts: the first two get one each. */
	CHECK_OK(policy_split(amount_from_u64(2), w, 3, o, &sc, &e), &e);
	CHECK_STR(s_(o[0]), "1");
	CHECK_STR(s_(o[1]), "1");
	CHECK_STR(s_(o[2]), "0");
	/* 10 over [3, 7]: exact 3 and 7 */
	w[0] = amount_from_u64(3);
	w[1] = amount_from_u64(7);
	CHECK_OK(policy_split(amount_from_u64(10), w, 2, o, &sc, &e), &e);
	CHECK_STR(s_(o[0]), "3");
	CHECK_STR(s_(o[1]), "7");
	/* line [0,300) + [900,950) over parts 500, 420, 80 */
	CHECK_OK(policy_cut(line, 2, parts, 3, o, &out, off, cnt, &e), &e);
	CHECK_STR(s_(o[0]), "300");
	CHECK_STR(s_(o[1]), "20");
	CHECK_STR(s_(o[2]), "30");
	CHECK_INT(cnt[2], 1);
	CHECK_STR(s_(out.v[off[2]].start), "0");
	CHECK_STR(s_(out.v[off[1]].start), "400");
	/* tiho: 1000 over outputs [200, 800], fee 50 */
	w[0] = amount_from_u64(200);
	w[1] = amount_from_u64(800);
	CHECK_OK(policy_tiho(amount_from_u64(1000), w, 2, amount_from_u64(50),
			     o, &f, &left, &sc, &e),
		 &e);
	CHECK_STR(s_(o[1]), "800");
	CHECK_STR(s_(o[0]), "200");
	CHECK_STR(s_(f), "0");
	CHECK_OK(policy_tiho(amount_from_u64(1040), w, 2, amount_from_u64(50),
			     o, &f, &left, &sc, &e),
		 &e);
	CHECK_STR(s_(f), "40");
	CHECK_STR(s_(left), "0");
	policy_scratch_release(&sc);
	policy_segs_release(&out);
}

TEST_MAIN({ "clusters and evidence", t_clusters },
	  { "coinjoin shape", t_coinjoin_shape },
	  { "inferred exit", t_inferred_exit },
	  { "deposit inference", t_deposit },
	  { "kept clustering = full-scan oracle = rebuild", t_kept_vs_oracle },
	  { "policy arithmetic", t_policy_math })
