/*
 * src.h - the Ethereum source (the contract is chains/source.h): an
 * Ethereum JSON-RPC node (src_rpc.c), listed in eth_sources as "rpc" for
 * the chain table. Nothing here prints; a warning for the user goes to
 * cfg->warning.
 */
#ifndef TRC_ETH_SRC_H
#define TRC_ETH_SRC_H

#include "chains/source.h"

/* The kind "rpc" (chains/source.h). */
extern const struct source_kind eth_sources[];

/*
 * Connects to cfg->location, reads eth_chainId (refusing another chain
 * than cfg->chain_id when that is set) and probes the trace APIs:
 * debug_traceBlockByNumber with callTracer, else trace_block. When the
 * node has neither, TRC_ERR_UNSUPPORTED unless cfg->traces is "none"
 * (then cfg->warning says that internal transfers are missing).
 * Follow mode: address histories from trace_filter (fromAddress) and
 * eth_getLogs (Transfer, topic1 = the address); a transaction is proven
 * by verifying the whole block that holds it.
 */
enum trc_err eth_src_rpc_open(const struct chain_ops *chain,
			      struct source_cfg *cfg, struct crawl_source *out,
			      struct trc_error *err) TRC_WARN_UNUSED;

#endif
