/*
 * Test tool: eth_records FILE - runs eth_block_records() on a JSON file
 * {"block", "receipts", "call_traces"?, "parity_traces"?, "uncles"?,
 * "chain_id"?} as a node sent them, and prints the records as JSON:
 * {"height", "tx_count", "txs": [{"txid", "failed", "fee", "legs":
 * [{"kind", "asset", "from", "to", "value"}]}]}, or the error on stderr
 * (exit 1).
 */
#include <jansson.h>
#include <stdio.h>

#include "base/hex.h"
#include "chains/eth/eth_flow.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *leg_json(const struct rec_leg *l)
{
	json_t *o = json_object();
	char v[AMOUNT_STR_MAX];

	json_object_set_new(o, "kind", json_string(rec_leg_kind_name(l->kind)));
	json_object_set_new(o, "asset", str_or_null(l->asset));
	json_object_set_new(o, "from", str_or_null(l->from));
	json_object_set_new(o, "to", str_or_null(l->to));
	json_object_set_new(
		o, "value",
		json_string(amount_format(v, sizeof(v), l->value, 0, false)));
	return o;
}

static json_t *tx_json(const struct rec_tx *tx)
{
	json_t *o = json_object(), *legs = json_array();
	char h[67] = "0x", v[AMOUNT_STR_MAX];

	hex_encode(h + 2, tx->txid, 32);
	json_object_set_new(o, "txid", json_string(h));
	json_object_set_new(o, "position", json_integer(tx->position));
	json_object_set_new(o, "failed",
			    json_boolean(tx->flags & REC_TX_FAILED));
	json_object_set_new(
		o, "fee",
		json_string(amount_format(v, sizeof(v), tx->fee, 0, false)));
	for (uint32_t i = 0; i < tx->n_legs; i++)
		json_array_append_new(legs, leg_json(&tx->legs[i]));
	json_object_set_new(o, "legs", legs);
	return o;
}

int main(int argc, char **argv)
{
	json_error_t je;
	json_t *j, *out, *txs;
	struct eth_block_input in = { 0 };
	struct eth_block_records rec = ETH_BLOCK_RECORDS_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	if (argc != 2) {
		fputs("usage: eth_records FILE\n", stderr);
		return 2;
	}
	j = json_load_file(argv[1], 0, &je);
	if (!j) {
		fprintf(stderr, "%s: %s\n", argv[1], je.text);
		return 1;
	}
	in.block = json_object_get(j, "block");
	in.receipts = json_object_get(j, "receipts");
	in.call_traces = json_object_get(j, "call_traces");
	in.parity_traces = json_object_get(j, "parity_traces");
	in.uncles = json_object_get(j, "uncles");
	in.chain_id =
		(uint64_t)json_integer_value(json_object_get(j, "chain_id"));
	in.source = argv[1];
	if (eth_block_records(&in, &rec, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		json_decref(j);
		return 1;
	}
	out = json_object();
	txs = json_array();
	json_object_set_new(out, "height", json_integer(rec.block.height));
	json_object_set_new(out, "tx_count", json_integer(rec.block.tx_count));
	for (size_t i = 0; i < rec.n_txs; i++)
		json_array_append_new(txs, tx_json(&rec.txs[i]));
	json_object_set_new(out, "txs", txs);
	json_dumpf(out, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(out);
	eth_block_records_release(&rec);
	json_decref(j);
	return 0;
}
