#include "base/hash.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>

static void digest(const EVP_MD *md, uint8_t *out, const void *p, size_t len)
{
	if (!EVP_Digest(p, len, out, NULL, md, NULL)) {
		fputs("tracer: fatal: libcrypto digest failed\n", stderr);
		abort();
	}
}

void hash_sha256(uint8_t out[32], const void *p, size_t len)
{
	digest(EVP_sha256(), out, p, len);
}

void hash_sha256d(uint8_t out[32], const void *p, size_t len)
{
	uint8_t once[32];

	digest(EVP_sha256(), once, p, len);
	digest(EVP_sha256(), out, once, sizeof(once));
}

void hash_ripemd160(uint8_t out[20], const void *p, size_t len)
{
	digest(EVP_ripemd160(), out, p, len);
}

void hash_hash160(uint8_t out[20], const void *p, size_t len)
{
	uint8_t sha[32];

	digest(EVP_sha256(), sha, p, len);
	digest(EVP_ripemd160(), out, sha, sizeof(sha));
}

void hash_sha256_begin(struct hash_sha256_ctx *c)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();

	if (!md || !EVP_DigestInit_ex(md, EVP_sha256(), NULL)) {
		fputs("tracer: fatal: libcrypto digest failed\n", stderr);
		abort();
	}
	c->md = md;
}

void hash_sha256_update(struct hash_sha256_ctx *c, const void *p, size_t len)
{
	if (!EVP_DigestUpdate(c->md, p, len)) {
		fputs("tracer: fatal: libcrypto digest failed\n", stderr);
		abort();
	}
}

void hash_sha256_end(struct hash_sha256_ctx *c, uint8_t out[32])
{
	if (!EVP_DigestFinal_ex(c->md, out, NULL)) {
		fputs("tracer: fatal: libcrypto digest failed\n", stderr);
		abort();
	}
	EVP_MD_CTX_free(c->md);
	c->md = NULL;
}
