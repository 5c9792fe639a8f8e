/*
 * store.h - the database: the only user of LevelDB's C API.
 *
 * A store is a LevelDB directory holding tracer's tables (see keys.h and
 * docs/storage.md). Every write goes through a batch that is applied
 * atomically with a synced write, so a crash leaves either all of a batch or
 * none of it. LevelDB allows one process at a time: a second open fails with
 * TRC_ERR_LOCKED.
 *
 * Ownership: store_open returns a new handle, free with store_close. Values
 * returned in a struct buf belong to the caller. Iterator keys and values
 * are borrowed and valid until the next store_iter_next or store_iter_free.
 */
#ifndef TRC_STORE_H
#define TRC_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"

/* Bumped whenever a key or value layout changes; see docs/storage.md. */
#define STORE_SCHEMA_VERSION 3u

struct store;
struct store_batch;
struct store_iter;

enum store_open_flags {
	STORE_CREATE = 1, /* create the directory and database if absent */
	/* never write (no schema stamp on a new db), and read without the
	 * tables' bloom filters: a command that reads a few hundred records
	 * (trace, address, cluster) then keeps its memory flat as the
	 * database grows, instead of loading a filter block of every table
	 * it touches (10 bits a key); misses cost a block read */
	STORE_READONLY = 2,
	STORE_UPGRADE = 4, /* also open versions 1 and 2 (tracer db upgrade) */
};

/*
 * Opens (and with STORE_CREATE creates, including missing parent
 * directories) the database in dir. Without STORE_CREATE a directory that
 * holds no database fails with TRC_ERR_NOTFOUND and nothing is created. A new
 * database is stamped with STORE_SCHEMA_VERSION. A database with a different
 * stored version fails with TRC_ERR_VERSION and a message naming both versions
 * (older: run 'tracer db upgrade'), unless STORE_UPGRADE and older; one
 * held by another process fails with TRC_ERR_LOCKED. Out: *out, new; free with
 * store_close. NULL on failure.
 */
enum trc_err store_open(struct store **out, const char *dir, unsigned flags,
			struct trc_error *err) TRC_WARN_UNUSED;
/* True when store_open created s's database (dir held none before). */
bool store_is_new(const struct store *s);
/*
 * Closes s (always) and, when store_open created its database, deletes
 * it: the files LevelDB made, and the directory if store_open made it
 * (parent directories stay). A database that was there before is never
 * touched: TRC_ERR_INVALID. For a command that failed before it stored
 * anything, so that it leaves no empty database behind.
 */
enum trc_err store_discard_new(struct store *s,
			       struct trc_error *err) TRC_WARN_UNUSED;
/*
 * LevelDB's memory for a bulk load: the write buffer (bytes, 0: LevelDB's
 * 4 MiB; it may be held twice while one is being flushed) and the block
 * cache (bytes, 0: LevelDB's 8 MiB); and what the typed layer may keep
 * of what it wrote to number the next batches without reading it back
 * (store/txcache.h; store_write_cache tells it).
 */
struct store_tuning {
	size_t write_buffer;
	size_t block_cache;
	size_t write_cache; /* for the typed layer's numbering (0: none) */
};

/*
 * Reopens s's database with the memory of t (LevelDB takes it only at
 * open). Out of any batch or iterator. On failure s holds no database:
 * only store_close is allowed; errors as store_open's (another process
 * may take the lock in between: TRC_ERR_LOCKED).
 */
enum trc_err store_tune(struct store *s, const struct store_tuning *t,
			struct trc_error *err) TRC_WARN_UNUSED;
/* Closes and frees; NULL is allowed. */
void store_close(struct store *s);
/* Compacts the whole key range (what LevelDB would do over time), so that
 * the bytes on disk are those of the data, not of pending merges. */
void store_compact(struct store *s);
/* Borrowed path of the database directory. */
const char *store_path(const struct store *s);
/* The schema version stored in the database. */
uint32_t store_schema_version(const struct store *s);

/*
 * Looks up key. Out: *found; on found, val holds the value (val is reset
 * first). A missing key is not an error.
 */
enum trc_err store_get(struct store *s, const uint8_t *key, size_t klen,
		       struct buf *val, bool *found,
		       struct trc_error *err) TRC_WARN_UNUSED;

/* Returns a new empty batch (NULL when out of memory); free with
 * store_batch_free. */
struct store_batch *store_batch_new(void);
void store_batch_free(struct store_batch *b);
void store_batch_put(struct store_batch *b, const uint8_t *key, size_t klen,
		     const uint8_t *val, size_t vlen);
void store_batch_delete(struct store_batch *b, const uint8_t *key, size_t klen);
/* Number of puts and deletes added since creation or the last clear. */
size_t store_batch_count(const struct store_batch *b);
void store_batch_clear(struct store_batch *b);
/*
 * A typed layer (store/chaindb.c) may attach work to a batch that needs the
 * database to finish, such as numbering transactions: prepare runs inside
 * store_batch_commit, before the write, and adds its puts to the batch; the
 * attached work is then dropped, whether the commit succeeds or not.
 * count adds to store_batch_count; clear runs on store_batch_clear; free on
 * store_batch_free. One extension per batch.
 */
struct store_batch_ext_ops {
	enum trc_err (*prepare)(void *ext, struct store *s,
				struct store_batch *b, struct trc_error *err);
	size_t (*count)(const void *ext);
	void (*clear)(void *ext);
	void (*free)(void *ext);
	/* after the write (NULL: nothing): ok when it landed */
	void (*written)(void *ext, struct store *s, bool ok);
};
/* The extension attached to b with ops, or NULL. */
void *store_batch_ext(const struct store_batch *b,
		      const struct store_batch_ext_ops *ops);
/* Attaches ext (owned by b from now on). */
void store_batch_set_ext(struct store_batch *b,
			 const struct store_batch_ext_ops *ops, void *ext);

/* Batches s committed since it was opened (a cache of what one batch
 * wrote knows from it whether another batch wrote since). */
uint64_t store_commits(const struct store *s);
/* The write cache bytes of store_tune (0 before it). */
size_t store_write_cache(const struct store *s);

/* Adds the schema version stamp (version) to b: store_open writes it on a
 * new database; tests plant other versions with it. */
void store_batch_put_version(struct store_batch *b, uint32_t version);
/* Applies the whole batch atomically and durably (synced), after its
 * extension's prepare. */
enum trc_err store_batch_commit(struct store *s, struct store_batch *b,
				struct trc_error *err) TRC_WARN_UNUSED;

/*
 * Iterates the keys that start with prefix (plen may be 0: every key), in
 * key order. Returns new, free with store_iter_free; NULL on no memory.
 */
struct store_iter *store_iter_prefix(struct store *s, const uint8_t *prefix,
				     size_t plen);
/*
 * Advances. Out: borrowed key, klen, val and vlen. Returns false at the end
 * or on error (store_iter_error tells which).
 */
bool store_iter_next(struct store_iter *it, const uint8_t **key, size_t *klen,
		     const uint8_t **val, size_t *vlen);
enum trc_err store_iter_error(struct store_iter *it, struct trc_error *err);
void store_iter_free(struct store_iter *it);

/* Bytes the database files take on disk (a walk of the directory). */
uint64_t store_disk_bytes(const struct store *s);

#endif
