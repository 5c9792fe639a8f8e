/*
 * libFuzzer harness: what the tron adapter reads from a node - a block as
 * /wallet/getblockbynum answers it, with {"infos": [...]} beside it for
 * gettransactioninfobyblocknum's answer, a transaction object, or (input
 * that is not JSON) the protobuf bytes of a transaction's raw data.
 */
#include <jansson.h>
#include <stdlib.h>

#include "chains/tron/tron_block.h"
#include "chains/tron/tron_pb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *j = json_loadb((const char *)data, size, 0, NULL);
	struct tron_contract c;

	if (!j) {
		(void)tron_pb_raw_decode(data, size, &c, NULL);
		return 0;
	}
	if (json_object_get(j, "block_header")) {
		struct crawl_block cb = { 0 };
		json_int_t n = json_integer_value(json_object_get(
			json_object_get(json_object_get(j, "block_header"),
					"raw_data"),
			"number"));

		if (tron_block_decode(j, json_object_get(j, "infos"),
				      (uint32_t)n, &cb, NULL) == TRC_OK)
			crawl_block_release(&cb);
	} else {
		struct rec_tx tx = REC_TX_INIT;
		struct tron_tx_info t;

		(void)tron_tx_decode(j, &tx, &t, NULL);
		rec_tx_release(&tx);
	}
	json_decref(j);
	return 0;
}
