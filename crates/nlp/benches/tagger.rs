//! tok2vec + tagger speed over our own reference texts
//! (`tests/data/tagger_ref.json`, 50 short news texts, 751 tokens), after
//! checking that the tags are spaCy's.
//!
//! ```text
//! cargo bench -p dyad-nlp --bench tagger
//! ```

use dyad_nlp::model::tagger::Tagger;
use dyad_nlp::model::tok2vec::{Tok2Vec, TokenInput};
use serde_json::Value;

struct Doc {
    tokens: Vec<(String, bool, Option<String>)>,
    tags: Vec<String>,
}

fn fixture() -> Vec<Doc> {
    let v: Value =
        serde_json::from_str(include_str!("../tests/data/tagger_ref.json")).expect("reference");
    v["docs"]
        .as_array()
        .expect("docs")
        .iter()
        .map(|d| Doc {
            tokens: d["tokens"]
                .as_array()
                .expect("tokens")
                .iter()
                .map(|t| {
                    let s = |i: usize| t[i].as_str().unwrap_or("").to_string();
                    let over = (s(2) != s(3)).then(|| s(2));
                    (s(0), !s(1).is_empty(), over)
                })
                .collect(),
            tags: d["tags"]
                .as_array()
                .expect("tags")
                .iter()
                .map(|t| t.as_str().unwrap_or("").to_string())
                .collect(),
        })
        .collect()
}

fn inputs(doc: &Doc) -> Vec<TokenInput<'_>> {
    doc.tokens
        .iter()
        .map(|(text, ws, n)| TokenInput {
            text,
            norm_override: n.as_deref(),
            space_after: *ws,
        })
        .collect()
}

fn run(docs: &[Doc], check: bool) -> usize {
    let (t2v, tagger) = (Tok2Vec::english(), Tagger::english());
    let (mut out, mut tags) = (Vec::new(), Vec::new());
    let mut n = 0;
    for doc in docs {
        t2v.forward(&inputs(doc), &mut out);
        tagger.predict(&out, &mut tags);
        if check {
            let names: Vec<&str> = tags
                .iter()
                .map(|&t| tagger.labels()[usize::from(t)].as_str())
                .collect();
            assert_eq!(names, doc.tags);
        }
        n += tags.len();
    }
    n
}

#[divan::bench]
fn tok2vec_tagger(bencher: divan::Bencher) {
    let docs = fixture();
    let n = run(&docs, true);
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| run(divan::black_box(&docs), false));
}

#[divan::bench]
fn weights_parse() -> usize {
    // first call parses; later calls are the OnceLock fast path
    Tok2Vec::english().width() + Tagger::english().labels().len()
}

fn main() {
    divan::main();
}
