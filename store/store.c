#include "store/store.h"

#include <dirent.h>
#include <errno.h>
#include <leveldb/c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/bloom.h"
#include "store/keys.h"

struct store {
	leveldb_t *db;
	leveldb_options_t *options;
	leveldb_readoptions_t *read;
	leveldb_writeoptions_t *write;
	leveldb_filterpolicy_t *filter;
	leveldb_cache_t *cache;
	char *path;
	unsigned flags;
	uint32_t version;
	uint64_t commits;
	size_t write_cache; /* store_tuning's */
	bool created;	    /* store_open made the database */
	bool made_dir;	    /* ... and its directory */
};

struct store_batch {
	leveldb_writebatch_t *wb;
	size_t count;
	const struct store_batch_ext_ops *ext_ops;
	void *ext;
};

struct store_iter {
	leveldb_iterator_t *it;
	uint8_t *prefix;
	size_t plen;
	bool started;
};

/* Converts LevelDB's errptr convention into ours and frees the string. */
static enum trc_err take_leveldb_error(char *lerr, struct trc_error *err,
				       const char *what, const char *path)
{
	enum trc_err code = TRC_ERR_DB;

	if (strstr(lerr, "lock") || strstr(lerr, "Resource temporarily"))
		code = TRC_ERR_LOCKED;
	if (code == TRC_ERR_LOCKED)
		trc_fail(err, code,
			 "database '%s' is in use by another process (%s)",
			 path, lerr);
	else
		trc_fail(err, code, "%s '%s': %s", what, path, lerr);
	leveldb_free(lerr);
	return code;
}

static enum trc_err make_dirs(const char *dir, struct trc_error *err)
{
	char *p = strdup(dir);
	enum trc_err rc = TRC_OK;

	if (!p)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) && errno != EEXIST) {
			rc = trc_fail(err, TRC_ERR_IO,
				      "cannot create directory '%s': %s", p,
				      strerror(errno));
			break;
		}
		*s = '/';
	}
	if (!rc && mkdir(p, 0700) && errno != EEXIST)
		rc = trc_fail(err, TRC_ERR_IO,
			      "cannot create directory '%s': %s", p,
			      strerror(errno));
	free(p);
	return rc;
}

static void version_key(uint8_t key[1 + sizeof(KEY_META_SCHEMA) - 1])
{
	key[0] = TABLE_META;
	memcpy(key + 1, KEY_META_SCHEMA, sizeof(KEY_META_SCHEMA) - 1);
}

void store_batch_put_version(struct store_batch *b, uint32_t version)
{
	uint8_t key[1 + sizeof(KEY_META_SCHEMA) - 1], v[4];

	version_key(key);
	be32_put(v, version);
	store_batch_put(b, key, sizeof(key), v, sizeof(v));
}

static enum trc_err check_version(struct store *s, unsigned flags,
				  struct trc_error *err)
{
	uint8_t key[1 + sizeof(KEY_META_SCHEMA) - 1];
	struct buf val = BUF_INIT(64);
	bool found;
	enum trc_err rc;

	version_key(key);
	rc = store_get(s, key, sizeof(key), &val, &found, err);
	if (rc)
		goto cleanup;
	if (!found) {
		struct store_batch *b;

		s->version = STORE_SCHEMA_VERSION;
		if (flags & STORE_READONLY)
			goto cleanup;
		b = store_batch_new();
		if (!b) {
			rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
			goto cleanup;
		}
		store_batch_put_version(b, STORE_SCHEMA_VERSION);
		rc = store_batch_commit(s, b, err);
		store_batch_free(b);
		goto cleanup;
	}
	if (val.len != 4) {
		rc = trc_fail(err, TRC_ERR_CORRUPT,
			      "database '%s': schema version record has %zu "
			      "bytes, expected 4",
			      s->path, val.len);
		goto cleanup;
	}
	s->version = be32_get(val.data);
	if (s->version >= 1 && s->version < STORE_SCHEMA_VERSION &&
	    (flags & STORE_UPGRADE))
		goto cleanup;
	if (s->version >= 1 && s->version < STORE_SCHEMA_VERSION)
		rc = trc_fail(err, TRC_ERR_VERSION,
			      "database '%s' has schema version %u; this "
			      "tracer reads version %u: run 'tracer db "
			      "upgrade' to convert it in place",
			      s->path, s->version, STORE_SCHEMA_VERSION);
	else if (s->version != STORE_SCHEMA_VERSION)
		rc = trc_fail(err, TRC_ERR_VERSION,
			      "database '%s' has schema version %u; this "
			      "tracer reads version %u%s",
			      s->path, s->version, STORE_SCHEMA_VERSION,
			      s->version > STORE_SCHEMA_VERSION
				      ? " (upgrade tracer)"
				      : " (no migration exists: re-crawl "
					"into a new database)");
cleanup:
	buf_release(&val);
	return rc;
}

/*
 * True when dir holds a LevelDB database (its CURRENT file). Checked before
 * leveldb_open, which creates the directory and a LOCK file even when it is
 * told not to create the database.
 */
static bool store_exists(const char *dir)
{
	struct stat st;
	char *path;
	size_t n = strlen(dir) + sizeof("/CURRENT");
	bool ok;

	path = malloc(n);
	if (!path)
		return true; /* let leveldb_open report it */
	snprintf(path, n, "%s/CURRENT", dir);
	ok = stat(path, &st) == 0;
	free(path);
	return ok;
}

/*
 * LevelDB's options for s: a bloom filter (the policy below; not read
 * back under STORE_READONLY, store.h),
 * tables of TABLE_FILE_BYTES (fewer files to keep
 * open: a trace reads across all of them), and the write buffer and block
 * cache of t (NULL: LevelDB's small defaults, for short commands).
 */
#define TABLE_FILE_BYTES (32u << 20)
#define BLOOM_BITS 10
#define BLOOM_PROBES 6 /* BLOOM_BITS * ln 2, rounded down */

/*
 * The filter policy: bloom bits only for the keys of the tables that
 * point reads probe and may miss (the indexes, clustering's links and
 * sizes, spent_by, blocks, tags, meta). The tables that are only
 * iterated (tx_pos, addr_hist, leg, cl_member: a seek uses no filter) or
 * read by a number that a stored record names (tx, addr_id: always
 * found) get none: 10 bits a key saved on about half of the pairs. A key
 * of those tables always "may match". The policy has its own name:
 * LevelDB ignores a table file's filter written under another name (the
 * builtin bloom filter of databases written before), and reads that file
 * without one, until a compaction rewrites it.
 */
static bool bloom_table(uint8_t t)
{
	switch (t) {
	case TABLE_TX:
	case TABLE_TX_POS:
	case TABLE_ADDR_ID:
	case TABLE_HIST:
	case TABLE_LEG:
	case TABLE_CL_MEMBER:
		return false;
	default:
		return true;
	}
}

static void policy_destroy(void *state)
{
	(void)state;
}

static const char *policy_name(void *state)
{
	(void)state;
	return "tracer.PointReadBloom1";
}

static char *policy_create(void *state, const char *const *keys,
			   const size_t *lens, int n, size_t *out_len)
{
	size_t m = 0, bytes;
	char *f;

	(void)state;
	for (int i = 0; i < n; i++)
		m += lens[i] && bloom_table((uint8_t)keys[i][0]);
	bytes = (m * BLOOM_BITS + 7) / 8;
	if (bytes < 8)
		bytes = 8;
	*out_len = bytes;
	f = calloc(bytes, 1); /* LevelDB frees it with free() */
	if (!f) {
		/* LevelDB takes an empty filter as "nothing matches": give
		 * one byte of set bits (everything may match), or stop */
		if (!(f = malloc(1)))
			abort();
		*f = (char)0xff;
		*out_len = 1;
		return f;
	}
	for (int i = 0; i < n; i++)
		if (lens[i] && bloom_table((uint8_t)keys[i][0]))
			bloom_add((uint8_t *)f, bytes * 8, BLOOM_PROBES,
				  (const uint8_t *)keys[i], lens[i]);
	return f;
}

static unsigned char policy_may_match(void *state, const char *key, size_t len,
				      const char *filter, size_t flen)
{
	(void)state;
	if (!len || !bloom_table((uint8_t)key[0]) || !flen)
		return 1;
	return bloom_may((const uint8_t *)filter, flen * 8, BLOOM_PROBES,
			 (const uint8_t *)key, len);
}

static void set_options(struct store *s, const struct store_tuning *t)
{
	leveldb_options_set_create_if_missing(
		s->options, (s->flags & STORE_CREATE) ? 1 : 0);
	leveldb_options_set_compression(s->options, leveldb_snappy_compression);
	leveldb_options_set_max_open_files(s->options, 256);
	if (!(s->flags & STORE_READONLY) || (s->flags & STORE_UPGRADE))
		leveldb_options_set_filter_policy(s->options, s->filter);
	leveldb_options_set_max_file_size(s->options, TABLE_FILE_BYTES);
	if (!t)
		return;
	s->write_cache = t->write_cache;
	if (t->write_buffer)
		leveldb_options_set_write_buffer_size(s->options,
						      t->write_buffer);
	if (t->block_cache) {
		s->cache = leveldb_cache_create_lru(t->block_cache);
		leveldb_options_set_cache(s->options, s->cache);
	}
}

/* Opens LevelDB in s->path with s's options. */
static enum trc_err open_leveldb(struct store *s, struct trc_error *err)
{
	char *lerr = NULL;
	enum trc_err rc;

	s->db = leveldb_open(s->options, s->path, &lerr);
	if (!lerr)
		return TRC_OK;
	s->db = NULL;
	rc = strstr(lerr, "does not exist")
		     ? trc_fail(err, TRC_ERR_NOTFOUND, "no database at '%s'",
				s->path)
		     : take_leveldb_error(lerr, err, "cannot open database",
					  s->path);
	if (rc == TRC_ERR_NOTFOUND)
		leveldb_free(lerr);
	return rc;
}

/* Frees LevelDB's handle and options of s (not s). */
static void close_leveldb(struct store *s)
{
	if (s->db)
		leveldb_close(s->db);
	if (s->options)
		leveldb_options_destroy(s->options);
	if (s->cache)
		leveldb_cache_destroy(s->cache);
	s->db = NULL;
	s->options = NULL;
	s->cache = NULL;
}

enum trc_err store_open(struct store **out, const char *dir, unsigned flags,
			struct trc_error *err)
{
	struct store *s;
	enum trc_err rc;

	struct stat dst;
	bool had_db = store_exists(dir), had_dir = stat(dir, &dst) == 0;

	*out = NULL;
	if ((flags & STORE_CREATE) && (rc = make_dirs(dir, err)))
		return rc;
	if (!(flags & STORE_CREATE) && !store_exists(dir))
		return trc_fail(err, TRC_ERR_NOTFOUND, "no database at '%s'",
				dir);
	s = calloc(1, sizeof(*s));
	if (!s || !(s->path = strdup(dir))) {
		free(s);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	s->flags = flags;
	s->created = !had_db;
	s->made_dir = !had_dir;
	s->options = leveldb_options_create();
	s->filter =
		leveldb_filterpolicy_create(NULL, policy_destroy, policy_create,
					    policy_may_match, policy_name);
	set_options(s, NULL);
	s->read = leveldb_readoptions_create();
	s->write = leveldb_writeoptions_create();
	leveldb_writeoptions_set_sync(s->write, 1);
	if ((rc = open_leveldb(s, err)) ||
	    (rc = check_version(s, flags, err))) {
		store_close(s);
		return rc;
	}
	*out = s;
	return TRC_OK;
}

enum trc_err store_tune(struct store *s, const struct store_tuning *t,
			struct trc_error *err)
{
	/* the options are LevelDB's at open: close, then open with them */
	close_leveldb(s);
	s->flags &= ~(unsigned)STORE_CREATE; /* it exists now */
	s->options = leveldb_options_create();
	set_options(s, t);
	return open_leveldb(s, err);
}

void store_close(struct store *s)
{
	if (!s)
		return;
	close_leveldb(s);
	if (s->filter)
		leveldb_filterpolicy_destroy(s->filter);
	if (s->read)
		leveldb_readoptions_destroy(s->read);
	if (s->write)
		leveldb_writeoptions_destroy(s->write);
	free(s->path);
	free(s);
}

bool store_is_new(const struct store *s)
{
	return s->created;
}

enum trc_err store_discard_new(struct store *s, struct trc_error *err)
{
	leveldb_options_t *o;
	char *path, *lerr = NULL;
	bool created = s->created, made_dir = s->made_dir;

	path = strdup(s->path);
	store_close(s);
	if (!path)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (!created) {
		trc_fail(err, TRC_ERR_INVALID,
			 "'%s' held a database before: it is kept", path);
		free(path);
		return TRC_ERR_INVALID;
	}
	o = leveldb_options_create();
	leveldb_destroy_db(o, path, &lerr);
	leveldb_options_destroy(o);
	/* LevelDB removes its files, then the directory if nothing else is
	 * in it: one that was there before is put back */
	if (!made_dir)
		(void)mkdir(path, 0700);
	if (lerr) {
		trc_fail(err, TRC_ERR_DB,
			 "cannot remove the new database "
			 "'%s': %s",
			 path, lerr);
		leveldb_free(lerr);
		free(path);
		return TRC_ERR_DB;
	}
	free(path);
	return TRC_OK;
}

const char *store_path(const struct store *s)
{
	return s->path;
}

void store_compact(struct store *s)
{
	leveldb_compact_range(s->db, NULL, 0, NULL, 0);
}

uint32_t store_schema_version(const struct store *s)
{
	return s->version;
}

enum trc_err store_get(struct store *s, const uint8_t *key, size_t klen,
		       struct buf *val, bool *found, struct trc_error *err)
{
	char *lerr = NULL;
	size_t vlen = 0;
	char *v;
	enum trc_err rc = TRC_OK;

	*found = false;
	buf_reset(val);
	v = leveldb_get(s->db, s->read, (const char *)key, klen, &vlen, &lerr);
	if (lerr)
		return take_leveldb_error(lerr, err, "cannot read database",
					  s->path);
	if (!v)
		return TRC_OK;
	rc = buf_append(val, v, vlen);
	leveldb_free(v);
	if (rc)
		return trc_fail(err, rc,
				"database value of %zu bytes does "
				"not fit its buffer",
				vlen);
	*found = true;
	return TRC_OK;
}

struct store_batch *store_batch_new(void)
{
	struct store_batch *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->wb = leveldb_writebatch_create();
	return b;
}

void *store_batch_ext(const struct store_batch *b,
		      const struct store_batch_ext_ops *ops)
{
	return b->ext_ops == ops ? b->ext : NULL;
}

void store_batch_set_ext(struct store_batch *b,
			 const struct store_batch_ext_ops *ops, void *ext)
{
	if (b->ext_ops)
		b->ext_ops->free(b->ext);
	b->ext_ops = ops;
	b->ext = ext;
}

void store_batch_free(struct store_batch *b)
{
	if (!b)
		return;
	if (b->ext_ops)
		b->ext_ops->free(b->ext);
	leveldb_writebatch_destroy(b->wb);
	free(b);
}

void store_batch_put(struct store_batch *b, const uint8_t *key, size_t klen,
		     const uint8_t *val, size_t vlen)
{
	leveldb_writebatch_put(b->wb, (const char *)key, klen,
			       (const char *)val, vlen);
	b->count++;
}

void store_batch_delete(struct store_batch *b, const uint8_t *key, size_t klen)
{
	leveldb_writebatch_delete(b->wb, (const char *)key, klen);
	b->count++;
}

size_t store_batch_count(const struct store_batch *b)
{
	return b->count + (b->ext_ops ? b->ext_ops->count(b->ext) : 0);
}

void store_batch_clear(struct store_batch *b)
{
	leveldb_writebatch_clear(b->wb);
	b->count = 0;
	if (b->ext_ops)
		b->ext_ops->clear(b->ext);
}

enum trc_err store_batch_commit(struct store *s, struct store_batch *b,
				struct trc_error *err)
{
	char *lerr = NULL;

	if (b->ext_ops) {
		enum trc_err rc = b->ext_ops->prepare(b->ext, s, b, err);

		b->ext_ops->clear(b->ext);
		if (rc)
			return rc;
	}
	leveldb_write(s->db, s->write, b->wb, &lerr);
	if (!lerr)
		s->commits++;
	if (b->ext_ops && b->ext_ops->written)
		b->ext_ops->written(b->ext, s, !lerr);
	if (lerr)
		return take_leveldb_error(lerr, err, "cannot write database",
					  s->path);
	return TRC_OK;
}

uint64_t store_commits(const struct store *s)
{
	return s->commits;
}

size_t store_write_cache(const struct store *s)
{
	return s->write_cache;
}

struct store_iter *store_iter_prefix(struct store *s, const uint8_t *prefix,
				     size_t plen)
{
	struct store_iter *it = calloc(1, sizeof(*it));

	if (!it)
		return NULL;
	it->prefix = malloc(plen ? plen : 1);
	if (!it->prefix) {
		free(it);
		return NULL;
	}
	if (plen)
		memcpy(it->prefix, prefix, plen);
	it->plen = plen;
	it->it = leveldb_create_iterator(s->db, s->read);
	return it;
}

bool store_iter_next(struct store_iter *it, const uint8_t **key, size_t *klen,
		     const uint8_t **val, size_t *vlen)
{
	const char *k;

	if (!it->started) {
		it->started = true;
		if (it->plen)
			leveldb_iter_seek(it->it, (const char *)it->prefix,
					  it->plen);
		else
			leveldb_iter_seek_to_first(it->it);
	} else if (leveldb_iter_valid(it->it)) {
		leveldb_iter_next(it->it);
	}
	if (!leveldb_iter_valid(it->it))
		return false;
	k = leveldb_iter_key(it->it, klen);
	if (*klen < it->plen || memcmp(k, it->prefix, it->plen))
		return false;
	*key = (const uint8_t *)k;
	*val = (const uint8_t *)leveldb_iter_value(it->it, vlen);
	return true;
}

enum trc_err store_iter_error(struct store_iter *it, struct trc_error *err)
{
	char *lerr = NULL;

	leveldb_iter_get_error(it->it, &lerr);
	if (lerr)
		return take_leveldb_error(lerr, err, "cannot iterate database",
					  "");
	return TRC_OK;
}

void store_iter_free(struct store_iter *it)
{
	if (!it)
		return;
	leveldb_iter_destroy(it->it);
	free(it->prefix);
	free(it);
}

uint64_t store_disk_bytes(const struct store *s)
{
	DIR *d = opendir(s->path);
	struct dirent *e;
	uint64_t total = 0;
	char path[4096];
	struct stat st;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", s->path, e->d_name);
		if (!stat(path, &st) && S_ISREG(st.st_mode))
			total += (uint64_t)st.st_size;
	}
	closedir(d);
	return total;
}
