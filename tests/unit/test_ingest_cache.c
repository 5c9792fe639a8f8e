/*
 * test_ingest_cache - the two bounded caches of a fast ingest: the
 * recent outputs of the crawl engine (chains/crawl/outcache.c: hit, miss,
 * an output that does not exist, spent outputs leaving, the oldest
 * transactions evicted under the budget, a tx larger than the budget left
 * out, slots kept findable after removals) and the numbering's write
 * cache (store/txcache.c: addresses and transactions, values copied,
 * two generations under the budget, clear).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chains/crawl/crawl_int.h"
#include "store/txcache.h"
#include "tests/unit/harness.h"

static void txid_of(uint32_t i, uint8_t out[32])
{
	memset(out, 0, 32);
	for (int k = 0; k < 32; k++)
		out[k] = (uint8_t)((i * 2654435761u) >> (k % 4 * 8)) ^
			 (uint8_t)k;
	memcpy(out + 28, &i, 4);
}

/* A tx i with n outputs: output k to "a<i>.<k>" worth i * 100 + k. */
static void make_tx(struct rec_tx *tx, uint32_t i, uint32_t n)
{
	struct trc_error err = TRC_ERROR_INIT;
	char a[32];

	rec_tx_init(tx);
	txid_of(i, tx->txid);
	for (uint32_t k = 0; k < n; k++) {
		snprintf(a, sizeof(a), "a%u.%u", i, k);
		CHECK_OK(rec_tx_add_output(tx, 0, k == 1 ? NULL : a,
					   amount_from_u64(i * 100 + k), &err),
			 &err);
	}
}

static void add(struct outcache *c, uint32_t i, uint32_t n)
{
	struct trc_error err = TRC_ERROR_INIT;
	struct rec_tx tx;

	make_tx(&tx, i, n);
	CHECK_OK(outcache_add(c, &tx, &err), &err);
	rec_tx_release(&tx);
}

static enum outcache_hit take(struct outcache *c, uint32_t i, uint32_t v,
			      const char **a, trc_amount *val, uint32_t *n)
{
	uint8_t t[32];

	txid_of(i, t);
	return outcache_take(c, t, v, a, val, n);
}

static void t_outcache_hit_miss(void)
{
	struct outcache c = OUTCACHE_INIT;
	const char *a = NULL;
	trc_amount v = AMOUNT_ZERO;
	uint32_t n = 0;
	uint8_t t[32];

	outcache_init(&c, 1u << 20);
	add(&c, 7, 3);
	CHECK_INT(take(&c, 7, 0, &a, &v, &n), OUTCACHE_HIT);
	CHECK_STR(a, "a7.0");
	CHECK(!amount_cmp(v, amount_from_u64(700)));
	CHECK_INT(take(&c, 7, 1, &a, &v, &n), OUTCACHE_HIT);
	CHECK(a == NULL);
	CHECK(!amount_cmp(v, amount_from_u64(701)));
	CHECK_INT(take(&c, 7, 3, &a, &v, &n), OUTCACHE_NO_SUCH_OUTPUT);
	CHECK_INT(n, 3);
	CHECK_INT(take(&c, 8, 0, &a, &v, &n), OUTCACHE_MISS);
	/* spent outputs leave; the tx goes with its last one */
	txid_of(7, t);
	outcache_spend(&c, t, 0);
	CHECK_INT(take(&c, 7, 0, &a, &v, &n), OUTCACHE_MISS);
	CHECK_INT(take(&c, 7, 2, &a, &v, &n), OUTCACHE_HIT);
	outcache_spend(&c, t, 1);
	outcache_spend(&c, t, 2);
	CHECK_INT(c.n, 0);
	CHECK_INT(c.bytes, 0);
	CHECK_INT(take(&c, 7, 2, &a, &v, &n), OUTCACHE_MISS);
	outcache_release(&c);
}

static void t_outcache_bounded(void)
{
	struct outcache c = OUTCACHE_INIT;
	const char *a = NULL;
	trc_amount v = AMOUNT_ZERO;
	uint32_t n = 0, first = UINT32_MAX;

	outcache_init(&c, 64u << 10);
	for (uint32_t i = 0; i < 5000; i++) {
		add(&c, i, 2);
		CHECK(c.bytes <= c.max_bytes);
	}
	CHECK(c.n > 100 && c.n < 5000);
	/* the newest are there, the oldest gone, nothing in between lost */
	for (uint32_t i = 0; i < 5000; i++) {
		enum outcache_hit h = take(&c, i, 0, &a, &v, &n);

		if (h == OUTCACHE_HIT && first == UINT32_MAX)
			first = i;
		if (first != UINT32_MAX)
			CHECK_INT(h, OUTCACHE_HIT);
	}
	CHECK_INT(first, 5000 - c.n);
	/* removals in the middle keep every other entry findable */
	for (uint32_t i = first; i < 5000; i += 3) {
		uint8_t t[32];

		txid_of(i, t);
		outcache_spend(&c, t, 0);
		outcache_spend(&c, t, 1);
	}
	for (uint32_t i = first; i < 5000; i++)
		CHECK_INT(take(&c, i, 1, &a, &v, &n),
			  (i - first) % 3 ? OUTCACHE_HIT : OUTCACHE_MISS);
	/* a tx larger than the whole budget is left out */
	add(&c, 9999, 3000);
	CHECK_INT(take(&c, 9999, 0, &a, &v, &n), OUTCACHE_MISS);
	outcache_release(&c);
	/* no budget: nothing kept */
	outcache_init(&c, 0);
	add(&c, 1, 2);
	CHECK_INT(take(&c, 1, 0, &a, &v, &n), OUTCACHE_MISS);
	outcache_release(&c);
}

static void t_txcache(void)
{
	struct trc_error err = TRC_ERROR_INIT;
	struct txcache *c = txcache_new(256u << 10);
	struct txcache_tx tx = { 41, true, true, true, 2 }, got;
	struct txcache_out outs[2] = { { 5, AMOUNT_ZERO }, { 0, AMOUNT_ZERO } },
			   *o = NULL;
	uint32_t id = 0;
	uint64_t count = 0;
	uint8_t key[33] = { 1 };
	unsigned kept = 0;

	CHECK(c != NULL);
	if (!c)
		return;
	outs[0].value = amount_from_u64(123);
	CHECK(!txcache_addr(c, "\001abc", 4, &id, &count));
	CHECK_OK(txcache_put_addr(c, "\001abc", 4, 9, 3, &err), &err);
	CHECK(txcache_addr(c, "\001abc", 4, &id, &count));
	CHECK_INT(id, 9);
	CHECK_INT(count, 3);
	CHECK_OK(txcache_put_addr(c, "\001abc", 4, 9, 4, &err), &err);
	CHECK(txcache_addr(c, "\001abc", 4, &id, &count));
	CHECK_INT(count, 4);
	CHECK_OK(txcache_put_tx(c, key, 33, &tx, outs, &err), &err);
	outs[0].addr = 77; /* copied in: the cache does not see this */
	CHECK(txcache_tx(c, key, 33, &got, &o));
	CHECK_INT(got.num, 41);
	CHECK(got.has_record && got.indexed && got.outs_known);
	CHECK_INT(got.n_out, 2);
	CHECK(o && o[0].addr == 5 &&
	      !amount_cmp(o[0].value, amount_from_u64(123)));
	free(o);
	/* both outputs spent: nothing keeps it past its generation */
	txcache_spent(c, key, 33, 0);
	txcache_spent(c, key, 33, 1);
	/* many more: the oldest generation goes, the newest stays */
	for (uint32_t i = 0; i < 20000; i++) {
		char k[16];

		snprintf(k, sizeof(k), "\001x%u", i);
		CHECK_OK(txcache_put_addr(c, k, strlen(k), i, i, &err), &err);
	}
	for (uint32_t i = 0; i < 20000; i++) {
		char k[16];

		snprintf(k, sizeof(k), "\001x%u", i);
		if (txcache_addr(c, k, strlen(k), &id, &count)) {
			CHECK_INT(id, i);
			kept++;
		}
	}
	CHECK(kept > 1000 && kept < 20000);
	CHECK(txcache_addr(c, "\001x19999", 7, &id, &count));
	CHECK(!txcache_addr(c, "\001x0", 3, &id, &count));
	CHECK(!txcache_tx(c, key, 33, &got, &o));
	txcache_clear(c);
	CHECK(!txcache_addr(c, "\001x19999", 7, &id, &count));
	txcache_free(c);
}

/* Puts n addresses "\001f<tag><i>": enough to turn the generations over. */
static void flood(struct txcache *c, char tag, uint32_t n)
{
	struct trc_error err = TRC_ERROR_INIT;

	for (uint32_t i = 0; i < n; i++) {
		char k[24];

		snprintf(k, sizeof(k), "\001f%c%u", tag, i);
		CHECK_OK(txcache_put_addr(c, k, strlen(k), 100000 + i, 1, &err),
			 &err);
	}
}

/* What an input will still ask for outlives its generation: a
 * transaction with an output not seen spent, and the address it pays. */
static void t_txcache_live(void)
{
	struct trc_error err = TRC_ERROR_INIT;
	struct txcache *c = txcache_new(256u << 10);
	struct txcache_tx two = { 7, true, true, true, 2 },
			  one = { 8, true, true, true, 1 }, got;
	struct txcache_out outs[2] = { { 11, AMOUNT_ZERO },
				       { 0, AMOUNT_ZERO } },
			   paid = { 13, AMOUNT_ZERO }, *o = NULL;
	uint8_t live[33] = { 1, 'l' }, dead[33] = { 1, 'd' },
		again[33] = { 1, 'a' };
	uint32_t id = 0;
	uint64_t count = 0;

	CHECK(c != NULL);
	if (!c)
		return;
	CHECK_OK(txcache_put_tx(c, live, 33, &two, outs, &err), &err);
	CHECK_OK(txcache_put_tx(c, dead, 33, &one, &paid, &err), &err);
	CHECK_OK(txcache_put_tx(c, again, 33, &one, &paid, &err), &err);
	CHECK_OK(txcache_put_addr(c, "\001live", 5, 10, 1, &err), &err);
	CHECK_OK(txcache_put_addr(c, "\001dead", 5, 12, 1, &err), &err);
	txcache_spent(c, live, 33, 1); /* the output without an address */
	txcache_spent(c, live, 33, 1); /* twice is once */
	txcache_spent(c, live, 33, 9); /* no such output: nothing */
	txcache_spent(c, dead, 33, 0);
	txcache_spent(c, again, 33, 0);
	/* put again (a later commit touched it): the note stays */
	CHECK_OK(txcache_put_tx(c, again, 33, &one, &paid, &err), &err);
	flood(c, 'a', 20000);
	CHECK(txcache_tx(c, live, 33, &got, &o));
	CHECK_INT(got.num, 7);
	CHECK(o && o[0].addr == 11);
	free(o);
	o = NULL;
	CHECK(txcache_addr(c, "\001live", 5, &id, &count));
	CHECK_INT(id, 10);
	CHECK(!txcache_tx(c, dead, 33, &got, &o));
	CHECK(!txcache_tx(c, again, 33, &got, &o));
	CHECK(!txcache_addr(c, "\001dead", 5, &id, &count));
	/* once spent, it goes with the next turn */
	txcache_spent(c, live, 33, 0);
	flood(c, 'b', 20000);
	CHECK(!txcache_tx(c, live, 33, &got, &o));
	CHECK(!txcache_addr(c, "\001live", 5, &id, &count));
	txcache_free(c);
}

TEST_MAIN({ "outcache_hit_miss", t_outcache_hit_miss },
	  { "outcache_bounded", t_outcache_bounded }, { "txcache", t_txcache },
	  { "txcache_live", t_txcache_live })
