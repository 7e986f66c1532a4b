//! The attribute ruler + lemmatizer against spaCy's output for our own
//! sentences and hand-made edge cases (`tests/data/lemma_reference.jsonl`,
//! written by `data/gen/nlp/gen_lemma_reference.py`).

use dyad_nlp::lemma::{Annotated, Lemmatizer, Pos};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Ref {
    words: Vec<String>,
    tags: Vec<String>,
    deps: Vec<String>,
    pos: Vec<String>,
    morph: Vec<String>,
    lemma: Vec<String>,
    tag_out: Vec<String>,
    dep_out: Vec<String>,
    pos_nodep: Vec<String>,
    morph_nodep: Vec<String>,
    lemma_nodep: Vec<String>,
}

fn refs() -> Vec<Ref> {
    include_str!("data/lemma_reference.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("reference line parses"))
        .collect()
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn compare(
    what: &str,
    r: &Ref,
    got: &[Annotated],
    pos: &[String],
    morph: &[String],
    lemma: &[String],
) -> Vec<String> {
    let mut bad = Vec::new();
    assert_eq!(got.len(), r.words.len());
    for (i, a) in got.iter().enumerate() {
        if a.pos.as_str() != pos[i] || a.morph != morph[i] || a.lemma != lemma[i] {
            bad.push(format!(
                "{what} {:?}/{}/{}: got {} {:?} {:?}, spaCy {} {:?} {:?}",
                r.words[i],
                r.tags[i],
                r.deps[i],
                a.pos,
                a.morph,
                a.lemma,
                pos[i],
                morph[i],
                lemma[i]
            ));
        }
    }
    bad
}

#[test]
fn matches_spacy_reference() {
    let lem = Lemmatizer::english();
    assert_eq!(lem.unknown_predicates(), 0);
    let refs = refs();
    assert!(refs.len() >= 60);
    let mut bad = Vec::new();
    let mut tokens = 0;
    for r in &refs {
        let (words, tags, deps) = (strs(&r.words), strs(&r.tags), strs(&r.deps));
        tokens += words.len();
        let got = lem.annotate_with_deps(&words, &tags, &deps);
        bad.extend(compare("parsed", r, &got, &r.pos, &r.morph, &r.lemma));
        for (i, a) in got.iter().enumerate() {
            let tag = a.tag.unwrap_or(tags[i]);
            let dep = a.dep.unwrap_or(deps[i]);
            if tag != r.tag_out[i] || dep != r.dep_out[i] {
                bad.push(format!(
                    "tag/dep {:?}: got {tag}/{dep}, spaCy {}/{}",
                    r.words[i], r.tag_out[i], r.dep_out[i]
                ));
            }
        }
        let got = lem.annotate(&words, &tags);
        bad.extend(compare(
            "no parse",
            r,
            &got,
            &r.pos_nodep,
            &r.morph_nodep,
            &r.lemma_nodep,
        ));
    }
    assert!(tokens > 900);
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn never_panics_on_odd_input() {
    let lem = Lemmatizer::english();
    let long = "x".repeat(100_000);
    let words = ["", "\u{0}", "\u{202e}", "🙂", &long, "ǅ", "İİ", "\r\n", "'"];
    let tags = ["NNS", "VBD", "JJR", "NNP", "VBZ", "NNS", "NNS", "_SP"];
    let out = lem.annotate(&words, &tags);
    assert_eq!(out.len(), words.len());
    assert_eq!(out[8].pos, Pos::EMPTY);
    assert!(lem.annotate(&[], &[]).is_empty());
    let out = lem.annotate_with_deps(&["gon", "na"], &[], &["nsubj"]);
    assert_eq!(out[0].lemma, "go");
}

proptest::proptest! {
    #[test]
    fn any_words_and_tags(
        words in proptest::collection::vec(".{0,12}", 0..12),
        tags in proptest::collection::vec(proptest::sample::select(vec![
            "NN", "NNS", "NNP", "VBD", "VBZ", "VBG", "JJR", "RBS", "PRP", "DT", "_SP", "", "XX", "??",
        ]), 0..12),
        deps in proptest::collection::vec(proptest::sample::select(vec![
            "nsubj", "aux", "ROOT", "det", "expl", "", "weird",
        ]), 0..12),
    ) {
        let lem = Lemmatizer::english();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let out = lem.annotate_with_deps(&words, &tags, &deps);
        proptest::prop_assert_eq!(out.len(), words.len());
        let out = lem.annotate(&words, &tags);
        proptest::prop_assert_eq!(out.len(), words.len());
    }
}
