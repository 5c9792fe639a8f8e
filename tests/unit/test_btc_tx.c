/*
 * Transactions and blocks of chains/btc: real mainnet transactions and
 * blocks with known hashes, round trips through the encoder, hostile
 * inputs, merkle proofs, the builder, and the real blocks of
 * ../shared/data/btc when present.
 *
 * Sources: the transactions are mainnet's f4184fc5... (block 170, the
 * first payment, P2PK), aca326a7... (P2PKH), 1a3e8964... (a 2-of-3 P2WSH
 * spend) and 33e794d0... (the first P2TR spend), as embedded in Bitcoin
 * Core's kernel tests, and c434944f... (a P2WPKH spend at height 712000);
 * sizes, weights and wtxids were computed by bcoin 1.0.2 (TX.fromRaw). Blocks 0
 * and 1 and the header of block 170 are mainnet's. Compact-bits vectors are
 * Bitcoin Core's arith_uint256 tests.
 */
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "chains/btc/block.h"
#include "chains/btc/net.h"
#include "chains/btc/script.h"
#include "chains/btc/tx.h"
#include "chains/btc/varint.h"
#include "store/record.h"
#include "tests/unit/harness.h"

#define TX_HAL                                                                 \
	"0100000001c997a5e56e104102fa209c6a852dd90660a20b2d9c352423edce25857f" \
	"cd3704000000004847304402204e45e16932b8af514961a1d3a1a25fdf3f4f7732e9" \
	"d624c6c61548ab5fb8cd410220181522ec8eca07de4860a4acdd12909d831cc56cbb" \
	"ac4622082221a8768d1d0901ffffffff0200ca9a3b00000000434104ae1a62fe09c5" \
	"f51b13905f07f06b99a2f7159b2225f374cd378d71302fa28414e7aab37397f554a7" \
	"df5f142c21c1b7303b8a0626f1baded5c72a704f7e6cd84cac00286bee0000000043" \
	"410411db93e1dcdb8a016b49840f8c53bc1eb68a382e97b1482ecad7b148a6909a5c" \
	"b2e0eaddfb84ccf9744464f82e160bfa9b8b64f9d4c03f999b8643f656b412a3ac00" \
	"000000"
#define TX_P2PKH                                                               \
	"02000000013f7cebd65c27431a90bba7f796914fe8cc2ddfc3f2cbd6f7e5f2fc8545" \
	"34da95000000006b483045022100de1ac3bcdfb0332207c4a91f3832bd2c29158401" \
	"65f876ab47c5f8996b971c3602201c6c053d750fadde599e6f5c4e1963df0f01fc0d" \
	"97815e8157e3d59fe09ca30d012103699b464d1d8bc9e47d4fb1cdaa89a1c5783d68" \
	"363c4dbc4b524ed3d857148617feffffff02836d3c01000000001976a914fc25d6d5" \
	"c94003bf5b0c7b640a248e2c637fcfb088ac7ada8202000000001976a914fbed3d9b" \
	"11183209a57999d54d59f67c019e756c88ac6acb0700"
#define TX_P2WSH                                                               \
	"010000000001011f97548fbbe7a0db7588a66e18d803d0089315aa7d4cc28360b6ec" \
	"50ef36718a0100000000ffffffff02df1776000000000017a9146c002a686959067f" \
	"4866b8fb493ad7970290ab728757d29f0000000000220020701a8d401c84fb13e6ba" \
	"f169d59684e17abd9fa216c8cc5b9fc63d622ff8c58d04004730440220565d170eed" \
	"95ff95027a69b313758450ba84a01224e1f7f130dda46e94d13f8602207bdd20e307" \
	"f062594022f12ed5017bbf4a055a06aea91c10110a0e3bb23117fc01473044022064" \
	"7d2dc5b15f60bc37dc42618a370b2a1490293f9e5c8464f53ec4fe1dfe0673022035" \
	"98773895b4b16d37485cbe21b337f4e4b650739880098c592553add7dd4355016952" \
	"210375e00eb72e29da82b89367947f29ef34afb75e8654f6ea368e0acdfd92976b7c" \
	"2103a1b26313f430c4b15bb1fdce663207659d8cac749a0e53d70eff01874496feff" \
	"2103c96d495bfdd5ba4145e3e046fee45e84a8a48ad05bd8dbb395c011a32cf9f880" \
	"53ae00000000"
#define TX_P2TR                                                                \
	"01000000000101d1f1c1f8cdf6759167b90f52c9ad358a369f95284e841d7a2536ce" \
	"f31c0549580100000000fdffffff020000000000000000316a2f49206c696b652053" \
	"63686e6f7272207369677320616e6420492063616e6e6f74206c69652e2040626974" \
	"62756734329e06010000000000225120a37c3903c8d0db6512e2b40b0dffa05e5a3a" \
	"b73603ce8c9c4b7771e5412328f90140a60c383f71bac0ec919b1d7dbc3eb72dd56e" \
	"7aa99583615564f9f99b8ae4e837b758773a5b2e4c51348854c8389f008e05029db7" \
	"f464a5ff2e01d5e6e626174affd30a00"

#define TX_P2WPKH                                                              \
	"020000000001018500bb8ff66dea2b8d7f054d06b0363c3d0b25dcf6f0c62967f98f" \
	"953ae9a2b70100000000ffffffff02a9d5000000000000160014275b468073affad6" \
	"c1b2833d026416ec07392b7fcd3f0800000000001600144586309f5c6f8f0f362f38" \
	"adfa51906c80ee2ba102483045022100dd86debb4e538b6ca1e866a1070d55373086" \
	"36fffb98337a0a8e67833be89333022040494ea241027649a94756f4102cfdc2c253" \
	"02a060f0c5d7d787dcc706df526b012102c9f4cfd5720c561f9d5e84cbcb58dc5ac4" \
	"f22ac1e1adef91d0eebf643fecca5d00000000"

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
#define HEADER_170                                                             \
	"0100000055bd840a78798ad0da853f68974f3d183e2bd1db6a842c1feecf222a0000" \
	"0000ff104ccb05421ab93e63f8c3ce5c2c2e9dbb37de2764b3a3175c8166562cac7d" \
	"51b96a49ffff001d283e9e70"

/* Decodes hex into a new buffer (free with free()). */
static uint8_t *unhex(const char *h, size_t *n)
{
	size_t len = strlen(h);
	uint8_t *p = malloc(len / 2 + 1);
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(hex_decode(p, len / 2 + 1, n, h, len, &e), &e);
	return p;
}

static const char *rev(const uint8_t h[32])
{
	static char s[4][65];
	static int k;

	k = (k + 1) % 4;
	return hex_encode_rev(s[k], h, 32);
}

struct tx_case {
	const char *name, *hex, *txid, *wtxid;
	size_t size, weight, vsize;
	uint32_t locktime;
	uint32_t n_out;
	struct {
		uint64_t value;
		uint8_t cls;
		const char *addr;
	} out[2];
};

static const struct tx_case tx_cases[] = {
	{ "p2pk",
	  TX_HAL,
	  "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16",
	  "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16",
	  275,
	  1100,
	  275,
	  0,
	  2,
	  { { 1000000000, OUT_P2PK, "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3" },
	    { 4000000000, OUT_P2PK, "12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S" } } },
	{ "p2pkh",
	  TX_P2PKH,
	  "aca326a724eda9a461c10a876534ecd5ae7b27f10f26c3862fb996f80ea2d45d",
	  "aca326a724eda9a461c10a876534ecd5ae7b27f10f26c3862fb996f80ea2d45d",
	  226,
	  904,
	  226,
	  510826,
	  2,
	  { { 20737411, OUT_P2PKH, "1PzEcTPSYjmVLtfxXsWbcXgLk6D4HbKBRT" },
	    { 42130042, OUT_P2PKH, "1Py4ovH9xbUWjtmEidPJtzBHPPyiUWpvHN" } } },
	{ "p2wsh",
	  TX_P2WSH,
	  "1a3e89644985fbbb41e0dcfe176739813542b5937003c46a07de1e3ee7a4a7f3",
	  "2c35e81b238aa8e41ea9c0d110d640a430698e21d1b65dcf0c5b35e64bc89fe9",
	  380,
	  758,
	  190,
	  0,
	  2,
	  { { 7739359, OUT_P2SH, "3BY56mhEkvysyrxn44FxQ3LdCHj2BhiU2R" },
	    { 10474071, OUT_P2WSH,
	      "bc1qwqdg6squsna38e46795at95yu9atm8azzmyvckulcc7kytlcckxswvvze"
	      "j" } } },
	{ "p2wpkh",
	  TX_P2WPKH,
	  "c434944f5aef48127e15d0198e2b1cd3592e94b2f0b3ae0f7b4ead83d504a250",
	  "4e3ab70959f6d3e8774228988b7af8dd49a316f35f543683510e5758ebdb8a17",
	  223,
	  562,
	  141,
	  0,
	  2,
	  { { 54697, OUT_P2WPKH, "bc1qyad5dqrn4laddsdjsv7syeqkasrnj2mlpd88rp" },
	    { 540621, OUT_P2WPKH,
	      "bc1qgkrrp86ud78s7d308zkl55vsdjqwu2apl529uh" } } },
	{ "p2tr",
	  TX_P2TR,
	  "33e794d097969002ee05d336686fc03c9e15a597c1b9827669460fac98799036",
	  "af2fdc4c54270adfb2a65987a79ed2f0e771a779ea48bb0ef06095b48395f74d",
	  220,
	  676,
	  169,
	  709631,
	  2,
	  { { 0, OUT_OP_RETURN, NULL },
	    { 67230, OUT_P2TR,
	      "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg329"
	      "7" } } },
};

static void check_tx_case(const struct tx_case *c)
{
	const struct btc_network *net = btc_network_find("main");
	size_t n;
	uint8_t *raw = unhex(c->hex, &n);
	struct btc_tx tx = BTC_TX_INIT;
	struct buf again = BUF_INIT(BTC_MAX_SERIALIZED);
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(btc_tx_decode(&tx, raw, n, &e), &e);
	CHECK_STR(rev(tx.txid), c->txid);
	CHECK_STR(rev(tx.wtxid), c->wtxid);
	CHECK_INT(tx.size, c->size);
	CHECK_INT(tx.weight, c->weight);
	CHECK_INT(tx.vsize, c->vsize);
	CHECK_INT(tx.locktime, c->locktime);
	CHECK_INT(tx.n_out, c->n_out);
	for (uint32_t i = 0; i < tx.n_out && i < 2; i++) {
		char addr[BTC_ADDR_MAX];
		uint8_t cls = btc_script_classify(tx.out[i].script.p,
						  tx.out[i].script.len, net,
						  addr, sizeof(addr));

		CHECK_INT(tx.out[i].value, c->out[i].value);
		CHECK_INT(cls, c->out[i].cls);
		CHECK_STR(addr, c->out[i].addr ? c->out[i].addr : "");
	}
	CHECK_OK(btc_tx_encode(&tx, &again, true, &e), &e);
	CHECK(again.len == n && !memcmp(again.data, raw, n));
	btc_tx_release(&tx);
	buf_release(&again);
	free(raw);
}

static void t_real_txs(void)
{
	for (size_t i = 0; i < sizeof(tx_cases) / sizeof(tx_cases[0]); i++)
		check_tx_case(&tx_cases[i]);
}

static void t_witness_items(void)
{
	size_t n;
	uint8_t *raw = unhex(TX_P2WSH, &n);
	struct btc_tx tx = BTC_TX_INIT;
	struct buf legacy = BUF_INIT(4096);
	struct trc_error e = TRC_ERROR_INIT;
	const struct btc_bytes *w;

	CHECK_OK(btc_tx_decode(&tx, raw, n, &e), &e);
	CHECK(tx.segwit);
	CHECK_INT(tx.in[0].n_wit, 4);
	w = btc_tx_witness(&tx, 0);
	CHECK(w != NULL && w[0].len == 0 && w[1].len == 71 && w[3].len == 105);
	CHECK_INT(tx.in[0].sequence, 0xffffffff);
	CHECK_INT(tx.in[0].prev_vout, 1);
	/* the legacy form hashes to the txid */
	CHECK_OK(btc_tx_encode(&tx, &legacy, false, &e), &e);
	CHECK_INT(legacy.len, tx.base_size);
	btc_tx_release(&tx);
	buf_release(&legacy);
	free(raw);
}

static void t_truncated_everywhere(void)
{
	static const char *const hexes[] = { TX_HAL, TX_P2WSH, TX_P2TR,
					     TX_P2WPKH };

	for (size_t k = 0; k < 4; k++) {
		size_t n;
		uint8_t *raw = unhex(hexes[k], &n);

		for (size_t len = 0; len < n; len++) {
			struct btc_tx tx = BTC_TX_INIT;
			struct trc_error e = TRC_ERROR_INIT;
			/* a copy of exactly len bytes, so ASan sees any
			 * read past the end */
			uint8_t *cut = malloc(len ? len : 1);

			memcpy(cut, raw, len);
			if (btc_tx_decode(&tx, cut, len, &e) != TRC_ERR_PARSE)
				t_fail(__FILE__, __LINE__,
				       "tx %zu cut at %zu: not rejected", k,
				       len);
			else if (!strstr(e.msg, "offset"))
				t_fail(__FILE__, __LINE__, "no offset in '%s'",
				       e.msg);
			CHECK(tx.in == NULL && tx.n_in == 0);
			free(cut);
		}
		free(raw);
	}
}

static enum trc_err decode_hex(const char *h, struct trc_error *e)
{
	size_t n;
	uint8_t *raw = unhex(h, &n);
	struct btc_tx tx = BTC_TX_INIT;
	enum trc_err rc = btc_tx_decode(&tx, raw, n, e);

	btc_tx_release(&tx);
	free(raw);
	return rc;
}

static void t_hostile_txs(void)
{
	struct trc_error e = TRC_ERROR_INIT;

	/* 2^64 - 1 inputs */
	CHECK_INT(decode_hex("01000000ffffffffffffffffff", &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "input count at offset 4") != NULL);
	/* a script length of 2^32 - 1 */
	CHECK_INT(decode_hex("0100000001"
			     "0000000000000000000000000000000000000000000000000"
			     "000000000000000"
			     "00000000"
			     "feffffffff",
			     &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "input script at offset 41") != NULL);
	/* non-canonical count: 1 written in three bytes */
	CHECK_INT(decode_hex("01000000fd0100", &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "non-canonical") != NULL);
	/* witness flag and an empty witness for the only input */
	CHECK_INT(decode_hex("010000000001"
			     "01"
			     "1f97548fbbe7a0db7588a66e18d803d0089315aa7d4cc2836"
			     "0b6ec50ef36718a"
			     "01000000"
			     "00"
			     "ffffffff"
			     "01"
			     "df17760000000000"
			     "00"
			     "00"
			     "00000000",
			     &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "witness flag set but every witness is empty") !=
	      NULL);
	/* segwit marker with flag 2 */
	CHECK_INT(decode_hex("010000000002"
			     "01",
			     &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "segwit flag 0x02") != NULL);
	/* an output above 21 million BTC */
	CHECK_INT(decode_hex("0100000001"
			     "0000000000000000000000000000000000000000000000000"
			     "000000000000001"
			     "00000000"
			     "00"
			     "ffffffff"
			     "01"
			     "0140075af0750700"
			     "00"
			     "00000000",
			     &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "exceeds 21 million") != NULL);
	/* trailing garbage */
	CHECK_INT(decode_hex(TX_HAL "00", &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "ends at offset 275 but 1 more") != NULL);
	/* no outputs */
	CHECK_INT(decode_hex("0100000001"
			     "0000000000000000000000000000000000000000000000000"
			     "000000000000001"
			     "00000000"
			     "00"
			     "ffffffff"
			     "00"
			     "00000000",
			     &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "no outputs") != NULL);
	CHECK_INT(decode_hex("", &e), TRC_ERR_PARSE);
}

static void t_genesis(void)
{
	size_t n;
	uint8_t *raw = unhex(BLOCK_0, &n);
	struct btc_block b = BTC_BLOCK_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	struct buf again = BUF_INIT(BTC_MAX_SERIALIZED);

	CHECK_OK(btc_block_decode(&b, raw, n, &e), &e);
	CHECK_STR(rev(b.hdr.hash), "000000000019d6689c085ae165831e934ff763ae46a"
				   "2a6c172b3f1b60a8ce26f");
	CHECK_STR(rev(b.hdr.merkle_root), "4a5e1e4baab89f3a32518a88c31bc87f618f"
					  "76673e2cc77ab2127b7afdeda33b");
	CHECK_STR(rev(b.tx[0].txid), "4a5e1e4baab89f3a32518a88c31bc87f618f76673"
				     "e2cc77ab2127b7afdeda33b");
	CHECK(b.merkle_ok && b.pow_ok && !b.has_height);
	CHECK_INT(b.n_tx, 1);
	CHECK_INT(b.hdr.time, 1231006505);
	CHECK_INT(b.hdr.bits, 0x1d00ffff);
	CHECK_INT(b.hdr.nonce, 2083236893);
	CHECK_INT(b.witness, BTC_WITNESS_NONE);
	CHECK_OK(btc_block_verify(&b, btc_network_find("main"), &e), &e);
	/* mainnet's genesis is not easier than regtest allows either */
	CHECK_OK(btc_block_verify(&b, btc_network_find("regtest"), &e), &e);
	CHECK_OK(btc_block_encode(&b, &again, &e), &e);
	CHECK(again.len == n && !memcmp(again.data, raw, n));
	btc_block_release(&b);
	buf_release(&again);
	free(raw);
}

static void t_block_1(void)
{
	size_t n;
	uint8_t *raw = unhex(BLOCK_1, &n);
	struct btc_block b = BTC_BLOCK_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(btc_block_decode(&b, raw, n, &e), &e);
	CHECK_STR(rev(b.hdr.hash), "00000000839a8e6886ab5951d76f411475428afc909"
				   "47ee320161bbf18eb6048");
	CHECK_STR(rev(b.hdr.prev), "000000000019d6689c085ae165831e934ff763ae46a"
				   "2a6c172b3f1b60a8ce26f");
	CHECK_STR(rev(b.tx[0].txid), "0e3e2357e806b6cdb1f70b54c3a3a17b6714ee1f0"
				     "e68bebb44a74b1efd512098");
	CHECK_OK(btc_block_verify(&b, btc_network_find("main"), &e), &e);
	btc_block_release(&b);
	free(raw);
}

static void t_bad_blocks(void)
{
	size_t n;
	uint8_t *raw = unhex(BLOCK_0, &n);
	struct btc_block b = BTC_BLOCK_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	/* wrong merkle root: the header no longer commits to the tx (and
	 * its hash changes, so proof of work fails too) */
	raw[40] ^= 1;
	CHECK_OK(btc_block_decode(&b, raw, n, &e), &e);
	CHECK(!b.merkle_ok);
	CHECK_INT(btc_block_verify(&b, NULL, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "merkle root") != NULL);
	btc_block_release(&b);
	raw[40] ^= 1;
	/* bits of a harder target that the hash does not meet */
	raw[72] = 0xff;
	raw[73] = 0xff;
	raw[74] = 0x00;
	raw[75] = 0x1b; /* 0x1b00ffff */
	CHECK_OK(btc_block_decode(&b, raw, n, &e), &e);
	CHECK(b.merkle_ok && !b.pow_ok);
	CHECK_INT(btc_block_verify(&b, NULL, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "does not meet its target") != NULL);
	btc_block_release(&b);
	/* a negative target */
	raw[74] = 0x80;
	raw[75] = 0x1d;
	CHECK_OK(btc_block_decode(&b, raw, n, &e), &e);
	CHECK_INT(btc_block_verify(&b, NULL, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "negative") != NULL);
	btc_block_release(&b);
	/* an easy target is refused on main */
	raw[72] = 0xff;
	raw[73] = 0xff;
	raw[74] = 0x7f;
	raw[75] = 0x20;
	CHECK_OK(btc_block_decode(&b, raw, n, &e), &e);
	CHECK_INT(btc_block_verify(&b, btc_network_find("main"), &e),
		  TRC_ERR_VERIFY);
	btc_block_release(&b);
	/* truncation at every byte */
	for (size_t len = 0; len < n; len++) {
		uint8_t *cut = malloc(len ? len : 1);

		memcpy(cut, raw, len);
		CHECK_INT(btc_block_decode(&b, cut, len, &e), TRC_ERR_PARSE);
		CHECK(b.tx == NULL);
		free(cut);
	}
	free(raw);
	/* 2^64 - 1 transactions */
	raw = unhex(HEADER_170 "ffffffffffffffffff", &n);
	CHECK_INT(btc_block_decode(&b, raw, n, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "transaction count at offset 80") != NULL);
	free(raw);
}

static void t_bits(void)
{
	static const struct {
		uint32_t bits;
		const char *target; /* NULL: rejected */
	} cases[] = {
		{ 0x01003456, NULL }, /* zero */
		{ 0x01123456, "000000000000000000000000000000000000000000000000"
			      "0000000000000012" },
		{ 0x02123456, "000000000000000000000000000000000000000000000000"
			      "0000000000001234" },
		{ 0x04923456, NULL }, /* negative */
		{ 0x05009234, "000000000000000000000000000000000000000000000000"
			      "0000000092340000" },
		{ 0x20123456, "123456000000000000000000000000000000000000000000"
			      "0000000000000000" },
		{ 0x1d00ffff, "00000000ffff000000000000000000000000000000000000"
			      "0000000000000000" },
		{ 0x207fffff, "7fffff000000000000000000000000000000000000000000"
			      "0000000000000000" },
		{ 0xff123456, NULL }, /* overflow */
		{ 0x22000100, NULL }, /* overflow */
		{ 0x00000000, NULL },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t t[32];
		char hex[65];
		enum trc_err rc = btc_bits_target(cases[i].bits, t, NULL);

		if (!cases[i].target) {
			CHECK_INT(rc, TRC_ERR_PARSE);
			continue;
		}
		CHECK_INT(rc, TRC_OK);
		CHECK_STR(hex_encode(hex, t, 32), cases[i].target);
	}
}

static void t_header_and_proof(void)
{
	size_t n;
	uint8_t *raw = unhex(HEADER_170, &n);
	struct btc_header h;
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t txid[32];
	static const char *const branch[] = {
		"b1fea52486ce0c62bb442b530a3f0132b826c74e473d1f2c220bfa78111c50"
		"82"
	};
	static const char *const bad_branch[] = { "b1fea5" };

	CHECK_OK(btc_header_decode(&h, raw, n, &e), &e);
	CHECK_STR(rev(h.hash), "00000000d1145790a8694403d4063f323d499e655c83426"
			       "834d4ce2f8dd4a2ee");
	CHECK_OK(btc_header_check_pow(&h, btc_network_find("main"), &e), &e);
	CHECK_OK(hex_decode_rev(txid, 32,
				"f4184fc596403b9d638783cf57adfe4c75c605f6356fbc"
				"91338530e9831e9e16",
				&e),
		 &e);
	CHECK_OK(btc_merkle_proof_verify(txid, branch, 1, 1, h.merkle_root, &e),
		 &e);
	CHECK_INT(
		btc_merkle_proof_verify(txid, branch, 1, 0, h.merkle_root, &e),
		TRC_ERR_VERIFY);
	CHECK_INT(
		btc_merkle_proof_verify(txid, branch, 1, 2, h.merkle_root, &e),
		TRC_ERR_PARSE);
	CHECK_INT(btc_merkle_proof_verify(txid, bad_branch, 1, 1, h.merkle_root,
					  &e),
		  TRC_ERR_PARSE);
	txid[0] ^= 1;
	CHECK_INT(
		btc_merkle_proof_verify(txid, branch, 1, 1, h.merkle_root, &e),
		TRC_ERR_VERIFY);
	CHECK_INT(btc_header_decode(&h, raw, n - 1, &e), TRC_ERR_PARSE);
	free(raw);
}

static void t_coinbase_height(void)
{
	static const struct {
		const char *script;
		bool ok;
		uint32_t height;
	} cases[] = {
		{ "03600f0a", true, 659296 }, /* 0x0a0f60 */
		{ "038e3008", true, 536718 },
		{ "0400000001", true, 16777216 },
		{ "00", true, 0 },
		{ "5a", true, 10 },
		{ "0105", true, 5 },	/* a push where OP_5 would do */
		{ "0380", false, 0 },	/* truncated */
		{ "01ff", false, 0 },	/* negative */
		{ "020100", false, 0 }, /* not minimal */
		{ "", false, 0 },
		{ "4c0101", false, 0 }, /* PUSHDATA1 is not BIP34 */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n;
		uint8_t *s = unhex(cases[i].script, &n);
		uint32_t h;

		CHECK_INT(btc_coinbase_height(s, n, &h), cases[i].ok);
		if (cases[i].ok)
			CHECK_INT(h, cases[i].height);
		free(s);
	}
}

static void t_to_rec(void)
{
	size_t n;
	uint8_t *raw = unhex(TX_HAL, &n);
	struct btc_tx tx = BTC_TX_INIT;
	struct rec_tx rec = REC_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(btc_tx_decode(&tx, raw, n, &e), &e);
	CHECK_OK(btc_tx_to_rec(&tx, btc_network_find("main"), 170, 1,
			       1231731025, &rec, &e),
		 &e);
	CHECK_INT(rec.chain, CHAIN_BTC);
	CHECK(!memcmp(rec.txid, tx.txid, 32));
	CHECK_INT(rec.height, 170);
	CHECK_INT(rec.position, 1);
	CHECK_INT(rec.n_in, 1);
	CHECK_STR(rev(rec.in[0].prev_txid), "0437cd7f8525ceed2324359c2d0ba26006"
					    "d92d856a9c20fa0241106ee5a597c9");
	CHECK_INT(rec.in[0].prev_vout, 0);
	CHECK_INT(rec.in[0].flags, 0);
	CHECK(rec.in[0].address == NULL);
	CHECK_INT(rec.n_out, 2);
	CHECK_INT(rec.out[0].cls, OUT_P2PK);
	CHECK_STR(rec.out[0].address, "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3");
	CHECK(amount_cmp(rec.out[1].value, amount_from_u64(4000000000)) == 0);
	rec_tx_release(&rec);
	btc_tx_release(&tx);
	free(raw);
	raw = unhex(BLOCK_0, &n);
	{
		struct btc_block b = BTC_BLOCK_INIT;

		CHECK_OK(btc_block_decode(&b, raw, n, &e), &e);
		CHECK_OK(btc_tx_to_rec(&b.tx[0], btc_network_find("main"), 0, 0,
				       b.hdr.time, &rec, &e),
			 &e);
		CHECK_INT(rec.flags, REC_TX_COINBASE);
		CHECK_INT(rec.in[0].flags, REC_IN_COINBASE);
		CHECK_INT(rec.in[0].prev_vout, 0xffffffff);
		CHECK_STR(rec.out[0].address,
			  "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
		rec_tx_release(&rec);
		btc_block_release(&b);
	}
	free(raw);
}

/* Builds a regtest block of a coinbase and a segwit spend, encodes it,
 * decodes it again and verifies everything. */
static void t_builder_round_trip(void)
{
	const struct btc_network *net = btc_network_find("bcoin-regtest");
	struct btc_tx cb = BTC_TX_INIT, spend = BTC_TX_INIT,
		      legacy = BTC_TX_INIT;
	struct btc_block b = BTC_BLOCK_INIT, back = BTC_BLOCK_INIT;
	struct buf raw = BUF_INIT(BTC_MAX_SERIALIZED);
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t prev[32] = { 1 }, zero[32] = { 0 }, sig[71] = { 0x30 };
	uint8_t key[33] = { 0x02 };
	static const uint8_t tag[] = "tracer";

	btc_tx_begin(&cb, 1, 0);
	CHECK_OK(btc_tx_add_coinbase(&cb, 500, tag, 6, &e), &e);
	CHECK_OK(btc_tx_add_output_address(&cb, net, 5000000000ULL,
					   "RJYZeWxr1Ly8YgcvJU1qD5MR9jUtk14HkN",
					   &e),
		 &e);
	CHECK_OK(btc_tx_finish(&cb, &e), &e);
	btc_tx_begin(&spend, 2, 0);
	CHECK_OK(btc_tx_add_input(&spend, prev, 0, NULL, 0, 0xfffffffd, &e),
		 &e);
	CHECK_OK(btc_tx_add_witness(&spend, 0, sig, sizeof(sig), &e), &e);
	CHECK_OK(btc_tx_add_witness(&spend, 0, key, sizeof(key), &e), &e);
	CHECK_OK(btc_tx_add_output_address(
			 &spend, net, 100000,
			 "rb1qw508d6qejxtdg4y5r3zarvary0c5xw7k38f4sn", &e),
		 &e);
	CHECK_OK(btc_tx_finish(&spend, &e), &e);
	CHECK(spend.segwit && memcmp(spend.txid, spend.wtxid, 32));
	btc_tx_begin(&legacy, 1, 0);
	CHECK_OK(btc_tx_add_input(&legacy, spend.txid, 0, tag, 6, 0xffffffff,
				  &e),
		 &e);
	CHECK_OK(btc_tx_add_output_address(&legacy, net, 90000,
					   "GUWGkYCXEEUX3ic6dSngLDxx3vBMaazoU7",
					   &e),
		 &e);
	CHECK_OK(btc_tx_finish(&legacy, &e), &e);
	CHECK_INT(btc_block_take_tx(&b, &spend, &e), TRC_ERR_INVALID);
	CHECK_OK(btc_block_take_tx(&b, &cb, &e), &e);
	CHECK_OK(btc_block_take_tx(&b, &spend, &e), &e);
	CHECK_OK(btc_block_take_tx(&b, &legacy, &e), &e);
	CHECK(cb.n_in == 0 && spend.n_in == 0);
	CHECK_OK(btc_block_finish(&b, 0x20000000, zero, 1700000000, 0x207fffff,
				  &e),
		 &e);
	CHECK(b.pow_ok && b.merkle_ok && b.has_height && b.height == 500);
	CHECK_INT(b.witness, BTC_WITNESS_OK);
	CHECK_OK(btc_block_encode(&b, &raw, &e), &e);
	CHECK_INT(raw.len, b.size);
	CHECK_OK(btc_block_decode(&back, raw.data, raw.len, &e), &e);
	CHECK_OK(btc_block_verify(&back, net, &e), &e);
	CHECK_INT(back.n_tx, 3);
	CHECK_INT(back.n_segwit, 2); /* the coinbase's reserved value */
	CHECK_INT(back.witness, BTC_WITNESS_OK);
	CHECK(!memcmp(back.hdr.hash, b.hdr.hash, 32));
	for (uint32_t i = 0; i < 3; i++) {
		CHECK(!memcmp(back.tx[i].txid, b.tx[i].txid, 32));
		CHECK(!memcmp(back.tx[i].wtxid, b.tx[i].wtxid, 32));
		CHECK_INT(back.tx[i].weight, b.tx[i].weight);
	}
	CHECK_INT(back.weight, b.weight);
	/* the same block is not accepted as a mainnet one */
	CHECK_INT(btc_block_verify(&back, btc_network_find("main"), &e),
		  TRC_ERR_VERIFY);
	btc_block_release(&back);
	/* tampering with a witness breaks the commitment */
	{
		static const uint8_t item[5] = { 0x47, 0x30, 0, 0, 0 };
		uint8_t *at = memmem(raw.data, raw.len, item, sizeof(item));

		CHECK(at != NULL);
		if (at)
			at[4] ^= 1;
	}
	CHECK_OK(btc_block_decode(&back, raw.data, raw.len, &e), &e);
	CHECK(back.merkle_ok);
	CHECK_INT(back.witness, BTC_WITNESS_BAD);
	CHECK_INT(btc_block_verify(&back, net, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "witness commitment") != NULL);
	btc_block_release(&back);
	btc_block_release(&b);
	btc_tx_release(&cb);
	btc_tx_release(&spend);
	btc_tx_release(&legacy);
	buf_release(&raw);
}

static void check_shared_block(const char *name, uint32_t height)
{
	const char *path = t_shared(name);
	struct buf raw = BUF_INIT(BTC_MAX_SERIALIZED);
	struct btc_block b = BTC_BLOCK_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	trc_amount sum = AMOUNT_ZERO;
	struct buf again = BUF_INIT(BTC_MAX_SERIALIZED);

	if (!path) {
		t_skip("../shared/data/btc/%s is absent", name + 4);
		return;
	}
	CHECK_OK(buf_read_file(&raw, path, &e), &e);
	CHECK_OK(btc_block_decode(&b, raw.data, raw.len, &e), &e);
	CHECK_OK(btc_block_verify(&b, btc_network_find("main"), &e), &e);
	CHECK(b.merkle_ok && b.pow_ok);
	CHECK(b.has_height);
	CHECK_INT(b.height, height);
	for (uint32_t i = 0; i < b.n_tx; i++)
		for (uint32_t k = 0; k < b.tx[i].n_out; k++)
			CHECK_OK(amount_add(
					 &sum, sum,
					 amount_from_u64(b.tx[i].out[k].value)),
				 NULL);
	CHECK(!amount_is_zero(sum));
	CHECK(b.weight <= 4000000);
	CHECK_OK(btc_block_encode(&b, &again, &e), &e);
	CHECK(again.len == raw.len && !memcmp(again.data, raw.data, raw.len));
	btc_block_release(&b);
	buf_release(&raw);
	buf_release(&again);
}

static void t_shared_blocks(void)
{
	if (!t_shared("btc")) {
		t_skip("../shared/data/btc is absent (set TRACER_SHARED_DATA)");
		return;
	}
	check_shared_block("btc/block-277647.bin", 277647);
	check_shared_block("btc/block-540107.bin", 540107);
	check_shared_block("btc/block-574200.bin", 574200);
}

/* Block 1 (version 1, no height in its coinbase) on both sides of BIP34:
 * accepted at its height on mainnet (BIP34 from 227931), refused on a
 * copy of the table where BIP34 is active from height 1. */
static void t_bip34_by_height(void)
{
	size_t n;
	uint8_t *raw = unhex(BLOCK_1, &n);
	struct btc_block b = BTC_BLOCK_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	struct btc_network early = *btc_network_find("main");

	early.bip34_height = 1;
	CHECK_OK(btc_block_decode(&b, raw, n, &e), &e);
	CHECK_OK(btc_block_verify_at(&b, btc_network_find("main"), 1, &e), &e);
	CHECK_INT(btc_block_verify_at(&b, &early, 1, &e), TRC_ERR_VERIFY);
	/* its scriptSig starts with a push of the bits, 0x1d00ffff */
	CHECK(strstr(e.msg, "says height 486604799, not 1 (BIP34)") != NULL);
	btc_block_release(&b);
	free(raw);
}

/* The block without its witness data, as a pre-segwit node receives it:
 * header, txids and merkle root unchanged, the commitment still in the
 * coinbase, but no coinbase witness. */
static void strip_witness(const struct btc_block *b, struct buf *out)
{
	uint8_t h[BTC_HEADER_SIZE];
	struct trc_error e = TRC_ERROR_INIT;

	btc_header_encode(&b->hdr, h);
	CHECK_OK(buf_append(out, h, sizeof(h)), NULL);
	CHECK_OK(varint_append(out, b->n_tx), NULL);
	for (uint32_t i = 0; i < b->n_tx; i++)
		CHECK_OK(btc_tx_encode(&b->tx[i], out, false, &e), &e);
}

/*
 * Real blocks on both sides of the activations. 277647 (BIP34 active,
 * before segwit) at its height and one above. 540107 (segwit) at its
 * height; then, on a copy of the mainnet table whose segwit activation
 * is moved to 540108 (only the height context changes: no real
 * pre-activation block with a commitment is in the reference data), the
 * same block is refused with its witness data and accepted stripped of
 * it: a commitment but no coinbase witness, which is valid before
 * activation and refused after it.
 */
static void t_segwit_by_height(void)
{
	char p277[4096], p540[4096];
	const struct btc_network *main_ = btc_network_find("main");
	struct btc_network late = *main_;
	struct buf raw = BUF_INIT(BTC_MAX_SERIALIZED);
	struct buf bare = BUF_INIT(BTC_MAX_SERIALIZED);
	struct btc_block b = BTC_BLOCK_INIT, s = BTC_BLOCK_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	if (!t_shared("btc/block-277647.bin") ||
	    !t_shared("btc/block-540107.bin")) {
		t_skip("../shared/data/btc blocks 277647 and 540107 absent");
		return;
	}
	snprintf(p277, sizeof(p277), "%s", t_shared("btc/block-277647.bin"));
	snprintf(p540, sizeof(p540), "%s", t_shared("btc/block-540107.bin"));
	late.segwit_height = 540108;
	CHECK_OK(buf_read_file(&raw, p277, &e), &e);
	CHECK_OK(btc_block_decode(&b, raw.data, raw.len, &e), &e);
	CHECK_OK(btc_block_verify_at(&b, main_, 277647, &e), &e);
	CHECK_INT(btc_block_verify_at(&b, main_, 277648, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "says height 277647, not 277648") != NULL);
	btc_block_release(&b);
	buf_reset(&raw);

	CHECK_OK(buf_read_file(&raw, p540, &e), &e);
	CHECK_OK(btc_block_decode(&b, raw.data, raw.len, &e), &e);
	CHECK_INT(b.witness, BTC_WITNESS_OK);
	CHECK(b.n_segwit > 0);
	CHECK_OK(btc_block_verify_at(&b, main_, 540107, &e), &e);
	CHECK_INT(btc_block_verify_at(&b, &late, 540107, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "witness data before segwit activation at height "
			    "540108") != NULL);
	strip_witness(&b, &bare);
	CHECK(bare.len < raw.len);
	CHECK_OK(btc_block_decode(&s, bare.data, bare.len, &e), &e);
	CHECK(!memcmp(s.hdr.hash, b.hdr.hash, 32) && s.merkle_ok);
	CHECK_INT(s.n_segwit, 0);
	CHECK_INT(s.witness, BTC_WITNESS_BAD);
	CHECK_OK(btc_block_verify_at(&s, &late, 540107, &e), &e);
	CHECK_INT(btc_block_verify_at(&s, main_, 540107, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "witness commitment does not match") != NULL);
	btc_block_release(&s);
	btc_block_release(&b);
	buf_release(&raw);
	buf_release(&bare);
}

/*
 * An empty input given as (NULL, 0) - what an empty file reads into - is
 * a parse error, not pointer arithmetic on NULL (UBSan stopped `decode`
 * here; found by fuzz_decode).
 */
static void t_empty_null(void)
{
	struct btc_tx tx;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_INT(btc_tx_decode(&tx, NULL, 0, &e), TRC_ERR_PARSE);
	CHECK(e.msg[0] != '\0');
	CHECK(tx.in == NULL && tx.out == NULL);
}

TEST_MAIN({ "real_txs", t_real_txs }, { "empty input as NULL", t_empty_null },
	  { "witness_items", t_witness_items },
	  { "truncated_everywhere", t_truncated_everywhere },
	  { "hostile_txs", t_hostile_txs }, { "genesis", t_genesis },
	  { "block_1", t_block_1 }, { "bad_blocks", t_bad_blocks },
	  { "bits", t_bits }, { "header_and_proof", t_header_and_proof },
	  { "coinbase_height", t_coinbase_height }, { "to_rec", t_to_rec },
	  { "builder_round_trip", t_builder_round_trip },
	  { "shared_blocks", t_shared_blocks },
	  { "bip34_by_height", t_bip34_by_height },
	  { "segwit_by_height", t_segwit_by_height })
