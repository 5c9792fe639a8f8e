#!/bin/sh
# eth_verify - what an Ethereum node can no longer lie about: a proxy in
# front of anvil 1.7.1 (tests/integration/eth_liar.py) forges, hides or
# misattributes an internal transfer, makes the trace's top frame differ
# from its transaction, or claims a false opening balance in eth_getProof;
# each crawl of the block concerned is refused naming what and where, with
# nothing stored. A false eth_getBalance is not used while proofs are. The
# scenario is tests/nodes/eth_scenario.js (block 1: a plain transfer to an
# account without code; the forwarder's internal transfer).
. "${TRACER_SRC:-.}/tests/lib.sh"
. "${TRACER_SRC:-.}/tests/nodes/nodes.sh"
LIAR="${TRACER_SRC:-.}/tests/integration/eth_liar.py"
LPID=""
T_CLEANUP_HOOK='[ -n "$LPID" ] && kill $LPID 2>/dev/null; nodes_stop'

anvil_scenario
J="$T_TMP/eth.json"
INTERNAL=$(jget "$J" 'd["internal"]')
SENDER=0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc
EOA=0x70997970c51812dc3a010c7d01b50e0d17dc79c8
ATTACKER=0x00000000000000000000000000000000A77aC4e5
# rpc METHOD PARAMS: the result, as JSON
rpc() {
	python3 - "$ANVIL_RPC" "$1" "$2" <<'PY'
import json, sys, urllib.request
r = urllib.request.Request(sys.argv[1], json.dumps({"jsonrpc": "2.0",
    "id": 1, "method": sys.argv[2], "params": json.loads(sys.argv[3])
    }).encode(), {"content-type": "application/json"})
print(json.dumps(json.load(urllib.request.urlopen(r))["result"]))
PY
}
B_INT=$(rpc eth_getTransactionReceipt "[\"$INTERNAL\"]" |
	python3 -c 'import json,sys; print(int(json.load(sys.stdin)["blockNumber"], 16))')
PLAIN=$(rpc eth_getBlockByNumber '["0x1", false]' |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["transactions"][0])')

# liar MODE TXHASH ADDR: the proxy; sets URL
liar() {
	[ -n "$LPID" ] && kill $LPID 2>/dev/null
	# the last liar's port must not be read as this one's: the shell
	# truncates the file only once the new process is forked
	rm -f "$T_TMP/lport"
	python3 "$LIAR" "$ANVIL_RPC" "$1" "$2" "$3" >"$T_TMP/lport" \
		2>"$T_TMP/liar.err" &
	LPID=$!
	i=0
	# (a start-up bound, not a measure: 120 s for a loaded machine)
	while ! grep -q '^[0-9][0-9]*$' "$T_TMP/lport" 2>/dev/null &&
		[ $i -lt 1200 ] && kill -0 $LPID 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	grep -q '^[0-9][0-9]*$' "$T_TMP/lport" 2>/dev/null ||
		fail "liar $1 starts" "no port after $i tries: $(cat \
			"$T_TMP/liar.err")"
	URL="http://127.0.0.1:$(head -n 1 "$T_TMP/lport")"
}

# refused NAME MODE TXHASH ADDR BLOCK TEXT...: crawling BLOCK through the
# liar fails, saying each TEXT, and stores nothing
refused() {
	_n=$1 _b=$5
	liar "$2" "$3" "$4"
	DB="$T_TMP/db-$_n"
	run "$_n refused" 1 timeout 120 "$TRACER" --db "$DB" crawl eth \
		--rpc "$URL" --chain-id 31337 --confirmations 0 --retries 0 \
		--from "$_b" --to "$_b"
	cp "$T_TMP/err" "$T_TMP/err-$_n"
	shift 5
	for t in "$@"; do
		contains "$_n says $t" "$T_TMP/err-$_n" "$t"
	done
	if [ -d "$DB" ]; then
		run "$_n db check" 0 "$TRACER" --db "$DB" db check
		run "$_n db stats" 0 "$TRACER" --db "$DB" --json db stats
		contains "$_n nothing stored" "$T_TMP/out" '"block": 0,'
	fi
}

refused forged forged "$INTERNAL" x "$B_INT" "block $B_INT:" \
	"$ATTACKER: the legs imply a balance of 1000000000000000000 wei, its proven balance is 0 wei" \
	"forged internal transfer"
refused context forged-context "$INTERNAL" "$EOA" "$B_INT" \
	"a CALL frame from 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 inside code running at" \
	"forged trace"
refused hidden hidden "$INTERNAL" x "$B_INT" "block $B_INT:" \
	"the legs imply a balance of 2000000000000000000 wei, its proven balance is 0 wei" \
	"left out"
refused eoa eoa "$PLAIN" x 1 \
	"block 1: 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 makes calls in the call traces but has no code" \
	"a call from an account without code (forged trace)"
refused top top-value "$INTERNAL" x "$B_INT" \
	"top frame has another 'value' than the transaction"
refused opening opening x "$SENDER" "$B_INT" \
	"account proof of 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" \
	"the balance it claims is not the proven one"

# eth_getBalance lies, but the opening balance comes from the proof
liar getbalance x "$SENDER"
DB="$T_TMP/db-getbalance"
run "getbalance lie not used" 0 timeout 120 "$TRACER" --db "$DB" crawl eth \
	--rpc "$URL" --chain-id 31337 --confirmations 0 --from "$B_INT" \
	--to "$B_INT"
"$TRACER" --db "$DB" address --chain eth "$SENDER" --json >"$T_TMP/sender.json"
WANT=$(rpc eth_getBalance "[\"$SENDER\", \"$(printf 0x%x "$B_INT")\"]" |
	python3 -c 'import json,sys; print(int(json.load(sys.stdin), 16))')
equal "the sender's balance is the proven one" \
	"$(jget "$T_TMP/sender.json" 'd["assets"][0]["balance"]')" "$WANT"
# --verify-balances off: the lie passes, as documented (asserted)
DB="$T_TMP/db-off"
run "verify-balances off" 0 timeout 120 "$TRACER" --db "$DB" crawl eth \
	--rpc "$URL" --chain-id 31337 --confirmations 0 --from "$B_INT" \
	--to "$B_INT" --verify-balances off
"$TRACER" --db "$DB" address --chain eth "$SENDER" --json >"$T_TMP/sender.json"
[ "$(jget "$T_TMP/sender.json" 'd["assets"][0]["balance"]')" != "$WANT" ] &&
	pass "off: the node's eth_getBalance is believed" ||
	fail "off: the node's eth_getBalance is believed"
run "verify-balances bad value" 2 "$TRACER" --db "$DB" crawl eth \
	--rpc "$URL" --verify-balances maybe
finish
