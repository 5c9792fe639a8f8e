/*
 * tron_pb.c - protobuf-c behind plain structs. protobuf-c allocates with
 * malloc on unpack; every unpacked message is freed before returning.
 */
#include "chains/tron/tron_pb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chains/tron/tron.pb-c.h"

#define PB_BYTES(p, n) ((ProtobufCBinaryData){ (n), (uint8_t *)(p) })

static enum trc_err pack_append(const ProtobufCMessage *m, struct buf *out,
				struct trc_error *err)
{
	size_t n = protobuf_c_message_get_packed_size(m);
	uint8_t *p = malloc(n ? n : 1);
	enum trc_err rc;

	if (!p)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	protobuf_c_message_pack(m, p);
	rc = buf_append(out, p, n);
	free(p);
	if (rc)
		return trc_fail(err, rc,
				"encoded message of %zu bytes is too "
				"long",
				n);
	return TRC_OK;
}

enum trc_err tron_pb_header_encode(const struct tron_header *h, struct buf *out,
				   struct trc_error *err)
{
	Tron__BlockHeaderRaw m = TRON__BLOCK_HEADER_RAW__INIT;

	m.timestamp = h->timestamp;
	m.tx_trie_root = PB_BYTES(h->tx_trie_root, h->tx_trie_root_len);
	m.parent_hash = PB_BYTES(h->parent_hash, h->parent_hash_len);
	m.number = h->number;
	m.witness_id = h->witness_id;
	m.witness_address =
		PB_BYTES(h->witness_address, h->witness_address_len);
	m.version = h->version;
	m.account_state_root =
		PB_BYTES(h->account_state_root, h->account_state_root_len);
	return pack_append(&m.base, out, err);
}

enum trc_err tron_pb_tx_encode(const uint8_t *raw, size_t raw_len,
			       uint8_t *const *sigs, const size_t *sig_lens,
			       size_t n_sigs, const struct tron_result *rets,
			       size_t n_rets, struct buf *out,
			       struct trc_error *err)
{
	Tron__TransactionWire m = TRON__TRANSACTION_WIRE__INIT;
	ProtobufCBinaryData *sv = calloc(n_sigs + 1, sizeof(*sv));
	Tron__Result *rv = calloc(n_rets + 1, sizeof(*rv));
	Tron__Result **rp = calloc(n_rets + 1, sizeof(*rp));
	enum trc_err rc = TRC_ERR_NOMEM;

	if (!sv || !rv || !rp) {
		trc_fail(err, rc, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < n_sigs; i++)
		sv[i] = PB_BYTES(sigs[i], sig_lens[i]);
	for (size_t i = 0; i < n_rets; i++) {
		tron__result__init(&rv[i]);
		rv[i].fee = rets[i].fee;
		rv[i].ret = rets[i].ret;
		rv[i].contract_ret = rets[i].contract_ret;
		rp[i] = &rv[i];
	}
	m.raw_data = PB_BYTES(raw, raw_len);
	m.n_signature = n_sigs;
	m.signature = sv;
	m.n_ret = n_rets;
	m.ret = rp;
	rc = pack_append(&m.base, out, err);
cleanup:
	free(sv);
	free(rv);
	free(rp);
	return rc;
}

static enum trc_err take_addr(uint8_t dst[TRON_ADDR_LEN], bool *has,
			      ProtobufCBinaryData b, const char *what,
			      struct trc_error *err)
{
	enum trc_err rc = tron_addr_check(b.data, b.len, what, err);

	if (rc)
		return rc;
	memcpy(dst, b.data, TRON_ADDR_LEN);
	if (has)
		*has = true;
	return TRC_OK;
}

static enum trc_err take_amount(int64_t *dst, int64_t v, const char *what,
				struct trc_error *err)
{
	if (v < 0)
		return trc_fail(err, TRC_ERR_PARSE, "negative %s %lld", what,
				(long long)v);
	*dst = v;
	return TRC_OK;
}

static enum trc_err decode_transfer(struct tron_contract *c,
				    ProtobufCBinaryData v,
				    struct trc_error *err)
{
	Tron__TransferContract *t =
		tron__transfer_contract__unpack(NULL, v.len, v.data);
	enum trc_err rc;

	if (!t)
		return trc_fail(err, TRC_ERR_PARSE,
				"TransferContract is not protobuf");
	if (!(rc = take_addr(c->owner, &c->has_owner, t->owner_address,
			     "owner_address", err)) &&
	    !(rc = take_addr(c->to, &c->has_to, t->to_address, "to_address",
			     err)))
		rc = take_amount(&c->amount, t->amount, "amount", err);
	tron__transfer_contract__free_unpacked(t, NULL);
	return rc;
}

/* The id as it is, an old name (printable ASCII) as "trc10:NAME". */
static enum trc_err asset_string(struct tron_contract *c, ProtobufCBinaryData n,
				 struct trc_error *err)
{
	bool digits = true;

	for (size_t i = 0; i < n.len; i++) {
		if (n.data[i] < 0x21 || n.data[i] > 0x7e)
			return trc_fail(err, TRC_ERR_PARSE,
					"TRC-10 asset_name "
					"is neither a token id nor a name of "
					"printable ASCII");
		digits = digits && n.data[i] >= '0' && n.data[i] <= '9';
	}
	memcpy(c->asset_name, n.data, n.len);
	c->asset_name_len = n.len;
	snprintf(c->asset, sizeof(c->asset), "%s%.*s",
		 digits ? "" : "trc10:", (int)n.len, (const char *)n.data);
	return TRC_OK;
}

static enum trc_err decode_asset(struct tron_contract *c, ProtobufCBinaryData v,
				 struct trc_error *err)
{
	Tron__TransferAssetContract *t =
		tron__transfer_asset_contract__unpack(NULL, v.len, v.data);
	enum trc_err rc;

	if (!t)
		return trc_fail(err, TRC_ERR_PARSE,
				"TransferAssetContract is not protobuf");
	rc = TRC_OK;
	if (!t->asset_name.len || t->asset_name.len > TRON_ASSET_MAX)
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "TRC-10 asset_name of %zu bytes",
			      t->asset_name.len);
	if (!rc)
		rc = asset_string(c, t->asset_name, err);
	if (!rc &&
	    !(rc = take_addr(c->owner, &c->has_owner, t->owner_address,
			     "owner_address", err)) &&
	    !(rc = take_addr(c->to, &c->has_to, t->to_address, "to_address",
			     err)))
		rc = take_amount(&c->amount, t->amount, "amount", err);
	tron__transfer_asset_contract__free_unpacked(t, NULL);
	return rc;
}

static enum trc_err decode_trigger(struct tron_contract *c,
				   ProtobufCBinaryData v, struct trc_error *err)
{
	Tron__TriggerSmartContract *t =
		tron__trigger_smart_contract__unpack(NULL, v.len, v.data);
	enum trc_err rc;

	if (!t)
		return trc_fail(err, TRC_ERR_PARSE,
				"TriggerSmartContract is not protobuf");
	if (!(rc = take_addr(c->owner, &c->has_owner, t->owner_address,
			     "owner_address", err)) &&
	    !(rc = take_addr(c->to, &c->has_to, t->contract_address,
			     "contract_address", err)))
		rc = take_amount(&c->amount, t->call_value, "call_value", err);
	if (!rc) {
		c->data_len = t->data.len;
		memcpy(c->data, t->data.data,
		       t->data.len < TRON_DATA_MAX ? t->data.len
						   : TRON_DATA_MAX);
	}
	tron__trigger_smart_contract__free_unpacked(t, NULL);
	return rc;
}

/* The type_url java-tron writes for each decoded type. */
static const char *type_url(int32_t type)
{
	switch (type) {
	case TRON_TRANSFER:
		return "type.googleapis.com/protocol.TransferContract";
	case TRON_TRANSFER_ASSET:
		return "type.googleapis.com/protocol.TransferAssetContract";
	case TRON_TRIGGER:
		return "type.googleapis.com/protocol.TriggerSmartContract";
	}
	return NULL;
}

static enum trc_err decode_contract(struct tron_contract *c,
				    const Tron__Contract *k,
				    struct trc_error *err)
{
	const char *want = type_url(k->type);
	ProtobufCBinaryData v = { 0, NULL };

	c->type = k->type;
	c->permission_id = k->permission_id;
	if (k->parameter) {
		snprintf(c->type_url, sizeof(c->type_url), "%s",
			 k->parameter->type_url ? k->parameter->type_url : "");
		v = k->parameter->value;
	}
	if (!want)
		return TRC_OK;
	if (strcmp(c->type_url, want))
		return trc_fail(err, TRC_ERR_PARSE,
				"contract type %d has the type_url '%.60s'",
				(int)k->type, c->type_url);
	c->decoded = true;
	if (k->type == TRON_TRANSFER)
		return decode_transfer(c, v, err);
	if (k->type == TRON_TRANSFER_ASSET)
		return decode_asset(c, v, err);
	return decode_trigger(c, v, err);
}

enum trc_err tron_pb_raw_decode(const uint8_t *raw, size_t len,
				struct tron_contract *c, struct trc_error *err)
{
	Tron__TransactionRaw *r;
	enum trc_err rc;

	memset(c, 0, sizeof(*c));
	r = tron__transaction_raw__unpack(NULL, len, raw);
	if (!r)
		return trc_fail(err, TRC_ERR_PARSE,
				"raw_data is not a protobuf Transaction.raw");
	c->timestamp = r->timestamp;
	c->expiration = r->expiration;
	c->fee_limit = r->fee_limit;
	if (r->n_contract != 1)
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "raw_data has %zu contracts, not one",
			      r->n_contract);
	else
		rc = decode_contract(c, r->contract[0], err);
	tron__transaction_raw__free_unpacked(r, NULL);
	return rc;
}

static const char *const contract_rets[] = {
	"DEFAULT",
	"SUCCESS",
	"REVERT",
	"BAD_JUMP_DESTINATION",
	"OUT_OF_MEMORY",
	"PRECOMPILED_CONTRACT",
	"STACK_TOO_SMALL",
	"STACK_TOO_LARGE",
	"ILLEGAL_OPERATION",
	"STACK_OVERFLOW",
	"OUT_OF_ENERGY",
	"OUT_OF_TIME",
	"JVM_STACK_OVER_FLOW",
	"UNKNOWN",
	"TRANSFER_FAILED",
	"INVALID_CODE",
};
#define N_RETS (sizeof(contract_rets) / sizeof(contract_rets[0]))

int tron_contract_ret_parse(const char *name)
{
	for (size_t i = 0; name && i < N_RETS; i++)
		if (!strcmp(contract_rets[i], name))
			return (int)i;
	return -1;
}

const char *tron_contract_ret_name(int32_t v)
{
	return v >= 0 && (size_t)v < N_RETS ? contract_rets[v] : "UNKNOWN";
}
