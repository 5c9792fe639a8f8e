/*
 * Tron: addresses, and real mainnet (and Nile) blocks and transactions
 * as java-tron's HTTP API served them, from public documents
 * (tests/vectors/tron/README.md): block ids, witness signatures,
 * transaction ids, signatures, the contracts decoded from raw_data_hex
 * against the JSON, the transactions root; and tampered copies refused.
 */
#include <jansson.h>
#include <stdlib.h>

#include "base/hash.h"
#include "base/hex.h"
#include "chains/chain.h"
#include "chains/tron/tron_addr.h"
#include "chains/tron/tron_block.h"
#include "chains/tron/tron_pb.h"
#include "store/record.h"
#include "tests/unit/harness.h"

#define VEC "tests/vectors/tron/blocks.json"

static json_t *blocks;

static json_t *block(const char *name)
{
	json_error_t je;

	if (!blocks && !(blocks = json_load_file(VEC, 0, &je)))
		t_fail(__FILE__, __LINE__, "%s: %s", VEC, je.text);
	return json_deep_copy(json_object_get(blocks, name));
}

static void t_addr(void)
{
	/* tronWeb's documentation: the base58 addresses of its
	 * sendTransaction example and the hex ones of its transactions;
	 * Tether's USDT contract on Tron */
	static const struct {
		const char *b58, *hex;
	} v[] = {
		{ "TJCnKsPa7y5okkXvQAidZBzqx3QyQ6sxMW",
		  "415a523b449890854c8fc460ab602df9f31fe4293f" },
		{ "TGhepyLuyML5n5jQBTykKqh9od8hQrBDkS",
		  "4149d7c89c24ab0de2830c7fdbaf0d8ab08bf28049" },
		{ "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
		  "41a614f803b6fd780986a42c78ec9c7f77e6ded13c" },
	};
	static const char *const bad[] = {
		"TJCnKsPa7y5okkXvQAidZBzqx3QyQ6sxMX", /* checksum */
		"1A1zP1eFPwMrZVwwtL6W1g2hZYSwmc3kxq", /* Bitcoin: prefix 0 */
		"425a523b449890854c8fc460ab602df9f31fe4293f", /* prefix 42 */
		"415a523b449890854c8fc460ab602df9f31fe429",   /* short */
		"",
		"T0CnKsPa7y5okkXvQAidZBzqx3QyQ6sxMW", /* 0: not base58 */
	};
	const struct chain_ops *tron = chain_find("tron");
	char out[CHAIN_ADDR_MAX];
	struct trc_error e = TRC_ERROR_INIT;

	CHECK(tron != NULL);
	if (!tron)
		return;
	CHECK_STR(tron->asset, "TRX");
	CHECK_INT(tron->decimals, 6);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		CHECK_OK(tron->address_normalize("main", v[i].hex, out,
						 sizeof(out), &e),
			 &e);
		CHECK_STR(out, v[i].b58);
		CHECK_OK(tron->address_normalize(NULL, v[i].b58, out,
						 sizeof(out), &e),
			 &e);
		CHECK_STR(out, v[i].b58);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(tron->address_normalize("main", bad[i], out, sizeof(out),
					      NULL) == TRC_ERR_PARSE);
	CHECK(tron->address_normalize("mars", v[0].b58, out, sizeof(out),
				      NULL) == TRC_ERR_PARSE);
}

static void t_txid(void)
{
	const struct chain_ops *tron = chain_find("tron");
	const char *id = "979e0823f455f3b67d65b351052f0265233f422792d31d5dbeb7c"
			 "24737dd5556";
	uint8_t t[32];
	char s[CHAIN_TXID_STR_MAX];
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(tron->txid_parse(id, t, &e), &e);
	tron->txid_format(t, s);
	CHECK_STR(s, id);
	CHECK(t[0] == 0x97); /* no byte reversal */
	CHECK(tron->txid_parse("979e", t, NULL) == TRC_ERR_PARSE);
}

/*
 * The event topics tracer computes (keccak-256 of the signatures) are
 * the ones Tether's contracts log: the Transfer topic every ERC-20 /
 * TRC-20 token logs, and those of Tether's blacklist events as public
 * stablecoin-blacklist trackers list them (tests/vectors/tron/README.md).
 */
static void t_event_topics(void)
{
	static const char *const want[TRON_EV_COUNT] = {
		"ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3"
		"ef",
		"42e160154868087d6bfdc0ca23d96a1c1cfa32f1b72ba9ba27b69b98a0d819"
		"dc",
		"d7e9ec6e6ecd65492dce6bf513cd6867560d49544421d0783ddf06e76c2447"
		"0c",
		"61e6e66b0d6339b2980aecc6ccc0039736791f0ccde9ed512e789a7fbdd698"
		"c6",
	};
	uint8_t t[32];
	char h[65];

	for (int i = 0; i < TRON_EV_COUNT; i++) {
		tron_event_topic(t, (enum tron_event)i);
		hex_encode(h, t, 32);
		CHECK_STR(h, want[i]);
	}
	CHECK_STR(tron_event_signature(TRON_EV_ADDED_BLACKLIST),
		  "AddedBlackList(address)");
	CHECK(tron_event_signature((enum tron_event)TRON_EV_COUNT) == NULL);
}

/* Real empty blocks verify whole: id, witness signature, zero root. */
static void t_empty_blocks(void)
{
	static const char *const names[] = { "b2657", "b1018316" };

	for (size_t i = 0; i < 2; i++) {
		json_t *b = block(names[i]), *infos = json_array();
		struct crawl_block cb = { 0 };
		struct trc_error e = TRC_ERROR_INIT;
		uint32_t h = (uint32_t)json_integer_value(json_object_get(
			json_object_get(json_object_get(b, "block_header"),
					"raw_data"),
			"number"));
		char id[65];

		CHECK_OK(tron_block_decode(b, infos, h, &cb, &e), &e);
		CHECK_INT(cb.block.height, h);
		CHECK_INT(cb.n_txs, 0);
		hex_encode(id, cb.block.hash, 32);
		CHECK_STR(id, json_string_value(json_object_get(b, "blockID")));
		CHECK_INT(cb.block.verified,
			  REC_VERIFIED_HEADER | REC_VERIFIED_TXIDS |
				  REC_VERIFIED_ROOT | REC_VERIFIED_SIGS);
		crawl_block_release(&cb);
		json_decref(b);
		json_decref(infos);
	}
}

/*
 * The documents list some of a block's transactions only: the header and
 * every listed transaction verify, and the root then does not (the
 * message says so, which proves the checks before it passed).
 */
static void t_partial_blocks(void)
{
	static const struct {
		const char *name;
		uint32_t h;
	} v[] = {
		{ "b30864544", 30864544 },
		{ "b84940008", 84940008 },
		{ "b66987565_nile", 66987565 },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		json_t *b = block(v[i].name);
		struct crawl_block cb = { 0 };
		struct trc_error e = TRC_ERROR_INIT;

		CHECK(tron_block_decode(b, NULL, v[i].h, &cb, &e) ==
		      TRC_ERR_VERIFY);
		CHECK(strstr(e.msg, "txTrieRoot is not the merkle root") !=
		      NULL);
		CHECK_INT(cb.n_txs, 0); /* released on failure */
		json_decref(b);
	}
}

static const json_t *tx_of(json_t *b, size_t i)
{
	return json_array_get(json_object_get(b, "transactions"), i);
}

static void t_transactions(void)
{
	/* block 84940008: a TRC-10 transfer, then four TRX transfers */
	static const struct {
		uint8_t kind;
		const char *asset, *from, *to;
		uint64_t value;
	} want[] = {
		{ LEG_TOKEN, "1005125",
		  "418bcb819886ee35957958e6207dc2b1fbc36b0292",
		  "41baa5d183152181460478ba83ad37926600e2190e", 2000 },
		{ LEG_NATIVE, NULL,
		  "4199a3cb64a17066fe19bfbce3dc5f0bb1d1220f55",
		  "41a61e8fa110c166d65372953c1c43556f56193ccf", 8 },
		{ LEG_NATIVE, NULL,
		  "410681db96d49da815267e69d1ab76984ed66ab952",
		  "41e4b475e9ca3e4c215188c7cea6e2429f816d6276", 8 },
		{ LEG_NATIVE, NULL,
		  "41163b21c9e73192ef31510167005ee7efe610ef05",
		  "4142be0d3b437d6184c503c14968017d822db6736d", 4 },
		{ LEG_NATIVE, NULL,
		  "41eecd73dd3d140f17fc88c643138c1774de585479",
		  "41a222f4512b6e289157a60e6105ce19fac4195e0d", 4 },
	};
	const struct chain_ops *tron = chain_find("tron");
	json_t *b = block("b84940008");

	for (size_t i = 0; i < 5; i++) {
		struct rec_tx tx = REC_TX_INIT;
		struct trc_error e = TRC_ERROR_INIT;
		struct tron_tx_info ti;
		char from[CHAIN_ADDR_MAX], to[CHAIN_ADDR_MAX], id[65];

		CHECK_OK(tron_tx_decode(tx_of(b, i), &tx, &ti, &e), &e);
		CHECK(ti.by_owner);
		CHECK_INT(ti.n_sigs, 1);
		CHECK_INT(ti.contract_ret, 1);
		hex_encode(id, tx.txid, 32);
		CHECK_STR(id, json_string_value(
				      json_object_get(tx_of(b, i), "txID")));
		CHECK_INT(tx.n_legs, 1);
		if (tx.n_legs != 1)
			continue;
		CHECK_OK(tron->address_normalize(NULL, want[i].from, from,
						 sizeof(from), &e),
			 &e);
		CHECK_OK(tron->address_normalize(NULL, want[i].to, to,
						 sizeof(to), &e),
			 &e);
		CHECK_INT(tx.legs[0].kind, want[i].kind);
		CHECK(want[i].asset
			      ? tx.legs[0].asset &&
					!strcmp(tx.legs[0].asset, want[i].asset)
			      : !tx.legs[0].asset);
		CHECK_STR(tx.legs[0].from, from);
		CHECK_STR(ti.owner, from);
		CHECK_STR(tx.legs[0].to, to);
		CHECK(!amount_cmp(tx.legs[0].value,
				  amount_from_u64(want[i].value)));
		rec_tx_release(&tx);
	}
	json_decref(b);
}

/* One leaf is the root; three: H(H(a, b), c), the odd one carried up. */
static void t_merkle(void)
{
	uint8_t l[3][32], ab[64], abc[64], want[32], root[32];

	for (int i = 0; i < 3; i++)
		hash_sha256(l[i], &i, sizeof(i));
	CHECK_OK(tron_merkle_root(root, (const uint8_t(*)[32])l, 1, NULL),
		 NULL);
	CHECK(!memcmp(root, l[0], 32));
	memcpy(ab, l[0], 32);
	memcpy(ab + 32, l[1], 32);
	hash_sha256(abc, ab, 64);
	memcpy(abc + 32, l[2], 32);
	hash_sha256(want, abc, 64);
	CHECK_OK(tron_merkle_root(root, (const uint8_t(*)[32])l, 3, NULL),
		 NULL);
	CHECK(!memcmp(root, want, 32));
	CHECK_OK(tron_merkle_root(root, NULL, 0, NULL), NULL);
	CHECK(!memcmp(root, (uint8_t[32]){ 0 }, 32));
}

/* Sets a string field at a path of object keys (the last one set). */
static void set_str(json_t *o, const char *const *path, const char *v)
{
	while (path[1])
		o = json_object_get(o, *path++);
	json_object_set_new(o, *path, json_string(v));
}

static void flip_hex(json_t *o, const char *const *path, size_t at)
{
	char *s;

	while (path[1])
		o = json_object_get(o, *path++);
	s = strdup(json_string_value(json_object_get(o, *path)));
	s[at] = s[at] == '0' ? '1' : '0';
	json_object_set_new(o, *path, json_string(s));
	free(s);
}

static void expect_refused(json_t *b, uint32_t h, const char *what,
			   const char *why)
{
	struct crawl_block cb = { 0 };
	struct trc_error e = TRC_ERROR_INIT;
	json_t *infos = json_array();

	if (tron_block_decode(b, infos, h, &cb, &e) == TRC_OK) {
		t_fail(__FILE__, __LINE__, "tampered %s accepted", what);
		crawl_block_release(&cb);
	} else if (!strstr(e.msg, why)) {
		t_fail(__FILE__, __LINE__, "tampered %s: '%s' lacks '%s'", what,
		       e.msg, why);
	}
	json_decref(infos);
	json_decref(b);
}

/* A TRC-10 transfer by an old token name (before token ids, 2019): the
 * asset is "trc10:NAME"; a name with a space is refused. Raw data made
 * by tests/cli/tron_node.py's encoder. */
static void t_trc10_name(void)
{
	static const char *const raw[] = {
		"0a0203e82208000000000000000040e8075a700802126c0a32747970652e"
		"676f6f676c65617069732e636f6d2f70726f746f636f6c2e5472616e7366"
		"65724173736574436f6e747261637412360a0453454544121541900150ae"
		"2ebfa000b13923897bb5e4ecfa8753bc1a15413a3b54e9e2050792f6576f"
		"1127d04295bfab138f2007",
		"0a0203e82208000000000000000040e8075a710802126d0a32747970652e"
		"676f6f676c65617069732e636f6d2f70726f746f636f6c2e5472616e7366"
		"65724173736574436f6e747261637412370a055345204544121541900150"
		"ae2ebfa000b13923897bb5e4ecfa8753bc1a15413a3b54e9e2050792f657"
		"6f1127d04295bfab138f2007",
	};
	uint8_t b[256];
	size_t n;
	struct tron_contract c;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(hex_decode(b, sizeof(b), &n, raw[0], strlen(raw[0]), &e), &e);
	CHECK_OK(tron_pb_raw_decode(b, n, &c, &e), &e);
	CHECK_STR(c.asset, "trc10:SEED");
	CHECK_INT(c.amount, 7);
	CHECK_INT(c.type, TRON_TRANSFER_ASSET);
	CHECK_OK(hex_decode(b, sizeof(b), &n, raw[1], strlen(raw[1]), &e), &e);
	CHECK(tron_pb_raw_decode(b, n, &c, &e) == TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "printable ASCII") != NULL);
}

/* java-tron may print protobuf's empty default as "": the same header */
static void t_empty_field(void)
{
	static const char *const asr[] = { "block_header", "raw_data",
					   "accountStateRoot", NULL };
	json_t *b = block("b2657");
	struct crawl_block cb = { 0 };
	struct trc_error e = TRC_ERROR_INIT;

	set_str(b, asr, "");
	CHECK_OK(tron_block_decode(b, NULL, 2657, &cb, &e), &e);
	crawl_block_release(&cb);
	json_decref(b);
}

static void t_tampered_blocks(void)
{
	static const char *const id[] = { "blockID", NULL };
	static const char *const sig[] = { "block_header", "witness_signature",
					   NULL };
	static const char *const parent[] = { "block_header", "raw_data",
					      "parentHash", NULL };
	static const char *const root[] = { "block_header", "raw_data",
					    "txTrieRoot", NULL };
	static const char *const extra[] = { "block_header", "raw_data",
					     "nonce", NULL };
	json_t *b;

	expect_refused(block("b2657"), 2656, "height", "sent block 2657");
	b = block("b2657");
	flip_hex(b, id, 63);
	expect_refused(b, 2657, "block id", "blockID is not");
	b = block("b2657");
	flip_hex(b, parent, 40);
	expect_refused(b, 2657, "parent hash", "blockID is not");
	b = block("b2657");
	flip_hex(b, root, 5);
	expect_refused(b, 2657, "root", "blockID is not");
	b = block("b2657");
	set_str(b, extra, "00");
	expect_refused(b, 2657, "unknown field", "cannot hash");
	/* a signature of another key: recovers, not the witness's */
	b = block("b2657");
	flip_hex(b, sig, 10);
	{
		struct crawl_block cb = { 0 };
		struct trc_error e = TRC_ERROR_INIT;
		enum trc_err rc = tron_block_decode(b, NULL, 2657, &cb, &e);

		CHECK(rc != TRC_OK || !(cb.block.verified & REC_VERIFIED_SIGS));
		crawl_block_release(&cb);
		json_decref(b);
	}
	/* infos that the block does not have */
	b = block("b2657");
	{
		struct crawl_block cb = { 0 };
		struct trc_error e = TRC_ERROR_INIT;
		json_t *infos = json_pack("[{ss}]", "id", "00");

		CHECK(tron_block_decode(b, infos, 2657, &cb, &e) ==
		      TRC_ERR_VERIFY);
		CHECK(strstr(e.msg, "1 infos for 0 transactions") != NULL);
		json_decref(infos);
		json_decref(b);
	}
}

static void expect_tx_refused(json_t *b, size_t i, const char *why)
{
	struct rec_tx tx = REC_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	struct tron_tx_info ti;

	if (tron_tx_decode(tx_of(b, i), &tx, &ti, &e) == TRC_OK)
		t_fail(__FILE__, __LINE__, "tampered tx accepted (%s)", why);
	else if (!strstr(e.msg, why))
		t_fail(__FILE__, __LINE__, "'%s' lacks '%s'", e.msg, why);
	rec_tx_release(&tx);
	json_decref(b);
}

static json_t *tx_mut(json_t *b, size_t i)
{
	return (json_t *)tx_of(b, i);
}

static void t_tampered_txs(void)
{
	static const char *const raw[] = { "raw_data_hex", NULL };
	static const char *const txid[] = { "txID", NULL };
	json_t *b, *v;

	b = block("b84940008");
	flip_hex(tx_mut(b, 1), raw, 200);
	expect_tx_refused(b, 1, "txID is not SHA-256");
	b = block("b84940008");
	flip_hex(tx_mut(b, 1), txid, 3);
	expect_tx_refused(b, 1, "txID is not SHA-256");
	/* the JSON says another amount than the signed bytes */
	b = block("b84940008");
	v = json_object_get(
		json_object_get(
			json_array_get(
				json_object_get(json_object_get(tx_mut(b, 1),
								"raw_data"),
						"contract"),
				0),
			"parameter"),
		"value");
	json_object_set_new(v, "amount", json_integer(800));
	expect_tx_refused(b, 1, "'amount' 800 differs");
	b = block("b84940008");
	v = json_object_get(
		json_object_get(
			json_array_get(
				json_object_get(json_object_get(tx_mut(b, 0),
								"raw_data"),
						"contract"),
				0),
			"parameter"),
		"value");
	json_object_set_new(
		v, "to_address",
		json_string("4199a3cb64a17066fe19bfbce3dc5f0bb1d1220f55"));
	expect_tx_refused(b, 0, "'to_address' differs");
	/* a result the block would hash otherwise */
	b = block("b84940008");
	json_object_set_new(
		json_array_get(json_object_get(tx_mut(b, 2), "ret"), 0),
		"energy", json_integer(1));
	expect_tx_refused(b, 2, "cannot hash");
	/* a changed signature recovers another key (or none) */
	b = block("b84940008");
	{
		static const char *const sig[] = { "signature", NULL };
		json_t *t = tx_mut(b, 3), *s = json_object_get(t, "signature");
		struct rec_tx tx = REC_TX_INIT;
		struct tron_tx_info ti;
		char *h = strdup(json_string_value(json_array_get(s, 0)));

		(void)sig;
		h[8] = h[8] == 'a' ? 'b' : 'a';
		json_array_set_new(s, 0, json_string(h));
		free(h);
		CHECK(tron_tx_decode(t, &tx, &ti, NULL) != TRC_OK ||
		      !ti.by_owner);
		rec_tx_release(&tx);
		json_decref(b);
	}
}

static void t_cleanup(void)
{
	json_decref(blocks);
	blocks = NULL;
}

TEST_MAIN({ "addr", t_addr }, { "txid", t_txid },
	  { "event_topics", t_event_topics },
	  { "empty_blocks", t_empty_blocks },
	  { "partial_blocks", t_partial_blocks },
	  { "transactions", t_transactions }, { "merkle", t_merkle },
	  { "empty_field", t_empty_field }, { "trc10_name", t_trc10_name },
	  { "tampered_blocks", t_tampered_blocks },
	  { "tampered_txs", t_tampered_txs }, { "cleanup", t_cleanup })
