#!/bin/sh
# Address and txid arguments (tracer/cli/addrarg.c): every command says
# what is wrong and what to do, with exit status 2, on the demo database
# (btc regtest) and an empty one.
. tests/lib.sh
DEMO="$T_TMP/demo"
DB="$DEMO/db"
SEED=bcrt1qm5282fwdqk8wk73lplayalvq79g0r70t8js2rq
SEED_BAD=bcrt1qm5282fwdqk8wk73lplayalvq79g0r70t8js2rr
MAIN=1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa
ETH=0x52908400098527886E0F7030069857D2E4169EE7
TXID=4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b

run demo 0 "$TRACER" demo --out "$DEMO"

WRONG_NET="'$MAIN' is a mainnet address; this database holds btc regtest: use --network main or a regtest address"
ETH_MSG="'$ETH' looks like an Ethereum address, not a Bitcoin one: use --chain eth"

# the same mistake, the same message and exit status in every command
run address_net 2 "$TRACER" --db "$DB" address --chain btc $MAIN
contains address_net_msg "$T_TMP/err" "$WRONG_NET"
run cluster_net 2 "$TRACER" --db "$DB" cluster --chain btc $MAIN
contains cluster_net_msg "$T_TMP/err" "$WRONG_NET"
run tag_add_net 2 "$TRACER" --db "$DB" tag add --chain btc $MAIN \
	--entity X --category hacker
contains tag_add_net_msg "$T_TMP/err" "$WRONG_NET"
run tag_rm_net 2 "$TRACER" --db "$DB" tag rm --chain btc $MAIN
contains tag_rm_net_msg "$T_TMP/err" "$WRONG_NET"
run tag_show_net 2 "$TRACER" --db "$DB" tag show --chain btc $MAIN
contains tag_show_net_msg "$T_TMP/err" "$WRONG_NET"
# without --chain every chain whose codec takes it: a 1... address is
# Bitcoin Cash's legacy form too, a bc1 one only Bitcoin's
MAIN_BECH32=bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4
run tag_show_nochain 2 "$TRACER" --db "$DB" tag show $MAIN_BECH32
contains tag_show_nochain_msg "$T_TMP/err" "'$MAIN_BECH32' is a mainnet address; this database holds btc regtest: use --network main or a regtest address"
run trace_net 2 "$TRACER" --db "$DB" trace --chain btc --seed $MAIN
contains trace_net_msg "$T_TMP/err" "--seed: $WRONG_NET"
run case_net 2 "$TRACER" --db "$DB" trace --case "$DEMO/case.json" \
	--seed $MAIN
contains case_net_msg "$T_TMP/err" "'$MAIN' is a mainnet address; the case's network is regtest: use --network main"
run case_init_net 2 "$TRACER" --db "$DB" case init "$T_TMP/c.json" \
	--chain btc --seed $MAIN
contains case_init_net_msg "$T_TMP/err" "$WRONG_NET"
[ ! -e "$T_TMP/c.json" ] && pass case_init_nothing || fail case_init_nothing
# each message names the address once, without a usage synopsis
equal address_net_once "$(grep -o "$MAIN" "$T_TMP/err" | wc -l)" 1
lacks trace_net_no_usage "$T_TMP/err" "usage:"

# --network given: the message says so
run given_net 2 "$TRACER" --db "$DB" cluster --chain btc --network regtest \
	$MAIN
contains given_net_msg "$T_TMP/err" "--network is regtest: use --network main"

# an empty database reads main: a regtest address says which to use
EMPTY="$T_TMP/empty"
run empty_tag 2 "$TRACER" --db "$EMPTY" tag add --chain btc $SEED \
	--entity X --category hacker
contains empty_tag_msg "$T_TMP/err" "'$SEED' is a regtest address; the database records no btc network, so main is read: use --network regtest or a mainnet address"

# another chain's address
run eth_to_btc 2 "$TRACER" --db "$DB" address --chain btc $ETH
contains eth_to_btc_msg "$T_TMP/err" "$ETH_MSG"
run eth_to_btc_trace 2 "$TRACER" --db "$DB" trace --chain btc --seed $ETH
contains eth_to_btc_trace_msg "$T_TMP/err" "$ETH_MSG"
run btc_to_eth 2 "$TRACER" --db "$DB" address --chain eth $SEED
contains btc_to_eth_msg "$T_TMP/err" "'$SEED' looks like a Bitcoin address, not an Ethereum one: use --chain btc"

# a txid where an address is expected, and the reverse
run txid_seed 2 "$TRACER" --db "$DB" trace --chain btc --seed $TXID
contains txid_seed_msg "$T_TMP/err" "'$TXID' is a transaction id, not an address: use --seed-tx TXID:N"
run txid_addr 2 "$TRACER" --db "$DB" address --chain btc $TXID
contains txid_addr_msg "$T_TMP/err" "'$TXID' is a transaction id, not an address: give an address"
run outpoint_seed 2 "$TRACER" --db "$DB" trace --chain btc --seed "$TXID:0"
contains outpoint_seed_msg "$T_TMP/err" "is a transaction output (TXID:N), not an address: use --seed-tx TXID:N"
run txid_no_index 2 "$TRACER" --db "$DB" trace --chain btc --seed-tx $TXID
contains txid_no_index_msg "$T_TMP/err" "'$TXID' has no output index: use TXID:N"
run addr_as_tx 2 "$TRACER" --db "$DB" trace --chain btc --seed-tx $SEED
contains addr_as_tx_msg "$T_TMP/err" "'$SEED' is an address, not a transaction output: use --seed $SEED"
run txid_nochain 2 "$TRACER" --db "$DB" tag show $TXID
contains txid_nochain_msg "$T_TMP/err" "'$TXID' is a transaction id, not an address"

# a bad checksum: the chain's reason, the address once
run checksum 2 "$TRACER" --db "$DB" trace --chain btc --seed $SEED_BAD
contains checksum_msg "$T_TMP/err" "--seed: address '$SEED_BAD': bech32 checksum mismatch"
equal checksum_once "$(grep -o "$SEED_BAD" "$T_TMP/err" | wc -l)" 1
run checksum_addr 2 "$TRACER" --db "$DB" address --chain btc $SEED_BAD
contains checksum_addr_msg "$T_TMP/err" "bech32 checksum mismatch"

# unknown chain, in every command; the chain is case-insensitive
for cmd in "address --chain xmr $SEED" "cluster --chain xmr $SEED" \
	"tag show --chain xmr $SEED" "trace --chain xmr --seed $SEED"; do
	name=unknown_chain_$(echo "$cmd" | cut -d' ' -f1)
	# shellcheck disable=SC2086
	run "$name" 2 "$TRACER" --db "$DB" $cmd
	contains "${name}_msg" "$T_TMP/err" "unknown chain 'xmr' (known: btc, eth, tron, ltc, bch, doge, bsc, polygon, avax, arbitrum, optimism, base)"
done
run chain_upper 0 "$TRACER" --db "$DB" address --chain BTC $SEED
contains chain_upper_out "$T_TMP/out" "$SEED"

# surrounding white space is trimmed
run trimmed 0 "$TRACER" --db "$DB" trace --chain btc --hops 1 \
	--seed " $SEED "
contains trimmed_out "$T_TMP/out" "1 seed"
run trimmed_addr 0 "$TRACER" --db "$DB" address --chain btc "$SEED	"
run empty_arg 2 "$TRACER" --db "$DB" address --chain btc "  "
contains empty_arg_msg "$T_TMP/err" "an empty argument where a Bitcoin address is expected"

finish
