/*
 * src_rpc.c - Bitcoin Core-compatible JSON-RPC as a crawl source:
 * getblockcount, getblockhash, getblock HASH 0 (raw hex: bcoin refuses
 * verbosity 2, and raw bytes are what a verifying crawler wants), and
 * getrawtransaction TXID false for prevouts outside the crawled range.
 * Works against Bitcoin Core and bcoin (../shared/NODES.md), and for the
 * forks (fork.h) against Litecoin Core, Bitcoin Cash Node and Dogecoin
 * Core, whose RPC is the same: each block is then verified with its
 * fork's rules (btc_src_fork_block) and its records carry the fork's
 * chain id.
 */
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "chains/btc/fork.h"
#include "chains/btc/net.h"
#include "chains/btc/src.h"
#include "chains/net/net.h"

struct rpc_src {
	struct net_client *net;
	const struct btc_network *bnet;
	const struct btc_fork *fork; /* NULL: Bitcoin */
	uint8_t chain;		     /* the records' chain id */
};

static enum trc_err hex_result(json_t *res, const char *what, size_t max,
			       uint8_t **out, size_t *len,
			       struct trc_error *err)
{
	const char *s = json_string_value(res);
	size_t n = s ? strlen(s) : 0;
	enum trc_err rc;

	*out = NULL;
	if (!s || n % 2)
		return trc_fail(err, TRC_ERR_PARSE, "%s is not hex", what);
	if (n / 2 > max)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"%s is larger than %zu bytes", what, max);
	*out = malloc(n / 2 + 1);
	if (!*out)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rc = hex_decode(*out, n / 2, len, s, n, err);
	if (rc) {
		free(*out);
		*out = NULL;
		return trc_error_prefix(err, rc, "%s", what);
	}
	return TRC_OK;
}

static enum trc_err r_tip(void *ctx, uint32_t *height, struct trc_error *err)
{
	struct rpc_src *r = ctx;
	json_t *res = NULL;
	json_int_t v;
	enum trc_err rc;

	if ((rc = net_rpc(r->net, "getblockcount", NULL, &res, err)))
		return rc;
	v = json_integer_value(res);
	if (!json_is_integer(res) || v < 0 || v >= (json_int_t)UINT32_MAX)
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "%s: getblockcount did not answer a height",
			      net_client_url(r->net));
	else
		*height = (uint32_t)v;
	json_decref(res);
	return rc;
}

/* "block H" for each call: retries and errors name the block. */
typedef char block_label[24];

static void label_blocks(struct net_call *calls, block_label *labels,
			 uint32_t h, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		snprintf(labels[i], sizeof(labels[i]), "block %u", h + i);
		calls[i].label = labels[i];
	}
}

/* getblockhash for n heights, in one batch. Out: hashes (internal). */
static enum trc_err block_hashes(struct rpc_src *r, uint32_t h, uint32_t n,
				 uint8_t (*hashes)[32], struct trc_error *err)
{
	struct net_call *calls = calloc(n, sizeof(*calls));
	json_t **params = calloc(n, sizeof(*params));
	block_label *labels = calloc(n, sizeof(*labels));
	enum trc_err rc = TRC_OK;

	if (!calls || !params || !labels) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	label_blocks(calls, labels, h, n);
	for (uint32_t i = 0; i < n; i++) {
		params[i] = json_pack("[I]", (json_int_t)(h + i));
		calls[i].method = "getblockhash";
		calls[i].params = params[i];
	}
	if ((rc = net_rpc_batch(r->net, calls, n, err)))
		goto cleanup;
	for (uint32_t i = 0; i < n && !rc; i++)
		if (!btc_src_hash_parse(json_string_value(calls[i].result),
					hashes[i]))
			rc = trc_fail(err, TRC_ERR_PARSE,
				      "getblockhash %u: not a block hash",
				      h + i);
cleanup:
	if (calls)
		net_calls_release(calls, n);
	for (uint32_t i = 0; params && i < n; i++)
		json_decref(params[i]);
	free(calls);
	free(params);
	free(labels);
	return rc;
}

static enum trc_err decode_blocks(struct rpc_src *r, uint32_t h, uint32_t n,
				  uint8_t (*hashes)[32], struct net_call *calls,
				  struct crawl_block *out,
				  struct trc_error *err)
{
	for (uint32_t i = 0; i < n; i++) {
		uint8_t *raw;
		size_t len;
		char what[48];
		enum trc_err rc;

		snprintf(what, sizeof(what), "block %u", h + i);
		if ((rc = hex_result(calls[i].result, what, BTC_SRC_BLOCK_MAX,
				     &raw, &len, err)))
			return rc;
		rc = r->fork ? btc_src_fork_block(r->fork, r->chain, raw, len,
						  h + i, hashes[i],
						  net_client_url(r->net),
						  &out[i], err)
			     : btc_src_block(r->bnet, raw, len, h + i,
					     hashes[i], net_client_url(r->net),
					     &out[i], err);
		free(raw);
		if (rc)
			return rc;
	}
	return TRC_OK;
}

static enum trc_err r_blocks(void *ctx, uint32_t h, uint32_t n,
			     const uint8_t *parent, struct crawl_block *out,
			     struct trc_error *err)
{
	struct rpc_src *r = ctx;
	uint8_t(*hashes)[32] = calloc(n, 32);
	struct net_call *calls = calloc(n, sizeof(*calls));
	json_t **params = calloc(n, sizeof(*params));
	block_label *labels = calloc(n, sizeof(*labels));
	enum trc_err rc;

	(void)parent;
	if (!hashes || !calls || !params || !labels) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	if ((rc = block_hashes(r, h, n, hashes, err)))
		goto cleanup;
	label_blocks(calls, labels, h, n);
	for (uint32_t i = 0; i < n; i++) {
		char hex[65];

		btc_src_hash_format(hashes[i], hex);
		/* 0 = raw hex: Core and bcoin both take it */
		params[i] = json_pack("[s, i]", hex, 0);
		calls[i].method = "getblock";
		calls[i].params = params[i];
	}
	/* one request per block: a batch of blocks could pass the cap; an
	 * error names its block (the label) */
	if (!(rc = net_rpc_each(r->net, calls, n, err)))
		rc = decode_blocks(r, h, n, hashes, calls, out, err);
cleanup:
	if (calls)
		net_calls_release(calls, n);
	for (uint32_t i = 0; params && i < n; i++)
		json_decref(params[i]);
	free(params);
	free(calls);
	free(hashes);
	free(labels);
	return rc;
}

static enum trc_err r_tx(void *ctx, const uint8_t txid[32], struct rec_tx *tx,
			 struct trc_error *err)
{
	struct rpc_src *r = ctx;
	char hex[65];
	json_t *params, *res = NULL;
	uint8_t *raw = NULL;
	size_t len;
	enum trc_err rc;

	btc_src_hash_format(txid, hex);
	params = json_pack("[s, b]", hex, 0);
	rc = net_rpc(r->net, "getrawtransaction", params, &res, err);
	json_decref(params);
	if (rc)
		return trc_error_prefix(err, rc,
					"previous transaction %s (a node "
					"needs -txindex for these)",
					hex);
	if (!(rc = hex_result(res, "transaction", BTC_SRC_TX_MAX, &raw, &len,
			      err)))
		rc = btc_src_tx(r->bnet, raw, len, txid, tx, err);
	tx->chain = r->chain;
	free(raw);
	json_decref(res);
	return rc;
}

static enum trc_err r_txs(void *ctx, uint32_t n, const uint8_t (*txids)[32],
			  struct rec_tx *txs, struct trc_error *err)
{
	struct rpc_src *r = ctx;
	struct net_call *calls = calloc(n, sizeof(*calls));
	enum trc_err rc;

	if (!calls)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (uint32_t i = 0; i < n; i++) {
		char hex[65];

		btc_src_hash_format(txids[i], hex);
		calls[i].method = "getrawtransaction";
		calls[i].params = json_pack("[s, b]", hex, 0);
	}
	rc = net_rpc_batch(r->net, calls, n, err);
	if (rc)
		trc_error_prefix(err, rc,
				 "previous transactions (a node needs "
				 "-txindex for these)");
	for (uint32_t i = 0; !rc && i < n; i++) {
		uint8_t *raw = NULL;
		size_t len;

		if (!(rc = hex_result(calls[i].result, "transaction",
				      BTC_SRC_TX_MAX, &raw, &len, err)))
			rc = btc_src_tx(r->bnet, raw, len, txids[i], &txs[i],
					err);
		txs[i].chain = r->chain;
		free(raw);
	}
	for (uint32_t i = 0; i < n; i++)
		json_decref(calls[i].params);
	net_calls_release(calls, n);
	free(calls);
	return rc;
}

static const char *r_network(void *ctx)
{
	return ((struct rpc_src *)ctx)->bnet->name;
}

static const char *r_prov(void *ctx)
{
	return net_client_url(((struct rpc_src *)ctx)->net);
}

static void r_free(void *ctx)
{
	struct rpc_src *r = ctx;

	if (!r)
		return;
	net_client_free(r->net);
	free(r);
}

static const struct source_ops rpc_ops = {
	.tip = r_tip,
	.fetch_blocks = r_blocks,
	.fetch_tx = r_tx,
	.fetch_txs = r_txs,
	.network = r_network,
	.provenance = r_prov,
	.free = r_free,
};

/*
 * The node's own network: getblockchaininfo's "chain" ("main", "test",
 * "regtest", ...); bcoin's regtest (its subversion says bcoin) has address
 * encodings of its own: "bcoin-regtest".
 */
static enum trc_err node_network(struct rpc_src *r, char *out, size_t size,
				 struct trc_error *err)
{
	json_t *info = NULL, *ni = NULL;
	const char *chain, *sub;
	enum trc_err rc;

	if ((rc = net_rpc(r->net, "getblockchaininfo", NULL, &info, err)))
		return rc;
	chain = json_string_value(json_object_get(info, "chain"));
	if (!chain) {
		json_decref(info);
		return trc_fail(err, TRC_ERR_PARSE,
				"%s: getblockchaininfo has no chain",
				net_client_url(r->net));
	}
	if (net_rpc(r->net, "getnetworkinfo", NULL, &ni, NULL) == TRC_OK) {
		sub = json_string_value(json_object_get(ni, "subversion"));
		if (sub && strstr(sub, "bcoin") && !strcmp(chain, "regtest"))
			chain = "bcoin-regtest";
	}
	snprintf(out, size, "%s", chain);
	json_decref(ni);
	json_decref(info);
	return TRC_OK;
}

/* A fork's node: its network from getblockchaininfo, which --network
 * (when given) must name. */
static enum trc_err pick_fork_network(struct rpc_src *r, const char *want,
				      struct trc_error *err)
{
	char have[64];
	const struct btc_fork *f;
	enum trc_err rc;

	if ((rc = node_network(r, have, sizeof(have), err)))
		return rc;
	f = btc_fork_network(r->fork, have);
	if (!f)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"%s serves %s network '%s', which tracer does "
				"not know (%s)",
				net_client_url(r->net), r->fork->title, have,
				btc_fork_network_names());
	if (want && !btc_fork_network(r->fork, want))
		return trc_fail(err, TRC_ERR_INVALID,
				"unknown %s network '%s' (%s)", r->fork->name,
				want, btc_fork_network_names());
	if (want && btc_fork_network(r->fork, want) != f)
		return trc_fail(err, TRC_ERR_INVALID,
				"--network %s, but %s serves '%s'", want,
				net_client_url(r->net), have);
	r->fork = f;
	r->bnet = &f->net;
	return TRC_OK;
}

static enum trc_err pick_network(struct rpc_src *r, const char *want,
				 struct trc_error *err)
{
	char have[64];
	const struct btc_network *hn;
	enum trc_err rc;

	if ((rc = node_network(r, have, sizeof(have), err)))
		return rc;
	hn = btc_network_find(have);
	if (!hn)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"%s serves network '%s', which tracer does not "
				"know (%s)",
				net_client_url(r->net), have,
				btc_network_names());
	r->bnet = hn;
	if (!want)
		return TRC_OK;
	r->bnet = btc_network_find(want);
	if (!r->bnet)
		return trc_fail(err, TRC_ERR_INVALID,
				"unknown network '%s' (%s)", want,
				btc_network_names());
	/* bcoin's regtest and Core's share a chain: only the address
	 * encodings differ, which the user may pick */
	if (strcmp(r->bnet->name, hn->name) &&
	    !(strstr(r->bnet->name, "regtest") && strstr(hn->name, "regtest")))
		return trc_fail(err, TRC_ERR_INVALID,
				"--network %s, but %s serves '%s'", want,
				net_client_url(r->net), have);
	return TRC_OK;
}

enum trc_err btc_src_rpc_open(const struct chain_ops *chain,
			      struct source_cfg *cfg, struct crawl_source *out,
			      struct trc_error *err)
{
	struct rpc_src *r = calloc(1, sizeof(*r));
	struct net_opts o;
	enum trc_err rc;

	if (!r)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	r->fork = btc_fork_find(chain->name);
	r->chain = chain->id;
	net_opts_copy(&o, cfg->net);
	o.max_response = 2 * BTC_SRC_BLOCK_MAX + 4096; /* hex */
	if ((rc = net_client_new(&r->net, cfg->location, &o, err)) ||
	    (rc = r->fork ? pick_fork_network(r, cfg->network, err)
			  : pick_network(r, cfg->network, err))) {
		r_free(r);
		return rc;
	}
	out->ops = &rpc_ops;
	out->ctx = r;
	return TRC_OK;
}
