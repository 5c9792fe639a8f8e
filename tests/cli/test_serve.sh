#!/bin/sh
# tracer serve against the demo database: every API endpoint with curl
# (status codes, JSON checked with python3), the documents the CLI prints
# for the same options, notes on nodes and edges and in the reports, the
# guards (token, Host, Origin, body size, paths, parameter count, URL and
# header size), 50 clients for 10 s, and a clean stop on SIGTERM and
# SIGINT.
. tests/lib.sh
DEMO="$T_TMP/demo"
SERVE_PID=
stop_serve() {
	[ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null
	SERVE_PID=
}
T_CLEANUP_HOOK=stop_serve
# the reports' generation time, the same for the server and the CLI
export SOURCE_DATE_EPOCH=1700000000

run help 0 "$TRACER" serve --help
contains help_listen "$T_TMP/out" "--listen ADDR:PORT"
run demo 0 "$TRACER" demo --out "$DEMO"
DB="$DEMO/db"
run bad_option 2 "$TRACER" --db "$DB" serve --bogus
# LevelDB locks a database even for reading: the CLI's side of each
# comparison reads a copy while the server holds the original
CLIDB="$T_TMP/clidb"
cp -r "$DB" "$CLIDB"
cp "$DEMO/case.json" "$T_TMP/case.json"
CASE="$T_TMP/case.json"
run bad_listen 1 "$TRACER" --db "$DB" serve --listen nowhere
contains bad_listen_msg "$T_TMP/err" "give ADDRESS:PORT"
run bad_case 1 "$TRACER" --db "$DB" serve --case "$T_TMP/none.json"

# start_serve: on a free port (port 0: the kernel picks; tests/lib.sh)
start_serve() {
	serve_start "$DB" "$CASE" "$@"
}
# the database's content before the session (compared after it: the
# server opens it read-only, whatever the requests)
"$TRACER" --db "$DB" db check --json >"$T_TMP/check0.json" 2>/dev/null
DIGEST0=$(jget "$T_TMP/check0.json" 'd["digest"]')
start_serve
case "$URL" in
http://127.0.0.1:*/\?token=*) pass url ;;
*) fail url "no URL printed: $(cat "$T_TMP/serve.err")" ;;
esac

# get NAME STATUS PATH [curl options]: body in $T_TMP/body
get() {
	_n=$1 _want=$2 _p=$3
	shift 3
	_got=$(curl -s -m 120 -o "$T_TMP/body" -w '%{http_code}' \
		-H "Cookie: tracer_token=$TOKEN" "$@" "$BASE$_p")
	equal "$_n" "$_got" "$_want"
}
# jcheck NAME EXPR: a python3 expression on d, the body's JSON
jcheck() {
	_v=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(bool(eval(sys.argv[2])))' "$T_TMP/body" "$2" 2>&1)
	equal "$1" "$_v" True
}
# same_json NAME FILE: the body and FILE hold the same JSON document
same_json() {
	_v=$(python3 -c 'import json,sys
print(json.load(open(sys.argv[1])) == json.load(open(sys.argv[2])))' \
		"$T_TMP/body" "$2" 2>&1)
	equal "$1" "$_v" True
}

# the page and its files
get page 200 /
contains page_search "$T_TMP/body" 'id="search-form"'
curl -s -m 120 -D "$T_TMP/hdr" -o /dev/null \
	-H "Cookie: tracer_token=$TOKEN" "$BASE/"
contains page_csp "$T_TMP/hdr" "Content-Security-Policy: default-src 'none'"
get page_js 200 /app.js
contains page_js_body "$T_TMP/body" "/api/graph"
# the script is allowed by the SHA-256 of the bytes served, in the CSP
# and in the page's integrity attribute
H=$(python3 -c 'import base64,hashlib,sys
print(base64.b64encode(hashlib.sha256(open(sys.argv[1], "rb").read()).digest()).decode())' "$T_TMP/body")
contains page_csp_hash "$T_TMP/hdr" "script-src 'sha256-$H'"
lacks page_csp_no_self_script "$T_TMP/hdr" "script-src 'self'"
get page_again 200 /
contains page_integrity "$T_TMP/body" "integrity=\"sha256-$H\""
get page_css 200 /style.css
lacks page_no_cdn "$T_TMP/body" "https://"
# the token in the URL gives the cookie and a redirect
curl -s -m 120 -D "$T_TMP/hdr" -o /dev/null "$BASE/?token=$TOKEN"
contains login_redirect "$T_TMP/hdr" "HTTP/1.1 303"
contains login_cookie "$T_TMP/hdr" "Set-Cookie: tracer_token=$TOKEN; Path=/; HttpOnly; SameSite=Strict"

# cases
get cases 200 /api/cases
jcheck cases_doc 'd["cases"][0]["name"].startswith("Demo") and d["cases"][0]["chain"] == "btc"'

# trace: the document of `tracer trace --json`, for the case and overrides
get trace 200 "/api/trace?case=0"
"$TRACER" --db "$CLIDB" --json trace --case "$CASE" >"$T_TMP/cli.json"
same_json trace_is_cli "$T_TMP/cli.json"
get trace_fifo 200 "/api/trace?case=0&policy=fifo&hops=7"
"$TRACER" --db "$CLIDB" --json trace --case "$CASE" --policy fifo --hops 7 \
	>"$T_TMP/cli.json"
same_json trace_fifo_is_cli "$T_TMP/cli.json"
SEED=$(jget "$CASE" 'd["seeds"][0]')
get trace_adhoc 200 "/api/trace?chain=btc&seed=$SEED&hops=2"
"$TRACER" --db "$CLIDB" --json trace --chain btc --seed "$SEED" --hops 2 \
	>"$T_TMP/cli.json"
same_json trace_adhoc_is_cli "$T_TMP/cli.json"
get trace_bad_policy 400 "/api/trace?case=0&policy=bogus"
jcheck trace_bad_policy_msg '"unknown policy" in d["error"]["message"]'
# one mapping of the trace options (tracer/case/case_opts): the API
# says what the command line says, naming the parameter
for bad in hops=0 hub_txs=x since=yesterday stop_at=bank \
	deposit_share=101 chain=xmr policy=bogus; do
	get "trace_bad_${bad%%=*}" 400 "/api/trace?case=0&$bad"
	_api=$(jget "$T_TMP/body" 'd["error"]["message"]')
	_opt=$(echo "${bad%%=*}" | tr _ -)
	"$TRACER" --db "$CLIDB" trace --case "$CASE" "--$_opt" "${bad#*=}" \
		>/dev/null 2>"$T_TMP/cli.err"
	_cli=$(sed -n "s/^tracer: error: --$_opt: //p" "$T_TMP/cli.err" | head -n 1)
	equal "trace_bad_${bad%%=*}_same_msg" "$_api" \
		"parameter '${bad%%=*}': $_cli"
done
# chain names without regard to case, as on the command line
get trace_chain_upper 200 "/api/trace?chain=BTC&seed=$SEED&hops=2"
same_json trace_chain_upper_is_cli "$T_TMP/cli.json"
get trace_dash_param 400 "/api/trace?case=0&hub-txs=3"
get trace_unknown_param 400 "/api/trace?case=0&path=/etc/passwd"
jcheck trace_unknown_param_msg 'd["error"]["message"] == "unknown parameter '"'path'"'"'
jcheck trace_unknown_param_code 'd["error"]["code"] == "bad-request"'
get trace_no_case 404 "/api/trace?case=5"
get trace_no_chain 400 "/api/trace"

# graph: the trace and its flow graph
get graph 200 "/api/graph?case=0"
jcheck graph_nodes 'len(d["graph"]["nodes"]) == d["trace"]["counters"]["addresses"] and d["graph"]["edges"]'
jcheck graph_seed 'any(n["role"] == "seed" for n in d["graph"]["nodes"])'
N5=$(jget "$T_TMP/body" 'len(d["graph"]["nodes"])')
get graph_expand 200 "/api/graph?case=0&hops=7"
N7=$(jget "$T_TMP/body" 'len(d["graph"]["nodes"])')
[ "$N7" -gt "$N5" ] && pass graph_expand_grows ||
	fail graph_expand_grows "$N5 nodes at 5 hops, $N7 at 7"

# layout: Graphviz's positions of the same graph, in the graph's order
get graph_again 200 "/api/graph?case=0"
jcheck graph_layout 'd["layout"]["engine"] == "dot" and len(d["layout"]["nodes"]) == len(d["graph"]["nodes"]) and len(d["layout"]["edges"]) == len(d["graph"]["edges"])'
jcheck graph_layout_ids 'all(n["id"] == i for i, n in enumerate(d["layout"]["nodes"])) and all((e["from"], e["to"]) == (g["from"], g["to"]) for e, g in zip(d["layout"]["edges"], d["graph"]["edges"]))'
jcheck graph_layout_inside 'all(0 <= n["x"] <= d["layout"]["width"] and 0 <= n["y"] <= d["layout"]["height"] for n in d["layout"]["nodes"])'
jcheck graph_layout_splines 'all(len(e["points"]) >= 4 for e in d["layout"]["edges"])'
jcheck graph_layout_by_hops 'd["layout"]["nodes"][[e["to"] for e in d["graph"]["edges"] if e["from"] == 0][0]]["x"] > d["layout"]["nodes"][0]["x"]'
cp "$T_TMP/body" "$T_TMP/graph.json"
get layout 200 "/api/layout?case=0"
_v=$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
print(a["layout"] == b["layout"] and a["nodes"] == len(b["graph"]["nodes"]) and a["asset"] == "BTC")' "$T_TMP/body" "$T_TMP/graph.json")
equal layout_is_graphs "$_v" True
get layout_bad 400 "/api/layout?case=0&hops=x"
get layout_no_case 404 "/api/layout?case=3"

# address and transaction: the documents of the CLI
get address 200 "/api/address?chain=btc&address=$SEED"
"$TRACER" --db "$CLIDB" --json address --chain btc "$SEED" >"$T_TMP/cli.json"
same_json address_is_cli "$T_TMP/cli.json"
get address_txs 200 "/api/address?chain=btc&address=$SEED&txs=1"
"$TRACER" --db "$CLIDB" --json address --chain btc "$SEED" --txs \
	>"$T_TMP/cli.json"
same_json address_txs_is_cli "$T_TMP/cli.json"
jcheck address_history 'len(d["txs"]) == 2 and d["txs"][0]["time"] == "2024-03-01T12:00:00Z" and d["tags"][0]["source"] and d["tags"][0]["confidence"] == 90'
TXID=$(jget "$T_TMP/body" 'd["txs"][0]["txid"]')
get address_chain_upper 200 "/api/address?chain=BTC&address=$SEED&txs=1"
same_json address_chain_upper_is_cli "$T_TMP/cli.json"
# the cluster with its evidence: the document of `tracer cluster --json`
get cluster 200 "/api/cluster?chain=btc&address=$SEED"
"$TRACER" --db "$CLIDB" --json cluster --chain btc "$SEED" >"$T_TMP/cli.json"
same_json cluster_is_cli "$T_TMP/cli.json"
get cluster_members 200 "/api/cluster?chain=Btc&address=$SEED&members=0"
"$TRACER" --db "$CLIDB" --json cluster --chain btc "$SEED" --members 0 \
	>"$T_TMP/cli.json"
same_json cluster_members_is_cli "$T_TMP/cli.json"
get cluster_bad 400 "/api/cluster?chain=btc&address=nothing"
get cluster_bad_members 400 "/api/cluster?chain=btc&address=$SEED&members=x"
get cluster_bad_param 400 "/api/cluster?chain=btc&address=$SEED&x=1"
get address_bad 400 "/api/address?chain=btc&address=bcrt1qnotanaddress"
get address_no_chain 400 "/api/address?address=$SEED"
get address_bad_param 400 "/api/address?chain=btc&address=$SEED&path=x"
get tx 200 "/api/tx?chain=btc&txid=$TXID"
jcheck tx_doc 'd["txid"] == "'"$TXID"'" and d["height"] == 3 and d["outputs"][0]["address"] == "'"$SEED"'" and d["outputs"][0]["value"] == "4000000000" and d["inputs"][0]["value"] == "5000000000"'
get tx_absent 404 "/api/tx?chain=btc&txid=$(python3 -c 'print("ab" * 32)')"
get tx_bad 400 "/api/tx?chain=btc&txid=xyz"
get search_address 200 "/api/search?q=$SEED"
jcheck search_address_hit 'any(r["kind"] == "address" and r["address"] == "'"$SEED"'" and r["network"] == "regtest" for r in d["results"])'
get search_tx 200 "/api/search?q=$TXID"
jcheck search_tx_hit 'd["results"] == [{"kind": "tx", "chain": "btc", "txid": "'"$TXID"'"}]'

# compare: the five policies, each column the CLI's sums
get compare 200 "/api/compare?case=0"
jcheck compare_policies 'd["policies"] == ["poison", "haircut", "fifo", "lifo", "tiho"]'
for p in poison haircut fifo lifo tiho; do
	"$TRACER" --db "$CLIDB" --json trace --case "$CASE" --policy "$p" \
		>"$T_TMP/cli-$p.json"
done
_v=$(python3 - "$T_TMP/body" "$T_TMP" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ok = True
for i, p in enumerate(d["policies"]):
    c = json.load(open("%s/cli-%s.json" % (sys.argv[2], p)))
    ok &= d["assets"][i] == c["assets"][0]
    per = {}
    for x in c["exits"]:
        k = x["entity"] or x["address"]
        per[k] = per.get(k, 0) + int(x["amount"])
    for row in d["exits"]:
        ok &= int(row["amounts"][i]) == per.get(row["entity"], 0)
    ok &= len(per) <= len(d["exits"])
print(ok)
PY
)
equal compare_is_cli "$_v" True

# search: tags by entity (case-insensitive), cases by seed
get search 200 "/api/search?q=NORTHWIND"
jcheck search_tag 'any(r["kind"] == "tag" and r["entity"] == "Northwind Exchange" for r in d["results"])'
# the one tag object of every command (docs/json.md), its network named
jcheck search_tag_object 'all(set(r) == {"kind", "chain", "network", "address", "entity", "category", "source", "confidence", "actor", "inferred", "evidence"} and r["network"] for r in d["results"] if r["kind"] == "tag")'
get search_case 200 "/api/search?q=$SEED"
jcheck search_case_hit 'any(r["kind"] == "case" for r in d["results"])'
get search_empty 400 "/api/search?q="
get search_long 400 "/api/search?q=$(python3 -c 'print("a" * 600)')"

# export: the bytes of `tracer export`
get export_dot 200 "/api/export?case=0&format=dot"
"$TRACER" --db "$CLIDB" export --case "$CASE" --format dot >"$T_TMP/cli.dot"
cmp -s "$T_TMP/body" "$T_TMP/cli.dot" && pass export_dot_bytes ||
	fail export_dot_bytes "differs from tracer export"
get export_graphml 200 "/api/export?case=0&format=graphml"
"$TRACER" --db "$CLIDB" export --case "$CASE" --format graphml \
	>"$T_TMP/cli.graphml"
cmp -s "$T_TMP/body" "$T_TMP/cli.graphml" && pass export_graphml_bytes ||
	fail export_graphml_bytes "differs from tracer export"
for f in nodes edges; do
	get "export_${f}_csv" 200 "/api/export?case=0&format=${f}_csv&policy=fifo"
	cp "$T_TMP/body" "$T_TMP/api_$f.csv"
done
"$TRACER" --db "$CLIDB" export --case "$CASE" --format csv --policy fifo \
	-o "$T_TMP/clicsv"
for f in nodes edges; do
	cmp -s "$T_TMP/api_$f.csv" "$T_TMP/clicsv/$f.csv" &&
		pass "export_${f}_csv_bytes" ||
		fail "export_${f}_csv_bytes" "differs from tracer export"
done
get export_bad_format 400 "/api/export?case=0&format=../../etc/passwd"
contains export_formats "$T_TMP/body" "dot, graphml, nodes_csv, edges_csv"
_h=$(curl -s -m 120 -o /dev/null -D - -H "Cookie: tracer_token=$TOKEN" \
	"$BASE/api/export?case=0&format=dot" | tr -d '\r')
case "$_h" in
*'Content-Disposition: attachment; filename="flow.dot"'*)
	pass export_attachment ;;
*) fail export_attachment "no Content-Disposition: $_h" ;;
esac
get report_no_case 400 "/api/report?format=md"
get report_bad_format 400 "/api/report?case=0&format=pdf"
get report_bad_option 400 "/api/report?case=0&format=md&hops=0"

# notes: POST with a same-origin Origin, saved into the case file
ORIGIN="Origin: http://$HP"
# a note on a node: the case file's own field node_notes, not the notes
get note 200 /api/note -X POST -H "$ORIGIN" \
	-H 'Content-Type: application/json' \
	--data '{"case": 0, "node": "'"$SEED"'", "text": "seed <script>x</script>"}'
jcheck note_doc 'd["node_notes"] == [{"node": "'"$SEED"'", "text": "seed <script>x</script>"}] and "script" not in (d["notes"] or "")'
_v=$(jget "$CASE" 'd["node_notes"][0]["text"] + "|" + str("script" in d["notes"])')
equal note_in_file "$_v" "seed <script>x</script>|False"
run note_case_valid 0 "$TRACER" case check "$CASE"
contains note_case_check "$T_TMP/out" "node note $SEED: seed <script>x</script>"
# a note on an exit, which the reports show beside it in the Exits table
XADDR=$(jget "$T_TMP/graph.json" '[n["name"] for n in d["graph"]["nodes"] if n["role"] == "exit"][0]')
get note_exit 200 /api/note -X POST -H "$ORIGIN" \
	--data '{"case": 0, "node": "'"$XADDR"'", "text": "the exchange asked"}'
jcheck note_exit_doc 'len(d["node_notes"]) == 2 and d["node_notes"][1]["node"] == "'"$XADDR"'"'
get note_listed 200 /api/cases
jcheck note_in_cases 'd["cases"][0]["node_notes"][1]["text"] == "the exchange asked"'
get note_no_text 400 /api/note -X POST -H "$ORIGIN" \
	--data '{"case": 0, "node": "'"$SEED"'"}'
jcheck note_no_text_msg '"node note'"'"'s text" in d["error"]["message"]'
# a note on an edge: its own field of the case file, not the notes
TO=$(jget "$T_TMP/graph.json" '[d["graph"]["nodes"][e["to"]]["name"] for e in d["graph"]["edges"] if d["graph"]["nodes"][e["from"]]["name"] == "'"$SEED"'"][0]')
get edge_note 200 /api/note -X POST -H "$ORIGIN" \
	--data '{"case": 0, "from": "'"$SEED"'", "to": "'"$TO"'", "text": "peel <b>1</b>"}'
jcheck edge_note_doc 'd["edge_notes"] == [{"from": "'"$SEED"'", "to": "'"$TO"'", "text": "peel <b>1</b>"}] and "peel" not in d["notes"]'
_v=$(jget "$CASE" 'd["edge_notes"][0]["text"] + "|" + str("peel" in d["notes"])')
equal edge_note_in_file "$_v" "peel <b>1</b>|False"
run edge_note_case_valid 0 "$TRACER" case check "$CASE"
get edge_note_listed 200 /api/cases
jcheck edge_note_in_cases 'd["cases"][0]["edge_notes"][0]["to"] == "'"$TO"'"'
get edge_note_no_to 400 /api/note -X POST -H "$ORIGIN" \
	--data '{"case": 0, "from": "'"$SEED"'", "text": "x"}'
jcheck edge_note_no_to_msg '"edge note'"'"'s to" in d["error"]["message"]'
get note_bad 400 /api/note -X POST -H "$ORIGIN" --data '{"case": 0}'
jcheck note_bad_msg '"a note is" in d["error"]["message"]'
get note_no_case 404 /api/note -X POST -H "$ORIGIN" \
	--data '{"case": 9, "node": "x", "text": "y"}'
get note_get 405 /api/note
# reports (after the note, which they show): compared with the CLI's
# bytes once the server has stopped and released the database, run as
# `tracer --db DB report ...` (the command line in their provenance)
for f in md html json csv; do
	get "report_$f" 200 "/api/report?case=0&format=$f&policy=fifo&hops=4"
	cp "$T_TMP/body" "$T_TMP/api_report.$f"
done
get trace_post 405 "/api/trace?case=0" -X POST -H "$ORIGIN" --data x

# the guards
_got=$(curl -s -m 120 -o "$T_TMP/body" -w '%{http_code}' "$BASE/api/cases")
equal no_token "$_got" 403
jcheck no_token_json '"token" in d["error"]["message"]'
_got=$(curl -s -m 120 -o /dev/null -w '%{http_code}' \
	-H "Cookie: tracer_token=${TOKEN}x" "$BASE/api/cases")
equal wrong_token "$_got" 403
get wrong_host 403 /api/cases -H "Host: evil.example:80"
get localhost_host 200 /api/cases -H "Host: localhost:${HP#*:}"
get cross_origin 403 /api/note -X POST -H "Origin: http://evil.example" \
	--data '{"case": 0, "node": "x", "text": "y"}'
get no_origin 403 /api/note -X POST \
	--data '{"case": 0, "node": "x", "text": "y"}'
get dotdot 404 "/../../etc/passwd" --path-as-is
get absolute 404 "//etc/passwd" --path-as-is
get unknown_api 404 /api/nothing
# a 100 MB body is refused from its Content-Length, before it is read
head -c 100000000 /dev/zero >"$T_TMP/big"
get big_body 413 /api/note -X POST -H "$ORIGIN" \
	-H 'Content-Type: application/octet-stream' --data-binary @"$T_TMP/big"
rm -f "$T_TMP/big"
lacks case_intact "$CASE" '\u0000'
# the count and size limits: 65 query parameters, a URL and a header
# beyond the 64 KiB of a connection's memory
_q=$(python3 -c 'print("&".join("min=1" for _ in range(65)))')
get too_many_params 400 "/api/trace?case=0&$_q"
jcheck too_many_params_msg '"more than 64 parameters" in d["error"]["message"]'
_long=$(python3 -c 'print("a" * 70000)')
_got=$(curl -s -m 120 -o /dev/null -w '%{http_code}' \
	-H "Cookie: tracer_token=$TOKEN" "$BASE/api/search?q=$_long")
case $_got in
414 | 431) pass long_url ;;
*) fail long_url "a 70 kB URL: $_got" ;;
esac
_got=$(curl -s -m 120 -o /dev/null -w '%{http_code}' \
	-H "Cookie: tracer_token=$TOKEN" -H "X-Big: $_long" "$BASE/api/cases")
case $_got in
414 | 431) pass long_header ;;
*) fail long_header "a 70 kB header: $_got" ;;
esac
get still_up 200 /api/cases

# load: 50 concurrent clients for 10 s (each a bounded loop of at most
# 400 requests on loopback, at least 2), a trace and an address in turn:
# every answer 200 and the CLI's document; the stop below then shows no
# leak (ASan's leak check runs at exit and would change the exit code)
"$TRACER" --db "$CLIDB" --json trace --case "$CASE" >"$T_TMP/cli.json"
"$TRACER" --db "$CLIDB" --json address --chain btc "$SEED" --txs \
	>"$T_TMP/cli_addr.json"
_v=$(python3 - "$BASE" "$TOKEN" "$T_TMP/cli.json" "$T_TMP/cli_addr.json" \
	"/api/address?chain=btc&address=$SEED&txs=1" <<'PY'
import json, sys, threading, time, urllib.request
base, token = sys.argv[1], sys.argv[2]
want = [("/api/trace?case=0", json.load(open(sys.argv[3]))),
        (sys.argv[5], json.load(open(sys.argv[4])))]
bad, done = [], []
end = time.monotonic() + 10
def client():
    n = 0
    while n < 400 and (n < 2 or time.monotonic() < end):
        path, doc = want[n % 2]
        n += 1
        req = urllib.request.Request(base + path,
                                     headers={"Cookie": "tracer_token=" + token})
        try:
            with urllib.request.urlopen(req, timeout=300) as r:
                if r.status != 200 or json.load(r) != doc:
                    bad.append("differs: " + path)
        except Exception as e:
            bad.append(str(e))
    done.append(n)
ts = [threading.Thread(target=client) for _ in range(50)]
for t in ts: t.start()
for t in ts: t.join()
print("ok" if not bad and len(done) == 50 else "%d bad: %s" % (len(bad), bad[:1]))
print("load: %d requests" % sum(done), file=sys.stderr)
PY
)
equal load_50_clients "$_v" ok

# bound to 127.0.0.1 only
PORT=${HP#*:}
_ls=$(ss -Hltn "sport = :$PORT" 2>/dev/null | awk '{print $4}')
equal bound_loopback "$_ls" "127.0.0.1:$PORT"

# a clean stop on SIGTERM: exit 0, a message, no sanitizer report
kill -TERM "$SERVE_PID"
wait "$SERVE_PID"
equal sigterm_exit $? 0
SERVE_PID=
"$TRACER" --db "$DB" db check --json >"$T_TMP/check1.json" 2>/dev/null
equal db_unchanged "$(jget "$T_TMP/check1.json" 'd["digest"]')" "$DIGEST0"
[ -n "$DIGEST0" ] && pass db_digest_read || fail db_digest_read
contains sigterm_msg "$T_TMP/serve.err" "stopping (SIGTERM)"
# no sanitizer report (AddressSanitizer, LeakSanitizer: a leak after the
# load above, UndefinedBehaviorSanitizer)
lacks sigterm_clean "$T_TMP/serve.err" "Sanitizer"
mkdir -p "$T_TMP/as_tracer"
ln -sf "$TRACER" "$T_TMP/as_tracer/tracer"
for f in md html json csv; do
	PATH="$T_TMP/as_tracer:$PATH" tracer --db "$DB" report --case "$CASE" \
		--format $f --policy fifo --hops 4 >"$T_TMP/cli_report.$f"
	cmp -s "$T_TMP/api_report.$f" "$T_TMP/cli_report.$f" &&
		pass "report_${f}_bytes" ||
		fail "report_${f}_bytes" "differs from tracer report: $(diff \
			"$T_TMP/api_report.$f" "$T_TMP/cli_report.$f" | head -5)"
done
_v=$(jget "$T_TMP/api_report.json" 'd["cases"][0]["node_notes"][0]["text"]')
equal report_note_json "$_v" "seed <script>x</script>"
contains report_note_md "$T_TMP/api_report.md" "**Note on** \`$SEED\`"
contains report_note_html "$T_TMP/api_report.html" "seed &lt;script&gt;x&lt;/script&gt;"
lacks report_note_html_inert "$T_TMP/api_report.html" "<script>x"
contains report_note_csv "$T_TMP/api_report.csv" "node_note"
# beside the node: the exit's row of the Exits table
_v=$(grep -c "^| .*$XADDR.* (note: the exchange asked) |" "$T_TMP/api_report.md")
equal report_note_beside_exit "$_v" 1
_v=$(jget "$T_TMP/api_report.json" 'd["cases"][0]["edge_notes"][0]["text"]')
equal report_edge_note_json "$_v" "peel <b>1</b>"
contains report_edge_note_md "$T_TMP/api_report.md" "Note on the edge"
contains report_edge_note_html "$T_TMP/api_report.html" "peel &lt;b&gt;1&lt;/b&gt;"
contains report_edge_note_csv "$T_TMP/api_report.csv" "edge_note"
start_serve
kill -INT "$SERVE_PID"
wait "$SERVE_PID"
equal sigint_exit $? 0
SERVE_PID=
contains sigint_msg "$T_TMP/serve.err" "stopping (SIGINT)"

# --open: $BROWSER (a stub that writes its argument) gets the URL; a
# browser that cannot run is a warning, the server serves on
printf '#!/bin/sh\nprintf "%%s\\n" "$*" >"%s/opened"\n' "$T_TMP" \
	>"$T_TMP/browser.sh"
chmod +x "$T_TMP/browser.sh"
export BROWSER="$T_TMP/browser.sh:other"
start_serve --open
i=0
while [ $i -lt 1200 ] && [ ! -s "$T_TMP/opened" ]; do
	sleep 0.1
	i=$((i + 1))
done
equal open_url "$(cat "$T_TMP/opened" 2>/dev/null)" "$URL"
stop_serve
wait
BROWSER="$T_TMP/no-such-browser"
start_serve --open
contains open_fail_warns "$T_TMP/serve.err" "--open: cannot run"
get open_fail_serves 200 /api/cases
stop_serve
wait
unset BROWSER
rm -f "$T_TMP/opened"
start_serve
get no_open_by_default 200 /api/cases
[ -e "$T_TMP/opened" ] && fail no_open "a browser was started" ||
	pass no_open
stop_serve
wait

# a listen address that is not loopback warns
start_serve --listen 0.0.0.0:0
contains public_warning "$T_TMP/serve.err" "not loopback"
stop_serve
finish
