/*
 * memoref.h - the table memo_ref (docs/storage.md): for each stored
 * transaction whose memo names another transaction (THORChain's
 * OUT:<hash> and REFUND:<hash>: struct rec_tx's memo_ref), one entry
 * keyed by (its chain, the named hash, its tx number), so that "which
 * transactions answer this one" is one prefix scan per chain. Private to
 * store/; chaindb_each_memo_ref reads it.
 */
#ifndef TRC_MEMOREF_H
#define TRC_MEMOREF_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/keys.h"
#include "store/store.h"

/* The key prefix of (chain, ref): table byte, chain byte, ref (32). */
void memoref_key(struct key *k, uint8_t chain, const uint8_t ref[32]);
/* Puts the entry of tx number num (value empty) into b. */
void memoref_put(struct store_batch *b, uint8_t chain, const uint8_t ref[32],
		 uint64_t num);
/* The tx number of an entry's key (klen checked by the caller). */
uint64_t memoref_num(const uint8_t *key);
/* db check: the key is 39 bytes, the value empty. TRC_ERR_CORRUPT. */
enum trc_err memoref_check_pair(const uint8_t *key, size_t klen,
				const uint8_t *val, size_t vlen,
				struct trc_error *err) TRC_WARN_UNUSED;

#define MEMOREF_KEY_LEN (2 + 32 + 5)

#endif
