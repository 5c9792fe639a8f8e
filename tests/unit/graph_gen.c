/*
 * graph_gen.c - seeded random transaction histories (graph_gen.h).
 */
#include "tests/unit/graph_gen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

uint32_t gen_rnd(struct gen_rng *r, uint32_t n)
{
	r->s = r->s * 6364136223846793005ull + 1442695040888963407ull;
	return n ? (uint32_t)((r->s >> 33) % n) : 0;
}

void gen_put(struct gen_text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && t->len + (size_t)n < t->cap)
			break;
		t->cap = t->cap * 2 + 256 + (size_t)(n > 0 ? n : 0);
		t->p = realloc(t->p, t->cap);
		if (!t->p)
			abort();
	}
	t->len += (size_t)n;
}

struct coin {
	char label[16];
	unsigned n;
	uint64_t value;
};

#define MAX_COINS 256

static unsigned n_addr(const struct gen_shape *sh)
{
	return sh && sh->n_addr >= 4 ? sh->n_addr : 12;
}

void gen_utxo(struct gen_rng *r, const struct gen_shape *sh, struct gen_text *t)
{
	struct coin c[MAX_COINS];
	size_t nc = 0;
	unsigned na = n_addr(sh), n_cb = 2 + gen_rnd(r, 4);
	unsigned n_tx = 5 + gen_rnd(r, 25), time = 1;

	if (sh && sh->n_tx)
		n_tx = sh->n_tx;
	gen_put(t, "tag A%u exchange X\ntag A%u exchange Y\n", na - 2, na - 1);
	for (unsigned i = 0; i < n_cb; i++) {
		uint64_t v = 1 + gen_rnd(r, 100000);
		snprintf(c[nc].label, sizeof(c[nc].label), "c%u", i);
		c[nc].n = 0;
		c[nc].value = v;
		gen_put(t, "tx c%u %u | coinbase | A%u=%llu\n", i, time++,
			i == 0 ? 0 : gen_rnd(r, na), (unsigned long long)v);
		nc++;
	}
	for (unsigned k = 0; k < n_tx; k++) {
		unsigned n_in = 1 + gen_rnd(r, 3), n_out = 1 + gen_rnd(r, 4);
		uint64_t sum = 0, fee, left;

		if (!nc) { /* a long history goes on with fresh coins */
			uint64_t v;
			if (!sh || !sh->n_tx)
				break;
			v = 1 + gen_rnd(r, 100000);
			snprintf(c[nc].label, sizeof(c[nc].label), "m%u", k);
			c[nc].n = 0;
			c[nc++].value = v;
			gen_put(t, "tx m%u %u | coinbase | A%u=%llu\n", k,
				time++, gen_rnd(r, na), (unsigned long long)v);
		}
		gen_put(t, "tx t%u %u |", k, time++);
		for (unsigned i = 0; i < n_in && nc; i++) {
			size_t j = gen_rnd(r, (uint32_t)nc);
			gen_put(t, " %s:%u", c[j].label, c[j].n);
			sum += c[j].value;
			c[j] = c[--nc];
		}
		if (!gen_rnd(r, 10))
			gen_put(t, " ghost%u:0", k); /* not in the database */
		fee = gen_rnd(r, 4) ? gen_rnd(r, (uint32_t)(sum / 10 + 1)) : 0;
		left = sum - fee;
		gen_put(t, " |");
		for (unsigned j = 0; j < n_out; j++) {
			uint64_t v = j + 1 == n_out
					     ? left
					     : gen_rnd(r, (uint32_t)(left + 1));
			unsigned a = gen_rnd(r, na);
			left -= v;
			gen_put(t, " A%u=%llu", a, (unsigned long long)v);
			if (nc < MAX_COINS && a < na - 2) {
				snprintf(c[nc].label, sizeof(c[nc].label),
					 "t%u", k);
				c[nc].n = j;
				c[nc++].value = v;
			}
		}
		gen_put(t, "\n");
	}
}

void gen_evm(struct gen_rng *r, const struct gen_shape *sh, struct gen_text *t)
{
	unsigned na = n_addr(sh), n = 5 + gen_rnd(r, 30);

	if (sh && sh->n_tx)
		n = sh->n_tx;
	gen_put(t, "chain eth\ntag A%u exchange X\ntag A%u exchange Y\n",
		na - 2, na - 1);
	gen_put(t, "ev o 1 | opening - A0 %u | token S A0 %u 0xT\n",
		1 + gen_rnd(r, 100000), 1 + gen_rnd(r, 1000));
	for (unsigned k = 0; k < n; k++) {
		unsigned from = gen_rnd(r, na - 2), to = gen_rnd(r, na);
		gen_put(t, "ev e%u %u%s | native A%u A%u %u", k, k + 2,
			gen_rnd(r, 8) ? "" : " failed", from, to,
			gen_rnd(r, 50000));
		if (to < na - 2 && !gen_rnd(r, 4)) /* a forwarder's CALL */
			gen_put(t, " | internal A%u A%u %u", to, gen_rnd(r, na),
				gen_rnd(r, 50000));
		if (!gen_rnd(r, 3))
			gen_put(t, " | token A%u A%u %u 0xT", from,
				gen_rnd(r, na), gen_rnd(r, 500));
		if (!gen_rnd(r, 4))
			gen_put(t, " | native - A%u %u", gen_rnd(r, na - 2),
				gen_rnd(r, 10000)); /* a reward-like credit */
		gen_put(t, " | fee A%u - %u\n", from, gen_rnd(r, 100));
	}
}
