#include "chains/crawl/crawl_int.h"

#include <stdlib.h>
#include <string.h>

#include "store/chaindb.h"

void idmap_release(struct idmap *m)
{
	intern_release(&m->ids);
	free(m->vals);
	m->vals = NULL;
	m->cap = 0;
}

enum trc_err idmap_put(struct idmap *m, const uint8_t id[32], uint32_t val,
		       struct trc_error *err)
{
	uint32_t at;

	if (intern_add(&m->ids, id, 32, &at, err))
		return TRC_ERR_NOMEM;
	if (at >= m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		uint32_t *n = realloc(m->vals, cap * sizeof(*n));

		if (!n)
			return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		m->vals = n;
		m->cap = cap;
	}
	m->vals[at] = val;
	return TRC_OK;
}

bool idmap_get(const struct idmap *m, const uint8_t id[32], uint32_t *val)
{
	uint32_t at = intern_find(&m->ids, id, 32);

	if (at == INTERN_NONE)
		return false;
	if (val)
		*val = m->vals[at];
	return true;
}

void run_drop_prevouts(struct run *r)
{
	for (uint32_t i = 0; i < r->n_prevouts; i++)
		rec_tx_release(&r->prevouts[i]);
	free(r->prevouts);
	r->prevouts = NULL;
	r->n_prevouts = 0;
	intern_release(&r->prevout_ids);
}

void run_fmt_txid(const struct run *r, const uint8_t txid[32],
		  char out[CHAIN_TXID_STR_MAX])
{
	r->chain->txid_format(txid, out);
}

enum trc_err run_check_network(struct run *r, struct trc_error *err)
{
	const char *want = r->src->ops->network(r->src->ctx);
	char *have = NULL;
	enum trc_err rc;

	if ((rc = chaindb_get_network(r->s, r->chain->id, &have, err)))
		return rc;
	if (!have)
		r->put_network = true;
	else if (strcmp(have, want))
		rc = trc_fail(err, TRC_ERR_INVALID,
			      "the database holds %s network '%s' and the "
			      "source serves '%s'; use another --db",
			      r->chain->name, have, want);
	free(have);
	return rc;
}

enum trc_err run_put_prevouts(struct run *r, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	for (uint32_t i = 0; i < r->n_prevouts && !rc; i++)
		rc = chaindb_put_tx(r->batch, &r->prevouts[i], err);
	return rc;
}

enum trc_err run_commit(struct run *r, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	if (r->put_network)
		rc = chaindb_put_network(r->batch, r->chain->id,
					 r->src->ops->network(r->src->ctx),
					 err);
	if (!rc)
		rc = store_batch_commit(r->s, r->batch, err);
	if (!rc) {
		r->put_network = false;
		r->st->written++;
	}
	return rc;
}
