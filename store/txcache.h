/*
 * txcache.h - the write cache of schema version 2's numbering
 * (store/txwrite.c): what the numbering at commit last learnt of
 * addresses (id, count of indexed transactions) and transactions
 * (number, whether a record and its indexes are stored, the address
 * references and values of its outputs), so that an ingest does not look
 * them up in the database again for every input and output.
 *
 * It holds at most about max_bytes, in two generations: entries go into
 * the new one; when it is full, the old one is dropped and the new one
 * becomes old (what was used lately stays), except for transactions
 * with outputs not yet seen spent (txcache_spent) and the addresses
 * those outputs pay, which move on to the new one while they fit in
 * 3/8 of max_bytes (what an input will ask for next, however old).
 * Whatever it holds must be what the database holds: its user clears it
 * when a write it learnt from did not land, or when someone else wrote
 * (store_commits).
 *
 * Keys are the caller's bytes (chain + address, chain + txid). Values
 * are copied in and out: nothing returned points into the cache.
 */
#ifndef TRC_TXCACHE_H
#define TRC_TXCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/amount.h"
#include "base/err.h"

struct txcache;

struct txcache_out {
	uint32_t addr; /* address reference: 0 none, else id + 1 */
	trc_amount value;
};

struct txcache_tx {
	uint64_t num;
	bool has_record, indexed;
	bool outs_known; /* out[0..n_out-1] below */
	uint32_t n_out;
};

/* Returns new (free with txcache_free), NULL when out of memory. */
struct txcache *txcache_new(size_t max_bytes);
void txcache_free(struct txcache *c);
/* Forgets everything. */
void txcache_clear(struct txcache *c);

/* Out: *id, *count of the address key, when cached (true). */
bool txcache_addr(const struct txcache *c, const void *key, size_t klen,
		  uint32_t *id, uint64_t *count);
enum trc_err txcache_put_addr(struct txcache *c, const void *key, size_t klen,
			      uint32_t id, uint64_t count,
			      struct trc_error *err) TRC_WARN_UNUSED;
/*
 * Out: *tx of the transaction key, when cached (true); with
 * tx->outs_known, its outputs are copied to *outs (new, free(); NULL when
 * it has none).
 */
bool txcache_tx(const struct txcache *c, const void *key, size_t klen,
		struct txcache_tx *tx, struct txcache_out **outs);
/*
 * Notes that an input spent output vout of the transaction key (nothing
 * when it is not cached): kept for what it tells of what to keep, never
 * returned. Putting the same transaction again keeps the note.
 */
void txcache_spent(struct txcache *c, const void *key, size_t klen,
		   uint32_t vout);
/* outs may be NULL when !tx->outs_known. TRC_ERR_NOMEM. */
enum trc_err txcache_put_tx(struct txcache *c, const void *key, size_t klen,
			    const struct txcache_tx *tx,
			    const struct txcache_out *outs,
			    struct trc_error *err) TRC_WARN_UNUSED;

#endif
