#!/usr/bin/env python3
"""A JSON-RPC proxy in front of anvil that lies, for eth_verify.sh.

eth_liar.py UPSTREAM MODE TXHASH ADDR: forwards every request (single or
batch) to UPSTREAM and, in MODE, alters what concerns transaction TXHASH
(its callTracer tree in debug_traceBlockByNumber) or address ADDR:

  forged          a CALL frame of 1 ETH from the callee to ATTACKER added
                  below the top frame (consistent with the call tree)
  forged-context  the same frame, but made by ADDR, which is not running
  hidden          the top frame's sub-calls removed
  eoa             a CALL of 1 ETH from the callee (an account without
                  code) to ATTACKER added
  top-value       the top frame's value raised by 1 wei
  opening         eth_getProof of ADDR claims 1000 ETH more
  getbalance      eth_getBalance of ADDR says 1000 ETH more (not used
                  while proofs are)

Prints its port on stdout, then serves until killed.
"""
import http.server
import json
import sys
import urllib.request

UPSTREAM, MODE, TXHASH, ADDR = sys.argv[1], sys.argv[2], \
    sys.argv[3].lower(), sys.argv[4].lower()
ATTACKER = "0x00000000000000000000000000000000a77ac4e5"
E1000 = 1000 * 10**18


def frame(sender, value):
    return {"type": "CALL", "from": sender, "to": ATTACKER,
            "value": hex(value), "gas": "0x0", "gasUsed": "0x0",
            "input": "0x", "output": "0x"}


def lie_trace(top):
    callee = top.get("to")
    if MODE == "forged":
        top.setdefault("calls", []).append(frame(callee, 10**18))
    elif MODE == "forged-context":
        top.setdefault("calls", []).append(frame(ADDR, 10**18))
    elif MODE == "hidden":
        top.pop("calls", None)
    elif MODE == "eoa":
        top.setdefault("calls", []).append(frame(callee, 10**18))
    elif MODE == "top-value":
        top["value"] = hex(int(top.get("value", "0x0"), 16) + 1)


def lie(req, res):
    m, p, r = req.get("method"), req.get("params") or [], res.get("result")
    if m == "debug_traceBlockByNumber" and isinstance(r, list):
        for t in r:
            if (t.get("txHash") or "").lower() == TXHASH:
                lie_trace(t["result"])
    elif m == "eth_getProof" and MODE == "opening" and r and \
            r.get("address", "").lower() == ADDR:
        r["balance"] = hex(int(r["balance"], 16) + E1000)
    elif m == "eth_getBalance" and MODE == "getbalance" and r and \
            p and p[0].lower() == ADDR:
        res["result"] = hex(int(r, 16) + E1000)
    return res


class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        up = urllib.request.Request(UPSTREAM, body,
                                    {"content-type": "application/json"})
        out = json.load(urllib.request.urlopen(up))
        req = json.loads(body)
        if isinstance(req, list):
            byid = {x.get("id"): x for x in req}
            out = [lie(byid.get(x.get("id"), {}), x) for x in out]
        else:
            out = lie(req, out)
        data = json.dumps(out).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    print(s.server_address[1], flush=True)
    s.serve_forever()


main()
