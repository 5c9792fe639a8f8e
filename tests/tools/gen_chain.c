/*
 * gen_chain - a large deterministic Bitcoin regtest chain, written as
 * Bitcoin Core block files, with one fixed hack case inside (make bench
 * and tests/cli/test_gen_chain.sh).
 *
 *   gen_chain --txs N --out DIR [--per-block K] [--case-copies C]
 *
 * writes DIR/blocks/blk00000.dat, blk00001.dat, ... (regtest magic, a
 * frame per block, at most 128 MiB a file as Core writes them),
 * DIR/tags.csv (the tagged exchange, for `tracer tag import --network
 * regtest`) and DIR/case.env (shell assignments naming the case's
 * addresses), and prints "gen_chain: txs N blocks B blk_bytes S inputs I
 * outputs O" (coinbases, their inputs and the witness commitments
 * included). The chain holds exactly N transactions, genesis included,
 * in about 100 blocks of K (default N / 100, between 10 and 1000).
 *
 * Background traffic has mainnet's shapes: payments with 1-2 inputs and
 * 2 outputs (payee and change), consolidations of one wallet's coins,
 * batch payouts, an exchange that receives deposits at fresh addresses,
 * sweeps them into its hot wallet and pays withdrawals from it in
 * batches; P2PKH, P2SH-P2WPKH, P2WPKH and P2TR outputs. Wallets never
 * share coins, so multi-input clustering finds exactly the wallets.
 *
 * The case is the same at every size: its transactions sit at fixed
 * fractions of the chain's height, in the middle of their blocks, and
 * move fixed amounts between fixed addresses; background traffic never
 * spends the case's coins. A coinbase funds the victim; the hacker takes
 * 30 BTC, splits it, peels deposits to the exchange, merges with clean
 * coins, pays the exchange's (tagged) hot wallet and walks the rest
 * through fresh addresses; the exchange then sweeps the case's deposits
 * with a hot wallet coin, which clusters them with the tagged wallet.
 * --case-copies C (default 1) puts C copies of the case side by side,
 * each with addresses of its own but the one exchange, for traces whose
 * case is C times larger on the same background (the fund coinbase then
 * pays each copy, above the subsidy); case.env lists every copy's hacker
 * in CASE_HACKERS.
 *
 * As tracer/demo's chain, blocks meet the regtest target and txids,
 * merkle roots and witness commitments are real, but inputs carry
 * placeholder signatures, the genesis block is this generator's own and
 * every coinbase pays 50 BTC: tracer verifies hashes and proof of work,
 * not scripts or subsidies.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "chains/btc/block.h"
#include "chains/btc/script.h"
#include "chains/btc/tx.h"

#define COIN 100000000ull
#define SUBSIDY (50 * COIN)
#define FEE 1000u
#define DUST 5000u
#define BITS 0x207fffffu
#define START_TIME 1709251200u /* 2024-03-01T00:00:00Z */
#define SPACING 600u
#define BLK_FILE_MAX (128u << 20) /* Core's MAX_BLOCKFILE_SIZE */
#define POOL_CAP (1u << 19)	  /* above: no batches, more consolidations */
#define MINERS 5
#define MAX_IN 32
#define MAX_OUT 34
#define CASE_BASE (1ull << 40) /* address ids of the case's wallets */
#define MAX_COPIES 1000

enum cls { C_P2PKH, C_P2SH, C_P2WPKH, C_P2TR };

/* ---- the case ---- */

struct case_wallet {
	const char *name;
	enum cls cls;
};

enum {
	W_VICTIM,
	W_CLEAN,
	W_HACKER,
	W_SPLIT1,
	W_SPLIT2,
	W_SPLIT3,
	W_PEEL1,
	W_PEEL2,
	W_MERGE,
	W_MCHANGE,
	W_FAN1,
	W_FAN2,
	W_WALK1,
	W_WALK2,
	W_WALK3,
	W_WALK4,
	W_WALK5,
	W_DEP1,
	W_DEP2,
	W_HOT,
	N_CASE
};

static const struct case_wallet case_wallets[N_CASE] = {
	{ "VICTIM", C_P2PKH },	  { "CLEAN", C_P2WPKH },
	{ "HACKER", C_P2WPKH },	  { "SPLIT1", C_P2WPKH },
	{ "SPLIT2", C_P2TR },	  { "SPLIT3", C_P2SH },
	{ "PEEL1", C_P2WPKH },	  { "PEEL2", C_P2WPKH },
	{ "MERGE", C_P2PKH },	  { "MCHANGE", C_P2WPKH },
	{ "FAN1", C_P2WPKH },	  { "FAN2", C_P2SH },
	{ "WALK1", C_P2WPKH },	  { "WALK2", C_P2TR },
	{ "WALK3", C_P2WPKH },	  { "WALK4", C_P2PKH },
	{ "WALK5", C_P2WPKH },	  { "DEPOSIT1", C_P2PKH },
	{ "DEPOSIT2", C_P2WPKH }, { "EXCHANGE", C_P2PKH },
};

/* What the fund coinbase pays the case. */
#define FUND_PERMILLE 20
#define FUND_VICTIM (40 * COIN)
#define FUND_CLEAN (1 * COIN)
#define SEED_TOTAL (30 * COIN) /* what the hacker receives */

struct case_out {
	int to;	      /* case wallet, -1 ends the list */
	uint64_t sat; /* 0: the rest (inputs - FEE - the other outputs) */
};

/* An input entry spends every coin the case wallet holds. */
struct case_tx {
	unsigned permille; /* where in the chain's height */
	int in[3];	   /* -1 ends the list */
	struct case_out out[3];
};

#define NO                                                                     \
	{                                                                      \
		-1, 0                                                          \
	}
static const struct case_tx story[] = {
	{ 100,
	  { W_VICTIM, -1 },
	  { { W_HACKER, SEED_TOTAL }, { W_VICTIM, 0 }, NO } },
	{ 200,
	  { W_HACKER, -1 },
	  { { W_SPLIT1, 10 * COIN },
	    { W_SPLIT2, 10 * COIN },
	    { W_SPLIT3, 0 } } },
	{ 300, { W_SPLIT1, -1 }, { { W_DEP1, 2 * COIN }, { W_PEEL1, 0 }, NO } },
	{ 350,
	  { W_SPLIT2, W_CLEAN, -1 },
	  { { W_MERGE, 1050000000 }, { W_MCHANGE, 0 }, NO } },
	{ 400, { W_PEEL1, -1 }, { { W_DEP2, 3 * COIN }, { W_PEEL2, 0 }, NO } },
	{ 500, { W_MERGE, -1 }, { { W_HOT, 0 }, NO, NO } },
	{ 550, { W_SPLIT3, -1 }, { { W_FAN1, 5 * COIN }, { W_FAN2, 0 }, NO } },
	{ 600, { W_FAN1, -1 }, { { W_DEP1, 0 }, NO, NO } },
	{ 650, { W_FAN2, -1 }, { { W_WALK1, 0 }, NO, NO } },
	{ 700, { W_WALK1, -1 }, { { W_WALK2, 0 }, NO, NO } },
	{ 750, { W_WALK2, -1 }, { { W_WALK3, 0 }, NO, NO } },
	{ 800, { W_WALK3, -1 }, { { W_WALK4, 0 }, NO, NO } },
	{ 850, { W_WALK4, -1 }, { { W_WALK5, 0 }, NO, NO } },
	{ 900, { W_DEP1, W_DEP2, W_HOT }, { { W_HOT, 0 }, NO, NO } },
};
#define STORY_LEN (sizeof(story) / sizeof(story[0]))

/* ---- coins and wallets ---- */

struct coin {
	uint8_t txid[32];
	uint64_t value;
	uint64_t addr; /* address id */
	uint32_t vout;
	uint32_t wallet;
	int32_t prev, next; /* the wallet's list, indexes into the pool */
};

struct wallet {
	int32_t head;
	uint32_t count;
	uint64_t addr0; /* its first address, reused now and then */
};

#define CASE_COINS 3
struct case_purse {
	struct coin c[CASE_COINS];
	unsigned n;
};

struct out_spec {
	uint64_t value, addr;
	uint32_t wallet; /* background wallet; UINT32_MAX: case */
	int case_w;	 /* index in gen.purse, -1: background */
};

struct gen {
	const struct btc_network *net;
	uint64_t rng;
	struct coin *pool;
	uint32_t n_pool, cap_pool;
	struct wallet *wallets;
	uint32_t n_wallets, cap_wallets;
	uint64_t next_addr;
	struct case_purse *purse; /* copy * N_CASE + case wallet */
	unsigned copies;
	struct btc_tx *txs; /* the block's non-coinbase txs */
	uint32_t n_txs, cap_txs;
	struct btc_block block;
	uint8_t prev[32];
	/* output */
	const char *dir;
	FILE *f;
	unsigned file_no;
	uint64_t file_bytes;
	struct buf enc;
	uint64_t total_txs, blocks, blk_bytes, inputs, outputs;
	bool skipped; /* the last background tx was not made */
	struct trc_error *err;
};

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* A number in [0, n) from the generator's one stream (splitmix64). */
static uint32_t rnd(struct gen *g, uint32_t n)
{
	g->rng += 0x9e3779b97f4a7c15ull;
	return n ? (uint32_t)(mix64(g->rng) % n) : 0;
}

static enum cls addr_class(uint64_t id)
{
	uint64_t m;

	if (id >= CASE_BASE)
		return case_wallets[(id - CASE_BASE) % N_CASE].cls;
	m = mix64(id ^ 0x636c617373ull) % 100;
	return m < 25 ? C_P2PKH : m < 35 ? C_P2SH : m < 85 ? C_P2WPKH : C_P2TR;
}

/* The address id of case wallet w in copy c (one exchange for all). */
static uint64_t case_addr(unsigned c, int w)
{
	return CASE_BASE + (w == W_HOT ? 0 : (uint64_t)c * N_CASE) +
	       (uint64_t)w;
}

/* The address's key material: 32 bytes fixed by its id. */
static void addr_key(uint64_t id, uint8_t k[32])
{
	for (int i = 0; i < 4; i++) {
		uint64_t v = mix64(id * 4 + (uint64_t)i + 0x7472616365ull);

		memcpy(k + 8 * i, &v, 8);
	}
}

/* The output script of address id. Returns its length. */
static size_t addr_script(uint64_t id, uint8_t s[34])
{
	uint8_t k[32];

	addr_key(id, k);
	switch (addr_class(id)) {
	case C_P2PKH: /* OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG */
		s[0] = 0x76, s[1] = 0xa9, s[2] = 0x14;
		memcpy(s + 3, k, 20);
		s[23] = 0x88, s[24] = 0xac;
		return 25;
	case C_P2SH: /* OP_HASH160 <20> OP_EQUAL */
		s[0] = 0xa9, s[1] = 0x14;
		memcpy(s + 2, k, 20);
		s[22] = 0x87;
		return 23;
	case C_P2WPKH:
		s[0] = 0x00, s[1] = 0x14;
		memcpy(s + 2, k, 20);
		return 22;
	default: /* P2TR: witness v1, 32-byte program */
		s[0] = 0x51, s[1] = 0x20;
		memcpy(s + 2, k, 32);
		return 34;
	}
}

/* What spends a coin of address id: placeholder signatures shaped as
 * real ones, where each script type carries them. */
static enum trc_err add_input(struct btc_tx *tx, const struct coin *c,
			      struct trc_error *err)
{
	uint8_t sig[72] = { 0x30, 0x45 }, key[33] = { 0x02 }, ss[107];
	uint8_t redeem[23] = { 0x16, 0x00, 0x14 }, schnorr[64] = { 0x01 };
	enum cls cls = addr_class(c->addr);
	uint32_t i = tx->n_in;
	enum trc_err rc;

	sig[71] = 0x01; /* SIGHASH_ALL */
	addr_key(c->addr, key + 1);
	memcpy(redeem + 3, key + 1, 20);
	if (cls == C_P2PKH) {
		ss[0] = sizeof(sig);
		memcpy(ss + 1, sig, sizeof(sig));
		ss[73] = sizeof(key);
		memcpy(ss + 74, key, sizeof(key));
		return btc_tx_add_input(tx, c->txid, c->vout, ss, sizeof(ss),
					0xfffffffdu, err);
	}
	rc = btc_tx_add_input(
		tx, c->txid, c->vout, cls == C_P2SH ? redeem : NULL,
		cls == C_P2SH ? sizeof(redeem) : 0, 0xfffffffdu, err);
	if (!rc && cls == C_P2TR)
		return btc_tx_add_witness(tx, i, schnorr, sizeof(schnorr), err);
	if (!rc)
		rc = btc_tx_add_witness(tx, i, sig, sizeof(sig), err);
	if (!rc)
		rc = btc_tx_add_witness(tx, i, key, sizeof(key), err);
	return rc;
}

static enum trc_err nomem(struct gen *g)
{
	return trc_fail(g->err, TRC_ERR_NOMEM, "out of memory");
}

/*
 * An array of n used elements of `size` bytes with room for one more:
 * arr itself, or moved (doubling *cap). NULL when out of memory (arr is
 * then unchanged and still the caller's).
 */
static void *grow(void *arr, uint32_t n, uint32_t *cap, size_t size)
{
	uint32_t c = *cap ? *cap * 2 : 1024;
	void *p;

	if (n < *cap)
		return arr;
	if ((p = realloc(arr, (size_t)c * size)))
		*cap = c;
	return p;
}

static enum trc_err pool_add(struct gen *g, const struct coin *c)
{
	struct wallet *w = &g->wallets[c->wallet];
	int32_t i = (int32_t)g->n_pool;
	struct coin *p = grow(g->pool, g->n_pool, &g->cap_pool, sizeof(*p));

	if (!p)
		return nomem(g);
	g->pool = p;
	g->pool[i] = *c;
	g->pool[i].prev = -1;
	g->pool[i].next = w->head;
	if (w->head >= 0)
		g->pool[w->head].prev = i;
	w->head = i;
	w->count++;
	g->n_pool++;
	return TRC_OK;
}

/* Takes coin i out of the pool (the last coin moves into its slot). */
static struct coin pool_take(struct gen *g, int32_t i)
{
	struct coin c = g->pool[i], *m;
	struct wallet *w = &g->wallets[c.wallet];
	int32_t last = (int32_t)--g->n_pool;

	if (c.prev >= 0)
		g->pool[c.prev].next = c.next;
	else
		w->head = c.next;
	if (c.next >= 0)
		g->pool[c.next].prev = c.prev;
	w->count--;
	if (i != last) {
		g->pool[i] = g->pool[last];
		m = &g->pool[i];
		if (m->prev >= 0)
			g->pool[m->prev].next = i;
		else
			g->wallets[m->wallet].head = i;
		if (m->next >= 0)
			g->pool[m->next].prev = i;
	}
	return c;
}

static enum trc_err new_wallet(struct gen *g, uint64_t addr0, uint32_t *out)
{
	struct wallet *p =
		grow(g->wallets, g->n_wallets, &g->cap_wallets, sizeof(*p));

	if (!p)
		return nomem(g);
	g->wallets = p;
	g->wallets[g->n_wallets].head = -1;
	g->wallets[g->n_wallets].count = 0;
	g->wallets[g->n_wallets].addr0 = addr0 ? addr0 : g->next_addr++;
	*out = g->n_wallets++;
	return TRC_OK;
}

/* A fresh address of background wallet w. */
static struct out_spec fresh(struct gen *g, uint32_t w, uint64_t value)
{
	struct out_spec o = { value, g->next_addr++, w, -1 };

	return o;
}

/* ---- transactions ---- */

/* A new non-coinbase tx of the block (empty, begun). */
static struct btc_tx *next_tx(struct gen *g)
{
	struct btc_tx *tx = grow(g->txs, g->n_txs, &g->cap_txs, sizeof(*tx));

	if (!tx)
		return NULL;
	g->txs = tx;
	tx = &g->txs[g->n_txs];
	btc_tx_init(tx);
	btc_tx_begin(tx, 2, 0);
	return tx;
}

/* Adds outputs, finishes tx and puts its coins where they belong. */
static enum trc_err emit(struct gen *g, struct btc_tx *tx,
			 const struct out_spec *o, size_t n)
{
	enum trc_err rc = TRC_OK;
	uint8_t s[34];

	for (size_t i = 0; i < n && !rc; i++)
		rc = btc_tx_add_output(tx, o[i].value, s,
				       addr_script(o[i].addr, s), g->err);
	if (!rc)
		rc = btc_tx_finish(tx, g->err);
	for (size_t i = 0; i < n && !rc; i++) {
		struct coin c = { { 0 },       o[i].value,  o[i].addr,
				  (uint32_t)i, o[i].wallet, -1,
				  -1 };

		memcpy(c.txid, tx->txid, 32);
		if (o[i].case_w >= 0) {
			struct case_purse *p = &g->purse[o[i].case_w];

			if (p->n == CASE_COINS)
				rc = trc_fail(g->err, TRC_ERR_INVALID,
					      "case wallet %s holds too many "
					      "coins",
					      case_wallets[o[i].case_w % N_CASE]
						      .name);
			else
				p->c[p->n++] = c;
		} else {
			rc = pool_add(g, &c);
		}
	}
	if (rc) {
		btc_tx_release(tx);
		return rc;
	}
	g->n_txs++;
	return TRC_OK;
}

/* Spends the coins in (n), pays outs, the last taking the rest. */
static enum trc_err spend(struct gen *g, const struct coin *in, size_t n,
			  struct out_spec *o, size_t n_out)
{
	struct btc_tx *tx = next_tx(g);
	uint64_t sum = 0, paid = 0;
	enum trc_err rc = TRC_OK;

	if (!tx)
		return nomem(g);
	for (size_t i = 0; i < n && !rc; i++) {
		sum += in[i].value;
		rc = add_input(tx, &in[i], g->err);
	}
	for (size_t i = 0; i + 1 < n_out; i++)
		paid += o[i].value;
	if (!rc && sum < paid + FEE + 1)
		rc = trc_fail(g->err, TRC_ERR_INVALID, "outputs exceed inputs");
	if (rc) {
		btc_tx_release(tx);
		return rc;
	}
	o[n_out - 1].value = sum - paid - FEE;
	return emit(g, tx, o, n_out);
}

/* A payee: the exchange (a fresh deposit address), a new wallet, or an
 * existing one (at its first address now and then). */
static enum trc_err payee(struct gen *g, uint64_t value, struct out_spec *o)
{
	uint32_t r = rnd(g, 100), w;

	if (r < 12) {
		*o = fresh(g, 0, value);
		return TRC_OK;
	}
	if (r < 22) {
		enum trc_err rc = new_wallet(g, 0, &w);

		o->value = value, o->addr = g->wallets[w].addr0;
		o->wallet = w, o->case_w = -1;
		return rc;
	}
	w = MINERS + 1 + rnd(g, g->n_wallets - MINERS - 1);
	*o = fresh(g, w, value);
	if (r < 40)
		o->addr = g->wallets[w].addr0;
	return TRC_OK;
}

/* Takes up to k more coins of wallet w into in[] (from *n). */
static void take_more(struct gen *g, uint32_t w, struct coin *in, size_t *n,
		      size_t k)
{
	while (*n < k && g->wallets[w].head >= 0)
		in[(*n)++] = pool_take(g, g->wallets[w].head);
}

/* n_pay payees sharing what the inputs hold, the change to change. */
static enum trc_err pay_many(struct gen *g, struct coin *in, size_t n,
			     size_t n_pay, struct out_spec change)
{
	struct out_spec o[MAX_OUT];
	uint64_t sum = 0, each;
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; i < n; i++)
		sum += in[i].value;
	if (sum < FEE + DUST) { /* too small alone: back to the pool */
		for (size_t i = 0; i < n && !rc; i++)
			rc = pool_add(g, &in[i]);
		g->skipped = true;
		return rc;
	}
	if ((sum - FEE) / (n_pay + 1) < DUST)
		n_pay = (size_t)((sum - FEE) / DUST) - 1;
	each = n_pay ? (sum - FEE) / (n_pay + 1) : 0;
	if (n_pay == 1) { /* a payment: 10 to 90 % to the payee */
		each = (sum - FEE) / 100 * (10 + rnd(g, 81));
		each = each < DUST ? DUST : each;
		each = each > sum - FEE - DUST ? sum - FEE - DUST : each;
	}
	for (size_t i = 0; i < n_pay && !rc; i++)
		rc = payee(g, each, &o[i]);
	o[n_pay] = change;
	return rc ? rc : spend(g, in, n, o, n_pay + 1);
}

/* The exchange sweeps deposits into its hot wallet. */
static enum trc_err sweep(struct gen *g)
{
	struct coin in[MAX_IN];
	size_t n = 0;
	struct out_spec o = { 0, g->wallets[0].addr0, 0, -1 };

	take_more(g, 0, in, &n, 10 + rnd(g, 21));
	return spend(g, in, n, &o, 1);
}

/* One background transaction. */
static enum trc_err background(struct gen *g)
{
	struct coin in[MAX_IN];
	size_t n = 0;
	uint32_t r = rnd(g, 100), w;
	bool full = g->n_pool >= POOL_CAP, small = g->n_pool < 64;

	if (g->wallets[0].count >= 20 && r < 4)
		return sweep(g);
	if (g->wallets[0].count && r < 8 && !full) { /* withdrawals */
		in[n++] = pool_take(g, g->wallets[0].head);
		return pay_many(
			g, in, n, 5 + rnd(g, 26),
			(struct out_spec){ 0, g->wallets[0].addr0, 0, -1 });
	}
	in[n++] = pool_take(g, (int32_t)rnd(g, g->n_pool));
	w = in[0].wallet;
	r = rnd(g, 100);
	if (g->wallets[w].count >= 4 && (r < 8 || (full && r < 40))) {
		take_more(g, w, in, &n, 3 + rnd(g, 18));
		return pay_many(g, in, n, 0, fresh(g, w, 0));
	}
	if (!full && (r < 12 || small))
		return pay_many(g, in, n, 5 + rnd(g, 16), fresh(g, w, 0));
	if (r < 40 || in[0].value < FEE + 2 * DUST)
		take_more(g, w, in, &n, 2);
	return pay_many(g, in, n, 1, fresh(g, w, 0));
}

/* One transaction of copy c of the case. */
static enum trc_err case_tx(struct gen *g, const struct case_tx *t, unsigned c)
{
	struct case_purse *purse = g->purse + (size_t)c * N_CASE;
	struct coin in[3 * CASE_COINS];
	struct out_spec o[3];
	size_t n = 0, k = 0;

	for (int i = 0; i < 3 && t->in[i] >= 0; i++) {
		struct case_purse *p = &purse[t->in[i]];

		if (!p->n)
			return trc_fail(g->err, TRC_ERR_INVALID,
					"case wallet "
					"%s has no coin at its spend",
					case_wallets[t->in[i]].name);
		for (unsigned j = 0; j < p->n; j++)
			in[n++] = p->c[j];
		p->n = 0;
	}
	for (; k < 3 && t->out[k].to >= 0; k++) {
		o[k].value = t->out[k].sat;
		o[k].addr = case_addr(c, t->out[k].to);
		o[k].wallet = UINT32_MAX;
		o[k].case_w = (int)(c * N_CASE) + t->out[k].to;
	}
	return spend(g, in, n, o, k);
}

/* ---- blocks and files ---- */

static enum trc_err open_next_file(struct gen *g)
{
	char path[4096];

	if (g->f && fclose(g->f))
		return trc_fail(g->err, TRC_ERR_IO,
				"cannot write blk%05u.dat "
				"in '%s'",
				g->file_no - 1, g->dir);
	snprintf(path, sizeof(path), "%s/blocks/blk%05u.dat", g->dir,
		 g->file_no++);
	g->f = fopen(path, "wb");
	g->file_bytes = 0;
	if (!g->f)
		return trc_fail(g->err, TRC_ERR_IO, "cannot create '%s': %s",
				path, strerror(errno));
	return TRC_OK;
}

/* Writes the built block, framed, and starts the next one. */
static enum trc_err frame(struct gen *g)
{
	uint8_t len[4];
	enum trc_err rc;

	buf_reset(&g->enc);
	rc = btc_block_encode(&g->block, &g->enc, g->err);
	if (!rc && g->file_bytes + 8 + g->enc.len > BLK_FILE_MAX)
		rc = open_next_file(g);
	if (rc)
		return rc;
	le32_put(len, (uint32_t)g->enc.len);
	if (fwrite(g->net->magic[0], 1, 4, g->f) != 4 ||
	    fwrite(len, 1, 4, g->f) != 4 ||
	    fwrite(g->enc.data, 1, g->enc.len, g->f) != g->enc.len)
		return trc_fail(g->err, TRC_ERR_IO,
				"cannot write blk%05u.dat "
				"in '%s'",
				g->file_no - 1, g->dir);
	g->file_bytes += 8 + g->enc.len;
	g->blk_bytes += 8 + g->enc.len;
	for (uint32_t i = 0; i < g->block.n_tx; i++) {
		g->inputs += g->block.tx[i].n_in;
		g->outputs += g->block.tx[i].n_out;
	}
	g->total_txs += g->block.n_tx;
	g->blocks++;
	memcpy(g->prev, g->block.hdr.hash, 32);
	btc_block_release(&g->block);
	btc_block_init(&g->block);
	return TRC_OK;
}

/* The coinbase (paying the miners, and at the fund height the case),
 * then the block's other txs; its coins enter the pool once final. */
static enum trc_err finish_block(struct gen *g, uint32_t height, bool fund)
{
	static const char tag[] = "tracer bench";
	struct btc_tx cb = BTC_TX_INIT;
	uint64_t value = SUBSIDY + (uint64_t)FEE * g->n_txs;
	uint32_t miner = 1 + height % MINERS;
	uint64_t maddr = g->next_addr++;
	uint8_t s[34];
	enum trc_err rc;

	btc_tx_begin(&cb, 2, 0);
	rc = btc_tx_add_coinbase(&cb, height, (const uint8_t *)tag,
				 sizeof(tag) - 1, g->err);
	if (!rc)
		rc = btc_tx_add_output(
			&cb, value - (fund ? FUND_VICTIM + FUND_CLEAN : 0), s,
			addr_script(maddr, s), g->err);
	for (unsigned c = 0; c < (fund ? g->copies : 0) && !rc; c++) {
		rc = btc_tx_add_output(&cb, FUND_VICTIM, s,
				       addr_script(case_addr(c, W_VICTIM), s),
				       g->err);
		if (!rc)
			rc = btc_tx_add_output(
				&cb, FUND_CLEAN, s,
				addr_script(case_addr(c, W_CLEAN), s), g->err);
	}
	if (!rc)
		rc = btc_tx_finish(&cb, g->err);
	if (!rc)
		rc = btc_block_take_tx(&g->block, &cb, g->err);
	btc_tx_release(&cb);
	for (uint32_t i = 0; i < g->n_txs; i++) {
		if (!rc)
			rc = btc_block_take_tx(&g->block, &g->txs[i], g->err);
		btc_tx_release(&g->txs[i]);
	}
	g->n_txs = 0;
	if (!rc)
		rc = btc_block_finish(&g->block, 0x20000000u, g->prev,
				      START_TIME + height * SPACING, BITS,
				      g->err);
	if (!rc) { /* the commitment changed the coinbase's txid */
		struct coin c = { { 0 }, value, maddr, 0, miner, -1, -1 };

		memcpy(c.txid, g->block.tx[0].txid, 32);
		if (fund)
			c.value -= FUND_VICTIM + FUND_CLEAN;
		for (unsigned k = 0; k < (fund ? 2 * g->copies : 0); k++) {
			int w = k % 2 ? W_CLEAN : W_VICTIM;
			struct case_purse *p = &g->purse[k / 2 * N_CASE + w];
			struct coin f = c;

			f.vout = 1 + k;
			f.addr = case_addr(k / 2, w);
			f.value = w == W_VICTIM ? FUND_VICTIM : FUND_CLEAN;
			p->c[p->n++] = f;
		}
		rc = pool_add(g, &c);
	}
	return rc ? rc : frame(g);
}

static uint32_t at_height(unsigned permille, uint32_t blocks)
{
	return 1 + (uint32_t)((uint64_t)permille * (blocks - 1) / 1000);
}

/* The case's txs at height, every copy of each in story order. */
static enum trc_err case_txs(struct gen *g, uint32_t height, uint32_t blocks)
{
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; i < STORY_LEN && !rc; i++)
		for (unsigned c = 0; c < g->copies && !rc; c++)
			if (at_height(story[i].permille, blocks) == height)
				rc = case_tx(g, &story[i], c);
	return rc;
}

/* Block `height` of `blocks` holding `want` txs, coinbase included. */
static enum trc_err build_block(struct gen *g, uint32_t height, uint32_t blocks,
				uint64_t want)
{
	uint64_t mid = want / 2;
	bool case_done = false;
	unsigned skips = 0;
	enum trc_err rc = TRC_OK;

	while (!rc && g->n_txs + 1 < want && skips < 10000) {
		if (!case_done && g->n_txs + 1 >= mid) {
			rc = case_txs(g, height, blocks);
			case_done = true;
		} else if (g->n_pool) {
			g->skipped = false;
			rc = background(g);
			skips = g->skipped ? skips + 1 : 0;
		} else {
			break;
		}
	}
	if (!rc && !case_done)
		rc = case_txs(g, height, blocks);
	if (rc)
		return trc_error_prefix(g->err, rc, "block %u", height);
	return finish_block(g, height,
			    height == at_height(FUND_PERMILLE, blocks));
}

/* This generator's genesis block: a coinbase to the first miner. */
static enum trc_err genesis(struct gen *g)
{
	static const uint8_t tag[] = "tracer bench genesis";
	struct btc_tx cb = BTC_TX_INIT;
	uint8_t s[34];
	enum trc_err rc;

	btc_tx_begin(&cb, 1, 0);
	rc = btc_tx_add_coinbase(&cb, 0, tag, sizeof(tag) - 1, g->err);
	if (!rc)
		rc = btc_tx_add_output(&cb, SUBSIDY, s,
				       addr_script(g->next_addr++, s), g->err);
	if (!rc)
		rc = btc_tx_finish(&cb, g->err);
	if (!rc)
		rc = btc_block_take_tx(&g->block, &cb, g->err);
	btc_tx_release(&cb);
	if (!rc)
		rc = btc_block_finish(&g->block, 1, g->prev, START_TIME, BITS,
				      g->err);
	return rc ? rc : frame(g);
}

static enum trc_err generate(struct gen *g, uint64_t n_txs, uint32_t per)
{
	uint32_t blocks = (uint32_t)((n_txs - 1 + per - 1) / per), w;
	enum trc_err rc;

	/* the case's fractions fall on distinct heights from 25 blocks */
	if (blocks < 25)
		return trc_fail(g->err, TRC_ERR_INVALID,
				"%llu txs make "
				"fewer than 25 blocks of %u",
				(unsigned long long)n_txs, per);
	/* wallet 0 is the exchange (its hot wallet the case's), then the
	 * miners, then one user to pay */
	rc = new_wallet(g, CASE_BASE + W_HOT, &w);
	for (int i = 0; i <= MINERS && !rc; i++)
		rc = new_wallet(g, 0, &w);
	if (!rc)
		rc = genesis(g);
	for (uint32_t h = 1; h <= blocks && !rc; h++) {
		uint64_t left = n_txs - g->total_txs;
		uint32_t blocks_left = blocks - h + 1;

		rc = build_block(g, h, blocks,
				 (left + blocks_left - 1) / blocks_left);
	}
	if (!rc && g->total_txs != n_txs)
		rc = trc_fail(g->err, TRC_ERR_INVALID,
			      "made %llu txs, not "
			      "%llu",
			      (unsigned long long)g->total_txs,
			      (unsigned long long)n_txs);
	return rc;
}

/* ---- the case's files ---- */

static void addr_string(struct gen *g, unsigned c, int w,
			char out[BTC_ADDR_MAX])
{
	uint8_t s[34];
	size_t n = addr_script(case_addr(c, w), s);

	btc_script_classify(s, n, g->net, out, BTC_ADDR_MAX);
}

static enum trc_err write_case(struct gen *g)
{
	char path[4096], a[BTC_ADDR_MAX];
	FILE *f;
	int bad;

	snprintf(path, sizeof(path), "%s/case.env", g->dir);
	if (!(f = fopen(path, "w")))
		goto fail;
	fprintf(f, "# gen_chain's case: wallet addresses (regtest)\n");
	for (int w = 0; w < N_CASE; w++) {
		addr_string(g, 0, w, a);
		fprintf(f, "CASE_%s=%s\n", case_wallets[w].name, a);
	}
	fprintf(f, "CASE_COPIES=%u\nCASE_HACKERS=\"", g->copies);
	for (unsigned c = 0; c < g->copies; c++) {
		addr_string(g, c, W_HACKER, a);
		fprintf(f, "%s%s", c ? " " : "", a);
	}
	fprintf(f, "\"\n");
	fprintf(f, "CASE_SEED_TOTAL=%llu\n", (unsigned long long)SEED_TOTAL);
	bad = fclose(f);
	snprintf(path, sizeof(path), "%s/tags.csv", g->dir);
	if (bad || !(f = fopen(path, "w")))
		goto fail;
	addr_string(g, 0, W_HOT, a);
	fprintf(f,
		"chain,address,entity,category,source,confidence\n"
		"btc,%s,Bench Exchange,exchange,tracer gen_chain,90\n",
		a);
	if (fclose(f))
		goto fail;
	return TRC_OK;
fail:
	return trc_fail(g->err, TRC_ERR_IO, "cannot write '%s': %s", path,
			strerror(errno));
}

static int number(const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (!*s || *end || *s == '-' || errno || v > max)
		return -1;
	*out = v;
	return 0;
}

static enum trc_err run(struct gen *g, uint64_t n_txs, uint32_t per)
{
	char path[4096];
	enum trc_err rc;

	snprintf(path, sizeof(path), "%s/blocks", g->dir);
	if ((mkdir(g->dir, 0777) && errno != EEXIST) ||
	    (mkdir(path, 0777) && errno != EEXIST))
		return trc_fail(g->err, TRC_ERR_IO, "cannot create '%s': %s",
				path, strerror(errno));
	rc = open_next_file(g);
	if (!rc)
		rc = generate(g, n_txs, per);
	if (g->f && fclose(g->f) && !rc)
		rc = trc_fail(g->err, TRC_ERR_IO, "cannot write '%s'", path);
	g->f = NULL;
	return rc ? rc : write_case(g);
}

int main(int argc, char **argv)
{
	struct trc_error err = TRC_ERROR_INIT;
	struct gen g;
	uint64_t n_txs = 0, per = 0, copies = 1;
	enum trc_err rc;

	memset(&g, 0, sizeof(g));
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--txs") &&
		    !number(argv[i + 1], 1ull << 34, &n_txs))
			continue;
		if (!strcmp(argv[i], "--per-block") &&
		    !number(argv[i + 1], 20000, &per) && per)
			continue;
		if (!strcmp(argv[i], "--case-copies") &&
		    !number(argv[i + 1], MAX_COPIES, &copies) && copies)
			continue;
		if (!strcmp(argv[i], "--out")) {
			g.dir = argv[i + 1];
			continue;
		}
		n_txs = 0;
		break;
	}
	if (!n_txs || !g.dir || argc % 2 == 0) {
		fputs("usage: gen_chain --txs N --out DIR [--per-block K] "
		      "[--case-copies C]\n",
		      stderr);
		return 2;
	}
	if (!per)
		per = n_txs / 100 < 10	   ? 10
		      : n_txs / 100 > 1000 ? 1000
					   : n_txs / 100;
	g.err = &err;
	g.copies = (unsigned)copies;
	g.purse = calloc(copies * N_CASE, sizeof(*g.purse));
	g.net = btc_network_find("regtest");
	btc_block_init(&g.block);
	buf_init(&g.enc, BTC_MAX_SERIALIZED);
	rc = !g.purse ? nomem(&g)
	     : g.net  ? run(&g, n_txs, (uint32_t)per)
		      : trc_fail(&err, TRC_ERR_UNSUPPORTED, "no regtest");
	if (!rc)
		printf("gen_chain: txs %llu blocks %llu blk_bytes %llu "
		       "inputs %llu outputs %llu\n",
		       (unsigned long long)g.total_txs,
		       (unsigned long long)g.blocks,
		       (unsigned long long)g.blk_bytes,
		       (unsigned long long)g.inputs,
		       (unsigned long long)g.outputs);
	else
		fprintf(stderr, "gen_chain: %s\n", err.msg);
	if (g.f)
		fclose(g.f);
	for (uint32_t i = 0; i < g.n_txs; i++)
		btc_tx_release(&g.txs[i]);
	free(g.txs);
	free(g.pool);
	free(g.wallets);
	free(g.purse);
	buf_release(&g.enc);
	btc_block_release(&g.block);
	return rc ? 1 : 0;
}
