#include "chains/eth/eth_receipt.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "chains/eth/eth_json.h"
#include "chains/eth/eth_trie.h"
#include "chains/eth/rlp.h"

#define TRY(x)                                                                 \
	do {                                                                   \
		if ((rc = (x)) != TRC_OK)                                      \
			goto cleanup;                                          \
	} while (0)

#define RECEIPT_MAX (64u << 20)

static enum trc_err put_topics(const json_t *topics, struct buf *out,
			       struct trc_error *err)
{
	struct buf t = BUF_INIT(ETH_RECEIPT_MAX_TOPICS * 33);
	uint8_t w[32];
	size_t i;
	json_t *v;
	enum trc_err rc = TRC_OK;

	if (!json_is_array(topics) ||
	    json_array_size(topics) > ETH_RECEIPT_MAX_TOPICS)
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'topics' is not an array of at most "
				"%u topics",
				ETH_RECEIPT_MAX_TOPICS);
	json_array_foreach(topics, i, v)
	{
		TRY(ejson_fixed_value(v, "topic", w, 32, err));
		TRY(rlp_put_bytes(&t, w, 32));
	}
	rc = rlp_put_list(out, t.data, t.len);
cleanup:
	buf_release(&t);
	return rc;
}

static enum trc_err put_log(const json_t *log, struct buf *out,
			    struct trc_error *err)
{
	struct buf l = BUF_INIT(RECEIPT_MAX);
	uint8_t addr[20], *data = NULL;
	size_t dlen;
	enum trc_err rc;

	TRY(ejson_fixed(log, "address", true, addr, 20, NULL, err));
	TRY(ejson_data(log, "data", true, &data, &dlen, NULL, err));
	TRY(rlp_put_bytes(&l, addr, 20));
	TRY(put_topics(json_object_get(log, "topics"), &l, err));
	TRY(rlp_put_bytes(&l, data, dlen));
	rc = rlp_put_list(out, l.data, l.len);
cleanup:
	free(data);
	buf_release(&l);
	return rc;
}

static enum trc_err put_logs(const json_t *logs, struct buf *out,
			     struct trc_error *err)
{
	struct buf all = BUF_INIT(RECEIPT_MAX);
	size_t i;
	json_t *log;
	enum trc_err rc = TRC_OK;

	if (!json_is_array(logs) ||
	    json_array_size(logs) > ETH_RECEIPT_MAX_LOGS)
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'logs' is missing or not an array of "
				"at most %u logs",
				ETH_RECEIPT_MAX_LOGS);
	json_array_foreach(logs, i, log)
	{
		rc = put_log(log, &all, err);
		if (rc) {
			trc_error_prefix(err, rc, "log %zu", i);
			goto cleanup;
		}
	}
	rc = rlp_put_list(out, all.data, all.len);
cleanup:
	buf_release(&all);
	return rc;
}

/* Byzantium on: status 1 or 0 (the empty string); before: a state root. */
static enum trc_err put_outcome(const json_t *r, struct buf *out,
				struct trc_error *err)
{
	uint8_t root[32];
	uint64_t st;
	bool has_st, has_root;
	enum trc_err rc = ejson_u64(r, "status", false, &st, &has_st, err);

	if (!rc)
		rc = ejson_fixed(r, "root", false, root, 32, &has_root, err);
	if (rc)
		return rc;
	if (has_st) {
		if (st > 1)
			return trc_fail(err, TRC_ERR_PARSE,
					"field 'status' is neither 0x0 nor "
					"0x1");
		return rlp_put_u64(out, st);
	}
	if (!has_root)
		return trc_fail(err, TRC_ERR_PARSE,
				"receipt has neither 'status' nor 'root'");
	return rlp_put_bytes(out, root, 32);
}

enum trc_err eth_receipt_encode(const json_t *r, uint8_t type, struct buf *out,
				uint64_t *cumulative, struct trc_error *err)
{
	struct buf p = BUF_INIT(RECEIPT_MAX);
	uint8_t bloom[256];
	enum trc_err rc;

	*cumulative = 0;
	if (!json_is_object(r))
		return trc_fail(err, TRC_ERR_PARSE, "receipt is not an object");
	TRY(put_outcome(r, &p, err));
	TRY(ejson_u64(r, "cumulativeGasUsed", true, cumulative, NULL, err));
	TRY(rlp_put_u64(&p, *cumulative));
	TRY(ejson_fixed(r, "logsBloom", true, bloom, 256, NULL, err));
	TRY(rlp_put_bytes(&p, bloom, 256));
	TRY(put_logs(json_object_get(r, "logs"), &p, err));
	if (type)
		TRY(buf_append_u8(out, type));
	rc = rlp_put_list(out, p.data, p.len);
cleanup:
	if (rc == TRC_ERR_TOOBIG || rc == TRC_ERR_NOMEM)
		trc_fail(err, rc, "receipt too large");
	buf_release(&p);
	return rc;
}

static enum trc_err check_gas(const json_t *r, uint64_t cum, uint64_t prev,
			      struct trc_error *err)
{
	uint64_t used;
	enum trc_err rc = ejson_u64(r, "gasUsed", true, &used, NULL, err);

	if (rc)
		return rc;
	if (cum < prev || cum - prev != used)
		return trc_fail(err, TRC_ERR_VERIFY,
				"gasUsed %" PRIu64 " is not cumulativeGasUsed "
				"%" PRIu64 " less the previous %" PRIu64,
				used, cum, prev);
	return TRC_OK;
}

enum trc_err eth_receipts_root(const json_t *receipts, const uint8_t *types,
			       size_t n, uint8_t root[32],
			       struct trc_error *err)
{
	struct buf all = BUF_INIT((size_t)RECEIPT_MAX * 4);
	const uint8_t **vals = calloc(n ? n : 1, sizeof(*vals));
	size_t *lens = calloc(n ? n : 1, sizeof(*lens));
	size_t *offs = calloc(n ? n : 1, sizeof(*offs));
	uint64_t cum, prev = 0;
	enum trc_err rc = TRC_OK;
	size_t i;

	if (!vals || !lens || !offs) {
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
		goto cleanup;
	}
	if (!json_is_array(receipts) || json_array_size(receipts) != n) {
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "%zu receipts for %zu transactions",
			      json_array_size(receipts), n);
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		const json_t *r = json_array_get(receipts, i);

		offs[i] = all.len;
		rc = eth_receipt_encode(r, types[i], &all, &cum, err);
		if (!rc)
			rc = check_gas(r, cum, prev, err);
		if (rc) {
			trc_error_prefix(err, rc, "receipt %zu", i);
			goto cleanup;
		}
		lens[i] = all.len - offs[i];
		prev = cum;
	}
	for (i = 0; i < n; i++)
		vals[i] = all.data + offs[i];
	rc = eth_trie_root_list(root, vals, lens, n, err);
cleanup:
	buf_release(&all);
	free(vals);
	free(lens);
	free(offs);
	return rc;
}
