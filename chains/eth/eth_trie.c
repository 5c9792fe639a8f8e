#include "chains/eth/eth_trie.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/hash.h"
#include "chains/eth/rlp.h"

const uint8_t ETH_EMPTY_TRIE_ROOT[32] = {
	0x56, 0xe8, 0x1f, 0x17, 0x1b, 0xcc, 0x55, 0xa6, 0xff, 0x83, 0x45,
	0xe6, 0x92, 0xc0, 0xf8, 0x6e, 0x5b, 0x48, 0xe0, 0x1b, 0x99, 0x6c,
	0xad, 0xc0, 0x01, 0x62, 0x2f, 0xb5, 0xe3, 0x63, 0xb4, 0x21,
};

#define TRIE_MAX_ITEMS (16u << 20)
#define NODE_MAX (64u << 20)

struct item {
	uint8_t nib[12]; /* rlp(i) has at most 5 bytes: 10 nibbles */
	size_t nlen;
	const uint8_t *val;
	size_t vlen;
};

static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	size_t n = x->nlen < y->nlen ? x->nlen : y->nlen;
	int c = memcmp(x->nib, y->nib, n);

	return c ? c : (x->nlen > y->nlen) - (x->nlen < y->nlen);
}

static void key_of(struct item *it, size_t i)
{
	struct buf k = BUF_INIT(16);

	/* rlp of an integer up to 2^32 cannot fail past a 16-byte cap */
	if (rlp_put_u64(&k, i) == TRC_OK)
		for (size_t j = 0; j < k.len; j++) {
			it->nib[2 * j] = k.data[j] >> 4;
			it->nib[2 * j + 1] = k.data[j] & 0x0f;
		}
	it->nlen = 2 * k.len;
	buf_release(&k);
}

/* Hex-prefix encoding of nibbles nib[0..n) (Yellow Paper, appendix C). */
static enum trc_err put_hp(struct buf *out, const uint8_t *nib, size_t n,
			   int leaf)
{
	uint8_t b[8];
	size_t len = 0, i = 0;

	if (n % 2) {
		b[len++] = (uint8_t)(((leaf ? 2 : 0) + 1) << 4 | nib[0]);
		i = 1;
	} else {
		b[len++] = (uint8_t)((leaf ? 2 : 0) << 4);
	}
	for (; i < n; i += 2)
		b[len++] = (uint8_t)(nib[i] << 4 | nib[i + 1]);
	return rlp_put_bytes(out, b, len);
}

static enum trc_err build(const struct item *it, size_t n, size_t d,
			  struct buf *out);

/* A child reference: the node itself below 32 bytes, else its hash. */
static enum trc_err put_ref(struct buf *out, const struct item *it, size_t n,
			    size_t d)
{
	struct buf node = BUF_INIT(NODE_MAX);
	uint8_t h[32];
	enum trc_err rc = build(it, n, d, &node);

	if (!rc && node.len < 32) {
		rc = buf_append(out, node.data, node.len);
	} else if (!rc) {
		hash_keccak256(h, node.data, node.len);
		rc = rlp_put_bytes(out, h, 32);
	}
	buf_release(&node);
	return rc;
}

static enum trc_err build_branch(const struct item *it, size_t n, size_t d,
				 struct buf *out)
{
	struct buf p = BUF_INIT(NODE_MAX);
	const struct item *value = NULL;
	enum trc_err rc = TRC_OK;
	size_t i = 0;

	if (n && it[0].nlen == d) {
		value = &it[0];
		i = 1;
	}
	for (uint8_t nib = 0; nib < 16 && !rc; nib++) {
		size_t j = i;

		while (j < n && it[j].nib[d] == nib)
			j++;
		rc = j > i ? put_ref(&p, it + i, j - i, d + 1)
			   : rlp_put_bytes(&p, NULL, 0);
		i = j;
	}
	if (!rc)
		rc = value ? rlp_put_bytes(&p, value->val, value->vlen)
			   : rlp_put_bytes(&p, NULL, 0);
	if (!rc)
		rc = rlp_put_list(out, p.data, p.len);
	buf_release(&p);
	return rc;
}

/* The node for items it[0..n), sorted, sharing their first d nibbles. */
static enum trc_err build(const struct item *it, size_t n, size_t d,
			  struct buf *out)
{
	struct buf p = BUF_INIT(NODE_MAX);
	size_t cp = 0;
	enum trc_err rc;

	if (n == 1) {
		rc = put_hp(&p, it[0].nib + d, it[0].nlen - d, 1);
		if (!rc)
			rc = rlp_put_bytes(&p, it[0].val, it[0].vlen);
		goto wrap;
	}
	/* sorted: the common prefix of all is that of the first and last */
	while (d + cp < it[0].nlen && d + cp < it[n - 1].nlen &&
	       it[0].nib[d + cp] == it[n - 1].nib[d + cp])
		cp++;
	if (cp == 0) {
		buf_release(&p);
		return build_branch(it, n, d, out);
	}
	rc = put_hp(&p, it[0].nib + d, cp, 0);
	if (!rc)
		rc = put_ref(&p, it, n, d + cp);
wrap:
	if (!rc)
		rc = rlp_put_list(out, p.data, p.len);
	buf_release(&p);
	return rc;
}

enum trc_err eth_trie_root_list(uint8_t root[32], const uint8_t *const *vals,
				const size_t *lens, size_t n,
				struct trc_error *err)
{
	struct item *items;
	struct buf node = BUF_INIT(NODE_MAX);
	enum trc_err rc;

	memcpy(root, ETH_EMPTY_TRIE_ROOT, 32);
	if (n == 0)
		return TRC_OK;
	if (n > TRIE_MAX_ITEMS)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"trie of %zu items is too large", n);
	items = calloc(n, sizeof(*items));
	if (!items)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		key_of(&items[i], i);
		items[i].val = vals[i];
		items[i].vlen = lens[i];
	}
	qsort(items, n, sizeof(*items), cmp_item);
	rc = build(items, n, 0, &node);
	if (!rc)
		hash_keccak256(root, node.data, node.len);
	else
		trc_fail(err, rc, "cannot build the trie: %s",
			 trc_strerror(rc));
	free(items);
	buf_release(&node);
	return rc;
}
