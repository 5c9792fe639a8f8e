/*
 * src.h - the Tron source (the contract is chains/source.h): a java-tron
 * full node's HTTP API (src_http.c), listed in tron_sources as "http" for
 * the chain table. Nothing here prints.
 */
#ifndef TRC_TRON_SRC_H
#define TRC_TRON_SRC_H

#include "chains/source.h"

/* The kind "http" (chains/source.h). */
extern const struct source_kind tron_sources[];

/*
 * Connects to cfg->location (java-tron's HTTP port, 8090, or a
 * TronGrid-compatible endpoint; cfg->api_key goes with every request as
 * the TRON-PRO-API-KEY header) and reads /wallet/getnowblock. Per block:
 * POST /wallet/getblockbynum and /wallet/gettransactioninfobyblocknum,
 * verified by tron_block.h. Follow mode (a TronGrid-compatible
 * endpoint): the histories GET /v1/accounts/{address}/transactions and
 * .../transactions/trc20 (only_confirmed, paged by fingerprint; the
 * lists are node-asserted), each transaction then proven by verifying
 * the whole block /wallet/gettransactioninfobyid names. No balances yet.
 */
enum trc_err tron_src_http_open(const struct chain_ops *chain,
				struct source_cfg *cfg,
				struct crawl_source *out,
				struct trc_error *err) TRC_WARN_UNUSED;

#endif
