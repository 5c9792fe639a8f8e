/*
 * The one list of chains (TRC_CHAINS, store/record.h) and the adapter
 * table built from it (chains/chain.c) agree: every listed chain has an
 * adapter of its name and id, names and ids are unique, and the names
 * round-trip through chain_name / chain_from_name.
 */
#include <string.h>

#include "chains/chain.h"
#include "store/record.h"
#include "tests/unit/harness.h"

static const struct {
	const char *name;
	unsigned id;
} listed[] = {
#define ROW(n, N, i) { #n, i },
	TRC_CHAINS(ROW)
#undef ROW
};
#define N_LISTED (sizeof(listed) / sizeof(listed[0]))

static void t_adapters(void)
{
	for (size_t i = 0; i < N_LISTED; i++) {
		const struct chain_ops *ops = chain_find(listed[i].name);

		CHECK(ops != NULL);
		if (!ops)
			continue;
		CHECK_STR(ops->name, listed[i].name);
		CHECK_INT(ops->id, listed[i].id);
		CHECK(chain_by_id((uint8_t)listed[i].id) == ops);
		CHECK_STR(chain_name((uint8_t)listed[i].id), listed[i].name);
		CHECK_INT(chain_from_name(listed[i].name), listed[i].id);
		CHECK(chain_sources(ops) != NULL);
		CHECK(strstr(chain_names(), listed[i].name) != NULL);
	}
}

static void t_unique(void)
{
	for (size_t i = 0; i < N_LISTED; i++) {
		CHECK(listed[i].id > 0 && listed[i].id < 256);
		for (size_t j = i + 1; j < N_LISTED; j++) {
			CHECK(listed[i].id != listed[j].id);
			CHECK(strcmp(listed[i].name, listed[j].name) != 0);
		}
	}
}

static void t_unknown(void)
{
	CHECK(chain_name(0) == NULL);
	CHECK(chain_name(255) == NULL);
	CHECK_INT(chain_from_name("doge-not-yet"), CHAIN_NONE);
	CHECK_INT(chain_from_name(NULL), CHAIN_NONE);
	CHECK(chain_find("BTC-") == NULL);
}

TEST_MAIN({ "adapters", t_adapters }, { "unique", t_unique },
	  { "unknown", t_unknown })
