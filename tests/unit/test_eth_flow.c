/*
 * Value movements: callTracer trees (go-ethereum's fixtures in
 * ../shared/data/eth when present, and trees made here for the cases they
 * lack), Parity traces, ERC-20 versus ERC-721 Transfer logs, fees and
 * failed transactions, withdrawals, and whole blocks.
 */
#include <jansson.h>
#include <stdlib.h>

#include "base/hex.h"
#include "chains/eth/eth_addr.h"
#include "chains/eth/eth_balance.h"
#include "chains/eth/eth_flow.h"
#include "chains/eth/eth_json.h"
#include "chains/eth/eth_receipt.h"
#include "tests/unit/harness.h"

static json_t *parse(const char *text)
{
	json_error_t je;
	json_t *j = json_loads(text, 0, &je);

	if (!j)
		t_fail(__FILE__, __LINE__, "bad test JSON: %s", je.text);
	return j;
}

static json_t *load_shared(const char *rel)
{
	const char *path = t_shared(rel);
	json_error_t je;
	json_t *j;

	if (!path) {
		t_skip("../shared/data/%s not found (reference data absent)",
		       rel);
		return NULL;
	}
	j = json_load_file(path, 0, &je);
	if (!j)
		t_fail(__FILE__, __LINE__, "%s: %s", path, je.text);
	return j;
}

static const char *amt(trc_amount a)
{
	static char buf[AMOUNT_STR_MAX];

	return amount_format(buf, sizeof(buf), a, 0, false);
}

/* The geth fixture: the tx in `input` verifies and its sender is the top
 * frame's from; the internal legs are returned in tx. */
static void fixture(const char *rel, struct rec_tx *tx)
{
	json_t *j = load_shared(rel), *res;
	struct eth_tx etx = ETH_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	const char *in;
	uint8_t raw[65536], want[20];
	size_t n;

	rec_tx_init(tx);
	if (!j)
		return;
	res = json_object_get(j, "result");
	in = json_string_value(json_object_get(j, "input"));
	CHECK_OK(hex_decode(raw, sizeof(raw), &n, in + 2, strlen(in + 2), &e),
		 &e);
	CHECK_OK(eth_tx_decode(&etx, raw, n, &e), &e);
	CHECK_OK(eth_tx_verify(&etx, false, &e), &e);
	CHECK_OK(ejson_addr(res, "from", true, want, NULL, &e), &e);
	CHECK(!memcmp(etx.from, want, 20));
	CHECK_OK(eth_flow_call_frames(tx, res, &e), &e);
	eth_tx_release(&etx);
	json_decref(j);
}

static void t_geth_fixtures(void)
{
	struct rec_tx tx;

	fixture("eth/call_tracer/simple.json", &tx);
	if (!t_shared("eth/call_tracer/simple.json"))
		return;
	CHECK_INT(tx.n_legs, 1);
	if (tx.n_legs) {
		CHECK_INT(tx.legs[0].kind, LEG_INTERNAL);
		CHECK_STR(amt(tx.legs[0].value), "500000000000000000");
		CHECK(tx.legs[0].asset == NULL);
	}
	rec_tx_release(&tx);

	fixture("eth/call_tracer/selfdestruct.json", &tx);
	CHECK_INT(tx.n_legs, 1);
	if (tx.n_legs)
		CHECK_STR(tx.legs[0].to,
			  "0x000000000000000000000000000000000000dEaD");
	rec_tx_release(&tx);

	/* the 1.5 ETH call failed: nothing moves */
	fixture("eth/call_tracer/inner_instafail.json", &tx);
	CHECK_INT(tx.n_legs, 0);
	rec_tx_release(&tx);

	fixture("eth/call_tracer_withLog/notopic.json", &tx);
	CHECK_INT(tx.n_legs, 1);
	rec_tx_release(&tx);

	/* the top frame errored: the 2.32 ETH call below it is undone */
	fixture("eth/call_tracer_withLog/tx_failed.json", &tx);
	CHECK_INT(tx.n_legs, 0);
	rec_tx_release(&tx);
}

/* A tree with every case the fixtures lack. */
static const char tree[] =
	"{\"type\":\"CALL\","
	"\"from\":\"0x1111111111111111111111111111111111111111\","
	"\"to\":\"0x2222222222222222222222222222222222222222\","
	"\"value\":\"0x64\",\"calls\":["
	/* a reverted sub-call with value, and a call with value below it */
	"{\"type\":\"CALL\",\"error\":\"execution reverted\","
	"\"from\":\"0x2222222222222222222222222222222222222222\","
	"\"to\":\"0x3333333333333333333333333333333333333333\","
	"\"value\":\"0x7\",\"calls\":[{\"type\":\"CALL\","
	"\"from\":\"0x3333333333333333333333333333333333333333\","
	"\"to\":\"0x4444444444444444444444444444444444444444\","
	"\"value\":\"0x5\"}]},"
	/* CREATE with value, and inside it a SELFDESTRUCT */
	"{\"type\":\"CREATE\","
	"\"from\":\"0x2222222222222222222222222222222222222222\","
	"\"to\":\"0x5555555555555555555555555555555555555555\","
	"\"value\":\"0xde0b6b3a7640000\",\"calls\":[{\"type\":\"SELFDESTRUCT\","
	"\"from\":\"0x5555555555555555555555555555555555555555\","
	"\"to\":\"0x6666666666666666666666666666666666666666\","
	"\"value\":\"0xde0b6b3a7640000\"}]},"
	/* no value moves in these */
	"{\"type\":\"DELEGATECALL\","
	"\"from\":\"0x2222222222222222222222222222222222222222\","
	"\"to\":\"0x7777777777777777777777777777777777777777\","
	"\"value\":\"0x9\"},"
	"{\"type\":\"STATICCALL\","
	"\"from\":\"0x2222222222222222222222222222222222222222\","
	"\"to\":\"0x7777777777777777777777777777777777777777\"},"
	"{\"type\":\"CALLCODE\","
	"\"from\":\"0x2222222222222222222222222222222222222222\","
	"\"to\":\"0x7777777777777777777777777777777777777777\","
	"\"value\":\"0x9\"},"
	"{\"type\":\"CALL\","
	"\"from\":\"0x2222222222222222222222222222222222222222\","
	"\"to\":\"0x8888888888888888888888888888888888888888\","
	"\"value\":\"0x0\"},"
	"{\"type\":\"CREATE2\","
	"\"from\":\"0x2222222222222222222222222222222222222222\","
	"\"to\":\"0x9999999999999999999999999999999999999999\","
	"\"value\":\"0x2\"}]}";

static void t_synthetic_tree(void)
{
	struct rec_tx tx = REC_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	json_t *j = parse(tree);

	CHECK_OK(eth_flow_call_frames(&tx, j, &e), &e);
	CHECK_INT(tx.n_legs, 3);
	if (tx.n_legs == 3) {
		CHECK_STR(tx.legs[0].to,
			  "0x5555555555555555555555555555555555555555");
		CHECK_STR(amt(tx.legs[0].value), "1000000000000000000");
		CHECK_STR(tx.legs[1].from,
			  "0x5555555555555555555555555555555555555555");
		CHECK_STR(tx.legs[1].to,
			  "0x6666666666666666666666666666666666666666");
		CHECK_STR(tx.legs[2].to,
			  "0x9999999999999999999999999999999999999999");
		CHECK_STR(amt(tx.legs[2].value), "2");
	}
	rec_tx_release(&tx);
	/* the same tree with an error on top moves nothing */
	json_object_set_new(j, "error", json_string("out of gas"));
	CHECK_OK(eth_flow_call_frames(&tx, j, &e), &e);
	CHECK_INT(tx.n_legs, 0);
	json_decref(j);
	/* malformed: a frame without type, calls not an array */
	j = parse("{\"type\":\"CALL\",\"calls\":[{\"value\":\"0x1\"}]}");
	CHECK_INT(eth_flow_call_frames(&tx, j, &e), TRC_ERR_PARSE);
	json_decref(j);
	j = parse("{\"type\":\"CALL\",\"calls\":{}}");
	CHECK_INT(eth_flow_call_frames(&tx, j, &e), TRC_ERR_PARSE);
	json_decref(j);
	rec_tx_release(&tx);
}

#define TOPIC0                                                                 \
	"\"0xddf252ad1be2c89b69c2b068fc378daa"                                 \
	"952ba7f163c4a11628f55a4df523b3ef\""
#define TOPIC_A                                                                \
	"\"0x000000000000000000000000aaaaaaaa"                                 \
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\""
#define TOPIC_B                                                                \
	"\"0x000000000000000000000000bbbbbbbb"                                 \
	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\""
#define WORD_7                                                                 \
	"\"0x00000000000000000000000000000000"                                 \
	"00000000000000000000000000000007\""
#define USDT "\"0xdac17f958d2ee523a2206206994597c13d831ec7\""

static const char logs[] =
	"["
	/* ERC-20: 3 topics, 32 bytes */
	"{\"address\":" USDT ",\"topics\":[" TOPIC0 "," TOPIC_A "," TOPIC_B
	"],\"data\":" WORD_7 "},"
	/* ERC-721: the token id is a 4th topic, no data */
	"{\"address\":" USDT ",\"topics\":[" TOPIC0 "," TOPIC_A "," TOPIC_B
	"," WORD_7 "],\"data\":\"0x\"},"
	/* removed by a reorg */
	"{\"address\":" USDT ",\"removed\":true,\"topics\":[" TOPIC0 "," TOPIC_A
	"," TOPIC_B "],\"data\":" WORD_7 "},"
	/* another event */
	"{\"address\":" USDT ",\"topics\":[" TOPIC_A "," TOPIC_A "," TOPIC_B
	"],\"data\":" WORD_7 "},"
	/* 64 bytes of data: not a Transfer amount */
	"{\"address\":" USDT ",\"topics\":[" TOPIC0 "," TOPIC_A "," TOPIC_B
	"],\"data\":\"0x00000000000000000000000000000000000000000000000000"
	"000000000000070000000000000000000000000000000000000000000000000000"
	"000000000007\"}]";

static void t_token_logs(void)
{
	struct rec_tx tx = REC_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	json_t *j = parse(logs);
	uint8_t h[32] = { 0 };

	CHECK_OK(eth_flow_token_logs(&tx, j, h, &e), &e);
	CHECK_INT(tx.n_legs, 1);
	if (tx.n_legs) {
		CHECK_INT(tx.legs[0].kind, LEG_TOKEN);
		CHECK_STR(tx.legs[0].asset,
			  "0xdAC17F958D2ee523a2206206994597C13D831ec7");
		CHECK_STR(tx.legs[0].from,
			  "0xaAaAaAaaAaAaAaaAaAAAAAAAAaaaAaAaAaaAaaAa");
		CHECK_STR(amt(tx.legs[0].value), "7");
	}
	rec_tx_release(&tx);
	json_decref(j);
}

/* A signed legacy tx (go-ethereum's vector) with a receipt. */
static const char geth_tx[] =
	"{\"from\":"
	"\"0x71562b71999873db5b286df957af199ec94617f7\",\"gas\":\"0x7\","
	"\"gasPrice\":\"0x6\",\"hash\":\"0x3fa586d2448ae279279fa7036da74eb932"
	"763661543428c1a0aba21b95b37bdb\",\"input\":\"0x0001020304\","
	"\"nonce\":\"0x5\",\"to\":"
	"\"0xdead000000000000000000000000000000000000\","
	"\"value\":\"0x8\",\"type\":\"0x0\",\"chainId\":\"0x1\",\"v\":\"0x25\","
	"\"r\":\"0xac639f4319e9268898e29444b97101f1225e2a0837151626da23e73dda"
	"2443fc\",\"s\":\"0x4fcc3f4c3a75f70ee45bb42d4b0aad432cc8c0140efb3e2611"
	"d6a6dda8460907\"}";

static void record_with(const char *receipt, struct rec_tx *out,
			enum trc_err want)
{
	struct eth_tx tx = ETH_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	json_t *t = parse(geth_tx), *r = parse(receipt);

	CHECK_OK(eth_tx_from_json(&tx, t, &e), &e);
	CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
	CHECK_INT(eth_tx_record(&tx, r, NULL, NULL, 7, 3, 1000, NULL, out, &e),
		  want);
	eth_tx_release(&tx);
	json_decref(t);
	json_decref(r);
}

static void t_fee_and_status(void)
{
	struct rec_tx r;

	record_with("{\"status\":\"0x1\",\"gasUsed\":\"0x7\","
		    "\"effectiveGasPrice\":\"0x6\",\"logs\":[]}",
		    &r, TRC_OK);
	CHECK_INT(r.chain, CHAIN_ETH);
	CHECK_INT(r.height, 7);
	CHECK_INT(r.position, 3);
	CHECK_INT(r.txid[0], 0x3f);
	CHECK_STR(amt(r.fee), "42");
	CHECK_INT(r.n_legs, 2);
	if (r.n_legs == 2) {
		CHECK_INT(r.legs[0].kind, LEG_FEE);
		CHECK(r.legs[0].to == NULL);
		CHECK_STR(r.legs[0].from,
			  "0x71562b71999873DB5b286dF957af199Ec94617F7");
		CHECK_INT(r.legs[1].kind, LEG_NATIVE);
		CHECK_STR(amt(r.legs[1].value), "8");
		CHECK_STR(r.legs[1].to,
			  "0xdEad000000000000000000000000000000000000");
	}
	CHECK(!(r.flags & REC_TX_FAILED));
	rec_tx_release(&r);

	/* failed: pays the fee, moves nothing; no effectiveGasPrice: the
	 * legacy gas price */
	record_with("{\"status\":\"0x0\",\"gasUsed\":\"0x7\"}", &r, TRC_OK);
	CHECK(r.flags & REC_TX_FAILED);
	CHECK_INT(r.n_legs, 1);
	CHECK_STR(amt(r.fee), "42");
	rec_tx_release(&r);

	/* a receipt of another transaction, a bad status */
	record_with(
		"{\"status\":\"0x1\",\"gasUsed\":\"0x7\",\"transactionHash\":"
		"\"0x0000000000000000000000000000000000000000000000000000"
		"000000000001\"}",
		&r, TRC_ERR_VERIFY);
	record_with("{\"status\":\"0x2\",\"gasUsed\":\"0x7\"}", &r,
		    TRC_ERR_PARSE);
	record_with("{\"status\":\"0x1\"}", &r, TRC_ERR_PARSE);
}

/* Sets j[key] to "0x" and the hex of h. */
static void set_hash(json_t *j, const char *key, const uint8_t h[32])
{
	char s[67] = "0x";

	hex_encode(s + 2, h, 32);
	json_object_set_new(j, key, json_string(s));
}

/*
 * The mainnet block with receipts made up for its transactions (all 21000
 * gas, the second one failed), and its receiptsRoot and hash rewritten to
 * commit to them: the records logic on real transactions. (The receipt
 * encoding itself is checked against anvil in tests/integration.)
 */
static json_t *block_with_receipts(json_t *blk)
{
	struct eth_block b = ETH_BLOCK_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	struct buf rlp = BUF_INIT(1 << 20);
	json_t *receipts = json_array(), *t;
	uint8_t types[1024], root[32], hash[32];
	const char *shape;
	char bloom[2 + 512 + 1] = "0x", cum[32];
	size_t i, n;

	memset(bloom + 2, '0', 512);
	bloom[514] = 0;
	CHECK_OK(eth_block_from_json(&b, blk, &e), &e);
	n = b.n_txs;
	json_array_foreach(json_object_get(blk, "transactions"), i, t)
	{
		json_t *r = json_object();

		types[i] = b.txs[i].type;
		snprintf(cum, sizeof(cum), "0x%zx", 21000 * (i + 1));
		json_object_set(r, "transactionHash",
				json_object_get(t, "hash"));
		json_object_set_new(r, "status",
				    json_string(i == 1 ? "0x0" : "0x1"));
		json_object_set_new(r, "gasUsed", json_string("0x5208"));
		json_object_set_new(r, "cumulativeGasUsed", json_string(cum));
		json_object_set_new(r, "logsBloom", json_string(bloom));
		json_object_set_new(r, "logs", json_array());
		json_array_append_new(receipts, r);
	}
	CHECK(n <= sizeof(types));
	CHECK_OK(eth_receipts_root(receipts, types, n, root, &e), &e);
	set_hash(blk, "receiptsRoot", root);
	CHECK_OK(eth_header_encode(blk, &rlp, hash, &shape, &e), &e);
	set_hash(blk, "hash", hash);
	buf_release(&rlp);
	eth_block_release(&b);
	return receipts;
}

static void t_block_records(void)
{
	json_t *blk = load_shared("eth/infura15571241wtxns.json");
	json_t *receipts = NULL;
	struct eth_block_records out = ETH_BLOCK_RECORDS_INIT;
	struct eth_block_input in = { 0 };
	struct trc_error e = TRC_ERROR_INIT;
	size_t i, n;

	if (!blk)
		return;
	receipts = block_with_receipts(blk);
	n = json_array_size(receipts);
	in.block = blk;
	in.receipts = receipts;
	in.chain_id = 1;
	in.source = "test";
	CHECK_OK(eth_block_records(&in, &out, &e), &e);
	/* the transactions, then the fee recipient's income */
	CHECK_INT(out.n_txs, n + 1);
	CHECK_INT(out.block.height, 15571241);
	CHECK_INT(out.block.tx_count, n);
	CHECK_STR(out.block.source, "test");
	CHECK(out.n_txs > 2 && (out.txs[1].flags & REC_TX_FAILED));
	for (i = 0; i < n && i < out.n_txs; i++)
		CHECK(out.txs[i].n_legs >= 1 &&
		      out.txs[i].legs[0].kind == LEG_FEE);
	/* every record is in the verified block; nothing is proven yet */
	for (i = 0; i < out.n_txs; i++)
		CHECK((out.txs[i].flags & (REC_TX_INCLUDED | REC_TX_PROVEN)) ==
		      REC_TX_INCLUDED);
	if (out.n_txs == n + 1) {
		/* income = sum of fees - gasUsed x baseFee of each tx */
		const struct rec_tx *last = &out.txs[n];
		trc_amount base, burn, fees = AMOUNT_ZERO, tips;

		CHECK_OK(amount_parse_hex(&base,
					  json_string_value(json_object_get(
						  blk, "baseFeePerGas")),
					  &e),
			 &e);
		for (i = 0; i < n; i++)
			CHECK_OK(amount_add(&fees, fees, out.txs[i].fee), NULL);
		CHECK_OK(amount_mul(&burn, base, amount_from_u64(21000 * n)),
			 NULL);
		CHECK_OK(amount_sub(&tips, fees, burn), NULL);
		CHECK(last->flags & REC_TX_COINBASE);
		CHECK_INT(last->position, n);
		CHECK_INT(last->n_legs, 1);
		CHECK(last->legs[0].kind == LEG_REWARD && !last->legs[0].from);
		CHECK(amount_cmp(last->legs[0].value, tips) == 0);
		CHECK(last->legs[0].to != NULL &&
		      !strcasecmp(last->legs[0].to,
				  json_string_value(
					  json_object_get(blk, "miner"))));
	}
	eth_block_records_release(&out);

	/* another chain id: refused, naming the transaction */
	in.chain_id = 5;
	CHECK_INT(eth_block_records(&in, &out, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "chain id 1, not 5") != NULL);
	CHECK(out.n_txs == 0 && out.txs == NULL);
	in.chain_id = 1;
	/* a receipt's status changed: the receipts root no longer matches */
	json_object_set_new(json_array_get(receipts, 1), "status",
			    json_string("0x1"));
	CHECK_INT(eth_block_records(&in, &out, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "receiptsRoot") && strstr(e.msg, "15571241"));
	json_object_set_new(json_array_get(receipts, 1), "status",
			    json_string("0x0"));
	/* a gasUsed that does not add up */
	json_object_set_new(json_array_get(receipts, 2), "gasUsed",
			    json_string("0x5209"));
	CHECK_INT(eth_block_records(&in, &out, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "receipt 2") && strstr(e.msg, "gasUsed"));
	json_object_set_new(json_array_get(receipts, 2), "gasUsed",
			    json_string("0x5208"));
	/* an effectiveGasPrice that is not what the block implies */
	json_object_set_new(json_array_get(receipts, 0), "effectiveGasPrice",
			    json_string("0x1"));
	CHECK_INT(eth_block_records(&in, &out, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "effectiveGasPrice") != NULL);
	json_object_del(json_array_get(receipts, 0), "effectiveGasPrice");
	/* one receipt short */
	json_array_remove(receipts, 0);
	CHECK_INT(eth_block_records(&in, &out, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "block 15571241") != NULL);
	CHECK(out.txs == NULL);
	json_decref(receipts);
	json_decref(blk);
}

static void t_parity_traces(void)
{
	struct eth_tx tx = ETH_TX_INIT;
	struct rec_tx r = REC_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	json_t *t = parse(geth_tx);
	json_t *rc = parse("{\"status\":\"0x1\",\"gasUsed\":\"0x0\"}");
	json_error_t je;
	json_t *root =
		json_load_file("tests/vectors/eth/parity_traces.json", 0, &je);
	json_t *tr = json_object_get(root, "traces");

	CHECK_OK(eth_tx_from_json(&tx, t, &e), &e);
	CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
	CHECK_OK(eth_tx_record(&tx, rc, NULL, tr, 1, 0, 0, NULL, &r, &e), &e);
	/* native, create 3, suicide 3 */
	CHECK_INT(r.n_legs, 3);
	if (r.n_legs == 3) {
		CHECK_INT(r.legs[0].kind, LEG_NATIVE);
		CHECK_STR(r.legs[1].to,
			  "0x3333333333333333333333333333333333333333");
		CHECK_STR(r.legs[2].to,
			  "0x4444444444444444444444444444444444444444");
	}
	rec_tx_release(&r);
	eth_tx_release(&tx);
	json_decref(t);
	json_decref(rc);
	json_decref(root);
}

/*
 * A frame is made by the code running in its parent: a CALL whose from is
 * not that account is a forgery; under DELEGATECALL the code runs in the
 * caller's account, so its sub-calls come from the caller.
 */
#define AD(c)                                                                  \
	"0x" c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c \
		c c c c c c c
/* {"type": T, "from": F, "to": TO, then value or calls (not closed) */
#define FRAME(t, f, to)                                                        \
	"{\"type\":\"" t "\",\"from\":\"" AD(f) "\",\"to\":\"" AD(to) "\","
#define VALUE1 "\"value\":\"0x1\"}"

static void t_forged_frames(void)
{
	static const char *const bad[] = {
		/* from an account that is not running */
		FRAME("CALL", "1", "2") "\"calls\":[" FRAME("CALL", "4", "5")
			VALUE1 "]}",
		/* below a DELEGATECALL, from the code's address */
		FRAME("CALL", "1", "2") "\"calls\":[" FRAME(
			"DELEGATECALL", "2",
			"7") "\"calls\":[" FRAME("CALL", "7", "5") VALUE1
		"]}]}",
		/* a value-free frame is checked too */
		FRAME("CALL", "1", "2") "\"calls\":[" FRAME(
			"STATICCALL", "1", "5") "\"gas\":\"0x0\"}]}",
	};
	static const char good[] = FRAME("CALL", "1", "2") "\"calls\":[" FRAME(
		"DELEGATECALL", "2", "7") "\"calls\":[" FRAME("CALL", "2", "5")
		VALUE1 "]}]}";
	struct rec_tx tx = REC_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	json_t *j;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		j = parse(bad[i]);
		CHECK_INT(eth_flow_call_frames(&tx, j, &e), TRC_ERR_VERIFY);
		CHECK(strstr(e.msg, "a call the transaction did not make") !=
		      NULL);
		json_decref(j);
		rec_tx_release(&tx);
	}
	j = parse(good);
	CHECK_OK(eth_flow_call_frames(&tx, j, &e), &e);
	CHECK_INT(tx.n_legs, 1);
	if (tx.n_legs)
		CHECK_STR(tx.legs[0].from,
			  "0x2222222222222222222222222222222222222222");
	json_decref(j);
	rec_tx_release(&tx);
}

/* The accounts whose code makes calls; created and destroyed ones not. */
static void t_callers(void)
{
	static const char tree2[] = FRAME("CALL", "1", "2") "\"calls\":[" FRAME(
		"DELEGATECALL", "2", "7") "\"calls\":[" FRAME("CALL", "2", "5")
		VALUE1 "]}," FRAME("CREATE", "2", "9") "\"calls\":[" FRAME(
			"CALL", "9", "5") VALUE1
		"]}," FRAME("CALL", "2", "6") "\"calls\":[" FRAME(
			"SELFDESTRUCT", "6", "3") VALUE1
		"," FRAME("CALL", "6", "4") "\"calls\":[" FRAME(
			"STATICCALL", "4", "8") "\"gas\":\"0x0\"}]}]}]}";
	struct eth_callers c = ETH_CALLERS_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	json_t *j = parse(tree2);
	char a[ETH_ADDR_STR];

	CHECK_OK(eth_callers_add(&c, j, &e), &e);
	CHECK_OK(eth_callers_finish(&c, &e), &e);
	/* 2 (the callee, and the DELEGATECALL's context) and 4; not 9
	 * (created), 6 (destroyed), 7 (its code ran in 2) */
	CHECK_INT(c.n, 2);
	if (c.n == 2) {
		eth_addr_format(a, c.v[0]);
		CHECK_STR(a, AD("2"));
		eth_addr_format(a, c.v[1]);
		CHECK_STR(a, AD("4"));
	}
	eth_callers_release(&c);
	json_decref(j);
}

/* What a range's legs imply, against what proofs say. */
static void t_balance_flows(void)
{
	struct rec_tx tx[2];
	struct eth_flows f = ETH_FLOWS_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	const char *a = "0x1111111111111111111111111111111111111111";
	const char *b = "0x2222222222222222222222222222222222222222";

	rec_tx_init(&tx[0]);
	rec_tx_init(&tx[1]);
	CHECK_OK(rec_tx_add_leg(&tx[0], LEG_FEE, NULL, a, NULL,
				amount_from_u64(21), &e),
		 &e);
	CHECK_OK(rec_tx_add_leg(&tx[0], LEG_NATIVE, NULL, a, b,
				amount_from_u64(100), &e),
		 &e);
	CHECK_OK(rec_tx_add_leg(&tx[1], LEG_INTERNAL, NULL, b, a,
				amount_from_u64(30), &e),
		 &e);
	/* tokens and openings are not ETH flows */
	CHECK_OK(rec_tx_add_leg(&tx[1], LEG_TOKEN, b, b, a, amount_from_u64(5),
				&e),
		 &e);
	CHECK_OK(eth_flows_add(&f, tx, 2, &e), &e);
	CHECK_OK(eth_flows_finish(&f, &e), &e);
	CHECK_INT(f.n, 2);
	/* a: 1000 - 21 - 100 + 30 = 909; b: 0 + 100 - 30 = 70 */
	CHECK_OK(eth_flows_reconcile(&f.v[0], amount_from_u64(1000),
				     amount_from_u64(909), 7, &e),
		 &e);
	CHECK_OK(eth_flows_reconcile(&f.v[1], AMOUNT_ZERO, amount_from_u64(70),
				     7, &e),
		 &e);
	CHECK_INT(eth_flows_reconcile(&f.v[1], AMOUNT_ZERO,
				      amount_from_u64(100), 7, &e),
		  TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "block 7: 0x222222222222222222222222222222222"
			    "2222222: the legs imply a balance of 70 wei, "
			    "its proven balance is 100 wei") != NULL);
	/* a false opening: more spent than held */
	CHECK_INT(eth_flows_reconcile(&f.v[0], amount_from_u64(10),
				      amount_from_u64(909), 7, &e),
		  TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "spend more than its proven opening balance of "
			    "10 wei") != NULL);
	eth_flows_release(&f);
	rec_tx_release(&tx[0]);
	rec_tx_release(&tx[1]);
}

TEST_MAIN({ "geth_fixtures", t_geth_fixtures },
	  { "synthetic_tree", t_synthetic_tree },
	  { "token_logs", t_token_logs },
	  { "fee_and_status", t_fee_and_status },
	  { "block_records", t_block_records },
	  { "parity_traces", t_parity_traces },
	  { "forged_frames", t_forged_frames },
	  { "balance_flows", t_balance_flows }, { "callers", t_callers })
