/*
 * case_derive.h - links found in the database rather than stated: the
 * derivers of each kind (docs/crosschain.md, "Derived links").
 *
 * Taint of a run of the cross-chain trace (tracer/case/case_xlink.h)
 * that reaches an exit of a category in CASE_DERIVE_CATEGORIES is shown
 * to every deriver, transaction by transaction; each appends the links
 * the database shows leaving through that transaction, with their kind,
 * confidence and evidence, and both ends as stored. The cross-chain trace
 * then checks them against the database as it checks stated links and
 * follows them.
 *
 * No output, no network: the database only.
 * Ownership: struct case_derived owns its links (and their strings);
 * case_derived_release frees them (safe on a zeroed struct).
 */
#ifndef TRC_CASE_DERIVE_H
#define TRC_CASE_DERIVE_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "chains/chain.h"
#include "graph/xlink.h"
#include "store/store.h"
#include "store/tags.h"

/* The exit categories whose transactions are shown to the derivers: a
 * bit (1u << enum tag_category) each. */
#define CASE_DERIVE_CATEGORIES (1u << TAG_BRIDGE)

/* Links found, in the order they were found. */
struct case_derived {
	struct xlink *v;
	size_t n, cap;
};

/* Appends *l, taking its strings (l is left as xlink_release leaves it). */
enum trc_err case_derived_push(struct case_derived *d, struct xlink *l,
			       struct trc_error *err) TRC_WARN_UNUSED;
void case_derived_release(struct case_derived *d);

/*
 * A deriver: taint of a trace on chain ops (network `network`) reached an
 * exit at exit_address in the transaction txid (stored byte order;
 * txid_disp its display form). Appends to *out every link the database
 * shows leaving through that transaction: kind, confidence, evidence (a
 * readable line: memo, event, contract, heights, times) and both ends
 * (chain name, txid display form, output or leg index, amount, asset) as
 * the database has them. A transaction that is not of its kind appends
 * nothing and returns TRC_OK; a database failure is an error.
 */
typedef enum trc_err (*case_deriver)(
	struct store *s, const struct chain_ops *ops, const char *network,
	const uint8_t txid[32], const char *txid_disp, const char *exit_address,
	struct case_derived *out, struct trc_error *err);

/* Every deriver, in the order they are asked; NULL ends the table. */
extern const case_deriver case_derivers[];

#endif
