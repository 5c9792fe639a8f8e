#!/bin/sh
# tracer demo: the sample incident end to end, offline, twice. The blk
# file is checked by an independent reader (merkle roots recomputed here
# in Python), the printed summary by the identity it states, and the two
# runs give the same report but for the generation line.
. tests/lib.sh

# trace_json DB CASE: `tracer trace --json` of a case
trace_json() {
	"$TRACER" --db "$1" --json trace --case "$2"
}
OUT="$T_TMP/demo-out"

run help 0 "$TRACER" demo --help
contains help_text "$T_TMP/out" "crawl btc --blocks"
run bad_option 2 "$TRACER" demo --bogus

run demo 0 "$TRACER" demo --out "$OUT"
cp "$T_TMP/out" "$T_TMP/summary1"
for f in report.md report.html graph.dot blk00000.dat case.json tags.csv; do
	[ -s "$OUT/$f" ] && pass "file_$f" || fail "file_$f" "missing"
done
contains summary_identity "$T_TMP/out" "BTC: seed total 40 = exits"
contains summary_balanced "$T_TMP/out" "(balanced)"
contains summary_exchange_a "$T_TMP/out" "Northwind Exchange"
contains summary_exchange_b "$T_TMP/out" "Bluefin Exchange"
contains summary_where "$T_TMP/out" "report.html"
# Graphviz is one of the packages make installs: no skip without it
[ -s "$OUT/graph.svg" ] && pass graph_svg ||
	fail graph_svg "missing (is Graphviz's dot installed? make deps)"
contains html_graph "$OUT/report.html" 'class="graph"'

# the summary docs/demo.md shows is the one printed, line for line
sed -n '/^  BTC: seed total/,/^```/p' "$TRACER_SRC/docs/demo.md" |
	sed '$d' >"$T_TMP/doc_lines"
equal doc_summary_lines "$(wc -l <"$T_TMP/doc_lines")" 4
while IFS= read -r l; do
	contains "doc_summary_line" "$T_TMP/summary1" "$l"
done <"$T_TMP/doc_lines"

# the commands docs/demo.md suggests on its database
run doc_fifo 0 "$TRACER" --db "$OUT/db" trace --case "$OUT/case.json" \
	--policy fifo
contains doc_fifo_policy "$T_TMP/out" "policy fifo"
run doc_report_json 0 "$TRACER" --db "$OUT/db" report --case \
	"$OUT/case.json" --format json
equal doc_report_json_format "$(jget "$T_TMP/out" 'd["format"]')" \
	tracer-report
run doc_graphml 0 "$TRACER" --db "$OUT/db" export --case "$OUT/case.json" \
	--format graphml
contains doc_graphml_root "$T_TMP/out" "<graphml"
# a case with "stop_at": [] stops nowhere, as --stop-at none
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
d["limits"]["stop_at"] = []; json.dump(d, open(sys.argv[2], "w"))' \
	"$OUT/case.json" "$T_TMP/nostop.json"
run stop_none_case 0 "$TRACER" --db "$OUT/db" --json trace --case \
	"$T_TMP/nostop.json"
equal stop_none_case_exits "$(jget "$T_TMP/out" 'len(d["exits"])')" 0
run stop_default_case 0 "$TRACER" --db "$OUT/db" --json trace --case \
	"$OUT/case.json"
equal stop_default_case_exits "$(jget "$T_TMP/out" 'len(d["exits"])')" 4
# -v: a line per block when stderr is not a terminal
run crawl_verbose 0 "$TRACER" -v --db "$T_TMP/vdb" crawl btc --blocks \
	"$OUT/blk00000.dat" --network regtest
contains crawl_verbose_block "$T_TMP/err" "block 11 stored (25 txs so far)"
# address and cluster read the database's network (regtest) by default
run address_default_net 0 "$TRACER" --db "$OUT/db" address --chain btc \
	bcrt1qm5282fwdqk8wk73lplayalvq79g0r70t8js2rq
contains address_default_net_tag "$T_TMP/out" "Demo Hacker Group"
run cluster_default_net 0 "$TRACER" --db "$OUT/db" cluster --chain btc \
	bcrt1qm5282fwdqk8wk73lplayalvq79g0r70t8js2rq
contains cluster_default_net_tag "$T_TMP/out" "Demo Hacker Group"

# the identity printed adds up (in satoshi, parsed from the summary)
python3 - "$T_TMP/summary1" >"$T_TMP/chk" 2>&1 <<'PY'
import re, sys
from decimal import Decimal
t = open(sys.argv[1]).read()
m = re.search(r"seed total (\S+) = exits (\S+) \+ held (\S+) \+ fees (\S+)"
              r" \+ unresolved (\S+)", t)
v = [Decimal(x) for x in m.groups()]
print(v)
sys.exit(0 if v[0] == sum(v[1:]) and v[1] > 0 and v[2] > 0 and v[4] > 0
         else 1)
PY
[ $? -eq 0 ] && pass identity_adds_up || fail identity_adds_up "$(cat "$T_TMP/chk")"

# the numbers of the report are trace's
trace_json "$OUT/db" "$OUT/case.json" >"$T_TMP/trace.json" 2>"$T_TMP/err"
if python3 tests/cli/report_check.py "$T_TMP/trace.json" md \
	"$OUT/report.md" >"$T_TMP/chk" 2>&1
then pass report_numbers; else fail report_numbers "$(cat "$T_TMP/chk")"; fi

# an independent reader of the blk file: framing, regtest magic, each
# block's merkle root over its txids (non-witness serialisation)
python3 - "$OUT/blk00000.dat" >"$T_TMP/chk" 2>&1 <<'PY'
import hashlib, struct, sys
d = open(sys.argv[1], "rb").read()
h = lambda b: hashlib.sha256(hashlib.sha256(b).digest()).digest()
def varint(b, p):
    x = b[p]
    if x < 0xfd: return x, p + 1
    return struct.unpack_from("<H", b, p + 1)[0], p + 3
def tx(b, p):
    start, parts = p, []
    parts.append(b[p:p + 4]); p += 4
    seg = b[p] == 0 and b[p + 1] == 1
    if seg: p += 2
    s = p; n, p = varint(b, p)
    for _ in range(n):
        p += 36; l, p = varint(b, p); p += l + 4
    n, p = varint(b, p)
    for _ in range(n):
        p += 8; l, p = varint(b, p); p += l
    parts.append(b[s:p])
    if seg:
        q = s; ni, q = varint(b, q)
        for _ in range(ni):
            c, p = varint(b, p)
            for _ in range(c):
                l, p = varint(b, p); p += l
    parts.append(b[p:p + 4]); p += 4
    return h(b"".join(parts)), p
pos = blocks = 0; prev = bytes(32)
while pos < len(d):
    assert d[pos:pos + 4] == b"\xfa\xbf\xb5\xda", "magic"
    n = struct.unpack_from("<I", d, pos + 4)[0]
    blk = d[pos + 8:pos + 8 + n]; pos += 8 + n
    assert blk[4:36] == prev, "parent link"
    prev = h(blk[:80])
    cnt, p = varint(blk, 80); ids = []
    for _ in range(cnt):
        i, p = tx(blk, p); ids.append(i)
    assert p == len(blk), "trailing bytes"
    while len(ids) > 1:
        if len(ids) % 2: ids.append(ids[-1])
        ids = [h(ids[i] + ids[i + 1]) for i in range(0, len(ids), 2)]
    assert ids[0] == blk[36:68], "merkle root of block %d" % blocks
    blocks += 1
print(blocks)
sys.exit(0 if blocks == 18 else 1)
PY
[ $? -eq 0 ] && pass blk_independent || fail blk_independent "$(cat "$T_TMP/chk")"

# again: the same chain, the same numbers
cp "$OUT/report.md" "$T_TMP/report1.md"
cp "$OUT/blk00000.dat" "$T_TMP/blk1.dat"
run demo_again 0 "$TRACER" demo --out "$OUT"
if cmp -s "$OUT/blk00000.dat" "$T_TMP/blk1.dat"; then pass same_chain; else
	fail same_chain "the blk file changed"; fi
grep -v '^Generated: ' "$T_TMP/report1.md" >"$T_TMP/a"
grep -v '^Generated: ' "$OUT/report.md" >"$T_TMP/b"
if cmp -s "$T_TMP/a" "$T_TMP/b"; then pass same_report; else
	fail same_report "$(diff "$T_TMP/a" "$T_TMP/b" | head -5)"; fi
equal same_summary "$(cat "$T_TMP/out")" "$(cat "$T_TMP/summary1")"
finish
