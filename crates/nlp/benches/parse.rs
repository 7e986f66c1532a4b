//! The whole parse (tokenizer, tok2vec, tagger, parser, lemmatizer) of a
//! news article we wrote (`benches/data/visit.txt`, about 200 words), after
//! checking the parse: a fast wrong answer fails.
//!
//! ```text
//! cargo bench -p dyad-nlp --bench parse
//! ```

use dyad_nlp::pipeline::{Nlp, Parsed, Scratch};

const ARTICLE: &str = include_str!("data/visit.txt");

fn word(p: &Parsed, w: &str) -> usize {
    p.tokens
        .iter()
        .position(|t| &ARTICLE[t.start..t.end] == w)
        .unwrap_or_else(|| panic!("no token {w:?}"))
}

fn check(p: &Parsed) {
    let n = p.tokens.len();
    assert!((200..=230).contains(&n), "{n} tokens");
    assert_eq!(p.arcs.len(), n);
    let signed = word(p, "signed");
    assert_eq!(p.deps[signed], "ROOT");
    assert_eq!(p.lemmas[signed], "sign");
    assert_eq!(p.tags[signed], "VBD");
    let kazakhstan = word(p, "Kazakhstan");
    assert_eq!(p.arcs[kazakhstan].head as usize, signed);
    assert_eq!(p.deps[kazakhstan], "nsubj");
    let documents = word(p, "documents");
    assert_eq!(p.deps[documents], "dobj");
    // "U.S." stays one token; "wasn't" splits into "was" + "n't".
    word(p, "U.S.");
    assert_eq!(p.lemmas[word(p, "n't")], "not");
    let sentences = p.arcs.iter().filter(|a| a.sent_start).count();
    assert!((8..=13).contains(&sentences), "{sentences} sentences");
}

fn main() {
    let mut scratch = Scratch::default();
    check(&Nlp::english().parse(ARTICLE, &mut scratch));
    divan::main();
}

#[divan::bench]
fn parse_article(bencher: divan::Bencher) {
    let nlp = Nlp::english();
    let mut scratch = Scratch::default();
    bencher
        .counter(divan::counter::BytesCount::of_str(ARTICLE))
        .bench_local(|| {
            nlp.parse(divan::black_box(ARTICLE), &mut scratch)
                .tokens
                .len()
        });
}
