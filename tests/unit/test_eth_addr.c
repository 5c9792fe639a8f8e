/* EIP-55 addresses, network names and the eth chain_ops table. */
#include "base/hex.h"
#include "chains/chain.h"
#include "chains/eth/eth_addr.h"
#include "store/record.h"
#include "tests/unit/harness.h"

/* The test cases listed in EIP-55 itself. */
static const char *const eip55[] = {
	/* all caps */
	"0x52908400098527886E0F7030069857D2E4169EE7",
	"0x8617E340B3D01FA5F11F306F4090FD50E238070D",
	/* all lower */
	"0xde709f2102306220921060314715629080e2fb77",
	"0x27b1fdb04752bbc536007a920d24acb045561c26",
	/* normal */
	"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
	"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
	"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
	"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
};

static void t_eip55_vectors(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t a[20];
	char out[ETH_ADDR_STR];

	for (size_t i = 0; i < sizeof(eip55) / sizeof(eip55[0]); i++) {
		CHECK_OK(eth_addr_parse(a, eip55[i], &e), &e);
		eth_addr_format(out, a);
		CHECK_STR(out, eip55[i]);
	}
}

static void t_any_case_accepted(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t a[20], b[20];
	char out[ETH_ADDR_STR];

	CHECK_OK(eth_addr_parse(a, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
				&e),
		 &e);
	CHECK_OK(eth_addr_parse(b, "0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED",
				&e),
		 &e);
	CHECK(!memcmp(a, b, 20));
	eth_addr_format(out, a);
	CHECK_STR(out, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
}

static void t_bad_checksum_rejected(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t a[20];

	/* one letter's case flipped */
	CHECK_INT(eth_addr_parse(
			  a, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "EIP-55") != NULL);
	CHECK(strstr(e.msg, "character 41") != NULL);
	CHECK_INT(eth_addr_parse(
			  a, "0x5AAEB6053F3E94C9b9A09f33669435E7Ef1BeAed", &e),
		  TRC_ERR_PARSE);
	for (int i = 0; i < 20; i++)
		CHECK_INT(a[i], 0);
}

static void t_malformed(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t a[20];

	CHECK_INT(eth_addr_parse(a, "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
				 &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "0x") != NULL);
	CHECK_INT(eth_addr_parse(a, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea",
				 &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "38 hex digits") != NULL);
	CHECK_INT(eth_addr_parse(
			  a, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg", &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "character 41") != NULL);
	CHECK_INT(eth_addr_parse(a, "", &e), TRC_ERR_PARSE);
	CHECK_INT(eth_addr_parse(a, NULL, &e), TRC_ERR_PARSE);
}

static void t_networks(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	uint64_t id;

	CHECK_OK(eth_network_chain_id("main", &id, &e), &e);
	CHECK_INT(id, 1);
	CHECK_OK(eth_network_chain_id("sepolia", &id, &e), &e);
	CHECK_INT(id, 11155111);
	CHECK_OK(eth_network_chain_id("anvil", &id, &e), &e);
	CHECK_INT(id, 31337);
	CHECK_OK(eth_network_chain_id("chainid:137", &id, &e), &e);
	CHECK_INT(id, 137);
	CHECK_INT(eth_network_chain_id("chainid:0", &id, &e), TRC_ERR_PARSE);
	CHECK_INT(eth_network_chain_id("chainid:01", &id, &e), TRC_ERR_PARSE);
	CHECK_INT(eth_network_chain_id("chainid:", &id, &e), TRC_ERR_PARSE);
	CHECK_INT(eth_network_chain_id("chainid:9223372036854775808", &id, &e),
		  TRC_ERR_PARSE);
	CHECK_INT(eth_network_chain_id("mainnet", &id, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "mainnet") != NULL);
}

static void t_chain_ops(void)
{
	const struct chain_ops *ops = chain_find("eth");
	struct trc_error e = TRC_ERROR_INIT;
	char out[CHAIN_ADDR_MAX], tx[CHAIN_TXID_STR_MAX];
	uint8_t txid[32];
	static const char h[] = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef"
				"84bfed1be16dfba1b22060";

	CHECK(ops != NULL);
	if (!ops)
		return;
	CHECK(chain_by_id(CHAIN_ETH) == ops);
	CHECK_STR(ops->asset, "ETH");
	CHECK_INT(ops->decimals, 18);
	CHECK_INT(ops->default_confirmations, 64);
	CHECK_STR(ops->default_network, "main");
	CHECK(ops->network_valid("main"));
	CHECK(ops->network_valid("chainid:31337"));
	CHECK(!ops->network_valid("regtest"));
	CHECK_OK(ops->address_normalize(
			 "main", "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359",
			 out, sizeof(out), &e),
		 &e);
	CHECK_STR(out, "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");
	CHECK_INT(ops->address_normalize(
			  "main", "0xFb6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
			  out, sizeof(out), &e),
		  TRC_ERR_PARSE);
	CHECK_OK(ops->txid_parse(h, txid, &e), &e);
	CHECK_INT(txid[0], 0x5c);
	CHECK_INT(txid[31], 0x60);
	ops->txid_format(txid, tx);
	CHECK_STR(tx, h);
	CHECK_INT(ops->txid_parse("0x5c50", txid, &e), TRC_ERR_PARSE);
}

TEST_MAIN({ "eip55_vectors", t_eip55_vectors },
	  { "any_case_accepted", t_any_case_accepted },
	  { "bad_checksum_rejected", t_bad_checksum_rejected },
	  { "malformed", t_malformed }, { "networks", t_networks },
	  { "chain_ops", t_chain_ops })
