#include "chains/thorchain/record.h"

#include <string.h>
#include <strings.h>

#include "chains/thorchain/detect.h"

/* The memo fields of rec from event ev paying rec's output/leg n. */
static enum trc_err set_memo(struct rec_tx *rec, const struct thor_event *ev,
			     uint32_t n, struct trc_error *err)
{
	return rec_tx_set_memo(rec, ev->memo_text, n,
			       ev->has_in_hash ? ev->in_hash : NULL, err);
}

enum trc_err thor_rec_btc(const struct btc_tx *tx,
			  const struct btc_network *net, struct rec_tx *rec,
			  struct trc_error *err)
{
	struct thor_events ev = THOR_EVENTS_INIT;
	enum trc_err rc = thor_btc_detect(tx, net, NULL, 0, &ev, err);

	if (!rc && ev.n && ev.v[0].memo_ok)
		rc = set_memo(rec, &ev.v[0], ev.v[0].index, err);
	thor_events_release(&ev);
	return rc;
}

static bool same(const char *a, const char *b)
{
	return a && b && !strcasecmp(a, b);
}

/* Whether leg l moves what ev says to one of the two addresses. */
static bool pays(const struct rec_leg *l, const struct thor_event *ev,
		 const char *to1, const char *to2)
{
	bool coin = !ev->asset[0];

	if (amount_cmp(l->value, ev->amount) ||
	    !(same(l->to, to1) || same(l->to, to2)))
		return false;
	if (coin)
		return !l->asset &&
		       (l->kind == LEG_NATIVE || l->kind == LEG_INTERNAL);
	return l->kind == LEG_TOKEN && same(l->asset, ev->asset);
}

static uint32_t event_leg(const struct rec_tx *rec, const struct thor_event *ev)
{
	bool in = ev->kind == THOR_EVENT_INBOUND;

	for (uint32_t i = 0; i < rec->n_legs; i++)
		if (in ? pays(&rec->legs[i], ev, ev->router, ev->to)
		       : pays(&rec->legs[i], ev, ev->to, NULL))
			return i;
	return REC_MEMO_NO_N;
}

enum trc_err thor_rec_evm(const json_t *logs, struct rec_tx *rec,
			  struct trc_error *err)
{
	struct thor_events ev = THOR_EVENTS_INIT;
	enum trc_err rc = thor_evm_detect(logs, NULL, 0, &ev, NULL);

	if (rc == TRC_ERR_NOMEM) {
		thor_events_release(&ev);
		return trc_fail(err, rc, "out of memory");
	}
	if (!rc && ev.n)
		rc = set_memo(rec, &ev.v[0], event_leg(rec, &ev.v[0]), err);
	thor_events_release(&ev);
	return rc == TRC_ERR_NOMEM ? rc : TRC_OK;
}
