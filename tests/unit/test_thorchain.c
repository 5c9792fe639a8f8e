/*
 * test_thorchain.c - chains/thorchain: the memo parser over the vectors
 * of tests/vectors/thorchain/memos.txt (each memo's rendering, or its
 * error message), the Bitcoin OP_RETURN memo and vault output, and the
 * router's Deposit / TransferOut events over receipts of
 * tests/vectors/thorchain/router_logs.json (origins in its README.md).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/hash.h"
#include "base/hex.h"
#include "chains/btc/net.h"
#include "chains/btc/script.h"
#include "chains/btc/tx.h"
#include "chains/thorchain/detect.h"
#include "chains/thorchain/memo.h"
#include "tests/unit/harness.h"

#define MEMOS "tests/vectors/thorchain/memos.txt"
#define LOGS "tests/vectors/thorchain/router_logs.json"

/* ---- rendering a parsed memo as the vectors write it ---- */

static void add(char *out, size_t cap, const char *fmt, const char *v)
{
	size_t n = strlen(out);

	snprintf(out + n, cap - n, fmt, v);
}

static void add_amount(char *out, size_t cap, const char *key, trc_amount a)
{
	char s[AMOUNT_STR_MAX], f[32];

	snprintf(f, sizeof(f), " %s=%%s", key);
	add(out, cap, f, amount_format(s, sizeof(s), a, 0, false));
}

static void render_asset(char *out, size_t cap, const struct thor_asset *a)
{
	char hex[41];

	add(out, cap, " asset=%s", a->full);
	if (a->short_code)
		add(out, cap, "%s", "(short)");
	if (a->has_contract)
		add(out, cap, " contract=%s", hex_encode(hex, a->contract, 20));
}

static void render_swap(char *out, size_t cap, const struct thor_memo *m)
{
	char n[64];

	if (m->dest[0])
		add(out, cap, " dest=%s", m->dest);
	if (m->refund[0])
		add(out, cap, " refund=%s", m->refund);
	if (m->has_limit)
		add_amount(out, cap, "limit", m->limit);
	if (m->streaming) {
		snprintf(n, sizeof(n), "%llu/%llu",
			 (unsigned long long)m->interval,
			 (unsigned long long)m->quantity);
		add(out, cap, " stream=%s", n);
	}
	if (m->affiliate[0])
		add(out, cap, " aff=%s", m->affiliate);
	for (size_t i = 0; i < m->n_fees; i++) {
		snprintf(n, sizeof(n), "%llu",
			 (unsigned long long)m->fee_bps[i]);
		add(out, cap, i ? "/%s" : " fee=%s", n);
	}
	if (m->dex_aggregator[0])
		add(out, cap, " dexagg=%s", m->dex_aggregator);
	if (m->dex_target[0])
		add(out, cap, " dextarget=%s", m->dex_target);
	if (m->has_dex_limit)
		add_amount(out, cap, "dexlim", m->dex_limit);
}

static void render(char *out, size_t cap, const struct thor_memo *m)
{
	char hex[65];

	snprintf(out, cap, "%s", thor_memo_kind_name(m->kind));
	if (m->limit_order)
		add(out, cap, "%s", "(limit order)");
	if (m->has_asset)
		render_asset(out, cap, &m->asset);
	if (m->kind == THOR_MEMO_SWAP)
		render_swap(out, cap, m);
	if (m->has_txid)
		add(out, cap, " txid=%s", hex_encode(hex, m->txid, 32));
}

/* ---- the memo vectors ---- */

static void one_vector(const char *memo, const char *want, int line)
{
	struct thor_memo m;
	struct trc_error e = TRC_ERROR_INIT;
	char got[2048];

	if (thor_memo_parse(&m, memo, strlen(memo), &e))
		snprintf(got, sizeof(got), "error: %s", e.msg);
	else
		render(got, sizeof(got), &m);
	if (strcmp(got, want))
		t_fail(__FILE__, line, "%s:%d '%s':\n  got  %s\n  want %s",
		       MEMOS, line, memo, got, want);
}

static void t_memo_vectors(void)
{
	struct buf b = BUF_INIT(1 << 20);
	struct trc_error e = TRC_ERROR_INIT;
	char *s, *line, *next, *tab;
	int n = 0, no = 0;

	CHECK_OK(buf_read_file(&b, MEMOS, &e), &e);
	CHECK_OK(buf_append_u8(&b, 0), &e);
	s = (char *)b.data;
	for (line = s; line && *line; line = next) {
		no++;
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (line[0] == '#' || !line[0])
			continue;
		tab = strchr(line, '\t');
		CHECK(tab != NULL);
		if (!tab)
			continue;
		*tab = '\0';
		one_vector(line, tab + 1, no);
		n++;
	}
	CHECK(n >= 50);
	buf_release(&b);
}

#define MAX256                                                                 \
	"=:b:x:1157920892373161954235709850086879078532699846656405640394575"  \
	"84007913129639935"
#define MAX256P1                                                               \
	"=:b:x:1157920892373161954235709850086879078532699846656405640394575"  \
	"84007913129639936"

static void t_memo_bytes(void)
{
	struct thor_memo m;
	struct trc_error e = TRC_ERROR_INIT;
	char big[THOR_MEMO_MAX + 2];

	CHECK_INT(thor_memo_parse(&m, "", 0, &e), TRC_ERR_PARSE);
	CHECK_STR(e.msg, "memo is empty");
	memset(big, 'a', sizeof(big));
	memcpy(big, "=:b:", 4);
	CHECK_INT(thor_memo_parse(&m, big, THOR_MEMO_MAX + 1, &e),
		  TRC_ERR_TOOBIG);
	CHECK_STR(e.msg, "memo of 251 bytes is longer than THORChain's limit "
			 "of 250");
	CHECK_OK(thor_memo_parse(&m, big, THOR_MEMO_MAX, &e), &e);
	CHECK_INT(strlen(m.dest), THOR_MEMO_MAX - 4);
	CHECK_INT(thor_memo_parse(&m, "=:b:x\0y", 7, &e), TRC_ERR_PARSE);
	CHECK_STR(e.msg, "memo byte 5 (0x00) is not printable ASCII");
	CHECK_INT(thor_memo_parse(&m, "=:b:\xc3\xa9", 6, &e), TRC_ERR_PARSE);
	CHECK_STR(e.msg, "memo byte 4 (0xc3) is not printable ASCII");
	CHECK_INT(m.kind, THOR_MEMO_NONE); /* zeroed on failure */
	/* a limit as large as 2^256 - 1 fits, one more does not */
	CHECK_OK(thor_memo_parse(&m, MAX256, strlen(MAX256), &e), &e);
	CHECK(m.limit.w[0] == UINT64_MAX && m.limit.w[3] == UINT64_MAX);
	CHECK_INT(thor_memo_parse(&m, MAX256P1, strlen(MAX256P1), &e),
		  TRC_ERR_PARSE);
	/* a fraction past the exponent rounds down; tiny values are 0 */
	CHECK_OK(thor_memo_parse(&m, "=:b:x:0.5", 9, &e), &e);
	CHECK(amount_is_zero(m.limit) && m.has_limit);
	CHECK_OK(thor_memo_parse(&m, "=:b:x:1.23456e3", 15, &e), &e);
	CHECK_INT(m.limit.w[0], 1234);
}

/* ---- Bitcoin ---- */

/* An OP_RETURN script pushing s (direct push or PUSHDATA1). */
static size_t op_return(uint8_t *out, const char *s)
{
	size_t n = strlen(s), h = n <= 75 ? 2 : 3;

	out[0] = 0x6a;
	if (n <= 75) {
		out[1] = (uint8_t)n;
	} else {
		out[1] = 0x4c;
		out[2] = (uint8_t)n;
	}
	memcpy(out + h, s, n);
	return h + n;
}

static void build_tx(struct btc_tx *tx, const char *const *memos, size_t n,
		     const char *vault, const char *other)
{
	const struct btc_network *net = btc_network_find("main");
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t prev[32] = { 1 }, s[300];

	btc_tx_begin(tx, 2, 0);
	CHECK_OK(btc_tx_add_input(tx, prev, 0, NULL, 0, 0xffffffff, &e), &e);
	if (other)
		CHECK_OK(btc_tx_add_output_address(tx, net, 0, other, &e), &e);
	CHECK_OK(btc_tx_add_output_address(tx, net, 150000, vault, &e), &e);
	for (size_t i = 0; i < n; i++)
		CHECK_OK(
			btc_tx_add_output(tx, 0, s, op_return(s, memos[i]), &e),
			&e);
	if (other)
		CHECK_OK(btc_tx_add_output_address(tx, net, 7000, other, &e),
			 &e);
	CHECK_OK(btc_tx_finish(tx, &e), &e);
}

/* The BTC vault of dev.thorchain.org's inbound_addresses example. */
#define VAULT "bc1qkqg0v50q2wj7r5jykkmsjm549kpua70yfyav5t"
#define USER "bc1q3a2le4lazts64u8mqte5vuxvug25z5w6rhs95g"

static void t_btc_inbound(void)
{
	static const char *const memo[] = {
		"=:ETH.ETH:0x388C818CA8B9251b393131C08a736A67ccB19297"
	};
	const char *vaults[] = { VAULT };
	struct btc_tx tx = BTC_TX_INIT;
	struct thor_events ev = THOR_EVENTS_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	build_tx(&tx, memo, 1, VAULT, USER);
	CHECK_OK(thor_btc_detect(&tx, btc_network_find("main"), vaults, 1, &ev,
				 &e),
		 &e);
	CHECK_INT(ev.n, 1);
	if (ev.n == 1) {
		CHECK_INT(ev.v[0].kind, THOR_EVENT_INBOUND);
		CHECK(ev.v[0].memo_ok);
		CHECK_STR(ev.v[0].memo.asset.full, "ETH.ETH");
		CHECK_STR(ev.v[0].memo.dest,
			  "0x388C818CA8B9251b393131C08a736A67ccB19297");
		CHECK_STR(ev.v[0].to, VAULT);
		CHECK_INT(ev.v[0].index, 1);
		CHECK_INT(ev.v[0].amount.w[0], 150000);
		CHECK_STR(ev.v[0].asset, "");
	}
	/* without vaults: the first output with value (no user output) */
	thor_events_release(&ev);
	btc_tx_release(&tx);
	build_tx(&tx, memo, 1, VAULT, NULL);
	CHECK_OK(thor_btc_detect(&tx, btc_network_find("main"), NULL, 0, &ev,
				 &e),
		 &e);
	CHECK(ev.n == 1 && !strcmp(ev.v[0].to, VAULT) && ev.v[0].index == 0);
	thor_events_release(&ev);
	btc_tx_release(&tx);
}

static void t_btc_split_memo(void)
{
	/* a memo longer than one push, split over two OP_RETURN outputs */
	static const char *const parts[] = {
		"SWAP:ETH.USDT-0xdac17f958d2ee523a2206206994597c13d831ec7:",
		"0xe6a30f4f3bad978910e2cbb4d97581f5b5a0ade0:10012345678"
	};
	struct btc_tx tx = BTC_TX_INIT;
	struct thor_events ev = THOR_EVENTS_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	char memo[512];
	size_t len;

	build_tx(&tx, parts, 2, VAULT, USER);
	CHECK_OK(thor_btc_memo(&tx, memo, sizeof(memo), &len, &e), &e);
	CHECK_INT(len, strlen(parts[0]) + strlen(parts[1]));
	CHECK_OK(thor_btc_detect(&tx, btc_network_find("main"), NULL, 0, &ev,
				 &e),
		 &e);
	CHECK_INT(ev.n, 1);
	if (ev.n == 1) {
		CHECK(ev.v[0].memo.asset.has_contract);
		CHECK_INT(ev.v[0].memo.limit.w[0], 10012345678ull);
	}
	CHECK_INT(thor_btc_memo(&tx, memo, 20, &len, &e), TRC_ERR_TOOBIG);
	thor_events_release(&ev);
	btc_tx_release(&tx);
}

static void t_btc_outbound(void)
{
	static const char *const out[] = {
		"OUT:"
		"C2237B9599FCC2D3724486DAFA60BA1940650092D31551D8584561B600B"
		"CBF43"
	};
	static const char *const refund[] = {
		"REFUND:"
		"C2237B9599FCC2D3724486DAFA60BA1940650092D31551D8584561B6"
		"00BCBF43"
	};
	const char *vaults[] = { VAULT };
	struct btc_tx tx = BTC_TX_INIT;
	struct thor_events ev = THOR_EVENTS_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	char hex[65];

	/* the vault pays USER (output 0) and keeps its change (output 1) */
	build_tx(&tx, out, 1, VAULT, USER);
	CHECK_OK(thor_btc_detect(&tx, btc_network_find("main"), vaults, 1, &ev,
				 &e),
		 &e);
	CHECK_INT(ev.n, 1);
	if (ev.n == 1) {
		CHECK_INT(ev.v[0].kind, THOR_EVENT_OUTBOUND);
		CHECK_STR(ev.v[0].to, USER);
		CHECK(ev.v[0].has_in_hash);
		CHECK_STR(
			hex_encode(hex, ev.v[0].in_hash, 32),
			"c2237b9599fcc2d3724486dafa60ba1940650092d31551d858456"
			"1b600bcbf43");
	}
	btc_tx_release(&tx);
	build_tx(&tx, refund, 1, VAULT, USER);
	CHECK_OK(thor_btc_detect(&tx, btc_network_find("main"), vaults, 1, &ev,
				 &e),
		 &e);
	CHECK(ev.n == 2 && ev.v[1].kind == THOR_EVENT_REFUND);
	thor_events_release(&ev);
	btc_tx_release(&tx);
}

static void t_btc_not_thorchain(void)
{
	static const char *const omni[] = { "omni\x01" };
	static const char *const bad[] = { "=:b:x:zz" };
	const char *vaults[] = { VAULT };
	struct btc_tx tx = BTC_TX_INIT;
	struct thor_events ev = THOR_EVENTS_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	/* an OP_RETURN that is no memo and pays no vault: nothing */
	build_tx(&tx, omni, 1, USER, NULL);
	CHECK_OK(thor_btc_detect(&tx, btc_network_find("main"), NULL, 0, &ev,
				 &e),
		 &e);
	CHECK_INT(ev.n, 0);
	btc_tx_release(&tx);
	/* a bad memo to a vault: an inbound THORChain will refund */
	build_tx(&tx, bad, 1, VAULT, USER);
	CHECK_OK(thor_btc_detect(&tx, btc_network_find("main"), vaults, 1, &ev,
				 &e),
		 &e);
	CHECK(ev.n == 1 && !ev.v[0].memo_ok);
	if (ev.n == 1)
		CHECK_STR(ev.v[0].memo_error,
			  "memo field 'limit' at byte 6: 'zz' is not a number "
			  "(digits, optionally in scientific notation, below "
			  "2^256)");
	/* a vault that is no address is the caller's error */
	vaults[0] = "bc1qnotanaddress";
	CHECK_INT(thor_btc_detect(&tx, btc_network_find("main"), vaults, 1, &ev,
				  &e),
		  TRC_ERR_INVALID);
	CHECK_INT(ev.n, 1);
	thor_events_release(&ev);
	btc_tx_release(&tx);
}

/* ---- EVM router events ---- */

static void t_topics(void)
{
	static const char dep[] = "Deposit(address,address,uint256,string)";
	static const char out[] =
		"TransferOut(address,address,address,uint256,string)";
	uint8_t h[32];
	char hex[65];

	hash_keccak256(h, dep, strlen(dep));
	CHECK(!memcmp(h, THOR_TOPIC_DEPOSIT, 32));
	hash_keccak256(h, out, strlen(out));
	CHECK(!memcmp(h, THOR_TOPIC_TRANSFER_OUT, 32));
	/* the values THORNode's smartcontract_log_parser.go lists */
	CHECK_STR(hex_encode(hex, THOR_TOPIC_DEPOSIT, 32),
		  "ef519b7eb82aaf6ac376a6df2d793843ebfd593de5f1a0601d3cc6ab49e"
		  "bb395");
	CHECK_STR(hex_encode(hex, THOR_TOPIC_TRANSFER_OUT, 32),
		  "a9cd03aa3c1b4515114539cd53d22085129d495cb9e9f9af778645262"
		  "40f1bf7");
}

static json_t *load_logs(const char *key)
{
	json_error_t je;
	json_t *root = json_load_file(LOGS, 0, &je), *v;

	CHECK(root != NULL);
	if (!root)
		return NULL;
	v = json_incref(json_object_get(json_object_get(root, key), "logs"));
	json_decref(root);
	CHECK(v != NULL);
	return v;
}

static void t_evm_deposit_token(void)
{
	static const char *const routers[] = {
		"0xe65e9d372f8cacc7b6dfcd4af6507851ed31bb44"
	};
	json_t *logs = load_logs("deposit_token");
	struct thor_events ev = THOR_EVENTS_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(thor_evm_detect(logs, routers, 1, &ev, &e), &e);
	CHECK_INT(ev.n, 1); /* the token's Transfer log is not an event */
	if (ev.n == 1) {
		CHECK_INT(ev.v[0].kind, THOR_EVENT_INBOUND);
		CHECK_INT(ev.v[0].index, 1);
		CHECK(ev.v[0].router_known);
		CHECK_STR(ev.v[0].to,
			  "0x58e99C9c4a20f5F054C737389FdD51D7eD9c7d2a");
		CHECK_STR(ev.v[0].asset,
			  "0x3b7FA4dd21c6f9BA3ca375217EAD7CAb9D6bF483");
		CHECK_INT(ev.v[0].amount.w[0], 5000000000000000000ull);
		CHECK_STR(
			ev.v[0].memo_text,
			"ADD:ETH.TKN-0x3b7FA4dd21c6f9BA3ca375217EAD7CAb9D6bF483"
			":tthor16xxn0cadruuw6a2qwpv35av0mehryvdzzjz3af");
		CHECK(ev.v[0].memo_ok && ev.v[0].memo.kind == THOR_MEMO_ADD);
	}
	thor_events_release(&ev);
	json_decref(logs);
}

static void t_evm_deposit_eth(void)
{
	json_t *logs = load_logs("deposit_eth");
	struct thor_events ev = THOR_EVENTS_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(thor_evm_detect(logs, NULL, 0, &ev, &e), &e);
	CHECK_INT(ev.n, 1);
	if (ev.n == 1) {
		CHECK(!ev.v[0].router_known);
		CHECK_STR(ev.v[0].asset, "");
		CHECK_INT(ev.v[0].amount.w[0], 5000000000000000000ull);
		CHECK_STR(ev.v[0].memo_text,
			  "ADD:ETH.ETH:"
			  "tthor16xxn0cadruuw6a2qwpv35av0mehryvdzzjz3af");
	}
	thor_events_release(&ev);
	json_decref(logs);
}

static void t_evm_transfer_out(void)
{
	static const char *const routers[] = {
		"0xE65E9D372F8CACC7B6DFCD4AF6507851ED31BB44"
	};
	static const char *const others[] = {
		"0xD37BbE5744D730a1d98d8DC97c42F0Ca46aD7146"
	};
	json_t *logs = load_logs("transfer_out");
	struct thor_events ev = THOR_EVENTS_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	char hex[65];

	CHECK_OK(thor_evm_detect(logs, routers, 1, &ev, &e), &e);
	CHECK_INT(ev.n, 1);
	if (ev.n == 1) {
		CHECK_INT(ev.v[0].kind, THOR_EVENT_OUTBOUND);
		CHECK_STR(ev.v[0].from,
			  "0x5DcD69C5a0e2a6CCf7416C1c259063B88668A5cA");
		CHECK_STR(ev.v[0].to,
			  "0x8d8Bba78A27881294b34c82Fb5978596e2DF66dD");
		CHECK_STR(ev.v[0].asset, "");
		CHECK_INT(ev.v[0].amount.w[0], 224951270000000000ull);
		CHECK(ev.v[0].has_in_hash);
		CHECK_STR(
			hex_encode(hex, ev.v[0].in_hash, 32),
			"c2237b9599fcc2d3724486dafa60ba1940650092d31551d858456"
			"1b600bcbf43");
	}
	/* a router that is not named: nothing */
	CHECK_OK(thor_evm_detect(logs, others, 1, &ev, &e), &e);
	CHECK_INT(ev.n, 1);
	thor_events_release(&ev);
	json_decref(logs);
}

/* A TransferOut log of router R with the given data (hex, no 0x). */
static json_t *out_log(const char *data)
{
	char d[2048];

	snprintf(d, sizeof(d), "0x%s", data);
	return json_pack(
		"[{s:s, s:[s,s,s], s:s}]", "address",
		"0xe65e9d372f8cacc7b6dfcd4af6507851ed31bb44", "topics",
		"0xa9cd03aa3c1b4515114539cd53d22085129d495cb9e9f9af77864526240f"
		"1bf7",
		"0x0000000000000000000000005dcd69c5a0e2a6ccf7416c1c259063b88668"
		"a"
		"5ca",
		"0x0000000000000000000000008d8bba78a27881294b34c82fb5978596e2df"
		"6"
		"6dd",
		"data", d);
}

#define W0 "0000000000000000000000000000000000000000000000000000000000000000"
#define W(x) "00000000000000000000000000000000000000000000000000000000000000" x

static void t_evm_malformed(void)
{
	static const char *const routers[] = {
		"0xe65e9d372f8cacc7b6dfcd4af6507851ed31bb44"
	};
	struct thor_events ev = THOR_EVENTS_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	json_t *l;

	/* too short */
	l = out_log(W0 W0);
	CHECK_INT(thor_evm_detect(l, routers, 1, &ev, &e), TRC_ERR_PARSE);
	CHECK_STR(e.msg, "log 0: field 'data': 64 bytes, too short");
	/* ... from an emitter nobody named, it is only skipped */
	CHECK_OK(thor_evm_detect(l, NULL, 0, &ev, &e), &e);
	CHECK_INT(ev.n, 0);
	json_decref(l);
	/* a memo offset past the data */
	l = out_log(W0 W("01") W("ff"));
	CHECK_INT(thor_evm_detect(l, routers, 1, &ev, &e), TRC_ERR_PARSE);
	CHECK_STR(e.msg, "log 0: field 'data': ABI word at byte 64 is not a "
			 "size within the 96 bytes");
	json_decref(l);
	/* a memo length past the data */
	l = out_log(W0 W("01") W("60") W("40"));
	CHECK_INT(thor_evm_detect(l, routers, 1, &ev, &e), TRC_ERR_PARSE);
	CHECK_STR(e.msg, "log 0: field 'data': the memo's 64 bytes run past "
			 "the data");
	json_decref(l);
	/* an asset word with high bytes set */
	l = out_log("ff" W0 W("01") W("60") W0);
	CHECK_INT(thor_evm_detect(l, routers, 1, &ev, &e), TRC_ERR_PARSE);
	json_decref(l);
	/* a well-formed TransferOut whose memo is no OUT / REFUND: skipped */
	l = out_log(W0 W("01") W("60") W("04") "4e4f4f50" /* NOOP */
					       "0000000000000000000000000000000"
					       "0000000000000000000000000");
	CHECK_OK(thor_evm_detect(l, routers, 1, &ev, &e), &e);
	CHECK_INT(ev.n, 0);
	json_decref(l);
	l = json_object();
	CHECK_INT(thor_evm_detect(l, routers, 1, &ev, &e), TRC_ERR_PARSE);
	json_decref(l);
	thor_events_release(&ev);
}

/* THORNode's test deposit() of a token (ethereum_block_scanner_test.go) */
#define TOKEN_CALL                                                             \
	"1fece7b400000000000000000000000058e99c9c4a20f5f054c737389fdd51d7ed9c" \
	"7d2a0000000000000000000000003b7fa4dd21c6f9ba3ca375217ead7cab9d6bf483" \
	"0000000000000000000000000000000000000000000000004563918244f400000000" \
	"00000000000000000000000000000000000000000000000000000000008000000000" \
	"000000000000000000000000000000000000000000000000000000634144443a4554" \
	"482e544b4e2d30783362374641346464323163366639424133636133373532313745" \
	"41443743416239443662463438333a7474686f72313678786e306361647275757736" \
	"61327177707633356176306d6568727976647a7a6a7a336166000000000000000000" \
	"0000000000000000000000000000000000000000"

static void t_evm_call(void)
{
	static const char *const routers[] = {
		"0xe65e9d372f8cacc7b6dfcd4af6507851ed31bb44"
	};
	uint8_t in[512], router[20];
	size_t n;
	struct thor_events ev = THOR_EVENTS_INIT;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(hex_decode(in, sizeof(in), &n, TOKEN_CALL, strlen(TOKEN_CALL),
			    &e),
		 &e);
	CHECK_OK(hex_decode(router, 20, &n, routers[0] + 2, 40, &e), &e);
	n = (strlen(TOKEN_CALL)) / 2;
	CHECK_OK(thor_evm_call_detect(in, n, router, amount_from_u64(0),
				      routers, 1, &ev, &e),
		 &e);
	CHECK_INT(ev.n, 1);
	if (ev.n == 1) {
		CHECK(ev.v[0].router_known && ev.v[0].memo_ok);
		CHECK_STR(ev.v[0].to,
			  "0x58e99C9c4a20f5F054C737389FdD51D7eD9c7d2a");
		CHECK_STR(ev.v[0].asset,
			  "0x3b7FA4dd21c6f9BA3ca375217EAD7CAb9D6bF483");
		CHECK_INT(ev.v[0].amount.w[0], 5000000000000000000ull);
	}
	/* a call to a contract that is no named router: nothing */
	router[0] ^= 1;
	CHECK_OK(thor_evm_call_detect(in, n, router, amount_from_u64(0),
				      routers, 1, &ev, &e),
		 &e);
	CHECK_INT(ev.n, 1);
	/* truncated arguments, another selector: nothing */
	CHECK_OK(thor_evm_call_detect(in, 100, router, amount_from_u64(0), NULL,
				      0, &ev, &e),
		 &e);
	in[0] = 0xa9;
	CHECK_OK(thor_evm_call_detect(in, n, router, amount_from_u64(0), NULL,
				      0, &ev, &e),
		 &e);
	CHECK_INT(ev.n, 1);
	thor_events_release(&ev);
}

TEST_MAIN({ "memo_vectors", t_memo_vectors }, { "memo_bytes", t_memo_bytes },
	  { "btc_inbound", t_btc_inbound },
	  { "btc_split_memo", t_btc_split_memo },
	  { "btc_outbound", t_btc_outbound },
	  { "btc_not_thorchain", t_btc_not_thorchain }, { "topics", t_topics },
	  { "evm_deposit_token", t_evm_deposit_token },
	  { "evm_deposit_eth", t_evm_deposit_eth },
	  { "evm_transfer_out", t_evm_transfer_out },
	  { "evm_malformed", t_evm_malformed }, { "evm_call", t_evm_call })
