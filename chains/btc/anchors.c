/*
 * anchors.c - difficulty anchors (see anchors.h).
 */
#include "chains/btc/anchors.h"

#include <string.h>

#include "base/hex.h"

#include "chains/btc/anchors_table.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *network;
	const struct btc_anchor *rows;
	size_t n;
	bool bits;
} sets[] = {
	{ "main", anchors_main, N(anchors_main), true },
	{ "test", anchors_test, N(anchors_test), false },
};

const struct btc_anchor *btc_anchors(const struct btc_network *net, size_t *n,
				     bool *bits)
{
	*n = 0;
	*bits = false;
	for (size_t i = 0; net && i < N(sets); i++)
		if (!strcmp(sets[i].network, net->name)) {
			*n = sets[i].n;
			*bits = sets[i].bits;
			return sets[i].rows;
		}
	return NULL;
}

/* The header just before a tabled epoch must be the tabled block. */
static enum trc_err check_hash(const struct btc_anchor *rows, size_t n,
			       uint32_t height, const struct btc_header *h,
			       struct trc_error *err)
{
	uint32_t next = height + 1;
	char hex[65];

	if (next % BTC_EPOCH || next / BTC_EPOCH > n)
		return TRC_OK;
	hex_encode_rev(hex, h->hash, 32);
	if (strcmp(hex, rows[next / BTC_EPOCH - 1].hash))
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %s: the difficulty anchor at height "
				"%u is %s",
				hex, height, rows[next / BTC_EPOCH - 1].hash);
	return TRC_OK;
}

/* Past the table: the target at most 4 times the last anchor's. */
static enum trc_err check_bound(const struct btc_anchor *last, uint32_t height,
				const struct btc_header *h,
				struct trc_error *err)
{
	uint8_t t[32], bound[32];
	char hex[65];
	unsigned carry = 0;
	enum trc_err rc;

	if ((rc = btc_bits_target(h->bits, t, err)) ||
	    (rc = btc_bits_target(last->bits, bound, err))) {
		trc_error_prefix(err, rc, "height %u", height);
		return rc;
	}
	hex_encode_rev(hex, h->hash, 32);
	for (int i = 31; i >= 0; i--) {
		unsigned v = (unsigned)bound[i] << 2 | carry;

		bound[i] = (uint8_t)v;
		carry = v >> 8;
	}
	if (carry || memcmp(t, bound, 32) > 0)
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %s: bits 0x%08x at height %u are more "
				"than 4 times easier than the last difficulty "
				"anchor (0x%08x from height %u)",
				hex, h->bits, height, last->bits, last->height);
	return TRC_OK;
}

enum trc_err btc_header_check_anchor(const struct btc_network *net,
				     uint32_t height,
				     const struct btc_header *h,
				     struct trc_error *err)
{
	size_t n, epoch = height / BTC_EPOCH;
	bool bits;
	const struct btc_anchor *rows = btc_anchors(net, &n, &bits);
	uint32_t want;
	char hex[65];
	enum trc_err rc;

	if (!rows)
		return TRC_OK;
	if ((rc = check_hash(rows, n, height, h, err)))
		return rc;
	if (!bits)
		return TRC_OK;
	if (epoch > n)
		return check_bound(&rows[n - 1], height, h, err);
	want = epoch ? rows[epoch - 1].bits : net->pow_limit_bits;
	hex_encode_rev(hex, h->hash, 32);
	if (h->bits != want)
		return trc_fail(err, TRC_ERR_VERIFY,
				"block %s: bits 0x%08x, but the difficulty "
				"epoch of height %u (from %zu) has 0x%08x "
				"(difficulty anchors)",
				hex, h->bits, height, epoch * BTC_EPOCH, want);
	return TRC_OK;
}
