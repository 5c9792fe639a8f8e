/*
 * eth_balance.h - what a range of Ethereum records says about native
 * balances, to be checked against state proofs (eth_proof.h): for each
 * address its ETH in and out over the range (fees, the transactions' own
 * values, internal transfers, withdrawals, rewards and tips), so that
 * opening + in - out must be its proven balance at the end of the range.
 * A forged internal transfer, one left out, or a false opening balance
 * breaks the equation for some address. And the accounts whose code a
 * call trace says made calls (eth_callers): each must have code.
 */
#ifndef TRC_ETH_BALANCE_H
#define TRC_ETH_BALANCE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"
#include "store/record.h"

struct eth_flow_sum {
	uint8_t addr[20];
	trc_amount in, out; /* wei */
};

/* The sums of a range: add every block's records, then finish. */
struct eth_flows {
	struct eth_flow_sum *v;
	size_t n, cap;
};

#define ETH_FLOWS_INIT                                                         \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void eth_flows_release(struct eth_flows *f);

/* Adds the native legs of txs[0..n) (borrowed). TRC_ERR_NOMEM,
 * TRC_ERR_PARSE for a leg address that is not one. */
enum trc_err eth_flows_add(struct eth_flows *f, const struct rec_tx *txs,
			   size_t n, struct trc_error *err) TRC_WARN_UNUSED;

/* Merges the entries to one per address, in address order. */
enum trc_err eth_flows_finish(struct eth_flows *f,
			      struct trc_error *err) TRC_WARN_UNUSED;

/*
 * closing must be opening + s->in - s->out. TRC_ERR_VERIFY naming the
 * address, the block (the range's last), the balance the legs imply and
 * the proven one, and the likely cause.
 */
enum trc_err eth_flows_reconcile(const struct eth_flow_sum *s,
				 trc_amount opening, trc_amount closing,
				 uint32_t block,
				 struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The accounts of a range whose code made calls, as call traces say: the
 * context of every frame with sub-calls (a DELEGATECALL's or CALLCODE's
 * is its caller's), less the accounts the traces create (CREATE, CREATE2
 * frames) or destroy (SELFDESTRUCT), whose code at the range's end says
 * nothing of the time of the call.
 */
struct eth_callers {
	uint8_t (*v)[20];
	size_t n, cap;
	uint8_t (*exempt)[20];
	size_t n_exempt, cap_exempt;
};

#define ETH_CALLERS_INIT                                                       \
	{                                                                      \
		NULL, 0, 0, NULL, 0, 0                                         \
	}

void eth_callers_release(struct eth_callers *c);

/* Adds the callers of a callTracer tree (top frame, borrowed). Frames are
 * read as eth_flow_call_frames reads them; TRC_ERR_PARSE otherwise. */
enum trc_err eth_callers_add(struct eth_callers *c, const json_t *top,
			     struct trc_error *err) TRC_WARN_UNUSED;

/* Sorts, removes duplicates and the exempt accounts. */
enum trc_err eth_callers_finish(struct eth_callers *c,
				struct trc_error *err) TRC_WARN_UNUSED;

#endif
