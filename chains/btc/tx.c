#include "chains/btc/tx.h"

#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "chains/btc/script.h"
#include "chains/btc/varint.h"
#include "chains/thorchain/record.h"

/* The smallest serialised input (36 outpoint + 1 script length + 4
 * sequence) and output (8 value + 1 script length). */
#define MIN_INPUT 41
#define MIN_OUTPUT 9

void btc_tx_init(struct btc_tx *tx)
{
	memset(tx, 0, sizeof(*tx));
}

void btc_tx_release(struct btc_tx *tx)
{
	for (uint32_t i = 0; i < tx->n_owned; i++)
		free(tx->owned[i]);
	free(tx->owned);
	free(tx->in);
	free(tx->out);
	free(tx->wit);
	btc_tx_init(tx);
}

bool btc_tx_is_coinbase(const struct btc_tx *tx)
{
	static const uint8_t zero[32];

	return tx->n_in == 1 && tx->in[0].prev_vout == 0xffffffff &&
	       !memcmp(tx->in[0].prev_txid, zero, 32);
}

bool btc_tx_has_witness(const struct btc_tx *tx)
{
	for (uint32_t i = 0; i < tx->n_in; i++)
		if (tx->in[i].n_wit)
			return true;
	return false;
}

const struct btc_bytes *btc_tx_witness(const struct btc_tx *tx, uint32_t i)
{
	if (i >= tx->n_in || !tx->in[i].n_wit)
		return NULL;
	return &tx->wit[tx->in[i].wit_first];
}

static enum trc_err nomem(struct trc_error *err)
{
	return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
}

/* Grows *arr (of elem bytes, *cap of them) to hold need elements. */
static enum trc_err grow(void **arr, uint32_t *cap, uint32_t need, size_t elem,
			 struct trc_error *err)
{
	uint32_t n = *cap ? *cap : 4;
	void *p;

	if (need <= *cap)
		return TRC_OK;
	while (n < need)
		n = n > UINT32_MAX / 2 ? need : n * 2;
	p = realloc(*arr, (size_t)n * elem);
	if (!p)
		return nomem(err);
	*arr = p;
	*cap = n;
	return TRC_OK;
}

/* --- decoding --- */

/* Reads a length-prefixed byte string, the length checked first. */
static enum trc_err read_bytes(struct reader *r, struct btc_bytes *b,
			       const char *what, struct trc_error *err)
{
	uint64_t n;
	size_t at = r->pos;
	enum trc_err rc = varint_read(r, &n, what, err);

	b->p = NULL;
	b->len = 0;
	if (rc)
		return rc;
	if (n > reader_left(r))
		return trc_fail(err, TRC_ERR_PARSE,
				"%s at offset %zu: length %llu exceeds the "
				"%zu bytes left",
				what, at, (unsigned long long)n,
				reader_left(r));
	b->len = (size_t)n;
	return reader_bytes(r, &b->p, b->len, err);
}

/* Reads a count and checks it against the bytes left / min_size. */
static enum trc_err read_count(struct reader *r, uint32_t *n, size_t min_size,
			       const char *what, struct trc_error *err)
{
	uint64_t v;
	size_t at = r->pos;
	enum trc_err rc = varint_read(r, &v, what, err);

	*n = 0;
	if (rc)
		return rc;
	if (v > reader_left(r) / min_size)
		return trc_fail(err, TRC_ERR_PARSE,
				"%s at offset %zu: %llu cannot fit in the %zu "
				"bytes left",
				what, at, (unsigned long long)v,
				reader_left(r));
	*n = (uint32_t)v;
	return TRC_OK;
}

static enum trc_err read_inputs(struct btc_tx *tx, struct reader *r,
				struct trc_error *err)
{
	enum trc_err rc;

	if ((rc = read_count(r, &tx->n_in, MIN_INPUT, "input count", err)))
		return rc;
	if (tx->n_in == 0)
		return trc_fail(err, TRC_ERR_PARSE,
				"transaction at offset %zu: no inputs",
				r->pos - 1);
	tx->in = calloc(tx->n_in, sizeof(*tx->in));
	if (!tx->in)
		return nomem(err);
	tx->cap_in = tx->n_in;
	for (uint32_t i = 0; i < tx->n_in; i++) {
		struct btc_txin *in = &tx->in[i];

		if ((rc = reader_copy(r, in->prev_txid, 32, err)) ||
		    (rc = reader_le32(r, &in->prev_vout, err)) ||
		    (rc = read_bytes(r, &in->script_sig, "input script",
				     err)) ||
		    (rc = reader_le32(r, &in->sequence, err)))
			return rc;
	}
	return TRC_OK;
}

static enum trc_err read_outputs(struct btc_tx *tx, struct reader *r,
				 struct trc_error *err)
{
	enum trc_err rc;

	if ((rc = read_count(r, &tx->n_out, MIN_OUTPUT, "output count", err)))
		return rc;
	if (tx->n_out == 0)
		return trc_fail(err, TRC_ERR_PARSE,
				"transaction at offset %zu: no outputs",
				r->pos - 1);
	tx->out = calloc(tx->n_out, sizeof(*tx->out));
	if (!tx->out)
		return nomem(err);
	tx->cap_out = tx->n_out;
	for (uint32_t i = 0; i < tx->n_out; i++) {
		struct btc_txout *o = &tx->out[i];
		size_t at = r->pos;

		if ((rc = reader_le64(r, &o->value, err)))
			return rc;
		if (o->value > BTC_MAX_MONEY)
			return trc_fail(err, TRC_ERR_PARSE,
					"output value at offset %zu: %llu "
					"exceeds 21 million BTC",
					at, (unsigned long long)o->value);
		if ((rc = read_bytes(r, &o->script, "output script", err)))
			return rc;
	}
	return TRC_OK;
}

static enum trc_err read_witnesses(struct btc_tx *tx, struct reader *r,
				   struct trc_error *err)
{
	size_t start = r->pos;
	enum trc_err rc;

	for (uint32_t i = 0; i < tx->n_in; i++) {
		uint32_t n;

		if ((rc = read_count(r, &n, 1, "witness item count", err)))
			return rc;
		if ((rc = grow((void **)&tx->wit, &tx->cap_wit, tx->n_wit + n,
			       sizeof(*tx->wit), err)))
			return rc;
		tx->in[i].wit_first = tx->n_wit;
		tx->in[i].n_wit = n;
		for (uint32_t k = 0; k < n; k++)
			if ((rc = read_bytes(r, &tx->wit[tx->n_wit++],
					     "witness item", err)))
				return rc;
	}
	if (!btc_tx_has_witness(tx))
		return trc_fail(err, TRC_ERR_PARSE,
				"transaction at offset %zu: witness flag set "
				"but every witness is empty",
				start);
	return TRC_OK;
}

/* txid: double SHA-256 over version, inputs and outputs, locktime. */
static void hash_legacy(struct btc_tx *tx, const uint8_t *p, size_t body,
			size_t body_len, size_t lock)
{
	struct hash_sha256_ctx c;
	uint8_t h[32];

	hash_sha256_begin(&c);
	hash_sha256_update(&c, p, 4);
	hash_sha256_update(&c, p + body, body_len);
	hash_sha256_update(&c, p + lock, 4);
	hash_sha256_end(&c, h);
	hash_sha256(tx->txid, h, 32);
}

static void set_sizes(struct btc_tx *tx, size_t size, size_t base)
{
	tx->size = size;
	tx->base_size = base;
	tx->weight = base * 3 + size;
	tx->vsize = (tx->weight + 3) / 4;
}

static enum trc_err read_tx(struct btc_tx *tx, struct reader *r,
			    struct trc_error *err)
{
	size_t start = r->pos, body, body_end, lock;
	const uint8_t *p;
	enum trc_err rc;

	if ((rc = reader_le32(r, &tx->version, err)))
		return rc;
	p = r->p + start; /* not before: an empty input's r->p may be NULL */
	if (reader_left(r) >= 2 && r->p[r->pos] == 0) {
		/* BIP144: marker 0x00 (a legacy tx cannot have 0 inputs) */
		if (r->p[r->pos + 1] != 1)
			return trc_fail(err, TRC_ERR_PARSE,
					"transaction at offset %zu: segwit "
					"flag 0x%02x, expected 0x01",
					r->pos + 1, r->p[r->pos + 1]);
		tx->segwit = true;
		r->pos += 2;
	}
	body = r->pos - start;
	if ((rc = read_inputs(tx, r, err)) || (rc = read_outputs(tx, r, err)))
		return rc;
	body_end = r->pos - start;
	if (tx->segwit && (rc = read_witnesses(tx, r, err)))
		return rc;
	lock = r->pos - start;
	if ((rc = reader_le32(r, &tx->locktime, err)))
		return rc;
	hash_legacy(tx, p, body, body_end - body, lock);
	if (tx->segwit)
		hash_sha256d(tx->wtxid, p, r->pos - start);
	else
		memcpy(tx->wtxid, tx->txid, 32);
	set_sizes(tx, r->pos - start, 4 + (body_end - body) + 4);
	return TRC_OK;
}

enum trc_err btc_tx_read(struct btc_tx *tx, struct reader *r,
			 struct trc_error *err)
{
	enum trc_err rc;

	btc_tx_init(tx);
	rc = read_tx(tx, r, err);
	if (rc)
		btc_tx_release(tx);
	return rc;
}

enum trc_err btc_tx_decode(struct btc_tx *tx, const uint8_t *p, size_t len,
			   struct trc_error *err)
{
	struct reader r;
	enum trc_err rc;

	btc_tx_init(tx);
	if (len > BTC_MAX_SERIALIZED)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"transaction of %zu bytes exceeds %d", len,
				BTC_MAX_SERIALIZED);
	reader_init(&r, p, len, "transaction");
	rc = btc_tx_read(tx, &r, err);
	if (!rc && reader_left(&r)) {
		btc_tx_release(tx);
		return trc_fail(err, TRC_ERR_PARSE,
				"transaction ends at offset %zu but %zu more "
				"bytes follow",
				r.pos, reader_left(&r));
	}
	return rc;
}

/* --- encoding --- */

static enum trc_err put_bytes(struct buf *out, const struct btc_bytes *b)
{
	enum trc_err rc = varint_append(out, b->len);

	return rc ? rc : buf_append(out, b->p, b->len);
}

static enum trc_err put_le32(struct buf *out, uint32_t v)
{
	uint8_t b[4];

	le32_put(b, v);
	return buf_append(out, b, 4);
}

static enum trc_err put_body(const struct btc_tx *tx, struct buf *out)
{
	enum trc_err rc = varint_append(out, tx->n_in);

	for (uint32_t i = 0; !rc && i < tx->n_in; i++) {
		const struct btc_txin *in = &tx->in[i];

		if (!(rc = buf_append(out, in->prev_txid, 32)) &&
		    !(rc = put_le32(out, in->prev_vout)) &&
		    !(rc = put_bytes(out, &in->script_sig)))
			rc = put_le32(out, in->sequence);
	}
	if (!rc)
		rc = varint_append(out, tx->n_out);
	for (uint32_t i = 0; !rc && i < tx->n_out; i++) {
		uint8_t v[8];

		le32_put(v, (uint32_t)tx->out[i].value);
		le32_put(v + 4, (uint32_t)(tx->out[i].value >> 32));
		if (!(rc = buf_append(out, v, 8)))
			rc = put_bytes(out, &tx->out[i].script);
	}
	return rc;
}

static enum trc_err put_witness(const struct btc_tx *tx, struct buf *out)
{
	enum trc_err rc = TRC_OK;

	for (uint32_t i = 0; !rc && i < tx->n_in; i++) {
		const struct btc_txin *in = &tx->in[i];

		rc = varint_append(out, in->n_wit);
		for (uint32_t k = 0; !rc && k < in->n_wit; k++)
			rc = put_bytes(out, &tx->wit[in->wit_first + k]);
	}
	return rc;
}

enum trc_err btc_tx_encode(const struct btc_tx *tx, struct buf *out,
			   bool witness, struct trc_error *err)
{
	bool w = witness && btc_tx_has_witness(tx);
	static const uint8_t marker[2] = { 0x00, 0x01 };
	enum trc_err rc = put_le32(out, tx->version);

	if (!rc && w)
		rc = buf_append(out, marker, 2);
	if (!rc)
		rc = put_body(tx, out);
	if (!rc && w)
		rc = put_witness(tx, out);
	if (!rc)
		rc = put_le32(out, tx->locktime);
	if (rc)
		return trc_fail(err, rc, "cannot encode transaction: %s",
				trc_strerror(rc));
	return TRC_OK;
}

/* --- builder --- */

void btc_tx_begin(struct btc_tx *tx, uint32_t version, uint32_t locktime)
{
	btc_tx_release(tx);
	tx->version = version;
	tx->locktime = locktime;
}

/* Copies p into memory tx owns. Out: *b. */
static enum trc_err own(struct btc_tx *tx, struct btc_bytes *b,
			const uint8_t *p, size_t len, struct trc_error *err)
{
	uint8_t *copy;
	enum trc_err rc;

	if (len > BTC_MAX_SERIALIZED)
		return trc_fail(err, TRC_ERR_TOOBIG,
				"script or item of %zu "
				"bytes is too large",
				len);
	rc = grow((void **)&tx->owned, &tx->cap_owned, tx->n_owned + 1,
		  sizeof(*tx->owned), err);
	if (rc)
		return rc;
	copy = malloc(len ? len : 1);
	if (!copy)
		return nomem(err);
	if (len)
		memcpy(copy, p, len);
	tx->owned[tx->n_owned++] = copy;
	b->p = copy;
	b->len = len;
	return TRC_OK;
}

enum trc_err btc_tx_add_input(struct btc_tx *tx, const uint8_t prev_txid[32],
			      uint32_t prev_vout, const uint8_t *script_sig,
			      size_t len, uint32_t sequence,
			      struct trc_error *err)
{
	struct btc_txin *in;
	enum trc_err rc = grow((void **)&tx->in, &tx->cap_in, tx->n_in + 1,
			       sizeof(*tx->in), err);

	if (rc)
		return rc;
	in = &tx->in[tx->n_in];
	memset(in, 0, sizeof(*in));
	memcpy(in->prev_txid, prev_txid, 32);
	in->prev_vout = prev_vout;
	in->sequence = sequence;
	in->wit_first = tx->n_wit;
	if ((rc = own(tx, &in->script_sig, script_sig, len, err)))
		return rc;
	tx->n_in++;
	return TRC_OK;
}

enum trc_err btc_tx_add_coinbase(struct btc_tx *tx, uint32_t height,
				 const uint8_t *tag, size_t len,
				 struct trc_error *err)
{
	static const uint8_t zero[32];
	uint8_t s[100];
	size_t n = 0, k = 0;

	if (len > 90)
		return trc_fail(err, TRC_ERR_INVALID,
				"coinbase tag of %zu bytes is longer than 90",
				len);
	/* BIP34: a minimal push of the height as a script number */
	if (height == 0) {
		s[n++] = 0x00;
	} else if (height <= 16) {
		s[n++] = (uint8_t)(0x50 + height);
	} else {
		uint8_t num[5];
		uint32_t h = height;

		while (h) {
			num[k++] = (uint8_t)(h & 0xff);
			h >>= 8;
		}
		if (num[k - 1] & 0x80)
			num[k++] = 0; /* keep it positive */
		s[n++] = (uint8_t)k;
		memcpy(s + n, num, k);
		n += k;
	}
	/* consensus wants 2..100 bytes of coinbase script */
	if (n + len < 2)
		s[n++] = 0x00;
	if (len)
		memcpy(s + n, tag, len);
	return btc_tx_add_input(tx, zero, 0xffffffff, s, n + len, 0xffffffff,
				err);
}

enum trc_err btc_tx_add_witness(struct btc_tx *tx, uint32_t i,
				const uint8_t *item, size_t len,
				struct trc_error *err)
{
	struct btc_txin *in;
	enum trc_err rc;

	if (i >= tx->n_in)
		return trc_fail(err, TRC_ERR_INVALID, "no input %u", i);
	in = &tx->in[i];
	if (in->n_wit && in->wit_first + in->n_wit != tx->n_wit)
		return trc_fail(err, TRC_ERR_INVALID,
				"witness items must be added in input order");
	if (!in->n_wit)
		for (uint32_t k = i + 1; k < tx->n_in; k++)
			if (tx->in[k].n_wit)
				return trc_fail(err, TRC_ERR_INVALID,
						"witness items must be added "
						"in input order");
	rc = grow((void **)&tx->wit, &tx->cap_wit, tx->n_wit + 1,
		  sizeof(*tx->wit), err);
	if (rc)
		return rc;
	if ((rc = own(tx, &tx->wit[tx->n_wit], item, len, err)))
		return rc;
	if (!in->n_wit)
		in->wit_first = tx->n_wit;
	in->n_wit++;
	tx->n_wit++;
	return TRC_OK;
}

enum trc_err btc_tx_add_output(struct btc_tx *tx, uint64_t value,
			       const uint8_t *script, size_t len,
			       struct trc_error *err)
{
	struct btc_txout *o;
	enum trc_err rc;

	if (value > BTC_MAX_MONEY)
		return trc_fail(err, TRC_ERR_INVALID,
				"output value %llu exceeds 21 million BTC",
				(unsigned long long)value);
	rc = grow((void **)&tx->out, &tx->cap_out, tx->n_out + 1,
		  sizeof(*tx->out), err);
	if (rc)
		return rc;
	o = &tx->out[tx->n_out];
	o->value = value;
	if ((rc = own(tx, &o->script, script, len, err)))
		return rc;
	tx->n_out++;
	return TRC_OK;
}

enum trc_err btc_tx_add_output_address(struct btc_tx *tx,
				       const struct btc_network *net,
				       uint64_t value, const char *address,
				       struct trc_error *err)
{
	struct buf s = BUF_INIT(64);
	enum trc_err rc = btc_address_to_script(net, address, &s, err);

	if (!rc)
		rc = btc_tx_add_output(tx, value, s.data, s.len, err);
	buf_release(&s);
	return rc;
}

enum trc_err btc_tx_finish(struct btc_tx *tx, struct trc_error *err)
{
	struct buf b = BUF_INIT(BTC_MAX_SERIALIZED);
	size_t base;
	enum trc_err rc;

	if (!tx->n_in || !tx->n_out)
		return trc_fail(err, TRC_ERR_INVALID,
				"a transaction needs inputs and outputs");
	if ((rc = btc_tx_encode(tx, &b, false, err)))
		goto cleanup;
	base = b.len;
	hash_sha256d(tx->txid, b.data, b.len);
	tx->segwit = btc_tx_has_witness(tx);
	buf_reset(&b);
	if ((rc = btc_tx_encode(tx, &b, true, err)))
		goto cleanup;
	hash_sha256d(tx->wtxid, b.data, b.len);
	set_sizes(tx, b.len, base);
cleanup:
	buf_release(&b);
	return rc;
}

/* --- records --- */

static enum trc_err add_rec_output(struct rec_tx *rec,
				   const struct btc_txout *o,
				   const struct btc_network *net,
				   struct trc_error *err)
{
	char addr[BTC_ADDR_MAX];
	uint8_t cls = btc_script_classify(o->script.p, o->script.len, net, addr,
					  sizeof(addr));

	return rec_tx_add_output(rec, cls, addr[0] ? addr : NULL,
				 amount_from_u64(o->value), err);
}

enum trc_err btc_tx_to_rec(const struct btc_tx *tx,
			   const struct btc_network *net, uint32_t height,
			   uint32_t position, int64_t time, struct rec_tx *rec,
			   struct trc_error *err)
{
	bool cb = btc_tx_is_coinbase(tx);
	enum trc_err rc = TRC_OK;

	rec_tx_init(rec);
	rec->chain = CHAIN_BTC;
	rec->flags = cb ? REC_TX_COINBASE : 0;
	memcpy(rec->txid, tx->txid, 32);
	rec->height = height;
	rec->position = position;
	rec->time = time;
	for (uint32_t i = 0; !rc && i < tx->n_in; i++)
		rc = rec_tx_add_input(
			rec, tx->in[i].prev_txid, tx->in[i].prev_vout,
			cb ? REC_IN_COINBASE : 0, NULL, AMOUNT_ZERO, err);
	for (uint32_t i = 0; !rc && i < tx->n_out; i++)
		rc = add_rec_output(rec, &tx->out[i], net, err);
	if (!rc)
		rc = thor_rec_btc(tx, net, rec, err);
	if (rc)
		rec_tx_release(rec);
	return rc;
}
