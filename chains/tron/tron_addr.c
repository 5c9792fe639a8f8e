#include "chains/tron/tron_addr.h"

#include <string.h>

#include "base/base58.h"
#include "base/hex.h"

void tron_addr_format(char out[TRON_ADDR_STR],
		      const uint8_t addr[TRON_ADDR_LEN])
{
	/* 21 bytes always fit: base58check_encode cannot fail here */
	if (base58check_encode(out, TRON_ADDR_STR, addr, TRON_ADDR_LEN, NULL))
		out[0] = '\0';
}

enum trc_err tron_addr_check(const uint8_t *p, size_t len, const char *what,
			     struct trc_error *err)
{
	if (len != TRON_ADDR_LEN)
		return trc_fail(err, TRC_ERR_PARSE,
				"%s is %zu bytes, not a 21-byte address", what,
				len);
	if (p[0] != TRON_ADDR_PREFIX)
		return trc_fail(err, TRC_ERR_PARSE,
				"%s has the prefix 0x%02x, not 0x41", what,
				p[0]);
	return TRC_OK;
}

enum trc_err tron_addr_parse(uint8_t addr[TRON_ADDR_LEN], const char *s,
			     struct trc_error *err)
{
	uint8_t p[BASE58_MAX_BYTES];
	struct trc_error e = TRC_ERROR_INIT;
	size_t n = 0;
	enum trc_err rc;

	memset(addr, 0, TRON_ADDR_LEN);
	if (!s)
		return trc_fail(err, TRC_ERR_PARSE, "no address");
	if (strlen(s) == 2 * TRON_ADDR_LEN && hex_is_exact(s, TRON_ADDR_LEN))
		rc = hex_decode(p, sizeof(p), &n, s, 2 * TRON_ADDR_LEN, &e);
	else
		rc = base58check_decode(p, sizeof(p), &n, s, &e);
	if (rc)
		return trc_fail(err, TRC_ERR_PARSE,
				"'%.60s' is not a Tron address: %s", s, e.msg);
	if ((rc = tron_addr_check(p, n, "the address", err)))
		return rc;
	memcpy(addr, p, TRON_ADDR_LEN);
	return TRC_OK;
}

bool tron_network_valid(const char *network)
{
	static const char *const names[] = { "main", "nile", "shasta" };

	for (size_t i = 0; network && i < 3; i++)
		if (!strcmp(network, names[i]))
			return true;
	return false;
}
