#!/bin/sh
# docs/tracer.1 and docs/cli.md carry every command's --help, generated
# from the program (make docs-help, tests/tools/help_docs.py), and their
# hand-written parts name no option that no --help has. The check itself
# is shown failing on a stale copy and on an invented option.
. tests/lib.sh
SRC=${TRACER_SRC:-$PWD}

run docs_current 0 python3 "$SRC/tests/tools/help_docs.py" "$TRACER" check
equal docs_current_findings "$(cat "$T_TMP/out")" ""
run man_renders 0 sh -c "groff -ww -man -Tutf8 '$SRC/docs/tracer.1' >/dev/null"
equal man_no_warnings "$(cat "$T_TMP/err")" ""
run help_points_to_docs 0 "$TRACER" --help
contains help_docdir "$T_TMP/out" "share/doc/tracer"

# a copy whose man page lacks an option, and whose cli.md invents one
mkdir -p "$T_TMP/copy/docs"
sed '/\\-\\-explorer T/d' "$SRC/docs/tracer.1" >"$T_TMP/copy/docs/tracer.1"
sed 's/^out the flow graph;/out the flow graph (or --no-grpah);/' \
	"$SRC/docs/cli.md" >"$T_TMP/copy/docs/cli.md"
run stale_caught 1 sh -c "cd '$T_TMP/copy' && python3 '$SRC/tests/tools/help_docs.py' '$TRACER' check"
contains stale_man "$T_TMP/out" "docs/tracer.1: the generated --help part is stale (make docs-help)"
contains invented_option "$T_TMP/out" "docs/cli.md names --no-grpah, which no --help has"
finish
