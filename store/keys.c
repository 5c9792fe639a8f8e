#include "store/keys.h"

#include <string.h>

#include "base/buf.h"

void key_init(struct key *k, enum store_table table)
{
	k->len = 0;
	k->overflow = 0;
	key_u8(k, (uint8_t)table);
}

void key_init_chain(struct key *k, enum store_table table, uint8_t chain)
{
	key_init(k, table);
	key_u8(k, chain);
}

void key_bytes(struct key *k, const uint8_t *p, size_t len)
{
	if (k->overflow || len > KEY_MAX - k->len) {
		k->overflow = 1;
		return;
	}
	memcpy(k->b + k->len, p, len);
	k->len += len;
}

void key_u8(struct key *k, uint8_t v)
{
	key_bytes(k, &v, 1);
}

void key_be32(struct key *k, uint32_t v)
{
	uint8_t t[4];

	be32_put(t, v);
	key_bytes(k, t, 4);
}

void key_str(struct key *k, const char *s)
{
	size_t n = strlen(s);

	if (n > 255) {
		k->overflow = 1;
		return;
	}
	key_u8(k, (uint8_t)n);
	key_bytes(k, (const uint8_t *)s, n);
}

enum trc_err key_ok(const struct key *k, struct trc_error *err)
{
	if (k->overflow)
		return trc_fail(err, TRC_ERR_INVALID,
				"database key too long (a string over 255 "
				"bytes or a key over %d bytes)",
				KEY_MAX);
	return TRC_OK;
}

const char *table_name(uint8_t table)
{
	switch (table) {
	case TABLE_META:
		return "meta";
	case TABLE_BLOCK:
		return "block";
	case TABLE_BLOCK_HASH:
		return "block_hash";
	case TABLE_TAG:
		return "tag";
	case TABLE_CHECKPOINT:
		return "checkpoint";
	case TABLE_TXID:
		return "txid";
	case TABLE_TX:
		return "tx";
	case TABLE_TX_POS:
		return "tx_pos";
	case TABLE_ADDR:
		return "addr";
	case TABLE_ADDR_ID:
		return "addr_id";
	case TABLE_HIST:
		return "addr_hist";
	case TABLE_SPENT_BY:
		return "spent_by";
	case TABLE_LEG:
		return "leg";
	case TABLE_CL_ROOT:
		return "cl_root";
	case TABLE_CL_SIZE:
		return "cl_size";
	case TABLE_CL_MEMBER:
		return "cl_member";
	case TABLE_MEMO_REF:
		return "memo_ref";
	}
	return NULL;
}
