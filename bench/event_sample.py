#!/usr/bin/env python3
"""event_sample.py BIN [--seed N] [--n K] [--judged FILE]: draws K events at random
(fixed seed) from `BIN extract ../shared/data/news --json --text` and prints each
with its evidence sentence, for judging by hand. The corpus is third-party text,
so nothing of it is written to the repo: a judged sample is kept as a TSV of
document id, evidence offsets, the event and the verdict (see
bench/judged/README.md). With --judged FILE, prints the verdict tally of FILE
and checks that its rows are the events this binary draws with that seed."""
import argparse, json, os, random, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
news = os.path.join(here, "..", "..", "shared", "data", "news")
ap = argparse.ArgumentParser()
ap.add_argument("bin")
ap.add_argument("--seed", type=int, default=2026)
ap.add_argument("--n", type=int, default=50)
ap.add_argument("--judged")
a = ap.parse_args()
if not os.path.isdir(news):
    sys.exit(f"event_sample.py: the news corpus is not at {news}")
out = subprocess.run([a.bin, "extract", news, "--json", "--text"], capture_output=True, text=True)
evs = []
for line in out.stdout.splitlines():
    try:
        d = json.loads(line)
    except json.JSONDecodeError:
        continue
    t = d["doc"].get("text") or ""
    for e in d.get("events") or []:
        s, x = e["evidence"]
        evs.append((d["doc"]["id"], s, x, e["code"], e.get("source") or "-", e.get("target") or "-",
                    e.get("date") or "-", d["doc"].get("date") or "-", t[s:x].replace("\n", " ")))
random.seed(a.seed)
pick = random.sample(evs, min(a.n, len(evs)))
if a.judged:
    rows = [l.rstrip("\n").split("\t") for l in open(a.judged, encoding="utf-8") if l.strip() and not l.startswith("#")]
    got = [tuple(r[:7]) for r in rows]
    want = [(e[0], str(e[1]), str(e[2]), e[3], e[4], e[5], e[6]) for e in pick]
    same = sum(g == w for g, w in zip(got, want))
    tally = {}
    for r in rows:
        tally[r[7]] = tally.get(r[7], 0) + 1
    print(f"{len(evs)} events; sample of {len(pick)} with seed {a.seed}; {same}/{len(rows)} judged rows match this binary's draw")
    print("verdicts:", ", ".join(f"{k} {v}" for k, v in sorted(tally.items())))
    sys.exit(0)
print(f"# {len(evs)} events; sample of {len(pick)} with seed {a.seed}")
print("# doc\tstart\tend\tcode\tsource\ttarget\tdate\t(doc date) | evidence")
for e in pick:
    print("\t".join(map(str, e[:7])) + f"\t({e[7]}) | {e[8][:300]}")
