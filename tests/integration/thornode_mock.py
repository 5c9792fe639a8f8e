#!/usr/bin/env python3
"""thornode_mock.py ANSWERS.json PORTFILE - a stand-in for a THORNode API
on a free port of 127.0.0.1 (written to PORTFILE), for
tests/integration/thornode.sh. Serves GET /thorchain/tx/status/{hash}
from ANSWERS.json, read again at every request (the test rewrites it
between runs): {"HASH": answer}, where an answer is

  a JSON object    sent as it is, shaped as THORNode's
                   QueryTxStatusResponse (tests/vectors/thorchain/
                   tx_status.json)
  "stall"          the request is accepted and never answered
  {"raw": TEXT}    TEXT sent as the body (not JSON)

A hash not in the file gets what THORNode answers for an inbound it
never observed: {"stages": {"inbound_observed": {"started": false,
"completed": false}}}. Any other path: 404 with THORNode's error shape.
Stopped by the test, by PID.
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWERS, PORTFILE = sys.argv[1], sys.argv[2]
UNSEEN = {"stages": {"inbound_observed": {"started": False,
                                          "completed": False}}}
PREFIX = "/thorchain/tx/status/"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        sys.stderr.write("thornode_mock: " + (fmt % args) + "\n")

    def send(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if not self.path.startswith(PREFIX):
            self.send(404, json.dumps({"code": 5, "message": "not found",
                                       "details": []}))
            return
        with open(ANSWERS) as f:
            answers = json.load(f)
        a = answers.get(self.path[len(PREFIX):], UNSEEN)
        if a == "stall":
            threading.Event().wait()  # until the test stops the server
        elif isinstance(a, dict) and "raw" in a:
            self.send(200, a["raw"])
        else:
            self.send(200, json.dumps(a))


srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
srv.daemon_threads = True
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os
os.rename(PORTFILE + ".tmp", PORTFILE)
srv.serve_forever()
