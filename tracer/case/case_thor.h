/*
 * case_thor.h - THORChain links found in the database (docs/thorchain.md,
 * "Links"): an inbound to a vault or router whose memo is a swap, joined
 * to the outbound whose memo is OUT:<inbound hash> on the swap's
 * destination chain and paying its destination, or to the refund whose
 * memo is REFUND:<inbound hash> on the inbound's chain. The memos and the
 * index from a named hash to the transactions naming it are the
 * database's (store/record.h memo fields, table memo_ref).
 *
 * The inbound hash is matched in THORChain's own form: the transaction
 * id as its chain displays it (a Bitcoin txid in display order, an EVM
 * hash without "0x"), compared as bytes, so the memo's case and prefix do
 * not matter. No output, no network.
 */
#ifndef TRC_CASE_THOR_H
#define TRC_CASE_THOR_H

#include <stdbool.h>

#include "tracer/case/case_derive.h"

/* The THORChain deriver (case_derive.h's contract): for the inbound
 * txid whose output or leg pays exit_address, a link of kind thorchain,
 * confidence high, per outbound or refund the database holds. */
enum trc_err case_thor_derive(struct store *s, const struct chain_ops *ops,
			      const char *network, const uint8_t txid[32],
			      const char *txid_disp, const char *exit_address,
			      struct case_derived *out,
			      struct trc_error *err) TRC_WARN_UNUSED;

/* Where a swap leaving in txid goes. */
struct case_thor_dest {
	const struct chain_ops *chain; /* NULL: not a chain tracer reads */
	char chain_name[16];	       /* THORChain's: "ETH", "GAIA" */
	char address[256];	       /* "" when the memo gives none */
	char asset[272];	       /* "ETH.ETH" */
};

/*
 * Out: *is_swap, whether txid of chain ops holds a THORChain swap memo,
 * and then *d, the memo's destination. A transaction not in the
 * database is no swap. TRC_ERR_DB.
 */
enum trc_err case_thor_swap_dest(struct store *s, const struct chain_ops *ops,
				 const uint8_t txid[32], bool *is_swap,
				 struct case_thor_dest *d,
				 struct trc_error *err) TRC_WARN_UNUSED;

#endif
