/*
 * tracer decode --chain btc [--network N] [--tx|--block] [--full]
 * [HEX|FILE|-] - decode a raw Bitcoin transaction, block, 80-byte header,
 * or blk*.dat file / blocks directory; recompute and check every hash;
 * print JSON.
 */
#include <ctype.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/hash.h"
#include "base/hex.h"
#include "chains/btc/auxpow.h"
#include "chains/btc/blkfile.h"
#include "chains/btc/block.h"
#include "chains/btc/fork.h"
#include "chains/btc/mweb.h"
#include "chains/btc/net.h"
#include "chains/btc/script.h"
#include "chains/btc/tx.h"
#include "chains/thorchain/detect.h"
#include "tracer/cli/decode.h"
#include "tracer/cli/decode_thor.h"
#include "tracer/cli/jsonout.h"

/* Hex text of the largest block, with room for whitespace. */
#define INPUT_MAX (2 * (size_t)BTC_MAX_SERIALIZED + 65536)

enum mode { MODE_AUTO, MODE_TX, MODE_BLOCK };

struct opts {
	const struct btc_network *net;
	const struct btc_fork *fork; /* --chain ltc|bch|doge, else NULL */
	enum mode mode;
	bool full;
	const char *input;
};

/* --- JSON --- */

static json_t *hex_json(const uint8_t *p, size_t len)
{
	char *s = malloc(2 * len + 1);
	json_t *j;

	if (!s)
		return NULL;
	hex_encode(s, p, len);
	j = json_string(s);
	free(s);
	return j;
}

static json_t *hash_json(const uint8_t h[32])
{
	char s[65];

	return json_string(hex_encode_rev(s, h, 32));
}

static json_t *witness_json(const struct btc_tx *tx, uint32_t i)
{
	json_t *a = json_array();
	const struct btc_bytes *w = btc_tx_witness(tx, i);

	for (uint32_t k = 0; w && k < tx->in[i].n_wit; k++)
		json_array_append_new(a, hex_json(w[k].p, w[k].len));
	return a;
}

static json_t *input_json(const struct btc_tx *tx, uint32_t i, bool cb)
{
	const struct btc_txin *in = &tx->in[i];
	json_t *o = json_object();

	if (cb) {
		json_object_set_new(
			o, "coinbase",
			hex_json(in->script_sig.p, in->script_sig.len));
	} else {
		json_object_set_new(o, "prev_txid", hash_json(in->prev_txid));
		json_object_set_new(o, "prev_vout",
				    json_integer(in->prev_vout));
		json_object_set_new(
			o, "script_sig",
			hex_json(in->script_sig.p, in->script_sig.len));
	}
	json_object_set_new(o, "sequence", json_integer(in->sequence));
	json_object_set_new(o, "witness", witness_json(tx, i));
	return o;
}

static json_t *output_json(const struct btc_txout *out, uint32_t n,
			   const struct btc_network *net)
{
	char addr[BTC_ADDR_MAX];
	uint8_t cls = btc_script_classify(out->script.p, out->script.len, net,
					  addr, sizeof(addr));
	json_t *o = json_object();

	json_object_set_new(o, "n", json_integer(n));
	json_object_set_new(o, "value",
			    rjson_amount(amount_from_u64(out->value)));
	json_object_set_new(o, "class", json_string(rec_out_class_name(cls)));
	json_object_set_new(o, "address",
			    addr[0] ? json_string(addr) : json_null());
	json_object_set_new(o, "script",
			    hex_json(out->script.p, out->script.len));
	return o;
}

/* Sum of a tx's outputs: at most 2^32 outputs of < 2^51, so exact. */
static trc_amount output_total(const struct btc_tx *tx)
{
	trc_amount sum = AMOUNT_ZERO;

	for (uint32_t i = 0; i < tx->n_out; i++)
		if (amount_add(&sum, sum, amount_from_u64(tx->out[i].value)))
			break;
	return sum;
}

/*
 * The THORChain memo of tx, when it carries one that parses (no vault
 * list here: the output is the first with value; docs/thorchain.md).
 */
static void thor_json(json_t *o, const struct btc_tx *tx,
		      const struct btc_network *net)
{
	struct thor_events ev = THOR_EVENTS_INIT;

	if (thor_btc_detect(tx, net, NULL, 0, &ev, NULL) == TRC_OK && ev.n)
		json_object_set_new(o, "thorchain", decode_thor_json(&ev.v[0]));
	thor_events_release(&ev);
}

static json_t *tx_json(const struct btc_tx *tx, const struct btc_network *net)
{
	json_t *o = json_object(), *ins = json_array(), *outs = json_array();
	bool cb = btc_tx_is_coinbase(tx);

	json_object_set_new(o, "txid", hash_json(tx->txid));
	json_object_set_new(o, "wtxid", hash_json(tx->wtxid));
	json_object_set_new(o, "size", json_integer((json_int_t)tx->size));
	json_object_set_new(o, "vsize", json_integer((json_int_t)tx->vsize));
	json_object_set_new(o, "weight", json_integer((json_int_t)tx->weight));
	json_object_set_new(o, "version", json_integer((int32_t)tx->version));
	json_object_set_new(o, "locktime", json_integer(tx->locktime));
	json_object_set_new(o, "segwit", json_boolean(tx->segwit));
	json_object_set_new(o, "coinbase", json_boolean(cb));
	for (uint32_t i = 0; i < tx->n_in; i++)
		json_array_append_new(ins, input_json(tx, i, cb));
	for (uint32_t i = 0; i < tx->n_out; i++)
		json_array_append_new(outs, output_json(&tx->out[i], i, net));
	json_object_set_new(o, "inputs", ins);
	json_object_set_new(o, "outputs", outs);
	json_object_set_new(o, "output_total", rjson_amount(output_total(tx)));
	thor_json(o, tx, net);
	return o;
}

static void header_fields(json_t *o, const struct btc_header *h)
{
	char bits[9];

	snprintf(bits, sizeof(bits), "%08x", h->bits);
	json_object_set_new(o, "hash", hash_json(h->hash));
	json_object_set_new(o, "prev_hash", hash_json(h->prev));
	json_object_set_new(o, "merkle_root", hash_json(h->merkle_root));
	json_object_set_new(o, "version", json_integer((int32_t)h->version));
	rjson_set_time(o, "time", (int64_t)h->time); /* ISO and time_unix */
	json_object_set_new(o, "bits", json_string(bits));
	json_object_set_new(o, "nonce", json_integer(h->nonce));
}

static const char *witness_name(uint8_t w)
{
	static const char *const names[] = { "none", "ok", "bad", "missing" };

	return w < 4 ? names[w] : "unknown";
}

static json_t *block_json(const struct btc_block *b,
			  const struct btc_network *net, bool full)
{
	json_t *o = json_object(), *ids = json_array(), *txs = NULL;
	trc_amount total = AMOUNT_ZERO;

	header_fields(o, &b->hdr);
	json_object_set_new(o, "merkle_ok", json_boolean(b->merkle_ok));
	json_object_set_new(o, "pow_ok", json_boolean(b->pow_ok));
	json_object_set_new(o, "witness_commitment",
			    json_string(witness_name(b->witness)));
	json_object_set_new(o, "height",
			    b->has_height ? json_integer(b->height)
					  : json_null());
	json_object_set_new(o, "size", json_integer((json_int_t)b->size));
	json_object_set_new(o, "weight", json_integer((json_int_t)b->weight));
	json_object_set_new(o, "tx_count", json_integer(b->n_tx));
	json_object_set_new(o, "segwit_count", json_integer(b->n_segwit));
	if (full)
		txs = json_array();
	for (uint32_t i = 0; i < b->n_tx; i++) {
		json_array_append_new(ids, hash_json(b->tx[i].txid));
		if (amount_add(&total, total, output_total(&b->tx[i])))
			break;
		if (txs)
			json_array_append_new(txs, tx_json(&b->tx[i], net));
	}
	json_object_set_new(o, "output_total", rjson_amount(total));
	json_object_set_new(o, "txids", ids);
	if (txs)
		json_object_set_new(o, "transactions", txs);
	return o;
}

/* --- input --- */

static bool is_hex_text(const struct buf *b)
{
	size_t digits = 0;

	for (size_t i = 0; i < b->len; i++) {
		if (isxdigit(b->data[i]))
			digits++;
		else if (!isspace(b->data[i]))
			return false;
	}
	return digits > 0;
}

/* Replaces hex text in b by the bytes it spells. */
static enum trc_err unhex_buf(struct buf *b, struct trc_error *err)
{
	size_t k = 0, n;

	for (size_t i = 0; i < b->len; i++)
		if (!isspace(b->data[i]))
			b->data[k++] = b->data[i];
	if (k % 2)
		return trc_fail(err, TRC_ERR_PARSE,
				"hex input has an odd number of digits (%zu)",
				k);
	/* decoding in place is safe: output index i/2 <= input index i */
	for (n = 0; n < k / 2; n++)
		b->data[n] = (uint8_t)(hex_value((char)b->data[2 * n]) << 4 |
				       hex_value((char)b->data[2 * n + 1]));
	b->len = n;
	return TRC_OK;
}

/* True when the file at path starts with a known block-file magic. */
static bool starts_with_magic(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t m[4];
	bool yes = false;

	if (!f)
		return false;
	if (fread(m, 1, 4, f) == 4)
		yes = btc_network_by_magic(m) != NULL;
	fclose(f);
	return yes;
}

static enum trc_err load_input(const char *arg, struct buf *b,
			       struct trc_error *err)
{
	struct stat st;
	enum trc_err rc;

	if (!arg || !strcmp(arg, "-") || stat(arg, &st) == 0) {
		rc = buf_read_file(b, arg ? arg : "-", err);
		if (rc)
			return rc;
	} else {
		if ((rc = buf_append_str(b, arg)))
			return trc_fail(err, rc, "input too large");
		if (!is_hex_text(b))
			return trc_fail(err, TRC_ERR_PARSE,
					"'%.40s%s' is neither a file nor hex",
					arg, strlen(arg) > 40 ? "..." : "");
	}
	if (is_hex_text(b))
		return unhex_buf(b, err);
	return TRC_OK;
}

/* --- the three kinds of input --- */

/* A Dogecoin header with the AuxPoW bit and more than its 80 bytes. */
static bool is_auxpow(const struct btc_fork *f, const struct buf *b)
{
	return f && f->auxpow && b->len > BTC_HEADER_SIZE &&
	       (b->data[1] & (BTC_AUXPOW_VERSION_BIT >> 8));
}

static json_t *auxpow_json(const struct btc_auxpow *a)
{
	json_t *o = json_object();
	uint8_t ph[32];

	hash_sha256d(ph, a->parent, BTC_HEADER_SIZE);
	json_object_set_new(o, "parent_hash", hash_json(ph));
	json_object_set_new(o, "parent_coinbase_txid",
			    hash_json(a->coinbase.txid));
	json_object_set_new(o, "coinbase_branch_length",
			    json_integer(a->n_cb_branch));
	json_object_set_new(o, "chain_branch_length",
			    json_integer(a->n_chain_branch));
	json_object_set_new(o, "chain_index", json_integer(a->chain_index));
	json_object_set_new(o, "size", json_integer((json_int_t)a->size));
	return o;
}

/* An AuxPoW header alone, or a block: header, proof, transactions. The
 * proof stands for the header's own work (btc_auxpow_verify). */
static int print_auxpow(const struct buf *b, const struct opts *o,
			struct trc_error *err)
{
	struct btc_auxpow a;
	struct btc_header h;
	struct buf blk_bytes = BUF_INIT(BTC_MAX_SERIALIZED);
	struct btc_block blk = BTC_BLOCK_INIT;
	struct trc_error ep = TRC_ERROR_INIT;
	enum trc_err rc, prc;
	json_t *j;
	bool block, decoded = false;

	if (btc_auxpow_parse(&a, b->data + BTC_HEADER_SIZE,
			     b->len - BTC_HEADER_SIZE, err))
		return cli_fail(err);
	prc = btc_auxpow_verify(o->fork, &a, b->data, &ep);
	block = BTC_HEADER_SIZE + a.size < b->len;
	if (!block) {
		rc = btc_header_decode(&h, b->data, BTC_HEADER_SIZE, err);
		j = json_object();
		if (!rc)
			header_fields(j, &h);
	} else {
		rc = buf_append(&blk_bytes, b->data, BTC_HEADER_SIZE);
		if (!rc)
			rc = buf_append(&blk_bytes,
					b->data + BTC_HEADER_SIZE + a.size,
					b->len - BTC_HEADER_SIZE - a.size);
		if (rc) {
			trc_fail(err, rc, "out of memory");
		} else if (!(rc = btc_block_decode_max(
				     &blk, blk_bytes.data, blk_bytes.len,
				     btc_fork_block_cap(o->fork), err))) {
			decoded = true;
			rc = btc_block_verify_but_pow(&blk, &o->fork->net, err);
			if (!rc)
				rc = btc_fork_check_witness(
					o->fork, blk.n_segwit > 0, err);
		}
		j = decoded ? block_json(&blk, o->net, o->full) : json_object();
	}
	json_object_set_new(j, "pow_ok", json_boolean(!prc));
	json_object_set_new(j, "chain", json_string(o->fork->name));
	json_object_set_new(j, "auxpow", auxpow_json(&a));
	if (!rc && prc) {
		rc = prc;
		trc_fail(err, prc, "%s", ep.msg);
	}
	btc_block_release(&blk);
	buf_release(&blk_bytes);
	btc_auxpow_release(&a);
	if (jsonout_emit(stdout, j))
		return EXIT_ERROR;
	return rc ? cli_fail(err) : EXIT_OK;
}

/* The block's checks with the fork's rules: merkle root, unique txids,
 * no witness data where the fork has no segwit, the transaction order
 * at the coinbase's BIP34 height when it has one, its proof of work. */
static enum trc_err fork_block_verify(const struct btc_fork *f,
				      const struct btc_block *blk,
				      const uint8_t *header,
				      struct trc_error *err)
{
	enum trc_err rc;

	if ((rc = btc_block_verify_but_pow(blk, &f->net, err)) ||
	    (rc = btc_fork_check_witness(f, blk->n_segwit > 0, err)))
		return rc;
	/* the transaction order needs the height: the coinbase's BIP34 */
	if (blk->has_height &&
	    (rc = btc_fork_check_order(f, blk, blk->height, err)))
		return rc;
	return btc_fork_check_pow(f, header, err);
}

static int print_tx(const struct buf *b, const struct opts *o,
		    struct trc_error *err)
{
	struct btc_tx tx = BTC_TX_INIT;

	/* Litecoin's MWEB serialisation: marker 0, flag bit 0x08 */
	if (o->fork && o->fork->mweb_height && b->len > 6 && !b->data[4] &&
	    (b->data[5] & 0x08))
		return cli_error("%s transaction with the MWEB flag (0x%02x): "
				 "the HogEx is read with its block (the "
				 "extension block follows it); decode the "
				 "block",
				 o->fork->title, b->data[5]);
	if (btc_tx_decode(&tx, b->data, b->len, err))
		return cli_fail(err);
	if (o->fork && btc_fork_check_witness(o->fork, tx.segwit, err)) {
		btc_tx_release(&tx);
		return cli_fail(err);
	}
	if (jsonout_emit(stdout, tx_json(&tx, o->net))) {
		btc_tx_release(&tx);
		return EXIT_ERROR;
	}
	btc_tx_release(&tx);
	return EXIT_OK;
}

static int print_header(const struct buf *b, const struct opts *o,
			struct trc_error *err)
{
	struct btc_header h;
	json_t *j = json_object();
	enum trc_err rc;

	if (btc_header_decode(&h, b->data, b->len, err)) {
		json_decref(j);
		return cli_fail(err);
	}
	header_fields(j, &h);
	rc = o->fork ? btc_fork_check_pow(o->fork, b->data, err)
		     : btc_header_check_pow(&h, o->net, err);
	json_object_set_new(j, "pow_ok", json_boolean(!rc));
	if (jsonout_emit(stdout, j))
		return EXIT_ERROR;
	return rc ? cli_fail(err) : EXIT_OK;
}

/* The "mweb" object of a Litecoin block: what its extension block says
 * and the pegs. New reference. */
static json_t *mweb_json(const struct btc_mweb *m)
{
	json_t *j = json_object(), *in = json_array(), *out = json_array();
	char hex[65];

	hex_encode(hex, m->hash, 32);
	json_object_set_new(j, "hash", json_string(hex));
	json_object_set_new(j, "height", json_integer(m->height));
	json_object_set_new(j, "inputs", json_integer((json_int_t)m->n_inputs));
	json_object_set_new(j, "outputs",
			    json_integer((json_int_t)m->n_outputs));
	json_object_set_new(j, "kernels",
			    json_integer((json_int_t)m->n_kernels));
	json_object_set_new(j, "extension_size",
			    json_integer((json_int_t)m->ext_size));
	for (uint32_t i = 0; i < m->n_pegins; i++) {
		json_t *p = json_object();

		hex_encode(hex, m->pegins[i].kernel_id, 32);
		json_object_set_new(p, "kernel_id", json_string(hex));
		json_object_set_new(
			p, "value",
			json_integer((json_int_t)m->pegins[i].value));
		json_array_append_new(in, p);
	}
	for (uint32_t i = 0; i < m->n_pegouts; i++) {
		const struct btc_mweb_pegout *po = &m->pegouts[i];
		char *sh = malloc(2 * po->script.len + 1);
		json_t *p = json_object();

		json_object_set_new(p, "value",
				    json_integer((json_int_t)po->value));
		if (sh)
			json_object_set_new(
				p, "script",
				json_string(hex_encode(sh, po->script.p,
						       po->script.len)));
		free(sh);
		json_array_append_new(out, p);
	}
	json_object_set_new(j, "pegins", in);
	json_object_set_new(j, "pegouts", out);
	return j;
}

/* The MWEB bindings of a Litecoin block (btc_mweb_verify) at its
 * coinbase's BIP34 height, or, without one, the extension header's. */
static enum trc_err mweb_verify(const struct btc_mweb *m,
				const struct btc_block *blk,
				const struct btc_fork *f, struct trc_error *err)
{
	return btc_mweb_verify(m, blk,
			       blk->has_height ? blk->height : m->height,
			       f->title, err);
}

static int print_block(const struct buf *b, const struct opts *o,
		       struct trc_error *err)
{
	struct btc_block blk = BTC_BLOCK_INIT;
	struct btc_mweb m = BTC_MWEB_INIT;
	struct buf canon = BUF_INIT(BTC_MAX_SERIALIZED);
	const struct buf *src = b;
	json_t *j;
	enum trc_err rc;

	if (o->fork && o->fork->mweb_height) {
		if (btc_mweb_split(b->data, b->len, &m, &canon, err))
			return cli_fail(err);
		if (m.present)
			src = &canon;
	}
	if (btc_block_decode_max(&blk, src->data, src->len,
				 btc_fork_block_cap(o->fork), err)) {
		btc_mweb_release(&m);
		buf_release(&canon);
		return cli_fail(err);
	}
	rc = o->fork ? fork_block_verify(o->fork, &blk, b->data, err)
		     : btc_block_verify(&blk, o->net, err);
	if (!rc && m.present)
		rc = mweb_verify(&m, &blk, o->fork, err);
	j = block_json(&blk, o->net, o->full);
	if (o->fork) {
		struct trc_error ep = TRC_ERROR_INIT;

		json_object_set_new(j, "pow_ok",
				    json_boolean(!btc_fork_check_pow(
					    o->fork, b->data, &ep)));
		json_object_set_new(j, "chain", json_string(o->fork->name));
	}
	if (m.present)
		json_object_set_new(j, "mweb", mweb_json(&m));
	btc_mweb_release(&m);
	if (jsonout_emit(stdout, j)) {
		btc_block_release(&blk);
		buf_release(&canon);
		return EXIT_ERROR;
	}
	btc_block_release(&blk);
	buf_release(&canon);
	return rc ? cli_fail(err) : EXIT_OK;
}

/* A Litecoin block ending in the HogEx (mweb.h). */
static bool has_hogex(const struct buf *b)
{
	struct btc_mweb m = BTC_MWEB_INIT;
	struct buf canon = BUF_INIT(BTC_MAX_SERIALIZED);
	bool present =
		!btc_mweb_split(b->data, b->len, &m, &canon, NULL) && m.present;

	btc_mweb_release(&m);
	buf_release(&canon);
	return present;
}

static int auto_detect(const struct buf *b, const struct opts *o,
		       struct trc_error *err)
{
	struct btc_tx tx = BTC_TX_INIT;
	struct btc_block blk = BTC_BLOCK_INIT;
	struct trc_error etx = TRC_ERROR_INIT, eblk = TRC_ERROR_INIT;

	if (b->len == BTC_HEADER_SIZE)
		return print_header(b, o, err);
	if (!btc_tx_decode(&tx, b->data, b->len, &etx)) {
		btc_tx_release(&tx);
		return print_tx(b, o, err);
	}
	if (!btc_block_decode_max(&blk, b->data, b->len,
				  btc_fork_block_cap(o->fork), &eblk)) {
		btc_block_release(&blk);
		return print_block(b, o, err);
	}
	if (o->fork && o->fork->mweb_height && has_hogex(b))
		return print_block(b, o, err);
	return cli_error("input is neither a transaction (%s) nor a block "
			 "(%s)",
			 etx.msg, eblk.msg);
}

static int print_blk(const char *path, const struct opts *o, bool net_given,
		     struct trc_error *err)
{
	struct btc_blkdir *d = NULL;
	struct buf raw = BUF_INIT(BTC_MAX_SERIALIZED);
	json_t *root, *blocks;
	int rc = EXIT_OK;

	if (btc_blk_open(&d, path, net_given ? o->net : NULL, err))
		return cli_fail(err);
	root = json_object();
	blocks = json_array();
	json_object_set_new(root, "network",
			    json_string(btc_blk_network(d)
						? btc_blk_network(d)->name
						: o->net->name));
	json_object_set_new(root, "obfuscated",
			    json_boolean(btc_blk_obfuscated(d)));
	json_object_set_new(root, "block_count",
			    json_integer((json_int_t)btc_blk_count(d)));
	for (size_t i = 0; i < btc_blk_count(d) && rc == EXIT_OK; i++) {
		const struct btc_blk_entry *e = btc_blk_entry(d, i);
		struct btc_block blk = BTC_BLOCK_INIT;
		const struct btc_network *net = btc_blk_network(d);
		json_t *j;
		enum trc_err erc;

		if ((erc = btc_blk_read(d, e, &raw, err)) ||
		    (erc = btc_block_decode(&blk, raw.data, raw.len, err))) {
			trc_error_prefix(err, erc, "'%s' block at offset %llu",
					 btc_blk_file_path(d, e->file),
					 (unsigned long long)e->offset);
			rc = cli_fail(err);
			break;
		}
		if (btc_block_verify(&blk, net, err))
			rc = cli_fail(err);
		j = block_json(&blk, net, o->full);
		json_object_set_new(j, "file",
				    json_string(btc_blk_file_path(d, e->file)));
		json_object_set_new(j, "offset",
				    json_integer((json_int_t)e->offset));
		json_array_append_new(blocks, j);
		btc_block_release(&blk);
	}
	json_object_set_new(root, "blocks", blocks);
	if (jsonout_emit(stdout, root))
		rc = EXIT_ERROR;
	btc_blk_close(d);
	buf_release(&raw);
	return rc;
}

/* --- options --- */

static int parse(struct cli *cli, int argc, char **argv, struct opts *o,
		 bool *net_given)
{
	static const struct option opts[] = {
		{ "network", required_argument, NULL, 'n' },
		{ "tx", no_argument, NULL, 't' },
		{ "block", no_argument, NULL, 'b' },
		{ "full", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'n' && o->fork) {
			const struct btc_fork *f =
				btc_fork_network(o->fork, optarg);

			if (!f)
				return cli_usage_error(
					cli->cmd,
					"unknown %s network '%s' (known: %s)",
					o->fork->name, optarg,
					btc_fork_network_names());
			o->fork = f;
		} else if (c == 'n') {
			o->net = btc_network_find(optarg);
			*net_given = true;
			if (!o->net)
				return cli_usage_error(
					cli->cmd,
					"unknown bitcoin network '%s' (known: "
					"%s)",
					optarg, btc_network_names());
		} else if (c == 't' || c == 'b') {
			enum mode m = c == 't' ? MODE_TX : MODE_BLOCK;

			if (o->mode != MODE_AUTO && o->mode != m)
				return cli_usage_error(
					cli->cmd,
					"--tx and --block exclude each other");
			o->mode = m;
		} else if (c == 'f') {
			o->full = true;
		} else {
			return cli_bad_option(cli->cmd, c, argv);
		}
	}
	if (optind + 1 < argc)
		return cli_usage_error(cli->cmd, "unexpected argument '%s'",
				       argv[optind + 1]);
	o->input = optind < argc ? argv[optind] : NULL;
	return EXIT_OK;
}

int decode_btc(struct cli *cli, const char *chain, int argc, char **argv)
{
	struct opts o = { btc_network_find("main"), btc_fork_find(chain),
			  MODE_AUTO, false, NULL };
	struct buf in = BUF_INIT(INPUT_MAX);
	struct trc_error err = TRC_ERROR_INIT;
	struct stat st;
	bool net_given = false;
	int rc = parse(cli, argc, argv, &o, &net_given);

	if (rc)
		return rc;
	if (o.fork)
		o.net = &o.fork->net;
	if (!o.fork && o.input && strcmp(o.input, "-") &&
	    stat(o.input, &st) == 0 && o.mode == MODE_AUTO &&
	    (S_ISDIR(st.st_mode) || starts_with_magic(o.input)))
		return print_blk(o.input, &o, net_given, &err);
	if (load_input(o.input, &in, &err)) {
		buf_release(&in);
		return cli_fail(&err);
	}
	if (o.mode != MODE_TX && is_auxpow(o.fork, &in))
		rc = print_auxpow(&in, &o, &err);
	else if (o.mode == MODE_TX)
		rc = print_tx(&in, &o, &err);
	else if (o.mode == MODE_BLOCK && in.len == BTC_HEADER_SIZE)
		rc = print_header(&in, &o, &err);
	else if (o.mode == MODE_BLOCK)
		rc = print_block(&in, &o, &err);
	else
		rc = auto_detect(&in, &o, &err);
	buf_release(&in);
	return rc;
}
