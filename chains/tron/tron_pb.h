/*
 * tron_pb.h - the one wrapper around protobuf-c (STYLE.md rule 2): Tron's
 * protobuf messages (chains/tron/tron.proto) decoded into plain structs,
 * and the two encodings tracer recomputes hashes from - a block header's
 * raw data and a transaction as the block's merkle tree hashes it.
 *
 * protobuf-c writes fields in field-number order and leaves out proto3
 * defaults (0, empty), as java-tron's protobuf-java does: the bytes are
 * the ones the network hashed. Nothing here prints.
 */
#ifndef TRC_TRON_PB_H
#define TRC_TRON_PB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"
#include "chains/tron/tron_addr.h"

/* BlockHeader.raw; the byte fields point into the caller's memory. */
struct tron_header {
	int64_t timestamp; /* milliseconds since 1970 */
	const uint8_t *tx_trie_root;
	size_t tx_trie_root_len;
	const uint8_t *parent_hash;
	size_t parent_hash_len;
	int64_t number;
	int64_t witness_id;
	const uint8_t *witness_address;
	size_t witness_address_len;
	int32_t version;
	const uint8_t *account_state_root;
	size_t account_state_root_len;
};

/* Appends the protobuf encoding of h to out. */
enum trc_err tron_pb_header_encode(const struct tron_header *h, struct buf *out,
				   struct trc_error *err) TRC_WARN_UNUSED;

/* Contract types tracer turns into value legs (Transaction.Contract). */
enum tron_contract_type {
	TRON_TRANSFER = 1,	 /* TRX */
	TRON_TRANSFER_ASSET = 2, /* TRC-10 */
	TRON_TRIGGER = 31,	 /* a smart contract call (TRC-20) */
};

/* a TRC-10 asset_name: the token id (decimal digits) since 2019, its
 * name before (java-tron's AllowSameTokenName) */
#define TRON_ASSET_MAX 32
/* the asset string of a TRC-10 leg: the id, or "trc10:" and the name */
#define TRON_ASSET_STR (TRON_ASSET_MAX + 7)
#define TRON_DATA_MAX 4096 /* call data kept (a transfer needs 68) */

/*
 * The one contract of a transaction's raw data. For the types above the
 * parameters are decoded: owner, to (the receiver, or the called contract
 * for TRON_TRIGGER), amount (sun, token units, or call_value), asset (the
 * TRC-10 token id, or "trc10:NAME" for an old name of printable ASCII;
 * asset_name the bytes as signed) and data (the call data, at most
 * TRON_DATA_MAX bytes;
 * data_len is its full length). Other types: only owner when it is the
 * first field of the parameters (as in every contract type).
 */
struct tron_contract {
	int32_t type;
	char type_url[96];
	int32_t permission_id;
	bool decoded; /* type is one of enum tron_contract_type */
	uint8_t owner[TRON_ADDR_LEN];
	bool has_owner;
	uint8_t to[TRON_ADDR_LEN];
	bool has_to;
	int64_t amount;
	char asset[TRON_ASSET_STR];
	uint8_t asset_name[TRON_ASSET_MAX];
	size_t asset_name_len;
	uint8_t data[TRON_DATA_MAX];
	size_t data_len;
	int64_t timestamp, expiration, fee_limit; /* of the raw data */
};

/*
 * Decodes a transaction's raw data (Transaction.raw). Out: *c (zeroed
 * first). TRC_ERR_PARSE naming the reason: not protobuf, not exactly one
 * contract (every Tron transaction has one), addresses that are not 21
 * bytes with the 0x41 prefix, a negative amount.
 */
enum trc_err tron_pb_raw_decode(const uint8_t *raw, size_t len,
				struct tron_contract *c,
				struct trc_error *err) TRC_WARN_UNUSED;

/* Transaction.Result as a block carries it. */
struct tron_result {
	int64_t fee;
	int32_t ret;	      /* 0 SUCESS (sic), 1 FAILED */
	int32_t contract_ret; /* 0 DEFAULT, 1 SUCCESS, 2 REVERT, ... */
};

/*
 * Appends the Transaction (raw data bytes, signatures, results) to out:
 * the bytes whose SHA-256 is the transaction's leaf in the block's
 * transactions root.
 */
enum trc_err tron_pb_tx_encode(const uint8_t *raw, size_t raw_len,
			       uint8_t *const *sigs, const size_t *sig_lens,
			       size_t n_sigs, const struct tron_result *rets,
			       size_t n_rets, struct buf *out,
			       struct trc_error *err) TRC_WARN_UNUSED;

/* "SUCCESS" -> 1, ... as Transaction.Result.contractResult; -1 unknown. */
int tron_contract_ret_parse(const char *name);
/* The name of a contractResult value ("REVERT"); "UNKNOWN" past them. */
const char *tron_contract_ret_name(int32_t v);

#endif
