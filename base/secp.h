/*
 * secp.h - the one wrapper around libsecp256k1 (STYLE.md rule 2): public
 * key validation for Bitcoin, and signature recovery for Ethereum.
 */
#ifndef TRC_SECP_H
#define TRC_SECP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

/* True when p (len 33 compressed or 65 uncompressed/hybrid bytes) is a
 * valid point on the curve (libsecp256k1's ec_pubkey_parse). */
bool secp_pubkey_valid(const uint8_t *p, size_t len);

/*
 * Recovers the public key that signed msg32 with (r, s) = sig64 (32 bytes
 * each, big-endian) and recovery id recid (0..3).
 * Out: pub65, the uncompressed key (0x04 || X || Y); zeroed on failure.
 * Returns TRC_ERR_VERIFY when no key recovers (invalid signature),
 * TRC_ERR_INVALID for a bad recid.
 */
enum trc_err secp_recover(uint8_t pub65[65], const uint8_t msg32[32],
			  const uint8_t sig64[64], int recid,
			  struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The 20-byte account of a public key (Ethereum and Tron): the last 20
 * bytes of keccak-256 of X || Y, pub65 uncompressed (0x04 || X || Y).
 */
void secp_keccak_account(uint8_t addr[20], const uint8_t pub65[65]);
/* True when s (32 bytes big-endian) is at most n/2 (EIP-2, BIP62 low s). */
bool secp_s_is_low(const uint8_t s[32]);

#endif
