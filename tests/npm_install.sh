#!/bin/sh
# tests/npm_install.sh - the test-only npm packages (bcoin, anvil, solc in
# tests/nodes; puppeteer-core in tests/browser), installed once before
# tests/run.sh starts suites side by side, so that no two suites run
# `npm install` into the same folder at the same time. Each suite still
# checks (and would install) what it needs when run alone.
. "${TRACER_SRC:-$PWD}/tests/lib.sh"
. "${TRACER_SRC:-$PWD}/tests/nodes/nodes.sh"
BROWSER_DIR=${TRACER_SRC:-$PWD}/tests/browser
. "${TRACER_SRC:-$PWD}/tests/browser/setup.sh"

if ! command -v npm >/dev/null 2>&1; then
	fail npm "npm is not installed (make deps-test)"
elif nodes_install; then
	pass nodes
else
	fail nodes "npm install in tests/nodes failed"
fi
puppeteer_ready && pass browser
finish
