/*
 * RLP: the valid and invalid vectors of ethereum/tests RLPTests
 * (rlptest.json, invalidRLPTest.json), each decoded recursively and
 * re-encoded, plus the canonical-integer rules.
 */
#include <stdlib.h>

#include "base/hex.h"
#include "chains/eth/rlp.h"
#include "tests/unit/harness.h"

/* Decodes every nested item of it and re-encodes it into out. */
static enum trc_err walk(const struct rlp_item *it, struct buf *out, int depth,
			 struct trc_error *e)
{
	struct rlp_iter iter;
	struct rlp_item child;
	struct buf payload = BUF_INIT(1 << 20);
	bool done = false;
	enum trc_err rc;

	if (!it->list)
		return rlp_put_bytes(out, it->p, it->len);
	if (depth > 64)
		return TRC_ERR_PARSE;
	rlp_iter_init(&iter, it);
	for (;;) {
		rc = rlp_iter_next(&iter, &child, &done, e);
		if (rc || done)
			break;
		rc = walk(&child, &payload, depth + 1, e);
		if (rc)
			break;
	}
	if (!rc)
		rc = rlp_put_list(out, payload.data, payload.len);
	buf_release(&payload);
	return rc;
}

static enum trc_err roundtrip(const char *hex, struct buf *out,
			      struct trc_error *e)
{
	uint8_t *raw;
	size_t n, hl;
	struct rlp_item it;
	enum trc_err rc;

	if (hex[0] == '0' && hex[1] == 'x')
		hex += 2;
	hl = strlen(hex);
	raw = malloc(hl / 2 + 1);
	rc = hex_decode(raw, hl / 2 + 1, &n, hex, hl, e);
	if (!rc)
		rc = rlp_decode(&it, raw, n, 0, e);
	if (!rc)
		rc = walk(&it, out, 0, e);
	if (!rc && (out->len != n || memcmp(out->data, raw, n)))
		rc = TRC_ERR_VERIFY;
	free(raw);
	return rc;
}

static const char *const valid[] = {
	"0x80",
	"0x00",
	"0x01",
	"0x7f",
	"0x83646f67",
	"0xb74c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e"
	"7365637465747572206164697069736963696e6720656c69",
	"0xb8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f"
	"6e7365637465747572206164697069736963696e6720656c6974",
	"0x8180",
	"0x8203e8",
	"0x830186a0",
	"0x8f102030405060708090a0b0c0d0e0f2",
	"0x9c0100020003000400050006000700080009000a000b000c000d000e01",
	"0xc0",
	"0xcc83646f6783676f6483636174",
	"0xc6827a77c10401",
	"0xf784617364668471776572847a78637684617364668471776572847a78637684"
	"617364668471776572847a78637684617364668471776572",
	"0xf840cf84617364668471776572847a786376cf84617364668471776572847a78"
	"6376cf84617364668471776572847a786376cf84617364668471776572847a7863"
	"76",
	"0xc4c2c0c0c0",
	"0xc7c0c1c0c3c0c1c0",
	"0xecca846b6579318476616c31ca846b6579328476616c32ca846b657933847661"
	"6c33ca846b6579348476616c34",
	"0xa101000000000000000000000000000000000000000000000000000000000000000"
	"0",
};

static const char *const invalid[] = {
	"0xbf0f000000000000021111",
	"0xff0f000000000000021111",
	"0xf80180",
	"0xf80100",
	"0xb9002100dc2b275d0f74e8a53e6f4ec61b27f24278820be3f82ea2110e582081b0"
	"565df0",
	"0xf861f83eb9002100dc2b275d0f74e8a53e6f4ec61b27f24278820be3f82ea2110e"
	"582081b0565df027b90015002d5ef8325ae4d034df55d4b58d0dfba64d61ddd17be0"
	"0000b9001a00dae30907045a2f66fa36f2bb8aa9029cbb0b8a7b3b5c435ab331",
	"0x8100",
	"0x8101",
	"0x817F",
	"b90040000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e"
	"1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
	"b800",
	"fb00000040000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c"
	"1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e"
	"3f",
	"f800",
	"b81000112233445566778899aabbccddeeff",
	"b801ff",
	"f810000102030405060708090a0b0c0d0e0f",
	"f803112233",
	/* not from the suite: truncation, trailing bytes, empty input */
	"83646f",
	"8364",
	"c3c0c0",
	"83646f6700",
	"",
};

static void t_valid_vectors(void)
{
	struct trc_error e = TRC_ERROR_INIT;

	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		struct buf out = BUF_INIT(1 << 20);
		enum trc_err rc = roundtrip(valid[i], &out, &e);

		if (rc)
			t_fail(__FILE__, __LINE__, "valid vector %zu: %s", i,
			       e.msg);
		buf_release(&out);
	}
}

static void t_invalid_vectors(void)
{
	struct trc_error e = TRC_ERROR_INIT;

	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		struct buf out = BUF_INIT(1 << 20);
		enum trc_err rc = roundtrip(invalid[i], &out, &e);

		if (rc != TRC_ERR_PARSE)
			t_fail(__FILE__, __LINE__,
			       "invalid vector %zu accepted (rc %d)", i, rc);
		buf_release(&out);
	}
}

static void t_messages_name_offsets(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	struct rlp_item it, items[4];
	size_t n;
	static const uint8_t nested[] = { 0xc4, 0x01, 0x81, 0x05, 0x02 };
	static const uint8_t trailing[] = { 0x01, 0x02 };

	CHECK_OK(rlp_decode(&it, nested, sizeof(nested), 10, &e), &e);
	CHECK_INT(rlp_list(&it, items, 4, &n, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "offset 12") != NULL);
	CHECK(strstr(e.msg, "single byte") != NULL);
	CHECK_INT(rlp_decode(&it, trailing, 2, 0, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "trailing") != NULL);
}

static void t_list_cap(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	struct rlp_item it, items[2];
	size_t n;
	static const uint8_t l3[] = { 0xc3, 0x01, 0x02, 0x03 };

	CHECK_OK(rlp_decode(&it, l3, 4, 0, &e), &e);
	CHECK_INT(rlp_list(&it, items, 2, &n, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "more than 2") != NULL);
}

static void t_integers(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	struct rlp_item it;
	uint64_t v;
	trc_amount a;
	struct buf b = BUF_INIT(64);
	static const uint8_t zero_lead[] = { 0x82, 0x00, 0x01 };
	static const uint8_t nine[] = { 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	static const uint8_t list[] = { 0xc0 };

	CHECK_OK(rlp_decode(&it, zero_lead, 3, 0, &e), &e);
	CHECK_INT(rlp_get_u64(&it, &v, "nonce", &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "nonce") && strstr(e.msg, "leading zero"));
	CHECK_INT(rlp_get_amount(&it, &a, "value", &e), TRC_ERR_PARSE);
	CHECK_OK(rlp_decode(&it, nine, sizeof(nine), 0, &e), &e);
	CHECK_INT(rlp_get_u64(&it, &v, "gas", &e), TRC_ERR_PARSE);
	CHECK_OK(rlp_get_amount(&it, &a, "value", &e), &e);
	CHECK_OK(rlp_decode(&it, list, 1, 0, &e), &e);
	CHECK_INT(rlp_get_u64(&it, &v, "gas", &e), TRC_ERR_PARSE);
	/* encode: 0 is the empty string, 1024 two bytes */
	CHECK_OK(rlp_put_u64(&b, 0), &e);
	CHECK_OK(rlp_put_u64(&b, 1024), &e);
	CHECK_OK(rlp_put_amount(&b, amount_from_u64(0x7f)), &e);
	CHECK_INT(b.len, 5);
	CHECK(!memcmp(b.data, "\x80\x82\x04\x00\x7f", 5));
	buf_release(&b);
}

TEST_MAIN({ "valid_vectors", t_valid_vectors },
	  { "invalid_vectors", t_invalid_vectors },
	  { "messages_name_offsets", t_messages_name_offsets },
	  { "list_cap", t_list_cap }, { "integers", t_integers })
