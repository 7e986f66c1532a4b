//! `dyad demo`: the main job end to end on the bundled example articles:
//! read (plain text, HTML, RSS), extract, store into an embedded SQLite
//! file, and print what was found plus the report of the best-covered pair.
//!
//! The examples (folder `examples/`, written by the team, invented events)
//! are compiled into the binary, so the demo runs from any folder.

use std::io::Write;
use std::process::ExitCode;

use dyad_aggregate::{pairs, report, Pair, Window};
use dyad_extract::Pipeline;
use dyad_model::{Document, Extraction};
use dyad_read::{read_bytes, ReadOptions};

/// The bundled examples: (file name, bytes).
pub const EXAMPLES: &[(&str, &[u8])] = &[
    (
        "examples/articles/kazakhstan-bulgaria-forum.txt",
        include_bytes!("../../../../examples/articles/kazakhstan-bulgaria-forum.txt"),
    ),
    (
        "examples/articles/uzbekistan-hungary-visit.txt",
        include_bytes!("../../../../examples/articles/uzbekistan-hungary-visit.txt"),
    ),
    (
        "examples/articles/vietnam-japan-talks.html",
        include_bytes!("../../../../examples/articles/vietnam-japan-talks.html"),
    ),
    (
        "examples/articles/central-asia-feed.xml",
        include_bytes!("../../../../examples/articles/central-asia-feed.xml"),
    ),
];

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to store the demo's documents (a SQLite file or postgres:// URL).
    #[arg(long, default_value = "dyad-demo.sqlite")]
    db: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::new();
    let opts = ReadOptions::default();
    let mut batch: Vec<(Document, Extraction)> = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "dyad demo: {} bundled example files\n", EXAMPLES.len())?;
    for (name, bytes) in EXAMPLES {
        for item in read_bytes(name, bytes, &opts) {
            let doc = item.map_err(|e| anyhow::anyhow!("bundled example unreadable: {e}"))?;
            let ex = pipeline.run(&doc);
            writeln!(
                out,
                "{}\n  {}\n  {} entities, {} events, {} agreements, {} figures, {} quotes, {} topics",
                doc.source,
                doc.title.as_deref().unwrap_or_else(|| first_words(&doc.text)),
                ex.entities.len(),
                ex.events.len(),
                ex.agreements.len(),
                ex.quantities.len(),
                ex.quotes.len(),
                ex.topics.len()
            )?;
            batch.push((doc, ex));
        }
    }

    let store = dyad_store::open(&args.db)?;
    let outcome = store.put_batch(&batch)?;
    writeln!(
        out,
        "\nstored {} new documents in {} ({} already there)\n",
        outcome.stored, args.db, outcome.duplicates
    )?;

    let docs = store.extractions(&dyad_store::DocFilter::default())?;
    let mut found = pairs(&docs);
    found.sort_by_key(|p| std::cmp::Reverse((p.documents, p.events + p.agreements)));
    match found.first() {
        Some(top) => {
            let r = report(&docs, Pair::new(top.a, top.b), Window::default());
            super::report::write_text(&mut out, &r)?;
            writeln!(
                out,
                "\nNext: dyad report {} {} --db {db}   dyad serve --db {db}",
                top.a,
                top.b,
                db = args.db
            )?;
        }
        None => writeln!(out, "no country pair found in the examples")?,
    }
    Ok(ExitCode::SUCCESS)
}

fn first_words(text: &str) -> &str {
    let end = text.char_indices().nth(80).map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// Writes one line per fact: doc id, kind, character span, text.
pub fn write_tsv(out: &mut impl Write, doc: &Document, ex: &Extraction) -> std::io::Result<()> {
    let text: Vec<char> = doc.text.chars().collect();
    let slice = |s: dyad_model::Span| -> String {
        text[s.start.min(text.len())..s.end.min(text.len())]
            .iter()
            .collect::<String>()
            .replace(['\t', '\n'], " ")
    };
    for e in &ex.entities {
        for m in &e.mentions {
            writeln!(
                out,
                "{}\tentity:{}\t{}\t{}\t{}",
                doc.id,
                e.kind,
                m.start,
                m.end,
                slice(*m)
            )?;
        }
    }
    for e in &ex.events {
        let s = e.evidence;
        writeln!(
            out,
            "{}\tevent:{}\t{}\t{}\t{}",
            doc.id,
            e.code,
            s.start,
            s.end,
            slice(s)
        )?;
    }
    for a in &ex.agreements {
        let s = a.evidence;
        writeln!(
            out,
            "{}\tagreement:{}\t{}\t{}\t{}",
            doc.id,
            a.kind,
            s.start,
            s.end,
            slice(s)
        )?;
    }
    for q in &ex.quantities {
        let s = q.evidence;
        writeln!(
            out,
            "{}\tquantity:{}\t{}\t{}\t{}",
            doc.id,
            q.kind,
            s.start,
            s.end,
            slice(s)
        )?;
    }
    for q in &ex.quotes {
        let s = q.evidence;
        writeln!(
            out,
            "{}\tquote\t{}\t{}\t{}",
            doc.id,
            s.start,
            s.end,
            slice(s)
        )?;
    }
    for t in &ex.topics {
        let s = t.evidence;
        writeln!(
            out,
            "{}\ttopic:{}\t{}\t{}\t{}",
            doc.id,
            t.topic,
            s.start,
            s.end,
            slice(s)
        )?;
    }
    Ok(())
}
