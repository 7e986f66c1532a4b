//! dyad's Python binding: the `dyad._dyad` extension module.
//!
//! It runs the same library calls as `dyad extract --json` on a JSON Lines
//! file: each text, with its date, title, dateline and url, becomes one
//! record `{text, date, title, dateline, url}` read by
//! [`dyad_read::read_bytes_as`] with [`Format::JsonLines`] (so a dateline
//! at the start of the text, or given apart, is read as the command reads
//! it), then [`Pipeline::run_with_diagnostics`] gives the
//! [`dyad_model::Extraction`], serialized with serde_json exactly as the
//! command prints it. The Python package (`dyad/__init__.py`) turns those
//! JSON strings into dicts, checks argument types and raises the
//! exceptions.
//!
//! One function crosses the boundary, `run`: a batch of texts in, one
//! `(status, payload, diagnostics)` tuple out per text, in input order.
//! The batch runs on `jobs` threads with the interpreter released, so
//! other Python threads go on meanwhile; between chunks of it a pending
//! Ctrl-C raises `KeyboardInterrupt`. Nothing here panics into Python:
//! a panic inside the pipeline on one text becomes status 2 for that text.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use dyad_extract::Pipeline;
use dyad_model::Document;
use dyad_read::{Format, ReadErrorKind, ReadOptions};
use pyo3::prelude::*;

/// Status of one text: the payload is the JSON object.
const OK: u8 = 0;
/// Status of one text: the payload says what is wrong with the input.
const BAD_INPUT: u8 = 1;
/// Status of one text: the payload says what failed inside dyad.
const INTERNAL: u8 = 2;

/// Stack of each worker thread: the same as a main thread's on Linux, since
/// the command runs the pipeline on its main thread.
const WORKER_STACK: usize = 8 * 1024 * 1024;

/// How many texts each thread extracts before the batch looks for a
/// pending Ctrl-C: a few seconds of work at most on a long article.
const TEXTS_PER_THREAD_BETWEEN_SIGNALS: usize = 32;

/// The pipeline, built on first use and shared by every thread (it is
/// immutable and `Sync`).
fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(Pipeline::new)
}

/// One text to extract from, with what the caller knows about it.
struct Input {
    text: String,
    date: Option<String>,
    title: Option<String>,
    dateline: Option<String>,
    url: Option<String>,
    source: String,
    /// Put the text that offsets count in into `doc.text` (`--text`).
    include_text: bool,
}

/// What one text gave: a status, the JSON object or the error message,
/// and the diagnostics (what was done to bound the work).
type Outcome = (u8, String, Vec<String>);

/// The document `dyad extract` would read from a JSON Lines record holding
/// `input`'s fields, named `input.source`.
fn document(input: &Input) -> Result<Document, String> {
    let at = &input.source;
    // The reader ignores a date it cannot read; an argument that is not a
    // date is the caller's mistake, so it is refused here.
    let date = match input.date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => Some(dyad_read::parse_date(s).ok_or_else(|| {
            format!(
                "{at}: bad date {s:?} (expected YYYY-MM-DD, a date such as \"June 9, 2025\", or a datetime.date)"
            )
        })?),
    };
    if input.text.trim().is_empty() {
        return Err(format!("{at}: empty text"));
    }
    // A file holding NUL characters is refused as binary by the readers; a
    // string has no bytes to sniff, so the NUL itself decides.
    if input.text.contains('\0') {
        return Err(format!(
            "{at}: text holds NUL characters: binary data, not an article"
        ));
    }
    let mut record = serde_json::Map::new();
    record.insert("text".into(), input.text.as_str().into());
    if let Some(d) = date {
        record.insert("date".into(), d.to_string().into());
    }
    for (key, value) in [
        ("title", &input.title),
        ("dateline", &input.dateline),
        ("url", &input.url),
    ] {
        if let Some(v) = value {
            record.insert(key.into(), v.as_str().into());
        }
    }
    let line = serde_json::Value::Object(record).to_string();
    // The text is already in memory and the pipeline bounds its own work:
    // no size limit here.
    let opts = ReadOptions {
        max_bytes: u64::MAX,
    };
    let mut docs = dyad_read::read_bytes_as(Format::JsonLines, at, line.as_bytes(), &opts);
    match (docs.pop(), docs.is_empty()) {
        (Some(Ok(mut doc)), true) => {
            doc.source = input.source.clone();
            Ok(doc)
        }
        (Some(Err(e)), true) => Err(match e.kind {
            ReadErrorKind::NoText(_) => {
                format!("{at}: no article text (only a date or a dateline)")
            }
            kind => format!("{at}: {kind}"),
        }),
        _ => Err(format!("{at}: not one article")),
    }
}

/// Reads and extracts one text; never panics.
fn run_one(input: &Input) -> Outcome {
    let doc = match document(input) {
        Ok(doc) => doc,
        Err(msg) => return (BAD_INPUT, msg, Vec::new()),
    };
    let result = catch_unwind(AssertUnwindSafe(|| {
        let (mut ex, diagnostics) = pipeline().run_with_diagnostics(&doc);
        if input.include_text {
            ex.doc.text = Some(doc.text.clone());
        }
        let json = serde_json::to_string(&ex);
        (json, diagnostics)
    }));
    match result {
        Ok((Ok(json), diagnostics)) => (
            OK,
            json,
            diagnostics
                .iter()
                .map(|d| format!("{}: {d}", doc.source))
                .collect(),
        ),
        Ok((Err(e), _)) => (
            INTERNAL,
            format!("{}: cannot serialize the result: {e}", doc.source),
            Vec::new(),
        ),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".into());
            (
                INTERNAL,
                format!("{}: internal error in dyad: {what}", doc.source),
                Vec::new(),
            )
        }
    }
}

/// Runs every input on `jobs` threads (texts handed out one at a time, so a
/// long article does not hold up a whole share); results in input order.
fn run_all(inputs: &[Input], jobs: usize) -> Vec<Outcome> {
    let jobs = jobs.clamp(1, inputs.len().max(1));
    if jobs == 1 {
        return inputs.iter().map(run_one).collect();
    }
    // Build the pipeline once before the threads race for it.
    pipeline();
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<Outcome>> = (0..inputs.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let mut handles = Vec::with_capacity(jobs);
        for _ in 0..jobs {
            let worker = || {
                let mut done = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    done.push((i, run_one(input)));
                }
                done
            };
            match std::thread::Builder::new()
                .name("dyad-extract".into())
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, worker)
            {
                Ok(h) => handles.push(h),
                // No thread to be had: the threads already started (or the
                // loop below) take this share.
                Err(_) => break,
            }
        }
        for h in handles {
            if let Ok(done) = h.join() {
                for (i, outcome) in done {
                    slots[i] = Some(outcome);
                }
            }
        }
    });
    inputs
        .iter()
        .zip(slots)
        .map(|(input, slot)| slot.unwrap_or_else(|| run_one(input)))
        .collect()
}

/// `run(texts, dates, titles, datelines, urls, sources, jobs,
/// include_text)`: the batch entry behind `dyad.extract` and
/// `dyad.extract_batch`. Every list has one item per text (the Python layer
/// fills them in).
#[pyfunction]
#[pyo3(signature = (texts, dates, titles, datelines, urls, sources, jobs, include_text))]
#[allow(clippy::too_many_arguments)] // one list per record field, as Python passes them
fn run(
    py: Python<'_>,
    texts: Vec<String>,
    dates: Vec<Option<String>>,
    titles: Vec<Option<String>>,
    datelines: Vec<Option<String>>,
    urls: Vec<Option<String>>,
    sources: Vec<String>,
    jobs: usize,
    include_text: bool,
) -> PyResult<Vec<Outcome>> {
    let n = texts.len();
    let lens = [
        dates.len(),
        titles.len(),
        datelines.len(),
        urls.len(),
        sources.len(),
    ];
    if lens.iter().any(|&l| l != n) {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "{n} texts but {lens:?} dates, titles, datelines, urls and sources"
        )));
    }
    let inputs: Vec<Input> = texts
        .into_iter()
        .zip(dates)
        .zip(titles)
        .zip(datelines)
        .zip(urls)
        .zip(sources)
        .map(|(((((text, date), title), dateline), url), source)| Input {
            text,
            date,
            title,
            dateline,
            url,
            source,
            include_text,
        })
        .collect();
    // Chunks of a few dozen texts per thread, with a look at pending
    // signals between them, so Ctrl-C stops a long batch soon.
    let chunk = jobs.max(1).saturating_mul(TEXTS_PER_THREAD_BETWEEN_SIGNALS);
    let mut out = Vec::with_capacity(inputs.len());
    for part in inputs.chunks(chunk) {
        out.extend(py.detach(|| run_all(part, jobs)));
        py.check_signals()?;
    }
    Ok(out)
}

/// Threads `extract_batch` uses when not told: one per core.
#[pyfunction]
fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[pymodule]
fn _dyad(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(default_jobs, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
