/*
 * Ethereum blocks: header hashes, transaction roots and every transaction
 * of the real mainnet blocks in ../shared/data/eth (skipped when absent),
 * uncles, and tampering.
 */
#include <jansson.h>
#include <stdlib.h>

#include "base/hex.h"
#include "chains/eth/eth_block.h"
#include "chains/eth/eth_trie.h"
#include "tests/unit/harness.h"

static const char *const full_blocks[] = {
	"eth/infura15571241wtxns.json",
	"eth/infura2000004wtxs.json",
	"eth/alchemy14151203.json",
	"eth/testdata-from-rpc.json",
};

static json_t *load_shared(const char *rel)
{
	const char *path = t_shared(rel);
	json_error_t je;
	json_t *j;

	if (!path) {
		t_skip("../shared/data/%s not found (reference data absent)",
		       rel);
		return NULL;
	}
	j = json_load_file(path, 0, &je);
	if (!j)
		t_fail(__FILE__, __LINE__, "%s: %s", path, je.text);
	return j;
}

static void t_mainnet_blocks(void)
{
	for (size_t f = 0; f < sizeof(full_blocks) / sizeof(*full_blocks);
	     f++) {
		struct eth_block b = ETH_BLOCK_INIT;
		struct trc_error e = TRC_ERROR_INIT;
		json_t *j = load_shared(full_blocks[f]);

		if (!j)
			return;
		CHECK_OK(eth_block_from_json(&b, j, &e), &e);
		CHECK_OK(eth_block_verify(&b, &e), &e);
		CHECK_OK(eth_block_require_ok(&b, &e), &e);
		CHECK(b.txs_full && b.n_txs > 0);
		CHECK(b.header_hash_ok && b.tx_root_ok);
		for (size_t i = 0; i < b.n_txs; i++)
			CHECK(b.txs[i].has_claimed_hash &&
			      b.txs[i].has_claimed_from && b.txs[i].hash_ok &&
			      b.txs[i].from_ok);
		CHECK_STR(b.shape, b.has_base_fee ? "london" : "frontier");
		eth_block_release(&b);
		json_decref(j);
	}
}

static void t_uncles(void)
{
	struct eth_block b = ETH_BLOCK_INIT, u = ETH_BLOCK_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	json_t *blk = load_shared("eth/testdata-from-rpc-with-uncles.json");
	json_t *unc = blk ? load_shared("eth/testdata-from-rpc-with-uncles_"
					"uncle-block-data.json")
			  : NULL;
	json_t *arr = json_array();

	if (!blk || !unc)
		goto out;
	CHECK_OK(eth_block_from_json(&b, blk, &e), &e);
	CHECK_OK(eth_block_verify(&b, &e), &e);
	CHECK(b.header_hash_ok);
	CHECK(!b.txs_full); /* hashes only: no root to recompute */
	CHECK_INT(b.n_uncles, 1);
	/* the uncle file is a header without transactions */
	CHECK_OK(eth_block_from_json(&u, unc, &e), &e);
	CHECK_OK(eth_block_verify(&u, &e), &e);
	CHECK(u.header_hash_ok);
	json_array_append(arr, unc);
	CHECK_OK(eth_block_check_uncles(&b, arr, &e), &e);
	CHECK(b.uncles_ok);
	/* an uncle with one field changed no longer matches */
	json_object_set_new(unc, "gasUsed", json_string("0x1"));
	CHECK_OK(eth_block_check_uncles(&b, arr, &e), &e);
	CHECK(!b.uncles_ok);
out:
	eth_block_release(&b);
	eth_block_release(&u);
	json_decref(arr);
	json_decref(blk);
	json_decref(unc);
}

static void t_tampered(void)
{
	struct eth_block b = ETH_BLOCK_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	json_t *j = load_shared("eth/infura15571241wtxns.json"), *tx;

	if (!j)
		return;
	/* a header field: the hash no longer matches */
	json_object_set_new(j, "gasUsed", json_string("0x1"));
	CHECK_OK(eth_block_from_json(&b, j, &e), &e);
	CHECK_OK(eth_block_verify(&b, &e), &e);
	CHECK(!b.header_hash_ok);
	CHECK_INT(eth_block_require_ok(&b, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "block 15571241") && strstr(e.msg, "header"));
	eth_block_release(&b);
	json_decref(j);

	/* a transaction's value: its hash, its sender and the root change */
	j = load_shared("eth/infura15571241wtxns.json");
	tx = json_array_get(json_object_get(j, "transactions"), 3);
	json_object_set_new(tx, "value", json_string("0x1"));
	CHECK_OK(eth_block_from_json(&b, j, &e), &e);
	CHECK_OK(eth_block_verify(&b, &e), &e);
	CHECK(b.header_hash_ok && !b.tx_root_ok && !b.txs[3].hash_ok);
	CHECK_INT(eth_block_require_ok(&b, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "transactions root") != NULL);
	eth_block_release(&b);

	/* a malformed field names block, transaction and field */
	json_object_set_new(tx, "nonce", json_string("0xzz"));
	CHECK_INT(eth_block_from_json(&b, j, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "block 15571241") && strstr(e.msg, "'nonce'") &&
	      strstr(e.msg, "transaction 3 (0x"));
	/* an optional field out of order */
	json_object_set_new(tx, "nonce", json_string("0x1"));
	json_object_set_new(j, "blobGasUsed", json_string("0x0"));
	CHECK_INT(eth_block_from_json(&b, j, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "'blobGasUsed' present without "
			    "'withdrawalsRoot'") != NULL);
	json_decref(j);
}

static void t_empty_trie(void)
{
	uint8_t root[32];
	struct trc_error e = TRC_ERROR_INIT;
	char hex[65];

	CHECK_OK(eth_trie_root_list(root, NULL, NULL, 0, &e), &e);
	hex_encode(hex, root, 32);
	CHECK_STR(hex, "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc00162"
		       "2fb5e363b421");
}

/* Prague headers (tests/vectors/eth/headers.json), and the same with the
 * newest fields taken away: the shape follows the fields. */
static void t_prague_headers(void)
{
	json_error_t je;
	json_t *root = json_load_file("tests/vectors/eth/headers.json", 0, &je);
	json_t *h;
	size_t i;

	CHECK(root != NULL);
	json_array_foreach(json_object_get(root, "headers"), i, h)
	{
		struct eth_block b = ETH_BLOCK_INIT;
		struct trc_error e = TRC_ERROR_INIT;

		CHECK_OK(eth_block_from_json(&b, h, &e), &e);
		CHECK_OK(eth_block_verify(&b, &e), &e);
		CHECK(b.header_hash_ok);
		CHECK_STR(b.shape, "prague");
		eth_block_release(&b);
		json_object_del(h, "requestsHash");
		CHECK_OK(eth_block_from_json(&b, h, &e), &e);
		CHECK_OK(eth_block_verify(&b, &e), &e);
		CHECK_STR(b.shape, "cancun");
		CHECK(!b.header_hash_ok);
		eth_block_release(&b);
	}
	CHECK_INT(json_array_size(json_object_get(root, "headers")), 3);
	json_decref(root);
}

TEST_MAIN({ "mainnet_blocks", t_mainnet_blocks },
	  { "prague_headers", t_prague_headers }, { "uncles", t_uncles },
	  { "tampered", t_tampered }, { "empty_trie", t_empty_trie })
