/*
 * test_eth_src - the Ethereum JSON-RPC source against a fake node that is
 * wrong on purpose (tests/unit/eth_server.py): every fetch or parse error
 * names the block that was asked (single answers, receipts, batches,
 * traces), one range's answers share one budget whose excess is an error
 * naming the block and the cap, and a caller's NULL error buffer is
 * allowed (chains/eth/src_rpc.c's fetch_receipts wrote through it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chains/chain.h"
#include "chains/eth/src.h"
#include "chains/net/net.h"
#include "tests/unit/harness.h"
#include "tests/unit/pyserver.h"

#define BUDGET ((size_t)1 << 20)

/* A source on MODE of the fake node, with a 1 MiB budget; false (a test
 * failure) when it cannot be opened. */
static bool open_mode(const char *mode, struct crawl_source *src)
{
	const char *base = t_pyserver("eth_server.py");
	struct trc_error e = TRC_ERROR_INIT;
	struct source_cfg cfg;
	struct net_opts o;
	char url[256];

	memset(src, 0, sizeof(*src));
	if (!*base) {
		t_fail(__FILE__, __LINE__,
		       "the fake node (python3 "
		       "eth_server.py) did not start");
		return false;
	}
	snprintf(url, sizeof(url), "%s/%s", base, mode);
	net_opts_default(&o);
	o.retries = 0;
	o.max_response = BUDGET;
	memset(&cfg, 0, sizeof(cfg));
	cfg.kind = "rpc";
	cfg.location = url;
	cfg.net = &o;
	if (eth_src_rpc_open(chain_find("eth"), &cfg, src, &e)) {
		t_fail(__FILE__, __LINE__, "open %s: %s", mode, e.msg);
		return false;
	}
	return true;
}

/* Fetches blocks h..h+n-1 of MODE. Out: the error in *e (NULL: none
 * asked for). Returns the code. */
static int fetch(const char *mode, uint32_t h, uint32_t n, struct trc_error *e)
{
	struct crawl_source src;
	struct crawl_block cbs[4];
	int rc;

	if (!open_mode(mode, &src))
		return -1;
	memset(cbs, 0, sizeof(cbs));
	rc = src.ops->fetch_blocks(src.ctx, h, n, NULL, cbs, e);
	for (uint32_t i = 0; i < n; i++)
		crawl_block_release(&cbs[i]);
	crawl_source_release(&src);
	return rc;
}

/* The fetch of h..h+n-1 fails with code, its message starting with
 * "block B:" and holding text. */
#define CHECK_FAILS(mode, h, n, code, b, text)                                 \
	do {                                                                   \
		struct trc_error e_ = TRC_ERROR_INIT;                          \
		char want_[32];                                                \
                                                                               \
		snprintf(want_, sizeof(want_), "block %u:", (unsigned)(b));    \
		CHECK_INT(fetch(mode, h, n, &e_), code);                       \
		if (strncmp(e_.msg, want_, strlen(want_)) ||                   \
		    !strstr(e_.msg, text))                                     \
			t_fail(__FILE__, __LINE__,                             \
			       "%s: want '%s ... %s', "                        \
			       "got '%s'",                                     \
			       mode, want_, text, e_.msg);                     \
	} while (0)

static void t_bad_json_names_block(void)
{
	CHECK_FAILS("badjson6", 5, 2, TRC_ERR_PARSE, 6, "invalid JSON");
}

static void t_receipts_name_block(void)
{
	CHECK_FAILS("rcpt-bad", 7, 1, TRC_ERR_PARSE, 7,
		    "eth_getBlockReceipts: answer is not JSON-RPC");
	/* one receipt per transaction, in a batch whose ids match none */
	CHECK_FAILS("rcpt-ids", 8, 1, TRC_ERR_RPC, 8,
		    "eth_getTransactionReceipt");
}

static void t_traces_name_block(void)
{
	CHECK_FAILS("trace-bad6", 5, 2, TRC_ERR_PARSE, 6,
		    "debug_traceBlockByNumber: invalid JSON");
}

/* The receipts' failure reached *err without looking: with err NULL the
 * fetch still fails, and nothing is written through NULL. */
static void t_null_err(void)
{
	CHECK_INT(fetch("rcpt-bad", 7, 1, NULL), TRC_ERR_PARSE);
	CHECK_INT(fetch("badjson6", 5, 2, NULL), TRC_ERR_PARSE);
}

static void t_answer_cap(void)
{
	CHECK_FAILS("pad2m", 3, 1, TRC_ERR_TOOBIG, 3,
		    "the answer is larger than 1048576 bytes");
}

static void t_range_budget(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	int rc;

	/* one 600 kB block fits (and then fails as the empty block it
	 * is), twice in a row: each range has the whole budget */
	for (int i = 0; i < 2; i++) {
		rc = fetch("pad600k", 5, 1, &e);
		CHECK(rc != TRC_OK && rc != TRC_ERR_TOOBIG);
		CHECK(!strncmp(e.msg, "block 5:", 8));
	}
	/* two of them in one range pass it: whichever comes second */
	rc = fetch("pad600k", 5, 2, &e);
	CHECK_INT(rc, TRC_ERR_TOOBIG);
	CHECK(!strncmp(e.msg, "block 5:", 8) || !strncmp(e.msg, "block 6:", 8));
	CHECK(strstr(e.msg, "would pass the budget of 1048576 bytes") != NULL);
}

TEST_MAIN({ "bad JSON names its block", t_bad_json_names_block },
	  { "receipts name their block", t_receipts_name_block },
	  { "traces name their block", t_traces_name_block },
	  { "a NULL error buffer", t_null_err },
	  { "one answer's cap", t_answer_cap },
	  { "one range's budget", t_range_budget })
