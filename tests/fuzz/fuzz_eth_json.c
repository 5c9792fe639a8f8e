/*
 * libFuzzer harness: a node's JSON as the eth adapter reads it - a
 * transaction, a block, a call trace, logs, or a whole block input
 * {"block", "receipts", "call_traces", "parity_traces", "uncles"}, or
 * receipts with one transaction {"receipts", "tx", "call_frame"?,
 * "parity_traces"?}.
 */
#include <jansson.h>
#include <stdlib.h>

#include "chains/eth/eth_block.h"
#include "chains/eth/eth_flow.h"
#include "chains/eth/eth_receipt.h"
#include "chains/eth/eth_tx.h"

static void as_tx(const json_t *j)
{
	struct eth_tx tx = ETH_TX_INIT;

	if (eth_tx_from_json(&tx, j, NULL) == TRC_OK)
		(void)eth_tx_verify(&tx, false, NULL);
	eth_tx_release(&tx);
}

static void as_block(const json_t *j)
{
	struct eth_block b = ETH_BLOCK_INIT;

	if (eth_block_from_json(&b, j, NULL) == TRC_OK &&
	    eth_block_verify(&b, NULL) == TRC_OK) {
		(void)eth_block_require_ok(&b, NULL);
		(void)eth_block_check_uncles(&b, json_object_get(j, "uncles"),
					     NULL);
	}
	eth_block_release(&b);
}

static void as_flow(const json_t *j)
{
	struct rec_tx tx = REC_TX_INIT;
	static const uint8_t h[32];

	(void)eth_flow_call_frames(&tx, j, NULL);
	(void)eth_flow_token_logs(&tx, json_object_get(j, "logs"), h, NULL);
	rec_tx_release(&tx);
}

/* The receipts alone, and one transaction's record from its receipt. */
static void as_receipts(const json_t *j)
{
	const json_t *rs = json_object_get(j, "receipts");
	uint8_t types[64] = { 0 }, root[32];
	size_t n = json_array_size(rs);
	struct eth_tx tx = ETH_TX_INIT;
	struct rec_tx rec = REC_TX_INIT;
	trc_amount base = amount_from_u64(7);

	if (n <= sizeof(types))
		(void)eth_receipts_root(rs, types, n, root, NULL);
	if (eth_tx_from_json(&tx, json_object_get(j, "tx"), NULL) == TRC_OK &&
	    eth_tx_verify(&tx, false, NULL) == TRC_OK &&
	    eth_tx_record(&tx, json_array_get(rs, 0),
			  json_object_get(j, "call_frame"),
			  json_object_get(j, "parity_traces"), 1, 0, 0, &base,
			  &rec, NULL) == TRC_OK)
		rec_tx_release(&rec);
	eth_tx_release(&tx);
}

static void as_input(const json_t *j)
{
	struct eth_block_input in = { 0 };
	struct eth_block_records out = ETH_BLOCK_RECORDS_INIT;

	in.block = json_object_get(j, "block");
	in.receipts = json_object_get(j, "receipts");
	in.call_traces = json_object_get(j, "call_traces");
	in.parity_traces = json_object_get(j, "parity_traces");
	in.uncles = json_object_get(j, "uncles");
	if (eth_block_records(&in, &out, NULL) == TRC_OK)
		eth_block_records_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *j = json_loadb((const char *)data, size, 0, NULL);

	if (!j)
		return 0;
	if (json_object_get(j, "block"))
		as_input(j);
	else if (json_object_get(j, "receipts"))
		as_receipts(j);
	else if (json_object_get(j, "parentHash"))
		as_block(j);
	else if (json_object_get(j, "calls") || json_object_get(j, "logs"))
		as_flow(j);
	else
		as_tx(j);
	json_decref(j);
	return 0;
}
