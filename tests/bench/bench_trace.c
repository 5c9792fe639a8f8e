/*
 * bench_trace: a trace over a generated store of 100k Bitcoin
 * transactions (tests/tools/gen_store.c: peel chains and merges among
 * background traffic), per policy. Baseline: the bare chain-order scan
 * of the same store (chaindb_each_tx with an empty callback, warm). A
 * trace reads the store twice (clustering, then taint), so a ratio near
 * 0.5 means the taint engine itself costs little next to the reads.
 */
#define GEN_STORE_NO_MAIN
#include "tests/tools/gen_store.c"

#include <unistd.h>

#include "graph/trace.h"
#include "tests/bench/util.h"

#define TXS 100000

static int count_tx(const struct rec_tx *tx, void *ctx)
{
	(void)tx;
	(*(uint64_t *)ctx)++;
	return 0;
}

static int bench(struct store *s, enum trace_policy p, double base_s,
		 uint64_t base_n)
{
	struct trace_opts o;
	struct trace_outpoint seed = { { 0 }, 0, { { 0 } } };
	struct trace_result *r = NULL;
	struct trc_error err = TRC_ERROR_INIT;
	char name[64];
	double t0;

	trace_opts_init(&o);
	o.chain = CHAIN_BTC;
	o.native_asset = "BTC";
	o.native_decimals = 8;
	o.policy = p;
	o.hops = 1000;
	gfx_txid("t0", seed.txid);
	seed.n = 0;
	o.seed_outs = &seed;
	o.n_seed_outs = 1;
	t0 = bench_now();
	if (trace_run(s, &o, &r, &err)) {
		fprintf(stderr, "bench_trace: %s\n", err.msg);
		return 1;
	}
	snprintf(name, sizeof(name), "trace %s", trace_policy_name(p));
	bench_report(name, (double)r->counters.txs_scanned, "tx",
		     bench_now() - t0, "scan", (double)base_n, "tx", base_s);
	printf("  %llu txs moved taint, %zu addresses, %zu exits, %zu "
	       "edges, balanced %s\n",
	       (unsigned long long)r->counters.txs_visited, r->n_nodes,
	       r->n_exits, r->n_edges,
	       r->assets[0].conserving ? (r->assets[0].balanced ? "yes" : "NO")
				       : "n/a");
	trace_result_free(r);
	return 0;
}

int main(void)
{
	char dir[] = "/tmp/tracer-bench-trace-XXXXXX", cmd[64];
	struct store *s = NULL;
	struct trc_error err = TRC_ERROR_INIT;
	char *text;
	uint64_t n = 0;
	double t0, scan;
	int rc = 0;

	if (!mkdtemp(dir))
		return 1;
	text = gen_bench_text(TXS);
	t0 = bench_now();
	if (gen_load_dir(dir, text, &err) || store_open(&s, dir, 0, &err)) {
		fprintf(stderr, "bench_trace: %s\n", err.msg);
		free(text);
		return 1;
	}
	printf("bench_trace: generated %u txs in %.2f s\n", TXS,
	       bench_now() - t0);
	free(text);
	/* once to warm the caches as the traces find them, once timed */
	if (chaindb_each_tx(s, CHAIN_BTC, count_tx, &n, &err))
		rc = 1;
	n = 0;
	t0 = bench_now();
	if (chaindb_each_tx(s, CHAIN_BTC, count_tx, &n, &err))
		rc = 1;
	scan = bench_now() - t0;
	for (int p = TRACE_POISON; !rc && p <= TRACE_TIHO; p++)
		rc = bench(s, (enum trace_policy)p, scan, n);
	store_close(s);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_trace: could not remove %s\n", dir);
	return rc;
}
