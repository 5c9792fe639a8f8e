#include "store/dbcheck.h"

#include <stdio.h>
#include <string.h>

#include "base/hash.h"
#include "store/chaindb.h"
#include "store/keys.h"

enum trc_err dbcheck_stats(struct store *s, struct dbstats *out,
			   struct trc_error *err)
{
	struct store_iter *it = store_iter_prefix(s, NULL, 0);
	const uint8_t *k, *v;
	size_t klen, vlen;
	enum trc_err rc;

	memset(out, 0, sizeof(*out));
	if (!it)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	while (store_iter_next(it, &k, &klen, &v, &vlen))
		if (klen)
			out->count[k[0]]++;
	rc = store_iter_error(it, err);
	store_iter_free(it);
	out->schema_version = store_schema_version(s);
	out->disk_bytes = store_disk_bytes(s);
	return rc;
}

static void digest_pair(struct hash_sha256_ctx *h, const uint8_t *k,
			size_t klen, const uint8_t *v, size_t vlen)
{
	uint8_t n[4];

	be32_put(n, (uint32_t)klen);
	hash_sha256_update(h, n, 4);
	hash_sha256_update(h, k, klen);
	be32_put(n, (uint32_t)vlen);
	hash_sha256_update(h, n, 4);
	hash_sha256_update(h, v, vlen);
}

/* A block record with its provenance cleared, re-encoded. */
static enum trc_err digest_block(struct hash_sha256_ctx *h, const uint8_t *k,
				 size_t klen, const uint8_t *v, size_t vlen,
				 struct trc_error *err)
{
	struct rec_block b;
	struct buf enc = BUF_INIT(1 << 16);
	enum trc_err rc = rec_block_decode(&b, v, vlen, err);

	if (rc)
		return rc;
	b.fetched_at = 0;
	rc = rec_set_str(&b.source, NULL, err);
	if (!rc)
		rc = rec_block_encode(&b, &enc, err);
	if (!rc)
		digest_pair(h, k, klen, enc.data, enc.len);
	rec_block_release(&b);
	buf_release(&enc);
	return rc;
}

static void note_bad(struct dbcheck_result *out, const uint8_t *k, size_t klen,
		     const struct trc_error *e)
{
	const char *t = klen ? table_name(k[0]) : NULL;

	if (!out->bad++)
		snprintf(out->first_bad, sizeof(out->first_bad), "%s: %.400s",
			 t ? t : "unknown table", e->msg);
}

enum trc_err dbcheck_run(struct store *s, struct dbcheck_result *out,
			 struct trc_error *err)
{
	struct store_iter *it = store_iter_prefix(s, NULL, 0);
	struct hash_sha256_ctx h;
	const uint8_t *k, *v;
	size_t klen, vlen;
	enum trc_err rc;

	memset(out, 0, sizeof(*out));
	if (!it)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	hash_sha256_begin(&h);
	while (store_iter_next(it, &k, &klen, &v, &vlen)) {
		struct trc_error e = TRC_ERROR_INIT;

		out->records++;
		if (chaindb_check_pair(k, klen, v, vlen, &e)) {
			note_bad(out, k, klen, &e);
			continue;
		}
		if (k[0] == TABLE_BLOCK) {
			if (digest_block(&h, k, klen, v, vlen, &e))
				note_bad(out, k, klen, &e);
			continue;
		}
		digest_pair(&h, k, klen, v, vlen);
	}
	rc = store_iter_error(it, err);
	store_iter_free(it);
	hash_sha256_end(&h, out->digest);
	return rc;
}
