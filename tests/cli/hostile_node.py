#!/usr/bin/env python3
"""A JSON-RPC node that lies, for test_crawl_hostile.

usage: hostile_node.py btc|eth|esplora MODE
       hostile_node.py eth-proxy MODE UPSTREAM_URL
Prints the port it listens on (127.0.0.1) on its first line, then serves
until killed. btc serves a valid regtest chain of 12 blocks (Bitcoin Core
RPC: getblockchaininfo, getnetworkinfo, getblockcount, getblockhash,
getblock HASH 0) and then spoils it as MODE says; eth serves just enough
of an Ethereum node to reach the receipts of block 1; esplora (GET)
serves the same chain (/blocks/tip/height, /block-height/:h,
/block/:hash/raw) and an address history for follow mode; eth-proxy
passes every call on to a real node (anvil).

With HOSTILE_AUTH=user:password in the environment every request must
carry that basic authentication (else 401); with HOSTILE_KEY=K and
HOSTILE_QKEY=Q its path must start with /v3/K and its query hold apikey=Q
(else 403); the /v3/K prefix is taken off before the path is served.

MODE "good" serves honestly. The stall modes answer every request about
block STALL_AT or later (getblock, /block/:hash/raw, eth_getBlockByNumber)
with: stall-silent, nothing at all; stall-headers, the headers
(Content-Length 2492) and then nothing; stall-body, the headers and 598
of the 2492 bytes, then nothing; stall-trickle, the headers and then 5
bytes a second. Each stall writes "stalling at block N" to stderr first.
"""
import base64
import hashlib
import json
import os
import struct
import sys
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHAIN, MODE = sys.argv[1], sys.argv[2]
UPSTREAM = sys.argv[3] if len(sys.argv) > 3 else None
NB = 12
STALL_AT = 3


def sha256d(b):
    return hashlib.sha256(hashlib.sha256(b).digest()).digest()


def push_height(h):
    if h == 0:
        return b"\x00"
    if h <= 16:
        return bytes([0x50 + h])
    b = h.to_bytes((h.bit_length() + 8) // 8, "little")
    return bytes([len(b)]) + b


def coinbase(h):
    ss = push_height(h) + b"\x00"
    spk = bytes.fromhex("76a914") + bytes(20) + bytes.fromhex("88ac")
    return (struct.pack("<I", 1) + b"\x01" + bytes(32) + b"\xff" * 4
            + bytes([len(ss)]) + ss + b"\xff" * 4 + b"\x01"
            + struct.pack("<q", 50 * 10**8) + bytes([len(spk)]) + spk
            + struct.pack("<I", 0))


def mkblock(h, prev):
    tx = coinbase(h)
    merkle = sha256d(tx)
    target = 0x7fffff << (8 * (0x20 - 3))
    for nonce in range(1 << 16):
        hdr = (struct.pack("<I", 0x20000000) + prev + merkle
               + struct.pack("<III", 1600000000 + h * 600, 0x207fffff,
                             nonce))
        hh = sha256d(hdr)
        if int.from_bytes(hh, "little") < target:
            return hdr + b"\x01" + tx, hh
    raise RuntimeError("no nonce")


BLOCKS, HASHES = [], []
if CHAIN in ("btc", "esplora"):
    prev = bytes(32)
    for height in range(NB):
        raw, hh = mkblock(height, prev)
        BLOCKS.append(raw)
        HASHES.append(hh[::-1].hex())
        prev = hh


def btc_result(method, params):
    if method == "getblockchaininfo":
        return {"chain": "regtest"}
    if method == "getnetworkinfo":
        return {"subversion": "/Satoshi:27.0.0/"}
    if method == "getblockcount":
        return NB - 1
    if method == "getblockhash":
        if MODE == "hash-int":
            return 5
        return HASHES[params[0]]
    if method == "getblock":
        i = HASHES.index(params[0])
        raw = BLOCKS[i].hex()
        if MODE == "block-other" and i == 3:
            return BLOCKS[5].hex()
        if MODE == "block-trunc" and i == 3:
            return raw[:200]
        return raw
    raise KeyError("Method not found")


def eth_result(method, params):
    if method == "eth_chainId":
        return "0x1"
    if method in ("debug_traceBlockByNumber", "trace_block"):
        return []
    if method == "eth_blockNumber":
        return "0x100"
    if method == "eth_getBlockByNumber":
        if MODE == "other-number":
            return {"number": "0x5", "transactions": []}
        return {"number": params[0],
                "transactions": [{"hash": "0x" + "11" * 32}]}
    if method == "eth_getTransactionReceipt" and MODE == "receipt-fails":
        raise ValueError("receipt gone")
    raise KeyError("Method not found")


def answer(req):
    rid = req.get("id")
    method, params = req.get("method"), req.get("params", [])
    try:
        if CHAIN == "btc":
            r = btc_result(method, params)
        else:
            r = eth_result(method, params)
    except KeyError as e:
        return {"jsonrpc": "2.0", "id": rid,
                "error": {"code": -32601, "message": str(e)}}
    except ValueError as e:
        return {"jsonrpc": "2.0", "id": rid,
                "error": {"code": -32000, "message": str(e)}}
    if MODE == "getblock-error" and method == "getblock" and \
            HASHES.index(params[0]) == 2:
        return {"jsonrpc": "2.0", "id": rid, "error": {
            "code": -1, "message": "evil \x1b]0;owned\x07\x1b[2J\r\nforged"}}
    if MODE == "wrong-ids":
        rid = 1000 + (rid if isinstance(rid, int) else 0)
    return {"jsonrpc": "2.0", "id": rid, "result": r}


def stall_height(req):
    """The block a request is about when it is one to stall, else None."""
    if not MODE.startswith("stall-") or not isinstance(req, dict):
        return None
    m, params = req.get("method"), req.get("params") or []
    h = None
    if m == "getblock" and params and params[0] in HASHES:
        h = HASHES.index(params[0])
    elif m == "eth_getBlockByNumber" and params:
        h = int(params[0], 16)
    return h if h is not None and h >= STALL_AT else None


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def refused(self):
        """Checks HOSTILE_AUTH and HOSTILE_KEY; True when it refused."""
        auth, key = os.environ.get("HOSTILE_AUTH"), os.environ.get(
            "HOSTILE_KEY")
        qkey = os.environ.get("HOSTILE_QKEY")
        want = auth and "Basic " + base64.b64encode(auth.encode()).decode()
        path, _, query = self.path.partition("?")
        code = 0
        if want and self.headers.get("Authorization") != want:
            code = 401
        elif key and (not path.startswith("/v3/" + key)
                      or "apikey=%s" % qkey not in query.split("&")):
            code = 403
        if key and not code:
            path = path[len("/v3/" + key):]
        self.path = path or "/"
        if code:
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()
        return code != 0

    def stall(self, height):
        sys.stderr.write("stalling at block %d\n" % height)
        sys.stderr.flush()
        try:
            if MODE != "stall-silent":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "2492")
                self.end_headers()
                if MODE == "stall-body":
                    self.wfile.write(b" " * 598)
                self.wfile.flush()
            for _ in range(600):
                if MODE == "stall-trickle":
                    self.wfile.write(b" " * 5)
                    self.wfile.flush()
                time.sleep(1)
        except OSError:
            pass
        self.close_connection = True

    def esplora_chain(self, p):
        if p.startswith("/block-height/"):
            h = int(p.rsplit("/", 1)[1])
            if h >= NB:
                return False
            self.send(HASHES[h], "text/plain")
            return True
        if p.startswith("/block/") and p.endswith("/raw"):
            hh = p.split("/")[2]
            if hh not in HASHES:
                return False
            h = HASHES.index(hh)
            if MODE.startswith("stall-") and h >= STALL_AT:
                self.stall(h)
                return True
            body = BLOCKS[h]
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return True
        return False

    def send(self, body, ctype="application/json"):
        body = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        # Esplora: an address history whose next page is the same page
        if self.refused():
            return
        p = self.path
        if p == "/blocks/tip/height":
            return self.send("11", "text/plain")
        if HASHES and self.esplora_chain(p):
            return
        if p.startswith("/address/") and MODE == "same-page":
            page = [{"txid": "%064x" % (i + 1),
                     "status": {"confirmed": True, "block_height": 5}}
                    for i in range(25)]
            return self.send(json.dumps(page))
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(n)
        if self.refused():
            return
        req = json.loads(raw)
        h = stall_height(req)
        if h is not None:
            return self.stall(h)
        if CHAIN == "eth-proxy":
            up = urllib.request.Request(UPSTREAM, raw, {
                "Content-Type": "application/json"})
            with urllib.request.urlopen(up, timeout=60) as r:
                return self.send(r.read().decode())
        if MODE == "html":
            return self.send("<html><body>Welcome</body></html>",
                             "text/html")
        if MODE == "empty":
            return self.send("")
        if isinstance(req, list):
            out = [answer(r) for r in req]
            out.reverse()
        else:
            out = answer(req)
        self.send(json.dumps(out))


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError,
                                              ConnectionResetError)):
            super().handle_error(request, client_address)


def main():
    srv = Server(("127.0.0.1", 0), H)
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
