#include "base/hash.h"

#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/*
 * The digests, fetched from libcrypto's provider once: EVP_sha256() as an
 * argument of EVP_Digest is looked up again on every call (a third of
 * the cost of hashing a transaction). Kept until the process ends.
 */
static EVP_MD *sha256_md, *ripemd160_md;
static pthread_once_t mds_once = PTHREAD_ONCE_INIT;

static void fetch_mds(void)
{
	sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
	ripemd160_md = EVP_MD_fetch(NULL, "RIPEMD160", NULL);
}

static const EVP_MD *sha256(void)
{
	pthread_once(&mds_once, fetch_mds);
	return sha256_md ? sha256_md : EVP_sha256();
}

static const EVP_MD *ripemd160(void)
{
	pthread_once(&mds_once, fetch_mds);
	return ripemd160_md ? ripemd160_md : EVP_ripemd160();
}

static void digest(const EVP_MD *md, uint8_t *out, const void *p, size_t len)
{
	if (!EVP_Digest(p, len, out, NULL, md, NULL)) {
		fputs("tracer: fatal: libcrypto digest failed\n", stderr);
		abort();
	}
}

void hash_sha256(uint8_t out[32], const void *p, size_t len)
{
	digest(sha256(), out, p, len);
}

void hash_sha256d(uint8_t out[32], const void *p, size_t len)
{
	uint8_t once[32];

	digest(sha256(), once, p, len);
	digest(sha256(), out, once, sizeof(once));
}

void hash_ripemd160(uint8_t out[20], const void *p, size_t len)
{
	digest(ripemd160(), out, p, len);
}

void hash_hash160(uint8_t out[20], const void *p, size_t len)
{
	uint8_t sha[32];

	digest(sha256(), sha, p, len);
	digest(ripemd160(), out, sha, sizeof(sha));
}

void hash_sha256_begin(struct hash_sha256_ctx *c)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();

	if (!md || !EVP_DigestInit_ex(md, sha256(), NULL)) {
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
