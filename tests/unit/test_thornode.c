/*
 * test_thornode.c - chains/thorchain/thornode: THORNode's
 * /thorchain/tx/status answers parsed (tests/vectors/thorchain/
 * tx_status.json, origins in its README.md): the stage, the outbound
 * txs and their coins, every field checked and named in the errors;
 * the inbound hash in THORChain's form; the outbound picked on a chain,
 * or why not (pending, refunded, another chain).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "chains/chain.h"
#include "chains/thorchain/outbound.h"
#include "chains/thorchain/thornode.h"
#include "tests/unit/harness.h"

#define VECTORS "tests/vectors/thorchain/tx_status.json"

static json_t *vectors;

/* The answer named key of the vectors as text (static buffer). */
static const char *answer(const char *key)
{
	static char *text;
	json_error_t je;

	if (!vectors)
		vectors = json_load_file(VECTORS, 0, &je);
	free(text);
	text = json_dumps(json_object_get(vectors, key), JSON_COMPACT);
	return text ? text : "";
}

static const char *in_hash(const char *key)
{
	json_t *tx = json_object_get(json_object_get(vectors, key), "tx");

	return json_string_value(json_object_get(tx, "id"));
}

static void t_hash_norm(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	char out[65];

	CHECK_OK(thornode_hash_norm("0x10d27ceba9a44898e3ac4fa7f80f607a6a954226"
				    "ee821c68ea9b8d2370917ff0",
				    out, &e),
		 &e);
	CHECK_STR(out, "10D27CEBA9A44898E3AC4FA7F80F607A6A954226EE821C68EA9B"
		       "8D2370917FF0");
	CHECK(thornode_hash_norm("10d27c", out, &e) == TRC_ERR_INVALID);
	CHECK(strstr(e.msg, "64 hex digits") != NULL);
	CHECK(thornode_hash_norm("g0d27ceba9a44898e3ac4fa7f80f607a6a954226ee82"
				 "1c68ea9b8d2370917ff0",
				 out, &e) == TRC_ERR_INVALID);
	CHECK(strstr(e.msg, "'g' at 0 is not a hex digit") != NULL);
	CHECK(thornode_hash_norm(NULL, out, &e) == TRC_ERR_INVALID);
}

static void t_done(void)
{
	struct thornode_status st;
	struct trc_error e = TRC_ERROR_INIT;
	const char *a = answer("done_avax");

	CHECK_OK(thornode_status_parse(a, strlen(a), in_hash("done_avax"), &st,
				       &e),
		 &e);
	CHECK_INT(st.stage, THORNODE_DONE);
	CHECK_STR(thornode_stage_name(st.stage), "done");
	CHECK(st.has_tx);
	CHECK_STR(st.in_chain, "AVAX");
	CHECK_STR(st.in_memo, "-:AVAX.AVAX:10000:THOR.RUNE");
	CHECK_INT(st.n_out, 1);
	CHECK_STR(st.out[0].id, "622D97764ABF0D072EBB57BE5A5550B683CBF592D594"
				"25D1C9DABC84E33BF6C5");
	CHECK_STR(st.out[0].chain, "AVAX");
	CHECK_STR(st.out[0].to, "0x38019bC40f504BE4546F24083Ccaf0c8553C408A");
	CHECK_STR(st.out[0].memo, "OUT:10D27CEBA9A44898E3AC4FA7F80F607A6A95"
				  "4226EE821C68EA9B8D2370917FF0");
	CHECK(!st.out[0].refund);
	CHECK_INT(st.out[0].n_coins, 1);
	CHECK_STR(st.out[0].coins[0].asset, "AVAX.AVAX");
	CHECK_INT(st.out[0].coins[0].amount.w[0], 14425583);
	CHECK_INT(st.n_planned, 1);
	CHECK_INT(st.planned[0].coins[0].amount.w[0], 14425583);
}

static void t_stages(void)
{
	static const struct {
		const char *key;
		enum thornode_stage want;
	} cases[] = {
		{ "signing_avax", THORNODE_PENDING },
		{ "pending_btc", THORNODE_PENDING },
		{ "refund_planned", THORNODE_REFUNDED },
		{ "refunded_btc", THORNODE_REFUNDED },
		{ "done_btc", THORNODE_DONE },
	};
	struct thornode_status st;
	struct trc_error e = TRC_ERROR_INIT;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *a = answer(cases[i].key);

		CHECK_OK(thornode_status_parse(a, strlen(a),
					       in_hash(cases[i].key), &st, &e),
			 &e);
		if (st.stage != cases[i].want)
			t_fail(__FILE__, __LINE__, "%s: stage %s", cases[i].key,
			       thornode_stage_name(st.stage));
	}
	/* an inbound the node never saw */
	{
		const char *a = answer("unseen");

		CHECK_OK(thornode_status_parse(
				 a, strlen(a),
				 "A1B2C3D4E5F60718293A4B5C6D7E8F90"
				 "A1B2C3D4E5F60718293A4B5C6D7E8F90",
				 &st, &e),
			 &e);
		CHECK_INT(st.stage, THORNODE_UNSEEN);
	}
}

/* Each mutation of the done answer, and the message it must give. */
static void t_errors(void)
{
	static const struct {
		const char *json, *msg;
	} cases[] = {
		{ "[1]", "not a JSON object" },
		{ "{\"tx\":{}}", "stages is missing" },
		{ "{\"stages\":[]}", "stages is not an object" },
		{ "{", "invalid JSON" },
		{ "{\"stages\":{},\"out_txs\":{}}", "out_txs is not an array" },
		{ "{\"stages\":{},\"out_txs\":[{\"chain\":\"BTC\"}]}",
		  "out_txs[0].to_address is missing" },
		{ "{\"stages\":{},\"out_txs\":[{\"chain\":\"BTC\",\"to_"
		  "address\":"
		  "\"x\",\"coins\":[{\"asset\":\"BTC.BTC\",\"amount\":\"1.5\"}"
		  "]}]}",
		  "out_txs[0].coins[0].amount: '1.5' is not a whole number" },
		{ "{\"stages\":{},\"out_txs\":[{\"chain\":\"BTC\",\"to_"
		  "address\":"
		  "\"x\",\"coins\":[{\"asset\":\"BTC.BTC\",\"amount\":7}]}]}",
		  "out_txs[0].coins[0].amount is not a string" },
		{ "{\"stages\":{},\"out_txs\":[{\"id\":\"XYZ\",\"chain\":"
		  "\"BTC\","
		  "\"to_address\":\"x\"}]}",
		  "out_txs[0].id: 'XYZ' is not a transaction hash" },
		{ "{\"stages\":{},\"planned_out_txs\":[{\"chain\":\"BTC\","
		  "\"to_address\":\"x\",\"refund\":\"yes\"}]}",
		  "planned_out_txs[0].refund is not true or false" },
		{ "{\"stages\":{\"outbound_signed\":{\"completed\":1}}}",
		  "stages.outbound_signed.completed is not true or false" },
		{ "{\"stages\":{},\"tx\":{\"id\":"
		  "\"622D97764ABF0D072EBB57BE5A5550"
		  "B683CBF592D59425D1C9DABC84E33BF6C5\"}}",
		  "tx.id is "
		  "622D97764ABF0D072EBB57BE5A5550B683CBF592D59425D1C9DA"
		  "BC84E33BF6C5, not the inbound" },
		{ "{\"stages\":{},\"out_txs\":[1,2,3,4,5,6,7,8,9,10,11,12,13,"
		  "14,"
		  "15,16,17]}",
		  "out_txs has more than 16 entries" },
	};
	struct thornode_status st;
	struct trc_error e = TRC_ERROR_INIT;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum trc_err rc = thornode_status_parse(
			cases[i].json, strlen(cases[i].json),
			"10D27CEBA9A44898E3AC4FA7F80F607A6A954226EE821C68EA9B8D"
			"2370917FF0",
			&st, &e);

		if (rc == TRC_OK || !strstr(e.msg, cases[i].msg))
			t_fail(__FILE__, __LINE__, "%s: rc %d, '%s'",
			       cases[i].json, rc, e.msg);
		CHECK_INT(st.n_out, 0);
	}
}

/* The node's outbound picked per stage and chain, or why not. */
static void t_pick(void)
{
	static const struct {
		const char *key, *chain;
		enum trc_err rc;
		const char *msg;
	} cases[] = {
		{ "done_btc", "btc", TRC_OK,
		  "A2F35B0C4D5E6F708192A3B4C5D6E7F8091A2B3C4D5E6F708192A3B4C5D6"
		  "E7F8" },
		{ "done_btc", "eth", TRC_ERR_UNSUPPORTED,
		  "the outbound of inbound 8F9A1E0C2B3D4E5F60718293A4B5C6D7E8F9"
		  "0A1B2C3D4E5F60718293A4B5C6D7 is on BTC (tx A2F35B0C" },
		{ "done_avax", "avax", TRC_OK,
		  "622D97764ABF0D072EBB57BE5A5550B683CBF592D59425D1C9DABC84E33B"
		  "F6C5" },
		{ "pending_btc", "btc", TRC_ERR_NOTFOUND, "is pending" },
		{ "signing_avax", "avax", TRC_ERR_NOTFOUND, "is pending" },
		{ "refunded_btc", "eth", TRC_ERR_UNSUPPORTED,
		  "was refunded, not swapped (REFUND tx C0FFEE00" },
		{ "refund_planned", "eth", TRC_ERR_UNSUPPORTED,
		  "is being refunded" },
	};
	struct thornode_status st;
	struct thor_outbound out;
	struct trc_error e = TRC_ERROR_INIT;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *a = answer(cases[i].key);
		const struct chain_ops *c = chain_find(cases[i].chain);
		enum trc_err rc;

		CHECK(c != NULL);
		CHECK_OK(thornode_status_parse(a, strlen(a),
					       in_hash(cases[i].key), &st, &e),
			 &e);
		if (!c)
			continue;
		rc = thor_outbound_pick(&st, c, &out, &e);
		if (rc != cases[i].rc ||
		    !strstr(rc ? e.msg : out.node.id, cases[i].msg))
			t_fail(__FILE__, __LINE__, "%s on %s: rc %d, '%s'",
			       cases[i].key, cases[i].chain, rc,
			       rc ? e.msg : out.node.id);
		if (rc && !strstr(e.msg, "nothing stored"))
			t_fail(__FILE__, __LINE__, "%s: '%s'", cases[i].key,
			       e.msg);
	}
}

TEST_MAIN({ "hash_norm", t_hash_norm }, { "done", t_done },
	  { "stages", t_stages }, { "errors", t_errors }, { "pick", t_pick })
