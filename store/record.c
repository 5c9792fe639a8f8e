#include "store/record.h"

#include <stdlib.h>
#include <string.h>

#define REC_TX_VERSION 1
#define REC_BLOCK_VERSION 1

const char *chain_name(uint8_t chain)
{
#define NAME_OF(name, NAME, id)                                                \
	if (chain == (id))                                                     \
		return #name;
	TRC_CHAINS(NAME_OF)
#undef NAME_OF
	return NULL;
}

enum trc_chain chain_from_name(const char *name)
{
#define ID_OF(n, NAME, id)                                                     \
	if (name && !strcmp(name, #n))                                         \
		return CHAIN_##NAME;
	TRC_CHAINS(ID_OF)
#undef ID_OF
	return CHAIN_NONE;
}

const char *rec_out_class_name(uint8_t cls)
{
	static const char *const names[] = {
		"none",	    "p2pk",	 "p2pkh",	"p2sh",
		"p2wpkh",   "p2wsh",	 "p2tr",	"witness_unknown",
		"multisig", "op_return", "nonstandard", "peg_in",
	};

	return cls < sizeof(names) / sizeof(names[0]) ? names[cls] : "unknown";
}

const char *rec_leg_kind_name(uint8_t kind)
{
	static const char *const names[] = {
		"unknown", "native", "internal",   "token",
		"fee",	   "reward", "withdrawal", "opening",
		"burn",	   "freeze", "unfreeze",
	};

	return kind < sizeof(names) / sizeof(names[0]) ? names[kind]
						       : "unknown";
}

const char *rec_level_name(unsigned level)
{
	static const char *const names[REC_LEVEL_COUNT] = {
		"asserted",
		"proven",
		"verified",
	};

	return level < REC_LEVEL_COUNT ? names[level] : "unknown";
}

static enum rec_level leg_level(const struct rec_tx *tx,
				const struct rec_leg *l)
{
	bool proven = tx->flags & REC_TX_PROVEN;

	switch (l->kind) {
	case LEG_FEE:
		return tx->flags & REC_TX_FEE_ASSERTED ? REC_LEVEL_ASSERTED
						       : REC_LEVEL_VERIFIED;
	case LEG_NATIVE:
	case LEG_TOKEN:
	case LEG_WITHDRAWAL:
		return REC_LEVEL_VERIFIED;
	case LEG_INTERNAL:
	case LEG_REWARD:
		return proven ? REC_LEVEL_PROVEN : REC_LEVEL_ASSERTED;
	case LEG_OPENING:
		return proven && !l->asset ? REC_LEVEL_PROVEN
					   : REC_LEVEL_ASSERTED;
	default:
		return REC_LEVEL_ASSERTED;
	}
}

enum rec_level rec_tx_level(const struct rec_tx *tx, uint32_t n)
{
	/* an opening record is in no block: its level is its proofs' */
	if (tx->n_legs && n < tx->n_legs && tx->legs[n].kind == LEG_OPENING)
		return leg_level(tx, &tx->legs[n]);
	if (!(tx->flags & REC_TX_INCLUDED))
		return REC_LEVEL_ASSERTED;
	if (tx->n_legs)
		return n < tx->n_legs ? leg_level(tx, &tx->legs[n])
				      : REC_LEVEL_ASSERTED;
	return n < tx->n_out ? REC_LEVEL_VERIFIED : REC_LEVEL_ASSERTED;
}

void rec_tx_init(struct rec_tx *tx)
{
	memset(tx, 0, sizeof(*tx));
}

void rec_tx_release(struct rec_tx *tx)
{
	for (uint32_t i = 0; i < tx->n_in; i++)
		free(tx->in[i].address);
	for (uint32_t i = 0; i < tx->n_out; i++)
		free(tx->out[i].address);
	for (uint32_t i = 0; i < tx->n_legs; i++) {
		free(tx->legs[i].asset);
		free(tx->legs[i].from);
		free(tx->legs[i].to);
	}
	free(tx->in);
	free(tx->out);
	free(tx->legs);
	free(tx->memo);
	rec_tx_init(tx);
}

bool rec_memo_ok(const char *s, size_t len)
{
	if (len > REC_MEMO_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return false;
	return true;
}

enum trc_err rec_tx_set_memo(struct rec_tx *tx, const char *memo, uint32_t n,
			     const uint8_t *ref, struct trc_error *err)
{
	char *copy = NULL;

	if (memo && !rec_memo_ok(memo, strlen(memo)))
		return trc_fail(err, TRC_ERR_INVALID,
				"memo longer than %d bytes or not printable "
				"ASCII",
				REC_MEMO_MAX);
	if (memo && !(copy = strdup(memo)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	free(tx->memo);
	tx->memo = copy;
	tx->memo_n = memo ? n : REC_MEMO_NO_N;
	tx->has_memo_ref = memo && ref;
	memset(tx->memo_ref, 0, 32);
	if (tx->has_memo_ref)
		memcpy(tx->memo_ref, ref, 32);
	return TRC_OK;
}

enum trc_err rec_set_str(char **dst, const char *s, struct trc_error *err)
{
	char *copy = NULL;

	if (s && strlen(s) > REC_ADDR_MAX)
		return trc_fail(err, TRC_ERR_INVALID,
				"address '%.60s...' longer than %d bytes", s,
				REC_ADDR_MAX);
	if (s && !(copy = strdup(s)))
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	free(*dst);
	*dst = copy;
	return TRC_OK;
}

/* Makes room for one more element of size `size` in *arr. */
static enum trc_err reserve(void **arr, uint32_t n, uint32_t *cap, size_t size,
			    struct trc_error *err)
{
	uint32_t want;
	void *p;

	if (n < *cap)
		return TRC_OK;
	if (n >= UINT32_MAX / 2)
		return trc_fail(err, TRC_ERR_TOOBIG, "too many elements");
	want = *cap ? *cap * 2 : 4;
	p = realloc(*arr, (size_t)want * size);
	if (!p)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	memset((char *)p + (size_t)n * size, 0, (size_t)(want - n) * size);
	*arr = p;
	*cap = want;
	return TRC_OK;
}

enum trc_err rec_tx_add_input(struct rec_tx *tx, const uint8_t prev_txid[32],
			      uint32_t prev_vout, uint8_t flags,
			      const char *address, trc_amount value,
			      struct trc_error *err)
{
	struct rec_input *in;
	enum trc_err rc = reserve((void **)&tx->in, tx->n_in, &tx->cap_in,
				  sizeof(*tx->in), err);

	if (rc)
		return rc;
	in = &tx->in[tx->n_in];
	memset(in, 0, sizeof(*in));
	if ((rc = rec_set_str(&in->address, address, err)))
		return rc;
	memcpy(in->prev_txid, prev_txid, 32);
	in->prev_vout = prev_vout;
	in->flags = flags;
	in->value = value;
	tx->n_in++;
	return TRC_OK;
}

enum trc_err rec_tx_add_output(struct rec_tx *tx, uint8_t cls,
			       const char *address, trc_amount value,
			       struct trc_error *err)
{
	struct rec_output *out;
	enum trc_err rc = reserve((void **)&tx->out, tx->n_out, &tx->cap_out,
				  sizeof(*tx->out), err);

	if (rc)
		return rc;
	out = &tx->out[tx->n_out];
	memset(out, 0, sizeof(*out));
	if ((rc = rec_set_str(&out->address, address, err)))
		return rc;
	out->cls = cls;
	out->value = value;
	tx->n_out++;
	return TRC_OK;
}

enum trc_err rec_tx_add_leg(struct rec_tx *tx, uint8_t kind, const char *asset,
			    const char *from, const char *to, trc_amount value,
			    struct trc_error *err)
{
	struct rec_leg *leg;
	enum trc_err rc = reserve((void **)&tx->legs, tx->n_legs, &tx->cap_legs,
				  sizeof(*tx->legs), err);

	if (rc)
		return rc;
	leg = &tx->legs[tx->n_legs];
	memset(leg, 0, sizeof(*leg));
	if ((rc = rec_set_str(&leg->asset, asset, err)) ||
	    (rc = rec_set_str(&leg->from, from, err)) ||
	    (rc = rec_set_str(&leg->to, to, err))) {
		free(leg->asset);
		free(leg->from);
		free(leg->to);
		memset(leg, 0, sizeof(*leg));
		return rc;
	}
	leg->kind = kind;
	leg->value = value;
	tx->n_legs++;
	return TRC_OK;
}

/* ---- encoding ---- */

static enum trc_err put_str(struct buf *out, const char *s)
{
	if (s && strlen(s) > REC_ADDR_MAX)
		return TRC_ERR_INVALID;
	return buf_append_str16(out, s);
}

static enum trc_err put_amount(struct buf *out, trc_amount a)
{
	uint8_t be[32];
	size_t n = amount_byte_len(a);
	enum trc_err rc;

	amount_to_be32(be, a);
	if ((rc = buf_append_u8(out, (uint8_t)n)))
		return rc;
	return buf_append(out, be + 32 - n, n);
}

static enum trc_err put_input(struct buf *out, const struct rec_input *in)
{
	enum trc_err rc;

	if ((rc = buf_append(out, in->prev_txid, 32)) ||
	    (rc = buf_append_be32(out, in->prev_vout)) ||
	    (rc = buf_append_u8(out, in->flags)) ||
	    (rc = put_str(out, in->address)))
		return rc;
	return put_amount(out, in->value);
}

static enum trc_err put_output(struct buf *out, const struct rec_output *o)
{
	enum trc_err rc;

	if ((rc = buf_append_u8(out, o->cls)) ||
	    (rc = put_str(out, o->address)))
		return rc;
	return put_amount(out, o->value);
}

static enum trc_err put_leg(struct buf *out, const struct rec_leg *l)
{
	enum trc_err rc;

	if ((rc = buf_append_u8(out, l->kind)) ||
	    (rc = put_str(out, l->asset)) || (rc = put_str(out, l->from)) ||
	    (rc = put_str(out, l->to)))
		return rc;
	return put_amount(out, l->value);
}

/* The optional tail: the memo, its output or leg + 1 (0: none), the
 * reference flag u8 and, when 1, the 32 bytes. A record without a memo
 * ends at its legs, as every record written before memos did. */
static enum trc_err put_memo(struct buf *out, const struct rec_tx *tx)
{
	enum trc_err rc;

	if (!rec_memo_ok(tx->memo, strlen(tx->memo)))
		return TRC_ERR_INVALID;
	if ((rc = buf_append_str16(out, tx->memo)) ||
	    (rc = buf_append_be32(
		     out, tx->memo_n == REC_MEMO_NO_N ? 0 : tx->memo_n + 1)) ||
	    (rc = buf_append_u8(out, tx->has_memo_ref ? 1 : 0)))
		return rc;
	return tx->has_memo_ref ? buf_append(out, tx->memo_ref, 32) : TRC_OK;
}

enum trc_err rec_tx_encode(const struct rec_tx *tx, struct buf *out,
			   struct trc_error *err)
{
	enum trc_err rc;

	if ((rc = buf_append_u8(out, REC_TX_VERSION)) ||
	    (rc = buf_append_u8(out, tx->chain)) ||
	    (rc = buf_append_u8(out, tx->flags)) ||
	    (rc = buf_append(out, tx->txid, 32)) ||
	    (rc = buf_append_be32(out, tx->height)) ||
	    (rc = buf_append_be32(out, tx->position)) ||
	    (rc = buf_append_be64(out, (uint64_t)tx->time)) ||
	    (rc = put_amount(out, tx->fee)) ||
	    (rc = buf_append_be32(out, tx->n_in)) ||
	    (rc = buf_append_be32(out, tx->n_out)) ||
	    (rc = buf_append_be32(out, tx->n_legs)))
		goto fail;
	for (uint32_t i = 0; i < tx->n_in; i++)
		if ((rc = put_input(out, &tx->in[i])))
			goto fail;
	for (uint32_t i = 0; i < tx->n_out; i++)
		if ((rc = put_output(out, &tx->out[i])))
			goto fail;
	for (uint32_t i = 0; i < tx->n_legs; i++)
		if ((rc = put_leg(out, &tx->legs[i])))
			goto fail;
	if (tx->memo && (rc = put_memo(out, tx)))
		goto fail;
	return TRC_OK;
fail:
	return trc_fail(err, rc, "cannot encode transaction record: %s",
			trc_strerror(rc));
}

/* ---- decoding ---- */

static enum trc_err get_str(struct reader *r, char **out, struct trc_error *err)
{
	return reader_str16(r, out, REC_ADDR_MAX, err);
}

static enum trc_err get_amount(struct reader *r, trc_amount *a,
			       struct trc_error *err)
{
	uint8_t n;
	const uint8_t *p;
	enum trc_err rc;

	*a = AMOUNT_ZERO;
	if ((rc = reader_u8(r, &n, err)))
		return rc;
	if (n > 32)
		return trc_fail(err, TRC_ERR_CORRUPT,
				"amount of %u bytes at offset %zu", n,
				r->pos - 1);
	if ((rc = reader_bytes(r, &p, n, err)))
		return rc;
	return amount_from_be(a, p, n);
}

static enum trc_err get_count(struct reader *r, uint32_t *n, size_t min_size,
			      struct trc_error *err)
{
	enum trc_err rc = reader_be32(r, n, err);

	if (rc)
		return rc;
	if ((size_t)*n > reader_left(r) / min_size)
		return trc_fail(err, TRC_ERR_CORRUPT,
				"count %u at offset %zu exceeds the bytes "
				"left",
				*n, r->pos - 4);
	return TRC_OK;
}

static enum trc_err get_input(struct reader *r, struct rec_tx *tx,
			      struct trc_error *err)
{
	struct rec_input *in = &tx->in[tx->n_in];
	enum trc_err rc;

	if ((rc = reader_copy(r, in->prev_txid, 32, err)) ||
	    (rc = reader_be32(r, &in->prev_vout, err)) ||
	    (rc = reader_u8(r, &in->flags, err)))
		return rc;
	tx->n_in++; /* counted now so that release frees the address */
	if ((rc = get_str(r, &in->address, err)))
		return rc;
	return get_amount(r, &in->value, err);
}

static enum trc_err get_output(struct reader *r, struct rec_tx *tx,
			       struct trc_error *err)
{
	struct rec_output *o = &tx->out[tx->n_out];
	enum trc_err rc;

	if ((rc = reader_u8(r, &o->cls, err)))
		return rc;
	tx->n_out++;
	if ((rc = get_str(r, &o->address, err)))
		return rc;
	return get_amount(r, &o->value, err);
}

static enum trc_err get_leg(struct reader *r, struct rec_tx *tx,
			    struct trc_error *err)
{
	struct rec_leg *l = &tx->legs[tx->n_legs];
	enum trc_err rc;

	if ((rc = reader_u8(r, &l->kind, err)))
		return rc;
	tx->n_legs++;
	if ((rc = get_str(r, &l->asset, err)) ||
	    (rc = get_str(r, &l->from, err)) || (rc = get_str(r, &l->to, err)))
		return rc;
	return get_amount(r, &l->value, err);
}

static enum trc_err get_memo(struct reader *r, struct rec_tx *tx,
			     struct trc_error *err)
{
	uint32_t n1;
	uint8_t has_ref;
	enum trc_err rc;

	tx->memo_n = REC_MEMO_NO_N;
	if ((rc = reader_str16(r, &tx->memo, REC_MEMO_MAX, err)) ||
	    (rc = reader_be32(r, &n1, err)) ||
	    (rc = reader_u8(r, &has_ref, err)))
		return rc;
	if (!tx->memo || !rec_memo_ok(tx->memo, strlen(tx->memo)) ||
	    has_ref > 1)
		return trc_fail(err, TRC_ERR_CORRUPT,
				"tx record: bad memo at offset %zu", r->pos);
	tx->memo_n = n1 ? n1 - 1 : REC_MEMO_NO_N;
	tx->has_memo_ref = has_ref;
	return has_ref ? reader_copy(r, tx->memo_ref, 32, err) : TRC_OK;
}

static enum trc_err decode_tx(struct rec_tx *tx, struct reader *r,
			      struct trc_error *err)
{
	uint8_t version;
	uint64_t time;
	uint32_t n_in, n_out, n_legs;
	enum trc_err rc;

	if ((rc = reader_u8(r, &version, err)))
		return rc;
	if (version != REC_TX_VERSION)
		return trc_fail(err, TRC_ERR_CORRUPT,
				"unknown tx record version %u", version);
	if ((rc = reader_u8(r, &tx->chain, err)) ||
	    (rc = reader_u8(r, &tx->flags, err)) ||
	    (rc = reader_copy(r, tx->txid, 32, err)) ||
	    (rc = reader_be32(r, &tx->height, err)) ||
	    (rc = reader_be32(r, &tx->position, err)) ||
	    (rc = reader_be64(r, &time, err)) ||
	    (rc = get_amount(r, &tx->fee, err)) ||
	    (rc = get_count(r, &n_in, 40, err)) ||
	    (rc = get_count(r, &n_out, 4, err)) ||
	    (rc = get_count(r, &n_legs, 8, err)))
		return rc;
	tx->time = (int64_t)time;
	tx->in = calloc(n_in ? n_in : 1, sizeof(*tx->in));
	tx->out = calloc(n_out ? n_out : 1, sizeof(*tx->out));
	tx->legs = calloc(n_legs ? n_legs : 1, sizeof(*tx->legs));
	if (!tx->in || !tx->out || !tx->legs)
		return trc_fail(err, TRC_ERR_NOMEM, "out of memory");
	tx->cap_in = n_in;
	tx->cap_out = n_out;
	tx->cap_legs = n_legs;
	for (uint32_t i = 0; i < n_in; i++)
		if ((rc = get_input(r, tx, err)))
			return rc;
	for (uint32_t i = 0; i < n_out; i++)
		if ((rc = get_output(r, tx, err)))
			return rc;
	for (uint32_t i = 0; i < n_legs; i++)
		if ((rc = get_leg(r, tx, err)))
			return rc;
	if (reader_left(r) && (rc = get_memo(r, tx, err)))
		return rc;
	if (reader_left(r))
		return trc_fail(err, TRC_ERR_CORRUPT,
				"%zu trailing bytes after the tx record",
				reader_left(r));
	return TRC_OK;
}

enum trc_err rec_tx_decode(struct rec_tx *tx, const uint8_t *p, size_t len,
			   struct trc_error *err)
{
	struct reader r;
	enum trc_err rc;

	rec_tx_init(tx);
	reader_init(&r, p, len, "tx record");
	rc = decode_tx(tx, &r, err);
	if (rc) {
		rec_tx_release(tx);
		if (err)
			err->code = rc == TRC_ERR_NOMEM ? rc : TRC_ERR_CORRUPT;
		return rc == TRC_ERR_NOMEM ? rc : TRC_ERR_CORRUPT;
	}
	return TRC_OK;
}

void rec_block_init(struct rec_block *b)
{
	memset(b, 0, sizeof(*b));
}

void rec_block_release(struct rec_block *b)
{
	free(b->source);
	rec_block_init(b);
}

enum trc_err rec_block_encode(const struct rec_block *b, struct buf *out,
			      struct trc_error *err)
{
	enum trc_err rc;

	if ((rc = buf_append_u8(out, REC_BLOCK_VERSION)) ||
	    (rc = buf_append_u8(out, b->chain)) ||
	    (rc = buf_append_be32(out, b->height)) ||
	    (rc = buf_append(out, b->hash, 32)) ||
	    (rc = buf_append(out, b->prev, 32)) ||
	    (rc = buf_append_be64(out, (uint64_t)b->time)) ||
	    (rc = buf_append_be32(out, b->tx_count)) ||
	    (rc = buf_append_be64(out, (uint64_t)b->fetched_at)) ||
	    (rc = put_str(out, b->source)) ||
	    (rc = buf_append_u8(out, b->verified)))
		return trc_fail(err, rc, "cannot encode block record: %s",
				trc_strerror(rc));
	return TRC_OK;
}

static enum trc_err decode_block(struct rec_block *b, struct reader *r,
				 struct trc_error *err)
{
	uint8_t version;
	uint64_t time, fetched;
	enum trc_err rc;

	if ((rc = reader_u8(r, &version, err)))
		return rc;
	if (version != REC_BLOCK_VERSION)
		return trc_fail(err, TRC_ERR_CORRUPT,
				"unknown block record version %u", version);
	if ((rc = reader_u8(r, &b->chain, err)) ||
	    (rc = reader_be32(r, &b->height, err)) ||
	    (rc = reader_copy(r, b->hash, 32, err)) ||
	    (rc = reader_copy(r, b->prev, 32, err)) ||
	    (rc = reader_be64(r, &time, err)) ||
	    (rc = reader_be32(r, &b->tx_count, err)) ||
	    (rc = reader_be64(r, &fetched, err)) ||
	    (rc = get_str(r, &b->source, err)) ||
	    (rc = reader_u8(r, &b->verified, err)))
		return rc;
	b->time = (int64_t)time;
	b->fetched_at = (int64_t)fetched;
	if (reader_left(r))
		return trc_fail(err, TRC_ERR_CORRUPT,
				"%zu trailing bytes after the block record",
				reader_left(r));
	return TRC_OK;
}

enum trc_err rec_block_decode(struct rec_block *b, const uint8_t *p, size_t len,
			      struct trc_error *err)
{
	struct reader r;
	enum trc_err rc;

	rec_block_init(b);
	reader_init(&r, p, len, "block record");
	rc = decode_block(b, &r, err);
	if (rc) {
		rec_block_release(b);
		if (err && rc != TRC_ERR_NOMEM)
			err->code = TRC_ERR_CORRUPT;
		return rc == TRC_ERR_NOMEM ? rc : TRC_ERR_CORRUPT;
	}
	return TRC_OK;
}
