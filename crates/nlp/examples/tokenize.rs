//! Tokenizes every `"text"` of a JSON Lines file (or a plain text file) and
//! prints one line per document: the tokens as `start:end` byte spans with
//! `_` marking `space_after`, tab-separated, e.g. `0:3_ 4:9 9:10`.
//! Timing (MB/s, tokenizer only) goes to stderr.
//!
//! `cargo run --release -p dyad-nlp --example tokenize -- FILE.jsonl [--spans|--text]`

use std::io::{BufWriter, Write};
use std::time::Instant;

use dyad_nlp::tokenizer::Tokenizer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().ok_or("usage: tokenize FILE.jsonl [--text]")?;
    let show_text = args.iter().any(|a| a == "--text");
    let raw = std::fs::read_to_string(path)?;
    let texts: Vec<String> = if path.ends_with(".jsonl") {
        raw.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l)?;
                Ok(v.get("text")
                    .and_then(|t| t.as_str())
                    .unwrap_or("")
                    .to_string())
            })
            .collect::<Result<_, serde_json::Error>>()?
    } else {
        vec![raw]
    };
    let t0 = Instant::now();
    let tok = Tokenizer::english();
    let load = t0.elapsed();
    let mut out = Vec::new();
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    let mut bytes = 0usize;
    let mut ntok = 0usize;
    let mut spent = std::time::Duration::ZERO;
    for text in &texts {
        let t = Instant::now();
        tok.tokenize_into(text, &mut out);
        spent += t.elapsed();
        bytes += text.len();
        ntok += out.len();
        let mut first = true;
        for t in &out {
            if !first {
                w.write_all(b"\t")?;
            }
            first = false;
            if show_text {
                write!(w, "{:?}", t.text(text))?;
            } else {
                write!(w, "{}:{}", t.start, t.end)?;
            }
            if t.space_after {
                w.write_all(b"_")?;
            }
        }
        w.write_all(b"\n")?;
    }
    w.flush()?;
    // Second pass with a warm cache, for the steady-state speed.
    let t = Instant::now();
    for text in &texts {
        tok.tokenize_into(text, &mut out);
    }
    let warm = t.elapsed();
    eprintln!(
        "load {:.1} ms; {} docs, {:.2} MB, {} tokens; cold {:.1} MB/s, warm {:.1} MB/s",
        load.as_secs_f64() * 1e3,
        texts.len(),
        bytes as f64 / 1e6,
        ntok,
        bytes as f64 / 1e6 / spent.as_secs_f64(),
        bytes as f64 / 1e6 / warm.as_secs_f64(),
    );
    Ok(())
}
