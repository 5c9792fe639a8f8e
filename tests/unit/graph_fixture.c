/*
 * graph_fixture.c - the text format of graph_fixture.h into chaindb and
 * tag records, committed in batches.
 */
#include <stdlib.h>
#include <string.h>

#include "base/amount.h"
#include "base/hash.h"
#include "base/hex.h"
#include "base/intern.h"
#include "chains/thorchain/memo.h"
#include "store/chaindb.h"
#include "store/record.h"
#include "store/tags.h"
#include "tests/unit/graph_fixture.h"

#define GFX_BATCH 2000

struct gfx {
	struct store *s;
	struct store_batch *b;
	uint8_t chain;
	uint32_t height;
	unsigned line;
	struct intern labels; /* label -> index into outs */
	struct rec_tx *txs;   /* kept for input resolution (outputs only) */
	size_t n, alloc;
	struct trc_error *err;
	char *memo; /* for the next tx or ev (memo statement), or NULL */
	uint32_t memo_n;
};

void gfx_txid(const char *label, uint8_t out[32])
{
	hash_sha256(out, label, strlen(label));
}

void gfx_txid_hex(const char *label, char out[65])
{
	uint8_t t[32];

	gfx_txid(label, t);
	hex_encode(out, t, 32);
}

static enum trc_err bad(struct gfx *g, const char *what, const char *tok)
{
	return trc_fail(g->err, TRC_ERR_PARSE, "fixture line %u: %s '%s'",
			g->line, what, tok ? tok : "");
}

static enum trc_err value(struct gfx *g, const char *s, trc_amount *v)
{
	return amount_parse(v, s, 0, NULL) ? bad(g, "bad value", s) : TRC_OK;
}

static const char *nul(const char *s)
{
	return strcmp(s, "-") ? s : NULL;
}

static enum trc_err flush(struct gfx *g, bool force)
{
	enum trc_err rc;

	if (!force && store_batch_count(g->b) < GFX_BATCH)
		return TRC_OK;
	rc = store_batch_commit(g->s, g->b, g->err);
	store_batch_clear(g->b);
	return rc;
}

static enum trc_err keep(struct gfx *g, const char *label,
			 const struct rec_tx *tx)
{
	uint32_t id;
	struct rec_tx *k;

	if (intern_add(&g->labels, label, strlen(label), &id, g->err))
		return TRC_ERR_NOMEM;
	if (id != g->n)
		return bad(g, "duplicate label", label);
	if (g->n == g->alloc) {
		size_t n = g->alloc ? 2 * g->alloc : 64;
		struct rec_tx *v = realloc(g->txs, n * sizeof(*v));
		if (!v)
			return trc_fail(g->err, TRC_ERR_NOMEM, "out of memory");
		g->txs = v;
		g->alloc = n;
	}
	k = &g->txs[g->n++];
	rec_tx_init(k);
	for (uint32_t j = 0; j < tx->n_out; j++)
		if (rec_tx_add_output(k, tx->out[j].cls, tx->out[j].address,
				      tx->out[j].value, g->err))
			return TRC_ERR_NOMEM;
	return TRC_OK;
}

static enum trc_err add_input(struct gfx *g, struct rec_tx *tx, char *tok)
{
	char *colon = strrchr(tok, ':');
	uint8_t prev[32] = { 0 };
	uint32_t id;
	unsigned long n;

	if (!strcmp(tok, "coinbase")) {
		tx->flags |= REC_TX_COINBASE;
		return rec_tx_add_input(tx, prev, UINT32_MAX, REC_IN_COINBASE,
					NULL, AMOUNT_ZERO, g->err);
	}
	if (!colon)
		return bad(g, "bad input", tok);
	*colon = 0;
	n = strtoul(colon + 1, NULL, 10);
	gfx_txid(tok, prev);
	id = intern_find(&g->labels, tok, strlen(tok));
	if (id == INTERN_NONE || n >= g->txs[id].n_out)
		return rec_tx_add_input(tx, prev, (uint32_t)n, 0, NULL,
					AMOUNT_ZERO, g->err);
	return rec_tx_add_input(tx, prev, (uint32_t)n, REC_IN_RESOLVED,
				g->txs[id].out[n].address,
				g->txs[id].out[n].value, g->err);
}

static enum trc_err add_output(struct gfx *g, struct rec_tx *tx, char *tok)
{
	char *eq = strrchr(tok, '=');
	trc_amount v;

	if (!eq)
		return bad(g, "bad output", tok);
	*eq = 0;
	if (value(g, eq + 1, &v))
		return TRC_ERR_PARSE;
	if (tok[0] == '^') /* a peg-in: value into a ledger not shown */
		return rec_tx_add_output(tx, OUT_PEG_IN, tok + 1, v, g->err);
	return rec_tx_add_output(tx, nul(tok) ? OUT_P2WPKH : OUT_OP_RETURN,
				 nul(tok), v, g->err);
}

static enum trc_err fill_fee(struct rec_tx *tx)
{
	trc_amount in = AMOUNT_ZERO, out = AMOUNT_ZERO;

	for (uint32_t i = 0; i < tx->n_in; i++)
		if (amount_add(&in, in, tx->in[i].value))
			return TRC_ERR_OVERFLOW;
	for (uint32_t j = 0; j < tx->n_out; j++)
		if (amount_add(&out, out, tx->out[j].value))
			return TRC_ERR_OVERFLOW;
	if (amount_sub(&tx->fee, in, out))
		tx->fee = AMOUNT_ZERO;
	return TRC_OK;
}

static char *next_tok(char **p)
{
	char *s = *p, *t;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return NULL;
	t = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	if (*s)
		*s++ = 0;
	*p = s;
	return t;
}

/* The pending memo onto tx; an OUT:/REFUND: memo names its hash. */
static enum trc_err take_memo(struct gfx *g, struct rec_tx *tx)
{
	struct thor_memo m;
	enum trc_err rc;
	bool ref;

	if (!g->memo)
		return TRC_OK;
	ref = !thor_memo_parse(&m, g->memo, strlen(g->memo), NULL) &&
	      m.has_txid;
	rc = rec_tx_set_memo(tx, g->memo, g->memo_n, ref ? m.txid : NULL,
			     g->err);
	free(g->memo);
	g->memo = NULL;
	return rc;
}

static enum trc_err put(struct gfx *g, struct rec_tx *tx, const char *label)
{
	enum trc_err rc = take_memo(g, tx);

	if (!rc)
		rc = keep(g, label, tx);

	if (!rc)
		rc = chaindb_put_tx(g->b, tx, g->err);
	return rc ? rc : flush(g, false);
}

/* "tx LABEL TIME | ins | outs" after the keyword; parts split on '|'. */
static enum trc_err stmt_tx(struct gfx *g, char **parts, size_t n)
{
	struct rec_tx tx = REC_TX_INIT;
	char *p = parts[0], *label = next_tok(&p), *time = next_tok(&p), *t;
	enum trc_err rc = TRC_OK;

	if (!label || !time || n != 3)
		return bad(g, "expected 'tx LABEL TIME | ins | outs'", "");
	tx.chain = g->chain;
	gfx_txid(label, tx.txid);
	tx.height = g->height++;
	tx.time = strtoll(time, NULL, 10);
	for (p = parts[1]; !rc && (t = next_tok(&p));)
		rc = add_input(g, &tx, t);
	for (p = parts[2]; !rc && (t = next_tok(&p));)
		rc = add_output(g, &tx, t);
	if (!rc && fill_fee(&tx))
		rc = bad(g, "overflow", label);
	if (!rc)
		rc = put(g, &tx, label);
	rec_tx_release(&tx);
	return rc;
}

static int leg_kind(const char *s)
{
	static const char *const k[] = { NULL,	       "native", "internal",
					 "token",      "fee",	 "reward",
					 "withdrawal", "opening" };

	for (int i = 1; i < 8; i++)
		if (!strcmp(s, k[i]))
			return i;
	return 0;
}

static enum trc_err add_leg(struct gfx *g, struct rec_tx *tx, char *p)
{
	char *kind = next_tok(&p), *from = next_tok(&p), *to = next_tok(&p);
	char *v = next_tok(&p), *asset = next_tok(&p);
	trc_amount val;
	int k = kind ? leg_kind(kind) : 0;

	if (!k || !to || !v)
		return bad(g, "bad leg", kind);
	if (value(g, v, &val))
		return TRC_ERR_PARSE;
	if (k == LEG_FEE && amount_add(&tx->fee, tx->fee, val))
		return bad(g, "overflow", v);
	return rec_tx_add_leg(tx, (uint8_t)k, asset, nul(from), nul(to), val,
			      g->err);
}

static enum trc_err stmt_ev(struct gfx *g, char **parts, size_t n)
{
	struct rec_tx tx = REC_TX_INIT;
	char *p = parts[0], *label = next_tok(&p), *time = next_tok(&p);
	char *flag = next_tok(&p);
	enum trc_err rc = TRC_OK;

	if (!label || !time)
		return bad(g, "expected 'ev LABEL TIME [failed] | legs'", "");
	tx.chain = g->chain;
	gfx_txid(label, tx.txid);
	tx.height = g->height++;
	tx.time = strtoll(time, NULL, 10);
	if (flag && !strcmp(flag, "failed"))
		tx.flags |= REC_TX_FAILED;
	for (size_t i = 1; !rc && i < n; i++)
		rc = add_leg(g, &tx, parts[i]);
	if (!rc)
		rc = put(g, &tx, label);
	rec_tx_release(&tx);
	return rc;
}

static enum trc_err stmt_tag(struct gfx *g, char *p)
{
	struct tag t = TAG_INIT;
	char *addr = next_tok(&p), *cat = next_tok(&p), *ent = next_tok(&p);
	char *conf = next_tok(&p);

	if (!addr || !cat || !ent || !tag_category_from_name(cat))
		return bad(g, "bad tag", addr);
	t.chain = g->chain;
	t.address = addr;
	t.entity = ent;
	t.source = (char *)"fixture";
	t.category = (uint8_t)tag_category_from_name(cat);
	t.confidence = (uint8_t)(conf ? strtoul(conf, NULL, 10) : 90);
	return tags_put(g->b, &t, g->err);
}

/* "memo N TEXT": the next transaction's memo, paying its output/leg N
 * ("-": none). */
static enum trc_err stmt_memo(struct gfx *g, char *p)
{
	char *n = next_tok(&p);

	while (*p == ' ')
		p++;
	if (!n || !*p)
		return bad(g, "expected 'memo N TEXT'", "");
	free(g->memo);
	g->memo_n =
		strcmp(n, "-") ? (uint32_t)strtoul(n, NULL, 10) : REC_MEMO_NO_N;
	if (!(g->memo = strdup(p)))
		return trc_fail(g->err, TRC_ERR_NOMEM, "out of memory");
	return TRC_OK;
}

static enum trc_err statement(struct gfx *g, char *line)
{
	char *parts[512], *p = line, *kw;
	size_t n = 0;

	for (char *s = line;; s++) {
		if (*s == '|' || !*s) {
			if (n == 512)
				return bad(g, "too many parts", "");
			parts[n++] = p;
			if (!*s)
				break;
			*s = 0;
			p = s + 1;
		}
	}
	p = parts[0];
	kw = next_tok(&p);
	parts[0] = p;
	if (!kw)
		return TRC_OK;
	if (!strcmp(kw, "chain")) {
		char *c = next_tok(&p);
		g->chain = c ? (uint8_t)chain_from_name(c) : 0;
		return g->chain ? TRC_OK : bad(g, "unknown chain", c);
	}
	if (!strcmp(kw, "tx"))
		return stmt_tx(g, parts, n);
	if (!strcmp(kw, "ev"))
		return stmt_ev(g, parts, n);
	if (!strcmp(kw, "tag"))
		return stmt_tag(g, p);
	if (!strcmp(kw, "memo"))
		return stmt_memo(g, p);
	return bad(g, "unknown statement", kw);
}

enum trc_err gfx_load(struct store *s, const char *text, struct trc_error *err)
{
	struct gfx g;
	char *copy = strdup(text), *line, *save = NULL;
	enum trc_err rc = TRC_OK;

	memset(&g, 0, sizeof(g));
	g.s = s;
	g.err = err;
	g.chain = CHAIN_BTC;
	g.b = store_batch_new();
	if (!copy || !g.b) {
		free(copy);
		store_batch_free(g.b);
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	}
	for (line = strtok_r(copy, "\n", &save); line && !rc;
	     line = strtok_r(NULL, "\n", &save)) {
		char *hash = strchr(line, '#');
		g.line++;
		if (hash)
			*hash = 0;
		rc = statement(&g, line);
	}
	if (!rc)
		rc = flush(&g, true);
	for (size_t i = 0; i < g.n; i++)
		rec_tx_release(&g.txs[i]);
	free(g.txs);
	free(g.memo);
	intern_release(&g.labels);
	store_batch_free(g.b);
	free(copy);
	return rc;
}

enum trc_err gfx_open(struct store **s, const char *path, const char *text,
		      struct trc_error *err)
{
	enum trc_err rc = store_open(s, path, STORE_CREATE, err);

	if (!rc && (rc = gfx_load(*s, text, err))) {
		store_close(*s);
		*s = NULL;
	}
	return rc;
}
