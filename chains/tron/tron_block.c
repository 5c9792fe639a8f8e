/*
 * tron_block.c - verifying a Tron block and its transactions from
 * java-tron's JSON, and the records they become (tron_block.h).
 */
#include "chains/tron/tron_block.h"

#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/hex.h"
#include "base/secp.h"
#include "chains/tron/tron_addr.h"
#include "chains/tron/tron_json.h"
#include "chains/tron/tron_pb.h"

#define MAX_SIGS 32 /* a permission has at most this many keys */
#define MAX_RETS 8
#define MAX_TXS 100000 /* far above any block (about 2000 fit) */
#define MAX_LOGS 4096

/* transfer(address,uint256) */
static const uint8_t transfer_sel[4] = { 0xa9, 0x05, 0x9c, 0xbb };

/* What one transaction's check leaves for the block's. */
struct tx_side {
	struct tron_contract c; /* decoded raw data */
	char owner[TRON_ADDR_STR];
	int32_t contract_ret;
	bool by_owner;
};

/* Recovers the account of a 65-byte r || s || v signature over msg. */
static enum trc_err recover(uint8_t acct[TRON_ADDR_LEN], const uint8_t msg[32],
			    const uint8_t sig[65], struct trc_error *err)
{
	uint8_t pub[65];
	int v = sig[64] >= 27 ? sig[64] - 27 : sig[64];
	enum trc_err rc;

	if (v < 0 || v > 3)
		return trc_fail(err, TRC_ERR_VERIFY,
				"signature recovery byte %u is not 0..3 or "
				"27..30",
				sig[64]);
	if ((rc = secp_recover(pub, msg, sig, v, err)))
		return rc;
	acct[0] = TRON_ADDR_PREFIX;
	secp_keccak_account(acct + 1, pub);
	return TRC_OK;
}

enum trc_err tron_merkle_root(uint8_t root[32], const uint8_t (*leaves)[32],
			      size_t n, struct trc_error *err)
{
	uint8_t(*lv)[32];

	memset(root, 0, 32);
	if (!n)
		return TRC_OK;
	if (!(lv = malloc(n * 32)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	memcpy(lv, leaves, n * 32);
	while (n > 1) {
		size_t m = 0;

		for (size_t i = 0; i < n; i += 2, m++) {
			if (i + 1 == n) {
				memmove(lv[m], lv[i], 32); /* carried up */
				continue;
			}
			hash_sha256(lv[m], lv[i], 64);
		}
		n = m;
	}
	memcpy(root, lv[0], 32);
	free(lv);
	return TRC_OK;
}

/* --- one transaction ----------------------------------------------- */

static const char *type_name(int32_t type)
{
	switch (type) {
	case TRON_TRANSFER:
		return "TransferContract";
	case TRON_TRANSFER_ASSET:
		return "TransferAssetContract";
	case TRON_TRIGGER:
		return "TriggerSmartContract";
	}
	return NULL;
}

static enum trc_err same_addr(const json_t *v, const char *key,
			      const uint8_t want[TRON_ADDR_LEN],
			      struct trc_error *err)
{
	uint8_t a[TRON_ADDR_LEN];
	enum trc_err rc = tjson_fixed(v, key, true, a, sizeof(a), NULL, err);

	if (rc)
		return rc;
	if (memcmp(a, want, sizeof(a)))
		return trc_fail(err, TRC_ERR_VERIFY,
				"'%s' differs from raw_data_hex's", key);
	return TRC_OK;
}

static enum trc_err same_i64(const json_t *v, const char *key, int64_t want,
			     struct trc_error *err)
{
	int64_t x;
	enum trc_err rc = tjson_i64(v, key, false, &x, err);

	if (rc)
		return rc;
	if (x != want)
		return trc_fail(err, TRC_ERR_VERIFY,
				"'%s' %lld differs from raw_data_hex's %lld",
				key, (long long)x, (long long)want);
	return TRC_OK;
}

/* The call data the JSON shows is the signed one. */
static enum trc_err same_data(const json_t *v, const struct tron_contract *c,
			      struct trc_error *err)
{
	uint8_t *d;
	size_t n;
	enum trc_err rc = tjson_hex(v, "data", false, &d, &n, err);

	if (rc)
		return rc;
	if (n != c->data_len ||
	    (n && memcmp(d, c->data, n < TRON_DATA_MAX ? n : TRON_DATA_MAX)))
		rc = trc_fail(err, TRC_ERR_VERIFY,
			      "'data' differs from raw_data_hex's");
	free(d);
	return rc;
}

/* The JSON's raw_data says what the signed bytes say. */
static enum trc_err json_matches(const json_t *raw, struct tx_side *s,
				 struct trc_error *err)
{
	const struct tron_contract *c = &s->c;
	const json_t *k = json_array_get(json_object_get(raw, "contract"), 0);
	const json_t *v =
		json_object_get(json_object_get(k, "parameter"), "value");
	const char *type = NULL, *want = type_name(c->type);
	uint8_t own[TRON_ADDR_LEN];
	enum trc_err rc;

	if (!json_is_object(v) ||
	    json_array_size(json_object_get(raw, "contract")) != 1)
		return trc_fail(err, TRC_ERR_PARSE,
				"raw_data has not one contract with a value");
	if ((rc = tjson_str(k, "type", true, &type, err)))
		return rc;
	if (want && strcmp(type, want))
		return trc_fail(err, TRC_ERR_VERIFY,
				"type '%.40s' differs from raw_data_hex's %s",
				type, want);
	if ((rc = same_i64(raw, "timestamp", c->timestamp, err)) ||
	    (rc = same_i64(raw, "expiration", c->expiration, err)) ||
	    (rc = same_i64(raw, "fee_limit", c->fee_limit, err)))
		return rc;
	if (!c->decoded) {
		/* owner from the JSON: it is checked by the signature; a
		 * type without one (shielded transfers) has no fee payer */
		if ((rc = tjson_fixed(v, "owner_address", false, own,
				      sizeof(own), &s->c.has_owner, err)) ||
		    (s->c.has_owner &&
		     (rc = tron_addr_check(own, sizeof(own), "owner_address",
					   err))))
			return rc;
		memcpy(s->c.owner, own, sizeof(own));
		return TRC_OK;
	}
	if ((rc = same_addr(v, "owner_address", c->owner, err)))
		return rc;
	if (c->type == TRON_TRIGGER) {
		if ((rc = same_addr(v, "contract_address", c->to, err)) ||
		    (rc = same_i64(v, "call_value", c->amount, err)))
			return rc;
		return same_data(v, c, err);
	}
	if ((rc = same_addr(v, "to_address", c->to, err)) ||
	    (rc = same_i64(v, "amount", c->amount, err)))
		return rc;
	if (c->type == TRON_TRANSFER_ASSET) {
		uint8_t name[TRON_ASSET_MAX];
		size_t n = c->asset_name_len;

		if ((rc = tjson_fixed(v, "asset_name", true, name, n, NULL,
				      err)))
			return rc;
		if (memcmp(name, c->asset_name, n))
			return trc_fail(err, TRC_ERR_VERIFY,
					"'asset_name' differs from "
					"raw_data_hex's");
	}
	return TRC_OK;
}

static enum trc_err check_sigs(const json_t *sigs, const uint8_t txid[32],
			       struct tx_side *s, uint8_t **sv, size_t *sl,
			       size_t *n, struct trc_error *err)
{
	size_t count = json_array_size(sigs);
	enum trc_err rc;

	*n = 0;
	s->by_owner = true;
	if (!count || count > MAX_SIGS)
		return trc_fail(err, TRC_ERR_VERIFY, "%zu signatures (1 to %u)",
				count, MAX_SIGS);
	for (size_t i = 0; i < count; i++) {
		const json_t *h = json_array_get(sigs, i);
		uint8_t acct[TRON_ADDR_LEN];
		size_t got;

		if (!json_is_string(h) || json_string_length(h) != 130 ||
		    !(sv[i] = malloc(65)))
			return trc_fail(err, TRC_ERR_PARSE,
					"signature %zu is not 65 bytes of "
					"hex",
					i);
		sl[i] = 65;
		(*n)++;
		if ((rc = hex_decode(sv[i], 65, &got, json_string_value(h), 130,
				     err)) ||
		    (rc = recover(acct, txid, sv[i], err)))
			return trc_fail(err, TRC_ERR_VERIFY,
					"signature %zu recovers no key", i);
		if (memcmp(acct, s->c.owner, sizeof(acct)))
			s->by_owner = false;
	}
	return TRC_OK;
}

static enum trc_err read_rets(const json_t *rets, struct tron_result *out,
			      size_t *n, struct trc_error *err)
{
	static const char *const known[] = { "contractRet", "fee", "ret",
					     NULL };
	enum trc_err rc;

	*n = json_array_size(rets);
	if (*n > MAX_RETS)
		return trc_fail(err, TRC_ERR_PARSE, "%zu results", *n);
	for (size_t i = 0; i < *n; i++) {
		const json_t *r = json_array_get(rets, i);
		const char *cr, *code;
		int64_t fee;

		if ((rc = tjson_only(r, known, "ret", err)) ||
		    (rc = tjson_str(r, "contractRet", false, &cr, err)) ||
		    (rc = tjson_str(r, "ret", false, &code, err)) ||
		    (rc = tjson_i64(r, "fee", false, &fee, err)))
			return rc;
		out[i].fee = fee;
		out[i].contract_ret = cr ? tron_contract_ret_parse(cr) : 0;
		out[i].ret = !code || !strcmp(code, "SUCESS") ? 0
			     : !strcmp(code, "FAILED")	      ? 1
							      : -1;
		if (out[i].contract_ret < 0 || out[i].ret < 0)
			return trc_fail(err, TRC_ERR_PARSE,
					"ret has an unknown result");
	}
	return TRC_OK;
}

static enum trc_err add_value_legs(struct rec_tx *tx, const struct tx_side *s,
				   struct trc_error *err)
{
	const struct tron_contract *c = &s->c;
	char to[TRON_ADDR_STR];
	trc_amount v = amount_from_u64((uint64_t)c->amount);

	if ((tx->flags & REC_TX_FAILED) || !c->decoded || !c->amount)
		return TRC_OK;
	tron_addr_format(to, c->to);
	if (c->type == TRON_TRANSFER_ASSET)
		return rec_tx_add_leg(tx, LEG_TOKEN, c->asset, s->owner, to, v,
				      err);
	return rec_tx_add_leg(tx, LEG_NATIVE, NULL, s->owner, to, v, err);
}

static enum trc_err tx_decode(const json_t *j, struct rec_tx *tx,
			      uint8_t leaf[32], struct tx_side *s,
			      struct trc_error *err)
{
	uint8_t txid[32], h[32], *raw = NULL, *sv[MAX_SIGS] = { NULL };
	size_t raw_len, sl[MAX_SIGS], n_sigs = 0, n_rets = 0;
	struct tron_result rets[MAX_RETS];
	struct buf enc = BUF_INIT(2 * TJSON_HEX_MAX);
	enum trc_err rc;

	memset(s, 0, sizeof(*s));
	if ((rc = tjson_fixed(j, "txID", true, txid, 32, NULL, err)) ||
	    (rc = tjson_hex(j, "raw_data_hex", true, &raw, &raw_len, err)))
		goto cleanup;
	memcpy(tx->txid, txid, 32);
	hash_sha256(h, raw, raw_len);
	if (memcmp(h, txid, 32)) {
		rc = trc_fail(err, TRC_ERR_VERIFY,
			      "txID is not SHA-256 of raw_data_hex");
		goto cleanup;
	}
	if ((rc = tron_pb_raw_decode(raw, raw_len, &s->c, err)) ||
	    (rc = json_matches(json_object_get(j, "raw_data"), s, err)) ||
	    (rc = check_sigs(json_object_get(j, "signature"), txid, s, sv, sl,
			     &n_sigs, err)) ||
	    (rc = read_rets(json_object_get(j, "ret"), rets, &n_rets, err)) ||
	    (rc = tron_pb_tx_encode(raw, raw_len, sv, sl, n_sigs, rets, n_rets,
				    &enc, err)))
		goto cleanup;
	hash_sha256(leaf, enc.data, enc.len);
	if (s->c.has_owner)
		tron_addr_format(s->owner, s->c.owner);
	else
		s->by_owner = false;
	s->contract_ret = n_rets ? rets[0].contract_ret : 0;
	tx->chain = CHAIN_TRON;
	if (s->contract_ret > 1 || (n_rets && rets[0].ret))
		tx->flags |= REC_TX_FAILED;
	rc = add_value_legs(tx, s, err);
cleanup:
	for (size_t i = 0; i < n_sigs; i++)
		free(sv[i]);
	free(raw);
	buf_release(&enc);
	return rc;
}

enum trc_err tron_tx_decode(const json_t *j, struct rec_tx *tx,
			    struct tron_tx_info *info, struct trc_error *err)
{
	struct tx_side *s = malloc(sizeof(*s));
	enum trc_err rc;

	memset(info, 0, sizeof(*info));
	if (!s)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	tx->height = REC_HEIGHT_UNKNOWN;
	rc = tx_decode(j, tx, info->leaf, s, err);
	if (!rc) {
		memcpy(info->owner, s->owner, sizeof(s->owner));
		info->type = s->c.type;
		info->contract_ret = s->contract_ret;
		info->n_sigs = (unsigned)json_array_size(
			json_object_get(j, "signature"));
		info->by_owner = s->by_owner;
	}
	free(s);
	return rc;
}

/* --- the info: fees and TRC-20 logs (node-asserted) ---------------- */

const char *tron_event_signature(enum tron_event ev)
{
	static const char *const sigs[TRON_EV_COUNT] = {
		"Transfer(address,address,uint256)",
		"AddedBlackList(address)",
		"RemovedBlackList(address)",
		"DestroyedBlackFunds(address,uint256)",
	};

	return (unsigned)ev < TRON_EV_COUNT ? sigs[ev] : NULL;
}

void tron_event_topic(uint8_t topic[32], enum tron_event ev)
{
	const char *sig = tron_event_signature(ev);

	memset(topic, 0, 32);
	if (sig)
		hash_keccak256(topic, sig, strlen(sig));
}

/*
 * Tether's blacklist events: AddedBlackList(user), RemovedBlackList(user)
 * and DestroyedBlackFunds(user, balance), with user indexed (2 topics)
 * or not (1 topic, user first in the data). The contract that logs one
 * acts on its own token's balance of user: frozen, released, or
 * destroyed (burnt by the issuer, with no Transfer logged), which a
 * trace shows as frozen or destroyed (docs/taint.md).
 */
static enum trc_err add_blacklist(struct rec_tx *tx, const json_t *log,
				  const json_t *topics, enum tron_event ev,
				  struct trc_error *err)
{
	uint8_t a[TRON_ADDR_LEN] = { TRON_ADDR_PREFIX }, d[64] = { 0 };
	char user[TRON_ADDR_STR], asset[TRON_ADDR_STR];
	size_t nt = json_array_size(topics);
	size_t dlen = ev == TRON_EV_DESTROYED ? 64 : 32;
	const char *what = tron_event_signature(ev);
	trc_amount v = AMOUNT_ZERO;
	enum trc_err rc;

	if ((rc = tjson_fixed(log, "address", true, a + 1, 20, NULL, err)))
		return rc;
	tron_addr_format(asset, a);
	if (nt == 2) {
		if ((rc = tjson_fixed_value(json_array_get(topics, 1), "topic",
					    d, 32, err)) ||
		    (dlen > 32 && (rc = tjson_fixed(log, "data", true, d + 32,
						    dlen - 32, NULL, err))))
			return trc_error_prefix(err, rc, "%s", what);
	} else if ((rc = tjson_fixed(log, "data", true, d, dlen, NULL, err))) {
		return trc_error_prefix(err, rc, "%s", what);
	}
	if (dlen > 32 && (rc = amount_from_be(&v, d + 32, 32)))
		return trc_fail(err, rc, "%s amount", what);
	memcpy(a + 1, d + 12, 20);
	tron_addr_format(user, a);
	if (ev == TRON_EV_DESTROYED)
		return rec_tx_add_leg(tx, LEG_BURN, asset, user, NULL, v, err);
	return rec_tx_add_leg(
		tx, ev == TRON_EV_ADDED_BLACKLIST ? LEG_FREEZE : LEG_UNFREEZE,
		asset, user, NULL, v, err);
}

static enum trc_err add_log(struct rec_tx *tx, const json_t *log,
			    const struct tron_contract *c, bool *direct,
			    struct trc_error *err)
{
	const json_t *topics = json_object_get(log, "topics");
	size_t nt = json_array_size(topics);
	uint8_t t[3][32], a[TRON_ADDR_LEN], val[32];
	char from[TRON_ADDR_STR], to[TRON_ADDR_STR], asset[TRON_ADDR_STR];
	trc_amount v;
	enum trc_err rc;

	if (nt < 1 || nt > 4)
		return TRC_OK;
	if ((rc = tjson_fixed_value(json_array_get(topics, 0), "topic", t[0],
				    32, err)))
		return rc;
	for (int ev = TRON_EV_ADDED_BLACKLIST; ev < TRON_EV_COUNT; ev++) {
		tron_event_topic(t[1], (enum tron_event)ev);
		if (!memcmp(t[0], t[1], 32))
			return nt <= 2 ? add_blacklist(tx, log, topics,
						       (enum tron_event)ev, err)
				       : TRC_OK;
	}
	/* only a TRC-20 Transfer (ERC-721's has 4 topics) */
	tron_event_topic(t[1], TRON_EV_TRANSFER);
	if (nt != 3 || memcmp(t[0], t[1], 32))
		return TRC_OK;
	for (size_t i = 1; i < 3; i++)
		if ((rc = tjson_fixed_value(json_array_get(topics, i), "topic",
					    t[i], 32, err)))
			return rc;
	a[0] = TRON_ADDR_PREFIX;
	if ((rc = tjson_fixed(log, "address", true, a + 1, 20, NULL, err)) ||
	    (rc = tjson_fixed(log, "data", true, val, 32, NULL, err)) ||
	    (rc = amount_from_be(&v, val, 32)))
		return rc;
	tron_addr_format(asset, a);
	a[0] = TRON_ADDR_PREFIX;
	memcpy(a + 1, t[1] + 12, 20);
	tron_addr_format(from, a);
	if (c->type == TRON_TRIGGER && c->data_len == 68 &&
	    !memcmp(a, c->owner, TRON_ADDR_LEN)) {
		uint8_t to_want[TRON_ADDR_LEN] = { TRON_ADDR_PREFIX };

		memcpy(to_want + 1, c->data + 16, 20);
		if (!memcmp(to_want + 1, t[2] + 12, 20) &&
		    !memcmp(val, c->data + 36, 32))
			*direct = true;
	}
	memcpy(a + 1, t[2] + 12, 20);
	tron_addr_format(to, a);
	return rec_tx_add_leg(tx, LEG_TOKEN, asset, from, to, v, err);
}

/*
 * A successful direct transfer(to, value) call of a token known to log
 * every transfer comes with its log: a node cannot drop it unseen. Other
 * tokens may transfer without a standard event, so for them the check
 * would refuse honest blocks. Known: Tether USD (USDT) on Tron mainnet.
 */
static const uint8_t logging_tokens[][TRON_ADDR_LEN] = {
	{ 0x41, 0xa6, 0x14, 0xf8, 0x03, 0xb6, 0xfd, 0x78, 0x09, 0x86, 0xa4,
	  0x2c, 0x78, 0xec, 0x9c, 0x7f, 0x77, 0xe6, 0xde, 0xd1, 0x3c },
};

static bool is_direct_transfer(const struct tron_contract *c)
{
	bool known = false;

	for (size_t i = 0; i < sizeof(logging_tokens) / TRON_ADDR_LEN; i++)
		known = known ||
			!memcmp(c->to, logging_tokens[i], TRON_ADDR_LEN);
	return known && c->type == TRON_TRIGGER && c->data_len == 68 &&
	       !memcmp(c->data, transfer_sel, 4);
}

/* One internal transaction's value: TRX, or a TRC-10 token by its id. */
static enum trc_err add_internal(struct rec_tx *tx, const json_t *itx,
				 struct trc_error *err)
{
	const json_t *vals = json_object_get(itx, "callValueInfo");
	uint8_t a[TRON_ADDR_LEN];
	char from[TRON_ADDR_STR], to[TRON_ADDR_STR];
	enum trc_err rc;

	if (json_is_true(json_object_get(itx, "rejected")) ||
	    !json_array_size(vals))
		return TRC_OK;
	if ((rc = tjson_fixed(itx, "caller_address", true, a, sizeof(a), NULL,
			      err)) ||
	    (rc = tron_addr_check(a, sizeof(a), "caller_address", err)))
		return rc;
	tron_addr_format(from, a);
	if ((rc = tjson_fixed(itx, "transferTo_address", true, a, sizeof(a),
			      NULL, err)) ||
	    (rc = tron_addr_check(a, sizeof(a), "transferTo_address", err)))
		return rc;
	tron_addr_format(to, a);
	for (size_t i = 0; i < json_array_size(vals) && i < MAX_LOGS; i++) {
		const json_t *v = json_array_get(vals, i);
		const char *token;
		int64_t value;

		if ((rc = tjson_i64(v, "callValue", false, &value, err)) ||
		    (rc = tjson_str(v, "tokenId", false, &token, err)))
			return rc;
		if (token && (!*token || strlen(token) > TRON_ASSET_MAX ||
			      strspn(token, "0123456789") != strlen(token)))
			return trc_fail(err, TRC_ERR_PARSE,
					"internal "
					"transaction with the token '%.40s'",
					token);
		if (value && (rc = rec_tx_add_leg(
				      tx, LEG_INTERNAL, token, from, to,
				      amount_from_u64((uint64_t)value), err)))
			return rc;
	}
	return TRC_OK;
}

static enum trc_err add_info(struct rec_tx *tx, const struct tx_side *s,
			     const json_t *info, uint32_t height,
			     int64_t block_ms, struct trc_error *err)
{
	const json_t *logs = json_object_get(info, "log");
	const json_t *itxs = json_object_get(info, "internal_transactions");
	int64_t fee, num, ms;
	bool direct = false;
	uint8_t ca[TRON_ADDR_LEN];
	bool has_ca;
	enum trc_err rc;

	if ((rc = tjson_i64(info, "fee", false, &fee, err)) ||
	    (rc = tjson_i64(info, "blockNumber", true, &num, err)) ||
	    (rc = tjson_i64(info, "blockTimeStamp", true, &ms, err)) ||
	    (rc = tjson_fixed(info, "contract_address", false, ca, sizeof(ca),
			      &has_ca, err)))
		return rc;
	if (num != height || ms != block_ms)
		return trc_fail(err, TRC_ERR_VERIFY,
				"its info names block %lld at %lld ms",
				(long long)num, (long long)ms);
	if (has_ca && s->c.type == TRON_TRIGGER &&
	    memcmp(ca, s->c.to, sizeof(ca)))
		return trc_fail(err, TRC_ERR_VERIFY,
				"its info names another contract");
	if (json_array_size(logs) > MAX_LOGS)
		return trc_fail(err, TRC_ERR_TOOBIG, "more than %u logs",
				MAX_LOGS);
	for (size_t i = 0;
	     !(tx->flags & REC_TX_FAILED) && i < json_array_size(logs); i++)
		if ((rc = add_log(tx, json_array_get(logs, i), &s->c, &direct,
				  err)))
			return rc;
	if (!(tx->flags & REC_TX_FAILED) && is_direct_transfer(&s->c) &&
	    !direct)
		return trc_fail(err, TRC_ERR_VERIFY,
				"a successful transfer() call without its "
				"Transfer log in the info");
	if (json_array_size(itxs) > MAX_LOGS)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"more than %u internal "
				"transactions",
				MAX_LOGS);
	for (size_t i = 0;
	     !(tx->flags & REC_TX_FAILED) && i < json_array_size(itxs); i++)
		if ((rc = add_internal(tx, json_array_get(itxs, i), err)))
			return trc_error_prefix(err, rc,
						"internal transaction "
						"%zu",
						i);
	tx->fee = amount_from_u64((uint64_t)fee);
	if (!fee || !s->c.has_owner)
		return TRC_OK;
	return rec_tx_add_leg(tx, LEG_FEE, NULL, s->owner, NULL, tx->fee, err);
}

/* --- the block ------------------------------------------------------ */

struct header_out {
	uint8_t raw_hash[32], id[32], root[32], parent[32], witness[21];
	int64_t ms;
	bool witness_signed;
};

static enum trc_err header_decode(const json_t *b, uint32_t height,
				  struct header_out *o, struct trc_error *err)
{
	static const char *const known[] = {
		"timestamp", "txTrieRoot",	 "parentHash",
		"number",    "witness_id",	 "witness_address",
		"version",   "accountStateRoot", NULL,
	};
	const json_t *bh = json_object_get(b, "block_header");
	const json_t *raw = json_object_get(bh, "raw_data");
	struct tron_header h = { 0 };
	uint8_t sig[65], asr[32], id[32], acct[TRON_ADDR_LEN];
	int64_t v;
	bool has_asr;
	struct buf enc = BUF_INIT(4096);
	enum trc_err rc;

	if (!json_is_object(raw))
		return trc_fail(err, TRC_ERR_PARSE, "no block_header.raw_data");
	if ((rc = tjson_only(raw, known, "block_header.raw_data", err)) ||
	    (rc = tjson_i64(raw, "timestamp", true, &h.timestamp, err)) ||
	    (rc = tjson_fixed(raw, "txTrieRoot", true, o->root, 32, NULL,
			      err)) ||
	    (rc = tjson_fixed(raw, "parentHash", true, o->parent, 32, NULL,
			      err)) ||
	    (rc = tjson_i64(raw, "number", true, &h.number, err)) ||
	    (rc = tjson_i64(raw, "witness_id", false, &h.witness_id, err)) ||
	    (rc = tjson_fixed(raw, "witness_address", true, o->witness, 21,
			      NULL, err)) ||
	    (rc = tjson_i64(raw, "version", false, &v, err)) ||
	    (rc = tjson_fixed(raw, "accountStateRoot", false, asr, 32, &has_asr,
			      err)) ||
	    (rc = tjson_fixed(b, "blockID", true, id, 32, NULL, err)) ||
	    (rc = tjson_fixed(bh, "witness_signature", true, sig, 65, NULL,
			      err)))
		return rc;
	if (h.number != height)
		return trc_fail(err, TRC_ERR_VERIFY,
				"the node sent block "
				"%lld",
				(long long)h.number);
	if (v > INT32_MAX)
		return trc_fail(err, TRC_ERR_PARSE, "version %lld",
				(long long)v);
	h.version = (int32_t)v;
	h.tx_trie_root = o->root;
	h.tx_trie_root_len = 32;
	/* the genesis block's parent is empty, not 32 zero bytes */
	h.parent_hash = o->parent;
	h.parent_hash_len = 32;
	h.witness_address = o->witness;
	h.witness_address_len = 21;
	h.account_state_root = asr;
	h.account_state_root_len = has_asr ? 32 : 0;
	o->ms = h.timestamp;
	if ((rc = tron_pb_header_encode(&h, &enc, err)))
		return rc;
	hash_sha256(o->raw_hash, enc.data, enc.len);
	buf_release(&enc);
	memcpy(o->id, o->raw_hash, 32);
	for (int i = 0; i < 8; i++)
		o->id[i] = (uint8_t)((uint64_t)h.number >> (56 - 8 * i));
	if (memcmp(o->id, id, 32))
		return trc_fail(err, TRC_ERR_VERIFY,
				"blockID is not the "
				"height and SHA-256 of the header's raw data");
	if ((rc = recover(acct, o->raw_hash, sig, err)))
		return trc_fail(err, TRC_ERR_VERIFY,
				"the witness signature recovers no key");
	o->witness_signed = !memcmp(acct, o->witness, sizeof(acct));
	return TRC_OK;
}

/* The infos belong to the block's transactions, in block order. */
static enum trc_err match_infos(struct crawl_block *cb,
				const struct tx_side *sides,
				const json_t *infos, uint32_t height,
				int64_t ms, struct trc_error *err)
{
	size_t n = json_array_size(infos);
	enum trc_err rc;

	if (infos && !json_is_array(infos) && !json_is_object(infos))
		return trc_fail(err, TRC_ERR_PARSE,
				"block %u: the info is "
				"not an array",
				height);
	if (n == 0 && cb->n_txs)
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %u: the node returned no transaction "
				"info for its %u transactions (does it keep "
				"them?); without it fees and TRC-20 transfers "
				"would be missing",
				height, cb->n_txs);
	if (n != cb->n_txs)
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %u: %zu infos for %u transactions",
				height, n, cb->n_txs);
	for (size_t i = 0; i < n; i++) {
		const json_t *info = json_array_get(infos, i);
		struct rec_tx *tx = &cb->txs[i];
		uint8_t id[32];
		char hx[65];

		hex_encode(hx, tx->txid, 32);
		if ((rc = tjson_fixed(info, "id", true, id, 32, NULL, err)))
			return trc_error_prefix(err, rc, "block %u: info %zu",
						height, i);
		if (memcmp(id, tx->txid, 32))
			return trc_fail(err, TRC_ERR_VERIFY,
					"block %u: info %zu is not for "
					"transaction %s",
					height, i, hx);
		if ((rc = add_info(tx, &sides[i], info, height, ms, err)))
			return trc_error_prefix(err, rc,
						"block %u, "
						"transaction %s",
						height, hx);
	}
	return TRC_OK;
}

static enum trc_err txs_decode(const json_t *txs, uint32_t height, int64_t ms,
			       struct crawl_block *cb, struct tx_side *sides,
			       uint8_t (*leaves)[32], bool *by_owner,
			       struct trc_error *err)
{
	enum trc_err rc;

	*by_owner = true;
	for (size_t i = 0; i < json_array_size(txs); i++) {
		struct rec_tx *tx;

		if ((rc = crawl_block_add_tx(cb, &tx, err)))
			return rc;
		tx->height = height;
		tx->position = (uint32_t)i;
		tx->time = ms / 1000;
		if ((rc = tx_decode(json_array_get(txs, i), tx, leaves[i],
				    &sides[i], err))) {
			char hx[65];

			hex_encode(hx, tx->txid, 32);
			return trc_error_prefix(err, rc,
						"block %u, "
						"transaction %zu (%s)",
						height, i, hx);
		}
		*by_owner = *by_owner && sides[i].by_owner;
	}
	return TRC_OK;
}

static enum trc_err block_decode(const json_t *block, const json_t *infos,
				 uint32_t height, struct crawl_block *cb,
				 struct tx_side *sides, uint8_t (*leaves)[32],
				 struct trc_error *err)
{
	const json_t *txs = json_object_get(block, "transactions");
	size_t n = json_array_size(txs);
	struct header_out h;
	uint8_t root[32];
	bool by_owner;
	enum trc_err rc;

	if ((rc = header_decode(block, height, &h, err)))
		return trc_error_prefix(err, rc, "block %u", height);
	cb->block.chain = CHAIN_TRON;
	cb->block.height = height;
	memcpy(cb->block.hash, h.id, 32);
	memcpy(cb->block.prev, h.parent, 32);
	cb->block.time = h.ms / 1000;
	cb->block.tx_count = (uint32_t)n;
	if ((rc = txs_decode(txs, height, h.ms, cb, sides, leaves, &by_owner,
			     err)))
		return rc;
	if ((rc = tron_merkle_root(root, (const uint8_t(*)[32])leaves, n, err)))
		return rc;
	if (memcmp(root, h.root, 32))
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %u: txTrieRoot is not the merkle root "
				"of its %zu transactions",
				height, n);
	if (infos && (rc = match_infos(cb, sides, infos, height, h.ms, err)))
		return rc;
	cb->block.verified =
		REC_VERIFIED_HEADER | REC_VERIFIED_TXIDS | REC_VERIFIED_ROOT;
	if (h.witness_signed && by_owner)
		cb->block.verified |= REC_VERIFIED_SIGS;
	return TRC_OK;
}

enum trc_err tron_block_decode(const json_t *block, const json_t *infos,
			       uint32_t height, struct crawl_block *cb,
			       struct trc_error *err)
{
	size_t n = json_array_size(json_object_get(block, "transactions"));
	struct tx_side *sides = NULL;
	uint8_t(*leaves)[32] = NULL;
	enum trc_err rc;

	if (!json_is_object(block))
		return trc_fail(err, TRC_ERR_PARSE,
				"block %u: the answer is not a block", height);
	if (n > MAX_TXS)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"block %u has more than "
				"%u transactions",
				height, MAX_TXS);
	sides = calloc(n + 1, sizeof(*sides));
	leaves = calloc(n + 1, sizeof(*leaves));
	if (!sides || !leaves)
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	else
		rc = block_decode(block, infos, height, cb, sides, leaves, err);
	free(sides);
	free(leaves);
	if (rc)
		crawl_block_release(cb);
	return rc;
}
