/*
 * Difficulty anchors (chains/btc/anchors.h): real mainnet headers at and
 * around epoch boundaries accepted, forged ones refused, through the
 * checks the crawl's sources call (btc_src_header for follow mode,
 * btc_src_block for a range), and the table itself checked against the
 * real headers and blocks.
 *
 * Sources: the headers of mainnet blocks 2015, 2016 and 32256 as quoted
 * in public code (a bitcoin-headers fixture and Electrum's protocol
 * docs), 30240, 32255, 864864, 866879 and 866880 as pinned in a public
 * header-verification test; each is checked here to hash to a value that
 * meets its bits and (2015/2016, 32255/32256, 866879/866880) to link to
 * the one before. The blocks of ../shared/data/btc when present.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/hex.h"
#include "chains/btc/anchors.h"
#include "chains/btc/block.h"
#include "chains/btc/net.h"
#include "chains/btc/src.h"
#include "chains/crawl.h"
#include "tests/unit/harness.h"

static const struct {
	uint32_t height;
	const char *hex;
} real[] = {
	{ 2015, "01000000e25509cde707c3d02a693e4fe9e7cdd57c38a0d2c8d6341f20da"
		"e84b000000000c113df1185e162ee92d031fe21d1400ff7d705a3e9b9c86"
		"0eea855313cd8ca26c087f49ffff001d30b73231" },
	{ 2016, "010000006397bb6abd4fc521c0d3f6071b5650389f0b4551bc40b4e6b067"
		"306900000000ace470aecda9c8818c8fe57688cd2a772b5a57954a00df04"
		"20a7dd546b6d2c576b0e7f49ffff001d33f0192f" },
	{ 30240, "01000000e6bf7fd7f7790a63786faa878d0dc7fd8f2ff365732e45862c6"
		 "6075100000000700d342f65c7b6834dffb615358a1897016f04489133721"
		 "90cbe3d27a4b53355b1512b4bffff001dbfb02519" },
	{ 32255, "0100000049c1daab3b6536ff1b2633c3a316a6e06ec287676cdeec4ca7b"
		 "aae6b00000000ac10b36b8f354b3353207de15940a5edbc05bb8364af75b"
		 "4b5409e7823f2b48923ec3a4bffff001dbd5fa412" },
	{ 32256, "010000004b0360d834a330ec7833e30e1f523ee05a0793361e29a734219"
		 "64f980000000027b64a020af294e903feed93768705336a20090612a043f"
		 "47af462a2f5e5b564f8ee3a4b6ad8001dd3a43707" },
	{ 864864, "0000003a5f00e7df93f80524b5d0bca74ae81577d8e937ab4b92010000"
		  "00000000000000e44b8cd6f5baf8ddaa1284a4a6235f5ade7015ec93e9f"
		  "8c92206ff7e034fe0f4cf260667cd0e0317d37b1c47" },
	{ 866879, "00001022983c89b4d75d30477e574cfcaf078ed0e6757e4ecfd4000000"
		  "00000000000000af29e2d462f963e3fa4748a12ea2cc29cc8429db77e15"
		  "db3903566bb49e9cbc0e2e81767cd0e03176f0ce81f" },
	{ 866880, "00c06d33abfd7611d95588541b36cf913627c5e05fc8d9ec7d7c000000"
		  "00000000000000437f827366461f1e5e8253ca36ae6fb3c5bb8b023d9bf"
		  "b68eafb3991d7bb3e394de9176728f102177a39728a" },
};

#define N_REAL (sizeof(real) / sizeof(real[0]))

static const struct btc_network *mainnet(void)
{
	return btc_network_find("main");
}

static void header(size_t i, uint8_t raw[80], struct btc_header *h)
{
	size_t n;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(hex_decode(raw, 80, &n, real[i].hex, 160, &e), &e);
	CHECK_OK(btc_header_decode(h, raw, 80, &e), &e);
}

/* Each real header passes the follow-mode check at its height. */
static void t_real_headers(void)
{
	uint8_t raw[80], hash[32], merkle[32], prev[32], last[32];
	uint32_t time;
	struct trc_error e = TRC_ERROR_INIT;
	struct btc_header h;

	for (size_t i = 0; i < N_REAL; i++) {
		header(i, raw, &h);
		CHECK_OK(btc_src_header(mainnet(), real[i].height, raw, hash,
					merkle, prev, &time, &e),
			 &e);
		if (i && real[i].height == real[i - 1].height + 1)
			CHECK(!memcmp(prev, last, 32));
		memcpy(last, hash, 32);
	}
	header(4, raw, &h);
	CHECK_INT(h.bits, 0x1d00d86a); /* the first retarget, at 32256 */
	header(7, raw, &h);
	CHECK_INT(h.bits, 0x1702f128); /* past the table, 4x bound holds */
}

/* A real header claimed at another height is refused. */
static void t_wrong_height(void)
{
	uint8_t raw[80];
	struct btc_header h;
	struct trc_error e = TRC_ERROR_INIT;

	header(4, raw, &h); /* 32256's bits are not the epoch before's */
	CHECK_INT(btc_header_check_anchor(mainnet(), 32254, &h, &e),
		  TRC_ERR_VERIFY);
	CHECK(strstr(e.msg,
		     "bits 0x1d00d86a, but the difficulty epoch of "
		     "height 32254 (from 30240) has 0x1d00ffff") != NULL);
	CHECK_INT(btc_header_check_anchor(mainnet(), 32255, &h, &e),
		  TRC_ERR_VERIFY);
	header(1, raw, &h); /* 2016 has 2015's bits, not its hash */
	CHECK_INT(btc_header_check_anchor(mainnet(), 2015, &h, &e),
		  TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "the difficulty anchor at height 2015 is "
			    "00000000693067b0") != NULL);
	header(0, raw, &h);
	CHECK_OK(btc_header_check_anchor(mainnet(), 2015, &h, &e), &e);
	/* a header from the early chain posing as a modern one */
	CHECK_INT(btc_header_check_anchor(mainnet(), 700000, &h, &e),
		  TRC_ERR_VERIFY);
	header(7, raw, &h);
	CHECK_INT(btc_header_check_anchor(mainnet(), 700000, &h, &e),
		  TRC_ERR_VERIFY);
}

/*
 * Forged headers: the easiest target mainnet allows (what a forger who
 * mines 2^32 hashes can meet) in a tabled epoch and past the table, and
 * the 4x bound at its edge. The anchor check looks only at the bits, so
 * the forgeries need not be mined here.
 */
static void t_forged(void)
{
	uint8_t raw[80];
	struct btc_header h;
	struct trc_error e = TRC_ERROR_INIT;
	size_t n;
	bool bits;
	const struct btc_anchor *rows = btc_anchors(mainnet(), &n, &bits);
	uint32_t last = rows[n - 1].bits;

	header(7, raw, &h);
	h.bits = 0x1d00ffff;
	btc_header_rehash(&h);
	CHECK_INT(btc_header_check_anchor(mainnet(), 866881, &h, &e),
		  TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "more than 4 times easier than the last "
			    "difficulty anchor") != NULL);
	CHECK_INT(btc_header_check_anchor(mainnet(), 574200, &h, &e),
		  TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "has 0x172c4e11") != NULL);
	/* its proof of work fails first through the follow-mode call */
	btc_header_encode(&h, raw);
	{
		uint8_t a[32], b[32], c[32];
		uint32_t t;

		CHECK_INT(
			btc_src_header(mainnet(), 866881, raw, a, b, c, &t, &e),
			TRC_ERR_VERIFY);
	}
	/* the bound itself: 4x the last anchor passes, one more fails */
	h.bits = last + 0x01000000u; /* mantissa x 256 */
	CHECK_INT(btc_header_check_anchor(
			  mainnet(), rows[n - 1].height + BTC_EPOCH, &h, &e),
		  TRC_ERR_VERIFY);
	h.bits = (last & 0xff000000u) | ((last & 0x00ffffffu) * 4);
	CHECK((last & 0x00ffffffu) * 4 < 0x00800000u);
	CHECK_OK(btc_header_check_anchor(
			 mainnet(), rows[n - 1].height + BTC_EPOCH, &h, &e),
		 &e);
	h.bits += 1;
	CHECK_INT(btc_header_check_anchor(
			  mainnet(), rows[n - 1].height + BTC_EPOCH, &h, &e),
		  TRC_ERR_VERIFY);
}

/* The table: mainnet rows carry bits, testnet3 rows only hashes, and
 * networks without anchors accept any bits. */
static void t_table(void)
{
	size_t n;
	bool bits;
	const struct btc_anchor *rows = btc_anchors(mainnet(), &n, &bits);
	uint8_t raw[80];
	struct btc_header h;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK(rows && bits && n == 371);
	CHECK_INT(rows[0].height, 2016);
	CHECK_INT(rows[15].height, 32256);
	CHECK_INT(rows[15].bits, 0x1d00d86a);
	rows = btc_anchors(btc_network_find("test"), &n, &bits);
	CHECK(rows && !bits && n == 1160);
	CHECK_STR(rows[0].hash, "00000000864b744c5025331036aa4a16e9ed1cbb362"
				"908c625272150fa059b29");
	CHECK(!btc_anchors(btc_network_find("regtest"), &n, &bits) && !n);
	CHECK(!btc_anchors(btc_network_find("signet"), &n, &bits));
	CHECK(!btc_anchors(btc_network_find("testnet4"), &n, &bits));
	header(7, raw, &h);
	h.bits = 0x1d00ffff;
	CHECK_OK(btc_header_check_anchor(btc_network_find("signet"), 866881, &h,
					 &e),
		 &e);
	/* testnet3: any bits (the 20-minute rule), the hashes checked */
	CHECK_OK(
		btc_header_check_anchor(btc_network_find("test"), 2016, &h, &e),
		&e);
	CHECK_INT(
		btc_header_check_anchor(btc_network_find("test"), 2015, &h, &e),
		TRC_ERR_VERIFY);
}

/* The real blocks' bits match their epochs; the first block of a range
 * (btc_src_block) is refused when its height puts it in another. */
static void t_shared_blocks(void)
{
	static const uint32_t heights[] = { 277647, 540107, 574200 };
	static const char *const names[] = { "btc/block-277647.bin",
					     "btc/block-540107.bin",
					     "btc/block-574200.bin" };
	struct buf raw = BUF_INIT(BTC_MAX_SERIALIZED);
	struct trc_error e = TRC_ERROR_INIT;

	if (!t_shared("btc")) {
		t_skip("../shared/data/btc is absent (set TRACER_SHARED_DATA)");
		return;
	}
	for (size_t i = 0; i < 3; i++) {
		const char *path = t_shared(names[i]);
		struct crawl_block cb;

		CHECK(path != NULL);
		if (!path)
			continue;
		buf_reset(&raw);
		CHECK_OK(buf_read_file(&raw, path, &e), &e);
		memset(&cb, 0, sizeof(cb));
		CHECK_OK(btc_src_block(mainnet(), raw.data, raw.len, heights[i],
				       NULL, "test", &cb, &e),
			 &e);
		/* each tx is in the verified block: its outputs verified */
		for (uint32_t k = 0; k < cb.n_txs; k++)
			CHECK(rec_tx_level(&cb.txs[k], 0) ==
			      REC_LEVEL_VERIFIED);
		CHECK(cb.n_txs > 0);
		crawl_block_release(&cb);
		memset(&cb, 0, sizeof(cb));
		CHECK_INT(btc_src_block(mainnet(), raw.data, raw.len,
					heights[i] + BTC_EPOCH, NULL, "test",
					&cb, &e),
			  TRC_ERR_VERIFY);
		CHECK(strstr(e.msg, "difficulty") != NULL ||
		      strstr(e.msg, "BIP34") != NULL);
	}
	buf_release(&raw);
}

TEST_MAIN({ "real_headers", t_real_headers },
	  { "wrong_height", t_wrong_height }, { "forged", t_forged },
	  { "table", t_table }, { "shared_blocks", t_shared_blocks })
