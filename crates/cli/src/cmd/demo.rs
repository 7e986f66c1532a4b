//! `dyad demo`: the bundled examples end to end. (Being built.)

use std::io::Write;
use std::process::ExitCode;

use dyad_model::{Document, Extraction};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    Ok(ExitCode::SUCCESS)
}

/// Writes one line per fact: doc id, kind, character span, text.
pub fn write_tsv(out: &mut impl Write, doc: &Document, ex: &Extraction) -> std::io::Result<()> {
    for e in &ex.entities {
        for m in &e.mentions {
            writeln!(out, "{}\tentity\t{}\t{}\t{}", doc.id, m.start, m.end, e.name)?;
        }
    }
    Ok(())
}
