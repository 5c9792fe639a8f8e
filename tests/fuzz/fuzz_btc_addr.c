/*
 * libFuzzer harness: chains/btc address codecs and script classes. The
 * input is tried as an address on every network (a valid one must map to
 * a script that maps back to its canonical form) and as an output script.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base58.h"
#include "chains/btc/bech32.h"
#include "chains/btc/net.h"
#include "chains/btc/script.h"
#include "store/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const nets[] = { "main", "test", "signet", "regtest",
				    "bcoin-regtest" };

static void as_address(const char *s, const struct btc_network *net)
{
	char norm[BTC_ADDR_MAX], back[BTC_ADDR_MAX];
	struct buf script = BUF_INIT(128);
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t cls;

	if (btc_address_normalize(net, s, norm, sizeof(norm), &e)) {
		if (!e.msg[0])
			abort();
		return;
	}
	if (btc_address_to_script(net, norm, &script, &e)) {
		if (e.code != TRC_ERR_UNSUPPORTED)
			abort(); /* only pseudo-addresses have no script */
		buf_release(&script);
		return;
	}
	cls = btc_script_classify(script.data, script.len, net, back,
				  sizeof(back));
	if (cls == OUT_NONSTANDARD || strcmp(back, norm))
		abort();
	buf_release(&script);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[256], addr[BTC_ADDR_MAX], hrp[BECH32_HRP_MAX + 1];
	uint8_t out[256];
	size_t n;
	enum bech32_variant v;

	for (size_t i = 0; i < 5; i++)
		(void)btc_script_classify(data, size, btc_network_find(nets[i]),
					  addr, sizeof(addr));
	if (size >= sizeof(s))
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	for (size_t i = 0; i < 5; i++)
		as_address(s, btc_network_find(nets[i]));
	(void)base58check_decode(out, sizeof(out), &n, s, NULL);
	(void)bech32_decode(hrp, sizeof(hrp), out, sizeof(out), &n, &v, s,
			    NULL);
	return 0;
}
