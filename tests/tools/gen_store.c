/*
 * gen_store - builds a database without a crawler.
 *
 *   gen_store DIR FILE       load FILE (the text format of
 *                            tests/unit/graph_fixture.h; "-" for stdin)
 *   gen_store --bench N DIR  a deterministic synthetic Bitcoin history of
 *                            N transactions: 2000 users paying each other
 *                            and 20 tagged exchanges, and a hack whose
 *                            coins are laundered through peel chains and
 *                            merges among that traffic. Prints the seed
 *                            as `tracer trace --chain btc --seed-tx` takes
 *                            it (displayed byte order) and the count.
 *
 * The same generator serves `make bench` (tests/bench/bench_trace.c
 * includes this file with GEN_STORE_NO_MAIN).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/graph_fixture.c"

#define GEN_USERS 2000
#define GEN_EXCHANGES 20

struct gen_rng {
	uint64_t s;
};

static uint32_t gen_rnd(struct gen_rng *r, uint32_t n)
{
	r->s = r->s * 6364136223846793005ull + 1442695040888963407ull;
	return n ? (uint32_t)((r->s >> 33) % n) : 0;
}

struct gen_coin {
	uint32_t tx, n;
	uint64_t value;
	uint8_t tainted; /* on the laundering path (drives choices only) */
};

struct gen_text {
	char *p;
	size_t len, cap;
};

static void gen_put(struct gen_text *t, const char *s)
{
	size_t n = strlen(s);

	if (t->len + n + 1 > t->cap) {
		t->cap = (t->cap + n + 1) * 2;
		t->p = realloc(t->p, t->cap);
		if (!t->p)
			abort();
	}
	memcpy(t->p + t->len, s, n + 1);
	t->len += n;
}

static void gen_addr(struct gen_rng *r, char *out, size_t size)
{
	uint32_t k = gen_rnd(r, 100);

	if (k < 8)
		snprintf(out, size, "ex%u", gen_rnd(r, GEN_EXCHANGES));
	else
		snprintf(out, size, "user%u", gen_rnd(r, GEN_USERS));
}

struct gen_pool {
	struct gen_coin *v;
	size_t n;
};

static struct gen_coin gen_take(struct gen_rng *r, struct gen_pool *p)
{
	size_t j = gen_rnd(r, (uint32_t)p->n);
	struct gen_coin c = p->v[j];

	p->v[j] = p->v[--p->n];
	return c;
}

/* One transaction spending 1-2 coins into 2 outputs; a third of them
 * launder (the first input is a tainted coin, a second one a clean
 * coin merged in). */
static void gen_spend(struct gen_rng *r, struct gen_text *t,
		      struct gen_pool *clean, struct gen_pool *dirty,
		      uint32_t k)
{
	char line[256], part[96], addr[32];
	uint64_t sum = 0, fee, a;
	size_t n_in = 1 + (gen_rnd(r, 4) == 0);
	bool tainted = dirty->n && gen_rnd(r, 3) == 0;

	snprintf(line, sizeof(line), "tx t%u %u |", k, 1500000000u + k * 60);
	gen_put(t, line);
	for (size_t i = 0; i < n_in; i++) {
		struct gen_pool *p = tainted && !i ? dirty : clean;
		struct gen_coin c;
		if (!p->n)
			continue;
		c = gen_take(r, p);
		snprintf(part, sizeof(part), " t%u:%u", c.tx, c.n);
		gen_put(t, part);
		sum += c.value;
	}
	fee = sum > 2000 ? 1000 + gen_rnd(r, 1000) : 0;
	a = (sum - fee) / (2 + gen_rnd(r, 8));
	gen_put(t, " |");
	for (uint32_t o = 0; o < 2; o++) {
		uint64_t v = o ? sum - fee - a : a;
		struct gen_pool *p = tainted ? dirty : clean;
		gen_addr(r, addr, sizeof(addr));
		snprintf(part, sizeof(part), " %s=%llu", addr,
			 (unsigned long long)v);
		gen_put(t, part);
		if (!strncmp(addr, "ex", 2))
			continue; /* exchanges keep what they get */
		p->v[p->n++] = (struct gen_coin){ k, o, v, tainted };
	}
	gen_put(t, "\n");
}

/* The text of an N-transaction history; t0 is the hack (seed: t0:0). */
static char *gen_bench_text(uint32_t n)
{
	struct gen_rng r = { 20171105 };
	struct gen_text t = { NULL, 0, 0 };
	struct gen_pool clean = {
		calloc((size_t)n * 2 + 16, sizeof(struct gen_coin)), 0
	};
	struct gen_pool dirty = {
		calloc((size_t)n * 2 + 16, sizeof(struct gen_coin)), 0
	};
	char line[128];
	uint32_t funding = n / 20 + 1, k;

	if (!clean.v || !dirty.v)
		abort();
	gen_put(&t, "tx t0 1500000000 | coinbase | hacker=100000000000\n");
	dirty.v[dirty.n++] = (struct gen_coin){ 0, 0, 100000000000ull, 1 };
	for (k = 1; k < funding && k < n; k++) {
		uint64_t v = 100000 + gen_rnd(&r, 100000000);
		snprintf(line, sizeof(line),
			 "tx t%u %u | coinbase | user%u=%llu\n", k,
			 1500000000u + k * 60, gen_rnd(&r, GEN_USERS),
			 (unsigned long long)v);
		gen_put(&t, line);
		clean.v[clean.n++] = (struct gen_coin){ k, 0, v, 0 };
	}
	for (; k < n && (clean.n || dirty.n); k++)
		gen_spend(&r, &t, &clean, &dirty, k);
	for (uint32_t e = 0; e < GEN_EXCHANGES; e++) {
		snprintf(line, sizeof(line), "tag ex%u exchange Exchange%u\n",
			 e, e % 7);
		gen_put(&t, line);
	}
	free(clean.v);
	free(dirty.v);
	return t.p;
}

static enum trc_err gen_load_dir(const char *dir, const char *text,
				 struct trc_error *err)
{
	struct store *s = NULL;
	enum trc_err rc = store_open(&s, dir, STORE_CREATE, err);

	if (!rc)
		rc = gfx_load(s, text, err);
	store_close(s);
	return rc;
}

#ifndef GEN_STORE_NO_MAIN
static int usage(void)
{
	fprintf(stderr, "usage: gen_store DIR FILE | gen_store --bench N "
			"DIR\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct trc_error err = TRC_ERROR_INIT;
	struct buf b = BUF_INIT(1u << 30);
	char *text = NULL, hex[65];
	uint8_t raw[32];
	int rc = 0;

	if (argc == 4 && !strcmp(argv[1], "--bench")) {
		uint32_t n = (uint32_t)strtoul(argv[2], NULL, 10);
		text = gen_bench_text(n ? n : 1);
		if (gen_load_dir(argv[3], text, &err))
			rc = 1;
		gfx_txid("t0", raw);
		hex_encode_rev(hex, raw, 32); /* as Bitcoin displays txids */
		if (!rc)
			printf("seed-tx %s:0\ntransactions %u\n", hex, n);
	} else if (argc == 3) {
		if (buf_read_file(&b, argv[2], &err) ||
		    gen_load_dir(argv[1], buf_str(&b), &err))
			rc = 1;
	} else {
		return usage();
	}
	if (rc)
		fprintf(stderr, "gen_store: %s\n", err.msg);
	free(text);
	buf_release(&b);
	return rc;
}
#endif
