/*
 * libFuzzer harness: chains/thorchain. The first byte picks the input:
 *   0  the rest is a memo (thor_memo_parse)
 *   1  the rest is a Bitcoin transaction (thor_btc_detect, vault-less
 *      and with one vault)
 *   2  the rest is the ABI data of a router log, tried as a Deposit and
 *      as a TransferOut of a named router (thor_evm_detect), and as a
 *      transaction's input calling the router (thor_evm_call_detect)
 * A failure names its reason and leaves no output; a parsed memo's
 * strings are terminated within their buffers.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "chains/btc/net.h"
#include "chains/btc/tx.h"
#include "chains/thorchain/detect.h"
#include "chains/thorchain/memo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_memo(const struct thor_memo *m)
{
	if (memchr(m->dest, 0, sizeof(m->dest)) == NULL ||
	    memchr(m->refund, 0, sizeof(m->refund)) == NULL ||
	    memchr(m->asset.full, 0, sizeof(m->asset.full)) == NULL ||
	    memchr(m->affiliate, 0, sizeof(m->affiliate)) == NULL ||
	    m->kind < THOR_MEMO_SWAP || m->kind > THOR_MEMO_OTHER ||
	    m->n_fees > THOR_MAX_AFFILIATES)
		abort();
	for (size_t i = 0; i < m->n_fees; i++)
		if (m->fee_bps[i] > THOR_MAX_BPS)
			abort();
}

static void fuzz_memo(const uint8_t *p, size_t n)
{
	struct thor_memo m, again;
	struct trc_error e = TRC_ERROR_INIT;
	enum trc_err rc = thor_memo_parse(&m, (const char *)p, n, &e);

	if (rc) {
		if (!e.msg[0] || m.kind != THOR_MEMO_NONE)
			abort();
		return;
	}
	check_memo(&m);
	if (thor_memo_parse(&again, (const char *)p, n, NULL) ||
	    memcmp(&m, &again, sizeof(m)))
		abort(); /* the same bytes parse the same way */
}

static void fuzz_btc(const uint8_t *p, size_t n)
{
	static const char *const vaults[] = {
		"bc1qkqg0v50q2wj7r5jykkmsjm549kpua70yfyav5t"
	};
	struct btc_tx tx = BTC_TX_INIT;
	struct thor_events ev = THOR_EVENTS_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	const struct btc_network *net = btc_network_find("main");

	if (btc_tx_decode(&tx, p, n, NULL))
		return;
	if (thor_btc_detect(&tx, net, NULL, 0, &ev, &e) ||
	    thor_btc_detect(&tx, net, vaults, 1, &ev, &e) || ev.n > 2)
		abort();
	for (size_t i = 0; i < ev.n; i++)
		if (ev.v[i].memo_ok)
			check_memo(&ev.v[i].memo);
	thor_events_release(&ev);
	btc_tx_release(&tx);
}

static void fuzz_call(const uint8_t *p, size_t n)
{
	static const uint8_t router[20] = { 0xe6, 0x5e };
	static const uint8_t sel[4] = { 0x1f, 0xec, 0xe7, 0xb4 };
	struct thor_events ev = THOR_EVENTS_INIT;
	uint8_t *in = malloc(n + 4);

	if (!in)
		return;
	memcpy(in, sel, 4);
	memcpy(in + 4, p, n);
	if (thor_evm_call_detect(in, n + 4, router, amount_from_u64(1), NULL, 0,
				 &ev, NULL) ||
	    ev.n > 1)
		abort();
	if (ev.n && ev.v[0].memo_ok)
		check_memo(&ev.v[0].memo);
	thor_events_release(&ev);
	free(in);
}

static void fuzz_log(const uint8_t *p, size_t n, const char *t0)
{
	static const char *const routers[] = {
		"0xe65e9d372f8cacc7b6dfcd4af6507851ed31bb44"
	};
	struct thor_events ev = THOR_EVENTS_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	char *hex = malloc(2 * n + 3);
	json_t *logs;

	if (!hex)
		return;
	hex[0] = '0', hex[1] = 'x';
	hex_encode(hex + 2, p, n);
	logs = json_pack(
		"[{s:s, s:[s,s,s], s:s}]", "address", routers[0], "topics", t0,
		"0x0000000000000000000000005dcd69c5a0e2a6ccf7416c1c2590"
		"63b88668a5ca",
		"0x0000000000000000000000008d8bba78a27881294b34c82fb597"
		"8596e2df66dd",
		"data", hex);
	free(hex);
	if (!logs)
		return;
	if (thor_evm_detect(logs, routers, 1, &ev, &e)) {
		if (!e.msg[0] || ev.n)
			abort();
	} else if (ev.n > 1) {
		abort();
	}
	thor_events_release(&ev);
	json_decref(logs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 100000)
		return 0;
	switch (data[0] % 3) {
	case 0:
		fuzz_memo(data + 1, size - 1);
		break;
	case 1:
		fuzz_btc(data + 1, size - 1);
		break;
	default:
		fuzz_log(data + 1, size - 1,
			 "0xef519b7eb82aaf6ac376a6df2d793843ebfd593de5f1a0601d"
			 "3cc6ab49ebb395");
		fuzz_log(data + 1, size - 1,
			 "0xa9cd03aa3c1b4515114539cd53d22085129d495cb9e9f9af77"
			 "864526240f1bf7");
		fuzz_call(data + 1, size - 1);
		break;
	}
	return 0;
}
