#include "chains/eth/eth_addr.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/hex.h"
#include "chains/eth/evm.h"

static const char hexdig[] = "0123456789abcdef";

/* EIP-55: letter i is upper case when nibble i of keccak(lower hex) >= 8. */
static void checksum_case(char hex40[40])
{
	uint8_t h[32];

	hash_keccak256(h, hex40, 40);
	for (int i = 0; i < 40; i++) {
		int nib = (i & 1) ? (h[i / 2] & 0x0f) : (h[i / 2] >> 4);

		if (hex40[i] >= 'a' && nib >= 8)
			hex40[i] = (char)(hex40[i] - 'a' + 'A');
	}
}

void eth_addr_format(char out[ETH_ADDR_STR], const uint8_t addr[20])
{
	out[0] = '0';
	out[1] = 'x';
	for (int i = 0; i < 20; i++) {
		out[2 + 2 * i] = hexdig[addr[i] >> 4];
		out[3 + 2 * i] = hexdig[addr[i] & 0x0f];
	}
	out[42] = 0;
	checksum_case(out + 2);
}

static enum trc_err check_mixed_case(const char *digits, struct trc_error *err)
{
	char want[41];
	bool lower = false, upper = false;

	for (int i = 0; i < 40; i++) {
		lower |= islower((unsigned char)digits[i]) != 0;
		upper |= isupper((unsigned char)digits[i]) != 0;
		want[i] = (char)tolower((unsigned char)digits[i]);
	}
	if (!lower || !upper)
		return TRC_OK;
	checksum_case(want);
	for (int i = 0; i < 40; i++)
		if (want[i] != digits[i])
			return trc_fail(err, TRC_ERR_PARSE,
					"address '%.42s' fails its EIP-55 "
					"checksum (character %d)",
					digits - 2, i + 2);
	return TRC_OK;
}

enum trc_err eth_addr_parse(uint8_t addr[20], const char *s,
			    struct trc_error *err)
{
	size_t n, len = s ? strlen(s) : 0;
	enum trc_err rc;

	memset(addr, 0, 20);
	if (len < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return trc_fail(err, TRC_ERR_PARSE,
				"address '%.60s' does not start with 0x",
				s ? s : "");
	if (len != 42)
		return trc_fail(err, TRC_ERR_PARSE,
				"address '%.60s' has %zu hex digits, "
				"expected 40",
				s, len - 2);
	for (int i = 2; i < 42; i++)
		if (hex_value(s[i]) < 0)
			return trc_fail(err, TRC_ERR_PARSE,
					"address '%s': character %d is not "
					"hex",
					s, i);
	rc = check_mixed_case(s + 2, err);
	if (rc)
		return rc;
	rc = hex_decode(addr, 20, &n, s + 2, 40, err);
	if (rc)
		memset(addr, 0, 20);
	return rc;
}

enum trc_err eth_network_chain_id(const char *network, uint64_t *chain_id,
				  struct trc_error *err)
{
	return evm_network_chain_id(evm_chain_eth(), network, chain_id, err);
}
