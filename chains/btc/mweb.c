#include "chains/btc/mweb.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/hex.h"
#include "chains/btc/block.h"
#include "chains/btc/varint.h"

#define MWEB_FLAG 0x08
#define WITNESS_FLAG 0x01
#define RANGE_PROOF 675
#define PUBKEY 33
#define COMMIT 33
#define SIG 64
/* Litecoin's MAX_MONEY: 84,000,000 LTC */
#define LTC_MAX_MONEY 8400000000000000ULL

void btc_mweb_release(struct btc_mweb *m)
{
	free(m->pegins);
	free(m->pegouts);
	memset(m, 0, sizeof(*m));
}

bool btc_mweb_is_pegin(const uint8_t *s, size_t len)
{
	return len == 34 && s[0] == 0x59 && s[1] == 0x20;
}

/* Bitcoin's VARINT (serialize.h ReadVarInt: base 128, most significant
 * group first, each continuation adding one), at most max. */
static enum trc_err read_varint(struct reader *r, uint64_t max, uint64_t *v,
				const char *what, struct trc_error *err)
{
	size_t at = r->pos;
	uint64_t n = 0;
	uint8_t b;
	enum trc_err rc;

	*v = 0;
	for (;;) {
		if ((rc = reader_u8(r, &b, err)))
			return trc_error_prefix(err, rc, "%s", what);
		if (n > (UINT64_MAX >> 7))
			goto big;
		n = (n << 7) | (b & 0x7f);
		if (!(b & 0x80))
			break;
		if (n == UINT64_MAX)
			goto big;
		n++;
	}
	if (n > max)
		goto big;
	*v = n;
	return TRC_OK;
big:
	return trc_fail(err, TRC_ERR_PARSE,
			"extension block: %s at offset %zu is too large", what,
			at);
}

static enum trc_err skip(struct reader *r, size_t n, const char *what,
			 struct trc_error *err)
{
	const uint8_t *p;
	enum trc_err rc = reader_bytes(r, &p, n, err);

	return rc ? trc_error_prefix(err, rc, "extension block %s", what)
		  : TRC_OK;
}

/* A CompactSize count of elements of at least min bytes each. */
static enum trc_err read_count(struct reader *r, size_t min, uint64_t *n,
			       const char *what, struct trc_error *err)
{
	enum trc_err rc = varint_read(r, n, what, err);

	if (!rc && *n > reader_left(r) / min)
		rc = trc_fail(err, TRC_ERR_PARSE,
			      "extension block: %" PRIu64 " %s at offset %zu "
			      "cannot fit in the %zu bytes left",
			      *n, what, r->pos, reader_left(r));
	return rc;
}

/* A byte vector: CompactSize length and the bytes. */
static enum trc_err read_vec(struct reader *r, struct btc_bytes *out,
			     const char *what, struct trc_error *err)
{
	uint64_t n;
	enum trc_err rc;

	if ((rc = read_count(r, 1, &n, what, err)))
		return rc;
	out->len = (size_t)n;
	return reader_bytes(r, &out->p, out->len, err);
}

static enum trc_err read_input(struct reader *r, struct trc_error *err)
{
	struct btc_bytes extra;
	uint8_t features;
	enum trc_err rc;

	if ((rc = reader_u8(r, &features, err)) ||
	    (rc = skip(r, 32 + COMMIT + PUBKEY, "input", err)))
		return rc;
	if (features & ~0x03)
		return trc_fail(err, TRC_ERR_PARSE,
				"extension block: input features 0x%02x at "
				"offset %zu",
				features, r->pos - 32 - COMMIT - PUBKEY - 1);
	if ((features & 0x01) && (rc = skip(r, PUBKEY, "input key", err)))
		return rc;
	if ((features & 0x02) &&
	    (rc = read_vec(r, &extra, "input extra data", err)))
		return rc;
	return skip(r, SIG, "input signature", err);
}

static enum trc_err read_output(struct reader *r, struct trc_error *err)
{
	struct btc_bytes extra;
	uint8_t features;
	enum trc_err rc;

	/* commitment, sender and receiver keys, the message's features */
	if ((rc = skip(r, COMMIT + 2 * PUBKEY, "output", err)) ||
	    (rc = reader_u8(r, &features, err)))
		return rc;
	if (features & ~0x03)
		return trc_fail(err, TRC_ERR_PARSE,
				"extension block: output features 0x%02x at "
				"offset %zu",
				features, r->pos - 1);
	/* standard fields: key exchange key, view tag, masked value and
	 * nonce */
	if ((features & 0x01) &&
	    (rc = skip(r, PUBKEY + 1 + 8 + 16, "output fields", err)))
		return rc;
	if ((features & 0x02) &&
	    (rc = read_vec(r, &extra, "output extra data", err)))
		return rc;
	return skip(r, RANGE_PROOF + SIG, "output proof", err);
}

static enum trc_err add_pegout(struct btc_mweb *m, uint64_t value,
			       struct btc_bytes script, struct trc_error *err)
{
	struct btc_mweb_pegout *p =
		realloc(m->pegouts, (m->n_pegouts + 1) * sizeof(*p));

	if (!p)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	m->pegouts = p;
	p[m->n_pegouts++] = (struct btc_mweb_pegout){ value, script };
	return TRC_OK;
}

static enum trc_err read_pegouts(struct reader *r, struct btc_mweb *m,
				 struct trc_error *err)
{
	uint64_t n, v;
	struct btc_bytes script;
	enum trc_err rc;

	if ((rc = read_count(r, 2, &n, "peg-outs", err)))
		return rc;
	for (uint64_t i = 0; i < n; i++) {
		if ((rc = read_varint(r, LTC_MAX_MONEY, &v, "peg-out amount",
				      err)) ||
		    (rc = read_vec(r, &script, "peg-out script", err)))
			return rc;
		if (!script.len)
			return trc_fail(err, TRC_ERR_PARSE,
					"extension block: empty peg-out "
					"script at offset %zu",
					r->pos);
		if ((rc = add_pegout(m, v, script, err)))
			return rc;
	}
	return TRC_OK;
}

static enum trc_err add_pegin(struct btc_mweb *m, const uint8_t *kernel,
			      size_t len, uint64_t value, struct trc_error *err)
{
	struct btc_mweb_pegin *p =
		realloc(m->pegins, (m->n_pegins + 1) * sizeof(*p));

	if (!p)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	m->pegins = p;
	hash_blake3(p[m->n_pegins].kernel_id, kernel, len);
	p[m->n_pegins++].value = value;
	return TRC_OK;
}

/* A kernel: its features select the fields (Kernel.h's Unserialize). */
static enum trc_err read_kernel(struct reader *r, struct btc_mweb *m,
				struct trc_error *err)
{
	size_t start = r->pos;
	uint64_t v, pegin = 0;
	struct btc_bytes extra;
	uint8_t f;
	enum trc_err rc;

	if ((rc = reader_u8(r, &f, err)))
		return rc;
	if (f & ~0x3f)
		return trc_fail(err, TRC_ERR_PARSE,
				"extension block: kernel features 0x%02x at "
				"offset %zu",
				f, start);
	if ((f & 0x01) &&
	    (rc = read_varint(r, LTC_MAX_MONEY, &v, "kernel fee", err)))
		return rc;
	if ((f & 0x02) &&
	    (rc = read_varint(r, LTC_MAX_MONEY, &pegin, "peg-in amount", err)))
		return rc;
	if ((f & 0x04) && (rc = read_pegouts(r, m, err)))
		return rc;
	if ((f & 0x08) &&
	    (rc = read_varint(r, INT32_MAX, &v, "lock height", err)))
		return rc;
	if ((f & 0x10) && (rc = skip(r, PUBKEY, "stealth excess", err)))
		return rc;
	if ((f & 0x20) && (rc = read_vec(r, &extra, "kernel extra", err)))
		return rc;
	if ((rc = skip(r, COMMIT + SIG, "kernel excess", err)))
		return rc;
	return (f & 0x02)
		       ? add_pegin(m, r->p + start, r->pos - start, pegin, err)
		       : TRC_OK;
}

/* Header.h: height, output root, kernel root, leafset root, kernel and
 * stealth offsets, output and kernel MMR sizes. */
static enum trc_err read_header(struct reader *r, struct btc_mweb *m,
				struct trc_error *err)
{
	size_t start = r->pos;
	uint64_t v;
	enum trc_err rc;

	if ((rc = read_varint(r, INT32_MAX, &v, "header height", err)) ||
	    (rc = skip(r, 5 * 32, "header", err)))
		return rc;
	m->height = (uint32_t)v;
	if ((rc = read_varint(r, UINT64_MAX, &v, "output count", err)) ||
	    (rc = read_varint(r, UINT64_MAX, &v, "kernel count", err)))
		return rc;
	hash_blake3(m->hash, r->p + start, r->pos - start);
	return TRC_OK;
}

/* The optional extension block after the HogEx, to the end of r. */
static enum trc_err read_ext(struct reader *r, struct btc_mweb *m,
			     struct trc_error *err)
{
	size_t start = r->pos;
	uint8_t opt;
	enum trc_err rc;

	if ((rc = reader_u8(r, &opt, err)))
		return trc_error_prefix(err, rc,
					"block with a HogEx: no "
					"extension block");
	if (opt != 1)
		return trc_fail(err, TRC_ERR_PARSE,
				"block with a HogEx: extension block marker "
				"0x%02x at offset %zu, not 0x01",
				opt, start);
	if ((rc = read_header(r, m, err)) ||
	    (rc = read_count(r, 1 + 32 + COMMIT + PUBKEY + SIG, &m->n_inputs,
			     "inputs", err)))
		return rc;
	for (uint64_t i = 0; !rc && i < m->n_inputs; i++)
		rc = read_input(r, err);
	if (rc ||
	    (rc = read_count(r, COMMIT + 2 * PUBKEY + 1 + RANGE_PROOF + SIG,
			     &m->n_outputs, "outputs", err)))
		return rc;
	for (uint64_t i = 0; !rc && i < m->n_outputs; i++)
		rc = read_output(r, err);
	if (rc || (rc = read_count(r, 1 + COMMIT + SIG, &m->n_kernels,
				   "kernels", err)))
		return rc;
	for (uint64_t i = 0; !rc && i < m->n_kernels; i++)
		rc = read_kernel(r, m, err);
	if (rc)
		return rc;
	if (reader_left(r))
		return trc_fail(err, TRC_ERR_PARSE,
				"%zu bytes after the extension block at offset "
				"%zu",
				reader_left(r), r->pos);
	m->ext_size = r->pos - start;
	return TRC_OK;
}

/* The HogEx's inputs, skipped; out: their count. */
static enum trc_err skip_inputs(struct reader *r, uint64_t *n_in,
				struct trc_error *err)
{
	struct btc_bytes s;
	enum trc_err rc;

	if ((rc = read_count(r, 41, n_in, "HogEx inputs", err)))
		return rc;
	for (uint64_t i = 0; i < *n_in; i++)
		if ((rc = skip(r, 36, "HogEx input", err)) ||
		    (rc = read_vec(r, &s, "HogEx scriptSig", err)) ||
		    (rc = skip(r, 4, "HogEx sequence", err)))
			return rc;
	return TRC_OK;
}

static enum trc_err skip_outputs(struct reader *r, struct trc_error *err)
{
	struct btc_bytes s;
	uint64_t n;
	enum trc_err rc;

	if ((rc = read_count(r, 9, &n, "HogEx outputs", err)))
		return rc;
	for (uint64_t i = 0; i < n; i++)
		if ((rc = skip(r, 8, "HogEx output", err)) ||
		    (rc = read_vec(r, &s, "HogEx script", err)))
			return rc;
	return TRC_OK;
}

static enum trc_err skip_witness(struct reader *r, uint64_t n_in,
				 struct trc_error *err)
{
	struct btc_bytes s;
	uint64_t n, items = 0;
	size_t at = r->pos;
	enum trc_err rc;

	for (uint64_t i = 0; i < n_in; i++) {
		if ((rc = read_count(r, 1, &n, "HogEx witness items", err)))
			return rc;
		items += n;
		for (uint64_t k = 0; k < n; k++)
			if ((rc = read_vec(r, &s, "HogEx witness", err)))
				return rc;
	}
	if (!items) /* as Core's "Superfluous witness record" */
		return trc_fail(err, TRC_ERR_PARSE,
				"HogEx at offset %zu: a witness flag with no "
				"witness data",
				at);
	return TRC_OK;
}

/*
 * The HogEx at r (transaction.h's UnserializeTransaction with the MWEB
 * flag): version, marker 0, flags, inputs, outputs, witness when flag
 * 0x01, the optional MWEB body (null for the HogEx), lock time.
 * Appended to out without the MWEB flag and byte.
 */
static enum trc_err read_hogex(struct reader *r, struct buf *out,
			       struct trc_error *err)
{
	struct btc_tx tx = BTC_TX_INIT;
	size_t start = r->pos, body, end, at;
	uint64_t n_in;
	uint8_t flags = r->p[start + 5], opt;
	enum trc_err rc;

	if (flags & ~(MWEB_FLAG | WITNESS_FLAG))
		return trc_fail(err, TRC_ERR_PARSE,
				"transaction at offset %zu: unknown flags "
				"0x%02x",
				start, flags);
	r->pos += 6;
	body = r->pos;
	if ((rc = skip_inputs(r, &n_in, err)))
		return rc;
	/* without inputs its legacy form (what its txid hashes) starts
	 * like a witness marker: tracer's decoder cannot take it back */
	if (!n_in)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"HogEx at offset %zu without inputs: not "
				"supported",
				start);
	if ((rc = skip_outputs(r, err)) ||
	    ((flags & WITNESS_FLAG) && (rc = skip_witness(r, n_in, err))))
		return rc;
	end = r->pos;
	if ((rc = reader_u8(r, &opt, err)))
		return rc;
	if (opt)
		return trc_fail(err, TRC_ERR_UNSUPPORTED,
				"transaction at offset %zu carries an MWEB "
				"transaction body: tracer reads only the "
				"HogEx's MWEB flag",
				start);
	if ((rc = skip(r, 4, "HogEx lock time", err)))
		return rc;
	at = out->len;
	if ((rc = buf_append(out, r->p + start, 4)) ||
	    ((flags & WITNESS_FLAG) && (rc = buf_append(out, "\x00\x01", 2))) ||
	    (rc = buf_append(out, r->p + body, end - body)) ||
	    (rc = buf_append(out, r->p + r->pos - 4, 4)))
		return trc_fail(err, rc, "block: %s", trc_strerror(rc));
	/* what the decoder will take of it: its rules (values, counts) */
	rc = btc_tx_decode(&tx, out->data + at, out->len - at, err);
	btc_tx_release(&tx);
	return rc ? trc_error_prefix(err, rc, "HogEx at offset %zu", start)
		  : TRC_OK;
}

static bool mweb_flagged(const struct reader *r)
{
	return reader_left(r) > 6 && !r->p[r->pos + 4] &&
	       (r->p[r->pos + 5] & MWEB_FLAG);
}

/* The transactions; out: the canonical ones, *hogex when the last is. */
static enum trc_err read_txs(struct reader *r, uint64_t n, struct buf *out,
			     bool *hogex, struct trc_error *err)
{
	enum trc_err rc = TRC_OK;

	*hogex = false;
	for (uint64_t i = 0; !rc && i < n; i++) {
		struct btc_tx tx = BTC_TX_INIT;
		size_t start = r->pos;

		if (mweb_flagged(r)) {
			if (i == 0 || i + 1 != n)
				return trc_fail(err, TRC_ERR_VERIFY,
						"transaction %" PRIu64
						" carries the MWEB flag: only "
						"the HogEx, the last "
						"transaction and not the "
						"coinbase, may",
						i);
			*hogex = true;
			return read_hogex(r, out, err);
		}
		rc = btc_tx_read(&tx, r, err);
		btc_tx_release(&tx);
		if (!rc && (rc = buf_append(out, r->p + start, r->pos - start)))
			trc_fail(err, rc, "%s", trc_strerror(rc));
	}
	return rc;
}

enum trc_err btc_mweb_split(const uint8_t *raw, size_t len, struct btc_mweb *m,
			    struct buf *out, struct trc_error *err)
{
	struct reader r;
	struct buf canon = BUF_INIT(len); /* no longer than the block */
	uint64_t n;
	enum trc_err rc;

	memset(m, 0, sizeof(*m));
	if (len < BTC_HEADER_SIZE)
		return trc_fail(err, TRC_ERR_PARSE, "block of %zu bytes", len);
	reader_init(&r, raw, len, "block");
	r.pos = BTC_HEADER_SIZE;
	if ((rc = varint_read(&r, &n, "transaction count", err)))
		return rc;
	if ((rc = buf_append(&canon, raw, r.pos))) {
		buf_release(&canon);
		return trc_fail(err, rc, "block: %s", trc_strerror(rc));
	}
	if ((rc = read_txs(&r, n, &canon, &m->present, err)) ||
	    (m->present && (rc = read_ext(&r, m, err)))) {
		buf_release(&canon);
		btc_mweb_release(m);
		return rc;
	}
	if (m->present) {
		buf_release(out);
		*out = canon;
	} else {
		buf_release(&canon);
	}
	return TRC_OK;
}

static enum trc_err vfail(const struct btc_block *b, uint32_t height,
			  const char *title, struct trc_error *err,
			  const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static enum trc_err vfail(const struct btc_block *b, uint32_t height,
			  const char *title, struct trc_error *err,
			  const char *fmt, ...)
{
	char hex[65], msg[256];
	va_list ap;

	hex_encode_rev(hex, b->hdr.hash, 32);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return trc_fail(err, TRC_ERR_VERIFY, "%s block %s at height %u: %s",
			title, hex, height, msg);
}

/* HogEx output 0 is OP_8 <the extension header's hash>; the others
 * are the kernels' peg-outs. */
static enum trc_err check_outputs(const struct btc_mweb *m,
				  const struct btc_block *b, uint32_t height,
				  const char *title, struct trc_error *err)
{
	const struct btc_tx *h = &b->tx[b->n_tx - 1];
	const struct btc_txout *o = h->out;
	char hex[65];

	hex_encode(hex, m->hash, 32);
	if (!h->n_out || o[0].script.len != 34 || o[0].script.p[0] != 0x58 ||
	    o[0].script.p[1] != 0x20 || memcmp(o[0].script.p + 2, m->hash, 32))
		return vfail(b, height, title, err,
			     "the HogEx's output 0 does not commit to the "
			     "extension block's header (BLAKE3 %s)",
			     hex);
	if (h->n_out - 1 != m->n_pegouts)
		return vfail(b, height, title, err,
			     "the HogEx has %u peg-out outputs, the "
			     "extension block's kernels %u peg-outs",
			     h->n_out - 1, m->n_pegouts);
	for (uint32_t i = 0; i < m->n_pegouts; i++) {
		const struct btc_mweb_pegout *p = &m->pegouts[i];

		if (o[i + 1].value != p->value ||
		    o[i + 1].script.len != p->script.len ||
		    memcmp(o[i + 1].script.p, p->script.p, p->script.len))
			return vfail(b, height, title, err,
				     "the HogEx's output %u is not the "
				     "kernels' peg-out %u",
				     i + 1, i);
	}
	return TRC_OK;
}

/* Is (txid, vout) among the HogEx's inputs? */
static bool hogex_spends(const struct btc_tx *h, const uint8_t txid[32],
			 uint32_t vout)
{
	for (uint32_t k = 0; k < h->n_in; k++)
		if (h->in[k].prev_vout == vout &&
		    !memcmp(h->in[k].prev_txid, txid, 32))
			return true;
	return false;
}

/* The peg-in kernel matching a peg-in output, marked used. */
static bool take_pegin(const struct btc_mweb *m, bool *used,
		       const struct btc_txout *o)
{
	for (uint32_t k = 0; k < m->n_pegins; k++)
		if (!used[k] && m->pegins[k].value == o->value &&
		    !memcmp(m->pegins[k].kernel_id, o->script.p + 2, 32))
			return used[k] = true;
	return false;
}

static enum trc_err check_pegins(const struct btc_mweb *m,
				 const struct btc_block *b, uint32_t height,
				 const char *title, bool *used,
				 struct trc_error *err)
{
	const struct btc_tx *h = &b->tx[b->n_tx - 1];
	uint64_t n = 0;
	char id[65];

	for (uint32_t i = 0; i + 1 < b->n_tx; i++)
		for (uint32_t j = 0; j < b->tx[i].n_out; j++) {
			const struct btc_txout *o = &b->tx[i].out[j];

			if (!btc_mweb_is_pegin(o->script.p, o->script.len))
				continue;
			n++;
			hex_encode_rev(id, b->tx[i].txid, 32);
			if (!take_pegin(m, used, o))
				return vfail(b, height, title, err,
					     "peg-in output %s:%u has no "
					     "peg-in kernel of its id and "
					     "value (%" PRIu64 ")",
					     id, j, o->value);
			if (!hogex_spends(h, b->tx[i].txid, j))
				return vfail(b, height, title, err,
					     "the HogEx does not spend the "
					     "peg-in output %s:%u",
					     id, j);
		}
	if (n != m->n_pegins)
		return vfail(b, height, title, err,
			     "%" PRIu64 " peg-in outputs for %u peg-in "
			     "kernels",
			     n, m->n_pegins);
	return TRC_OK;
}

/* The HogEx spends nothing else of the block than its peg-ins. */
static enum trc_err check_hogex_inputs(const struct btc_block *b,
				       uint32_t height, const char *title,
				       struct trc_error *err)
{
	const struct btc_tx *h = &b->tx[b->n_tx - 1];
	char id[65];

	for (uint32_t k = 0; k < h->n_in; k++)
		for (uint32_t i = 0; i + 1 < b->n_tx; i++) {
			const struct btc_tx *t = &b->tx[i];
			uint32_t v = h->in[k].prev_vout;

			if (memcmp(h->in[k].prev_txid, t->txid, 32))
				continue;
			hex_encode_rev(id, t->txid, 32);
			if (v >= t->n_out ||
			    !btc_mweb_is_pegin(t->out[v].script.p,
					       t->out[v].script.len))
				return vfail(b, height, title, err,
					     "the HogEx spends %s:%u, not a "
					     "peg-in output",
					     id, v);
		}
	return TRC_OK;
}

enum trc_err btc_mweb_verify(const struct btc_mweb *m,
			     const struct btc_block *b, uint32_t height,
			     const char *title, struct trc_error *err)
{
	bool *used;
	enum trc_err rc;

	if (!m->present)
		return TRC_OK;
	if (b->n_tx < 2 || btc_tx_is_coinbase(&b->tx[b->n_tx - 1]))
		return vfail(b, height, title, err,
			     "no HogEx after the coinbase");
	if (m->height != height)
		return vfail(b, height, title, err,
			     "the extension block's header says height %u",
			     m->height);
	if ((rc = check_outputs(m, b, height, title, err)) ||
	    (rc = check_hogex_inputs(b, height, title, err)))
		return rc;
	if (!(used = calloc(m->n_pegins + 1, sizeof(*used))))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	rc = check_pegins(m, b, height, title, used, err);
	free(used);
	return rc;
}
