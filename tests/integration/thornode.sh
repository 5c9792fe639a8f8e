#!/bin/sh
# thornode - crawl --thornode URL --inbound HASH: a THORChain swap's
# outbound found through a THORNode and proven on Bitcoin. bcoin 1.0.2
# regtest (started here, stopped by PID) mines the scenario of
# tests/nodes/thornode_scenario.js: a vault's outbound with the memo
# OUT:<inbound>, a refund with REFUND:<inbound>, a payment with no memo,
# and the destination paying on. tests/nodes/esplora_server.js serves the
# blocks as Esplora; tests/integration/thornode_mock.py stands in for the
# THORNode (answers shaped as THORNode's tx status). Then:
#   * the outbound is crawled, proven and stored; --json names it
#   * --follow: the destination address is a seed, the walk reaches the
#     address it paid
#   * a pending swap, a refund, an outbound on another chain, an inbound
#     the node never saw: clear messages, nothing stored
#   * a node that lies - names a tx without the memo, one whose memo
#     names another inbound, a refund as an outbound, another payee, a
#     txid not on the chain, an answer that is not JSON: refused, nothing
#     stored
#   * a node that stalls: timed out (--timeout), nothing stored
#   * Ethereum (anvil 1.7.1, tests/nodes/thor_eth_scenario.js): a router
#     of our own emits TransferOut with OUT:<inbound>; the outbound is
#     proven (its block and receipts verified) and stored, the amount in
#     wei exact, --follow reaches where the payee paid; a plain transfer
#     named as the outbound is refused
. "${TRACER_SRC:-.}/tests/lib.sh"
. "${TRACER_SRC:-.}/tests/nodes/nodes.sh"
T0=$(date +%s)
MOCK_PID=
T_CLEANUP_HOOK='nodes_stop; [ -n "$MOCK_PID" ] && kill "$MOCK_PID" 2>/dev/null'

if ! command -v node >/dev/null 2>&1; then
	fail "node" "node.js is not installed (make deps-test installs it)"
	finish
	exit 1
fi
nodes_install || { fail "npm install"; finish; exit 1; }
bcoin_start
if ! wait_port "$BCOIN_NODE_PORT" || ! wait_port "$BCOIN_WALLET_PORT"; then
	fail "bcoin starts" "$(tail -n 20 "$T_TMP/bcoin.log")"
	finish
	exit 1
fi
if ! node "$NODES_DIR/thornode_scenario.js" "$T_TMP" >"$T_TMP/scenario.log" 2>&1
then
	fail "thorchain scenario" "$(tail -n 20 "$T_TMP/scenario.log")"
	finish
	exit 1
fi
pass "thorchain scenario on bcoin"
J="$T_TMP/thor.json"
node "$NODES_DIR/esplora_server.js" "$J" "$T_TMP/esplora.port" \
	>"$T_TMP/esplora.log" 2>&1 &
ESPLORA_PID=$!
i=0
while [ ! -s "$T_TMP/esplora.port" ] && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
EURL="http://127.0.0.1:$(cat "$T_TMP/esplora.port")"

IN=$(jget "$J" 'd["inbound"]')
RIN=$(jget "$J" 'd["refund_inbound"]')
OUT=$(jget "$J" 'd["txids"]["out"]')
REFUND=$(jget "$J" 'd["txids"]["refund"]')
PLAIN=$(jget "$J" 'd["txids"]["plain"]')
DEST=$(jget "$J" 'd["names"]["dest"]')
DEST2=$(jget "$J" 'd["names"]["dest2"]')
NEXT=$(jget "$J" 'd["names"]["next"]')
up() { echo "$1" | tr 'a-f' 'A-F'; }
hash_of() { # N : a made-up inbound hash, N = 1..99
	printf 'AB%062d' "$1"
}
H_NOMEMO=$(hash_of 1) H_OTHER=$(hash_of 2) H_PENDING=$(hash_of 3)
H_ETH=$(hash_of 4) H_MISSING=$(hash_of 5) H_STALL=$(hash_of 6)
H_UNSEEN=$(hash_of 7) H_RAW=$(hash_of 8)

# answers: every one in THORNode's QueryTxStatusResponse shape
python3 - "$J" "$T_TMP/answers.json" "$H_NOMEMO" "$H_OTHER" "$H_PENDING" \
	"$H_ETH" "$H_MISSING" "$H_STALL" "$H_RAW" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
nomemo, other, pending, eth, missing, stall, raw = sys.argv[3:10]
IN, RIN = d["inbound"], d["refund_inbound"]
t, n = d["txids"], d["names"]
done = {"inbound_observed": {"started": True, "completed": True},
        "inbound_finalised": {"completed": True},
        "swap_status": {"pending": False},
        "swap_finalised": {"completed": True},
        "outbound_signed": {"completed": True}}
def inbound(h, memo):
    return {"id": h, "chain": "ETH",
            "from_address": "0x47666fab8bd0ac7003bce3f5c3585383f09486e2",
            "to_address": "0xd37bbe5744d730a1d98d8dc97c42f0ca46ad7146",
            "coins": [{"asset": "ETH.ETH", "amount": "4000000000"}],
            "gas": [{"asset": "ETH.ETH", "amount": "320000"}],
            "memo": memo}
def answer(h, txid, to, amount, memo, chain="BTC", refund=False,
           stages=done):
    coin = {"asset": chain + "." + chain, "amount": str(amount)}
    return {"tx": inbound(h, "=:BTC.BTC:" + n["dest"] + ":0/1/0"),
            "planned_out_txs": [{"chain": chain, "to_address": to,
                                 "coin": coin, "refund": refund}],
            "out_txs": [{"id": txid.upper(), "chain": chain,
                         "from_address": n["miner"], "to_address": to,
                         "coins": [coin],
                         "gas": [{"asset": chain + "." + chain,
                                  "amount": "7500"}],
                         "memo": memo}] if txid else [],
            "stages": stages}
a = {
    IN: answer(IN, t["out"], n["dest"], 150000000, "OUT:" + IN),
    RIN: answer(RIN, t["refund"], n["dest2"], 70000000, "REFUND:" + RIN,
                refund=True),
    nomemo: answer(nomemo, t["plain"], n["dest"], 20000000, "OUT:" + nomemo),
    other: answer(other, t["out"], n["dest"], 150000000, "OUT:" + other),
    pending: answer(pending, None, n["dest"], 150000000, "",
                    stages={"inbound_observed": {"started": True,
                                                 "completed": True},
                            "swap_status": {"pending": True},
                            "outbound_signed": {"completed": False}}),
    eth: answer(eth, "C0FFEE00112233445566778899AABBCCDDEEFF0011223344556677"
                "8899AABBCC", "0x8d8bba7843fd3b6d9c2e3b4a1c2ed7d3ab2f3a91",
                3500000000, "OUT:" + eth, chain="ETH"),
    missing: answer(missing, "ABCDEF00" * 8, n["dest"], 1, "OUT:" + missing),
    stall: "stall",
    raw: {"raw": "<html>502 Bad Gateway</html>"},
}
json.dump(a, open(sys.argv[2], "w"))
PY
python3 "${TRACER_SRC:-.}/tests/integration/thornode_mock.py" \
	"$T_TMP/answers.json" "$T_TMP/mock.port" 2>"$T_TMP/mock.log" &
MOCK_PID=$!
# wait_file FILE: until FILE has something (a minute at most: a busy machine)
wait_file() {
	_i=0
	while [ ! -s "$1" ] && [ $_i -lt 600 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	[ -s "$1" ]
}
if ! wait_file "$T_TMP/mock.port"; then
	fail "the THORNode mock starts" "$(tail -n 20 "$T_TMP/mock.log")"
	finish
	exit 1
fi
TURL="http://127.0.0.1:$(cat "$T_TMP/mock.port")"
C="--esplora $EURL --network bcoin-regtest --thornode $TURL"

# ---- the outbound found, proven, stored ----
DB="$T_TMP/db"
run "outbound stored" 0 "$TRACER" --db "$DB" crawl btc $C \
	--inbound "0x$(echo "$IN" | tr 'A-F' 'a-f')" --json
cp "$T_TMP/out" "$T_TMP/stored.json"
equal "summary: one tx" "$(jget "$T_TMP/stored.json" 'd["txs"]')" "1"
equal "summary: the inbound" \
	"$(jget "$T_TMP/stored.json" 'd["thorchain"]["inbound"]')" "$IN"
equal "summary: the outbound" \
	"$(jget "$T_TMP/stored.json" 'd["thorchain"]["outbound"]')" "$OUT"
equal "summary: the payee" \
	"$(jget "$T_TMP/stored.json" 'd["thorchain"]["to"]')" "$DEST"
equal "summary: the amount, exact" \
	"$(jget "$T_TMP/stored.json" 'd["thorchain"]["amount"]')" "150000000"
equal "summary: the memo" \
	"$(jget "$T_TMP/stored.json" 'd["thorchain"]["memo"]')" "OUT:$IN"
contains "says what was proven" "$T_TMP/err" \
	"outbound $OUT on btc pays $DEST"
"$TRACER" --db "$DB" address --chain btc "$DEST" --json --txs \
	>"$T_TMP/dest.json"
contains "the outbound is in dest's history" "$T_TMP/dest.json" "$OUT"
equal "dest received 1.5 BTC" \
	"$(jget "$T_TMP/dest.json" 'd["assets"][0]["received"]')" "150000000"
run "db check" 0 "$TRACER" --db "$DB" db check
run "the same again: nothing doubled" 0 "$TRACER" --db "$DB" crawl btc $C \
	--inbound "$IN"
"$TRACER" --db "$DB" address --chain btc "$DEST" --json >"$T_TMP/dest2.json"
equal "still 1.5 BTC" \
	"$(jget "$T_TMP/dest2.json" 'd["assets"][0]["received"]')" "150000000"

# ---- --follow: the destination becomes a seed ----
DBF="$T_TMP/db-follow"
run "follow from the destination" 0 "$TRACER" --db "$DBF" crawl btc $C \
	--inbound "$IN" --follow --hops 1 --json
[ "$(jget "$T_TMP/out" 'd["txs"]')" -ge 3 ] &&
	pass "follow stored the outbound and dest's history" ||
	fail "follow stored" "$(cat "$T_TMP/out")"
"$TRACER" --db "$DBF" address --chain btc "$NEXT" --json >"$T_TMP/next.json"
equal "follow reached the address dest paid" \
	"$(jget "$T_TMP/next.json" 'd["tx_count"]')" "1"
run "follow: db check" 0 "$TRACER" --db "$DBF" db check

# ---- refusals: clear message, nothing stored ----
# refused NAME HASH TEXT [OPTIONS...]: exit 1, TEXT in stderr, no database
refused() {
	_n=$1 _h=$2 _t=$3
	shift 3
	rm -rf "$T_TMP/db-no"
	run "$_n: refused" 1 "$TRACER" --db "$T_TMP/db-no" crawl btc $C \
		--inbound "$_h" "$@"
	contains "$_n: says why" "$T_TMP/err" "$_t"
	contains "$_n: nothing stored" "$T_TMP/err" \
		"nothing was stored: the new database"
	[ ! -e "$T_TMP/db-no/CURRENT" ] && pass "$_n: no database left" ||
		fail "$_n: no database left"
}
refused "pending" "$H_PENDING" "the swap of inbound $H_PENDING is pending"
refused "refund" "$RIN" \
	"inbound $RIN was refunded, not swapped (REFUND tx $(up "$REFUND") on BTC"
refused "other chain" "$H_ETH" "the outbound of inbound $H_ETH is on ETH"
refused "unseen" "$H_UNSEEN" "THORNode has not observed inbound $H_UNSEEN"
refused "lie: no memo" "$H_NOMEMO" \
	"THORNode lied: tx $PLAIN on btc carries no OUT:<inbound hash> memo"
refused "lie: another inbound" "$H_OTHER" \
	"THORNode lied: tx $OUT on btc carries the memo 'OUT:$IN', not OUT"
refused "lie: not on the chain" "$H_MISSING" "the outbound $(echo ABCDEF00 |
	tr 'A-F' 'a-f')"
refused "lie: not JSON" "$H_RAW" "thornode answer: invalid JSON"
# the refund named as an outbound, and another payee: the same node lies
python3 - "$T_TMP/answers.json" "$IN" "$RIN" "$DEST2" <<'PY'
import json, sys
p, IN, RIN, dest2 = sys.argv[1:5]
a = json.load(open(p))
a[RIN]["out_txs"][0]["memo"] = "OUT:" + RIN
a[RIN]["planned_out_txs"][0]["refund"] = False
a[IN]["out_txs"][0]["to_address"] = dest2
json.dump(a, open(p, "w"))
PY
refused "lie: a refund as the outbound" "$RIN" \
	"THORNode lied: tx $REFUND on btc is a refund (memo 'REFUND:$RIN')"
refused "lie: another payee" "$IN" \
	"THORNode lied: tx $OUT on btc pays $DEST, the node said $DEST2"

# ---- a node that stalls: timed out ----
refused "stall" "$H_STALL" "thornode tx status $H_STALL" \
	--timeout 1 --retries 0 --max-time 10
contains "stall: a timeout" "$T_TMP/err" "timeout"

# ---- Ethereum: the router's TransferOut carries the memo ----
anvil_up
if ! node "$NODES_DIR/thor_eth_scenario.js" "$T_TMP" \
	>"$T_TMP/eth-scenario.log" 2>&1; then
	fail "ethereum scenario" "$(tail -n 20 "$T_TMP/eth-scenario.log")"
else
	pass "ethereum scenario on anvil"
	JE="$T_TMP/thor_eth.json"
	equal "the router emits THORChain's TransferOut topic" \
		"$(jget "$JE" 'd["topic0"]')" \
		"0xa9cd03aa3c1b4515114539cd53d22085129d495cb9e9f9af77864526240f1bf7"
	EIN=$(jget "$JE" 'd["inbound"]')
	EOUT=$(jget "$JE" 'd["out"]')
	ETO=$(jget "$JE" 'd["to"]')
	ENEXT=$(jget "$JE" 'd["next"]')
	H_EPLAIN=$(hash_of 9)
	python3 - "$JE" "$T_TMP/answers.json" "$H_EPLAIN" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
a = json.load(open(sys.argv[2]))
def answer(h, txid):
    coin = {"asset": "ETH.ETH", "amount": "125000000"}
    return {"tx": {"id": h, "chain": "BTC", "from_address": "bc1qexample",
                   "to_address": "bc1qvault", "coins": [
                       {"asset": "BTC.BTC", "amount": "4000000"}],
                   "memo": "=:e:" + e["to"]},
            "planned_out_txs": [{"chain": "ETH", "to_address": e["to"],
                                 "coin": coin, "refund": False}],
            "out_txs": [{"id": txid[2:].upper(), "chain": "ETH",
                         "from_address": e["vault"], "to_address": e["to"],
                         "coins": [coin], "memo": "OUT:" + h}],
            "stages": {"inbound_observed": {"completed": True},
                       "outbound_signed": {"completed": True}}}
a[e["inbound"]] = answer(e["inbound"], e["out"])
a[sys.argv[3]] = answer(sys.argv[3], e["plain"])
json.dump(a, open(sys.argv[2], "w"))
PY
	EC="--rpc $ANVIL_RPC --thornode $TURL"
	DBE="$T_TMP/db-eth"
	run "eth: outbound stored" 0 "$TRACER" --db "$DBE" crawl eth $EC \
		--inbound "$EIN" --json
	cp "$T_TMP/out" "$T_TMP/eth.json"
	equal "eth: one tx" "$(jget "$T_TMP/eth.json" 'd["txs"]')" "1"
	equal "eth: the outbound" \
		"$(jget "$T_TMP/eth.json" 'd["thorchain"]["outbound"]')" "$EOUT"
	equal "eth: the amount in wei, exact" \
		"$(jget "$T_TMP/eth.json" 'd["thorchain"]["amount"]')" \
		"1250000000000000000"
	equal "eth: the router" \
		"$(jget "$T_TMP/eth.json" 'd["thorchain"]["router"].lower()')" \
		"$(jget "$JE" 'd["router"]')"
	"$TRACER" --db "$DBE" address --chain eth "$ETO" --json \
		>"$T_TMP/eto.json"
	equal "eth: the payee received 1.25 ETH" \
		"$(jget "$T_TMP/eto.json" 'd["assets"][0]["received"]')" \
		"1250000000000000000"
	run "eth: db check" 0 "$TRACER" --db "$DBE" db check
	run "eth: follow from the payee" 0 "$TRACER" --db "$T_TMP/db-eth-f" \
		crawl eth $EC --inbound "$EIN" --follow --hops 1
	"$TRACER" --db "$T_TMP/db-eth-f" address --chain eth "$ENEXT" \
		--json >"$T_TMP/enext.json"
	equal "eth: follow reached the address the payee paid" \
		"$(jget "$T_TMP/enext.json" 'd["tx_count"]')" "1"
	rm -rf "$T_TMP/db-no"
	run "eth lie: no TransferOut: refused" 1 "$TRACER" \
		--db "$T_TMP/db-no" crawl eth $EC --inbound "$H_EPLAIN"
	contains "eth lie: no TransferOut: says why" "$T_TMP/err" \
		"carries no OUT:<inbound hash> memo"
	[ ! -e "$T_TMP/db-no/CURRENT" ] &&
		pass "eth lie: nothing stored" ||
		fail "eth lie: nothing stored"
fi

# ---- usage ----
run "--inbound needs --thornode" 2 "$TRACER" --db "$T_TMP/db-u" crawl btc \
	--esplora "$EURL" --inbound "$IN"
run "--thornode takes no range" 2 "$TRACER" --db "$T_TMP/db-u" crawl btc \
	$C --inbound "$IN" --from 3
run "a bad inbound hash" 1 "$TRACER" --db "$T_TMP/db-u" crawl btc $C \
	--inbound xyz
contains "a bad inbound hash: says so" "$T_TMP/err" "is not a transaction hash"

echo "thornode took $(($(date +%s) - T0)) s"
finish
