"""Checks that a report shows the numbers of `tracer trace --json`.

usage: report_check.py TRACE_JSON FORMAT REPORT [CASE_INDEX]

json: the report's trace object equals trace --json field by field (the
report may add fields). md, html: every amount of the identity, of every
exit and of every held entry appears, formatted with the asset's decimals.
csv: the summary and exit rows carry the same base-unit amounts.
Prints what differs and exits 1.
"""
import csv
import html
import json
import sys


def fmt(units, decimals):
    """Base units as tracer formats them: decimals, trailing zeros trimmed."""
    s = str(int(units)).rjust(decimals + 1, "0")
    whole, frac = (s[:-decimals], s[-decimals:]) if decimals else (s, "")
    frac = frac.rstrip("0")
    return whole + ("." + frac if frac else "")


def amounts(t):
    dec = {a["asset"]: a["decimals"] for a in t["assets"]}
    out = []
    for a in t["assets"]:
        for k in ("seed_total", "exits_total", "held", "fees", "unresolved"):
            out.append((k, a["asset"], a[k], fmt(a[k], a["decimals"])))
    for x in t["exits"]:
        out.append(("exit " + x["address"], x["asset"], x["amount"],
                    fmt(x["amount"], dec[x["asset"]])))
    for h in t["held"]:
        out.append(("held " + h["address"], h["asset"], h["amount"],
                    fmt(h["amount"], dec[h["asset"]])))
    return out


def check_json(t, path, idx):
    r = json.load(open(path))["cases"][idx]["trace"]
    bad = []
    for k, v in t.items():
        if k == "exits":
            for a, b in zip(v, r[k]):
                bad += [(k, kk) for kk in a if a[kk] != b.get(kk)]
            if len(v) != len(r[k]):
                bad.append((k, "length"))
        elif r.get(k) != v:
            bad.append((k, r.get(k), v))
    return bad


def check_text(t, path, unescape):
    text = open(path, encoding="utf-8").read()
    if unescape:
        text = html.unescape(text)
    return [(what, f) for what, asset, _, f in amounts(t)
            if f + " " + asset not in text]


def check_csv(t, path):
    rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
    got = {(r["section"], r["key"], r["address"], r["asset"]): r["amount"]
           for r in rows}
    bad = []
    for a in t["assets"]:
        for k in ("seed_total", "exits_total", "held", "fees", "unresolved"):
            if got.get(("summary", k, "", a["asset"])) != a[k]:
                bad.append((k, a[k]))
    for x in t["exits"]:
        if got.get(("exit", "", x["address"], x["asset"])) != x["amount"]:
            bad.append(("exit", x["address"], x["amount"]))
    for h in t["held"]:
        if got.get(("held", "", h["address"], h["asset"])) != h["amount"]:
            bad.append(("held", h["address"], h["amount"]))
    return bad


def main():
    t = json.load(open(sys.argv[1]))
    form, path = sys.argv[2], sys.argv[3]
    idx = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    if form == "json":
        bad = check_json(t, path, idx)
    elif form == "csv":
        bad = check_csv(t, path)
    else:
        bad = check_text(t, path, form == "html")
    if not amounts(t)[0][2]:
        bad.append(("empty trace",))
    for b in bad:
        print("differs:", *b)
    sys.exit(1 if bad else 0)


main()
