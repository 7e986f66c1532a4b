//! Prints the entities the analyzer finds in a plain-text file:
//! `cargo run -p dyad-analyze --example entities -- FILE [DATELINE]`.

use dyad_analyze::Analyzer;
use dyad_model::Document;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: entities FILE [DATELINE]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut doc = Document::new(path, text);
    doc.dateline = args.next();
    let a = Analyzer::new().analyze(&doc);
    for e in &a.entities {
        println!(
            "{:<13} {:<40} {:<45} {:<4} {:<22} {}",
            e.kind.as_str(),
            e.id,
            e.name,
            e.country.map(|c| c.to_string()).unwrap_or_default(),
            e.role.map(|r| r.to_string()).unwrap_or_default(),
            e.mentions.len()
        );
    }
}
