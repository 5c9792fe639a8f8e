/*
 * decode_thor.c - a THORChain event as the JSON of `tracer decode`
 * (decode_thor.h):
 *   {"kind": "inbound"|"outbound"|"refund", "memo": text,
 *    "memo_valid": bool, "memo_error": text (when not valid),
 *    "parsed": {...} (when valid), "index": output or log index,
 *    "asset": "" | contract, "amount": base units, "from", "to",
 *    "router", "router_known" (EVM), "inbound_txid" (outbound, refund)}
 */
#include "tracer/cli/decode_thor.h"

#include "base/hex.h"
#include "chains/eth/eth_addr.h"
#include "tracer/render/json.h"

static const char *event_kind(enum thor_event_kind k)
{
	return k == THOR_EVENT_OUTBOUND ? "outbound"
	       : k == THOR_EVENT_REFUND ? "refund"
					: "inbound";
}

static void set_str(json_t *o, const char *key, const char *s)
{
	if (s[0])
		json_object_set_new(o, key, json_string(s));
}

static json_t *asset_json(const struct thor_asset *a)
{
	json_t *o = json_object();
	char addr[ETH_ADDR_STR];

	json_object_set_new(o, "notation", json_string(a->full));
	json_object_set_new(o, "chain", json_string(a->chain));
	json_object_set_new(o, "symbol", json_string(a->symbol));
	json_object_set_new(o, "short_code", json_boolean(a->short_code));
	if (a->has_contract) {
		eth_addr_format(addr, a->contract);
		json_object_set_new(o, "contract", json_string(addr));
	}
	return o;
}

static void swap_json(json_t *o, const struct thor_memo *m)
{
	json_t *fees = json_array();

	set_str(o, "destination", m->dest);
	set_str(o, "refund_address", m->refund);
	if (m->has_limit)
		json_object_set_new(o, "limit", rjson_amount(m->limit));
	if (m->streaming) {
		json_object_set_new(o, "interval",
				    json_integer((json_int_t)m->interval));
		json_object_set_new(o, "quantity",
				    json_integer((json_int_t)m->quantity));
	}
	set_str(o, "affiliate", m->affiliate);
	for (size_t i = 0; i < m->n_fees; i++)
		json_array_append_new(fees,
				      json_integer((json_int_t)m->fee_bps[i]));
	json_object_set_new(o, "affiliate_bps", fees);
	set_str(o, "dex_aggregator", m->dex_aggregator);
	set_str(o, "dex_target", m->dex_target);
	if (m->has_dex_limit)
		json_object_set_new(o, "dex_limit", rjson_amount(m->dex_limit));
}

static json_t *memo_json(const struct thor_memo *m)
{
	json_t *o = json_object();
	char hex[65];

	json_object_set_new(o, "function", json_string(m->function));
	json_object_set_new(o, "kind",
			    json_string(thor_memo_kind_name(m->kind)));
	if (m->limit_order)
		json_object_set_new(o, "limit_order", json_true());
	if (m->has_asset)
		json_object_set_new(o, "asset", asset_json(&m->asset));
	if (m->kind == THOR_MEMO_SWAP)
		swap_json(o, m);
	if (m->has_txid)
		json_object_set_new(o, "txid",
				    json_string(hex_encode(hex, m->txid, 32)));
	return o;
}

json_t *decode_thor_json(const struct thor_event *ev)
{
	json_t *o = json_object();
	char hex[65];

	json_object_set_new(o, "kind", json_string(event_kind(ev->kind)));
	json_object_set_new(o, "memo", json_string(ev->memo_text));
	json_object_set_new(o, "memo_valid", json_boolean(ev->memo_ok));
	if (ev->memo_ok)
		json_object_set_new(o, "parsed", memo_json(&ev->memo));
	else
		json_object_set_new(o, "memo_error",
				    json_string(ev->memo_error));
	json_object_set_new(o, "index", json_integer(ev->index));
	json_object_set_new(o, "asset", json_string(ev->asset));
	json_object_set_new(o, "amount", rjson_amount(ev->amount));
	set_str(o, "from", ev->from);
	set_str(o, "to", ev->to);
	if (ev->router[0]) {
		json_object_set_new(o, "router", json_string(ev->router));
		json_object_set_new(o, "router_known",
				    json_boolean(ev->router_known));
	}
	if (ev->has_in_hash)
		json_object_set_new(
			o, "inbound_txid",
			json_string(hex_encode(hex, ev->in_hash, 32)));
	return o;
}
