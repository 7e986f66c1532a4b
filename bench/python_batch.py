#!/usr/bin/env python3
"""`dyad.extract_batch` from Python against `dyad extract` from the shell.

    python3 bench/python_batch.py target/release/dyad [FILE.jsonl ...]

FILES default to ../shared/data/news/*.jsonl. Needs the dyad package
(`pip install ./python`, a release build for figures that mean something).
Prints, for each run, wall time and MB/s over the bytes of the input files,
and CPU seconds (all threads; on a machine shared with other work the wall
time of the threaded run says little, CPU time per MB still holds):
- `dyad extract FILES --json > /dev/null` (one thread; the command is
  sequential);
- `dyad.extract_batch` with jobs=1 and with jobs=(all cores), texts read
  from the JSON Lines here (reading not timed), the dicts built included;
- `dyad.to_arrow(results, "events")` on those results.
It also checks that the Python results equal the command's JSON, document by
document, so the two runs do the same work.
"""

import glob
import json
import os
import resource
import subprocess
import sys
import time

import dyad


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    files = sys.argv[2:] or sorted(
        glob.glob(os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "news", "*.jsonl"))
    )
    if not files:
        sys.exit("no input files")
    mb = sum(os.path.getsize(f) for f in files) / 1e6

    texts, dates, titles, datelines, urls, sources = [], [], [], [], [], []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                rec = json.loads(line)
                texts.append(rec["text"])
                dates.append(rec.get("date"))
                titles.append(rec.get("title"))
                datelines.append(rec.get("dateline"))
                urls.append(rec.get("url"))
                sources.append(f"{f}#{rec['id']}" if rec.get("id") else f"{f}:{n}")
    text_mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(files)} files, {mb:.2f} MB ({text_mb:.2f} MB of text), {len(texts)} documents")

    def child_cpu():
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    t0, c0 = time.perf_counter(), child_cpu()
    out = subprocess.run(
        [binary, "extract", "--json", *files], check=True, capture_output=True, text=True
    ).stdout
    cli_s, cli_cpu = time.perf_counter() - t0, child_cpu() - c0
    print(
        f"dyad extract --json (shell, 1 thread): {cli_s:.2f} s wall, {mb / cli_s:.2f} MB/s;"
        f" {cli_cpu:.2f} CPU s, {mb / cli_cpu:.2f} MB per CPU s"
    )
    cli = {r["doc"]["source"]: r for r in map(json.loads, out.splitlines())}

    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    cores = dyad._dyad.default_jobs()
    results = None
    for jobs in (1, cores):
        t0, c0 = time.perf_counter(), time.process_time()
        results = dyad.extract_batch(
            texts,
            dates,
            titles,
            jobs=jobs,
            datelines=datelines,
            urls=urls,
            sources=sources,
            errors="none",
        )
        s, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(
            f"dyad.extract_batch jobs={jobs}: {s:.2f} s wall, {mb / s:.2f} MB/s;"
            f" {cpu:.2f} CPU s, {mb / cpu:.2f} MB per CPU s"
        )

    t0 = time.perf_counter()
    batch = dyad.to_arrow(results, "events")
    s = time.perf_counter() - t0
    print(f"dyad.to_arrow events: {batch.num_rows} rows in {s:.2f} s")

    same = sum(1 for r in results if r is not None and cli.get(r["doc"]["source"]) == r)
    failed = sum(1 for r in results if r is None)
    print(f"equal to the command's JSON: {same} of {len(results)} documents ({failed} refused)")


if __name__ == "__main__":
    main()
