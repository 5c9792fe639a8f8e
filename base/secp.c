#include "base/secp.h"

#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <string.h>

#include "base/hash.h"

/* n/2 for secp256k1, big-endian. */
static const uint8_t half_order[32] = {
	0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4,
	0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
};

/* One verification context for the process, created on first use. */
static const secp256k1_context *ctx(void)
{
	static secp256k1_context *c;

	if (!c)
		c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
	return c;
}

bool secp_pubkey_valid(const uint8_t *p, size_t len)
{
	secp256k1_pubkey pk;

	if (len != 33 && len != 65)
		return false;
	return secp256k1_ec_pubkey_parse(ctx(), &pk, p, len) == 1;
}

enum trc_err secp_recover(uint8_t pub65[65], const uint8_t msg32[32],
			  const uint8_t sig64[64], int recid,
			  struct trc_error *err)
{
	secp256k1_ecdsa_recoverable_signature sig;
	secp256k1_pubkey pk;
	size_t n = 65;

	memset(pub65, 0, 65);
	if (recid < 0 || recid > 3)
		return trc_fail(err, TRC_ERR_INVALID,
				"recovery id %d is not 0..3", recid);
	if (!secp256k1_ecdsa_recoverable_signature_parse_compact(ctx(), &sig,
								 sig64, recid))
		return trc_fail(err, TRC_ERR_VERIFY,
				"signature r or s is out of range");
	if (!secp256k1_ecdsa_recover(ctx(), &pk, &sig, msg32))
		return trc_fail(err, TRC_ERR_VERIFY,
				"no public key recovers from the signature");
	secp256k1_ec_pubkey_serialize(ctx(), pub65, &n, &pk,
				      SECP256K1_EC_UNCOMPRESSED);
	return TRC_OK;
}

bool secp_s_is_low(const uint8_t s[32])
{
	return memcmp(s, half_order, 32) <= 0;
}

void secp_keccak_account(uint8_t addr[20], const uint8_t pub65[65])
{
	uint8_t h[32];

	hash_keccak256(h, pub65 + 1, 64);
	memcpy(addr, h + 12, 20);
}
