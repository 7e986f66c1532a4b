//! `dyad ingest FILE|DIR|- [--db PATH|URL] [--max-mb N] [--jobs N]`
//!
//! Reads documents, extracts each on `--jobs` threads, and stores them in
//! batches of [`BATCH`], each batch in one transaction on a writer thread
//! while the next is extracted. Standard input in JSON Lines is read a
//! line at a time, and whatever was read is stored once the input pauses
//! for a second, so `producer | dyad ingest -` stores as it goes, in
//! bounded memory. Documents already stored (same id), or seen
//! earlier in the same run, are counted as duplicates without being
//! extracted again. A read error is one line `dyad: <source>: <reason>`;
//! the last line on stderr is the summary `read N, stored N, duplicates N,
//! failed N`, after the first reasons documents were lost, if any.
//!
//! A lost PostgreSQL connection (a server restart) is reconnected with
//! backoff for about a minute, saying so on stderr, and the batch retried.
//! An error that every later write would repeat (disk or database full, a
//! corrupt or read-only database file, a connection that cannot be made
//! again) stops the run
//! early: the batch it hit is not stored, the rest is not read, and the
//! summary says so. Ctrl-C (SIGINT) stops reading; the batch in flight is
//! extracted and stored (or, on a second Ctrl-C, rolled back by the
//! database) and the summary is printed.
//!
//! Exit status: 0 when every document read was stored (or was a
//! duplicate); 1 when nothing could be read, or any document read could
//! not be extracted or stored; 2 when the database cannot be opened; 130
//! when interrupted by Ctrl-C.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use dyad_extract::{Diagnostic, Pipeline};
use dyad_model::{Document, Extraction};
use dyad_read::{read_paths, ReadOptions};
use dyad_store::Store;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Documents per transaction.
pub const BATCH: usize = 200;

/// When the input pauses this long, the documents read so far are stored
/// without waiting for a full batch.
const IDLE_FLUSH: Duration = Duration::from_secs(1);

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

/// How many reasons for lost documents the summary repeats.
const REASONS: usize = 3;

/// The run's counts, reported in the summary line.
#[derive(Debug, Default, Clone)]
struct Counts {
    read: usize,
    stored: usize,
    duplicates: usize,
    failed: usize,
    /// Documents that were read but could not be stored or extracted.
    store_failed: usize,
    /// The first distinct reasons documents were lost.
    reasons: Vec<String>,
    /// Why the run stopped before its end (a fatal store error).
    stopped: Option<String>,
}

impl Counts {
    /// Counts `n` documents lost for `reason`.
    fn lost(&mut self, n: usize, reason: &str) {
        self.failed += n;
        self.store_failed += n;
        if self.reasons.len() < REASONS && !self.reasons.iter().any(|r| r == reason) {
            self.reasons.push(reason.to_string());
        }
    }

    fn merge(&mut self, other: Counts) {
        self.stored += other.stored;
        self.duplicates += other.duplicates;
        self.failed += other.failed;
        self.store_failed += other.store_failed;
        for r in other.reasons {
            if self.reasons.len() < REASONS && !self.reasons.contains(&r) {
                self.reasons.push(r);
            }
        }
        self.stopped = self.stopped.take().or(other.stopped);
    }
}

/// Set by the first Ctrl-C; a second one exits at once (the database rolls
/// the open transaction back).
fn watch_interrupts(stop: Arc<AtomicBool>, interrupted: Arc<AtomicBool>) {
    let watcher = move || {
        let Ok(rt) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        rt.block_on(async {
            if tokio::signal::ctrl_c().await.is_err() {
                return;
            }
            interrupted.store(true, Ordering::SeqCst);
            stop.store(true, Ordering::SeqCst);
            eprintln!("dyad: interrupted; storing the batch in flight (Ctrl-C again to abort it)");
            if tokio::signal::ctrl_c().await.is_ok() {
                eprintln!("dyad: aborted; the batch in flight was not stored");
                std::process::exit(130);
            }
        });
    };
    // Without the watcher Ctrl-C keeps its default effect: the process
    // ends and the open transaction is rolled back.
    let _ = std::thread::Builder::new()
        .name("dyad-sigint".into())
        .spawn(watcher);
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let opts = ReadOptions {
        max_bytes: args.max_mb.saturating_mul(1024 * 1024),
    };
    let started = std::time::Instant::now();
    super::query::check_target(&args.db)?;
    // A new SQLite file is removed again when nothing at all was read.
    let is_file = !dyad_store::is_postgres_url(&args.db);
    let existed = !is_file || std::path::Path::new(&args.db).exists();
    let store: Arc<dyn Store> =
        Arc::from(dyad_store::open(&args.db).map_err(|e| super::query::explain_open(&args.db, e))?);
    log::info!("database {}", dyad_store::redact(&args.db));
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pipeline = Pipeline::new();
    let bar = progress_bar();
    let mut counts = Counts::default();
    // Set on a fatal store error or Ctrl-C: read no more.
    let stop = Arc::new(AtomicBool::new(false));
    let interrupted = Arc::new(AtomicBool::new(false));
    watch_interrupts(Arc::clone(&stop), Arc::clone(&interrupted));

    let (send, recv) = sync_channel::<Vec<(Document, Extraction)>>(1);
    let writer_store = Arc::clone(&store);
    let writer_bar = bar.clone();
    let writer_stop = Arc::clone(&stop);
    let writer = std::thread::spawn(move || {
        let mut c = Counts::default();
        for batch in recv {
            if let Some(reason) = &c.stopped {
                // After a fatal error nothing more is tried.
                let reason = reason.clone();
                c.lost(batch.len(), &reason);
            } else {
                store_batch(&*writer_store, &batch, &mut c, &writer_bar);
                if c.stopped.is_some() {
                    writer_stop.store(true, Ordering::SeqCst);
                }
            }
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

    // Reading runs on its own thread, so that a slow or stalled input
    // (a producer piping into `-`) neither holds back what was read nor
    // keeps Ctrl-C from being heard.
    let (doc_send, doc_recv) = sync_channel(BATCH);
    let reader_stop = Arc::clone(&stop);
    let inputs = args.inputs.clone();
    let reader_opts = opts.clone();
    std::thread::spawn(move || {
        for item in read_paths(&inputs, &reader_opts) {
            if reader_stop.load(Ordering::SeqCst) || doc_send.send(item).is_err() {
                break;
            }
        }
    });
    loop {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let item = match doc_recv.recv_timeout(IDLE_FLUSH) {
            Ok(item) => item,
            Err(RecvTimeoutError::Timeout) => {
                flush(&mut pending, &mut counts)?;
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
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
                bar.suspend(|| log::warn!("{e}"));
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
    counts.merge(written);

    if counts.store_failed > 0 {
        eprintln!(
            "dyad: {} document(s) read were not stored; first reasons:",
            counts.store_failed
        );
        for r in &counts.reasons {
            eprintln!("  {r}");
        }
    }
    if counts.stopped.is_some() {
        eprintln!("dyad: stopped early; the rest of the input was not read");
    }
    let was_interrupted = interrupted.load(Ordering::SeqCst);
    if was_interrupted {
        eprintln!("dyad: interrupted; the rest of the input was not read");
    }
    if counts.read == 0 && !existed {
        drop(store);
        for suffix in ["", "-wal", "-shm", "-journal"] {
            std::fs::remove_file(format!("{}{suffix}", args.db)).ok();
        }
        eprintln!(
            "dyad: nothing was read; no database was created at {}",
            args.db
        );
    }
    // The summary is the last line (left out with -q).
    log::info!(
        "{} document(s) extracted in {:.1} s",
        counts.stored,
        started.elapsed().as_secs_f64()
    );
    if !super::logging::quiet() {
        eprintln!(
            "read {}, stored {}, duplicates {}, failed {}",
            counts.read, counts.stored, counts.duplicates, counts.failed
        );
    }
    let nothing_read = counts.read == 0 && counts.failed > 0;
    Ok(if counts.store_failed > 0 || nothing_read {
        ExitCode::from(1)
    } else if was_interrupted {
        ExitCode::from(130)
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
    #[allow(clippy::type_complexity)] // reason: one result per document, in a local
    let mut results: Vec<(usize, Option<(Extraction, Vec<Diagnostic>)>)> =
        std::thread::scope(|s| {
            let workers: Vec<_> = (0..jobs.min(docs_ref.len()).max(1))
                .map(|_| {
                    s.spawn(|| {
                        let mut out = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(doc) = docs_ref.get(i) else { break };
                            let ex = catch_unwind(AssertUnwindSafe(|| {
                                pipeline.run_with_diagnostics(doc)
                            }))
                            .ok();
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
        if let Some((ex, diagnostics)) = ex {
            for d in diagnostics {
                bar.suspend(|| log::warn!("{}: {d}", docs[i].source));
            }
            extractions[i] = Some(ex);
        }
    }
    let mut out = Vec::with_capacity(docs.len());
    for (doc, ex) in docs.into_iter().zip(extractions) {
        match ex {
            Some(ex) => out.push((doc, ex)),
            None => {
                counts.lost(1, "extraction failed (internal error)");
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
        Err(e) if e.is_fatal() => {
            let reason = e.to_string();
            bar.suspend(|| eprintln!("dyad: {reason}; stopping"));
            c.lost(batch.len(), &reason);
            c.stopped = Some(reason);
        }
        Err(e) => {
            bar.suspend(|| eprintln!("dyad: {e}; storing its documents one by one"));
            for (k, pair) in batch.iter().enumerate() {
                match store.put_batch(std::slice::from_ref(pair)) {
                    Ok(out) => {
                        c.stored += out.stored;
                        c.duplicates += out.duplicates;
                    }
                    Err(e) => {
                        let reason = format!("{}: {e}", pair.0.source);
                        bar.suspend(|| eprintln!("dyad: {reason}"));
                        c.lost(1, &reason);
                        if e.is_fatal() {
                            let rest = batch.len() - k - 1;
                            c.lost(rest, &reason);
                            c.stopped = Some(e.to_string());
                            break;
                        }
                    }
                }
            }
        }
    }
}
