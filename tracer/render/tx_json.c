/*
 * tx_json.c - the document of one stored transaction (tx_json.h).
 */
#include "tracer/render/tx_json.h"

#include "store/chaindb.h"
#include "tracer/render/json.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *inputs_json(const struct rec_tx *tx,
			   const struct chain_ops *chain)
{
	json_t *a = json_array();

	for (uint32_t i = 0; a && i < tx->n_in; i++) {
		const struct rec_input *in = &tx->in[i];
		bool cb = in->flags & REC_IN_COINBASE;
		bool known = in->flags & REC_IN_RESOLVED;
		char prev[CHAIN_TXID_STR_MAX];

		chain->txid_format(in->prev_txid, prev);
		if (json_array_append_new(
			    a, json_pack("{s:o, s:o, s:o, s:o, s:b}", "address",
					 str_or_null(in->address), "value",
					 known ? rjson_amount(in->value)
					       : json_null(),
					 "prev_txid",
					 cb ? json_null() : json_string(prev),
					 "prev_vout",
					 cb ? json_null()
					    : json_integer(in->prev_vout),
					 "coinbase", cb))) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static json_t *outputs_json(const struct rec_tx *tx)
{
	json_t *a = json_array();

	for (uint32_t i = 0; a && i < tx->n_out; i++) {
		const struct rec_output *o = &tx->out[i];

		if (json_array_append_new(
			    a,
			    json_pack("{s:I, s:o, s:s, s:o, s:s}", "n",
				      (json_int_t)i, "address",
				      str_or_null(o->address), "class",
				      rec_out_class_name(o->cls), "value",
				      rjson_amount(o->value), "level",
				      rec_level_name(rec_tx_level(tx, i))))) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static json_t *legs_json(const struct rec_tx *tx)
{
	json_t *a = json_array();

	for (uint32_t i = 0; a && i < tx->n_legs; i++) {
		const struct rec_leg *l = &tx->legs[i];

		if (json_array_append_new(
			    a,
			    json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:s}",
				      "n", (json_int_t)i, "kind",
				      rec_leg_kind_name(l->kind), "asset",
				      str_or_null(l->asset), "from",
				      str_or_null(l->from), "to",
				      str_or_null(l->to), "value",
				      rjson_amount(l->value), "level",
				      rec_level_name(rec_tx_level(tx, i))))) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static json_t *tx_to_json(const struct rec_tx *tx,
			  const struct chain_ops *chain, const char *network)
{
	char txid[CHAIN_TXID_STR_MAX];
	json_t *o;

	chain->txid_format(tx->txid, txid);
	o = json_pack("{s:s, s:o, s:s, s:o, s:I}", "chain", chain->name,
		      "network", str_or_null(network), "txid", txid, "height",
		      tx->height == REC_HEIGHT_UNKNOWN
			      ? json_null()
			      : json_integer((json_int_t)tx->height),
		      "position", (json_int_t)tx->position);
	if (o &&
	    (rjson_set_time(o, "time", tx->time) ||
	     json_object_set_new(o, "fee", rjson_amount(tx->fee)) ||
	     json_object_set_new(o, "failed",
				 json_boolean(tx->flags & REC_TX_FAILED)) ||
	     json_object_set_new(o, "coinbase",
				 json_boolean(tx->flags & REC_TX_COINBASE)) ||
	     json_object_set_new(o, "included",
				 json_boolean(tx->flags & REC_TX_INCLUDED)) ||
	     json_object_set_new(o, "inputs", inputs_json(tx, chain)) ||
	     json_object_set_new(o, "outputs", outputs_json(tx)) ||
	     json_object_set_new(o, "legs", legs_json(tx)))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

enum trc_err tx_json(struct store *s, const struct chain_ops *chain,
		     const char *network, const uint8_t txid[32], json_t **out,
		     bool *found, struct trc_error *err)
{
	struct rec_tx tx = REC_TX_INIT;
	enum trc_err rc;

	*out = NULL;
	*found = false;
	rc = chaindb_get_tx(s, chain->id, txid, &tx, found, err);
	if (!rc && *found && !(*out = tx_to_json(&tx, chain, network)))
		rc = trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rec_tx_release(&tx);
	return rc;
}
