/*
 * keyfilter.h - the keys a writer's lookups may find: a bloom filter in
 * memory over the keys of the tables that an ingest probes with point
 * reads that mostly miss (the txid and address indexes: new txids and
 * addresses; cl_root and cl_size: addresses alone), so that the numbering
 * at commit (store/txwrite.c) and the clustering's overlay
 * (store/clusterdb.c) skip the LevelDB read of a key that cannot be
 * there.
 *
 * The filter holds a superset of those keys of the store: it is loaded
 * from the store (one scan of the four tables of a chain, at the first
 * use of that chain) and every key the writer puts goes in before the
 * write. Keys deleted stay in (a "maybe": the read is made). So "not in
 * the filter" proves "not in the store" as long as nobody else writes;
 * its owner drops it when someone does (store_commits). A chain not
 * loaded, or a table not filtered, is always "maybe".
 *
 * Its size is fixed at creation; more keys than it was sized for only
 * raise the share of reads that are made (false positives).
 */
#ifndef TRC_KEYFILTER_H
#define TRC_KEYFILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store.h"

struct keyfilter;

/* Returns new (max_bytes of bits, at least 4 KiB), free with
 * keyfilter_free; NULL when out of memory. */
struct keyfilter *keyfilter_new(size_t max_bytes);
void keyfilter_free(struct keyfilter *f);
/* True when the filter covers key's table (its first byte). */
bool keyfilter_covers(const uint8_t *key, size_t klen);
/*
 * Loads the keys of chain's filtered tables from s, once per chain. A
 * failed load leaves the chain unloaded (every lookup reads) and is
 * tried again; a chain with more stored keys than the filter holds well
 * (KEYFILTER_BITS_PER_KEY bits a key) is not loaded either, for good:
 * the scan stops there, so it costs at most the filter's size.
 */
enum trc_err keyfilter_load(struct keyfilter *f, struct store *s, uint8_t chain,
			    struct trc_error *err) TRC_WARN_UNUSED;
/* False only when key (of a covered table and a loaded chain, key[1])
 * is certainly not in the store. f NULL: true. */
bool keyfilter_may(const struct keyfilter *f, const uint8_t *key, size_t klen);
/* Adds key (a no-op for a table not covered or f NULL). */
void keyfilter_add(struct keyfilter *f, const uint8_t *key, size_t klen);

#endif
