#!/bin/sh
# The clustering kept in the database (store/clusterdb.h) on a generated
# chain written as blk files: `tracer cluster ADDR` finds the exchange
# behind a deposit address with its evidence, `cluster --rebuild` leaves
# the very same database (digest) as the incremental ingest, a rebuild
# killed part way is refused until run again, and an ingest killed with
# SIGKILL and resumed gives the digest of an uninterrupted one.
. tests/lib.sh
GEN="$TOOLS/gen_chain"
W="$T_TMP/w"
digest() {
	"$TRACER" --db "$1" --json db check >"$T_TMP/dig.json" 2>&1
	jget "$T_TMP/dig.json" 'd["digest"]'
}

run gen 0 "$GEN" --txs 2000 --out "$W"
run crawl 0 "$TRACER" -q --db "$W/db" crawl btc --blocks "$W/blocks" \
	--network regtest --confirmations 0
run tags 0 "$TRACER" -q --db "$W/db" tag import --network regtest \
	"$W/tags.csv"
. "$W/case.env"
D1=$(digest "$W/db")
[ -n "$D1" ] && pass digest || fail digest "$(cat "$T_TMP/dig.json")"

# a deposit address of the case: in the exchange's cluster, inferred
run cluster_dep 0 "$TRACER" --db "$W/db" --json cluster --chain btc \
	"$CASE_DEPOSIT1" --path "$CASE_EXCHANGE"
cp "$T_TMP/out" "$T_TMP/dep.json"
equal dep_entity "$(jget "$T_TMP/dep.json" 'd["inferred"]["entity"]')" \
	"Bench Exchange"
equal dep_source "$(jget "$T_TMP/dep.json" 'd["inferred"]["source"]')" \
	"cluster"
equal dep_has_exchange "$(jget "$T_TMP/dep.json" \
	"[m['address'] for m in d['members']].count('$CASE_EXCHANGE')")" 1
equal dep_path_ends "$(jget "$T_TMP/dep.json" \
	'd["path"][0]["address"] + " " + d["path"][-1]["address"]')" \
	"$CASE_DEPOSIT1 $CASE_EXCHANGE"
# each step after the first names the transaction both spent in (the
# links themselves are checked in tests/unit/test_graph_cluster.c)
equal path_txids "$(jget "$T_TMP/dep.json" \
	'all(len(x["txid"]) == 64 for x in d["path"][1:]) and len(d["path"]) > 1')" \
	True
id=$(jget "$T_TMP/dep.json" 'd["cluster"]')
[ "$id" -gt 0 ] 2>/dev/null && pass dep_cluster_id ||
	fail dep_cluster_id "cluster id '$id'"

# --members N lists the first N (in the order first stored), 0 all
size=$(jget "$T_TMP/dep.json" 'd["size"]')
[ "$size" -gt 2 ] 2>/dev/null && pass dep_size || fail dep_size "'$size'"
run members_one 0 "$TRACER" --db "$W/db" --json cluster --chain btc \
	"$CASE_DEPOSIT1" --members 1
equal members_one_listed "$(jget "$T_TMP/out" \
	'(len(d["members"]), d["size"])')" "(1, $size)"
run members_all 0 "$TRACER" --db "$W/db" --json cluster --chain btc \
	"$CASE_DEPOSIT1" --members 0
equal members_all_listed "$(jget "$T_TMP/out" 'len(d["members"])')" "$size"
run members_text 0 "$TRACER" --db "$W/db" cluster --chain btc \
	"$CASE_DEPOSIT1" --members 2
contains members_text_says "$T_TMP/out" "the first 2 of $size"
run members_bad 2 "$TRACER" --db "$W/db" cluster --chain btc \
	"$CASE_DEPOSIT1" --members -1

# an address alone: cluster 0, one member, nothing inferred
run cluster_hacker 0 "$TRACER" --db "$W/db" --json cluster --chain btc \
	"$CASE_HACKER"
equal hacker_alone "$(jget "$T_TMP/out" \
	'(d["cluster"], len(d["members"]), d["inferred"])')" "(0, 1, None)"

# rebuild: the same bytes
run rebuild 0 "$TRACER" --db "$W/db" --json cluster --chain btc --rebuild
equal rebuild_txs "$(jget "$T_TMP/out" 'd["txs"]')" 2000
equal rebuild_digest "$(digest "$W/db")" "$D1"
run rebuild_text 0 "$TRACER" --db "$W/db" cluster --chain btc --rebuild
contains rebuild_says "$T_TMP/out" "rebuilt the clustering of btc: 2000"
run rebuild_addr 2 "$TRACER" --db "$W/db" cluster --chain btc --rebuild \
	"$CASE_HACKER"
contains rebuild_addr_says "$T_TMP/err" "--rebuild takes no ADDR"

# a rebuild killed after its second batch: refused until run again
TRACER_TEST_KILL_AFTER_BATCHES=2 "$TRACER" --db "$W/db" cluster \
	--chain btc --rebuild >/dev/null 2>&1
equal killed_rebuild "$?" 137
run refused 1 "$TRACER" --db "$W/db" cluster --chain btc "$CASE_DEPOSIT1"
contains refused_says "$T_TMP/err" "run it again"
run trace_refused 1 "$TRACER" --db "$W/db" trace --chain btc \
	--seed "$CASE_HACKER"
contains trace_refused_says "$T_TMP/err" "cluster --rebuild"
run trace_no_cluster 0 "$TRACER" --db "$W/db" trace --chain btc \
	--seed "$CASE_HACKER" --no-cluster
run rebuild_again 0 "$TRACER" --db "$W/db" cluster --chain btc --rebuild
equal rebuild_again_digest "$(digest "$W/db")" "$D1"

# an ingest killed part way (a few times) and resumed: the same digest
K="$T_TMP/k"
kills=0
for i in 1 2 3; do
	"$TRACER" -q --db "$K" crawl btc --blocks "$W/blocks" \
		--network regtest --confirmations 0 >/dev/null 2>&1 &
	p=$!
	# 0.05 s the first time: at least one kill lands before the
	# 101 blocks are in
	case $i in 1) sleep 0.05 ;; 2) sleep 0.3 ;; *) sleep 0.6 ;; esac
	kill -9 "$p" 2>/dev/null
	wait "$p" 2>/dev/null
	[ $? -eq 137 ] && kills=$((kills + 1))
done
[ "$kills" -ge 1 ] && pass "ingest killed $kills times" ||
	fail ingest_killed "every ingest finished before its kill"
run resume 0 "$TRACER" -q --db "$K" crawl btc --blocks "$W/blocks" \
	--network regtest --confirmations 0
run resume_tags 0 "$TRACER" -q --db "$K" tag import --network regtest \
	"$W/tags.csv"
equal resumed_digest "$(digest "$K")" "$D1"

finish
