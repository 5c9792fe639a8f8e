#!/bin/sh
# test_crawl_tron - crawl, trace and report Tron from a java-tron HTTP API
# (tests/cli/tron_node.py): real recorded blocks and a synthetic chain
# verified and stored; every lie of a lying node refused with exit 1 and a
# message naming the block and what failed, nothing of it stored.
. "${TRACER_SRC:-.}/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	skip all "python3 is not installed"
	finish
	exit 0
fi

NODE_PID=
T_CLEANUP_HOOK='[ -n "$NODE_PID" ] && kill "$NODE_PID" 2>/dev/null'
VEC="${TRACER_SRC:-.}/tests/vectors/tron/blocks.json"
HACKER=41900150ae2ebfa000b13923897bb5e4ecfa8753bc
EXCHANGE=414dd9a3a06343af487c92678aa2a2088531cc4a14

# start MODE: the node in MODE; sets URL
start() {
	[ -n "$NODE_PID" ] && kill "$NODE_PID" 2>/dev/null
	rm -f "$T_TMP/port"
	python3 "${TRACER_SRC:-.}/tests/cli/tron_node.py" "$1" "$VEC" \
		>"$T_TMP/port" 2>"$T_TMP/node.err" &
	NODE_PID=$!
	_i=0
	# a hang guard for a loaded machine, not a measure
	while ! grep -q '^[0-9][0-9]*$' "$T_TMP/port" 2>/dev/null &&
		[ $_i -lt 600 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	URL="http://127.0.0.1:$(head -n 1 "$T_TMP/port")"
}

crawl() {
	timeout 300 "$TRACER" --db "$1" crawl tron --http "$URL" \
		--confirmations 0 --retries 0 --from "$2" --to "$3"
}

# decode: real recorded data, offline
python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
json.dump(d["b2657"], open(sys.argv[2] + "/b2657.json", "w"))
t = d["b84940008"]["transactions"][0]
json.dump(t, open(sys.argv[2] + "/tx.json", "w"))
t["raw_data"]["contract"][0]["parameter"]["value"]["amount"] = 2001
json.dump(t, open(sys.argv[2] + "/tx-bad.json", "w"))' "$VEC" "$T_TMP"
run "decode block" 0 "$TRACER" decode --chain tron "$T_TMP/b2657.json"
contains "decode block id" "$T_TMP/out" \
	'"block_id": "0000000000000a611841e6cd79f99249d7e974e41c0f5b016eb3c64e43fcb01c"'
contains "decode block signed" "$T_TMP/out" '"signed_by_owners": true'
run "decode tx" 0 "$TRACER" decode --chain tron - <"$T_TMP/tx.json"
contains "decode tx owner" "$T_TMP/out" \
	'"owner": "TNiNiarGhhZubczEBoei88KYrbByM2QmNd"'
contains "decode tx trc10" "$T_TMP/out" '"asset": "1005125"'
run "decode tampered tx" 1 "$TRACER" decode --chain tron "$T_TMP/tx-bad.json"
contains "decode tampered says" "$T_TMP/err" \
	"'amount' 2001 differs from raw_data_hex's 2000"

start good
DB="$T_TMP/db"
# decode a block with its infos, as the node serves them
python3 -c 'import json, sys, urllib.request as u
def post(p):
    r = u.Request(sys.argv[1] + p, data=b"{\"num\": 1001}")
    return json.load(u.urlopen(r, timeout=60))
json.dump({"block": post("/wallet/getblockbynum"),
           "infos": post("/wallet/gettransactioninfobyblocknum")},
          open(sys.argv[2], "w"))' "$URL" "$T_TMP/b1001.json"
run "decode with infos" 0 "$TRACER" decode --chain tron "$T_TMP/b1001.json"
contains "decode infos token" "$T_TMP/out" \
	'"asset": "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"'
contains "decode infos fee" "$T_TMP/out" '"fee": "345000"'
# real mainnet blocks, empty: id, witness signature, zero root
run "real block 2657" 0 crawl "$T_TMP/db-2657" 2657 2657
run "real block 1018316" 0 crawl "$T_TMP/db-1018316" 1018316 1018316
run "real blocks db check" 0 "$TRACER" --db "$T_TMP/db-2657" db check
# a document lists 1 of the block's transactions: the root cannot match
run "partial real block refused" 1 crawl "$T_TMP/db-partial" 30864544 \
	30864544
contains "partial names the root" "$T_TMP/err" \
	"block 30864544: txTrieRoot is not the merkle root of its 1"
run "synthetic chain" 0 crawl "$DB" 1000 1005
run "db check" 0 "$TRACER" --db "$DB" db check
run "stats" 0 "$TRACER" --db "$DB" --json db stats
run "tag exchange" 0 "$TRACER" --db "$DB" tag add --chain tron $EXCHANGE \
	--entity "Some Exchange" --category exchange
run "trace" 0 "$TRACER" --db "$DB" --json trace --chain tron \
	--seed $HACKER
cp "$T_TMP/out" "$T_TMP/trace.json"
# 10 TRX in: 2 to the exchange, fees 0.345 x 2 (hacker) + 0.1 (a
# reverted call) + 0.345 (mule), the rest held; 3 USDT in: 0.6 to the
# exchange, 0.4 destroyed by Tether (its own term of the identity), the
# rest held: 1.9 at the hacker (frozen, then released), 0.1 at the mule
# (frozen again after its release)
run "trace text" 0 "$TRACER" --db "$DB" trace --chain tron --seed $HACKER
contains "TRX identity" "$T_TMP/out" \
	"TRX: seed total 10.000000 = exits 2.000000 + held 6.865000 + fees 1.135000 + unresolved 0.000000  (balanced)"
contains "USDT identity" "$T_TMP/out" \
	"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t: seed total 3000000 = exits 600000 + held 2000000 + fees 0 + destroyed 400000 + unresolved 0  (balanced)"
contains "exit named" "$T_TMP/out" "Some Exchange"
contains "frozen shown" "$T_TMP/out" "held, frozen by the issuer: 100000"
contains "frozen held address" "$T_TMP/out" \
	" 100000 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t (frozen)"
lacks "released not frozen" "$T_TMP/out" "1900000 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t (frozen)"
run "trace poison" 0 "$TRACER" --db "$DB" trace --chain tron --seed $HACKER \
	--policy poison
contains "poison destroyed" "$T_TMP/out" \
	"fees 0, destroyed 400000, unresolved 0"
python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
u = [a for a in d["assets"] if a["asset"].startswith("TR7N")][0]
assert (u["destroyed"], u["frozen"], u["held"]) == ("400000", "100000",
    "2000000"), u
assert [(x["address"], x["amount"]) for x in d["destroyed"]] == [
    ("TFH7Gd7mWprWz8kVLbteQTq4o8kMjXUN8V", "400000")], d["destroyed"]
f = {(h["address"], h["asset"][:4]): h["frozen"] for h in d["held"]}
assert f[("TFH7Gd7mWprWz8kVLbteQTq4o8kMjXUN8V", "TR7N")] is True, f
assert f[("TP6dt4WdAYKiLYvHp3ddAWkEkH2FVGio15", "TR7N")] is False, f
assert f[("TFH7Gd7mWprWz8kVLbteQTq4o8kMjXUN8V", "TRX")] is False, f' \
	"$T_TMP/trace.json" >"$T_TMP/py.out" 2>&1 &&
	pass "trace json frozen and destroyed" ||
	fail "trace json frozen and destroyed" "$(cat "$T_TMP/py.out")"
# the mule holds 5 + 1 (through the forwarder's internal transaction)
# - 2 - 0.1 - 0.345 TRX
contains "internal transfer followed" "$T_TMP/out" "3.555000 TRX"
run "address" 0 "$TRACER" --db "$DB" address --chain tron $HACKER
contains "address base58" "$T_TMP/out" "TP6dt4WdAYKiLYvHp3ddAWkEkH2FVGio15"
run "case" 0 "$TRACER" case init "$T_TMP/case.json" --chain tron \
	--seed $HACKER
run "report" 0 "$TRACER" --db "$DB" report --case "$T_TMP/case.json" \
	--format md -o "$T_TMP/report.md"
contains "report names the exchange" "$T_TMP/report.md" "Some Exchange"
contains "report identity destroyed" "$T_TMP/report.md" \
	"+ destroyed 400000 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t + unresolved"
contains "report identity frozen" "$T_TMP/report.md" \
	"of the held, 100000 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t frozen by the issuer (balanced)"
contains "report identity names destroyed" "$T_TMP/report.md" \
	"(seed total = exits + held + fees + destroyed + unresolved)"
contains "report destroyed section" "$T_TMP/report.md" "Destroyed"
contains "report frozen column" "$T_TMP/report.md" "frozen by the issuer |"
run "report csv" 0 "$TRACER" --db "$DB" report --case "$T_TMP/case.json" \
	--format csv -o "$T_TMP/report.csv"
contains "csv destroyed row" "$T_TMP/report.csv" ",destroyed,"
contains "csv frozen row" "$T_TMP/report.csv" ",frozen,"
run "db check after blacklist" 0 "$TRACER" --db "$DB" db check

# follow mode: TronGrid's histories, each transaction proven by its block
run "follow" 0 timeout 300 "$TRACER" --db "$T_TMP/db-follow" crawl tron \
	--http "$URL" --retries 0 --follow --seed $HACKER --hops 3
# 10 of the 11 not by Tether's issuer: the destroy, freeze and release
# calls are in no history of the addresses followed
contains "follow stored all" "$T_TMP/out" "txs       10"
run "follow tag" 0 "$TRACER" --db "$T_TMP/db-follow" tag add --chain tron \
	$EXCHANGE --entity "Some Exchange" --category exchange
run "follow trace" 0 "$TRACER" --db "$T_TMP/db-follow" trace --chain tron \
	--seed $HACKER
contains "follow trace identity" "$T_TMP/out" \
	"TRX: seed total 10.000000 = exits 2.000000 + held 6.865000 + fees 1.135000 + unresolved 0.000000  (balanced)"
run "follow db check" 0 "$TRACER" --db "$T_TMP/db-follow" db check

# an API key (TronGrid's header) from the environment, never shown
KEY=tr0n-k3y-$$
TRON_NODE_KEY=$KEY
export TRON_NODE_KEY
start good
unset TRON_NODE_KEY
run "key missing" 1 crawl "$T_TMP/db-nokey" 1000 1001
contains "key missing says" "$T_TMP/err" "401"
TRACER_TRON_API_KEY=$KEY
export TRACER_TRON_API_KEY
run "key" 0 crawl "$T_TMP/db-key" 1000 1001
run "key follow" 0 timeout 300 "$TRACER" --db "$T_TMP/db-key-follow" \
	crawl tron --http "$URL" --retries 0 --follow --seed $HACKER --hops 1
lacks "key not shown" "$T_TMP/out" "$KEY"
lacks "key not shown on stderr" "$T_TMP/err" "$KEY"
unset TRACER_TRON_API_KEY

# lie NAME MODE TEXT [TEXT2]: the crawl of 1000..1005 fails naming TEXT
# (and TEXT2); the db keeps nothing of the bad block
lie() {
	start "$2"
	D="$T_TMP/db-$1"
	run "$1" 1 crawl "$D" 1000 1005
	contains "$1 says" "$T_TMP/err" "$3"
	[ -n "${4:-}" ] && contains "$1 says what" "$T_TMP/err" "$4"
	if [ -d "$D" ]; then
		run "$1 db check" 0 "$TRACER" --db "$D" db check
	fi
}

lie amount amount "block 1002, transaction 0 (" \
	"'amount' 20000000 differs from raw_data_hex's 2000000"
lie data data "block 1001, transaction 0 (" \
	"'data' differs from raw_data_hex's"
lie txid txid "txID is not SHA-256 of raw_data_hex"
lie root root "block 1002: txTrieRoot is not the merkle root of its 2"
lie blockid blockid "block 1002: blockID is not the height and SHA-256"
lie log log "a successful transfer() call without its Transfer log"
lie info info "block 1002: info 0 is not for transaction"
lie parent parent "block 1003 does not link to the stored block 1002"
# a follow through a lying node: the proof of the transaction fails
start log
run "follow lie" 1 timeout 300 "$TRACER" --db "$T_TMP/db-follow-lie" \
	crawl tron --http "$URL" --retries 0 --follow --seed $HACKER --hops 3
contains "follow lie says" "$T_TMP/err" \
	"a successful transfer() call without its Transfer log"
finish
