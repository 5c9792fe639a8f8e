/*
 * thornode.c - GET /thorchain/tx/status/{hash} of a THORNode, parsed
 * with every field checked (thornode.h).
 */
#include "chains/thorchain/thornode.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

const char *thornode_stage_name(enum thornode_stage s)
{
	switch (s) {
	case THORNODE_PENDING:
		return "pending";
	case THORNODE_DONE:
		return "done";
	case THORNODE_REFUNDED:
		return "refunded";
	default:
		return "unseen";
	}
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

enum trc_err thornode_hash_norm(const char *hash, char out[65],
				struct trc_error *err)
{
	const char *h = hash;

	out[0] = '\0';
	if (!h)
		return trc_fail(err, TRC_ERR_INVALID, "no transaction hash");
	if (h[0] == '0' && (h[1] == 'x' || h[1] == 'X'))
		h += 2;
	if (strlen(h) != 64)
		return trc_fail(err, TRC_ERR_INVALID,
				"'%.80s' is not a transaction hash (64 hex "
				"digits)",
				hash);
	for (size_t i = 0; i < 64; i++) {
		if (!is_hex(h[i]))
			return trc_fail(err, TRC_ERR_INVALID,
					"'%.80s' is not a transaction hash: "
					"'%c' at %zu is not a hex digit",
					hash, h[i], i + (size_t)(h - hash));
		out[i] =
			(h[i] >= 'a' && h[i] <= 'f') ? (char)(h[i] - 32) : h[i];
	}
	out[64] = '\0';
	return TRC_OK;
}

/* ---- the answer's fields ---- */

/* where: "out_txs[0]" and the like, for the messages */
static enum trc_err get_str(const json_t *o, const char *where, const char *key,
			    bool required, char *out, size_t cap,
			    struct trc_error *err)
{
	const json_t *v = json_object_get(o, key);
	const char *s;

	out[0] = '\0';
	if (!v || json_is_null(v))
		return required ? trc_fail(err, TRC_ERR_PARSE,
					   "thornode answer: %s%s%s is "
					   "missing",
					   where, *where ? "." : "", key)
				: TRC_OK;
	if (!json_is_string(v))
		return trc_fail(err, TRC_ERR_PARSE,
				"thornode answer: %s%s%s is not a string",
				where, *where ? "." : "", key);
	s = json_string_value(v);
	if (strlen(s) >= cap || strlen(s) != json_string_length(v))
		return trc_fail(err, TRC_ERR_PARSE,
				"thornode answer: %s%s%s is longer than %zu "
				"bytes or holds a NUL",
				where, *where ? "." : "", key, cap - 1);
	memcpy(out, s, strlen(s) + 1);
	return TRC_OK;
}

static enum trc_err get_bool(const json_t *o, const char *where,
			     const char *key, bool *out, struct trc_error *err)
{
	const json_t *v = json_object_get(o, key);

	*out = false;
	if (!v || json_is_null(v))
		return TRC_OK;
	if (!json_is_boolean(v))
		return trc_fail(err, TRC_ERR_PARSE,
				"thornode answer: %s.%s is not true or false",
				where, key);
	*out = json_is_true(v);
	return TRC_OK;
}

static enum trc_err get_coin(const json_t *c, const char *where,
			     struct thornode_coin *out, struct trc_error *err)
{
	char amount[96];
	enum trc_err rc;

	if (!json_is_object(c))
		return trc_fail(err, TRC_ERR_PARSE,
				"thornode answer: %s is not an object", where);
	if ((rc = get_str(c, where, "asset", true, out->asset,
			  sizeof(out->asset), err)) ||
	    (rc = get_str(c, where, "amount", true, amount, sizeof(amount),
			  err)))
		return rc;
	if (amount_parse(&out->amount, amount, 0, NULL))
		return trc_fail(err, TRC_ERR_PARSE,
				"thornode answer: %s.amount: '%s' is not a "
				"whole number",
				where, amount);
	return TRC_OK;
}

static enum trc_err get_coins(const json_t *o, const char *where,
			      struct thornode_out *out, struct trc_error *err)
{
	const json_t *a = json_object_get(o, "coins");
	char w[96];
	enum trc_err rc = TRC_OK;

	if (!a || json_is_null(a))
		return TRC_OK;
	if (!json_is_array(a))
		return trc_fail(err, TRC_ERR_PARSE,
				"thornode answer: %s.coins is not an array",
				where);
	if (json_array_size(a) > THORNODE_COINS_MAX)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"thornode answer: %s.coins has more than %d "
				"coins",
				where, THORNODE_COINS_MAX);
	for (size_t i = 0; !rc && i < json_array_size(a); i++) {
		snprintf(w, sizeof(w), "%s.coins[%zu]", where, i);
		rc = get_coin(json_array_get(a, i), w, &out->coins[i], err);
		out->n_coins = i + 1;
	}
	return rc;
}

/* An id as THORNode writes it: 64 hex digits; all zeros: not signed. */
static enum trc_err get_id(const json_t *o, const char *where,
			   struct thornode_out *out, struct trc_error *err)
{
	char id[80];
	enum trc_err rc;

	if ((rc = get_str(o, where, "id", false, id, sizeof(id), err)))
		return rc;
	if (!id[0] || strspn(id, "0") == strlen(id))
		return TRC_OK;
	if (thornode_hash_norm(id, out->id, NULL))
		return trc_fail(err, TRC_ERR_PARSE,
				"thornode answer: %s.id: '%s' is not a "
				"transaction hash",
				where, id);
	return TRC_OK;
}

static enum trc_err get_out(const json_t *o, const char *where,
			    struct thornode_out *out, struct trc_error *err)
{
	enum trc_err rc;

	if (!json_is_object(o))
		return trc_fail(err, TRC_ERR_PARSE,
				"thornode answer: %s is not an object", where);
	if ((rc = get_id(o, where, out, err)) ||
	    (rc = get_str(o, where, "chain", true, out->chain,
			  sizeof(out->chain), err)) ||
	    (rc = get_str(o, where, "to_address", true, out->to,
			  sizeof(out->to), err)) ||
	    (rc = get_str(o, where, "memo", false, out->memo, sizeof(out->memo),
			  err)) ||
	    (rc = get_coins(o, where, out, err)))
		return rc;
	out->refund = !strncmp(out->memo, "REFUND:", 7) ||
		      !strncmp(out->memo, "refund:", 7);
	return TRC_OK;
}

/* planned_out_txs[i]: one "coin", and "refund" */
static enum trc_err get_planned(const json_t *o, const char *where,
				struct thornode_out *out, struct trc_error *err)
{
	char w[96];
	enum trc_err rc;

	if (!json_is_object(o))
		return trc_fail(err, TRC_ERR_PARSE,
				"thornode answer: %s is not an object", where);
	if ((rc = get_str(o, where, "chain", true, out->chain,
			  sizeof(out->chain), err)) ||
	    (rc = get_str(o, where, "to_address", true, out->to,
			  sizeof(out->to), err)) ||
	    (rc = get_bool(o, where, "refund", &out->refund, err)))
		return rc;
	if (!json_object_get(o, "coin"))
		return TRC_OK;
	snprintf(w, sizeof(w), "%s.coin", where);
	out->n_coins = 1;
	return get_coin(json_object_get(o, "coin"), w, &out->coins[0], err);
}

typedef enum trc_err (*out_fn)(const json_t *o, const char *where,
			       struct thornode_out *out, struct trc_error *err);

static enum trc_err get_outs(const json_t *root, const char *key, out_fn fn,
			     struct thornode_out *outs, size_t *n,
			     struct trc_error *err)
{
	const json_t *a = json_object_get(root, key);
	char w[64];
	enum trc_err rc = TRC_OK;

	*n = 0;
	if (!a || json_is_null(a))
		return TRC_OK;
	if (!json_is_array(a))
		return trc_fail(err, TRC_ERR_PARSE,
				"thornode answer: %s is not an array", key);
	if (json_array_size(a) > THORNODE_OUTS_MAX)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"thornode answer: %s has more than %d entries",
				key, THORNODE_OUTS_MAX);
	for (size_t i = 0; !rc && i < json_array_size(a); i++) {
		snprintf(w, sizeof(w), "%s[%zu]", key, i);
		rc = fn(json_array_get(a, i), w, &outs[i], err);
		*n = i + 1;
	}
	return rc;
}

/* stages.NAME.completed (false when the stage is absent) */
static enum trc_err stage_done(const json_t *stages, const char *name,
			       bool *done, struct trc_error *err)
{
	const json_t *s = json_object_get(stages, name);
	char w[64];

	*done = false;
	if (!s || json_is_null(s))
		return TRC_OK;
	snprintf(w, sizeof(w), "stages.%s", name);
	if (!json_is_object(s))
		return trc_fail(err, TRC_ERR_PARSE,
				"thornode answer: %s is not an object", w);
	return get_bool(s, w, "completed", done, err);
}

static enum trc_err get_tx(const json_t *root, struct thornode_status *st,
			   struct trc_error *err)
{
	const json_t *tx = json_object_get(root, "tx");
	char id[80];
	enum trc_err rc;

	if (!tx || json_is_null(tx))
		return TRC_OK;
	if (!json_is_object(tx))
		return trc_fail(err, TRC_ERR_PARSE,
				"thornode answer: tx is not an object");
	st->has_tx = true;
	if ((rc = get_str(tx, "tx", "id", false, id, sizeof(id), err)) ||
	    (rc = get_str(tx, "tx", "chain", false, st->in_chain,
			  sizeof(st->in_chain), err)) ||
	    (rc = get_str(tx, "tx", "memo", false, st->in_memo,
			  sizeof(st->in_memo), err)))
		return rc;
	/* a node that answers for another inbound than asked lies */
	if (id[0] && strcasecmp(id, st->in_hash))
		return trc_fail(err, TRC_ERR_VERIFY,
				"thornode answer: tx.id is %s, not the "
				"inbound %s asked for",
				id, st->in_hash);
	return TRC_OK;
}

static void pick_stage(struct thornode_status *st, bool observed, bool signed_)
{
	bool any_id = false, refund = false;

	for (size_t i = 0; i < st->n_out; i++) {
		any_id |= st->out[i].id[0] != '\0';
		refund |= st->out[i].refund;
	}
	for (size_t i = 0; i < st->n_planned; i++)
		refund |= st->planned[i].refund;
	if (refund)
		st->stage = THORNODE_REFUNDED;
	else if (any_id && (signed_ || !st->n_planned))
		st->stage = THORNODE_DONE;
	else if (observed || st->has_tx)
		st->stage = THORNODE_PENDING;
	else
		st->stage = THORNODE_UNSEEN;
}

static enum trc_err parse_root(const json_t *root, struct thornode_status *st,
			       struct trc_error *err)
{
	const json_t *stages = json_object_get(root, "stages");
	bool observed = false, signed_ = false;
	enum trc_err rc;

	if (!json_is_object(root))
		return trc_fail(err, TRC_ERR_PARSE,
				"thornode answer: not a JSON object");
	if (!json_is_object(stages))
		return trc_fail(err, TRC_ERR_PARSE,
				"thornode answer: stages is %s",
				stages ? "not an object" : "missing");
	if ((rc = get_tx(root, st, err)) ||
	    (rc = get_outs(root, "out_txs", get_out, st->out, &st->n_out,
			   err)) ||
	    (rc = get_outs(root, "planned_out_txs", get_planned, st->planned,
			   &st->n_planned, err)) ||
	    (rc = stage_done(stages, "inbound_observed", &observed, err)) ||
	    (rc = stage_done(stages, "outbound_signed", &signed_, err)))
		return rc;
	pick_stage(st, observed, signed_);
	return TRC_OK;
}

enum trc_err thornode_status_parse(const char *json, size_t len,
				   const char *in_hash,
				   struct thornode_status *st,
				   struct trc_error *err)
{
	json_error_t je;
	json_t *root;
	enum trc_err rc;

	memset(st, 0, sizeof(*st));
	if ((rc = thornode_hash_norm(in_hash, st->in_hash, err)))
		return rc;
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return trc_fail(err, TRC_ERR_PARSE,
				"thornode answer: invalid JSON at byte %d: %s",
				je.position, je.text);
	rc = parse_root(root, st, err);
	json_decref(root);
	if (rc) {
		char keep[65];

		memcpy(keep, st->in_hash, sizeof(keep));
		memset(st, 0, sizeof(*st));
		memcpy(st->in_hash, keep, sizeof(keep));
	}
	return rc;
}

enum trc_err thornode_tx_status(struct net_client *c, const char *hash,
				struct thornode_status *st,
				struct trc_error *err)
{
	char norm[65], path[128], label[96];
	struct net_req r;
	enum trc_err rc;

	memset(st, 0, sizeof(*st));
	if ((rc = thornode_hash_norm(hash, norm, err)))
		return rc;
	snprintf(path, sizeof(path), "/thorchain/tx/status/%s", norm);
	snprintf(label, sizeof(label), "thornode tx status %s", norm);
	net_req_init(&r, path, NULL);
	r.resp.max = THORNODE_ANSWER_MAX;
	r.label = label;
	rc = net_perform(c, &r, 1, err);
	if (!rc)
		rc = thornode_status_parse(buf_str(&r.resp), r.resp.len, norm,
					   st, err);
	if (rc && rc != TRC_ERR_NET && rc != TRC_ERR_HTTP &&
	    rc != TRC_ERR_INTERRUPTED && rc != TRC_ERR_TOOBIG)
		trc_error_prefix(err, rc, "%s%s", net_client_url(c), path);
	net_req_release(&r);
	return rc;
}
