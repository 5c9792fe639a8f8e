#!/bin/sh
# The `tracer ...` lines of README.md and docs/*.md code blocks
# (tests/tools/doc_examples.py): every one parsed (its command exists,
# each long option is in that command's --help), the offline concrete
# examples run on the demo database and exit 0.
. tests/lib.sh
SRC=${TRACER_SRC:-$PWD}

run demo 0 "$TRACER" demo --out "$T_TMP/demo"
(cd "$SRC" && python3 tests/tools/doc_examples.py "$TRACER" "$T_TMP/demo") \
	>"$T_TMP/ex.log" 2>&1
while IFS= read -r line; do
	case "$line" in
	"run "*) pass "run_${line#run }" ;;
	"parsed "*) pass "parsed_${line#parsed }" ;;
	"FAIL "*) _r=${line#FAIL }; fail "${_r%%: *}" "${_r#*: }" ;;
	*) fail script "$line" ;;
	esac
done <"$T_TMP/ex.log"
equal examples_run "$(grep -c '^run ' "$T_TMP/ex.log")" 57
finish
