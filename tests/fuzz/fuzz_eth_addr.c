/*
 * fuzz_eth_addr - EIP-55 address parsing and the network names on
 * arbitrary text. An accepted address formats back to the same address,
 * its EIP-55 form parses again, and a mixed-case form is only accepted
 * when it is exactly the EIP-55 form.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chains/eth/eth_addr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int mixed_case(const char *s)
{
	int lower = 0, upper = 0;

	for (s += 2; *s; s++) {
		lower |= islower((unsigned char)*s);
		upper |= isupper((unsigned char)*s);
	}
	return lower && upper;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[128], text[ETH_ADDR_STR];
	uint8_t a[20], b[20];
	uint64_t id;
	struct trc_error e = TRC_ERROR_INIT;

	if (size >= sizeof(s))
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	(void)eth_network_chain_id(s, &id, NULL);
	if (eth_addr_parse(a, s, &e)) {
		static const uint8_t zero[20];

		if (!e.msg[0] || memcmp(a, zero, 20))
			abort(); /* a reason, and the output zeroed */
		return 0;
	}
	eth_addr_format(text, a);
	if (strlen(s) != 42 || strcasecmp(text, s) ||
	    (mixed_case(s) && strcmp(text + 2, s + 2)))
		abort();
	if (eth_addr_parse(b, text, NULL) || memcmp(a, b, 20))
		abort();
	return 0;
}
