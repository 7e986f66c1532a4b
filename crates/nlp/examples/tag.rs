//! Tags pre-tokenized documents with tok2vec + tagger and times them.
//!
//! Input (stdin or the file named by the first argument): JSON Lines, one
//! document per line, `{"tokens": [[text, whitespace, norm_override|null], ...]}`.
//! Output (stdout): one JSON array of tag names per document. Timing of the
//! weight loading and of tok2vec + tagger on one thread goes to stderr.
//!
//! ```text
//! cargo run --release -p dyad-nlp --example tag -- docs.jsonl > tags.jsonl
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::time::Instant;

use dyad_nlp::model::tagger::Tagger;
use dyad_nlp::model::tok2vec::{Tok2Vec, TokenInput};
use serde_json::Value;

type Tok = (String, bool, Option<String>);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let input: Box<dyn Read> = match std::env::args().nth(1) {
        Some(p) => Box::new(std::fs::File::open(p)?),
        None => Box::new(std::io::stdin()),
    };
    let mut docs: Vec<Vec<Tok>> = Vec::new();
    for line in BufReader::new(input).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line)?;
        let toks = v["tokens"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|t| {
                        (
                            t[0].as_str().unwrap_or("").to_string(),
                            !t[1].as_str().unwrap_or("").is_empty(),
                            t[2].as_str().map(str::to_string),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        docs.push(toks);
    }

    let t0 = Instant::now();
    let t2v = Tok2Vec::english();
    let tagger = Tagger::english();
    let load = t0.elapsed();

    let mut all_tags: Vec<Vec<u16>> = Vec::with_capacity(docs.len());
    let (mut out, mut tags) = (Vec::new(), Vec::new());
    let mut n_tokens = 0usize;
    let t1 = Instant::now();
    for doc in &docs {
        let inputs: Vec<TokenInput> = doc
            .iter()
            .map(|(text, ws, norm)| TokenInput {
                text,
                norm_override: norm.as_deref(),
                space_after: *ws,
            })
            .collect();
        t2v.forward(&inputs, &mut out);
        tagger.predict(&out, &mut tags);
        n_tokens += inputs.len();
        all_tags.push(tags.clone());
    }
    let secs = t1.elapsed().as_secs_f64();

    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    for tags in &all_tags {
        let names: Vec<&str> = tags
            .iter()
            .map(|&t| tagger.labels()[usize::from(t)].as_str())
            .collect();
        serde_json::to_writer(&mut stdout, &names)?;
        stdout.write_all(b"\n")?;
    }
    stdout.flush()?;
    eprintln!(
        "weights ready in {:.1} ms; {} docs, {} tokens in {:.3} s: {:.0} tokens/s (tok2vec + tagger, one thread)",
        load.as_secs_f64() * 1e3,
        docs.len(),
        n_tokens,
        secs,
        n_tokens as f64 / secs.max(1e-9)
    );
    Ok(())
}
