#!/bin/sh
# test_crawl_hostile - crawl against a node that lies (tests/cli/
# hostile_node.py): every lie ends in exit 1 with a message naming what
# and where, no sanitizer report, and a database that passes 'db check'
# with nothing of the bad batch in it.
. "${TRACER_SRC:-.}/tests/lib.sh"
. "${TRACER_SRC:-.}/tests/nodes/nodes.sh"

if ! command -v python3 >/dev/null 2>&1; then
	skip all "python3 is not installed"
	finish
	exit 0
fi

# start CHAIN MODE: a node in MODE; sets URL
start() {
	hostile_start "$1" "$2"
	URL="http://user:pw-hostile-9@127.0.0.1:$HOSTILE_PORT"
}

# lie NAME CHAIN MODE TEXT: the crawl fails naming TEXT; the db is sound
lie() {
	start "$2" "$3"
	DB="$T_TMP/db-$1"
	run "$1" 1 timeout 120 "$TRACER" --db "$DB" crawl "$2" --rpc "$URL" \
		--confirmations 0 --retries 0 --to 11
	cp "$T_TMP/err" "$T_TMP/err-$1"
	contains "$1 says" "$T_TMP/err" "$4"
	lacks "$1 no password" "$T_TMP/err" "pw-hostile-9"
	if [ -d "$DB" ]; then
		run "$1 db check" 0 "$TRACER" --db "$DB" db check
		run "$1 db stats" 0 "$TRACER" --db "$DB" --json db stats
		contains "$1 no block stored" "$T_TMP/out" '"block": 0,'
	fi
}

start btc good
run good 0 timeout 120 "$TRACER" --db "$T_TMP/db-good" crawl btc \
	--rpc "$URL" --confirmations 0 --retries 0
run "good db check" 0 "$TRACER" --db "$T_TMP/db-good" db check
# a report on a database without a single tag (qsort of no tag sources
# was handed NULL: UBSan stopped the report)
run "good case" 0 "$TRACER" case init "$T_TMP/good.json" --chain btc \
	--network regtest --seed mfWxJ45yp2SFn7UciZyNpvDKrzbhyfKrY8
for f in md json; do
	run "good report $f" 0 "$TRACER" --db "$T_TMP/db-good" report \
		--case "$T_TMP/good.json" --format $f
done
contains "good report names the source" "$T_TMP/out" '"source": "http://***@127.0.0.1:'

lie block_other btc block-other "block 3: the source sent block "
lie block_trunc btc block-trunc "block 3: transaction count at offset 80"
lie hash_int btc hash-int "getblockhash 0: not a block hash"
lie html btc html "getblockchaininfo: invalid JSON at byte 1"
lie empty btc empty "getblockchaininfo: empty answer (HTTP 200)"
# the node's message is shown, its control bytes escaped, the block named
lie getblock_error btc getblock-error \
	'block 2: http://***@127.0.0.1:'
contains "getblock_error escaped" "$T_TMP/err-getblock_error" \
	'evil \x1b]0;owned\x07\x1b[2J\x0d\x0aforged'
# receipts fetched one by one, one fails: a clean error, nothing leaked
lie receipt_fails eth receipt-fails "receipt gone"
# a block of another number: refused, naming the block asked
lie other_number eth other-number \
	"block 0: eth_getBlockByNumber answered with block '0x5'"

# answers under the wrong ids: batches are given up for single calls,
# whose data is verified as ever
start btc wrong-ids
run wrong_ids 0 timeout 120 "$TRACER" --db "$T_TMP/db-ids" crawl btc \
	--rpc "$URL" --confirmations 0 --retries 0
run "wrong_ids db check" 0 "$TRACER" --db "$T_TMP/db-ids" db check
# Esplora follow mode: a history whose next page is the same page is an
# error, not 40 rounds of the same 25 transactions
start esplora same-page
run same_page 1 timeout 120 "$TRACER" --db "$T_TMP/db-page" crawl btc \
	--esplora "$URL" --follow --seed 1BoatSLRHtKNngkdXEeobR76b53LETtpyT \
	--retries 0
contains "same_page says" "$T_TMP/err" \
	"history of 1BoatSLRHtKNngkdXEeobR76b53LETtpyT: http://***@127.0.0.1:"
contains "same_page names it" "$T_TMP/err" "the server repeats the page"
# it stored nothing: the database it created is not kept
[ ! -e "$T_TMP/db-page" ] && pass "same_page no database" ||
	fail "same_page no database" "$(ls "$T_TMP/db-page")"
finish
