#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/hash.h"
#include "base/hex.h"
#include "store/chaindb.h"
#include "store/codec.h"
#include "store/dbcheck.h"
#include "store/keyfilter.h"
#include "store/keys.h"
#include "store/store.h"
#include "tests/unit/harness.h"

static struct store *open_new(const char *name)
{
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(store_open(&s, t_tmp(name), STORE_CREATE, &e), &e);
	return s;
}

static void put(struct store *s, const char *k, const char *v)
{
	struct store_batch *b = store_batch_new();
	struct trc_error e = TRC_ERROR_INIT;

	store_batch_put(b, (const uint8_t *)k, strlen(k), (const uint8_t *)v,
			strlen(v));
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	store_batch_free(b);
}

static void t_create_reopen(void)
{
	struct store *s = open_new("reopen");
	struct trc_error e = TRC_ERROR_INIT;
	struct buf v = BUF_INIT(1024);
	bool found;

	CHECK(s != NULL);
	CHECK_INT(store_schema_version(s), STORE_SCHEMA_VERSION);
	put(s, "\x03key", "value");
	store_close(s);
	CHECK_OK(store_open(&s, t_tmp("reopen"), 0, &e), &e);
	CHECK_OK(store_get(s, (const uint8_t *)"\x03key", 4, &v, &found, &e),
		 &e);
	CHECK(found);
	CHECK_STR(buf_str(&v), "value");
	CHECK_OK(store_get(s, (const uint8_t *)"\x03nokey", 6, &v, &found, &e),
		 &e);
	CHECK(!found);
	buf_release(&v);
	store_close(s);
}

static void t_missing_without_create(void)
{
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_INT(store_open(&s, t_tmp("absent"), 0, &e), TRC_ERR_NOTFOUND);
	CHECK(s == NULL);
	/* nothing is created: leveldb_open alone makes the directory */
	CHECK(access(t_tmp("absent"), F_OK) != 0);
	CHECK_INT(store_open(&s, t_tmp("absent"), STORE_READONLY, &e),
		  TRC_ERR_NOTFOUND);
	CHECK(access(t_tmp("absent"), F_OK) != 0);
	/* an empty directory holds no database and stays empty */
	CHECK(mkdir(t_tmp("emptydir"), 0700) == 0);
	CHECK_INT(store_open(&s, t_tmp("emptydir"), 0, &e), TRC_ERR_NOTFOUND);
	CHECK(rmdir(t_tmp("emptydir")) == 0);
}

/* store_discard_new removes only what store_open created */
static void t_discard_new(void)
{
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;
	char keep[512];

	/* a new directory: gone */
	s = open_new("fresh/db");
	CHECK(s && store_is_new(s));
	CHECK_OK(store_discard_new(s, &e), &e);
	CHECK(access(t_tmp("fresh/db"), F_OK) != 0);
	/* a directory that was there, with a file of its own: both stay */
	CHECK(mkdir(t_tmp("had"), 0700) == 0);
	snprintf(keep, sizeof(keep), "%s/notes.txt", t_tmp("had"));
	fclose(fopen(keep, "w"));
	s = open_new("had");
	CHECK(s && store_is_new(s));
	CHECK_OK(store_discard_new(s, &e), &e);
	CHECK(access(keep, F_OK) == 0);
	snprintf(keep, sizeof(keep), "%s/CURRENT", t_tmp("had"));
	CHECK(access(keep, F_OK) != 0);
	/* an empty directory that was there: still there */
	CHECK(mkdir(t_tmp("hadempty"), 0700) == 0);
	s = open_new("hadempty");
	CHECK_OK(store_discard_new(s, &e), &e);
	CHECK(access(t_tmp("hadempty"), F_OK) == 0);
	/* an existing database: refused, kept */
	store_close(open_new("old"));
	s = open_new("old");
	CHECK(s && !store_is_new(s));
	CHECK_INT(store_discard_new(s, &e), TRC_ERR_INVALID);
	snprintf(keep, sizeof(keep), "%s/CURRENT", t_tmp("old"));
	CHECK(access(keep, F_OK) == 0);
}

static void t_batch_atomic(void)
{
	struct store *s = open_new("batch");
	struct store_batch *b = store_batch_new();
	struct trc_error e = TRC_ERROR_INIT;
	struct buf v = BUF_INIT(64);
	bool found;

	store_batch_put(b, (const uint8_t *)"a", 1, (const uint8_t *)"1", 1);
	store_batch_put(b, (const uint8_t *)"b", 1, (const uint8_t *)"2", 1);
	CHECK_INT(store_batch_count(b), 2);
	/* nothing is visible before commit */
	CHECK_OK(store_get(s, (const uint8_t *)"a", 1, &v, &found, &e), &e);
	CHECK(!found);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	CHECK_OK(store_get(s, (const uint8_t *)"b", 1, &v, &found, &e), &e);
	CHECK(found);
	store_batch_clear(b);
	store_batch_delete(b, (const uint8_t *)"a", 1);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	CHECK_OK(store_get(s, (const uint8_t *)"a", 1, &v, &found, &e), &e);
	CHECK(!found);
	store_batch_free(b);
	buf_release(&v);
	store_close(s);
}

/* A child killed in the middle of a stream of batches leaves each batch
 * whole: keys x<i> and y<i> are written together, so both or neither. */
static void t_batch_survives_kill(void)
{
	const char *dir = strdup(t_tmp("killed"));
	struct store *s = open_new("killed");
	struct trc_error e = TRC_ERROR_INIT;
	pid_t pid;

	store_close(s);
	pid = fork();
	if (pid == 0) {
		struct store *c = NULL;

		if (store_open(&c, dir, 0, NULL))
			_exit(3);
		for (unsigned i = 0;; i++) {
			struct store_batch *b = store_batch_new();
			uint8_t kx[5] = { 'x' }, ky[5] = { 'y' };

			be32_put(kx + 1, i);
			be32_put(ky + 1, i);
			store_batch_put(b, kx, 5, kx, 5);
			store_batch_put(b, ky, 5, ky, 5);
			if (store_batch_commit(c, b, NULL))
				_exit(4);
			store_batch_free(b);
		}
	}
	usleep(300000);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	CHECK_OK(store_open(&s, dir, 0, &e), &e);
	if (s) {
		struct store_iter *it;
		const uint8_t *k, *v;
		size_t kl, vl, nx = 0, ny = 0;

		it = store_iter_prefix(s, (const uint8_t *)"x", 1);
		while (store_iter_next(it, &k, &kl, &v, &vl))
			nx++;
		store_iter_free(it);
		it = store_iter_prefix(s, (const uint8_t *)"y", 1);
		while (store_iter_next(it, &k, &kl, &v, &vl))
			ny++;
		store_iter_free(it);
		CHECK(nx > 0);
		CHECK_INT(nx, ny);
		store_close(s);
	}
	free((void *)dir);
}

static void t_version_mismatch(void)
{
	struct store *s = open_new("version");
	struct trc_error e = TRC_ERROR_INIT;
	struct store_batch *b = store_batch_new();

	store_batch_put_version(b, STORE_SCHEMA_VERSION + 1);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	store_batch_free(b);
	store_close(s);
	s = NULL;
	CHECK_INT(store_open(&s, t_tmp("version"), 0, &e), TRC_ERR_VERSION);
	CHECK(s == NULL);
	CHECK(strstr(e.msg, "version 4") != NULL);
	CHECK(strstr(e.msg, "version 3") != NULL);
}

/* A version-1 database is refused with the way out, unless upgrading. */
static void t_version_1_upgrade(void)
{
	struct store *s = open_new("version1");
	struct trc_error e = TRC_ERROR_INIT;
	struct store_batch *b = store_batch_new();

	store_batch_put_version(b, 1);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	store_batch_free(b);
	store_close(s);
	s = NULL;
	CHECK_INT(store_open(&s, t_tmp("version1"), 0, &e), TRC_ERR_VERSION);
	CHECK(strstr(e.msg, "run 'tracer db upgrade'") != NULL);
	CHECK_OK(store_open(&s, t_tmp("version1"), STORE_UPGRADE, &e), &e);
	CHECK_INT(store_schema_version(s), 1);
	store_close(s);
}

static void t_concurrent_open_refused(void)
{
	struct store *s = open_new("locked"), *s2 = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_INT(store_open(&s2, t_tmp("locked"), 0, &e), TRC_ERR_LOCKED);
	CHECK(strstr(e.msg, "in use") != NULL);
	CHECK(s2 == NULL);
	store_close(s);
}

static void t_prefix_iter(void)
{
	struct store *s = open_new("iter");
	struct store_iter *it;
	const uint8_t *k, *v;
	size_t kl, vl;
	char got[64] = "";

	put(s,
	    "\x05"
	    "b",
	    "2");
	put(s,
	    "\x05"
	    "a",
	    "1");
	put(s,
	    "\x06"
	    "c",
	    "3");
	put(s,
	    "\x04"
	    "z",
	    "0");
	it = store_iter_prefix(s, (const uint8_t *)"\x05", 1);
	while (store_iter_next(it, &k, &kl, &v, &vl))
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%.*s",
			 (int)vl, (const char *)v);
	CHECK_STR(got, "12");
	store_iter_free(it);
	store_close(s);
}

static void fill_tx(struct rec_tx *tx, uint8_t seed, uint32_t height)
{
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t prev[32];

	rec_tx_init(tx);
	tx->chain = CHAIN_BTC;
	memset(tx->txid, seed, 32);
	memset(prev, seed + 1, 32);
	tx->height = height;
	tx->position = 1;
	tx->time = 1231006505;
	tx->fee = amount_from_u64(1000);
	CHECK_OK(rec_tx_add_input(tx, prev, 3, REC_IN_RESOLVED, "1Alice",
				  amount_from_u64(6000), &e),
		 &e);
	CHECK_OK(rec_tx_add_output(tx, OUT_P2PKH, "1Bob", amount_from_u64(3000),
				   &e),
		 &e);
	CHECK_OK(rec_tx_add_output(tx, OUT_OP_RETURN, NULL, AMOUNT_ZERO, &e),
		 &e);
	CHECK_OK(rec_tx_add_output(tx, OUT_P2PKH, "1Alice",
				   amount_from_u64(2000), &e),
		 &e);
}

static void t_record_roundtrip(void)
{
	struct rec_tx tx, back;
	struct buf enc = BUF_INIT(1 << 20);
	struct trc_error e = TRC_ERROR_INIT;
	trc_amount big;

	fill_tx(&tx, 7, 100);
	CHECK_OK(amount_parse(&big, "1000000000000000000000000000000000000000",
			      0, &e),
		 &e);
	CHECK_OK(rec_tx_add_leg(&tx, LEG_TOKEN, "0xToken", "0xA", "0xB", big,
				&e),
		 &e);
	CHECK_OK(rec_tx_encode(&tx, &enc, &e), &e);
	CHECK_OK(rec_tx_decode(&back, enc.data, enc.len, &e), &e);
	CHECK_INT(back.n_in, 1);
	CHECK_INT(back.n_out, 3);
	CHECK_INT(back.n_legs, 1);
	CHECK_STR(back.in[0].address, "1Alice");
	CHECK(back.out[1].address == NULL);
	CHECK_INT(back.out[1].cls, OUT_OP_RETURN);
	CHECK(amount_cmp(back.legs[0].value, big) == 0);
	CHECK_STR(back.legs[0].asset, "0xToken");
	CHECK(amount_cmp(back.fee, amount_from_u64(1000)) == 0);
	/* every truncation of the encoding is rejected, without leaks */
	for (size_t n = 0; n < enc.len; n++) {
		struct rec_tx t2;

		CHECK_INT(rec_tx_decode(&t2, enc.data, n, &e), TRC_ERR_CORRUPT);
		CHECK(t2.n_in == 0 && t2.in == NULL);
	}
	/* a hostile count */
	enc.data[1 + 1 + 1 + 32 + 4 + 4 + 8 + 3] = 0xff;
	struct rec_tx t3;
	CHECK(rec_tx_decode(&t3, enc.data, enc.len, &e) != TRC_OK);
	rec_tx_release(&back);
	rec_tx_release(&tx);
	buf_release(&enc);
}

static int count_hist(const struct chaindb_hist *h, void *ctx)
{
	(void)h;
	(*(int *)ctx)++;
	return 0;
}

static int count_tx(const struct rec_tx *tx, void *ctx)
{
	(void)tx;
	(*(int *)ctx)++;
	return 0;
}

/* Entries of a history walk, flattened: "height:flags" each. */
struct hist_seen {
	char s[256];
};

static int note_hist(const struct chaindb_hist *h, void *ctx)
{
	struct hist_seen *w = ctx;
	size_t n = strlen(w->s);

	snprintf(w->s + n, sizeof(w->s) - n, "%s%u:%u", n ? " " : "",
		 (unsigned)h->height, (unsigned)h->flags);
	return 0;
}

/* A payer at height 10 (two outputs to 1Ann, one to 1Cy) and a spender at
 * 11 of both 1Ann outputs, with change to 1Ann. */
static void hist_txs(struct rec_tx *pay, struct rec_tx *spend)
{
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t cb[32] = { 0 };

	rec_tx_init(pay);
	pay->chain = CHAIN_BTC;
	memset(pay->txid, 0x31, 32);
	pay->height = 10;
	CHECK_OK(rec_tx_add_input(pay, cb, 0, REC_IN_COINBASE, NULL,
				  AMOUNT_ZERO, &e),
		 &e);
	CHECK_OK(rec_tx_add_output(pay, OUT_P2PKH, "1Ann", amount_from_u64(5),
				   &e),
		 &e);
	CHECK_OK(rec_tx_add_output(pay, OUT_P2PKH, "1Cy", amount_from_u64(6),
				   &e),
		 &e);
	CHECK_OK(rec_tx_add_output(pay, OUT_P2PKH, "1Ann", amount_from_u64(7),
				   &e),
		 &e);
	rec_tx_init(spend);
	spend->chain = CHAIN_BTC;
	memset(spend->txid, 0x32, 32);
	spend->height = 11;
	CHECK_OK(rec_tx_add_input(spend, pay->txid, 0, REC_IN_RESOLVED, "1Ann",
				  amount_from_u64(5), &e),
		 &e);
	CHECK_OK(rec_tx_add_input(spend, pay->txid, 2, REC_IN_RESOLVED, "1Ann",
				  amount_from_u64(7), &e),
		 &e);
	CHECK_OK(rec_tx_add_output(spend, OUT_P2PKH, "1Dee",
				   amount_from_u64(10), &e),
		 &e);
	CHECK_OK(rec_tx_add_output(spend, OUT_P2PKH, "1Ann", amount_from_u64(2),
				   &e),
		 &e);
}

/* Stored history entries, and how many of them hold a send. */
static size_t hist_pairs(struct store *s, size_t *sends)
{
	struct store_iter *it = store_iter_prefix(s, NULL, 0);
	const uint8_t *k, *v;
	size_t kl, vl, n = 0;

	*sends = 0;
	while (it && store_iter_next(it, &k, &kl, &v, &vl)) {
		const char *name = table_name(k[0]);

		if (!name || strcmp(name, "addr_hist"))
			continue;
		n++;
		*sends += vl && (v[0] & HIST_SENT);
	}
	store_iter_free(it);
	return n;
}

/*
 * The history rule (store/hist.h): sends that spent_by derives are not
 * stored, and a walk gives the same entries whichever order the
 * transactions were stored in, the spender's sends of two outputs as one
 * entry, merged with its receipt.
 */
static void t_hist_derived(void)
{
	static const char *const names[] = { "hist_in_order", "hist_reversed" };
	struct trc_error e = TRC_ERROR_INIT;

	for (int order = 0; order < 2; order++) {
		struct store *s = open_new(names[order]);
		struct rec_tx pay, spend;
		struct hist_seen ann = { "" }, cy = { "" }, dee = { "" };
		uint64_t count = 0;
		size_t sends = 0;

		hist_txs(&pay, &spend);
		for (int i = 0; i < 2; i++) {
			struct store_batch *b = store_batch_new();
			/* order 0: chain order; 1: the spender first */
			struct rec_tx *tx =
				(i == 0) == (order == 0) ? &pay : &spend;

			CHECK_OK(chaindb_put_tx(b, tx, &e), &e);
			CHECK_OK(store_batch_commit(s, b, &e), &e);
			store_batch_free(b);
		}
		CHECK_OK(chaindb_each_hist(s, CHAIN_BTC, "1Ann", note_hist,
					   &ann, &e),
			 &e);
		CHECK_STR(ann.s, "10:1 11:3");
		CHECK_OK(chaindb_each_hist(s, CHAIN_BTC, "1Cy", note_hist, &cy,
					   &e),
			 &e);
		CHECK_STR(cy.s, "10:1");
		CHECK_OK(chaindb_each_hist(s, CHAIN_BTC, "1Dee", note_hist,
					   &dee, &e),
			 &e);
		CHECK_STR(dee.s, "11:1");
		CHECK_OK(chaindb_addr_count(s, CHAIN_BTC, "1Ann", &count, &e),
			 &e);
		CHECK_INT(count, 2);
		/* stored: 1Ann 10, 1Cy 10, 1Ann 11 (its change), 1Dee 11; in
		 * chain order the spender's sends are derived, stored first
		 * (its inputs then inline) it keeps them */
		CHECK_INT(hist_pairs(s, &sends), 4);
		CHECK_INT(sends, order);
		rec_tx_release(&pay);
		rec_tx_release(&spend);
		store_close(s);
	}
}

static void t_chaindb(void)
{
	struct store *s = open_new("chaindb");
	struct store_batch *b = store_batch_new();
	struct trc_error e = TRC_ERROR_INIT;
	struct rec_tx tx, got;
	struct rec_block blk = REC_BLOCK_INIT, gb;
	uint8_t spender[32], prev[32], h[32];
	uint32_t vin, height;
	bool found;
	int n = 0;
	struct dbcheck_result r1, r2;

	fill_tx(&tx, 7, 100);
	blk.chain = CHAIN_BTC;
	blk.height = 100;
	memset(blk.hash, 0xaa, 32);
	blk.tx_count = 1;
	blk.fetched_at = 12345;
	CHECK_OK(rec_set_str(&blk.source, "http://node:8332/", &e), &e);
	CHECK_OK(chaindb_put_tx(b, &tx, &e), &e);
	CHECK_OK(chaindb_put_block(b, &blk, &e), &e);
	CHECK_OK(chaindb_put_checkpoint(b, CHAIN_BTC, 100, blk.hash, &e), &e);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	CHECK_OK(chaindb_get_tx(s, CHAIN_BTC, tx.txid, &got, &found, &e), &e);
	CHECK(found);
	CHECK_STR(got.out[2].address, "1Alice");
	rec_tx_release(&got);
	memset(prev, 8, 32);
	CHECK_OK(chaindb_get_spent_by(s, CHAIN_BTC, prev, 3, spender, &vin,
				      &found, &e),
		 &e);
	CHECK(found && spender[0] == 7 && vin == 0);
	CHECK_OK(chaindb_each_hist(s, CHAIN_BTC, "1Alice", count_hist, &n, &e),
		 &e);
	CHECK_INT(n, 1); /* one entry, both sent and received */
	n = 0;
	CHECK_OK(chaindb_each_tx(s, CHAIN_BTC, count_tx, &n, &e), &e);
	CHECK_INT(n, 1);
	CHECK_OK(chaindb_get_block(s, CHAIN_BTC, 100, &gb, &found, &e), &e);
	CHECK(found);
	CHECK_STR(gb.source, "http://node:8332/");
	rec_block_release(&gb);
	CHECK_OK(chaindb_get_checkpoint(s, CHAIN_BTC, &height, h, &found, &e),
		 &e);
	CHECK(found && height == 100 && h[0] == 0xaa);
	CHECK_OK(dbcheck_run(s, &r1, &e), &e);
	CHECK_INT(r1.bad, 0);
	/* the same block from another source: the same digest */
	store_batch_clear(b);
	blk.fetched_at = 999;
	CHECK_OK(rec_set_str(&blk.source, "/blocks/blk00000.dat", &e), &e);
	CHECK_OK(chaindb_put_block(b, &blk, &e), &e);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	CHECK_OK(dbcheck_run(s, &r2, &e), &e);
	CHECK(!memcmp(r1.digest, r2.digest, 32));
	/* ... but other chain data is another digest: a block's time, then
	 * back, then one more transaction */
	store_batch_clear(b);
	blk.time++;
	CHECK_OK(chaindb_put_block(b, &blk, &e), &e);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	CHECK_OK(dbcheck_run(s, &r2, &e), &e);
	CHECK(memcmp(r1.digest, r2.digest, 32) != 0);
	store_batch_clear(b);
	blk.time--;
	CHECK_OK(chaindb_put_block(b, &blk, &e), &e);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	CHECK_OK(dbcheck_run(s, &r2, &e), &e);
	CHECK(!memcmp(r1.digest, r2.digest, 32));
	store_batch_clear(b);
	rec_tx_release(&tx);
	fill_tx(&tx, 9, 100);
	CHECK_OK(chaindb_put_tx(b, &tx, &e), &e);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	CHECK_OK(dbcheck_run(s, &r2, &e), &e);
	CHECK(memcmp(r1.digest, r2.digest, 32) != 0);
	/* a corrupt record is counted */
	store_batch_clear(b);
	store_batch_put(b, (const uint8_t *)"\x11\x01junk", 6,
			(const uint8_t *)"x", 1);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	CHECK_OK(dbcheck_run(s, &r2, &e), &e);
	CHECK_INT(r2.bad, 1);
	rec_block_release(&blk);
	rec_tx_release(&tx);
	store_batch_free(b);
	store_close(s);
}

/* Schema version 2's varints: round trips, and what is refused. */
static void t_codec(void)
{
	static const uint64_t vals[] = { 0,   1,	  127,	     128,
					 300, UINT32_MAX, UINT64_MAX };
	struct buf b = BUF_INIT(1 << 10);
	struct reader r;
	struct trc_error e = TRC_ERROR_INIT;
	trc_amount max = { { UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX } },
		   a;
	uint64_t v;
	int64_t t;

	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
		CHECK_OK(codec_put_uv(&b, vals[i]), NULL);
	CHECK_OK(codec_put_amount(&b, max), NULL);
	CHECK_OK(codec_put_amount(&b, AMOUNT_ZERO), NULL);
	CHECK_OK(codec_put_time(&b, -5), NULL);
	reader_init(&r, b.data, b.len, "test");
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		CHECK_OK(codec_get_uv(&r, &v, &e), &e);
		CHECK(v == vals[i]);
	}
	CHECK_OK(codec_get_amount(&r, &a, &e), &e);
	CHECK(!amount_cmp(a, max));
	CHECK_OK(codec_get_amount(&r, &a, &e), &e);
	CHECK(amount_is_zero(a));
	CHECK_OK(codec_get_time(&r, &t, &e), &e);
	CHECK(t == -5);
	CHECK_INT(reader_left(&r), 0);
	/* a zero last byte, a varint past 64 bits, a cut one */
	reader_init(&r, (const uint8_t *)"\x80\x00", 2, "test");
	CHECK_INT(codec_get_uv(&r, &v, &e), TRC_ERR_CORRUPT);
	CHECK(strstr(e.msg, "non-canonical") != NULL);
	reader_init(&r,
		    (const uint8_t *)"\xff\xff\xff\xff\xff\xff\xff"
				     "\xff\xff\x02",
		    10, "test");
	CHECK_INT(codec_get_uv(&r, &v, &e), TRC_ERR_CORRUPT);
	reader_init(&r, (const uint8_t *)"\x80", 1, "test");
	CHECK_INT(codec_get_uv(&r, &v, &e), TRC_ERR_CORRUPT);
	buf_release(&b);
}

static void coin_tx(struct rec_tx *tx, const char *label, uint32_t height,
		    const uint8_t *prev, const char *from, uint64_t in,
		    const char *to, uint64_t out)
{
	struct trc_error e = TRC_ERROR_INIT;

	rec_tx_init(tx);
	tx->chain = CHAIN_BTC;
	hash_sha256(tx->txid, label, strlen(label));
	tx->height = height;
	tx->time = 1000 + height;
	if (prev)
		CHECK_OK(rec_tx_add_input(tx, prev, 0,
					  from ? REC_IN_RESOLVED : 0, from,
					  amount_from_u64(in), &e),
			 &e);
	CHECK_OK(
		rec_tx_add_output(tx, OUT_P2WPKH, to, amount_from_u64(out), &e),
		&e);
}

/*
 * Numbers and ids: an input refers to the output it spends (and comes
 * back with its address and value), a tx put again does not count twice,
 * a txid only referred to is not a stored tx, counts are kept.
 */
static void t_numbers(void)
{
	struct store *s = open_new("numbers");
	struct store_batch *b = store_batch_new();
	struct trc_error e = TRC_ERROR_INIT;
	struct rec_tx t1, t2, t3, t4, got;
	uint8_t unknown[32], spender[32];
	uint64_t n;
	uint32_t vin;
	char *addr = NULL;
	trc_amount v;
	bool found;

	memset(unknown, 0x42, 32);
	coin_tx(&t1, "t1", 1, NULL, NULL, 0, "bc1x", 50);
	coin_tx(&t2, "t2", 2, t1.txid, "bc1x", 50, "bc1y", 49);
	coin_tx(&t3, "t3", 3, unknown, NULL, 0, "bc1y", 7);
	CHECK_OK(chaindb_put_tx(b, &t1, &e), &e);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	store_batch_clear(b);
	CHECK_OK(chaindb_put_tx(b, &t2, &e), &e);
	CHECK_OK(chaindb_put_tx(b, &t3, &e), &e);
	CHECK_OK(chaindb_put_tx(b, &t2, &e), &e); /* again, same batch */
	CHECK_INT(store_batch_count(b), 3);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	store_batch_clear(b);
	CHECK_OK(chaindb_put_tx(b, &t2, &e), &e); /* again, later */
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	CHECK_OK(chaindb_get_tx(s, CHAIN_BTC, t2.txid, &got, &found, &e), &e);
	CHECK(found && got.n_in == 1);
	CHECK_STR(got.in[0].address, "bc1x");
	CHECK(!amount_cmp(got.in[0].value, amount_from_u64(50)));
	CHECK(!memcmp(got.in[0].prev_txid, t1.txid, 32));
	rec_tx_release(&got);
	CHECK_OK(chaindb_get_spent_by(s, CHAIN_BTC, t1.txid, 0, spender, &vin,
				      &found, &e),
		 &e);
	CHECK(found && !memcmp(spender, t2.txid, 32) && vin == 0);
	CHECK_OK(chaindb_addr_count(s, CHAIN_BTC, "bc1x", &n, &e), &e);
	CHECK_INT(n, 2);
	CHECK_OK(chaindb_addr_count(s, CHAIN_BTC, "bc1y", &n, &e), &e);
	CHECK_INT(n, 2);
	CHECK_OK(chaindb_addr_count(s, CHAIN_BTC, "bc1z", &n, &e), &e);
	CHECK_INT(n, 0);
	CHECK_OK(chaindb_has_tx(s, CHAIN_BTC, unknown, &found, &e), &e);
	CHECK(!found);
	CHECK_OK(chaindb_get_tx(s, CHAIN_BTC, unknown, &got, &found, &e), &e);
	CHECK(!found);
	CHECK_OK(chaindb_get_spent_by(s, CHAIN_BTC, unknown, 0, spender, &vin,
				      &found, &e),
		 &e);
	CHECK(found && !memcmp(spender, t3.txid, 32));
	CHECK_OK(chaindb_count_txs(s, CHAIN_BTC, &n, &e), &e);
	CHECK_INT(n, 3);
	/* one output, as chaindb_get_tx gives it */
	CHECK_OK(chaindb_get_output(s, CHAIN_BTC, t2.txid, 0, &vin, &addr, &v,
				    &found, &e),
		 &e);
	CHECK(found && vin == 1 && !amount_cmp(v, amount_from_u64(49)));
	CHECK_STR(addr, "bc1y");
	free(addr);
	CHECK_OK(chaindb_get_output(s, CHAIN_BTC, t2.txid, 1, &vin, &addr, &v,
				    &found, &e),
		 &e);
	CHECK(found && vin == 1 && !addr);
	CHECK_OK(chaindb_get_output(s, CHAIN_BTC, unknown, 0, &vin, &addr, &v,
				    &found, &e),
		 &e);
	CHECK(!found && !addr); /* a stub is not found */
	/* an input that says another address than the output it spends:
	 * the writer's guess from that output is checked, and it keeps its
	 * own (inline) */
	store_batch_clear(b);
	coin_tx(&t4, "t4", 4, t2.txid, "bc1w", 49, "bc1v", 48);
	CHECK_OK(chaindb_put_tx(b, &t4, &e), &e);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	CHECK_OK(chaindb_get_tx(s, CHAIN_BTC, t4.txid, &got, &found, &e), &e);
	CHECK(found && got.n_in == 1);
	CHECK_STR(got.in[0].address, "bc1w");
	rec_tx_release(&got);
	CHECK_OK(chaindb_addr_count(s, CHAIN_BTC, "bc1w", &n, &e), &e);
	CHECK_INT(n, 1);
	CHECK_OK(chaindb_addr_count(s, CHAIN_BTC, "bc1y", &n, &e), &e);
	CHECK_INT(n, 2);
	rec_tx_release(&t1);
	rec_tx_release(&t2);
	rec_tx_release(&t3);
	rec_tx_release(&t4);
	store_batch_free(b);
	store_close(s);
}

/* rec_tx_level, the one rule of provenance levels (docs/trust.md), and
 * its flags through the store. */
static void t_levels(void)
{
	static const struct {
		uint8_t flags, kind;
		bool token;
		enum rec_level want;
	} cases[] = {
		{ REC_TX_INCLUDED, LEG_NATIVE, false, REC_LEVEL_VERIFIED },
		{ REC_TX_INCLUDED, LEG_TOKEN, true, REC_LEVEL_VERIFIED },
		{ REC_TX_INCLUDED, LEG_FEE, false, REC_LEVEL_VERIFIED },
		{ REC_TX_INCLUDED, LEG_WITHDRAWAL, false, REC_LEVEL_VERIFIED },
		{ REC_TX_INCLUDED, LEG_INTERNAL, false, REC_LEVEL_ASSERTED },
		{ REC_TX_INCLUDED | REC_TX_PROVEN, LEG_INTERNAL, false,
		  REC_LEVEL_PROVEN },
		{ REC_TX_INCLUDED | REC_TX_PROVEN, LEG_REWARD, false,
		  REC_LEVEL_PROVEN },
		{ REC_TX_INCLUDED, LEG_REWARD, false, REC_LEVEL_ASSERTED },
		{ 0, LEG_NATIVE, false, REC_LEVEL_ASSERTED },
		{ REC_TX_PROVEN, LEG_INTERNAL, false, REC_LEVEL_ASSERTED },
		{ REC_TX_PROVEN, LEG_OPENING, false, REC_LEVEL_PROVEN },
		{ REC_TX_PROVEN, LEG_OPENING, true, REC_LEVEL_ASSERTED },
		{ 0, LEG_OPENING, false, REC_LEVEL_ASSERTED },
	};
	struct trc_error e = TRC_ERROR_INIT;
	struct store *s = NULL;

	CHECK_OK(store_open(&s, t_tmp("levels"), STORE_CREATE, &e), &e);
	for (size_t i = 0; s && i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rec_tx tx = REC_TX_INIT, back = REC_TX_INIT;
		struct store_batch *b = store_batch_new();
		bool found = false;

		tx.chain = CHAIN_ETH;
		tx.height = 7;
		tx.position = (uint32_t)i;
		tx.txid[0] = (uint8_t)i + 1;
		tx.flags = cases[i].flags;
		CHECK_OK(rec_tx_add_leg(&tx, cases[i].kind,
					cases[i].token ? "0xtoken" : NULL,
					"0xfrom", "0xto", amount_from_u64(5),
					&e),
			 &e);
		CHECK_INT(rec_tx_level(&tx, 0), cases[i].want);
		CHECK_INT(rec_tx_level(&tx, 1), REC_LEVEL_ASSERTED);
		CHECK_OK(chaindb_put_tx(b, &tx, &e), &e);
		CHECK_OK(store_batch_commit(s, b, &e), &e);
		CHECK_OK(chaindb_get_tx(s, CHAIN_ETH, tx.txid, &back, &found,
					&e),
			 &e);
		CHECK(found && back.flags == tx.flags);
		CHECK_INT(rec_tx_level(&back, 0), cases[i].want);
		store_batch_free(b);
		rec_tx_release(&tx);
		rec_tx_release(&back);
	}
	{
		/* a UTXO-shaped tx: its outputs */
		struct rec_tx tx = REC_TX_INIT;

		CHECK_OK(rec_tx_add_output(&tx, OUT_P2PKH, "1x",
					   amount_from_u64(1), &e),
			 &e);
		CHECK_INT(rec_tx_level(&tx, 0), REC_LEVEL_ASSERTED);
		tx.flags = REC_TX_INCLUDED;
		CHECK_INT(rec_tx_level(&tx, 0), REC_LEVEL_VERIFIED);
		CHECK_INT(rec_tx_level(&tx, 1), REC_LEVEL_ASSERTED);
		rec_tx_release(&tx);
	}
	CHECK_STR(rec_level_name(REC_LEVEL_PROVEN), "proven");
	CHECK_STR(rec_level_name(9), "unknown");
	store_close(s);
}

static int note_memo(const struct rec_tx *tx, void *ctx)
{
	char *s = ctx;

	snprintf(s + strlen(s), 64, "%u:%s;", (unsigned)tx->txid[0],
		 tx->memo ? tx->memo : "-");
	return 0;
}

/* Memos: kept by both encodings, and indexed by the hash they name. */
static void t_memos(void)
{
	struct store *s = open_new("memos");
	struct store_batch *b = store_batch_new();
	struct trc_error e = TRC_ERROR_INIT;
	struct rec_tx tx, plain, back, got;
	struct buf enc = BUF_INIT(1 << 20);
	uint8_t ref[32], other[32];
	struct dbcheck_result r0, r1;
	char seen[256] = "";
	bool found;

	memset(ref, 0xab, 32);
	memset(other, 0xcd, 32);
	fill_tx(&plain, 3, 100);
	CHECK_OK(chaindb_put_tx(b, &plain, &e), &e);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	CHECK_OK(dbcheck_run(s, &r0, &e), &e);
	/* a memo that is not printable ASCII, or too long, is refused */
	fill_tx(&tx, 7, 100);
	CHECK_INT(rec_tx_set_memo(&tx, "a\tb", 0, NULL, &e), TRC_ERR_INVALID);
	CHECK_OK(rec_tx_set_memo(&tx, "OUT:ABAB", 0, ref, &e), &e);
	CHECK_OK(rec_tx_encode(&tx, &enc, &e), &e);
	CHECK_OK(rec_tx_decode(&back, enc.data, enc.len, &e), &e);
	CHECK_STR(back.memo, "OUT:ABAB");
	CHECK(back.has_memo_ref && !memcmp(back.memo_ref, ref, 32));
	CHECK_INT(back.memo_n, 0);
	rec_tx_release(&back);
	store_batch_clear(b);
	CHECK_OK(chaindb_put_tx(b, &tx, &e), &e);
	rec_tx_release(&tx);
	fill_tx(&tx, 8, 101);
	CHECK_OK(rec_tx_set_memo(&tx, "=:ETH.ETH:0xabc", REC_MEMO_NO_N, NULL,
				 &e),
		 &e);
	CHECK_OK(chaindb_put_tx(b, &tx, &e), &e);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	CHECK_OK(chaindb_get_tx(s, CHAIN_BTC, tx.txid, &got, &found, &e), &e);
	CHECK(found);
	CHECK_STR(got.memo, "=:ETH.ETH:0xabc");
	CHECK(!got.has_memo_ref && got.memo_n == REC_MEMO_NO_N);
	CHECK_INT(got.flags, 0);
	rec_tx_release(&got);
	CHECK_OK(chaindb_get_tx(s, CHAIN_BTC, plain.txid, &got, &found, &e),
		 &e);
	CHECK(found && got.memo == NULL);
	rec_tx_release(&got);
	CHECK_OK(chaindb_each_memo_ref(s, CHAIN_BTC, ref, note_memo, seen, &e),
		 &e);
	CHECK_STR(seen, "7:OUT:ABAB;");
	seen[0] = '\0';
	CHECK_OK(
		chaindb_each_memo_ref(s, CHAIN_BTC, other, note_memo, seen, &e),
		&e);
	CHECK_OK(chaindb_each_memo_ref(s, CHAIN_ETH, ref, note_memo, seen, &e),
		 &e);
	CHECK_STR(seen, "");
	CHECK_OK(dbcheck_run(s, &r1, &e), &e);
	CHECK_INT(r1.bad, 0);
	CHECK(memcmp(r0.digest, r1.digest, 32) != 0);
	/* a memo_ref entry of the wrong size is bad */
	store_batch_clear(b);
	store_batch_put(b, (const uint8_t *)"\x1b\x01xx", 4, NULL, 0);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	CHECK_OK(dbcheck_run(s, &r1, &e), &e);
	CHECK_INT(r1.bad, 1);
	rec_tx_release(&tx);
	rec_tx_release(&plain);
	buf_release(&enc);
	store_batch_free(b);
	store_close(s);
}

/*
 * The writer's key filter (store/keyfilter.h): no key put is ever ruled
 * out, nor a key of a table it does not cover or of a chain not loaded;
 * most keys never put are.
 */
/* Table bytes as docs/storage.md gives them (the names stay in store/). */
enum { TB_TXID = 0x10, TB_TX = 0x11, TB_ADDR = 0x13 };

static void t_keyfilter(void)
{
	struct keyfilter *f = keyfilter_new(64u << 10);
	struct store *s = open_new("keyfilter");
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t k[10] = { TB_TXID, CHAIN_BTC };
	unsigned out = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(keyfilter_may(f, k, sizeof(k))); /* chain not loaded */
	CHECK_OK(keyfilter_load(f, s, CHAIN_BTC, &e), &e);
	for (uint32_t i = 0; i < 5000; i++) {
		be32_put(k + 2, i);
		keyfilter_add(f, k, sizeof(k));
	}
	for (uint32_t i = 0; i < 5000; i++) {
		be32_put(k + 2, i);
		CHECK(keyfilter_may(f, k, sizeof(k)));
		be32_put(k + 2, i + 1000000);
		out += !keyfilter_may(f, k, sizeof(k));
	}
	CHECK(out > 4500);
	k[0] = TB_TX; /* not covered */
	CHECK(keyfilter_may(f, k, sizeof(k)));
	k[0] = TB_ADDR;
	k[1] = CHAIN_ETH; /* not loaded */
	CHECK(keyfilter_may(f, k, sizeof(k)));
	CHECK(!keyfilter_covers(k, 1));
	/* filled to its design load (8 bits a key: 65 536 keys in 64 KiB),
	 * the blocked filter still rules out all but about 2.4 % */
	k[0] = TB_TXID;
	k[1] = CHAIN_BTC;
	for (uint32_t i = 5000; i < 65536; i++) {
		be32_put(k + 2, i);
		keyfilter_add(f, k, sizeof(k));
	}
	out = 0;
	for (uint32_t i = 0; i < 65536; i++) {
		be32_put(k + 2, i + 1000000);
		out += keyfilter_may(f, k, sizeof(k));
	}
	CHECK(out < 65536 / 25); /* under 4 % */
	keyfilter_free(f);
	store_close(s);
}

/* A chain with more stored keys than the filter holds well is not loaded
 * (its lookups read): the scan at load stops at the filter's size. */
static void t_keyfilter_cap(void)
{
	struct store *s = open_new("keyfilter_cap");
	struct store_batch *b = store_batch_new();
	struct trc_error e = TRC_ERROR_INIT;
	struct keyfilter *small = keyfilter_new(4096), *big;
	uint8_t k[10] = { TB_TXID, CHAIN_BTC }, v[1] = { 0 };
	unsigned out = 0;

	CHECK(s && b && small);
	if (!s || !b || !small)
		goto cleanup;
	/* 4096 bytes hold 4096 keys at 8 bits a key: store 5000 */
	for (uint32_t i = 0; i < 5000; i++) {
		be32_put(k + 2, i);
		store_batch_put(b, k, sizeof(k), v, sizeof(v));
	}
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	CHECK_OK(keyfilter_load(small, s, CHAIN_BTC, &e), &e);
	for (uint32_t i = 0; i < 1000; i++) {
		be32_put(k + 2, i + 1000000);
		CHECK(keyfilter_may(small, k, sizeof(k)));
	}
	/* a filter big enough loads them all and rules most others out */
	big = keyfilter_new(64u << 10);
	CHECK(big != NULL);
	if (big) {
		CHECK_OK(keyfilter_load(big, s, CHAIN_BTC, &e), &e);
		for (uint32_t i = 0; i < 5000; i++) {
			be32_put(k + 2, i);
			CHECK(keyfilter_may(big, k, sizeof(k)));
			be32_put(k + 2, i + 1000000);
			out += !keyfilter_may(big, k, sizeof(k));
		}
		CHECK(out > 4500);
		keyfilter_free(big);
	}
cleanup:
	keyfilter_free(small);
	store_batch_free(b);
	store_close(s);
}

static void commit_txs(struct store *s, struct store_batch *b,
		       const struct rec_tx *a, const struct rec_tx *c)
{
	struct trc_error e = TRC_ERROR_INIT;

	store_batch_clear(b);
	CHECK_OK(chaindb_put_tx(b, a, &e), &e);
	if (c)
		CHECK_OK(chaindb_put_tx(b, c, &e), &e);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
}

static void check_counts(struct store *s, uint64_t txs, uint64_t x, uint64_t y)
{
	struct trc_error e = TRC_ERROR_INIT;
	uint64_t n = 0;

	CHECK_OK(chaindb_count_txs(s, CHAIN_BTC, &n, &e), &e);
	CHECK_INT(n, txs);
	CHECK_OK(chaindb_addr_count(s, CHAIN_BTC, "bc1x", &n, &e), &e);
	CHECK_INT(n, x);
	CHECK_OK(chaindb_addr_count(s, CHAIN_BTC, "bc1y", &n, &e), &e);
	CHECK_INT(n, y);
}

/*
 * A tuned store's writer skips the reads its key filter rules out; what
 * it numbers stays right: a txid stored again (BIP30) keeps its number,
 * an address written by another batch in between keeps its id, and a
 * reopened store (a resumed ingest) loads the keys it holds.
 */
static void t_writer_filter(void)
{
	struct store *s = open_new("writer_filter");
	struct store_tuning t = { 0, 0, 1u << 20 };
	struct store_batch *b = store_batch_new(), *other = store_batch_new();
	struct trc_error e = TRC_ERROR_INIT;
	struct rec_tx t1, t2, t3, t4;

	coin_tx(&t1, "t1", 1, NULL, NULL, 0, "bc1x", 50);
	coin_tx(&t2, "t2", 2, t1.txid, "bc1x", 50, "bc1y", 49);
	coin_tx(&t3, "t3", 3, NULL, NULL, 0, "bc1y", 7);
	coin_tx(&t4, "t4", 4, t3.txid, "bc1y", 7, "bc1x", 6);
	CHECK_OK(store_tune(s, &t, &e), &e);
	commit_txs(s, b, &t1, NULL);
	commit_txs(s, b, &t1, &t2); /* t1 again: the same number */
	check_counts(s, 2, 2, 1);
	commit_txs(s, other, &t3, NULL); /* another batch writes */
	commit_txs(s, b, &t3, &t4);
	check_counts(s, 4, 3, 3);
	store_close(s);
	s = NULL;
	CHECK_OK(store_open(&s, t_tmp("writer_filter"), 0, &e), &e);
	if (!s)
		goto cleanup;
	CHECK_OK(store_tune(s, &t, &e), &e);
	store_batch_free(b);
	b = store_batch_new();
	commit_txs(s, b, &t2, &t4); /* resumed: loaded, found */
	check_counts(s, 4, 3, 3);
	store_close(s);
cleanup:
	store_batch_free(b);
	store_batch_free(other);
	rec_tx_release(&t1);
	rec_tx_release(&t2);
	rec_tx_release(&t3);
	rec_tx_release(&t4);
}

TEST_MAIN({ "create_reopen", t_create_reopen },
	  { "memos and the memo_ref index", t_memos },
	  { "varints of schema version 2", t_codec },
	  { "history: derived sends", t_hist_derived },
	  { "numbers, ids, references and counts", t_numbers },
	  { "missing_without_create", t_missing_without_create },
	  { "discard_new", t_discard_new }, { "batch_atomic", t_batch_atomic },
	  { "batch_survives_kill", t_batch_survives_kill },
	  { "version_mismatch", t_version_mismatch },
	  { "version 1 needs an upgrade", t_version_1_upgrade },
	  { "concurrent_open_refused", t_concurrent_open_refused },
	  { "prefix_iter", t_prefix_iter },
	  { "record_roundtrip", t_record_roundtrip }, { "chaindb", t_chaindb },
	  { "provenance levels", t_levels }, { "key filter", t_keyfilter },
	  { "key filter: a chain too big is not loaded", t_keyfilter_cap },
	  { "the writer's key filter", t_writer_filter })
