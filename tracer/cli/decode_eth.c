/*
 * tracer decode --chain eth|bsc|polygon|avax|arbitrum|optimism|base
 * [--chain-id N] [HEX|FILE|-] - decode an EVM transaction (raw hex, or a
 * node's JSON object) or a block with full transactions, with the chain's
 * header layout and transaction types (chains/eth/evm.h), recompute its
 * hashes, recover its senders, and print JSON. Exit 1 when the input is
 * malformed or any check fails. The usage text is CMD_DECODE_USAGE
 * (tracer/cli/cmd_decode.c); docs/ethereum.md has the output fields.
 */
#include <ctype.h>
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/hex.h"
#include "chains/eth/eth_addr.h"
#include "chains/eth/eth_block.h"
#include "chains/eth/eth_tx.h"
#include "chains/eth/evm.h"
#include "chains/thorchain/detect.h"
#include "store/record.h"
#include "tracer/cli/decode.h"
#include "tracer/cli/decode_thor.h"
#include "tracer/cli/jsonout.h"

#define INPUT_MAX (64u << 20)

struct opts {
	uint64_t chain_id; /* 0: any */
	const char *input;
	const struct evm_chain *evm; /* the --chain's rules */
};

static int parse_opts(struct cli *cli, int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "chain-id", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", lo, NULL)) != -1) {
		if (c != 'c')
			return cli_bad_option(cli->cmd, c, argv);
		uint64_t v;
		int rc = cli_parse_uint(cli->cmd, "--chain-id", optarg, 1,
					UINT64_MAX, &v);
		if (rc)
			return rc;
		o->chain_id = v;
	}
	if (argc - optind > 1)
		return cli_usage_error(cli->cmd, "more than one input given");
	o->input = optind < argc ? argv[optind] : "-";
	return EXIT_OK;
}

/* The argument itself when it is hex, else the file (or stdin) it names. */
static enum trc_err read_input(const char *arg, struct buf *b,
			       struct trc_error *err)
{
	const char *h = arg;

	if (h[0] == '0' && (h[1] == 'x' || h[1] == 'X'))
		h += 2;
	if (strcmp(arg, "-") && access(arg, F_OK) != 0 && *h &&
	    strspn(h, "0123456789abcdefABCDEF") == strlen(h))
		return buf_append_str(b, arg) ? trc_fail(err, TRC_ERR_TOOBIG,
							 "input too large")
					      : TRC_OK;
	return buf_read_file(b, arg, err);
}

static json_t *jint(uint64_t v)
{
	char s[24];

	if (v <= (uint64_t)INT64_MAX)
		return json_integer((json_int_t)v);
	snprintf(s, sizeof(s), "%" PRIu64, v);
	return json_string(s);
}

static json_t *jhash(const uint8_t *h, size_t n)
{
	char s[2 * 32 + 3] = "0x";

	hex_encode(s + 2, h, n);
	return json_string(s);
}

static json_t *jaddr(const uint8_t a[20])
{
	char s[ETH_ADDR_STR];

	eth_addr_format(s, a);
	return json_string(s);
}

static json_t *auth_json(const struct eth_tx *tx)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < tx->n_auth; i++) {
		const struct eth_auth *a = &tx->auth[i];
		json_t *o = json_object();

		json_object_set_new(o, "chain_id", rjson_amount(a->chain_id));
		json_object_set_new(o, "address", jaddr(a->addr));
		json_object_set_new(o, "nonce", jint(a->nonce));
		json_object_set_new(o, "authority",
				    a->authority_ok ? jaddr(a->authority)
						    : json_null());
		json_object_set_new(o, "authority_ok",
				    json_boolean(a->authority_ok));
		json_array_append_new(arr, o);
	}
	return arr;
}

static void fee_fields(json_t *o, const struct eth_tx *tx)
{
	if (tx->type <= 1) {
		json_object_set_new(o, "gas_price",
				    rjson_amount(tx->gas_price));
		return;
	}
	json_object_set_new(o, "max_fee_per_gas", rjson_amount(tx->max_fee));
	json_object_set_new(o, "max_priority_fee_per_gas",
			    rjson_amount(tx->max_priority_fee));
	if (tx->type == 3) {
		json_t *h = json_array();

		json_object_set_new(o, "max_fee_per_blob_gas",
				    rjson_amount(tx->max_fee_per_blob_gas));
		for (size_t i = 0; i < tx->n_blob_hashes; i++)
			json_array_append_new(h, jhash(tx->blob_hashes[i], 32));
		json_object_set_new(o, "blob_versioned_hashes", h);
	}
}

/* Out: *ok false when a check failed. */
/*
 * A THORChain router deposit call: its memo and vault (no router list
 * here, so router_known is false; docs/thorchain.md).
 */
static void thor_json(json_t *o, const struct eth_tx *tx)
{
	struct thor_events ev = THOR_EVENTS_INIT;

	if (tx->has_to &&
	    thor_evm_call_detect(tx->data, tx->data_len, tx->to, tx->value,
				 NULL, 0, &ev, NULL) == TRC_OK &&
	    ev.n)
		json_object_set_new(o, "thorchain", decode_thor_json(&ev.v[0]));
	thor_events_release(&ev);
}

static json_t *tx_json(const struct eth_tx *tx, uint64_t want_chain, bool *ok)
{
	json_t *o = json_object();
	bool cid_ok = !want_chain || (!tx->type && !tx->eip155) ||
		      tx->chain_id == want_chain;

	json_object_set_new(o, "hash", jhash(tx->hash, 32));
	json_object_set_new(o, "hash_ok", json_boolean(tx->hash_ok));
	json_object_set_new(o, "from", jaddr(tx->from));
	if (tx->has_claimed_from)
		json_object_set_new(o, "from_ok", json_boolean(tx->from_ok));
	json_object_set_new(o, "type", json_integer(tx->type));
	json_object_set_new(o, "type_name",
			    json_string(eth_tx_type_name(tx->type)));
	json_object_set_new(o, "chain_id",
			    (tx->type && tx->type != ETH_TX_DEPOSIT) ||
					    tx->eip155
				    ? jint(tx->chain_id)
				    : json_null());
	if (want_chain)
		json_object_set_new(o, "chain_id_ok", json_boolean(cid_ok));
	json_object_set_new(o, "nonce", jint(tx->nonce));
	json_object_set_new(o, "to", tx->has_to ? jaddr(tx->to) : json_null());
	json_object_set_new(o, "value", rjson_amount(tx->value));
	json_object_set_new(o, "value_eth", rjson_amount_fmt(tx->value, 18));
	json_object_set_new(o, "gas", jint(tx->gas));
	fee_fields(o, tx);
	json_object_set_new(o, "data_size", jint(tx->data_len));
	json_object_set_new(o, "access_list_addresses", jint(tx->n_access));
	if (tx->type == 4)
		json_object_set_new(o, "authorizations", auth_json(tx));
	if (eth_tx_is_system(tx)) {
		/* no signature: a system transaction, its sender a field */
		json_object_set_new(o, "system", json_true());
		if (tx->type == ETH_TX_DEPOSIT) {
			json_object_set_new(o, "source_hash",
					    jhash(tx->source_hash, 32));
			json_object_set_new(o, "mint", rjson_amount(tx->mint));
			json_object_set_new(o, "is_system_tx",
					    json_boolean(tx->is_system_tx));
		}
	} else {
		json_object_set_new(o, "signing_hash", jhash(tx->sighash, 32));
	}
	thor_json(o, tx);
	*ok = *ok && tx->hash_ok && tx->from_ok && cid_ok;
	return o;
}

/* A transaction type the chain does not have is an error, not a guess. */
static int check_type(const struct opts *o, const struct eth_tx *tx)
{
	if (evm_tx_type_allowed(o->evm, tx->type))
		return EXIT_OK;
	return cli_error("transaction type 0x%02x (%s) does not exist on %s",
			 tx->type, eth_tx_type_name(tx->type), o->evm->title);
}

static int report(json_t *out, bool ok, const char *what)
{
	int rc = jsonout_emit(stdout, out);

	if (rc)
		return rc;
	if (!ok)
		return cli_error("%s does not verify (see the *_ok fields)",
				 what);
	return EXIT_OK;
}

static int decode_raw(const struct opts *o, const char *text)
{
	struct eth_tx tx = ETH_TX_INIT;
	struct trc_error err = TRC_ERROR_INIT;
	size_t len = strlen(text), n;
	uint8_t *raw;
	bool ok = true;
	json_t *out;
	int rc;

	if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
		text += 2;
		len -= 2;
	}
	raw = malloc(len / 2 + 1);
	if (!raw)
		return cli_error("out of memory");
	if (hex_decode(raw, len / 2 + 1, &n, text, len, &err)) {
		free(raw);
		return cli_fail(&err);
	}
	/* a typed transaction the chain does not have is refused before its
	 * fields are read (their layout is another chain's) */
	if (n && raw[0] < 0x80 && !evm_tx_type_allowed(o->evm, raw[0])) {
		rc = cli_error("unknown transaction type 0x%02x on %s", raw[0],
			       o->evm->title);
		free(raw);
		return rc;
	}
	if (eth_tx_decode(&tx, raw, n, &err) ||
	    eth_tx_verify(&tx, false, &err)) {
		free(raw);
		eth_tx_release(&tx);
		return cli_fail(&err);
	}
	if ((rc = check_type(o, &tx))) {
		free(raw);
		eth_tx_release(&tx);
		return rc;
	}
	out = tx_json(&tx, o->chain_id, &ok);
	rc = report(out, ok, "the transaction");
	free(raw);
	eth_tx_release(&tx);
	return rc;
}

static int decode_tx_obj(const struct opts *o, const json_t *j)
{
	struct eth_tx tx = ETH_TX_INIT;
	struct trc_error err = TRC_ERROR_INIT;
	bool ok = true;
	json_t *out;
	int rc;

	if (eth_tx_from_json(&tx, j, &err) ||
	    eth_tx_verify(&tx,
			  o->evm->frontier && eth_tx_frontier(&tx, o->chain_id),
			  &err)) {
		eth_tx_release(&tx);
		return cli_fail(&err);
	}
	if ((rc = check_type(o, &tx))) {
		eth_tx_release(&tx);
		return rc;
	}
	out = tx_json(&tx, o->chain_id, &ok);
	rc = report(out, ok, "the transaction");
	eth_tx_release(&tx);
	return rc;
}

static json_t *block_json(const struct eth_block *b, uint64_t want_chain,
			  bool *ok)
{
	json_t *o = json_object(), *txs = json_array();
	bool full = b->tx_root_checked;

	json_object_set_new(o, "chain", json_string(b->evm->name));
	json_object_set_new(o, "number", jint(b->number));
	json_object_set_new(o, "hash", jhash(b->hash, 32));
	json_object_set_new(o, "header_hash_ok",
			    json_boolean(b->header_hash_ok));
	json_object_set_new(o, "header_shape", json_string(b->shape));
	json_object_set_new(o, "parent_hash", jhash(b->parent, 32));
	json_object_set_new(o, "timestamp", jint(b->timestamp));
	if (b->timestamp <= (uint64_t)INT64_MAX / 2) /* docs/json.md */
		rjson_set_time(o, "time", (int64_t)b->timestamp);
	json_object_set_new(o, "transactions_root", jhash(b->tx_root, 32));
	json_object_set_new(o, "transactions_root_ok",
			    full ? json_boolean(b->tx_root_ok) : json_null());
	if (b->has_withdrawals)
		json_object_set_new(o, "withdrawals_root_ok",
				    json_boolean(b->withdrawals_root_ok));
	if (b->has_ext_data_body)
		json_object_set_new(o, "ext_data_hash_ok",
				    json_boolean(b->ext_data_ok));
	json_object_set_new(o, "transaction_count", jint(b->n_txs));
	*ok = b->header_hash_ok && (!full || b->tx_root_ok) &&
	      (!b->has_withdrawals || b->withdrawals_root_ok) && b->ext_data_ok;
	for (size_t i = 0; b->txs_full && i < b->n_txs; i++)
		json_array_append_new(txs, tx_json(&b->txs[i], want_chain, ok));
	json_object_set_new(o, "transactions", txs);
	return o;
}

static int decode_block(const struct opts *o, const json_t *j)
{
	struct eth_block b = ETH_BLOCK_INIT;
	struct trc_error err = TRC_ERROR_INIT;
	bool ok = true;
	json_t *out;
	int rc;

	if (eth_block_from_json_evm(&b, j, o->evm, &err) ||
	    eth_block_verify(&b, &err)) {
		eth_block_release(&b);
		return cli_fail(&err);
	}
	out = block_json(&b, o->chain_id, &ok);
	rc = report(out, ok, "the block");
	eth_block_release(&b);
	return rc;
}

/* The object inside a JSON-RPC response, or j itself. */
static int unwrap(const json_t *j, const json_t **obj)
{
	const json_t *e = json_object_get(j, "error");

	*obj = j;
	if (json_object_get(j, "jsonrpc") || json_object_get(j, "result") ||
	    e) {
		if (e) {
			const char *m = json_string_value(
				json_object_get(e, "message"));

			return cli_error("the input is a JSON-RPC error: %s",
					 m ? m : "(no message)");
		}
		*obj = json_object_get(j, "result");
	}
	if (!json_is_object(*obj) && !json_is_string(*obj))
		return cli_error(
			"the JSON input is not a transaction or block "
			"object%s",
			json_is_null(*obj)
				? " (the node returned null: not found)"
				: "");
	return EXIT_OK;
}

static int decode_json(const struct opts *o, const char *text, size_t len)
{
	json_error_t je;
	json_t *j = json_loadb(text, len,
			       JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
	const json_t *obj;
	int rc;

	if (!j)
		return cli_error("invalid JSON at line %d, column %d (byte "
				 "%d): %s",
				 je.line, je.column, je.position, je.text);
	rc = unwrap(j, &obj);
	/* eth_getRawTransactionByHash: the result is the hex string */
	if (!rc && json_is_string(obj))
		rc = decode_raw(o, json_string_value(obj));
	else if (!rc && (json_object_get(obj, "parentHash") ||
			 json_object_get(obj, "transactions")))
		rc = decode_block(o, obj);
	else if (!rc)
		rc = decode_tx_obj(o, obj);
	json_decref(j);
	return rc;
}

int decode_eth(struct cli *cli, const char *chain, int argc, char **argv)
{
	struct opts o;
	struct buf in = BUF_INIT(INPUT_MAX);
	struct trc_error err = TRC_ERROR_INIT;
	char *text;
	size_t len;
	int rc = parse_opts(cli, argc, argv, &o);

	if (rc)
		return rc;
	o.evm = evm_chain_by_id((uint8_t)chain_from_name(chain));
	if (!o.evm)
		o.evm = evm_chain_eth();
	if (read_input(o.input, &in, &err)) {
		buf_release(&in);
		return cli_fail(&err);
	}
	text = (char *)in.data;
	len = in.len;
	if (text && strlen(text) != len) {
		rc = cli_error("the input holds a NUL byte at offset %zu",
			       strlen(text));
		goto cleanup;
	}
	while (len && isspace((unsigned char)text[len - 1]))
		text[--len] = 0;
	while (len && isspace((unsigned char)*text)) {
		text++;
		len--;
	}
	if (len == 0)
		rc = cli_error("the input is empty");
	else if (*text == '{' || *text == '[' || *text == '"')
		rc = decode_json(&o, text, len);
	else
		rc = decode_raw(&o, text);
	rc = cli_finish(rc);
cleanup:
	buf_release(&in);
	return rc;
}
