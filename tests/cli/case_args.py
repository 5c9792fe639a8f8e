"""Prints a case file's trace as `tracer trace` options, one per line:
for builds whose `tracer trace` has no --case yet. usage: case_args.py FILE
"""
import json
import sys

c = json.load(open(sys.argv[1]))
args = ["--chain", c["chain"]]
if c.get("network"):
    args += ["--network", c["network"]]
for s in c["seeds"]:
    args += ["--seed-tx" if len(s.split(":")[0]) == 64 and ":" in s
             else "--seed", s]
if c.get("policy"):
    args += ["--policy", c["policy"]]
lim = c.get("limits", {})
for k, o in (("hops", "--hops"), ("min", "--min"), ("hub_txs", "--hub-txs"),
             ("since", "--since"), ("until", "--until")):
    if k in lim:
        args += [o, str(lim[k])]
if "stop_at" in lim:
    args += ["--stop-at", ",".join(lim["stop_at"])]
print("\n".join(args))
