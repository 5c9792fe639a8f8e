/*
 * libFuzzer harness: chains/thorchain/thornode. The input is a THORNode
 * /thorchain/tx/status answer (thornode_status_parse, for a fixed
 * inbound hash). A failure names its reason and leaves no out tx; an
 * answer that parses has its strings terminated within their buffers,
 * its counts within the caps, its stage a known one, and parses the same
 * way twice.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chains/thorchain/thornode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define IN "10D27CEBA9A44898E3AC4FA7F80F607A6A954226EE821C68EA9B8D2370917FF0"

static void check_out(const struct thornode_out *o)
{
	if (!memchr(o->chain, 0, sizeof(o->chain)) ||
	    !memchr(o->id, 0, sizeof(o->id)) ||
	    !memchr(o->to, 0, sizeof(o->to)) ||
	    !memchr(o->memo, 0, sizeof(o->memo)) ||
	    o->n_coins > THORNODE_COINS_MAX)
		abort();
	if (o->id[0] && strlen(o->id) != 64)
		abort();
	for (size_t i = 0; i < o->n_coins; i++)
		if (!memchr(o->coins[i].asset, 0, sizeof(o->coins[i].asset)))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct thornode_status st, again;
	struct trc_error e = TRC_ERROR_INIT;
	enum trc_err rc;

	if (size > 1000000)
		return 0;
	rc = thornode_status_parse((const char *)data, size, IN, &st, &e);
	if (rc) {
		if (!e.msg[0] || st.n_out || st.n_planned || st.has_tx)
			abort();
		return 0;
	}
	if (st.n_out > THORNODE_OUTS_MAX || st.n_planned > THORNODE_OUTS_MAX ||
	    st.stage > THORNODE_REFUNDED || strcmp(st.in_hash, IN) ||
	    !memchr(st.in_memo, 0, sizeof(st.in_memo)))
		abort();
	for (size_t i = 0; i < st.n_out; i++)
		check_out(&st.out[i]);
	for (size_t i = 0; i < st.n_planned; i++)
		check_out(&st.planned[i]);
	if (thornode_status_parse((const char *)data, size, IN, &again, NULL) ||
	    memcmp(&st, &again, sizeof(st)))
		abort(); /* the same bytes parse the same way */
	return 0;
}
