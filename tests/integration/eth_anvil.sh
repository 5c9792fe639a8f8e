#!/bin/sh
# eth_anvil - the eth adapter against a real node, anvil 1.7.1 (installed
# from npm by tests/nodes/nodes.sh, started on a free port of 127.0.0.1,
# stopped by PID): every block verifies with `tracer decode --chain eth`,
# every raw transaction gives the node's hash and sender, every block's
# receipts match its receiptsRoot and its records (tests/tools/eth_records)
# are the same from callTracer and from Parity traces, the internal
# transfer and the reverted transaction come out right. The scenario is
# tests/integration/eth_anvil.py.
. "${TRACER_SRC:-.}/tests/lib.sh"
NODES_SH="${TRACER_SRC:-.}/tests/nodes/nodes.sh"

if [ ! -f "$NODES_SH" ]; then
	fail anvil "$NODES_SH is missing"
	finish
	exit 1
fi
. "$NODES_SH"
anvil_up
python3 "${TRACER_SRC:-.}/tests/integration/eth_anvil.py" "$ANVIL_RPC" \
	"$TRACER" "$TOOLS/eth_records" "$T_TMP" >"$T_TMP/checks" 2>&1
st=$?
while IFS= read -r line; do
	case $line in
	"PASS "*) pass "${line#PASS }" ;;
	"FAIL "*) n=${line#FAIL }; fail "${n%%: *}" "${n#*: }" ;;
	esac
done <"$T_TMP/checks"
[ "$st" -eq 0 ] || fail "scenario" "$(tail -n 20 "$T_TMP/checks")"
finish
