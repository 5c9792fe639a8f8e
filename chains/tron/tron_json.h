/*
 * tron_json.h - reading the fields of java-tron's HTTP JSON (visible =
 * false: addresses and bytes as plain hex without "0x", numbers as JSON
 * integers). Each getter names the field it failed on; the caller adds
 * the context (block, transaction). A missing optional field reads as 0
 * or empty, as protobuf's defaults.
 */
#ifndef TRC_TRON_JSON_H
#define TRC_TRON_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/err.h"

/* Largest hex field read (a transaction's raw data, call data). */
#define TJSON_HEX_MAX ((size_t)8 << 20)

/* A JSON integer >= 0 (0 when absent and not required). */
enum trc_err tjson_i64(const json_t *obj, const char *key, bool required,
		       int64_t *out, struct trc_error *err) TRC_WARN_UNUSED;

/* Exactly len bytes of hex (2*len digits). Absent (or "") and not
 * required: the output zeroed and *present false (present may be NULL). */
enum trc_err tjson_fixed(const json_t *obj, const char *key, bool required,
			 uint8_t *out, size_t len, bool *present,
			 struct trc_error *err) TRC_WARN_UNUSED;

/* The same for a value that is itself the hex string (array elements);
 * what names it in messages. */
enum trc_err tjson_fixed_value(const json_t *v, const char *what, uint8_t *out,
			       size_t len,
			       struct trc_error *err) TRC_WARN_UNUSED;

/* Hex of any length up to TJSON_HEX_MAX. Out: *out (malloc'd, free();
 * NULL when empty or absent), *len. */
enum trc_err tjson_hex(const json_t *obj, const char *key, bool required,
		       uint8_t **out, size_t *len,
		       struct trc_error *err) TRC_WARN_UNUSED;

/* A string member (borrowed), NULL when absent and not required. */
enum trc_err tjson_str(const json_t *obj, const char *key, bool required,
		       const char **out, struct trc_error *err) TRC_WARN_UNUSED;

/* TRC_ERR_PARSE naming the first member of obj not in the NULL-ended
 * list known: a field tracer would not hash. */
enum trc_err tjson_only(const json_t *obj, const char *const *known,
			const char *what,
			struct trc_error *err) TRC_WARN_UNUSED;

#endif
