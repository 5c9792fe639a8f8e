/*
 * bench_chain - the measurements of `make bench` (tests/bench.sh) that
 * need the libraries, each printing "key value" lines for the script:
 *
 *   bench_chain run OUT CMD [ARG...]
 *       runs CMD, waits, and writes "seconds S cpu_seconds C rss_kib R
 *       status X" to OUT: wall time, then from wait4's rusage the
 *       child's user + system CPU time (less sensitive than wall time to
 *       a machine shared with other work) and its peak RSS
 *   bench_chain copy DB BATCHES
 *       the LevelDB-only baseline of an ingest: every key/value pair DB
 *       holds, written in a fixed random order into a new database in
 *       the temp dir through store/ (the same options, synced batches) in
 *       BATCHES batches (an ingest commits one per block); prints pairs,
 *       bytes and seconds. Past BENCH_COPY_MAX_MB (default 4096) of
 *       pairs, a fixed sample of them is written and the rates hold.
 *   bench_chain rewrite DB
 *       the store-only baseline, in the ingest's own order: every stored
 *       transaction in chain order put again through store/chaindb.h, one
 *       batch per block with its block record and checkpoint, into a new
 *       database, as `crawl` writes them but without decoding, verifying
 *       or resolving anything; only the commits are timed (the batches
 *       are built ahead, REWRITE_AHEAD blocks at a time). A commit still
 *       numbers the batch's addresses and txids and writes their history
 *       keys (store_batch_commit's prepare), so this is the store's cost,
 *       not LevelDB's alone (that is `copy`). Prints pairs, batches and
 *       seconds.
 *   bench_chain replay TAP DIR
 *       LevelDB alone given exactly an ingest's writes: TAP is what
 *       tests/preload/leveldb_tap.so recorded of a `crawl` (every batch
 *       it handed to leveldb_write, puts and deletes, in order), written
 *       again batch for batch through store/ alone (synced, no typed
 *       layer) into the new database DIR, with the LevelDB memory of
 *       crawl's default --cache. The whole replay is timed; TAP is
 *       mapped, not read first. DIR is kept (`db check` gives the
 *       ingest's digest). Prints batches, puts, deletes, bytes, seconds.
 *   bench_chain verify BLOCKS
 *       decode + verify of every block of a blk file or blocks/ directory
 *       (chains/btc, as an ingest does) against sha256d of the same bytes
 *   bench_chain traverse DB
 *       every stored transaction in chain order (store/chaindb.h), every
 *       input and output of it counted: legs and seconds
 *
 * Figures only; nothing here judges them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/hash.h"
#include "chains/btc/blkfile.h"
#include "chains/btc/block.h"
#include "chains/crawl.h"
#include "store/chaindb.h"
#include "store/keys.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(const struct trc_error *e)
{
	fprintf(stderr, "bench_chain: %s\n", e->msg);
	return 1;
}

static int run(const char *out, char **argv)
{
	struct rusage ru;
	double t0 = now(), t;
	int status = 0;
	pid_t pid;
	FILE *f;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return perror("bench_chain: fork"), 1;
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "bench_chain: cannot run '%s': %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			return perror("bench_chain: wait4"), 1;
	t = now() - t0;
	if (!(f = fopen(out, "w")))
		return perror(out), 1;
	fprintf(f, "seconds %.3f cpu_seconds %.3f rss_kib %ld status %d\n", t,
		(double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
			(double)ru.ru_stime.tv_sec +
			(double)ru.ru_stime.tv_usec / 1e6,
		ru.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : 128);
	return fclose(f) ? 1 : 0;
}

/* ---- copy ---- */

struct pairs {
	uint8_t *data; /* klen (4) key vlen (4) value, pair after pair */
	size_t len, cap;
	size_t *at; /* offset of each pair */
	size_t n, cap_n;
};

static int pairs_add(struct pairs *p, const uint8_t *k, size_t kl,
		     const uint8_t *v, size_t vl)
{
	size_t need = 8 + kl + vl;
	uint32_t l;

	if (p->len + need > p->cap) {
		size_t cap = (p->cap ? p->cap * 2 : 1u << 24) + need;
		uint8_t *d = realloc(p->data, cap);

		if (!d)
			return -1;
		p->data = d;
		p->cap = cap;
	}
	if (p->n == p->cap_n) {
		size_t cap = p->cap_n ? p->cap_n * 2 : 1u << 16;
		size_t *a = realloc(p->at, cap * sizeof(*a));

		if (!a)
			return -1;
		p->at = a;
		p->cap_n = cap;
	}
	p->at[p->n++] = p->len;
	l = (uint32_t)kl;
	memcpy(p->data + p->len, &l, 4);
	memcpy(p->data + p->len + 4, k, kl);
	l = (uint32_t)vl;
	memcpy(p->data + p->len + 4 + kl, &l, 4);
	memcpy(p->data + p->len + 8 + kl, v, vl);
	p->len += need;
	return 0;
}

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Reads the pairs of db (every `keep`-th by a fixed hash, keep >= 1). */
static int read_pairs(struct store *s, uint64_t keep, struct pairs *p,
		      uint64_t *all_n, uint64_t *all_bytes, struct trc_error *e)
{
	struct store_iter *it = store_iter_prefix(s, NULL, 0);
	const uint8_t *k, *v;
	size_t kl, vl;
	uint64_t i = 0;
	int rc = 0;

	if (!it)
		return trc_fail(e, TRC_ERR_NOMEM, "out of memory"), -1;
	*all_n = *all_bytes = 0;
	while (!rc && store_iter_next(it, &k, &kl, &v, &vl)) {
		(*all_n)++;
		*all_bytes += kl + vl;
		if (p && mix64(i++) % keep == 0 && pairs_add(p, k, kl, v, vl)) {
			trc_fail(e, TRC_ERR_NOMEM, "out of memory");
			rc = -1;
		}
	}
	if (!rc && store_iter_error(it, e))
		rc = -1;
	store_iter_free(it);
	return rc;
}

static int write_pairs(struct store *s, const struct pairs *p, uint64_t batches,
		       struct trc_error *e)
{
	struct store_batch *b = store_batch_new();
	uint64_t per = (p->n + batches - 1) / batches;

	if (!b)
		return trc_fail(e, TRC_ERR_NOMEM, "out of memory"), -1;
	per = per ? per : 1;
	for (size_t i = 0; i < p->n; i++) {
		const uint8_t *q = p->data + p->at[i];
		uint32_t kl, vl;

		memcpy(&kl, q, 4);
		memcpy(&vl, q + 4 + kl, 4);
		store_batch_put(b, q + 4, kl, q + 8 + kl, vl);
		if ((i + 1) % per == 0 || i + 1 == p->n) {
			if (store_batch_commit(s, b, e)) {
				store_batch_free(b);
				return -1;
			}
			store_batch_clear(b);
		}
	}
	store_batch_free(b);
	return 0;
}

static int copy(const char *db, const char *batches_s)
{
	char dir[] = "/tmp/tracer-bench-copy-XXXXXX", cmd[64];
	struct trc_error e = TRC_ERROR_INIT;
	struct store *src = NULL, *dst = NULL;
	struct pairs p = { 0 };
	uint64_t n, bytes, keep = 1, batches = strtoull(batches_s, NULL, 10);
	const char *max_s = getenv("BENCH_COPY_MAX_MB");
	uint64_t max = (max_s && *max_s ? strtoull(max_s, NULL, 10) : 4096)
		       << 20;
	double t0, t;
	bool made = false;
	int rc = 1;

	if (store_open(&src, db, 0, &e) ||
	    read_pairs(src, 1, NULL, &n, &bytes, &e))
		goto done;
	keep = max && bytes > max ? (bytes + max - 1) / max : 1;
	if (read_pairs(src, keep, &p, &n, &bytes, &e))
		goto done;
	store_close(src);
	src = NULL;
	for (size_t i = p.n; i > 1; i--) { /* a fixed shuffle */
		size_t j = (size_t)(mix64(i ^ 0x73687566ull) % i), x;

		x = p.at[i - 1], p.at[i - 1] = p.at[j], p.at[j] = x;
	}
	if (!(made = mkdtemp(dir) != NULL)) {
		perror("bench_chain: mkdtemp");
		goto done;
	}
	if (store_open(&dst, dir, STORE_CREATE, &e))
		goto done;
	batches = batches ? batches : 1;
	t0 = now();
	if (write_pairs(dst, &p, (batches + keep - 1) / keep, &e))
		goto done;
	t = now() - t0;
	printf("pairs %zu\nbytes %zu\nseconds %.3f\ndb_pairs %llu\n"
	       "db_pair_bytes %llu\nsample_1_in %llu\ncopy_disk_bytes %llu\n",
	       p.n, p.len - 8 * p.n, t, (unsigned long long)n,
	       (unsigned long long)bytes, (unsigned long long)keep,
	       (unsigned long long)store_disk_bytes(dst));
	rc = 0;
done:
	if (rc && e.code)
		fail(&e);
	store_close(src);
	store_close(dst);
	free(p.data);
	free(p.at);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (made && system(cmd) != 0)
		rc = 1;
	return rc;
}

/* ---- replay ---- */

#define REPLAY_CACHE_MIB 512 /* crawl's default --cache */

struct tap {
	const uint8_t *p;
	size_t len, at;
	const char *path;
};

/* The next u32 and that many bytes of t; -1 past the end. */
static int tap_bytes(struct tap *t, const uint8_t **q, size_t *n)
{
	uint32_t l;

	if (t->len - t->at < 4)
		return -1;
	l = (uint32_t)t->p[t->at] | (uint32_t)t->p[t->at + 1] << 8 |
	    (uint32_t)t->p[t->at + 2] << 16 | (uint32_t)t->p[t->at + 3] << 24;
	t->at += 4;
	if (t->len - t->at < l)
		return -1;
	*q = t->p + t->at;
	*n = l;
	t->at += l;
	return 0;
}

static int tap_bad(const struct tap *t, const char *what)
{
	fprintf(stderr, "bench_chain: %s: %s at byte %zu\n", t->path, what,
		t->at);
	return -1;
}

/* Writes the batches of t into s; counts what it wrote. */
static int replay_batches(struct store *s, struct tap *t, uint64_t n[4],
			  struct trc_error *e)
{
	struct store_batch *b = store_batch_new();
	int rc = -1;

	if (!b)
		return trc_fail(e, TRC_ERR_NOMEM, "out of memory"), -1;
	while (t->at < t->len) {
		if (t->p[t->at++] != 'W') {
			tap_bad(t, "not the start of a batch");
			goto done;
		}
		for (;;) {
			const uint8_t *k, *v;
			size_t kl, vl;
			uint8_t op;

			if (t->at == t->len) {
				tap_bad(t, "batch cut short");
				goto done;
			}
			op = t->p[t->at++];
			if (op == 'E')
				break;
			if ((op != 'P' && op != 'D') || tap_bytes(t, &k, &kl) ||
			    (op == 'P' && tap_bytes(t, &v, &vl))) {
				tap_bad(t, "malformed write");
				goto done;
			}
			if (op == 'P') {
				store_batch_put(b, k, kl, v, vl);
				n[1]++;
				n[3] += kl + vl;
			} else {
				store_batch_delete(b, k, kl);
				n[2]++;
				n[3] += kl;
			}
		}
		if (store_batch_commit(s, b, e)) {
			fail(e);
			goto done;
		}
		store_batch_clear(b);
		n[0]++;
	}
	rc = 0;
done:
	store_batch_free(b);
	return rc;
}

static int replay(const char *path, const char *dir)
{
	struct trc_error e = TRC_ERROR_INIT;
	struct store_tuning tune;
	struct store *dst = NULL;
	struct tap t = { .path = path };
	uint64_t n[4] = { 0 }; /* batches, puts, deletes, bytes */
	size_t outputs;
	struct stat st;
	void *map = MAP_FAILED;
	double t0, secs;
	int fd, rc = 1;

	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &st)) {
		perror(path);
		goto done;
	}
	if (st.st_size == 0) {
		fprintf(stderr, "bench_chain: %s: no batch recorded\n", path);
		goto done;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		perror(path);
		goto done;
	}
	t.p = map;
	t.len = (size_t)st.st_size;
	if (access(dir, F_OK) == 0) {
		fprintf(stderr, "bench_chain: '%s' exists\n", dir);
		goto done;
	}
	crawl_split_cache((size_t)REPLAY_CACHE_MIB << 20, &tune, &outputs);
	tune.write_cache = 0; /* no typed layer here */
	if (store_open(&dst, dir, STORE_CREATE, &e) ||
	    store_tune(dst, &tune, &e)) {
		fail(&e);
		goto done;
	}
	t0 = now();
	if (replay_batches(dst, &t, n, &e))
		goto done;
	secs = now() - t0;
	printf("batches %llu\nputs %llu\ndeletes %llu\nbytes %llu\n"
	       "seconds %.3f\nreplay_disk_bytes %llu\n",
	       (unsigned long long)n[0], (unsigned long long)n[1],
	       (unsigned long long)n[2], (unsigned long long)n[3], secs,
	       (unsigned long long)store_disk_bytes(dst));
	rc = 0;
done:
	store_close(dst);
	if (map != MAP_FAILED)
		munmap(map, (size_t)st.st_size);
	if (fd >= 0)
		close(fd);
	return rc;
}

/* ---- rewrite ---- */

#define REWRITE_AHEAD 64

struct rewrite {
	struct store *src, *dst;
	struct store_batch *b[REWRITE_AHEAD];
	unsigned n_b; /* batches built, not yet committed */
	bool open;    /* b[n_b] holds the txs of `height` */
	uint32_t height;
	uint64_t pairs, batches;
	double seconds;
	struct trc_error *err;
};

static enum trc_err rewrite_flush(struct rewrite *w)
{
	double t0 = now();

	for (unsigned i = 0; i < w->n_b; i++) {
		if (store_batch_commit(w->dst, w->b[i], w->err))
			return w->err->code;
		store_batch_clear(w->b[i]);
		w->batches++;
	}
	w->seconds += now() - t0;
	w->n_b = 0;
	return TRC_OK;
}

/* Closes the open batch with its block record and checkpoint. */
static enum trc_err rewrite_block(struct rewrite *w)
{
	struct rec_block blk = REC_BLOCK_INIT;
	struct store_batch *b = w->b[w->n_b];
	bool found = false;
	enum trc_err rc;

	rc = chaindb_get_block(w->src, CHAIN_BTC, w->height, &blk, &found,
			       w->err);
	if (!rc && !found)
		rc = trc_fail(w->err, TRC_ERR_NOTFOUND, "no block %u",
			      w->height);
	if (!rc && w->batches + w->n_b == 0)
		rc = chaindb_put_network(b, CHAIN_BTC, "regtest", w->err);
	if (!rc)
		rc = chaindb_put_block(b, &blk, w->err);
	if (!rc)
		rc = chaindb_put_checkpoint(b, CHAIN_BTC, w->height, blk.hash,
					    w->err);
	rec_block_release(&blk);
	w->open = false;
	if (!rc && ++w->n_b == REWRITE_AHEAD)
		rc = rewrite_flush(w);
	return rc;
}

static int rewrite_tx(const struct rec_tx *tx, void *ctx)
{
	struct rewrite *w = ctx;

	if (w->open && tx->height != w->height && rewrite_block(w))
		return 1;
	w->open = true;
	w->height = tx->height;
	return chaindb_put_tx(w->b[w->n_b], tx, w->err) ? 1 : 0;
}

static int rewrite(const char *db)
{
	char dir[] = "/tmp/tracer-bench-rewrite-XXXXXX", cmd[64];
	struct trc_error e = TRC_ERROR_INIT;
	struct rewrite w;
	bool made = false;
	int rc = 1;

	memset(&w, 0, sizeof(w));
	w.err = &e;
	for (unsigned i = 0; i < REWRITE_AHEAD; i++)
		if (!(w.b[i] = store_batch_new())) {
			trc_fail(&e, TRC_ERR_NOMEM, "out of memory");
			goto done;
		}
	if (!(made = mkdtemp(dir) != NULL)) {
		perror("bench_chain: mkdtemp");
		goto done;
	}
	if (store_open(&w.src, db, 0, &e) ||
	    store_open(&w.dst, dir, STORE_CREATE, &e) ||
	    chaindb_each_tx(w.src, CHAIN_BTC, rewrite_tx, &w, &e) || (e.code) ||
	    (w.open && rewrite_block(&w)) || rewrite_flush(&w))
		goto done;
	/* the pairs the rewrite left, counted in the database: a batch's
	 * own count misses what the store adds at commit (numbers and
	 * counters of schema version 2) */
	{
		uint64_t bytes;

		if (read_pairs(w.dst, 1, NULL, &w.pairs, &bytes, &e))
			goto done;
	}
	printf("pairs %llu\nbatches %llu\nseconds %.3f\n"
	       "rewrite_disk_bytes %llu\n",
	       (unsigned long long)w.pairs, (unsigned long long)w.batches,
	       w.seconds, (unsigned long long)store_disk_bytes(w.dst));
	rc = 0;
done:
	if (rc && e.code)
		fail(&e);
	store_close(w.src);
	store_close(w.dst);
	for (unsigned i = 0; i < REWRITE_AHEAD; i++)
		store_batch_free(w.b[i]);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (made && system(cmd) != 0)
		rc = 1;
	return rc;
}

/* ---- verify ---- */

static int verify(const char *path)
{
	const struct btc_network *net = btc_network_find("regtest");
	struct trc_error e = TRC_ERROR_INIT;
	struct btc_blkdir *d = NULL;
	struct buf raw = BUF_INIT(BTC_MAX_SERIALIZED);
	double t_ver = 0, t_sha = 0, t0;
	uint64_t txs = 0, bytes = 0;
	uint8_t h[32] = { 0 };
	int rc = 1;

	if (btc_blk_open(&d, path, net, &e))
		return fail(&e);
	for (size_t i = 0; i < btc_blk_count(d); i++) {
		struct btc_block b = BTC_BLOCK_INIT;

		if (btc_blk_read(d, btc_blk_entry(d, i), &raw, &e))
			goto done;
		t0 = now();
		if (btc_block_decode(&b, raw.data, raw.len, &e) ||
		    btc_block_verify(&b, net, &e)) {
			btc_block_release(&b);
			goto done;
		}
		txs += b.n_tx;
		btc_block_release(&b);
		t_ver += now() - t0;
		t0 = now();
		hash_sha256d(h, raw.data, raw.len);
		t_sha += now() - t0;
		bytes += raw.len;
	}
	/* the digest byte is printed so that the baseline is not elided */
	printf("blocks %zu\ntxs %llu\nbytes %llu\nverify_seconds %.3f\n"
	       "sha256d_seconds %.3f\ndigest_byte %u\n",
	       btc_blk_count(d), (unsigned long long)txs,
	       (unsigned long long)bytes, t_ver, t_sha, h[0]);
	rc = 0;
done:
	if (rc)
		fail(&e);
	buf_release(&raw);
	btc_blk_close(d);
	return rc;
}

/* ---- traverse ---- */

struct walk {
	uint64_t txs, legs;
	uint64_t sum; /* of the output indexes seen, so nothing is elided */
};

static int walk_tx(const struct rec_tx *tx, void *ctx)
{
	struct walk *w = ctx;

	w->txs++;
	for (uint32_t i = 0; i < tx->n_in; i++)
		w->sum += tx->in[i].prev_vout;
	for (uint32_t i = 0; i < tx->n_out; i++)
		w->sum += tx->out[i].cls;
	w->legs += tx->n_in + tx->n_out;
	return 0;
}

static int traverse(const char *db)
{
	struct trc_error e = TRC_ERROR_INIT;
	struct store *s = NULL;
	struct walk w = { 0, 0, 0 };
	double t0;

	if (store_open(&s, db, 0, &e))
		return fail(&e);
	t0 = now();
	if (chaindb_each_tx(s, CHAIN_BTC, walk_tx, &w, &e)) {
		store_close(s);
		return fail(&e);
	}
	printf("txs %llu\nlegs %llu\nseconds %.3f\nchecksum %llu\n",
	       (unsigned long long)w.txs, (unsigned long long)w.legs,
	       now() - t0, (unsigned long long)w.sum);
	store_close(s);
	return 0;
}

/* Pairs and key/value bytes of each table (the key's first byte). */
static int tables(const char *db)
{
	struct trc_error e = TRC_ERROR_INIT;
	struct store *s = NULL;
	struct store_iter *it;
	const uint8_t *k, *v;
	size_t kl, vl;
	uint64_t n[256] = { 0 }, kb[256] = { 0 }, vb[256] = { 0 };
	int rc = 0;

	if (store_open(&s, db, STORE_UPGRADE, &e))
		return fail(&e);
	if (!(it = store_iter_prefix(s, NULL, 0))) {
		store_close(s);
		return fputs("bench_chain: out of memory\n", stderr), 1;
	}
	while (store_iter_next(it, &k, &kl, &v, &vl)) {
		n[k[0]]++;
		kb[k[0]] += kl;
		vb[k[0]] += vl;
	}
	if (store_iter_error(it, &e))
		rc = fail(&e);
	store_iter_free(it);
	for (int t = 0; t < 256 && !rc; t++)
		if (n[t])
			printf("%02x %-12s pairs %llu key_bytes %llu "
			       "value_bytes %llu\n",
			       t,
			       table_name((uint8_t)t) ? table_name((uint8_t)t)
						      : "?",
			       (unsigned long long)n[t],
			       (unsigned long long)kb[t],
			       (unsigned long long)vb[t]);
	store_close(s);
	return rc;
}

/* Compacts db whole and prints the seconds it took. */
static int compact(const char *db)
{
	struct trc_error e = TRC_ERROR_INIT;
	struct store *s = NULL;
	double t0;

	if (store_open(&s, db, STORE_UPGRADE, &e))
		return fail(&e);
	t0 = now();
	store_compact(s);
	printf("seconds %.3f\n", now() - t0);
	store_close(s);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "run"))
		return run(argv[2], argv + 3);
	if (argc == 4 && !strcmp(argv[1], "copy"))
		return copy(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "rewrite"))
		return rewrite(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "replay"))
		return replay(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "verify"))
		return verify(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "traverse"))
		return traverse(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "tables"))
		return tables(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "compact"))
		return compact(argv[2]);
	fputs("usage: bench_chain run OUT CMD [ARG...] | copy DB BATCHES |\n"
	      "       rewrite DB | replay TAP DIR | verify BLOCKS |\n"
	      "       traverse DB | tables DB | compact DB\n",
	      stderr);
	return 2;
}
