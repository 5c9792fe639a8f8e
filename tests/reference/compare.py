#!/usr/bin/env python3
"""compare.py - runs random UTXO cases and random account histories
through the reference model (taint_ref.py) and through `tracer trace
--json`, and compares seed total, exits, held, fees and unresolved (per
reason) exactly, per policy (and per asset on accounts).

usage: compare.py TRACER GEN_STORE WORKDIR [CASES [SEED]]
CASES of each model. Prints one line per mismatch (with the case file
kept in WORKDIR) and ends with "reference: N passed, N failed, 0 skipped".
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
    seeds = []
    for lab, n in case["seeds"]:
        seeds += ["--seed-tx", "%s:%d" % (display_txid(lab), n)]
    return trace_json(tracer, db, "btc", policy, hops, min_, seeds)


def trace_json(tracer, db, chain, policy, hops, min_, args):
    """`tracer trace --json` without hubs or clustering, as the models."""
    cmd = [tracer, "--db", db, "trace", "--chain", chain, "--json",
           "--policy", policy, "--hops", str(hops), "--min", str(min_),
           "--hub-txs", "0", "--no-cluster"] + args
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


# ---- accounts ----

ACC_POLICIES = ["poison", "haircut", "fifo", "lifo", "tiho"]
# digits only: their EIP-55 checksum form is themselves
EADDRS = ["0x%040d" % i for i in range(1, 9)]
EEXCH = {"0x%040d" % 901: "exchange", "0x%040d" % 902: "deposit"}
TOKEN = "0x%040d" % 777


def gen_accounts(rng):
    """A random account history: the seed's opening balance, clean money
    mixed in before and after, payments with their fee first, token
    transfers, internal transfers by a forwarder, failed transactions,
    credits from nowhere, deposits to the exchanges."""
    seed = EADDRS[0]
    everyone = EADDRS + list(EEXCH)
    txs = [{"label": "o", "time": 1, "failed": False,
            "legs": [("opening", None, seed, rng.randint(1, 10 ** 6),
                      None),
                     ("token", None, seed, rng.randint(1, 10 ** 4),
                      TOKEN)]}]
    for k in range(rng.randint(3, 30)):
        frm = rng.choice(EADDRS)
        to = rng.choice(everyone)
        legs = [("fee", frm, None, rng.randint(0, 300), None)]
        legs.append(("native", frm, to, rng.randint(0, 60000), None))
        if rng.random() < 0.25 and to in EADDRS:  # a forwarder contract
            legs.append(("internal", to, rng.choice(everyone),
                         rng.randint(0, 60000), None))
        if rng.random() < 0.3:
            legs.append(("token", frm, rng.choice(everyone),
                         rng.randint(0, 3000), TOKEN))
        if rng.random() < 0.2:
            legs.append(("reward", None, rng.choice(EADDRS),
                         rng.randint(1, 20000), None))
        txs.append({"label": "e%d" % k, "time": k + 2,
                    "failed": rng.random() < 0.1, "legs": legs})
    case = {"txs": txs, "tags": EEXCH, "seed_addrs": [seed],
            "since": None, "until": None}
    if rng.random() < 0.2:
        case["since"] = rng.randint(1, 6)
    if rng.random() < 0.2:
        case["until"] = rng.randint(8, 30)
    return case


def acc_fixture(case):
    lines = ["chain eth"]
    for a, cat in sorted(case["tags"].items()):
        lines.append("tag %s %s Ent%s" % (a, cat, a[-3:]))
    for t in case["txs"]:
        legs = " | ".join("%s %s %s %d%s" % (k, f or "-", to or "-", v,
                                             " " + a if a else "")
                          for k, f, to, v, a in t["legs"])
        lines.append("ev %s %d%s | %s" % (t["label"], t["time"],
                                          " failed" if t["failed"] else "",
                                          legs))
    return "\n".join(lines) + "\n"


def run_tracer_acc(tracer, db, case, policy, hops, min_):
    args = []
    for a in case["seed_addrs"]:
        args += ["--seed", a]
    for k in ("since", "until"):
        if case[k] is not None:
            args += ["--" + k, str(case[k])]
    return trace_json(tracer, db, "eth", policy, hops, min_, args)


def from_json_acc(doc):
    """{asset: result} with None for the native asset."""
    res = {}
    for a in doc["assets"]:
        name = None if a["asset"] == "ETH" else a["asset"]
        res[name] = {
            "seed_total": int(a["seed_total"]), "exits": {}, "held": {},
            "fees": int(a["fees"]),
            "unresolved": {k: int(v) for k, v in a["unresolved_by"].items()
                           if int(v)},
            "balanced": a["balanced"]}
    for key in ("exits", "held"):
        for x in doc[key]:
            name = None if x["asset"] == "ETH" else x["asset"]
            d = res[name][key]
            d[x["address"]] = d.get(x["address"], 0) + int(x["amount"])
    return res


def empty(r):
    return not (r["seed_total"] or r["exits"] or r["held"] or r["fees"]
                or r["unresolved"])


def compare_accounts(tracer, gen, work, i, rng):
    case = gen_accounts(rng)
    hops = rng.choice([1, 2, 3, 10])
    min_ = rng.choice([0, 0, 0, 500])
    path = os.path.join(work, "acase%d.txt" % i)
    db = os.path.join(work, "adb%d" % i)
    with open(path, "w") as f:
        f.write(acc_fixture(case))
    subprocess.run([gen, db, path], check=True)
    ok = True
    for pol in ACC_POLICIES:
        model = "haircut" if pol == "tiho" else pol
        want = taint_ref.trace_accounts(case, model, hops, min_)
        got = from_json_acc(run_tracer_acc(tracer, db, case, pol, hops,
                                           min_))
        bal = {a: r.pop("balanced") for a, r in got.items()}
        want = {a: r for a, r in want.items() if not empty(r)}
        got = {a: r for a, r in got.items() if not empty(r)}
        if got != want or any(b != (None if pol == "poison" else True)
                              for b in bal.values()):
            ok = False
            print("FAIL reference account case %d (%s, hops %d, min %d): "
                  "tracer %s != reference %s (case in %s)"
                  % (i, pol, hops, min_, got, want, path))
    if ok:
        subprocess.run(["rm", "-rf", db, path])
    return ok


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
    for i in range(n):
        if compare_accounts(tracer, gen, work, i, rng):
            passed += 1
        else:
            failed += 1
    print("reference: %d passed, %d failed, 0 skipped" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
