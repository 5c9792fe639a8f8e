/*
 * outbound.c - a THORNode's outbound, picked from its answer and proven
 * on the destination chain (outbound.h).
 */
#include "chains/thorchain/outbound.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/hex.h"

void thor_chain_name(const struct chain_ops *chain, char *out, size_t cap)
{
	size_t i = 0;

	for (; cap && chain->name[i] && i + 1 < cap; i++) {
		char c = chain->name[i];

		out[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
	}
	if (cap)
		out[i] = '\0';
}

/* The first signed out (refund true: a refund) for the messages. */
static const struct thornode_out *first_out(const struct thornode_status *st,
					    bool refund)
{
	for (size_t i = 0; i < st->n_out; i++)
		if (st->out[i].id[0] && st->out[i].refund == refund)
			return &st->out[i];
	return NULL;
}

static enum trc_err refunded(const struct thornode_status *st,
			     struct trc_error *err)
{
	const struct thornode_out *o = first_out(st, true);

	if (o)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"inbound %s was refunded, not swapped "
				"(REFUND tx %s on %s to %s): no outbound to "
				"follow; nothing stored",
				st->in_hash, o->id, o->chain, o->to);
	return trc_fail(err, TRC_ERR_UNSUPPORTED,
			"inbound %s is being refunded, not swapped (a refund "
			"is planned, none signed yet): no outbound to "
			"follow; nothing stored",
			st->in_hash);
}

enum trc_err thor_outbound_pick(const struct thornode_status *st,
				const struct chain_ops *chain,
				struct thor_outbound *out,
				struct trc_error *err)
{
	const struct thornode_out *other;
	char name[16];

	memset(out, 0, sizeof(*out));
	thor_chain_name(chain, name, sizeof(name));
	switch (st->stage) {
	case THORNODE_UNSEEN:
		return trc_fail(err, TRC_ERR_NOTFOUND,
				"THORNode has not observed inbound %s: "
				"nothing stored",
				st->in_hash);
	case THORNODE_PENDING:
		return trc_fail(err, TRC_ERR_NOTFOUND,
				"the swap of inbound %s is pending (no "
				"outbound signed yet): nothing stored; ask "
				"again later",
				st->in_hash);
	case THORNODE_REFUNDED:
		return refunded(st, err);
	default:
		break;
	}
	for (size_t i = 0; i < st->n_out; i++)
		if (st->out[i].id[0] && !strcasecmp(st->out[i].chain, name)) {
			out->node = st->out[i];
			return TRC_OK;
		}
	other = first_out(st, false);
	if (other)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"the outbound of inbound %s is on %s (tx %s "
				"to %s), not on %s: crawl that chain with "
				"--thornode; nothing stored",
				st->in_hash, other->chain, other->id, other->to,
				chain->name);
	return trc_fail(err, TRC_ERR_NOTFOUND,
			"THORNode names no outbound transaction of inbound "
			"%s: nothing stored",
			st->in_hash);
}

/* Why no event of evs is the outbound of want (for the message). */
static enum trc_err no_memo(const struct thor_events *evs,
			    const uint8_t want[32], const char *txid,
			    const struct chain_ops *chain,
			    struct trc_error *err)
{
	for (size_t i = 0; i < evs->n; i++) {
		const struct thor_event *ev = &evs->v[i];

		if (ev->kind == THOR_EVENT_REFUND && ev->has_in_hash &&
		    !memcmp(ev->in_hash, want, 32))
			return trc_fail(err, TRC_ERR_VERIFY,
					"THORNode lied: tx %s on %s is a "
					"refund (memo '%s'), not the "
					"outbound it said; nothing stored",
					txid, chain->name, ev->memo_text);
		if (ev->kind != THOR_EVENT_INBOUND)
			return trc_fail(err, TRC_ERR_VERIFY,
					"THORNode lied: tx %s on %s carries "
					"the memo '%s', not OUT of the "
					"inbound asked for; nothing stored",
					txid, chain->name, ev->memo_text);
	}
	return trc_fail(err, TRC_ERR_VERIFY,
			"THORNode lied: tx %s on %s carries no OUT:<inbound "
			"hash> memo; nothing stored",
			txid, chain->name);
}

static bool mixed_case(const char *s)
{
	bool lower = false, upper = false;

	for (; *s; s++) {
		lower |= *s >= 'a' && *s <= 'z';
		upper |= *s >= 'A' && *s <= 'Z';
	}
	return lower && upper;
}

/*
 * The same address as the node wrote it: EVM hex (0x) and bech32 (one
 * case by its rule) in any case; base58 exactly, its case is its value.
 */
static bool same_address(const char *a, const char *b)
{
	bool hex = (a[0] == '0' && (a[1] == 'x' || a[1] == 'X')) &&
		   (b[0] == '0' && (b[1] == 'x' || b[1] == 'X'));

	if (hex || (!mixed_case(a) && !mixed_case(b)))
		return !strcasecmp(a, b);
	return !strcmp(a, b);
}

static enum trc_err check_events(const struct thornode_status *st,
				 const struct chain_ops *chain,
				 const struct thor_events *evs,
				 const char *txid, struct thor_outbound *out,
				 struct trc_error *err)
{
	uint8_t want[32];
	size_t n = 0;

	if (hex_decode(want, 32, &n, st->in_hash, 64, NULL) || n != 32)
		return trc_fail(err, TRC_ERR_INVALID, "bad inbound hash");
	for (size_t i = 0; i < evs->n; i++) {
		const struct thor_event *ev = &evs->v[i];

		if (ev->kind != THOR_EVENT_OUTBOUND || !ev->has_in_hash ||
		    memcmp(ev->in_hash, want, 32))
			continue;
		if (!same_address(ev->to, out->node.to))
			return trc_fail(err, TRC_ERR_VERIFY,
					"THORNode lied: tx %s on %s pays "
					"%s, the node said %s; nothing "
					"stored",
					txid, chain->name, ev->to,
					out->node.to);
		out->ev = *ev;
		return TRC_OK;
	}
	return no_memo(evs, want, txid, chain, err);
}

enum trc_err thor_outbound_verify(const struct thornode_status *st,
				  const struct chain_ops *chain,
				  struct crawl_source *src,
				  const char *const *routers, size_t n_routers,
				  struct thor_outbound *out,
				  struct trc_error *err)
{
	struct thor_events evs = THOR_EVENTS_INIT;
	char txid[CHAIN_TXID_STR_MAX];
	enum trc_err rc;

	if (!src->ops->thor_events || !src->ops->fetch_tx_proven)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"this %s source cannot read THORChain memos "
				"from proven transactions (btc --esplora "
				"and eth --rpc can)",
				chain->name);
	if ((rc = chain->txid_parse(out->node.id, out->txid, err)))
		return trc_error_prefix(err, rc, "THORNode's outbound id");
	chain->txid_format(out->txid, txid);
	rc = src->ops->thor_events(src->ctx, out->txid, routers, n_routers,
				   &evs, err);
	if (rc)
		trc_error_prefix(err, rc,
				 "the outbound %s THORNode names on %s "
				 "(nothing stored)",
				 txid, chain->name);
	else
		rc = check_events(st, chain, &evs, txid, out, err);
	thor_events_release(&evs);
	return rc;
}
