/*
 * tracer decode --chain tron [FILE|JSON|-] - verify a Tron block (as
 * /wallet/getblockbynum answers it, or {"block": ..., "infos": the
 * answer of /wallet/gettransactioninfobyblocknum} for its fees, TRC-20
 * and internal legs too) or transaction (as a block lists it,
 * or /wallet/gettransactionbyid answers it) offline and print JSON: ids,
 * the owner recovered from each signature, the contract's legs. Exit 1
 * when the input is malformed or a check fails. The usage text is
 * CMD_DECODE_USAGE (tracer/cli/cmd_decode.c); docs/chains.md has the
 * checks.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/hex.h"
#include "chains/tron/tron_block.h"
#include "chains/tron/tron_pb.h"
#include "tracer/cli/decode.h"
#include "tracer/cli/jsonout.h"

#define INPUT_MAX (64u << 20)

static json_t *jhex(const uint8_t *p, size_t n)
{
	char s[2 * 32 + 1];

	hex_encode(s, p, n);
	return json_string(s);
}

static json_t *legs_json(const struct rec_tx *tx)
{
	json_t *a = json_array();

	for (uint32_t i = 0; i < tx->n_legs; i++) {
		const struct rec_leg *l = &tx->legs[i];
		char v[90];

		amount_format(v, sizeof(v), l->value, 0, false);
		json_array_append_new(
			a, json_pack("{ss ss ss? ss? ss}", "kind",
				     rec_leg_kind_name(l->kind), "asset",
				     l->asset ? l->asset : "TRX", "from",
				     l->from, "to", l->to, "value", v));
	}
	return a;
}

static json_t *tx_json(const struct rec_tx *tx, const struct tron_tx_info *t)
{
	char fee[90];

	amount_format(fee, sizeof(fee), tx->fee, 0, false);
	return json_pack("{so ss si ss sb si sb so ss}", "txid",
			 jhex(tx->txid, 32), "owner", t->owner, "type",
			 (int)t->type, "result",
			 tron_contract_ret_name(t->contract_ret), "failed",
			 (tx->flags & REC_TX_FAILED) != 0, "signatures",
			 (int)t->n_sigs, "signed_by_owner", t->by_owner, "legs",
			 legs_json(tx), "fee", fee);
}

static int decode_tx(const json_t *j)
{
	struct rec_tx tx = REC_TX_INIT;
	struct tron_tx_info t;
	struct trc_error err = TRC_ERROR_INIT;
	int rc;

	if (tron_tx_decode(j, &tx, &t, &err)) {
		rec_tx_release(&tx);
		return cli_fail(&err);
	}
	rc = jsonout_emit(stdout, tx_json(&tx, &t));
	rec_tx_release(&tx);
	return rc;
}

static json_t *verified_json(uint8_t v)
{
	return json_pack("{sb sb sb sb}", "block_id",
			 (v & REC_VERIFIED_HEADER) != 0, "txids",
			 (v & REC_VERIFIED_TXIDS) != 0, "tx_trie_root",
			 (v & REC_VERIFIED_ROOT) != 0, "signed_by_owners",
			 (v & REC_VERIFIED_SIGS) != 0);
}

static int decode_block(const json_t *j, const json_t *infos)
{
	const json_t *raw =
		json_object_get(json_object_get(j, "block_header"), "raw_data");
	const json_t *txs = json_object_get(j, "transactions");
	json_int_t num = json_integer_value(json_object_get(raw, "number"));
	struct crawl_block cb = { 0 };
	struct trc_error err = TRC_ERROR_INIT;
	json_t *out, *a;

	if (num < 0 || num >= UINT32_MAX)
		return cli_error("block_header.raw_data.number is not a "
				 "height");
	if (tron_block_decode(j, infos, (uint32_t)num, &cb, &err))
		return cli_fail(&err);
	a = json_array();
	for (uint32_t i = 0; i < cb.n_txs; i++) {
		struct rec_tx tx = REC_TX_INIT;
		struct tron_tx_info t;

		/* verified once already: this only recovers owner, type and
		 * result; the legs are the block's (with the info's) */
		if (!tron_tx_decode(json_array_get(txs, i), &tx, &t, &err))
			json_array_append_new(a, tx_json(&cb.txs[i], &t));
		rec_tx_release(&tx);
	}
	out = json_pack("{ss so si so}", "chain", "tron", "block_id",
			jhex(cb.block.hash, 32), "height", (int)cb.block.height,
			"parent", jhex(cb.block.prev, 32));
	if (!out || rjson_set_time(out, "time", cb.block.time) ||
	    json_object_set_new(out, "verified",
				verified_json(cb.block.verified))) {
		json_decref(out);
		json_decref(a);
		out = NULL;
	} else if (json_object_set_new(out, "transactions", a)) {
		json_decref(out);
		out = NULL;
	}
	crawl_block_release(&cb);
	return jsonout_emit(stdout, out);
}

int decode_tron(struct cli *cli, const char *chain, int argc, char **argv)
{
	(void)chain;
	const char *arg = argc > 1 ? argv[1] : "-";
	struct buf in = BUF_INIT(INPUT_MAX);
	struct trc_error err = TRC_ERROR_INIT;
	json_error_t je;
	json_t *j;
	int rc;

	if (argc > 2)
		return cli_usage_error(cli->cmd, "more than one input given");
	if (arg[0] == '-' && arg[1])
		return cli_usage_error(cli->cmd,
				       "unknown option '%s' (tron "
				       "has none)",
				       arg);
	if (arg[0] == '{' ? buf_append_str(&in, arg) != TRC_OK
			  : buf_read_file(&in, arg, &err) != TRC_OK) {
		buf_release(&in);
		return arg[0] == '{' ? cli_error("input too large")
				     : cli_fail(&err);
	}
	j = json_loadb(buf_str(&in), in.len, JSON_REJECT_DUPLICATES, &je);
	buf_release(&in);
	if (!j)
		return cli_error("invalid JSON at line %d, column %d: %s",
				 je.line, je.column, je.text);
	if (json_object_get(j, "block_header"))
		rc = decode_block(j, NULL);
	else if (json_object_get(json_object_get(j, "block"), "block_header"))
		rc = decode_block(json_object_get(j, "block"),
				  json_object_get(j, "infos"));
	else if (json_object_get(j, "txID"))
		rc = decode_tx(j);
	else
		rc = cli_error("the JSON is neither a Tron block "
			       "(block_header) nor a transaction (txID)");
	json_decref(j);
	return cli_finish(rc);
}
