#include "chains/eth/eth_flow.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/hash.h"
#include "base/hex.h"
#include "chains/eth/eth_addr.h"
#include "chains/eth/eth_json.h"
#include "chains/eth/eth_receipt.h"
#include "chains/eth/eth_trie.h"
#include "chains/eth/evm.h"
#include "chains/thorchain/record.h"

#define TRY(x)                                                                 \
	do {                                                                   \
		if ((rc = (x)) != TRC_OK)                                      \
			goto cleanup;                                          \
	} while (0)

/* keccak-256("Transfer(address,address,uint256)") */
static const uint8_t transfer_topic[32] = {
	0xdd, 0xf2, 0x52, 0xad, 0x1b, 0xe2, 0xc8, 0x9b, 0x69, 0xc2, 0xb0,
	0x68, 0xfc, 0x37, 0x8d, 0xaa, 0x95, 0x2b, 0xa7, 0xf1, 0x63, 0xc4,
	0xa1, 0x16, 0x28, 0xf5, 0x5a, 0x4d, 0xf5, 0x23, 0xb3, 0xef,
};

static void fmt_hash(char out[67], const uint8_t h[32])
{
	out[0] = '0';
	out[1] = 'x';
	hex_encode(out + 2, h, 32);
}

/* An address field in EIP-55 form. Out: s (ETH_ADDR_STR), "" if absent. */
static enum trc_err addr_field(const json_t *obj, const char *key,
			       bool required, char s[ETH_ADDR_STR],
			       struct trc_error *err)
{
	uint8_t a[20];
	bool present;
	enum trc_err rc = ejson_addr(obj, key, required, a, &present, err);

	s[0] = 0;
	if (!rc && present)
		eth_addr_format(s, a);
	return rc;
}

/* ---- callTracer ---- */

struct walk {
	struct rec_tx *tx;
	size_t frames;
};

/* Whether a frame of this type moves its value. */
static bool moves_value(const char *type)
{
	static const char *const kinds[] = { "CALL", "CREATE", "CREATE2",
					     "SELFDESTRUCT" };

	for (size_t i = 0; type && i < sizeof(kinds) / sizeof(*kinds); i++)
		if (!strcmp(type, kinds[i]))
			return true;
	return false;
}

static enum trc_err frame_leg(struct walk *w, const json_t *f,
			      struct trc_error *err)
{
	const char *type = json_string_value(json_object_get(f, "type"));
	char from[ETH_ADDR_STR], to[ETH_ADDR_STR];
	trc_amount v;
	enum trc_err rc;

	if (!type)
		return trc_fail(err, TRC_ERR_PARSE,
				"call frame without a 'type'");
	if (!moves_value(type))
		return TRC_OK;
	rc = ejson_amount(f, "value", false, &v, NULL, err);
	if (rc || amount_is_zero(v))
		return rc;
	rc = addr_field(f, "from", true, from, err);
	if (!rc)
		rc = addr_field(f, "to", true, to, err);
	if (rc)
		return trc_error_prefix(err, rc, "%s frame", type);
	if (!strcmp(from, to))
		return TRC_OK; /* to itself: nothing moves */
	return rec_tx_add_leg(w->tx, LEG_INTERNAL, NULL, from, to, v, err);
}

/* Frames whose code runs in their caller's account, not in `to`. */
static bool keeps_context(const char *type)
{
	return type &&
	       (!strcmp(type, "DELEGATECALL") || !strcmp(type, "CALLCODE"));
}

/*
 * A frame is made by the code running in its parent: its `from` must be
 * that account (the transaction's callee, or a contract it called).
 * Out: ctx, the account whose code the frame's children run in.
 */
static enum trc_err frame_context(const json_t *f, uint8_t ctx[20],
				  struct trc_error *err)
{
	const char *type = json_string_value(json_object_get(f, "type"));
	uint8_t from[20], to[20];
	char a[ETH_ADDR_STR], b[ETH_ADDR_STR];
	bool has_to;
	enum trc_err rc;

	if ((rc = ejson_addr(f, "from", true, from, NULL, err)) ||
	    (rc = ejson_addr(f, "to", false, to, &has_to, err)))
		return trc_error_prefix(err, rc, "%s frame", type ? type : "a");
	if (memcmp(from, ctx, 20)) {
		eth_addr_format(a, from);
		eth_addr_format(b, ctx);
		return trc_fail(err, TRC_ERR_VERIFY,
				"a %s frame from %s inside code running at %s: "
				"a call the transaction did not make (forged "
				"trace)",
				type ? type : "", a, b);
	}
	if (!keeps_context(type))
		memcpy(ctx, to, 20);
	return TRC_OK;
}

static enum trc_err walk_frames(struct walk *w, const json_t *calls,
				const uint8_t parent[20], unsigned depth,
				struct trc_error *err)
{
	size_t i;
	json_t *f;
	uint8_t ctx[20];
	enum trc_err rc;

	if (!calls || json_is_null(calls))
		return TRC_OK;
	if (!json_is_array(calls))
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'calls' is not an array");
	if (depth > ETH_FLOW_MAX_DEPTH)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"call frames nested deeper than %u",
				ETH_FLOW_MAX_DEPTH);
	json_array_foreach(calls, i, f)
	{
		if (!json_is_object(f))
			return trc_fail(err, TRC_ERR_PARSE,
					"call frame is not an object");
		if (++w->frames > ETH_FLOW_MAX_FRAMES)
			return trc_fail(err, TRC_ERR_TOOBIG,
					"more than %u call frames",
					ETH_FLOW_MAX_FRAMES);
		memcpy(ctx, parent, 20);
		if ((rc = frame_context(f, ctx, err)))
			return rc;
		/* a reverted frame undoes itself and everything below */
		if (json_object_get(f, "error"))
			continue;
		rc = frame_leg(w, f, err);
		if (!rc)
			rc = walk_frames(w, json_object_get(f, "calls"), ctx,
					 depth + 1, err);
		if (rc)
			return rc;
	}
	return TRC_OK;
}

enum trc_err eth_flow_call_frames(struct rec_tx *tx, const json_t *top,
				  struct trc_error *err)
{
	struct walk w = { tx, 0 };
	uint8_t ctx[20];
	bool has_to;
	enum trc_err rc;

	if (!json_is_object(top))
		return trc_fail(err, TRC_ERR_PARSE,
				"call trace is not an object");
	/* the top frame's value is the transaction's own (LEG_NATIVE) */
	if (json_object_get(top, "error"))
		return TRC_OK;
	if ((rc = ejson_addr(top, "to", false, ctx, &has_to, err)))
		return trc_error_prefix(err, rc, "top call frame");
	return walk_frames(&w, json_object_get(top, "calls"), ctx, 1, err);
}

/* ---- the top frame is the transaction ---- */

static enum trc_err top_mismatch(const char *field, struct trc_error *err)
{
	return trc_fail(err, TRC_ERR_VERIFY,
			"the call trace's top frame has another '%s' than "
			"the transaction (forged trace)",
			field);
}

/* Its from, to, value and input are the transaction's. */
static enum trc_err top_fields(const struct eth_tx *tx, const json_t *r,
			       const json_t *top, bool success,
			       struct trc_error *err)
{
	uint8_t from[20], to[20], made[20];
	bool has_to, has_made;
	trc_amount v;
	uint8_t *input = NULL;
	size_t len;
	enum trc_err rc;

	if ((rc = ejson_addr(top, "from", true, from, NULL, err)) ||
	    (rc = ejson_addr(top, "to", false, to, &has_to, err)) ||
	    (rc = ejson_amount(top, "value", false, &v, NULL, err)) ||
	    (rc = ejson_data(top, "input", false, &input, &len, NULL, err)))
		return trc_error_prefix(err, rc, "top call frame");
	if (len != tx->data_len || (len && memcmp(input, tx->data, len)))
		rc = top_mismatch("input", err);
	free(input);
	if (rc)
		return rc;
	if (memcmp(from, tx->from, 20))
		return top_mismatch("from", err);
	if (amount_cmp(v, tx->value))
		return top_mismatch("value", err);
	if (tx->has_to)
		return has_to && !memcmp(to, tx->to, 20)
			       ? TRC_OK
			       : top_mismatch("to", err);
	if ((rc = ejson_addr(r, "contractAddress", false, made, &has_made,
			     err)))
		return rc;
	if (success && has_made && (!has_to || memcmp(to, made, 20)))
		return top_mismatch("to", err);
	return TRC_OK;
}

static enum trc_err check_top_frame(const struct eth_tx *tx, const json_t *r,
				    const json_t *top, bool success,
				    struct trc_error *err)
{
	const char *type = json_string_value(json_object_get(top, "type"));
	const char *want = tx->has_to ? "CALL" : "CREATE";

	if (!json_is_object(top))
		return trc_fail(err, TRC_ERR_PARSE,
				"call trace is not an object");
	if (!type || strcmp(type, want))
		return trc_fail(err, TRC_ERR_VERIFY,
				"the call trace's top frame is %s, not the "
				"transaction's %s (forged trace)",
				type ? type : "untyped", want);
	if (!json_object_get(top, "error") != success)
		return trc_fail(err, TRC_ERR_VERIFY,
				"the call trace says the transaction %s, its "
				"receipt that it %s (forged trace)",
				success ? "failed" : "succeeded",
				success ? "succeeded" : "failed");
	return top_fields(tx, r, top, success, err);
}

/* ---- Parity traces ---- */

static bool addr_prefix(const json_t *a, const json_t *prefix)
{
	size_t n = json_array_size(prefix);

	if (json_array_size(a) <= n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (json_integer_value(json_array_get(a, i)) !=
		    json_integer_value(json_array_get(prefix, i)))
			return false;
	return true;
}

static enum trc_err parity_leg(struct rec_tx *tx, const json_t *t,
			       struct trc_error *err)
{
	const char *type = json_string_value(json_object_get(t, "type"));
	const json_t *a = json_object_get(t, "action");
	const json_t *res = json_object_get(t, "result");
	const char *ct = json_string_value(json_object_get(a, "callType"));
	char from[ETH_ADDR_STR], to[ETH_ADDR_STR];
	trc_amount v;
	enum trc_err rc = TRC_OK;

	if (!type || !json_is_object(a))
		return trc_fail(err, TRC_ERR_PARSE,
				"trace without 'type' or 'action'");
	if (!strcmp(type, "call") && ct && !strcmp(ct, "call")) {
		rc = ejson_amount(a, "value", true, &v, NULL, err);
		if (!rc)
			rc = addr_field(a, "from", true, from, err);
		if (!rc)
			rc = addr_field(a, "to", true, to, err);
	} else if (!strcmp(type, "create")) {
		rc = ejson_amount(a, "value", true, &v, NULL, err);
		if (!rc)
			rc = addr_field(a, "from", true, from, err);
		if (!rc)
			rc = addr_field(res, "address", true, to, err);
	} else if (!strcmp(type, "suicide")) {
		rc = ejson_amount(a, "balance", true, &v, NULL, err);
		if (!rc)
			rc = addr_field(a, "address", true, from, err);
		if (!rc)
			rc = addr_field(a, "refundAddress", true, to, err);
	} else {
		return TRC_OK;
	}
	if (rc)
		return trc_error_prefix(err, rc, "%s trace", type);
	if (amount_is_zero(v) || !strcmp(from, to))
		return TRC_OK;
	return rec_tx_add_leg(tx, LEG_INTERNAL, NULL, from, to, v, err);
}

/* The traces of one transaction: those whose transactionHash is txhash. */
static enum trc_err parity_frames(struct rec_tx *tx, const json_t *traces,
				  const char *txhash, struct trc_error *err)
{
	const json_t *errored = NULL;
	size_t i;
	json_t *t;
	enum trc_err rc;

	if (!json_is_array(traces))
		return trc_fail(err, TRC_ERR_PARSE,
				"Parity traces are not an array");
	json_array_foreach(traces, i, t)
	{
		const char *h = json_string_value(
			json_object_get(t, "transactionHash"));
		const json_t *addr = json_object_get(t, "traceAddress");

		if (!h || strcasecmp(h, txhash))
			continue;
		if (!json_is_array(addr))
			return trc_fail(err, TRC_ERR_PARSE,
					"trace %zu has no 'traceAddress'", i);
		/* traces come depth first: an error's subtree follows it */
		if (errored && addr_prefix(addr, errored))
			continue;
		errored = NULL;
		if (json_object_get(t, "error")) {
			errored = addr;
			continue;
		}
		if (json_array_size(addr) == 0)
			continue; /* the top call: LEG_NATIVE */
		rc = parity_leg(tx, t, err);
		if (rc)
			return trc_error_prefix(err, rc, "trace %zu", i);
	}
	return TRC_OK;
}

/* ---- token logs ---- */

static enum trc_err topic_addr(const json_t *topic, char out[ETH_ADDR_STR],
			       bool *ok, struct trc_error *err)
{
	uint8_t w[32];
	static const uint8_t zero[12];
	enum trc_err rc = ejson_fixed_value(topic, "log topic", w, 32, err);

	*ok = !rc && !memcmp(w, zero, 12);
	if (*ok)
		eth_addr_format(out, w + 12);
	return rc;
}

static enum trc_err token_log(struct rec_tx *tx, const json_t *log,
			      const uint8_t txhash[32], struct trc_error *err)
{
	const json_t *topics = json_object_get(log, "topics");
	uint8_t t0[32], data[32], lh[32], *d = NULL;
	char asset[ETH_ADDR_STR], from[ETH_ADDR_STR], to[ETH_ADDR_STR];
	size_t dlen;
	bool has_lh, ok1, ok2;
	trc_amount v;
	enum trc_err rc;

	if (json_is_true(json_object_get(log, "removed")))
		return TRC_OK;
	if (!json_is_array(topics))
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'topics' is not an array");
	rc = ejson_fixed(log, "transactionHash", false, lh, 32, &has_lh, err);
	if (rc)
		return rc;
	if (has_lh && memcmp(lh, txhash, 32))
		return trc_fail(err, TRC_ERR_VERIFY,
				"a log of another transaction is in this "
				"receipt");
	if (json_array_size(topics) != 3)
		return TRC_OK; /* not ERC-20 (ERC-721 has 4 topics) */
	rc = ejson_fixed_value(json_array_get(topics, 0), "log topic", t0, 32,
			       err);
	if (rc || memcmp(t0, transfer_topic, 32))
		return rc;
	rc = ejson_data(log, "data", true, &d, &dlen, NULL, err);
	if (rc)
		return rc;
	if (dlen == 32)
		memcpy(data, d, 32);
	free(d);
	if (dlen != 32)
		return TRC_OK;
	rc = addr_field(log, "address", true, asset, err);
	if (!rc)
		rc = topic_addr(json_array_get(topics, 1), from, &ok1, err);
	if (!rc)
		rc = topic_addr(json_array_get(topics, 2), to, &ok2, err);
	if (rc || !ok1 || !ok2)
		return rc;
	rc = amount_from_be(&v, data, 32);
	if (rc || amount_is_zero(v))
		return rc;
	return rec_tx_add_leg(tx, LEG_TOKEN, asset, from, to, v, err);
}

enum trc_err eth_flow_token_logs(struct rec_tx *tx, const json_t *logs,
				 const uint8_t txhash[32],
				 struct trc_error *err)
{
	size_t i;
	json_t *log;

	if (!logs || json_is_null(logs))
		return TRC_OK;
	if (!json_is_array(logs))
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'logs' is not an array");
	json_array_foreach(logs, i, log)
	{
		enum trc_err rc = token_log(tx, log, txhash, err);

		if (rc)
			return trc_error_prefix(err, rc, "log %zu", i);
	}
	return TRC_OK;
}

/* ---- one transaction ---- */

/* The price per gas when a receipt lacks effectiveGasPrice. */
static enum trc_err gas_price(const struct eth_tx *tx,
			      const trc_amount *base_fee, trc_amount *p,
			      struct trc_error *err)
{
	trc_amount cap;

	if (eth_tx_is_system(tx)) { /* gas bought on L1, or none */
		*p = AMOUNT_ZERO;
		return TRC_OK;
	}
	if (tx->type <= 1) {
		*p = tx->gas_price;
		return TRC_OK;
	}
	if (!base_fee)
		return trc_fail(err, TRC_ERR_PARSE,
				"receipt has no 'effectiveGasPrice' and the "
				"block no base fee");
	if (amount_add(&cap, *base_fee, tx->max_priority_fee))
		return trc_fail(err, TRC_ERR_OVERFLOW, "gas price overflows");
	*p = amount_min(cap, tx->max_fee);
	return TRC_OK;
}

/* EIP-4844: each blob costs 2^17 blob gas. */
#define GAS_PER_BLOB 131072u

static enum trc_err blob_fee(const struct eth_tx *tx, const json_t *r,
			     trc_amount *blob, struct trc_error *err)
{
	trc_amount price;
	uint64_t used;
	bool has;
	enum trc_err rc = ejson_u64(r, "blobGasUsed", false, &used, &has, err);

	*blob = AMOUNT_ZERO;
	if (rc || (!has && tx->type != 3))
		return rc;
	if (used != (uint64_t)tx->n_blob_hashes * GAS_PER_BLOB)
		return trc_fail(err, TRC_ERR_VERIFY,
				"field 'blobGasUsed' is not %zu blobs x %u",
				tx->n_blob_hashes, GAS_PER_BLOB);
	if (used == 0)
		return TRC_OK;
	rc = ejson_amount(r, "blobGasPrice", true, &price, NULL, err);
	if (!rc && amount_mul(blob, amount_from_u64(used), price))
		rc = trc_fail(err, TRC_ERR_OVERFLOW, "blob fee overflows");
	return rc;
}

/*
 * OP stack: the L1 data fee, the receipt's l1Fee (node-asserted: it is
 * computed from L1 prices the L2 block does not commit to in a way tracer
 * checks); 0 elsewhere, for system transactions and when absent.
 */
static enum trc_err l1_fee(const struct eth_tx *tx, const json_t *r,
			   const struct evm_chain *c, trc_amount *l1,
			   struct trc_error *err)
{
	*l1 = AMOUNT_ZERO;
	if (!c || c->fees != EVM_FEES_OP_L1 || eth_tx_is_system(tx))
		return TRC_OK;
	return ejson_amount(r, "l1Fee", false, l1, NULL, err);
}

/* fee = gasUsed x the price the transaction and the block imply (a
 * receipt's effectiveGasPrice must agree) + the blob fee + the OP-stack
 * L1 data fee. */
static enum trc_err receipt_fee(const struct eth_tx *tx, const json_t *r,
				const trc_amount *base_fee,
				const struct evm_chain *c, trc_amount *fee,
				bool *asserted, struct trc_error *err)
{
	trc_amount used, price, claimed, blob, l1;
	bool has_claimed;
	enum trc_err rc;

	*fee = AMOUNT_ZERO;
	if ((rc = l1_fee(tx, r, c, &l1, err)))
		return rc;
	*asserted = !amount_is_zero(l1);
	rc = ejson_amount(r, "gasUsed", true, &used, NULL, err);
	if (!rc)
		rc = ejson_amount(r, "effectiveGasPrice", false, &claimed,
				  &has_claimed, err);
	if (!rc)
		rc = gas_price(tx, base_fee, &price, err);
	/* a system transaction pays no fee on this chain; its receipt's
	 * effectiveGasPrice (Arbitrum: the block's base fee) is not one */
	if (!rc && has_claimed && !eth_tx_is_system(tx) &&
	    amount_cmp(claimed, price))
		rc = trc_fail(err, TRC_ERR_VERIFY,
			      "field 'effectiveGasPrice' differs from the "
			      "price the transaction and base fee imply");
	if (!rc)
		rc = blob_fee(tx, r, &blob, err);
	if (rc)
		return rc;
	if (amount_mul(fee, used, price) || amount_add(fee, *fee, blob) ||
	    amount_add(fee, *fee, l1))
		return trc_fail(err, TRC_ERR_OVERFLOW, "fee overflows");
	return TRC_OK;
}

/* The fee recipient's income from one transaction: the fee less what is
 * burned (gasUsed x baseFee since London, and the whole blob fee). */
static enum trc_err tx_tip(const struct eth_tx *tx, const json_t *r,
			   const trc_amount *base_fee,
			   const struct evm_chain *c, trc_amount fee,
			   trc_amount *tip, struct trc_error *err)
{
	trc_amount used, burn = AMOUNT_ZERO, blob, l1;
	enum trc_err rc;

	*tip = AMOUNT_ZERO;
	if (eth_tx_is_system(tx))
		return TRC_OK; /* paid nothing on this chain */
	rc = ejson_amount(r, "gasUsed", true, &used, NULL, err);
	if (!rc)
		rc = blob_fee(tx, r, &blob, err);
	if (!rc)
		rc = l1_fee(tx, r, c, &l1, err);
	if (rc)
		return rc;
	/* what does not go to the fee recipient: the base fee (burned, or
	 * on the OP stack paid to its base-fee vault), blobs, the L1 fee */
	if ((base_fee && amount_mul(&burn, used, *base_fee)) ||
	    amount_add(&burn, burn, blob) || amount_add(&burn, burn, l1))
		return trc_fail(err, TRC_ERR_OVERFLOW, "burned fee overflows");
	if (amount_sub(tip, fee, burn))
		return trc_fail(err, TRC_ERR_VERIFY,
				"the fee is less than the burned base fee");
	return TRC_OK;
}

/* Out: *ok, the receipt's status (true when a pre-Byzantium receipt has
 * none: then only a trace can tell). */
static enum trc_err receipt_status(const json_t *r, const json_t *frame,
				   bool *ok, struct trc_error *err)
{
	uint64_t st;
	bool has;
	enum trc_err rc = ejson_u64(r, "status", false, &st, &has, err);

	*ok = true;
	if (rc)
		return rc;
	if (has && st > 1)
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'status' is neither 0x0 nor 0x1");
	*ok = has ? st == 1 : !(frame && json_object_get(frame, "error"));
	return TRC_OK;
}

static enum trc_err check_receipt(const struct eth_tx *tx, const json_t *r,
				  struct trc_error *err)
{
	uint8_t h[32], from[20];
	bool has_h, has_from;
	enum trc_err rc;

	if (!json_is_object(r))
		return trc_fail(err, TRC_ERR_PARSE,
				"receipt is missing or not an object");
	rc = ejson_fixed(r, "transactionHash", false, h, 32, &has_h, err);
	if (!rc)
		rc = ejson_addr(r, "from", false, from, &has_from, err);
	if (rc)
		return rc;
	if (has_h && memcmp(h, tx->hash, 32))
		return trc_fail(err, TRC_ERR_VERIFY,
				"receipt is for another transaction");
	if (has_from && memcmp(from, tx->from, 20))
		return trc_fail(err, TRC_ERR_VERIFY,
				"receipt field 'from' differs from the "
				"recovered sender");
	return TRC_OK;
}

static trc_amount minted(const struct eth_tx *tx)
{
	if (tx->type == ETH_TX_DEPOSIT)
		return tx->mint;
	if (tx->type == ETH_TX_ARB_DEPOSIT)
		return tx->value;
	if (tx->type == ETH_TX_ARB_SUBMIT)
		return tx->deposit_value;
	return AMOUNT_ZERO;
}

static enum trc_err native_legs(const struct eth_tx *tx, const json_t *r,
				bool success, struct rec_tx *out,
				struct trc_error *err)
{
	char from[ETH_ADDR_STR], to[ETH_ADDR_STR];
	enum trc_err rc = TRC_OK;

	eth_addr_format(from, tx->from);
	/* value that enters from L1, credited to from even when the
	 * transaction itself fails: an OP-stack deposit's mint, an Arbitrum
	 * deposit's value (ArbOS mints it to from, then from pays to), a
	 * retryable submission's depositValue (what it does with it, the
	 * escrow and refunds, ArbOS books without calls: not legs) */
	if (!rc && !amount_is_zero(minted(tx)))
		rc = rec_tx_add_leg(out, LEG_REWARD, NULL, NULL, from,
				    minted(tx), err);
	if (!rc && !amount_is_zero(out->fee))
		rc = rec_tx_add_leg(out, LEG_FEE, NULL, from, NULL, out->fee,
				    err);
	if (rc || !success || amount_is_zero(tx->value) ||
	    tx->type == ETH_TX_ARB_SUBMIT)
		return rc;
	if (tx->has_to)
		eth_addr_format(to, tx->to);
	else if ((rc = addr_field(r, "contractAddress", true, to, err)))
		return rc;
	return rec_tx_add_leg(out, LEG_NATIVE, NULL, from, to, tx->value, err);
}

static enum trc_err tx_record(const struct eth_tx *tx, const json_t *receipt,
			      const json_t *call_frame,
			      const json_t *parity_traces, uint32_t height,
			      uint32_t position, int64_t time,
			      const trc_amount *base_fee,
			      const struct evm_chain *c, struct rec_tx *out,
			      struct trc_error *err)
{
	char h[67];
	bool success, fee_asserted = false;
	enum trc_err rc;

	rec_tx_init(out);
	out->chain = c->chain;
	memcpy(out->txid, tx->hash, 32);
	out->height = height;
	out->position = position;
	out->time = time;
	TRY(check_receipt(tx, receipt, err));
	TRY(receipt_status(receipt, call_frame, &success, err));
	if (call_frame)
		TRY(check_top_frame(tx, receipt, call_frame, success, err));
	TRY(receipt_fee(tx, receipt, base_fee, c, &out->fee, &fee_asserted,
			err));
	if (fee_asserted)
		out->flags |= REC_TX_FEE_ASSERTED;
	if (!success)
		out->flags |= REC_TX_FAILED;
	TRY(native_legs(tx, receipt, success, out, err));
	if (!success)
		goto cleanup;
	fmt_hash(h, tx->hash);
	if (call_frame)
		TRY(eth_flow_call_frames(out, call_frame, err));
	else if (parity_traces)
		TRY(parity_frames(out, parity_traces, h, err));
	TRY(eth_flow_token_logs(out, json_object_get(receipt, "logs"), tx->hash,
				err));
	TRY(thor_rec_evm(json_object_get(receipt, "logs"), out, err));
cleanup:
	if (rc) {
		fmt_hash(h, tx->hash);
		trc_error_prefix(err, rc, "transaction %s", h);
		rec_tx_release(out);
	}
	return rc;
}

enum trc_err eth_tx_record(const struct eth_tx *tx, const json_t *receipt,
			   const json_t *call_frame,
			   const json_t *parity_traces, uint32_t height,
			   uint32_t position, int64_t time,
			   const trc_amount *base_fee, struct rec_tx *out,
			   struct trc_error *err)
{
	return tx_record(tx, receipt, call_frame, parity_traces, height,
			 position, time, base_fee, evm_chain_eth(), out, err);
}

enum trc_err evm_tx_record(const struct evm_chain *c, const struct eth_tx *tx,
			   const json_t *receipt, uint32_t height,
			   uint32_t position, int64_t time,
			   const trc_amount *base_fee, struct rec_tx *out,
			   struct trc_error *err)
{
	return tx_record(tx, receipt, NULL, NULL, height, position, time,
			 base_fee, c ? c : evm_chain_eth(), out, err);
}

/* ---- a block ---- */

void eth_block_records_release(struct eth_block_records *r)
{
	for (size_t i = 0; i < r->n_txs; i++)
		rec_tx_release(&r->txs[i]);
	free(r->txs);
	rec_block_release(&r->block);
	r->txs = NULL;
	r->n_txs = 0;
}

/* The top frame of transaction i in a debug_traceBlock result. */
static enum trc_err call_frame_of(const json_t *traces, size_t i,
				  const struct eth_tx *tx, size_t n,
				  const json_t **frame, struct trc_error *err)
{
	const json_t *e = json_array_get(traces, i), *res;
	uint8_t h[32];
	bool has;
	enum trc_err rc;

	*frame = NULL;
	if (!json_is_array(traces) || json_array_size(traces) != n)
		return trc_fail(err, TRC_ERR_PARSE,
				"call traces: %zu entries for %zu "
				"transactions",
				json_array_size(traces), n);
	res = json_object_get(e, "result");
	if (!res) /* some nodes return the frames themselves */
		res = e;
	rc = ejson_fixed(e, "txHash", false, h, 32, &has, err);
	if (rc)
		return rc;
	if (has && memcmp(h, tx->hash, 32))
		return trc_fail(err, TRC_ERR_VERIFY,
				"call trace %zu is for another transaction", i);
	if (json_object_get(e, "error") && !json_object_get(e, "result") &&
	    !json_object_get(e, "type"))
		return trc_fail(err, TRC_ERR_RPC,
				"the node could not trace transaction %zu", i);
	*frame = res;
	return TRC_OK;
}

static enum trc_err check_chain_ids(const struct eth_block *b, uint64_t want,
				    struct trc_error *err)
{
	char h[67];

	for (size_t i = 0; want && i < b->n_txs && b->txs_full; i++) {
		const struct eth_tx *tx = &b->txs[i];

		if ((tx->type || tx->eip155) && tx->chain_id != want) {
			fmt_hash(h, tx->hash);
			return trc_fail(err, TRC_ERR_VERIFY,
					"transaction %s is for chain id "
					"%" PRIu64 ", not %" PRIu64,
					h, tx->chain_id, want);
		}
	}
	return TRC_OK;
}

static enum trc_err rewards_record(const struct eth_block *b,
				   const json_t *parity, trc_amount tips,
				   const struct evm_chain *c,
				   struct rec_tx *out, struct trc_error *err)
{
	uint8_t pre[24 + 32];
	char to[ETH_ADDR_STR];
	trc_amount v, gwei = amount_from_u64(1000000000);
	size_t i;
	json_t *t;
	enum trc_err rc = TRC_OK;

	memcpy(pre, "tracer:eth:block-rewards", 24);
	memcpy(pre + 24, b->hash, 32);
	hash_keccak256(out->txid, pre, sizeof(pre));
	out->chain = c->chain;
	out->flags = REC_TX_COINBASE;
	out->height = (uint32_t)b->number;
	out->position = (uint32_t)b->n_txs;
	out->time = (int64_t)b->timestamp;
	for (i = 0; i < b->n_withdrawals; i++) {
		eth_addr_format(to, b->withdrawals[i].addr);
		if (amount_mul(&v,
			       amount_from_u64(b->withdrawals[i].amount_gwei),
			       gwei)) {
			rc = trc_fail(err, TRC_ERR_OVERFLOW,
				      "withdrawal %zu overflows", i);
			goto cleanup;
		}
		if (!amount_is_zero(v))
			TRY(rec_tx_add_leg(out, LEG_WITHDRAWAL, NULL, NULL, to,
					   v, err));
	}
	json_array_foreach(parity, i, t)
	{
		const char *type =
			json_string_value(json_object_get(t, "type"));
		const json_t *a = json_object_get(t, "action");

		if (!type || strcmp(type, "reward"))
			continue;
		TRY(ejson_amount(a, "value", true, &v, NULL, err));
		TRY(addr_field(a, "author", true, to, err));
		if (!amount_is_zero(v))
			TRY(rec_tx_add_leg(out, LEG_REWARD, NULL, NULL, to, v,
					   err));
	}
	/* priority fees (all fees before London) go to the fee recipient */
	if (!amount_is_zero(tips)) {
		eth_addr_format(to, b->miner);
		TRY(rec_tx_add_leg(out, LEG_REWARD, NULL, NULL, to, tips, err));
	}
cleanup:
	return rc;
}

static enum trc_err verify_block(const struct eth_block_input *in,
				 struct eth_block *b, struct trc_error *err)
{
	enum trc_err rc = eth_block_from_json_evm(b, in->block, in->evm, err);

	if (!rc)
		rc = eth_block_verify(b, err);
	if (!rc)
		rc = eth_block_require_ok(b, err);
	if (!rc && !b->has_txs)
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "block %" PRIu64 " has no 'transactions'",
			      b->number);
	if (!rc && b->n_txs && !b->txs_full)
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "block %" PRIu64 " holds transaction hashes, "
			      "not objects (ask with full transactions)",
			      b->number);
	if (!rc && b->number > UINT32_MAX)
		rc = trc_fail(err, TRC_ERR_UNSUPPORTED,
			      "block %" PRIu64 " is past 2^32", b->number);
	if (!rc && in->uncles) {
		rc = eth_block_check_uncles(b, in->uncles, err);
		if (!rc && !b->uncles_ok)
			rc = trc_fail(err, TRC_ERR_VERIFY,
				      "block %" PRIu64 ": uncle headers do "
				      "not match 'uncles' and 'sha3Uncles'",
				      b->number);
	}
	if (!rc)
		rc = check_chain_ids(b, in->chain_id, err);
	return rc;
}

/* The receipts are what the header's receiptsRoot commits to. */
static enum trc_err check_receipts_root(const struct eth_block_input *in,
					const struct eth_block *b,
					struct trc_error *err)
{
	uint8_t *types = calloc(b->n_txs ? b->n_txs : 1, 1), root[32];
	enum trc_err rc;

	if (!types)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < b->n_txs; i++)
		types[i] = b->txs[i].type;
	if (b->n_txs)
		rc = eth_receipts_root(in->receipts, types, b->n_txs, root,
				       err);
	else
		rc = eth_trie_root_list(root, NULL, NULL, 0, err);
	free(types);
	if (rc)
		return rc;
	if (memcmp(root, b->receipts_root, 32))
		return trc_fail(err, TRC_ERR_VERIFY,
				"the receipts do not match the header's "
				"receiptsRoot");
	return TRC_OK;
}

static enum trc_err tx_records(const struct eth_block_input *in,
			       const struct eth_block *b,
			       struct eth_block_records *out, trc_amount *tips,
			       struct trc_error *err)
{
	enum trc_err rc = TRC_OK;
	size_t n = b->n_txs;
	const trc_amount *base_fee = b->has_base_fee ? &b->base_fee : NULL;
	trc_amount tip;

	*tips = AMOUNT_ZERO;
	TRY(check_receipts_root(in, b, err));
	for (size_t i = 0; i < n; i++) {
		const json_t *frame = NULL;

		if (in->call_traces)
			TRY(call_frame_of(in->call_traces, i, &b->txs[i], n,
					  &frame, err));
		TRY(tx_record(&b->txs[i], json_array_get(in->receipts, i),
			      frame, in->call_traces ? NULL : in->parity_traces,
			      (uint32_t)b->number, (uint32_t)i,
			      (int64_t)b->timestamp, base_fee, b->evm,
			      &out->txs[i], err));
		out->n_txs = i + 1;
		TRY(tx_tip(&b->txs[i], json_array_get(in->receipts, i),
			   base_fee, b->evm, out->txs[i].fee, &tip, err));
		if (amount_add(tips, *tips, tip))
			TRY(trc_fail(err, TRC_ERR_OVERFLOW,
				     "fee income of the block overflows"));
	}
cleanup:
	return rc;
}

static void fill_block(const struct eth_block_input *in,
		       const struct eth_block *b, struct rec_block *rb)
{
	rb->chain = b->evm->chain;
	rb->height = (uint32_t)b->number;
	memcpy(rb->hash, b->hash, 32);
	memcpy(rb->prev, b->parent, 32);
	rb->time = (int64_t)b->timestamp;
	rb->tx_count = (uint32_t)b->n_txs;
	rb->fetched_at = in->fetched_at;
	rb->verified = REC_VERIFIED_TXIDS | REC_VERIFIED_ROOT |
		       REC_VERIFIED_SIGS | REC_VERIFIED_HEADER;
}

enum trc_err eth_block_records(const struct eth_block_input *in,
			       struct eth_block_records *out,
			       struct trc_error *err)
{
	struct eth_block b = ETH_BLOCK_INIT;
	trc_amount tips = AMOUNT_ZERO;
	bool extra;
	enum trc_err rc;

	TRY(verify_block(in, &b, err));
	out->txs = calloc(b.n_txs + 1, sizeof(*out->txs));
	if (!out->txs) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	rc = tx_records(in, &b, out, &tips, err);
	extra = b.n_withdrawals > 0 || json_is_array(in->parity_traces) ||
		!amount_is_zero(tips);
	if (!rc && extra) {
		rc = rewards_record(&b, in->parity_traces, tips, b.evm,
				    &out->txs[b.n_txs], err);
		if (rc)
			rec_tx_release(&out->txs[b.n_txs]);
	}
	if (rc) {
		trc_error_prefix(err, rc, "block %" PRIu64, b.number);
		goto cleanup;
	}
	if (extra) {
		if (out->txs[b.n_txs].n_legs)
			out->n_txs++;
		else
			rec_tx_release(&out->txs[b.n_txs]);
	}
	fill_block(in, &b, &out->block);
	for (size_t i = 0; i < out->n_txs; i++)
		out->txs[i].flags |= REC_TX_INCLUDED;
	memcpy(out->state_root, b.state_root, 32);
	TRY(rec_set_str(&out->block.source, in->source, err));
cleanup:
	if (rc)
		eth_block_records_release(out);
	eth_block_release(&b);
	return rc;
}
