#!/usr/bin/env python3
"""A fake Ethereum JSON-RPC node for test_eth_src, wrong on purpose.

Prints the port it listens on (127.0.0.1, chosen by the kernel) on its
first line of stdout, then serves until killed. The first path segment of
a POST is the MODE; every mode answers the calls eth_src_rpc_open makes
(eth_chainId 0x1, debug_traceBlockByNumber [] so call traces are on,
trace_block and eth_getProof "method not found", so no balance proofs).
Blocks are {"number", "transactions": [one hash]} unless MODE says:
  /pad600k     every block carries 600 000 bytes of padding
  /pad2m       every block carries 2 MiB of padding
  /badjson6    block 6's answer is not JSON
  /rcpt-bad    eth_getBlockReceipts answers without a result
  /rcpt-ids    no eth_getBlockReceipts; the receipts batch has wrong ids
  /trace-bad6  block 6's call traces are not JSON
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TXHASH = "0x" + "11" * 32


def block(mode, h):
    b = {"number": hex(h), "transactions": [{"hash": TXHASH}]}
    if mode == "pad600k":
        b["pad"] = "x" * 600000
    elif mode == "pad2m":
        b["pad"] = "x" * (2 << 20)
    return b


def result(mode, method, params):
    """(result, error) of one call."""
    if method == "eth_chainId":
        return "0x1", None
    if method == "debug_traceBlockByNumber":
        h = int(params[0], 16)
        return [], None
    if method == "eth_getBlockByNumber":
        return block(mode, int(params[0], 16)), None
    if method == "eth_getBlockReceipts" and mode == "rcpt-bad":
        return "NO-RESULT", None
    if method == "eth_getBlockReceipts" and mode != "rcpt-ids":
        return [], None
    return None, {"code": -32601, "message": "Method not found"}


def answer(mode, req):
    r, e = result(mode, req.get("method"), req.get("params") or [])
    rid = req.get("id")
    if e:
        return {"jsonrpc": "2.0", "id": rid, "error": e}
    if r == "NO-RESULT":
        return {"jsonrpc": "2.0", "id": rid}
    return {"jsonrpc": "2.0", "id": rid, "result": r}


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, body):
        body = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        req = json.loads(self.rfile.read(n))
        mode = self.path.strip("/").split("/")[0]
        if isinstance(req, list):
            out = [answer(mode, r) for r in req]
            if mode == "rcpt-ids":
                for o in out:
                    o["id"] = 1000 + (o["id"] if isinstance(o["id"], int)
                                      else 0)
            return self.send(json.dumps(out))
        bad = {"badjson6": "eth_getBlockByNumber",
               "trace-bad6": "debug_traceBlockByNumber"}.get(mode)
        if bad and req.get("method") == bad and req["params"][0] == "0x6":
            return self.send("{not json")
        self.send(json.dumps(answer(mode, req)))


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
    main()
