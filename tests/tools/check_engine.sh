#!/bin/sh
# tests/tools/check_engine.sh [ROOT] - the layering of the crawl engine and
# the schema: prints each broken rule and exits 1, or exits 0.
#  1. the engine (chains/crawl/, chains/crawl.h, chains/source.{c,h}) never
#     names a chain: no include of an adapter folder, no chain name;
#  2. no adapter includes the engine (they implement chains/source.h);
#  3. table constants are spelled only inside store/.
root=${1:-.}
cd "$root" || exit 2
bad=0
engine="chains/crawl chains/crawl.h chains/source.h chains/source.c"
adapters=$(ls -d chains/*/ | grep -v '^chains/crawl/$')

hits=$(grep -rnE '#include "chains/[a-z0-9_]+/' $engine |
	grep -v '"chains/crawl/')
[ -n "$hits" ] && { echo "engine includes an adapter:"; echo "$hits"; bad=1; }
hits=$(grep -rniwE 'btc|eth|bitcoin|ethereum|tron|chain_(btc|eth)_ops' \
	$engine)
[ -n "$hits" ] && { echo "engine names a chain:"; echo "$hits"; bad=1; }
hits=$(grep -rn '#include "chains/crawl' $adapters)
[ -n "$hits" ] && { echo "adapter includes the engine:"; echo "$hits"; bad=1; }
hits=$(grep -rnE '\b(TABLE_[A-Z_]+|KEY_META_[A-Z_]+)\b' \
	--include='*.c' --include='*.h' . | grep -v '^\./store/' |
	grep -v '^\./build/')
[ -n "$hits" ] &&
	{ echo "table constant outside store/:"; echo "$hits"; bad=1; }
exit $bad
