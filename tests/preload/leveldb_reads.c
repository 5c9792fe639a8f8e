/*
 * leveldb_reads.so - counts the point reads a program makes of LevelDB,
 * by table (the first byte of the key, store/keys.h) and by outcome, for
 * the measurements of docs/performance.md ("Reads the writer no longer
 * makes"):
 *
 *   LD_PRELOAD=build/rel/preload/leveldb_reads.so \
 *   TRACER_LEVELDB_READS=FILE bin/tracer --db DB crawl btc --blocks ...
 *
 * It stands in for libleveldb's leveldb_get(), passing each call on to
 * the real one (dlsym(RTLD_NEXT)), and when the program exits writes to
 * FILE one line per table it read:
 *
 *   table 11 found 125164 missing 0
 *
 * (the table in hex; a FILE it cannot write is named on stderr).
 * Without TRACER_LEVELDB_READS it counts and writes nothing. Iterators
 * and writes are not counted. Every process that loads it rewrites FILE
 * when it exits: preload tracer itself, not a wrapper such as
 * /usr/bin/time, which exits last with no reads and leaves FILE empty.
 */
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include <leveldb/c.h>

typedef char *(*get_fn)(leveldb_t *, const leveldb_readoptions_t *,
			const char *, size_t, size_t *, char **);

static atomic_ulong reads[256][2]; /* [table][found] */

char *leveldb_get(leveldb_t *db, const leveldb_readoptions_t *options,
		  const char *key, size_t klen, size_t *vallen, char **errptr)
{
	static _Atomic(get_fn) real;
	get_fn f = atomic_load(&real);
	char *v;

	if (!f) { /* POSIX's way to take a function from dlsym */
		*(void **)&f = dlsym(RTLD_NEXT, "leveldb_get");
		if (!f) {
			fputs("leveldb_reads: libleveldb's leveldb_get not "
			      "found\n",
			      stderr);
			abort();
		}
		atomic_store(&real, f);
	}
	v = f(db, options, key, klen, vallen, errptr);
	if (klen && getenv("TRACER_LEVELDB_READS"))
		atomic_fetch_add(&reads[(unsigned char)key[0]][v != NULL], 1);
	return v;
}

__attribute__((destructor)) static void reads_report(void)
{
	const char *path = getenv("TRACER_LEVELDB_READS");
	FILE *f;

	if (!path || !*path)
		return;
	if (!(f = fopen(path, "w"))) {
		perror(path);
		return;
	}
	for (int t = 0; t < 256; t++)
		if (reads[t][0] || reads[t][1])
			fprintf(f, "table %02x found %lu missing %lu\n", t,
				atomic_load(&reads[t][1]),
				atomic_load(&reads[t][0]));
	fclose(f);
}
