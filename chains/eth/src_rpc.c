/*
 * src_rpc.c - Ethereum JSON-RPC as a crawl source. Per block:
 * eth_getBlockByNumber (full transactions), eth_getBlockReceipts (else
 * eth_getTransactionReceipt for each transaction), and the call traces
 * (debug_traceBlockByNumber with callTracer, else trace_block); the
 * Ethereum module (eth_flow.h) verifies them and turns them into records.
 * ERC-20 Transfer legs come from the receipts' logs, which are the same
 * logs eth_getLogs serves. With balance proofs (src_proof.h), each
 * fetched range ends with the check of its native flows against
 * eth_getProof, and ETH opening balances are proven the same way; else
 * they are eth_getBalance's. Tokens: eth_getCode (did the contract
 * exist?) then balanceOf through eth_call, at the block asked (asserted
 * by the node).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/hex.h"
#include "chains/eth/eth_addr.h"
#include "chains/eth/eth_balance.h"
#include "chains/eth/eth_flow.h"
#include "chains/eth/eth_trie.h"
#include "chains/eth/evm.h"
#include "chains/eth/src.h"
#include "chains/eth/src_proof.h"
#include "chains/net/net.h"
#include "chains/thorchain/detect.h"

enum trace_mode { TRACE_NONE = 0, TRACE_CALL = 1, TRACE_PARITY = 2 };

struct eth_src {
	struct net_client *net;
	const struct evm_chain *evm; /* the chain's entry (chains/eth/evm.h) */
	uint64_t chain_id;
	char network[32];
	enum trace_mode traces;
	bool trace_block;    /* trace_block works (rewards before the Merge) */
	bool block_receipts; /* eth_getBlockReceipts works */
	bool proofs;	     /* verify balances with eth_getProof */
	/* verified state roots of the last range: block roots_from + i */
	uint32_t roots_from, n_roots;
	uint8_t (*roots)[32];
	size_t budget; /* bytes of one range's answers together */
	/* e_thor_events: one_block keeps the verified block's receipts */
	bool keep_receipts;
	json_t *kept_receipts;
};

/*
 * One answer's cap: a block with its transactions, its receipts or its
 * call traces (the largest mainnet blocks' traces run to tens of MiB).
 * A fetched range holds all its answers at once, each parsed into a tree
 * a few times its size, however many are in flight (--jobs): they share
 * one budget, the transport's max_response (256 MiB unless set lower),
 * through net_client_budget; one answer may take at most 64 MiB of it.
 */
#define ANSWER_MAX ((size_t)64 << 20)

static json_t *qty(uint64_t v)
{
	char s[24];

	snprintf(s, sizeof(s), "0x%llx", (unsigned long long)v);
	return json_string(s);
}

static enum trc_err e_tip(void *ctx, uint32_t *height, struct trc_error *err)
{
	struct eth_src *e = ctx;
	json_t *res = NULL;
	trc_amount a;
	uint64_t v = 0;
	enum trc_err rc;

	if ((rc = net_rpc(e->net, "eth_blockNumber", NULL, &res, err)))
		return rc;
	if (!json_is_string(res) ||
	    amount_parse_hex(&a, json_string_value(res), NULL) ||
	    amount_to_u64(&v, a) || v >= UINT32_MAX)
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "%s: eth_blockNumber is not a block number",
			      net_client_url(e->net));
	*height = (uint32_t)v;
	json_decref(res);
	return rc;
}

/*
 * Runs one method over n heights, one request each, in parallel: blocks,
 * receipts and traces are large, and a batch of them could pass the
 * response cap.
 */
static enum trc_err per_height(struct eth_src *e, const char *method,
			       uint32_t h, uint32_t n, json_t *extra,
			       struct net_call *calls, struct trc_error *err)
{
	char(*labels)[24] = calloc(n, sizeof(*labels));
	enum trc_err rc;

	if (!labels)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (uint32_t i = 0; i < n; i++) {
		snprintf(labels[i], sizeof(labels[i]), "block %u", h + i);
		calls[i].label = labels[i];
		calls[i].method = method;
		calls[i].params = json_array();
		json_array_append_new(calls[i].params, qty(h + i));
		if (extra)
			json_array_append(calls[i].params, extra);
	}
	rc = net_rpc_each(e->net, calls, n, err);
	for (uint32_t i = 0; i < n; i++) {
		json_decref(calls[i].params);
		calls[i].params = NULL;
		calls[i].label = NULL; /* the messages hold it already */
	}
	free(labels);
	return rc;
}

/* Receipts one by one, for nodes without eth_getBlockReceipts. */
static enum trc_err tx_receipts(struct eth_src *e, const json_t *block,
				json_t **out, struct trc_error *err)
{
	json_t *txs = json_object_get(block, "transactions");
	size_t n = json_array_size(txs);
	struct net_call *calls = calloc(n ? n : 1, sizeof(*calls));
	enum trc_err rc = TRC_OK;

	*out = json_array();
	if (!calls || !*out) {
		free(calls);
		json_decref(*out);
		*out = NULL;
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		calls[i].method = "eth_getTransactionReceipt";
		calls[i].params = json_pack(
			"[O]", json_object_get(json_array_get(txs, i), "hash"));
	}
	if (n)
		rc = net_rpc_batch(e->net, calls, n, err);
	for (size_t i = 0; i < n; i++) {
		if (!rc)
			json_array_append(*out, calls[i].result);
		json_decref(calls[i].params);
	}
	net_calls_release(calls, n);
	free(calls);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* The block the node sent is the one asked for (its "number"). */
static enum trc_err is_block(struct eth_src *e, uint32_t h, const json_t *block,
			     struct trc_error *err)
{
	const char *num = json_string_value(json_object_get(block, "number"));
	trc_amount a;
	uint64_t v = 0;

	if (!num || amount_parse_hex(&a, num, NULL) || amount_to_u64(&v, a) ||
	    v != h)
		return trc_fail(err, TRC_ERR_VERIFY,
				"%s: block %u: eth_getBlockByNumber answered "
				"with block '%.24s'",
				net_client_url(e->net), h,
				num ? num : "(no number)");
	return TRC_OK;
}

/* An error of block h names it, whatever the decoder read. */
static enum trc_err name_block(uint32_t h, enum trc_err rc,
			       struct trc_error *err)
{
	char want[24];
	size_t n = (size_t)snprintf(want, sizeof(want), "block %u", h);

	if (err && (strncmp(err->msg, want, n) ||
		    (err->msg[n] != ':' && err->msg[n] != '\0')))
		trc_error_prefix(err, rc, "%s", want);
	return rc;
}

static enum trc_err one_block(struct eth_src *e, uint32_t h, json_t *block,
			      json_t *receipts, json_t *traces, json_t *rewards,
			      struct crawl_block *out, uint8_t root[32],
			      struct trc_error *err)
{
	struct eth_block_input in;
	struct eth_block_records rec = ETH_BLOCK_RECORDS_INIT;
	json_t *own_receipts = NULL;
	enum trc_err rc;

	if (!json_is_object(block))
		return trc_fail(err, TRC_ERR_PARSE,
				"%s: block %u: eth_getBlockByNumber gave no "
				"block (is the node synced that far?)",
				net_client_url(e->net), h);
	if ((rc = is_block(e, h, block, err)))
		return rc;
	if (!receipts) {
		if ((rc = tx_receipts(e, block, &own_receipts, err)))
			return trc_error_prefix(err, rc, "block %u", h);
		receipts = own_receipts;
	}
	memset(&in, 0, sizeof(in));
	in.block = block;
	in.receipts = receipts;
	in.call_traces = e->traces == TRACE_CALL ? traces : NULL;
	/* with call traces, Parity's are only there for the rewards */
	in.parity_traces = e->traces == TRACE_PARITY ? traces : rewards;
	in.chain_id = e->chain_id;
	in.evm = e->evm;
	in.source = net_client_url(e->net);
	in.fetched_at = (int64_t)time(NULL);
	rc = eth_block_records(&in, &rec, err);
	if (!rc && e->keep_receipts) { /* checked against receiptsRoot */
		json_decref(e->kept_receipts);
		e->kept_receipts = json_incref(receipts);
	}
	json_decref(own_receipts);
	if (rc)
		return name_block(h, rc, err);
	/* move the records over */
	memcpy(root, rec.state_root, 32);
	out->block = rec.block;
	memset(&rec.block, 0, sizeof(rec.block));
	out->txs = rec.txs;
	out->n_txs = (uint32_t)rec.n_txs;
	rec.txs = NULL;
	rec.n_txs = 0;
	eth_block_records_release(&rec);
	return TRC_OK;
}

static enum trc_err fetch_receipts(struct eth_src *e, uint32_t h, uint32_t n,
				   struct net_call *calls,
				   struct trc_error *err)
{
	struct trc_error e2 = TRC_ERROR_INIT;

	if (!e->block_receipts)
		return TRC_OK;
	if (per_height(e, "eth_getBlockReceipts", h, n, NULL, calls, &e2) ==
	    TRC_OK)
		return TRC_OK;
	net_calls_release(calls, n);
	if (e2.code != TRC_ERR_RPC) {
		if (err) /* err may be NULL (base/err.h) */
			*err = e2;
		return e2.code;
	}
	/* the node does not have it: one receipt per transaction */
	e->block_receipts = false;
	return TRC_OK;
}

/*
 * True when a block was mined by proof of work (difficulty not 0): block
 * and uncle rewards, which only Parity's trace_block reports, exist then.
 */
static bool pre_merge(const struct net_call *blocks, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		const char *d = json_string_value(
			json_object_get(blocks[i].result, "difficulty"));

		if (d && strcmp(d, "0x0") && strcmp(d, "0x"))
			return true;
	}
	return false;
}

/* Room for the state roots of blocks h-1 .. h+n-1. */
static enum trc_err keep_roots(struct eth_src *e, uint32_t h, uint32_t n,
			       struct trc_error *err)
{
	free(e->roots);
	e->n_roots = 0;
	e->roots = calloc((size_t)n + 1, 32);
	if (!e->roots)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	e->roots_from = h - 1; /* wraps at 0: never looked up there */
	return TRC_OK;
}

/* A genesis whose stateRoot is the empty trie's commits to none of its
 * allocations (anvil's): its state cannot be proven. */
static const uint8_t *committed(uint32_t h, const uint8_t root[32])
{
	return h == 0 && !memcmp(root, ETH_EMPTY_TRIE_ROOT, 32) ? NULL : root;
}

/* The range's balances against proofs; on failure nothing is kept. */
/* The callers of the range's callTracer trees have code (src_proof.h). */
static enum trc_err prove_callers(struct eth_src *e, uint32_t last,
				  const struct net_call *traces, uint32_t n,
				  struct trc_error *err)
{
	struct eth_callers c = ETH_CALLERS_INIT;
	enum trc_err rc = TRC_OK;
	size_t k;
	json_t *t;

	for (uint32_t i = 0; !rc && e->traces == TRACE_CALL && i < n; i++)
		json_array_foreach(traces[i].result, k, t)
		{
			if (rc)
				break;
			rc = eth_callers_add(&c, json_object_get(t, "result"),
					     err);
		}
	if (!rc)
		rc = eth_callers_finish(&c, err);
	if (!rc && c.n)
		rc = eth_src_verify_callers(
			e->net, last, &c, e->roots[last - e->roots_from], err);
	eth_callers_release(&c);
	return rc;
}

static enum trc_err prove_range(struct eth_src *e, uint32_t h, uint32_t n,
				struct crawl_block *out,
				const struct net_call *traces, bool unexplained,
				struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	if (h == 0)
		memcpy(e->roots[0], e->roots[1], 32);
	else
		rc = eth_src_state_root(e->net, h - 1, out[0].block.prev,
					e->roots[0], err);
	/* a call from an account without code first: it names the cause */
	if (!rc)
		rc = prove_callers(e, h + n - 1, traces, n, err);
	/* proof-of-work rewards that no trace reports leave miners' balances
	 * unexplained: such a range is not reconciled (nor marked) */
	if (!rc && !unexplained)
		rc = eth_src_verify_range(e->net, h, n, out,
					  committed(h ? h - 1 : 0, e->roots[0]),
					  e->roots[n], err);
	if (!rc)
		e->n_roots = n + 1;
	return rc;
}

static enum trc_err e_blocks(void *ctx, uint32_t h, uint32_t n,
			     const uint8_t *parent, struct crawl_block *out,
			     struct trc_error *err)
{
	struct eth_src *e = ctx;
	struct net_call *blocks = calloc(n, sizeof(*blocks));
	struct net_call *rcpts = calloc(n, sizeof(*rcpts));
	struct net_call *traces = calloc(n, sizeof(*traces));
	struct net_call *rewards = calloc(n, sizeof(*rewards));
	json_t *tracer = json_pack("{s:s}", "tracer", "callTracer");
	enum trc_err rc = TRC_OK;

	(void)parent;
	if (!blocks || !rcpts || !traces || !rewards || !tracer) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	net_client_budget(e->net, e->budget);
	rc = per_height(e, "eth_getBlockByNumber", h, n, json_true(), blocks,
			err);
	if (!rc)
		rc = fetch_receipts(e, h, n, rcpts, err);
	if (!rc && e->traces == TRACE_CALL)
		rc = per_height(e, "debug_traceBlockByNumber", h, n, tracer,
				traces, err);
	if (!rc && e->traces == TRACE_PARITY)
		rc = per_height(e, "trace_block", h, n, NULL, traces, err);
	if (!rc && e->traces == TRACE_CALL && e->trace_block &&
	    pre_merge(blocks, n))
		rc = per_height(e, "trace_block", h, n, NULL, rewards, err);
	if (!rc)
		rc = keep_roots(e, h, n, err);
	for (uint32_t i = 0; !rc && i < n; i++)
		rc = one_block(e, h + i, blocks[i].result,
			       e->block_receipts ? rcpts[i].result : NULL,
			       traces[i].result, rewards[i].result, &out[i],
			       e->roots[i + 1], err);
	if (!rc && e->proofs)
		rc = prove_range(e, h, n, out, traces,
				 e->traces == TRACE_CALL && !e->trace_block &&
					 pre_merge(blocks, n),
				 err);
cleanup:
	net_client_budget(e->net, 0);
	if (rewards)
		net_calls_release(rewards, n);
	free(rewards);
	if (blocks)
		net_calls_release(blocks, n);
	if (rcpts)
		net_calls_release(rcpts, n);
	if (traces)
		net_calls_release(traces, n);
	free(blocks);
	free(rcpts);
	free(traces);
	json_decref(tracer);
	return rc;
}

/* ---- opening balances ---- */

static enum trc_err amount_result(const json_t *v, const char *what,
				  trc_amount *out, struct trc_error *err)
{
	const char *s = json_string_value(v);

	if (s && !strcmp(s, "0x")) {
		*out = AMOUNT_ZERO; /* no code there, or nothing returned */
		return TRC_OK;
	}
	if (!s || strlen(s) > 2 + 64 || amount_parse_hex(out, s, NULL))
		return trc_fail(err, TRC_ERR_PARSE, "%s is not a quantity",
				what);
	return TRC_OK;
}

static json_t *balance_call(const char *addr, const char *asset,
			    uint32_t height)
{
	char data[2 + 8 + 64 + 1];

	if (!asset)
		return json_pack("[s, o]", addr, qty(height));
	/* balanceOf(address): selector 70a08231, the address as a word */
	snprintf(data, sizeof(data), "0x70a08231%024d%s", 0, addr + 2);
	return json_pack("[{s:s, s:s}, o]", "to", asset, "data", data,
			 qty(height));
}

/* Which token contracts existed at height (eth_getCode non-empty). */
static enum trc_err tokens_exist(struct eth_src *e, uint32_t n,
				 const char *const *assets, uint32_t height,
				 bool *exists, struct trc_error *err)
{
	struct net_call *calls = calloc(n, sizeof(*calls));
	enum trc_err rc;

	if (!calls)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (uint32_t i = 0; i < n; i++) {
		calls[i].method = assets[i] ? "eth_getCode" : "eth_chainId";
		calls[i].params =
			assets[i] ? json_pack("[s, o]", assets[i], qty(height))
				  : json_array();
	}
	rc = net_rpc_batch(e->net, calls, n, err);
	for (uint32_t i = 0; i < n; i++) {
		const char *code = json_string_value(calls[i].result);

		exists[i] = !assets[i] || (code && strcmp(code, "0x"));
		json_decref(calls[i].params);
	}
	net_calls_release(calls, n);
	free(calls);
	return rc;
}

/* The ETH balances among the n, proven against the state root of
 * height (a root the last range verified, else the header fetched). */
static enum trc_err proven_balances(struct eth_src *e, uint32_t n,
				    const char *const *addrs,
				    const char *const *assets, uint32_t height,
				    trc_amount *bals, bool *proven,
				    struct trc_error *err)
{
	uint8_t root[32], (*a)[20] = calloc(n, 20);
	struct eth_account *acct = calloc(n, sizeof(*acct));
	uint32_t k = 0;
	enum trc_err rc = TRC_OK;

	if (!a || !acct)
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	else if (height - e->roots_from < e->n_roots)
		memcpy(root, e->roots[height - e->roots_from], 32);
	else
		rc = eth_src_state_root(e->net, height, NULL, root, err);
	*proven = !rc && committed(height, root);
	for (uint32_t i = 0; !rc && *proven && i < n; i++)
		if (!assets[i])
			rc = eth_addr_parse(a[k++], addrs[i], err);
	if (!rc && *proven)
		rc = eth_src_proofs(e->net, height, root, k,
				    (const uint8_t(*)[20])a, acct, err);
	for (uint32_t i = 0, j = 0; !rc && *proven && i < n; i++)
		if (!assets[i])
			bals[i] = acct[j++].balance;
	free(a);
	free(acct);
	return rc;
}

static enum trc_err e_balances(void *ctx, uint32_t n, const char *const *addrs,
			       const char *const *assets, uint32_t height,
			       trc_amount *bals, bool *proven_out,
			       struct trc_error *err)
{
	struct eth_src *e = ctx;
	struct net_call *calls = calloc(n, sizeof(*calls));
	bool *exists = calloc(n, sizeof(*exists));
	bool proven = false;
	enum trc_err rc;

	*proven_out = false;
	if (!calls || !exists) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	if ((rc = tokens_exist(e, n, assets, height, exists, err)) ||
	    (e->proofs && (rc = proven_balances(e, n, addrs, assets, height,
						bals, &proven, err))))
		goto cleanup;
	for (uint32_t i = 0; i < n; i++) {
		bool ask = exists[i] && (assets[i] || !proven);

		calls[i].method = assets[i] ? "eth_call" : "eth_getBalance";
		calls[i].params =
			ask ? balance_call(addrs[i], assets[i], height)
			    : json_array();
		if (!ask)
			calls[i].method = "eth_chainId"; /* a harmless no-op */
	}
	rc = net_rpc_batch(e->net, calls, n, err);
	for (uint32_t i = 0; !rc && i < n; i++) {
		if (!assets[i] && proven)
			continue;
		bals[i] = AMOUNT_ZERO;
		if (exists[i])
			rc = amount_result(calls[i].result, calls[i].method,
					   &bals[i], err);
	}
	if (rc)
		trc_error_prefix(err, rc, "opening balances at block %u",
				 height);
	*proven_out = !rc && proven;
cleanup:
	for (uint32_t i = 0; calls && i < n; i++)
		json_decref(calls[i].params);
	if (calls)
		net_calls_release(calls, n);
	free(calls);
	free(exists);
	return rc;
}

/* ---- follow mode: trace_filter and eth_getLogs ---- */

#define TRANSFER_TOPIC                                                         \
	"0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"

struct hit {
	uint64_t block, pos;
	uint8_t hash[32];
};

static int cmp_hit_desc(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->block != y->block)
		return x->block < y->block ? 1 : -1;
	if (x->pos != y->pos)
		return x->pos < y->pos ? 1 : -1;
	return memcmp(x->hash, y->hash, 32);
}

/* A number sent as an integer or a hex quantity; 0 when neither (only
 * used to order the history). */
static uint64_t qty_value(const json_t *v)
{
	trc_amount a;
	uint64_t out = 0;

	if (json_is_integer(v))
		return (uint64_t)json_integer_value(v);
	if (json_is_string(v) &&
	    !amount_parse_hex(&a, json_string_value(v), NULL) &&
	    !amount_to_u64(&out, a))
		return out;
	return 0;
}

/* The transactions (hash, block, position) a trace or log list names. */
static enum trc_err collect(const json_t *list, struct hit **hits, size_t *n,
			    struct trc_error *err)
{
	size_t i;
	json_t *v;

	json_array_foreach(list, i, v)
	{
		struct hit h;
		struct hit *grown;
		size_t len;
		const char *tx = json_string_value(
			json_object_get(v, "transactionHash"));

		if (!tx)
			continue; /* block rewards carry no transaction */
		memset(&h, 0, sizeof(h));
		if (strlen(tx) != 66 ||
		    hex_decode(h.hash, 32, &len, tx + 2, 64, NULL))
			return trc_fail(err, TRC_ERR_PARSE,
					"bad transactionHash '%.80s'", tx);
		h.block = qty_value(json_object_get(v, "blockNumber"));
		h.pos = json_object_get(v, "transactionPosition")
				? qty_value(json_object_get(
					  v, "transactionPosition"))
				: qty_value(json_object_get(
					  v, "transactionIndex"));
		grown = realloc(*hits, (*n + 1) * sizeof(**hits));
		if (!grown)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		*hits = grown;
		(*hits)[(*n)++] = h;
	}
	return TRC_OK;
}

static enum trc_err e_address_txids(void *ctx, const char *address,
				    uint32_t max, uint8_t **txids, uint32_t *n,
				    bool *more, struct trc_error *err)
{
	struct eth_src *e = ctx;
	struct net_call calls[2];
	struct hit *hits = NULL;
	size_t nh = 0, k = 0;
	uint32_t tip;
	char lower[64], topic[67];
	enum trc_err rc;

	*txids = NULL;
	*n = 0;
	*more = false;
	if ((rc = e_tip(e, &tip, err)))
		return rc;
	snprintf(lower, sizeof(lower), "%s", address);
	for (char *p = lower; *p; p++)
		if (*p >= 'A' && *p <= 'F')
			*p = (char)(*p - 'A' + 'a');
	if (strlen(lower) != 42)
		return trc_fail(err, TRC_ERR_INVALID, "bad address '%s'",
				address);
	snprintf(topic, sizeof(topic), "0x%024d%.40s", 0, lower + 2);
	memset(calls, 0, sizeof(calls));
	calls[0].method = "trace_filter";
	calls[0].params = json_pack("[{s:s, s:o, s:[s]}]", "fromBlock", "0x0",
				    "toBlock", qty(tip), "fromAddress", lower);
	calls[1].method = "eth_getLogs";
	calls[1].params =
		json_pack("[{s:s, s:o, s:[s, s]}]", "fromBlock", "0x0",
			  "toBlock", qty(tip), "topics", TRANSFER_TOPIC, topic);
	if (net_rpc_batch(e->net, calls, 2, NULL) &&
	    calls[0].rc != TRC_ERR_RPC && calls[0].rc) {
		rc = trc_fail(err, calls[0].rc, "%s", calls[0].err.msg);
	} else if (calls[0].rc) {
		rc = trc_fail(err, TRC_ERR_UNSUPPORTED,
			      "%s has no trace_filter (%s): it cannot follow "
			      "an address; do a range ingest (--from H --to "
			      "H) instead",
			      net_client_url(e->net), calls[0].err.msg);
	} else {
		rc = collect(calls[0].result, &hits, &nh, err);
		if (!rc && !calls[1].rc)
			rc = collect(calls[1].result, &hits, &nh, err);
	}
	for (int i = 0; i < 2; i++)
		json_decref(calls[i].params);
	net_calls_release(calls, 2);
	if (!rc && nh) {
		qsort(hits, nh, sizeof(*hits), cmp_hit_desc);
		*txids = malloc(32 * nh);
		if (!*txids)
			rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; !rc && i < nh; i++)
		if (!k || memcmp(*txids + 32 * (k - 1), hits[i].hash, 32))
			memcpy(*txids + 32 * k++, hits[i].hash, 32);
	free(hits);
	*more = k > max;
	*n = (uint32_t)(k > max ? max : k);
	return rc;
}

/* The height of the block that holds txid (the node's word, checked
 * when that block is verified). Out: hex, "0x" and the hash. */
static enum trc_err tx_block(struct eth_src *e, const uint8_t txid[32],
			     char hex[67], uint32_t *height,
			     struct trc_error *err)
{
	json_t *params, *res = NULL;
	trc_amount a;
	uint64_t h = 0;
	enum trc_err rc;

	hex[0] = '0';
	hex[1] = 'x';
	hex_encode(hex + 2, txid, 32);
	params = json_pack("[s]", hex);
	rc = net_rpc(e->net, "eth_getTransactionByHash", params, &res, err);
	json_decref(params);
	if (!rc &&
	    (!json_is_string(json_object_get(res, "blockNumber")) ||
	     amount_parse_hex(
		     &a, json_string_value(json_object_get(res, "blockNumber")),
		     NULL) ||
	     amount_to_u64(&h, a) || h >= UINT32_MAX))
		rc = trc_fail(err, TRC_ERR_NOTFOUND,
			      "transaction %s is not in a block", hex);
	json_decref(res);
	*height = (uint32_t)h;
	return rc;
}

/* A transaction proven by the verified block that holds it. */
static enum trc_err e_tx_proven(void *ctx, const uint8_t txid[32],
				struct rec_tx *tx, struct trc_error *err)
{
	struct eth_src *e = ctx;
	struct crawl_block cb;
	char hex[67];
	uint32_t h = 0;
	enum trc_err rc;

	if ((rc = tx_block(e, txid, hex, &h, err)))
		return rc;
	memset(&cb, 0, sizeof(cb));
	if ((rc = e_blocks(e, h, 1, NULL, &cb, err)))
		return rc;
	rc = crawl_block_take_tx(&cb, txid, tx)
		     ? TRC_OK
		     : trc_fail(err, TRC_ERR_VERIFY,
				"block %u does not hold transaction %s", h,
				hex);
	crawl_block_release(&cb);
	return rc;
}

/* The receipt of hash among a block's receipts (borrowed), or NULL. */
static const json_t *find_receipt(const json_t *receipts, const char *hash)
{
	size_t i;
	json_t *r;

	json_array_foreach(receipts, i, r)
	{
		const char *h = json_string_value(
			json_object_get(r, "transactionHash"));

		if (h && !strcasecmp(h, hash))
			return r;
	}
	return NULL;
}

/*
 * THORChain's events in txid: the router logs of its receipt, in the
 * block that holds it, fetched and verified as e_tx_proven's (the
 * receipts against the header's receiptsRoot).
 */
static enum trc_err e_thor_events(void *ctx, const uint8_t txid[32],
				  const char *const *routers, size_t n_routers,
				  struct thor_events *out,
				  struct trc_error *err)
{
	struct eth_src *e = ctx;
	struct crawl_block cb;
	const json_t *rcpt = NULL;
	char hex[67];
	uint32_t h = 0;
	enum trc_err rc;

	if ((rc = tx_block(e, txid, hex, &h, err)))
		return rc;
	memset(&cb, 0, sizeof(cb));
	e->keep_receipts = true;
	rc = e_blocks(e, h, 1, NULL, &cb, err);
	e->keep_receipts = false;
	crawl_block_release(&cb);
	if (!rc && !(rcpt = find_receipt(e->kept_receipts, hex)))
		rc = trc_fail(err, TRC_ERR_VERIFY,
			      "block %u does not hold transaction %s", h, hex);
	if (!rc)
		rc = thor_evm_detect(json_object_get(rcpt, "logs"), routers,
				     n_routers, out, err);
	json_decref(e->kept_receipts);
	e->kept_receipts = NULL;
	return rc;
}

static const char *e_network(void *ctx)
{
	return ((struct eth_src *)ctx)->network;
}

static const char *e_prov(void *ctx)
{
	return net_client_url(((struct eth_src *)ctx)->net);
}

static void e_free(void *ctx)
{
	struct eth_src *e = ctx;

	if (!e)
		return;
	net_client_free(e->net);
	json_decref(e->kept_receipts);
	free(e->roots);
	free(e);
}

static const struct source_ops eth_rpc_ops = {
	.tip = e_tip,
	.fetch_blocks = e_blocks,
	.balances_at = e_balances,
	.address_txids = e_address_txids,
	.fetch_tx_proven = e_tx_proven,
	.thor_events = e_thor_events,
	.network = e_network,
	.provenance = e_prov,
	.free = e_free,
};

/* ---- opening the source ---- */

static void network_name(const struct evm_chain *c, uint64_t id, char *out,
			 size_t size)
{
	const char *name = evm_network_name(c, id);

	if (name)
		snprintf(out, size, "%s", name);
	else
		snprintf(out, size, "chainid:%llu", (unsigned long long)id);
}

static enum trc_err read_chain_id(struct eth_src *e, uint64_t want,
				  struct trc_error *err)
{
	json_t *res = NULL;
	trc_amount a;
	enum trc_err rc;

	if ((rc = net_rpc(e->net, "eth_chainId", NULL, &res, err)))
		return rc;
	if (!json_is_string(res) ||
	    amount_parse_hex(&a, json_string_value(res), NULL) ||
	    amount_to_u64(&e->chain_id, a))
		rc = trc_fail(err, TRC_ERR_PARSE, "%s: bad eth_chainId",
			      net_client_url(e->net));
	else if (want && want != e->chain_id)
		rc = trc_fail(err, TRC_ERR_INVALID,
			      "--chain-id %llu, but %s serves chain %llu",
			      (unsigned long long)want, net_client_url(e->net),
			      (unsigned long long)e->chain_id);
	else if (!want && e->evm != evm_chain_eth() &&
		 !evm_network_name(e->evm, e->chain_id))
		/* a chain of the family other than Ethereum: the node must
		 * serve one of its networks unless --network says which */
		rc = trc_fail(err, TRC_ERR_INVALID,
			      "%s serves chain id %llu, which is not a %s "
			      "network (main is %llu); give --network "
			      "chainid:%llu to crawl it as %s anyway",
			      net_client_url(e->net),
			      (unsigned long long)e->chain_id, e->evm->name,
			      (unsigned long long)e->evm->networks[0].chain_id,
			      (unsigned long long)e->chain_id, e->evm->name);
	json_decref(res);
	network_name(e->evm, e->chain_id, e->network, sizeof(e->network));
	return rc;
}

/* Does the node answer method for block 0? */
static bool probe(struct eth_src *e, const char *method, json_t *extra)
{
	json_t *params = json_pack("[s]", "0x0"), *res = NULL;
	enum trc_err rc;

	if (extra)
		json_array_append(params, extra);
	rc = net_rpc(e->net, method, params, &res, NULL);
	json_decref(params);
	json_decref(res);
	return rc == TRC_OK;
}

/*
 * Balance proofs: "on" requires eth_getProof, "off" never uses it, and
 * "auto" (the default) uses it when the node serves it and there are
 * traces (without them every internal transfer would fail the check).
 */
static enum trc_err pick_proofs(struct eth_src *e, struct source_cfg *cfg,
				struct trc_error *err)
{
	const char *v = cfg->verify_balances ? cfg->verify_balances : "auto";
	json_t *params, *res = NULL;
	bool served;

	e->proofs = false;
	if (!strcmp(v, "off"))
		return TRC_OK;
	params = json_pack("[s, [], s]",
			   "0x0000000000000000000000000000000000000000", "0x0");
	served = net_rpc(e->net, "eth_getProof", params, &res, NULL) == TRC_OK;
	json_decref(params);
	json_decref(res);
	if (!strcmp(v, "on") && !served)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"%s does not serve eth_getProof for old "
				"blocks: balances cannot be verified (use "
				"--verify-balances off)",
				net_client_url(e->net));
	if (!strcmp(v, "on") && e->traces == TRACE_NONE)
		return trc_fail(err, TRC_ERR_INVALID,
				"--verify-balances on needs call traces: "
				"without them every internal transfer fails "
				"the check");
	e->proofs = served && e->traces != TRACE_NONE;
	return TRC_OK;
}

static enum trc_err pick_traces(struct eth_src *e, struct source_cfg *cfg,
				struct trc_error *err)
{
	json_t *tracer;

	e->traces = TRACE_NONE;
	e->trace_block = probe(e, "trace_block", NULL);
	if (cfg->traces && !strcmp(cfg->traces, "none")) {
		snprintf(cfg->warning, sizeof(cfg->warning),
			 "--traces none: internal transfers (value moved by "
			 "contracts) are missing from this crawl");
		return TRC_OK;
	}
	tracer = json_pack("{s:s}", "tracer", "callTracer");
	if (probe(e, "debug_traceBlockByNumber", tracer))
		e->traces = TRACE_CALL;
	else if (e->trace_block)
		e->traces = TRACE_PARITY;
	json_decref(tracer);
	if (e->traces == TRACE_NONE)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"%s has neither debug_traceBlockByNumber nor "
				"trace_block: internal transfers cannot be "
				"seen; use --traces none to crawl without "
				"them",
				net_client_url(e->net));
	return TRC_OK;
}

enum trc_err eth_src_rpc_open(const struct chain_ops *chain,
			      struct source_cfg *cfg, struct crawl_source *out,
			      struct trc_error *err)
{
	struct eth_src *e = calloc(1, sizeof(*e));
	struct net_opts o;
	uint64_t want = cfg->chain_id;
	enum trc_err rc;

	if (!e)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	e->evm = chain ? evm_chain_by_id(chain->id) : NULL;
	if (!e->evm)
		e->evm = evm_chain_eth();
	if (cfg->network && !want &&
	    evm_network_chain_id(e->evm, cfg->network, &want, err)) {
		free(e);
		return TRC_ERR_INVALID;
	}
	net_opts_copy(&o, cfg->net);
	e->budget = o.max_response;
	if (o.max_response > ANSWER_MAX)
		o.max_response = ANSWER_MAX;
	e->block_receipts = true;
	if ((rc = net_client_new(&e->net, cfg->location, &o, err)) ||
	    (rc = read_chain_id(e, want, err)) ||
	    (rc = pick_traces(e, cfg, err)) ||
	    (rc = pick_proofs(e, cfg, err))) {
		e_free(e);
		return rc;
	}
	out->ops = &eth_rpc_ops;
	out->ctx = e;
	return TRC_OK;
}

const struct source_kind eth_sources[] = {
	{ "rpc", eth_src_rpc_open },
	{ NULL, NULL },
};
