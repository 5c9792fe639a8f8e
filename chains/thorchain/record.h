/*
 * record.h - the THORChain memo of a transaction into its chain-neutral
 * record (struct rec_tx's memo fields, store/record.h): what the
 * decoders call so that the database holds the memos and the index from
 * an inbound hash to its outbounds and refunds (docs/thorchain.md,
 * "In the database").
 *
 * Bitcoin and its forks: a memo that parses as THORChain's (the OP_RETURN
 * rule of detect.h); memo_n is the output detect.h picks without vault
 * list (the first with value that is not OP_RETURN). EVM: the first
 * router Deposit or TransferOut event of the receipt's logs, whatever
 * contract emitted it (whether that is a router is the tags' question,
 * asked when a link is made); memo_n is the leg the event pays:
 *   Deposit      the coin: the native or internal leg paying the
 *                emitting contract that amount; a token: the Transfer
 *                leg of that token and amount to the contract or vault
 *   TransferOut  the leg of that asset and amount paying `to`
 * (REC_MEMO_NO_N when no leg matches). OUT:/REFUND: memos set memo_ref
 * to the hash they name, in the memo's byte order.
 * Nothing else of the record changes; a transaction without such a memo
 * keeps none. Never prints.
 */
#ifndef TRC_THOR_RECORD_H
#define TRC_THOR_RECORD_H

#include <jansson.h>

#include "base/err.h"
#include "chains/btc/net.h"
#include "chains/btc/tx.h"
#include "store/record.h"

/* Sets rec's memo from Bitcoin-family transaction tx (rec built from it
 * with its outputs). TRC_ERR_NOMEM. */
enum trc_err thor_rec_btc(const struct btc_tx *tx,
			  const struct btc_network *net, struct rec_tx *rec,
			  struct trc_error *err) TRC_WARN_UNUSED;

/* Sets rec's memo from a receipt's logs (borrowed; NULL: none), rec's
 * legs already built from the same transaction. TRC_ERR_NOMEM; logs
 * that do not decode give no memo. */
enum trc_err thor_rec_evm(const json_t *logs, struct rec_tx *rec,
			  struct trc_error *err) TRC_WARN_UNUSED;

#endif
