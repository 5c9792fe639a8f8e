/*
 * libFuzzer harness: chains/btc block and header decoding and
 * verification. A block that decodes must encode back to the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chains/btc/block.h"
#include "chains/btc/net.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct btc_block b = BTC_BLOCK_INIT;
	struct btc_header h;
	struct buf again = BUF_INIT(BTC_MAX_SERIALIZED);
	struct trc_error e = TRC_ERROR_INIT;
	uint32_t height;

	if (size >= BTC_HEADER_SIZE) {
		if (btc_header_decode(&h, data, BTC_HEADER_SIZE, &e))
			abort();
		(void)btc_header_check_pow(&h, btc_network_find("main"), &e);
	}
	(void)btc_coinbase_height(data, size, &height);
	if (btc_block_decode(&b, data, size, &e)) {
		if (!e.msg[0] || b.tx)
			abort();
		return 0;
	}
	(void)btc_block_verify(&b, btc_network_find("regtest"), &e);
	if (btc_block_encode(&b, &again, &e) || again.len != size ||
	    memcmp(again.data, data, size))
		abort();
	btc_block_release(&b);
	buf_release(&again);
	return 0;
}
