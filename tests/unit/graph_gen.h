/*
 * graph_gen.h - seeded random transaction histories in the text of
 * graph_fixture.h, for the graph tests: UTXO DAGs and account histories
 * over addresses A0..A<n_addr-1>, A0 the seed, the last two tagged as
 * exchanges.
 */
#ifndef TRC_GRAPH_GEN_H
#define TRC_GRAPH_GEN_H

#include <stddef.h>
#include <stdint.h>

struct gen_rng {
	uint64_t s;
};

/* A number in [0, n) (0 when n is 0). */
uint32_t gen_rnd(struct gen_rng *r, uint32_t n);

/* A growable text; free(p) when done. */
struct gen_text {
	char *p;
	size_t len, cap;
};

void gen_put(struct gen_text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

struct gen_shape {
	unsigned n_tx;	 /* transactions after the first coins; 0: 5..29
			  * (UTXO), 5..34 (accounts) */
	unsigned n_addr; /* addresses; 0: 12 */
};

/* Appends a random UTXO history: coinbases, then spends of unspent coins
 * (sometimes of a coin not in the database), outputs to random
 * addresses. */
void gen_utxo(struct gen_rng *r, const struct gen_shape *sh,
	      struct gen_text *t);
/* Appends a random account history: native value and one token,
 * internal transfers (a receiver forwarding by CALL), gas fees, failed
 * transactions, credits without a sender. */
void gen_evm(struct gen_rng *r, const struct gen_shape *sh, struct gen_text *t);

#endif
