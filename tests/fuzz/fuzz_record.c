/*
 * fuzz_record - the stored-record decoders on arbitrary bytes: a corrupt
 * database must never crash tracer. The first byte picks the decoder:
 * a transaction record, a block record, or one key/value pair checked as
 * its table says (chaindb's tables, the tag table) with the key's length
 * in the second byte. A failure names its reason and keeps nothing; what
 * decodes encodes again without error.
 */
#include <stdint.h>
#include <stdlib.h>

#include "base/buf.h"
#include "store/chaindb.h"
#include "store/record.h"
#include "store/tags.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one_tx(const uint8_t *p, size_t n)
{
	struct rec_tx tx = REC_TX_INIT;
	struct buf again = BUF_INIT(64u << 20);
	struct trc_error e = TRC_ERROR_INIT;

	if (rec_tx_decode(&tx, p, n, &e)) {
		if (!e.msg[0] || tx.in || tx.out || tx.legs)
			abort();
		return;
	}
	if (rec_tx_encode(&tx, &again, &e))
		abort();
	rec_tx_release(&tx);
	buf_release(&again);
}

static void one_block(const uint8_t *p, size_t n)
{
	struct rec_block b = REC_BLOCK_INIT;
	struct buf again = BUF_INIT(1u << 20);
	struct trc_error e = TRC_ERROR_INIT;

	if (rec_block_decode(&b, p, n, &e)) {
		if (!e.msg[0] || b.source)
			abort();
		return;
	}
	if (rec_block_encode(&b, &again, &e))
		abort();
	rec_block_release(&b);
	buf_release(&again);
}

static void one_pair(const uint8_t *p, size_t n, int tags)
{
	struct trc_error e = TRC_ERROR_INIT;
	size_t klen = n ? p[0] : 0;
	enum trc_err rc;

	if (!n || klen > n - 1)
		return;
	rc = tags ? tags_check_pair(p + 1, klen, p + 1 + klen, n - 1 - klen, &e)
		  : chaindb_check_pair(p + 1, klen, p + 1 + klen, n - 1 - klen,
				       &e);
	if (rc && !e.msg[0])
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	switch (data[0] & 3) {
	case 0:
		one_tx(data + 1, size - 1);
		break;
	case 1:
		one_block(data + 1, size - 1);
		break;
	default:
		one_pair(data + 1, size - 1, data[0] & 1);
	}
	return 0;
}
