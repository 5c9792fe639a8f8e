/*
 * libFuzzer harness: chains/btc/mweb.h, Litecoin's HogEx and extension
 * block. A block that splits with MWEB leaves a canonical block whose
 * bindings are checked when it decodes (any verdict, no crash); one
 * without MWEB leaves nothing.
 */
#include <stdint.h>
#include <stdlib.h>

#include "chains/btc/block.h"
#include "chains/btc/mweb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct btc_mweb m = BTC_MWEB_INIT;
	struct btc_block b = BTC_BLOCK_INIT;
	struct buf canon = BUF_INIT(BTC_MAX_SERIALIZED);
	struct trc_error e = TRC_ERROR_INIT;

	if (btc_mweb_split(data, size, &m, &canon, &e)) {
		if (!e.msg[0] || m.present || m.pegins || m.pegouts)
			abort();
		return 0;
	}
	if (m.present) {
		if (!btc_block_decode(&b, canon.data, canon.len, &e))
			(void)btc_mweb_verify(&m, &b, m.height, "Litecoin", &e);
	} else if (canon.len) {
		abort();
	}
	btc_block_release(&b);
	btc_mweb_release(&m);
	buf_release(&canon);
	return 0;
}
