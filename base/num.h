/*
 * num.h - the one parser of whole numbers given as text (options, case
 * files, environment variables, seed output indexes, tag confidences).
 */
#ifndef TRC_NUM_H
#define TRC_NUM_H

#include <stdint.h>

#include "base/err.h"

/*
 * Parses s as a decimal whole number from min to max: digits only (no
 * sign, space, "0x" or empty string), any number of leading zeros, no
 * wrap-around past 2^64-1.
 * Out: *out, only on success.
 * Returns TRC_OK; TRC_ERR_PARSE "'S' is not a whole number";
 * TRC_ERR_OVERFLOW "'S' is out of range (MIN to MAX)". err may be NULL.
 */
enum trc_err num_parse_u64(const char *s, uint64_t min, uint64_t max,
			   uint64_t *out,
			   struct trc_error *err) TRC_WARN_UNUSED;

#endif
