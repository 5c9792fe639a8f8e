#!/bin/sh
# tests/check_layers.sh on a small tree of its own: the clean tree passes,
# and a copy with one planted violation of each rule fails, naming the
# file, the line and the rule (and the other rules stay passing).
. tests/lib.sh
CHECK="$TRACER_SRC/tests/check_layers.sh"
CLEAN="$T_TMP/clean"

# src FILE LINE... : writes FILE under the clean tree, one LINE a line
src() {
	_f="$CLEAN/$1"
	shift
	mkdir -p "$(dirname "$_f")"
	printf '%s\n' "$@" >"$_f"
}

src base/err.h '#include <stdio.h>' 'int trc_err(void);'
src base/err.c '#include "base/err.h"' '#include "hash.h"' \
	'/* printf("x"); exit(1); strcpy(a, b); in a comment */' \
	'static const char *s = "exit(1) and atoi(s) in a string";'
src base/hash.h 'int hash(void);'
src store/store.c '#include "base/err.h"' '#include "store/store.h"' \
	'#include "../base/hash.h"'
src store/store.h '#include <leveldb/c.h>'
src chains/chain.h '#include "store/store.h"'
src chains/crawl.c '#include "chains/chain.h"' '#include "chains/net/net.h"'
src chains/net/net.h '#include "base/err.h"'
src chains/btc/tx.c '#include "chains/btc/tx.h"' '#include "chains/net/net.h"' \
	'#include "chains/chain.h"' 'int f(FILE *o) { return fprintf(o, "x"); }'
src chains/btc/tx.h '#include "base/hash.h"'
src chains/eth/rlp.c '#include "rlp.h"' '#include "store/store.h"'
src chains/eth/rlp.h '#include "base/err.h"'
src graph/trace.c '#include "graph/trace_int.h"' '#include "store/store.h"' \
	'int g(char *d, size_t n) { return snprintf(d, n, "%d", 1); }'
src graph/trace_int.h '#include "base/err.h"'
src tracer/report/report.c '#include "graph/trace.h"' \
	'#include "chains/chain.h"' '#include "tracer/render/json.h"'
src tracer/render/json.h '#include "tracer/report/report.h"'
src tracer/cli/main.c '#include "tracer/cli/cli.h"' \
	'#include "tracer/report/report.c"' \
	'int main(void) { printf("hello\n"); exit(0); }'
src tests/unit/test_x.c '#include "tracer/cli/cli.h"' \
	"int main(void) { puts(\"$(printf '%090d' 0)\"); exit(0); }"

run clean_passes 0 sh "$CHECK" "$CLEAN"
contains clean_summary "$T_TMP/out" \
	"check_layers: 10 passed, 0 failed, 0 skipped"
lacks clean_no_fail "$T_TMP/out" "FAIL"

# plant RULE FILE TEXT WANT : copies the clean tree, appends TEXT (a line)
# to FILE in the copy; check_layers must exit 1 with exactly RULE broken
# and WANT (file:line: ...) in its report.
n=0
plant() {
	n=$((n + 1))
	_d="$T_TMP/plant$n"
	cp -R "$CLEAN" "$_d"
	mkdir -p "$(dirname "$_d/$2")"
	printf '%s\n' "$3" >>"$_d/$2"
	run "$1_fails" 1 sh "$CHECK" "$_d"
	contains "$1_names_rule" "$T_TMP/out" "FAIL $1:"
	contains "$1_names_line" "$T_TMP/out" "$4"
	contains "$1_only_rule" "$T_TMP/out" \
		"check_layers: 9 passed, 1 failed, 0 skipped"
}

plant base base/err.c '#include "store/store.h"' \
	"base/err.c:5: includes store/store.h"
plant base base/hash.h '#include "../chains/chain.h"' \
	"base/hash.h:2: includes chains/chain.h"
plant store store/store.c '#include "chains/chain.h"' \
	"store/store.c:4: includes chains/chain.h"
plant store store/store.h '#include "graph/trace_int.h"' \
	"store/store.h:2: includes graph/trace_int.h"
plant chains chains/crawl.c '#include "graph/trace_int.h"' \
	"chains/crawl.c:3: includes graph/trace_int.h"
plant chains chains/btc/tx.c '#include "chains/eth/rlp.h"' \
	"chains/btc/tx.c:5: includes chains/eth/rlp.h (chains/eth/ is another"
plant chains chains/eth/rlp.c '#include "../btc/tx.h"' \
	"chains/eth/rlp.c:3: includes chains/btc/tx.h"
plant crawl chains/crawl.c '#include "chains/btc/tx.h"' \
	"chains/crawl.c:3: includes chains/btc/tx.h (the crawl engine"
plant crawl chains/source_table.c '#include "chains/eth/rlp.h"' \
	"chains/source_table.c:1: includes chains/eth/rlp.h"
plant graph graph/trace.c '#include "chains/chain.h"' \
	"graph/trace.c:4: includes chains/chain.h"
plant graph graph/trace_int.h '#include "chains/net/net.h"' \
	"graph/trace_int.h:2: includes chains/net/net.h"
plant app tracer/report/report.c '#include "tracer/cli/cli.h"' \
	"tracer/report/report.c:4: includes tracer/cli/cli.h"
plant app tracer/render/json.h '#include "../cli/cli.h"' \
	"tracer/render/json.h:2: includes tracer/cli/cli.h"
plant tracer docs/example.c '#include "tracer/render/json.h"' \
	"docs/example.c:1: includes tracer/render/json.h"
plant quiet graph/trace.c 'void h(void) { printf("%d\n", 1); }' \
	"graph/trace.c:4: printf("
plant quiet chains/btc/tx.c 'void h(void) { fprintf(stderr, "x"); }' \
	"chains/btc/tx.c:5: fprintf(stderr"
plant quiet tracer/report/report.c 'void h(void) { exit(1); }' \
	"tracer/report/report.c:4: exit("
plant quiet base/err.c 'void h(void) { puts("x"); perror("y"); }' \
	"base/err.c:5: puts("
plant banned tracer/cli/main.c 'void h(char *a) { strcpy(a, "b"); }' \
	"tracer/cli/main.c:4: strcpy (banned function)"
plant banned tests/unit/test_x.c 'int h(char *a) { return atoi(a); }' \
	"tests/unit/test_x.c:3: atoi (banned function)"
plant banned store/store.c 'void h(char *a) { sprintf(a, "b"); }' \
	"store/store.c:4: sprintf (banned function)"
plant banned chains/eth/rlp.c 'char *h(char *a) { return strtok(a, ","); }' \
	"chains/eth/rlp.c:3: strtok (banned function)"
plant banned graph/trace.c 'void h(char *a) { strcat(a, "b"); gets(a); }' \
	"graph/trace.c:4: gets (banned function)"
plant columns graph/trace.c "$(printf '\tint x%067d;' 0)" \
	"graph/trace.c:4: 81 columns"

# a header line is measured too
cp -R "$CLEAN" "$T_TMP/long"
printf '%s\n' "/* $(printf '%080d' 0) */" >>"$T_TMP/long/store/store.h"
run long_header 1 sh "$CHECK" "$T_TMP/long"
contains long_reported "$T_TMP/out" "store/store.h:2: 86 columns"

finish
