#!/bin/sh
# make bench: runs the benchmark programs (tests/bench/bench_*.c, release
# flags), then measures how the costs grow with the chain: generated
# regtest chains (tests/tools/gen_chain) of BENCH_SIZES transactions
# (default 10^5 and 10^6; BENCH_TXS=N adds a size, e.g. 10000000), each
# holding the same fixed hack case, go through the real commands:
#
#   ingest     tracer crawl btc --blocks (tx/s, MB/s, peak RSS)
#   baselines  LevelDB alone, given the ingest's own writes: a second
#              ingest of the chain under tests/preload/leveldb_tap.so
#              records every batch it hands LevelDB, and bench_chain
#              replay writes them again, the same puts and deletes in
#              the same order and batches, with the same LevelDB memory;
#              LevelDB alone, every pair the ingest left in random order
#              in as many synced batches (bench_chain copy); the store
#              alone: every stored transaction put again through
#              store/chaindb.h in the ingest's order and batches,
#              numbering and history keys included (bench_chain rewrite)
#   database   bytes per tx and per byte of blk files
#   verify     decode + verify of the blocks against sha256d of the bytes
#   trace      the case (haircut), time and peak RSS; cluster, address
#   traversal  every stored input and output (store/chaindb.h)
#   serve      tracer serve: the demo page's load, the demo's trace and
#              layout, a 2 000-node flow graph laid out and returned,
#              and drawn in chromium against the demo drawn
#              (tests/bench/serve.sh)
#
# Every figure is printed with its baseline from the same run, and all go
# to build/bench/results.json. Nothing is asserted: the machine is shared.
# At the first size the case is also traced BENCH_CASE_COPIES (default
# 10) times larger: that many copies of it on the same background.
# BENCH_KEEP=1 keeps each size's blk files and database in build/bench.
set -e
for b in build/rel/bench/bench_*; do
	[ -x "$b" ] || continue
	"$b"
done

# not $TRACER: tests/run.sh exports the sanitized build as that
TRACER=${BENCH_TRACER:-bin/tracer}
TOOLS=${BENCH_TOOLS:-build/rel/tools}
PRELOAD=${BENCH_PRELOAD:-$PWD/build/rel/preload}
OUT=build/bench
SIZES=${BENCH_SIZES:-100000 1000000}
[ -n "${BENCH_TXS:-}" ] && SIZES="$SIZES $BENCH_TXS"
mkdir -p "$OUT"

# calc EXPR [DECIMALS]: awk arithmetic (default 3 decimals)
calc() { awk "BEGIN { printf \"%.${2:-3}f\", $1 }"; }
# field FILE KEY: the value after KEY in a "key value" file
field() { awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) {
	print $(i + 1); exit } }' "$1"; }
# timed NAME CMD...: runs CMD with its output in $W/NAME.out, its time
# and peak RSS in $W/NAME.run; a failed command stops the benchmark
timed() {
	_n=$1
	shift
	"$TOOLS/bench_chain" run "$W/$_n.run" "$@" >"$W/$_n.out" 2>&1
	if [ "$(field "$W/$_n.run" status)" != 0 ]; then
		echo "bench: $_n failed:"
		tail -n 20 "$W/$_n.out"
		exit 1
	fi
}
secs() { field "$W/$1.run" seconds; }
cpu() { field "$W/$1.run" cpu_seconds; }
rss_mib() { calc "$(field "$W/$1.run" rss_kib) / 1024" 1; }

# case_size N: the case BENCH_CASE_COPIES times over on a chain of N
# txs, traced from every copy's hacker, against the trace of one copy
# ($t_tr and the trace run of $W); sets case_json
case_size() {
	_c=${BENCH_CASE_COPIES:-10}
	_w=$W
	W="$_w/copies"
	mkdir -p "$W"
	timed gen "$TOOLS/gen_chain" --txs "$1" --case-copies "$_c" \
		--out "$W/chain"
	timed ingest "$TRACER" -q --db "$W/db" crawl btc --blocks \
		"$W/chain/blocks" --network regtest --confirmations 0
	timed tag "$TRACER" -q --db "$W/db" tag import --network regtest \
		"$W/chain/tags.csv"
	_s=$(sed -n 's/^CASE_HACKERS="\(.*\)"$/\1/p' "$W/chain/case.env" |
		sed 's/\([^ ]*\)/--seed \1/g')
	# shellcheck disable=SC2086 # one word per seed option
	timed trace "$TRACER" --db "$W/db" trace --chain btc $_s \
		--policy haircut --hops 50
	_t=$(secs trace) _r=$(rss_mib trace) _u=$(cpu trace)
	_i=$(grep 'seed total' "$W/trace.out" | sed 's/^ *//')
	W=$_w
	echo "  case x$_c     trace $_t s (x$(calc "$_t / $t_tr"); $_u s of" \
		"CPU), peak RSS" \
		"$_r MiB (x$(calc "$_r / $(rss_mib trace)")): $_i"
	case_json=",
      \"case_size\": { \"copies\": $_c, \"trace_seconds\": $_t,
        \"trace_cpu_seconds\": $_u,
        \"trace_peak_rss_mib\": $_r,
        \"trace_seconds_ratio\": $(calc "$_t / $t_tr"),
        \"trace_rss_ratio\": $(calc "$_r / $(rss_mib trace)"),
        \"identity\": \"$_i\" }"
	[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$W/copies"
}

JSON="$OUT/results.json.tmp"
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/^MemTotal/ { print $2 }' /proc/meminfo)
{
	printf '{\n  "generated": "%s",\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
	printf '  "commit": "%s",\n' "$(git rev-parse --short HEAD 2>/dev/null)"
	printf '  "machine": { "nproc": %s, "mem_kib": %s, "cpu": "%s",\n' \
		"$(nproc)" "$mem" "$cpu"
	printf '    "loadavg_start": "%s" },\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
	printf '  "sizes": ['
} >"$JSON"

echo
echo "growth: generated regtest chains with one fixed case" \
	"(tests/tools/gen_chain)"
first=1 p_n=""
rm -f "$OUT/growth.tmp"
for n in $SIZES; do
	W="$OUT/n$n"
	rm -rf "$W"
	mkdir -p "$W"
	timed gen "$TOOLS/gen_chain" --txs "$n" --out "$W/chain"
	blocks=$(field "$W/gen.out" blocks)
	blk=$(field "$W/gen.out" blk_bytes)
	gen_legs=$(($(field "$W/gen.out" inputs) + $(field "$W/gen.out" outputs)))
	. "$W/chain/case.env"
	echo "$n txs: $blocks blocks, $(calc "$blk / 1e6" 1) MB of blk files" \
		"($(calc "$blk / $n" 0) B/tx), generated in $(secs gen) s"

	timed ingest "$TRACER" -q --db "$W/db" crawl btc --blocks \
		"$W/chain/blocks" --network regtest --confirmations 0
	t_in=$(secs ingest)
	tps=$(calc "$n / $t_in" 0)
	mbps=$(calc "$blk / 1e6 / $t_in" 2)
	echo "  ingest        $t_in s: $tps tx/s, $mbps MB/s," \
		"peak RSS $(rss_mib ingest) MiB; $(cpu ingest) s of CPU:" \
		"$(calc "$n / $(cpu ingest)" 0) tx per CPU second"
	dbb=$(du -sb "$W/db" | cut -f1)
	echo "  database      $(calc "$dbb / 1e6" 1) MB: $(calc "$dbb / $n" 0)" \
		"B/tx, $(calc "$dbb / $blk") B per blk byte"

	"$TOOLS/bench_chain" rewrite "$W/db" >"$W/rewrite.out"
	t_rw=$(field "$W/rewrite.out" seconds)
	rw_pairs=$(field "$W/rewrite.out" pairs)
	ratio_rw=$(calc "$t_rw / $t_in")
	echo "  store alone   the stored txs put again through chaindb in" \
		"the ingest's order and $blocks batches (numbering included," \
		"$rw_pairs pairs): $t_rw s; ingest runs at ${ratio_rw}x its speed"
	"$TOOLS/bench_chain" copy "$W/db" "$blocks" >"$W/copy.out"
	t_cp=$(field "$W/copy.out" seconds)
	pairs=$(field "$W/copy.out" db_pairs)
	pbytes=$(field "$W/copy.out" db_pair_bytes)
	sample=$(field "$W/copy.out" sample_1_in)
	t_cpf=$(calc "$t_cp * $sample")
	ratio_lv=$(calc "$t_cpf / $t_in")
	echo "  LevelDB alone the database's $pairs pairs ($(calc "$pbytes / 1e6" 1)" \
		"MB, $(calc "$pairs / $n" 2) a tx) in $blocks synced batches," \
		"random order: $t_cpf s; ingest runs at ${ratio_lv}x its speed"

	# the ingest's own writes: recorded by a second, untimed ingest
	timed tap env LD_PRELOAD="$PRELOAD/leveldb_tap.so" \
		TRACER_LEVELDB_TAP="$W/tap.bin" "$TRACER" -q --db "$W/tapdb" \
		crawl btc --blocks "$W/chain/blocks" --network regtest \
		--confirmations 0
	"$TOOLS/bench_chain" replay "$W/tap.bin" "$W/replaydb" >"$W/replay.out"
	t_rp=$(field "$W/replay.out" seconds)
	rp_puts=$(field "$W/replay.out" puts)
	rp_dels=$(field "$W/replay.out" deletes)
	rp_bytes=$(field "$W/replay.out" bytes)
	rp_batches=$(field "$W/replay.out" batches)
	ratio_rp=$(calc "$t_rp / $t_in")
	rm -rf "$W/tap.bin" "$W/tapdb" "$W/replaydb"
	echo "  LevelDB alone the ingest's own $rp_puts puts and $rp_dels" \
		"deletes ($(calc "$rp_bytes / 1e6" 1) MB, $(calc "$rp_puts / $n" 2)" \
		"a tx) in its order and $rp_batches batches: $t_rp s; ingest" \
		"runs at ${ratio_rp}x its speed"

	"$TOOLS/bench_chain" verify "$W/chain/blocks" >"$W/verify.out"
	t_v=$(field "$W/verify.out" verify_seconds)
	t_h=$(field "$W/verify.out" sha256d_seconds)
	echo "  decode+verify $t_v s ($(calc "$blk / 1e6 / $t_v" 1) MB/s);" \
		"sha256d of the same bytes $t_h s: $(calc "$t_h / $t_v")x" \
		"its speed"

	timed tag "$TRACER" -q --db "$W/db" tag import --network regtest \
		"$W/chain/tags.csv"
	timed trace "$TRACER" --db "$W/db" trace --chain btc \
		--seed "$CASE_HACKER" --policy haircut --hops 50
	t_tr=$(secs trace)
	ident=$(grep 'seed total' "$W/trace.out" | sed 's/^ *//')
	echo "  trace         $t_tr s ($(cpu trace) s of CPU)," \
		"peak RSS $(rss_mib trace) MiB" \
		"(haircut from the hacker): $ident"
	timed cluster "$TRACER" --db "$W/db" cluster --chain btc \
		"$CASE_DEPOSIT1"
	timed address "$TRACER" --db "$W/db" address --chain btc \
		"$CASE_HACKER"
	echo "  cluster       $(secs cluster) s ($(cpu cluster) s of CPU;" \
		"the exchange's deposit," \
		"$(grep -c . "$W/cluster.out") lines), address" \
		"$(secs address) s (the hacker)"
	"$TOOLS/bench_chain" traverse "$W/db" >"$W/walk.out"
	legs=$(field "$W/walk.out" legs)
	t_w=$(field "$W/walk.out" seconds)
	echo "  traversal     $legs legs (the generator wrote $gen_legs) in" \
		"$t_w s: $(calc "$legs / $t_w" 0) legs/s"
	dbs=$(du -sb "$W/db" | cut -f1)
	echo "  database      $(calc "$dbs / 1e6" 1) MB once compactions" \
		"settled: $(calc "$dbs / $n" 0) B/tx, $(calc "$dbs / $blk")" \
		"B per blk byte"
	case_json=""
	[ -z "$p_n" ] && case_size "$n"

	[ $first = 1 ] || printf ',' >>"$JSON"
	first=0
	cat >>"$JSON" <<EOF

    { "txs": $n, "blocks": $blocks, "blk_bytes": $blk,
      "generate_seconds": $(secs gen),
      "ingest": { "seconds": $t_in, "tx_per_s": $tps, "mb_per_s": $mbps,
        "cpu_seconds": $(cpu ingest),
        "tx_per_cpu_s": $(calc "$n / $(cpu ingest)" 0),
        "peak_rss_mib": $(rss_mib ingest) },
      "store_rewrite": { "pairs": $rw_pairs, "batches": $blocks,
        "seconds": $t_rw, "ingest_speed_ratio": $ratio_rw },
      "leveldb_only": { "order": "the ingest's", "puts": $rp_puts,
        "deletes": $rp_dels, "bytes": $rp_bytes, "batches": $rp_batches,
        "seconds": $t_rp, "ingest_speed_ratio": $ratio_rp },
      "leveldb_only_random_order": { "pairs": $pairs,
        "pair_bytes": $pbytes, "batches": $blocks, "sample_1_in": $sample,
        "seconds": $t_cpf, "ingest_speed_ratio": $ratio_lv },
      "database": { "bytes": $dbb, "bytes_per_tx": $(calc "$dbb / $n"),
        "bytes_per_blk_byte": $(calc "$dbb / $blk"),
        "settled_bytes": $dbs,
        "settled_bytes_per_blk_byte": $(calc "$dbs / $blk") },
      "decode_verify": { "seconds": $t_v, "sha256d_seconds": $t_h,
        "speed_ratio_to_sha256d": $(calc "$t_h / $t_v") },
      "trace": { "policy": "haircut", "seconds": $t_tr,
        "cpu_seconds": $(cpu trace),
        "peak_rss_mib": $(rss_mib trace), "identity": "$ident" },
      "cluster_seconds": $(secs cluster),
      "cluster_cpu_seconds": $(cpu cluster),
      "address_seconds": $(secs address),
      "traversal": { "legs": $legs, "seconds": $t_w,
        "legs_per_s": $(calc "$legs / $t_w" 0) }$case_json }
EOF
	if [ -n "$p_n" ]; then
		same=no
		[ "$ident" = "$p_ident" ] && same=yes
		echo "$p_n $n $(calc "$n / $p_n") $(calc "$t_tr / $p_tr")" \
			"$(calc "$(rss_mib trace) / $p_rss")" \
			"$(calc "$(secs cluster) / $p_cl") $(calc "$tps / $p_tps")" \
			"$(calc "$(cpu trace) / $p_trc")" \
			"$(calc "$p_inc / $(cpu ingest) * $n / $p_n")" \
			"$same" >>"$OUT/growth.tmp"
	fi
	p_n=$n p_tr=$t_tr p_rss=$(rss_mib trace) p_cl=$(secs cluster)
	p_tps=$tps p_ident=$ident p_trc=$(cpu trace) p_inc=$(cpu ingest)
	[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$W/chain" "$W/db"
done

printf '\n  ],\n  "growth": [' >>"$JSON"
first=1
echo
if [ -f "$OUT/growth.tmp" ]; then
	while read -r a b x gt gr gc gi gtc gic same; do
		echo "growth $a -> $b txs (${x}x): trace time ${gt}x" \
			"(CPU ${gtc}x), trace RSS ${gr}x, cluster ${gc}x," \
			"ingest tx/s ${gi}x (per CPU second ${gic}x);" \
			"same case result: $same"
		[ $first = 1 ] || printf ',' >>"$JSON"
		first=0
		printf '\n    { "from_txs": %s, "to_txs": %s, "chain_ratio": %s,'\
' "trace_seconds_ratio": %s, "trace_rss_ratio": %s,'\
' "cluster_seconds_ratio": %s, "ingest_tx_per_s_ratio": %s,'\
' "trace_cpu_seconds_ratio": %s, "ingest_tx_per_cpu_s_ratio": %s,'\
' "same_case_result": %s }' "$a" "$b" "$x" "$gt" "$gr" "$gc" "$gi" \
			"$gtc" "$gic" \
			"$([ "$same" = yes ] && echo true || echo false)" \
			>>"$JSON"
	done <"$OUT/growth.tmp"
	rm -f "$OUT/growth.tmp"
fi
# tracer serve: the page, the demo's trace and layout, 2 000 nodes
BENCH_TRACER=$TRACER BENCH_TOOLS=$TOOLS sh tests/bench/serve.sh
printf '\n  ],\n  "serve": ' >>"$JSON"
cat "$OUT/serve.json" >>"$JSON"
printf ',\n  "loadavg_end": "%s"\n}\n' "$(cut -d' ' -f1-3 /proc/loadavg)" \
	>>"$JSON"
mv "$JSON" "$OUT/results.json"
echo "figures written to $OUT/results.json"
