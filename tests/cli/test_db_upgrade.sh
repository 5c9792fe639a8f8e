#!/bin/sh
# tracer db upgrade: a version-1 database (written by tests/tools/db_make_v1,
# the old encoder) and a version-2 one (tests/tools/db_make_v2: addresses
# as text, every send stored in the history) convert in place to the same content as a fresh version-3
# ingest: the same `trace --json`, `address --json` and db check digest;
# killed with SIGKILL between batches, each continues to the same digest;
# until it is done every other command refuses the database.
. tests/lib.sh
MAKE_V1="$TOOLS/db_make_v1"
MAKE_V2="$TOOLS/db_make_v2"
GEN="$TOOLS/gen_store"
jdigest() { jget "$1" 'd["digest"]'; }

[ -x "$MAKE_V1" ] && [ -x "$MAKE_V2" ] && [ -x "$GEN" ] ||
	{ fail tools "db_make_v1, db_make_v2 or gen_store not built (make san)"; finish;
	  exit 1; }

# the demo chain, crawled from its blk file: the fresh version-3 database
run demo 0 "$TRACER" demo --out "$T_TMP/demo"
FRESH="$T_TMP/demo/db"
CASE="$T_TMP/demo/case.json"
run fresh_trace 0 "$TRACER" --db "$FRESH" trace --case "$CASE" --json
cp "$T_TMP/out" "$T_TMP/fresh.json"
run fresh_check 0 "$TRACER" --db "$FRESH" db check --json
fresh_digest=$(jdigest "$T_TMP/out")

run make_v1 0 "$MAKE_V1" "$FRESH" "$T_TMP/v1"
run v1_stats 0 "$TRACER" --db "$T_TMP/v1" db stats
contains v1_stats_version "$T_TMP/out" "schema version  1"
run v1_trace_refused 1 "$TRACER" --db "$T_TMP/v1" trace --case "$CASE" \
	--json
contains v1_trace_says "$T_TMP/err" "run 'tracer db upgrade'"
run v1_check_refused 1 "$TRACER" --db "$T_TMP/v1" db check
contains v1_check_says "$T_TMP/err" "run 'tracer db upgrade'"

run upgrade 0 "$TRACER" --db "$T_TMP/v1" db upgrade --json
equal upgrade_txs "$(jget "$T_TMP/out" 'd["txs"]')" 25
equal upgrade_done "$(jget "$T_TMP/out" 'd["upgraded"]')" True
run upgraded_stats 0 "$TRACER" --db "$T_TMP/v1" db stats
contains upgraded_version "$T_TMP/out" "schema version  3"
run upgraded_trace 0 "$TRACER" --db "$T_TMP/v1" trace --case "$CASE" --json
if cmp -s "$T_TMP/out" "$T_TMP/fresh.json"; then pass same_trace_json
else fail same_trace_json "$(diff "$T_TMP/fresh.json" "$T_TMP/out" | head -5)"; fi
run upgraded_check 0 "$TRACER" --db "$T_TMP/v1" db check --json
equal same_digest "$(jdigest "$T_TMP/out")" "$fresh_digest"
run upgrade_again 0 "$TRACER" --db "$T_TMP/v1" db upgrade
contains upgrade_again_msg "$T_TMP/out" "already"

# killed after its second batch of 3 transactions: still version 1, and
# the next run finishes with the digest of an uninterrupted one
run make_v1_kill 0 "$MAKE_V1" "$FRESH" "$T_TMP/k"
run killed 137 env TRACER_TEST_KILL_AFTER_BATCHES=2 \
	"$TRACER" --db "$T_TMP/k" db upgrade --batch 3
run killed_refused 1 "$TRACER" --db "$T_TMP/k" trace --case "$CASE"
run killed_twice 137 env TRACER_TEST_KILL_AFTER_BATCHES=3 \
	"$TRACER" --db "$T_TMP/k" db upgrade --batch 3
run resumed 0 "$TRACER" --db "$T_TMP/k" db upgrade --batch 3 --json
equal resumed_rest "$(jget "$T_TMP/out" 'd["txs"]')" 10
run resumed_check 0 "$TRACER" --db "$T_TMP/k" db check --json
equal resumed_digest "$(jdigest "$T_TMP/out")" "$fresh_digest"
run resumed_trace 0 "$TRACER" --db "$T_TMP/k" trace --case "$CASE" --json
if cmp -s "$T_TMP/out" "$T_TMP/fresh.json"; then pass resumed_trace_json
else fail resumed_trace_json "$(diff "$T_TMP/fresh.json" "$T_TMP/out" | head -5)"; fi

# version 2: the same tables with each address as text
run fresh_stats 0 "$TRACER" --db "$FRESH" db stats --json
n_addr=$(jget "$T_TMP/out" 'd["tables"]["addr_id"]')
cp -r "$FRESH" "$T_TMP/v2"
run make_v2 0 "$MAKE_V2" "$T_TMP/v2"
contains make_v2_says "$T_TMP/out" "$n_addr addresses as text"
n_sends=$(sed -n 's/ sends stored$//p' "$T_TMP/out")
[ "${n_sends:-0}" -gt 0 ] && pass make_v2_sends || fail make_v2_sends \
	"no sends stored: $(cat "$T_TMP/out")"
run v2_check_differs 1 "$TRACER" --db "$T_TMP/v2" db check
contains v2_refused_says "$T_TMP/err" "schema version 2; this tracer reads version 3: run 'tracer db upgrade'"
run v2_trace_refused 1 "$TRACER" --db "$T_TMP/v2" trace --case "$CASE"
run upgrade_v2 0 "$TRACER" --db "$T_TMP/v2" db upgrade --json
equal upgrade_v2_txs "$(jget "$T_TMP/out" 'd["txs"]')" 0
equal upgrade_v2_packed "$(jget "$T_TMP/out" 'd["addresses_packed"]')" \
	"$n_addr"
# an entry may take the sends of several inputs: at most as many derived
derived=$(jget "$T_TMP/out" 'd["sends_derived"]')
[ "$derived" -gt 0 ] && [ "$derived" -le "$n_sends" ] &&
	pass upgrade_v2_sends ||
	fail upgrade_v2_sends "$derived sends derived of $n_sends stored"
run v2_upgraded_check 0 "$TRACER" --db "$T_TMP/v2" db check --json
equal v2_same_digest "$(jdigest "$T_TMP/out")" "$fresh_digest"
run v2_upgraded_trace 0 "$TRACER" --db "$T_TMP/v2" trace --case "$CASE" \
	--json
if cmp -s "$T_TMP/out" "$T_TMP/fresh.json"; then pass v2_same_trace_json
else fail v2_same_trace_json "$(diff "$T_TMP/fresh.json" "$T_TMP/out" | head -5)"; fi
# killed after its first batch of 5 addresses: still version 2, refused,
# and the next run packs the rest to the same digest
cp -r "$FRESH" "$T_TMP/k2"
run make_v2_kill 0 "$MAKE_V2" "$T_TMP/k2"
run v2_killed 137 env TRACER_TEST_KILL_AFTER_BATCHES=1 \
	"$TRACER" --db "$T_TMP/k2" db upgrade --batch 5
run v2_killed_refused 1 "$TRACER" --db "$T_TMP/k2" trace --case "$CASE"
run v2_resumed 0 "$TRACER" --db "$T_TMP/k2" db upgrade --batch 5 --json
equal v2_resumed_rest "$(jget "$T_TMP/out" 'd["addresses_packed"]')" \
	"$((n_addr - 5))"
run v2_resumed_check 0 "$TRACER" --db "$T_TMP/k2" db check --json
equal v2_resumed_digest "$(jdigest "$T_TMP/out")" "$fresh_digest"

# a version-3 database with text addresses: db check names them
cp -r "$FRESH" "$T_TMP/bad"
"$MAKE_V2" "$T_TMP/bad" >/dev/null && "$TOOLS/db_set_version" "$T_TMP/bad" 3
run text_in_v3_check 1 "$TRACER" --db "$T_TMP/bad" db check
contains text_in_v3_count "$T_TMP/out" "bad      $n_addr"
contains text_in_v3_named "$T_TMP/err" "holds text, not a packed address"

# account records: legs, tokens, a reverted tx, opening balances; and a
# UTXO input whose previous tx is not stored
A=0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed
B=0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359
C=0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB
TOK=0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb
cat >"$T_TMP/eth.txt" <<EOT
chain eth
ev open 100 | opening - $A 1000
ev e1 110 | native $A $B 300 | fee $A - 2 | token $B $C 50 $TOK
ev e2 120 failed | native $B $C 100 | fee $B - 3
ev e3 130 | internal $B $C 40 | token $C $A 20 $TOK | fee $C - 1
chain btc
tx t1 200 | unknown:1 | bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4=70
tx t2 210 | t1:0 | 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2=69
EOT
run gen_eth 0 "$GEN" "$T_TMP/eth" "$T_TMP/eth.txt"
run eth_check 0 "$TRACER" --db "$T_TMP/eth" db check --json
eth_digest=$(jdigest "$T_TMP/out")
for a in $A $B $C; do
	"$TRACER" --db "$T_TMP/eth" address --chain eth "$a" --json --txs \
		>>"$T_TMP/eth-fresh.json" 2>&1
done
run make_v1_eth 0 "$MAKE_V1" "$T_TMP/eth" "$T_TMP/eth1"
run upgrade_eth 0 "$TRACER" --db "$T_TMP/eth1" db upgrade --batch 2
run eth1_check 0 "$TRACER" --db "$T_TMP/eth1" db check --json
equal eth_same_digest "$(jdigest "$T_TMP/out")" "$eth_digest"
for a in $A $B $C; do
	"$TRACER" --db "$T_TMP/eth1" address --chain eth "$a" --json --txs \
		>>"$T_TMP/eth-up.json" 2>&1
done
contains eth_address_works "$T_TMP/eth-fresh.json" '"assets"'
if cmp -s "$T_TMP/eth-fresh.json" "$T_TMP/eth-up.json"; then
	pass eth_same_address_json
else
	fail eth_same_address_json \
		"$(diff "$T_TMP/eth-fresh.json" "$T_TMP/eth-up.json" | head -5)"
fi
finish
