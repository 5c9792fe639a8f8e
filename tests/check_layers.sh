#!/bin/sh
# tests/check_layers.sh [ROOT] - keeps the layer rules of
# docs/architecture.md with grep and awk over the C sources under ROOT
# (default: the current directory). Each rule is one check; a broken rule
# prints every offending file:line and counts as failed. The last line is
# the "check_layers: N passed, N failed, N skipped" summary tests/run.sh
# expects; the exit status is 1 when a rule is broken.
#
# The rules:
#   base       base/ includes nothing of the project but base/
#   store      store/ includes only base/ and store/
#   chains     chains/ includes only base/, store/ and chains/; a chain's
#              folder chains/<chain>/ never includes another chain's folder
#              (the shared folders in SHARED_CHAIN_DIRS are not chains)
#   crawl      the crawl engine (chains/crawl*, chains/source*) never
#              includes a chain's folder
#   graph      graph/ includes only base/, store/ and graph/
#   app        tracer/<app>/ never includes tracer/cli/
#   tracer     nothing outside tracer/ and tests/ includes tracer/
#   quiet      libraries (all but tracer/cli/ and tests/) never call
#              printf, puts, perror, exit or fprintf to stdout/stderr
#   banned     strcpy, sprintf, strcat, atoi, gets, strtok nowhere
#   columns    no line of a .c/.h outside tests/ is wider than 80 columns
#              (tabs at 8)

ROOT=${1:-.}
SHARED_CHAIN_DIRS="net thorchain"


passed=0 failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/check_layers.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM

cd "$ROOT" || { echo "check_layers: cannot enter '$ROOT'"; exit 1; }
# every C file of the tree but the build outputs and installed packages
find . \( -path ./build -o -path ./bin -o -path ./.git \
	-o -name node_modules \) -prune -o -name '*.[ch]' -type f -print |
	sed 's|^\./||' | LC_ALL=C sort >"$TMP/files"

# One line per project include: "file<TAB>line<TAB>target", the target
# relative to ROOT. A quoted name whose first folder is not a top-level
# project folder is resolved against the including file's folder.
xargs awk '
function norm(p,    n, i, k, out, parts, stack) {
	n = split(p, parts, "/"); k = 0
	for (i = 1; i <= n; i++) {
		if (parts[i] == "" || parts[i] == ".") continue
		if (parts[i] == ".." && k > 0) { k--; continue }
		stack[++k] = parts[i]
	}
	out = ""
	for (i = 1; i <= k; i++) out = out (i > 1 ? "/" : "") stack[i]
	return out
}
/^[ \t]*#[ \t]*include[ \t]*["<]/ {
	s = $0
	sub(/^[ \t]*#[ \t]*include[ \t]*/, "", s)
	q = substr(s, 1, 1); s = substr(s, 2)
	e = index(s, q == "<" ? ">" : "\"")
	if (e == 0) next
	t = substr(s, 1, e - 1)
	top = t; sub(/\/.*/, "", top)
	if (top ~ /^(base|store|chains|graph|tracer|tests)$/ && t ~ /\//)
		t = norm(t)
	else if (q == "\"") {
		d = FILENAME; sub(/[^\/]*$/, "", d)
		t = norm(d t)
	} else next
	printf "%s\t%d\t%s\n", FILENAME, FNR, t
}' <"$TMP/files" >"$TMP/inc"

# report NAME FILE-OF-OFFENCES: one check passed or failed
report() {
	if [ -s "$2" ]; then
		failed=$((failed + 1))
		echo "FAIL $1:"
		sed 's/^/    /' "$2"
	else
		passed=$((passed + 1))
		echo "ok   $1"
	fi
}

# incrule NAME FROM-REGEX ALLOWED-REGEX: includes by files matching FROM
# whose target does not match ALLOWED break the rule.
incrule() {
	awk -F '\t' -v from="$2" -v ok="$3" -v rule="$1" '
	$1 ~ from && $3 !~ ok {
		printf "%s:%s: includes %s (%s)\n", $1, $2, $3, rule
	}' "$TMP/inc" >"$TMP/out.$1"
	report "$1" "$TMP/out.$1"
}

shared=$(echo "$SHARED_CHAIN_DIRS" | sed 's/ /|/g')

incrule base '^base/' '^base/'
incrule store '^store/' '^(base|store)/'
# chains: the folders it may use, then one chain never naming another
awk -F '\t' -v shared="^($shared)$" '
$1 ~ /^chains\// {
	if ($3 !~ /^(base|store|chains)\//) {
		printf "%s:%s: includes %s (chains: only base/ store/ chains/)\n",
			$1, $2, $3
		next
	}
	n = split($1, f, "/"); m = split($3, t, "/")
	if (n > 2 && m > 2 && t[1] == "chains" && f[2] != t[2] &&
	    f[2] !~ shared && t[2] !~ shared)
		printf "%s:%s: includes %s (chains/%s/ is another chain)\n",
			$1, $2, $3, t[2]
}' "$TMP/inc" >"$TMP/out.chains"
report chains "$TMP/out.chains"

awk -F '\t' -v shared="^($shared)$" '
$1 ~ /^chains\/(crawl|source)[^\/]*$/ {
	m = split($3, t, "/")
	if (t[1] == "chains" && m > 2 && t[2] !~ shared)
		printf "%s:%s: includes %s (the crawl engine names a chain)\n",
			$1, $2, $3
}' "$TMP/inc" >"$TMP/out.crawl"
report crawl "$TMP/out.crawl"

incrule graph '^graph/' '^(base|store|graph)/'
awk -F '\t' '$1 ~ /^tracer\// && $1 !~ /^tracer\/cli\// &&
	$3 ~ /^tracer\/cli\// {
	printf "%s:%s: includes %s (only tracer/cli/ includes tracer/cli/)\n",
		$1, $2, $3
}' "$TMP/inc" >"$TMP/out.app"
report app "$TMP/out.app"

awk -F '\t' '$1 !~ /^(tracer|tests)\// && $3 ~ /^tracer\// {
	printf "%s:%s: includes %s (only tracer/ and tests/ include tracer/)\n",
		$1, $2, $3
}' "$TMP/inc" >"$TMP/out.tracer"
report tracer "$TMP/out.tracer"

# The code of every file without comments, string and character literals,
# tabs as spaces, one "file<TAB>line<TAB>code" per line, for the call
# rules below.
xargs awk '
FNR == 1 { incomment = 0 }
{
	s = $0; out = ""
	while (s != "") {
		if (incomment) {
			e = index(s, "*/")
			if (e == 0) { s = ""; break }
			s = substr(s, e + 2); incomment = 0; out = out " "
			continue
		}
		c = substr(s, 1, 1); c2 = substr(s, 1, 2)
		if (c2 == "/*") { incomment = 1; s = substr(s, 3); continue }
		if (c2 == "//") break
		if (c == "\"" || c == "'\''") {
			i = 2
			while (i <= length(s) && substr(s, i, 1) != c)
				i += substr(s, i, 1) == "\\" ? 2 : 1
			s = substr(s, i + 1); out = out c c
			continue
		}
		out = out c; s = substr(s, 2)
	}
	gsub(/\t/, " ", out)
	printf "%s\t%d\t%s\n", FILENAME, FNR, out
}' <"$TMP/files" >"$TMP/code"

awk -F '\t' '$1 !~ /^(tracer\/cli|tests)\// {
	code = $3
	if (match(code, /(^|[^A-Za-z0-9_])(printf|puts|perror|exit)[ \t]*\(/) ||
	    match(code, /(^|[^A-Za-z0-9_])v?fprintf[ \t]*\([ \t]*(stderr|stdout)/))
	{
		f = substr(code, RSTART, RLENGTH)
		sub(/^[^A-Za-z_]/, "", f)
		printf "%s:%s: %s (a library neither prints nor exits)\n",
			$1, $2, f
	}
}' "$TMP/code" >"$TMP/out.quiet"
report quiet "$TMP/out.quiet"

awk -F '\t' '$1 != "base/banned.h" {
	code = $3
	ban = "(^|[^A-Za-z0-9_])(strcpy|sprintf|strcat|atoi|gets|strtok)[ \t]*\\("
	while (match(code, ban)) {
		f = substr(code, RSTART, RLENGTH)
		code = substr(code, RSTART + RLENGTH)
		sub(/^[^A-Za-z_]/, "", f); sub(/[ \t]*\($/, "", f)
		printf "%s:%s: %s (banned function)\n", $1, $2, f
	}
}' "$TMP/code" >"$TMP/out.banned"
report banned "$TMP/out.banned"

grep -v '^tests/' "$TMP/files" | xargs awk '{
	w = 0
	for (i = 1; i <= length($0); i++)
		w = substr($0, i, 1) == "\t" ? w + 8 - w % 8 : w + 1
	if (w > 80)
		printf "%s:%d: %d columns\n", FILENAME, FNR, w
}' >"$TMP/out.columns"
report columns "$TMP/out.columns"

echo "check_layers: $passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
