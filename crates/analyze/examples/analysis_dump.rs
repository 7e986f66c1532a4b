//! Prints every document's whole analysis (sentences, tokens, entities,
//! mentions) in Debug form, one document per line, so that a speed change
//! can be checked for identical output with `cmp`:
//! `cargo run --release -p dyad-analyze --example analysis_dump -- DIR`.

use std::io::Write;
use std::path::PathBuf;

use dyad_analyze::Analyzer;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let analyzer = Analyzer::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for item in dyad_read::read_paths(&paths, &Default::default()) {
        match item {
            Ok(doc) => {
                let a = analyzer.entities(&doc);
                if writeln!(out, "{}\t{a:?}", doc.id).is_err() {
                    return;
                }
            }
            Err(e) => eprintln!("{e}"),
        }
    }
}
