//! Reads files or folders and prints one JSON object per document with its
//! entities only (the shape of `dyad extract --json`), for scoring the
//! analyzer alone: `cargo run -p dyad-analyze --example entities_jsonl -- DIR`.

use std::path::PathBuf;

use dyad_analyze::Analyzer;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let analyzer = Analyzer::new();
    for item in dyad_read::read_paths(&paths, &Default::default()) {
        match item {
            Ok(doc) => {
                let a = analyzer.entities(&doc);
                let line = serde_json::json!({
                    "doc": {"id": doc.id, "source": doc.source, "date": doc.date, "dateline": doc.dateline},
                    "entities": a.entities,
                });
                println!("{line}");
            }
            Err(e) => eprintln!("{e}"),
        }
    }
}
