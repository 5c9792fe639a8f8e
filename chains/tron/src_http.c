/*
 * src_http.c - java-tron's HTTP API as a crawl source: every block and
 * the info of its transactions, fetched in parallel (--jobs) and
 * verified (tron_block.h) before the engine stores anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chains/net/net.h"
#include "chains/tron/src.h"
#include "chains/tron/tron_addr.h"
#include "chains/tron/tron_block.h"
#include "chains/tron/tron_json.h"

/* One answer's cap: a full block, or its infos with their logs. */
#define ANSWER_MAX ((size_t)64 << 20)
/* Blocks asked at once: 2 requests each. */
#define BATCH 16u

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
		return trc_fail(err, TRC_ERR_RPC, "%s: the node says: %.200s",
				r->label,
				json_string_value(json_object_get(*out,
								  "Error")) ?
					json_string_value(json_object_get(
						*out, "Error")) :
					"an error");
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
		rc = tjson_i64(json_object_get(json_object_get(b,
				"block_header"), "raw_data"), "number", true,
			       &num, err);
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

static enum trc_err one_block(struct tron_src *t, struct net_req *r,
			      uint32_t h, struct crawl_block *out,
			      struct trc_error *err)
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
			     "/wallet/gettransactioninfobyblocknum",
			     p[i].body);
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
	.network = t_network,
	.provenance = t_prov,
	.free = t_free,
};

enum trc_err tron_src_http_open(const struct chain_ops *chain,
				struct source_cfg *cfg,
				struct crawl_source *out,
				struct trc_error *err)
{
	struct tron_src *t = calloc(1, sizeof(*t));
	const char *network = cfg->network ? cfg->network : "main";
	struct net_opts o;
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
				"shasta)", network);
	}
	snprintf(t->network, sizeof(t->network), "%s", network);
	net_opts_copy(&o, cfg->net);
	o.max_response = ANSWER_MAX;
	if ((rc = net_client_new(&t->net, cfg->location, &o, err)) ||
	    (rc = t_tip(t, &tip, err))) {
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
