#include <stdio.h>
#include <stdlib.h>

#include "base/date.h"
#include "chains/chain.h"
#include "tests/unit/harness.h"
#include "tracer/case/case.h"

/* WannaCry's ransom addresses (widely published, May 2017). */
#define WC1 "13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94"
#define WC2 "12t9YDPgwueZ9NyMgw519p7AA8isjr6SMw"
/* The genesis block's coinbase transaction. */
#define GENESIS_TX                                                             \
	"4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"

static const char *write_file(const char *name, const char *text)
{
	const char *p = t_tmp(name);
	FILE *f = fopen(p, "w");

	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return p;
}

/* Loads text as a case; returns the error code and keeps the message. */
static int load_text(const char *text, struct trc_error *e)
{
	struct trc_case c = CASE_INIT;
	int rc = case_load(&c, write_file("c.json", text), e);

	case_release(&c);
	return rc;
}

static void expect_error(const char *text, const char *needle)
{
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_INT(load_text(text, &e), TRC_ERR_PARSE);
	if (!strstr(e.msg, needle))
		t_fail(__FILE__, __LINE__, "'%s' not in '%s'", needle, e.msg);
}

static const char full_case[] =
	"{\"name\": \"WannaCry ransom\", \"chain\": \"btc\",\n"
	" \"network\": \"main\",\n"
	" \"seeds\": [\"" WC1 "\", \"" WC2 "\", \"" GENESIS_TX ":0\"],\n"
	" \"incident_time\": \"2017-05-12T07:44:00Z\",\n"
	" \"reported_loss\": {\"amount\": \"5200000000\",\n"
	"   \"source\": \"https://example.org/report\"},\n"
	" \"policy\": \"fifo\",\n"
	" \"limits\": {\"hops\": 8, \"min\": \"10000\", \"since\": "
	"\"2017-05-12\", \"until\": 1514764800, \"hub_txs\": 500,\n"
	"   \"stop_at\": [\"exchange\", \"mixer\"]},\n"
	" \"notes\": \"three addresses\", \"_comment\": \"ignored\"}\n";

static void check_full(const struct trc_case *c)
{
	uint64_t v = 0;

	CHECK_STR(c->name, "WannaCry ransom");
	CHECK_STR(c->chain, "btc");
	CHECK_STR(c->network, "main");
	CHECK_INT(c->n_seeds, 3);
	CHECK_STR(c->seeds[0], WC1);
	CHECK_STR(c->seeds[2], GENESIS_TX ":0");
	CHECK_INT(c->incident_time, 1494575040);
	CHECK(c->has_loss);
	CHECK_OK(amount_to_u64(&v, c->loss_amount), NULL);
	CHECK_INT(v, 5200000000LL);
	CHECK_STR(c->loss_source, "https://example.org/report");
	CHECK_STR(c->policy, "fifo");
	CHECK(c->has_hops && c->hops == 8);
	CHECK(c->has_min && c->has_hub_txs && c->hub_txs == 500);
	CHECK_INT(c->since, 1494547200);
	CHECK_INT(c->until, 1514764800);
	CHECK_INT(c->n_stop_at, 2);
	CHECK_STR(c->stop_at[1], "mixer");
	CHECK_STR(c->notes, "three addresses");
}

static void t_load_full(void)
{
	struct trc_case c = CASE_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(case_load(&c, write_file("full.json", full_case), &e), &e);
	check_full(&c);
	case_release(&c);
	CHECK(c.name == NULL && c.seeds == NULL);
}

static void t_save_round_trip(void)
{
	struct trc_case c = CASE_INIT, d = CASE_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	const char *out = t_tmp("saved.json");

	CHECK_OK(case_load(&c, write_file("full.json", full_case), &e), &e);
	CHECK_OK(case_save(&c, out, &e), &e);
	CHECK_OK(case_load(&d, out, &e), &e);
	check_full(&d);
	case_release(&c);
	case_release(&d);
}

static void t_minimal(void)
{
	struct trc_case c = CASE_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(case_load(&c,
			   write_file("min.json",
				      "{\"name\":\"x\",\"chain\":\"btc\","
				      "\"seeds\":[\"" WC1 "\"]}"),
			   &e),
		 &e);
	CHECK(c.network == NULL && c.policy == NULL && !c.has_loss);
	CHECK(!c.has_hops && !c.has_min && c.stop_at == NULL);
	CHECK_INT(c.incident_time, CASE_TIME_NONE);
	case_release(&c);
}

static void t_missing_fields(void)
{
	expect_error("{\"chain\":\"btc\",\"seeds\":[\"" WC1 "\"]}",
		     "field 'name': is missing");
	expect_error("{\"name\":\"x\",\"seeds\":[\"" WC1 "\"]}",
		     "field 'chain': is missing");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\"}",
		     "field 'seeds': is missing");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[]}",
		     "field 'seeds': must be a non-empty array");
	expect_error("{\"name\":\"\",\"chain\":\"btc\",\"seeds\":[\"" WC1
		     "\"]}",
		     "field 'name': must not be empty");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"" WC1
		     "\"],\"reported_loss\":{\"source\":\"s\"}}",
		     "field 'reported_loss.amount': is missing");
}

static void t_wrong_types(void)
{
	expect_error("[1,2]", "must be a JSON object");
	expect_error("{\"name\":7,\"chain\":\"btc\",\"seeds\":[\"" WC1 "\"]}",
		     "field 'name': must be a string");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":\"" WC1 "\"}",
		     "field 'seeds': must be a non-empty array");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"" WC1
		     "\", 5]}",
		     "field 'seeds[1]': must be a string");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"" WC1
		     "\"],\"limits\":{\"hops\":\"3\"}}",
		     "field 'limits.hops': must be an integer");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"" WC1
		     "\"],\"limits\":{\"hops\":-1}}",
		     "field 'limits.hops': must be an integer");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"" WC1
		     "\"],\"incident_time\":true}",
		     "field 'incident_time': must be a time");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"" WC1
		     "\"],\"reported_loss\":{\"amount\":1.5}}",
		     "field 'reported_loss.amount'");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"" WC1
		     "\"],\"limits\":{\"min\":\"0.5\"}}",
		     "field 'limits.min': bad amount");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"" WC1
		     "\"],\"limits\":{\"stop_at\":[\"bank\"]}}",
		     "field 'limits.stop_at[0]': unknown category 'bank'");
}

static void t_bad_values(void)
{
	expect_error("{\"name\":\"x\",\"chain\":\"xmr\",\"seeds\":[\"" WC1
		     "\"]}",
		     "field 'chain': unknown chain 'xmr'");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"" WC1
		     "\"],\"policy\":\"magic\"}",
		     "field 'policy': unknown policy 'magic'");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"" WC1
		     "\"],\"incident_time\":\"2017-02-29\"}",
		     "field 'incident_time': bad time '2017-02-29'");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"" WC1
		     "\"],\"limits\":{\"since\":\"2018-01-01\",\"until\":"
		     "\"2017-01-01\"}}",
		     "field 'limits.until': is before");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"" WC1
		     "\"],\"polcy\":\"fifo\"}",
		     "field 'polcy': unknown field");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"" WC1
		     "\"],\"limits\":{\"hop\":1}}",
		     "field 'limits.hop': unknown field");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"" WC1
		     "\",\"" WC2 "\",\"" WC1 "\"]}",
		     "is listed twice");
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"not an "
		     "address\"]}",
		     "field 'seeds[0]'");
	expect_error(
		"{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":[\"" GENESIS_TX
		":x\"]}",
		"field 'seeds[0]'");
}

static void t_bad_json(void)
{
	struct trc_case c = CASE_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	expect_error("{\"name\":\"x\",\n\"chain\": btc}", "line 2");
	expect_error("{\"name\":\"x\",\"name\":\"y\",\"chain\":\"btc\","
		     "\"seeds\":[\"" WC1 "\"]}",
		     "duplicate");
	CHECK_INT(case_load(&c, t_tmp("does-not-exist.json"), &e), TRC_ERR_IO);
	CHECK(strstr(e.msg, "does-not-exist.json") != NULL);
	CHECK(c.name == NULL);
}

/* The checksum is checked with the chain's codec. */
static void t_seed_codec(void)
{
	struct case_seed s;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK(chain_find("btc") != NULL);
	/* last character changed: the base58check checksum fails */
	expect_error("{\"name\":\"x\",\"chain\":\"btc\",\"seeds\":["
		     "\"13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb95\"]}",
		     "field 'seeds[0]'");
	CHECK_OK(case_seed_parse("btc", NULL, WC1, &s, &e), &e);
	CHECK(!s.is_outpoint);
	CHECK_STR(s.address, WC1);
	CHECK_OK(case_seed_parse("btc", NULL, GENESIS_TX ":7", &s, &e), &e);
	CHECK(s.is_outpoint && s.n == 7);
	CHECK_INT(case_seed_parse("btc", NULL, GENESIS_TX ":", &s, &e),
		  TRC_ERR_PARSE);
}

static void t_time(void)
{
	int64_t t = 0;
	char out[21];
	static const struct {
		const char *in;
		int64_t want;
	} good[] = {
		{ "1970-01-01", 0 },
		{ "2009-01-03T18:15:05Z", 1231006505 }, /* genesis block */
		{ "2017-05-12T00:00:00Z", 1494547200 },
		{ "2016-02-29", 1456704000 },
		{ "2000-02-29T23:59:59Z", 951868799 },
		{ "1231006505", 1231006505 },
		{ "9999-12-31T23:59:59Z", INT64_C(253402300799) },
	};
	static const char *const bad[] = {
		"",
		"2017-5-12",
		"2017-02-29",
		"1900-02-29",
		"2017-13-01",
		"2017-05-12T24:00:00Z",
		"2017-05-12T00:00:00",
		"-5",
		"2017-05-12 00:00:00Z",
		"1e9",
		"12345678901234",
		"1969-12-31",
		"2017-05-12T00:60:00Z",
		"2017-05-00",
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		CHECK_OK(case_parse_time(good[i].in, &t, NULL), NULL);
		CHECK_INT(t, good[i].want);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (case_parse_time(bad[i], &t, NULL) != TRC_ERR_PARSE)
			t_fail(__FILE__, __LINE__, "'%s' accepted", bad[i]);
	date_format_iso(1231006505, out);
	CHECK_STR(out, "2009-01-03T18:15:05Z");
	date_format_iso(951868799, out);
	CHECK_STR(out, "2000-02-29T23:59:59Z");
	date_format_iso(-1, out);
	CHECK_STR(out, "invalid-time");
	/* every day of 1970..2100 survives format then parse */
	for (int64_t d = 0; d < 47847; d += 7) {
		date_format_iso(d * 86400 + 3661, out);
		CHECK_OK(case_parse_time(out, &t, NULL), NULL);
		CHECK_INT(t, d * 86400 + 3661);
	}
}

static void t_save_refuses_incomplete(void)
{
	struct trc_case c = CASE_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_INT(case_save(&c, t_tmp("empty.json"), &e), TRC_ERR_INVALID);
	CHECK_INT(case_save(&c, "/nonexistent-dir/x.json", &e),
		  TRC_ERR_INVALID);
}

static void t_save_io_error(void)
{
	struct trc_case c = CASE_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	char *seed = strdup(WC1);

	c.name = strdup("x");
	c.chain = strdup("btc");
	c.seeds = &seed;
	c.n_seeds = 1;
	CHECK_INT(case_save(&c, "/nonexistent-dir/x.json", &e), TRC_ERR_IO);
	CHECK(strstr(e.msg, "/nonexistent-dir/x.json") != NULL);
	c.seeds = NULL;
	c.n_seeds = 0;
	free(seed);
	case_release(&c);
}

/* Notes on nodes and edges: added, saved, loaded back in order; an
 * empty part is refused with nothing added. */
static void t_notes_round_trip(void)
{
	struct trc_case c = CASE_INIT, d = CASE_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	const char *out = t_tmp("notes.json");

	CHECK_OK(case_load(&c,
			   write_file("n.json",
				      "{\"name\":\"x\",\"chain\":\"btc\","
				      "\"seeds\":[\"" WC1 "\"]}"),
			   &e),
		 &e);
	CHECK_OK(case_add_node_note(&c, WC1, "the victim", &e), &e);
	CHECK_OK(case_add_node_note(&c, WC2, "<b>two</b>", &e), &e);
	CHECK_OK(case_add_edge_note(&c, WC1, WC2, "peel", &e), &e);
	CHECK_INT(case_add_node_note(&c, WC1, "", &e), TRC_ERR_INVALID);
	CHECK(strstr(e.msg, "a node note's text") != NULL);
	CHECK_INT(case_add_node_note(&c, NULL, "t", &e), TRC_ERR_INVALID);
	CHECK(c.n_node_notes == 2 && c.n_edge_notes == 1);
	CHECK_OK(case_save(&c, out, &e), &e);
	CHECK_OK(case_load(&d, out, &e), &e);
	CHECK(d.n_node_notes == 2 && d.n_edge_notes == 1);
	if (d.n_node_notes == 2) {
		CHECK_STR(d.node_notes[0].node, WC1);
		CHECK_STR(d.node_notes[0].text, "the victim");
		CHECK_STR(d.node_notes[1].text, "<b>two</b>");
	}
	CHECK(d.notes == NULL);
	case_release(&c);
	case_release(&d);
}

#define LINK_HEAD                                                              \
	"{\"name\": \"l\", \"chain\": \"btc\", \"seeds\": [\"" WC1 "\"],\n"
#define LINK_FROM                                                              \
	"\"from\": {\"chain\": \"btc\", \"txid\": \"" GENESIS_TX "\", "        \
	"\"n\": 0, \"amount\": \"5000000000\"}"
#define LINK_TO                                                                \
	"\"to\": {\"chain\": \"eth\", \"network\": \"main\", \"txid\": \"0x"   \
	"88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b\", " \
	"\"n\": 2, \"amount\": \"1.5eth\", \"asset\": \"ETH\"}"

/* A case's links: every field read and written back; bad ones named. */
static void t_links(void)
{
	static const char text[] = LINK_HEAD
		" \"links\": [{" LINK_FROM ", " LINK_TO
		", \"kind\": \"stated\",\n"
		"   \"evidence\": \"desk\", \"confidence\": \"high\"}]}\n";
	struct trc_case c = CASE_INIT, d = CASE_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	char b[AMOUNT_STR_MAX];
	const char *out = t_tmp("links_saved.json");

	CHECK_OK(case_load(&c, write_file("links.json", text), &e), &e);
	CHECK_OK(case_save(&c, out, &e), &e);
	CHECK_OK(case_load(&d, out, &e), &e);
	CHECK_INT(d.n_links, 1);
	if (d.n_links) {
		const struct xlink *l = &d.links[0];
		CHECK_STR(l->from.chain, "btc");
		CHECK_INT(l->to.n, 2);
		CHECK_STR(amount_format(b, sizeof(b), l->to.amount, 0, false),
			  "1500000000000000000");
		CHECK_STR(l->to.network, "main");
		CHECK_STR(l->to.asset, "ETH");
		CHECK(l->from.asset == NULL);
		CHECK_INT(l->kind, XLINK_STATED);
		CHECK_INT(l->confidence, XLINK_HIGH);
		CHECK_STR(l->evidence, "desk");
	}
	case_release(&c);
	case_release(&d);
	expect_error(LINK_HEAD " \"links\": {}}",
		     "field 'links': must be an array");
	expect_error(LINK_HEAD " \"links\": [{" LINK_FROM "}]}",
		     "field 'links[0].to': is missing");
	expect_error(LINK_HEAD " \"links\": [{" LINK_FROM ", " LINK_TO
			       ", \"via\": 1}]}",
		     "field 'links[0].via': unknown field");
	expect_error(LINK_HEAD " \"links\": [{" LINK_FROM ", " LINK_TO
			       ", \"confidence\": \"sure\"}]}",
		     "field 'links[0].confidence': unknown confidence 'sure'");
	expect_error(LINK_HEAD
		     " \"links\": [{\"from\": {\"chain\": \"btc\", "
		     "\"txid\": \"zz\", \"n\": 0, \"amount\": \"1\"}, " LINK_TO
		     "}]}",
		     "field 'links[0].from.txid': ");
	expect_error(LINK_HEAD " \"links\": [{" LINK_FROM ", " LINK_TO
			       "}, {" LINK_FROM ", " LINK_TO "}]}",
		     "field 'links[1].from': the output is the source of "
		     "links[0] already");
}

TEST_MAIN({ "load_full", t_load_full },
	  { "notes_round_trip", t_notes_round_trip }, { "links", t_links },
	  { "save_round_trip", t_save_round_trip }, { "minimal", t_minimal },
	  { "missing_fields", t_missing_fields },
	  { "wrong_types", t_wrong_types }, { "bad_values", t_bad_values },
	  { "bad_json", t_bad_json }, { "seed_codec", t_seed_codec },
	  { "time", t_time },
	  { "save_refuses_incomplete", t_save_refuses_incomplete },
	  { "save_io_error", t_save_io_error })
