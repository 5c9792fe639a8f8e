#!/bin/sh
# crawl_eth - the Ethereum crawler against a real node: anvil 1.7.1,
# installed from npm and started here on a free port of 127.0.0.1, stopped
# by PID at the end (pass or fail). The scenario (tests/nodes/
# eth_scenario.js): plain transfers, a forwarding contract (an internal
# transfer), an ERC-20 compiled offline with solc and transferred, a
# reverted transaction that carried value. Then every address's ETH and
# token balance from `tracer address` equals eth_getBalance / balanceOf at
# the same block (genesis allocations arrive as opening balances). Then
# follow mode from a seed through trace_filter / eth_getLogs, stopping at
# a tagged address.
. "${TRACER_SRC:-.}/tests/lib.sh"
. "${TRACER_SRC:-.}/tests/nodes/nodes.sh"
T0=$(date +%s)

anvil_scenario
pass "ethereum scenario on anvil"
J="$T_TMP/eth.json"
TIP=$(jget "$J" 'd["tip"]')
TOKEN=$(jget "$J" 'd["token"]')

DB="$T_TMP/db"
run "crawl eth --rpc" 0 "$TRACER" --db "$DB" crawl eth --rpc "$ANVIL_RPC" \
	--chain-id 31337 --confirmations 0 --json
cp "$T_TMP/out" "$T_TMP/crawl.json"
equal "blocks crawled" "$(jget "$T_TMP/crawl.json" 'd["blocks"]')" \
	"$((TIP + 1))"
[ "$(jget "$T_TMP/crawl.json" 'd["openings"]')" -ge 5 ] &&
	pass "genesis allocations recorded as opening balances" ||
	fail "openings" "$(cat "$T_TMP/crawl.json")"

# one python for the whole comparison (each start costs on a busy machine)
bad=$(python3 - "$J" "$TRACER" "$DB" <<'PY'
import json, subprocess, sys
want = json.load(open(sys.argv[1]))
bad = []
for a, w in want["addresses"].items():
    r = subprocess.run([sys.argv[2], "--db", sys.argv[3], "address",
                        "--chain", "eth", a, "--json"],
                       capture_output=True, text=True)
    if r.returncode:
        bad.append(f"{a}: exit {r.returncode}: {r.stderr.strip()}")
        continue
    got = {x["asset"].lower(): x["balance"] for x in json.loads(r.stdout)["assets"]}
    for kind, asset in (("eth", "eth"), ("token", want["token"])):
        if w[kind] is None:
            continue
        if got.get(asset, "0") != w[kind]:
            bad.append(f"{a}/{kind}: {got.get(asset, '0')} != {w[kind]}")
print("; ".join(bad))
PY
)
equal "every ETH and token balance equals the node's" "$bad" ""

# the internal transfer and the reverted transaction, as the records say
FWD_TARGET=0x000000000000000000000000000000000000bEEF
"$TRACER" --db "$DB" address --chain eth "$FWD_TARGET" --json --txs \
	>"$T_TMP/beef.json"
contains "internal transfer reached the forward target" "$T_TMP/beef.json" \
	"$(jget "$J" 'd["internal"]')"
run "reverted tx stored, failed" 0 "$TRACER" --db "$DB" address --chain eth \
	0x15d34aaf54267db7d7c367839aaf71a00a2c6a65 --txs
contains "the reverted tx is marked" "$T_TMP/out" "failed"

D1=$("$TRACER" --db "$DB" db check --json | python3 -c \
	'import json,sys; print(json.load(sys.stdin)["digest"])')
run "second crawl" 0 "$TRACER" --db "$DB" crawl eth --rpc "$ANVIL_RPC" \
	--confirmations 0 --json
equal "second crawl adds nothing" "$(jget "$T_TMP/out" 'd["blocks"]')" "0"
D2=$("$TRACER" --db "$DB" db check --json | python3 -c \
	'import json,sys; print(json.load(sys.stdin)["digest"])')
equal "same digest" "$D2" "$D1"

run "wrong chain id refused" 1 "$TRACER" --db "$T_TMP/db2" crawl eth \
	--rpc "$ANVIL_RPC" --chain-id 1
contains "chain id named" "$T_TMP/err" "serves chain 31337"
# --traces none: a warning, and indeed no internal transfer
DBN="$T_TMP/db-notraces"
run "crawl --traces none" 0 "$TRACER" --db "$DBN" crawl eth \
	--rpc "$ANVIL_RPC" --traces none --confirmations 0
contains "traces none: warned" "$T_TMP/err" "internal transfers"
"$TRACER" --db "$DBN" address --chain eth "$FWD_TARGET" --json \
	>"$T_TMP/nbeef.json"
equal "traces none: the internal transfer is missing" \
	"$(jget "$T_TMP/nbeef.json" 'd["tx_count"]')" "0"

# follow mode: trace_filter and eth_getLogs from a seed; the forward
# target is tagged, so the walk stops there
DBF="$T_TMP/db-follow"
"$TOOLS/tag_put" "$DBF" eth "$FWD_TARGET" exchange "Beef Exchange"
run "follow from a seed" 0 "$TRACER" --db "$DBF" crawl eth \
	--rpc "$ANVIL_RPC" --follow --hops 3 \
	--seed 0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc --json
equal "follow: the seed's tx and the forwarder's" \
	"$(jget "$T_TMP/out" 'd["txs"]')" "2"
contains "follow stopped at the tagged address" "$T_TMP/err" \
	"not expanded: $FWD_TARGET (tagged exchange: Beef Exchange)"
"$TRACER" --db "$DBF" address --chain eth "$FWD_TARGET" --json \
	>"$T_TMP/fbeef.json"
equal "follow reached it through the internal transfer" \
	"$(jget "$T_TMP/fbeef.json" 'd["assets"][0]["received"]')" \
	"2000000000000000000"
run "follow: db check" 0 "$TRACER" --db "$DBF" db check

echo "crawl_eth took $(($(date +%s) - T0)) s"
finish
