#!/bin/sh
# tracer report: each exit's provenance level (docs/trust.md) in every
# format, on a database whose records have every level
# (tests/tools/prov_fixture.c): verified, proven, asserted upstream of a
# verified transfer, and a tx in no verified block.
. tests/lib.sh
: "${TOOLS:=$PWD/build/san/tools}"

if ! command -v python3 >/dev/null 2>&1; then
	skip all "python3 is not installed"
	finish
	exit 0
fi
DB="$T_TMP/db"
if ! "$TOOLS/prov_fixture" "$DB" >"$T_TMP/fx.log" 2>&1; then
	fail fixture "$(cat "$T_TMP/fx.log")"
	finish
	exit
fi

WANT="0x4444444444444444444444444444444444444444 asserted
0x2222222222222222222222222222222222222222 verified
0x3333333333333333333333333333333333333333 proven
0x6666666666666666666666666666666666666666 asserted"
for f in md html json csv; do
	run "report $f" 0 "$TRACER" --db "$DB" report --case "$DB.case.json" \
		--format $f -o "$T_TMP/r.$f"
	equal "$f levels per exit" \
		"$(python3 tests/cli/report_levels.py $f "$T_TMP/r.$f")" "$WANT"
done
# the methodology says what the levels mean and counts the transfers
for f in md html; do
	contains "$f method" "$T_TMP/r.$f" "asserted: the node"
	contains "$f counts" "$T_TMP/r.$f" \
		"Of the 6 tainted transfers of this trace, 3 are verified, 1 proven and 2 asserted by the node."
	contains "$f balance proofs" "$T_TMP/r.$f" "balance proofs 1"
done
equal "json counts" "$(jget "$T_TMP/r.json" 'd["cases"][0]["provenance_levels"]')" \
	"{'verified': 3, 'proven': 1, 'asserted': 2}"
contains "json method" "$T_TMP/r.json" "docs/trust.md lists what a node"
contains "csv counts" "$T_TMP/r.csv" \
	"Provenance,provenance_level,,proven,,,,,,1,,,,,,,tainted transfers,"
finish
