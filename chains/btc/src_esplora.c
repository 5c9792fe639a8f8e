/*
 * src_esplora.c - the Esplora REST API (Blockstream's API.md) as a crawl
 * source: range ingest through /blocks/tip/height, /block-height/:h and
 * /block/:hash/raw; prevouts through /tx/:txid/hex; follow mode through
 * /address/:a/txs (+ /txs/chain/:last_seen_txid paging), /tx/:txid/
 * outspend/:vout, and proven transactions: /tx/:txid/hex (txid recomputed)
 * with /tx/:txid/merkle-proof checked against /block/:hash/header, whose
 * proof of work is checked and whose hash must be the one
 * /block-height/:h names.
 *
 * Esplora does not say which network it serves: --network (default main)
 * says how its addresses are written.
 *
 * Litecoin (litecoinspace.org runs the mempool/Esplora API): the same
 * range ingest and prevouts, each block verified with Litecoin's rules
 * (btc_src_fork_block: scrypt work, MWEB), addresses in the fork's
 * network; no follow mode (its header check is Bitcoin's).
 */
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "chains/btc/block.h"
#include "chains/btc/fork.h"
#include "chains/btc/net.h"
#include "chains/btc/src.h"
#include "chains/net/net.h"
#include "chains/thorchain/detect.h"

#define PAGE 25 /* confirmed transactions per page of /address/:a/txs */

struct esp_src {
	struct net_client *net;
	const struct btc_network *bnet;
	const struct btc_fork *fork; /* NULL: Bitcoin */
	uint8_t chain_id;	     /* the records' chain */
};

static enum trc_err get_text(struct esp_src *e, const char *path, size_t max,
			     struct buf *out, struct trc_error *err)
{
	buf_init(out, max);
	return net_get(e->net, path, out, err);
}

static enum trc_err get_json(struct esp_src *e, const char *path, json_t **out,
			     struct trc_error *err)
{
	struct buf b;
	json_error_t je;
	enum trc_err rc = get_text(e, path, 16u << 20, &b, err);

	*out = NULL;
	if (!rc) {
		*out = json_loadb(buf_str(&b), b.len, 0, &je);
		if (!*out)
			rc = trc_fail(err, TRC_ERR_PARSE,
				      "%s%s: invalid JSON at byte %d: %s",
				      net_client_url(e->net), path, je.position,
				      je.text);
	}
	buf_release(&b);
	return rc;
}

/* Parses a decimal answer (a height). */
static enum trc_err parse_height(const struct buf *b, const char *what,
				 uint32_t *out, struct trc_error *err)
{
	char s[16];
	char *end;
	unsigned long v;

	if (!b->len || b->len >= sizeof(s))
		return trc_fail(err, TRC_ERR_PARSE, "%s is not a height", what);
	memcpy(s, b->data, b->len);
	s[b->len] = '\0';
	v = strtoul(s, &end, 10);
	if (*end || s[0] < '0' || s[0] > '9' || v >= UINT32_MAX)
		return trc_fail(err, TRC_ERR_PARSE, "%s is not a height", what);
	*out = (uint32_t)v;
	return TRC_OK;
}

static enum trc_err e_tip(void *ctx, uint32_t *height, struct trc_error *err)
{
	struct esp_src *e = ctx;
	struct buf b;
	enum trc_err rc = get_text(e, "/blocks/tip/height", 64, &b, err);

	if (!rc)
		rc = parse_height(&b, "/blocks/tip/height", height, err);
	buf_release(&b);
	return rc;
}

/*
 * Runs n GETs in parallel, each capped at max bytes; paths[i] are the
 * caller's. first_block: retries and errors name "block first_block + i"
 * (UINT32_MAX: no block).
 */
static enum trc_err get_many(struct esp_src *e, char (*paths)[128], uint32_t n,
			     size_t max, uint32_t first_block,
			     struct net_req *reqs, struct trc_error *err)
{
	char(*labels)[24] = calloc(n ? n : 1, sizeof(*labels));
	enum trc_err rc;

	if (!labels)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (uint32_t i = 0; i < n; i++) {
		net_req_init(&reqs[i], paths[i], NULL);
		reqs[i].resp.max = max;
		if (first_block != UINT32_MAX) {
			snprintf(labels[i], sizeof(labels[i]), "block %u",
				 first_block + i);
			reqs[i].label = labels[i];
		}
	}
	rc = net_perform(e->net, reqs, n, err);
	for (uint32_t i = 0; i < n; i++)
		reqs[i].label = NULL;
	free(labels);
	return rc;
}

static enum trc_err hash_of_height(const struct net_req *r, uint32_t h,
				   uint8_t out[32], struct trc_error *err)
{
	char s[65];

	if (r->resp.len != 64)
		return trc_fail(err, TRC_ERR_PARSE,
				"/block-height/%u: not a block hash", h);
	memcpy(s, r->resp.data, 64);
	s[64] = '\0';
	if (!btc_src_hash_parse(s, out))
		return trc_fail(err, TRC_ERR_PARSE,
				"/block-height/%u: not a block hash", h);
	return TRC_OK;
}

static enum trc_err e_blocks(void *ctx, uint32_t h, uint32_t n,
			     const uint8_t *parent, struct crawl_block *out,
			     struct trc_error *err)
{
	struct esp_src *e = ctx;
	char(*paths)[128] = calloc(n, 128);
	struct net_req *reqs = calloc(n, sizeof(*reqs));
	uint8_t(*hashes)[32] = calloc(n, 32);
	enum trc_err rc;

	(void)parent;
	if (!paths || !reqs || !hashes) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	for (uint32_t i = 0; i < n; i++)
		snprintf(paths[i], 128, "/block-height/%u", h + i);
	rc = get_many(e, paths, n, 128, h, reqs, err);
	for (uint32_t i = 0; !rc && i < n; i++)
		rc = hash_of_height(&reqs[i], h + i, hashes[i], err);
	for (uint32_t i = 0; i < n; i++) {
		char hex[65];

		net_req_release(&reqs[i]);
		btc_src_hash_format(hashes[i], hex);
		snprintf(paths[i], 128, "/block/%s/raw", hex);
	}
	if (!rc)
		rc = get_many(e, paths, n, BTC_SRC_BLOCK_MAX, h, reqs, err);
	for (uint32_t i = 0; !rc && i < n; i++)
		rc = e->fork ? btc_src_fork_block(
				       e->fork, e->chain_id, reqs[i].resp.data,
				       reqs[i].resp.len, h + i, hashes[i],
				       net_client_url(e->net), &out[i], err)
			     : btc_src_block(e->bnet, reqs[i].resp.data,
					     reqs[i].resp.len, h + i, hashes[i],
					     net_client_url(e->net), &out[i],
					     err);
cleanup:
	for (uint32_t i = 0; reqs && i < n; i++)
		net_req_release(&reqs[i]);
	free(paths);
	free(reqs);
	free(hashes);
	return rc;
}

/* A /tx/:txid/hex answer's bytes. Out: *raw (free()), *len. */
static enum trc_err raw_of_hex(const char *path, const struct buf *b,
			       uint8_t **raw, size_t *len,
			       struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	*len = 0;
	if (b->len % 2 || !(*raw = malloc(b->len / 2 + 1)))
		return trc_fail(err, TRC_ERR_PARSE, "%s: not hex", path);
	if ((rc = hex_decode(*raw, b->len / 2, len, (const char *)b->data,
			     b->len, err)))
		trc_error_prefix(err, rc, "%s", path);
	return rc;
}

/* A /tx/:txid/hex answer into a verified record. */
static enum trc_err tx_from_hex(struct esp_src *e, const char *path,
				const struct buf *b, const uint8_t txid[32],
				struct rec_tx *tx, struct trc_error *err)
{
	uint8_t *raw = NULL;
	size_t len = 0;
	enum trc_err rc = raw_of_hex(path, b, &raw, &len, err);

	if (!rc)
		rc = btc_src_tx(e->bnet, raw, len, txid, tx, err);
	if (!rc)
		tx->chain = e->chain_id;
	free(raw);
	return rc;
}

static void tx_path(const uint8_t txid[32], char path[128])
{
	char hex[65];

	btc_src_hash_format(txid, hex);
	snprintf(path, 128, "/tx/%s/hex", hex);
}

static enum trc_err get_raw_tx(struct esp_src *e, const uint8_t txid[32],
			       struct rec_tx *tx, struct trc_error *err)
{
	char path[128];
	struct buf b;
	enum trc_err rc;

	tx_path(txid, path);
	rc = get_text(e, path, 2 * BTC_SRC_TX_MAX, &b, err);
	if (!rc)
		rc = tx_from_hex(e, path, &b, txid, tx, err);
	buf_release(&b);
	return rc;
}

static enum trc_err e_txs(void *ctx, uint32_t n, const uint8_t (*txids)[32],
			  struct rec_tx *txs, struct trc_error *err)
{
	struct esp_src *e = ctx;
	char(*paths)[128] = calloc(n, 128);
	struct net_req *reqs = calloc(n, sizeof(*reqs));
	enum trc_err rc;

	if (!paths || !reqs) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	for (uint32_t i = 0; i < n; i++)
		tx_path(txids[i], paths[i]);
	rc = get_many(e, paths, n, 2 * BTC_SRC_TX_MAX, UINT32_MAX, reqs, err);
	for (uint32_t i = 0; !rc && i < n; i++)
		rc = tx_from_hex(e, paths[i], &reqs[i].resp, txids[i], &txs[i],
				 err);
cleanup:
	for (uint32_t i = 0; reqs && i < n; i++)
		net_req_release(&reqs[i]);
	free(paths);
	free(reqs);
	return rc;
}

static enum trc_err e_tx(void *ctx, const uint8_t txid[32], struct rec_tx *tx,
			 struct trc_error *err)
{
	return get_raw_tx(ctx, txid, tx, err);
}

/* ---- follow mode ---- */

struct txid_list {
	uint8_t *ids;
	uint32_t n, alloc;
};

/* Room for one more txid; grown as pages come, not sized by the cap (a
 * --hub-txs of four billion must not ask for 128 GiB up front). */
static enum trc_err list_room(struct txid_list *l, struct trc_error *err)
{
	uint32_t want;
	uint8_t *p;

	if (l->n < l->alloc)
		return TRC_OK;
	want = l->alloc
		       ? (l->alloc > UINT32_MAX / 2 ? UINT32_MAX : l->alloc * 2)
		       : 64;
	p = realloc(l->ids, 32 * (size_t)want);
	if (!p)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	l->ids = p;
	l->alloc = want;
	return TRC_OK;
}

static enum trc_err add_confirmed(json_t *page, struct txid_list *l,
				  uint32_t cap, uint32_t *confirmed,
				  struct trc_error *err)
{
	enum trc_err rc;
	size_t i;
	json_t *t;

	*confirmed = 0;
	if (!json_is_array(page))
		return trc_fail(err, TRC_ERR_PARSE,
				"address history is not a list");
	json_array_foreach(page, i, t)
	{
		const char *id = json_string_value(json_object_get(t, "txid"));
		json_t *st = json_object_get(t, "status");

		if (!json_is_true(json_object_get(st, "confirmed")))
			continue; /* the mempool is not evidence yet */
		(*confirmed)++;
		if (l->n >= cap)
			continue;
		if ((rc = list_room(l, err)))
			return rc;
		if (!btc_src_hash_parse(id, l->ids + 32 * (size_t)l->n))
			return trc_fail(err, TRC_ERR_PARSE,
					"address history: bad txid");
		l->n++;
	}
	return TRC_OK;
}

static enum trc_err e_address_txids(void *ctx, const char *address,
				    uint32_t max, uint8_t **txids, uint32_t *n,
				    bool *more, struct trc_error *err)
{
	struct esp_src *e = ctx;
	struct txid_list l = { NULL, 0, 0 };
	char path[256], last[65] = "";
	uint32_t got = 0;
	uint64_t total = 0;
	json_t *page = NULL;
	enum trc_err rc;

	*txids = NULL;
	*n = 0;
	*more = false;
	snprintf(path, sizeof(path), "/address/%s/txs", address);
	for (;;) {
		if ((rc = get_json(e, path, &page, err)) ||
		    (rc = add_confirmed(page, &l,
					max == UINT32_MAX ? max : max + 1, &got,
					err)))
			break;
		json_decref(page);
		page = NULL;
		total += got;
		if (got < PAGE || total > max)
			break;
		btc_src_hash_format(l.ids + 32 * (size_t)(l.n - 1), last);
		if (strstr(path, last)) {
			/* the page after X starts with X again: endless */
			rc = trc_fail(err, TRC_ERR_PARSE,
				      "%s%s: the server repeats the page",
				      net_client_url(e->net), path);
			break;
		}
		snprintf(path, sizeof(path), "/address/%s/txs/chain/%s",
			 address, last);
	}
	json_decref(page);
	if (rc) {
		free(l.ids);
		return trc_error_prefix(err, rc, "history of %s", address);
	}
	*more = l.n > max;
	*n = l.n > max ? max : l.n;
	*txids = l.ids;
	return TRC_OK;
}

/* The proof's hashes and position, for btc_merkle_proof_verify. */
static enum trc_err proof_parts(json_t *proof, const char **hashes, size_t *n,
				uint32_t *pos, struct trc_error *err)
{
	json_t *m = json_object_get(proof, "merkle");
	json_t *p = json_object_get(proof, "pos");
	size_t i;
	json_t *v;

	if (!json_is_array(m) || json_array_size(m) > 32 ||
	    !json_is_integer(p) || json_integer_value(p) < 0 ||
	    json_integer_value(p) > (json_int_t)UINT32_MAX)
		return trc_fail(err, TRC_ERR_PARSE, "malformed merkle proof");
	json_array_foreach(m, i, v)
	{
		hashes[i] = json_string_value(v);
		if (!hashes[i])
			return trc_fail(err, TRC_ERR_PARSE,
					"merkle proof: hash %zu is not a "
					"string",
					i);
	}
	*n = json_array_size(m);
	*pos = (uint32_t)json_integer_value(p);
	return TRC_OK;
}

/* The header at height: its hash must be the one the server names. */
static enum trc_err proven_header(struct esp_src *e, uint32_t height,
				  uint8_t merkle[32], uint32_t *time,
				  struct trc_error *err)
{
	char path[128], hex[65];
	struct buf b;
	uint8_t want[32], hash[32], prev[32], hdr[80];
	size_t len;
	enum trc_err rc;

	snprintf(path, sizeof(path), "/block-height/%u", height);
	rc = get_text(e, path, 128, &b, err);
	if (!rc && (b.len != 64 || buf_append_u8(&b, 0) ||
		    !btc_src_hash_parse((const char *)b.data, want)))
		rc = trc_fail(err, TRC_ERR_PARSE, "%s: not a block hash", path);
	buf_release(&b);
	if (rc)
		return rc;
	btc_src_hash_format(want, hex);
	snprintf(path, sizeof(path), "/block/%s/header", hex);
	rc = get_text(e, path, 256, &b, err);
	if (!rc && (b.len != 160 ||
		    hex_decode(hdr, 80, &len, (const char *)b.data, 160, NULL)))
		rc = trc_fail(err, TRC_ERR_PARSE, "%s: not an 80-byte header",
			      path);
	buf_release(&b);
	if (!rc)
		rc = btc_src_header(e->bnet, height, hdr, hash, merkle, prev,
				    time, err);
	if (!rc && memcmp(hash, want, 32))
		rc = trc_fail(err, TRC_ERR_VERIFY,
			      "the header served for block %u hashes to "
			      "another block",
			      height);
	return rc;
}

static enum trc_err e_tx_proven(void *ctx, const uint8_t txid[32],
				struct rec_tx *tx, struct trc_error *err)
{
	struct esp_src *e = ctx;
	char hex[65], path[128];
	json_t *proof = NULL;
	json_int_t h = -1;
	const char *hashes[32];
	size_t n = 0;
	uint8_t merkle[32];
	uint32_t pos = 0, time = 0;
	enum trc_err rc;

	btc_src_hash_format(txid, hex);
	if ((rc = get_raw_tx(e, txid, tx, err)))
		return rc;
	snprintf(path, sizeof(path), "/tx/%s/merkle-proof", hex);
	if ((rc = get_json(e, path, &proof, err)))
		return rc;
	h = json_integer_value(json_object_get(proof, "block_height"));
	if (!json_is_integer(json_object_get(proof, "block_height")) || h < 0 ||
	    h >= (json_int_t)UINT32_MAX)
		rc = trc_fail(err, TRC_ERR_PARSE, "%s: no block_height", path);
	if (!rc)
		rc = proof_parts(proof, hashes, &n, &pos, err);
	if (!rc)
		rc = proven_header(e, (uint32_t)h, merkle, &time, err);
	if (!rc)
		rc = btc_merkle_proof_verify(txid, hashes, n, pos, merkle, err);
	if (rc)
		trc_error_prefix(err, rc, "tx %s in block %lld", hex,
				 (long long)h);
	json_decref(proof);
	if (rc)
		return rc;
	tx->height = (uint32_t)h;
	tx->position = pos;
	tx->time = time;
	tx->flags |= REC_TX_INCLUDED; /* by the proof above */
	if (pos == 0)
		tx->flags |= REC_TX_COINBASE;
	return TRC_OK;
}

static enum trc_err e_outspend(void *ctx, const uint8_t txid[32], uint32_t vout,
			       uint8_t spender[32], bool *spent,
			       struct trc_error *err)
{
	struct esp_src *e = ctx;
	char hex[65], path[128];
	json_t *o = NULL;
	enum trc_err rc;

	btc_src_hash_format(txid, hex);
	snprintf(path, sizeof(path), "/tx/%s/outspend/%u", hex, vout);
	if ((rc = get_json(e, path, &o, err)))
		return rc;
	*spent = json_is_true(json_object_get(o, "spent"));
	if (*spent &&
	    !btc_src_hash_parse(json_string_value(json_object_get(o, "txid")),
				spender))
		rc = trc_fail(err, TRC_ERR_PARSE, "%s: no spending txid", path);
	json_decref(o);
	return rc;
}

/*
 * THORChain's events in txid: its bytes from /tx/:txid/hex, the txid
 * recomputed from them (as e_tx_proven's), the memo read by
 * chains/thorchain (no vault list: the payee is the first output with
 * value). Bitcoin has no routers.
 */
static enum trc_err e_thor_events(void *ctx, const uint8_t txid[32],
				  const char *const *routers, size_t n_routers,
				  struct thor_events *out,
				  struct trc_error *err)
{
	struct esp_src *e = ctx;
	struct btc_tx t = BTC_TX_INIT;
	char path[128];
	struct buf b;
	uint8_t *raw = NULL;
	size_t len = 0;
	enum trc_err rc;

	(void)routers;
	(void)n_routers;
	tx_path(txid, path);
	rc = get_text(e, path, 2 * BTC_SRC_TX_MAX, &b, err);
	if (!rc)
		rc = raw_of_hex(path, &b, &raw, &len, err);
	if (!rc)
		rc = btc_src_tx_decode(raw, len, txid, &t, err);
	if (!rc)
		rc = thor_btc_detect(&t, e->bnet, NULL, 0, out, err);
	btc_tx_release(&t);
	free(raw);
	buf_release(&b);
	return rc;
}

static const char *e_network(void *ctx)
{
	return ((struct esp_src *)ctx)->bnet->name;
}

static const char *e_prov(void *ctx)
{
	return net_client_url(((struct esp_src *)ctx)->net);
}

static void e_free(void *ctx)
{
	struct esp_src *e = ctx;

	if (!e)
		return;
	net_client_free(e->net);
	free(e);
}

static const struct source_ops esplora_ops = {
	.tip = e_tip,
	.fetch_blocks = e_blocks,
	.fetch_tx = e_tx,
	.fetch_txs = e_txs,
	.address_txids = e_address_txids,
	.fetch_tx_proven = e_tx_proven,
	.outspend = e_outspend,
	.thor_events = e_thor_events,
	.network = e_network,
	.provenance = e_prov,
	.free = e_free,
};

/* A fork's Esplora: range ingest and prevouts only. */
static const struct source_ops esplora_fork_ops = {
	.tip = e_tip,
	.fetch_blocks = e_blocks,
	.fetch_tx = e_tx,
	.fetch_txs = e_txs,
	.network = e_network,
	.provenance = e_prov,
	.free = e_free,
};

enum trc_err btc_src_esplora_open(const struct chain_ops *chain,
				  struct source_cfg *cfg,
				  struct crawl_source *out,
				  struct trc_error *err)
{
	struct esp_src *e = calloc(1, sizeof(*e));
	const char *net = cfg->network ? cfg->network : chain->default_network;
	struct net_opts o;
	enum trc_err rc;

	if (!e)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	e->chain_id = chain->id;
	if ((e->fork = btc_fork_find(chain->name))) {
		e->fork = btc_fork_network(e->fork, net);
		if (!e->fork) {
			free(e);
			return trc_fail(err, TRC_ERR_INVALID,
					"unknown %s network '%s' (%s)",
					chain->name, net,
					btc_fork_network_names());
		}
		e->bnet = &e->fork->net;
	}
	if (!e->fork && !(e->bnet = btc_network_find(net))) {
		free(e);
		return trc_fail(err, TRC_ERR_INVALID,
				"unknown network '%s' (%s)", net,
				btc_network_names());
	}
	net_opts_copy(&o, cfg->net);
	o.max_response = 2 * BTC_SRC_BLOCK_MAX;
	if ((rc = net_client_new(&e->net, cfg->location, &o, err))) {
		free(e);
		return rc;
	}
	out->ops = e->fork ? &esplora_fork_ops : &esplora_ops;
	out->ctx = e;
	return TRC_OK;
}
