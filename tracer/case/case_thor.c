/*
 * case_thor.c - THORChain links from the database's memos (case_thor.h).
 */
#include "tracer/case/case_thor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "base/hex.h"
#include "chains/thorchain/memo.h"
#include "store/chaindb.h"

/* The memo of tx parsed. Returns false when there is none or it does not
 * parse. */
static bool tx_memo(const struct rec_tx *tx, struct thor_memo *m)
{
	return tx->memo &&
	       thor_memo_parse(m, tx->memo, strlen(tx->memo), NULL) == TRC_OK;
}

/* The address output or leg n of tx pays; NULL past them. */
static const char *end_addr(const struct rec_tx *tx, uint32_t n)
{
	if (tx->n_legs)
		return n < tx->n_legs ? tx->legs[n].to : NULL;
	return n < tx->n_out ? tx->out[n].address : NULL;
}

static bool has_lower(const char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			return true;
	return false;
}

/* Equal addresses: case aside for EVM hex (EIP-55 or not) and for an
 * all-uppercase form (bech32 written in capitals); base58 keeps its
 * case. */
static bool same_addr(const char *a, const char *b)
{
	if (!a || !b || strcasecmp(a, b))
		return false;
	return !strcmp(a, b) || !strncasecmp(a, "0x", 2) || !has_lower(a) ||
	       !has_lower(b);
}

/* The output or leg of tx that pays addr: the memo's own first. */
static uint32_t paying(const struct rec_tx *tx, const char *addr)
{
	uint32_t n = tx->n_legs ? tx->n_legs : tx->n_out;

	if (tx->memo_n != REC_MEMO_NO_N &&
	    same_addr(end_addr(tx, tx->memo_n), addr))
		return tx->memo_n;
	for (uint32_t i = 0; i < n; i++)
		if (same_addr(end_addr(tx, i), addr) &&
		    (!tx->n_legs || tx->legs[i].kind != LEG_FEE))
			return i;
	return REC_MEMO_NO_N;
}

/* One end of a link as the database has it: output or leg n of tx. */
static enum trc_err end_fill(struct xlink_end *e, const struct chain_ops *ops,
			     const struct rec_tx *tx, uint32_t n,
			     struct trc_error *err)
{
	char disp[CHAIN_TXID_STR_MAX];
	const char *asset = ops->asset;

	ops->txid_format(tx->txid, disp);
	e->n = n;
	if (tx->n_legs) {
		e->amount = tx->legs[n].value;
		if (tx->legs[n].asset)
			asset = tx->legs[n].asset;
	} else {
		e->amount = tx->out[n].value;
	}
	if (!(e->chain = strdup(ops->name)) || !(e->txid = strdup(disp)) ||
	    !(e->asset = strdup(asset)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	return TRC_OK;
}

/* "block 105, 2026-12-03T14:00:00Z" */
static void where(char *out, size_t size, const struct rec_tx *tx)
{
	char t[DATE_ISO_SIZE];

	if (tx->height == REC_HEIGHT_UNKNOWN)
		snprintf(out, size, "height unknown");
	else
		snprintf(out, size, "block %u, %s", (unsigned)tx->height,
			 date_format_iso(tx->time, t));
}

/* The inbound: what every candidate is checked against. */
struct inbound {
	const struct chain_ops *ops;
	const struct rec_tx *tx;
	bool memo_ok; /* a parsed swap memo (else only refunds count) */
	struct thor_memo m;
	uint8_t ref[32]; /* its hash as THORChain writes it */
	uint32_t n;	 /* the output or leg paying the vault */
	const char *vault;
};

struct scan {
	const struct inbound *in;
	const struct chain_ops *ops; /* the chain scanned */
	struct case_derived *out;
	enum trc_err rc;
	struct trc_error *err;
};

/* Whether an address string is one of chain's (else a THORName). */
static bool is_address(const struct chain_ops *c, const char *s)
{
	return c->address_network && c->address_network(s);
}

/* Whether candidate tx (memo m) answers the inbound; out: its end n. */
static bool answers(const struct scan *sc, const struct rec_tx *tx,
		    const struct thor_memo *m, uint32_t *n)
{
	const struct inbound *in = sc->in;
	const char *to;

	if (!m->has_txid || memcmp(m->txid, in->ref, 32) ||
	    tx->memo_n == REC_MEMO_NO_N || (tx->flags & REC_TX_FAILED))
		return false;
	if (!(to = end_addr(tx, tx->memo_n)))
		return false;
	*n = tx->memo_n;
	if (m->kind == THOR_MEMO_REFUND)
		return sc->ops == in->ops;
	if (m->kind != THOR_MEMO_OUT || !in->memo_ok ||
	    chain_lookup(in->m.asset.chain) != sc->ops)
		return false;
	/* a THORName is not resolved here: the outbound's memo is the
	 * evidence then */
	return !in->m.dest[0] || !is_address(sc->ops, in->m.dest) ||
	       same_addr(to, in->m.dest);
}

static enum trc_err evidence(struct xlink *l, const struct scan *sc,
			     const struct rec_tx *tx, bool refund,
			     struct trc_error *err)
{
	const struct inbound *in = sc->in;
	char w[2][64], line[1024];

	where(w[0], sizeof(w[0]), in->tx);
	where(w[1], sizeof(w[1]), tx);
	snprintf(line, sizeof(line),
		 "THORChain: memo '%s' paying %s (tagged bridge) on %s (%s); "
		 "%s memo '%s' on %s (%s) paying %s",
		 in->tx->memo, in->vault, in->ops->name, w[0],
		 refund ? "refund" : "outbound", tx->memo, sc->ops->name, w[1],
		 end_addr(tx, tx->memo_n));
	if (!(l->evidence = strdup(line)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	return TRC_OK;
}

static enum trc_err make_link(const struct scan *sc, const struct rec_tx *tx,
			      uint32_t n, bool refund, struct trc_error *err)
{
	const struct inbound *in = sc->in;
	struct xlink l = XLINK_INIT;
	enum trc_err rc;

	l.kind = XLINK_THORCHAIN;
	l.confidence = XLINK_HIGH;
	if (!(rc = end_fill(&l.from, in->ops, in->tx, in->n, err)) &&
	    !(rc = end_fill(&l.to, sc->ops, tx, n, err)) &&
	    !(rc = evidence(&l, sc, tx, refund, err)))
		rc = case_derived_push(sc->out, &l, err);
	xlink_release(&l);
	return rc;
}

static int candidate(const struct rec_tx *tx, void *ctx)
{
	struct scan *sc = ctx;
	struct thor_memo m;
	uint32_t n;

	if (!tx_memo(tx, &m) || !answers(sc, tx, &m, &n))
		return 0;
	sc->rc = make_link(sc, tx, n, m.kind == THOR_MEMO_REFUND, sc->err);
	return sc->rc != TRC_OK;
}

/* The inbound hash in THORChain's form: the display form's bytes. */
static bool ref_of(const char *disp, uint8_t ref[32])
{
	size_t n;

	if (!strncasecmp(disp, "0x", 2))
		disp += 2;
	return strlen(disp) == 64 && !hex_decode(ref, 32, &n, disp, 64, NULL);
}

static enum trc_err scan_chains(const struct inbound *in,
				struct case_derived *out, struct store *s,
				struct trc_error *err)
{
	const struct chain_ops *c;
	enum trc_err rc = TRC_OK;

	for (size_t i = 0; !rc && (c = chain_at(i)); i++) {
		struct scan sc = { in, c, out, TRC_OK, err };

		rc = chaindb_each_memo_ref(s, c->id, in->ref, candidate, &sc,
					   err);
		if (!rc)
			rc = sc.rc;
	}
	return rc;
}

enum trc_err case_thor_derive(struct store *s, const struct chain_ops *ops,
			      const char *network, const uint8_t txid[32],
			      const char *txid_disp, const char *exit_address,
			      struct case_derived *out, struct trc_error *err)
{
	struct rec_tx tx = REC_TX_INIT;
	struct inbound in;
	bool found = false;
	enum trc_err rc;

	(void)network;
	memset(&in, 0, sizeof(in));
	if ((rc = chaindb_get_tx(s, ops->id, txid, &tx, &found, err)))
		return rc;
	in.ops = ops;
	in.tx = &tx;
	in.vault = exit_address;
	in.memo_ok = tx_memo(&tx, &in.m);
	if (found && tx.memo && !(tx.flags & REC_TX_FAILED) &&
	    (!in.memo_ok || in.m.kind == THOR_MEMO_SWAP) &&
	    ref_of(txid_disp, in.ref) &&
	    (in.n = paying(&tx, exit_address)) != REC_MEMO_NO_N)
		rc = scan_chains(&in, out, s, err);
	rec_tx_release(&tx);
	return rc;
}

enum trc_err case_thor_swap_dest(struct store *s, const struct chain_ops *ops,
				 const uint8_t txid[32], bool *is_swap,
				 struct case_thor_dest *d,
				 struct trc_error *err)
{
	struct rec_tx tx = REC_TX_INIT;
	struct thor_memo m;
	bool found = false;
	enum trc_err rc = chaindb_get_tx(s, ops->id, txid, &tx, &found, err);

	memset(d, 0, sizeof(*d));
	*is_swap = !rc && found && tx_memo(&tx, &m) &&
		   m.kind == THOR_MEMO_SWAP && m.has_asset;
	if (*is_swap) {
		d->chain = chain_lookup(m.asset.chain);
		snprintf(d->chain_name, sizeof(d->chain_name), "%s",
			 m.asset.chain);
		snprintf(d->address, sizeof(d->address), "%s", m.dest);
		snprintf(d->asset, sizeof(d->asset), "%s", m.asset.full);
	}
	rec_tx_release(&tx);
	return rc;
}
