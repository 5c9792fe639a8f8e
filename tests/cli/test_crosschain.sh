#!/bin/sh
# Stated cross-chain links (docs/crosschain.md) on a store of Bitcoin and
# Ethereum records built by tests/tools/gen_store: `case link` writes a
# link with the amounts the database has, `trace --case` continues from a
# tainted BTC output to an ETH transfer with the converted amount
# floor(T * V_b / V_a), and the identity per asset, recomputed here from
# the JSON, holds exactly; the report (every format, with prices: the
# further trace's exits, the link's two values, the proceeds across
# assets), the exports (dot rendered by Graphviz, GraphML, CSV) and
# serve's API show every run and the link; refusals name the link and
# the field.
. tests/lib.sh
GEN="${TOOLS:-build/san/tools}/gen_store"
H=13AM4VW2dhxYgXeQepoHkHSQuy6NgaEb94
C=12t9YDPgwueZ9NyMgw519p7AA8isjr6SMw
V=1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2
K=1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa
S=0x00000000000000000000000000000000000000a1
D=0x00000000000000000000000000000000000000d1
X=0x00000000000000000000000000000000000000e1
DB="$T_TMP/db"
CASE="$T_TMP/case.json"

if [ ! -x "$GEN" ]; then # make check builds it: its absence is a failure
	fail gen_store "not built ($GEN; make san)"
	finish
	exit $?
fi
# the displayed txid of a fixture label: SHA-256(label), reversed on btc
txid() {
	python3 -c 'import hashlib,sys; h=hashlib.sha256(sys.argv[1].encode()).digest(); print(h[::-1].hex() if sys.argv[2]=="btc" else "0x"+h.hex())' "$1" "$2"
}
A=$(txid a btc) XT=$(txid x btc) C0=$(txid c0 eth) NOPE=$(txid nope eth)

# V (an OTC desk's deposit) is tagged a bridge: without the link, an exit
cat >"$T_TMP/fx.txt" <<EOT
tx a 1 | coinbase | $H=150000000
tx b 2 | coinbase | $C=50000000
tx x 3 | a:0 b:0 | $V=120000007 $K=79989993
tag $V bridge OTCdesk
chain eth
ev c0 4 | native $S $D 21500000000000000000
ev c1 5 | native $D $X 20000000000000000000 | fee $D - 1000
tag $X exchange Zeta
EOT
"$GEN" "$DB" "$T_TMP/fx.txt" || fail gen_store "could not build"
printf '{"name": "otc", "chain": "btc", "seeds": ["%s:0"]}\n' "$A" >"$CASE"

run no_link 0 "$TRACER" --db "$DB" --json trace --case "$CASE"
equal no_link_exit "$(jget "$T_TMP/out" '[x["entity"] for x in d["exits"]]')" "['OTCdesk']"
equal no_link_key "$(jget "$T_TMP/out" '"crosschain" in d')" False
# the bridge exit says where the trail goes on and how to follow it
equal no_link_bridge_warning "$(jget "$T_TMP/out" 'len([w for w in d["warnings"] if "reached the bridge OTCdesk at" in w and "tracer case link CASE --from btc:TXID:N --to CHAIN:TXID:N" in w and "received in '"$XT"'" in w])')" 1
run no_link_text 0 "$TRACER" --db "$DB" trace --case "$CASE"
contains no_link_bridge_text "$T_TMP/err" "tracer: warning: 0.90000005 BTC reached the bridge OTCdesk at $V (received in $XT): the funds go on on another chain"

# case link: the amounts and assets come from the database
run link_help 0 "$TRACER" case --help
contains link_help_text "$T_TMP/out" "tracer case link FILE --from CHAIN:TXID:N"
run link 0 "$TRACER" --db "$DB" case link "$CASE" --from "btc:$XT:0" \
	--to "eth:$C0:0" --evidence "desk statement 2025-02-21" --confidence low
contains link_said "$T_TMP/err" "added links[0] to $CASE"
equal link_saved "$(jget "$CASE" '[d["links"][0][k] for k in ("kind","confidence","evidence")]')" \
	"['stated', 'low', 'desk statement 2025-02-21']"
equal link_from "$(jget "$CASE" '[d["links"][0]["from"][k] for k in ("chain","txid","n","amount","asset")]')" \
	"['btc', '$XT', 0, '120000007', 'BTC']"
equal link_to "$(jget "$CASE" '[d["links"][0]["to"][k] for k in ("chain","txid","n","amount","asset")]')" \
	"['eth', '$C0', 0, '21500000000000000000', 'ETH']"
run case_check 0 "$TRACER" case check "$CASE"
run link_again 1 "$TRACER" --db "$DB" case link "$CASE" --from "btc:$XT:0" \
	--to "eth:$C0:0"
contains link_again_msg "$T_TMP/err" "field 'links[1].from': the output is the source of links[0] already"
run link_missing 1 "$TRACER" --db "$DB" case link "$CASE" --from "btc:$A:0" \
	--to "eth:$NOPE:0"
contains link_missing_msg "$T_TMP/err" "--to txid: transaction $NOPE is not on eth in the database"
run link_bad_conf 2 "$TRACER" --db "$DB" case link "$CASE" --from "btc:$A:0" \
	--to "eth:$C0:0" --confidence sure
equal link_untouched "$(jget "$CASE" 'len(d["links"])')" 1

# check_identity NAME POLICY: the trace continues with the exact converted
# amount and every asset's identity holds, recomputed from the document
check_identity() {
	run "$1" 0 "$TRACER" --db "$DB" --json trace --case "$CASE" --policy "$2"
	equal "$1_check" "$(python3 - "$T_TMP/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
x = d["crosschain"]
l = x["links"][0]
va, vb, t = int(l["from"]["value"]), int(l["to"]["value"]), int(l["from"]["taint"])
conv = t * vb // va
err = []
if int(l["to"]["converted"]) != conv: err.append("converted")
if int(l["remainder"]) != t * vb % va: err.append("remainder")
# the taint is what the BTC trace says reached the output: its converted
btc = d["assets"][0]
if int(btc["converted"]) != t: err.append("btc converted %s" % btc["converted"])
eth = x["runs"][1]["assets"][0]
if int(eth["seed_total"]) != conv: err.append("eth seed")
sums = {}
for r in x["runs"]:
    for a in r["assets"]:
        k = (r["chain"], a["asset"])
        s = sums.setdefault(k, [0, 0, 0])
        if r["depth"] == 0: s[0] += int(a["seed_total"])
        s[2] += sum(int(a[f]) for f in ("exits_total", "held", "fees",
                    "destroyed", "unresolved", "converted"))
for f in x["links"]:
    sums[(f["to"]["chain"], f["to"]["asset"])][1] += int(f["to"]["converted"])
for a in x["assets"]:
    s = sums[(a["chain"], a["asset"])]
    if [int(a["seed"]), int(a["converted_in"])] != s[:2]: err.append("in " + a["asset"])
    out = sum(int(a[f]) for f in ("exits", "held", "fees", "destroyed",
              "unresolved", "converted_out"))
    if out != s[2]: err.append("out " + a["asset"])
    if (s[0] + s[1] == out) != a["balanced"] or not a["balanced"]:
        err.append("identity " + a["asset"])
print(" ".join(err) or "ok")
PY
)" ok
}
for p in haircut fifo lifo tiho; do
	check_identity "identity_$p" "$p"
done
# haircut: 120000007 * 150/200 of the BTC output, then into wei
run trace_json 0 "$TRACER" --db "$DB" --json trace --case "$CASE"
# the link is followed: the bridge output is converted, not an exit
equal linked_no_bridge_warning "$(jget "$T_TMP/out" 'len([w for w in d["warnings"] if "reached the bridge" in w])')" 0
equal haircut_taint "$(jget "$T_TMP/out" 'd["crosschain"]["links"][0]["from"]["taint"]')" 90000005
equal haircut_converted "$(jget "$T_TMP/out" 'd["crosschain"]["links"][0]["to"]["converted"]')" \
	"$(python3 -c 'print(90000005 * 21500000000000000000 // 120000007)')"
equal no_exit_at_link "$(jget "$T_TMP/out" '[x["entity"] for x in d["exits"]]')" "[]"
equal eth_exit "$(jget "$T_TMP/out" '[a["exits"] for a in d["crosschain"]["assets"] if a["asset"]=="ETH"]')" \
	"['$(python3 -c 'c=90000005*21500000000000000000//120000007; print(20000000000000000000*c//21500000000000000000)')']"
run trace_text 0 "$TRACER" --db "$DB" trace --case "$CASE"
contains text_converted "$T_TMP/out" "+ converted 0.90000005  (balanced)"
contains text_cross "$T_TMP/out" "cross-chain: 1 of 1 stated link followed"
contains text_eth "$T_TMP/out" "eth ETH: seed 0.000000000000000000 + converted in 16.124999955208335946"
lacks text_fails "$T_TMP/out" "IDENTITY FAILS"
check_poison() {
	run poison 0 "$TRACER" --db "$DB" --json trace --case "$CASE" --policy poison
	equal poison_exposure "$(jget "$T_TMP/out" '[(a["asset"], a["conserving"], a["balanced"]) for a in d["crosschain"]["assets"]]')" \
		"[('BTC', False, False), ('ETH', False, False)]"
}
check_poison

# the report: a Cross-chain section in every format
for f in md html csv json; do
	run "report_$f" 0 "$TRACER" --db "$DB" report --case "$CASE" --format $f \
		-o "$T_TMP/report.$f"
done
contains report_md "$T_TMP/report.md" "## Cross-chain"
contains report_md_link "$T_TMP/report.md" "| links\[0\] | \`btc $XT:0\` | 90000005 BTC |"
contains report_md_eth "$T_TMP/report.md" "| eth | \`ETH\` | 0 | 16.124999955208335946 |"
contains report_html "$T_TMP/report.html" ">Cross-chain<"
contains report_csv "$T_TMP/report.csv" "otc,crosschain_link,ETH,links[0],,stated"
contains report_csv_asset "$T_TMP/report.csv" "otc,crosschain_asset,btc BTC,converted_out,,,,,,90000005"
equal report_json "$(jget "$T_TMP/report.json" 'd["cases"][0]["crosschain"]["links"][0]["to"]["converted"]')" \
	"$(python3 -c 'print(90000005 * 21500000000000000000 // 120000007)')"

# the report of the whole cross-chain trace, with prices: the further
# trace's exits valued in ETH at their own day, each link valued on both
# sides, the proceeds across assets = every exit of every run, once
printf 'date,asset,currency,price\n1970-01-01,BTC,USD,60000\n1970-01-01,ETH,USD,3000.5\n' \
	>"$T_TMP/prices.csv"
for f in md html csv json; do
	run "report_prices_$f" 0 "$TRACER" --db "$DB" report --case "$CASE" \
		--format $f --prices "$T_TMP/prices.csv" -o "$T_TMP/rp.$f"
done
# fiat(UNITS, DECIMALS, PRICE): the exact value, rounded half up to cents
CONV=$(python3 -c 'print(90000005 * 21500000000000000000 // 120000007)')
EXIT_ETH=$(python3 -c "print(20000000000000000000 * $CONV // 21500000000000000000)")
fiat() {
	python3 -c 'import sys; from fractions import Fraction as F
v = F(int(sys.argv[1]), 10 ** int(sys.argv[2])) * F(sys.argv[3]) * 100
c = (v.numerator * 2 + v.denominator) // (2 * v.denominator)
print("%d.%02d" % divmod(c, 100))' "$@"
}
V_TAINT=$(fiat 90000005 8 60000)
V_CONV=$(fiat "$CONV" 18 3000.5)
V_EXIT=$(fiat "$EXIT_ETH" 18 3000.5)
# the difference of the two values, in integer cents
V_DIFF=$(python3 -c 'import sys; d = int(sys.argv[2].replace(".", "")) - int(sys.argv[1].replace(".", "")); print("%s%d.%02d USD" % ("+" if d >= 0 else "-", abs(d) // 100, abs(d) % 100))' "$V_TAINT" "$V_CONV")
equal fiat_figures "$V_TAINT $V_CONV $V_EXIT $V_DIFF" "54000.00 48383.06 45007.50 -5616.94 USD"
contains rp_md_proceeds "$T_TMP/rp.md" "**Illicit proceeds across assets:** $V_EXIT USD, the 1 exit of every trace"
contains rp_md_exit "$T_TMP/rp.md" "| eth | \`ETH\` | Zeta | exchange | \`$X\` | 14.999999958333335763 ETH | $V_EXIT USD |"
contains rp_md_held "$T_TMP/rp.md" "| eth | \`ETH\` | \`$D\` | 1.124999996874999434 ETH |"
contains rp_md_link_values "$T_TMP/rp.md" "| desk statement 2025-02-21 | $V_TAINT USD | $V_CONV USD | $V_DIFF |"
equal rp_json "$(jget "$T_TMP/rp.json" '(lambda c, x, l, e: [c["proceeds_across_assets"]["value"]["amount"], c["proceeds_across_assets"]["exits"], l["taint_value"]["amount"], l["converted_value"]["amount"], l["value_difference"], e["chain"], e["entity"], e["amount"], e["value"]["amount"], [h["amount"] for h in x["further_held"]]])(d["cases"][0], d["cases"][0]["crosschain"], d["cases"][0]["crosschain"]["links"][0], d["cases"][0]["crosschain"]["further_exits"][0])')" \
	"['$V_EXIT', 1, '$V_TAINT', '$V_CONV', '$V_DIFF', 'eth', 'Zeta', '$EXIT_ETH', '$V_EXIT', ['1124999996874999434']]"
# the exits listed are the identity's: per asset, the sum of the exits
equal rp_json_exits_identity "$(jget "$T_TMP/rp.json" '(lambda x: sum(int(e["amount"]) for e in x["further_exits"]) == sum(int(a["exits"]) for a in x["assets"] if a["chain"] != "btc"))(d["cases"][0]["crosschain"])')" True
contains rp_csv_exit "$T_TMP/rp.csv" "otc,crosschain_exit,eth ETH,run 1,Zeta,exchange,false,$X,"
contains rp_csv_exit_value "$T_TMP/rp.csv" ",$EXIT_ETH,14.999999958333335763,,1970-01-01T00:00:05Z,,,$V_EXIT USD,"
contains rp_csv_value "$T_TMP/rp.csv" "otc,crosschain_value,ETH,links[0].converted,,,,,,,,,1970-01-01T00:00:04Z,,,$V_CONV USD,difference $V_DIFF,"
contains rp_csv_proceeds "$T_TMP/rp.csv" "otc,proceeds_across_assets,,,,,,,,,,,,,,$V_EXIT USD,1 exit,"
# the HTML flow graph draws both runs and the link between them
contains rp_html_runs "$T_TMP/rp.html" "<title>cluster_run_1</title>"
contains rp_html_link "$T_TMP/rp.html" "stated link (low)"
contains rp_html_exits "$T_TMP/rp.html" "Exits of the further traces"
run rp_poison 0 "$TRACER" --db "$DB" report --case "$CASE" --policy poison \
	--prices "$T_TMP/prices.csv" --format json -o "$T_TMP/rpp.json"
equal rp_poison_exposure "$(jget "$T_TMP/rpp.json" 'd["cases"][0]["proceeds_across_assets"]["exposure"]')" True
run rp_poison_md 0 "$TRACER" --db "$DB" report --case "$CASE" --policy poison \
	--prices "$T_TMP/prices.csv"
contains rp_poison_label "$T_TMP/out" "**Exposure across assets (an upper bound):**"

# export: both runs and the link edge, in every format
run x_dot 0 "$TRACER" --db "$DB" export --case "$CASE" -o "$T_TMP/x.dot"
run x_dot_render 0 dot -Tsvg "$T_TMP/x.dot" -o "$T_TMP/x.svg"
lacks x_dot_warnings "$T_TMP/err" "Warning"
contains x_dot_link "$T_TMP/x.dot" "\"btc:main:$V\" -> \"eth:main:$D\" [style=\"dashed,bold\""
contains x_dot_link_attrs "$T_TMP/x.dot" "tracer_kind=\"stated\", tracer_confidence=\"low\", tracer_evidence=\"desk statement 2025-02-21\""
contains x_dot_amounts "$T_TMP/x.dot" "0.90000005 BTC → 16.124999955208335946 ETH"
contains x_dot_eth_exit "$T_TMP/x.dot" "exit 14.999999958333335763 ETH"
contains x_svg_link "$T_TMP/x.svg" "stated link (low)"
run x_graphml 0 "$TRACER" --db "$DB" export --case "$CASE" --format graphml \
	-o "$T_TMP/x.graphml"
equal x_graphml_link "$(python3 - "$T_TMP/x.graphml" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
g = ET.parse(sys.argv[1]).getroot().find("g:graph", ns)
ids = {n.get("id") for n in g.findall("g:node", ns)}
out = []
for e in g.findall("g:edge", ns):
    d = {x.get("key"): x.text for x in e.findall("g:data", ns)}
    assert e.get("source") in ids and e.get("target") in ids
    if d.get("e_type") == "crosschain":
        out.append([e.get("source").split(":")[0], e.get("target").split(":")[0],
                    d["e_kind"], d["e_confidence"], d["e_amount"], d["e_asset"],
                    d["e_converted"], d["e_to_asset"]])
print(out)
PY
)" "[['btc', 'eth', 'stated', 'low', '90000005', 'BTC', '$CONV', 'ETH']]"
run x_csv 0 "$TRACER" --db "$DB" export --case "$CASE" --format csv -o "$T_TMP/xneo"
equal x_csv_links "$(python3 - "$T_TMP/xneo" <<'PY'
import csv, sys
d = sys.argv[1]
nodes = {n["id:ID"]: n for n in csv.DictReader(open(d + "/nodes.csv", newline=""))}
links = list(csv.DictReader(open(d + "/links.csv", newline="")))
assert all(l[":START_ID"] in nodes and l[":END_ID"] in nodes for l in links)
print([(nodes[l[":START_ID"]]["chain"], nodes[l[":END_ID"]]["asset"], l[":TYPE"],
        l["taint"], l["converted"], l["evidence"]) for l in links])
PY
)" "[('btc', 'ETH', 'CROSSCHAIN', '90000005', '$CONV', 'desk statement 2025-02-21')]"

# the source of a link is where the funds went on: never folded by
# --max-nodes, it carries the taint converted there
run x_max_nodes 0 "$TRACER" --db "$DB" export --case "$CASE" --max-nodes 2 \
	--format csv -o "$T_TMP/xmax"
equal x_max_nodes_source "$(python3 - "$T_TMP/xmax" <<'PY'
import csv, sys
d = sys.argv[1]
nodes = {n["id:ID"]: n for n in csv.DictReader(open(d + "/nodes.csv", newline=""))}
l = list(csv.DictReader(open(d + "/links.csv", newline="")))[0]
n = nodes[l[":START_ID"]]
print(n["address"], n["converted_amount"], l["link"])
PY
)" "$V 90000005 links[0]"

# serve: the same trace, graph and export through the API
"$TRACER" --db "$DB" --json trace --case "$CASE" >"$T_TMP/cli_trace.json"
cp -r "$DB" "$T_TMP/sdb" # LevelDB locks even a reader out
T_CLEANUP_HOOK='[ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null'
serve_start "$T_TMP/sdb" "$CASE"
sget() { # NAME PATH: the body in $T_TMP/body
	_c=$(curl -s -m 120 -o "$T_TMP/body" -w '%{http_code}' \
		-H "Cookie: tracer_token=$TOKEN" "$BASE$2")
	equal "$1" "$_c" 200
}
sget serve_graph "/api/graph?case=0"
equal serve_graph_link "$(jget "$T_TMP/body" '(lambda g, l: [len(g["links"]), [r["chain"] for r in g["runs"]], g["nodes"][l["from"]]["name"], g["nodes"][l["to"]]["name"], g["nodes"][l["to"]]["asset"], l["kind"], l["evidence"], l["source"]["taint"], l["destination"]["converted"], len(d["layout"]["links"]) if d["layout"] else 1])(d["graph"], d["graph"]["links"][0])')" \
	"[1, ['btc', 'eth'], '$V', '$D', 'ETH', 'stated', 'desk statement 2025-02-21', '90000005', '$CONV', 1]"
equal serve_graph_cross "$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["trace"]["crosschain"]; b=json.load(open(sys.argv[2]))["crosschain"]; print(a == b)' "$T_TMP/body" "$T_TMP/cli_trace.json")" True
sget serve_trace "/api/trace?case=0"
equal serve_trace_cross "$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["crosschain"]; b=json.load(open(sys.argv[2]))["crosschain"]; print(a == b)' "$T_TMP/body" "$T_TMP/cli_trace.json")" True
sget serve_links_csv "/api/export?case=0&format=links_csv"
cmp -s "$T_TMP/body" "$T_TMP/xneo/links.csv" && pass serve_links_csv_bytes ||
	fail serve_links_csv_bytes "differs from tracer export's links.csv"
sget serve_dot "/api/export?case=0&format=dot"
cmp -s "$T_TMP/body" "$T_TMP/x.dot" && pass serve_dot_bytes ||
	fail serve_dot_bytes "differs from tracer export"
kill "$SERVE_PID"
wait "$SERVE_PID" 2>/dev/null
SERVE_PID=

# a chain of two links: BTC -> ETH -> BTC; D's payment to Zeta (leg 0 of
# c1) was a swap back to Bitcoin, paid out in y:0 and sent to an exchange
G=1HLoD9E4SDFFPDiYfNYnkBLQ85Y51J3Zb1
E=1FfmbHfnpaZjKFvyi1okTjJJusN455paPH
cat >"$T_TMP/fx2.txt" <<EOT
chain btc
tx y 6 | coinbase | $G=60000000
tx z 7 | y:0 | $E=59990000
tag $E exchange Gamma
EOT
"$GEN" "$DB" "$T_TMP/fx2.txt" || fail gen_store2 "could not add"
C1=$(txid c1 eth) Y=$(txid y btc)
cp "$CASE" "$T_TMP/two.json"
run link2 0 "$TRACER" --db "$DB" case link "$T_TMP/two.json" \
	--from "eth:$C1:0" --to "btc:$Y:0"
run two_links 0 "$TRACER" --db "$DB" --json trace --case "$T_TMP/two.json"
equal two_links_check "$(python3 - "$T_TMP/out" <<'PY'
import json, sys
x = json.load(open(sys.argv[1]))["crosschain"]
l0, l1 = x["links"]
err = []
c0 = int(l0["from"]["taint"]) * int(l0["to"]["value"]) // int(l0["from"]["value"])
if int(l0["to"]["converted"]) != c0: err.append("l0")
# the ETH trace's taint at c1:0 is what the second link converts
eth = [a for a in x["runs"][1]["assets"] if a["asset"] == "ETH"][0]
if int(eth["converted"]) != int(l1["from"]["taint"]): err.append("eth out")
c1 = int(l1["from"]["taint"]) * int(l1["to"]["value"]) // int(l1["from"]["value"])
if int(l1["to"]["converted"]) != c1: err.append("l1")
if [r["chain"] + str(r["depth"]) for r in x["runs"]] != ["btc0", "eth1", "btc2"]:
    err.append("runs")
btc = [a for a in x["assets"] if a["asset"] == "BTC"][0]
if int(btc["converted_in"]) != c1: err.append("btc in")
if int(btc["exits"]) == 0: err.append("btc exits")  # Gamma, via y:0
for a in x["assets"]:
    i = int(a["seed"]) + int(a["converted_in"])
    o = sum(int(a[f]) for f in ("exits", "held", "fees", "destroyed", "unresolved", "converted_out"))
    if i != o or not a["balanced"]: err.append("identity " + a["asset"])
print(" ".join(err) or "ok")
PY
)" ok

# the export of the chain of two links: the second Bitcoin run's ids are
# qualified (a chain drawn twice), two link edges
run two_links_csv 0 "$TRACER" --db "$DB" export --case "$T_TMP/two.json" \
	--format csv -o "$T_TMP/two_neo"
equal two_links_ids "$(python3 - "$T_TMP/two_neo" <<'PY'
import csv, sys
d = sys.argv[1]
ids = [n["id:ID"] for n in csv.DictReader(open(d + "/nodes.csv", newline=""))]
links = list(csv.DictReader(open(d + "/links.csv", newline="")))
assert len(ids) == len(set(ids)), ids
assert all(l[":START_ID"] in ids and l[":END_ID"] in ids for l in links)
print([(l[":START_ID"].split(":")[0], l[":END_ID"].split(":")[0],
        l[":END_ID"].endswith("@run:2")) for l in links])
PY
)" "[('btc', 'eth', False), ('eth', 'btc', True)]"
run two_links_dot 0 "$TRACER" --db "$DB" export --case "$T_TMP/two.json" -o "$T_TMP/two.dot"
run two_links_render 0 dot -Tsvg "$T_TMP/two.dot" -o "$T_TMP/two.svg"
contains two_links_qualified "$T_TMP/two.dot" "\"btc:main:$G@run:2\""

# refusals: each names the link and the field
bad_case() { # NAME EXPR: the case with links[0] changed by python EXPR
	python3 - "$CASE" "$T_TMP/$1.json" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
l = d["links"][0]
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"))
PY
	run "$1" 1 "$TRACER" --db "$DB" trace --case "$T_TMP/$1.json"
}
bad_case missing_tx "l['to']['txid'] = '$NOPE'"
contains missing_tx_msg "$T_TMP/err" \
	"case '$T_TMP/missing_tx.json': links[0].to.txid: transaction $NOPE is not on eth in the database"
bad_case amount_mismatch "l['to']['amount'] = '2150000000000000000'"
contains amount_mismatch_msg "$T_TMP/err" \
	"case '$T_TMP/amount_mismatch.json': links[0].to.amount: the database has 21500000000000000000 at $C0:0, the link says 2150000000000000000"
bad_case unknown_chain "l['to']['chain'] = 'xmr'"
contains unknown_chain_msg "$T_TMP/err" \
	"case '$T_TMP/unknown_chain.json': field 'links[0].to.chain': unknown chain 'xmr' ("
bad_case past_outputs "l['from']['n'] = 5"
contains past_outputs_msg "$T_TMP/err" \
	"case '$T_TMP/past_outputs.json': links[0].from.n: transaction $XT has 2 outputs"
bad_case asset_mismatch "l['from']['asset'] = 'ETH'"
contains asset_mismatch_msg "$T_TMP/err" \
	"links[0].from.asset: the database has BTC at $XT:0, the link says ETH"
bad_case bad_kind "l['kind'] = 'bridge'"
contains bad_kind_msg "$T_TMP/err" "field 'links[0].kind': unknown kind 'bridge'"
finish
