/*
 * src_proof.h - state proofs for the Ethereum RPC source (src_rpc.c):
 * verified state roots, EIP-1186 proofs fetched with eth_getProof and
 * checked (eth_proof.h), and the check that closes each fetched range:
 * every address a native leg touches must hold, by proof at the range's
 * last block, its proven opening balance plus what the legs bring in less
 * what they take out (eth_balance.h). Nothing here prints.
 */
#ifndef TRC_ETH_SRC_PROOF_H
#define TRC_ETH_SRC_PROOF_H

#include <stdint.h>

#include "base/err.h"
#include "chains/eth/eth_proof.h"
#include "chains/net/net.h"
#include "chains/source.h"

/*
 * The state root of block h: its header (eth_getBlockByNumber(h, false))
 * hashed from its fields; when want_hash is not NULL the hash must be it
 * (the parent hash a verified child names). TRC_ERR_VERIFY otherwise.
 */
enum trc_err eth_src_state_root(struct net_client *net, uint32_t h,
				const uint8_t *want_hash, uint8_t root[32],
				struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The accounts of addrs[0..n) at the end of block h, each proven against
 * root (one eth_getProof each, batched). Out: accts[0..n).
 */
enum trc_err eth_src_proofs(struct net_client *net, uint32_t h,
			    const uint8_t root[32], size_t n,
			    const uint8_t (*addrs)[20],
			    struct eth_account *accts,
			    struct trc_error *err) TRC_WARN_UNUSED;

/*
 * The check at the end of a range of n fetched blocks from h (out[0..n),
 * verified): with open_root the state root of block h-1 (of block 0 when
 * h is 0: the genesis block moves nothing, its state is the allocations;
 * NULL when no header commits to that state, as anvil's genesis, whose
 * stateRoot is the empty trie's: then the opening balances are the
 * node's eth_getBalance and the blocks are not marked) and close_root
 * that of block h+n-1.
 * Proves each touched address at both ends and reconciles. On success
 * sets REC_VERIFIED_BALANCES on each block. TRC_ERR_VERIFY naming the
 * address, block and balances (eth_flows_reconcile), TRC_ERR_RPC when a
 * proof cannot be had.
 */
enum trc_err eth_src_verify_range(struct net_client *net, uint32_t h,
				  uint32_t n, struct crawl_block *out,
				  const uint8_t *open_root,
				  const uint8_t close_root[32],
				  struct trc_error *err) TRC_WARN_UNUSED;

struct eth_callers;

/*
 * The accounts the range's call traces say made calls (callers,
 * finished) must have code at the range's last block, by proof against
 * close_root. TRC_ERR_VERIFY naming the first without.
 */
enum trc_err eth_src_verify_callers(struct net_client *net, uint32_t last,
				    const struct eth_callers *callers,
				    const uint8_t close_root[32],
				    struct trc_error *err) TRC_WARN_UNUSED;

#endif
