//! Times each stage of the pipeline separately (tokenizer, tok2vec, tagger,
//! parser, lemmatizer) over the `text` fields of JSON Lines files, with the
//! thread's own CPU time (`/proc/thread-self/schedstat`, nanoseconds), so
//! that other processes on a loaded machine do not count.
//!
//! ```text
//! cargo run --release -p dyad-nlp --example stages -- ../shared/data/news/*.jsonl
//! ```

use std::time::Duration;

use dyad_nlp::lemma::Lemmatizer;
use dyad_nlp::model::parser::Parser;
use dyad_nlp::model::tagger::Tagger;
use dyad_nlp::model::tok2vec::{Tok2Vec, TokenInput};
use dyad_nlp::tokenizer::Tokenizer;

/// CPU time this thread has run so far (Linux; zero elsewhere).
fn thread_cpu() -> Duration {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let ns = s
        .split_whitespace()
        .next()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    Duration::from_nanos(ns)
}

fn main() {
    let mut texts: Vec<String> = Vec::new();
    for path in std::env::args().skip(1) {
        let Ok(body) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        for line in body.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    texts.push(t.to_string());
                }
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();

    let t0 = thread_cpu();
    let (tok, t2v, tagger, parser, lem) = (
        Tokenizer::english(),
        Tok2Vec::english(),
        Tagger::english(),
        Parser::english(),
        Lemmatizer::english(),
    );
    let load = thread_cpu() - t0;

    let names = ["tokenizer", "tok2vec", "tagger", "parser", "lemmatizer"];
    let mut spent = [Duration::ZERO; 5];
    let mut n_tokens = 0usize;
    let (mut tokens, mut vecs, mut tags, mut arcs) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let tag_labels = tagger.labels();
    let dep_labels = parser.labels();
    let mut checksum = 0usize;
    // STAGES_UPTO=k runs only the first k stages (to see what memory each
    // one takes, e.g. with `/usr/bin/time -v`).
    let upto: usize = std::env::var("STAGES_UPTO")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    for text in &texts {
        let a = thread_cpu();
        tok.tokenize_into(text, &mut tokens);
        let b = thread_cpu();
        n_tokens += tokens.len();
        let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        let inputs: Vec<TokenInput> = tokens
            .iter()
            .zip(&words)
            .map(|(t, w)| TokenInput {
                text: w,
                norm_override: t.norm,
                space_after: t.space_after,
            })
            .collect();
        let is_space: Vec<bool> = words.iter().map(|w| dyad_nlp::lex::is_space(w)).collect();
        if upto < 2 {
            spent[0] += b - a;
            continue;
        }
        let c = thread_cpu();
        t2v.forward(&inputs, &mut vecs);
        let d = thread_cpu();
        tagger.predict(&vecs, &mut tags);
        let e = thread_cpu();
        if upto < 4 {
            spent[0] += b - a;
            spent[1] += d - c;
            spent[2] += e - d;
            continue;
        }
        parser.parse(&vecs, &is_space, &mut arcs);
        let f = thread_cpu();
        let tag_s: Vec<&str> = tags
            .iter()
            .map(|&t| tag_labels.get(t as usize).map_or("", String::as_str))
            .collect();
        let dep_s: Vec<&str> = arcs
            .iter()
            .map(|a| dep_labels.get(a.label as usize).map_or("", String::as_str))
            .collect();
        let g = thread_cpu();
        let ann = lem.annotate_with_deps(&words, &tag_s, &dep_s);
        let h = thread_cpu();
        checksum += ann.iter().map(|a| a.lemma.len()).sum::<usize>();
        for (i, d) in [b - a, d - c, e - d, f - e, h - g].into_iter().enumerate() {
            spent[i] += d;
        }
    }
    let per_s = |d: Duration| n_tokens as f64 / d.as_secs_f64().max(1e-9);
    println!(
        "{} texts, {:.2} MB, {} tokens; load {:.1} ms (checksum {checksum})",
        texts.len(),
        bytes as f64 / 1e6,
        n_tokens,
        load.as_secs_f64() * 1e3
    );
    for (name, d) in names.iter().zip(spent) {
        println!(
            "{name:>11}: {:8.3} s CPU  {:>10.0} tokens/s",
            d.as_secs_f64(),
            per_s(d)
        );
    }
    let model = spent[1] + spent[2] + spent[3];
    let all: Duration = spent.iter().sum();
    println!(
        "tok2vec+tagger+parser: {:.3} s  {:.0} tokens/s",
        model.as_secs_f64(),
        per_s(model)
    );
    println!(
        "all stages: {:.3} s  {:.0} tokens/s  {:.3} MB/s",
        all.as_secs_f64(),
        per_s(all),
        bytes as f64 / 1e6 / all.as_secs_f64().max(1e-9)
    );
}
