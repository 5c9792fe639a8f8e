/*
 * Provenance for reports: one pass over the block records of each chain,
 * one over its tags, and the database digest.
 */
#include "tracer/report/report_prov.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/hex.h"
#include "store/chaindb.h"
#include "store/dbcheck.h"
#include "store/record.h"
#include "store/tags.h"
#include <time.h>

void report_prov_release(struct report_prov *p)
{
	free(p->command);
	for (size_t i = 0; i < p->n_chains; i++)
		free(p->chains[i].network);
	free(p->chains);
	for (size_t i = 0; i < p->n_sources; i++)
		free(p->sources[i].source);
	free(p->sources);
	for (size_t i = 0; i < p->n_tag_sources; i++)
		free(p->tag_sources[i].source);
	free(p->tag_sources);
	memset(p, 0, sizeof(*p));
}

const char *report_prov_verified_name(unsigned bit)
{
	static const char *const names[PROV_VERIFIED_BITS] = {
		"txids", "merkle root", "proof of work", "parent link",
		"signatures", "header hash",
	};

	return bit < PROV_VERIFIED_BITS ? names[bit] : "unknown";
}

static bool shell_safe(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789_./:=@%+,-", *s))
			return false;
	return true;
}

/* Shell-quotes argv into a new string (free()); NULL on no memory. */
static char *report_prov_command(int argc, char *const *argv)
{
	struct buf b = BUF_INIT(1u << 20);
	enum trc_err rc = TRC_OK;

	for (int i = 0; i < argc && !rc; i++) {
		if (i)
			rc = buf_append_str(&b, " ");
		if (!rc && shell_safe(argv[i]))
			rc = buf_append_str(&b, argv[i]);
		else if (!rc) {
			rc = buf_append_str(&b, "'");
			for (const char *p = argv[i]; *p && !rc; p++)
				rc = *p == '\'' ? buf_append_str(&b, "'\\''")
						: buf_append(&b, p, 1);
			if (!rc)
				rc = buf_append_str(&b, "'");
		}
	}
	if (!rc)
		rc = buf_append_str(&b, ""); /* allocates for argc = 0 */
	if (rc) {
		buf_release(&b);
		return NULL;
	}
	return (char *)buf_detach(&b, NULL);
}

static struct prov_source *find_source(struct report_prov *p, uint8_t chain,
				       const char *src, struct trc_error *err)
{
	struct prov_source *ns;

	for (size_t i = 0; i < p->n_sources; i++)
		if (p->sources[i].chain == chain &&
		    !strcmp(p->sources[i].source, src))
			return &p->sources[i];
	ns = realloc(p->sources, (p->n_sources + 1) * sizeof(*ns));
	if (!ns) {
		trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		return NULL;
	}
	p->sources = ns;
	ns = &p->sources[p->n_sources];
	memset(ns, 0, sizeof(*ns));
	ns->chain = chain;
	ns->source = strdup(src);
	if (!ns->source) {
		trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		return NULL;
	}
	p->n_sources++;
	return ns;
}

static void widen(uint32_t *lo, uint32_t *hi, uint64_t count, uint32_t h)
{
	if (!count || h < *lo)
		*lo = h;
	if (!count || h > *hi)
		*hi = h;
}

static enum trc_err add_block(struct report_prov *p, struct prov_chain *c,
			      const struct rec_block *b,
			      struct trc_error *err)
{
	struct prov_source *src;

	src = find_source(p, c->chain, b->source ? b->source : "(unknown)",
			  err);
	if (!src)
		return TRC_ERR_NOMEM;
	widen(&src->min_height, &src->max_height, src->blocks, b->height);
	src->blocks++;
	widen(&c->min_height, &c->max_height, c->blocks, b->height);
	c->blocks++;
	for (unsigned i = 0; i < PROV_VERIFIED_BITS; i++)
		if (b->verified & (1u << i))
			c->verified[i]++;
	return TRC_OK;
}

struct block_walk {
	struct report_prov *p;
	struct prov_chain *c;
	enum trc_err rc;
	struct trc_error *err;
};

static int on_block(const struct rec_block *b, void *ctx)
{
	struct block_walk *w = ctx;

	w->rc = add_block(w->p, w->c, b, w->err);
	return w->rc != TRC_OK;
}

static enum trc_err walk_blocks(struct report_prov *p, struct store *s,
				struct prov_chain *c, struct trc_error *err)
{
	struct block_walk w = { p, c, TRC_OK, err };
	enum trc_err rc = chaindb_each_block(s, c->chain, on_block, &w, err);

	return rc ? rc : w.rc;
}

struct tag_walk {
	struct report_prov *p;
	enum trc_err rc;
	struct trc_error *err;
};

static int on_tag(const struct tag *t, void *ctx)
{
	struct tag_walk *w = ctx;
	struct report_prov *p = w->p;
	struct prov_tag_source *ns;
	const char *src = t->source ? t->source : "(unknown)";

	for (size_t i = 0; i < p->n_tag_sources; i++)
		if (p->tag_sources[i].chain == t->chain &&
		    !strcmp(p->tag_sources[i].source, src)) {
			p->tag_sources[i].tags++;
			return 0;
		}
	ns = realloc(p->tag_sources, (p->n_tag_sources + 1) * sizeof(*ns));
	if (!ns || !(ns[p->n_tag_sources].source = strdup(src))) {
		if (ns)
			p->tag_sources = ns;
		w->rc = trc_fail(w->err, TRC_ERR_NOMEM, "out of memory");
		return 1;
	}
	p->tag_sources = ns;
	ns[p->n_tag_sources].chain = t->chain;
	ns[p->n_tag_sources].tags = 1;
	p->n_tag_sources++;
	return 0;
}

static int cmp_tag_source(const void *a, const void *b)
{
	const struct prov_tag_source *x = a, *y = b;

	if (x->chain != y->chain)
		return x->chain < y->chain ? -1 : 1;
	return strcmp(x->source, y->source);
}

static int cmp_source(const void *a, const void *b)
{
	const struct prov_source *x = a, *y = b;

	if (x->chain != y->chain)
		return x->chain < y->chain ? -1 : 1;
	return strcmp(x->source, y->source);
}

static enum trc_err collect_chain(struct report_prov *p, struct store *s,
				  uint8_t chain, struct trc_error *err)
{
	struct prov_chain *c = &p->chains[p->n_chains++];
	struct tag_walk w = { p, TRC_OK, err };
	enum trc_err rc;

	memset(c, 0, sizeof(*c));
	c->chain = chain;
	rc = chaindb_get_network(s, chain, &c->network, err);
	if (!rc)
		rc = walk_blocks(p, s, c, err);
	if (!rc)
		rc = chaindb_count_txs(s, c->chain, &c->txs, err);
	if (!rc)
		rc = tags_each(s, chain, on_tag, &w, err);
	return rc ? rc : w.rc;
}

static int cmp_u8(const void *a, const void *b)
{
	return (int)*(const uint8_t *)a - (int)*(const uint8_t *)b;
}

enum trc_err report_prov_collect(struct report_prov *p, struct store *s,
				 const uint8_t *chains, size_t n,
				 int argc, char *const *argv, int64_t now,
				 struct trc_error *err)
{
	struct dbcheck_result dr;
	uint8_t ids[256];
	enum trc_err rc = TRC_OK;

	memset(p, 0, sizeof(*p));
	if (n > sizeof(ids))
		return trc_fail(err, TRC_ERR_INVALID, "too many chains");
	memcpy(ids, chains, n);
	qsort(ids, n, 1, cmp_u8);
	p->command = report_prov_command(argc, argv);
	p->chains = calloc(n ? n : 1, sizeof(*p->chains));
	if (!p->command || !p->chains)
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n && !rc; i++)
		rc = collect_chain(p, s, ids[i], err);
	if (!rc)
		rc = dbcheck_run(s, &dr, err);
	if (rc) {
		report_prov_release(p);
		return rc;
	}
	hex_encode(p->digest, dr.digest, 32);
	p->records = dr.records;
	/* qsort wants a pointer even for nothing: a database without tags
	 * has no tag sources (and NULL there) */
	if (p->n_sources)
		qsort(p->sources, p->n_sources, sizeof(*p->sources),
		      cmp_source);
	if (p->n_tag_sources)
		qsort(p->tag_sources, p->n_tag_sources,
		      sizeof(*p->tag_sources), cmp_tag_source);
	{
		char iso[DATE_ISO_SIZE];

		snprintf(p->generated, sizeof(p->generated), "%s",
			 date_format_iso(now, iso));
	}
	return TRC_OK;
}
