/*
 * The EVM chains of the family (chains/eth/evm.h) on real recorded data
 * (tests/vectors/evm, sources in its README): each chain's header hash
 * recomputed with its own layout (Avalanche's coreth fields and its
 * extDataHash over blockExtraData; BSC, Polygon, Arbitrum, pre-Bedrock
 * OP and a Prague-era OP-stack block with go-ethereum's), the OP-stack
 * deposit (0x7e) and Arbitrum internal (0x6a) system transactions hashed
 * without a signature, BSC and Base transactions with theirs; a tampered
 * copy of each rejected naming what differs; the table (names, assets,
 * networks and chain ids) as chain_ops has it.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/hex.h"
#include "chains/chain.h"
#include "chains/eth/eth_addr.h"
#include "chains/eth/eth_block.h"
#include "chains/eth/eth_flow.h"
#include "chains/eth/eth_tx.h"
#include "chains/eth/evm.h"
#include "store/record.h"
#include "tests/unit/harness.h"

#define VEC "tests/vectors/evm/"

static json_t *load(const char *name)
{
	char path[256];
	json_error_t je;
	json_t *j;

	snprintf(path, sizeof(path), VEC "%s", name);
	j = json_load_file(path, 0, &je);
	if (!j)
		t_fail(__FILE__, __LINE__, "%s: %s", path, je.text);
	return j;
}

static const struct evm_chain *evm(const char *name)
{
	return evm_chain_by_id((uint8_t)chain_from_name(name));
}

/* Verifies block j as a block of chain; out: the error of the first step
 * that failed, TRC_OK when all pass. */
static enum trc_err check_block(const char *chain, const json_t *j,
				struct eth_block *b, struct trc_error *e)
{
	enum trc_err rc = eth_block_from_json_evm(b, j, evm(chain), e);

	if (!rc)
		rc = eth_block_verify(b, e);
	if (!rc)
		rc = eth_block_require_ok(b, e);
	return rc;
}

static void t_table(void)
{
	static const struct {
		const char *name, *asset, *test_net;
		uint64_t main_id, test_id;
	} want[] = {
		{ "eth", "ETH", "sepolia", 1, 11155111 },
		{ "bsc", "BNB", "testnet", 56, 97 },
		{ "polygon", "POL", "amoy", 137, 80002 },
		{ "avax", "AVAX", "fuji", 43114, 43113 },
		{ "arbitrum", "ETH", "sepolia", 42161, 421614 },
		{ "optimism", "ETH", "sepolia", 10, 11155420 },
		{ "base", "ETH", "sepolia", 8453, 84532 },
	};
	struct trc_error e = TRC_ERROR_INIT;
	uint64_t id;

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct chain_ops *ops = chain_find(want[i].name);
		const struct evm_chain *c = evm(want[i].name);

		CHECK(ops != NULL && c != NULL);
		if (!ops || !c)
			continue;
		CHECK_STR(c->name, ops->name);
		CHECK_STR(c->title, ops->title);
		CHECK_STR(c->asset, ops->asset);
		CHECK_INT(ops->decimals, 18);
		CHECK_INT(c->chain, ops->id);
		CHECK_OK(evm_network_chain_id(c, "main", &id, &e), &e);
		CHECK(id == want[i].main_id);
		CHECK_OK(evm_network_chain_id(c, want[i].test_net, &id, &e),
			 &e);
		CHECK(id == want[i].test_id);
		CHECK_OK(evm_network_chain_id(c, "anvil", &id, &e), &e);
		CHECK(id == 31337);
		CHECK(ops->network_valid("main") &&
		      ops->network_valid("chainid:999") &&
		      !ops->network_valid("mainnet"));
		CHECK_STR(evm_network_name(c, want[i].main_id), "main");
	}
	CHECK_INT(evm_network_chain_id(evm("bsc"), "fuji", &id, &e),
		  TRC_ERR_PARSE);
	CHECK_STR(e.msg, "unknown bsc network 'fuji' (known: main, testnet, "
			 "anvil, chainid:N)");
	CHECK(evm_chain_by_id(CHAIN_BTC) == NULL);
	CHECK(evm_chain_by_id(CHAIN_TRON) == NULL);
	CHECK(evm_chain_eth() == evm("eth"));
	/* the system types exist where the table says */
	CHECK(evm_tx_type_allowed(evm("optimism"), 0x7e));
	CHECK(evm_tx_type_allowed(evm("base"), 0x7e));
	CHECK(!evm_tx_type_allowed(evm("bsc"), 0x7e));
	CHECK(!evm_tx_type_allowed(evm("eth"), 0x7e));
	CHECK(evm_tx_type_allowed(evm("arbitrum"), 0x6a));
	CHECK(!evm_tx_type_allowed(evm("optimism"), 0x6a));
	CHECK(evm_tx_type_allowed(evm("polygon"), 2));
	/* amounts in each chain's coin */
	{
		trc_amount a;
		bool unit;

		CHECK_OK(chain_amount_parse(chain_find("bsc"), "1.5bnb", &a,
					    &unit, &e),
			 &e);
		CHECK(unit &&
		      !amount_cmp(a, amount_from_u64(1500000000000000000ULL)));
		CHECK_OK(chain_amount_parse(chain_find("avax"), "2 AVAX", &a,
					    &unit, &e),
			 &e);
		CHECK(!amount_cmp(a, amount_from_u64(2000000000000000000ULL)));
		CHECK_INT(chain_amount_parse(chain_find("polygon"), "1eth", &a,
					     &unit, &e),
			  TRC_ERR_PARSE);
	}
}

/* Header-only vectors: the header hash of each chain's layout. */
static const struct {
	const char *chain, *file, *hash, *shape;
} headers[] = {
	{ "bsc", "bsc_26803.json",
	  "f962d3908e00ce08da5fba7f49fc58e2739e41fc6e029562aa7197feb8ad01ec",
	  "frontier" },
	{ "polygon", "polygon_43352696.json",
	  "74ce98370983f09ac459594c0f1a46a63430c530cc3bb06ff673c1f6920f30b3",
	  "london" },
	{ "avax", "avax_30806864.json",
	  "3fb8949661bb2f6f5eaa5b16318d3c7e7a0990f8c2382d1fe4389e0caac6519d",
	  "apricot4" },
	{ "arbitrum", "arbitrum_96223351.json",
	  "9a682d3983aa3c86a32cc87ca21ae5f5eb7b5d175155ed941238e60b681ad280",
	  "london" },
	{ "optimism", "optimism_legacy_103110422.json",
	  "5ab832e53a19377023f58e567f79fe87729a5480242271d8734b31d4604872d3",
	  "frontier" },
	{ "optimism", "unichain_sepolia_35535698.json",
	  "c463a3120c35268f610d969f5608b479332ef10953af77c7a6be806195831196",
	  "prague" },
};

static void hex32(char out[65], const uint8_t h[32])
{
	static const char d[] = "0123456789abcdef";

	for (int i = 0; i < 32; i++) {
		out[2 * i] = d[h[i] >> 4];
		out[2 * i + 1] = d[h[i] & 15];
	}
	out[64] = 0;
}

static void t_headers(void)
{
	for (size_t i = 0; i < sizeof(headers) / sizeof(headers[0]); i++) {
		struct eth_block b = ETH_BLOCK_INIT;
		struct trc_error e = TRC_ERROR_INIT;
		json_t *j = load(headers[i].file);
		char h[65];

		if (!j)
			continue;
		CHECK_OK(check_block(headers[i].chain, j, &b, &e), &e);
		hex32(h, b.hash);
		CHECK_STR(h, headers[i].hash);
		CHECK_STR(b.shape, headers[i].shape);
		CHECK(b.header_hash_ok);
		eth_block_release(&b);
		/* one header field changed: the hash no longer matches */
		json_object_set_new(j, "gasLimit", json_string("0x1"));
		CHECK_INT(check_block(headers[i].chain, j, &b, &e),
			  TRC_ERR_VERIFY);
		CHECK(strstr(e.msg, "header hashes to") != NULL);
		eth_block_release(&b);
		json_decref(j);
	}
}

/* Fields that are not in a chain's hash do not matter; fields of another
 * chain's layout are refused by name. */
static void t_layouts(void)
{
	struct eth_block b = ETH_BLOCK_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	json_t *arb = load("arbitrum_96223351.json");
	json_t *avax = load("avax_30806864.json");

	if (!arb || !avax)
		goto cleanup;
	/* Arbitrum's sendRoot, sendCount and l1BlockNumber are the node's */
	json_object_set_new(arb, "sendRoot", json_string("0x00"));
	json_object_set_new(arb, "l1BlockNumber", json_string("0x1"));
	CHECK_OK(check_block("arbitrum", arb, &b, &e), &e);
	eth_block_release(&b);
	/* ... but its L1 block number inside mixHash is hashed */
	json_object_set_new(arb, "mixHash",
			    json_string("0x000000000001310800000000010924a5"
					"000000000000000a0000000000000000"));
	CHECK_INT(check_block("arbitrum", arb, &b, &e), TRC_ERR_VERIFY);
	eth_block_release(&b);
	/* an Avalanche header is not an Ethereum one */
	CHECK_INT(check_block("eth", avax, &b, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "'extDataHash' belongs to Avalanche") != NULL);
	eth_block_release(&b);
	/* coreth's own fields are hashed */
	json_object_set_new(avax, "blockGasCost", json_string("0x61a81"));
	CHECK_INT(check_block("avax", avax, &b, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "header hashes to") != NULL);
	eth_block_release(&b);
	json_object_set_new(avax, "blockGasCost", json_string("0x61a80"));
	/* the atomic transactions must hash to extDataHash */
	json_object_set_new(avax, "blockExtraData", json_string("0x00"));
	CHECK_INT(check_block("avax", avax, &b, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "blockExtraData hashes to") != NULL);
	eth_block_release(&b);
	/* extDataHash is required */
	json_object_del(avax, "extDataHash");
	CHECK_INT(check_block("avax", avax, &b, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "field 'extDataHash' is missing") != NULL);
	eth_block_release(&b);
cleanup:
	json_decref(arb);
	json_decref(avax);
}

/* The OP-stack block: a deposit and five signed transactions, the
 * transactions root over them, the withdrawalsRoot (the message
 * passer's storage root, not a withdrawals trie) only hashed. */
static void t_opstack_block(void)
{
	struct eth_block b = ETH_BLOCK_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	json_t *j = load("unichain_sepolia_35535698.json"), *dep;
	char h[65];

	if (!j)
		return;
	CHECK_OK(check_block("optimism", j, &b, &e), &e);
	CHECK(b.tx_root_checked && b.tx_root_ok && b.n_txs == 6);
	CHECK_INT(b.txs[0].type, ETH_TX_DEPOSIT);
	CHECK(eth_tx_is_system(&b.txs[0]) && !eth_tx_is_system(&b.txs[1]));
	CHECK(b.txs[0].hash_ok && b.txs[0].from_ok);
	hex32(h, b.txs[0].hash);
	CHECK_STR(h, "613834aaeeb676fb45e312531c0cac40485a2c1b"
		     "7b8ad8d648e5034dddfb5f03");
	for (size_t i = 1; i < b.n_txs; i++)
		CHECK(b.txs[i].hash_ok && b.txs[i].from_ok &&
		      b.txs[i].chain_id == 1301);
	eth_block_release(&b);
	/* the same block on Base: a deposit is fine there too */
	CHECK_OK(check_block("base", j, &b, &e), &e);
	eth_block_release(&b);
	/* but not on BSC */
	CHECK_INT(check_block("bsc", j, &b, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "type 0x7e (deposit) does not exist on BNB "
			    "Smart Chain") != NULL);
	eth_block_release(&b);
	/* on Ethereum the withdrawals root would be a trie of none */
	CHECK_INT(check_block("eth", j, &b, &e), TRC_ERR_VERIFY);
	eth_block_release(&b);
	/* a deposit's mint, from and sourceHash are hashed */
	dep = json_array_get(json_object_get(j, "transactions"), 0);
	json_object_set_new(dep, "mint", json_string("0x1"));
	CHECK_INT(check_block("optimism", j, &b, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "transactions root is") != NULL ||
	      strstr(e.msg, "transaction 0 hashes to") != NULL);
	eth_block_release(&b);
	json_object_set_new(dep, "mint", json_string("0x0"));
	json_object_set_new(
		dep, "from",
		json_string("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0002"));
	CHECK_INT(check_block("optimism", j, &b, &e), TRC_ERR_VERIFY);
	eth_block_release(&b);
	/* the node's deposit nonce is not hashed */
	json_object_set_new(
		dep, "from",
		json_string("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001"));
	json_object_set_new(dep, "nonce", json_string("0x5"));
	CHECK_OK(check_block("optimism", j, &b, &e), &e);
	eth_block_release(&b);
	/* isSystemTx must be a boolean */
	json_object_set_new(dep, "isSystemTx", json_string("yes"));
	CHECK_INT(check_block("optimism", j, &b, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "'isSystemTx' is not a boolean") != NULL);
	eth_block_release(&b);
	json_decref(j);
}

/* A system transaction survives its canonical encoding: decoding the
 * bytes gives the same hash and sender. */
static void roundtrip(const struct eth_tx *tx)
{
	struct buf enc = BUF_INIT(1u << 20);
	struct eth_tx back = ETH_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(eth_tx_encode(tx, &enc, &e), &e);
	CHECK_OK(eth_tx_decode(&back, enc.data, enc.len, &e), &e);
	CHECK_OK(eth_tx_verify(&back, false, &e), &e);
	CHECK(!memcmp(back.hash, tx->hash, 32));
	CHECK(!memcmp(back.from, tx->from, 20));
	CHECK_INT(back.type, tx->type);
	/* one byte short is malformed, not a crash */
	eth_tx_release(&back);
	CHECK(eth_tx_decode(&back, enc.data, enc.len - 1, &e) != TRC_OK);
	buf_release(&enc);
}

static void t_system_txs(void)
{
	struct eth_tx tx = ETH_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	json_t *arb = load("arbitrum_internal_tx.json");
	json_t *blk = load("unichain_sepolia_35535698.json");

	if (!arb || !blk)
		goto cleanup;
	CHECK_OK(eth_tx_from_json(&tx, arb, &e), &e);
	CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
	CHECK(tx.hash_ok && tx.from_ok && eth_tx_is_system(&tx));
	CHECK_STR(eth_tx_type_name(tx.type), "arbitrum-internal");
	CHECK(tx.chain_id == 42161);
	roundtrip(&tx);
	eth_tx_release(&tx);
	/* the internal transaction's data is hashed */
	json_object_set_new(arb, "input", json_string("0x6bf6a42d"));
	CHECK_OK(eth_tx_from_json(&tx, arb, &e), &e);
	CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
	CHECK(!tx.hash_ok);
	eth_tx_release(&tx);
	/* ArbOS is its only sender */
	json_object_set_new(
		arb, "from",
		json_string("0x00000000000000000000000000000000000a4b06"));
	CHECK_OK(eth_tx_from_json(&tx, arb, &e), &e);
	CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
	CHECK(!tx.from_ok);
	eth_tx_release(&tx);
	/* the deposit, from the block */
	CHECK_OK(
		eth_tx_from_json(
			&tx,
			json_array_get(json_object_get(blk, "transactions"), 0),
			&e),
		&e);
	CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
	CHECK(tx.hash_ok && tx.from_ok && !tx.is_system_tx);
	roundtrip(&tx);
	eth_tx_release(&tx);
cleanup:
	json_decref(arb);
	json_decref(blk);
}

/* Signed transactions of BSC (legacy, EIP-155 chain 56) and Base
 * (EIP-1559, chain 8453). */
static void t_signed_txs(void)
{
	static const struct {
		const char *file;
		uint64_t chain_id;
	} v[] = { { "bsc_tx_usdt.json", 56 }, { "base_tx.json", 8453 } };

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct eth_tx tx = ETH_TX_INIT;
		struct trc_error e = TRC_ERROR_INIT;
		json_t *j = load(v[i].file);

		if (!j)
			continue;
		CHECK_OK(eth_tx_from_json(&tx, j, &e), &e);
		CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
		CHECK(tx.hash_ok && tx.from_ok && !eth_tx_is_system(&tx));
		CHECK(tx.chain_id == v[i].chain_id);
		eth_tx_release(&tx);
		/* the value changed: another hash, another sender */
		json_object_set_new(j, "value", json_string("0x1"));
		CHECK_OK(eth_tx_from_json(&tx, j, &e), &e);
		CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
		CHECK(!tx.hash_ok && !tx.from_ok);
		eth_tx_release(&tx);
		json_decref(j);
	}
}

/* The legs of an Arbitrum system transaction j with a successful
 * receipt that used no gas. Out: their kinds in *kinds ("reward native"). */
static void arb_legs(const json_t *j, char *kinds, size_t cap)
{
	struct eth_tx tx = ETH_TX_INIT;
	struct rec_tx out = REC_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	json_t *r =
		json_pack("{s:s, s:s, s:s, s:O, s:O, s:[]}", "status", "0x1",
			  "gasUsed", "0x0", "effectiveGasPrice", "0x5f5e100",
			  "transactionHash", json_object_get(j, "hash"), "from",
			  json_object_get(j, "from"), "logs");

	kinds[0] = 0;
	CHECK_OK(eth_tx_from_json(&tx, j, &e), &e);
	CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
	CHECK_OK(
		evm_tx_record(evm("arbitrum"), &tx, r, 1, 0, 0, NULL, &out, &e),
		&e);
	CHECK(amount_is_zero(out.fee));
	for (uint32_t k = 0; k < out.n_legs; k++)
		snprintf(kinds + strlen(kinds), cap - strlen(kinds), "%s%s",
			 k ? " " : "", rec_leg_kind_name(out.legs[k].kind));
	rec_tx_release(&out);
	eth_tx_release(&tx);
	json_decref(r);
}

/*
 * Arbitrum's L1-message types 0x64 .. 0x69: hashed as Nitro defines them
 * (type || RLP of the fields), from the JSON a Nitro node serves. The
 * vectors are SYNTHETIC (tests/vectors/evm/gen_arbitrum_system.py, its
 * own RLP and keccak): no public document at hand holds such a
 * transaction's fields. Each verifies, re-encodes and decodes back; a
 * change to any hashed field breaks the hash; 0x78 is refused by name.
 */
static void t_arbitrum_l1_types(void)
{
	static const struct {
		const char *name, *type, *field, *spoil, *legs;
	} v[] = {
		{ "deposit", "arbitrum-deposit", "requestId",
		  "0x7f5351f805cf65af8b00e894fad669b2f1ffcf3bdf92d28f147000bcb8"
		  "334dad",
		  "reward native" },
		{ "unsigned", "arbitrum-unsigned", "nonce", "0x8", "native" },
		{ "contract", "arbitrum-contract", "maxFeePerGas", "0x1", "" },
		{ "retry", "arbitrum-retry", "submissionFeeRefund", "0x1",
		  "native" },
		{ "submit_retryable", "arbitrum-submit-retryable", "retryTo",
		  "0x00000000000000000000000000000000000a4b05", "reward" },
	};
	struct trc_error e = TRC_ERROR_INIT;
	json_t *all = load("arbitrum_system_synthetic.json");
	char legs[128];

	for (size_t i = 0; all && i < sizeof(v) / sizeof(v[0]); i++) {
		struct eth_tx tx = ETH_TX_INIT;
		json_t *j = json_object_get(all, v[i].name);

		CHECK_OK(eth_tx_from_json(&tx, j, &e), &e);
		CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
		CHECK(tx.hash_ok && tx.from_ok && eth_tx_is_system(&tx));
		CHECK_STR(eth_tx_type_name(tx.type), v[i].type);
		CHECK(tx.chain_id == 42161);
		CHECK(evm_tx_type_allowed(evm("arbitrum"), tx.type));
		CHECK(!evm_tx_type_allowed(evm("bsc"), tx.type));
		roundtrip(&tx);
		eth_tx_release(&tx);
		arb_legs(j, legs, sizeof(legs));
		CHECK_STR(legs, v[i].legs);
		/* a hashed field changed: the hash no longer matches */
		j = json_deep_copy(j);
		json_object_set_new(j, v[i].field, json_string(v[i].spoil));
		CHECK_OK(eth_tx_from_json(&tx, j, &e), &e);
		CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
		CHECK(!tx.hash_ok);
		eth_tx_release(&tx);
		/* a required field missing is named */
		json_object_del(j, "from");
		CHECK(eth_tx_from_json(&tx, j, &e) == TRC_ERR_PARSE);
		CHECK(strstr(e.msg, "'from'") != NULL);
		json_decref(j);
	}
	/* a field the hash does not cover (the node's gasPrice) is free */
	if (all) {
		struct eth_tx tx = ETH_TX_INIT;
		json_t *j = json_deep_copy(json_object_get(all, "deposit"));

		json_object_set_new(j, "gasPrice", json_string("0x1234"));
		CHECK_OK(eth_tx_from_json(&tx, j, &e), &e);
		CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
		CHECK(tx.hash_ok);
		eth_tx_release(&tx);
		/* Arbitrum Classic's legacy type: refused by name */
		json_object_set_new(j, "type", json_string("0x78"));
		CHECK(eth_tx_from_json(&tx, j, &e) == TRC_ERR_UNSUPPORTED);
		CHECK(strstr(e.msg, "0x78") != NULL);
		json_decref(j);
	}
	json_decref(all);
}

/*
 * The OP-stack fee rule on a real OP Mainnet receipt (block 121258977,
 * tests/vectors/evm/README.md): the fee leg is gasUsed x effective gas
 * price + l1Fee, labelled asserted (REC_TX_FEE_ASSERTED) since the node
 * alone says what l1Fee is; the same receipt on Ethereum's rule has no L1
 * fee and a verified fee leg. The transaction itself is not in the
 * document: its fields are set as the receipt names them (a legacy
 * transaction at that gas price), its hash and sender as verified.
 */
static void t_op_l1_fee(void)
{
	static const char *const chains[] = { "optimism", "base", "eth" };
	json_t *r = load("optimism_receipt_l1fee.json");
	struct trc_error e = TRC_ERROR_INIT;
	size_t n;

	for (size_t c = 0; c < 3; c++) {
		struct eth_tx tx = ETH_TX_INIT;
		struct rec_tx out = REC_TX_INIT;
		char fee[AMOUNT_STR_MAX];
		bool op = c < 2;

		tx.type = 0;
		tx.chain_id = op ? 10 : 1;
		tx.eip155 = true;
		tx.has_to = true;
		CHECK_OK(hex_decode(tx.hash, 32, &n,
				    "2bc7cb4648e847712e39abd42178e35214a70bb15"
				    "c568d604687661b9539b4c2",
				    64, &e),
			 &e);
		CHECK_OK(
			eth_addr_parse(tx.from,
				       "0x5112996d3ae99f0b5360cea1a620ffcd78e8f"
				       "f83",
				       &e),
			&e);
		CHECK_OK(
			eth_addr_parse(tx.to,
				       "0x4200000000000000000000000000000000000"
				       "006",
				       &e),
			&e);
		CHECK_OK(amount_parse_hex(&tx.gas_price, "0x3ac9e84", &e), &e);
		CHECK_OK(evm_tx_record(evm(chains[c]), &tx, r, 121258977, 9, 0,
				       NULL, &out, &e),
			 &e);
		amount_format(fee, sizeof(fee), out.fee, 0, false);
		/* 34233 x 61644420 (+ 70284681252 on the OP stack) */
		CHECK_STR(fee, op ? "2180558111112" : "2110273429860");
		CHECK(!!(out.flags & REC_TX_FEE_ASSERTED) == op);
		out.flags |= REC_TX_INCLUDED;
		for (uint32_t k = 0; k < out.n_legs; k++) {
			if (out.legs[k].kind == LEG_FEE) {
				CHECK(!amount_cmp(out.legs[k].value, out.fee));
				CHECK_INT(rec_tx_level(&out, k),
					  op ? REC_LEVEL_ASSERTED
					     : REC_LEVEL_VERIFIED);
			}
			if (out.legs[k].kind == LEG_TOKEN) /* WETH */
				CHECK_INT(rec_tx_level(&out, k),
					  REC_LEVEL_VERIFIED);
		}
		CHECK_INT(out.n_legs, 2); /* the fee, the WETH Transfer */
		rec_tx_release(&out);
		eth_tx_release(&tx);
	}
	/* a receipt whose l1Fee is not a quantity is refused by name */
	json_object_set_new(r, "l1Fee", json_string("0xzz"));
	{
		struct eth_tx tx = ETH_TX_INIT;
		struct rec_tx out = REC_TX_INIT;

		CHECK_OK(hex_decode(tx.hash, 32, &n,
				    "2bc7cb4648e847712e39abd42178e35214a70bb15"
				    "c568d604687661b9539b4c2",
				    64, &e),
			 &e);
		CHECK_OK(
			eth_addr_parse(tx.from,
				       "0x5112996d3ae99f0b5360cea1a620ffcd78e8f"
				       "f83",
				       &e),
			&e);
		CHECK(evm_tx_record(evm("optimism"), &tx, r, 1, 0, 0, NULL,
				    &out, &e) != TRC_OK);
		CHECK(strstr(e.msg, "l1Fee") != NULL);
		eth_tx_release(&tx);
	}
	json_decref(r);
}

TEST_MAIN({ "table", t_table }, { "headers", t_headers },
	  { "op_l1_fee", t_op_l1_fee },
	  { "arbitrum_l1_types", t_arbitrum_l1_types },
	  { "layouts", t_layouts }, { "opstack_block", t_opstack_block },
	  { "system_txs", t_system_txs }, { "signed_txs", t_signed_txs })
