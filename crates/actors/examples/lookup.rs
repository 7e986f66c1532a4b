//! `cargo run -p dyad-actors --example lookup -- "Ban Ki-moon" 2008-05-01`
//!
//! Splits the text into tokens (on spaces, then punctuation and "'s" the way
//! spaCy does for the common cases), and prints the longest actor or agent
//! match at each token with its code on the date.

use dyad_actors::{actors, agents, combine, Tok};

/// A rough spaCy-like split: words, with '-' ',' '.' (sentence end) and "'s"
/// as separate tokens.
fn tokens(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let mut parts: Vec<String> = Vec::new();
        let mut cur = String::new();
        for c in word.chars() {
            if c == '-' || c == ',' || c == '"' || c == '(' || c == ')' {
                if !cur.is_empty() {
                    parts.push(std::mem::take(&mut cur));
                }
                parts.push(c.to_string());
            } else {
                cur.push(c);
            }
        }
        if !cur.is_empty() {
            if let Some(stem) = cur.strip_suffix("'s").filter(|s| !s.is_empty()) {
                parts.push(stem.to_string());
                parts.push("'s".to_string());
            } else {
                parts.push(cur);
            }
        }
        let n = parts.len();
        for (i, p) in parts.into_iter().enumerate() {
            out.push((p, i + 1 == n));
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(text) = args.first() else {
        eprintln!("usage: lookup TEXT [YYYY-MM-DD]");
        std::process::exit(2);
    };
    let date = match args.get(1) {
        Some(d) => match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(e) => {
                eprintln!("bad date {d:?}: {e}");
                std::process::exit(2);
            }
        },
        None => None,
    };
    let owned = tokens(text);
    let toks: Vec<Tok> = owned.iter().map(|(t, s)| Tok::new(t, *s)).collect();
    let mut i = 0;
    let mut found = false;
    while i < toks.len() {
        let words = |n: usize| {
            toks[i..i + n]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ")
        };
        if let Some((n, id)) = actors().longest(&toks[i..]) {
            let d = actors();
            println!(
                "actor {:?} -> {:?} ({:?}): code {}",
                words(n),
                d.name(id),
                d.source(id),
                d.code_on(id, date).unwrap_or("(none on that date)")
            );
            for c in d.codes(id) {
                println!("    [{} {:?} .. {:?})", c.code, c.from, c.until);
            }
            found = true;
            i += n;
        } else if let Some((n, a)) = agents().longest(&toks[i..]) {
            println!(
                "agent {:?} -> {} ({}); with USA: {}",
                words(n),
                a.code,
                if a.prefix { "prefix" } else { "suffix" },
                combine("USA", a)
            );
            found = true;
            i += n;
        } else {
            i += 1;
        }
    }
    if !found {
        println!("no actor or agent");
    }
}
