/*
 * fuzz_tagimport - every tag list reader (TagPack YAML, CSV, list, JSON)
 * on arbitrary bytes. The first byte picks the format; the rest is the
 * file. Imports go into one scratch database opened at start-up.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "tests/fuzz/scratch_file.h"
#include "tracer/tags/tagimport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *db;

/* Closed at exit, before scratch_file.c removes its directory. */
static void close_db(void)
{
	store_close(db);
}

static struct store *open_db(void)
{
	char dir[256];

	snprintf(dir, sizeof(dir), "%s/db", scratch_dir());
	if (store_open(&db, dir, STORE_CREATE, NULL))
		abort();
	atexit(close_db);
	return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum tagimport_format formats[4] = {
		TAGIMPORT_TAGPACK,
		TAGIMPORT_CSV,
		TAGIMPORT_LIST,
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
	(void)tagimport_buffer(db, "fuzz", (const char *)data + 1, size - 1, &o,
			       &c, NULL, NULL, &e);
	return 0;
}
