/*
 * eth_json.h - reading the fields of an Ethereum JSON-RPC object (a
 * transaction, a block header, a receipt, a trace frame) as a node sends
 * them: quantities "0x1a", data "0x..." with an even number of digits,
 * addresses (EIP-55 checked when mixed case), 32-byte hashes.
 *
 * Every function reads obj[key]. A missing member or a JSON null is "not
 * present": with required it fails ("missing field 'nonce'"), otherwise
 * *present (which may be NULL) is set false and the output zeroed. A
 * member of the wrong type or format fails with TRC_ERR_PARSE naming the
 * field. The caller prefixes the context (tx hash, block number).
 * obj is borrowed.
 */
#ifndef TRC_ETH_JSON_H
#define TRC_ETH_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"

/* Largest data field accepted (a transaction's input, a block's extra). */
#define EJSON_DATA_MAX (16u << 20)

enum trc_err ejson_u64(const json_t *obj, const char *key, bool required,
		       uint64_t *v, bool *present,
		       struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err ejson_amount(const json_t *obj, const char *key, bool required,
			  trc_amount *v, bool *present,
			  struct trc_error *err) TRC_WARN_UNUSED;
/* "0x" and exactly 2n hex digits. */
enum trc_err ejson_fixed(const json_t *obj, const char *key, bool required,
			 uint8_t *out, size_t n, bool *present,
			 struct trc_error *err) TRC_WARN_UNUSED;
/* A 32-byte big-endian integer from a quantity (r, s of signatures). */
enum trc_err ejson_word(const json_t *obj, const char *key, bool required,
			uint8_t out[32], bool *present,
			struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err ejson_addr(const json_t *obj, const char *key, bool required,
			uint8_t out[20], bool *present,
			struct trc_error *err) TRC_WARN_UNUSED;
/*
 * Data of any length up to EJSON_DATA_MAX. Out: *out, new (free with
 * free(); NULL for empty data), *len.
 */
enum trc_err ejson_data(const json_t *obj, const char *key, bool required,
			uint8_t **out, size_t *len, bool *present,
			struct trc_error *err) TRC_WARN_UNUSED;

/* Parses a value that is itself the hex string (array elements). */
enum trc_err ejson_fixed_value(const json_t *v, const char *what, uint8_t *out,
			       size_t n, struct trc_error *err) TRC_WARN_UNUSED;

#endif
