#!/bin/sh
# The crawl engine never names a chain, adapters never include it, and the
# table constants stay in store/ (tests/tools/check_engine.sh): the tree
# keeps the rules, and each planted violation is caught.
. tests/lib.sh
CHECK="$TRACER_SRC/tests/tools/check_engine.sh"

run tree_clean 0 sh "$CHECK" "$TRACER_SRC"

# plant CASE FILE LINE: a copy of the tree with LINE appended to FILE
plant() {
	rm -rf "$T_TMP/tree"
	mkdir -p "$T_TMP/tree"
	(cd "$TRACER_SRC" && tar cf - base store chains graph tracer) |
		(cd "$T_TMP/tree" && tar xf -)
	printf '%s\n' "$3" >>"$T_TMP/tree/$2"
	run "$1" 1 sh "$CHECK" "$T_TMP/tree"
}

plant engine_includes_adapter chains/crawl/range.c \
	'#include "chains/btc/src.h"'
contains engine_includes_adapter_msg "$T_TMP/out" "engine includes an adapter"
plant engine_names_chain chains/crawl/follow.c \
	'/* if (chain == BTC) */'
contains engine_names_chain_msg "$T_TMP/out" "engine names a chain"
plant adapter_includes_engine chains/eth/src_rpc.c \
	'#include "chains/crawl.h"'
contains adapter_includes_engine_msg "$T_TMP/out" \
	"adapter includes the engine"
plant table_outside_store tracer/report/report_prov.c \
	'static const int t = TABLE_TX;'
contains table_outside_store_msg "$T_TMP/out" \
	"table constant outside store/"
finish
