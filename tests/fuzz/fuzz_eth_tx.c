/*
 * libFuzzer harness: raw Ethereum transactions. A transaction that decodes
 * must re-encode to the input bytes; verification must not crash.
 */
#include <stdlib.h>
#include <string.h>

#include "chains/eth/eth_tx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct eth_tx tx = ETH_TX_INIT;
	struct buf enc = BUF_INIT(ETH_TX_MAX_BYTES + 1024);

	if (eth_tx_decode(&tx, data, size, NULL) == TRC_OK) {
		if (eth_tx_encode(&tx, &enc, NULL) != TRC_OK ||
		    enc.len != size || memcmp(enc.data, data, size))
			abort(); /* not canonical, yet accepted */
		(void)eth_tx_verify(&tx, false, NULL);
		(void)eth_tx_verify(&tx, true, NULL);
	}
	buf_release(&enc);
	eth_tx_release(&tx);
	return 0;
}
