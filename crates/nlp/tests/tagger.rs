//! tok2vec + tagger against spaCy's own output on our reference texts
//! (`tests/data/tagger_ref.json`, written by `data/gen/nlp/tagger_reference.py`).
//! spaCy's tokens are the input, so this does not depend on the tokenizer.

use dyad_nlp::lex;
use dyad_nlp::model::tagger::Tagger;
use dyad_nlp::model::tok2vec::{Tok2Vec, TokenInput};
use serde_json::Value;

fn reference() -> Value {
    let text = include_str!("data/tagger_ref.json");
    serde_json::from_str(text).expect("reference JSON")
}

struct RefTok {
    text: String,
    ws: bool,
    norm: String,
    lex_norm: String,
    shape: String,
    prefix: String,
    suffix: String,
}

fn tokens(doc: &Value) -> Vec<RefTok> {
    doc["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let s = |i: usize| t[i].as_str().unwrap().to_string();
            RefTok {
                text: s(0),
                ws: !s(1).is_empty(),
                norm: s(2),
                lex_norm: s(3),
                shape: s(4),
                prefix: s(5),
                suffix: s(6),
            }
        })
        .collect()
}

fn inputs(toks: &[RefTok]) -> Vec<TokenInput<'_>> {
    toks.iter()
        .map(|t| TokenInput {
            text: &t.text,
            norm_override: (t.norm != t.lex_norm).then_some(t.norm.as_str()),
            space_after: t.ws,
        })
        .collect()
}

#[test]
fn lexical_attributes_match_spacy() {
    let r = reference();
    for doc in r["docs"].as_array().unwrap() {
        for t in tokens(doc) {
            assert_eq!(lex::norm(&t.text), t.lex_norm, "norm of {:?}", t.text);
            assert_eq!(lex::shape(&t.text), t.shape, "shape of {:?}", t.text);
            assert_eq!(lex::prefix(&t.text), t.prefix, "prefix of {:?}", t.text);
            assert_eq!(lex::suffix(&t.text), t.suffix, "suffix of {:?}", t.text);
        }
    }
}

#[test]
fn tok2vec_matches_spacy_tensor() {
    let r = reference();
    let t2v = Tok2Vec::english();
    assert_eq!(t2v.width(), 96);
    let mut out = Vec::new();
    let mut worst = 0f32;
    for doc in r["docs"].as_array().unwrap() {
        let toks = tokens(doc);
        t2v.forward(&inputs(&toks), &mut out);
        assert_eq!(out.len(), toks.len() * 96);
        for (i, s) in doc["row_sums"].as_array().unwrap().iter().enumerate() {
            let mine: f32 = out[i * 96..(i + 1) * 96].iter().sum();
            let d = (mine - s.as_f64().unwrap() as f32).abs();
            assert!(d < 1e-3, "row sum {i} of {:?}: {mine} vs {s}", doc["text"]);
        }
        for (i, row) in doc["rows"].as_object().unwrap() {
            let i: usize = i.parse().unwrap();
            for (j, v) in row.as_array().unwrap().iter().enumerate() {
                let d = (out[i * 96 + j] - v.as_f64().unwrap() as f32).abs();
                worst = worst.max(d);
                assert!(d < 1e-4, "tensor[{i}][{j}] of {:?}: diff {d}", doc["text"]);
            }
        }
    }
    eprintln!("max abs diff {worst:e}");
}

#[test]
fn tags_match_spacy() {
    let r = reference();
    let t2v = Tok2Vec::english();
    let tagger = Tagger::english();
    assert_eq!(tagger.labels().len(), 50);
    let (mut out, mut tags) = (Vec::new(), Vec::new());
    for doc in r["docs"].as_array().unwrap() {
        let toks = tokens(doc);
        t2v.forward(&inputs(&toks), &mut out);
        tagger.predict(&out, &mut tags);
        let mine: Vec<&str> = tags
            .iter()
            .map(|&t| tagger.labels()[t as usize].as_str())
            .collect();
        let want: Vec<&str> = doc["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(mine, want, "{:?}", doc["text"]);
    }
}

#[test]
fn empty_and_odd_inputs_do_not_panic() {
    let t2v = Tok2Vec::english();
    let mut out = vec![1.0];
    t2v.forward(&[], &mut out);
    assert!(out.is_empty());
    let weird = [
        "\u{0}",
        "\u{202e}",
        "𝔘𝔫𝔦",
        "\r\n",
        "  ",
        "ǅ",
        &"x".repeat(10_000),
    ];
    let toks: Vec<TokenInput> = weird
        .iter()
        .map(|t| TokenInput {
            text: t,
            norm_override: None,
            space_after: false,
        })
        .collect();
    t2v.forward(&toks, &mut out);
    assert_eq!(out.len(), weird.len() * 96);
    assert!(out.iter().all(|v| v.is_finite()));
    let mut tags = Vec::new();
    Tagger::english().predict(&out, &mut tags);
    assert_eq!(tags.len(), weird.len());
    Tagger::english().predict(&[], &mut tags);
    assert!(tags.is_empty());
}
