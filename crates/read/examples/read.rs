//! Reads files, folders or `-` and prints one JSON document per line, errors
//! on standard error, and a summary (documents, distinct ids, errors):
//!
//! ```text
//! cargo run -p dyad-read --release --example read -- ../shared/data/news
//! ```

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let quiet = std::env::var_os("QUIET").is_some();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (mut docs, mut errors) = (0usize, 0usize);
    let mut ids = HashSet::new();
    for item in dyad_read::read_paths(&paths, &dyad_read::ReadOptions::default()) {
        match item {
            Ok(doc) => {
                docs += 1;
                ids.insert(doc.id.clone());
                if !quiet {
                    serde_json::to_writer(&mut out, &doc)?;
                    out.write_all(b"\n")?;
                }
            }
            Err(e) => {
                errors += 1;
                eprintln!("{e}");
            }
        }
    }
    eprintln!(
        "documents: {docs}, distinct ids: {}, errors: {errors}",
        ids.len()
    );
    Ok(())
}
