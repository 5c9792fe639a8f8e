# tests/nodes/nodes.sh - install, start and stop the real nodes of the
# integration tests (sourced after tests/lib.sh).
#
# nodes_install   npm install into tests/nodes/node_modules (pinned in
#                 package.json, see ../shared/NODES.md); a failure is a
#                 failure, not a skip
# bcoin_start     bcoin 1.0.2 regtest on two free ports of 127.0.0.1:
#                 sets BCOIN_PID, BCOIN_NODE_PORT, BCOIN_WALLET_PORT,
#                 BCOIN_RPC (URL with the password)
# anvil_start     anvil 1.7.1: sets ANVIL_PID, ANVIL_PORT, ANVIL_RPC
# anvil_up        node.js checked, nodes installed, anvil started; on a
#                 failure the test fails, finishes and exits
# anvil_scenario  anvil_up, then eth_scenario.js run into $T_TMP/eth.json
# hostile_start   tests/cli/hostile_node.py CHAIN MODE [UPSTREAM] on a free
#                 port: sets HOSTILE_PID, HOSTILE_PORT (stops the last one)
# nodes_stop      stops what was started, by PID (also run from the EXIT
#                 trap of lib.sh, so a failing test does not leave nodes)
NODES_DIR=${TRACER_SRC:-$PWD}/tests/nodes
BCOIN_PID= ANVIL_PID= ESPLORA_PID= HOSTILE_PID=
# a password no test output could contain by chance
BCOIN_PASSWORD=tr4c3r-s3cr3t-$$
export BCOIN_PASSWORD
T_CLEANUP_HOOK=nodes_stop
trap 'exit 130' INT TERM HUP

nodes_install() {
	if [ -f "$NODES_DIR/node_modules/.tracer-installed" ] &&
		[ "$NODES_DIR/node_modules/.tracer-installed" -nt \
			"$NODES_DIR/package.json" ]; then
		return 0
	fi
	echo "installing bcoin, anvil and solc from npm (once)"
	if ! (cd "$NODES_DIR" &&
		npm install --no-audit --no-fund --nodedir=/usr \
			>"$T_TMP/npm.log" 2>&1); then
		echo "FAIL npm install in $NODES_DIR failed:"
		tail -n 30 "$T_TMP/npm.log"
		return 1
	fi
	touch "$NODES_DIR/node_modules/.tracer-installed"
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

bcoin_start() {
	_d="$T_TMP/bcoin"
	mkdir -p "$_d"
	BCOIN_NODE_PORT=$(free_port)
	BCOIN_WALLET_PORT=$(free_port)
	node "$NODES_DIR/regtest.js" --network=regtest --memory=true \
		--prefix="$_d" --wallet-prefix="$_d" \
		--http-host=127.0.0.1 --wallet-http-host=127.0.0.1 \
		--http-port="$BCOIN_NODE_PORT" \
		--wallet-http-port="$BCOIN_WALLET_PORT" --api-key="$BCOIN_PASSWORD" \
		--listen=false --workers=false --index-tx=true \
		--index-address=true >"$T_TMP/bcoin.log" 2>&1 &
	BCOIN_PID=$!
	BCOIN_RPC="http://tracer:$BCOIN_PASSWORD@127.0.0.1:$BCOIN_NODE_PORT"
	export BCOIN_NODE_PORT BCOIN_WALLET_PORT
}

anvil_start() {
	ANVIL_PORT=$(free_port)
	"$NODES_DIR/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil" \
		--host 127.0.0.1 --port "$ANVIL_PORT" --silent \
		>"$T_TMP/anvil.log" 2>&1 &
	ANVIL_PID=$!
	ANVIL_RPC="http://127.0.0.1:$ANVIL_PORT"
	export ANVIL_PORT
}

# wait_port PORT : until something listens there (10 s at most)
wait_port() {
	python3 - "$1" <<'PY'
import socket, sys, time
for _ in range(200):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
}

anvil_up() {
	if ! command -v node >/dev/null 2>&1; then
		fail "node" "node.js is not installed (make deps-test installs it)"
		finish
		exit 1
	fi
	nodes_install || { fail "npm install"; finish; exit 1; }
	anvil_start
	if ! wait_port "$ANVIL_PORT"; then
		fail "anvil starts" "$(tail -n 20 "$T_TMP/anvil.log")"
		finish
		exit 1
	fi
}

anvil_scenario() {
	anvil_up
	if ! node "$NODES_DIR/eth_scenario.js" "$T_TMP" \
		>"$T_TMP/scenario.log" 2>&1; then
		fail "ethereum scenario" "$(tail -n 20 "$T_TMP/scenario.log")"
		finish
		exit 1
	fi
}

# its stderr goes to $T_TMP/hostile.err (emptied at each start)
hostile_start() {
	[ -n "$HOSTILE_PID" ] && kill "$HOSTILE_PID" 2>/dev/null
	_pf="$T_TMP/hostile.port"
	rm -f "$_pf"
	: >"$T_TMP/hostile.err"
	python3 "${TRACER_SRC:-.}/tests/cli/hostile_node.py" "$@" \
		>"$_pf" 2>"$T_TMP/hostile.err" &
	HOSTILE_PID=$!
	_i=0
	while ! grep -q '^[0-9][0-9]*$' "$_pf" 2>/dev/null && [ $_i -lt 300 ]
	do
		sleep 0.1
		_i=$((_i + 1))
	done
	HOSTILE_PORT=$(head -n 1 "$_pf")
}

nodes_stop() {
	for _p in $BCOIN_PID $ANVIL_PID $ESPLORA_PID $HOSTILE_PID; do
		kill "$_p" 2>/dev/null && wait "$_p" 2>/dev/null
	done
	BCOIN_PID= ANVIL_PID= ESPLORA_PID= HOSTILE_PID=
}
