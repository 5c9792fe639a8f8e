#!/bin/sh
# Amounts with units (chains/chain.c, chain_amount_parse) on the command
# line and in case files, on the demo database (btc regtest).
. tests/lib.sh
DEMO="$T_TMP/demo"
DB="$DEMO/db"
SEED=bcrt1qm5282fwdqk8wk73lplayalvq79g0r70t8js2rq
ETH=0x52908400098527886E0F7030069857D2E4169EE7

run demo 0 "$TRACER" demo --out "$DEMO"

# every form of 1.5 BTC gives the same trace as 150000000 base units
run base 0 "$TRACER" --db "$DB" trace --chain btc --seed $SEED \
	--min 150000000 --json
jget "$T_TMP/out" 'd["limits"]["min"]' >"$T_TMP/want"
equal base_min "$(cat "$T_TMP/want")" 150000000
run base_echo 0 "$TRACER" --db "$DB" trace --chain btc --seed $SEED \
	--min 150000000
contains base_echo_msg "$T_TMP/err" "tracer: --min 150000000 = 1.5 BTC"
for m in 1.5btc "1.5 BTC" 150000000sat 1.5BTC "150000000 SAT"; do
	name=form_$(echo "$m" | tr -c 'a-zA-Z0-9\n' _)
	run "$name" 0 "$TRACER" --db "$DB" trace --chain btc --seed $SEED \
		--min "$m" --json
	equal "${name}_min" "$(jget "$T_TMP/out" 'd["limits"]["min"]')" \
		150000000
	lacks "${name}_no_echo" "$T_TMP/err" "--min"
done

# mistakes say what to write (usage errors)
run fraction 2 "$TRACER" --db "$DB" trace --chain btc --seed $SEED --min 1.5
contains fraction_msg "$T_TMP/err" "--min: '1.5' has a fraction but no unit: 1.5btc is 150000000 sat; write 1.5btc or a whole number of sat"
run comma 2 "$TRACER" --db "$DB" trace --chain btc --seed $SEED --min 1,5
contains comma_msg "$T_TMP/err" "'1,5' is not an amount (the decimal point is '.')"
run other_unit 2 "$TRACER" --db "$DB" trace --chain btc --seed $SEED \
	--min 0.2eth
contains other_unit_msg "$T_TMP/err" "'0.2eth' has a unit this chain does not know"
run too_precise 2 "$TRACER" --db "$DB" trace --chain btc --seed $SEED \
	--min 1.123456789btc
contains too_precise_msg "$T_TMP/err" "more than 8 decimals"
run not_amount 2 "$TRACER" --db "$DB" trace --chain btc --seed $SEED \
	--min lots
contains not_amount_msg "$T_TMP/err" "'lots' is not an amount"

# case init: --loss with units; a bare number is echoed in coins
run loss_btc 0 "$TRACER" --db "$DB" case init "$T_TMP/a.json" --chain btc \
	--seed $SEED --loss 40btc
equal loss_btc_amount "$(jget "$T_TMP/a.json" 'd["reported_loss"]["amount"]')" \
	4000000000
run loss_bare 0 "$TRACER" --db "$DB" case init "$T_TMP/b.json" --chain btc \
	--seed $SEED --loss 40
contains loss_bare_echo "$T_TMP/err" "tracer: --loss 40 = 0.0000004 BTC"
run loss_gwei 0 "$TRACER" case init "$T_TMP/e.json" --chain eth \
	--seed $ETH --loss "30 gwei"
equal loss_gwei_amount "$(jget "$T_TMP/e.json" 'd["reported_loss"]["amount"]')" \
	30000000000
run loss_eth 0 "$TRACER" case init "$T_TMP/e2.json" --chain eth \
	--seed $ETH --loss 0.2eth --min 21000wei
equal loss_eth_amount "$(jget "$T_TMP/e2.json" 'd["reported_loss"]["amount"]')" \
	200000000000000000
equal min_wei "$(jget "$T_TMP/e2.json" 'd["limits"]["min"]')" 21000
run loss_bad 2 "$TRACER" case init "$T_TMP/x.json" --chain btc \
	--seed 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa --loss 1.5
contains loss_bad_msg "$T_TMP/err" "--loss: '1.5' has a fraction but no unit"
[ ! -e "$T_TMP/x.json" ] && pass loss_bad_nothing || fail loss_bad_nothing

# a case file takes the same forms
cat >"$T_TMP/u.json" <<JSON
{"name": "units", "chain": "btc", "network": "regtest",
 "seeds": ["$SEED"], "reported_loss": {"amount": "40 BTC"},
 "limits": {"min": "1.5btc"}}
JSON
run case_units 0 "$TRACER" --db "$DB" case check "$T_TMP/u.json" --json
run case_units_trace 0 "$TRACER" --db "$DB" trace --case "$T_TMP/u.json" \
	--json
equal case_units_min "$(jget "$T_TMP/out" 'd["limits"]["min"]')" 150000000
sed 's/"1.5btc"/"1.5"/' "$T_TMP/u.json" >"$T_TMP/v.json"
run case_fraction 1 "$TRACER" --db "$DB" case check "$T_TMP/v.json"
contains case_fraction_msg "$T_TMP/err" "limits.min"
contains case_fraction_why "$T_TMP/err" "has a fraction but no unit"

# text output gives every amount its unit; the history its times
run addr_text 0 "$TRACER" --db "$DB" address --chain btc $SEED --txs
contains addr_received "$T_TMP/out" "  received  40 BTC"
contains addr_balance "$T_TMP/out" "  balance   0 BTC"
contains addr_tx_in "$T_TMP/out" "height 3  2024-03-01T12:00:00Z  in 40 BTC  out 0 BTC"
contains addr_tx_out "$T_TMP/out" "in 0 BTC  out 40 BTC"

finish
