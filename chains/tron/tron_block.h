/*
 * tron_block.h - a Tron block as java-tron's HTTP API serves it
 * (/wallet/getblockbynum, visible = false), verified, and turned into
 * chain-neutral records with its transactions' info
 * (/wallet/gettransactioninfobyblocknum).
 *
 * Verified from the bytes (docs/chains.md):
 *  - the block id: its 8 first bytes are the height, the other 24 those
 *    of SHA-256 of the header's raw data, re-encoded as protobuf from the
 *    JSON fields (a field tracer does not know is refused);
 *  - the witness signature over SHA-256 of the same bytes recovers a key
 *    (REC_VERIFIED_SIGS needs it to be witness_address's own);
 *  - each txID = SHA-256 of raw_data_hex; the contract decoded from those
 *    bytes (protobuf) equals the JSON's raw_data; each signature recovers
 *    a key over the txID (the owner's own for REC_VERIFIED_SIGS: an
 *    account whose permissions name other keys is asserted);
 *  - the transactions root: SHA-256 leaves of each whole transaction
 *    (raw data, signatures, results: so the success or failure of each
 *    is covered too), paired with SHA-256, an odd last node carried up;
 *    zero for an empty block.
 * Node-asserted (labelled so in docs/chains.md): the info - fees paid,
 * TRC-20 Transfer logs, Tether's blacklist events - cross-checked with
 * the block (ids, height, time, contract, result), and a direct TRC-20
 * transfer() call must come with its own Transfer log.
 */
#ifndef TRC_TRON_BLOCK_H
#define TRC_TRON_BLOCK_H

#include <jansson.h>

#include "chains/source.h"
#include "chains/tron/tron_addr.h"

/*
 * Verifies block (borrowed), which must be block height, and infos (the
 * info array for it, borrowed; NULL: none fetched, then no fees and no
 * TRC-20 legs), and fills cb (empty on entry; released on failure): the
 * block (hash = block id, prev = parentHash, time in seconds, verified
 * bits) and one rec_tx per transaction in block order.
 * TRC_ERR_VERIFY naming the block, the transaction and what failed;
 * TRC_ERR_PARSE for JSON that is not a block.
 */
enum trc_err tron_block_decode(const json_t *block, const json_t *infos,
			       uint32_t height, struct crawl_block *cb,
			       struct trc_error *err) TRC_WARN_UNUSED;

/* What tron_tx_decode learnt besides the record. */
struct tron_tx_info {
	uint8_t leaf[32];	   /* the transaction's merkle leaf */
	char owner[TRON_ADDR_STR]; /* base58 */
	int32_t type;		   /* Transaction.Contract type */
	int32_t contract_ret;	   /* 0 DEFAULT, 1 SUCCESS, 2 REVERT, ... */
	unsigned n_sigs;
	bool by_owner; /* every signature recovered to the owner */
};

/*
 * Verifies one transaction object (as in a block's "transactions", or
 * /wallet/gettransactionbyid's answer) and fills tx with its legs (no
 * fee, height unknown) and *info.
 */
enum trc_err tron_tx_decode(const json_t *j, struct rec_tx *tx,
			    struct tron_tx_info *info,
			    struct trc_error *err) TRC_WARN_UNUSED;

/* The events tracer reads from the info's logs, by their signature. */
enum tron_event {
	TRON_EV_TRANSFER = 0,	       /* TRC-20 Transfer */
	TRON_EV_ADDED_BLACKLIST = 1,   /* Tether freezes an address */
	TRON_EV_REMOVED_BLACKLIST = 2, /* ... and releases it */
	TRON_EV_DESTROYED = 3,	       /* ... burns its balance */
};
#define TRON_EV_COUNT 4

/* "Transfer(address,address,uint256)", ...; NULL past the list. */
const char *tron_event_signature(enum tron_event ev);
/* Out: topic = keccak-256 of the signature (zero past the list). */
void tron_event_topic(uint8_t topic[32], enum tron_event ev);

/* The transactions root of n leaves (Tron's rule above). Out: root.
 * TRC_ERR_NOMEM. */
enum trc_err tron_merkle_root(uint8_t root[32], const uint8_t (*leaves)[32],
			      size_t n, struct trc_error *err) TRC_WARN_UNUSED;

#endif
