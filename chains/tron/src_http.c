/*
 * src_http.c - java-tron's HTTP API as a crawl source: every block and
 * the info of its transactions, fetched in parallel (--jobs) and
 * verified (tron_block.h) before the engine stores anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/hex.h"
#include "chains/net/net.h"
#include "chains/tron/src.h"
#include "chains/tron/tron_addr.h"
#include "chains/tron/tron_block.h"
#include "chains/tron/tron_json.h"

/* One answer's cap: a full block, or its infos with their logs. */
#define ANSWER_MAX ((size_t)64 << 20)
/* Blocks asked at once: 2 requests each, every answer held until the
 * batch is verified (a full mainnet block is a few MiB of JSON, its
 * infos as much again: 8 of each stay well under a few hundred MiB). */
#define BATCH 8u

struct tron_src {
	struct net_client *net;
	char network[16];
};

static enum trc_err parse(struct net_req *r, json_t **out,
			  struct trc_error *err)
{
	json_error_t je;

	*out = json_loadb(buf_str(&r->resp), r->resp.len, 0, &je);
	if (!*out)
		return trc_fail(err, TRC_ERR_PARSE, "%s: not JSON (%s)",
				r->label, je.text);
	if (json_is_object(*out) && json_object_get(*out, "Error"))
		return trc_fail(
			err, TRC_ERR_RPC, "%s: the node says: %.200s", r->label,
			json_string_value(json_object_get(*out, "Error"))
				? json_string_value(
					  json_object_get(*out, "Error"))
				: "an error");
	return TRC_OK;
}

static enum trc_err t_tip(void *ctx, uint32_t *height, struct trc_error *err)
{
	struct tron_src *t = ctx;
	struct net_req r;
	json_t *b = NULL;
	int64_t num = 0;
	enum trc_err rc;

	*height = 0;
	net_req_init(&r, "/wallet/getnowblock", "{}");
	r.label = "/wallet/getnowblock";
	if (!(rc = net_perform(t->net, &r, 1, err)) &&
	    !(rc = parse(&r, &b, err)))
		rc = tjson_i64(
			json_object_get(json_object_get(b, "block_header"),
					"raw_data"),
			"number", true, &num, err);
	if (!rc && num >= UINT32_MAX)
		rc = trc_fail(err, TRC_ERR_PARSE, "tip %lld", (long long)num);
	if (rc)
		rc = trc_error_prefix(err, rc, "%s", net_client_url(t->net));
	*height = (uint32_t)num;
	json_decref(b);
	net_req_release(&r);
	return rc;
}

struct pair {
	char body[48];
	char label[2][48];
};

static enum trc_err one_block(struct tron_src *t, struct net_req *r, uint32_t h,
			      struct crawl_block *out, struct trc_error *err)
{
	json_t *block = NULL, *infos = NULL;
	enum trc_err rc;

	if (!(rc = parse(&r[0], &block, err)) &&
	    !(rc = parse(&r[1], &infos, err)) &&
	    !(rc = tron_block_decode(block, infos, h, out, err))) {
		out->block.fetched_at = (int64_t)time(NULL);
		rc = rec_set_str(&out->block.source, net_client_url(t->net),
				 err);
	}
	json_decref(block);
	json_decref(infos);
	return rc;
}

static enum trc_err some_blocks(struct tron_src *t, uint32_t h, uint32_t n,
				struct crawl_block *out, struct trc_error *err)
{
	struct net_req r[2 * BATCH];
	struct pair p[BATCH];
	enum trc_err rc;

	for (uint32_t i = 0; i < n; i++) {
		snprintf(p[i].body, sizeof(p[i].body), "{\"num\":%u}", h + i);
		snprintf(p[i].label[0], sizeof(p[i].label[0]), "block %u",
			 h + i);
		snprintf(p[i].label[1], sizeof(p[i].label[1]),
			 "info of block %u", h + i);
		net_req_init(&r[2 * i], "/wallet/getblockbynum", p[i].body);
		net_req_init(&r[2 * i + 1],
			     "/wallet/gettransactioninfobyblocknum", p[i].body);
		r[2 * i].label = p[i].label[0];
		r[2 * i + 1].label = p[i].label[1];
	}
	rc = net_perform(t->net, r, 2 * n, err);
	for (uint32_t i = 0; !rc && i < n; i++)
		rc = one_block(t, &r[2 * i], h + i, &out[i], err);
	for (uint32_t i = 0; i < 2 * n; i++)
		net_req_release(&r[i]);
	return rc;
}

static enum trc_err t_blocks(void *ctx, uint32_t h, uint32_t n,
			     const uint8_t *parent_hash,
			     struct crawl_block *out, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	(void)parent_hash; /* blocks are found by height; the engine links */
	for (uint32_t i = 0; !rc && i < n; i += BATCH)
		rc = some_blocks(ctx, h + i, n - i < BATCH ? n - i : BATCH,
				 out + i, err);
	return rc;
}

/* ---- follow mode: TronGrid's account histories ---- */

#define PAGE_MAX 200u /* TronGrid's largest page */

struct hist {
	uint8_t (*ids)[32];
	int64_t *ms;
	uint32_t n, cap;
};

static enum trc_err hist_add(struct hist *h, const json_t *item,
			     const char *key, struct trc_error *err)
{
	int64_t ms;
	enum trc_err rc;

	if (h->n == h->cap) {
		uint32_t cap = h->cap ? 2 * h->cap : 64;
		void *a = realloc(h->ids, cap * sizeof(*h->ids));
		void *b = a ? realloc(h->ms, cap * sizeof(*h->ms)) : NULL;

		if (a)
			h->ids = a;
		if (!b)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		h->ms = b;
		h->cap = cap;
	}
	if ((rc = tjson_fixed(item, key, true, h->ids[h->n], 32, NULL, err)) ||
	    (rc = tjson_i64(item, "block_timestamp", true, &ms, err)))
		return rc;
	h->ms[h->n++] = ms;
	return TRC_OK;
}

/* One kind of history (TRX and TRC-10, or TRC-20), up to max + 1. */
static enum trc_err history(struct tron_src *t, const char *addr,
			    const char *kind, const char *key, uint32_t max,
			    struct hist *h, struct trc_error *err)
{
	char fp[256] = "", path[512];
	uint32_t start = h->n;
	enum trc_err rc = TRC_OK;

	do {
		struct buf b = BUF_INIT(ANSWER_MAX);
		json_t *j = NULL, *data;
		json_error_t je;
		const char *next;

		snprintf(path, sizeof(path),
			 "/v1/accounts/%s/transactions%s"
			 "?only_confirmed=true&limit=%u%s%s",
			 addr, kind, PAGE_MAX, fp[0] ? "&fingerprint=" : "",
			 fp);
		if (!(rc = net_get(t->net, path, &b, err)) &&
		    !(j = json_loadb(buf_str(&b), b.len, 0, &je)))
			rc = trc_fail(err, TRC_ERR_PARSE, "%s%s: not JSON",
				      net_client_url(t->net), path);
		buf_release(&b);
		data = json_object_get(j, "data");
		if (!rc && !json_is_array(data))
			rc = trc_fail(err, TRC_ERR_PARSE, "%s%s: no data array",
				      net_client_url(t->net), path);
		for (size_t i = 0; !rc && i < json_array_size(data); i++)
			rc = hist_add(h, json_array_get(data, i), key, err);
		next = json_string_value(json_object_get(
			json_object_get(j, "meta"), "fingerprint"));
		/* only what URLs may carry: it goes back into one */
		fp[0] = '\0';
		if (next && strlen(next) < sizeof(fp) &&
		    strspn(next, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
				 "qrstuvwxyz0123456789-_=") == strlen(next))
			snprintf(fp, sizeof(fp), "%s", next);
		if (!rc && json_array_size(data) == 0)
			fp[0] = '\0';
		json_decref(j);
	} while (!rc && fp[0] && h->n - start <= max);
	return rc;
}

static struct hist *sort_hist; /* qsort has no context */

static int newest_first(const void *a, const void *b)
{
	uint32_t i = *(const uint32_t *)a, k = *(const uint32_t *)b;

	if (sort_hist->ms[i] != sort_hist->ms[k])
		return sort_hist->ms[i] > sort_hist->ms[k] ? -1 : 1;
	return i < k ? -1 : i > k;
}

static enum trc_err t_address_txids(void *ctx, const char *address,
				    uint32_t max, uint8_t **txids, uint32_t *n,
				    bool *more, struct trc_error *err)
{
	struct tron_src *t = ctx;
	struct hist h = { 0 };
	uint32_t *order = NULL, k = 0;
	enum trc_err rc;

	*txids = NULL;
	*n = 0;
	*more = false;
	if ((rc = history(t, address, "", "txID", max, &h, err)) ||
	    (rc = history(t, address, "/trc20", "transaction_id", max, &h,
			  err)))
		goto cleanup;
	order = malloc((h.n + 1) * sizeof(*order));
	*txids = malloc((size_t)(h.n + 1) * 32);
	if (!order || !*txids) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	for (uint32_t i = 0; i < h.n; i++)
		order[i] = i;
	sort_hist = &h;
	qsort(order, h.n, sizeof(*order), newest_first);
	for (uint32_t i = 0; i < h.n; i++) {
		bool dup = false;

		/* a TRC-20 transfer of a TRX history entry is listed twice */
		for (uint32_t d = 0; d < k && !dup; d++)
			dup = !memcmp(*txids + 32 * (size_t)d, h.ids[order[i]],
				      32);
		if (!dup)
			memcpy(*txids + 32 * (size_t)k++, h.ids[order[i]], 32);
	}
	*more = k > max;
	*n = k > max ? max : k;
cleanup:
	if (rc) {
		free(*txids);
		*txids = NULL;
	}
	free(order);
	free(h.ids);
	free(h.ms);
	return rc;
}

/* The transaction's block (its info says which), verified whole. */
static enum trc_err t_tx_proven(void *ctx, const uint8_t txid[32],
				struct rec_tx *tx, struct trc_error *err)
{
	struct tron_src *t = ctx;
	struct crawl_block cb = { 0 };
	struct net_req r;
	char body[96], hx[65];
	json_t *info = NULL;
	int64_t h = 0;
	enum trc_err rc;

	hex_encode(hx, txid, 32);
	snprintf(body, sizeof(body), "{\"value\":\"%s\"}", hx);
	net_req_init(&r, "/wallet/gettransactioninfobyid", body);
	r.label = "/wallet/gettransactioninfobyid";
	if (!(rc = net_perform(t->net, &r, 1, err)) &&
	    !(rc = parse(&r, &info, err)) &&
	    (tjson_i64(info, "blockNumber", true, &h, NULL) || h >= UINT32_MAX))
		rc = trc_fail(err, TRC_ERR_NOTFOUND,
			      "transaction %s is not in a block", hx);
	json_decref(info);
	net_req_release(&r);
	if (rc || (rc = some_blocks(t, (uint32_t)h, 1, &cb, err)))
		return rc;
	rc = crawl_block_take_tx(&cb, txid, tx)
		     ? TRC_OK
		     : trc_fail(err, TRC_ERR_VERIFY,
				"block %lld does not hold "
				"transaction %s",
				(long long)h, hx);
	crawl_block_release(&cb);
	return rc;
}

static const char *t_network(void *ctx)
{
	return ((struct tron_src *)ctx)->network;
}

static const char *t_prov(void *ctx)
{
	return net_client_url(((struct tron_src *)ctx)->net);
}

static void t_free(void *ctx)
{
	struct tron_src *t = ctx;

	if (!t)
		return;
	net_client_free(t->net);
	free(t);
}

static const struct source_ops tron_http_ops = {
	.tip = t_tip,
	.fetch_blocks = t_blocks,
	.address_txids = t_address_txids,
	.fetch_tx_proven = t_tx_proven,
	.network = t_network,
	.provenance = t_prov,
	.free = t_free,
};

enum trc_err tron_src_http_open(const struct chain_ops *chain,
				struct source_cfg *cfg,
				struct crawl_source *out, struct trc_error *err)
{
	struct tron_src *t = calloc(1, sizeof(*t));
	const char *network = cfg->network ? cfg->network : "main";
	struct net_opts o;
	char key[256];
	uint32_t tip;
	enum trc_err rc;

	(void)chain;
	memset(out, 0, sizeof(*out));
	if (!t)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	if (!tron_network_valid(network)) {
		free(t);
		return trc_fail(err, TRC_ERR_INVALID,
				"unknown tron network '%.40s' (main, nile, "
				"shasta)",
				network);
	}
	snprintf(t->network, sizeof(t->network), "%s", network);
	net_opts_copy(&o, cfg->net);
	o.max_response = ANSWER_MAX;
	if (cfg->api_key) {
		if (strlen(cfg->api_key) > 200 ||
		    strpbrk(cfg->api_key, "\r\n")) {
			free(t);
			return trc_fail(err, TRC_ERR_INVALID,
					"the API key is "
					"not one line of at most 200 bytes");
		}
		snprintf(key, sizeof(key), "TRON-PRO-API-KEY: %s",
			 cfg->api_key);
		o.header = key;
	}
	rc = net_client_new(&t->net, cfg->location, &o, err);
	explicit_bzero(key, sizeof(key)); /* the client keeps its copy */
	if (rc || (rc = t_tip(t, &tip, err))) {
		t_free(t);
		return rc;
	}
	out->ops = &tron_http_ops;
	out->ctx = t;
	return TRC_OK;
}

const struct source_kind tron_sources[] = {
	{ "http", tron_src_http_open },
	{ NULL, NULL },
};
