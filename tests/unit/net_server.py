#!/usr/bin/env python3
"""A small HTTP server that misbehaves on purpose, for test_net_http.

Prints the port it listens on (127.0.0.1, chosen by the kernel) on its
first line of stdout, then serves until killed. Paths:
  /ok                  200 "hello"
  /429once/<k>         429 with Retry-After: 1 the first time, then 200
  /500twice/<k>        500 twice, then 200
  /500always           500
  /404                 404
  /truncated-once/<k>  a body shorter than its Content-Length, then whole
  /truncated-always    always short
  /slow                headers, then one byte every 2 s
  /huge                2 MiB
  /silent              reads the request, never answers
  /headers-stall       headers (Content-Length 2492), then nothing
  /stall               headers and 598 of 2492 bytes, then nothing
  /trickle             headers, then 5 bytes a second of 2492
  /echo/...            200 with the path and query it was asked for
  /auth2               200 only with basic auth al@ice:p/a#s?s@w
  /auth                200 only with basic auth alice:s3cret, else 401
  /seen/<k>            how many requests /.../<k> paths received
POST /rpc              JSON-RPC 2.0 with batches (answered in reverse order)
POST /rpc-nobatch      JSON-RPC without batches (a batch gets one error)
POST /rpc-core         errors as Bitcoin Core sends them: HTTP 500 + JSON
POST /rpc-empty        200 with an empty body
POST /rpc-batch-once/<k>  answers its first batch, refuses the others
POST /rpc-500          HTTP 500 to everything
"""
import base64
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

seen = {}
lock = threading.Lock()


def count(key):
    with lock:
        seen[key] = seen.get(key, 0) + 1
        return seen[key]


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, code, body, headers=()):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        p = self.path
        key = p.rsplit("/", 1)[-1]
        n = 0 if p.startswith("/seen/") else count(key)
        if p == "/ok":
            self.send(200, "hello")
        elif p.startswith("/429once/"):
            if n == 1:
                self.send(429, "slow down", [("Retry-After", "1")])
            else:
                self.send(200, "after429")
        elif p.startswith("/500twice/"):
            self.send(500, "oops") if n <= 2 else self.send(200, "after500")
        elif p == "/500always":
            self.send(500, "oops")
        elif p == "/404":
            self.send(404, "no such thing")
        elif p.startswith("/truncated-once/") or p == "/truncated-always":
            if n == 1 or p == "/truncated-always":
                self.send_response(200)
                self.send_header("Content-Length", "100")
                self.end_headers()
                self.wfile.write(b"0123456789")
                self.wfile.flush()
                self.close_connection = True
            else:
                self.send(200, "x" * 100)
        elif p == "/slow":
            self.send_response(200)
            self.send_header("Content-Length", "10")
            self.end_headers()
            try:
                for _ in range(10):
                    self.wfile.write(b"s")
                    self.wfile.flush()
                    time.sleep(2)
            except OSError:
                pass
        elif p == "/silent":
            time.sleep(600)
        elif p in ("/headers-stall", "/stall", "/trickle"):
            self.send_response(200)
            self.send_header("Content-Length", "2492")
            self.end_headers()
            try:
                if p == "/stall":
                    self.wfile.write(b"s" * 598)
                self.wfile.flush()
                for _ in range(600):
                    if p == "/trickle":
                        self.wfile.write(b"t" * 5)
                        self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
            self.close_connection = True
        elif p.startswith("/echo/"):
            self.send(200, p)
        elif p == "/auth2":
            want = "Basic " + base64.b64encode(b"al@ice:p/a#s?s@w").decode()
            if self.headers.get("Authorization") == want:
                self.send(200, "authed")
            else:
                self.send(401, "who are you")
        elif p == "/huge":
            self.send(200, b"h" * (2 << 20))
        elif p == "/auth":
            want = "Basic " + base64.b64encode(b"alice:s3cret").decode()
            if self.headers.get("Authorization") == want:
                self.send(200, "authed")
            else:
                self.send(401, "who are you")
        elif p.startswith("/seen/"):
            self.send(200, str(seen.get(key, 0)))
        else:
            self.send(404, "unknown path")

    def answer(self, req):
        m = req.get("method")
        if m == "fail":
            return {"jsonrpc": "2.0", "id": req.get("id"), "result": None,
                    "error": {"code": -5, "message": "no such thing"}}
        return {"jsonrpc": "2.0", "id": req.get("id"),
                "result": {"method": m, "params": req.get("params")}}

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        req = json.loads(self.rfile.read(n))
        count(self.path)
        if self.path == "/rpc":
            if isinstance(req, list):
                out = [self.answer(r) for r in reversed(req)]
            else:
                out = self.answer(req)
            self.send(200, json.dumps(out))
        elif self.path == "/rpc-nobatch":
            if isinstance(req, list):
                self.send(200, json.dumps({"jsonrpc": "2.0", "id": None,
                          "error": {"code": -32600,
                                    "message": "batch not supported"}}))
            else:
                self.send(200, json.dumps(self.answer(req)))
        elif self.path == "/rpc-empty":
            self.send(200, "")
        elif self.path.startswith("/rpc-batch-once/"):
            # the first batch is answered, later ones refused
            if isinstance(req, list) and count(self.path + "#b") > 1:
                self.send(200, json.dumps({"jsonrpc": "2.0", "id": None,
                          "error": {"code": -32600,
                                    "message": "no more batches"}}))
            elif isinstance(req, list):
                self.send(200, json.dumps([self.answer(r) for r in req]))
            else:
                self.send(200, json.dumps(self.answer(req)))
        elif self.path == "/rpc-500":
            self.send(500, "overloaded")
        elif self.path == "/rpc-core" and isinstance(req, list):
            self.send(200, json.dumps([self.answer(r) for r in req]))
        elif self.path == "/rpc-core":
            out = self.answer(req)
            self.send(500 if out.get("error") else 200, json.dumps(out))
        else:
            self.send(404, "unknown path")


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # a client that hangs up on a huge or slow body is the test
        if not isinstance(sys.exc_info()[1], (BrokenPipeError,
                                              ConnectionResetError)):
            super().handle_error(request, client_address)


def main():
    srv = Server(("127.0.0.1", 0), H)
    srv.daemon_threads = True
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
