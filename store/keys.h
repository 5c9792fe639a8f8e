/*
 * keys.h - the tables of the database and how their keys are built.
 *
 * Every key starts with one table byte; per-chain tables follow it with the
 * chain id byte. Numbers in keys are big-endian so that keys sort in chain
 * order; strings in keys are prefixed with their length (one byte, so at
 * most 255). docs/storage.md documents every layout; change both together
 * and bump STORE_SCHEMA_VERSION.
 */
#ifndef TRC_KEYS_H
#define TRC_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

enum store_table {
	TABLE_META = 0x00,	 /* name -> value */
	TABLE_BLOCK = 0x01,	 /* chain height -> block record */
	TABLE_BLOCK_HASH = 0x02, /* chain hash -> height */
	TABLE_TAG = 0x07,	 /* chain addr source entity -> tag record */
	TABLE_CHECKPOINT = 0x08, /* chain -> height hash */
	/* schema version 2 */
	TABLE_TXID = 0x10,     /* chain txid[0..8) -> tx numbers */
	TABLE_TX = 0x11,       /* chain number -> tx record */
	TABLE_TX_POS = 0x12,   /* chain height position -> number */
	TABLE_ADDR = 0x13,     /* chain sha256(addr)[0..8) -> address ids */
	TABLE_ADDR_ID = 0x14,  /* chain id -> tx count, address */
	TABLE_HIST = 0x15,     /* chain id height position -> flags number */
	TABLE_SPENT_BY = 0x16, /* chain number vout -> number vin */
	TABLE_LEG = 0x17, /* chain id asset height position leg dir -> leg */
	/* clustering (store/clusterdb.h) */
	TABLE_CL_ROOT = 0x18,	/* chain member id -> root id */
	TABLE_CL_SIZE = 0x19,	/* chain root id -> members */
	TABLE_CL_MEMBER = 0x1a, /* chain root id member id -> (empty) */
	/* chain, the hash a memo names, tx number -> (empty) */
	TABLE_MEMO_REF = 0x1b,
	/* schema version 1, read only by the upgrade (store/upgrade.c) */
	TABLE_V1_TX = 0x03,	   /* chain txid -> tx record (v1) */
	TABLE_V1_TX_POS = 0x04,	   /* chain height position -> txid */
	TABLE_V1_ADDR_HIST = 0x05, /* chain addr height position txid */
	TABLE_V1_SPENT_BY = 0x06,  /* chain txid vout -> txid vin */
	TABLE_V1_LEG = 0x09,	   /* chain addr asset height pos leg dir */
};

/* Bytes of the hashed keys of TABLE_TXID and TABLE_ADDR. */
#define KEY_HASH_LEN 8

#define KEY_META_SCHEMA "schema_version"
#define KEY_META_NETWORK "network/" /* + chain name -> network name */
#define KEY_META_NEXT "next/" /* + chain byte -> next tx number, addr id */
#define KEY_META_COINJOINS "coinjoins/" /* + chain byte -> count */
/* + chain byte, present while a clustering rebuild is unfinished */
#define KEY_META_CL_REBUILD "cluster_rebuild/"

#define KEY_MAX 600

/* A key under construction; overflow is sticky and reported by key_ok. */
struct key {
	uint8_t b[KEY_MAX];
	size_t len;
	int overflow;
};

void key_init(struct key *k, enum store_table table);
/* key_init then the chain byte. */
void key_init_chain(struct key *k, enum store_table table, uint8_t chain);
void key_u8(struct key *k, uint8_t v);
void key_be32(struct key *k, uint32_t v);
void key_bytes(struct key *k, const uint8_t *p, size_t len);
/* One length byte, then the bytes; a string over 255 bytes overflows. */
void key_str(struct key *k, const char *s);
/* TRC_OK, or TRC_ERR_INVALID when the key overflowed. */
enum trc_err key_ok(const struct key *k, struct trc_error *err);

/* Returns a short lowercase name for a table byte ("tx", "block", ...) or
 * NULL for an unknown one. */
const char *table_name(uint8_t table);

#endif
