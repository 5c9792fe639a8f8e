/*
 * detect.h - THORChain's footprints in one transaction: inbounds to its
 * vaults (Bitcoin: the OP_RETURN memo; Ethereum and the EVM chains: the
 * router's Deposit event), outbounds (OUT:<inbound hash>) and refunds
 * (REFUND:<inbound hash>) on the destination chain (Bitcoin: the memo;
 * EVM: the router's TransferOut event). docs/crosschain.md.
 *
 * Nothing here prints, fetches or stores: the caller hands over a
 * decoded transaction or a receipt's logs and gets events back.
 *
 * Bitcoin (THORNode bifrost's utxo client, getMemo / getOutput): the
 * memo is the concatenation, in output order, of the data of every
 * output whose script is OP_RETURN and exactly one data push (a long
 * memo may be split across several). The vault output is, when vaults
 * are given, the first output paying one of them; otherwise the first
 * output with value that is not OP_RETURN (the caller then checks it
 * against its vault tags). An outbound or refund pays the first output
 * with value that is not OP_RETURN and not a given vault (the rest is
 * the vault's change).
 *
 * EVM (router v1 to v4.1 share these events; THORNode's
 * smartcontract_log_parser.go):
 *   Deposit(address indexed to, address indexed asset, uint256 amount,
 *           string memo)              topic0 THOR_TOPIC_DEPOSIT
 *   TransferOut(address indexed vault, address indexed to,
 *               address asset, uint256 amount, string memo)
 *                                     topic0 THOR_TOPIC_TRANSFER_OUT
 * asset 0x0 is the chain's coin. Any contract can emit these events:
 * an event counts only when the log's address is one of the routers the
 * caller names (its tags); with no routers given every emitter is kept
 * and router_known says so.
 */
#ifndef TRC_THOR_DETECT_H
#define TRC_THOR_DETECT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"
#include "chains/btc/net.h"
#include "chains/btc/tx.h"
#include "chains/thorchain/memo.h"

/* keccak-256 of the two event signatures above (tests check both). */
extern const uint8_t THOR_TOPIC_DEPOSIT[32];
extern const uint8_t THOR_TOPIC_TRANSFER_OUT[32];

/* Room for an address of any chain this module reports, with its NUL. */
#define THOR_ADDR_MAX 96

enum thor_event_kind {
	THOR_EVENT_INBOUND = 1,	 /* to a vault: SWAP, ADD, ... */
	THOR_EVENT_OUTBOUND = 2, /* OUT:<inbound hash> */
	THOR_EVENT_REFUND = 3	 /* REFUND:<inbound hash> */
};

struct thor_event {
	enum thor_event_kind kind;
	/* the memo as sent (NUL-terminated; cut at THOR_MEMO_MAX) and,
	 * when memo_ok, parsed; a memo THORChain cannot parse (it refunds
	 * such an inbound) has memo_ok false and the reason in memo_error */
	char memo_text[THOR_MEMO_MAX + 1];
	bool memo_ok;
	struct thor_memo memo;
	char memo_error[TRC_ERROR_MSG_MAX];
	/* what moved: asset "" for the chain's coin, else the token
	 * contract (EIP-55); amount in base units (satoshi, wei, token) */
	char asset[THOR_ADDR_MAX];
	trc_amount amount;
	/* from: the depositor is not in a log or a Bitcoin tx ("" then);
	 * for a TransferOut, the vault. to: the vault (inbound) or the
	 * recipient (outbound, refund) */
	char from[THOR_ADDR_MAX];
	char to[THOR_ADDR_MAX];
	/* where: the Bitcoin output, the log's position in the receipt's
	 * logs, or 0 for a router call */
	uint32_t index;
	/* EVM: the emitting router and whether the caller named it */
	char router[THOR_ADDR_MAX];
	bool router_known;
	/* outbound / refund: the inbound hash the memo names (as written) */
	bool has_in_hash;
	uint8_t in_hash[32];
};

struct thor_events {
	struct thor_event *v;
	size_t n, cap;
};

#define THOR_EVENTS_INIT                                                       \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void thor_events_release(struct thor_events *e);

/*
 * The memo of a Bitcoin transaction (the OP_RETURN rule above) into
 * buf (cap bytes, NUL-terminated). Out: *len, 0 when tx has no
 * OP_RETURN data. TRC_ERR_TOOBIG when the data does not fit in cap - 1.
 */
enum trc_err thor_btc_memo(const struct btc_tx *tx, char *buf, size_t cap,
			   size_t *len, struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Appends to out the THORChain event of Bitcoin transaction tx (at most
 * one): vaults (n_vaults addresses of net, may be 0) as above. A memo
 * that is not THORChain's gives no event unless tx pays a given vault
 * (then an inbound with memo_ok false). out's earlier events are kept;
 * on failure nothing is appended. TRC_ERR_NOMEM.
 */
enum trc_err thor_btc_detect(const struct btc_tx *tx,
			     const struct btc_network *net,
			     const char *const *vaults, size_t n_vaults,
			     struct thor_events *out,
			     struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Appends to out the Deposit and TransferOut events of a receipt's logs
 * (the JSON array a node sends, borrowed), routers (n_routers addresses,
 * any case, may be 0) as above. Removed logs are skipped, and so is a
 * TransferOut whose memo is neither OUT nor REFUND (a vault migration).
 * A Deposit or TransferOut log of a named router whose topics or ABI
 * data do not decode is an error (TRC_ERR_PARSE naming the log index and
 * the field); of any other emitter it is skipped. On failure nothing is
 * appended.
 */
enum trc_err thor_evm_detect(const json_t *logs, const char *const *routers,
			     size_t n_routers, struct thor_events *out,
			     struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Appends to out the inbound a call to a router makes: data (len bytes,
 * a transaction's input) calling deposit(address vault, address asset,
 * uint256 amount, string memo) (selector 1fece7b4) or depositWithExpiry
 * (the same and uint256 expiry; 44bc937b) on contract to, sending value
 * wei. For the chain's coin (asset 0x0) the router forwards the call's
 * value, so amount = value. ev.to = the vault, ev.router = to. With
 * routers given, a call to another contract gives nothing; so does data
 * that is no such call or whose arguments do not decode (the router
 * would revert). Whether the call succeeded is not known here: the
 * receipt's Deposit log is the proof (thor_evm_detect). TRC_ERR_NOMEM.
 */
enum trc_err thor_evm_call_detect(const uint8_t *data, size_t len,
				  const uint8_t to[20], trc_amount value,
				  const char *const *routers, size_t n_routers,
				  struct thor_events *out,
				  struct trc_error *err) TRC_WARN_UNUSED;

#endif
