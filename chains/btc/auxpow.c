#include "chains/btc/auxpow.h"

#include <string.h>

#include "base/buf.h"
#include "base/hash.h"
#include "base/hex.h"
#include "chains/btc/block.h"
#include "chains/btc/varint.h"

static const uint8_t mm_prefix[4] = { 0xfa, 0xbe, 'm', 'm' };

static enum trc_err read_branch(struct reader *r, uint8_t (*h)[32], uint32_t *n,
				uint32_t *index, const char *what,
				struct trc_error *err)
{
	uint64_t count;
	enum trc_err rc;

	if ((rc = varint_read(r, &count, what, err)))
		return rc;
	if (count > BTC_AUXPOW_BRANCH_MAX)
		return trc_fail(err, TRC_ERR_PARSE,
				"AuxPoW %s of %llu hashes at offset %zu: at "
				"most %d",
				what, (unsigned long long)count, r->pos,
				BTC_AUXPOW_BRANCH_MAX);
	for (uint64_t i = 0; i < count; i++)
		if ((rc = reader_copy(r, h[i], 32, err)))
			return rc;
	*n = (uint32_t)count;
	return reader_le32(r, index, err);
}

enum trc_err btc_auxpow_parse(struct btc_auxpow *a, const uint8_t *p,
			      size_t len, struct trc_error *err)
{
	struct reader r;
	const uint8_t *unused;
	enum trc_err rc;

	memset(a, 0, sizeof(*a));
	btc_tx_init(&a->coinbase);
	reader_init(&r, p, len, "AuxPoW proof");
	if ((rc = btc_tx_read(&a->coinbase, &r, err)) ||
	    (rc = reader_bytes(&r, &unused, 32, err)) ||
	    (rc = read_branch(&r, a->cb_branch, &a->n_cb_branch, &a->cb_index,
			      "coinbase merkle branch", err)) ||
	    (rc = read_branch(&r, a->chain_branch, &a->n_chain_branch,
			      &a->chain_index, "chain merkle branch", err)) ||
	    (rc = reader_copy(&r, a->parent, 80, err))) {
		trc_error_prefix(err, rc, "AuxPoW proof");
		return rc;
	}
	a->size = r.pos;
	return TRC_OK;
}

void btc_auxpow_release(struct btc_auxpow *a)
{
	btc_tx_release(&a->coinbase);
}

uint32_t btc_auxpow_expected_index(uint32_t nonce, uint32_t chain_id,
				   unsigned h)
{
	uint32_t rand = nonce;

	rand = rand * 1103515245u + 12345u;
	rand += chain_id;
	rand = rand * 1103515245u + 12345u;
	return h >= 32 ? rand : rand % (1u << h);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static const uint8_t *find(const uint8_t *hay, size_t n, const uint8_t *needle,
			   size_t k)
{
	for (size_t i = 0; k <= n && i + k <= n; i++)
		if (!memcmp(hay + i, needle, k))
			return hay + i;
	return NULL;
}

/* The scriptSig commitment: root (big-endian) after the one prefix, or in
 * the first 20 bytes; then the tree size and the nonce. */
static enum trc_err check_commitment(const struct btc_fork *f,
				     const struct btc_auxpow *a,
				     const uint8_t root_be[32], const char *hex,
				     struct trc_error *err)
{
	const struct btc_bytes *s = &a->coinbase.in[0].script_sig;
	const uint8_t *mm = find(s->p, s->len, mm_prefix, 4);
	const uint8_t *rp = find(s->p, s->len, root_be, 32);
	uint32_t size, nonce, want;

	if (!rp)
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: AuxPoW parent coinbase does not "
				"carry the chain merkle root",
				f->title, hex);
	if (mm) {
		if (find(mm + 1, s->len - (size_t)(mm + 1 - s->p), mm_prefix,
			 4))
			return trc_fail(err, TRC_ERR_VERIFY,
					"%s block %s: AuxPoW parent coinbase "
					"has more than one merged-mining "
					"prefix",
					f->title, hex);
		if (mm + 4 != rp)
			return trc_fail(err, TRC_ERR_VERIFY,
					"%s block %s: AuxPoW merged-mining "
					"prefix is not just before the chain "
					"merkle root",
					f->title, hex);
	} else if (rp - s->p > 20) {
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: AuxPoW chain merkle root past "
				"the first 20 bytes of the parent coinbase",
				f->title, hex);
	}
	if ((size_t)(rp + 32 - s->p) + 8 > s->len)
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: AuxPoW parent coinbase lacks "
				"the merkle tree size and nonce",
				f->title, hex);
	size = le32(rp + 32);
	nonce = le32(rp + 36);
	if (size != (1u << a->n_chain_branch))
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: AuxPoW merkle tree size %u does "
				"not match the chain merkle branch (%u)",
				f->title, hex, size, a->n_chain_branch);
	want = btc_auxpow_expected_index(nonce, f->auxpow_chain_id,
					 a->n_chain_branch);
	if (a->chain_index != want)
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: AuxPoW chain index %u is not "
				"the expected slot %u",
				f->title, hex, a->chain_index, want);
	return TRC_OK;
}

/* hash (little-endian number) <= target (big-endian) */
static int meets(const uint8_t h[32], const uint8_t t[32])
{
	for (int i = 0; i < 32; i++)
		if (h[31 - i] != t[i])
			return h[31 - i] < t[i];
	return 1;
}

enum trc_err btc_auxpow_verify(const struct btc_fork *f,
			       const struct btc_auxpow *a,
			       const uint8_t header[80], struct trc_error *err)
{
	uint8_t id[32], root[32], root_be[32], cbroot[32], pow[32], t[32];
	uint8_t limit[32];
	char hex[65];
	struct trc_error e = TRC_ERROR_INIT;
	enum trc_err rc;

	hash_sha256d(id, header, 80);
	hex_encode_rev(hex, id, 32);
	if (!f->auxpow)
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: the chain has no AuxPoW",
				f->title, hex);
	if (!(le32(header) & BTC_AUXPOW_VERSION_BIT))
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: AuxPoW on a header without the "
				"AuxPoW version bit",
				f->title, hex);
	if (a->cb_index != 0)
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: AuxPoW coinbase index %u: the "
				"parent transaction is not a generate",
				f->title, hex, a->cb_index);
	if (!btc_tx_is_coinbase(&a->coinbase))
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: AuxPoW parent transaction is not "
				"a coinbase",
				f->title, hex);
	if ((le32(a->parent) >> 16) == f->auxpow_chain_id)
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: AuxPoW parent header has our "
				"chain id 0x%x",
				f->title, hex, f->auxpow_chain_id);
	btc_merkle_branch_root(cbroot, a->coinbase.txid,
			       (const uint8_t(*)[32])a->cb_branch,
			       a->n_cb_branch, a->cb_index);
	if (memcmp(cbroot, a->parent + 36, 32))
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: AuxPoW coinbase merkle branch "
				"does not lead to the parent header's merkle "
				"root",
				f->title, hex);
	btc_merkle_branch_root(root, id, (const uint8_t(*)[32])a->chain_branch,
			       a->n_chain_branch, a->chain_index);
	for (int i = 0; i < 32; i++)
		root_be[i] = root[31 - i];
	if ((rc = check_commitment(f, a, root_be, hex, err)))
		return rc;
	if (btc_bits_target(le32(header + 72), t, &e))
		return trc_fail(err, TRC_ERR_VERIFY, "%s block %s: %s",
				f->title, hex, e.msg);
	if (!btc_bits_target(f->net.pow_limit_bits, limit, NULL) &&
	    memcmp(t, limit, 32) > 0)
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: bits 0x%08x are easier than "
				"its limit 0x%08x",
				f->title, hex, le32(header + 72),
				f->net.pow_limit_bits);
	if ((rc = btc_fork_pow_hash(f, a->parent, pow, err)))
		return rc;
	if (!meets(pow, t))
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s block %s: AuxPoW parent header's scrypt "
				"work does not meet the target (bits 0x%08x)",
				f->title, hex, le32(header + 72));
	return TRC_OK;
}
