#!/bin/sh
# tracer export: DOT rendered by the real Graphviz with the expected nodes
# and edges (a hostile label adds none), deterministic bytes, pruning into
# "other", clusters, Neo4j-admin CSV and GraphML parsed back.
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
contains dot_seed_red "$T_TMP/g.dot" '#e53935'
contains dot_held "$T_TMP/g.dot" 'held 2.9997 BTC'
contains dot_label_escaped "$T_TMP/g.dot" 'Evil \"Exchange\"]; x -> y [label=\"pwned\"\n'
equal dot_nodes "$(grep -c '^  n[0-9]* \[' "$T_TMP/g.dot")" "$NODES"
equal dot_edges "$(grep -c '^  n[0-9]* -> n' "$T_TMP/g.dot")" "$EDGES"
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

# pruning: at most 4 nodes, one of them "other"; seeds stay
run max_nodes 0 "$TRACER" --db "$DB" export --case "$A" --max-nodes 4
equal max_nodes_count "$(grep -c '^  n[0-9]* \[' "$T_TMP/out")" 4
contains max_nodes_other "$T_TMP/out" 'label="other (5 addresses)'
contains max_nodes_seed "$T_TMP/out" '15RhBK5HJUV6PGgJ4s8JPKRy9rp4hrjn83'
contains max_nodes_info "$T_TMP/err" "5 addresses folded"
run min 0 "$TRACER" --db "$DB" export --case "$A" --min 200000000
lacks min_small_gone "$T_TMP/out" '1DEL33xxtEFjegjs7HMJDoFDMMLekxXCyx'
contains min_other "$T_TMP/out" 'label="other'
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
	"id:ID,address,role,entity,category,inferred:boolean,cluster:long,members:long,received,sent,exit_amount,held_amount,:LABEL"
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
by = {data(n, "label"): n for n in nodes}
for x in t["exits"]:
    n = by[x["address"]]
    assert data(n, "exit_amount") == x["amount"]
    assert data(n, "entity") == (x["entity"] or "")
print("ok")
PY
[ $? -eq 0 ] && pass graphml_parsed || fail graphml_parsed "$(cat "$T_TMP/chk")"
finish
