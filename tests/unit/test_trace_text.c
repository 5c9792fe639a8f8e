/*
 * The text summary of `tracer trace`: an entity sum that does not fit is an
 * error (it used to be printed as 0, and an allocation failure printed
 * nothing and still exited 0).
 */
#include <stdlib.h>

#include "tests/unit/harness.h"
#include "tracer/cli/cli.h"
#include "tracer/cli/trace_text.h"

static char btc_name[] = "BTC";
static struct trace_asset btc = { .asset = btc_name, .decimals = 8 };

static trc_amount all_ones(void)
{
	trc_amount a;

	for (size_t i = 0; i < 4; i++)
		a.w[i] = UINT64_MAX;
	return a;
}

static void two_exits(struct trace_exit x[2], trc_amount a, trc_amount b)
{
	memset(x, 0, 2 * sizeof(*x));
	x[0].address = "addr-one";
	x[1].address = "addr-two";
	x[0].entity = x[1].entity = "Exchange One";
	x[0].amount = a;
	x[1].amount = b;
}

static void t_entities_summed(void)
{
	struct trace_exit x[2];
	struct trace_result r = {
		.n_assets = 1, .assets = &btc, .n_exits = 2, .exits = x
	};
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	two_exits(x, amount_from_u64(150000000), amount_from_u64(50000000));
	CHECK(f != NULL);
	CHECK_INT(trace_text_entities(f, &r), EXIT_OK);
	fclose(f);
	CHECK(strstr(out, "Exchange One") != NULL);
	CHECK(strstr(out, "2.00000000 BTC  2 addresses") != NULL ||
	      strstr(out, "2 BTC  2 addresses") != NULL);
	free(out);
}

static void t_entity_overflow_is_error(void)
{
	struct trace_exit x[2];
	struct trace_result r = {
		.n_assets = 1, .assets = &btc, .n_exits = 2, .exits = x
	};
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	two_exits(x, all_ones(), amount_from_u64(1));
	CHECK(f != NULL);
	CHECK_INT(trace_text_entities(f, &r), EXIT_ERROR);
	fclose(f);
	/* nothing printed for the entity whose sum is wrong */
	CHECK(strstr(out, "Exchange One") == NULL);
	free(out);
}

TEST_MAIN({ "entities_summed", t_entities_summed },
	  { "entity_overflow_is_error", t_entity_overflow_is_error })
