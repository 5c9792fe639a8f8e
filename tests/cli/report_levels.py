#!/usr/bin/env python3
"""Prints "ADDRESS LEVEL" for each exit of a report, one a line, in the
order the report lists them, for test_report_levels.

usage: report_levels.py md|html|json|csv FILE
md and html: the rows of the exits table (the one with a Provenance
column); json: cases[0].trace.exits[].provenance; csv: the exit rows'
provenance column.
"""
import csv
import html.parser
import json
import sys


class Rows(html.parser.HTMLParser):
    """The cells of every table row, as text."""

    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(self.cell.strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def table(rows):
    """(address, level) of the rows after the header with Provenance."""
    out, cols = [], None
    for r in rows:
        if "Provenance" in r and "Address" in r:
            cols = (r.index("Address"), r.index("Provenance"))
        elif cols and len(r) > max(cols):
            out.append((r[cols[0]].strip("`"), r[cols[1]]))
        else:
            cols = None
    return out


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    text = open(path, encoding="utf-8").read()
    if fmt == "md":
        rows = [[c.strip() for c in line.strip().strip("|").split("|")]
                for line in text.splitlines() if line.startswith("|")]
        got = table(r for r in rows if not set("".join(r)) <= set("-:"))
    elif fmt == "html":
        p = Rows()
        p.feed(text)
        got = table(p.rows)
    elif fmt == "json":
        d = json.loads(text)
        got = [(x["address"], x["provenance"])
               for x in d["cases"][0]["trace"]["exits"]]
    else:
        got = [(r["address"], r["provenance"])
               for r in csv.DictReader(text.splitlines())
               if r["section"] == "exit"]
    for a, lvl in got:
        print(a, lvl)


if __name__ == "__main__":
    main()
