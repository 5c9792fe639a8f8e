/*
 * Ethereum transactions: the vectors of tests/vectors/eth/txs_raw.json
 * (raw bytes: EIP-155's own example, mainnet legacy / EIP-1559 / a
 * Frontier high-s signature) and txs_json.json (node JSON objects of every
 * type, a mainnet EIP-7702 one included), and the ways they can be wrong.
 */
#include <jansson.h>
#include <stdlib.h>

#include "base/hex.h"
#include "chains/eth/eth_addr.h"
#include "chains/eth/eth_tx.h"
#include "tests/unit/harness.h"

static json_t *load(const char *path)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);

	if (!root)
		t_fail(__FILE__, __LINE__, "cannot load %s: %s", path, je.text);
	return root;
}

/* Out: new bytes (free()), *len. */
static uint8_t *unhex(const char *s, size_t *len)
{
	size_t n = strlen(s + 2);
	uint8_t *p = malloc(n / 2 + 1);
	struct trc_error e = TRC_ERROR_INIT;

	if (hex_decode(p, n / 2 + 1, len, s + 2, n, &e))
		t_fail(__FILE__, __LINE__, "bad hex in vector: %s", e.msg);
	return p;
}

static void check_hex(const uint8_t *got, size_t n, const char *want)
{
	char buf[2 * 32 + 3] = "0x";

	hex_encode(buf + 2, got, n);
	CHECK_STR(buf, want);
}

static void check_addr(const uint8_t a[20], const char *want)
{
	uint8_t w[20];
	char got[ETH_ADDR_STR];
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(eth_addr_parse(w, want, &e), &e);
	eth_addr_format(got, a);
	if (memcmp(a, w, 20))
		t_fail(__FILE__, __LINE__, "address %s, expected %s", got,
		       want);
}

static void raw_case(json_t *c)
{
	struct eth_tx tx = ETH_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	struct buf enc = BUF_INIT(1 << 20);
	size_t len;
	uint8_t *raw =
		unhex(json_string_value(json_object_get(c, "raw")), &len);
	bool high_s = json_is_true(json_object_get(c, "high_s"));
	json_t *v;

	CHECK_OK(eth_tx_decode(&tx, raw, len, &e), &e);
	CHECK_INT(tx.type, json_integer_value(json_object_get(c, "type")));
	CHECK_INT(tx.chain_id,
		  json_integer_value(json_object_get(c, "chain_id")));
	CHECK_OK(eth_tx_encode(&tx, &enc, &e), &e);
	CHECK(enc.len == len && !memcmp(enc.data, raw, len));
	if (high_s) {
		CHECK_INT(eth_tx_verify(&tx, false, &e), TRC_ERR_VERIFY);
		CHECK(strstr(e.msg, "EIP-2") != NULL);
	}
	CHECK_OK(eth_tx_verify(&tx, high_s, &e), &e);
	if ((v = json_object_get(c, "hash")))
		check_hex(tx.hash, 32, json_string_value(v));
	if ((v = json_object_get(c, "sighash")))
		check_hex(tx.sighash, 32, json_string_value(v));
	check_addr(tx.from, json_string_value(json_object_get(c, "from")));
	CHECK(tx.hash_ok && tx.from_ok);
	free(raw);
	buf_release(&enc);
	eth_tx_release(&tx);
}

static void t_raw_vectors(void)
{
	json_t *root = load("tests/vectors/eth/txs_raw.json"), *c;
	size_t i;

	json_array_foreach(json_object_get(root, "cases"), i, c) raw_case(c);
	CHECK(json_array_size(json_object_get(root, "cases")) >= 6);
	json_decref(root);
}

static void json_case(json_t *c)
{
	struct eth_tx tx = ETH_TX_INIT, back = ETH_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	struct buf enc = BUF_INIT(1 << 20);
	json_t *obj = json_object_get(c, "tx");
	const char *auth = json_string_value(json_object_get(c, "authority"));

	CHECK_OK(eth_tx_from_json(&tx, obj, &e), &e);
	CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
	if (!tx.hash_ok || !tx.from_ok)
		t_fail(__FILE__, __LINE__, "%s: hash_ok %d from_ok %d",
		       json_string_value(json_object_get(c, "name")),
		       tx.hash_ok, tx.from_ok);
	check_hex(tx.hash, 32, json_string_value(json_object_get(obj, "hash")));
	if (auth) {
		CHECK_INT(tx.n_auth, 1);
		CHECK(tx.n_auth && tx.auth[0].authority_ok);
		if (tx.n_auth)
			check_addr(tx.auth[0].authority, auth);
	}
	/* JSON -> canonical bytes -> decoded again: the same transaction */
	CHECK_OK(eth_tx_encode(&tx, &enc, &e), &e);
	CHECK_OK(eth_tx_decode(&back, enc.data, enc.len, &e), &e);
	CHECK_OK(eth_tx_verify(&back, false, &e), &e);
	CHECK(!memcmp(back.hash, tx.hash, 32));
	CHECK(!memcmp(back.from, tx.from, 20));
	buf_release(&enc);
	eth_tx_release(&tx);
	eth_tx_release(&back);
}

static void t_json_vectors(void)
{
	json_t *root = load("tests/vectors/eth/txs_json.json"), *c;
	size_t i;

	json_array_foreach(json_object_get(root, "cases"), i, c) json_case(c);
	CHECK(json_array_size(json_object_get(root, "cases")) >= 8);
	json_decref(root);
}

/* The mainnet EIP-1559 vector with one byte changed or cut. */
static const char t2[] =
	"02f872018307910d808507204d2cb1827d0094388c818ca8b9251b393131c08a73"
	"6a67ccb19297880320d04823e2701c80c001a0cf024f4815304df2867a1a74e9d2"
	"707b6abda0337d2d54a4438d453f4160f190a07ac0e6b3bc9395b5b9c8b9e6d772"
	"04a236577a5b18467b9175c01de4faa208d9";

static enum trc_err decode_hex(struct eth_tx *tx, const char *hex,
			       struct trc_error *e)
{
	uint8_t buf[512];
	size_t n;
	enum trc_err rc = hex_decode(buf, sizeof(buf), &n, hex, strlen(hex), e);

	return rc ? rc : eth_tx_decode(tx, buf, n, e);
}

static void t_malformed_raw(void)
{
	struct eth_tx tx = ETH_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	char bad[sizeof(t2)];

	/* truncated by one byte */
	memcpy(bad, t2, sizeof(t2));
	bad[strlen(bad) - 2] = 0;
	CHECK_INT(decode_hex(&tx, bad, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "offset") != NULL);
	/* unknown type */
	memcpy(bad, t2, sizeof(t2));
	bad[1] = '5';
	CHECK_INT(decode_hex(&tx, bad, &e), TRC_ERR_UNSUPPORTED);
	CHECK(strstr(e.msg, "type 0x05") != NULL);
	/* chain id 1 written non-canonically as 0x81 0x01 cannot fit the
	 * list length; a nonce with a leading zero: 83 07 91 0d -> 83 00 .. */
	memcpy(bad, t2, sizeof(t2));
	memcpy(bad + 10, "00", 2);
	CHECK_INT(decode_hex(&tx, bad, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "nonce") && strstr(e.msg, "leading zero"));
	/* fuzzer finding: a legacy transaction behind a 0x00 type byte
	 * decoded, and re-encoded without it */
	CHECK_INT(decode_hex(&tx,
			     "00f86c098504a817c800825208943535353535353535"
			     "353535353535353535353535880de0b6b3a764000080"
			     "25a028ef61340bd939bc2195fe537567866003e1a15d"
			     "3c71ff63e1590620aa636276a067cbe9d8997f761aec"
			     "b703304b3800ccf555c9f3dc64214b297fb1966a3b6d"
			     "83",
			     &e),
		  TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "0x00 at offset 0") != NULL);
	/* a byte that is neither a type nor a list */
	CHECK_INT(decode_hex(&tx, "80", &e), TRC_ERR_PARSE);
	CHECK_INT(decode_hex(&tx, "", &e), TRC_ERR_PARSE);
	/* a list with too few fields */
	CHECK_INT(decode_hex(&tx, "02c3010203", &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "3 fields, expected 12") != NULL);
	eth_tx_release(&tx);
}

static void t_tampered_signature(void)
{
	struct eth_tx tx = ETH_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	uint8_t from[20];

	CHECK_OK(decode_hex(&tx, t2, &e), &e);
	CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
	memcpy(from, tx.from, 20);
	/* another value: the same signature recovers someone else */
	tx.value = amount_from_u64(1);
	CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
	CHECK(memcmp(from, tx.from, 20) != 0);
	/* y parity 2 is not a signature */
	tx.v = amount_from_u64(2);
	CHECK_INT(eth_tx_verify(&tx, false, &e), TRC_ERR_VERIFY);
	eth_tx_release(&tx);
}

static void t_json_claims(void)
{
	struct eth_tx tx = ETH_TX_INIT;
	struct trc_error e = TRC_ERROR_INIT;
	json_t *root = load("tests/vectors/eth/txs_json.json");
	json_t *obj = json_deep_copy(json_object_get(
		json_array_get(json_object_get(root, "cases"), 0), "tx"));

	/* a different from: decodes, verifies, from_ok false */
	json_object_set_new(
		obj, "from",
		json_string("0x0000000000000000000000000000000000000001"));
	CHECK_OK(eth_tx_from_json(&tx, obj, &e), &e);
	CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
	CHECK(tx.hash_ok && !tx.from_ok);
	eth_tx_release(&tx);
	/* a mixed-case from with a bad checksum is a parse error */
	json_object_set_new(
		obj, "from",
		json_string("0x71562B71999873db5b286df957af199ec94617f7"));
	CHECK_INT(eth_tx_from_json(&tx, obj, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "'from'") && strstr(e.msg, "EIP-55"));
	/* a field missing, a field malformed */
	json_object_del(obj, "from");
	json_object_set_new(obj, "value", json_string("12"));
	CHECK_INT(eth_tx_from_json(&tx, obj, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "'value'") != NULL);
	json_object_del(obj, "value");
	CHECK_INT(eth_tx_from_json(&tx, obj, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "missing field 'value'") != NULL);
	/* a chainId that disagrees with v */
	json_object_set_new(obj, "value", json_string("0x8"));
	json_object_set_new(obj, "chainId", json_string("0x5"));
	CHECK_INT(eth_tx_from_json(&tx, obj, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "chainId") != NULL);
	/* another hash: hash_ok false */
	json_object_set_new(obj, "chainId", json_string("0x1"));
	json_object_set_new(obj, "hash",
			    json_string("0x3fa586d2448ae279279fa7036da74eb93276"
					"3661543428c1a0aba21b95b3"
					"7bdc"));
	CHECK_OK(eth_tx_from_json(&tx, obj, &e), &e);
	CHECK_OK(eth_tx_verify(&tx, false, &e), &e);
	CHECK(!tx.hash_ok);
	eth_tx_release(&tx);
	/* Alchemy style: no chainId, taken from v */
	json_object_del(obj, "chainId");
	json_object_del(obj, "hash");
	CHECK_OK(eth_tx_from_json(&tx, obj, &e), &e);
	CHECK_INT(tx.chain_id, 1);
	eth_tx_release(&tx);
	/* type 0x7e (an OP-stack deposit) needs its own fields; whether a
	 * chain has it is the block's and decode's question (test_evm) */
	json_object_set_new(obj, "type", json_string("0x7e"));
	CHECK_INT(eth_tx_from_json(&tx, obj, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "sourceHash") != NULL);
	/* Arbitrum's submit-retryable type needs its own fields (test_evm);
	 * Arbitrum Classic's legacy type is refused by name */
	json_object_set_new(obj, "type", json_string("0x69"));
	CHECK_INT(eth_tx_from_json(&tx, obj, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "chainId") != NULL); /* deleted above */
	json_object_set_new(obj, "type", json_string("0x78"));
	CHECK_INT(eth_tx_from_json(&tx, obj, &e), TRC_ERR_UNSUPPORTED);
	CHECK(strstr(e.msg, "type 0x78") != NULL);
	json_object_set_new(obj, "type", json_string("0x7f"));
	CHECK_INT(eth_tx_from_json(&tx, obj, &e), TRC_ERR_UNSUPPORTED);
	json_decref(obj);
	json_decref(root);
}

TEST_MAIN({ "raw_vectors", t_raw_vectors }, { "json_vectors", t_json_vectors },
	  { "malformed_raw", t_malformed_raw },
	  { "tampered_signature", t_tampered_signature },
	  { "json_claims", t_json_claims })
