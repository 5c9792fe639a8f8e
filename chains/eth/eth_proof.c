/*
 * eth_proof.c - EIP-1186 account proofs (see eth_proof.h).
 */
#include "chains/eth/eth_proof.h"

#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/hex.h"
#include "chains/eth/eth_addr.h"
#include "chains/eth/eth_json.h"
#include "chains/eth/eth_trie.h"
#include "chains/eth/rlp.h"

const uint8_t ETH_EMPTY_CODE_HASH[32] = {
	0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d,
	0xb2, 0xdc, 0xc7, 0x03, 0xc0, 0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82,
	0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70
};

#define KEY_NIBBLES 64

/* Where the walk is: the key's nibbles, how many are consumed, and what
 * the next node must be (a hash, or an embedded node's encoding). */
struct path {
	uint8_t key[KEY_NIBBLES];
	size_t at;
	bool embedded;
	uint8_t want[32];
	struct rlp_item inner; /* the embedded node when embedded */
	bool done, found;
	struct rlp_item value;
};

static enum trc_err absent(struct path *p)
{
	p->done = true;
	p->found = false;
	return TRC_OK;
}

/* The next node to visit is child (a 32-byte hash, an embedded list or
 * the empty string: no such key). */
static enum trc_err follow(struct path *p, const struct rlp_item *child,
			   struct trc_error *err)
{
	if (child->list) {
		p->embedded = true;
		p->inner = *child;
		return TRC_OK;
	}
	if (child->len == 0)
		return absent(p);
	if (child->len != 32)
		return trc_fail(err, TRC_ERR_PARSE,
				"a child reference of %zu bytes", child->len);
	p->embedded = false;
	memcpy(p->want, child->p, 32);
	return TRC_OK;
}

static enum trc_err branch(struct path *p, const struct rlp_item *it,
			   struct trc_error *err)
{
	if (p->at == KEY_NIBBLES)
		return trc_fail(err, TRC_ERR_VERIFY,
				"a branch node below a full key");
	return follow(p, &it[p->key[p->at++]], err);
}

/* A leaf or extension node: its hex-prefix path, then a value or child. */
static enum trc_err short_node(struct path *p, const struct rlp_item *it,
			       struct trc_error *err)
{
	const uint8_t *hp = it[0].p;
	uint8_t flag, nib[KEY_NIBBLES + 1];
	size_t n = 0;

	if (it[0].list || it[0].len == 0 || it[0].len > 33)
		return trc_fail(err, TRC_ERR_PARSE,
				"a node path of %zu "
				"bytes",
				it[0].len);
	flag = hp[0] >> 4;
	if (flag > 3 || (!(flag & 1) && (hp[0] & 0x0f)))
		return trc_fail(err, TRC_ERR_PARSE,
				"a node path with flag "
				"0x%02x",
				hp[0]);
	if (flag & 1)
		nib[n++] = hp[0] & 0x0f;
	for (size_t i = 1; i < it[0].len; i++) {
		nib[n++] = hp[i] >> 4;
		nib[n++] = hp[i] & 0x0f;
	}
	if (n > KEY_NIBBLES - p->at || memcmp(nib, p->key + p->at, n))
		return absent(p); /* the key diverges: not in the trie */
	p->at += n;
	if (flag & 2) {
		if (p->at != KEY_NIBBLES)
			return absent(p);
		p->done = p->found = true;
		p->value = it[1];
		return TRC_OK;
	}
	return follow(p, &it[1], err);
}

static enum trc_err visit(struct path *p, const struct rlp_item *node,
			  struct trc_error *err)
{
	struct rlp_item it[17];
	size_t n;
	enum trc_err rc = rlp_list(node, it, 17, &n, err);

	if (rc)
		return rc;
	if (n == 17)
		return branch(p, it, err);
	if (n == 2)
		return short_node(p, it, err);
	return trc_fail(err, TRC_ERR_PARSE, "a trie node of %zu items", n);
}

/* Checks and visits proof node i (hash-named by its parent). */
static enum trc_err visit_node(struct path *p, const uint8_t *node, size_t len,
			       struct trc_error *err)
{
	uint8_t h[32];
	struct rlp_item it;
	enum trc_err rc;

	if (len > ETH_PROOF_MAX_NODE)
		return trc_fail(err, TRC_ERR_TOOBIG, "a node of %zu bytes",
				len);
	hash_keccak256(h, node, len);
	if (memcmp(h, p->want, 32))
		return trc_fail(err, TRC_ERR_VERIFY,
				"its hash is not the one its parent names");
	if ((rc = rlp_decode(&it, node, len, 0, err)))
		return rc;
	if (!it.list)
		return trc_fail(err, TRC_ERR_PARSE, "not a list");
	return visit(p, &it, err);
}

static enum trc_err walk(struct path *p, const uint8_t *const *nodes,
			 const size_t *lens, size_t n, struct trc_error *err)
{
	size_t i = 0;
	enum trc_err rc;

	while (!p->done) {
		if (p->embedded) {
			p->embedded = false;
			rc = visit(p, &p->inner, err);
		} else if (i == n) {
			return trc_fail(err, TRC_ERR_VERIFY,
					"the proof ends after %zu nodes "
					"without reaching the account",
					n);
		} else {
			rc = visit_node(p, nodes[i], lens[i], err);
			i++;
		}
		if (rc)
			return trc_error_prefix(err, rc, "proof node %zu",
						i ? i - 1 : 0);
	}
	if (i != n)
		return trc_fail(err, TRC_ERR_VERIFY,
				"%zu proof nodes after the account's", n - i);
	return TRC_OK;
}

static enum trc_err read_account(const struct rlp_item *v,
				 struct eth_account *a, struct trc_error *err)
{
	struct rlp_item outer, f[4];
	size_t n;
	enum trc_err rc;

	if (v->list)
		return trc_fail(err, TRC_ERR_PARSE, "account is not bytes");
	if ((rc = rlp_decode(&outer, v->p, v->len, 0, err)) ||
	    (rc = rlp_list(&outer, f, 4, &n, err)))
		return rc;
	if (n != 4)
		return trc_fail(err, TRC_ERR_PARSE, "account of %zu fields", n);
	a->exists = true;
	if ((rc = rlp_get_u64(&f[0], &a->nonce, "nonce", err)) ||
	    (rc = rlp_get_amount(&f[1], &a->balance, "balance", err)) ||
	    (rc = rlp_get_fixed(&f[2], a->storage_root, 32, "storageRoot",
				err)))
		return rc;
	return rlp_get_fixed(&f[3], a->code_hash, 32, "codeHash", err);
}

enum trc_err eth_proof_account(const uint8_t root[32],
			       const uint8_t address[20],
			       const uint8_t *const *nodes, const size_t *lens,
			       size_t n, struct eth_account *acct,
			       struct trc_error *err)
{
	struct path p;
	uint8_t k[32];
	enum trc_err rc;

	memset(acct, 0, sizeof(*acct));
	memcpy(acct->storage_root, ETH_EMPTY_TRIE_ROOT, 32);
	memcpy(acct->code_hash, ETH_EMPTY_CODE_HASH, 32);
	if (n > ETH_PROOF_MAX_NODES)
		return trc_fail(err, TRC_ERR_TOOBIG, "a proof of %zu nodes", n);
	memset(&p, 0, sizeof(p));
	hash_keccak256(k, address, 20);
	for (size_t i = 0; i < 32; i++) {
		p.key[2 * i] = k[i] >> 4;
		p.key[2 * i + 1] = k[i] & 0x0f;
	}
	memcpy(p.want, root, 32);
	if (n == 0 && !memcmp(root, ETH_EMPTY_TRIE_ROOT, 32))
		return TRC_OK; /* the empty state holds nothing */
	if ((rc = walk(&p, nodes, lens, n, err)))
		return rc;
	if (!p.found)
		return TRC_OK;
	rc = read_account(&p.value, acct, err);
	if (rc) {
		memset(acct, 0, sizeof(*acct));
		return trc_error_prefix(err, rc, "the proven account");
	}
	return TRC_OK;
}

/* ---- eth_getProof results ---- */

struct nodes {
	uint8_t *buf[ETH_PROOF_MAX_NODES];
	size_t len[ETH_PROOF_MAX_NODES];
	size_t n;
};

static void nodes_release(struct nodes *ns)
{
	for (size_t i = 0; i < ns->n; i++)
		free(ns->buf[i]);
	ns->n = 0;
}

static enum trc_err read_nodes(const json_t *arr, struct nodes *ns,
			       struct trc_error *err)
{
	enum trc_err rc;
	size_t i;
	json_t *v;

	if (!json_is_array(arr))
		return trc_fail(err, TRC_ERR_PARSE, "no 'accountProof' array");
	if (json_array_size(arr) > ETH_PROOF_MAX_NODES)
		return trc_fail(err, TRC_ERR_TOOBIG, "a proof of %zu nodes",
				json_array_size(arr));
	json_array_foreach(arr, i, v)
	{
		const char *s = json_string_value(v);
		size_t hl = s ? strlen(s) : 0;

		if (!s || hl < 2 || s[0] != '0' || s[1] != 'x' ||
		    (hl - 2) / 2 > ETH_PROOF_MAX_NODE)
			return trc_fail(err, TRC_ERR_PARSE,
					"accountProof[%zu] is not a hex "
					"node",
					i);
		ns->buf[ns->n] = malloc((hl - 2) / 2 + 1);
		if (!ns->buf[ns->n])
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		ns->n++;
		rc = hex_decode(ns->buf[ns->n - 1], (hl - 2) / 2 + 1,
				&ns->len[ns->n - 1], s + 2, hl - 2, err);
		if (rc)
			return trc_error_prefix(err, rc, "accountProof[%zu]",
						i);
	}
	return TRC_OK;
}

/* The result's claims must be what the proof proves. */
static enum trc_err check_claims(const json_t *r, const struct eth_account *a,
				 struct trc_error *err)
{
	trc_amount bal;
	uint64_t nonce;
	uint8_t code[32], storage[32];
	enum trc_err rc;

	if ((rc = ejson_amount(r, "balance", true, &bal, NULL, err)) ||
	    (rc = ejson_u64(r, "nonce", true, &nonce, NULL, err)))
		return rc;
	if (amount_cmp(bal, a->balance))
		return trc_fail(err, TRC_ERR_VERIFY,
				"the balance it claims "
				"is not the proven one");
	if (nonce != a->nonce)
		return trc_fail(err, TRC_ERR_VERIFY,
				"the nonce it claims is "
				"not the proven one");
	/* for an absent account nodes differ (zeros or the empty hashes) */
	if (!a->exists)
		return TRC_OK;
	if ((rc = ejson_fixed(r, "codeHash", true, code, 32, NULL, err)) ||
	    (rc = ejson_fixed(r, "storageHash", true, storage, 32, NULL, err)))
		return rc;
	if (memcmp(code, a->code_hash, 32) ||
	    memcmp(storage, a->storage_root, 32))
		return trc_fail(err, TRC_ERR_VERIFY,
				"the code or storage "
				"hash it claims is not the proven one");
	return TRC_OK;
}

enum trc_err eth_proof_check_json(const json_t *result, const uint8_t root[32],
				  const uint8_t address[20],
				  struct eth_account *acct,
				  struct trc_error *err)
{
	struct nodes ns = { .n = 0 };
	uint8_t a[20];
	char hex[ETH_ADDR_STR];
	enum trc_err rc;

	memset(acct, 0, sizeof(*acct));
	eth_addr_format(hex, address);
	if (!json_is_object(result))
		rc = trc_fail(err, TRC_ERR_PARSE, "not an object");
	else if (!(rc = ejson_addr(result, "address", true, a, NULL, err)) &&
		 memcmp(a, address, 20))
		rc = trc_fail(err, TRC_ERR_VERIFY,
			      "a proof for another "
			      "address");
	if (!rc)
		rc = read_nodes(json_object_get(result, "accountProof"), &ns,
				err);
	if (!rc)
		rc = eth_proof_account(root, address,
				       (const uint8_t *const *)ns.buf, ns.len,
				       ns.n, acct, err);
	if (!rc)
		rc = check_claims(result, acct, err);
	nodes_release(&ns);
	if (rc) {
		memset(acct, 0, sizeof(*acct));
		trc_error_prefix(err, rc, "account proof of %s", hex);
	}
	return rc;
}
