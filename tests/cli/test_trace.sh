#!/bin/sh
# tracer trace and tracer cluster on stores built by tests/tools/gen_store
# (no crawler): the worked example of issue 6 per policy, JSON shape,
# case files, seeds by output, errors, clustering evidence, an account
# chain with a token, and the Python reference model on random cases.
. tests/lib.sh
GEN="${TOOLS:-build/san/tools}/gen_store"
H=13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94
C=12t9YDPgwueZ9NyMgw519p7AA8isjr6SMw
G=1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa
K=1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2
DB="$T_TMP/db"

run help 0 "$TRACER" trace --help
contains help_policy "$T_TMP/out" "poison, haircut (default), fifo, lifo, tiho"
run cluster_help 0 "$TRACER" cluster --help

if [ ! -x "$GEN" ]; then # make check builds it: its absence is a failure
	fail gen_store "not built ($GEN; make san)"
	finish
	exit $?
fi

cat >"$T_TMP/worked.txt" <<EOT
tx a 1 | coinbase | $H=300
tx b 2 | coinbase | $C=700
tx x 3 | a:0 b:0 | E1=500 E2=500
tag E1 exchange Alpha
tag E2 exchange Beta
EOT
"$GEN" "$DB" "$T_TMP/worked.txt" || fail gen_store "could not build"

# exits per policy: poison [500,500], haircut [150,150], fifo [300,0],
# lifo [0,300]
for spec in poison:500:500 haircut:150:150 fifo:300:0 lifo:0:300; do
	p=${spec%%:*} rest=${spec#*:}
	run "trace_$p" 0 "$TRACER" --db "$DB" trace --chain btc --seed $H \
		--policy $p --json
	equal "${p}_e1" "$(jget "$T_TMP/out" \
		'sum(int(x["amount"]) for x in d["exits"] if x["address"]=="E1")')" \
		"${rest%%:*}"
	equal "${p}_e2" "$(jget "$T_TMP/out" \
		'sum(int(x["amount"]) for x in d["exits"] if x["address"]=="E2")')" \
		"${rest#*:}"
done
run json_shape 0 "$TRACER" --db "$DB" trace --chain btc --seed $H --json
equal json_chain "$(jget "$T_TMP/out" 'd["chain"]+" "+d["network"]+" "+d["policy"]')" \
	"btc main haircut"
equal json_seeds "$(jget "$T_TMP/out" 'd["seeds"]')" "['$H']"
equal json_limits "$(jget "$T_TMP/out" 'd["limits"]["hops"], d["limits"]["min"], d["limits"]["hub_txs"]')" \
	"(10, '0', 1000)"
equal json_asset "$(jget "$T_TMP/out" '[d["assets"][0][k] for k in ("asset","decimals","seed_total","exits_total","held","fees","unresolved","balanced")]')" \
	"['BTC', 8, '300', '300', '0', '0', '0', True]"
equal json_exit "$(jget "$T_TMP/out" '[d["exits"][0][k] for k in ("address","entity","category","inferred","amount","hops","first_time")]')" \
	"['E1', 'Alpha', 'exchange', False, '150', 1, '1970-01-01T00:00:03Z']"
equal json_exit_order "$(jget "$T_TMP/out" '[x["address"] for x in d["exits"]]')" \
	"['E1', 'E2']"
run poison_null 0 "$TRACER" --db "$DB" trace --chain btc --seed $H \
	--policy poison --json
equal poison_balanced "$(jget "$T_TMP/out" 'd["assets"][0]["balanced"]')" None

run text 0 "$TRACER" --db "$DB" trace --chain btc --seed $H --policy fifo
contains text_identity "$T_TMP/out" "BTC: seed total 0.00000300 = exits 0.00000300"
contains text_balanced "$T_TMP/out" "(balanced)"
contains text_entity "$T_TMP/out" "Alpha"

# the seed as an output (Bitcoin shows txids byte-reversed)
TXA=$(printf a | sha256sum | cut -c1-64 | sed 's/../& /g' | tr ' ' '\n' |
	sed '/^$/d' | tac | tr -d '\n')
run seed_tx 0 "$TRACER" --db "$DB" trace --chain btc --seed-tx "$TXA:0" \
	--policy lifo --json
equal seed_tx_e2 "$(jget "$T_TMP/out" '[x["amount"] for x in d["exits"]]')" "['300']"

# a case file: its policy unless the command line says otherwise
cat >"$T_TMP/case.json" <<EOT
{"name": "worked", "chain": "btc", "seeds": ["$H"], "policy": "fifo",
 "limits": {"hops": 3}}
EOT
run case 0 "$TRACER" --db "$DB" trace --case "$T_TMP/case.json" --json
equal case_policy "$(jget "$T_TMP/out" 'd["policy"], d["limits"]["hops"]')" "('fifo', 3)"
equal case_exit "$(jget "$T_TMP/out" '[x["amount"] for x in d["exits"]]')" "['300']"
run case_override 0 "$TRACER" --db "$DB" trace --case "$T_TMP/case.json" \
	--policy lifo --json
equal case_override_policy "$(jget "$T_TMP/out" 'd["policy"]')" "lifo"
run stop_none 0 "$TRACER" --db "$DB" trace --chain btc --seed $H \
	--stop-at none --json
equal stop_none_held "$(jget "$T_TMP/out" 'd["assets"][0]["held"], len(d["exits"])')" "('300', 0)"

# errors
run no_chain 2 "$TRACER" --db "$DB" trace --seed $H
contains no_chain_msg "$T_TMP/err" "--chain is required"
run no_seed 2 "$TRACER" --db "$DB" trace --chain btc
run bad_seed 2 "$TRACER" --db "$DB" trace --chain btc --seed 1BadAddress
# the address once, not "seed 'X': 'X' is not ..."
equal bad_seed_msg "$(head -n 1 "$T_TMP/err")" \
	"tracer: error: --seed: '1BadAddress' is not an address of network main: base58check checksum mismatch"
run bad_hops 2 "$TRACER" --db "$DB" trace --chain btc --seed $H --hops 0
contains bad_hops_msg "$T_TMP/err" "--hops: '0' is out of range (1 to 10000)"
# one number rule, one limit: trace, case init and a case file agree
run hops_limit 2 "$TRACER" --db "$DB" trace --chain btc --seed $H --hops 10001
contains hops_limit_msg "$T_TMP/err" "--hops: '10001' is out of range (1 to 10000)"
run case_hops_limit 2 "$TRACER" case init "$T_TMP/h.json" --chain btc \
	--seed $H --hops 10001
contains case_hops_limit_msg "$T_TMP/err" "--hops: '10001' is out of range (1 to 10000)"
printf '{"name":"h","chain":"btc","seeds":["%s"],"limits":{"hops":0}}' $H \
	>"$T_TMP/h0.json"
run case_file_hops0 1 "$TRACER" --db "$DB" trace --case "$T_TMP/h0.json"
contains case_file_hops0_msg "$T_TMP/err" "field 'limits.hops': must be an integer from 1 to 10000"
run top_not_number 2 "$TRACER" --db "$DB" trace --chain btc --seed $H --top -1
contains top_not_number_msg "$T_TMP/err" "--top: '-1' is not a whole number"
run seed_tx_index 2 "$TRACER" --db "$DB" trace --chain btc \
	--seed-tx "$(printf '%064d' 0):4294967296"
run bad_policy 2 "$TRACER" --db "$DB" trace --chain btc --seed $H --policy x
run bad_stop 2 "$TRACER" --db "$DB" trace --chain btc --seed $H --stop-at bank
run bad_time 2 "$TRACER" --db "$DB" trace --chain btc --seed $H --since yesterday
run unknown_tx 1 "$TRACER" --db "$DB" trace --chain btc \
	--seed-tx "$(printf '%064d' 7):0"
contains unknown_tx_msg "$T_TMP/err" "is not in the database"
run missing_case 1 "$TRACER" --db "$DB" trace --case "$T_TMP/nope.json"
run no_db 1 "$TRACER" --db "$T_TMP/none" trace --chain btc --seed $H

# clustering: G and K co-spend in j1, K and C in j2; C is tagged
cat >"$T_TMP/cluster.txt" <<EOT
tx g 1 | coinbase | $G=5000
tx k 2 | coinbase | $K=5000
tx c 3 | coinbase | $C=5000
tx j1 4 | g:0 k:0 | $K=9000
tx j2 5 | j1:0 c:0 | Z=14000
tx h 6 | coinbase | $H=700
tx hx 7 | h:0 | $G=700
tag $C exchange Omega
EOT
"$GEN" "$T_TMP/cdb" "$T_TMP/cluster.txt" || fail gen_cluster "could not build"
J1=$(printf j1 | sha256sum | cut -c1-64 | sed 's/../& /g' | tr ' ' '\n' |
	sed '/^$/d' | tac | tr -d '\n')
J2=$(printf j2 | sha256sum | cut -c1-64 | sed 's/../& /g' | tr ' ' '\n' |
	sed '/^$/d' | tac | tr -d '\n')
run cluster 0 "$TRACER" --db "$T_TMP/cdb" cluster --chain btc $G \
	--path $C --json
equal cluster_members "$(jget "$T_TMP/out" 'sorted(m["address"] for m in d["members"])')" \
	"$(python3 -c "print(sorted(['$G','$K','$C']))")"
equal cluster_path "$(jget "$T_TMP/out" '[(s["address"], s.get("txid")) for s in d["path"]]')" \
	"[('$G', None), ('$K', '$J1'), ('$C', '$J2')]"
equal cluster_inferred "$(jget "$T_TMP/out" 'd["inferred"]["entity"], d["inferred"]["evidence"]')" \
	"('Omega', '$J1 $J2')"
run cluster_text 0 "$TRACER" --db "$T_TMP/cdb" cluster --chain btc $G
contains cluster_text_inferred "$T_TMP/out" "inferred Omega (exchange)"
run cluster_not_member 1 "$TRACER" --db "$T_TMP/cdb" cluster --chain btc $G \
	--path $H
run trace_inferred 0 "$TRACER" --db "$T_TMP/cdb" trace --chain btc --seed $H --json
equal trace_inferred_exit "$(jget "$T_TMP/out" '[(x["address"], x["entity"], x["inferred"], x["amount"]) for x in d["exits"]]')" \
	"[('$G', 'Omega', True, '700')]"
run trace_no_cluster 0 "$TRACER" --db "$T_TMP/cdb" trace --chain btc --seed $H \
	--no-cluster --json
equal trace_no_cluster_held "$(jget "$T_TMP/out" 'len(d["exits"]), d["assets"][0]["held"]')" "(0, '700')"

# an account chain: pools, a token, gas fees
E=0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed
cat >"$T_TMP/eth.txt" <<EOT
chain eth
ev a 2 | native S $E 100 | token S $E 7 0xT
ev b 3 | native $E X 60 | fee $E - 1 | token $E X 5 0xT
tag X exchange Zeta
EOT
"$GEN" "$T_TMP/edb" "$T_TMP/eth.txt" || fail gen_eth "could not build"
run eth 0 "$TRACER" --db "$T_TMP/edb" trace --chain eth \
	--seed "$(echo $E | tr 'A-F' 'a-f')" --json
equal eth_assets "$(jget "$T_TMP/out" '[(a["asset"], a["decimals"], a["seed_total"], a["exits_total"], a["held"], a["fees"], a["balanced"]) for a in d["assets"]]')" \
	"[('ETH', 18, '100', '60', '39', '1', True), ('0xT', None, '7', '5', '2', '0', True)]"

# an Ethereum seed output is a leg: leg 1 of tx a is the token transfer
TXA_ETH=0x$(printf a | sha256sum | cut -c1-64)
run eth_leg 0 "$TRACER" --db "$T_TMP/edb" trace --chain eth \
	--seed-tx "$TXA_ETH:1" --json
equal eth_leg_assets "$(jget "$T_TMP/out" '[(a["asset"], a["seed_total"], a["exits_total"], a["held"]) for a in d["assets"]]')" \
	"[('ETH', '0', '0', '0'), ('0xT', '7', '5', '2')]"
equal eth_leg_txid "$(jget "$T_TMP/out" 'd["exits"][0]["txids"][0][:2], len(d["exits"][0]["txids"][0])')" \
	"('0x', 66)"
run eth_leg_range 1 "$TRACER" --db "$T_TMP/edb" trace --chain eth \
	--seed-tx "$TXA_ETH:2"
contains eth_leg_range_msg "$T_TMP/err" "the transaction has 2 legs"

# a hostile token whose amounts overflow 256 bits: an error naming the
# transaction, no crash, no wrong figure
MAX=115792089237316195423570985008687907853269984665640564039457584007913129639935
cat >"$T_TMP/ov.txt" <<EOT
chain eth
ev a 2 | token S $E $MAX 0xT
ev b 3 | token S $E 5 0xT
EOT
"$GEN" "$T_TMP/odb" "$T_TMP/ov.txt" || fail gen_ov "could not build"
run overflow 1 "$TRACER" --db "$T_TMP/odb" trace --chain eth --seed "$E"
contains overflow_msg "$T_TMP/err" "transaction 0x$(printf b | sha256sum | cut -c1-64): amount sum past 2^256"

# the independent reference model on random cases (python3 is one of
# the packages make check installs)
mkdir -p "$T_TMP/ref"
if python3 tests/reference/compare.py "$TRACER" "$GEN" "$T_TMP/ref" \
	"${REFERENCE_CASES:-25}" >"$T_TMP/ref.log" 2>&1; then
	pass reference_model
else
	fail reference_model "$(tail -n 5 "$T_TMP/ref.log")"
fi
# conflicting tags on addresses the taint reaches (tracer/report/
# warnings.c): G a hacker and an exchange tag (the hacker's confidence
# decides: the trail goes on), K two exchanges (equal confidence and
# category: the entity order decides); each warned once, naming the
# address, both tags, the one used and why
cat >"$T_TMP/conflict.txt" <<EOT
tx a 1 | coinbase | $H=300
tx x 2 | a:0 | $G=100 $K=200
tag $G exchange Alpha 80
tag $G hacker Lazarus 90
tag $K exchange Beta
tag $K exchange Gamma
EOT
"$GEN" "$T_TMP/conflict-db" "$T_TMP/conflict.txt" ||
	fail gen_store_conflict "could not build"
run conflict_text 0 "$TRACER" --db "$T_TMP/conflict-db" trace --chain btc \
	--seed $H
contains conflict_text_g "$T_TMP/err" \
	"warning: '$G' has conflicting tags: hacker (Lazarus, fixture) and exchange (Alpha, fixture); tracing uses hacker (Lazarus, fixture), by the higher confidence (90 over 80); check them with tracer tag show --chain btc $G"
contains conflict_text_k "$T_TMP/err" \
	"warning: '$K' has conflicting tags: exchange (Beta, fixture) and exchange (Gamma, fixture); tracing uses exchange (Beta, fixture), by equal confidence (90), category and source, and the entity 'Beta' sorts before 'Gamma'"
equal conflict_text_once "$(grep -c 'conflicting tags' "$T_TMP/err")" 2
run conflict_json 0 "$TRACER" --db "$T_TMP/conflict-db" trace --chain btc \
	--seed $H --json
equal conflict_json_warnings "$(jget "$T_TMP/out" \
	'[w.split(" has ")[0] for w in d["warnings"] if "conflicting" in w]')" \
	"[\"'$G'\", \"'$K'\"]"
equal conflict_json_exits "$(jget "$T_TMP/out" '[x["address"] for x in d["exits"]]')" \
	"['$K']"
run conflict_quiet 0 "$TRACER" --db "$T_TMP/conflict-db" -q trace \
	--chain btc --seed $H
lacks conflict_quiet_none "$T_TMP/err" "conflicting"
# the worked example's exits carry one tag each: no such warning
run conflict_none 0 "$TRACER" --db "$DB" trace --chain btc --seed $H
lacks conflict_none_msg "$T_TMP/err" "conflicting"
# a progress line on stderr when it is a terminal (script(1) gives one),
# never with -q, --json or without a terminal; cleared before the output
if command -v script >/dev/null 2>&1; then
	tty_run() { script -qec "$*" /dev/null >"$T_TMP/tty" 2>&1; }
	tty_run "$TRACER" --db "$T_TMP/conflict-db" trace --chain btc --seed $H
	contains progress_tty "$T_TMP/tty" "trace: 1 tx visited, queue "
	# the line is blanked out before the summary
	contains progress_cleared "$T_TMP/tty" "$(printf '\r     ')"
	contains progress_then_result "$T_TMP/tty" "trace btc main, policy haircut"
	tty_run "$TRACER" --db "$T_TMP/conflict-db" -q trace --chain btc --seed $H
	lacks progress_tty_q "$T_TMP/tty" "txs visited"
	lacks progress_tty_q1 "$T_TMP/tty" "tx visited"
	tty_run "$TRACER" --db "$T_TMP/conflict-db" trace --chain btc --seed $H --json
	lacks progress_tty_json "$T_TMP/tty" "tx visited"
	tty_run "$TRACER" --db "$T_TMP/conflict-db" cluster --chain btc --rebuild
	contains progress_rebuild "$T_TMP/tty" "cluster --rebuild: "
	contains progress_rebuild_result "$T_TMP/tty" "rebuilt the clustering of btc: 2 transactions read"
	tty_run "$TRACER" --db "$T_TMP/conflict-db" cluster --chain btc --rebuild --json
	lacks progress_rebuild_json "$T_TMP/tty" "cluster --rebuild: "
else
	skip progress_tty "script(1) (util-linux) is not installed"
fi
run progress_no_tty 0 "$TRACER" --db "$T_TMP/conflict-db" trace --chain btc --seed $H
lacks progress_no_tty_none "$T_TMP/err" "tx visited"
run progress_no_tty_rebuild 0 "$TRACER" --db "$T_TMP/conflict-db" cluster \
	--chain btc --rebuild
lacks progress_no_tty_rebuild_none "$T_TMP/err" "cluster --rebuild: "
# a window that ends before it starts, an amount past 256 bits: usage
run until_before_since 2 "$TRACER" --db "$DB" trace --chain btc --seed $H \
	--since 2024-01-14 --until 2024-01-01
contains until_before_since_msg "$T_TMP/err" "--until is before --since"
run min_overflow 2 "$TRACER" --db "$DB" trace --chain btc --seed $H \
	--min 1000000000000000000000000000000000000000000000000000000000000000000000000000000
contains min_overflow_msg "$T_TMP/err" "exceeds 2^256-1 base units"
finish
