#!/bin/sh
# Global options anywhere on the line, --json refused by commands without
# a JSON form, "did you mean" for commands and long options; complete
# usage synopses, case-insensitive policies, plurals.
. tests/lib.sh
DEMO="$T_TMP/demo"
DB="$DEMO/db"
SEED=bcrt1qm5282fwdqk8wk73lplayalvq79g0r70t8js2rq

run demo 0 "$TRACER" demo --out "$DEMO"

# --db, -q, -v after the command (the README's "--db DIR on every command")
run db_after 0 "$TRACER" trace --db "$DB" --chain btc --seed $SEED --hops 1
contains db_after_out "$T_TMP/out" "trace btc regtest"
run db_eq_last 0 "$TRACER" trace --chain btc --seed $SEED --hops 1 \
	--db="$DB"
contains db_eq_last_out "$T_TMP/out" "trace btc regtest"
run quiet_after 0 "$TRACER" trace --db "$DB" --chain btc --seed $SEED \
	--hops 1 -q
equal quiet_after_stderr "$(cat "$T_TMP/err")" ""
run quiet_before 0 "$TRACER" -q --db "$DB" trace --chain btc --seed $SEED \
	--hops 1
equal quiet_before_stderr "$(cat "$T_TMP/err")" ""
run verbose_after 0 "$TRACER" address --chain btc $SEED --db "$DB" -v
contains verbose_after_msg "$T_TMP/err" "database '$DB' (schema version"
run tag_db_after 0 "$TRACER" tag list --db "$DB" --json
contains tag_db_after_out "$T_TMP/out" '"count"'
run json_after 0 "$TRACER" address --chain btc $SEED --db "$DB" --json
equal json_after_chain "$(jget "$T_TMP/out" 'd["chain"]')" btc
run db_no_value 2 "$TRACER" trace --chain btc --db
contains db_no_value_msg "$T_TMP/err" "option '--db' needs a value"
# after "--" nothing is taken
run dashdash 2 "$TRACER" --db "$DB" address --chain btc -- -q
lacks dashdash_not_taken "$T_TMP/err" "unknown option"

# --json where there is no JSON form: a usage error, nothing written
for cmd in report export; do
	run "${cmd}_json_before" 2 "$TRACER" --json --db "$DB" $cmd \
		--case "$DEMO/case.json" -o "$T_TMP/$cmd.out"
	contains "${cmd}_json_msg" "$T_TMP/err" "'tracer $cmd' has no --json output (its --format chooses the output): see 'tracer $cmd --help'"
	[ ! -e "$T_TMP/$cmd.out" ] && pass "${cmd}_json_nothing" ||
		fail "${cmd}_json_nothing"
	run "${cmd}_json_after" 2 "$TRACER" --db "$DB" $cmd \
		--case "$DEMO/case.json" -o "$T_TMP/$cmd.out" --json
	contains "${cmd}_json_after_msg" "$T_TMP/err" "has no --json output"
done
run decode_json 2 "$TRACER" decode --json 00
contains decode_json_msg "$T_TMP/err" "'tracer decode' has no --json output: see 'tracer decode --help'"
run demo_json 2 "$TRACER" --json demo --out "$T_TMP/d2"
[ ! -e "$T_TMP/d2" ] && pass demo_json_nothing || fail demo_json_nothing

# did you mean
run typo_cmd 2 "$TRACER" trcae
contains typo_cmd_msg "$T_TMP/err" "unknown command 'trcae' (did you mean 'trace'?)"
run typo_cmd2 2 "$TRACER" rpeort
contains typo_cmd2_msg "$T_TMP/err" "(did you mean 'report'?)"
run far_cmd 2 "$TRACER" xyzzy
contains far_cmd_msg "$T_TMP/err" "unknown command 'xyzzy'"
lacks far_cmd_no_guess "$T_TMP/err" "did you mean"
run typo_opt 2 "$TRACER" --db "$DB" trace --chian btc --seed $SEED
contains typo_opt_msg "$T_TMP/err" "unknown option '--chian' (did you mean '--chain'?)"
run typo_opt2 2 "$TRACER" --db "$DB" trace --chain btc --seeds $SEED
contains typo_opt2_msg "$T_TMP/err" "(did you mean '--seed'?)"
run typo_opt3 2 "$TRACER" --db "$DB" address --chain btc $SEED --jsno
contains typo_opt3_msg "$T_TMP/err" "(did you mean '--json'?)"
run far_opt 2 "$TRACER" --db "$DB" trace --frobnicate
lacks far_opt_no_guess "$T_TMP/err" "did you mean"

# a usage error prints the whole synopsis, never a line cut mid-way
run synopsis 2 "$TRACER" --db "$DB" trace --frobnicate
want=$("$TRACER" trace --help | sed '/^$/q' | sed '$d')
got=$(sed -n '/^usage: /,/^Try /p' "$T_TMP/err" | sed '$d' | sed '1s/^usage: //')
equal synopsis_whole "$got" "$want"

# --policy FIFO, --chain BTC: enum values are case-insensitive
run policy_upper 0 "$TRACER" --db "$DB" trace --chain BTC --seed $SEED \
	--hops 1 --policy FIFO
contains policy_upper_out "$T_TMP/out" "policy fifo"

# plurals: one held address is "1 address"
HELD=bcrt1qc0lcazw5vmpsaemte0eyej66dr3zr4fh8hdj5c
run plural 0 "$TRACER" --db "$DB" trace --chain btc --seed $HELD
contains plural_one "$T_TMP/out" "1 transaction scanned, 1 moved taint, 1 address"
run plural_many 0 "$TRACER" --db "$DB" trace --chain btc --seed $SEED --hops 1
contains plural_many_out "$T_TMP/out" "5 transactions scanned, 5 moved taint, 4 addresses"

finish
