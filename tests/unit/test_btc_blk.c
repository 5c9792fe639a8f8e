/*
 * Block files (blk*.dat): framing, out-of-order blocks, zero padding,
 * Core 28+'s XOR obfuscation, and malformed files. The files are written
 * here from mainnet's blocks 0 and 1 and from regtest blocks built with
 * the block builder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/hex.h"
#include "chains/btc/blkfile.h"
#include "chains/btc/block.h"
#include "tests/unit/harness.h"

#define BLOCK_0                                                                \
	"01000000000000000000000000000000000000000000000000000000000000000000" \
	"00003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a" \
	"29ab5f49ffff001d1dac2b7c01010000000100000000000000000000000000000000" \
	"00000000000000000000000000000000ffffffff4d04ffff001d0104455468652054" \
	"696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e20627269" \
	"6e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73ffffffff" \
	"0100f2052a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e039" \
	"09a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d57" \
	"8a4c702b6bf11d5fac00000000"
#define BLOCK_1                                                                \
	"010000006fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d619000000" \
	"0000982051fd1e4ba744bbbe680e1fee14677ba1a3c3540bf7b1cdb606e857233e0e" \
	"61bc6649ffff001d01e3629901010000000100000000000000000000000000000000" \
	"00000000000000000000000000000000ffffffff0704ffff001d0104ffffffff0100" \
	"f2052a0100000043410496b538e853519c726a2c91e61ec11600ae1390813a627c66" \
	"fb8be7947be63c52da7589379515d4e0a604f8141781e62294721166bf621e73a82c" \
	"bf2342c858eeac00000000"

static const uint8_t MAIN_MAGIC[4] = { 0xf9, 0xbe, 0xb4, 0xd9 };
static const uint8_t REG_MAGIC[4] = { 0xfa, 0xbf, 0xb5, 0xda };

static void frame(struct buf *f, const uint8_t magic[4], const uint8_t *p,
		  size_t n)
{
	uint8_t len[4];

	le32_put(len, (uint32_t)n);
	CHECK_OK(buf_append(f, magic, 4), NULL);
	CHECK_OK(buf_append(f, len, 4), NULL);
	CHECK_OK(buf_append(f, p, n), NULL);
}

static void frame_hex(struct buf *f, const uint8_t magic[4], const char *h)
{
	uint8_t raw[512];
	size_t n;

	CHECK_OK(hex_decode(raw, sizeof(raw), &n, h, strlen(h), NULL), NULL);
	frame(f, magic, raw, n);
}

static void write_file(const char *path, const uint8_t *p, size_t n,
		       const uint8_t *key)
{
	FILE *f = fopen(path, "wb");

	CHECK(f != NULL);
	if (!f)
		return;
	for (size_t i = 0; i < n; i++)
		fputc(key ? p[i] ^ key[i % 8] : p[i], f);
	fclose(f);
}

/* A regtest chain of n blocks, each with a coinbase only. */
static void build_chain(struct buf *raw, size_t n, uint8_t hashes[][32])
{
	uint8_t prev[32] = { 0 };

	for (size_t i = 0; i < n; i++) {
		struct btc_tx cb = BTC_TX_INIT;
		struct btc_block b = BTC_BLOCK_INIT;
		struct trc_error e = TRC_ERROR_INIT;
		uint8_t script[1] = { 0x51 };

		btc_tx_begin(&cb, 1, 0);
		CHECK_OK(btc_tx_add_coinbase(&cb, (uint32_t)(i + 1), NULL, 0,
					     &e),
			 &e);
		CHECK_OK(btc_tx_add_output(&cb, 5000000000ULL, script, 1, &e),
			 &e);
		CHECK_OK(btc_tx_finish(&cb, &e), &e);
		CHECK_OK(btc_block_take_tx(&b, &cb, &e), &e);
		CHECK_OK(btc_block_finish(&b, 0x20000000, prev,
					  1700000000 + (uint32_t)i, 0x207fffff,
					  &e),
			 &e);
		CHECK_OK(btc_block_encode(&b, &raw[i], &e), &e);
		memcpy(hashes[i], b.hdr.hash, 32);
		memcpy(prev, b.hdr.hash, 32);
		btc_block_release(&b);
	}
}

static void t_main_file(void)
{
	struct buf f = BUF_INIT(1 << 20);
	struct btc_blkdir *d = NULL;
	struct trc_error e = TRC_ERROR_INIT;
	struct buf blk = BUF_INIT(BTC_MAX_SERIALIZED);
	const struct btc_blk_entry *ent;
	struct btc_block b = BTC_BLOCK_INIT;
	static const uint8_t pad[1000];
	char hex[65];

	/* block 1 before block 0, then Core's zero preallocation */
	frame_hex(&f, MAIN_MAGIC, BLOCK_1);
	frame_hex(&f, MAIN_MAGIC, BLOCK_0);
	CHECK_OK(buf_append(&f, pad, sizeof(pad)), NULL);
	write_file(t_tmp("blk00000.dat"), f.data, f.len, NULL);
	CHECK_OK(btc_blk_open(&d, t_tmp("blk00000.dat"), NULL, &e), &e);
	if (!d)
		goto cleanup;
	CHECK(btc_blk_network(d) == btc_network_find("main"));
	CHECK_INT(btc_blk_count(d), 2);
	ent = btc_blk_entry(d, 0);
	CHECK_STR(hex_encode_rev(hex, ent->hash, 32),
		  "00000000839a8e6886ab5951d76f411475428afc90947ee320161bbf18eb"
		  "6048");
	CHECK_STR(hex_encode_rev(hex, ent->prev, 32),
		  "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8c"
		  "e26f");
	CHECK_INT(ent->offset, 8);
	ent = btc_blk_find(d, ent->prev);
	CHECK(ent == btc_blk_entry(d, 1));
	CHECK_OK(btc_blk_read(d, ent, &blk, &e), &e);
	CHECK_OK(btc_block_decode(&b, blk.data, blk.len, &e), &e);
	CHECK_OK(btc_block_verify(&b, btc_blk_network(d), &e), &e);
	CHECK(!memcmp(b.hdr.hash, ent->hash, 32));
	btc_block_release(&b);
	btc_blk_close(d);
	d = NULL;
	/* the same file is not a regtest one */
	CHECK_INT(btc_blk_open(&d, t_tmp("blk00000.dat"),
			       btc_network_find("regtest"), &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "magic f9beb4d9") != NULL);
	CHECK(d == NULL);
cleanup:
	btc_blk_close(d);
	buf_release(&f);
	buf_release(&blk);
}

static void t_obfuscated_dir(void)
{
	struct buf raw[5], f0 = BUF_INIT(1 << 20), f1 = BUF_INIT(1 << 20);
	uint8_t hashes[5][32];
	static const uint8_t key[8] = { 0x5a, 0x13, 0xe7, 0x01,
					0xc4, 0x99, 0x3b, 0x70 };
	char dir[512], path[600];
	struct btc_blkdir *d = NULL;
	struct trc_error e = TRC_ERROR_INIT;
	struct buf blk = BUF_INIT(BTC_MAX_SERIALIZED);
	static const uint8_t pad[300];

	for (int i = 0; i < 5; i++)
		buf_init(&raw[i], BTC_MAX_SERIALIZED);
	build_chain(raw, 5, hashes);
	snprintf(dir, sizeof(dir), "%s", t_tmp("blocks"));
	mkdir(dir, 0700);
	/* heights 3, 1, 2 in the first file, 5, 4 in the second */
	frame(&f0, REG_MAGIC, raw[2].data, raw[2].len);
	frame(&f0, REG_MAGIC, raw[0].data, raw[0].len);
	frame(&f0, REG_MAGIC, raw[1].data, raw[1].len);
	CHECK_OK(buf_append(&f0, pad, sizeof(pad)), NULL);
	frame(&f1, REG_MAGIC, raw[4].data, raw[4].len);
	frame(&f1, REG_MAGIC, raw[3].data, raw[3].len);
	snprintf(path, sizeof(path), "%s/blk00001.dat", dir);
	write_file(path, f1.data, f1.len, key);
	/* the padding stays zero on disk: Core never wrote it */
	snprintf(path, sizeof(path), "%s/blk00000.dat", dir);
	write_file(path, f0.data, f0.len - sizeof(pad), key);
	{
		FILE *fp = fopen(path, "ab");

		fwrite(pad, 1, sizeof(pad), fp);
		fclose(fp);
	}
	snprintf(path, sizeof(path), "%s/xor.dat", dir);
	write_file(path, key, 8, NULL);
	snprintf(path, sizeof(path), "%s/rev00000.dat", dir);
	write_file(path, pad, 10, NULL); /* not a block file: ignored */

	CHECK_OK(btc_blk_open(&d, dir, btc_network_find("regtest"), &e), &e);
	if (!d)
		goto cleanup;
	CHECK(btc_blk_obfuscated(d));
	CHECK_INT(btc_blk_count(d), 5);
	CHECK(!memcmp(btc_blk_entry(d, 0)->hash, hashes[2], 32));
	CHECK(!memcmp(btc_blk_entry(d, 3)->hash, hashes[4], 32));
	CHECK_INT(btc_blk_entry(d, 3)->file, 1);
	/* walk the chain back from the tip by prev hash */
	{
		const struct btc_blk_entry *ent = btc_blk_find(d, hashes[4]);
		int steps = 0;

		while (ent) {
			struct btc_block b = BTC_BLOCK_INIT;

			CHECK_OK(btc_blk_read(d, ent, &blk, &e), &e);
			CHECK_OK(btc_block_decode(&b, blk.data, blk.len, &e),
				 &e);
			CHECK_OK(btc_block_verify(
					 &b, btc_network_find("regtest"), &e),
				 &e);
			CHECK_INT(b.height, 5 - steps);
			btc_block_release(&b);
			ent = btc_blk_find(d, ent->prev);
			steps++;
		}
		CHECK_INT(steps, 5);
	}
	btc_blk_close(d);
	d = NULL;
	/* without the key the magic is wrong */
	snprintf(path, sizeof(path), "%s/xor.dat", dir);
	CHECK_INT(unlink(path), 0);
	CHECK_INT(btc_blk_open(&d, dir, NULL, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "blk00000.dat' at offset 0: magic") != NULL);
cleanup:
	btc_blk_close(d);
	for (int i = 0; i < 5; i++)
		buf_release(&raw[i]);
	buf_release(&f0);
	buf_release(&f1);
	buf_release(&blk);
}

static void t_malformed(void)
{
	struct buf f = BUF_INIT(1 << 20);
	struct btc_blkdir *d = NULL;
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t junk[100] = { 0xde, 0xad, 0xbe, 0xef };

	/* a length past the end of the file */
	frame_hex(&f, MAIN_MAGIC, BLOCK_0);
	f.len -= 5;
	write_file(t_tmp("short.dat"), f.data, f.len, NULL);
	CHECK_INT(btc_blk_open(&d, t_tmp("short.dat"), NULL, &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "offset 4: block length 285 does not fit") != NULL);
	/* garbage after a good block */
	buf_reset(&f);
	frame_hex(&f, MAIN_MAGIC, BLOCK_0);
	CHECK_OK(buf_append(&f, junk, sizeof(junk)), NULL);
	write_file(t_tmp("junk.dat"), f.data, f.len, NULL);
	CHECK_INT(btc_blk_open(&d, t_tmp("junk.dat"), NULL, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "offset 293: magic deadbeef") != NULL);
	/* a truncated frame */
	buf_reset(&f);
	frame_hex(&f, MAIN_MAGIC, BLOCK_0);
	CHECK_OK(buf_append(&f, MAIN_MAGIC, 4), NULL);
	write_file(t_tmp("frame.dat"), f.data, f.len, NULL);
	CHECK_INT(btc_blk_open(&d, t_tmp("frame.dat"), NULL, &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "truncated block frame") != NULL);
	/* nothing there */
	mkdir(t_tmp("empty"), 0700);
	CHECK_INT(btc_blk_open(&d, t_tmp("empty"), NULL, &e), TRC_ERR_NOTFOUND);
	CHECK_INT(btc_blk_open(&d, t_tmp("absent"), NULL, &e), TRC_ERR_IO);
	CHECK(d == NULL);
	buf_release(&f);
}

/* btc_block_spend_order: block order where it is already one in which
 * every spend follows what it spends; otherwise funders move before
 * their spenders (Bitcoin Cash's canonical order), deep chains too. */
static void t_spend_order(void)
{
	enum { N = 6, DEEP = 5000 };
	struct btc_tx tx[N], *deep;
	struct btc_txin in[N], *din;
	struct btc_block b;
	uint32_t order[N], *dorder;
	struct trc_error e = TRC_ERROR_INIT;

	memset(tx, 0, sizeof(tx));
	memset(in, 0, sizeof(in));
	memset(&b, 0, sizeof(b));
	/* 0 coinbase; 1 spends 4, 4 spends 3, 3 spends 0 (a chain sorted
	 * backwards); 2 spends something outside the block; 5 spends 1 */
	for (int i = 0; i < N; i++) {
		tx[i].txid[0] = (uint8_t)(0x10 + i);
		tx[i].in = &in[i];
		tx[i].n_in = 1;
		memset(in[i].prev_txid, 0xee, 32);
	}
	tx[0].n_in = 0;
	memcpy(in[1].prev_txid, tx[4].txid, 32);
	memcpy(in[4].prev_txid, tx[3].txid, 32);
	memcpy(in[3].prev_txid, tx[0].txid, 32);
	memcpy(in[5].prev_txid, tx[1].txid, 32);
	b.tx = tx;
	b.n_tx = N;
	CHECK_OK(btc_block_spend_order(&b, order, &e), &e);
	{
		static const uint32_t want[N] = { 0, 3, 4, 1, 2, 5 };
		for (int i = 0; i < N; i++)
			CHECK_INT(order[i], want[i]);
	}
	/* already in order: unchanged */
	memset(in[1].prev_txid, 0xee, 32);
	memset(in[4].prev_txid, 0xee, 32);
	CHECK_OK(btc_block_spend_order(&b, order, &e), &e);
	for (int i = 0; i < N; i++)
		CHECK_INT(order[i], i);
	/* a chain of DEEP spends, each spending the next: the last first */
	deep = calloc(DEEP, sizeof(*deep));
	din = calloc(DEEP, sizeof(*din));
	dorder = calloc(DEEP, sizeof(*dorder));
	CHECK(deep && din && dorder);
	if (deep && din && dorder) {
		for (uint32_t i = 0; i < DEEP; i++) {
			memcpy(deep[i].txid, &i, sizeof(i));
			deep[i].txid[31] = 1;
			deep[i].in = &din[i];
			deep[i].n_in = 1;
		}
		for (uint32_t i = 0; i + 1 < DEEP; i++)
			memcpy(din[i].prev_txid, deep[i + 1].txid, 32);
		b.tx = deep;
		b.n_tx = DEEP;
		CHECK_OK(btc_block_spend_order(&b, dorder, &e), &e);
		CHECK_INT(dorder[0], DEEP - 1);
		CHECK_INT(dorder[DEEP - 1], 0);
	}
	free(deep);
	free(din);
	free(dorder);
}

TEST_MAIN({ "main_file", t_main_file }, { "obfuscated_dir", t_obfuscated_dir },
	  { "malformed", t_malformed }, { "spend order", t_spend_order })
