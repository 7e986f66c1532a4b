//! `dyad extract FILE|DIR|- [--json|--tsv] [--text]`

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use dyad_extract::Pipeline;
use dyad_read::{read_paths, ReadOptions};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (read recursively) or `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// One JSON object per document (the default).
    #[arg(long, conflicts_with = "tsv")]
    json: bool,
    /// One line per fact: document id, kind, span, text.
    #[arg(long)]
    tsv: bool,
    /// Include the document text in the JSON (`doc.text`).
    #[arg(long)]
    text: bool,
    /// Refuse files larger than this many megabytes.
    #[arg(long, default_value_t = 20)]
    max_mb: u64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opts = ReadOptions {
        max_bytes: args.max_mb * 1024 * 1024,
    };
    let pipeline = Pipeline::new();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut read, mut failed) = (0usize, 0usize);
    for item in read_paths(&args.inputs, &opts) {
        match item {
            Ok(doc) => {
                read += 1;
                let (mut ex, diagnostics) = pipeline.run_with_diagnostics(&doc);
                for d in diagnostics {
                    eprintln!("dyad: {}: {d}", doc.source);
                }
                if args.text {
                    ex.doc.text = Some(doc.text.clone());
                }
                if args.tsv {
                    super::demo::write_tsv(&mut out, &doc, &ex)?;
                } else {
                    serde_json::to_writer(&mut out, &ex)?;
                    out.write_all(b"\n")?;
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("dyad: {e}");
            }
        }
    }
    out.flush()?;
    if read == 0 && failed > 0 {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
