/*
 * The documents of one address and one transaction (tracer/render/
 * address_json.h, tx_json.h) that `tracer address` and `tracer serve`
 * share: exact JSON over a fixture store, a UTXO and an account chain.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chains/chain.h"
#include "store/chaindb.h"
#include "tests/unit/graph_fixture.h"
#include "tests/unit/harness.h"
#include "tracer/render/address_json.h"
#include "tracer/render/tx_json.h"

static struct store *fx(const char *name, const char *text)
{
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(store_open(&s, t_tmp(name), STORE_CREATE, &e), &e);
	if (s)
		CHECK_OK(gfx_load(s, text, &e), &e);
	return s;
}

/* The compact dump of doc (released); "" for NULL. */
static char *dump(json_t *doc)
{
	char *s = doc ? json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER)
		      : NULL;

	json_decref(doc);
	return s ? s : strdup("");
}

static const char UTXO[] = "chain btc\n"
			   "tx a 1700000000 | coinbase | A=5000\n"
			   "tx b 1700000600 | coinbase | B=7000\n"
			   "tx j 1700001200 | a:0 b:0 | C=11000 A=500 -=0\n"
			   "tag A hacker Lazarus 90\n"
			   "tag A exchange Omega 80\n";

static const char WANT_ADDR_UTXO[] =
	"{\"chain\":\"btc\",\"network\":\"main\",\"address\":\"A\",\"assets\":["
	"{\"asset\":\"BTC\",\"decimals\":8,\"balance\":\"500\",\"received\":\""
	"5500\",\"sent\":\"5000\",\"complete\":true}],\"tx_count\":2,\"firs"
	"t_seen\":{\"height\":0,\"time\":\"2023-11-14T22:13:20Z\",\"time_"
	"unix\":1700000000},\"last_seen\":{\"height\":2,\"time\":\"2023-1"
	"1-14T22:33:20Z\",\"time_unix\":1700001200},\"tags\":[{\"chain\""
	":\"btc\",\"network\":\"main\",\"address\":\"A\",\"entity\":\"Lazarus\""
	",\"category\":\"hacker\",\"source\":\"fixture\",\"confidence\":90,"
	"\"actor\":null,\"inferred\":false,\"evidence\":null},{\"chain\":"
	"\"btc\",\"network\":\"main\",\"address\":\"A\",\"entity\":\"Omega\","
	"\"c"
	"ategory\":\"exchange\",\"source\":\"fixture\",\"confidence\":80,\""
	"actor\":null,\"inferred\":false,\"evidence\":null}],\"cluster\""
	":{\"id\":1,\"size\":2},\"warnings\":[\"'A' has conflicting tags"
	": hacker (Lazarus, fixture) and exchange (Omega, fixture"
	"); tracing uses hacker (Lazarus, fixture), by the higher "
	"confidence (90 over 80); check them with tracer tag show "
	"--chain btc A\"],\"txs\":[{\"txid\":\"bb48e"
	"eaf857780b9724e7c14f8ef86a74ddc239ab331c2facabd1bca12819"
	"7ca\",\"height\":0,\"time\":\"2023-11-14T22:13:20Z\",\"time_unix"
	"\":1700000000,\"in\":\"5000\",\"out\":\"0\",\"failed\":false},{\"txi"
	"d\":\"b757182eab6e590fe78bc6382df84960abe38e669198faf199a1"
	"e74b03409f18\",\"height\":2,\"time\":\"2023-11-14T22:33:20Z\",\""
	"time_unix\":1700001200,\"in\":\"500\",\"out\":\"5000\",\"failed\":f"
	"alse}]}";

static const char WANT_TX_UTXO[] =
	"{\"chain\":\"btc\",\"network\":\"main\",\"txid\":\"b757182eab6e590f"
	"e78bc6382df84960abe38e669198faf199a1e74b03409f18\",\"heigh"
	"t\":2,\"position\":0,\"time\":\"2023-11-14T22:33:20Z\",\"time_un"
	"ix\":1700001200,\"fee\":\"500\",\"failed\":false,\"coinbase\":fal"
	"se,\"included\":false,\"inputs\":[{\"address\":\"A\",\"value\":\"50"
	"00\",\"prev_txid\":\"bb48eeaf857780b9724e7c14f8ef86a74ddc239"
	"ab331c2facabd1bca128197ca\",\"prev_vout\":0,\"coinbase\":fals"
	"e},{\"address\":\"B\",\"value\":\"7000\",\"prev_txid\":\"9d009cd5ae"
	"ee73cb4a2cd488007abd8b34b1e164654f89334a59390016e8233e\","
	"\"prev_vout\":0,\"coinbase\":false}],\"outputs\":[{\"n\":0,\"addr"
	"ess\":\"C\",\"class\":\"p2wpkh\",\"value\":\"11000\",\"level\":\"asser"
	"ted\"},{\"n\":1,\"address\":\"A\",\"class\":\"p2wpkh\",\"value\":\"500"
	"\",\"level\":\"asserted\"},{\"n\":2,\"address\":null,\"class\":\"op_"
	"return\",\"value\":\"0\",\"level\":\"asserted\"}],\"legs\":[]}";

static const char WANT_ADDR_ACCOUNT[] =
	"{\"chain\":\"eth\",\"network\":\"main\",\"address\":\"Y\",\"assets\":["
	"{\"asset\":\"ETH\",\"decimals\":18,\"balance\":\"28\",\"received\":\""
	"30\",\"sent\":\"2\",\"complete\":true},{\"asset\":\"T\",\"decimals\":"
	"null,\"balance\":\"7\",\"received\":\"7\",\"sent\":\"0\",\"complete\":"
	"true}],\"tx_count\":2,\"first_seen\":{\"height\":1,\"time\":\"202"
	"3-11-14T22:15:00Z\",\"time_unix\":1700000100},\"last_seen\":{"
	"\"height\":2,\"time\":\"2023-11-14T22:16:40Z\",\"time_unix\":170"
	"0000200},\"tags\":[],\"cluster\":null,\"warnings\":[],\"txs\":[{"
	"\"txid\":\"0x148de9c5a7a44d19e56cd9ae1a554bf67847afb0c58f6e"
	"12fa29ac7ddfca9940\",\"height\":1,\"time\":\"2023-11-14T22:15:"
	"00Z\",\"time_unix\":1700000100,\"in\":\"30\",\"out\":\"0\",\"failed\""
	":false},{\"txid\":\"0x8e35c2cd3bf6641bdb0e2050b76932cbb2e60"
	"34a0ddacc1d9bea82a6ba57f7cf\",\"height\":2,\"time\":\"2023-11-"
	"14T22:16:40Z\",\"time_unix\":1700000200,\"in\":\"0\",\"out\":\"2\","
	"\"failed\":true}]}";

static const char WANT_TX_ACCOUNT[] =
	"{\"chain\":\"eth\",\"network\":null,\"txid\":\"0x148de9c5a7a44d19"
	"e56cd9ae1a554bf67847afb0c58f6e12fa29ac7ddfca9940\",\"heigh"
	"t\":1,\"position\":0,\"time\":\"2023-11-14T22:15:00Z\",\"time_un"
	"ix\":1700000100,\"fee\":\"1\",\"failed\":false,\"coinbase\":false"
	",\"included\":false,\"inputs\":[],\"outputs\":[],\"legs\":[{\"n\":"
	"0,\"kind\":\"native\",\"asset\":null,\"from\":\"X\",\"to\":\"Y\","
	"\"valu"
	"e\":\"30\",\"level\":\"asserted\"},{\"n\":1,\"kind\":\"fee\","
	"\"asset\":"
	"null,\"from\":\"X\",\"to\":null,\"value\":\"1\",\"level\":\"asserted\""
	"},{\"n\":2,\"kind\":\"token\",\"asset\":\"T\",\"from\":\"X\",\"to\":"
	"\"Y\","
	"\"value\":\"7\",\"level\":\"asserted\"}]}";

static const char WANT_ADDR_UNKNOWN[] =
	"{\"chain\":\"btc\",\"network\":\"regtest\",\"address\":\"Z\",\"assets"
	"\":[],\"tx_count\":0,\"first_seen\":null,\"last_seen\":null,\"ta"
	"gs\":[],\"cluster\":null,\"warnings\":[\"the database has no t"
	"ransaction of 'Z' (never seen, or not crawled): crawl it"
	": tracer crawl btc SOURCE --follow --seed Z\"]}";

static void t_address_utxo(void)
{
	struct store *s = fx("u", UTXO);
	struct trc_error e = TRC_ERROR_INIT;
	const struct chain_ops *btc = chain_find("btc");
	json_t *doc = NULL;
	char *got;

	if (!s)
		return;
	CHECK_OK(address_json(s, btc, "main", "A", true, &doc, &e), &e);
	got = dump(doc);
	CHECK_STR(got, WANT_ADDR_UTXO);
	free(got);
	store_close(s);
}

static void t_tx_utxo(void)
{
	struct store *s = fx("t", UTXO);
	struct trc_error e = TRC_ERROR_INIT;
	const struct chain_ops *btc = chain_find("btc");
	json_t *doc = NULL;
	uint8_t id[32];
	bool found = false;
	char *got;

	if (!s)
		return;
	gfx_txid("j", id);
	CHECK_OK(tx_json(s, btc, "main", id, &doc, &found, &e), &e);
	CHECK(found);
	got = dump(doc);
	CHECK_STR(got, WANT_TX_UTXO);
	free(got);
	gfx_txid("nothing", id);
	CHECK_OK(tx_json(s, btc, "main", id, &doc, &found, &e), &e);
	CHECK(!found && !doc);
	store_close(s);
}

static const char ACCOUNT[] =
	"chain eth\n"
	"ev o 1700000000 | opening - X 100\n"
	"ev p 1700000100 | native X Y 30 | fee X - 1 | token X Y 7 T\n"
	"ev q 1700000200 failed | native Y X 5 | fee Y - 2\n";

static void t_account(void)
{
	struct store *s = fx("a", ACCOUNT);
	struct trc_error e = TRC_ERROR_INIT;
	const struct chain_ops *eth = chain_find("eth");
	json_t *doc = NULL;
	uint8_t id[32];
	bool found = false;
	char *got;

	if (!s)
		return;
	CHECK_OK(address_json(s, eth, "main", "Y", true, &doc, &e), &e);
	got = dump(doc);
	CHECK_STR(got, WANT_ADDR_ACCOUNT);
	free(got);
	gfx_txid("p", id);
	CHECK_OK(tx_json(s, eth, NULL, id, &doc, &found, &e), &e);
	got = dump(doc);
	CHECK_STR(got, WANT_TX_ACCOUNT);
	free(got);
	store_close(s);
}

static void t_unknown(void)
{
	struct store *s = fx("n", UTXO);
	struct trc_error e = TRC_ERROR_INIT;
	json_t *doc = NULL;
	char *got;

	if (!s)
		return;
	CHECK_OK(address_json(s, chain_find("btc"), "regtest", "Z", false, &doc,
			      &e),
		 &e);
	got = dump(doc);
	CHECK_STR(got, WANT_ADDR_UNKNOWN);
	free(got);
	store_close(s);
}

TEST_MAIN({ "address_utxo", t_address_utxo }, { "tx_utxo", t_tx_utxo },
	  { "account", t_account }, { "unknown", t_unknown })
