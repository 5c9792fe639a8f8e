#include "chains/eth/eth_tx.h"

#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/secp.h"
#include "chains/eth/eth_json.h"
#include "chains/eth/rlp.h"

#define TRY(x)                                                                 \
	do {                                                                   \
		if ((rc = (x)) != TRC_OK)                                      \
			goto cleanup;                                          \
	} while (0)

/* Field count of each type's signed RLP list. */
static const size_t n_fields[5] = { 9, 11, 12, 14, 13 };
#define N_FIELDS_DEPOSIT 8
#define N_FIELDS_ARB_INTERNAL 2

/* The fields of Arbitrum's L1-message types, in their hashed order
 * (Nitro's core/types/arb_types.go; eth_tx.h). */
enum arb_field {
	AF_END = 0,
	AF_CHAIN,
	AF_NONCE,
	AF_FROM,
	AF_REQ, /* requestId; 0x68: ticketId */
	AF_FEECAP,
	AF_GAS,
	AF_TO,	   /* empty for a creation; 0x69: retryTo */
	AF_TO_REQ, /* 0x64: an address, never empty */
	AF_VALUE,  /* 0x69: retryValue */
	AF_DATA,   /* 0x69: retryData */
	AF_REFUND_TO,
	AF_MAX_REFUND,
	AF_SUBFEE_REFUND,
	AF_L1_BASE_FEE,
	AF_DEPOSIT,
	AF_BENEFICIARY,
	AF_MAX_SUBFEE,
};

struct arb_layout {
	uint8_t type;
	const char *name;
	uint8_t f[14]; /* enum arb_field, AF_END after the last */
};

static const struct arb_layout arb_layouts[] = {
	{ ETH_TX_ARB_DEPOSIT,
	  "arbitrum-deposit",
	  { AF_CHAIN, AF_REQ, AF_FROM, AF_TO_REQ, AF_VALUE } },
	{ ETH_TX_ARB_UNSIGNED,
	  "arbitrum-unsigned",
	  { AF_CHAIN, AF_FROM, AF_NONCE, AF_FEECAP, AF_GAS, AF_TO, AF_VALUE,
	    AF_DATA } },
	{ ETH_TX_ARB_CONTRACT,
	  "arbitrum-contract",
	  { AF_CHAIN, AF_REQ, AF_FROM, AF_FEECAP, AF_GAS, AF_TO, AF_VALUE,
	    AF_DATA } },
	{ ETH_TX_ARB_RETRY,
	  "arbitrum-retry",
	  { AF_CHAIN, AF_NONCE, AF_FROM, AF_FEECAP, AF_GAS, AF_TO, AF_VALUE,
	    AF_DATA, AF_REQ, AF_REFUND_TO, AF_MAX_REFUND, AF_SUBFEE_REFUND } },
	{ ETH_TX_ARB_SUBMIT,
	  "arbitrum-submit-retryable",
	  { AF_CHAIN, AF_REQ, AF_FROM, AF_L1_BASE_FEE, AF_DEPOSIT, AF_FEECAP,
	    AF_GAS, AF_TO, AF_VALUE, AF_BENEFICIARY, AF_MAX_SUBFEE,
	    AF_REFUND_TO, AF_DATA } },
};

static const struct arb_layout *arb_layout(unsigned type)
{
	for (size_t i = 0; i < sizeof(arb_layouts) / sizeof(arb_layouts[0]);
	     i++)
		if (arb_layouts[i].type == type)
			return &arb_layouts[i];
	return NULL;
}

static size_t arb_n_fields(const struct arb_layout *l)
{
	size_t n = 0;

	while (n < sizeof(l->f) && l->f[n] != AF_END)
		n++;
	return n;
}

/* The JSON key of field f of type (go-ethereum's txJSON in Nitro). */
static const char *arb_key(uint8_t type, uint8_t f)
{
	static const char *const keys[] = {
		[AF_CHAIN] = "chainId",
		[AF_NONCE] = "nonce",
		[AF_FROM] = "from",
		[AF_REQ] = "requestId",
		[AF_FEECAP] = "maxFeePerGas",
		[AF_GAS] = "gas",
		[AF_TO] = "to",
		[AF_TO_REQ] = "to",
		[AF_VALUE] = "value",
		[AF_DATA] = "input",
		[AF_REFUND_TO] = "refundTo",
		[AF_MAX_REFUND] = "maxRefund",
		[AF_SUBFEE_REFUND] = "submissionFeeRefund",
		[AF_L1_BASE_FEE] = "l1BaseFee",
		[AF_DEPOSIT] = "depositValue",
		[AF_BENEFICIARY] = "beneficiary",
		[AF_MAX_SUBFEE] = "maxSubmissionFee",
	};

	if (type == ETH_TX_ARB_RETRY && f == AF_REQ)
		return "ticketId";
	if (type == ETH_TX_ARB_SUBMIT && f == AF_TO)
		return "retryTo";
	if (type == ETH_TX_ARB_SUBMIT && f == AF_VALUE)
		return "retryValue";
	if (type == ETH_TX_ARB_SUBMIT && f == AF_DATA)
		return "retryData";
	return keys[f];
}

/* Where field f lives in tx: an amount, a 20- or 32-byte array. */
static trc_amount *arb_amount(struct eth_tx *tx, uint8_t f)
{
	switch (f) {
	case AF_FEECAP:
		return &tx->gas_fee_cap;
	case AF_VALUE:
		return &tx->value;
	case AF_MAX_REFUND:
		return &tx->max_refund;
	case AF_SUBFEE_REFUND:
		return &tx->submission_fee_refund;
	case AF_L1_BASE_FEE:
		return &tx->l1_base_fee;
	case AF_DEPOSIT:
		return &tx->deposit_value;
	case AF_MAX_SUBFEE:
		return &tx->max_submission_fee;
	default:
		return NULL;
	}
}

static uint8_t *arb_bytes(struct eth_tx *tx, uint8_t f, size_t *n)
{
	*n = 20;
	switch (f) {
	case AF_FROM:
		return tx->sys_from;
	case AF_TO_REQ:
		return tx->to;
	case AF_REFUND_TO:
		return tx->refund_to;
	case AF_BENEFICIARY:
		return tx->beneficiary;
	case AF_REQ:
		*n = 32;
		return tx->request_id;
	default:
		return NULL;
	}
}

static size_t fields_of(uint8_t type)
{
	if (arb_layout(type))
		return arb_n_fields(arb_layout(type));
	if (type == ETH_TX_DEPOSIT)
		return N_FIELDS_DEPOSIT;
	if (type == ETH_TX_ARB_INTERNAL)
		return N_FIELDS_ARB_INTERNAL;
	return n_fields[type];
}

void eth_tx_init(struct eth_tx *tx)
{
	memset(tx, 0, sizeof(*tx));
}

void eth_tx_release(struct eth_tx *tx)
{
	free(tx->data);
	for (size_t i = 0; i < tx->n_access; i++)
		free(tx->access[i].keys);
	free(tx->access);
	free(tx->blob_hashes);
	free(tx->auth);
	eth_tx_init(tx);
}

bool eth_tx_frontier(const struct eth_tx *tx, uint64_t chain_id)
{
	return tx->type == 0 && !tx->eip155 && tx->has_block_number &&
	       tx->block_number < ETH_HOMESTEAD_MAINNET && chain_id <= 1;
}

const char *eth_tx_type_name(uint8_t type)
{
	static const char *const names[5] = { "legacy", "eip2930", "eip1559",
					      "eip4844", "eip7702" };

	if (type == ETH_TX_DEPOSIT)
		return "deposit";
	if (type == ETH_TX_ARB_INTERNAL)
		return "arbitrum-internal";
	if (arb_layout(type))
		return arb_layout(type)->name;
	return type < 5 ? names[type] : "unknown";
}

bool eth_tx_is_system(const struct eth_tx *tx)
{
	return tx->type == ETH_TX_DEPOSIT || tx->type == ETH_TX_ARB_INTERNAL ||
	       arb_layout(tx->type);
}

/* ArbOS's address, 0x00000000000000000000000000000000000a4b05: the sender
 * and recipient of every internal transaction. */
static const uint8_t arbos_addr[20] = { [17] = 0x0a, [18] = 0x4b, [19] = 0x05 };

static bool known_type(unsigned type)
{
	return type <= 4 || type == ETH_TX_DEPOSIT ||
	       type == ETH_TX_ARB_INTERNAL || arb_layout(type);
}

static enum trc_err unknown_type(unsigned type, struct trc_error *err)
{
	if (type == 0x78)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"Arbitrum Classic legacy transaction type 0x78 "
				"is not decoded (its hash is an override, not "
				"defined by RLP)");
	return trc_fail(err, TRC_ERR_UNSUPPORTED,
			"unknown transaction type 0x%02x", type);
}

static void *alloc_array(size_t n, size_t size)
{
	return n ? calloc(n, size) : NULL;
}

/* Legacy: chain id and EIP-155 flag from v. */
static enum trc_err legacy_chain(struct eth_tx *tx, struct trc_error *err)
{
	uint64_t v;
	char buf[AMOUNT_STR_MAX];

	tx->eip155 = false;
	tx->chain_id = 0;
	if (amount_to_u64(&v, tx->v) == TRC_OK) {
		if (v == 27 || v == 28)
			return TRC_OK;
		if (v >= 35) {
			tx->eip155 = true;
			tx->chain_id = (v - 35) / 2;
			return TRC_OK;
		}
	}
	return trc_fail(err, TRC_ERR_PARSE,
			"field 'v' = %s is neither 27/28 nor chainId*2+35/36",
			amount_format(buf, sizeof(buf), tx->v, 0, false));
}

/* ---- raw decoding ---- */

static enum trc_err get_word(const struct rlp_item *it, uint8_t out[32],
			     const char *field, struct trc_error *err)
{
	trc_amount a;
	enum trc_err rc = rlp_get_amount(it, &a, field, err);

	amount_to_be32(out, a);
	return rc;
}

static enum trc_err get_to(struct eth_tx *tx, const struct rlp_item *it,
			   struct trc_error *err)
{
	tx->has_to = !(it->len == 0 && !it->list);
	if (!tx->has_to) {
		/* blob and set-code transactions; system ones may create */
		if (tx->type == 3 || tx->type == 4)
			return trc_fail(err, TRC_ERR_PARSE,
					"field 'to' at offset %zu: a type %u "
					"transaction cannot create a contract",
					it->off, tx->type);
		return TRC_OK;
	}
	return rlp_get_fixed(it, tx->to, 20, "to", err);
}

static enum trc_err get_data(struct eth_tx *tx, const struct rlp_item *it,
			     struct trc_error *err)
{
	const uint8_t *p;
	size_t n;
	enum trc_err rc = rlp_get_bytes(it, &p, &n, "data", err);

	if (rc || n == 0)
		return rc;
	tx->data = malloc(n);
	if (!tx->data)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	memcpy(tx->data, p, n);
	tx->data_len = n;
	return TRC_OK;
}

static enum trc_err get_keys(struct eth_access *a, const struct rlp_item *l,
			     size_t *budget, struct trc_error *err)
{
	struct rlp_iter it;
	struct rlp_item k;
	bool done;
	enum trc_err rc;
	size_t cap = l->len / 33; /* each key takes 33 bytes */

	if (!l->list)
		return trc_fail(err, TRC_ERR_PARSE,
				"access list storage keys at offset %zu: "
				"expected a list",
				l->off);
	if (cap > *budget)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"access list at offset %zu: more than %u "
				"entries",
				l->off, ETH_TX_MAX_ACCESS);
	a->keys = alloc_array(cap, 32);
	if (cap && !a->keys)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rlp_iter_init(&it, l);
	for (;;) {
		rc = rlp_iter_next(&it, &k, &done, err);
		if (rc || done)
			return rc;
		if (a->n_keys == cap)
			return trc_fail(err, TRC_ERR_PARSE,
					"storage key at offset %zu: not 32 "
					"bytes",
					k.off);
		rc = rlp_get_fixed(&k, a->keys[a->n_keys], 32, "storage key",
				   err);
		if (rc)
			return rc;
		a->n_keys++;
		(*budget)--;
	}
}

static enum trc_err get_access(struct eth_tx *tx, const struct rlp_item *l,
			       struct trc_error *err)
{
	struct rlp_iter it;
	struct rlp_item e, pair[2];
	size_t n, budget = ETH_TX_MAX_ACCESS;
	size_t cap = l->len / 22; /* an entry takes at least 22 bytes */
	bool done;
	enum trc_err rc;

	if (!l->list)
		return trc_fail(err, TRC_ERR_PARSE,
				"access list at offset %zu: expected a list",
				l->off);
	if (cap > budget)
		cap = budget;
	tx->access = alloc_array(cap, sizeof(*tx->access));
	if (cap && !tx->access)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rlp_iter_init(&it, l);
	for (;;) {
		rc = rlp_iter_next(&it, &e, &done, err);
		if (rc || done)
			return rc;
		if (tx->n_access == cap || budget == 0)
			return trc_fail(err, TRC_ERR_PARSE,
					"access list entry at offset %zu is "
					"malformed or past the cap",
					e.off);
		rc = rlp_list(&e, pair, 2, &n, err);
		if (!rc && n != 2)
			rc = trc_fail(err, TRC_ERR_PARSE,
				      "access list entry at offset %zu: "
				      "expected [address, keys]",
				      e.off);
		if (rc)
			return rc;
		struct eth_access *a = &tx->access[tx->n_access++];

		budget--;
		rc = rlp_get_fixed(&pair[0], a->addr, 20, "access list address",
				   err);
		if (!rc)
			rc = get_keys(a, &pair[1], &budget, err);
		if (rc)
			return rc;
	}
}

static enum trc_err get_blobs(struct eth_tx *tx, const struct rlp_item *l,
			      struct trc_error *err)
{
	struct rlp_item *items = NULL;
	size_t n = 0;
	enum trc_err rc;

	if (!l->list)
		return trc_fail(err, TRC_ERR_PARSE,
				"blob versioned hashes at offset %zu: "
				"expected a list",
				l->off);
	items = calloc(ETH_TX_MAX_BLOBS, sizeof(*items));
	if (!items)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	TRY(rlp_list(l, items, ETH_TX_MAX_BLOBS, &n, err));
	if (n == 0) {
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "blob versioned hashes at offset %zu: a type 3 "
			      "transaction needs at least one",
			      l->off);
		goto cleanup;
	}
	tx->blob_hashes = alloc_array(n, 32);
	if (!tx->blob_hashes) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		TRY(rlp_get_fixed(&items[i], tx->blob_hashes[i], 32,
				  "blob versioned hash", err));
		tx->n_blob_hashes++;
	}
cleanup:
	free(items);
	return rc;
}

static enum trc_err get_one_auth(struct eth_auth *a, const struct rlp_item *e,
				 struct trc_error *err)
{
	struct rlp_item f[6];
	size_t n;
	enum trc_err rc = rlp_list(e, f, 6, &n, err);

	if (!rc && n != 6)
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "authorization at offset %zu: %zu fields, "
			      "expected 6",
			      e->off, n);
	if (!rc)
		rc = rlp_get_amount(&f[0], &a->chain_id,
				    "authorization chainId", err);
	if (!rc)
		rc = rlp_get_fixed(&f[1], a->addr, 20, "authorization address",
				   err);
	if (!rc)
		rc = rlp_get_u64(&f[2], &a->nonce, "authorization nonce", err);
	if (!rc)
		rc = rlp_get_u64(&f[3], &a->y_parity, "authorization yParity",
				 err);
	if (!rc)
		rc = get_word(&f[4], a->r, "authorization r", err);
	if (!rc)
		rc = get_word(&f[5], a->s, "authorization s", err);
	return rc;
}

static enum trc_err get_auths(struct eth_tx *tx, const struct rlp_item *l,
			      struct trc_error *err)
{
	struct rlp_iter it;
	struct rlp_item e;
	size_t cap = l->len / 27; /* a tuple takes at least 27 bytes */
	bool done;
	enum trc_err rc;

	if (!l->list)
		return trc_fail(err, TRC_ERR_PARSE,
				"authorization list at offset %zu: expected "
				"a list",
				l->off);
	if (l->len == 0)
		return trc_fail(err, TRC_ERR_PARSE,
				"authorization list at offset %zu is empty",
				l->off);
	if (cap > ETH_TX_MAX_AUTH)
		cap = ETH_TX_MAX_AUTH;
	tx->auth = alloc_array(cap, sizeof(*tx->auth));
	if (cap && !tx->auth)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rlp_iter_init(&it, l);
	for (;;) {
		rc = rlp_iter_next(&it, &e, &done, err);
		if (rc || done)
			return rc;
		if (tx->n_auth == cap)
			return trc_fail(err, TRC_ERR_PARSE,
					"authorization at offset %zu is "
					"malformed or past the cap",
					e.off);
		rc = get_one_auth(&tx->auth[tx->n_auth++], &e, err);
		if (rc)
			return rc;
	}
}

/* [sourceHash, from, to, mint, value, gas, isSystemTx, data] */
static enum trc_err decode_deposit(struct eth_tx *tx, const struct rlp_item *f,
				   struct trc_error *err)
{
	enum trc_err rc;
	uint64_t sys;

	TRY(rlp_get_fixed(&f[0], tx->source_hash, 32, "sourceHash", err));
	TRY(rlp_get_fixed(&f[1], tx->sys_from, 20, "from", err));
	TRY(get_to(tx, &f[2], err));
	TRY(rlp_get_amount(&f[3], &tx->mint, "mint", err));
	TRY(rlp_get_amount(&f[4], &tx->value, "value", err));
	TRY(rlp_get_u64(&f[5], &tx->gas, "gas", err));
	TRY(rlp_get_u64(&f[6], &sys, "isSystemTx", err));
	if (sys > 1) {
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "field 'isSystemTx' at offset %zu is not a "
			      "boolean",
			      f[6].off);
		goto cleanup;
	}
	tx->is_system_tx = sys == 1;
	TRY(get_data(tx, &f[7], err));
cleanup:
	return rc;
}

/* [chainId, data]: from and to are ArbOS */
static enum trc_err decode_arb_internal(struct eth_tx *tx,
					const struct rlp_item *f,
					struct trc_error *err)
{
	enum trc_err rc;

	TRY(rlp_get_u64(&f[0], &tx->chain_id, "chainId", err));
	TRY(get_data(tx, &f[1], err));
	memcpy(tx->sys_from, arbos_addr, 20);
	memcpy(tx->to, arbos_addr, 20);
	tx->has_to = true;
cleanup:
	return rc;
}

/* An Arbitrum L1-message type's fields, by its layout. */
static enum trc_err decode_arb(struct eth_tx *tx, const struct arb_layout *l,
			       const struct rlp_item *f, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; !rc && i < arb_n_fields(l); i++) {
		uint8_t k = l->f[i];
		const char *key = arb_key(l->type, k);
		trc_amount *a = arb_amount(tx, k);
		size_t n;
		uint8_t *b = arb_bytes(tx, k, &n);

		if (a)
			rc = rlp_get_amount(&f[i], a, key, err);
		else if (b)
			rc = rlp_get_fixed(&f[i], b, n, key, err);
		else if (k == AF_CHAIN)
			rc = rlp_get_u64(&f[i], &tx->chain_id, key, err);
		else if (k == AF_NONCE)
			rc = rlp_get_u64(&f[i], &tx->nonce, key, err);
		else if (k == AF_GAS)
			rc = rlp_get_u64(&f[i], &tx->gas, key, err);
		else if (k == AF_TO)
			rc = get_to(tx, &f[i], err);
		else if (k == AF_DATA)
			rc = get_data(tx, &f[i], err);
		if (k == AF_TO_REQ)
			tx->has_to = true;
	}
	return rc;
}

/* Typed fields after the common [chainId, nonce, fees..., gas]. */
static enum trc_err decode_fields(struct eth_tx *tx, const struct rlp_item *f,
				  struct trc_error *err)
{
	enum trc_err rc = TRC_OK;
	size_t i = 0;

	if (arb_layout(tx->type))
		return decode_arb(tx, arb_layout(tx->type), f, err);
	if (tx->type == ETH_TX_DEPOSIT)
		return decode_deposit(tx, f, err);
	if (tx->type == ETH_TX_ARB_INTERNAL)
		return decode_arb_internal(tx, f, err);
	if (tx->type == 0) {
		TRY(rlp_get_u64(&f[i++], &tx->nonce, "nonce", err));
		TRY(rlp_get_amount(&f[i++], &tx->gas_price, "gasPrice", err));
	} else {
		TRY(rlp_get_u64(&f[i++], &tx->chain_id, "chainId", err));
		TRY(rlp_get_u64(&f[i++], &tx->nonce, "nonce", err));
		if (tx->type == 1) {
			TRY(rlp_get_amount(&f[i++], &tx->gas_price, "gasPrice",
					   err));
		} else {
			TRY(rlp_get_amount(&f[i++], &tx->max_priority_fee,
					   "maxPriorityFeePerGas", err));
			TRY(rlp_get_amount(&f[i++], &tx->max_fee,
					   "maxFeePerGas", err));
		}
	}
	TRY(rlp_get_u64(&f[i++], &tx->gas, "gas", err));
	TRY(get_to(tx, &f[i++], err));
	TRY(rlp_get_amount(&f[i++], &tx->value, "value", err));
	TRY(get_data(tx, &f[i++], err));
	if (tx->type >= 1)
		TRY(get_access(tx, &f[i++], err));
	if (tx->type == 3) {
		TRY(rlp_get_amount(&f[i++], &tx->max_fee_per_blob_gas,
				   "maxFeePerBlobGas", err));
		TRY(get_blobs(tx, &f[i++], err));
	}
	if (tx->type == 4)
		TRY(get_auths(tx, &f[i++], err));
	TRY(rlp_get_amount(&f[i++], &tx->v, tx->type ? "yParity" : "v", err));
	TRY(get_word(&f[i++], tx->r, "r", err));
	TRY(get_word(&f[i++], tx->s, "s", err));
	if (tx->type == 0)
		rc = legacy_chain(tx, err);
cleanup:
	return rc;
}

enum trc_err eth_tx_decode(struct eth_tx *tx, const uint8_t *p, size_t len,
			   struct trc_error *err)
{
	struct rlp_item top, f[14];
	size_t n, skip = 0;
	enum trc_err rc;

	eth_tx_init(tx);
	if (len == 0)
		return trc_fail(err, TRC_ERR_PARSE, "empty transaction");
	if (len > ETH_TX_MAX_BYTES)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"transaction of %zu bytes is larger than %u",
				len, ETH_TX_MAX_BYTES);
	if (p[0] < 0x80) {
		/* EIP-2718: 0x00 is not an envelope; a legacy transaction is
		 * a bare RLP list, so a leading 0x00 is malformed */
		if (p[0] == 0)
			return trc_fail(err, TRC_ERR_PARSE,
					"byte 0x00 at offset 0: a legacy "
					"transaction has no type byte");
		if (!known_type(p[0]))
			return trc_error_prefix(err, unknown_type(p[0], err),
						"offset 0");
		tx->type = p[0];
		skip = 1;
	} else if (p[0] < 0xc0) {
		return trc_fail(err, TRC_ERR_PARSE,
				"byte 0x%02x at offset 0 is neither a "
				"transaction type nor an RLP list",
				p[0]);
	}
	rc = rlp_decode(&top, p + skip, len - skip, skip, err);
	if (!rc)
		rc = rlp_list(&top, f, 14, &n, err);
	if (!rc && n != fields_of(tx->type))
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "%s transaction has %zu fields, expected %zu",
			      eth_tx_type_name(tx->type), n,
			      fields_of(tx->type));
	if (!rc)
		rc = decode_fields(tx, f, err);
	if (rc)
		eth_tx_release(tx);
	return rc;
}

/* ---- encoding ---- */

static enum trc_err put_word(struct buf *b, const uint8_t w[32])
{
	size_t skip = 0;

	while (skip < 32 && w[skip] == 0)
		skip++;
	return rlp_put_bytes(b, w + skip, 32 - skip);
}

static enum trc_err put_access(const struct eth_tx *tx, struct buf *out)
{
	struct buf list = BUF_INIT(ETH_TX_MAX_BYTES);
	struct buf ent = BUF_INIT(ETH_TX_MAX_BYTES);
	struct buf keys = BUF_INIT(ETH_TX_MAX_BYTES);
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; i < tx->n_access; i++) {
		const struct eth_access *a = &tx->access[i];

		buf_reset(&ent);
		buf_reset(&keys);
		for (size_t k = 0; k < a->n_keys; k++)
			TRY(rlp_put_bytes(&keys, a->keys[k], 32));
		TRY(rlp_put_bytes(&ent, a->addr, 20));
		TRY(rlp_put_list(&ent, keys.data, keys.len));
		TRY(rlp_put_list(&list, ent.data, ent.len));
	}
	rc = rlp_put_list(out, list.data, list.len);
cleanup:
	buf_release(&list);
	buf_release(&ent);
	buf_release(&keys);
	return rc;
}

static enum trc_err put_blobs(const struct eth_tx *tx, struct buf *out)
{
	enum trc_err rc = rlp_put_header(out, true, 33 * tx->n_blob_hashes);

	for (size_t i = 0; !rc && i < tx->n_blob_hashes; i++)
		rc = rlp_put_bytes(out, tx->blob_hashes[i], 32);
	return rc;
}

/* The unsigned part of an authorization: [chainId, address, nonce]. */
static enum trc_err put_auth_body(const struct eth_auth *a, struct buf *out)
{
	enum trc_err rc = rlp_put_amount(out, a->chain_id);

	if (!rc)
		rc = rlp_put_bytes(out, a->addr, 20);
	if (!rc)
		rc = rlp_put_u64(out, a->nonce);
	return rc;
}

static enum trc_err put_auths(const struct eth_tx *tx, struct buf *out)
{
	struct buf list = BUF_INIT(ETH_TX_MAX_BYTES);
	struct buf ent = BUF_INIT(256);
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; i < tx->n_auth; i++) {
		const struct eth_auth *a = &tx->auth[i];

		buf_reset(&ent);
		TRY(put_auth_body(a, &ent));
		TRY(rlp_put_u64(&ent, a->y_parity));
		TRY(put_word(&ent, a->r));
		TRY(put_word(&ent, a->s));
		TRY(rlp_put_list(&list, ent.data, ent.len));
	}
	rc = rlp_put_list(out, list.data, list.len);
cleanup:
	buf_release(&list);
	buf_release(&ent);
	return rc;
}

enum enc_mode { ENC_SIGNED, ENC_UNSIGNED };

static enum trc_err put_arb(const struct eth_tx *tx, const struct arb_layout *l,
			    struct buf *b)
{
	struct eth_tx *t = (struct eth_tx *)tx; /* read only: field lookup */
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; !rc && i < arb_n_fields(l); i++) {
		uint8_t k = l->f[i];
		trc_amount *a = arb_amount(t, k);
		size_t n;
		uint8_t *p = arb_bytes(t, k, &n);

		if (a)
			rc = rlp_put_amount(b, *a);
		else if (p)
			rc = rlp_put_bytes(b, p, n);
		else if (k == AF_CHAIN)
			rc = rlp_put_u64(b, tx->chain_id);
		else if (k == AF_NONCE)
			rc = rlp_put_u64(b, tx->nonce);
		else if (k == AF_GAS)
			rc = rlp_put_u64(b, tx->gas);
		else if (k == AF_TO)
			rc = rlp_put_bytes(b, tx->to, tx->has_to ? 20 : 0);
		else if (k == AF_DATA)
			rc = rlp_put_bytes(b, tx->data, tx->data_len);
	}
	return rc;
}

/* A system transaction's fields (it has no signature to leave out). */
static enum trc_err put_system(const struct eth_tx *tx, struct buf *b)
{
	enum trc_err rc = TRC_OK;

	if (arb_layout(tx->type))
		return put_arb(tx, arb_layout(tx->type), b);
	if (tx->type == ETH_TX_ARB_INTERNAL) {
		TRY(rlp_put_u64(b, tx->chain_id));
		TRY(rlp_put_bytes(b, tx->data, tx->data_len));
		goto cleanup;
	}
	TRY(rlp_put_bytes(b, tx->source_hash, 32));
	TRY(rlp_put_bytes(b, tx->sys_from, 20));
	TRY(rlp_put_bytes(b, tx->to, tx->has_to ? 20 : 0));
	TRY(rlp_put_amount(b, tx->mint));
	TRY(rlp_put_amount(b, tx->value));
	TRY(rlp_put_u64(b, tx->gas));
	TRY(rlp_put_u64(b, tx->is_system_tx ? 1 : 0));
	TRY(rlp_put_bytes(b, tx->data, tx->data_len));
cleanup:
	return rc;
}

/* The RLP list payload (the items, without the list header). */
static enum trc_err put_payload(const struct eth_tx *tx, enum enc_mode mode,
				struct buf *b)
{
	enum trc_err rc = TRC_OK;

	if (eth_tx_is_system(tx))
		return put_system(tx, b);
	if (tx->type)
		TRY(rlp_put_u64(b, tx->chain_id));
	TRY(rlp_put_u64(b, tx->nonce));
	if (tx->type <= 1) {
		TRY(rlp_put_amount(b, tx->gas_price));
	} else {
		TRY(rlp_put_amount(b, tx->max_priority_fee));
		TRY(rlp_put_amount(b, tx->max_fee));
	}
	TRY(rlp_put_u64(b, tx->gas));
	TRY(rlp_put_bytes(b, tx->to, tx->has_to ? 20 : 0));
	TRY(rlp_put_amount(b, tx->value));
	TRY(rlp_put_bytes(b, tx->data, tx->data_len));
	if (tx->type >= 1)
		TRY(put_access(tx, b));
	if (tx->type == 3) {
		TRY(rlp_put_amount(b, tx->max_fee_per_blob_gas));
		TRY(put_blobs(tx, b));
	}
	if (tx->type == 4)
		TRY(put_auths(tx, b));
	if (mode == ENC_SIGNED) {
		TRY(rlp_put_amount(b, tx->v));
		TRY(put_word(b, tx->r));
		TRY(put_word(b, tx->s));
	} else if (tx->type == 0 && tx->eip155) {
		TRY(rlp_put_u64(b, tx->chain_id));
		TRY(rlp_put_u64(b, 0));
		TRY(rlp_put_u64(b, 0));
	}
cleanup:
	return rc;
}

static enum trc_err encode(const struct eth_tx *tx, enum enc_mode mode,
			   struct buf *out, struct trc_error *err)
{
	struct buf payload = BUF_INIT(ETH_TX_MAX_BYTES);
	enum trc_err rc;

	if (!known_type(tx->type))
		return unknown_type(tx->type, err);
	rc = put_payload(tx, mode, &payload);
	if (!rc && tx->type)
		rc = buf_append_u8(out, tx->type);
	if (!rc)
		rc = rlp_put_list(out, payload.data, payload.len);
	buf_release(&payload);
	if (rc)
		return trc_fail(err, rc, "cannot encode the transaction: %s",
				trc_strerror(rc));
	return TRC_OK;
}

enum trc_err eth_tx_encode(const struct eth_tx *tx, struct buf *out,
			   struct trc_error *err)
{
	return encode(tx, ENC_SIGNED, out, err);
}

/* ---- signatures ---- */

static enum trc_err recover(uint8_t addr[20], const uint8_t msg[32],
			    const uint8_t r[32], const uint8_t s[32], int recid,
			    bool high_s_ok, struct trc_error *err)
{
	uint8_t sig[64], pub[65];
	enum trc_err rc;

	memset(addr, 0, 20);
	if (!high_s_ok && !secp_s_is_low(s))
		return trc_fail(err, TRC_ERR_VERIFY,
				"signature s is in the upper half of the "
				"curve order (EIP-2; allowed only in blocks "
				"before Homestead, 1,150,000)");
	memcpy(sig, r, 32);
	memcpy(sig + 32, s, 32);
	rc = secp_recover(pub, msg, sig, recid, err);
	if (rc)
		return rc;
	secp_keccak_account(addr, pub);
	return TRC_OK;
}

static int tx_recid(const struct eth_tx *tx, struct trc_error *err)
{
	uint64_t v;

	if (amount_to_u64(&v, tx->v))
		return -1;
	if (tx->type)
		return v <= 1 ? (int)v : -1;
	if (!tx->eip155)
		return v == 27 || v == 28 ? (int)(v - 27) : -1;
	(void)err;
	if (v < 35 || (v - 35) / 2 != tx->chain_id)
		return -1;
	return (int)((v - 35) % 2);
}

static void verify_auth(struct eth_auth *a)
{
	struct buf body = BUF_INIT(256), msg = BUF_INIT(256);
	uint8_t h[32];

	a->authority_ok = false;
	memset(a->authority, 0, 20);
	if (a->y_parity > 1 || put_auth_body(a, &body) ||
	    buf_append_u8(&msg, 0x05) ||
	    rlp_put_list(&msg, body.data, body.len))
		goto cleanup;
	hash_keccak256(h, msg.data, msg.len);
	a->authority_ok = recover(a->authority, h, a->r, a->s, (int)a->y_parity,
				  false, NULL) == TRC_OK;
cleanup:
	buf_release(&body);
	buf_release(&msg);
}

enum trc_err eth_tx_verify(struct eth_tx *tx, bool high_s_ok,
			   struct trc_error *err)
{
	struct buf enc = BUF_INIT(ETH_TX_MAX_BYTES + 1024);
	enum trc_err rc;
	int recid;

	memset(tx->from, 0, 20);
	tx->hash_ok = tx->from_ok = false;
	TRY(encode(tx, ENC_SIGNED, &enc, err));
	hash_keccak256(tx->hash, enc.data, enc.len);
	tx->hash_ok = !tx->has_claimed_hash ||
		      !memcmp(tx->hash, tx->claimed_hash, 32);
	if (eth_tx_is_system(tx)) {
		/* no signature: the hash binds the sender field */
		memset(tx->sighash, 0, 32);
		memcpy(tx->from, tx->sys_from, 20);
		tx->from_ok = !tx->has_claimed_from ||
			      !memcmp(tx->from, tx->claimed_from, 20);
		goto cleanup;
	}
	buf_reset(&enc);
	TRY(encode(tx, ENC_UNSIGNED, &enc, err));
	hash_keccak256(tx->sighash, enc.data, enc.len);
	for (size_t i = 0; i < tx->n_auth; i++)
		verify_auth(&tx->auth[i]);
	recid = tx_recid(tx, err);
	if (recid < 0) {
		rc = trc_fail(err, TRC_ERR_VERIFY,
			      "invalid signature v / yParity");
		goto cleanup;
	}
	TRY(recover(tx->from, tx->sighash, tx->r, tx->s, recid,
		    high_s_ok && tx->type == 0, err));
	tx->from_ok = !tx->has_claimed_from ||
		      !memcmp(tx->from, tx->claimed_from, 20);
cleanup:
	buf_release(&enc);
	return rc;
}

/* ---- JSON ---- */

static enum trc_err json_access(struct eth_tx *tx, const json_t *obj,
				struct trc_error *err)
{
	json_t *list = json_object_get(obj, "accessList");
	size_t i, budget = ETH_TX_MAX_ACCESS;
	json_t *e;

	if (!list || json_is_null(list))
		return TRC_OK; /* some nodes leave an empty list out */
	if (!json_is_array(list))
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'accessList' is not an array");
	if (json_array_size(list) > budget)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"field 'accessList' has more than %u entries",
				ETH_TX_MAX_ACCESS);
	tx->access = alloc_array(json_array_size(list), sizeof(*tx->access));
	if (json_array_size(list) && !tx->access)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	json_array_foreach(list, i, e)
	{
		struct eth_access *a = &tx->access[tx->n_access++];
		json_t *keys = json_object_get(e, "storageKeys");
		enum trc_err rc =
			ejson_addr(e, "address", true, a->addr, NULL, err);
		size_t k;
		json_t *kv;

		if (rc)
			return trc_error_prefix(err, rc, "accessList[%zu]", i);
		if (!json_is_array(keys))
			return trc_fail(err, TRC_ERR_PARSE,
					"accessList[%zu]: field 'storageKeys' "
					"is not an array",
					i);
		if (json_array_size(keys) > budget)
			return trc_fail(err, TRC_ERR_TOOBIG,
					"field 'accessList' has more than %u "
					"entries",
					ETH_TX_MAX_ACCESS);
		budget -= json_array_size(keys);
		a->keys = alloc_array(json_array_size(keys), 32);
		if (json_array_size(keys) && !a->keys)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		json_array_foreach(keys, k, kv)
		{
			rc = ejson_fixed_value(kv, "storage key",
					       a->keys[a->n_keys++], 32, err);
			if (rc)
				return trc_error_prefix(err, rc,
							"accessList[%zu]", i);
		}
	}
	return TRC_OK;
}

static enum trc_err json_blobs(struct eth_tx *tx, const json_t *obj,
			       struct trc_error *err)
{
	json_t *list = json_object_get(obj, "blobVersionedHashes"), *e;
	size_t i, n;

	if (!json_is_array(list))
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'blobVersionedHashes' is missing or "
				"not an array");
	n = json_array_size(list);
	if (n == 0 || n > ETH_TX_MAX_BLOBS)
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'blobVersionedHashes' has %zu entries "
				"(1 to %u allowed)",
				n, ETH_TX_MAX_BLOBS);
	tx->blob_hashes = alloc_array(n, 32);
	if (!tx->blob_hashes)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	json_array_foreach(list, i, e)
	{
		enum trc_err rc = ejson_fixed_value(
			e, "blobVersionedHashes", tx->blob_hashes[i], 32, err);
		if (rc)
			return trc_error_prefix(err, rc, "entry %zu", i);
		tx->n_blob_hashes++;
	}
	return TRC_OK;
}

/* yParity, or v where a node sends only that (both must agree). */
static enum trc_err json_y_parity(const json_t *obj, uint64_t *y,
				  struct trc_error *err)
{
	uint64_t v = 0;
	bool has_y, has_v;
	enum trc_err rc = ejson_u64(obj, "yParity", false, y, &has_y, err);

	if (!rc)
		rc = ejson_u64(obj, "v", false, &v, &has_v, err);
	if (rc)
		return rc;
	if (!has_y && !has_v)
		return trc_fail(err, TRC_ERR_PARSE,
				"missing field 'yParity' (and 'v')");
	if (has_y && has_v && v != *y)
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'v' disagrees with 'yParity'");
	if (!has_y)
		*y = v;
	return TRC_OK;
}

static enum trc_err json_auths(struct eth_tx *tx, const json_t *obj,
			       struct trc_error *err)
{
	json_t *list = json_object_get(obj, "authorizationList"), *e;
	size_t i, n;
	enum trc_err rc = TRC_OK;

	if (!json_is_array(list))
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'authorizationList' is missing or not "
				"an array");
	n = json_array_size(list);
	if (n == 0 || n > ETH_TX_MAX_AUTH)
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'authorizationList' has %zu entries "
				"(1 to %u allowed)",
				n, ETH_TX_MAX_AUTH);
	tx->auth = alloc_array(n, sizeof(*tx->auth));
	if (!tx->auth)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	json_array_foreach(list, i, e)
	{
		struct eth_auth *a = &tx->auth[tx->n_auth++];

		TRY(ejson_amount(e, "chainId", true, &a->chain_id, NULL, err));
		TRY(ejson_addr(e, "address", true, a->addr, NULL, err));
		TRY(ejson_u64(e, "nonce", true, &a->nonce, NULL, err));
		TRY(json_y_parity(e, &a->y_parity, err));
		TRY(ejson_word(e, "r", true, a->r, NULL, err));
		TRY(ejson_word(e, "s", true, a->s, NULL, err));
	}
cleanup:
	if (rc)
		trc_error_prefix(err, rc, "authorizationList[%zu]", i);
	return rc;
}

/* Legacy chain id: from v; a chainId field, when sent, must agree. */
static enum trc_err json_legacy_sig(struct eth_tx *tx, const json_t *obj,
				    struct trc_error *err)
{
	uint64_t cid;
	bool has_cid;
	enum trc_err rc = ejson_amount(obj, "v", true, &tx->v, NULL, err);

	if (!rc)
		rc = legacy_chain(tx, err);
	if (!rc)
		rc = ejson_u64(obj, "chainId", false, &cid, &has_cid, err);
	if (rc)
		return rc;
	/* pre-EIP-155 signatures: some nodes still send the chain's id */
	if (has_cid && tx->eip155 && cid != tx->chain_id)
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'chainId' (%llu) disagrees with the "
				"chain id in v (%llu)",
				(unsigned long long)cid,
				(unsigned long long)tx->chain_id);
	return TRC_OK;
}

static enum trc_err json_fees(struct eth_tx *tx, const json_t *obj,
			      struct trc_error *err)
{
	enum trc_err rc;

	if (tx->type <= 1)
		return ejson_amount(obj, "gasPrice", true, &tx->gas_price, NULL,
				    err);
	rc = ejson_amount(obj, "maxPriorityFeePerGas", true,
			  &tx->max_priority_fee, NULL, err);
	if (!rc)
		rc = ejson_amount(obj, "maxFeePerGas", true, &tx->max_fee, NULL,
				  err);
	return rc;
}

static enum trc_err json_tx_type(struct eth_tx *tx, const json_t *obj,
				 struct trc_error *err)
{
	uint64_t type;
	bool has;
	enum trc_err rc = ejson_u64(obj, "type", false, &type, &has, err);

	if (rc)
		return rc;
	if (has && (type > 0xff || !known_type((unsigned)type)))
		return unknown_type((unsigned)(type > 0xff ? 0xff : type), err);
	tx->type = (uint8_t)(has ? type : 0);
	return TRC_OK;
}

/* The claims every transaction object may carry. */
static enum trc_err json_claims(struct eth_tx *tx, const json_t *obj,
				struct trc_error *err)
{
	enum trc_err rc;

	TRY(ejson_fixed(obj, "hash", false, tx->claimed_hash, 32,
			&tx->has_claimed_hash, err));
	TRY(ejson_u64(obj, "blockNumber", false, &tx->block_number,
		      &tx->has_block_number, err));
	TRY(ejson_addr(obj, "from", false, tx->claimed_from,
		       &tx->has_claimed_from, err));
cleanup:
	return rc;
}

/* A deposit's fields; `nonce` (the deposit nonce) and gasPrice are the
 * node's additions, not hashed. mint and isSystemTx may be left out when
 * zero / false. */
static enum trc_err json_deposit(struct eth_tx *tx, const json_t *obj,
				 const char *input, struct trc_error *err)
{
	enum trc_err rc;
	json_t *sys = json_object_get(obj, "isSystemTx");
	bool has;

	TRY(ejson_fixed(obj, "sourceHash", true, tx->source_hash, 32, NULL,
			err));
	TRY(ejson_addr(obj, "from", true, tx->sys_from, NULL, err));
	TRY(ejson_addr(obj, "to", false, tx->to, &tx->has_to, err));
	TRY(ejson_amount(obj, "mint", false, &tx->mint, &has, err));
	TRY(ejson_amount(obj, "value", true, &tx->value, NULL, err));
	TRY(ejson_u64(obj, "gas", true, &tx->gas, NULL, err));
	if (sys && !json_is_null(sys) && !json_is_boolean(sys)) {
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "field 'isSystemTx' is not a boolean");
		goto cleanup;
	}
	tx->is_system_tx = json_is_true(sys);
	TRY(ejson_data(obj, input, true, &tx->data, &tx->data_len, NULL, err));
cleanup:
	return rc;
}

static enum trc_err json_arb_internal(struct eth_tx *tx, const json_t *obj,
				      const char *input, struct trc_error *err)
{
	enum trc_err rc;

	TRY(ejson_u64(obj, "chainId", true, &tx->chain_id, NULL, err));
	TRY(ejson_data(obj, input, true, &tx->data, &tx->data_len, NULL, err));
	memcpy(tx->sys_from, arbos_addr, 20);
	memcpy(tx->to, arbos_addr, 20);
	tx->has_to = true;
cleanup:
	return rc;
}

/* An Arbitrum L1-message type's fields, every one required (to and
 * retryTo may be null or absent: a creation). */
static enum trc_err json_arb(struct eth_tx *tx, const struct arb_layout *l,
			     const json_t *obj, const char *input,
			     struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; !rc && i < arb_n_fields(l); i++) {
		uint8_t k = l->f[i];
		const char *key = arb_key(l->type, k);
		trc_amount *a = arb_amount(tx, k);
		size_t n;
		uint8_t *b = arb_bytes(tx, k, &n);

		if (k == AF_DATA && l->type != ETH_TX_ARB_SUBMIT)
			key = input;
		if (a)
			rc = ejson_amount(obj, key, true, a, NULL, err);
		else if (b && n == 20)
			rc = ejson_addr(obj, key, true, b, NULL, err);
		else if (b)
			rc = ejson_fixed(obj, key, true, b, n, NULL, err);
		else if (k == AF_CHAIN)
			rc = ejson_u64(obj, key, true, &tx->chain_id, NULL,
				       err);
		else if (k == AF_NONCE)
			rc = ejson_u64(obj, key, true, &tx->nonce, NULL, err);
		else if (k == AF_GAS)
			rc = ejson_u64(obj, key, true, &tx->gas, NULL, err);
		else if (k == AF_TO)
			rc = ejson_addr(obj, key, false, tx->to, &tx->has_to,
					err);
		else if (k == AF_DATA)
			rc = ejson_data(obj, key, true, &tx->data,
					&tx->data_len, NULL, err);
		if (k == AF_TO_REQ)
			tx->has_to = true;
	}
	return rc;
}

static enum trc_err json_fields(struct eth_tx *tx, const json_t *obj,
				struct trc_error *err)
{
	enum trc_err rc;
	const char *input = json_object_get(obj, "input") ? "input" : "data";

	TRY(json_tx_type(tx, obj, err));
	if (arb_layout(tx->type)) {
		TRY(json_arb(tx, arb_layout(tx->type), obj, input, err));
		return json_claims(tx, obj, err);
	}
	if (tx->type == ETH_TX_DEPOSIT || tx->type == ETH_TX_ARB_INTERNAL) {
		TRY(tx->type == ETH_TX_DEPOSIT
			    ? json_deposit(tx, obj, input, err)
			    : json_arb_internal(tx, obj, input, err));
		return json_claims(tx, obj, err);
	}
	if (tx->type)
		TRY(ejson_u64(obj, "chainId", true, &tx->chain_id, NULL, err));
	TRY(ejson_u64(obj, "nonce", true, &tx->nonce, NULL, err));
	TRY(json_fees(tx, obj, err));
	TRY(ejson_u64(obj, "gas", true, &tx->gas, NULL, err));
	TRY(ejson_addr(obj, "to", false, tx->to, &tx->has_to, err));
	if (!tx->has_to && tx->type >= 3) {
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "field 'to' is missing: a type %u transaction "
			      "cannot create a contract",
			      tx->type);
		goto cleanup;
	}
	TRY(ejson_amount(obj, "value", true, &tx->value, NULL, err));
	TRY(ejson_data(obj, input, true, &tx->data, &tx->data_len, NULL, err));
	if (tx->type >= 1)
		TRY(json_access(tx, obj, err));
	if (tx->type == 3) {
		TRY(ejson_amount(obj, "maxFeePerBlobGas", true,
				 &tx->max_fee_per_blob_gas, NULL, err));
		TRY(json_blobs(tx, obj, err));
	}
	if (tx->type == 4)
		TRY(json_auths(tx, obj, err));
	if (tx->type == 0) {
		TRY(json_legacy_sig(tx, obj, err));
	} else {
		uint64_t y;

		TRY(json_y_parity(obj, &y, err));
		tx->v = amount_from_u64(y);
	}
	TRY(ejson_word(obj, "r", true, tx->r, NULL, err));
	TRY(ejson_word(obj, "s", true, tx->s, NULL, err));
	TRY(json_claims(tx, obj, err));
cleanup:
	return rc;
}

enum trc_err eth_tx_from_json(struct eth_tx *tx, const json_t *obj,
			      struct trc_error *err)
{
	enum trc_err rc;

	eth_tx_init(tx);
	if (!json_is_object(obj))
		return trc_fail(err, TRC_ERR_PARSE,
				"transaction is not a JSON object");
	rc = json_fields(tx, obj, err);
	if (rc)
		eth_tx_release(tx);
	return rc;
}
