#!/usr/bin/env python3
"""compare.py - runs random UTXO cases through the reference model
(taint_ref.py) and through `tracer trace --json`, and compares seed total,
exits, held, fees and unresolved (per reason) exactly, per policy.

usage: compare.py TRACER GEN_STORE WORKDIR [CASES [SEED]]
Prints one line per mismatch (with the case file kept in WORKDIR) and
ends with "reference: N passed, N failed, 0 skipped".
"""
import hashlib
import json
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import taint_ref  # noqa: E402

POLICIES = ["poison", "haircut", "fifo", "lifo", "tiho"]
EXCH = {"X1": "exchange", "X2": "exchange", "M1": "mixer"}
ADDRS = ["A%d" % i for i in range(9)] + list(EXCH)


def display_txid(label):
    # Bitcoin shows txids byte-reversed; the fixture's txid is SHA-256.
    return hashlib.sha256(label.encode()).digest()[::-1].hex()


def gen_case(rng):
    txs, unspent = [], []
    for i in range(rng.randint(2, 5)):
        v = rng.randint(1, 10 ** 8)
        txs.append({"label": "c%d" % i, "time": i + 1,
                    "ins": [("coinbase", 0)],
                    "outs": [(rng.choice(ADDRS[:9]), v)]})
        unspent.append(("c%d" % i, 0, v))
    for k in range(rng.randint(3, 25)):
        if not unspent:
            break
        ins, total = [], 0
        for _ in range(rng.randint(1, 3)):
            if not unspent:
                break
            lab, n, v = unspent.pop(rng.randrange(len(unspent)))
            ins.append((lab, n))
            total += v
        if rng.random() < 0.1:
            ins.append(("ghost%d" % k, 0))
        fee = rng.randint(0, total // 10) if rng.random() < 0.7 else 0
        left, outs = total - fee, []
        n_out = rng.randint(1, 4)
        for j in range(n_out):
            v = left if j == n_out - 1 else rng.randint(0, left)
            left -= v
            addr = None if rng.random() < 0.03 else rng.choice(ADDRS)
            outs.append((addr, v))
            if addr and addr not in EXCH:
                unspent.append(("t%d" % k, j, v))
        txs.append({"label": "t%d" % k, "time": 100 + k, "ins": ins,
                    "outs": outs})
    seeds = [("c0", 0)]
    if rng.random() < 0.5 and len(txs) > 3:
        t = rng.choice(txs[1:])
        seeds.append((t["label"], rng.randrange(len(t["outs"]))))
    return {"txs": txs, "tags": EXCH, "seeds": seeds}


def fixture(case):
    lines = ["chain btc"]
    for a, cat in sorted(case["tags"].items()):
        lines.append("tag %s %s Ent%s" % (a, cat, a))
    for t in case["txs"]:
        ins = " ".join("coinbase" if p == "coinbase" else "%s:%d" % (p, n)
                       for p, n in t["ins"])
        outs = " ".join("%s=%d" % (a or "-", v) for a, v in t["outs"])
        lines.append("tx %s %d | %s | %s" % (t["label"], t["time"], ins,
                                             outs))
    return "\n".join(lines) + "\n"


def run_tracer(tracer, db, case, policy, hops, min_):
    cmd = [tracer, "--db", db, "trace", "--chain", "btc", "--json",
           "--policy", policy, "--hops", str(hops), "--min", str(min_),
           "--hub-txs", "0", "--no-cluster"]
    for lab, n in case["seeds"]:
        cmd += ["--seed-tx", "%s:%d" % (display_txid(lab), n)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode:
        raise RuntimeError("tracer failed (%d): %s" % (p.returncode,
                                                        p.stderr.strip()))
    return json.loads(p.stdout)


def from_json(doc):
    a = doc["assets"][0]
    ex, held = {}, {}
    for x in doc["exits"]:
        ex[x["address"]] = ex.get(x["address"], 0) + int(x["amount"])
    for h in doc["held"]:
        held[h["address"]] = held.get(h["address"], 0) + int(h["amount"])
    unres = {k: int(v) for k, v in a["unresolved_by"].items() if int(v)}
    return {"seed_total": int(a["seed_total"]), "exits": ex, "held": held,
            "fees": int(a["fees"]), "unresolved": unres,
            "balanced": a["balanced"]}


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    tracer, gen, work = sys.argv[1:4]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 50
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 6)
    passed = failed = 0
    for i in range(n):
        case = gen_case(rng)
        hops = rng.choice([1, 2, 3, 10])
        min_ = rng.choice([0, 0, 0, 10 ** 6])
        path = os.path.join(work, "case%d.txt" % i)
        db = os.path.join(work, "db%d" % i)
        with open(path, "w") as f:
            f.write(fixture(case))
        subprocess.run([gen, db, path], check=True)
        ok = True
        for pol in POLICIES:
            want = taint_ref.trace(case, pol, hops, min_)
            got = from_json(run_tracer(tracer, db, case, pol, hops, min_))
            bal = got.pop("balanced")
            if got != want or bal != (None if pol == "poison" else True):
                ok = False
                print("FAIL reference case %d (%s, hops %d, min %d): "
                      "tracer %s != reference %s (case in %s)"
                      % (i, pol, hops, min_, got, want, path))
        if ok:
            passed += 1
            subprocess.run(["rm", "-rf", db, path])
        else:
            failed += 1
    print("reference: %d passed, %d failed, 0 skipped" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
