/*
 * Test tool: prov_fixture DIR - writes a small Ethereum-shaped database
 * whose records have every provenance level (store/record.h,
 * rec_tx_level), and DIR.case.json tracing it from the seed S:
 *
 *   T0 (block 10, included)          F -> S  10 ETH native   verified
 *   T1 (block 11, included)          S -> E1  3 ETH native   verified
 *   T2 (block 12, included, proven)  S -> E2  2 ETH internal proven
 *   T3 (block 13, included)          S -> I   4 ETH internal asserted
 *   T4 (block 14, included)          I -> E3  4 ETH native   verified
 *   T5 (block 15, not included)      S -> E4  1 ETH native   asserted
 *
 * E1..E4 are tagged exchanges, so the exits' levels are: E1 verified, E2
 * proven, E3 asserted (its own transfer is verified, the one that brought
 * the funds to I is the node's word), E4 asserted. Block 12 carries the
 * balance-proof bit. I spends two days after its receipt (no deposit
 * inference makes it an exit). Addresses are digits only (their EIP-55 form).
 */
#include <stdio.h>
#include <string.h>

#include "base/hash.h"
#include "store/chaindb.h"
#include "store/tags.h"

#define ETH 1000000000000000000ull
#define T0 1704844800 /* 2024-01-10T00:00:00Z */

#define A_F "0x9999999999999999999999999999999999999999"
#define A_S "0x1111111111111111111111111111111111111111"
#define A_I "0x5555555555555555555555555555555555555555"
#define A_E1 "0x2222222222222222222222222222222222222222"
#define A_E2 "0x3333333333333333333333333333333333333333"
#define A_E3 "0x4444444444444444444444444444444444444444"
#define A_E4 "0x6666666666666666666666666666666666666666"

static int failed;

static void check(enum trc_err rc, const struct trc_error *e)
{
	if (rc) {
		fprintf(stderr, "prov_fixture: %s\n", e->msg);
		failed = 1;
	}
}

/* One tx of one leg in block h (with its block record). */
static void put(struct store *s, const char *label, uint32_t h, uint8_t flags,
		uint8_t kind, const char *from, const char *to, uint64_t eth)
{
	struct rec_tx tx = REC_TX_INIT;
	struct rec_block bl = REC_BLOCK_INIT;
	struct store_batch *b = store_batch_new();
	struct trc_error e = TRC_ERROR_INIT;

	tx.chain = CHAIN_ETH;
	hash_sha256(tx.txid, label, strlen(label));
	tx.height = h;
	/* a day and more between I's receipt and its spend: no deposit
	 * inference (docs/taint.md) makes I an exit */
	tx.time = T0 + (int64_t)(h < 14 ? h * 600 : (h - 12) * 86400);
	tx.flags = flags;
	check(rec_tx_add_leg(&tx, kind, NULL, from, to,
			     amount_from_u64(eth * ETH), &e),
	      &e);
	check(chaindb_put_tx(b, &tx, &e), &e);
	bl.chain = CHAIN_ETH;
	bl.height = h;
	hash_sha256(bl.hash, &h, sizeof(h));
	bl.time = tx.time;
	bl.tx_count = 1;
	bl.verified = REC_VERIFIED_TXIDS | REC_VERIFIED_ROOT |
		      REC_VERIFIED_SIGS | REC_VERIFIED_HEADER |
		      (flags & REC_TX_PROVEN ? REC_VERIFIED_BALANCES : 0);
	check(rec_set_str(&bl.source, "http://127.0.0.1:8545", &e), &e);
	check(chaindb_put_block(b, &bl, &e), &e);
	check(store_batch_commit(s, b, &e), &e);
	store_batch_free(b);
	rec_block_release(&bl);
	rec_tx_release(&tx);
}

static void tag(struct store *s, const char *addr, const char *entity)
{
	struct tag t = TAG_INIT;
	struct store_batch *b = store_batch_new();
	struct trc_error e = TRC_ERROR_INIT;

	t.chain = CHAIN_ETH;
	t.category = TAG_EXCHANGE;
	t.confidence = 90;
	t.address = (char *)addr;
	t.entity = (char *)entity;
	t.source = (char *)"prov fixture";
	check(tags_put(b, &t, &e), &e);
	check(store_batch_commit(s, b, &e), &e);
	store_batch_free(b);
}

int main(int argc, char **argv)
{
	const uint8_t inc = REC_TX_INCLUDED;
	struct store *s = NULL;
	struct trc_error e = TRC_ERROR_INIT;
	char path[4096];
	FILE *f;

	if (argc != 2) {
		fputs("usage: prov_fixture DIR\n", stderr);
		return 2;
	}
	if (store_open(&s, argv[1], STORE_CREATE, &e)) {
		fprintf(stderr, "prov_fixture: %s\n", e.msg);
		return 1;
	}
	put(s, "T0", 10, inc, LEG_NATIVE, A_F, A_S, 10);
	put(s, "T1", 11, inc, LEG_NATIVE, A_S, A_E1, 3);
	put(s, "T2", 12, inc | REC_TX_PROVEN, LEG_INTERNAL, A_S, A_E2, 2);
	put(s, "T3", 13, inc, LEG_INTERNAL, A_S, A_I, 4);
	put(s, "T4", 14, inc, LEG_NATIVE, A_I, A_E3, 4);
	put(s, "T5", 15, 0, LEG_NATIVE, A_S, A_E4, 1);
	tag(s, A_E1, "Verified Exchange");
	tag(s, A_E2, "Proven Exchange");
	tag(s, A_E3, "Downstream Exchange");
	tag(s, A_E4, "Unincluded Exchange");
	store_close(s);
	snprintf(path, sizeof(path), "%s.case.json", argv[1]);
	f = fopen(path, "w");
	if (!f ||
	    fprintf(f,
		    "{\"name\": \"Provenance\", \"chain\": \"eth\", "
		    "\"network\": \"main\", \"seeds\": [\"%s\"], "
		    "\"policy\": \"haircut\"}\n",
		    A_S) < 0 ||
	    fclose(f)) {
		perror(path);
		return 1;
	}
	return failed;
}
