"""The eth adapter against a real node (anvil): every block, raw
transaction and receipt list it serves verifies. Driven by eth_anvil.sh;
prints one "PASS name" or "FAIL name: reason" line per check.

Scenario: a legacy, an EIP-2930 and an EIP-1559 transfer; a contract that
emits a log (created, then called); a forwarder contract that passes its
value on (an internal transfer); a call through it to a contract that
reverts (a failed transaction that carried value)."""
import json
import subprocess
import sys
import time
import urllib.request

URL, TRACER, RECORDS, TMP = sys.argv[1:5]
BEEF = "0x000000000000000000000000000000000000bEEF"


def rpc(method, *params):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method,
                       "params": list(params)}).encode()
    req = urllib.request.Request(URL, body,
                                 {"Content-Type": "application/json"})
    r = json.load(urllib.request.urlopen(req, timeout=30))
    if "error" in r:
        raise RuntimeError(f"{method}: {r['error']}")
    return r["result"]


def send(tx):
    h = rpc("eth_sendTransaction", tx)
    for _ in range(200):
        r = rpc("eth_getTransactionReceipt", h)
        if r:
            return r
        time.sleep(0.05)
    raise RuntimeError(f"no receipt for {h}")


def deploy(sender, runtime):
    init = "60%02x80600b6000396000f3" % (len(runtime) // 2) + runtime
    return send({"from": sender, "data": "0x" + init})["contractAddress"]


def word(addr):
    return "0x" + "00" * 12 + addr[2:].lower()


def check(name, ok, why=""):
    print(("PASS " + name) if ok else f"FAIL {name}: {why}")


def scenario():
    a, b = rpc("eth_accounts")[:2]
    send({"from": a, "to": b, "value": hex(10**18),
          "gasPrice": hex(3 * 10**9), "type": "0x0"})
    send({"from": a, "to": b, "value": "0x5", "gasPrice": hex(3 * 10**9),
          "type": "0x1", "accessList": [
              {"address": b, "storageKeys": ["0x" + "00" * 31 + "01"]}]})
    send({"from": b, "to": a, "value": "0x7"})
    logger = deploy(a, "3360206000a100")  # LOG1(topic = caller)
    send({"from": a, "to": logger})
    fwd = deploy(a, "6000600060006000346000355af115601357005b600080fd")
    send({"from": a, "to": fwd, "value": hex(12345), "data": word(BEEF)})
    reverter = deploy(a, "60006000fd")
    send({"from": a, "to": fwd, "value": hex(999), "gas": hex(100000),
          "data": word(reverter)})


def records(name, inp):
    f = f"{TMP}/records-{name}.json"
    json.dump(inp, open(f, "w"))
    r = subprocess.run([RECORDS, f], capture_output=True, text=True)
    if r.returncode:
        return None, r.stderr.strip()
    return json.loads(r.stdout), ""


def check_block(n):
    blk = rpc("eth_getBlockByNumber", hex(n), True)
    rec = rpc("eth_getBlockReceipts", hex(n))
    f = f"{TMP}/block-{n}.json"
    json.dump({"jsonrpc": "2.0", "id": 1, "result": blk}, open(f, "w"))
    r = subprocess.run([TRACER, "decode", "--chain", "eth", "--chain-id",
                        "31337", f], capture_output=True, text=True)
    check(f"block {n} decodes and verifies", r.returncode == 0, r.stderr)
    for t in blk["transactions"]:
        raw = rpc("eth_getRawTransactionByHash", t["hash"])
        r = subprocess.run([TRACER, "decode", "--chain", "eth", raw],
                           capture_output=True, text=True)
        d = json.loads(r.stdout) if r.returncode == 0 else {}
        check(f"raw tx {t['hash'][:10]} hash and sender",
              d.get("hash") == t["hash"] and
              d.get("from", "").lower() == t["from"].lower(), r.stderr)
    out = {}
    for kind, key, method, params in (
            ("call", "call_traces", "debug_traceBlockByNumber",
             [hex(n), {"tracer": "callTracer"}]),
            ("parity", "parity_traces", "trace_block", [hex(n)])):
        d, why = records(f"{n}-{kind}", {
            "block": blk, "receipts": rec, key: rpc(method, *params),
            "chain_id": 31337})
        check(f"block {n} records ({kind} traces, receipts root)",
              d is not None, why)
        out[kind] = d
    if out["call"] and out["parity"]:
        check(f"block {n} call and parity traces agree",
              out["call"]["txs"] == out["parity"]["txs"])
    return out["call"]


def main():
    scenario()
    tip = int(rpc("eth_blockNumber"), 16)
    internal = failed = False
    for n in range(tip + 1):
        d = check_block(n)
        for t in (d or {}).get("txs", []):
            for leg in t["legs"]:
                internal |= (leg["kind"] == "internal" and
                             leg["to"] == BEEF and leg["value"] == "12345")
            if t["failed"]:
                failed = [leg["kind"] for leg in t["legs"]] == ["fee"]
    check("internal transfer of the forwarder to 0xbEEF", internal)
    check("the reverted transaction is failed and moved only its fee",
          failed)
    # a node that lies about a receipt is caught
    blk = rpc("eth_getBlockByNumber", "0x1", True)
    rec = rpc("eth_getBlockReceipts", "0x1")
    rec[0]["status"] = "0x0"
    d, why = records("lie", {"block": blk, "receipts": rec})
    check("a changed receipt status is refused",
          d is None and "receiptsRoot" in why, why)


main()
