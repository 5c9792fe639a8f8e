#!/usr/bin/env python3
"""taint_ref.py - an independent reference model of tracer's taint
policies over UTXO transactions and account pools, written from
docs/taint.md (not from the C code), Python 3 standard library only.

UTXO: a case is a list of transactions in chain order:
    {"label": str, "time": int,
     "ins": [("coinbase", 0) | (prev_label, vout)],
     "outs": [(address or None, value)]}
plus tags {address: category}, seeds [(label, vout)] and limits.

trace(case, policy, hops, min_) returns a dict with seed_total,
exits {address: amount}, held {address: amount}, fees, unresolved
{reason: amount}, all exact integers.

Accounts: a case is a list of transactions in chain order:
    {"label": str, "time": int, "failed": bool,
     "legs": [(kind, from or None, to or None, value, asset or None)]}
(kind "fee" for a fee; asset None for the native one) plus tags, seed
addresses, since and until (None: unbounded). trace_accounts(case,
policy, hops, min_) returns {asset: the same dict as trace}.
"""

SERVICE = {"exchange", "deposit", "mixer", "bridge", "service", "dex"}


def largest_remainder(total, parts):
    """Split total over parts in proportion to them: floors, then one unit
    each to the largest remainders (ties to the lower index)."""
    w = sum(parts)
    q = [total * p // w for p in parts]
    r = [total * p % w for p in parts]
    k = total - sum(q)
    order = sorted(range(len(parts)), key=lambda i: (-r[i], i))
    for i in order[:k]:
        q[i] += 1
    return q


def cut(line, parts):
    """line: sorted disjoint tainted intervals (start, end); parts laid end
    to end from 0. Returns per part (taint, intervals relative to it)."""
    res, pos = [], 0
    for p in parts:
        lo, hi, mine = pos, pos + p, []
        for s, e in line:
            a, b = max(s, lo), min(e, hi)
            if a < b:
                if mine and mine[-1][1] == a - lo:
                    mine[-1] = (mine[-1][0], b - lo)
                else:
                    mine.append((a - lo, b - lo))
        res.append((sum(b - a for a, b in mine), mine))
        pos = hi
    return res


def tiho(total, outs, fee):
    got = [0] * len(outs)
    rest = total
    for i in sorted(range(len(outs)), key=lambda i: (-outs[i], i)):
        take = min(rest, outs[i])
        got[i] = take
        rest -= take
    fee_t = min(rest, fee)
    return got, fee_t, rest - fee_t


class Coin:
    def __init__(self, addr, value, taint, hop, state, iv):
        self.addr, self.value, self.taint = addr, value, taint
        self.hop, self.state, self.iv = hop, state, iv
        self.spent = False


def trace(case, policy, hops=10, min_=0):
    txs = {t["label"]: t for t in case["txs"]}
    tags = case.get("tags", {})
    seeds = set(tuple(s) for s in case["seeds"])
    coins = {}
    out = {"seed_total": 0, "exits": {}, "held": {}, "fees": 0,
           "unresolved": {}}

    def unres(why, v):
        if v:
            out["unresolved"][why] = out["unresolved"].get(why, 0) + v

    for tx in case["txs"]:
        vals, taints, ivs, hop_in, any_t = [], [], [], None, False
        for prev, n in tx["ins"]:
            c = coins.get((prev, n))
            if prev == "coinbase":
                v = 0
            elif c is not None and not c.spent:
                v = c.value
            elif prev in txs and n < len(txs[prev]["outs"]):
                v = txs[prev]["outs"][n][1]
            else:
                v = 0  # not in the database: clean
            t, iv = 0, []
            if c is not None and not c.spent and prev != "coinbase":
                c.spent = True
                if c.state == "live":
                    t, iv, any_t = c.taint, c.iv, True
                    hop_in = c.hop if hop_in is None else min(hop_in, c.hop)
                else:
                    unres(c.state, c.taint)
            vals.append(v)
            taints.append(t)
            ivs.append(iv)
        label = tx["label"]
        outs = [v for _, v in tx["outs"]]
        is_seed = [(label, j) in seeds for j in range(len(outs))]
        if not any_t and not any(is_seed):
            continue
        fee = max(0, sum(vals) - sum(outs))
        T = sum(taints)
        parts = outs + [fee]
        left = 0
        if not any_t:
            got = [0] * len(parts)
        elif policy == "poison":
            got = list(parts)
        elif sum(parts) == 0 or T == 0:
            got, left = [0] * len(parts), T
        elif policy == "haircut":
            got = largest_remainder(T, parts)
        elif policy in ("fifo", "lifo"):
            order = range(len(vals))
            if policy == "lifo":
                order = reversed(range(len(vals)))
            line, pos = [], 0
            for i in order:
                line += [(pos + a, pos + b) for a, b in ivs[i]]
                pos += vals[i]
            pieces = cut(line, parts)
            got = [p[0] for p in pieces]
        else:
            g, f, left = tiho(T, outs, fee)
            got = g + [f]
        if policy != "poison":
            left = T - sum(got) if policy != "tiho" else left
        hop = (hop_in + 1) if any_t else 0
        for j, (addr, v) in enumerate(tx["outs"]):
            t = got[j]
            h = hop
            iv = pieces[j][1] if policy in ("fifo", "lifo") and any_t \
                and T and sum(parts) else []
            if is_seed[j]:
                out["seed_total"] += v - t
                t, h, iv = v, 0, [(0, v)] if v else []
            if t == 0:
                continue
            if addr is None:
                unres("unspendable", t)
                continue
            if not is_seed[j] and tags.get(addr) in SERVICE:
                out["exits"][addr] = out["exits"].get(addr, 0) + t
                continue
            state = "live"
            if h >= hops and not is_seed[j]:
                state = "hops"
            elif t < min_:
                state = "min"
            coins[(label, j)] = Coin(addr, v, t, h, state, iv)
        if any_t:
            out["fees"] += got[-1]
        unres("missing", left)
    for c in coins.values():
        if not c.spent:
            out["held"][c.addr] = out["held"].get(c.addr, 0) + c.taint
    return out


# ---- accounts (docs/taint.md: pools, sections 2 and 3) ----

class Pool:
    def __init__(self):
        self.bal, self.taint, self.poisoned = 0, 0, False
        self.q = []       # fifo/lifo: [amount, tainted], oldest first
        self.hop = None   # fewest hops of the taint received


def q_push(q, amount, tainted):
    if amount == 0:
        return
    if q and q[-1][1] == tainted:
        q[-1][0] += amount
    else:
        q.append([amount, tainted])


def take(p, v, policy):
    """Takes v out of pool p; returns (tainted part, chunk or None)."""
    t, chunk = 0, None
    if policy in ("fifo", "lifo"):
        chunk, left = [], v
        while left and p.q:
            g = p.q[-1] if policy == "lifo" else p.q[0]
            n = min(left, g[0])
            q_push(chunk, n, g[1])
            t += n if g[1] else 0
            g[0] -= n
            left -= n
            if g[0] == 0:
                p.q.pop(-1 if policy == "lifo" else 0)
        q_push(chunk, left, False)  # beyond the known balance: clean
        if policy == "lifo":
            # taken newest first, carried in queue (arrival) order
            chunk = [list(g) for g in reversed(chunk)]
    elif policy == "poison":
        t = v if p.poisoned else 0
    elif v >= p.bal:
        t = p.taint
    else:
        t = v * p.taint // p.bal
    p.bal = max(0, p.bal - v)
    if policy != "poison":
        p.taint -= t
    return t, chunk


def put(p, v, t, chunk, policy):
    p.bal += v
    if policy == "poison":
        p.poisoned = p.poisoned or t > 0
        return
    p.taint += t
    if policy in ("fifo", "lifo"):
        if chunk is not None:
            for a, tainted in chunk:
                q_push(p.q, a, tainted)
        else:
            q_push(p.q, t, True)
            q_push(p.q, v - t, False)


def trace_accounts(case, policy, hops=10, min_=0):
    tags = case.get("tags", {})
    seeds = set(case["seed_addrs"])
    since, until = case.get("since"), case.get("until")
    pools, res = {}, {}

    def acc(asset):
        if asset not in res:
            res[asset] = {"seed_total": 0, "exits": {}, "held": {},
                          "fees": 0, "unresolved": {}}
        return res[asset]

    def pool(addr, asset):
        return pools.setdefault((addr, asset), Pool())

    def is_exit(addr):
        return addr not in seeds and tags.get(addr) in SERVICE

    for tx in case["txs"]:
        for kind, frm, to, v, asset in tx["legs"]:
            if tx.get("failed") and kind != "fee":
                continue  # a failed transaction only pays its fee
            out, t, chunk, hop = acc(asset), 0, None, 0
            if frm is not None:
                p = pool(frm, asset)
                t, chunk = take(p, v, policy)
                hop = 0 if p.hop is None else p.hop + 1
                why = None
                if t and until is not None and tx["time"] > until:
                    why = "until"
                elif t and p.hop >= hops:
                    why = "hops"  # also a fee: the pool's taint stops
                elif t and to is not None and t < min_:
                    why = "min"
                if why:
                    out["unresolved"][why] = \
                        out["unresolved"].get(why, 0) + t
                    t, chunk = 0, None
            if to is None:
                if t and kind == "fee":
                    out["fees"] += t
                elif t:
                    out["unresolved"]["unspendable"] = \
                        out["unresolved"].get("unspendable", 0) + t
                continue
            if to in seeds and (since is None or tx["time"] >= since):
                out["seed_total"] += v - t
                t, chunk, hop = v, None, 0
            elif t and is_exit(to):
                out["exits"][to] = out["exits"].get(to, 0) + t
                t, chunk = 0, None
            q = pool(to, asset)
            if t:
                q.hop = hop if q.hop is None else min(q.hop, hop)
            put(q, v, t, chunk if t else None, policy)
    for (addr, asset), p in pools.items():
        v = (p.bal if p.poisoned else 0) if policy == "poison" else p.taint
        if v and not is_exit(addr):
            h = acc(asset)["held"]
            h[addr] = h.get(addr, 0) + v
    return res
