/*
 * leveldb_tap.so - records every batch a program hands to LevelDB, for
 * the "LevelDB alone" baseline of make bench (tests/bench.sh) that
 * replays an ingest's own writes (tests/tools/bench_chain replay).
 *
 *   LD_PRELOAD=build/rel/preload/leveldb_tap.so \
 *   TRACER_LEVELDB_TAP=FILE bin/tracer --db DB crawl btc --blocks ...
 *
 * It stands in for libleveldb's leveldb_write(): each batch is appended
 * to FILE, then written by the real leveldb_write (found with
 * dlsym(RTLD_NEXT)), so the program runs as it would without the tap.
 * store/ writes through leveldb_write alone, so FILE holds every write
 * of the run, in its order and batches:
 *
 *   file   := batch*
 *   batch  := 'W' op* 'E'
 *   op     := 'P' u32 klen, key, u32 vlen, value | 'D' u32 klen, key
 *
 * (u32 little-endian). A batch is appended and flushed before LevelDB
 * sees it; a failure to record fails the write through LevelDB's own
 * error string, so a partial recording never passes for a whole one.
 * Without TRACER_LEVELDB_TAP the tap writes nothing.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <leveldb/c.h>

typedef void (*write_fn)(leveldb_t *, const leveldb_writeoptions_t *,
			 leveldb_writebatch_t *, char **);

static pthread_mutex_t tap_lock = PTHREAD_MUTEX_INITIALIZER;
static FILE *tap;
static int tap_failed; /* errno of the first failure, sticky */

struct rec {
	FILE *f;
	int bad;
};

static void put_u32(struct rec *r, size_t n)
{
	uint8_t b[4] = { (uint8_t)n, (uint8_t)(n >> 8), (uint8_t)(n >> 16),
			 (uint8_t)(n >> 24) };

	if (n > UINT32_MAX || fwrite(b, 1, 4, r->f) != 4)
		r->bad = 1;
}

static void put_bytes(struct rec *r, const char *p, size_t n)
{
	put_u32(r, n);
	if (n && fwrite(p, 1, n, r->f) != n)
		r->bad = 1;
}

static void on_put(void *ctx, const char *k, size_t kl, const char *v,
		   size_t vl)
{
	struct rec *r = ctx;

	if (fputc('P', r->f) == EOF)
		r->bad = 1;
	put_bytes(r, k, kl);
	put_bytes(r, v, vl);
}

static void on_delete(void *ctx, const char *k, size_t kl)
{
	struct rec *r = ctx;

	if (fputc('D', r->f) == EOF)
		r->bad = 1;
	put_bytes(r, k, kl);
}

static void fail_write(char **errptr, const char *what, int code)
{
	char msg[256];

	snprintf(msg, sizeof(msg), "leveldb_tap: %s: %s", what, strerror(code));
	free(*errptr); /* LevelDB's convention: the caller frees with free */
	*errptr = strdup(msg);
}

/* Records b; 0, or the errno of the failure. */
static int record(leveldb_writebatch_t *b)
{
	const char *path = getenv("TRACER_LEVELDB_TAP");
	struct rec r;

	if (!path || !*path)
		return 0;
	if (tap_failed)
		return tap_failed;
	if (!tap && !(tap = fopen(path, "wb")))
		return tap_failed = errno ? errno : EIO;
	r.f = tap;
	r.bad = fputc('W', tap) == EOF;
	leveldb_writebatch_iterate(b, &r, on_put, on_delete);
	if (fputc('E', tap) == EOF || fflush(tap))
		r.bad = 1;
	if (r.bad)
		tap_failed = errno ? errno : EIO;
	return tap_failed;
}

void leveldb_write(leveldb_t *db, const leveldb_writeoptions_t *options,
		   leveldb_writebatch_t *batch, char **errptr)
{
	static write_fn real;
	int rc;

	/* held across the write, so the file's order is LevelDB's */
	pthread_mutex_lock(&tap_lock);
	if (!real) /* POSIX's way to take a function from dlsym */
		*(void **)&real = dlsym(RTLD_NEXT, "leveldb_write");
	if (!real)
		fail_write(errptr, "libleveldb's leveldb_write not found",
			   ENOSYS);
	else if ((rc = record(batch)))
		fail_write(errptr, "cannot record the batch", rc);
	else
		real(db, options, batch, errptr);
	pthread_mutex_unlock(&tap_lock);
}

__attribute__((destructor)) static void tap_close(void)
{
	if (tap)
		fclose(tap);
}
