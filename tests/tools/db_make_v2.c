/* Test tool: db_make_v2 DIR - turns the schema version 3 database at DIR
 * into the version 2 that an older tracer wrote: every addr_id value's
 * packed address back to its text, every send that version 3 derives
 * stored in addr_hist (schema 2's encoder), the version stamped 2, so
 * that tests can upgrade it and compare. */
#include <stdio.h>
#include <string.h>

#include "store/chaindb.h"
#include "store/codec.h"
#include "store/keys.h"
#include "store/store.h"
#include "store/txindex.h"

/* Version 2's layout (docs/storage.md), spelled here as db_make_v1 spells
 * version 1's: the tools keep the old encoders. */
enum { V2_TX = 0x11, V2_ADDR_ID = 0x14, V2_HIST = 0x15 };

/* Whether the record of number num in chain is indexed; out: *t. */
static bool indexed_rec(struct store *s, uint8_t chain, uint64_t num,
			struct txrec *t, struct trc_error *e)
{
	struct buf v = BUF_INIT(64u << 20);
	bool found = false, ok;

	ok = !txindex_get_rec(s, chain, num, &v, &found, e) && found &&
	     !txrec_decode(t, v.data, v.len, e) && !(t->flags & TXREC_STUB) &&
	     !(t->flags & REC_TX_PREVOUT) && t->height != REC_HEIGHT_UNKNOWN;
	buf_release(&v);
	return ok;
}

/* Stores the send of every referring input whose spent output an indexed
 * transaction holds (what version 2 wrote for every input). */
static unsigned long store_sends(struct store *s, struct store_batch *b,
				 struct trc_error *e)
{
	uint8_t table = V2_TX;
	struct store_iter *it = store_iter_prefix(s, &table, 1);
	const uint8_t *k, *v;
	size_t klen, vlen;
	unsigned long n = 0;

	while (it && !e->code && store_iter_next(it, &k, &klen, &v, &vlen)) {
		struct txrec t = TXREC_INIT;
		uint8_t chain = k[1];

		if (!indexed_rec(s, chain, codec_be40_get(k + 2), &t, e)) {
			txrec_release(&t);
			continue;
		}
		for (uint32_t i = 0; i < t.n_in && !e->code; i++) {
			struct txrec p = TXREC_INIT;
			struct buf old = BUF_INIT(64);
			uint8_t nv[1 + CODEC_UV_MAX];
			uint8_t hk[14];
			bool found = false;

			if (!(t.in[i].flags &
			      (TXREC_IN_INLINE | TXREC_IN_COINBASE)) &&
			    indexed_rec(s, chain, t.in[i].prev, &p, e) &&
			    t.in[i].vout < p.n_out &&
			    p.out[t.in[i].vout].addr) {
				hk[0] = V2_HIST;
				hk[1] = chain;
				be32_put(hk + 2, p.out[t.in[i].vout].addr - 1);
				be32_put(hk + 6, t.height);
				be32_put(hk + 10, t.position);
				if (!store_get(s, hk, sizeof(hk), &old, &found,
					       e)) {
					nv[0] = (found && old.len ? old.data[0]
								  : 0) |
						HIST_SENT;
					store_batch_put(
						b, hk, sizeof(hk), nv,
						1 + codec_uv_put(
							    nv + 1,
							    codec_be40_get(k +
									   2)));
					n++;
				}
			}
			buf_release(&old);
			txrec_release(&p);
		}
		txrec_release(&t);
	}
	if (it && !e->code && store_iter_error(it, e))
		n = 0;
	store_iter_free(it);
	return n;
}

int main(int argc, char **argv)
{
	struct store *s = NULL;
	struct store_batch *b;
	struct store_iter *it;
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t table = V2_ADDR_ID;
	const uint8_t *k, *v;
	size_t klen, vlen;
	unsigned long n = 0;

	if (argc != 2) {
		fputs("usage: db_make_v2 DIR\n", stderr);
		return 2;
	}
	if (store_open(&s, argv[1], 0, &e)) {
		fprintf(stderr, "db_make_v2: %s\n", e.msg);
		return 1;
	}
	b = store_batch_new();
	it = store_iter_prefix(s, &table, 1);
	while (b && it && !e.code &&
	       store_iter_next(it, &k, &klen, &v, &vlen)) {
		uint8_t nv[CODEC_UV_MAX + REC_ADDR_MAX];
		char a[REC_ADDR_MAX + 1];
		uint64_t count;
		size_t len, m;

		if (txindex_addr_value(v, vlen, &count, a, &len, NULL, &e))
			break;
		m = codec_uv_put(nv, count);
		memcpy(nv + m, a, len);
		store_batch_put(b, k, klen, nv, m + len);
		n++;
	}
	if (it && !e.code && store_iter_error(it, &e))
		n = 0;
	store_iter_free(it);
	if (b && !e.code) {
		unsigned long sends;

		/* the texts first: store_sends reads the records through them
		 */
		if (store_batch_commit(s, b, &e))
			n = 0;
		store_batch_clear(b);
		sends = e.code ? 0 : store_sends(s, b, &e);
		printf("%lu sends stored\n", sends);
		store_batch_put_version(b, 2);
		if (store_batch_commit(s, b, &e))
			n = 0;
	}
	store_batch_free(b);
	store_close(s);
	if (!b || e.code) {
		fprintf(stderr, "db_make_v2: %s\n",
			b ? e.msg : "out of memory");
		return 1;
	}
	printf("%lu addresses as text, schema version 2\n", n);
	return 0;
}
