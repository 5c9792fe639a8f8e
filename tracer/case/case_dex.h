/*
 * case_dex.h - the dex-swap deriver: a swap inside one transaction of an
 * account chain, read from the legs the database holds
 * (docs/crosschain.md, "DEX swaps").
 *
 * No output, no network: the database only.
 */
#ifndef TRC_CASE_DEX_H
#define TRC_CASE_DEX_H

#include <stdint.h>

#include "base/err.h"
#include "chains/chain.h"
#include "store/store.h"
#include "tracer/case/case_derive.h"

/* Past this many legs a transaction is not read as a swap (a batch
 * settlement, not one address's trade): no link. */
#define CASE_DEX_LEGS_MAX 256

/*
 * A case_deriver (case_derive.h), for an exit_address whose deciding tag is
 * of the category dex (a bridge is not read as a swap). In the transaction
 * txid, every address X that sent legs of one asset A to the dex side of
 * the transaction and received legs of one other asset B from it gets links
 * from its sent legs to its received legs, paired in leg order, kind
 * dex-swap, confidence high. The dex side is exit_address and every address
 * that a leg joins to it, step by step, without passing through X (the pool
 * a router forwarded to, the router that pays out, WETH).
 *
 * No link (nothing appended, TRC_OK) when: the exit is not tagged dex, the
 * transaction is not in the database or has no legs (a UTXO chain), X sent
 * more than one asset or received more than one other asset (liquidity, not
 * a swap), the numbers of sent and received legs differ (no exact pairing),
 * or the transaction has more than CASE_DEX_LEGS_MAX legs.
 *
 * Each link's evidence names the contract, the pool or router that paid,
 * both amounts and assets, the rate (B per A in base units, reduced, and as
 * a decimal truncated to 18 places), the block height and time. Returns
 * TRC_ERR_DB, TRC_ERR_NOMEM.
 */
enum trc_err case_dex_derive(struct store *s, const struct chain_ops *ops,
			     const char *network, const uint8_t txid[32],
			     const char *txid_disp, const char *exit_address,
			     struct case_derived *out,
			     struct trc_error *err) TRC_WARN_UNUSED;

#endif
