/*
 * Test tool: report_fixture DIR - writes a small Bitcoin-shaped database
 * for the report and export tests: a seed receiving 10 BTC, a split, a
 * merge with clean coins, two exits (one tagged with a hostile label), a
 * peel to an address that keeps its coins, and block records from two
 * sources. It also writes DIR.case-a.json (seed: the seed address) and
 * DIR.case-b.json (seed: address b, whose funds case a traces too).
 *
 * Addresses are valid mainnet P2PKH strings (base58check of fixed
 * hashes); txids are SHA-256 of labels. The records are stored as the
 * crawler stores them, but not derived from raw bytes: the trace reads
 * records only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "store/chaindb.h"
#include "store/tags.h"

#define COIN 100000000ull
#define T0 1704844800 /* 2024-01-10T00:00:00Z */
#define DAY 86400

static const char *const A_SEED = "15RhBK5HJUV6PGgJ4s8JPKRy9rp4hrjn83";
static const char *const A_A = "1uuM74WbRqyT5JMSPFmp5bEAEHd6ErSD1";
static const char *const A_B = "1EgDQWzHW9LeuWxZrtuqe5NQGaAppJQ5Fk";
static const char *const A_C = "1DEL33xxtEFjegjs7HMJDoFDMMLekxXCyx";
static const char *const A_D = "1JY2PR1wrERAzkjWbN44DZ2ZuRTdemLC69";
static const char *const A_E = "1HRLz4VdaUU7NxTe7NE4NCcJBoVKd69GXL";
static const char *const A_EX1 = "1AT9dTm5UohwnhMRnpKNmTvhFQiqXgBVai";
static const char *const A_EX2 = "1FegxN1Ru14Ti7BkvnCgeSUMrU9Pv7KAkc";
static const char *const A_CLEAN = "1AGjZmx461N923Vbx8yzdN9iWGZ5AcTYkM";

/* A label with everything that must stay inert in every format. */
static const char *const HOSTILE =
	"Evil \"Exchange\"]; x -> y [label=\"pwned\"\n"
	"<script>alert(1)</script> & 'co' | *bold* =1+1";

struct out_spec {
	const char *addr;
	uint64_t sat;
};

struct in_spec {
	const char *prev; /* label of the previous tx */
	uint32_t vout;
	const char *addr;
	uint64_t sat;
};

static int failed;

static void check(enum trc_err rc, const struct trc_error *e)
{
	if (rc) {
		fprintf(stderr, "report_fixture: %s\n", e->msg);
		failed = 1;
	}
}

static void txid_of(const char *label, uint8_t txid[32])
{
	hash_sha256(txid, label, strlen(label));
}

static void put_tx(struct store *s, const char *label, uint32_t height,
		   int64_t time, const struct in_spec *in, size_t n_in,
		   const struct out_spec *out, size_t n_out)
{
	struct rec_tx tx = REC_TX_INIT;
	struct store_batch *b = store_batch_new();
	struct trc_error e = TRC_ERROR_INIT;
	uint64_t sum_in = 0, sum_out = 0;
	uint8_t prev[32] = { 0 };

	tx.chain = CHAIN_BTC;
	txid_of(label, tx.txid);
	tx.height = height;
	tx.position = n_in ? 1 : 0;
	tx.time = time;
	tx.flags = REC_TX_INCLUDED; /* as a crawl of verified blocks has it */
	if (!n_in) {
		tx.flags |= REC_TX_COINBASE;
		check(rec_tx_add_input(&tx, prev, UINT32_MAX, REC_IN_COINBASE,
				       NULL, AMOUNT_ZERO, &e),
		      &e);
	}
	for (size_t i = 0; i < n_in; i++) {
		txid_of(in[i].prev, prev);
		check(rec_tx_add_input(&tx, prev, in[i].vout, REC_IN_RESOLVED,
				       in[i].addr, amount_from_u64(in[i].sat),
				       &e),
		      &e);
		sum_in += in[i].sat;
	}
	for (size_t i = 0; i < n_out; i++) {
		check(rec_tx_add_output(&tx, OUT_P2PKH, out[i].addr,
					amount_from_u64(out[i].sat), &e),
		      &e);
		sum_out += out[i].sat;
	}
	tx.fee = amount_from_u64(n_in ? sum_in - sum_out : 0);
	check(chaindb_put_tx(b, &tx, &e), &e);
	check(store_batch_commit(s, b, &e), &e);
	store_batch_free(b);
	rec_tx_release(&tx);
}

static void put_block(struct store *s, uint32_t h, int64_t time,
		      const char *src)
{
	struct rec_block bl = REC_BLOCK_INIT;
	struct store_batch *b = store_batch_new();
	struct trc_error e = TRC_ERROR_INIT;
	char label[32];

	snprintf(label, sizeof(label), "block %u", h);
	bl.chain = CHAIN_BTC;
	bl.height = h;
	hash_sha256(bl.hash, label, strlen(label));
	bl.time = time;
	bl.tx_count = 2;
	bl.fetched_at = 1700000000;
	bl.verified = REC_VERIFIED_TXIDS | REC_VERIFIED_ROOT |
		      REC_VERIFIED_POW | REC_VERIFIED_LINK;
	check(rec_set_str(&bl.source, src, &e), &e);
	check(chaindb_put_block(b, &bl, &e), &e);
	check(chaindb_put_checkpoint(b, CHAIN_BTC, h, bl.hash, &e), &e);
	if (h == 100)
		check(chaindb_put_network(b, CHAIN_BTC, "main", &e), &e);
	check(store_batch_commit(s, b, &e), &e);
	store_batch_free(b);
	rec_block_release(&bl);
}

static void put_tag(struct store *s, const char *addr, const char *entity,
		    uint8_t category, const char *source)
{
	struct tag t = TAG_INIT;
	struct store_batch *b = store_batch_new();
	struct trc_error e = TRC_ERROR_INIT;

	t.chain = CHAIN_BTC;
	t.category = category;
	t.confidence = 90;
	t.address = (char *)addr;
	t.entity = (char *)entity;
	t.source = (char *)source;
	check(tags_put(b, &t, &e), &e);
	check(store_batch_commit(s, b, &e), &e);
	store_batch_free(b);
}

static void chain(struct store *s)
{
	const struct out_spec o0[] = { { A_SEED, 10 * COIN },
				       { A_CLEAN, 5 * COIN } };
	const struct in_spec i1[] = { { "T0", 0, A_SEED, 10 * COIN } };
	const struct out_spec o1[] = { { A_A, 6 * COIN }, { A_B, 399990000 } };
	const struct in_spec i2[] = { { "T1", 0, A_A, 6 * COIN },
				      { "T0", 1, A_CLEAN, 5 * COIN } };
	const struct out_spec o2[] = { { A_EX1, 8 * COIN },
				       { A_C, 299980000 } };
	const struct in_spec i3[] = { { "T1", 1, A_B, 399990000 } };
	const struct out_spec o3[] = { { A_EX2, 1 * COIN },
				       { A_D, 299980000 } };
	const struct in_spec i4[] = { { "T3", 1, A_D, 299980000 } };
	const struct out_spec o4[] = { { A_E, 299970000 } };
	const struct in_spec i5[] = { { "T2", 1, A_C, 299980000 } };
	const struct out_spec o5[] = { { A_EX1, 299970000 } };

	put_tx(s, "T0", 100, T0, NULL, 0, o0, 2);
	put_tx(s, "T1", 101, T0 + DAY, i1, 1, o1, 2);
	put_tx(s, "T2", 102, T0 + 2 * DAY, i2, 2, o2, 2);
	put_tx(s, "T3", 103, T0 + 3 * DAY, i3, 1, o3, 2);
	put_tx(s, "T4", 104, T0 + 3 * DAY + 3600, i4, 1, o4, 1);
	put_tx(s, "T5", 105, T0 + 4 * DAY, i5, 1, o5, 1);
	for (uint32_t h = 100; h <= 105; h++)
		put_block(s, h, T0 + (h - 100) * DAY,
			  h < 103 ? "blk:/fixture/blocks"
				  : "http://127.0.0.1:8332");
	put_tag(s, A_EX1, HOSTILE, TAG_EXCHANGE, "list <b>one</b>");
	put_tag(s, A_EX2, "Plain Deposit Co", TAG_DEPOSIT, "list two");
}

static void write_case(const char *dir, const char *suffix, const char *name,
		       const char *seed)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s.%s.json", dir, suffix);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		failed = 1;
		return;
	}
	fprintf(f,
		"{\"name\": \"%s\", \"chain\": \"btc\", "
		"\"network\": \"main\", \"seeds\": [\"%s\"], "
		"\"policy\": \"haircut\", "
		"\"incident_time\": \"2024-01-10T00:00:00Z\", "
		"\"reported_loss\": {\"amount\": \"1000000000\", "
		"\"source\": \"https://example.org/<loss>\"}, "
		"\"notes\": \"notes with <script>alert(2)</script> and "
		"\\\"quotes\\\"\\n| a | table |\"}\n",
		name, seed);
	if (fclose(f)) {
		perror(path);
		failed = 1;
	}
}

int main(int argc, char **argv)
{
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;

	if (argc != 2) {
		fputs("usage: report_fixture DIR\n", stderr);
		return 2;
	}
	if (store_open(&s, argv[1], STORE_CREATE, &e)) {
		fprintf(stderr, "report_fixture: %s\n", e.msg);
		return 1;
	}
	chain(s);
	store_close(s);
	write_case(argv[1], "case-a", "Fixture A <b>&amp;</b>", A_SEED);
	write_case(argv[1], "case-b", "Fixture B", A_B);
	return failed;
}
