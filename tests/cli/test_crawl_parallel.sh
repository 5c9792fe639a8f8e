#!/bin/sh
# The parallel ingest of block files (chains/crawl/reader.c, the workers
# of chains/btc/src_blk.c, the caches of recent outputs and of the
# numbering): a generated chain ingested all in one thread (--jobs 1),
# with a reader thread and 2 or 4 workers, and with the smallest --cache
# (so that both caches evict) gives the same database, digest for digest,
# as the serial one; crawls killed with SIGKILL at random moments, or
# stopped by SIGINT, resume to the same digest. No timing is judged.
. tests/lib.sh
GEN="$TOOLS/gen_chain"
W="$T_TMP/chain"

digest() { # DB : prints the db check digest
	"$TRACER" --db "$1" db check --json >"$T_TMP/check.json" 2>&1 &&
		jget "$T_TMP/check.json" 'd["digest"]'
}
crawl() { # NAME DB OPTIONS... : a whole ingest of the chain
	_n=$1 _d=$2
	shift 2
	run "$_n" 0 "$TRACER" -q --db "$_d" crawl btc --blocks "$W/blocks" \
		--network regtest --confirmations 0 "$@"
}

# 20 000 txs: at --cache 16 the numbering's cache (two generations of
# 2 MiB) holds fewer than that and turns over; the outputs' (4 MiB) is
# about full (tests/unit/test_ingest_cache.c evicts for certain)
run gen 0 "$GEN" --txs 20000 --out "$W"
N=20000

crawl serial "$T_TMP/d1" --jobs 1
contains serial_txs "$T_TMP/out" "txs       $N"
D1=$(digest "$T_TMP/d1")
[ -n "$D1" ] && pass serial_digest || fail serial_digest "no digest"
run serial_check 0 "$TRACER" --db "$T_TMP/d1" db check
contains serial_clean "$T_TMP/out" "bad      0"

crawl jobs2 "$T_TMP/d2" --jobs 2
equal "jobs 2: same digest" "$(digest "$T_TMP/d2")" "$D1"
crawl jobs4 "$T_TMP/d4" --jobs 4
equal "jobs 4: same digest" "$(digest "$T_TMP/d4")" "$D1"
crawl default "$T_TMP/dd"
equal "default jobs: same digest" "$(digest "$T_TMP/dd")" "$D1"
crawl small_cache "$T_TMP/ds" --jobs 2 --cache 16
equal "cache 16 MiB: same digest" "$(digest "$T_TMP/ds")" "$D1"
crawl serial_small "$T_TMP/dss" --jobs 1 --cache 16
equal "serial, cache 16 MiB: same digest" "$(digest "$T_TMP/dss")" "$D1"

# in two steps: the second resumes with empty caches
crawl "to 40" "$T_TMP/dt" --to 40 --cache 16
crawl "the rest" "$T_TMP/dt" --cache 16
equal "two steps: same digest" "$(digest "$T_TMP/dt")" "$D1"

# ---- SIGKILL anywhere, then resume ----
DK="$T_TMP/dk"
kills=0
for i in 1 2 3 4 5; do
	"$TRACER" -q --db "$DK" crawl btc --blocks "$W/blocks" \
		--network regtest --confirmations 0 --cache 16 \
		>/dev/null 2>&1 &
	p=$!
	# a random pause (the first short: at least one kill lands while
	# blocks are being written)
	sleep "$(awk -v s="$$$i" -v i="$i" 'BEGIN { srand(s);
		printf "%.2f", i == 1 ? 0.3 : rand() * 2 }')"
	kill -9 "$p" 2>/dev/null
	wait "$p" 2>/dev/null
	[ $? -eq 137 ] && kills=$((kills + 1))
done
[ "$kills" -ge 1 ] && pass "crawl killed $kills times" ||
	fail "kills" "no kill hit a running crawl"
crawl "resume after kills" "$DK"
equal "killed and resumed: same digest" "$(digest "$DK")" "$D1"
crawl "then nothing to add" "$DK" --json
equal "resumed: nothing added" "$(jget "$T_TMP/out" 'd["blocks"]')" 0

# ---- SIGINT: stops between blocks, the reader thread with it ----
DI="$T_TMP/di"
"$TRACER" -q --db "$DI" crawl btc --blocks "$W/blocks" --network regtest \
	--confirmations 0 >"$T_TMP/int.out" 2>"$T_TMP/int.err" &
p=$!
sleep 0.3
kill -INT "$p" 2>/dev/null
wait "$p"
rc=$?
if [ "$rc" -eq 130 ] || [ "$rc" -eq 0 ]; then
	pass "sigint: exit $rc"
else
	fail "sigint" "exit $rc: $(head -c 400 "$T_TMP/int.err")"
fi
crawl "resume after sigint" "$DI"
equal "interrupted and resumed: same digest" "$(digest "$DI")" "$D1"

# ---- usage ----
run "cache too small" 2 "$TRACER" --db "$T_TMP/du" crawl btc --blocks \
	"$W/blocks" --network regtest --cache 8
contains "cache too small: says the least" "$T_TMP/err" "at least 16"
run "cache not a number" 2 "$TRACER" --db "$T_TMP/du" crawl btc --blocks \
	"$W/blocks" --network regtest --cache lots
finish
