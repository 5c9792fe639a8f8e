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

/* chain_at walks the same table chain_find searches; every chain has a
 * title, units ending in its base unit, and names its own addresses. */
static void t_iterate(void)
{
	const struct chain_ops *c;
	size_t n = 0;

	for (size_t i = 0; (c = chain_at(i)); i++, n++) {
		CHECK(chain_find(c->name) == c);
		CHECK(c->title && *c->title);
		CHECK(c->units && c->units[0].name);
		CHECK(c->address_network != NULL);
		CHECK_INT(c->units[0].decimals, c->decimals);
	}
	CHECK_INT(n, N_LISTED);
}

static void t_address_network(void)
{
	const struct chain_ops *btc = chain_find("btc");
	const struct chain_ops *eth = chain_find("eth");

	CHECK_STR(btc->address_network("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
		  "main");
	CHECK_STR(btc->address_network(
			  "bcrt1qm5282fwdqk8wk73lplayalvq79g0r70t8js2rq"),
		  "regtest");
	CHECK(btc->address_network(
		      "bcrt1qm5282fwdqk8wk73lplayalvq79g0r70t8js2rr") == NULL);
	CHECK(btc->address_network(
		      "0x52908400098527886E0F7030069857D2E4169EE7") == NULL);
	CHECK_STR(eth->address_network(
			  "0x52908400098527886E0F7030069857D2E4169EE7"),
		  "main");
	CHECK(eth->address_network("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa") ==
	      NULL);
}

/* s parses on chain to want (decimal base units). */
static void amount_is(const char *chain, const char *s, const char *want,
		      bool unit)
{
	char got[AMOUNT_STR_MAX];
	trc_amount a;
	bool had = !unit;

	CHECK_INT(chain_amount_parse(chain_find(chain), s, &a, &had, NULL),
		  TRC_OK);
	CHECK_STR(amount_format(got, sizeof(got), a, 0, false), want);
	CHECK(had == unit);
}

static void t_amounts(void)
{
	struct trc_error err = TRC_ERROR_INIT;
	trc_amount a;

	amount_is("btc", "150000000", "150000000", false);
	amount_is("btc", "1.5btc", "150000000", true);
	amount_is("btc", "1.5 BTC", "150000000", true);
	amount_is("btc", "150000000sat", "150000000", true);
	amount_is("btc", "0.00000001btc", "1", true);
	amount_is("eth", "0.2eth", "200000000000000000", true);
	amount_is("eth", "30 gwei", "30000000000", true);
	amount_is("eth", "21000WEI", "21000", true);
	CHECK_INT(chain_amount_parse(chain_find("btc"), "1.5", &a, NULL, &err),
		  TRC_ERR_PARSE);
	CHECK(strstr(err.msg, "1.5btc is 150000000 sat") != NULL);
	CHECK_INT(chain_amount_parse(chain_find("btc"), "1,5", &a, NULL, NULL),
		  TRC_ERR_PARSE);
	CHECK_INT(
		chain_amount_parse(chain_find("btc"), "0.2eth", &a, NULL, NULL),
		TRC_ERR_PARSE);
	CHECK_INT(chain_amount_parse(chain_find("btc"), "1.123456789btc", &a,
				     NULL, NULL),
		  TRC_ERR_PARSE);
	CHECK_INT(chain_amount_parse(chain_find("btc"), "", &a, NULL, NULL),
		  TRC_ERR_PARSE);
	CHECK_INT(chain_amount_parse(chain_find("btc"), "btc", &a, NULL, NULL),
		  TRC_ERR_PARSE);
	CHECK_INT(
		chain_amount_parse(chain_find("btc"), "-1btc", &a, NULL, NULL),
		TRC_ERR_PARSE);
}

TEST_MAIN({ "adapters", t_adapters }, { "unique", t_unique },
	  { "unknown", t_unknown }, { "iterate", t_iterate },
	  { "address_network", t_address_network }, { "amounts", t_amounts })
