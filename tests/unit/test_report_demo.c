/*
 * The demo chain generator: deterministic bytes, blk framing, the real
 * regtest genesis block first, every header linked to its parent and
 * meeting the regtest target, merkle roots over the txids.
 */
#include <stdlib.h>

#include "base/buf.h"
#include "base/hash.h"
#include "base/hex.h"
#include "chains/btc/block.h"
#include "chains/btc/net.h"
#include "tests/unit/harness.h"
#include "tracer/demo/demo_gen.h"

/* Regtest genesis block hash (display order), chainparams.cpp. */
#define REGTEST_GENESIS                                                        \
	"0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206"

static void read_all(const char *path, struct buf *b)
{
	struct trc_error e = TRC_ERROR_INIT;

	buf_reset(b);
	CHECK_OK(buf_read_file(b, path, &e), &e);
}

static void t_deterministic(void)
{
	struct demo_chain c = DEMO_CHAIN_INIT, d = DEMO_CHAIN_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	struct buf a = BUF_INIT(1 << 20), b = BUF_INIT(1 << 20);

	CHECK_OK(demo_gen_write(t_tmp("a.dat"), &c, &e), &e);
	CHECK_OK(demo_gen_write(t_tmp("b.dat"), &d, &e), &e);
	read_all(t_tmp("a.dat"), &a);
	read_all(t_tmp("b.dat"), &b);
	CHECK(a.len > 1000 && a.len == b.len);
	CHECK(a.len == b.len && !memcmp(a.data, b.data, a.len));
	CHECK_INT(c.blocks, 18);
	CHECK_INT(c.txs, 18 + 13); /* genesis + coinbases, the story */
	buf_release(&a);
	buf_release(&b);
	demo_chain_release(&c);
	demo_chain_release(&d);
}

/* The Bitcoin adapter's own decoder and checks accept every block. */
static void verify_block(const uint8_t *p, size_t len, size_t *segwit)
{
	struct btc_block b = BTC_BLOCK_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(btc_block_decode(&b, p, len, &e), &e);
	CHECK_OK(btc_block_verify(&b, btc_network_find("regtest"), &e), &e);
	CHECK(b.merkle_ok && b.pow_ok);
	*segwit += b.n_segwit;
	btc_block_release(&b);
}

/* Walks the blk file: magic, length, header checks. */
static void t_chain(void)
{
	struct demo_chain c = DEMO_CHAIN_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	struct buf f = BUF_INIT(1 << 20);
	uint8_t prev[32] = { 0 }, hash[32];
	char disp[65];
	size_t pos = 0, blocks = 0, segwit = 0;

	CHECK_OK(demo_gen_write(t_tmp("c.dat"), &c, &e), &e);
	read_all(t_tmp("c.dat"), &f);
	while (pos + 8 <= f.len) {
		const uint8_t *p = f.data + pos;
		uint32_t len = le32_get(p + 4);

		CHECK(!memcmp(p, "\xfa\xbf\xb5\xda", 4));
		CHECK(pos + 8 + len <= f.len);
		hash_sha256d(hash, p + 8, 80);
		CHECK(!memcmp(p + 12, prev, 32));
		CHECK(le32_get(p + 80) == 0x207fffff);
		CHECK(hash[31] <= 0x7f); /* below the regtest target */
		verify_block(p + 8, len, &segwit);
		if (!blocks) {
			hex_encode_rev(disp, hash, 32);
			CHECK_STR(disp, REGTEST_GENESIS);
		}
		memcpy(prev, hash, 32);
		pos += 8 + len;
		blocks++;
	}
	CHECK_INT(pos, f.len);
	CHECK_INT(blocks, c.blocks);
	CHECK(segwit > 0); /* P2WPKH spends carry witness data */
	/* the hacker first received at height 3, output 0 */
	CHECK_INT(c.first[demo_wallet_index("hacker")].height, 3);
	CHECK_INT(c.first[demo_wallet_index("hacker")].vout, 0);
	CHECK_INT(c.first[demo_wallet_index("walk_4")].height, 11);
	CHECK_INT(demo_wallet_index("nobody"), -1);
	buf_release(&f);
	demo_chain_release(&c);
}

TEST_MAIN({ "deterministic", t_deterministic }, { "chain", t_chain })
