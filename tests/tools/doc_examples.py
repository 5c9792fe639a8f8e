"""The `tracer ...` command lines in the code blocks of README.md and
docs/*.md: python3 tests/tools/doc_examples.py TRACER DEMO_DIR.

Every line (a synopsis or an example; a trailing backslash joins the
next line) is parsed: its command exists (`tracer CMD --help` exits 0)
and every long option it names is one that command's --help (or the
global help) lists. Concrete examples that need no node -- no URL, no
placeholder, no synopsis brackets -- are also run, on a copy of the
demo database, with the README's sample names mapped to the demo's
(hack.json: the demo case; bc1q...: its seed; demo-out/: the demo's
directory) and must exit 0, and one that writes JSON to stdout must
write one JSON document; `serve` is only parsed (it runs until stopped). Prints "run|parsed|FAIL FILE:
LINE" per line; exits 1 on any FAIL.
"""
import glob
import json
import os
import re
import shlex
import subprocess
import sys

tracer, demo = sys.argv[1], sys.argv[2]
OPT = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")


def help_of(*args):
    p = subprocess.run([tracer, *args, "--help"], capture_output=True,
                       text=True)
    return p.returncode, p.stdout


_, top = help_of()
glob_opts = set(OPT.findall(top.split("Global options:")[1]))
case = json.load(open(demo + "/case.json"))
seed = case["seeds"][0] if isinstance(case["seeds"][0], str) else \
    case["seeds"][0].get("address", "")
SUBST = {"hack.json": demo + "/case.json", "bc1q...": seed,
         "report.html": demo + "/out.html", "flow.dot": demo + "/out.dot",
         "exchange-wallets.yaml": demo + "/tags.csv",
         "usd.csv": demo + "/usd.csv"}
# files the examples name that no node could give: written here
with open(demo + "/usd.csv", "w") as f:
    f.write("date,asset,currency,price\n")
    for d in range(1, 32):
        f.write("2024-03-%02d,BTC,USD,61234.56\n" % d)


def lines():
    for p in ["README.md"] + sorted(glob.glob("docs/*.md")):
        text = open(p, encoding="utf-8").read()
        for m in re.finditer(r"^```[a-z]*\n(.*?)^```", text, re.M | re.S):
            base = text[:m.start()].count("\n") + 2
            block = m.group(1).split("\n")
            i = 0
            while i < len(block):
                line, n = block[i].strip(), i
                while line.endswith("\\") and i + 1 < len(block):
                    i += 1
                    line = line[:-1] + " " + block[i].strip()
                i += 1
                if line.startswith("$ "):
                    line = line[2:]
                if re.match(r"tracer\s", line):
                    yield "%s:%d" % (p, base + n), \
                        re.split(r"\s+#\s", line)[0].strip()


def command(words):
    """The command after the global options."""
    i = 1
    while i < len(words):
        w = words[i]
        if w == "--db":
            i += 2
        elif w.startswith("-") or w.startswith("["):
            i += 1
        else:
            return w
    return None


def demo_path(w):
    """demo-out/X, the demo's directory in the docs: the copy here (and
    `tracer demo --out demo-out` a new one beside it)."""
    if w == "demo-out":
        return demo + "/again"
    if w.startswith("demo-out/"):
        return demo + w[len("demo-out"):]
    return w


def writes_json(cmd, argv):
    """The example writes a JSON document to stdout."""
    fmt = argv[argv.index("--format") + 1] if "--format" in argv[:-1] \
        else None
    return cmd == "decode" or ("-o" not in argv and
                               ("--json" in argv or fmt == "json"))


def is_json(text):
    try:
        json.loads(text)
        return True
    except ValueError:
        return False


scratch = demo + "/cwd"
os.makedirs(scratch, exist_ok=True)
bad = 0
for where, line in lines():
    words = line.replace("(", " ").replace(")", " ").split()
    cmd = command(words)
    if cmd is None or "<command>" in line:
        print("parsed " + where)
        continue
    rc, h = help_of(cmd)
    unknown = sorted(set(OPT.findall(line)) - set(OPT.findall(h)) -
                     glob_opts - {"--help"})
    if rc or unknown:
        print("FAIL %s: %s: %s" % (where, line, "no such command" if rc
                                   else "not in --help: " +
                                   " ".join(unknown)))
        bad += 1
        continue
    synopsis = re.search(r"[\[|<]|\.\.\.(?!\s*$)|\b[A-Z]{2,}\b", line)
    remote = re.search(r"https?://|--blocks|crawl|serve|~/|\.\.\.", line)
    plain = line.replace("bc1q...", "")
    if synopsis and not (re.fullmatch(r"[^\[|<]*", plain) and
                         not re.search(r"\b[A-Z]{2,}\b", plain)) or remote:
        if not ("bc1q..." in line and not re.search(
                r"https?://|crawl|serve|\[|\|", line)):
            print("parsed " + where)
            continue
    argv = [demo_path(SUBST.get(w, w)) for w in shlex.split(line)]
    if argv[1:2] == ["--db"]:  # the demo's own (demo-out/db): given below
        argv = argv[:1] + argv[3:]
    if cmd == "case" and "init" in argv:  # case init writes a new file
        argv = [demo + "/new.json" if a == demo + "/case.json" else a
                for a in argv]
    if "block.bin" in line:  # a block from a node: parsed only
        print("parsed " + where)
        continue
    argv = [tracer, "--db", demo + "/db"] + argv[1:]
    # run in a scratch folder: what an example writes by a relative name
    # (`-o hack-graph`) lands there, not in the source tree
    p = subprocess.run(argv, capture_output=True, text=True, timeout=300,
                       cwd=scratch)
    if p.returncode:
        print("FAIL %s: %s: exit %d: %s" % (where, line, p.returncode,
                                           p.stderr.strip()[:300]))
        bad += 1
    elif writes_json(cmd, argv) and not is_json(p.stdout):
        print("FAIL %s: %s: stdout is not one JSON document: %s" %
              (where, line, p.stdout.strip()[:300]))
        bad += 1
    else:
        print("run " + where)
sys.exit(1 if bad else 0)
