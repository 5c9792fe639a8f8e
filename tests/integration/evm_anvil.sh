#!/bin/sh
# evm_anvil - each EVM chain of the family (chains/eth/evm.h) crawled from
# a real node: anvil 1.7.1 (installed from npm by tests/nodes/nodes.sh)
# started with the chain's mainnet chain id on a free port of 127.0.0.1,
# stopped by PID. On each: one transfer of 1.5 coins sent through
# eth_sendTransaction, `crawl CHAIN --rpc` stores it under the chain's own
# byte, `address --chain CHAIN` shows it in the chain's coin, `trace` from
# the sender reaches the recipient, the stored block decodes; and a node
# of another chain is refused naming both chain ids. anvil serves
# go-ethereum headers, so on avax the crawl must refuse them naming
# coreth's extDataHash (Avalanche's own header layout is tested on
# recorded mainnet headers, tests/unit/test_evm.c).
. "${TRACER_SRC:-.}/tests/lib.sh"
. "${TRACER_SRC:-.}/tests/nodes/nodes.sh"

nodes_install || { fail "npm install"; finish; exit 1; }
ANVIL="$NODES_DIR/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
FROM=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
TO=0x70997970C51812dc3A010C7d01b50e0d17dc79C8

# send RPC: 1.5 coins FROM -> TO, mined at once; prints the tx hash
send() {
	python3 - "$1" "$FROM" "$TO" <<'PY'
import json, sys, urllib.request
def rpc(m, p):
    r = urllib.request.urlopen(urllib.request.Request(sys.argv[1],
        json.dumps({"jsonrpc": "2.0", "id": 1, "method": m,
                    "params": p}).encode(),
        {"Content-Type": "application/json"}), timeout=30)
    return json.load(r)["result"]
print(rpc("eth_sendTransaction", [{"from": sys.argv[2], "to": sys.argv[3],
                                   "value": hex(15 * 10**17)}]))
PY
}

for row in bsc:56:BNB polygon:137:POL avax:43114:AVAX \
	arbitrum:42161:ETH optimism:10:ETH base:8453:ETH; do
	c=${row%%:*} rest=${row#*:}
	id=${rest%%:*} coin=${rest#*:}
	ANVIL_PORT=$(free_port)
	"$ANVIL" --host 127.0.0.1 --port "$ANVIL_PORT" --chain-id "$id" \
		--silent >"$T_TMP/anvil-$c.log" 2>&1 &
	ANVIL_PID=$!
	RPC="http://127.0.0.1:$ANVIL_PORT"
	if ! wait_port "$ANVIL_PORT"; then
		fail "$c: anvil starts" "$(tail -n 5 "$T_TMP/anvil-$c.log")"
		kill "$ANVIL_PID"
		ANVIL_PID=
		continue
	fi
	TX=$(send "$RPC") || fail "$c: send"
	DB="$T_TMP/db-$c"
	if [ "$c" = avax ]; then
		run "avax: a geth header is not a coreth one" 1 "$TRACER" \
			--db "$DB" crawl avax --rpc "$RPC" --confirmations 0
		contains "avax: extDataHash named" "$T_TMP/err" \
			"field 'extDataHash' is missing"
		kill "$ANVIL_PID"
		wait "$ANVIL_PID" 2>/dev/null
		ANVIL_PID=
		continue
	fi
	run "$c: crawl" 0 "$TRACER" --db "$DB" crawl "$c" --rpc "$RPC" \
		--confirmations 0 --json
	equal "$c: blocks" "$(jget "$T_TMP/out" 'd["blocks"]')" 2
	equal "$c: stored as its own chain" \
		"$(jget "$T_TMP/out" 'd["chain"]')" "$c"
	run "$c: address" 0 "$TRACER" --db "$DB" address --chain "$c" "$TO" \
		--json --txs
	contains "$c: the transfer is there" "$T_TMP/out" "$TX"
	run "$c: trace" 0 "$TRACER" --db "$DB" trace --chain "$c" \
		--seed "$FROM" --json
	contains "$c: the trace reaches the recipient" "$T_TMP/out" "$TO"
	run "$c: trace --min in the chain's coin" 0 "$TRACER" --db "$DB" \
		trace --chain "$c" --seed "$FROM" --min "1$coin" --json
	run "$c: ethereum is not $c" 1 "$TRACER" --db "$DB" crawl eth \
		--rpc "$RPC" --chain-id 1
	contains "$c: chain id named" "$T_TMP/err" "serves chain $id"
	if [ "$c" != bsc ]; then
		run "$c: a bsc crawl refuses it" 1 "$TRACER" --db "$T_TMP/x" \
			crawl bsc --rpc "$RPC"
		contains "$c: not a bsc network" "$T_TMP/err" \
			"serves chain id $id, which is not a bsc network"
	fi
	kill "$ANVIL_PID"
	wait "$ANVIL_PID" 2>/dev/null
	ANVIL_PID=
done
finish
