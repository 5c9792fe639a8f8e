/*
 * src.h - the Bitcoin sources (the contract is chains/source.h):
 * Bitcoin Core-compatible JSON-RPC (src_rpc.c, also bcoin), Esplora REST
 * (src_esplora.c) and block files (src_blk.c), and what they share
 * (src.c): turning raw bytes into verified records with the Bitcoin
 * decoder of chains/btc.
 *
 * Each *_open fills a struct crawl_source; btc_sources (src.c) lists them
 * for the chain table. Nothing here prints.
 */
#ifndef TRC_BTC_SRC_H
#define TRC_BTC_SRC_H

#include <stddef.h>
#include <stdint.h>

#include "chains/btc/tx.h"
#include "chains/source.h"

struct btc_fork;
struct btc_network;

/* The kinds "rpc", "esplora", "blocks" (chains/source.h); the forks'
 * ltc_sources: "rpc", "esplora", "blocks"; bch_sources, doge_sources:
 * "rpc", "blocks". */
extern const struct source_kind btc_sources[];

enum trc_err btc_src_rpc_open(const struct chain_ops *chain,
			      struct source_cfg *cfg, struct crawl_source *out,
			      struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err btc_src_esplora_open(const struct chain_ops *chain,
				  struct source_cfg *cfg,
				  struct crawl_source *out,
				  struct trc_error *err) TRC_WARN_UNUSED;
enum trc_err btc_src_blk_open(const struct chain_ops *chain,
			      struct source_cfg *cfg, struct crawl_source *out,
			      struct trc_error *err) TRC_WARN_UNUSED;

/* Largest block and transaction accepted from any source. */
#define BTC_SRC_BLOCK_MAX (32u << 20) /* Bitcoin Cash: 32 MB */
#define BTC_SRC_TX_MAX (4u << 20)

/*
 * Decodes and verifies a raw block (txids recomputed, merkle root, proof
 * of work against its own bits and the network's limit, the rules in
 * force at height and the difficulty anchors: btc_block_verify_at) into
 * out: block
 * record (height given, source copied, fetched_at now) and one rec_tx per
 * transaction with inputs unresolved except coinbases. want_hash, when
 * not NULL, is the hash the source claimed (internal order): a different
 * block is an error. Errors name the height.
 */
enum trc_err btc_src_block(const struct btc_network *net, const uint8_t *raw,
			   size_t len, uint32_t height,
			   const uint8_t *want_hash, const char *source,
			   struct crawl_block *out,
			   struct trc_error *err) TRC_WARN_UNUSED;

/*
 * btc_src_block for a fork's network (fork.h): the block verified with
 * btc_fork_block_verify (the fork's work, AuxPoW, no witness where it
 * has none, the transaction order, MWEB's bindings), the records carry
 * chain (its stored id); a Litecoin HogEx's inputs are stored as minting
 * (mweb.h: what it spends passes into MWEB).
 */
enum trc_err btc_src_fork_block(const struct btc_fork *fork, uint8_t chain,
				const uint8_t *raw, size_t len, uint32_t height,
				const uint8_t *want_hash, const char *source,
				struct crawl_block *out,
				struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Decodes raw (len bytes) into *t (empty on entry; release it) and checks
 * that it hashes to want_txid (internal order): TRC_ERR_VERIFY naming
 * both txids when not.
 */
enum trc_err btc_src_tx_decode(const uint8_t *raw, size_t len,
			       const uint8_t want_txid[32], struct btc_tx *t,
			       struct trc_error *err) TRC_WARN_UNUSED;
/*
 * Decodes a raw transaction and checks that it hashes to want_txid
 * (internal order). Out: *tx (empty on entry), height unknown.
 */
enum trc_err btc_src_tx(const struct btc_network *net, const uint8_t *raw,
			size_t len, const uint8_t want_txid[32],
			struct rec_tx *tx,
			struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Checks an 80-byte header said to be at height: its proof of work and
 * the difficulty anchors (anchors.h). Out: its hash (internal order),
 * merkle root, prev hash, and time.
 */
enum trc_err btc_src_header(const struct btc_network *net, uint32_t height,
			    const uint8_t hdr[80], uint8_t hash[32],
			    uint8_t merkle[32], uint8_t prev[32],
			    uint32_t *time,
			    struct trc_error *err) TRC_WARN_UNUSED;

/* "0f9188f1..." in display order to internal order; false if not hex64. */
int btc_src_hash_parse(const char *hex, uint8_t out[32]);
/* Internal order to display hex (65 bytes). */
void btc_src_hash_format(const uint8_t h[32], char out[65]);

#endif
