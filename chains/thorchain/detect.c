/*
 * detect.c - THORChain inbounds, outbounds and refunds in one Bitcoin
 * transaction or one EVM receipt's logs (detect.h).
 */
#include "chains/thorchain/detect.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chains/btc/script.h"
#include "chains/eth/eth_addr.h"
#include "chains/eth/eth_json.h"
#include "store/record.h"

/* keccak-256("Deposit(address,address,uint256,string)") */
const uint8_t THOR_TOPIC_DEPOSIT[32] = {
	0xef, 0x51, 0x9b, 0x7e, 0xb8, 0x2a, 0xaf, 0x6a, 0xc3, 0x76, 0xa6,
	0xdf, 0x2d, 0x79, 0x38, 0x43, 0xeb, 0xfd, 0x59, 0x3d, 0xe5, 0xf1,
	0xa0, 0x60, 0x1d, 0x3c, 0xc6, 0xab, 0x49, 0xeb, 0xb3, 0x95
};
/* keccak-256("TransferOut(address,address,address,uint256,string)") */
const uint8_t THOR_TOPIC_TRANSFER_OUT[32] = {
	0xa9, 0xcd, 0x03, 0xaa, 0x3c, 0x1b, 0x45, 0x15, 0x11, 0x45, 0x39,
	0xcd, 0x53, 0xd2, 0x20, 0x85, 0x12, 0x9d, 0x49, 0x5c, 0xb9, 0xe9,
	0xf9, 0xaf, 0x77, 0x86, 0x45, 0x26, 0x24, 0x0f, 0x1b, 0xf7
};

/* Longest memo data gathered from a transaction's OP_RETURN outputs. */
#define BTC_MEMO_CAP 4096

void thor_events_release(struct thor_events *e)
{
	free(e->v);
	e->v = NULL;
	e->n = e->cap = 0;
}

static enum trc_err push_event(struct thor_events *out,
			       const struct thor_event *ev,
			       struct trc_error *err)
{
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 4;
		struct thor_event *v = realloc(out->v, cap * sizeof(*v));

		if (!v)
			return trc_fail(err, TRC_ERR_NOMEM,
					"out of memory for THORChain events");
		out->v = v;
		out->cap = cap;
	}
	out->v[out->n++] = *ev;
	return TRC_OK;
}

/*
 * Fills ev's memo fields from the len bytes at p: the text (non-printable
 * bytes shown as '?'), and the parse or its failure.
 */
static void event_memo(struct thor_event *ev, const uint8_t *p, size_t len)
{
	struct trc_error e = TRC_ERROR_INIT;
	size_t n = len < THOR_MEMO_MAX ? len : THOR_MEMO_MAX;

	for (size_t i = 0; i < n; i++)
		ev->memo_text[i] =
			p[i] >= 0x20 && p[i] <= 0x7e ? (char)p[i] : '?';
	ev->memo_text[n] = '\0';
	ev->memo_ok =
		thor_memo_parse(&ev->memo, (const char *)p, len, &e) == TRC_OK;
	if (!ev->memo_ok)
		memcpy(ev->memo_error, e.msg, sizeof(ev->memo_error));
	if (ev->memo_ok && ev->memo.has_txid) {
		ev->has_in_hash = true;
		memcpy(ev->in_hash, ev->memo.txid, 32);
	}
}

static enum thor_event_kind kind_of(const struct thor_event *ev)
{
	if (ev->memo_ok && ev->memo.kind == THOR_MEMO_OUT)
		return THOR_EVENT_OUTBOUND;
	if (ev->memo_ok && ev->memo.kind == THOR_MEMO_REFUND)
		return THOR_EVENT_REFUND;
	return THOR_EVENT_INBOUND;
}

/* ---- Bitcoin ---- */

/* The data of an OP_RETURN script with exactly one data push, or NULL. */
static const uint8_t *op_return_data(const struct btc_bytes *s, size_t *len)
{
	const uint8_t *p = s->p;
	size_t n = s->len, hdr;

	if (n < 2 || p[0] != 0x6a)
		return NULL;
	if (p[1] >= 0x01 && p[1] <= 0x4b)
		*len = p[1], hdr = 2;
	else if (p[1] == 0x4c && n >= 3)
		*len = p[2], hdr = 3;
	else if (p[1] == 0x4d && n >= 4)
		*len = (size_t)p[2] | (size_t)p[3] << 8, hdr = 4;
	else if (p[1] == 0x4e && n >= 6)
		*len = (size_t)p[2] | (size_t)p[3] << 8 | (size_t)p[4] << 16 |
		       (size_t)p[5] << 24,
		hdr = 6;
	else
		return NULL;
	return hdr + *len == n ? p + hdr : NULL;
}

enum trc_err thor_btc_memo(const struct btc_tx *tx, char *buf, size_t cap,
			   size_t *len, struct trc_error *err)
{
	*len = 0;
	if (cap)
		buf[0] = '\0';
	for (uint32_t i = 0; i < tx->n_out; i++) {
		size_t n;
		const uint8_t *d = op_return_data(&tx->out[i].script, &n);

		if (!d)
			continue;
		if (*len + n + 1 > cap)
			return trc_fail(err, TRC_ERR_TOOBIG,
					"OP_RETURN data of output %u does not "
					"fit in %zu bytes",
					i, cap);
		memcpy(buf + *len, d, n);
		*len += n;
		buf[*len] = '\0';
	}
	return TRC_OK;
}

/* The normalised vault addresses, new (free with free()). */
static enum trc_err norm_vaults(const struct btc_network *net,
				const char *const *vaults, size_t n,
				char (**out)[BTC_ADDR_MAX],
				struct trc_error *err)
{
	*out = NULL;
	if (!n)
		return TRC_OK;
	if (!(*out = calloc(n, BTC_ADDR_MAX)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		enum trc_err rc = btc_address_normalize(
			net, vaults[i], (*out)[i], BTC_ADDR_MAX, err);

		if (rc) {
			free(*out);
			*out = NULL;
			return trc_error_prefix(err, TRC_ERR_INVALID,
						"vault %zu", i);
		}
	}
	return TRC_OK;
}

static bool in_list(const char *addr, char (*list)[BTC_ADDR_MAX], size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(addr, list[i]))
			return true;
	return false;
}

/*
 * The output an event of kind k is about (detect.h), or -1: with vaults,
 * an inbound's first output paying one and an outbound's first output
 * with value paying none; without, the first output with value.
 */
static long pick_output(const struct btc_tx *tx, const struct btc_network *net,
			char (*vaults)[BTC_ADDR_MAX], size_t n_vaults,
			enum thor_event_kind k, char addr[BTC_ADDR_MAX])
{
	for (uint32_t i = 0; i < tx->n_out; i++) {
		const struct btc_txout *o = &tx->out[i];
		uint8_t cls = btc_script_classify(o->script.p, o->script.len,
						  net, addr, BTC_ADDR_MAX);
		bool vault = in_list(addr, vaults, n_vaults);

		if (cls == OUT_OP_RETURN || o->value == 0)
			continue;
		if (!n_vaults || (k == THOR_EVENT_INBOUND) == vault)
			return (long)i;
	}
	return -1;
}

enum trc_err thor_btc_detect(const struct btc_tx *tx,
			     const struct btc_network *net,
			     const char *const *vaults, size_t n_vaults,
			     struct thor_events *out, struct trc_error *err)
{
	char memo[BTC_MEMO_CAP], addr[BTC_ADDR_MAX], (*nv)[BTC_ADDR_MAX];
	struct thor_event ev;
	size_t len;
	long o;
	enum trc_err rc = thor_btc_memo(tx, memo, sizeof(memo), &len, err);

	if (rc == TRC_ERR_TOOBIG)
		return TRC_OK; /* no THORChain memo is that long */
	if (rc || len == 0)
		return rc;
	if ((rc = norm_vaults(net, vaults, n_vaults, &nv, err)))
		return rc;
	memset(&ev, 0, sizeof(ev));
	event_memo(&ev, (const uint8_t *)memo, len);
	ev.kind = kind_of(&ev);
	o = pick_output(tx, net, nv, n_vaults, ev.kind, addr);
	free(nv);
	if (o < 0 || (!ev.memo_ok && !n_vaults))
		return TRC_OK;
	ev.index = (uint32_t)o;
	ev.amount = amount_from_u64(tx->out[o].value);
	memcpy(ev.to, addr,
	       sizeof(addr) < sizeof(ev.to) ? sizeof(addr) : sizeof(ev.to));
	ev.to[sizeof(ev.to) - 1] = '\0';
	return push_event(out, &ev, err);
}

/* ---- EVM ---- */

/* An ABI word holding an address: 12 zero bytes, then 20. */
static enum trc_err word_addr(const uint8_t w[32], char out[THOR_ADDR_MAX],
			      bool native_empty, const char *what,
			      struct trc_error *err)
{
	static const uint8_t zero[20];

	for (int i = 0; i < 12; i++)
		if (w[i])
			return trc_fail(err, TRC_ERR_PARSE,
					"%s is not an address", what);
	if (native_empty && !memcmp(w + 12, zero, 20)) {
		out[0] = '\0';
		return TRC_OK;
	}
	eth_addr_format(out, w + 12);
	return TRC_OK;
}

static enum trc_err topic(const json_t *topics, size_t i, uint8_t w[32],
			  struct trc_error *err)
{
	return ejson_fixed_value(json_array_get(topics, i), "log topic", w, 32,
				 err);
}

/* The ABI word at byte off of d as a size, or TRC_ERR_PARSE. */
static enum trc_err word_size(const uint8_t *d, size_t len, size_t off,
			      size_t *v, struct trc_error *err)
{
	trc_amount a;
	uint64_t u;

	if (off > len || len - off < 32 || amount_from_be(&a, d + off, 32) ||
	    amount_to_u64(&u, a) || u > len)
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'data': ABI word at byte %zu is not a "
				"size within the %zu bytes",
				off, len);
	*v = (size_t)u;
	return TRC_OK;
}

/* The ABI string whose offset word is at byte head of d. */
static enum trc_err abi_string(const uint8_t *d, size_t len, size_t head,
			       const uint8_t **s, size_t *slen,
			       struct trc_error *err)
{
	size_t off;
	enum trc_err rc = word_size(d, len, head, &off, err);

	if (!rc)
		rc = word_size(d, len, off, slen, err);
	if (rc)
		return rc;
	if (len - off - 32 < *slen)
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'data': the memo's %zu bytes run past "
				"the data",
				*slen);
	*s = d + off + 32;
	return TRC_OK;
}

/*
 * Decodes a Deposit (deposit true) or TransferOut log into ev: topics
 * (3 of them) and data (ABI: Deposit amount, memo; TransferOut asset,
 * amount, memo).
 */
static enum trc_err decode_log(const json_t *log, const json_t *topics,
			       bool deposit, struct thor_event *ev,
			       struct trc_error *err)
{
	uint8_t t1[32], t2[32], *d = NULL;
	const uint8_t *memo = NULL;
	size_t len = 0, mlen = 0, head = deposit ? 0 : 32;
	enum trc_err rc = TRC_OK;

	if (json_array_size(topics) != 3)
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'topics': %zu topics "
				"(3 expected)",
				json_array_size(topics));
	if ((rc = topic(topics, 1, t1, err)) ||
	    (rc = topic(topics, 2, t2, err)))
		return rc;
	if ((rc = ejson_data(log, "data", true, &d, &len, NULL, err)))
		return rc;
	if (len < head + 64)
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "field 'data': %zu bytes, too short", len);
	if (!rc && deposit) {
		rc = word_addr(t1, ev->to, false, "topic 1 (to)", err);
		if (!rc)
			rc = word_addr(t2, ev->asset, true, "topic 2 (asset)",
				       err);
	} else if (!rc) {
		rc = word_addr(t1, ev->from, false, "topic 1 (vault)", err);
		if (!rc)
			rc = word_addr(t2, ev->to, false, "topic 2 (to)", err);
		if (!rc)
			rc = word_addr(d, ev->asset, true, "the asset", err);
	}
	if (!rc)
		rc = amount_from_be(&ev->amount, d + head, 32);
	if (!rc)
		rc = abi_string(d, len, head + 32, &memo, &mlen, err);
	if (!rc)
		event_memo(ev, memo, mlen);
	free(d);
	return rc;
}

static bool known_router(const char *addr, const char *const *routers, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(addr, routers[i]))
			return true;
	return false;
}

/*
 * One log: *ev filled and *keep set when it is an event to report.
 * Errors only for a named router's malformed log.
 */
static enum trc_err one_log(const json_t *log, const char *const *routers,
			    size_t n_routers, struct thor_event *ev, bool *keep,
			    struct trc_error *err)
{
	const json_t *topics = json_object_get(log, "topics");
	uint8_t t0[32], a[20];
	bool deposit;
	enum trc_err rc;

	*keep = false;
	memset(ev, 0, sizeof(*ev));
	if (json_is_true(json_object_get(log, "removed")) ||
	    !json_is_array(topics) || json_array_size(topics) < 1 ||
	    topic(topics, 0, t0, NULL))
		return TRC_OK;
	deposit = !memcmp(t0, THOR_TOPIC_DEPOSIT, 32);
	if ((!deposit && memcmp(t0, THOR_TOPIC_TRANSFER_OUT, 32)) ||
	    ejson_addr(log, "address", true, a, NULL, NULL))
		return TRC_OK;
	eth_addr_format(ev->router, a);
	ev->router_known = known_router(ev->router, routers, n_routers);
	if (n_routers && !ev->router_known)
		return TRC_OK;
	rc = decode_log(log, topics, deposit, ev, err);
	if (rc)
		return ev->router_known ? rc : TRC_OK;
	ev->kind = deposit ? THOR_EVENT_INBOUND : kind_of(ev);
	*keep = deposit || ev->kind != THOR_EVENT_INBOUND;
	return TRC_OK;
}

enum trc_err thor_evm_detect(const json_t *logs, const char *const *routers,
			     size_t n_routers, struct thor_events *out,
			     struct trc_error *err)
{
	size_t i, n0 = out->n;
	json_t *log;
	struct thor_event *ev;
	enum trc_err rc = TRC_OK;

	if (!logs || json_is_null(logs))
		return TRC_OK;
	if (!json_is_array(logs))
		return trc_fail(err, TRC_ERR_PARSE,
				"field 'logs' is not an array");
	if (!(ev = malloc(sizeof(*ev))))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	json_array_foreach(logs, i, log)
	{
		bool keep;

		rc = one_log(log, routers, n_routers, ev, &keep, err);
		if (!rc && keep) {
			ev->index = (uint32_t)i;
			rc = push_event(out, ev, err);
		}
		if (rc) {
			rc = trc_error_prefix(err, rc, "log %zu", i);
			out->n = n0;
			break;
		}
	}
	free(ev);
	return rc;
}

/* ---- router calls ---- */

static const uint8_t sel_deposit[4] = { 0x1f, 0xec, 0xe7, 0xb4 };
static const uint8_t sel_expiry[4] = { 0x44, 0xbc, 0x93, 0x7b };

/* The arguments of a deposit call (after the selector) into ev. */
static enum trc_err decode_call(const uint8_t *a, size_t n, trc_amount value,
				struct thor_event *ev)
{
	const uint8_t *memo;
	size_t mlen;

	if (n < 128 || word_addr(a, ev->to, false, "vault", NULL) ||
	    word_addr(a + 32, ev->asset, true, "asset", NULL) ||
	    abi_string(a, n, 96, &memo, &mlen, NULL))
		return TRC_ERR_PARSE;
	ev->amount = value;
	if (ev->asset[0] && amount_from_be(&ev->amount, a + 64, 32))
		return TRC_ERR_PARSE;
	event_memo(ev, memo, mlen);
	return TRC_OK;
}

enum trc_err thor_evm_call_detect(const uint8_t *data, size_t len,
				  const uint8_t to[20], trc_amount value,
				  const char *const *routers, size_t n_routers,
				  struct thor_events *out,
				  struct trc_error *err)
{
	struct thor_event *ev;
	enum trc_err rc = TRC_OK;

	if (len < 4 ||
	    (memcmp(data, sel_deposit, 4) && memcmp(data, sel_expiry, 4)))
		return TRC_OK;
	if (!(ev = calloc(1, sizeof(*ev))))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	eth_addr_format(ev->router, to);
	ev->router_known = known_router(ev->router, routers, n_routers);
	ev->kind = THOR_EVENT_INBOUND;
	if ((!n_routers || ev->router_known) &&
	    decode_call(data + 4, len - 4, value, ev) == TRC_OK)
		rc = push_event(out, ev, err);
	free(ev);
	return rc;
}
