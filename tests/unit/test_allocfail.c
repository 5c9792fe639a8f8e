/*
 * Allocation-failure sweep (curl's "torture" mode): each scenario - the
 * Bitcoin tx and block decoders, blk files, the Ethereum decoders (raw
 * RLP, JSON transactions, headers, call traces), the stored records, the
 * tag importers (CSV, list, JSON, TagPack YAML), the case reader and the
 * dex-swap deriver over a stored swap - is
 * run once counting its allocations, then once more for every k with the
 * k-th allocation failing. Each run must end in a clean error (a code and a
 * message) or, when the failed allocation did not matter, in the same success;
 * no crash, and nothing leaked (LeakSanitizer is asked after every run in the
 * sanitized build; valgrind watches the whole program otherwise).
 *
 * This program alone is linked with -Wl,--wrap=malloc,--wrap=calloc,
 * --wrap=realloc,--wrap=strdup,--wrap=strndup (Makefile), so the __wrap_
 * functions below see every allocation of tracer's own code; jansson's
 * go through json_set_alloc_funcs. Allocations inside the other shared
 * libraries (libyaml, LevelDB, libcrypto, libsecp256k1) cannot be made
 * to fail from here.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/hex.h"
#include "chains/btc/blkfile.h"
#include "chains/btc/net.h"
#include "chains/btc/src.h"
#include "chains/btc/tx.h"
#include "chains/crawl.h"
#include "chains/eth/eth_block.h"
#include "chains/eth/eth_flow.h"
#include "chains/eth/eth_tx.h"
#include "chains/tron/tron_block.h"
#include "store/record.h"
#include "store/store.h"
#include "tests/unit/graph_fixture.h"
#include "tests/unit/harness.h"
#include "tracer/case/case.h"
#include "tracer/case/case_dex.h"
#include "tracer/tags/tagimport.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define LEAK_CHECK() __lsan_do_recoverable_leak_check()
#else
#define LEAK_CHECK() 0
#endif

/* ---- the failing allocator ---- */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static unsigned long counted; /* allocations since arm() */
static unsigned long fail_at; /* 0: none fails */
static int armed;
static int failed; /* the chosen allocation was refused */

/* True when this allocation is the one to refuse. */
static int refuse(void)
{
	if (!armed)
		return 0;
	if (++counted != fail_at)
		return 0;
	failed = 1;
	return 1;
}

void *__wrap_malloc(size_t n)
{
	return refuse() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return refuse() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return refuse() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return refuse() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return refuse() ? NULL : __real_strndup(s, n);
}

/* jansson allocates through these once json_set_alloc_funcs is called. */
static void *json_alloc(size_t n)
{
	return __wrap_malloc(n);
}

static void json_release(void *p)
{
	free(p);
}

static void arm(unsigned long k)
{
	counted = 0;
	fail_at = k;
	failed = 0;
	armed = 1;
}

static void disarm(void)
{
	armed = 0;
}

/* ---- the sweep ---- */

/* One scenario: fn does the work and returns its result; ctx is its data
 * (prepared before the sweep, not counted). */
typedef enum trc_err (*scenario_fn)(void *ctx, struct trc_error *err);

static void sweep(const char *name, scenario_fn fn, void *ctx)
{
	struct trc_error e = TRC_ERROR_INIT;
	unsigned long total, bad = 0, errors = 0;
	enum trc_err rc;

	json_set_alloc_funcs(json_alloc, json_release);
	arm(0);
	rc = fn(ctx, &e);
	disarm();
	total = counted;
	if (rc) {
		t_fail(__FILE__, __LINE__,
		       "%s: fails without any allocation "
		       "failing: %s",
		       name, e.msg);
		return;
	}
	CHECK(total > 0);
	for (unsigned long k = 1; k <= total && bad < 5; k++) {
		trc_error_clear(&e);
		arm(k);
		rc = fn(ctx, &e);
		disarm();
		errors += rc != TRC_OK;
		if (rc && !e.msg[0]) {
			t_fail(__FILE__, __LINE__,
			       "%s: allocation %lu of %lu "
			       "failed: error %d without a message",
			       name, k, total, (int)rc);
			bad++;
		}
		if (!failed) {
			t_fail(__FILE__, __LINE__,
			       "%s: run %lu made fewer "
			       "allocations than the first (%lu)",
			       name, k, counted);
			bad++;
		}
		if (LEAK_CHECK()) {
			t_fail(__FILE__, __LINE__,
			       "%s: leak when allocation "
			       "%lu of %lu failed (report above)",
			       name, k, total);
			bad++;
		}
	}
	printf("    %s: %lu allocations, each failed in turn: %lu errors, "
	       "%lu without effect\n",
	       name, total, errors, total - errors);
}

/* ---- inputs ---- */

static uint8_t *read_all(const char *path, size_t *len)
{
	struct buf b = BUF_INIT(16u << 20);
	struct trc_error e = TRC_ERROR_INIT;

	if (buf_read_file(&b, path, &e)) {
		t_fail(__FILE__, __LINE__, "cannot read %s: %s", path, e.msg);
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, len);
}

/* ---- Bitcoin ---- */

struct bytes {
	uint8_t *p;
	size_t n;
};

/* A raw tx: decode, convert to a record, store-encode and decode it. */
static enum trc_err btc_tx_scenario(void *ctx, struct trc_error *err)
{
	const struct bytes *in = ctx;
	struct btc_tx tx;
	struct rec_tx rec = REC_TX_INIT, back = REC_TX_INIT;
	struct buf enc = BUF_INIT(1u << 24);
	enum trc_err rc;

	if ((rc = btc_tx_decode(&tx, in->p, in->n, err)))
		return rc;
	if (!(rc = btc_tx_to_rec(&tx, btc_network_find("main"), 170, 1, 0, &rec,
				 err)) &&
	    !(rc = rec_tx_encode(&rec, &enc, err)))
		rc = rec_tx_decode(&back, enc.data, enc.len, err);
	rec_tx_release(&back);
	rec_tx_release(&rec);
	buf_release(&enc);
	btc_tx_release(&tx);
	return rc;
}

static void t_btc_txs(void)
{
	static const char *const files[] = { "tx_p2pkh", "tx_p2wpkh",
					     "tx_p2wsh", "tx_p2tr" };

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[256];
		struct bytes in;

		snprintf(path, sizeof(path), "tests/fuzz/corpus/fuzz_btc_tx/%s",
			 files[i]);
		if (!(in.p = read_all(path, &in.n)))
			continue;
		sweep(files[i], btc_tx_scenario, &in);
		free(in.p);
	}
}

/*
 * Block files: a regtest chain in blk framing (the fuzz seed minus its
 * option byte), indexed, each block read and turned into verified
 * records, as `crawl btc --blocks` does.
 */
static enum trc_err blk_scenario(void *ctx, struct trc_error *err)
{
	const char *dir = ctx;
	struct btc_blkdir *d = NULL;
	struct buf raw = BUF_INIT(BTC_SRC_BLOCK_MAX);
	enum trc_err rc;

	if ((rc = btc_blk_open(&d, dir, NULL, err)))
		return rc;
	for (size_t i = 0; !rc && i < btc_blk_count(d); i++) {
		const struct btc_blk_entry *e = btc_blk_entry(d, i);
		struct crawl_block cb;

		memset(&cb, 0, sizeof(cb));
		if (!(rc = btc_blk_read(d, e, &raw, err)))
			rc = btc_src_block(btc_blk_network(d), raw.data,
					   raw.len, (uint32_t)i, e->hash, dir,
					   &cb, err);
		crawl_block_release(&cb);
	}
	buf_release(&raw);
	btc_blk_close(d);
	return rc;
}

static void t_btc_blocks(void)
{
	const char *dir = t_tmp("blocks");
	char path[512];
	size_t n;
	uint8_t *seed =
		read_all("tests/fuzz/corpus/fuzz_blkfile/demo_first4", &n);
	FILE *f;

	if (!seed)
		return;
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/blk00000.dat", dir);
	f = fopen(path, "wb");
	CHECK(f && fwrite(seed + 1, 1, n - 1, f) == n - 1 && !fclose(f));
	free(seed);
	sweep("blk file", blk_scenario, (void *)dir);
}

/* ---- Ethereum ---- */

/* Every raw vector: RLP-decode, verify (recover the sender), re-encode. */
static enum trc_err eth_raw_scenario(void *ctx, struct trc_error *err)
{
	const json_t *cases = ctx;
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; !rc && i < json_array_size(cases); i++) {
		const char *hex = json_string_value(
			json_object_get(json_array_get(cases, i), "raw"));
		size_t len = strlen(hex) / 2, n;
		uint8_t *raw = malloc(len + 1);
		struct eth_tx tx = ETH_TX_INIT;
		struct buf enc = BUF_INIT(1u << 20);

		if (!raw)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		if (!(rc = hex_decode(raw, len, &n, hex + 2, strlen(hex + 2),
				      err)) &&
		    !(rc = eth_tx_decode(&tx, raw, n, err)) &&
		    !(rc = eth_tx_verify(&tx, true, err)))
			rc = eth_tx_encode(&tx, &enc, err);
		eth_tx_release(&tx);
		buf_release(&enc);
		free(raw);
	}
	return rc;
}

/* Every JSON vector: parsed from text (jansson's allocations fail too),
 * read as a transaction, verified, turned into a record. */
static enum trc_err eth_json_scenario(void *ctx, struct trc_error *err)
{
	const char *text = ctx;
	json_error_t je;
	json_t *root = json_loads(text, 0, &je), *c;
	json_t *receipt = json_pack("{s:s, s:s, s:[]}", "status", "0x1",
				    "gasUsed", "0x5208", "logs");
	enum trc_err rc = TRC_OK;
	size_t i;

	if (!root || !receipt) {
		json_decref(root);
		json_decref(receipt);
		return trc_fail(err, TRC_ERR_NOMEM, "vectors: %s",
				root ? "out of memory" : je.text);
	}
	json_array_foreach(json_object_get(root, "cases"), i, c)
	{
		struct eth_tx tx = ETH_TX_INIT;
		struct rec_tx rec = REC_TX_INIT;
		trc_amount base = amount_from_u64(7);

		const json_t *obj = json_object_get(c, "tx");

		/* the receipt above suits calls of types 0-2 (a creation's
		 * needs contractAddress, a blob tx's blobGasUsed) */
		if (!(rc = eth_tx_from_json(&tx, obj, err)) &&
		    !(rc = eth_tx_verify(&tx, true, err)) && tx.type <= 2 &&
		    json_is_string(json_object_get(obj, "to")))
			rc = eth_tx_record(&tx, receipt, NULL, NULL, 1, 0, 0,
					   &base, &rec, err);
		rec_tx_release(&rec);
		eth_tx_release(&tx);
		if (rc)
			break;
	}
	json_decref(receipt);
	json_decref(root);
	return rc;
}

/* Real headers (tests/vectors/eth/headers.json): parsed from text, read
 * and their hashes recomputed from the RLP of their fields. */
static enum trc_err eth_header_scenario(void *ctx, struct trc_error *err)
{
	json_error_t je;
	json_t *root = json_loads(ctx, 0, &je), *h;
	enum trc_err rc = TRC_OK;
	size_t i;

	if (!root)
		return trc_fail(err, TRC_ERR_PARSE, "headers: %s", je.text);
	json_array_foreach(json_object_get(root, "headers"), i, h)
	{
		struct eth_block b = ETH_BLOCK_INIT;

		if (!(rc = eth_block_from_json(&b, h, err)))
			rc = eth_block_verify(&b, err);
		eth_block_release(&b);
		if (rc)
			break;
	}
	json_decref(root);
	return rc;
}

/* A callTracer tree into internal-transfer legs. */
static enum trc_err eth_calls_scenario(void *ctx, struct trc_error *err)
{
	json_error_t je;
	json_t *top = json_loads(ctx, 0, &je);
	struct rec_tx tx = REC_TX_INIT;
	enum trc_err rc;

	if (!top)
		return trc_fail(err, TRC_ERR_PARSE, "call tree: %s", je.text);
	rc = eth_flow_call_frames(&tx, top, err);
	rec_tx_release(&tx);
	json_decref(top);
	return rc;
}

static char *read_text(const char *path)
{
	size_t n;

	return (char *)read_all(path, &n); /* buf keeps a NUL after data */
}

static void t_eth(void)
{
	json_error_t je;
	json_t *raw = json_load_file("tests/vectors/eth/txs_raw.json", 0, &je);
	char *txs = read_text("tests/vectors/eth/txs_json.json");
	char *hdrs = read_text("tests/vectors/eth/headers.json");
	char *calls =
		read_text("tests/fuzz/corpus/fuzz_eth_json/calltree.json");

	CHECK(raw != NULL);
	if (raw)
		sweep("eth raw txs", eth_raw_scenario,
		      json_object_get(raw, "cases"));
	if (txs)
		sweep("eth json txs", eth_json_scenario, txs);
	if (hdrs)
		sweep("eth headers", eth_header_scenario, hdrs);
	if (calls)
		sweep("eth call tree", eth_calls_scenario, calls);
	json_decref(raw);
	free(txs);
	free(hdrs);
	free(calls);
}

/* ---- tron ---- */

/* Real Tron blocks and transactions (tests/vectors/tron): an empty block
 * verified whole, five transactions decoded and checked. */
static enum trc_err tron_scenario(void *ctx, struct trc_error *err)
{
	json_error_t je;
	json_t *root = json_loads(ctx, 0, &je), *b, *txs;
	struct crawl_block cb = { 0 };
	enum trc_err rc;

	if (!root)
		return trc_fail(err, TRC_ERR_PARSE, "tron vectors: %s",
				je.text);
	rc = tron_block_decode(json_object_get(root, "b2657"), NULL, 2657, &cb,
			       err);
	crawl_block_release(&cb);
	b = json_object_get(root, "b84940008");
	txs = json_object_get(b, "transactions");
	for (size_t i = 0; !rc && i < json_array_size(txs); i++) {
		struct rec_tx tx = REC_TX_INIT;
		struct tron_tx_info t;

		rc = tron_tx_decode(json_array_get(txs, i), &tx, &t, err);
		rec_tx_release(&tx);
	}
	json_decref(root);
	return rc;
}

static void t_tron(void)
{
	char *text = read_text("tests/vectors/tron/blocks.json");

	CHECK(text != NULL);
	if (text)
		sweep("tron blocks and txs", tron_scenario, text);
	free(text);
}

/* ---- tags ---- */

struct tag_input {
	const char *name;
	enum tagimport_format format;
	const char *chain; /* lists need one */
	const char *text;
};

static const struct tag_input tag_inputs[] = {
	{ "tags.csv", TAGIMPORT_CSV, NULL,
	  "chain,address,entity,category,source,confidence\n"
	  "btc,13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94,WannaCry,ransomware,"
	  "test,90\n"
	  "eth,0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed,Ex,exchange,"
	  "test,50\n" },
	{ "list.txt", TAGIMPORT_LIST, "btc",
	  "# ransom\n13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94\n"
	  "12t9YDPgwueZ9NyMgw519p7AA8isjr6SMw\n" },
	{ "tags.json", TAGIMPORT_JSON, NULL,
	  "{\"format\":\"tracer-tags\",\"version\":1,\"tags\":[{\"chain\":"
	  "\"btc\",\"address\":\"13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94\","
	  "\"entity\":\"W\",\"category\":\"ransomware\",\"source\":\"s\","
	  "\"confidence\":70,\"actor\":null,\"inferred\":true,"
	  "\"evidence\":\"ab\"}]}" },
	{ "pack.yaml", TAGIMPORT_TAGPACK, NULL,
	  "title: t\nlabel: L\nconfidence: authority_data\ntags:\n"
	  "- address: 13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94\n"
	  "  currency: BTC\n  abuse: ransomware\n"
	  "- address: 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed\n"
	  "  currency: ETH\n" },
};

struct tag_ctx {
	const struct tag_input *in;
	char rejected[256]; /* the last rejection's reason */
	unsigned run;
	size_t want; /* tags the first run imported */
};

static void on_reject(void *ctx, const char *name, unsigned line,
		      const char *reason)
{
	struct tag_ctx *t = ctx;

	snprintf(t->rejected, sizeof(t->rejected), "%s:%u: %s", name, line,
		 reason);
}

/* Each run imports into a new database (opened before the counting
 * starts would be nicer, but a first import and a re-import allocate
 * differently; the store's own allocations count too). */
static enum trc_err tag_scenario(void *ctx, struct trc_error *err)
{
	struct tag_ctx *t = ctx;
	struct tagimport_opts o = TAGIMPORT_OPTS_INIT;
	struct tagimport_counts c;
	struct store *s = NULL;
	char name[64];
	bool loud;
	enum trc_err rc;

	snprintf(name, sizeof(name), "tags-%s-%u", t->in->name, t->run++);
	if ((rc = store_open(&s, t_tmp(name), STORE_CREATE, err)))
		return rc;
	o.format = t->in->format;
	if (t->in->chain) {
		o.chain = t->in->chain;
		o.entity = "WannaCry";
		o.category = "ransomware";
	}
	rc = tagimport_buffer(s, t->in->name, t->in->text, strlen(t->in->text),
			      &o, &c, on_reject, t, err);
	if (!rc && !t->want)
		t->want = c.imported;
	/*
	 * A success that dropped a tag is a silent loss. JSON alone may
	 * lose one loudly: jansson's lexer ignores a failed growth of its
	 * text buffer (lex_save), so a string can arrive with a character
	 * missing, and the address checksum then rejects the entry:
	 * reported, all tracer can do about a library that does not say.
	 */
	loud = t->in->format == TAGIMPORT_JSON && c.rejected &&
	       c.imported + c.rejected == t->want;
	if (!rc && !loud && (c.imported == 0 || c.imported != t->want))
		t_fail(__FILE__, __LINE__,
		       "%s: allocation %lu failed: "
		       "success with %zu tags imported, not %zu (%zu "
		       "rejected: %s)",
		       t->in->name, fail_at, c.imported, t->want, c.rejected,
		       t->rejected);
	store_close(s);
	return rc;
}

static void t_tags(void)
{
	for (size_t i = 0; i < sizeof(tag_inputs) / sizeof(tag_inputs[0]);
	     i++) {
		struct tag_ctx t = { &tag_inputs[i], "", 0, 0 };

		sweep(tag_inputs[i].name, tag_scenario, &t);
	}
}

/* ---- case files ---- */

static enum trc_err case_scenario(void *ctx, struct trc_error *err)
{
	struct trc_case c = CASE_INIT;
	enum trc_err rc = case_load(&c, ctx, err);

	case_release(&c);
	return rc;
}

static void t_cases(void)
{
	static const char *const files[] = { "wannacry", "eth", "outpoint",
					     "demo" };

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[256];

		snprintf(path, sizeof(path), "tests/fuzz/corpus/fuzz_case/%s",
			 files[i]);
		sweep(files[i], case_scenario, path);
	}
}

/* ---- the dex-swap deriver ---- */

static enum trc_err dex_scenario(void *ctx, struct trc_error *err)
{
	const struct chain_ops *eth = chain_find("eth");
	struct case_derived d = { NULL, 0, 0 };
	char disp[CHAIN_TXID_STR_MAX];
	uint8_t txid[32];
	enum trc_err rc;

	gfx_txid("sw", txid);
	eth->txid_format(txid, disp);
	rc = case_dex_derive(ctx, eth, NULL, txid, disp, "R", &d, err);
	if (!rc && d.n != 1)
		rc = trc_fail(err, TRC_ERR_INVALID, "%zu links", d.n);
	case_derived_release(&d);
	return rc;
}

/* ETH to a router (tagged), wrapped, a pool pays the token. */
static void t_dex(void)
{
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(store_open(&s, t_tmp("dex"), STORE_CREATE, &e), &e);
	if (!s)
		return;
	CHECK_OK(gfx_load(s,
			  "chain eth\n"
			  "ev sw 1 | fee H - 1 | native H R 3 | internal R W 3"
			  " | token R P 3 0xW | token P H 500 0xB\n"
			  "tag R dex Router\n",
			  &e),
		 &e);
	sweep("dex swap", dex_scenario, s);
	store_close(s);
}

/* ---- stored records ---- */

static enum trc_err record_scenario(void *ctx, struct trc_error *err)
{
	const struct bytes *in = ctx;
	struct rec_tx tx = REC_TX_INIT;
	struct rec_block b = REC_BLOCK_INIT;
	enum trc_err rc;

	/* the seeds start with the fuzz harness's selector byte */
	if (in->p[0] == 0)
		rc = rec_tx_decode(&tx, in->p + 1, in->n - 1, err);
	else
		rc = rec_block_decode(&b, in->p + 1, in->n - 1, err);
	rec_tx_release(&tx);
	rec_block_release(&b);
	return rc;
}

static void t_records(void)
{
	static const char *const files[] = { "tx_1", "tx_2", "block_1" };

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[256];
		struct bytes in;

		snprintf(path, sizeof(path), "tests/fuzz/corpus/fuzz_record/%s",
			 files[i]);
		if (!(in.p = read_all(path, &in.n)))
			continue;
		sweep(files[i], record_scenario, &in);
		free(in.p);
	}
}

TEST_MAIN({ "btc txs", t_btc_txs },
	  { "btc blk files and blocks", t_btc_blocks },
	  { "eth txs and blocks", t_eth }, { "tron", t_tron },
	  { "tag importers", t_tags }, { "case files", t_cases },
	  { "stored records", t_records }, { "dex-swap deriver", t_dex })
