/*
 * libFuzzer harness: chains/btc transaction decoding. Whatever decodes
 * must encode back to the same bytes (so no form is accepted loosely),
 * and convert to a record without error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chains/btc/net.h"
#include "chains/btc/tx.h"
#include "store/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct btc_tx tx = BTC_TX_INIT;
	struct rec_tx rec = REC_TX_INIT;
	struct buf again = BUF_INIT(BTC_MAX_SERIALIZED);
	struct trc_error e = TRC_ERROR_INIT;

	if (btc_tx_decode(&tx, data, size, &e)) {
		if (!e.msg[0] || tx.in || tx.out || tx.wit)
			abort(); /* a failure names its reason, keeps nothing */
		return 0;
	}
	if (btc_tx_encode(&tx, &again, true, &e) || again.len != size ||
	    memcmp(again.data, data, size))
		abort();
	if (tx.weight != tx.base_size * 3 + tx.size || tx.base_size > tx.size)
		abort();
	if (btc_tx_to_rec(&tx, btc_network_find("main"), 1, 0, 0, &rec, &e))
		abort();
	rec_tx_release(&rec);
	btc_tx_release(&tx);
	buf_release(&again);
	return 0;
}
