"""Checks a tracer JSON result against docs/json.md's rules.

usage: json_shape.py FILE [KEY...]
The document must be an object with a "warnings" array and the top-level
KEYs given, in that order; every time string has its "_unix" twin (and
the same instant), every tag object has the one shape, every amount is a
string of digits, and a result holding addresses names its chain and
network. Prints "ok" or the first problem.
"""
import datetime
import json
import re
import sys

TAG_KEYS = ["chain", "network", "address", "entity", "category", "source",
            "confidence", "actor", "inferred", "evidence"]
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
AMOUNT_KEYS = {"amount", "balance", "received", "sent", "seed_total",
               "exits_total", "held", "fees", "in", "out"}
# provenance stamps without a _unix twin (docs/json.md)
NO_TWIN = {"generated"}


def problems(d, path):
    if isinstance(d, list):
        for i, v in enumerate(d):
            yield from problems(v, "%s[%d]" % (path, i))
        return
    if not isinstance(d, dict):
        return
    if "source" in d and "entity" in d and "confidence" in d:
        if list(d) != TAG_KEYS:
            yield "%s: tag keys %s, expected %s" % (path, list(d), TAG_KEYS)
    for k, v in d.items():
        p = "%s.%s" % (path, k)
        if isinstance(v, str) and ISO.match(v) and k not in NO_TWIN:
            u = d.get(k + "_unix", "absent")
            t = datetime.datetime.strptime(v, "%Y-%m-%dT%H:%M:%SZ")
            t = int(t.replace(tzinfo=datetime.timezone.utc).timestamp())
            if u != t:
                yield "%s: %s_unix is %r, expected %d" % (p, k, u, t)
        if (k == "time" or k.endswith("_time")) and \
                isinstance(v, int) and not isinstance(v, bool):
            yield "%s: time %r is a number, not an ISO string" % (p, v)
        if k.endswith("_unix") and v is None and d.get(k[:-5]) is not None:
            yield "%s: null beside %r" % (p, d.get(k[:-5]))
        if k in AMOUNT_KEYS and not path.endswith(".formatted") and \
                not isinstance(v, (dict, list)) and \
                v is not None and not isinstance(v, bool):
            if not (isinstance(v, str) and re.match(r"^-?\d+$", v)):
                yield "%s: amount %r is not a string of base units" % (p, v)
        yield from problems(v, p)


def holds_address(d):
    if isinstance(d, dict) and list(d) == TAG_KEYS:
        return False  # a tag object names its own chain and network
    if isinstance(d, dict):
        return "address" in d or any(holds_address(v) for v in d.values())
    if isinstance(d, list):
        return any(holds_address(v) for v in d)
    return False


def main():
    d = json.load(open(sys.argv[1]))
    want = sys.argv[2:]
    if not isinstance(d, dict):
        return "not an object"
    if not isinstance(d.get("warnings"), list):
        return "no warnings array"
    keys = [k for k in d if k in want]
    if keys != want:
        return "top-level keys %s, expected %s in order" % (list(d), want)
    for p in problems(d, "$"):
        return p
    # a result holding addresses names its chain and network at its top
    # level (the report: in each case's trace)
    tops = [c["trace"] for c in d["cases"]] if "cases" in d and \
        isinstance(d["cases"], list) and d["cases"] and \
        "trace" in d["cases"][0] else [d]
    if "addresses" in d and isinstance(d["addresses"], list):
        tops = d["addresses"]
    if "files" in d or "tags" in d and "count" in d:
        tops = []  # lists of tag objects, each with chain and network
    for t in tops:
        if holds_address(t) and not ("chain" in t and "network" in t):
            return "holds addresses but has no chain and network: %s" % \
                list(t)
    return "ok"


print(main())
