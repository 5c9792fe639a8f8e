/*
 * The demo chain: a table of wallets and a table of transactions, turned
 * into Bitcoin blocks with the Bitcoin adapter's builder (chains/btc).
 * Every wallet holds at most one coin at a time (its latest receipt),
 * which keeps the story easy to follow.
 */
#include "tracer/demo/demo_gen.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/hash.h"
#include "base/hex.h"
#include "chains/btc/block.h"
#include "chains/btc/tx.h"

#define COIN 100000000ull
#define SUBSIDY (50 * COIN)
#define BITS 0x207fffffu
#define MAX_IN 2
#define MAX_OUT 3
#define TRAILING_BLOCKS 6
#define DEMO_MAX_BYTES (1u << 20)

const struct demo_wallet demo_wallets[] = {
	{ "victim_hot", false, NULL, NULL },
	{ "clean", true, NULL, NULL },
	{ "miner", false, NULL, NULL },
	{ "hacker", true, "Demo Hacker Group", "hacker" },
	{ "split_1", true, NULL, NULL },
	{ "split_2", true, NULL, NULL },
	{ "split_3", true, NULL, NULL },
	{ "peel_1", true, NULL, NULL },
	{ "peel_2", true, NULL, NULL },
	{ "peel_3", true, NULL, NULL },
	{ "merge_out", false, NULL, NULL },
	{ "merge_change", true, NULL, NULL },
	{ "fan_1", true, NULL, NULL },
	{ "fan_2", true, NULL, NULL },
	{ "walk_1", true, NULL, NULL },
	{ "walk_2", true, NULL, NULL },
	{ "walk_3", true, NULL, NULL },
	{ "walk_4", true, NULL, NULL },
	{ "exchange_a_deposit_1", false, "Northwind Exchange", "deposit" },
	{ "exchange_a_deposit_2", false, "Northwind Exchange", "deposit" },
	{ "exchange_b_deposit", true, "Bluefin Exchange", "deposit" },
	{ "exchange_b_hot", false, "Bluefin Exchange", "exchange" },
	{ NULL, false, NULL, NULL },
};

struct demo_out {
	const char *to;
	uint64_t sat;
};

struct demo_tx {
	uint32_t height;
	const char *in[MAX_IN];
	struct demo_out out[MAX_OUT];
};

/* The story (docs/demo.md). Heights 1 and 2 are coinbases to victim_hot
 * and clean; the others pay the miner. */
static const struct demo_tx story[] = {
	{ 3,
	  { "victim_hot" },
	  { { "hacker", 40 * COIN }, { "victim_hot", 999990000 } } },
	{ 4,
	  { "hacker" },
	  { { "split_1", 15 * COIN },
	    { "split_2", 15 * COIN },
	    { "split_3", 999990000 } } },
	{ 5,
	  { "split_1" },
	  { { "exchange_a_deposit_1", 250000000 }, { "peel_1", 1249990000 } } },
	{ 5,
	  { "split_2", "clean" },
	  { { "merge_out", 45 * COIN }, { "merge_change", 1999990000 } } },
	{ 6,
	  { "peel_1" },
	  { { "exchange_b_deposit", 3 * COIN }, { "peel_2", 949980000 } } },
	{ 6, { "merge_out" }, { { "exchange_b_hot", 4499990000 } } },
	{ 7,
	  { "peel_2" },
	  { { "exchange_a_deposit_2", 120000000 }, { "peel_3", 829970000 } } },
	{ 7, { "split_3" }, { { "fan_1", 5 * COIN }, { "fan_2", 499980000 } } },
	{ 8, { "fan_1" }, { { "exchange_a_deposit_1", 499990000 } } },
	{ 8, { "fan_2" }, { { "walk_1", 499970000 } } },
	{ 9, { "walk_1" }, { { "walk_2", 499960000 } } },
	{ 10, { "walk_2" }, { { "walk_3", 499950000 } } },
	{ 11, { "walk_3" }, { { "walk_4", 499940000 } } },
};
#define STORY_LEN (sizeof(story) / sizeof(story[0]))
#define LAST_STORY_HEIGHT 11

/* A regtest genesis block's coinbase (the same as mainnet's). */
static const char genesis_tx_hex[] =
	"01000000010000000000000000000000000000000000000000000000000000000000"
	"000000ffffffff4d04ffff001d0104455468652054696d65732030332f4a616e2f32"
	"303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e6420"
	"6261696c6f757420666f722062616e6b73ffffffff0100f2052a0100000043410467"
	"8afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc"
	"3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac00000000";
#define GENESIS_TIME 1296688602u
#define GENESIS_NONCE 2u

struct coin {
	bool have;
	uint8_t txid[32];
	uint32_t vout;
	uint64_t value;
};

struct gen {
	struct buf file;    /* the blk file */
	struct coin *coins; /* per wallet: its current coin */
	struct demo_chain *chain;
	const struct btc_network *net;
	uint8_t prev[32];	/* the last block's hash */
	struct btc_block block; /* the block being built */
	struct trc_error *err;
};

int demo_wallet_index(const char *name)
{
	for (int i = 0; demo_wallets[i].name; i++)
		if (!strcmp(demo_wallets[i].name, name))
			return i;
	return -1;
}

void demo_chain_release(struct demo_chain *c)
{
	free(c->first);
	memset(c, 0, sizeof(*c));
}

/* The wallet's 20-byte key hash: fixed, from its name. */
static void key_hash(int w, uint8_t h[32])
{
	char seed[80];

	snprintf(seed, sizeof(seed), "tracer demo wallet %s",
		 demo_wallets[w].name);
	hash_sha256(h, seed, strlen(seed));
}

/* The wallet's scriptPubKey: P2WPKH or P2PKH of its key hash. */
static size_t wallet_script(int w, uint8_t s[25])
{
	uint8_t h[32];

	key_hash(w, h);
	if (demo_wallets[w].segwit) {
		s[0] = 0x00; /* witness v0, 20-byte program */
		s[1] = 0x14;
		memcpy(s + 2, h, 20);
		return 22;
	}
	s[0] = 0x76; /* OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG */
	s[1] = 0xa9;
	s[2] = 0x14;
	memcpy(s + 3, h, 20);
	s[23] = 0x88;
	s[24] = 0xac;
	return 25;
}

static enum trc_err add_output(struct btc_tx *tx, uint64_t sat, int w,
			       struct trc_error *err)
{
	uint8_t s[25];
	size_t n = wallet_script(w, s);

	return btc_tx_add_output(tx, sat, s, n, err);
}

/*
 * What spends a wallet's coin: a placeholder signature and key shaped as
 * real ones (tracer does not verify scripts), in the witness for P2WPKH,
 * in the scriptSig for P2PKH.
 */
static enum trc_err add_input(struct btc_tx *tx, const struct coin *c, int w,
			      struct trc_error *err)
{
	uint8_t sig[72] = { 0x30, 0x45 }, key[33] = { 0x02 }, ss[107];
	enum trc_err rc;

	sig[71] = 0x01; /* SIGHASH_ALL */
	key_hash(w, key + 1);
	if (demo_wallets[w].segwit) {
		rc = btc_tx_add_input(tx, c->txid, c->vout, NULL, 0,
				      0xffffffffu, err);
		if (!rc)
			rc = btc_tx_add_witness(tx, tx->n_in - 1, sig,
						sizeof(sig), err);
		if (!rc)
			rc = btc_tx_add_witness(tx, tx->n_in - 1, key,
						sizeof(key), err);
		return rc;
	}
	ss[0] = sizeof(sig);
	memcpy(ss + 1, sig, sizeof(sig));
	ss[73] = sizeof(key);
	memcpy(ss + 74, key, sizeof(key));
	return btc_tx_add_input(tx, c->txid, c->vout, ss, sizeof(ss),
				0xffffffffu, err);
}

static void receive(struct gen *g, int w, const uint8_t txid[32], uint32_t vout,
		    uint64_t value, uint32_t height)
{
	struct demo_outpoint *f = &g->chain->first[w];

	g->coins[w].have = true;
	memcpy(g->coins[w].txid, txid, 32);
	g->coins[w].vout = vout;
	g->coins[w].value = value;
	if (f->vout == UINT32_MAX) {
		memcpy(f->txid, txid, 32);
		f->vout = vout;
		f->height = height;
	}
}

/* Finishes tx and moves it into the block. Out: its txid. */
static enum trc_err take(struct gen *g, struct btc_tx *tx, uint8_t txid[32])
{
	enum trc_err rc = btc_tx_finish(tx, g->err);

	if (!rc) {
		memcpy(txid, tx->txid, 32);
		rc = btc_block_take_tx(&g->block, tx, g->err);
	}
	if (!rc)
		g->chain->txs++;
	return rc;
}

static enum trc_err coinbase(struct gen *g, uint32_t height, int w,
			     uint64_t value)
{
	static const char tag[] = "tracer demo";
	struct btc_tx tx = BTC_TX_INIT;
	uint8_t txid[32];
	enum trc_err rc;

	btc_tx_begin(&tx, 1, 0);
	rc = btc_tx_add_coinbase(&tx, height, (const uint8_t *)tag,
				 sizeof(tag) - 1, g->err);
	if (!rc)
		rc = add_output(&tx, value, w, g->err);
	if (!rc)
		rc = take(g, &tx, txid);
	if (!rc)
		receive(g, w, txid, 0, value, height);
	btc_tx_release(&tx);
	return rc;
}

static size_t n_outputs(const struct demo_tx *t)
{
	size_t n = 0;

	while (n < MAX_OUT && t->out[n].to)
		n++;
	return n;
}

static enum trc_err story_inputs(struct gen *g, const struct demo_tx *t,
				 struct btc_tx *tx, uint64_t *in_sum)
{
	enum trc_err rc = TRC_OK;

	*in_sum = 0;
	for (size_t i = 0; i < MAX_IN && t->in[i] && !rc; i++) {
		int w = demo_wallet_index(t->in[i]);

		if (w < 0 || !g->coins[w].have)
			return trc_fail(g->err, TRC_ERR_INVALID,
					"demo story: "
					"'%s' has no coin at height %u",
					t->in[i], t->height);
		*in_sum += g->coins[w].value;
		rc = add_input(tx, &g->coins[w], w, g->err);
		g->coins[w].have = false;
	}
	return rc;
}

/* One transaction of the story. */
static enum trc_err story_tx(struct gen *g, const struct demo_tx *t)
{
	struct btc_tx tx = BTC_TX_INIT;
	size_t n = n_outputs(t);
	uint64_t in_sum, out_sum = 0;
	uint8_t txid[32];
	enum trc_err rc;

	btc_tx_begin(&tx, 2, 0);
	rc = story_inputs(g, t, &tx, &in_sum);
	for (size_t i = 0; i < n && !rc; i++) {
		rc = add_output(&tx, t->out[i].sat,
				demo_wallet_index(t->out[i].to), g->err);
		out_sum += t->out[i].sat;
	}
	if (!rc && out_sum > in_sum)
		rc = trc_fail(g->err, TRC_ERR_INVALID,
			      "demo story: outputs "
			      "exceed inputs at height %u",
			      t->height);
	if (!rc)
		rc = take(g, &tx, txid);
	for (size_t i = 0; i < n && !rc; i++)
		receive(g, demo_wallet_index(t->out[i].to), txid, (uint32_t)i,
			t->out[i].sat, t->height);
	btc_tx_release(&tx);
	return rc;
}

/* Fees of the story's transactions at height (inputs never come from the
 * same block in this story, so the current coins give their values). */
static uint64_t block_fees(const struct gen *g, uint32_t height)
{
	uint64_t fees = 0;

	for (size_t i = 0; i < STORY_LEN; i++) {
		const struct demo_tx *t = &story[i];
		uint64_t in = 0, out = 0;

		if (t->height != height)
			continue;
		for (size_t k = 0; k < MAX_IN && t->in[k]; k++) {
			int w = demo_wallet_index(t->in[k]);

			in += w >= 0 ? g->coins[w].value : 0;
		}
		for (size_t k = 0; k < n_outputs(t); k++)
			out += t->out[k].sat;
		fees += in > out ? in - out : 0;
	}
	return fees;
}

/* Frames the block being built into the file (magic, length, bytes). */
static enum trc_err frame(struct gen *g)
{
	struct buf b = BUF_INIT(BTC_MAX_SERIALIZED);
	uint8_t len[4];
	enum trc_err rc = btc_block_encode(&g->block, &b, g->err);

	le32_put(len, (uint32_t)b.len);
	if (!rc)
		rc = buf_append(&g->file, g->net->magic[0], 4);
	if (!rc)
		rc = buf_append(&g->file, len, 4);
	if (!rc)
		rc = buf_append(&g->file, b.data, b.len);
	memcpy(g->prev, g->block.hdr.hash, 32);
	btc_block_release(&g->block);
	btc_block_init(&g->block);
	buf_release(&b);
	g->chain->blocks++;
	return rc;
}

/* The real regtest genesis block, header fields as chainparams has them. */
static enum trc_err genesis(struct gen *g)
{
	uint8_t raw[sizeof(genesis_tx_hex) / 2], txid[32];
	struct btc_tx tx = BTC_TX_INIT;
	size_t len;
	enum trc_err rc;

	rc = hex_decode(raw, sizeof(raw), &len, genesis_tx_hex,
			sizeof(genesis_tx_hex) - 1, g->err);
	if (!rc)
		rc = btc_tx_decode(&tx, raw, len, g->err);
	if (!rc)
		rc = take(g, &tx, txid);
	btc_tx_release(&tx);
	if (rc)
		return rc;
	g->block.hdr.version = 1;
	memcpy(g->block.hdr.merkle_root, txid, 32); /* one tx: its txid */
	g->block.hdr.time = GENESIS_TIME;
	g->block.hdr.bits = BITS;
	g->block.hdr.nonce = GENESIS_NONCE;
	btc_header_rehash(&g->block.hdr);
	return frame(g);
}

static enum trc_err block(struct gen *g, uint32_t height)
{
	const char *payee = height == 1	  ? "victim_hot"
			    : height == 2 ? "clean"
					  : "miner";
	enum trc_err rc;

	rc = coinbase(g, height, demo_wallet_index(payee),
		      SUBSIDY + block_fees(g, height));
	for (size_t i = 0; i < STORY_LEN && !rc; i++)
		if (story[i].height == height)
			rc = story_tx(g, &story[i]);
	if (!rc)
		rc = btc_block_finish(&g->block, 0x20000000u, g->prev,
				      DEMO_START_TIME +
					      (height - 1) * DEMO_BLOCK_SPACING,
				      BITS, g->err);
	return rc ? rc : frame(g);
}

static enum trc_err write_file(const char *path, const struct buf *b,
			       struct trc_error *err)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return trc_fail(err, TRC_ERR_IO, "cannot create '%s': %s", path,
				strerror(errno));
	if (fwrite(b->data, 1, b->len, f) != b->len || fclose(f)) {
		if (f)
			fclose(f);
		return trc_fail(err, TRC_ERR_IO, "cannot write '%s'", path);
	}
	return TRC_OK;
}

static enum trc_err generate(struct gen *g)
{
	enum trc_err rc = genesis(g);

	for (uint32_t h = 1; h <= LAST_STORY_HEIGHT + TRAILING_BLOCKS && !rc;
	     h++)
		rc = block(g, h);
	return rc;
}

enum trc_err demo_gen_write(const char *path, struct demo_chain *c,
			    struct trc_error *err)
{
	struct gen g;
	size_t n = 0;
	enum trc_err rc;

	memset(&g, 0, sizeof(g));
	memset(c, 0, sizeof(*c));
	g.err = err;
	g.net = btc_network_find(DEMO_NETWORK);
	btc_block_init(&g.block);
	while (demo_wallets[n].name)
		n++;
	buf_init(&g.file, DEMO_MAX_BYTES);
	g.chain = c;
	g.coins = calloc(n, sizeof(*g.coins));
	c->first = calloc(n, sizeof(*c->first));
	c->n_wallets = n;
	if (!g.net) {
		rc = trc_fail(err, TRC_ERR_UNSUPPORTED, "network '%s' unknown",
			      DEMO_NETWORK);
		goto cleanup;
	}
	if (!g.coins || !c->first) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++)
		c->first[i].vout = UINT32_MAX;
	rc = generate(&g);
	if (rc)
		trc_error_prefix(err, rc, "cannot build the demo chain");
	else
		rc = write_file(path, &g.file, err);
cleanup:
	buf_release(&g.file);
	free(g.coins);
	btc_block_release(&g.block);
	if (rc)
		demo_chain_release(c);
	return rc;
}
