/*
 * txindex.h - the numbered tables of schema version 2, private to store/:
 * keys, the txid and address lookups through their hashed indexes, and
 * turning a compact record (txrec.h) back into a struct rec_tx.
 *
 * TABLE_TXID and TABLE_ADDR map the first KEY_HASH_LEN bytes of a txid /
 * of SHA-256(address) to the varints of every number / id that shares
 * them; a lookup reads each candidate's record and compares.
 */
#ifndef TRC_TXINDEX_H
#define TRC_TXINDEX_H

#include <stdbool.h>
#include <stdint.h>

#include "store/keys.h"
#include "store/record.h"
#include "store/store.h"
#include "store/txrec.h"

#define TXINDEX_VALUE_MAX (64u << 20) /* no single record is larger */

void txindex_key_tx(struct key *k, uint8_t chain, uint64_t num);
void txindex_key_txid(struct key *k, uint8_t chain, const uint8_t txid[32]);
void txindex_key_addr(struct key *k, uint8_t chain, const char *addr);
void txindex_key_addr_id(struct key *k, uint8_t chain, uint32_t id);

/* Out: the raw record of tx number num in val; *found. */
enum trc_err txindex_get_rec(struct store *s, uint8_t chain, uint64_t num,
			     struct buf *val, bool *found,
			     struct trc_error *err) TRC_WARN_UNUSED;
/*
 * The number of txid (a stub too). Out: *num, *found; the raw record in
 * rec when rec is not NULL.
 */
enum trc_err txindex_find_tx(struct store *s, uint8_t chain,
			     const uint8_t txid[32], uint64_t *num,
			     struct buf *rec, bool *found,
			     struct trc_error *err) TRC_WARN_UNUSED;
/*
 * txindex_find_tx's search among the numbers of a txid index value
 * (list[0..len), varints) that the caller read: txid's number when one
 * of them is it.
 */
enum trc_err txindex_match_tx(struct store *s, uint8_t chain,
			      const uint8_t txid[32], const uint8_t *list,
			      size_t len, uint64_t *num, struct buf *rec,
			      bool *found,
			      struct trc_error *err) TRC_WARN_UNUSED;
/* The id and tx count of address. Out: *id, *count, *found. */
enum trc_err txindex_find_addr(struct store *s, uint8_t chain, const char *addr,
			       uint32_t *id, uint64_t *count, bool *found,
			       struct trc_error *err) TRC_WARN_UNUSED;
/* txindex_find_addr's search among the ids of an addr index value. */
enum trc_err txindex_match_addr(struct store *s, uint8_t chain,
				const char *addr, const uint8_t *list,
				size_t len, uint32_t *id, uint64_t *count,
				bool *found,
				struct trc_error *err) TRC_WARN_UNUSED;
/*
 * Whether address id is addr, by its record (an id known from elsewhere,
 * e.g. the output an input spends). Out: *is, and *count when it is.
 * TRC_ERR_CORRUPT when the id has no record.
 */
enum trc_err txindex_addr_is(struct store *s, uint8_t chain, uint32_t id,
			     const char *addr, uint64_t *count, bool *is,
			     struct trc_error *err) TRC_WARN_UNUSED;
/*
 * Splits an addr_id value: the count, then the address packed (schema 3,
 * store/addrpack.h) or, in a database a `db upgrade` is converting,
 * schema 2's text. Out: *count, the address in addr (NUL-terminated), its
 * length *len, and *packed (NULL allowed) whether it was stored packed.
 */
enum trc_err txindex_addr_value(const uint8_t *val, size_t vlen,
				uint64_t *count, char addr[REC_ADDR_MAX + 1],
				size_t *len, bool *packed,
				struct trc_error *err) TRC_WARN_UNUSED;
/* db check of an addr_id value: a count, then a packed address in its
 * canonical form (what addrpack gives for the string it unpacks to). */
enum trc_err txindex_addr_check(const uint8_t *val, size_t vlen,
				struct trc_error *err) TRC_WARN_UNUSED;
/* Out: *str, a new copy (free()) of the address of reference ref (0:
 * NULL). TRC_ERR_CORRUPT when the id has no record. */
enum trc_err txindex_addr_str(struct store *s, uint8_t chain, uint32_t ref,
			      char **str,
			      struct trc_error *err) TRC_WARN_UNUSED;
/* The txid of tx number num (TRC_ERR_CORRUPT when it has no record). */
enum trc_err txindex_txid(struct store *s, uint8_t chain, uint64_t num,
			  uint8_t txid[32],
			  struct trc_error *err) TRC_WARN_UNUSED;
/*
 * Fills out (empty on entry) from t of chain: address strings from their
 * ids, inputs from the outputs they spend. Out: *out; empty on failure.
 */
enum trc_err txindex_inflate(struct store *s, uint8_t chain,
			     const struct txrec *t, struct rec_tx *out,
			     struct trc_error *err) TRC_WARN_UNUSED;

#endif
