#include "chains/eth/eth_block.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/hex.h"
#include "chains/eth/eth_addr.h"
#include "chains/eth/eth_json.h"
#include "chains/eth/eth_trie.h"
#include "chains/eth/evm.h"
#include "chains/eth/rlp.h"

#define TRY(x)                                                                 \
	do {                                                                   \
		if ((rc = (x)) != TRC_OK)                                      \
			goto cleanup;                                          \
	} while (0)

#define HEADER_MAX (1u << 20)

enum kind { F_HASH, F_ADDR, F_BLOOM, F_QTY, F_DATA, F_NONCE };

struct field {
	const char *name;
	enum kind kind;
	const char *fork;
};

/* The 15 header fields every layout starts with, in consensus order. */
static const struct field base_fields[] = {
	{ "parentHash", F_HASH, NULL },
	{ "sha3Uncles", F_HASH, NULL },
	{ "miner", F_ADDR, NULL },
	{ "stateRoot", F_HASH, NULL },
	{ "transactionsRoot", F_HASH, NULL },
	{ "receiptsRoot", F_HASH, NULL },
	{ "logsBloom", F_BLOOM, NULL },
	{ "difficulty", F_QTY, NULL },
	{ "number", F_QTY, NULL },
	{ "gasLimit", F_QTY, NULL },
	{ "gasUsed", F_QTY, NULL },
	{ "timestamp", F_QTY, NULL },
	{ "extraData", F_DATA, NULL },
	{ "mixHash", F_HASH, NULL },
	{ "nonce", F_NONCE, NULL },
};
#define N_BASE (sizeof(base_fields) / sizeof(base_fields[0]))

/* The fields after them, each needing all before it; `fork` names the
 * shape that a field's presence starts. go-ethereum's list (and BSC's,
 * bor's, Nitro's, op-geth's): */
static const struct field geth_extra[] = {
	{ "baseFeePerGas", F_QTY, "london" },
	{ "withdrawalsRoot", F_HASH, "shanghai" },
	{ "blobGasUsed", F_QTY, "cancun" },
	{ "excessBlobGas", F_QTY, "cancun" },
	{ "parentBeaconBlockRoot", F_HASH, "cancun" },
	{ "requestsHash", F_HASH, "prague" },
};

/* coreth's (Avalanche C-Chain): extDataHash always (required), then its
 * own optional fields; withdrawals do not exist there. */
static const struct field coreth_extra[] = {
	{ "extDataHash", F_HASH, "apricot1" },
	{ "baseFeePerGas", F_QTY, "apricot3" },
	{ "extDataGasUsed", F_QTY, "apricot4" },
	{ "blockGasCost", F_QTY, "apricot4" },
	{ "blobGasUsed", F_QTY, "cancun" },
	{ "excessBlobGas", F_QTY, "cancun" },
	{ "parentBeaconBlockRoot", F_HASH, "cancun" },
};

struct layout {
	const struct field *extra;
	size_t n_extra;
	size_t n_required; /* of extra */
};

static struct layout layout_of(const struct evm_chain *c)
{
	struct layout l = { geth_extra,
			    sizeof(geth_extra) / sizeof(geth_extra[0]), 0 };

	if (c && c->header == EVM_HEADER_CORETH) {
		l.extra = coreth_extra;
		l.n_extra = sizeof(coreth_extra) / sizeof(coreth_extra[0]);
		l.n_required = 1;
	}
	return l;
}

void eth_block_init(struct eth_block *b)
{
	memset(b, 0, sizeof(*b));
}

void eth_block_release(struct eth_block *b)
{
	for (size_t i = 0; i < b->n_txs && b->txs; i++)
		eth_tx_release(&b->txs[i]);
	free(b->txs);
	free(b->withdrawals);
	free(b->uncles);
	eth_block_init(b);
}

static enum trc_err put_field(struct buf *p, const json_t *obj,
			      const struct field *f, struct trc_error *err)
{
	uint8_t fixed[256], *data = NULL;
	size_t len;
	trc_amount q;
	enum trc_err rc;

	switch (f->kind) {
	case F_QTY:
		rc = ejson_amount(obj, f->name, true, &q, NULL, err);
		return rc ? rc : rlp_put_amount(p, q);
	case F_DATA:
		rc = ejson_data(obj, f->name, true, &data, &len, NULL, err);
		if (!rc)
			rc = rlp_put_bytes(p, data, len);
		free(data);
		return rc;
	case F_ADDR:
		len = 20;
		break;
	case F_BLOOM:
		len = 256;
		break;
	case F_NONCE:
		len = 8;
		break;
	default:
		len = 32;
	}
	/* miner too is read as plain hex: a header is hashed as sent */
	rc = ejson_fixed(obj, f->name, true, fixed, len, NULL, err);
	return rc ? rc : rlp_put_bytes(p, fixed, len);
}

/* How many of the optional fields are present (they must be a prefix). */
static bool has_field(const json_t *obj, const char *name)
{
	const json_t *v = json_object_get(obj, name);

	return v && !json_is_null(v);
}

/* Out: *n, how many of the layout's extra fields are present (they must
 * be a prefix, at least the required ones). */
static enum trc_err count_fields(const json_t *obj, const struct layout *l,
				 const struct evm_chain *c, size_t *n,
				 struct trc_error *err)
{
	*n = 0;
	while (*n < l->n_extra && has_field(obj, l->extra[*n].name))
		(*n)++;
	for (size_t i = *n; i < l->n_extra; i++)
		if (i < l->n_required || has_field(obj, l->extra[i].name))
			return trc_fail(err, TRC_ERR_PARSE,
					i < l->n_required
						? "field '%s' is missing"
						: "field '%s' present without "
						  "'%s'",
					l->extra[i].name, l->extra[*n].name);
	/* a field of another chain's layout: the block is not of c */
	if (l->extra != coreth_extra && has_field(obj, "extDataHash"))
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'extDataHash' belongs to Avalanche "
				"headers, not to %s ones (--chain avax?)",
				c ? c->title : "Ethereum");
	return TRC_OK;
}

enum trc_err eth_header_encode(const json_t *obj, struct buf *rlp,
			       uint8_t hash[32], const char **shape,
			       struct trc_error *err)
{
	return eth_header_encode_evm(obj, NULL, rlp, hash, shape, err);
}

enum trc_err eth_header_encode_evm(const json_t *obj, const struct evm_chain *c,
				   struct buf *rlp, uint8_t hash[32],
				   const char **shape, struct trc_error *err)
{
	struct buf p = BUF_INIT(HEADER_MAX);
	size_t n = 0, start = rlp->len;
	struct layout l = layout_of(c);
	enum trc_err rc;

	memset(hash, 0, 32);
	*shape = "frontier";
	if (!json_is_object(obj))
		return trc_fail(err, TRC_ERR_PARSE,
				"block header is not a JSON object");
	TRY(count_fields(obj, &l, c, &n, err));
	for (size_t i = 0; i < N_BASE; i++)
		TRY(put_field(&p, obj, &base_fields[i], err));
	for (size_t i = 0; i < n; i++) {
		TRY(put_field(&p, obj, &l.extra[i], err));
		*shape = l.extra[i].fork;
	}
	rc = rlp_put_list(rlp, p.data, p.len);
	if (rc) {
		trc_fail(err, rc, "header too large");
		goto cleanup;
	}
	hash_keccak256(hash, rlp->data + start, rlp->len - start);
cleanup:
	buf_release(&p);
	return rc;
}

static enum trc_err parse_txs(struct eth_block *b, const json_t *list,
			      struct trc_error *err)
{
	size_t i, n = json_array_size(list);
	json_t *t;
	enum trc_err rc;

	if (!json_is_array(list))
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'transactions' is not an array");
	if (n > ETH_BLOCK_MAX_TXS)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"%zu transactions, more than %u", n,
				ETH_BLOCK_MAX_TXS);
	b->txs_full = n > 0 && json_is_object(json_array_get(list, 0));
	if (!b->txs_full) {
		b->n_txs = n;
		return TRC_OK;
	}
	b->txs = calloc(n, sizeof(*b->txs));
	if (!b->txs)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	json_array_foreach(list, i, t)
	{
		rc = eth_tx_from_json(&b->txs[i], t, err);
		if (rc) {
			const char *h =
				json_string_value(json_object_get(t, "hash"));

			return trc_error_prefix(err, rc, "transaction %zu (%s)",
						i, h ? h : "no hash");
		}
		b->n_txs = i + 1;
	}
	return TRC_OK;
}

static enum trc_err parse_withdrawals(struct eth_block *b, const json_t *list,
				      struct trc_error *err)
{
	size_t i, n = json_array_size(list);
	json_t *w;
	enum trc_err rc = TRC_OK;

	if (!list || json_is_null(list))
		return TRC_OK;
	if (!json_is_array(list))
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'withdrawals' is not an array");
	if (n > ETH_BLOCK_MAX_WITHDRAWALS)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"%zu withdrawals, more than %u", n,
				ETH_BLOCK_MAX_WITHDRAWALS);
	b->has_withdrawals = true;
	b->withdrawals = n ? calloc(n, sizeof(*b->withdrawals)) : NULL;
	if (n && !b->withdrawals)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	json_array_foreach(list, i, w)
	{
		struct eth_withdrawal *x = &b->withdrawals[i];

		TRY(ejson_u64(w, "index", true, &x->index, NULL, err));
		TRY(ejson_u64(w, "validatorIndex", true, &x->validator, NULL,
			      err));
		TRY(ejson_addr(w, "address", true, x->addr, NULL, err));
		TRY(ejson_u64(w, "amount", true, &x->amount_gwei, NULL, err));
		b->n_withdrawals = i + 1;
	}
cleanup:
	if (rc)
		trc_error_prefix(err, rc, "withdrawal %zu", i);
	return rc;
}

static enum trc_err parse_uncles(struct eth_block *b, const json_t *list,
				 struct trc_error *err)
{
	size_t i, n = json_array_size(list);
	json_t *u;

	if (!list || json_is_null(list))
		return TRC_OK;
	if (!json_is_array(list) || n > ETH_BLOCK_MAX_UNCLES)
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'uncles' is not an array of at most "
				"%u hashes",
				ETH_BLOCK_MAX_UNCLES);
	b->uncles = n ? calloc(n, 32) : NULL;
	if (n && !b->uncles)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	json_array_foreach(list, i, u)
	{
		enum trc_err rc =
			ejson_fixed_value(u, "uncles", b->uncles[i], 32, err);
		if (rc)
			return rc;
		b->n_uncles = i + 1;
	}
	return TRC_OK;
}

/* Avalanche: extDataHash = keccak(RLP(the block's atomic-transaction
 * bytes)), which the node sends as blockExtraData. */
static enum trc_err ext_data(struct eth_block *b, const json_t *obj,
			     struct trc_error *err)
{
	uint8_t *data = NULL;
	size_t len = 0;
	struct buf r = BUF_INIT(HEADER_MAX + 16);
	enum trc_err rc;

	TRY(ejson_data(obj, "blockExtraData", false, &data, &len,
		       &b->has_ext_data_body, err));
	if (!b->has_ext_data_body)
		goto cleanup;
	TRY(rlp_put_bytes(&r, data, len));
	hash_keccak256(b->ext_data_hash_calc, r.data, r.len);
cleanup:
	if (rc == TRC_ERR_TOOBIG || rc == TRC_ERR_NOMEM)
		trc_fail(err, rc, "field 'blockExtraData' is too large");
	free(data);
	buf_release(&r);
	return rc;
}

static enum trc_err parse_header(struct eth_block *b, const json_t *obj,
				 struct trc_error *err)
{
	enum trc_err rc;
	struct buf rlp = BUF_INIT(HEADER_MAX);

	TRY(ejson_u64(obj, "number", true, &b->number, NULL, err));
	TRY(eth_header_encode_evm(obj, b->evm, &rlp, b->hash, &b->shape, err));
	TRY(ejson_u64(obj, "timestamp", true, &b->timestamp, NULL, err));
	TRY(ejson_fixed(obj, "parentHash", true, b->parent, 32, NULL, err));
	TRY(ejson_fixed(obj, "miner", true, b->miner, 20, NULL, err));
	TRY(ejson_fixed(obj, "transactionsRoot", true, b->tx_root, 32, NULL,
			err));
	TRY(ejson_fixed(obj, "sha3Uncles", true, b->uncles_hash, 32, NULL,
			err));
	TRY(ejson_fixed(obj, "receiptsRoot", true, b->receipts_root, 32, NULL,
			err));
	TRY(ejson_fixed(obj, "stateRoot", true, b->state_root, 32, NULL, err));
	TRY(ejson_fixed(obj, "withdrawalsRoot", false, b->withdrawals_root, 32,
			&b->has_withdrawals_root, err));
	TRY(ejson_amount(obj, "baseFeePerGas", false, &b->base_fee,
			 &b->has_base_fee, err));
	TRY(ejson_fixed(obj, "hash", false, b->claimed_hash, 32,
			&b->has_claimed_hash, err));
	TRY(ejson_fixed(obj, "extDataHash", false, b->ext_data_hash, 32,
			&b->has_ext_data, err));
	if (b->has_ext_data)
		TRY(ext_data(b, obj, err));
cleanup:
	buf_release(&rlp);
	return rc;
}

enum trc_err eth_block_from_json(struct eth_block *b, const json_t *obj,
				 struct trc_error *err)
{
	return eth_block_from_json_evm(b, obj, NULL, err);
}

enum trc_err eth_block_from_json_evm(struct eth_block *b, const json_t *obj,
				     const struct evm_chain *c,
				     struct trc_error *err)
{
	enum trc_err rc;
	json_t *txs;

	eth_block_init(b);
	b->evm = c ? c : evm_chain_eth();
	if (!json_is_object(obj))
		return trc_fail(err, TRC_ERR_PARSE,
				"block is not a JSON object");
	rc = parse_header(b, obj, err);
	if (rc) {
		json_t *num = json_object_get(obj, "number");

		trc_error_prefix(err, rc, "block %s",
				 json_is_string(num) ? json_string_value(num)
						     : "(no number)");
		eth_block_release(b);
		return rc;
	}
	txs = json_object_get(obj, "transactions");
	b->has_txs = txs != NULL;
	rc = txs ? parse_txs(b, txs, err) : TRC_OK;
	if (!rc)
		rc = parse_withdrawals(b, json_object_get(obj, "withdrawals"),
				       err);
	if (!rc)
		rc = parse_uncles(b, json_object_get(obj, "uncles"), err);
	if (rc) {
		trc_error_prefix(err, rc, "block %" PRIu64, b->number);
		eth_block_release(b);
	}
	return rc;
}

static enum trc_err tx_root(struct eth_block *b, struct trc_error *err)
{
	struct buf *enc = calloc(b->n_txs ? b->n_txs : 1, sizeof(*enc));
	const uint8_t **vals = calloc(b->n_txs ? b->n_txs : 1, sizeof(*vals));
	size_t *lens = calloc(b->n_txs ? b->n_txs : 1, sizeof(*lens));
	enum trc_err rc = TRC_OK;

	if (!enc || !vals || !lens) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < b->n_txs; i++) {
		buf_init(&enc[i], ETH_TX_MAX_BYTES + 1024);
		TRY(eth_tx_encode(&b->txs[i], &enc[i], err));
		vals[i] = enc[i].data;
		lens[i] = enc[i].len;
	}
	TRY(eth_trie_root_list(b->tx_root_calc, vals, lens, b->n_txs, err));
	b->tx_root_ok = !memcmp(b->tx_root_calc, b->tx_root, 32);
cleanup:
	for (size_t i = 0; enc && i < b->n_txs; i++)
		buf_release(&enc[i]);
	free(enc);
	free(vals);
	free(lens);
	return rc;
}

static enum trc_err withdrawals_root(struct eth_block *b, struct trc_error *err)
{
	size_t n = b->n_withdrawals;
	struct buf all = BUF_INIT(64u << 20), item = BUF_INIT(256);
	const uint8_t **vals = calloc(n ? n : 1, sizeof(*vals));
	size_t *lens = calloc(n ? n : 1, sizeof(*lens)), *offs;
	enum trc_err rc = TRC_OK;

	offs = calloc(n ? n : 1, sizeof(*offs));
	if (!vals || !lens || !offs) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		const struct eth_withdrawal *w = &b->withdrawals[i];

		buf_reset(&item);
		TRY(rlp_put_u64(&item, w->index));
		TRY(rlp_put_u64(&item, w->validator));
		TRY(rlp_put_bytes(&item, w->addr, 20));
		TRY(rlp_put_u64(&item, w->amount_gwei));
		offs[i] = all.len;
		TRY(rlp_put_list(&all, item.data, item.len));
		lens[i] = all.len - offs[i];
	}
	/* pointers only once `all` no longer moves */
	for (size_t i = 0; i < n; i++)
		vals[i] = all.data + offs[i];
	TRY(eth_trie_root_list(b->withdrawals_root_calc, vals, lens, n, err));
	b->withdrawals_root_ok =
		b->has_withdrawals_root &&
		!memcmp(b->withdrawals_root_calc, b->withdrawals_root, 32);
cleanup:
	buf_release(&all);
	buf_release(&item);
	free(vals);
	free(lens);
	free(offs);
	return rc;
}

enum trc_err eth_block_verify(struct eth_block *b, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;
	char h[67];
	const struct evm_chain *c = b->evm ? b->evm : evm_chain_eth();
	/* before Homestead (mainnet block 1,150,000) s could be high */
	bool frontier = c->frontier && b->number < ETH_HOMESTEAD_MAINNET;

	b->header_hash_ok =
		!b->has_claimed_hash || !memcmp(b->hash, b->claimed_hash, 32);
	b->ext_data_ok = !b->has_ext_data_body ||
			 !memcmp(b->ext_data_hash, b->ext_data_hash_calc, 32);
	for (size_t i = 0; b->txs_full && i < b->n_txs; i++) {
		struct eth_tx *tx = &b->txs[i];

		if (!evm_tx_type_allowed(c, tx->type))
			rc = trc_fail(err, TRC_ERR_VERIFY,
				      "type 0x%02x (%s) does not exist on %s",
				      tx->type, eth_tx_type_name(tx->type),
				      c->title);
		else
			rc = eth_tx_verify(tx, frontier && !tx->eip155, err);
		if (rc) {
			h[0] = '0';
			h[1] = 'x';
			hex_encode(h + 2, tx->claimed_hash, 32);
			return trc_error_prefix(
				err, rc,
				"block %" PRIu64 ": transaction %zu (%s)",
				b->number, i, tx->has_claimed_hash ? h : "");
		}
	}
	b->tx_root_checked = b->has_txs && (b->txs_full || b->n_txs == 0);
	if (b->tx_root_checked)
		TRY(tx_root(b, err));
	if (b->has_withdrawals && c->withdrawals_root_is_state &&
	    b->n_withdrawals == 0)
		b->withdrawals_root_ok = true; /* hashed in the header only */
	else if (b->has_withdrawals)
		TRY(withdrawals_root(b, err));
cleanup:
	if (rc)
		trc_error_prefix(err, rc, "block %" PRIu64, b->number);
	return rc;
}

static void fmt_hash(char out[67], const uint8_t h[32])
{
	out[0] = '0';
	out[1] = 'x';
	hex_encode(out + 2, h, 32);
}

enum trc_err eth_block_require_ok(const struct eth_block *b,
				  struct trc_error *err)
{
	char x[67], y[67];

	if (!b->header_hash_ok) {
		fmt_hash(x, b->hash);
		fmt_hash(y, b->claimed_hash);
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %" PRIu64 ": header hashes to %s, the "
				"node sent %s",
				b->number, x, y);
	}
	if (!b->ext_data_ok) {
		fmt_hash(x, b->ext_data_hash_calc);
		fmt_hash(y, b->ext_data_hash);
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %" PRIu64 ": blockExtraData hashes to "
				"%s, the header's extDataHash is %s",
				b->number, x, y);
	}
	if (b->tx_root_checked && !b->tx_root_ok) {
		fmt_hash(x, b->tx_root_calc);
		fmt_hash(y, b->tx_root);
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %" PRIu64 ": transactions root is %s, "
				"the header says %s",
				b->number, x, y);
	}
	if (b->has_withdrawals && !b->withdrawals_root_ok)
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %" PRIu64 ": withdrawals do not match "
				"withdrawalsRoot%s",
				b->number,
				b->evm && b->evm->withdrawals_root_is_state
					? " (an OP-stack block has none)"
					: "");
	for (size_t i = 0; b->txs_full && i < b->n_txs; i++) {
		const struct eth_tx *tx = &b->txs[i];

		fmt_hash(x, tx->hash);
		if (!tx->hash_ok)
			return trc_fail(err, TRC_ERR_VERIFY,
					"block %" PRIu64 ": transaction %zu "
					"hashes to %s, not the 'hash' the "
					"node sent",
					b->number, i, x);
		if (!tx->from_ok) {
			eth_addr_format(y, tx->from);
			return trc_fail(err, TRC_ERR_VERIFY,
					"block %" PRIu64 ": transaction %s: "
					"field 'from' differs from the "
					"recovered sender %s",
					b->number, x, y);
		}
	}
	return TRC_OK;
}

enum trc_err eth_block_check_uncles(struct eth_block *b, const json_t *uncles,
				    struct trc_error *err)
{
	struct buf all = BUF_INIT(HEADER_MAX * ETH_BLOCK_MAX_UNCLES);
	struct buf list = BUF_INIT(HEADER_MAX * ETH_BLOCK_MAX_UNCLES + 16);
	uint8_t h[32];
	const char *shape;
	size_t i;
	json_t *u;
	enum trc_err rc = TRC_OK;

	b->uncles_ok = false;
	if (!json_is_array(uncles) || json_array_size(uncles) != b->n_uncles)
		return trc_fail(err, TRC_ERR_PARSE,
				"block %" PRIu64 ": %zu uncle headers given, "
				"the block names %zu",
				b->number, json_array_size(uncles),
				b->n_uncles);
	b->uncles_ok = true;
	json_array_foreach(uncles, i, u)
	{
		rc = eth_header_encode_evm(u, b->evm, &all, h, &shape, err);
		if (rc) {
			trc_error_prefix(err, rc,
					 "block %" PRIu64 ": uncle %zu",
					 b->number, i);
			goto cleanup;
		}
		b->uncles_ok &= !memcmp(h, b->uncles[i], 32);
	}
	rc = rlp_put_list(&list, all.data, all.len);
	if (rc) {
		trc_fail(err, rc, "uncle headers too large");
		goto cleanup;
	}
	hash_keccak256(h, list.data, list.len);
	b->uncles_ok &= !memcmp(h, b->uncles_hash, 32);
cleanup:
	buf_release(&all);
	buf_release(&list);
	return rc;
}
