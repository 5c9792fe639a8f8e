#include "store/dbcheck.h"
#include "store/record.h"
#include "store/tags.h"
#include "tests/unit/harness.h"

static void put(struct store *s, const char *addr, const char *entity,
		const char *source, uint8_t cat, uint8_t conf)
{
	struct tag t = TAG_INIT;
	struct store_batch *b = store_batch_new();
	struct trc_error e = TRC_ERROR_INIT;

	t.chain = CHAIN_BTC;
	t.address = (char *)addr;
	t.entity = (char *)entity;
	t.source = (char *)source;
	t.category = cat;
	t.confidence = conf;
	CHECK_OK(tags_put(b, &t, &e), &e);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	store_batch_free(b);
}

static int count(const struct tag *t, void *ctx)
{
	(void)t;
	(*(int *)ctx)++;
	return 0;
}

static void t_tags(void)
{
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;
	struct tag best;
	struct tag_list l = TAG_LIST_INIT;
	bool found;
	int n = 0;
	struct dbcheck_result r;

	CHECK_OK(store_open(&s, t_tmp("tags"), STORE_CREATE, &e), &e);
	put(s, "1A", "Lazarus", "ofac", TAG_SANCTIONED, 60);
	put(s, "1A", "Binance", "labels", TAG_EXCHANGE, 90);
	put(s, "1A", "Binance", "labels", TAG_EXCHANGE, 90); /* idempotent */
	put(s, "1B", "Mixer", "x", TAG_MIXER, 50);
	CHECK_OK(tags_get(s, CHAIN_BTC, "1A", &l, &e), &e);
	CHECK_INT(l.n, 2);
	CHECK_STR(l.items[0].entity, "Binance");
	tag_list_release(&l);
	CHECK_OK(tags_best(s, CHAIN_BTC, "1A", &best, &found, &e), &e);
	CHECK(found && best.category == TAG_EXCHANGE);
	tag_release(&best);
	CHECK_OK(tags_best(s, CHAIN_BTC, "1C", &best, &found, &e), &e);
	CHECK(!found);
	CHECK_OK(tags_each(s, CHAIN_BTC, count, &n, &e), &e);
	CHECK_INT(n, 3);
	CHECK_OK(dbcheck_run(s, &r, &e), &e);
	CHECK_INT(r.bad, 0);
	struct store_batch *b = store_batch_new();
	CHECK_OK(tags_delete(s, b, CHAIN_BTC, "1A", "ofac", &e), &e);
	CHECK_OK(store_batch_commit(s, b, &e), &e);
	store_batch_free(b);
	CHECK_OK(tags_get(s, CHAIN_BTC, "1A", &l, &e), &e);
	CHECK_INT(l.n, 1);
	tag_list_release(&l);
	CHECK(tag_category_is_service(TAG_DEPOSIT));
	CHECK(!tag_category_is_service(TAG_HACKER));
	/* a swap venue is an exit, where a dex-swap link can continue */
	CHECK(tag_category_is_service(TAG_DEX));
	CHECK(!tag_category_is_service(TAG_DEFI));
	CHECK_STR(tag_category_name(TAG_DEX), "dex");
	CHECK_INT(tag_category_from_name("dex"), TAG_DEX);
	CHECK(tag_category_name(TAG_CATEGORY_COUNT) == NULL);
	CHECK_INT(tag_category_from_name("mixer"), TAG_MIXER);
	CHECK_INT(tag_category_from_name("nope"), TAG_NONE);
	store_close(s);
}

TEST_MAIN({ "tags", t_tags })
