#!/bin/sh
# thorchain - THORChain links found by tracer itself (docs/thorchain.md,
# "Links"), on bcoin regtest and anvil started here (tests/nodes/nodes.sh)
# and stopped by PID at the end. tests/nodes/thor_scenario.js: a router
# of our own (thor_router.sol, THORChain v4's signatures), BTC -> ETH (an
# OP_RETURN swap memo to a vault, the router's TransferOut with
# OUT:<btc txid>), ETH -> BTC (a router Deposit, a Bitcoin payout with
# OUT:<eth hash>), a refund (REFUND:<btc txid>). Both chains crawled into
# one database, the vault and the router tagged bridge THORChain, then
# `trace --case`: each link found (kind thorchain, confidence high, the
# memos as evidence), the exact converted amount floor(T * V_b / V_a),
# every asset's identity recomputed from the JSON, the destination
# followed on to a tagged exchange, the report's Cross-chain section.
. "${TRACER_SRC:-.}/tests/lib.sh"
. "${TRACER_SRC:-.}/tests/nodes/nodes.sh"

anvil_up
bcoin_start
if ! wait_port "$BCOIN_NODE_PORT" || ! wait_port "$BCOIN_WALLET_PORT"; then
	fail "bcoin starts" "$(tail -n 20 "$T_TMP/bcoin.log")"
	finish
	exit 1
fi
if ! node "$NODES_DIR/thor_scenario.js" "$T_TMP" >"$T_TMP/scenario.log" 2>&1
then
	fail "thorchain scenario" "$(tail -n 20 "$T_TMP/scenario.log")"
	finish
	exit 1
fi
pass "thorchain scenario on bcoin and anvil"
J="$T_TMP/thor.json"
n() { jget "$J" "d['names']['$1']"; }
id() { jget "$J" "d['ids']['$1']"; }
VAULT=$(n vault) ROUTER=$(n router) DEST=$(n dest) EXCH=$(n exch)
DEST2=$(n dest2) REFUND_TO=$(n refundTo)

DB="$T_TMP/db"
run "crawl btc" 0 "$TRACER" --db "$DB" crawl btc --rpc "$BCOIN_RPC" \
	--confirmations 0
run "crawl eth" 0 "$TRACER" --db "$DB" crawl eth --rpc "$ANVIL_RPC" \
	--chain-id 31337 --confirmations 0
run "db check" 0 "$TRACER" --db "$DB" --json db check
equal "db check: no bad record" "$(jget "$T_TMP/out" 'd["bad"]')" 0
run "db stats" 0 "$TRACER" --db "$DB" --json db stats
equal "memo_ref: the two outbounds and the refund" \
	"$(jget "$T_TMP/out" 'd["tables"].get("memo_ref")')" 3
run "tag the vault" 0 "$TRACER" --db "$DB" tag add --chain btc "$VAULT" \
	--entity THORChain --category bridge --source case
run "tag the router" 0 "$TRACER" --db "$DB" tag add --chain eth "$ROUTER" \
	--entity THORChain --category bridge --source case
run "tag the exchange" 0 "$TRACER" --db "$DB" tag add --chain eth "$EXCH" \
	--entity Zeta --category exchange --source case

# check CASE: the first link found, converted exactly; every identity
check() {
	python3 - "$T_TMP/out" "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
x = d.get("crosschain")
err = []
if not x or not x.get("links"):
    print("no links"); sys.exit()
l = x["links"][0]
va, vb, t = int(l["from"]["value"]), int(l["to"]["value"]), int(l["from"]["taint"])
if int(l["to"]["converted"]) != t * vb // va: err.append("converted")
if int(l["remainder"]) != t * vb % va: err.append("remainder")
if l.get("kind") != "thorchain" or l.get("confidence") != "high":
    err.append("kind %s/%s" % (l.get("kind"), l.get("confidence")))
for a in x["assets"]:
    i = int(a["seed"]) + int(a["converted_in"])
    o = sum(int(a[f]) for f in ("exits", "held", "fees", "destroyed",
                                "unresolved", "converted_out"))
    if i != o or not a["balanced"]: err.append("identity " + a["asset"])
print(" ".join(err) or "ok")
PY
}

# BTC -> ETH, then on to the exchange; the refund of the second inbound
CASE="$T_TMP/btc.json"
printf '{"name": "thor", "chain": "btc", "network": "bcoin-regtest", "seeds": ["%s:%s"]}\n' \
	"$(id seed)" "$(jget "$J" 'd["seedN"]')" >"$CASE"
run "trace btc -> eth" 0 "$TRACER" --db "$DB" --json trace --case "$CASE"
cp "$T_TMP/out" "$T_TMP/btc_eth.json"
equal "btc -> eth: converted exactly, every identity" "$(check)" ok
L='d["crosschain"]["links"]'
equal "two links found, none stated" \
	"$(jget "$T_TMP/out" '[d["crosschain"]["links_found"], d["crosschain"]["links_stated"]]')" \
	"[2, 0]"
INB=$(id inbound) OUTB=$(id outbound) INB2=$(id inbound2) REF=$(id refund)
equal "the swap: vault output to the router's payment of dest" \
	"$(jget "$T_TMP/out" "[(l['from']['txid'], l['from']['value'], l['to']['chain'], l['to']['txid'], l['to']['value']) for l in $L][0]")" \
	"('$INB', '250000000', 'eth', '$OUTB', '$(jget "$J" 'd["outWei"]')')"
equal "the refund: back on btc" \
	"$(jget "$T_TMP/out" "[(l['from']['txid'], l['to']['chain'], l['to']['txid'], l['to']['value']) for l in $L][1]")" \
	"('$INB2', 'btc', '$REF', '39000000')"
contains "evidence: both memos, the vault, the heights" "$T_TMP/out" \
	"THORChain: memo '=:ETH.ETH:$DEST' paying $VAULT (tagged bridge) on btc (block "
contains "evidence: the outbound memo in THORChain's form" "$T_TMP/out" \
	"outbound memo 'OUT:$(echo "$INB" | tr a-f A-F)' on eth (block "
contains "evidence: the refund memo" "$T_TMP/out" \
	"refund memo 'REFUND:$(echo "$INB2" | tr a-f A-F)' on btc (block "
# dest (nearly empty before) pays 30 ETH on to the exchange Zeta
equal "the destination followed to the exchange" \
	"$(jget "$T_TMP/out" '[a["exits"] != "0" for a in d["crosschain"]["assets"] if a["asset"] == "ETH"]')" \
	"[True]"
run "no bridge warning once linked" 0 "$TRACER" --db "$DB" --json trace \
	--case "$CASE"
equal "no bridge warning" \
	"$(jget "$T_TMP/out" 'len([w for w in d["warnings"] if "reached the bridge" in w])')" 0
for p in fifo lifo tiho; do
	run "trace --policy $p" 0 "$TRACER" --db "$DB" --json trace --case \
		"$CASE" --policy "$p"
	equal "policy $p: converted exactly, every identity" "$(check)" ok
done
run "trace text" 0 "$TRACER" --db "$DB" trace --case "$CASE"
contains "text: found links" "$T_TMP/out" "0 stated and 2 found in the database"
contains "text: kind and confidence" "$T_TMP/out" "found[0] thorchain (high): btc $INB:0"
lacks "text: identities hold" "$T_TMP/out" "IDENTITY FAILS"
run "report md" 0 "$TRACER" --db "$DB" report --case "$CASE" --format md \
	-o "$T_TMP/report.md"
contains "report: Cross-chain section" "$T_TMP/report.md" "## Cross-chain"
contains "report: the link's kind" "$T_TMP/report.md" "thorchain"
contains "report: the evidence" "$T_TMP/report.md" "OUT:$(echo "$INB" | tr a-f A-F)"

# ETH -> BTC: the router's Deposit, paid out on Bitcoin
CASE2="$T_TMP/eth.json"
printf '{"name": "thor2", "chain": "eth", "seeds": ["%s"]}\n' \
	"$(n depositor)" >"$CASE2"
run "trace eth -> btc" 0 "$TRACER" --db "$DB" --json trace --case "$CASE2"
equal "eth -> btc: converted exactly, every identity" "$(check)" ok
equal "eth -> btc: the deposit leg to the payout output" \
	"$(jget "$T_TMP/out" "[(l['from']['txid'], l['from']['value'], l['from']['taint'], l['to']['chain'], l['to']['txid'], l['to']['value']) for l in $L][0]")" \
	"('$(id deposit)', '$(jget "$J" 'd["depWei"]')', '$(jget "$J" 'd["depWei"]')', 'btc', '$(id payout)', '12345678')"
equal "eth -> btc: the whole payout is converted" \
	"$(jget "$T_TMP/out" "$L[0]['to']['converted']")" 12345678
contains "eth -> btc: OUT names the hash without 0x, uppercase" "$T_TMP/out" \
	"outbound memo 'OUT:$(id deposit | cut -c3- | tr a-f A-F)' on btc"

# no outbound in the database: no link, and the warning names where the
# swap went
DB2="$T_TMP/db-btc"
run "crawl btc alone" 0 "$TRACER" --db "$DB2" crawl btc --rpc "$BCOIN_RPC" \
	--confirmations 0
run "tag the vault again" 0 "$TRACER" --db "$DB2" tag add --chain btc \
	"$VAULT" --entity THORChain --category bridge --source case
run "trace without the eth side" 0 "$TRACER" --db "$DB2" --json trace \
	--case "$CASE"
equal "without the eth side: only the refund" \
	"$(jget "$T_TMP/out" "[l['to']['chain'] for l in $L]")" "['btc']"
equal "the warning names the swap's destination" \
	"$(jget "$T_TMP/out" 'len([w for w in d["warnings"] if "swaps to ETH.ETH at '"$DEST"'" in w and "tracer crawl eth SOURCE --follow --seed '"$DEST"'" in w])')" 1
run "the warning in text" 0 "$TRACER" --db "$DB2" trace --case "$CASE"
contains "text: where the swap went" "$T_TMP/err" \
	"tracer: warning: the THORChain memo of $INB (btc, to $VAULT) swaps to ETH.ETH at $DEST"
[ -n "${THOR_KEEP:-}" ] && cp -r "$T_TMP" "$THOR_KEEP"
finish
