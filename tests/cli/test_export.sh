#!/bin/sh
# tracer export: DOT rendered by the real Graphviz with the expected nodes
# and edges (a hostile label adds none), deterministic bytes, pruning into
# "other" (never exits, held or frontier nodes), clusters, Neo4j-admin CSV
# and GraphML parsed back, node ids that merge across cases, the frontier
# (where the trail continues) in every format and in the report's graph.
. tests/lib.sh
: "${TOOLS:=$PWD/build/san/tools}" # run.sh sets it; a default for runs by hand

# trace_json DB CASE: `tracer trace --json` of a case
trace_json() {
	"$TRACER" --db "$1" --json trace --case "$2"
}
DB="$T_TMP/db"
A="$DB.case-a.json"

if ! "$TOOLS/report_fixture" "$DB" >"$T_TMP/fx.log" 2>&1; then
	fail fixture "$(cat "$T_TMP/fx.log")"
	finish
	exit
fi
trace_json "$DB" "$A" >"$T_TMP/trace.json" 2>/dev/null
# the graph the trace implies: 8 addresses carried taint, 8 flows
NODES=8
EDGES=8

run help 0 "$TRACER" export --help
contains help_neo4j "$T_TMP/out" ":START_ID"
run no_case 2 "$TRACER" --db "$DB" export
run bad_format 2 "$TRACER" --db "$DB" export --case "$A" --format png
run csv_needs_dir 2 "$TRACER" --db "$DB" export --case "$A" --format csv
contains csv_needs_dir_msg "$T_TMP/err" "give -o DIR"
run max_nodes_1 2 "$TRACER" --db "$DB" export --case "$A" --max-nodes 1
run two_cases 2 "$TRACER" --db "$DB" export --case "$A" --case "$A"

run dot 0 "$TRACER" --db "$DB" export --case "$A" -o "$T_TMP/g.dot"
contains dot_rankdir "$T_TMP/g.dot" "rankdir=LR"
contains dot_seed_red "$T_TMP/g.dot" 'fillcolor="#b71c1c", fontcolor="#ffffff"'
contains dot_held "$T_TMP/g.dot" 'held 2.9997 BTC'
contains dot_label_escaped "$T_TMP/g.dot" 'Evil \"Exchange\"]; x -> y [label=\"pwned\"\n'
# node ids are CHAIN:NETWORK:ADDRESS, quoted
equal dot_nodes "$(grep -c '^  "btc:main:[1-9A-HJ-NP-Za-km-z]*" \[' "$T_TMP/g.dot")" "$NODES"
equal dot_edges "$(grep -c '^  "btc:main:[^"]*" -> "btc:main:' "$T_TMP/g.dot")" "$EDGES"
run dot_again 0 "$TRACER" --db "$DB" export --case "$A"
if cmp -s "$T_TMP/out" "$T_TMP/g.dot"; then pass dot_deterministic; else
	fail dot_deterministic "two exports differ"; fi
# Graphviz renders it (dot is one of the packages make installs)
run dot_render 0 dot -Tsvg "$T_TMP/g.dot" -o "$T_TMP/g.svg"
# Graphviz saw exactly our nodes and edges: the label made none
equal svg_nodes "$(grep -c 'class="node"' "$T_TMP/g.svg")" "$NODES"
equal svg_edges "$(grep -c 'class="edge"' "$T_TMP/g.svg")" "$EDGES"
lacks svg_no_script "$T_TMP/g.svg" "<script"
contains svg_escaped "$T_TMP/g.svg" "&lt;script&gt;"
lacks svg_no_node_x "$T_TMP/g.svg" "<title>x</title>"

# every exit amount of the trace is on the graph
python3 - "$T_TMP/trace.json" "$T_TMP/g.dot" >"$T_TMP/chk" 2>&1 <<'PY'
import json, sys
t = json.load(open(sys.argv[1])); dot = open(sys.argv[2]).read()
def fmt(u, d):
    s = str(int(u)).rjust(d + 1, "0"); w, f = s[:-d], s[-d:].rstrip("0")
    return w + ("." + f if f else "")
bad = [x["address"] for x in t["exits"]
       if "exit %s BTC" % fmt(x["amount"], 8) not in dot]
print(bad); sys.exit(1 if bad or not t["exits"] else 0)
PY
[ $? -eq 0 ] && pass dot_exit_amounts || fail dot_exit_amounts "$(cat "$T_TMP/chk")"

# pruning: --max-nodes folds only intermediates: the seed, the two exits
# and the held node stay (so 5 nodes, not 4), the 4 intermediates are
# "other", whose id names the case
run max_nodes 0 "$TRACER" --db "$DB" export --case "$A" --max-nodes 4
equal max_nodes_count "$(grep -c '^  "[^"]*" \[' "$T_TMP/out")" 5
contains max_nodes_other "$T_TMP/out" 'label="other (4 addresses)'
contains max_nodes_other_id "$T_TMP/out" '"btc:main:other:Fixture A <b>&amp;amp;</b>" ['
contains max_nodes_seed "$T_TMP/out" '15RhBK5HJUV6PGgJ4s8JPKRy9rp4hrjn83'
contains max_nodes_held "$T_TMP/out" 'held 2.9997 BTC'
contains max_nodes_exit1 "$T_TMP/out" 'exit 5.99983636 BTC'
contains max_nodes_exit2 "$T_TMP/out" 'exit 1 BTC'
contains max_nodes_info "$T_TMP/err" "4 addresses folded"
run fold_below 0 "$TRACER" --db "$DB" export --case "$A" --fold-below 200000000
lacks fold_small_gone "$T_TMP/out" '1DEL33xxtEFjegjs7HMJDoFDMMLekxXCyx'
contains fold_other "$T_TMP/out" 'label="other'
cp "$T_TMP/out" "$T_TMP/fold.dot"
# --min: the deprecated alias, same graph, and it says so
run min_alias 0 "$TRACER" --db "$DB" export --case "$A" --min 200000000
if cmp -s "$T_TMP/out" "$T_TMP/fold.dot"; then pass min_alias_same; else
	fail min_alias_same "--min and --fold-below differ"; fi
contains min_alias_warns "$T_TMP/err" "export --min is deprecated: it folds small nodes, use --fold-below"
# units as trace's --min takes them: 2btc and 200000000sat are 200000000
for v in 2btc "2 BTC" 200000000sat; do
	run fold_unit 0 "$TRACER" --db "$DB" export --case "$A" --fold-below "$v"
	if cmp -s "$T_TMP/out" "$T_TMP/fold.dot"; then pass "fold_unit_same $v"
	else fail "fold_unit_same $v" "--fold-below $v differs from 200000000"; fi
done
run fold_comma 2 "$TRACER" --db "$DB" export --case "$A" --fold-below 1,5
contains fold_comma_msg "$T_TMP/err" "write 1.5btc"
run fold_bad 2 "$TRACER" --db "$DB" export --case "$A" --fold-below x
contains fold_bad_msg "$T_TMP/err" "--fold-below:"
run help_fold 0 "$TRACER" export --help
contains help_fold_below "$T_TMP/out" "--fold-below V"
contains help_frontier "$T_TMP/out" "frontier"
run cluster 0 "$TRACER" --db "$DB" export --case "$A" --cluster
# a cluster node is named by its cluster id (its first member's address
# id + 1: not 0)
if grep -qE 'label="cluster [1-9][0-9]*\\n' "$T_TMP/out"; then
	pass cluster_node
else
	fail cluster_node "no 'cluster N' node in $(head -c 400 "$T_TMP/out")"
fi

# Neo4j-admin CSV
run csv 0 "$TRACER" --db "$DB" export --case "$A" --format csv -o "$T_TMP/neo"
equal csv_nodes_header "$(head -n 1 "$T_TMP/neo/nodes.csv")" \
	"id:ID,address,role,entity,category,inferred:boolean,cluster:long,members:long,received,sent,exit_amount,held_amount,frontier_amount,frontier_reason:string[],:LABEL"
equal csv_edges_header "$(head -n 1 "$T_TMP/neo/edges.csv")" \
	":START_ID,:END_ID,:TYPE,asset,amount,amount_coin:double,txs:long,first_time:long,last_time:long,hop:long,txids:string[]"
python3 - "$T_TMP/neo" "$T_TMP/trace.json" >"$T_TMP/chk" 2>&1 <<'PY'
import csv, json, sys
d = sys.argv[1]
nodes = list(csv.DictReader(open(d + "/nodes.csv", newline="")))
edges = list(csv.DictReader(open(d + "/edges.csv", newline="")))
t = json.load(open(sys.argv[2]))
ids = {n["id:ID"] for n in nodes}
assert len(nodes) == 8 and len(edges) == 8, (len(nodes), len(edges))
assert all(e[":START_ID"] in ids and e[":END_ID"] in ids for e in edges)
# ids are btc:main:ADDRESS; a single address has no cluster (an empty
# cell, not 0), an address of a multi-input cluster its id
assert all(n["id:ID"] == "btc:main:" + n["address"] for n in nodes), ids
assert all(n["cluster:long"] != "0" for n in nodes), nodes
assert any(n["cluster:long"] == "" for n in nodes), nodes
assert any(n["cluster:long"].isdigit() for n in nodes), nodes
ex = {n["address"]: n for n in nodes if n["role"] == "exit"}
for x in t["exits"]:
    assert ex[x["address"]]["exit_amount"] == x["amount"], x
    assert ex[x["address"]]["entity"] == (x["entity"] or ""), x
assert any("<script>" in n["entity"] for n in nodes)  # data kept exact
print("ok")
PY
[ $? -eq 0 ] && pass csv_parsed || fail csv_parsed "$(cat "$T_TMP/chk")"

# GraphML
run graphml 0 "$TRACER" --db "$DB" export --case "$A" --format graphml -o "$T_TMP/g.graphml"
python3 - "$T_TMP/g.graphml" "$T_TMP/trace.json" >"$T_TMP/chk" 2>&1 <<'PY'
import json, sys, xml.etree.ElementTree as ET
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse(sys.argv[1]).getroot()
t = json.load(open(sys.argv[2]))
nodes = root.findall(".//g:node", ns); edges = root.findall(".//g:edge", ns)
assert len(nodes) == 8 and len(edges) == 8, (len(nodes), len(edges))
def data(el, k):
    for x in el.findall("g:data", ns):
        if x.get("key") == k:
            return x.text or ""
    return None
by = {data(n, "label"): n for n in nodes}
assert all(n.get("id") == "btc:main:" + data(n, "label") for n in nodes)
ids = {n.get("id") for n in nodes}
assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
# no cluster 0: the key is absent for a single address
cl = [data(n, "cluster") for n in nodes]
assert "0" not in cl and None in cl and any(c for c in cl), cl
for x in t["exits"]:
    n = by[x["address"]]
    assert data(n, "exit_amount") == x["amount"]
    assert data(n, "entity") == (x["entity"] or "")
print("ok")
PY
[ $? -eq 0 ] && pass graphml_parsed || fail graphml_parsed "$(cat "$T_TMP/chk")"

# merging: case B (seeded at an address of case A) gives the same ids to
# the addresses both reach, and its "other" is not case A's
run csv_b 0 "$TRACER" --db "$DB" export --case "$DB.case-b.json" --format csv -o "$T_TMP/neo_b"
run fold_a 0 "$TRACER" --db "$DB" export --case "$A" --format csv --max-nodes 2 -o "$T_TMP/fa"
run fold_b 0 "$TRACER" --db "$DB" export --case "$DB.case-b.json" --format csv --max-nodes 2 -o "$T_TMP/fb"
python3 - "$T_TMP" >"$T_TMP/chk" 2>&1 <<'PY'
import csv, sys
d = sys.argv[1]
def nodes(x):
    return {n["id:ID"]: n for n in csv.DictReader(open(d + x + "/nodes.csv",
                                                         newline=""))}
a, b = nodes("/neo"), nodes("/neo_b")
shared = set(a) & set(b)
assert len(shared) >= 2, shared
assert all(a[i]["address"] == b[i]["address"] for i in shared)
oa = [i for i, n in nodes("/fa").items() if n["role"] == "other"]
ob = [i for i, n in nodes("/fb").items() if n["role"] == "other"]
assert oa == ["btc:main:other:Fixture A <b>&amp;</b>"], oa
assert ob == ["btc:main:other:Fixture B"], ob
print("ok")
PY
[ $? -eq 0 ] && pass merge_ids || fail merge_ids "$(cat "$T_TMP/chk")"

# the frontier: with --hops 2 the trail stops at two addresses (the
# trace's unresolved "hops"); each is a node of role frontier with its
# amount and reason in DOT, CSV, GraphML and the HTML report's graph,
# and --max-nodes 2 keeps them
"$TRACER" --db "$DB" --json trace --case "$A" --hops 2 >"$T_TMP/t2.json" 2>/dev/null
run fr_dot 0 "$TRACER" --db "$DB" export --case "$A" --hops 2 -o "$T_TMP/f.dot"
contains fr_dot_label "$T_TMP/f.dot" '1JY2PR1wrERAzkjWbN44DZ2ZuRTdemLC69\nfrontier 2.9998 BTC (stopped by hops)"'
contains fr_dot_style "$T_TMP/f.dot" 'peripheries=2'
run fr_render 0 dot -Tsvg "$T_TMP/f.dot" -o "$T_TMP/f.svg"
contains fr_svg "$T_TMP/f.svg" "frontier 1.63625455 BTC (stopped by hops)"
run fr_csv 0 "$TRACER" --db "$DB" export --case "$A" --hops 2 --format csv -o "$T_TMP/fr"
run fr_graphml 0 "$TRACER" --db "$DB" export --case "$A" --hops 2 --format graphml -o "$T_TMP/f.graphml"
run fr_max 0 "$TRACER" --db "$DB" export --case "$A" --hops 2 --max-nodes 2 --format csv -o "$T_TMP/frm"
python3 - "$T_TMP" >"$T_TMP/chk" 2>&1 <<'PY'
import csv, json, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
t = json.load(open(d + "/t2.json"))
want = {u["address"]: u["amount"] for u in t["unresolved"]
        if u["reason"] == "hops"}
assert len(want) == 2, t["unresolved"]
def fr(x):
    ns = list(csv.DictReader(open(d + x + "/nodes.csv", newline="")))
    return {n["address"]: (n["frontier_amount"], n["frontier_reason:string[]"],
                           n[":LABEL"]) for n in ns if n["role"] == "frontier"}
exp = {a: (v, "hops", "Address;Frontier") for a, v in want.items()}
assert fr("/fr") == exp, fr("/fr")
assert fr("/frm") == exp, fr("/frm")   # --max-nodes folds no frontier
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
got = {}
for n in ET.parse(d + "/f.graphml").getroot().findall(".//g:node", ns):
    v = {x.get("key"): x.text or "" for x in n.findall("g:data", ns)}
    if v["role"] == "frontier":
        got[v["label"]] = (v["frontier_amount"], v["frontier_reason"])
assert got == {a: (v, "hops") for a, v in want.items()}, got
print("ok")
PY
[ $? -eq 0 ] && pass frontier_parsed || fail frontier_parsed "$(cat "$T_TMP/chk")"
run fr_report 0 "$TRACER" --db "$DB" report --case "$A" --hops 2 --format html -o "$T_TMP/r.html"
contains fr_report_graph "$T_TMP/r.html" "frontier 2.9998 BTC (stopped by hops)"
finish
