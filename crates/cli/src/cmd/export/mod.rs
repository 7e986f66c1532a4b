//! `dyad export --format gdelt-events|gdelt-mentions|gkg|jsonl|csv [--lang L] [--db PATH|URL] [-o FILE]`
//!
//! - `gdelt-events`, `gdelt-mentions`, `gkg`: GDELT 2.0's event and
//!   mention tables and GKG 2.1, tab-separated without a header, so GDELT
//!   tooling reads them ([`gdelt`], [`gkg`]).
//! - `parquet`: one Parquet table per record kind under the folder `-o`
//!   names, partitioned by year and month ([`parquet`]).
//! - `jsonl`: one extraction per line with its text, as `dyad extract --json
//!   --text` prints it (plus `doc.ingested`).
//! - `csv`: one row per fact of every kind (events, agreements, figures,
//!   quotes, topics) with its document, span and evidence text.

mod gdelt;
mod geo;
mod gkg;
#[cfg(feature = "parquet")]
mod parquet;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use dyad_model::Extraction;
use dyad_store::DocFilter;

use super::query::{csv_line, open_existing};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// GDELT 2.0 event table (61 tab-separated columns).
    GdeltEvents,
    /// GDELT 2.0 mentions table (16 columns): one row per article per event.
    GdeltMentions,
    /// GDELT Global Knowledge Graph 2.1 (27 columns): one row per document.
    Gkg,
    /// One extraction per line, with the document text.
    Jsonl,
    /// One row per fact.
    Csv,
    /// Parquet tables (documents, events, agreements, parties,
    /// quantities, quotes, topics) in the folder `-o` names.
    Parquet,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum)]
    format: Format,
    /// Write here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Only documents in this language (ISO 639-1, "en").
    #[arg(long)]
    lang: Option<String>,
    /// gdelt-events, gdelt-mentions, gkg: a first line with the column
    /// names (GDELT's own files have none).
    #[arg(long)]
    header: bool,
    /// The database: a SQLite file or a postgres:// URL.
    #[arg(long, default_value = dyad_store::DEFAULT_DB)]
    db: String,
}

/// Documents read from the store per query (jsonl and csv stream).
const PAGE: u64 = 500;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.format == Format::Parquet {
        return run_parquet(&args);
    }
    let store = open_existing(&args.db)?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    if args.header {
        let columns: &[&str] = match args.format {
            Format::GdeltEvents => &gdelt::EVENT_COLUMNS,
            Format::GdeltMentions => &gdelt::MENTION_COLUMNS,
            Format::Gkg => &gkg::COLUMNS,
            Format::Jsonl | Format::Csv | Format::Parquet => &[],
        };
        if !columns.is_empty() {
            writeln!(out, "{}", columns.join("\t"))?;
        }
    }
    match args.format {
        Format::GdeltEvents | Format::GdeltMentions => {
            let docs = store.extractions(&DocFilter {
                language: args.lang.clone(),
                ..DocFilter::default()
            })?;
            let export = gdelt::Export::new(&docs);
            for (i, e) in export.events.iter().enumerate() {
                let id = i as u64 + 1;
                if args.format == Format::GdeltEvents {
                    writeln!(out, "{}", export.event_row(id, e).join("\t"))?;
                } else {
                    for row in export.mention_rows(id, e) {
                        writeln!(out, "{}", row.join("\t"))?;
                    }
                }
            }
        }
        Format::Parquet => unreachable!("written by run_parquet"),
        Format::Gkg | Format::Jsonl | Format::Csv => {
            if args.format == Format::Csv {
                csv_line(
                    &mut out,
                    &CSV_COLUMNS
                        .iter()
                        .map(|s| s.to_string())
                        .collect::<Vec<_>>(),
                )?;
            }
            let mut offset = 0;
            loop {
                let docs = store.extractions(&DocFilter {
                    language: args.lang.clone(),
                    limit: Some(PAGE),
                    offset,
                    ..DocFilter::default()
                })?;
                for (i, ex) in docs.iter().enumerate() {
                    if args.format == Format::Gkg {
                        let n = offset + i as u64 + 1;
                        writeln!(out, "{}", gkg::row(n, ex).join("\t"))?;
                    } else if args.format == Format::Jsonl {
                        serde_json::to_writer(&mut out, ex)?;
                        out.write_all(b"\n")?;
                    } else {
                        for row in csv_rows(ex) {
                            csv_line(&mut out, &row)?;
                        }
                    }
                }
                if (docs.len() as u64) < PAGE {
                    break;
                }
                offset += PAGE;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `--format parquet -o DIR`: every document, a page at a time, into the
/// tables; prints the rows written per table.
#[cfg(feature = "parquet")]
fn run_parquet(args: &Args) -> anyhow::Result<ExitCode> {
    let Some(dir) = &args.output else {
        anyhow::bail!("--format parquet writes a folder of tables: give it with -o DIR");
    };
    let store = open_existing(&args.db)?;
    let mut w = parquet::Writer::new();
    let mut offset = 0;
    loop {
        let docs = store.extractions(&DocFilter {
            language: args.lang.clone(),
            limit: Some(PAGE),
            offset,
            ..DocFilter::default()
        })?;
        for ex in &docs {
            w.add(ex);
        }
        if (docs.len() as u64) < PAGE {
            break;
        }
        offset += PAGE;
    }
    let counts = w.finish(dir)?;
    let summary: Vec<String> = counts.iter().map(|(t, n)| format!("{t} {n}")).collect();
    eprintln!("dyad: wrote {}: {}", dir.display(), summary.join(", "));
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "parquet"))]
fn run_parquet(_: &Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("this dyad was built without Parquet support (cargo feature `parquet`)")
}

/// No tabs or newlines inside a field.
pub(crate) fn clean(s: &str) -> String {
    s.split(['\t', '\n', '\r']).collect::<Vec<_>>().join(" ")
}

const CSV_COLUMNS: &[&str] = &[
    "doc_id",
    "doc_date",
    "doc_source",
    "kind",
    "ord",
    "type",
    "code",
    "source",
    "target",
    "date",
    "value",
    "unit",
    "approx",
    "measure",
    "period_start",
    "period_end",
    "parties",
    "speaker",
    "status",
    "goldstein",
    "start",
    "end",
    "evidence_text",
];

/// One row per fact of `ex`, in `CSV_COLUMNS` order.
fn csv_rows(ex: &Extraction) -> Vec<Vec<String>> {
    let text = ex.doc.text.as_deref().unwrap_or("");
    let o = |v: Option<String>| v.unwrap_or_default();
    let mut rows = Vec::new();
    let mut push = |kind: &str, ord: usize, f: [String; 15], span: dyad_model::Span| {
        let mut r = vec![
            ex.doc.id.clone(),
            o(ex.doc.date.map(|d| d.to_string())),
            ex.doc.source.clone(),
            kind.to_string(),
            ord.to_string(),
        ];
        r.extend(f);
        r.push(span.start.to_string());
        r.push(span.end.to_string());
        r.push(dyad_aggregate::char_slice(text, span));
        rows.push(r);
    };
    let e15 = || -> [String; 15] { Default::default() };
    for (i, e) in ex.events.iter().enumerate() {
        let mut f = e15();
        f[0] = o(e.plover.map(|p| p.to_string()));
        f[1] = e.code.to_string();
        f[2] = o(e.source.as_ref().map(|a| a.to_string()));
        f[3] = o(e.target.as_ref().map(|a| a.to_string()));
        f[4] = o(e.date.map(|d| d.to_string()));
        f[14] = e.goldstein.to_string();
        push("event", i, f, e.evidence);
    }
    for (i, a) in ex.agreements.iter().enumerate() {
        let mut f = e15();
        f[0] = a.kind.to_string();
        f[4] = o(a.date.map(|d| d.to_string()));
        f[11] = a
            .parties
            .iter()
            .map(|p| match p.country {
                Some(c) => format!("{} ({c})", p.name),
                None => p.name.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ");
        push("agreement", i, f, a.evidence);
    }
    for (i, q) in ex.quantities.iter().enumerate() {
        let mut f = e15();
        f[0] = q.kind.to_string();
        f[5] = q.value.to_string();
        f[6] = o(q.unit.clone());
        f[7] = q.approx.to_string();
        f[8] = o(q.measure.map(|m| m.to_string()));
        f[9] = o(q.period.map(|p| p.start.to_string()));
        f[10] = o(q.period.map(|p| p.end.to_string()));
        push("figure", i, f, q.evidence);
    }
    for (i, q) in ex.quotes.iter().enumerate() {
        let mut f = e15();
        f[12] = o(q.speaker_name.clone().or_else(|| q.speaker.clone()));
        push("quote", i, f, q.evidence);
    }
    for (i, t) in ex.topics.iter().enumerate() {
        let mut f = e15();
        f[0] = t.topic.clone();
        f[13] = o(t.status.map(|s| s.to_string()));
        push("topic", i, f, t.evidence);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_columns() {
        assert_eq!(CSV_COLUMNS.len(), 5 + 15 + 3);
    }
}
