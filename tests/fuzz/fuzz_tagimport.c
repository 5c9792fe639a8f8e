/*
 * fuzz_tagimport - every tag list reader (TagPack YAML, CSV, list, JSON)
 * on arbitrary bytes. The first byte picks the format; the rest is the
 * file. Imports go into one scratch database opened at start-up.
 */
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "tracer/tags/tagimport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *db;
static char dir[] = "/tmp/fuzz-tagimport-XXXXXX";

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The scratch database goes when the fuzzer exits. */
static void close_db(void)
{
	store_close(db);
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static struct store *open_db(void)
{
	if (!mkdtemp(dir) || store_open(&db, dir, STORE_CREATE, NULL))
		abort();
	atexit(close_db);
	return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum tagimport_format formats[4] = {
		TAGIMPORT_TAGPACK, TAGIMPORT_CSV, TAGIMPORT_LIST,
		TAGIMPORT_JSON,
	};
	struct tagimport_opts o = TAGIMPORT_OPTS_INIT;
	struct tagimport_counts c;
	struct trc_error e = TRC_ERROR_INIT;

	if (!size)
		return 0;
	if (!db)
		open_db();
	o.format = formats[data[0] & 3];
	if (data[0] & 4) {
		o.chain = data[0] & 8 ? "eth" : "btc";
		o.entity = "fuzz";
		o.category = "other";
	}
	(void)tagimport_buffer(db, "fuzz", (const char *)data + 1, size - 1,
			       &o, &c, NULL, NULL, &e);
	return 0;
}
