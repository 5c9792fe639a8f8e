#include "chains/btc/block.h"

#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/hex.h"
#include "chains/btc/anchors.h"
#include "chains/btc/varint.h"

/* The smallest serialised transaction: version, one input, one output,
 * locktime (4 + 1 + 41 + 1 + 9 + 4). */
#define MIN_TX 60
#define MERKLE_PROOF_MAX 32

static const uint8_t commitment_head[6] = {
	0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed
};

/* --- headers and proof of work --- */

enum trc_err btc_header_decode(struct btc_header *h, const uint8_t *p,
			       size_t len, struct trc_error *err)
{
	memset(h, 0, sizeof(*h));
	if (len != BTC_HEADER_SIZE)
		return trc_fail(err, TRC_ERR_PARSE,
				"block header of %zu bytes, expected 80", len);
	h->version = le32_get(p);
	memcpy(h->prev, p + 4, 32);
	memcpy(h->merkle_root, p + 36, 32);
	h->time = le32_get(p + 68);
	h->bits = le32_get(p + 72);
	h->nonce = le32_get(p + 76);
	hash_sha256d(h->hash, p, BTC_HEADER_SIZE);
	return TRC_OK;
}

void btc_header_encode(const struct btc_header *h, uint8_t out[80])
{
	le32_put(out, h->version);
	memcpy(out + 4, h->prev, 32);
	memcpy(out + 36, h->merkle_root, 32);
	le32_put(out + 68, h->time);
	le32_put(out + 72, h->bits);
	le32_put(out + 76, h->nonce);
}

void btc_header_rehash(struct btc_header *h)
{
	uint8_t raw[BTC_HEADER_SIZE];

	btc_header_encode(h, raw);
	hash_sha256d(h->hash, raw, sizeof(raw));
}

enum trc_err btc_bits_target(uint32_t bits, uint8_t target[32],
			     struct trc_error *err)
{
	int exp = (int)(bits >> 24);
	uint32_t mant = bits & 0x007fffff;
	bool nonzero = false;

	memset(target, 0, 32);
	if (mant && (bits & 0x00800000))
		return trc_fail(err, TRC_ERR_PARSE,
				"bits 0x%08x encode a negative target", bits);
	if (mant && (exp > 34 || (mant > 0xff && exp > 33) ||
		     (mant > 0xffff && exp > 32)))
		return trc_fail(err, TRC_ERR_PARSE,
				"bits 0x%08x encode a target past 2^256", bits);
	for (int k = 0; k < 3; k++) {
		int pos = exp - 3 + k; /* byte position from the right */
		uint8_t v = (uint8_t)(mant >> (8 * k));

		if (pos >= 0 && pos < 32 && v) {
			target[31 - pos] = v;
			nonzero = true;
		}
	}
	if (!nonzero)
		return trc_fail(err, TRC_ERR_PARSE,
				"bits 0x%08x encode a zero target", bits);
	return TRC_OK;
}

/* -1, 0, 1 as the little-endian hash is below, equal, above target. */
static int cmp_hash_target(const uint8_t hash[32], const uint8_t t[32])
{
	for (int i = 0; i < 32; i++)
		if (hash[31 - i] != t[i])
			return hash[31 - i] < t[i] ? -1 : 1;
	return 0;
}

static bool meets_bits(const uint8_t hash[32], uint32_t bits)
{
	uint8_t t[32];

	return !btc_bits_target(bits, t, NULL) && cmp_hash_target(hash, t) <= 0;
}

enum trc_err btc_header_check_pow(const struct btc_header *h,
				  const struct btc_network *net,
				  struct trc_error *err)
{
	uint8_t t[32], limit[32];
	char hex[65];
	struct trc_error e = TRC_ERROR_INIT;

	hex_encode_rev(hex, h->hash, 32);
	if (btc_bits_target(h->bits, t, &e))
		return trc_fail(err, TRC_ERR_VERIFY, "block %s: %s", hex,
				e.msg);
	if (net && !btc_bits_target(net->pow_limit_bits, limit, NULL) &&
	    memcmp(t, limit, 32) > 0)
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %s: bits 0x%08x are easier than "
				"network %s allows (0x%08x)",
				hex, h->bits, net->name, net->pow_limit_bits);
	if (cmp_hash_target(h->hash, t) > 0)
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %s: hash does not meet its target "
				"(bits 0x%08x)",
				hex, h->bits);
	return TRC_OK;
}

/* --- merkle trees --- */

static void hash_pair(uint8_t out[32], const uint8_t a[32], const uint8_t b[32])
{
	uint8_t both[64];

	memcpy(both, a, 32);
	memcpy(both + 32, b, 32);
	hash_sha256d(out, both, 64);
}

enum trc_err btc_merkle_root(uint8_t root[32], const uint8_t (*hashes)[32],
			     size_t n, bool *mutated, struct trc_error *err)
{
	uint8_t(*level)[32];
	bool mut = false;

	memset(root, 0, 32);
	if (mutated)
		*mutated = false;
	if (n == 0)
		return trc_fail(err, TRC_ERR_INVALID, "merkle root of nothing");
	level = malloc(n * 32);
	if (!level)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	memcpy(level, hashes, n * 32);
	while (n > 1) {
		size_t k = 0;

		for (size_t i = 0; i < n; i += 2) {
			size_t j = i + 1 < n ? i + 1 : i;

			if (j != i && !memcmp(level[i], level[j], 32))
				mut = true;
			hash_pair(level[k++], level[i], level[j]);
		}
		n = k;
	}
	memcpy(root, level[0], 32);
	free(level);
	if (mutated)
		*mutated = mut;
	return TRC_OK;
}

void btc_merkle_branch_root(uint8_t root[32], const uint8_t leaf[32],
			    const uint8_t (*branch)[32], size_t n, uint32_t pos)
{
	uint8_t h[32];

	memcpy(h, leaf, 32);
	for (size_t i = 0; i < n; i++) {
		if (i < 32 && ((pos >> i) & 1))
			hash_pair(h, branch[i], h);
		else
			hash_pair(h, h, branch[i]);
	}
	memcpy(root, h, 32);
}

enum trc_err btc_merkle_proof_verify(const uint8_t txid[32],
				     const char *const *merkle, size_t n,
				     uint32_t pos, const uint8_t root[32],
				     struct trc_error *err)
{
	uint8_t branch[MERKLE_PROOF_MAX][32], got[32];
	char want_hex[65], got_hex[65];

	if (n > MERKLE_PROOF_MAX)
		return trc_fail(err, TRC_ERR_PARSE,
				"merkle proof of %zu hashes is longer than %d",
				n, MERKLE_PROOF_MAX);
	if (n < 32 && (pos >> n))
		return trc_fail(err, TRC_ERR_PARSE,
				"merkle proof position %u does not fit a "
				"branch of %zu hashes",
				pos, n);
	for (size_t i = 0; i < n; i++) {
		if (!merkle[i] || strlen(merkle[i]) != 64 ||
		    hex_decode_rev(branch[i], 32, merkle[i], NULL))
			return trc_fail(err, TRC_ERR_PARSE,
					"merkle proof hash %zu is not 64 hex "
					"digits",
					i);
	}
	btc_merkle_branch_root(got, txid, (const uint8_t(*)[32])branch, n, pos);
	if (memcmp(got, root, 32)) {
		hex_encode_rev(want_hex, root, 32);
		hex_encode_rev(got_hex, got, 32);
		return trc_fail(err, TRC_ERR_VERIFY,
				"merkle proof leads to root %s, the header "
				"has %s",
				got_hex, want_hex);
	}
	return TRC_OK;
}

/* --- BIP34 height --- */

bool btc_coinbase_height(const uint8_t *s, size_t len, uint32_t *height)
{
	uint64_t v = 0;
	size_t n;

	*height = 0;
	if (len < 1)
		return false;
	if (s[0] == 0x00)
		return true;
	if (s[0] >= 0x51 && s[0] <= 0x60) {
		*height = s[0] - 0x50u;
		return true;
	}
	n = s[0];
	if (n < 1 || n > 5 || len < 1 + n)
		return false;
	if (s[n] & 0x80)
		return false; /* negative */
	if (s[n] == 0 && (n == 1 || !(s[n - 1] & 0x80)))
		return false; /* not minimal */
	for (size_t i = n; i > 0; i--)
		v = (v << 8) | s[i];
	if (v > UINT32_MAX)
		return false;
	*height = (uint32_t)v;
	return true;
}

/* --- blocks --- */

void btc_block_init(struct btc_block *b)
{
	memset(b, 0, sizeof(*b));
}

void btc_block_release(struct btc_block *b)
{
	for (uint32_t i = 0; i < b->n_tx; i++)
		btc_tx_release(&b->tx[i]);
	free(b->tx);
	btc_block_init(b);
}

static size_t varint_size(uint64_t n)
{
	return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffff ? 5 : 9;
}

/* The merkle root of the wtxids, the coinbase's counted as zero. */
static enum trc_err witness_root(const struct btc_block *b, uint8_t root[32],
				 struct trc_error *err)
{
	uint8_t(*ids)[32] = malloc((size_t)b->n_tx * 32);
	enum trc_err rc;

	if (!ids)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	memset(ids[0], 0, 32);
	for (uint32_t i = 1; i < b->n_tx; i++)
		memcpy(ids[i], b->tx[i].wtxid, 32);
	rc = btc_merkle_root(root, (const uint8_t(*)[32])ids, b->n_tx, NULL,
			     err);
	free(ids);
	return rc;
}

/* Index of the coinbase output holding the commitment, or -1. */
static long commitment_output(const struct btc_tx *cb)
{
	for (uint32_t i = cb->n_out; i > 0; i--) {
		const struct btc_bytes *s = &cb->out[i - 1].script;

		if (s->len >= 38 && !memcmp(s->p, commitment_head, 6))
			return (long)(i - 1);
	}
	return -1;
}

static enum trc_err check_witness(struct btc_block *b, struct trc_error *err)
{
	const struct btc_tx *cb = &b->tx[0];
	const struct btc_bytes *res = btc_tx_witness(cb, 0);
	long at = commitment_output(cb);
	uint8_t root[32], both[64], want[32];
	enum trc_err rc;

	if (at < 0) {
		b->witness =
			b->n_segwit ? BTC_WITNESS_MISSING : BTC_WITNESS_NONE;
		return TRC_OK;
	}
	b->witness = BTC_WITNESS_BAD;
	if (!res || cb->in[0].n_wit != 1 || res->len != 32)
		return TRC_OK;
	if ((rc = witness_root(b, root, err)))
		return rc;
	memcpy(both, root, 32);
	memcpy(both + 32, res->p, 32);
	hash_sha256d(want, both, 64);
	if (!memcmp(want, cb->out[at].script.p + 6, 32))
		b->witness = BTC_WITNESS_OK;
	return TRC_OK;
}

/* Computes everything derived from the header and transactions. */
static enum trc_err analyse(struct btc_block *b, struct trc_error *err)
{
	uint8_t(*ids)[32] = malloc((size_t)b->n_tx * 32);
	enum trc_err rc;

	if (!ids)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	b->n_segwit = 0;
	b->weight = (BTC_HEADER_SIZE + varint_size(b->n_tx)) * 4;
	for (uint32_t i = 0; i < b->n_tx; i++) {
		memcpy(ids[i], b->tx[i].txid, 32);
		b->n_segwit += btc_tx_has_witness(&b->tx[i]);
		b->weight += b->tx[i].weight;
	}
	rc = btc_merkle_root(b->merkle_computed, (const uint8_t(*)[32])ids,
			     b->n_tx, &b->merkle_mutated, err);
	free(ids);
	if (rc)
		return rc;
	b->merkle_ok = !b->merkle_mutated &&
		       !memcmp(b->merkle_computed, b->hdr.merkle_root, 32);
	b->pow_ok = meets_bits(b->hdr.hash, b->hdr.bits);
	b->has_height =
		b->hdr.version >= 2 &&
		btc_coinbase_height(b->tx[0].in[0].script_sig.p,
				    b->tx[0].in[0].script_sig.len, &b->height);
	return check_witness(b, err);
}

static enum trc_err read_txs(struct btc_block *b, struct reader *r,
			     struct trc_error *err)
{
	uint64_t n;
	size_t at = r->pos;
	enum trc_err rc = varint_read(r, &n, "transaction count", err);

	if (rc)
		return rc;
	if (n == 0 || n > reader_left(r) / MIN_TX)
		return trc_fail(err, TRC_ERR_PARSE,
				"transaction count at offset %zu: %llu, "
				"expected 1 to %zu for the %zu bytes left",
				at, (unsigned long long)n,
				reader_left(r) / MIN_TX, reader_left(r));
	b->tx = calloc((size_t)n, sizeof(*b->tx));
	if (!b->tx)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	b->cap_tx = (uint32_t)n;
	for (uint32_t i = 0; i < n; i++) {
		at = r->pos;
		if ((rc = btc_tx_read(&b->tx[i], r, err)))
			return trc_error_prefix(err, rc, "transaction %u", i);
		b->n_tx++;
		if (btc_tx_is_coinbase(&b->tx[i]) != (i == 0))
			return trc_fail(err, TRC_ERR_PARSE,
					"transaction %u at offset %zu: %s", i,
					at,
					i ? "a second coinbase"
					  : "expected the coinbase");
	}
	return TRC_OK;
}

static enum trc_err decode_block(struct btc_block *b, const uint8_t *p,
				 size_t len, size_t max, struct trc_error *err)
{
	struct reader r;
	const uint8_t *h;
	enum trc_err rc;

	if (len > max)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"block of %zu bytes exceeds %zu", len, max);
	reader_init(&r, p, len, "block");
	if ((rc = reader_bytes(&r, &h, BTC_HEADER_SIZE, err)) ||
	    (rc = btc_header_decode(&b->hdr, h, BTC_HEADER_SIZE, err)) ||
	    (rc = read_txs(b, &r, err)))
		return rc;
	if (reader_left(&r))
		return trc_fail(err, TRC_ERR_PARSE,
				"block ends at offset %zu but %zu more bytes "
				"follow",
				r.pos, reader_left(&r));
	b->size = len;
	return analyse(b, err);
}

enum trc_err btc_block_decode_max(struct btc_block *b, const uint8_t *p,
				  size_t len, size_t max, struct trc_error *err)
{
	enum trc_err rc;

	btc_block_init(b);
	rc = decode_block(b, p, len, max, err);
	if (rc)
		btc_block_release(b);
	return rc;
}

enum trc_err btc_block_decode(struct btc_block *b, const uint8_t *p, size_t len,
			      struct trc_error *err)
{
	return btc_block_decode_max(b, p, len, BTC_MAX_SERIALIZED, err);
}

static int cmp_id(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

/* btc_block_spend_order's lookup: a txid and its block index. */
struct txid_at {
	uint8_t txid[32];
	uint32_t i;
};

static int cmp_txid_at(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

/* The block index of txid, or UINT32_MAX when not among the n. */
static uint32_t find_txid(const struct txid_at *by_id, uint32_t n,
			  const uint8_t txid[32])
{
	const struct txid_at *hit =
		bsearch(txid, by_id, n, sizeof(*by_id), cmp_txid_at);

	return hit ? hit->i : UINT32_MAX;
}

enum trc_err btc_block_spend_order(const struct btc_block *b, uint32_t *order,
				   struct trc_error *err)
{
	struct txid_at *by_id = NULL;
	uint32_t *stack = NULL, *next_in = NULL, n = 0;
	uint8_t *state = NULL; /* 0 new, 1 on the stack, 2 placed */
	enum trc_err rc = TRC_OK;

	if (!b->n_tx)
		return TRC_OK;
	by_id = malloc(b->n_tx * sizeof(*by_id));
	stack = malloc(b->n_tx * sizeof(*stack));
	next_in = calloc(b->n_tx, sizeof(*next_in));
	state = calloc(b->n_tx, 1);
	if (!by_id || !stack || !next_in || !state) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto done;
	}
	for (uint32_t i = 0; i < b->n_tx; i++) {
		memcpy(by_id[i].txid, b->tx[i].txid, 32);
		by_id[i].i = i;
	}
	qsort(by_id, b->n_tx, sizeof(*by_id), cmp_txid_at);
	/* depth first from each transaction in block order: the ones it
	 * spends are placed first (an explicit stack: chains of spends
	 * inside one block can be long) */
	for (uint32_t root = 0; root < b->n_tx; root++) {
		uint32_t depth = 0;

		if (state[root])
			continue;
		stack[depth++] = root;
		state[root] = 1;
		while (depth) {
			uint32_t t = stack[depth - 1], parent = UINT32_MAX;

			while (next_in[t] < b->tx[t].n_in &&
			       parent == UINT32_MAX) {
				uint32_t p = find_txid(
					by_id, b->n_tx,
					b->tx[t].in[next_in[t]++].prev_txid);

				if (p != UINT32_MAX && !state[p])
					parent = p;
			}
			if (parent != UINT32_MAX) {
				state[parent] = 1;
				stack[depth++] = parent;
				continue;
			}
			state[t] = 2;
			order[n++] = t;
			depth--;
		}
	}
done:
	free(by_id);
	free(stack);
	free(next_in);
	free(state);
	return rc;
}

static enum trc_err check_unique(const struct btc_block *b, const char *hex,
				 struct trc_error *err)
{
	uint8_t(*ids)[32] = malloc((size_t)b->n_tx * 32);
	char dup[65];
	bool found = false;

	if (!ids)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (uint32_t i = 0; i < b->n_tx; i++)
		memcpy(ids[i], b->tx[i].txid, 32);
	qsort(ids, b->n_tx, 32, cmp_id);
	for (uint32_t i = 1; i < b->n_tx && !found; i++)
		if (!memcmp(ids[i - 1], ids[i], 32)) {
			hex_encode_rev(dup, ids[i], 32);
			found = true;
		}
	free(ids);
	if (found)
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %s: transaction %s appears twice", hex,
				dup);
	return TRC_OK;
}

/* The witness rule at height (UINT32_MAX: segwit taken as active). */
static enum trc_err check_witness_rule(const struct btc_block *b,
				       const struct btc_network *net,
				       uint32_t height, const char *hex,
				       struct trc_error *err)
{
	if (net && height < net->segwit_height)
		return b->n_segwit ? trc_fail(err, TRC_ERR_VERIFY,
					      "block %s: witness data before "
					      "segwit activation at height %u",
					      hex, net->segwit_height)
				   : TRC_OK;
	if (b->witness == BTC_WITNESS_BAD)
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %s: witness commitment does not match "
				"the wtxids",
				hex);
	if (b->witness == BTC_WITNESS_MISSING)
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %s: witness data without a witness "
				"commitment",
				hex);
	return TRC_OK;
}

static enum trc_err verify(const struct btc_block *b,
			   const struct btc_network *net, uint32_t height,
			   bool pow, struct trc_error *err)
{
	char hex[65], got[65], want[65];
	enum trc_err rc;

	hex_encode_rev(hex, b->hdr.hash, 32);
	if (!b->n_tx)
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %s: no "
				"transactions",
				hex);
	if (!b->merkle_ok) {
		hex_encode_rev(got, b->merkle_computed, 32);
		hex_encode_rev(want, b->hdr.merkle_root, 32);
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %s: merkle root of the transactions "
				"is %s, the header has %s%s",
				hex, got, want,
				b->merkle_mutated ? " (mutated tree)" : "");
	}
	if ((pow && (rc = btc_header_check_pow(&b->hdr, net, err))) ||
	    (rc = check_witness_rule(b, net, height, hex, err)))
		return rc;
	return check_unique(b, hex, err);
}

enum trc_err btc_block_verify(const struct btc_block *b,
			      const struct btc_network *net,
			      struct trc_error *err)
{
	return verify(b, net, UINT32_MAX, true, err);
}

enum trc_err btc_block_verify_but_pow(const struct btc_block *b,
				      const struct btc_network *net,
				      struct trc_error *err)
{
	return verify(b, net, UINT32_MAX, false, err);
}

/* BIP34: from its activation the coinbase starts with the height. */
static enum trc_err check_bip34(const struct btc_block *b,
				const struct btc_network *net, uint32_t height,
				struct trc_error *err)
{
	const struct btc_bytes *s = &b->tx[0].in[0].script_sig;
	uint32_t got;
	char hex[65];

	if (height < net->bip34_height)
		return TRC_OK;
	hex_encode_rev(hex, b->hdr.hash, 32);
	if (!btc_coinbase_height(s->p, s->len, &got))
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %s: the coinbase does not start with "
				"the height %u (BIP34, from %u)",
				hex, height, net->bip34_height);
	if (got != height)
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %s: its coinbase says height %u, not "
				"%u (BIP34)",
				hex, got, height);
	return TRC_OK;
}

enum trc_err btc_block_verify_at(const struct btc_block *b,
				 const struct btc_network *net, uint32_t height,
				 struct trc_error *err)
{
	enum trc_err rc;

	if (!net)
		return trc_fail(err, TRC_ERR_INVALID,
				"block %u: no network to verify it for",
				height);
	if ((rc = verify(b, net, height, true, err)) ||
	    (rc = check_bip34(b, net, height, err)))
		return rc;
	return btc_header_check_anchor(net, height, &b->hdr, err);
}

enum trc_err btc_block_verify_rules_at(const struct btc_block *b,
				       const struct btc_network *net,
				       uint32_t height, struct trc_error *err)
{
	enum trc_err rc;

	if (!net)
		return trc_fail(err, TRC_ERR_INVALID,
				"block %u: no network to verify it for",
				height);
	if ((rc = verify(b, net, height, false, err)))
		return rc;
	return check_bip34(b, net, height, err);
}

enum trc_err btc_block_encode(const struct btc_block *b, struct buf *out,
			      struct trc_error *err)
{
	uint8_t h[BTC_HEADER_SIZE];
	enum trc_err rc;

	btc_header_encode(&b->hdr, h);
	if ((rc = buf_append(out, h, sizeof(h))) ||
	    (rc = varint_append(out, b->n_tx)))
		return trc_fail(err, rc, "cannot encode block: %s",
				trc_strerror(rc));
	for (uint32_t i = 0; i < b->n_tx; i++)
		if ((rc = btc_tx_encode(&b->tx[i], out, true, err)))
			return rc;
	return TRC_OK;
}

/* --- builder --- */

enum trc_err btc_block_take_tx(struct btc_block *b, struct btc_tx *tx,
			       struct trc_error *err)
{
	if (btc_tx_is_coinbase(tx) != (b->n_tx == 0))
		return trc_fail(err, TRC_ERR_INVALID,
				b->n_tx ? "only the first transaction may be "
					  "a coinbase"
					: "the first transaction must be a "
					  "coinbase");
	if (b->n_tx == b->cap_tx) {
		uint32_t n = b->cap_tx ? b->cap_tx * 2 : 8;
		struct btc_tx *p = realloc(b->tx, n * sizeof(*p));

		if (!p)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		b->tx = p;
		b->cap_tx = n;
	}
	b->tx[b->n_tx++] = *tx;
	btc_tx_init(tx);
	return TRC_OK;
}

/* BIP141: a 32-zero reserved value in the coinbase witness and an output
 * committing to the witness root. */
static enum trc_err add_commitment(struct btc_block *b, struct trc_error *err)
{
	static const uint8_t zero[32];
	struct btc_tx *cb = &b->tx[0];
	const struct btc_bytes *res;
	uint8_t root[32], both[64], script[38];
	enum trc_err rc;

	if (cb->in[0].n_wit == 0 &&
	    (rc = btc_tx_add_witness(cb, 0, zero, 32, err)))
		return rc;
	res = btc_tx_witness(cb, 0);
	if (cb->in[0].n_wit != 1 || res->len != 32)
		return trc_fail(err, TRC_ERR_INVALID,
				"the coinbase witness must be one 32-byte "
				"reserved value");
	if ((rc = witness_root(b, root, err)))
		return rc;
	memcpy(both, root, 32);
	memcpy(both + 32, res->p, 32);
	memcpy(script, commitment_head, 6);
	hash_sha256d(script + 6, both, 64);
	if ((rc = btc_tx_add_output(cb, 0, script, sizeof(script), err)))
		return rc;
	return btc_tx_finish(cb, err);
}

static bool needs_commitment(const struct btc_block *b)
{
	for (uint32_t i = 1; i < b->n_tx; i++)
		if (btc_tx_has_witness(&b->tx[i]))
			return commitment_output(&b->tx[0]) < 0;
	return false;
}

static enum trc_err grind(struct btc_header *h, struct trc_error *err)
{
	for (uint64_t nonce = 0; nonce <= UINT32_MAX; nonce++) {
		h->nonce = (uint32_t)nonce;
		btc_header_rehash(h);
		if (meets_bits(h->hash, h->bits))
			return TRC_OK;
	}
	return trc_fail(err, TRC_ERR_INVALID, "no nonce meets bits 0x%08x",
			h->bits);
}

enum trc_err btc_block_finish(struct btc_block *b, uint32_t version,
			      const uint8_t prev[32], uint32_t time,
			      uint32_t bits, struct trc_error *err)
{
	uint8_t t[32];
	enum trc_err rc;

	if (!b->n_tx)
		return trc_fail(err, TRC_ERR_INVALID,
				"a block needs a "
				"coinbase transaction");
	if (btc_bits_target(bits, t, err))
		return trc_fail(err, TRC_ERR_INVALID,
				"bits 0x%08x are not a "
				"valid target",
				bits);
	if (needs_commitment(b) && (rc = add_commitment(b, err)))
		return rc;
	b->hdr.version = version;
	memcpy(b->hdr.prev, prev, 32);
	b->hdr.time = time;
	b->hdr.bits = bits;
	b->size = BTC_HEADER_SIZE + varint_size(b->n_tx);
	for (uint32_t i = 0; i < b->n_tx; i++)
		b->size += b->tx[i].size;
	if ((rc = analyse(b, err)))
		return rc;
	memcpy(b->hdr.merkle_root, b->merkle_computed, 32);
	if ((rc = grind(&b->hdr, err)))
		return rc;
	return analyse(b, err);
}
