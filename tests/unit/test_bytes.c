#include "base/buf.h"
#include "base/err.h"
#include "base/hex.h"
#include "base/utf8.h"
#include "chains/btc/varint.h"
#include "tests/unit/harness.h"

static void t_hex(void)
{
	uint8_t out[8];
	size_t n;
	char s[17];
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_OK(hex_decode(out, sizeof(out), &n, "00ff10Ab", 8, &e), &e);
	CHECK_INT(n, 4);
	CHECK_STR(hex_encode(s, out, n), "00ff10ab");
	CHECK_STR(hex_encode_rev(s, out, n), "ab10ff00");
	CHECK_INT(hex_decode(out, sizeof(out), &n, "abc", 3, &e),
		  TRC_ERR_PARSE);
	CHECK_INT(hex_decode(out, sizeof(out), &n, "zz", 2, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "offset 0") != NULL);
	CHECK_INT(hex_decode(out, 2, &n, "001122", 6, &e), TRC_ERR_TOOBIG);
	CHECK_OK(hex_decode_rev(out, 4, "ab10ff00", &e), &e);
	CHECK(out[0] == 0 && out[3] == 0xab);
	CHECK(hex_is_exact("00ff", 2));
	CHECK(!hex_is_exact("00f", 2));
}

static void t_buf_cap(void)
{
	struct buf b = BUF_INIT(4);

	CHECK_OK(buf_append(&b, "abc", 3), NULL);
	CHECK_STR(buf_str(&b), "abc");
	CHECK_INT(buf_append(&b, "de", 2), TRC_ERR_TOOBIG);
	CHECK_INT(b.len, 3);
	CHECK_OK(buf_append_u8(&b, 'd'), NULL);
	CHECK_STR(buf_str(&b), "abcd");
	buf_release(&b);
	CHECK_STR(buf_str(&b), "");
	buf_release(&b);
}

static void t_reader(void)
{
	static const uint8_t data[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	struct reader r;
	struct trc_error e = TRC_ERROR_INIT;
	uint32_t v32;
	uint64_t v64;
	uint8_t v8;

	reader_init(&r, data, sizeof(data), "test input");
	CHECK_OK(reader_le32(&r, &v32, &e), &e);
	CHECK(v32 == 0x04030201);
	CHECK_OK(reader_u8(&r, &v8, &e), &e);
	CHECK_INT(reader_le64(&r, &v64, &e), TRC_ERR_PARSE);
	CHECK(strstr(e.msg, "truncated test input at offset 5") != NULL);
	CHECK_OK(reader_be32(&r, &v32, &e), &e);
	CHECK(v32 == 0x06070809);
	CHECK_INT(reader_left(&r), 0);
}

static void t_errors(void)
{
	struct trc_error e = TRC_ERROR_INIT;

	CHECK_INT(trc_fail(&e, TRC_ERR_VERIFY, "bad '%s'", "x"),
		  TRC_ERR_VERIFY);
	CHECK_STR(e.msg, "bad 'x'");
	CHECK_INT(trc_error_prefix(&e, TRC_ERR_VERIFY, "block %d", 5),
		  TRC_ERR_VERIFY);
	CHECK_STR(e.msg, "block 5: bad 'x'");
	CHECK_STR(trc_strerror(TRC_ERR_LOCKED), "database locked");
	CHECK_STR(trc_strerror((enum trc_err)999), "unknown error");
	CHECK_INT(trc_fail(NULL, TRC_ERR_IO, "ignored"), TRC_ERR_IO);
}

/* err may be NULL by contract: the callee's code still comes back. */
static void t_error_null(void)
{
	struct trc_error e = TRC_ERROR_INIT;
	struct reader r;
	uint8_t b = 0;
	uint64_t v;

	CHECK_INT(trc_error_prefix(NULL, TRC_ERR_CORRUPT, "block %d", 5),
		  TRC_ERR_CORRUPT);
	CHECK_INT(trc_error_prefix(NULL, TRC_ERR_NOMEM, "x"), TRC_ERR_NOMEM);
	/* with a buffer the code given wins over the one recorded */
	trc_fail(&e, TRC_ERR_PARSE, "short");
	CHECK_INT(trc_error_prefix(&e, TRC_ERR_TOOBIG, "field"),
		  TRC_ERR_TOOBIG);
	CHECK_INT(e.code, TRC_ERR_TOOBIG);
	CHECK_STR(e.msg, "field: short");
	/* a callee's code through a caller that prefixes, without a buffer
	 * (it came back as TRC_ERR_INVALID) */
	reader_init(&r, &b, 0, "empty");
	CHECK_INT(varint_read(&r, &v, "count", NULL), TRC_ERR_PARSE);
}

static void t_utf8(void)
{
	CHECK(utf8_valid_str(NULL));
	CHECK(utf8_valid_str(""));
	CHECK(utf8_valid_str("Z\xc3\xbcrich \xe2\x82\xac \xf0\x9f\x92\xb0"));
	CHECK(utf8_valid("a\0b", 3));
	CHECK(!utf8_valid_str("E\xff\xfe"));	    /* never in UTF-8 */
	CHECK(!utf8_valid_str("Z\xc3"));	    /* cut short */
	CHECK(!utf8_valid_str("\xc3("));	    /* bad continuation */
	CHECK(!utf8_valid_str("\xc0\xaf"));	    /* overlong '/' */
	CHECK(!utf8_valid_str("\xe0\x80\xaf"));	    /* overlong, 3 bytes */
	CHECK(!utf8_valid_str("\xed\xa0\x80"));	    /* surrogate D800 */
	CHECK(!utf8_valid_str("\xf4\x90\x80\x80")); /* above U+10FFFF */
	CHECK(utf8_valid_str("\xf4\x8f\xbf\xbf"));  /* U+10FFFF */
	CHECK(utf8_valid_str("\xed\x9f\xbf"));	    /* U+D7FF */
	CHECK(utf8_is_label(NULL));
	CHECK(utf8_is_label("Z\xc3\xbcrich \xc2\xa0"
			    "Exchange"));
	CHECK(!utf8_is_label("a\x1b[2Jb")); /* C0: ESC */
	CHECK(utf8_is_label("multi\nline\tlabel"));
	CHECK(!utf8_is_label("a\rb"));
	CHECK(!utf8_is_label("a\x7f")); /* DEL */
	CHECK(!utf8_is_label("a\xc2\x9b"
			     "2J")); /* C1: CSI */
	CHECK(!utf8_is_label("E\xff"));
}

TEST_MAIN({ "hex", t_hex }, { "buf_cap", t_buf_cap }, { "reader", t_reader },
	  { "errors", t_errors }, { "errors without a buffer", t_error_null },
	  { "utf8", t_utf8 })
