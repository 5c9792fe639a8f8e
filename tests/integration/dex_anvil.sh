#!/bin/sh
# dex_anvil - a DEX swap inside one Ethereum transaction, on a real node:
# anvil 1.7.1 (installed from npm by tests/nodes/nodes.sh, started on a
# free port of 127.0.0.1, stopped by PID). The scenario
# (tests/nodes/dex_scenario.js, the contracts tests/nodes/dex_pool.sol):
# 400000 of the hacker's 1000000 token A are stolen; the hacker sells the
# 1000000 A to a pool of our own, which emits Uniswap v2's Swap event, and
# passes the token B bought to a mule, who sells them back for A (a chain
# of two swaps) and has the A paid to an exchange. Crawled, the pool tagged
# dex (`tag add`: a case file holds no tags), `trace --case` from the
# theft: each swap is a dex-swap link (pool, rate), the taint crosses from
# A to B in proportion, floor(400000 * B / 1000000), and back to A, the
# identity holds per asset, the report's Cross-chain section shows them.
. "${TRACER_SRC:-.}/tests/lib.sh"
. "${TRACER_SRC:-.}/tests/nodes/nodes.sh"

anvil_up
if ! node "$NODES_DIR/dex_scenario.js" "$T_TMP" >"$T_TMP/scenario.log" 2>&1
then
	fail "dex scenario" "$(tail -n 20 "$T_TMP/scenario.log")"
	finish
	exit 1
fi
J="$T_TMP/dex.json"
POOL=$(jget "$J" 'd["pool"]')
TA=$(jget "$J" 'd["token_a"]')
TB=$(jget "$J" 'd["token_b"]')
SWAP=$(jget "$J" 'd["swap"]')
BOUGHT=$(jget "$J" 'd["bought"]')
SWAP2=$(jget "$J" 'd["swap2"]')
BOUGHT2=$(jget "$J" 'd["bought2"]')
# Uniswap v2's getAmountOut on the reserves 10000000 A, 20000000 B
equal "the pool priced as Uniswap v2" "$BOUGHT" \
	"$(python3 -c 'i=1000000*997; print(i*20000000//(10000000*1000+i))')"
# keccak-256 of UniswapV2Pair's Swap signature (tests/vectors/keccak_ref.py)
SWAP_TOPIC=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import keccak_ref as k; print("0x" + k.keccak256(b"Swap(address,uint256,uint256,uint256,uint256,address)"))' \
	"${TRACER_SRC:-.}/tests/vectors")
equal "Uniswap v2's Swap topic" "$SWAP_TOPIC" \
	0xd78ad95fa46c994b6551d0da85fc275fe613ce37657fb8d5e3d130840159d822
equal "the swap emitted Transfer, Transfer, Swap" \
	"$(jget "$J" 'd["swap_topics"]')" \
	"['0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef', '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef', '$SWAP_TOPIC']"

DB="$T_TMP/db"
run "crawl" 0 "$TRACER" --db "$DB" crawl eth --rpc "$ANVIL_RPC" \
	--chain-id 31337 --confirmations 0
run "tag the pool dex" 0 "$TRACER" --db "$DB" tag add --chain eth "$POOL" \
	--entity "Test pool" --category dex --source dex_anvil
run "tag the exchange" 0 "$TRACER" --db "$DB" tag add --chain eth \
	"$(jget "$J" 'd["exchange"]')" --entity Zeta --category exchange \
	--source dex_anvil
CASE="$T_TMP/case.json"
# the seed: the theft, leg 1 of its transaction (leg 0 is its fee)
printf '{"name": "dex", "chain": "eth", "seeds": ["%s:1"]}\n' \
	"$(jget "$J" 'd["theft"]')" >"$CASE"

run "trace --case" 0 "$TRACER" --db "$DB" --json trace --case "$CASE"
cp "$T_TMP/out" "$T_TMP/trace.json"
equal "two dex-swap links, high" "$(jget "$T_TMP/trace.json" '[(l["kind"], l["confidence"]) for l in d["crosschain"]["links"]]')" \
	"[('dex-swap', 'high'), ('dex-swap', 'high')]"
equal "the links' ends: A in, B out; B in, A out" "$(jget "$T_TMP/trace.json" '[(e["txid"].lower(), e["asset"].lower(), e["value"]) for l in d["crosschain"]["links"] for e in (l["from"], l["to"])]')" \
	"[('$SWAP', '$TA', '1000000'), ('$SWAP', '$TB', '$BOUGHT'), ('$SWAP2', '$TB', '$BOUGHT'), ('$SWAP2', '$TA', '$BOUGHT2')]"
equal "taint at the pool: the stolen 400000 A" \
	"$(jget "$T_TMP/trace.json" 'd["crosschain"]["links"][0]["from"]["taint"]')" \
	400000
CONV=$(python3 -c "print(400000 * $BOUGHT // 1000000)")
equal "converted: floor(400000 * B / 1000000)" \
	"$(jget "$T_TMP/trace.json" 'd["crosschain"]["links"][0]["to"]["converted"]')" \
	"$CONV"
equal "the exact figure" "$CONV" 725288
equal "the mule's B: all of the converted taint" \
	"$(jget "$T_TMP/trace.json" 'd["crosschain"]["links"][1]["from"]["taint"]')" \
	"$CONV"
CONV2=$(python3 -c "print($CONV * $BOUGHT2 // $BOUGHT)")
equal "back to A: floor(725288 * A / B)" \
	"$(jget "$T_TMP/trace.json" 'd["crosschain"]["links"][1]["to"]["converted"]')" \
	"$CONV2"
equal "the pool priced the second swap on its new reserves" "$BOUGHT2" \
	"$(python3 -c "i=$BOUGHT*997; print(i*11000000//((20000000-$BOUGHT)*1000+i))")"
equal "the exact figure back in A" "$CONV2" 397819
equal "the runs: A, B, A" "$(jget "$T_TMP/trace.json" '[r["depth"] for r in d["crosschain"]["runs"]]')" \
	"[0, 1, 2]"
equal "the remainder" \
	"$(jget "$T_TMP/trace.json" 'd["crosschain"]["links"][0]["remainder"]')" \
	"$(python3 -c "print(400000 * $BOUGHT % 1000000)")"
contains "evidence: the pool and the rate" "$T_TMP/trace.json" \
	"1813221/1000000 = 1.813221"
equal "evidence names the pool" "$(jget "$T_TMP/trace.json" '"swap at " + "'"$POOL"'" in d["crosschain"]["links"][0]["evidence"].lower()')" \
	True
equal "the pool is no exit: its A converted" \
	"$(jget "$T_TMP/trace.json" '[x["entity"] for x in d["exits"]]')" "[]"
# per asset, from the document: seed + converted in = the rest
equal "identity per asset" "$(python3 - "$T_TMP/trace.json" "$TA" "$TB" "$CONV" "$CONV2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ta, tb, conv, conv2 = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
err = []
got = {a["asset"].lower(): a for a in d["crosschain"]["assets"]}
for a in got.values():
    i = int(a["seed"]) + int(a["converted_in"])
    o = sum(int(a[f]) for f in ("exits", "held", "fees", "destroyed",
            "unresolved", "converted_out"))
    if i != o or not a["balanced"]:
        err.append("identity " + a["asset"])
a, b = got[ta], got[tb]
if [int(a[k]) for k in ("seed", "converted_in", "exits", "converted_out")] \
        != [400000, conv2, conv2, 400000]:
    err.append("A")
if [int(b[k]) for k in ("seed", "converted_in", "exits", "converted_out")] \
        != [0, conv, 0, conv]:
    err.append("B")
print(" ".join(err) or "ok")
PY
)" ok
run "trace --case, text" 0 "$TRACER" --db "$DB" trace --case "$CASE"
cp "$T_TMP/out" "$T_TMP/trace.txt"
contains "text: the dex-swap" "$T_TMP/out" "dex-swap"
lacks "text: balanced" "$T_TMP/out" "IDENTITY FAILS"

run "report --case" 0 "$TRACER" --db "$DB" report --case "$CASE" \
	--format md -o "$T_TMP/report.md"
contains "report: Cross-chain" "$T_TMP/report.md" "## Cross-chain"
contains "report: the dex-swap" "$T_TMP/report.md" "dex-swap"
contains "report: the rate" "$T_TMP/report.md" "1813221/1000000 = 1.813221"
finish
