#!/usr/bin/env python3
"""date_offsets.py BIN [DIR] [--pred FILE] [--show N]: how far event dates lie
from their article's date.

Runs `BIN extract DIR --json` (DIR defaults to ../../shared/data/news beside
the repo, i.e. /work/shared/data/news) or reads an earlier output with --pred,
and prints the distribution of (event date - document date) in days over the
events of dated documents, and the share of those events that land 250-366
days before their article (the sign of a date resolved into the wrong year).
--show N prints up to N of those events with their evidence text."""
import argparse
import collections
import datetime
import json
import os
import subprocess
import sys

BUCKETS = [
    (-10**6, -367, "< -366"),
    (-366, -250, "-366..-250"),
    (-249, -31, "-249..-31"),
    (-30, -8, "-30..-8"),
    (-7, -1, "-7..-1"),
    (0, 0, "0"),
    (1, 7, "1..7"),
    (8, 30, "8..30"),
    (31, 249, "31..249"),
    (250, 366, "250..366"),
    (367, 10**6, "> 366"),
]


def day(s):
    return datetime.date.fromisoformat(s) if s else None


def texts(sources):
    """Article texts by `path#id` source, for evidence."""
    out = {}
    files = collections.defaultdict(set)
    for s in sources:
        path, _, ident = s.partition("#")
        if ident:
            files[path].add(ident)
    for path, ids in files.items():
        try:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    d = json.loads(line)
                    if d.get("id") in ids:
                        out[f"{path}#{d['id']}"] = d.get("text", "").encode("utf-8")
        except (OSError, ValueError):
            pass
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bin", nargs="?", help="dyad binary")
    ap.add_argument("dir", nargs="?",
                    default=os.path.normpath(os.path.join(here, "../../../shared/data/news"))
                    if not os.path.isdir("/work/shared/data/news") else "/work/shared/data/news")
    ap.add_argument("--pred", help="read this `extract --json` output instead of running BIN")
    ap.add_argument("--show", type=int, default=0)
    a = ap.parse_args()
    if a.pred:
        lines = open(a.pred, encoding="utf-8").read().splitlines()
    elif a.bin:
        run = subprocess.run([a.bin, "extract", a.dir, "--json"], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"{a.bin} extract failed: {run.stderr.strip()[:500]}")
        lines = run.stdout.splitlines()
    else:
        sys.exit("usage: date_offsets.py BIN [DIR] [--pred FILE] [--show N]")

    offsets, far, total, undated_docs = [], [], 0, 0
    for line in lines:
        if not line.strip():
            continue
        d = json.loads(line)
        doc = day(d["doc"].get("date"))
        evs = d.get("events", [])
        total += len(evs)
        if doc is None:
            undated_docs += len(evs)
            continue
        for e in evs:
            ed = day(e.get("date"))
            if ed is None:
                continue
            off = (ed - doc).days
            offsets.append(off)
            if -366 <= off <= -250:
                far.append((d["doc"], e, off))

    n = len(offsets)
    print(f"events: {total}; in dated documents with a date: {n}; in undated documents: {undated_docs}")
    if n == 0:
        return
    counts = collections.Counter()
    for off in offsets:
        for lo, hi, name in BUCKETS:
            if lo <= off <= hi:
                counts[name] += 1
    print(f"{'offset (days)':>14} {'events':>7} {'share':>7}")
    for _, _, name in BUCKETS:
        c = counts[name]
        print(f"{name:>14} {c:7d} {c / n:7.2%}")
    same = sum(1 for o in offsets if o == 0)
    print(f"same day as the article: {same / n:.2%}; after it: {sum(1 for o in offsets if o > 0) / n:.2%}")
    print(f"250-366 days before the article: {len(far)} of {n} = {len(far) / n:.2%}")
    if a.show and far:
        txt = texts({doc["source"] for doc, _, _ in far})
        for doc, e, off in far[: a.show]:
            s, t = e["evidence"]
            body = txt.get(doc["source"], b"")
            ev = body[s:t].decode("utf-8", "replace").replace("\n", " ")
            print(f"\n{doc['source'].rsplit('#', 1)[-1]} doc {doc['date']} event {e['date']} ({off:+d}) "
                  f"{e['code']} {e['source']}->{e['target']}\n  {ev[:300]}")


if __name__ == "__main__":
    main()
