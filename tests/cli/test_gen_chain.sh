#!/bin/sh
# tests/tools/gen_chain, the chain generator of make bench, at small
# sizes: it is deterministic to the byte, `tracer crawl btc --blocks`
# ingests every transaction it writes, db check passes, and its fixed
# case traces to the same exits, held coins and identity at two sizes.
# Also the measurements of tests/tools/bench_chain on the same database
# and tests/preload/leveldb_tap.so (counts and digests only: no timing is
# judged here).
. tests/lib.sh
GEN="$TOOLS/gen_chain"
BENCH="$TOOLS/bench_chain"

run usage 2 "$GEN"
run usage_unknown 2 "$GEN" --txs 2000 --bogus x
run too_small 1 "$GEN" --txs 100 --out "$T_TMP/small"
contains too_small_says "$T_TMP/err" "fewer than 25 blocks"

# the case's trace, without what differs between sizes (txids, times)
case_result() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
a = d["assets"][0]
print("identity", a["seed_total"], a["exits_total"], a["held"], a["fees"],
      a["unresolved"], a["balanced"])
for e in sorted(d["exits"], key=lambda e: e["address"]):
    print("exit", e["address"], e["entity"], e["category"], e["inferred"],
          e["amount"], e["hops"])
for h in sorted(d["held"], key=lambda h: h["address"]):
    print("held", h["address"], h["amount"])
' "$1"
}

for n in 2000 4000; do
	W="$T_TMP/n$n"
	run "gen_$n" 0 "$GEN" --txs $n --out "$W"
	contains "gen_${n}_count" "$T_TMP/out" "gen_chain: txs $n blocks 101 "
	cp "$T_TMP/out" "$W.gen"
	legs=$(awk '{ print $9 + $11 }' "$W.gen")
	run "crawl_$n" 0 "$TRACER" --db "$W/db" crawl btc --blocks \
		"$W/blocks" --network regtest --confirmations 0
	contains "crawl_${n}_txs" "$T_TMP/out" "txs       $n"
	contains "crawl_${n}_blocks" "$T_TMP/out" "blocks    101"
	run "db_check_$n" 0 "$TRACER" --db "$W/db" db check
	contains "db_check_${n}_clean" "$T_TMP/out" "bad      0"
	run "tag_$n" 0 "$TRACER" --db "$W/db" tag import --network regtest \
		"$W/tags.csv"
	. "$W/case.env"
	run "trace_$n" 0 "$TRACER" --db "$W/db" --json trace --chain btc \
		--seed "$CASE_HACKER" --policy haircut --hops 50
	case_result "$T_TMP/out" >"$W.case"
	run "traverse_$n" 0 "$BENCH" traverse "$W/db"
	contains "traverse_${n}_legs" "$T_TMP/out" "legs $legs"
	contains "traverse_${n}_txs" "$T_TMP/out" "txs $n"
	run "verify_$n" 0 "$BENCH" verify "$W/blocks"
	contains "verify_${n}_txs" "$T_TMP/out" "txs $n"
done

# deterministic: the same size again gives the same bytes and addresses
run gen_again 0 "$GEN" --txs 2000 --out "$T_TMP/again"
cmp -s "$T_TMP/n2000/blocks/blk00000.dat" "$T_TMP/again/blocks/blk00000.dat" &&
	pass same_bytes || fail same_bytes "two runs differ"
cmp -s "$T_TMP/n2000/case.env" "$T_TMP/again/case.env" &&
	pass same_case_env || fail same_case_env "two runs differ"
cmp -s "$T_TMP/n2000/blocks/blk00000.dat" "$T_TMP/n4000/blocks/blk00000.dat" &&
	fail sizes_differ "2000 and 4000 txs wrote the same chain" ||
	pass sizes_differ

# the fixed case: 30 BTC, the exchange reached directly and through its
# two deposit addresses (inferred by the sweep), the rest held
equal same_case_result "$(cat "$T_TMP/n4000.case")" \
	"$(cat "$T_TMP/n2000.case")"
R="$T_TMP/n2000.case"
contains identity "$R" "identity 3000000000 1954543546 1045444636 11818 0 True"
contains exit_hot "$R" \
	"exit $CASE_EXCHANGE Bench Exchange exchange False 954544546"
contains exit_dep1 "$R" \
	"exit $CASE_DEPOSIT1 Bench Exchange exchange True 699999000"
contains exit_dep2 "$R" \
	"exit $CASE_DEPOSIT2 Bench Exchange exchange True 300000000"
contains held_peel "$R" "held $CASE_PEEL2 499998000"
contains held_walk "$R" "held $CASE_WALK5 499993000"
equal exits_count "$(grep -c '^exit' "$R")" 3

# two copies of the case side by side: twice the case, one exchange
W="$T_TMP/copies"
run gen_copies 0 "$GEN" --txs 2000 --case-copies 2 --out "$W"
run crawl_copies 0 "$TRACER" -q --db "$W/db" crawl btc --blocks \
	"$W/blocks" --network regtest --confirmations 0
run tag_copies 0 "$TRACER" -q --db "$W/db" tag import --network regtest \
	"$W/tags.csv"
. "$W/case.env"
equal copies_env "$CASE_COPIES" 2
set -- $CASE_HACKERS
equal copies_hackers "$#" 2
run trace_copies 0 "$TRACER" --db "$W/db" --json trace --chain btc \
	--seed "$1" --seed "$2" --policy haircut --hops 50
case_result "$T_TMP/out" >"$W.case"
contains copies_identity "$W.case" \
	"identity 6000000000 3909087092 2090889272 23636 0 True"
equal copies_exits "$(grep -c '^exit' "$W.case")" 5
. "$T_TMP/n2000/case.env"

# the LevelDB-only baselines: every pair the database holds (random
# order), and the ingest's own pairs, batches and order again
run copy 0 "$BENCH" copy "$T_TMP/n2000/db" 101
pairs=$(awk '$1 == "db_pairs" { print $2 }' "$T_TMP/out")
contains copy_all "$T_TMP/out" "pairs $pairs"
contains copy_no_sample "$T_TMP/out" "sample_1_in 1"
run rewrite 0 "$BENCH" rewrite "$T_TMP/n2000/db"
contains rewrite_batches "$T_TMP/out" "batches 101"
# every pair the database holds but its schema version and the tag,
# which no ingest writes (and the ingest's overwrites on top)
got=$(awk '$1 == "pairs" { print $2 }' "$T_TMP/out")
[ "$got" -ge $((pairs - 2)) ] && pass rewrite_pairs ||
	fail rewrite_pairs "$got pairs rewritten, the database holds $pairs"

# LevelDB alone given the ingest's own writes: an ingest under the tap
# (a preloaded library: ASan must not insist on coming first) records
# every batch, and the replay of them gives the ingest's database
TAP="$PRELOAD/leveldb_tap.so"
TAP_ASAN="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
W="$T_TMP/tap"
run tap_crawl 0 env ASAN_OPTIONS="$TAP_ASAN" LD_PRELOAD="$TAP" \
	TRACER_LEVELDB_TAP="$W.bin" "$TRACER" -q --db "$W/db" crawl btc \
	--blocks "$T_TMP/n2000/blocks" --network regtest --confirmations 0
run replay 0 "$BENCH" replay "$W.bin" "$W/replay"
puts=$(awk '$1 == "puts" { print $2 }' "$T_TMP/out")
[ "${puts:-0}" -ge "$pairs" ] && pass replay_puts ||
	fail replay_puts "$puts puts replayed, the database holds $pairs pairs"
run tap_db_check 0 "$TRACER" --db "$W/db" db check
grep '^digest' "$T_TMP/out" >"$W.digest"
run replay_db_check 0 "$TRACER" --db "$W/replay" db check
contains replay_clean "$T_TMP/out" "bad      0"
equal replay_digest "$(grep '^digest' "$T_TMP/out")" "$(cat "$W.digest")"
run replay_exists 1 "$BENCH" replay "$W.bin" "$W/replay"
contains replay_exists_says "$T_TMP/err" "exists"
head -c $(($(wc -c <"$W.bin") - 3)) "$W.bin" >"$W.cut"
run replay_cut 1 "$BENCH" replay "$W.cut" "$W/cut"
contains replay_cut_says "$T_TMP/err" "at byte"
# a tap that cannot record fails the write, and the command says so
run tap_unwritable 1 env ASAN_OPTIONS="$TAP_ASAN" LD_PRELOAD="$TAP" \
	TRACER_LEVELDB_TAP="$T_TMP/no/such/dir/tap.bin" "$TRACER" -q --db \
	"$T_TMP/tapfail" crawl btc --blocks "$T_TMP/n2000/blocks" \
	--network regtest --confirmations 0
contains tap_unwritable_says "$T_TMP/err" "leveldb_tap: cannot record"

# the point reads by table: an address lookup reads the address index
# (13) and finds it, and the ingest's caches leave no reads of it behind
READS="$PRELOAD/leveldb_reads.so"
run reads_address 0 env ASAN_OPTIONS="$TAP_ASAN" LD_PRELOAD="$READS" \
	TRACER_LEVELDB_READS="$T_TMP/reads.txt" "$TRACER" --db \
	"$T_TMP/n2000/db" address --chain btc "$CASE_HACKER"
got=$(awk '$2 == "13" { print $4 }' "$T_TMP/reads.txt")
[ "${got:-0}" -ge 1 ] && pass reads_counted ||
	fail reads_counted "no found read of the address index: $(cat "$T_TMP/reads.txt")"
run reads_crawl 0 env ASAN_OPTIONS="$TAP_ASAN" LD_PRELOAD="$READS" \
	TRACER_LEVELDB_READS="$T_TMP/reads2.txt" "$TRACER" -q --db \
	"$T_TMP/readsdb" crawl btc --blocks "$T_TMP/n2000/blocks" \
	--network regtest --confirmations 0
got=$(awk '$2 == "11" || $2 == "13" { n += $4 + $6 } END { print n + 0 }' \
	"$T_TMP/reads2.txt")
equal reads_crawl_cached "$got" 0

run run_child 0 "$BENCH" run "$T_TMP/run.txt" "$TRACER" --db \
	"$T_TMP/n2000/db" address --chain btc "$CASE_HACKER"
contains run_status "$T_TMP/run.txt" "status 0"
run run_fails 0 "$BENCH" run "$T_TMP/run2.txt" "$TRACER" --bogus
contains run_status_usage "$T_TMP/run2.txt" "status 2"
finish
