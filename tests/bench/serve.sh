#!/bin/sh
# The speed of `tracer serve` (part of make bench; alone: sh
# tests/bench/serve.sh): figures, never asserted. Each request is timed
# by curl on loopback, BENCH_SERVE_RUNS times (default 5); the median
# and the fastest are printed with a baseline from the same run:
#
#   page       what the page loads before it is interactive on the demo
#              (/, app.js, style.css, /api/cases, /api/graph of the
#              case), against /api/cases alone (the cost of a request)
#   demo       /api/graph of the demo case (trace, flow graph, Graphviz
#              layout, JSON), against /api/trace (the trace alone)
#   2000 nodes /api/graph of a generated case whose flow graph has about
#              2 000 nodes (tests/tools/gen_chain --case-copies), against
#              /api/trace and against `dot -Tjson0` alone on `tracer
#              export`'s DOT of the same graph (labels, colours: the
#              full drawing, which the server's layout leaves out)
#
# and the drawing in a real browser (Debian's chromium driven by
# puppeteer-core from tests/browser/node_modules, tests/browser/
# bench_page.js): from the navigation to the token URL until the graph is
# drawn (the page's data-nodes marker, every node a g.node) and painted
# (the next frame), the page's own clock, BENCH_SERVE_RUNS fresh pages:
#
#   browser    the 2 000-node case drawn, against the demo case drawn
#              (the same page, 18 nodes); each with the share after the
#              /api/graph answer arrived (parse, SVG, paint)
#
# Without chromium, node or puppeteer-core the browser figures are
# skipped with a message (null in the JSON). Writes
# build/bench/serve.json (tests/bench.sh puts it into results.json).
set -e
TRACER=${BENCH_TRACER:-bin/tracer}
TOOLS=${BENCH_TOOLS:-build/rel/tools}
OUT=build/bench
W=$OUT/serve
RUNS=${BENCH_SERVE_RUNS:-5}
COPIES=${BENCH_SERVE_COPIES:-118}
rm -rf "$W"
mkdir -p "$W"
SERVE_PID=
trap '[ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null' EXIT

calc() { awk "BEGIN { printf \"%.${2:-3}f\", $1 }"; }
# serve DB CASE: starts the server, sets BASE and COOKIE
serve() {
	: >"$W/serve.out"
	: >"$W/serve.err"
	"$TRACER" --db "$1" serve --case "$2" >"$W/serve.out" 2>"$W/serve.err" &
	SERVE_PID=$!
	i=0
	while [ $i -lt 1200 ] && ! grep -q '^http://' "$W/serve.out"; do
		kill -0 "$SERVE_PID" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	_u=$(head -n 1 "$W/serve.out")
	[ -n "$_u" ] || { echo "bench: serve failed: $(cat "$W/serve.err")"; exit 1; }
	URL=$_u
	COOKIE="Cookie: tracer_token=${_u#*token=}"
	_hp=${_u#http://}
	BASE="http://${_hp%%/*}"
}
stop() {
	kill "$SERVE_PID"
	wait "$SERVE_PID" || true
	SERVE_PID=
}
# once PATH...: seconds for the paths fetched one after the other (one
# connection each, as a page's first load), failing on a non-200
once() {
	_t=0
	for _p in "$@"; do
		_r=$(curl -s -o "$W/body" -w '%{http_code} %{time_total}' \
			-H "$COOKIE" "$BASE$_p")
		[ "${_r% *}" = 200 ] || { echo "bench: $_p: ${_r% *}"; exit 1; }
		_t=$(calc "$_t + ${_r#* }" 6)
	done
	echo "$_t"
}
# timing PATH...: "median fastest" of RUNS runs of once
timing() {
	_i=0
	: >"$W/runs"
	while [ $_i -lt "$RUNS" ]; do
		once "$@" >>"$W/runs"
		_i=$((_i + 1))
	done
	sort -n "$W/runs" | awk '{ v[NR] = $1 } END {
		printf "%.4f %.4f", v[int((NR + 1) / 2)], v[1] }'
}
# the browser: BROWSER_WHY is empty when it can draw the page
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
BROWSER_DIR=tests/browser
BROWSER_WHY=
if [ -z "$CHROMIUM" ]; then
	BROWSER_WHY="chromium is not installed (Debian package chromium; make deps-test)"
elif ! command -v node >/dev/null 2>&1; then
	BROWSER_WHY="node.js is not installed (make deps-test)"
elif [ ! -d "$BROWSER_DIR/node_modules/puppeteer-core" ]; then
	BROWSER_WHY="puppeteer-core is not in $BROWSER_DIR/node_modules (sh tests/integration/test_serve_browser.sh installs it from npm)"
fi
# browser NAME: times the page at $URL in chromium into $W/NAME.json
# ("null" when skipped or failed, with the reason printed)
browser() {
	echo null >"$W/$1.json"
	[ -z "$BROWSER_WHY" ] || return 0
	if NODE_PATH="$BROWSER_DIR/node_modules" timeout 900 node \
		"$BROWSER_DIR/bench_page.js" "$CHROMIUM" "$URL" "$RUNS" \
		>"$W/$1.out" 2>"$W/$1.err"; then
		tail -n 1 "$W/$1.out" >"$W/$1.json"
	else
		echo "bench: the browser failed on $1: $(tail -n 5 "$W/$1.err")"
	fi
}
# bfig NAME KEY: "median fastest" of the browser's KEY list, or "none"
bfig() {
	python3 -c 'import json,sys
d=json.load(open(sys.argv[1])); v=d and d.get(sys.argv[2])
print("%.4f %.4f" % (v[(len(v) - 1) // 2], v[0]) if v else "none")' "$W/$1.json" "$2"
}
# bjson NAME: the JSON object of the browser's figures for NAME, or null
bjson() {
	python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
if not d: print("null"); sys.exit()
m=lambda v: v[(len(v) - 1) // 2] if v else None
print(json.dumps({"nodes": d["nodes"], "drawn": d["drawn"],
  "painted_seconds": m(d["painted_seconds"]),
  "painted_fastest": d["painted_seconds"][0] if d["painted_seconds"] else None,
  "graph_arrived_seconds": m(d["graph_seconds"]),
  "page_share_seconds": m(d["page_seconds"])}))' "$W/$1.json"
}

med() { echo "${1% *}"; }
fast() { echo "${1#* }"; }
ms() { calc "$1 * 1000" 1; }

# the demo
"$TRACER" demo --out "$W/demo" >/dev/null 2>&1
serve "$W/demo/db" "$W/demo/case.json"
base=$(timing /api/cases)
page=$(timing / /app.js /style.css /api/cases "/api/graph?case=0")
graph=$(timing "/api/graph?case=0")
trace=$(timing "/api/trace?case=0")
once "/api/graph?case=0" >/dev/null
demo_nodes=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["graph"]["nodes"]))' "$W/body")
browser demo_page
stop
echo
echo "serve: the demo ($demo_nodes nodes; median and fastest of $RUNS)"
echo "  page load     $(ms "$(med "$page")") ms (fastest $(ms "$(fast "$page")")):" \
	"5 requests; one request /api/cases $(ms "$(med "$base")") ms"
echo "  trace+layout  $(ms "$(med "$graph")") ms (fastest" \
	"$(ms "$(fast "$graph")")) for /api/graph; the trace alone" \
	"$(ms "$(med "$trace")") ms"

# a flow graph of about 2 000 nodes: COPIES copies of gen_chain's case
mkdir -p "$W/big"
"$TOOLS/gen_chain" --txs 20000 --case-copies "$COPIES" --out "$W/big/chain" \
	>"$W/gen.out"
"$TRACER" -q --db "$W/big/db" crawl btc --blocks "$W/big/chain/blocks" \
	--network regtest --confirmations 0 >/dev/null
"$TRACER" -q --db "$W/big/db" tag import --network regtest \
	"$W/big/chain/tags.csv" >/dev/null
. "$W/big/chain/case.env"
python3 - "$W/big/case.json" $CASE_HACKERS <<'PY'
import json, sys
json.dump({"name": "bench: %d copies of the generated case" % (len(sys.argv) - 2),
           "chain": "btc", "network": "regtest", "seeds": sys.argv[2:],
           "limits": {"hops": 50}}, open(sys.argv[1], "w"))
PY
"$TRACER" --db "$W/big/db" export --case "$W/big/case.json" --format dot \
	>"$W/big/graph.dot"
dot_s=none
if command -v dot >/dev/null 2>&1; then
	_a=$(date +%s.%N)
	dot -Tjson0 "$W/big/graph.dot" >/dev/null
	_b=$(date +%s.%N)
	dot_s=$(calc "$_b - $_a" 4)
fi
serve "$W/big/db" "$W/big/case.json"
bgraph=$(timing "/api/graph?case=0")
big_nodes=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(len(d["graph"]["nodes"]), len(d["graph"]["edges"]), int(d["layout"] is not None), len(open(sys.argv[1], "rb").read()))' "$W/body")
btrace=$(timing "/api/trace?case=0")
browser big_page
stop
set -- $big_nodes
echo "serve: $1 nodes, $2 edges ($COPIES copies of gen_chain's case)"
echo "  trace+layout  $(calc "$(med "$bgraph")" 3) s (fastest" \
	"$(calc "$(fast "$bgraph")" 3) s) for /api/graph ($(calc "$4 / 1e6" 1)" \
	"MB, laid out: $3); the trace alone $(calc "$(med "$btrace")" 3) s," \
	"dot -Tjson0 of tracer export's DOT $dot_s s"

if [ -n "$BROWSER_WHY" ]; then
	echo "serve: the drawing in the browser is skipped: $BROWSER_WHY"
else
	dp=$(bfig demo_page painted_seconds)
	bp=$(bfig big_page painted_seconds)
	bs=$(bfig big_page page_seconds)
	ds=$(bfig demo_page page_seconds)
	echo "serve: drawn in chromium (navigation to painted; median and" \
		"fastest of $RUNS fresh pages)"
	if [ "$bp" != none ]; then
		echo "  $1 nodes     $(calc "$(med "$bp")" 3) s (fastest" \
			"$(calc "$(fast "$bp")" 3) s), of which" \
			"$(calc "$(med "$bs")" 3) s after /api/graph's answer"
	fi
	if [ "$dp" != none ]; then
		echo "  the demo      $(ms "$(med "$dp")") ms (fastest" \
			"$(ms "$(fast "$dp")") ms), of which" \
			"$(ms "$(med "$ds")") ms after /api/graph's answer"
	fi
fi

cat >"$OUT/serve.json" <<JSON
{ "runs": $RUNS,
    "demo": { "nodes": $demo_nodes,
      "page_load_seconds": $(med "$page"), "page_load_fastest": $(fast "$page"),
      "request_baseline_seconds": $(med "$base"),
      "graph_seconds": $(med "$graph"), "graph_fastest": $(fast "$graph"),
      "trace_baseline_seconds": $(med "$trace") },
    "large": { "copies": $COPIES, "nodes": $1, "edges": $2,
      "laid_out": $([ "$3" = 1 ] && echo true || echo false),
      "graph_bytes": $4,
      "graph_seconds": $(med "$bgraph"), "graph_fastest": $(fast "$bgraph"),
      "trace_baseline_seconds": $(med "$btrace"),
      "dot_export_dot_seconds": $([ "$dot_s" = none ] && echo null || echo "$dot_s") },
    "browser": { "skipped": $([ -n "$BROWSER_WHY" ] && printf '"%s"' "$BROWSER_WHY" || echo null),
      "large": $(bjson big_page),
      "demo": $(bjson demo_page) } }
JSON
[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$W"
echo "serve figures written to $OUT/serve.json"
