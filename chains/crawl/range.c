/*
 * range.c - range ingest: the heights to crawl from the checkpoint, the
 * options and the tip; blocks fetched in chunks, each linked to its stored
 * parent, its inputs resolved, and committed with its transactions, their
 * indexes, the opening balances and the checkpoint in one batch.
 */
#include "chains/crawl/crawl_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/chaindb.h"

static void report_failure(const struct crawl_opts *o, struct run *r,
			   const struct crawl_failure *f)
{
	r->st->failures++;
	if (o->on_failure)
		o->on_failure(o->cb_ctx, f);
}

/*
 * Resolves every tx of the block. A tx that cannot be resolved for a
 * verification reason is a failure (skipped with --skip-invalid); any other
 * error stops. An input may spend any transaction of the block, before or
 * after it: a chain whose blocks are sorted by txid puts a spender first
 * at times (the block's own rules, checked by its chain's verifier, say
 * which orders are valid; the merkle root fixes the order).
 */
static enum trc_err resolve_block(struct run *r, const struct crawl_opts *o,
				  struct crawl_block *cb, bool *skip,
				  struct trc_error *err)
{
	struct idmap ids = IDMAP_INIT;
	enum trc_err rc = crawl_prefetch_prevouts(r, cb, err);

	if (rc)
		return trc_error_prefix(err, rc, "block %u", cb->block.height);
	for (uint32_t i = 0; i < cb->n_txs && !rc; i++)
		rc = idmap_put(&ids, cb->txs[i].txid, i, err);
	for (uint32_t i = 0; i < cb->n_txs && !rc; i++) {
		struct trc_error e = TRC_ERROR_INIT;
		struct crawl_failure f;
		char hex[CHAIN_TXID_STR_MAX];

		skip[i] = false;
		rc = crawl_resolve_tx(r, &ids, cb->txs, &cb->txs[i], &e);
		if (!rc)
			continue;
		if (rc != TRC_ERR_VERIFY) {
			run_fmt_txid(r, cb->txs[i].txid, hex);
			if (err)
				*err = e;
			trc_error_prefix(err, rc, "block %u tx %s",
					 cb->block.height, hex);
			break;
		}
		memset(&f, 0, sizeof(f));
		f.height = cb->block.height;
		f.has_txid = true;
		memcpy(f.txid, cb->txs[i].txid, 32);
		snprintf(f.reason, sizeof(f.reason), "%s", e.msg);
		report_failure(o, r, &f);
		run_fmt_txid(r, cb->txs[i].txid, hex);
		if (!o->skip_invalid) {
			rc = trc_fail(err, TRC_ERR_VERIFY, "block %u tx %s: %s",
				      cb->block.height, hex, e.msg);
			break;
		}
		skip[i] = true;
		rc = TRC_OK;
	}
	idmap_release(&ids);
	return rc;
}

static enum trc_err check_link(struct run *r, struct rec_block *b,
			       uint32_t confirmations, struct trc_error *err)
{
	struct rec_block parent = REC_BLOCK_INIT;
	bool found = false;
	char want[CHAIN_TXID_STR_MAX], got[CHAIN_TXID_STR_MAX];
	enum trc_err rc;

	if (b->height == 0)
		return TRC_OK;
	if ((rc = chaindb_get_block(r->s, r->chain->id, b->height - 1, &parent,
				    &found, err)))
		return rc;
	if (found && memcmp(parent.hash, b->prev, 32)) {
		run_fmt_txid(r, parent.hash, want);
		run_fmt_txid(r, b->prev, got);
		rc = trc_fail(err, TRC_ERR_REORG,
			      "block %u does not link to the stored block %u: "
			      "its parent is %s, the database has %s (a "
			      "reorganisation deeper than %u confirmations?)",
			      b->height, b->height - 1, got, want,
			      confirmations);
	} else if (found) {
		b->verified |= REC_VERIFIED_LINK;
	}
	rec_block_release(&parent);
	return rc;
}

static enum trc_err put_block(struct run *r, const struct crawl_opts *o,
			      struct crawl_block *cb, struct trc_error *err)
{
	bool *skip = calloc(cb->n_txs ? cb->n_txs : 1, sizeof(*skip));
	enum trc_err rc;

	if (!skip)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	store_batch_clear(r->batch);
	run_drop_prevouts(r);
	if ((rc = check_link(r, &cb->block, o->confirmations, err)) ||
	    (rc = resolve_block(r, o, cb, skip, err)) ||
	    (rc = crawl_put_openings(r, cb, skip, err)) ||
	    (rc = run_put_prevouts(r, err)))
		goto cleanup;
	for (uint32_t i = 0; i < cb->n_txs && !rc; i++) {
		if (skip[i])
			continue;
		rc = chaindb_put_tx(r->batch, &cb->txs[i], err);
		r->st->txs++;
		r->st->legs += cb->txs[i].n_legs;
	}
	if (!rc)
		rc = chaindb_put_block(r->batch, &cb->block, err);
	if (!rc)
		rc = chaindb_put_checkpoint(r->batch, r->chain->id,
					    cb->block.height, cb->block.hash,
					    err);
	if (!rc)
		rc = run_commit(r, err);
	for (uint32_t i = 0; i < cb->n_txs && !rc; i++)
		if (!skip[i])
			rc = outcache_add(&r->outs, &cb->txs[i], err);
	if (!rc) {
		r->st->blocks++;
		r->st->height = cb->block.height;
	}
cleanup:
	free(skip);
	return rc;
}

/* Works out [first, last] from the checkpoint, the options and the tip. */
static enum trc_err plan_range(struct run *r, const struct crawl_opts *o,
			       uint8_t parent[32], bool *have_parent,
			       struct trc_error *err)
{
	uint32_t tip, cp = 0, last;
	bool found = false;
	enum trc_err rc;

	if ((rc = chaindb_get_checkpoint(r->s, r->chain->id, &cp, parent,
					 &found, err)))
		return rc;
	if ((rc = r->src->ops->tip(r->src->ctx, &tip, err)))
		return rc;
	*have_parent = found;
	r->st->first = o->from;
	if (found) {
		if (o->from_given && o->from > cp + 1)
			return trc_fail(err, TRC_ERR_INVALID,
					"the database holds %s blocks up to "
					"%u; a crawl from %u would leave a "
					"gap (use --from %u or another --db)",
					r->chain->name, cp, o->from, cp + 1);
		r->st->first = cp + 1;
	}
	last = tip >= o->confirmations ? tip - o->confirmations : 0;
	if (tip < o->confirmations) {
		r->st->up_to_date = true;
		r->st->last = 0;
		return TRC_OK;
	}
	if (o->to != CRAWL_TO_TIP && o->to < last)
		last = o->to;
	r->st->last = last;
	r->st->up_to_date = r->st->first > last;
	r->st->height = found ? cp : 0;
	return TRC_OK;
}

/* Writes the blocks of one chunk, in order. */
static enum trc_err write_chunk(struct run *r, const struct crawl_opts *o,
				struct crawl_chunk *c, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	if (c->rc) {
		*err = c->err;
		return c->rc;
	}
	for (uint32_t i = 0; i < c->n; i++) {
		uint32_t h = c->h + i;

		if (c->cbs[i].block.height != h)
			return trc_fail(err, TRC_ERR_INVALID,
					"source returned block %u for %u",
					c->cbs[i].block.height, h);
		if ((rc = put_block(r, o, &c->cbs[i], err)))
			return rc;
		/* done with it: hold no more than the chunk needs */
		crawl_block_release(&c->cbs[i]);
		if (o->on_progress)
			o->on_progress(o->cb_ctx, r->st);
		if (o->stop && *o->stop)
			return trc_fail(err, TRC_ERR_INTERRUPTED,
					"interrupted after block %u", h);
	}
	return rc;
}

/* Reads the planned range and writes it, chunk by chunk. */
static enum trc_err read_write(struct run *r, const struct crawl_opts *o,
			       const uint8_t *parent, struct trc_error *err)
{
	struct crawl_reader rd;
	struct crawl_chunk *c;
	uint32_t chunk = o->chunk ? o->chunk : 8;
	bool threaded = o->jobs != 1 && r->src->ops->blocks_in_thread;
	enum trc_err rc;

	if ((rc = reader_start(&rd, r->src, r->st->first, r->st->last, chunk,
			       parent, threaded, err)))
		return rc;
	while ((c = reader_next(&rd))) {
		rc = write_chunk(r, o, c, err);
		crawl_chunk_free(c);
		if (rc)
			break;
	}
	if (!rc && rd.nomem)
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	reader_stop(&rd);
	return rc;
}

void crawl_split_cache(size_t bytes, struct store_tuning *db, size_t *outputs)
{
	db->write_buffer = bytes / 8;
	db->block_cache = bytes / 8;
	db->write_cache = bytes / 4;
	*outputs = bytes / 4;
}

enum trc_err crawl_range(struct store *s, const struct chain_ops *chain,
			 struct crawl_source *src,
			 const struct crawl_opts *opts, struct crawl_stats *st,
			 struct trc_error *err)
{
	struct run r = { 0 };
	uint8_t parent[32];
	bool have_parent = false;
	enum trc_err rc;

	memset(st, 0, sizeof(*st));
	r.s = s;
	r.chain = chain;
	r.src = src;
	r.st = st;
	if (!src->ops->tip || !src->ops->fetch_blocks)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"this source cannot do a range ingest");
	r.batch = store_batch_new();
	if (!r.batch)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	outcache_init(&r.outs, opts->cache_bytes);
	if ((rc = run_check_network(&r, err)) ||
	    (rc = plan_range(&r, opts, parent, &have_parent, err)))
		goto cleanup;
	if (!st->up_to_date)
		rc = read_write(&r, opts, have_parent ? parent : NULL, err);
cleanup:
	run_drop_prevouts(&r);
	outcache_release(&r.outs);
	store_batch_free(r.batch);
	return rc;
}
