# Sourced by the browser tests after tests/lib.sh: puppeteer_ready fails
# the test (with the reason) and returns 1 unless node.js is installed and
# puppeteer-core is in the git-ignored $BROWSER_DIR/node_modules (npm
# installs it once, again when package.json changes). Needs BROWSER_DIR.
puppeteer_ready() {
	if ! command -v node >/dev/null 2>&1; then
		fail node "node.js is not installed (make deps-test)"
		return 1
	fi
	if [ -f "$BROWSER_DIR/node_modules/.tracer-installed" ] &&
		[ ! "$BROWSER_DIR/package.json" -nt \
			"$BROWSER_DIR/node_modules/.tracer-installed" ]; then
		return 0
	fi
	echo "installing puppeteer-core from npm (once)"
	if (cd "$BROWSER_DIR" && PUPPETEER_SKIP_DOWNLOAD=1 npm install \
		--no-audit --no-fund >"$T_TMP/npm.log" 2>&1); then
		touch "$BROWSER_DIR/node_modules/.tracer-installed"
		return 0
	fi
	fail npm_install "$(tail -n 20 "$T_TMP/npm.log")"
	return 1
}
