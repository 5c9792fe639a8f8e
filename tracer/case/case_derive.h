/*
 * case_derive.h - derivers: links the database shows (the lead's
 * mechanism in case_xlink.c calls them; this copy is the contract it was
 * built against, replaced by the lead's on merge).
 */
#ifndef TRC_CASE_DERIVE_H
#define TRC_CASE_DERIVE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "chains/chain.h"
#include "graph/xlink.h"
#include "store/store.h"

/* A deriver: taint of a trace on chain `ops` (network `network`) reached an
 * exit at `exit_address` (tagged bridge or dex) in the transaction `txid`
 * (stored byte order; `txid_disp` its display form). Appends to *v (n, cap
 * managed with case_derived_push) every link the database shows leaving
 * through that transaction: kind, confidence, evidence (a readable line:
 * memo, event, contract, heights, times), and both ends (chain name, txid
 * display form, output/leg index n, amount, asset) as the database has
 * them. Finds nothing: returns TRC_OK with nothing appended. Never prints.
 * A transaction it cannot decode is not an error (it is simply not a
 * link); a database failure is. */
struct case_derived {
	struct xlink *v;
	size_t n, cap;
};
typedef enum trc_err (*case_deriver)(struct store *s,
				     const struct chain_ops *ops,
				     const char *network,
				     const uint8_t txid[32],
				     const char *txid_disp,
				     const char *exit_address,
				     struct case_derived *out,
				     struct trc_error *err);
enum trc_err case_derived_push(struct case_derived *d, struct xlink *l,
			       struct trc_error *err); /* takes l's strings;
							* l is zeroed */
void case_derived_release(struct case_derived *d);

#endif
