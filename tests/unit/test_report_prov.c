/*
 * Report provenance: block sources and ranges, verification counts, tag
 * sources, the command line, and independence from fetch times.
 */
#include <stdlib.h>

#include "store/chaindb.h"
#include "store/record.h"
#include "store/tags.h"
#include "tests/unit/harness.h"
#include "tracer/report/report_prov.h"

static void put_block(struct store *s, uint32_t h, const char *src,
		      uint8_t verified, int64_t fetched)
{
	struct rec_block b = REC_BLOCK_INIT;
	struct store_batch *bt = store_batch_new();
	struct trc_error e = TRC_ERROR_INIT;

	b.chain = CHAIN_BTC;
	b.height = h;
	b.hash[0] = (uint8_t)h;
	b.hash[1] = 0x5a;
	b.time = 1700000000 + h;
	b.fetched_at = fetched;
	b.verified = verified;
	CHECK_OK(rec_set_str(&b.source, src, &e), &e);
	CHECK_OK(chaindb_put_block(bt, &b, &e), &e);
	CHECK_OK(store_batch_commit(s, bt, &e), &e);
	store_batch_free(bt);
	rec_block_release(&b);
}

static void put_tag(struct store *s, const char *addr, const char *src)
{
	struct tag t = TAG_INIT;
	struct store_batch *bt = store_batch_new();
	struct trc_error e = TRC_ERROR_INIT;

	t.chain = CHAIN_BTC;
	t.category = TAG_EXCHANGE;
	t.confidence = 90;
	t.address = (char *)addr;
	t.entity = (char *)"Exchange";
	t.source = (char *)src;
	CHECK_OK(tags_put(bt, &t, &e), &e);
	CHECK_OK(store_batch_commit(s, bt, &e), &e);
	store_batch_free(bt);
}

static struct store *fill(const char *name, int64_t fetched)
{
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(store_open(&s, t_tmp(name), STORE_CREATE, &e), &e);
	put_block(s, 7, "blk:/data/blocks", 15, fetched);
	put_block(s, 5, "blk:/data/blocks", 15, fetched);
	put_block(s, 9, "http://127.0.0.1:8332", 7, fetched);
	put_tag(s, "1AddrA", "list-b");
	put_tag(s, "1AddrB", "list-a");
	put_tag(s, "1AddrC", "list-b");
	return s;
}

static void t_collect(void)
{
	struct store *s = fill("a", 1);
	struct report_prov p = REPORT_PROV_INIT, q = REPORT_PROV_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t chains[1] = { CHAIN_BTC };
	char *argv[] = { (char *)"tracer", (char *)"report", (char *)"--case",
			 (char *)"my case.json", (char *)"it's" };
	struct store *s2;

	CHECK_OK(report_prov_collect(&p, s, chains, 1, 5, argv, 0, &e), &e);
	CHECK_STR(p.command, "tracer report --case 'my case.json' "
			     "'it'\\''s'");
	CHECK_STR(p.generated, "1970-01-01T00:00:00Z");
	CHECK_INT(p.n_chains, 1);
	CHECK_INT(p.chains[0].blocks, 3);
	CHECK_INT(p.chains[0].min_height, 5);
	CHECK_INT(p.chains[0].max_height, 9);
	CHECK_INT(p.chains[0].verified[0], 3);
	CHECK_INT(p.chains[0].verified[3], 2);
	CHECK_INT(p.n_sources, 2);
	CHECK_STR(p.sources[0].source, "blk:/data/blocks");
	CHECK_INT(p.sources[0].blocks, 2);
	CHECK_INT(p.sources[0].min_height, 5);
	CHECK_INT(p.sources[0].max_height, 7);
	CHECK_INT(p.sources[1].min_height, 9);
	CHECK_INT(p.n_tag_sources, 2);
	CHECK_STR(p.tag_sources[0].source, "list-a");
	CHECK_INT(p.tag_sources[1].tags, 2);
	CHECK_INT(strlen(p.digest), 64);
	/* the same content fetched at another time: the same digest */
	s2 = fill("b", 999999);
	CHECK_OK(report_prov_collect(&q, s2, chains, 1, 5, argv, 0, &e), &e);
	CHECK_STR(q.digest, p.digest);
	report_prov_release(&p);
	report_prov_release(&q);
	store_close(s);
	store_close(s2);
}

TEST_MAIN({ "collect", t_collect })
