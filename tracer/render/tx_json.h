/*
 * tx_json.h - the JSON document of one stored transaction (docs/json.md):
 * txid, height, time, fee, flags, the inputs and outputs (UTXO chains)
 * or legs (account chains) with addresses, amounts and the provenance
 * level of each (docs/trust.md). `tracer serve` and the CLI share it.
 */
#ifndef TRC_TX_JSON_H
#define TRC_TX_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "chains/chain.h"
#include "store/record.h"
#include "store/store.h"

/*
 * The document of the stored transaction txid of chain, on network
 * (NULL: null):
 *
 * {"chain", "network", "txid", "height" (null when unknown), "position",
 *  "time", "time_unix", "fee", "failed", "coinbase", "included",
 *  "inputs": [{"address" (null: coinbase or unresolved), "value" (null
 *  when unresolved), "prev_txid", "prev_vout", "coinbase"}],
 *  "outputs": [{"n", "address", "class", "value", "level"}],
 *  "legs": [{"n", "kind", "asset" (null: native), "from", "to", "value",
 *  "level"}]}
 *
 * Out: *out (new reference) when found, else NULL and *found false.
 * Errors: TRC_ERR_NOMEM and the store's read errors.
 */
enum trc_err tx_json(struct store *s, const struct chain_ops *chain,
		     const char *network, const uint8_t txid[32], json_t **out,
		     bool *found, struct trc_error *err) TRC_WARN_UNUSED;

#endif
