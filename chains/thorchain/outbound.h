/*
 * outbound.h - a THORChain swap's outbound, found through a THORNode's
 * answer (thornode.h) and proven on the destination chain: the node's
 * word picks the transaction; the chain's own source then fetches it,
 * verifies it as every record is, and the transaction itself must carry
 * OUT:<inbound hash> (its Bitcoin memo, or its router's TransferOut on
 * an EVM chain) and pay the address the node named (docs/trust.md,
 * "THORNode"). Nothing here prints or stores.
 */
#ifndef TRC_THOR_OUTBOUND_H
#define TRC_THOR_OUTBOUND_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "chains/chain.h"
#include "chains/source.h"
#include "chains/thorchain/detect.h"
#include "chains/thorchain/thornode.h"

struct thor_outbound {
	struct thornode_out node; /* the node's out tx it came from */
	uint8_t txid[32];	  /* the chain's stored order */
	struct thor_event ev;	  /* what the verified tx itself carries */
};

/*
 * THORChain's name of a chain ("BTC" for btc): its name in upper case.
 * Out: out (cap bytes).
 */
void thor_chain_name(const struct chain_ops *chain, char *out, size_t cap);

/*
 * The node's outbound of st on chain. Out: *out (its node part).
 * TRC_ERR_NOTFOUND when the node has not observed the inbound or the
 * swap is pending (no outbound signed yet); TRC_ERR_UNSUPPORTED when the
 * inbound was refunded, or its outbound is on another chain (the message
 * names the chain and the txid); each message ends "nothing stored".
 */
enum trc_err thor_outbound_pick(const struct thornode_status *st,
				const struct chain_ops *chain,
				struct thor_outbound *out,
				struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Proves out->node on chain through src: the txid parsed by the chain,
 * the events of the transaction read by src->ops->thor_events (routers,
 * n_routers as there), and among them an outbound whose memo names
 * st->in_hash and whose payee is the node's to_address (EVM hex and bech32 in
 * any case, base58 exactly).
 * Out: out->txid, out->ev. TRC_ERR_UNSUPPORTED when src cannot read
 * THORChain memos; TRC_ERR_VERIFY when the transaction does not carry
 * the memo or pays another address (the node lied); the source's own
 * errors (not found, a failed verification) as they come.
 */
enum trc_err thor_outbound_verify(const struct thornode_status *st,
				  const struct chain_ops *chain,
				  struct crawl_source *src,
				  const char *const *routers, size_t n_routers,
				  struct thor_outbound *out,
				  struct trc_error *err) TRC_WARN_UNUSED;

#endif
