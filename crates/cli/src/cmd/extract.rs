//! `dyad extract FILE|DIR|- [--json|--tsv] [--text]`

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use dyad_extract::Pipeline;

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
    let pipeline = Pipeline::new();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let code = super::for_each_document(&args.inputs, args.max_mb, |doc| {
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
        Ok(())
    })?;
    out.flush()?;
    Ok(code)
}
