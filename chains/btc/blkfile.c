#include "chains/btc/blkfile.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/hash.h"
#include "chains/btc/block.h"
#include "chains/btc/fork.h"
#include "chains/btc/tx.h"

struct btc_blkdir {
	char **files;
	uint32_t n_files;
	uint8_t key[8];
	int xor ;
	const struct btc_network *net;
	const struct btc_fork *fork;	 /* a fork's files: its table */
	const struct btc_fork *fork_net; /* the network of fork met */
	struct btc_blk_entry *e;
	size_t n, cap;
	size_t *by_hash; /* entry indexes sorted by hash */
};

static void unxor(const struct btc_blkdir *d, uint8_t *p, size_t len,
		  uint64_t offset)
{
	if (!d->xor)
		return;
	for (size_t i = 0; i < len; i++)
		p[i] ^= d->key[(offset + i) % 8];
}

static enum trc_err add_file(struct btc_blkdir *d, const char *path,
			     struct trc_error *err)
{
	char **p = realloc(d->files, (d->n_files + 1) * sizeof(*p));

	if (!p)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	d->files = p;
	if (!(p[d->n_files] = strdup(path)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	d->n_files++;
	return TRC_OK;
}

static enum trc_err read_key(struct btc_blkdir *d, const char *dir,
			     struct trc_error *err)
{
	char path[4096];
	FILE *f;
	size_t n;
	uint8_t extra;
	static const uint8_t zero[8];

	snprintf(path, sizeof(path), "%s/xor.dat", dir);
	f = fopen(path, "rb");
	if (!f)
		return errno == ENOENT ? TRC_OK
				       : trc_fail(err, TRC_ERR_IO,
						  "cannot open '%s': %s", path,
						  strerror(errno));
	n = fread(d->key, 1, 8, f);
	if (n != 8 || fread(&extra, 1, 1, f) != 0) {
		fclose(f);
		return trc_fail(err, TRC_ERR_PARSE, "'%s' is not an 8-byte key",
				path);
	}
	fclose(f);
	d->xor = memcmp(d->key, zero, 8) != 0;
	return TRC_OK;
}

static int is_blk_name(const char *s)
{
	if (strlen(s) != 12 || strncmp(s, "blk", 3) || strcmp(s + 8, ".dat"))
		return 0;
	for (int i = 3; i < 8; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static enum trc_err list_dir(struct btc_blkdir *d, const char *dir,
			     struct trc_error *err)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char path[4096];
	enum trc_err rc = TRC_OK;

	if (!dp)
		return trc_fail(err, TRC_ERR_IO,
				"cannot open directory "
				"'%s': %s",
				dir, strerror(errno));
	while (!rc && (de = readdir(dp))) {
		if (!is_blk_name(de->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		rc = add_file(d, path, err);
	}
	closedir(dp);
	if (rc)
		return rc;
	if (!d->n_files)
		return trc_fail(err, TRC_ERR_NOTFOUND,
				"no blk*.dat files in '%s'", dir);
	qsort(d->files, d->n_files, sizeof(*d->files), cmp_str);
	return read_key(d, dir, err);
}

static enum trc_err add_entry(struct btc_blkdir *d,
			      const struct btc_blk_entry *e,
			      struct trc_error *err)
{
	if (d->n == d->cap) {
		size_t n = d->cap ? d->cap * 2 : 256;
		struct btc_blk_entry *p = realloc(d->e, n * sizeof(*p));

		if (!p)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		d->e = p;
		d->cap = n;
	}
	d->e[d->n++] = *e;
	return TRC_OK;
}

static int all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static bool net_has_magic(const struct btc_network *net, const uint8_t m[4])
{
	return !memcmp(net->magic[0], m, 4) || !memcmp(net->magic[1], m, 4);
}

/* The network of a fork's files whose magic is m: picked at the first
 * frame (when none was asked for), then the same for every frame. */
static bool fork_magic(struct btc_blkdir *d, const uint8_t m[4])
{
	const struct btc_fork *n;

	if (!d->fork_net)
		for (size_t i = 0; (n = btc_fork_network_at(d->fork, i)); i++)
			if (net_has_magic(&n->net, m)) {
				d->fork_net = n;
				d->net = &n->net;
				break;
			}
	return d->fork_net && net_has_magic(&d->fork_net->net, m);
}

/* Checks the frame's magic against (or picks) the network. */
static enum trc_err check_magic(struct btc_blkdir *d, const uint8_t m[4],
				const char *path, uint64_t at,
				struct trc_error *err)
{
	const struct btc_network *net;
	char owner[160], want[64];

	if (d->fork) {
		if (fork_magic(d, m))
			return TRC_OK;
	} else {
		net = btc_network_by_magic(m);
		if (!d->net && net)
			d->net = net;
		if (d->net && net_has_magic(d->net, m))
			return TRC_OK;
	}
	if (d->fork)
		snprintf(want, sizeof(want),
			 d->fork_net ? "%s %s" : "a %s network (%s)",
			 d->fork->title,
			 d->fork_net ? d->fork_net->net.name
				     : btc_fork_network_names());
	else
		snprintf(want, sizeof(want), "network %s",
			 d->net ? d->net->name : "main/test/signet/regtest");
	btc_magic_owners(m, owner, sizeof(owner));
	return trc_fail(err, TRC_ERR_PARSE,
			"'%s' at offset %llu: magic %02x%02x%02x%02x%s%s%s, "
			"expected the block magic of %s",
			path, (unsigned long long)at, m[0], m[1], m[2], m[3],
			*owner ? " (" : "", owner, *owner ? ")" : "", want);
}

/* The largest block length a frame may give: Bitcoin's serialized
 * limit, or a fork's larger one (Bitcoin Cash's 32 MB). */
static uint32_t max_len(const struct btc_blkdir *d)
{
	uint32_t fork = d->fork ? d->fork->max_block_size : 0;

	return fork > BTC_MAX_SERIALIZED ? fork : BTC_MAX_SERIALIZED;
}

/* Reads one frame and header at *at. Out: *done at the end of data. */
static enum trc_err scan_one(struct btc_blkdir *d, FILE *f, uint32_t fi,
			     uint64_t size, uint64_t *at, int *done,
			     struct trc_error *err)
{
	const char *path = d->files[fi];
	uint8_t fr[8 + BTC_HEADER_SIZE];
	struct btc_blk_entry e;
	size_t want =
		size - *at < sizeof(fr) ? (size_t)(size - *at) : sizeof(fr);
	enum trc_err rc;

	if (fseeko(f, (off_t)*at, SEEK_SET) || fread(fr, 1, want, f) != want)
		return trc_fail(err, TRC_ERR_IO,
				"cannot read '%s' at offset "
				"%llu",
				path, (unsigned long long)*at);
	if (all_zero(fr, want < 4 ? want : 4)) {
		*done = 1; /* preallocated, never written */
		return TRC_OK;
	}
	if (want < sizeof(fr))
		return trc_fail(err, TRC_ERR_PARSE,
				"'%s' at offset %llu: "
				"truncated block frame (%zu bytes left)",
				path, (unsigned long long)*at, want);
	unxor(d, fr, sizeof(fr), *at);
	if ((rc = check_magic(d, fr, path, *at, err)))
		return rc;
	e.length = le32_get(fr + 4);
	if (e.length < BTC_HEADER_SIZE || e.length > max_len(d))
		return trc_fail(err, TRC_ERR_PARSE,
				"'%s' at offset %llu: "
				"block length %u is not %u to %u bytes",
				path, (unsigned long long)*at + 4, e.length,
				(unsigned)BTC_HEADER_SIZE, max_len(d));
	if (e.length > size - *at - 8)
		return trc_fail(err, TRC_ERR_PARSE,
				"'%s' at offset %llu: "
				"block length %u does not fit (%llu bytes "
				"left)",
				path, (unsigned long long)*at + 4, e.length,
				(unsigned long long)(size - *at - 8));
	hash_sha256d(e.hash, fr + 8, BTC_HEADER_SIZE);
	memcpy(e.prev, fr + 12, 32);
	e.file = fi;
	e.offset = *at + 8;
	*at = e.offset + e.length;
	return add_entry(d, &e, err);
}

static enum trc_err scan_file(struct btc_blkdir *d, uint32_t fi,
			      struct trc_error *err)
{
	FILE *f = fopen(d->files[fi], "rb");
	struct stat st;
	uint64_t at = 0;
	int done = 0;
	enum trc_err rc = TRC_OK;

	if (!f || fstat(fileno(f), &st)) {
		rc = trc_fail(err, TRC_ERR_IO, "cannot open '%s': %s",
			      d->files[fi], strerror(errno));
		if (f)
			fclose(f);
		return rc;
	}
	while (!rc && !done && at < (uint64_t)st.st_size)
		rc = scan_one(d, f, fi, (uint64_t)st.st_size, &at, &done, err);
	fclose(f);
	return rc;
}

static const struct btc_blkdir *sort_dir; /* qsort has no context */

static int cmp_hash(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	return memcmp(sort_dir->e[i].hash, sort_dir->e[j].hash, 32);
}

static enum trc_err build_index(struct btc_blkdir *d, struct trc_error *err)
{
	d->by_hash = malloc((d->n ? d->n : 1) * sizeof(*d->by_hash));
	if (!d->by_hash)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < d->n; i++)
		d->by_hash[i] = i;
	sort_dir = d;
	qsort(d->by_hash, d->n, sizeof(*d->by_hash), cmp_hash);
	sort_dir = NULL;
	return TRC_OK;
}

static enum trc_err open_path(struct btc_blkdir *d, const char *path,
			      struct trc_error *err)
{
	struct stat st;
	enum trc_err rc;

	if (stat(path, &st))
		return trc_fail(err, TRC_ERR_IO, "cannot open '%s': %s", path,
				strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		rc = list_dir(d, path, err);
	} else {
		char dir[4096];
		const char *slash = strrchr(path, '/');

		snprintf(dir, sizeof(dir), "%.*s",
			 slash ? (int)(slash - path) : 1, slash ? path : ".");
		if (slash == path)
			snprintf(dir, sizeof(dir), "/");
		rc = add_file(d, path, err);
		if (!rc)
			rc = read_key(d, dir, err);
	}
	for (uint32_t i = 0; !rc && i < d->n_files; i++)
		rc = scan_file(d, i, err);
	return rc ? rc : build_index(d, err);
}

static enum trc_err blk_open(struct btc_blkdir **out, const char *path,
			     const struct btc_network *net,
			     const struct btc_fork *fork,
			     const struct btc_fork *want, struct trc_error *err)
{
	struct btc_blkdir *d = calloc(1, sizeof(*d));
	enum trc_err rc;

	*out = NULL;
	if (!d)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	d->net = want ? &want->net : net;
	d->fork = fork;
	d->fork_net = want;
	rc = open_path(d, path, err);
	if (rc) {
		btc_blk_close(d);
		return rc;
	}
	*out = d;
	return TRC_OK;
}

enum trc_err btc_blk_open(struct btc_blkdir **out, const char *path,
			  const struct btc_network *net, struct trc_error *err)
{
	return blk_open(out, path, net, NULL, NULL, err);
}

enum trc_err btc_blk_open_fork(struct btc_blkdir **out, const char *path,
			       const struct btc_fork *fork,
			       const struct btc_fork *want,
			       struct trc_error *err)
{
	return blk_open(out, path, NULL, fork, want, err);
}

void btc_blk_close(struct btc_blkdir *d)
{
	if (!d)
		return;
	for (uint32_t i = 0; i < d->n_files; i++)
		free(d->files[i]);
	free(d->files);
	free(d->e);
	free(d->by_hash);
	free(d);
}

const struct btc_network *btc_blk_network(const struct btc_blkdir *d)
{
	return d->net;
}

const struct btc_fork *btc_blk_fork(const struct btc_blkdir *d)
{
	return d->fork_net;
}

size_t btc_blk_count(const struct btc_blkdir *d)
{
	return d->n;
}

const struct btc_blk_entry *btc_blk_entry(const struct btc_blkdir *d, size_t i)
{
	return i < d->n ? &d->e[i] : NULL;
}

const struct btc_blk_entry *btc_blk_find(const struct btc_blkdir *d,
					 const uint8_t hash[32])
{
	size_t lo = 0, hi = d->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = memcmp(d->e[d->by_hash[mid]].hash, hash, 32);

		if (!c)
			return &d->e[d->by_hash[mid]];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *btc_blk_file_path(const struct btc_blkdir *d, uint32_t i)
{
	return i < d->n_files ? d->files[i] : NULL;
}

int btc_blk_obfuscated(const struct btc_blkdir *d)
{
	return d->xor ;
}

static enum trc_err read_chunks(FILE *f, const char *path,
				const struct btc_blk_entry *e, struct buf *out,
				struct trc_error *err)
{
	uint8_t chunk[65536];
	size_t left = e->length;

	if (fseeko(f, (off_t)e->offset, SEEK_SET))
		return trc_fail(err, TRC_ERR_IO, "cannot seek in '%s'", path);
	while (left) {
		size_t n = left < sizeof(chunk) ? left : sizeof(chunk);
		enum trc_err rc;

		if (fread(chunk, 1, n, f) != n)
			return trc_fail(err, TRC_ERR_IO,
					"cannot read %u bytes "
					"of '%s' at offset %llu",
					e->length, path,
					(unsigned long long)e->offset);
		if ((rc = buf_append(out, chunk, n)))
			return trc_fail(err, rc,
					"block of %u bytes in '%s': "
					"%s",
					e->length, path, trc_strerror(rc));
		left -= n;
	}
	return TRC_OK;
}

enum trc_err btc_blk_read(const struct btc_blkdir *d,
			  const struct btc_blk_entry *e, struct buf *out,
			  struct trc_error *err)
{
	const char *path = btc_blk_file_path(d, e->file);
	FILE *f;
	enum trc_err rc;

	buf_reset(out);
	if (!path)
		return trc_fail(err, TRC_ERR_INVALID, "no block file %u",
				e->file);
	f = fopen(path, "rb");
	if (!f)
		return trc_fail(err, TRC_ERR_IO, "cannot open '%s': %s", path,
				strerror(errno));
	rc = read_chunks(f, path, e, out, err);
	fclose(f);
	if (rc) {
		buf_reset(out);
		return rc;
	}
	unxor(d, out->data, out->len, e->offset);
	return TRC_OK;
}
