/*
 * EIP-1186 account proofs (chains/eth/eth_proof.h) on real proofs and on
 * tampered ones.
 *
 * Sources: tests/vectors/eth/proof_anvil.json, recorded from anvil 1.7.1
 * (a fresh chain after one 1 ETH transfer: eth_getProof of the receiver,
 * the sender and an address that holds nothing, with the block's
 * stateRoot), and a one-node geth proof quoted in the eth4nos/getProofs
 * README (address 0x518006b1..., block 1 of a private chain; its state
 * root is the keccak of its only node, which is all a one-node proof
 * says).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/amount.h"
#include "base/hash.h"
#include "base/hex.h"
#include "chains/eth/eth_addr.h"
#include "chains/eth/eth_json.h"
#include "chains/eth/eth_proof.h"
#include "tests/unit/harness.h"

#define ETH4NOS_NODE                                                           \
	"f879a120310d79399c75734700e5e8a6fcc51f5e3bfa7d01a00e42c3"             \
	"5e578d61a3dca95bb855f853808f13426172c74d8270eb216a44f40000a056e81f17" \
	"1bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a0c5d2460186" \
	"f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"

static json_t *vectors(uint8_t root[32])
{
	json_error_t je;
	json_t *v =
		json_load_file("tests/vectors/eth/proof_anvil.json", 0, &je);
	struct trc_error e = TRC_ERROR_INIT;

	CHECK(v != NULL);
	if (v)
		CHECK_OK(ejson_fixed(v, "stateRoot", true, root, 32, NULL, &e),
			 &e);
	return v;
}

static void addr_of(const json_t *p, uint8_t a[20])
{
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(ejson_addr(p, "address", true, a, NULL, &e), &e);
}

static void t_anvil_real(void)
{
	uint8_t root[32], a[20];
	json_t *v = vectors(root), *p;
	struct eth_account acct;
	struct trc_error e = TRC_ERROR_INIT;
	char s[80];
	size_t i;

	if (!v)
		return;
	json_array_foreach(json_object_get(v, "proofs"), i, p)
	{
		addr_of(p, a);
		CHECK_OK(eth_proof_check_json(p, root, a, &acct, &e), &e);
	}
	/* the receiver: 10000 ETH + 1 */
	addr_of(json_array_get(json_object_get(v, "proofs"), 0), a);
	CHECK_OK(eth_proof_check_json(
			 json_array_get(json_object_get(v, "proofs"), 0), root,
			 a, &acct, &e),
		 &e);
	CHECK(acct.exists);
	CHECK_STR(amount_format(s, sizeof(s), acct.balance, 18, true), "10001");
	CHECK(!memcmp(acct.code_hash, ETH_EMPTY_CODE_HASH, 32));
	/* the sender's nonce is 1 */
	addr_of(json_array_get(json_object_get(v, "proofs"), 1), a);
	CHECK_OK(eth_proof_check_json(
			 json_array_get(json_object_get(v, "proofs"), 1), root,
			 a, &acct, &e),
		 &e);
	CHECK_INT(acct.nonce, 1);
	/* nothing at 0x...deadbeef: proven absent */
	addr_of(json_array_get(json_object_get(v, "proofs"), 2), a);
	CHECK_OK(eth_proof_check_json(
			 json_array_get(json_object_get(v, "proofs"), 2), root,
			 a, &acct, &e),
		 &e);
	CHECK(!acct.exists && amount_is_zero(acct.balance));
	json_decref(v);
}

/* A hex string with one nibble changed at digit i. */
static void flip(json_t *arr, size_t idx, size_t i)
{
	const char *s = json_string_value(json_array_get(arr, idx));
	char *c = strdup(s);

	c[i] = c[i] == '0' ? '1' : '0';
	json_array_set_new(arr, idx, json_string(c));
	free(c);
}

static void t_anvil_tampered(void)
{
	uint8_t root[32], a[20];
	json_t *v = vectors(root), *p, *q;
	struct eth_account acct;
	struct trc_error e = TRC_ERROR_INIT;

	if (!v)
		return;
	p = json_array_get(json_object_get(v, "proofs"), 0);
	addr_of(p, a);
	/* a claimed balance 1000 ETH too high */
	q = json_deep_copy(p);
	json_object_set_new(q, "balance", json_string("0x2015d4ee3f47e3c0000"));
	CHECK_INT(eth_proof_check_json(q, root, a, &acct, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "balance it claims is not the proven one"));
	CHECK(!acct.exists);
	json_decref(q);
	/* a byte changed in the leaf (its balance) or in the root node */
	for (size_t node = 0; node < 2; node++) {
		q = json_deep_copy(p);
		flip(json_object_get(q, "accountProof"), node, 90);
		CHECK_INT(eth_proof_check_json(q, root, a, &acct, &e),
			  TRC_ERR_VERIFY);
		CHECK(strstr(e.msg, "not the one its parent names") != NULL);
		json_decref(q);
	}
	/* the proof of one address offered for another */
	q = json_deep_copy(p);
	a[19] ^= 1;
	CHECK_INT(eth_proof_check_json(q, root, a, &acct, &e), TRC_ERR_VERIFY);
	a[19] ^= 1;
	json_object_set_new(q, "address",
			    json_string("0x70997970c51812dc3a"
					"010c7d01b50e0d17dc79c9"));
	CHECK_INT(eth_proof_check_json(q, root, a, &acct, &e), TRC_ERR_VERIFY);
	json_decref(q);
	/* a node left out, a node too many, another state root */
	q = json_deep_copy(p);
	json_array_remove(json_object_get(q, "accountProof"), 1);
	CHECK_INT(eth_proof_check_json(q, root, a, &acct, &e), TRC_ERR_VERIFY);
	CHECK(strstr(e.msg, "without reaching the account") != NULL);
	json_decref(q);
	q = json_deep_copy(p);
	json_array_append(
		json_object_get(q, "accountProof"),
		json_array_get(json_object_get(p, "accountProof"), 1));
	CHECK_INT(eth_proof_check_json(q, root, a, &acct, &e), TRC_ERR_VERIFY);
	json_decref(q);
	root[0] ^= 1;
	CHECK_INT(eth_proof_check_json(p, root, a, &acct, &e), TRC_ERR_VERIFY);
	json_decref(v);
}

static void t_eth4nos_one_node(void)
{
	uint8_t node[200], root[32], a[20];
	size_t n;
	const uint8_t *nodes[1] = { node };
	struct eth_account acct;
	struct trc_error e = TRC_ERROR_INIT;
	char s[80];

	CHECK_OK(hex_decode(node, sizeof(node), &n, ETH4NOS_NODE,
			    strlen(ETH4NOS_NODE), &e),
		 &e);
	CHECK_OK(eth_addr_parse(a, "0x518006b1e93be0dcca1f43870d11d19022735195",
				&e),
		 &e);
	hash_keccak256(root, node, n);
	CHECK_OK(eth_proof_account(root, a, nodes, &n, 1, &acct, &e), &e);
	CHECK(acct.exists && acct.nonce == 0);
	CHECK_STR(amount_format(s, sizeof(s), acct.balance, 0, true),
		  "100000000000000005000000000000000000");
	/* the same leaf does not prove another address */
	a[0] ^= 1;
	CHECK_OK(eth_proof_account(root, a, nodes, &n, 1, &acct, &e), &e);
	CHECK(!acct.exists);
	/* truncated */
	n -= 1;
	CHECK_INT(eth_proof_account(root, a, nodes, &n, 1, &acct, &e),
		  TRC_ERR_VERIFY);
}

TEST_MAIN({ "anvil_real", t_anvil_real },
	  { "anvil_tampered", t_anvil_tampered },
	  { "eth4nos_one_node", t_eth4nos_one_node })
