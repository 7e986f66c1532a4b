//! `dyad ingest FILE|DIR|- [--db PATH|URL] [--max-mb N] [--jobs N]`
//!
//! Reads documents, extracts each on `--jobs` threads, and stores them in
//! batches of [`BATCH`], each batch in one transaction on a writer thread
//! while the next is extracted. Documents already stored (same id), or seen
//! earlier in the same run, are counted as duplicates without being
//! extracted again. A read error is one line `dyad: <source>: <reason>`;
//! the last line is `read N, stored N, duplicates N, failed N` (stderr).
//!
//! Exit status: 0 when anything could be read and stored (or the input held
//! nothing), 1 when nothing could be read, or no document could be stored,
//! 2 when the database cannot be opened.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::Arc;
use std::time::Duration;

use dyad_extract::Pipeline;
use dyad_model::{Document, Extraction};
use dyad_read::{read_paths, ReadOptions};
use dyad_store::Store;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Documents per transaction.
pub const BATCH: usize = 200;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (read recursively) or `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The database: a SQLite file (created if absent) or a postgres:// URL.
    #[arg(long, default_value = dyad_store::DEFAULT_DB)]
    db: String,
    /// Refuse files larger than this many megabytes.
    #[arg(long, default_value_t = 20)]
    max_mb: u64,
    /// Extraction threads (default: the number of cores).
    #[arg(long)]
    jobs: Option<usize>,
}

/// The run's counts, reported in the summary line.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    read: usize,
    stored: usize,
    duplicates: usize,
    failed: usize,
    /// Documents that were read but could not be stored or extracted.
    store_failed: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opts = ReadOptions {
        max_bytes: args.max_mb.saturating_mul(1024 * 1024),
    };
    let store: Arc<dyn Store> = Arc::from(dyad_store::open(&args.db)?);
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pipeline = Pipeline::new();
    let bar = progress_bar();
    let mut counts = Counts::default();

    let (send, recv) = sync_channel::<Vec<(Document, Extraction)>>(1);
    let writer_store = Arc::clone(&store);
    let writer_bar = bar.clone();
    let writer = std::thread::spawn(move || {
        let mut c = Counts::default();
        for batch in recv {
            store_batch(&*writer_store, &batch, &mut c, &writer_bar);
            writer_bar.inc(batch.len() as u64);
        }
        c
    });

    let mut seen: HashSet<String> = HashSet::new();
    let mut pending: Vec<Document> = Vec::with_capacity(BATCH);
    let flush = |pending: &mut Vec<Document>, counts: &mut Counts| -> anyhow::Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let docs = std::mem::take(pending);
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        // Only a shortcut: put_batch skips stored documents anyway, so a
        // failed look-up costs extraction time, not correctness.
        let known = store.existing(&ids).unwrap_or_default();
        let (old, new): (Vec<Document>, Vec<Document>) =
            docs.into_iter().partition(|d| known.contains(&d.id));
        counts.duplicates += old.len();
        bar.inc(old.len() as u64);
        let extracted = extract_all(&pipeline, new, jobs, counts, &bar);
        if !extracted.is_empty() && send.send(extracted).is_err() {
            anyhow::bail!("the database writer stopped");
        }
        Ok(())
    };

    for item in read_paths(&args.inputs, &opts) {
        match item {
            Ok(doc) => {
                counts.read += 1;
                if !seen.insert(doc.id.clone()) {
                    counts.duplicates += 1;
                    bar.inc(1);
                    continue;
                }
                pending.push(doc);
                if pending.len() >= BATCH {
                    flush(&mut pending, &mut counts)?;
                }
            }
            Err(e) => {
                counts.failed += 1;
                bar.suspend(|| eprintln!("dyad: {e}"));
            }
        }
        bar.set_message(format!("read {}", counts.read));
    }
    flush(&mut pending, &mut counts)?;
    drop(send);
    let written = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the database writer failed"))?;
    bar.finish_and_clear();
    counts.stored += written.stored;
    counts.duplicates += written.duplicates;
    counts.failed += written.failed;
    counts.store_failed += written.store_failed;

    eprintln!(
        "read {}, stored {}, duplicates {}, failed {}",
        counts.read, counts.stored, counts.duplicates, counts.failed
    );
    let nothing_read = counts.read == 0 && counts.failed > 0;
    let nothing_stored = counts.stored == 0 && counts.store_failed > 0;
    Ok(if nothing_read || nothing_stored {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A spinner with counts on a terminal; nothing otherwise.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} {elapsed_precise} {msg}, {pos} extracted and stored or skipped",
    )
    .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Extracts `docs` on `jobs` threads, in input order. A document whose
/// extraction panics (a bug: extraction is total) is reported and counted
/// as failed; the others go on.
fn extract_all(
    pipeline: &Pipeline,
    docs: Vec<Document>,
    jobs: usize,
    counts: &mut Counts,
    bar: &ProgressBar,
) -> Vec<(Document, Extraction)> {
    let next = AtomicUsize::new(0);
    let docs_ref = &docs;
    let mut results: Vec<(usize, Option<Extraction>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..jobs.min(docs_ref.len()).max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(doc) = docs_ref.get(i) else { break };
                        let ex = catch_unwind(AssertUnwindSafe(|| pipeline.run(doc))).ok();
                        out.push((i, ex));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    results.sort_unstable_by_key(|(i, _)| *i);
    let mut extractions: Vec<Option<Extraction>> = vec![None; docs.len()];
    for (i, ex) in results {
        extractions[i] = ex;
    }
    let mut out = Vec::with_capacity(docs.len());
    for (doc, ex) in docs.into_iter().zip(extractions) {
        match ex {
            Some(ex) => out.push((doc, ex)),
            None => {
                counts.failed += 1;
                counts.store_failed += 1;
                bar.inc(1);
                bar.suspend(|| {
                    eprintln!(
                        "dyad: {}: extraction failed (internal error), not stored",
                        doc.source
                    )
                });
            }
        }
    }
    out
}

/// Stores one batch; if the batch fails, stores its documents one by one
/// so that one bad document costs only itself.
fn store_batch(
    store: &dyn Store,
    batch: &[(Document, Extraction)],
    c: &mut Counts,
    bar: &ProgressBar,
) {
    match store.put_batch(batch) {
        Ok(out) => {
            c.stored += out.stored;
            c.duplicates += out.duplicates;
        }
        Err(e) => {
            bar.suspend(|| eprintln!("dyad: {e}; storing its documents one by one"));
            for pair in batch {
                match store.put_batch(std::slice::from_ref(pair)) {
                    Ok(out) => {
                        c.stored += out.stored;
                        c.duplicates += out.duplicates;
                    }
                    Err(e) => {
                        c.failed += 1;
                        c.store_failed += 1;
                        bar.suspend(|| eprintln!("dyad: {}: {e}", pair.0.source));
                    }
                }
            }
        }
    }
}
