/*
 * bech32.h - bech32 (BIP173) and bech32m (BIP350), and segwit addresses.
 *
 * Decoding is strict as the BIPs say: at most 90 characters, no mixed case,
 * HRP characters 33..126, a separator '1' followed by at least six
 * characters, a valid checksum of the expected variant. Segwit addresses
 * add: witness version 0..16, program of 2..40 bytes (20 or 32 for v0),
 * bech32 for v0 and bech32m for v1 and above, zero padding of at most 4
 * bits.
 */
#ifndef TRC_BTC_BECH32_H
#define TRC_BTC_BECH32_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

enum bech32_variant { BECH32_NONE = 0, BECH32 = 1, BECH32M = 2 };

#define BECH32_MAX_LEN 90
#define BECH32_HRP_MAX 83
#define SEGWIT_PROGRAM_MAX 40

/*
 * Encodes hrp (lowercase) and the 5-bit values data[0..len) with the
 * variant's checksum into out (at least BECH32_MAX_LEN + 1 bytes).
 * TRC_ERR_INVALID for a bad hrp, a value >= 32 or a result over 90 chars.
 */
enum trc_err bech32_encode(char *out, size_t outsize, const char *hrp,
			   const uint8_t *data, size_t len,
			   enum bech32_variant v,
			   struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Decodes s. Out: hrp (lowercased, hrp_size >= BECH32_HRP_MAX + 1), the
 * 5-bit values without the checksum in data (cap >= BECH32_MAX_LEN),
 * *len, and *variant (which checksum matched). TRC_ERR_PARSE naming the
 * reason and the character position.
 */
enum trc_err bech32_decode(char *hrp, size_t hrp_size, uint8_t *data,
			   size_t cap, size_t *len,
			   enum bech32_variant *variant, const char *s,
			   struct trc_error *err) TRC_WARN_UNUSED;

/*
 * A segwit address of hrp for witness version ver (0..16) and program
 * prog (2..40 bytes). Out: out (at least BECH32_MAX_LEN + 1 bytes).
 */
enum trc_err segwit_addr_encode(char *out, size_t outsize, const char *hrp,
				int ver, const uint8_t *prog, size_t len,
				struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Decodes a segwit address that must carry hrp (compared lowercase).
 * Out: *ver, prog (SEGWIT_PROGRAM_MAX bytes), *len.
 */
enum trc_err segwit_addr_decode(int *ver, uint8_t *prog, size_t *len,
				const char *hrp, const char *s,
				struct trc_error *err) TRC_WARN_UNUSED;

#endif
