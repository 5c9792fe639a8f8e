/*
 * hash.h - the hash functions of Bitcoin and Ethereum (and Litecoin's
 * MWEB).
 *
 * SHA-256 and RIPEMD-160 come from OpenSSL's libcrypto; Keccak-256 (the
 * original Keccak padding that Ethereum uses, not FIPS 202 SHA3-256) is
 * implemented in keccak.c, BLAKE3 in blake3.c. Outputs are in the byte order of
 * the digest. These functions cannot fail for in-memory input except on
 * allocation failure inside libcrypto, which aborts: a hash that silently
 * failed would make every verification meaningless.
 */
#ifndef TRC_HASH_H
#define TRC_HASH_H

#include <stddef.h>
#include <stdint.h>

void hash_sha256(uint8_t out[32], const void *p, size_t len);
/* SHA-256 of SHA-256: Bitcoin's txids, block hashes, checksums. */
void hash_sha256d(uint8_t out[32], const void *p, size_t len);
void hash_ripemd160(uint8_t out[20], const void *p, size_t len);
/* RIPEMD-160 of SHA-256: Bitcoin's P2PKH and P2SH hashes. */
void hash_hash160(uint8_t out[20], const void *p, size_t len);
void hash_keccak256(uint8_t out[32], const void *p, size_t len);
/* BLAKE3's 32-byte unkeyed hash: Litecoin MWEB's header hashes. */
void hash_blake3(uint8_t out[32], const void *p, size_t len);

/* Incremental SHA-256 for digests over many pieces (db check). */
struct hash_sha256_ctx {
	void *md; /* EVP_MD_CTX, owned */
};
void hash_sha256_begin(struct hash_sha256_ctx *c);
void hash_sha256_update(struct hash_sha256_ctx *c, const void *p, size_t len);
/* Writes the digest and frees the context. */
void hash_sha256_end(struct hash_sha256_ctx *c, uint8_t out[32]);

#endif
