//! `dyad bench CORPUS...`: whole-corpus throughput, single-threaded (so the
//! figures are per core), of four scopes: entity analysis alone (sentences,
//! tokens, entities), the parse alone (tokenizer, tagger, parser,
//! lemmatizer; its "facts" column counts tokens), the core extraction
//! (analysis with the parse + events + agreements) and the full extraction
//! (every stage, as `dyad extract` runs it).
//!
//! Each figure is the median of `--repeat` passes. On Linux a pass is timed
//! by the thread's time on a CPU (`/proc/thread-self/schedstat`), which
//! waiting for a busy CPU does not inflate; the wall-clock time is printed
//! beside it. Elsewhere both columns are wall-clock time.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use dyad_analyze::Analyzer;
use dyad_extract::{Pipeline, Stage};
use dyad_model::{CharMap, Document};
use dyad_read::{read_paths, ReadOptions};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders to read (reading is not timed).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Passes over the corpus per scope; the median pass is reported.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let docs: Vec<Document> = read_paths(&args.inputs, &ReadOptions::default())
        .filter_map(Result::ok)
        .collect();
    if docs.is_empty() {
        anyhow::bail!("no document could be read from the inputs");
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let repeat = args.repeat.max(1);
    eprintln!(
        "corpus: {} documents, {:.2} MB of text; median of {repeat} passes, one thread",
        docs.len(),
        bytes as f64 / 1e6
    );
    let analyzer = Analyzer::new();
    let pipeline = Pipeline::new();
    println!(
        "{:<28} {:>8} {:>10} {:>8} {:>12}  facts",
        "scope", "cpu s", "MB/s/core", "wall s", "articles/s"
    );

    let mut mentions = 0;
    let t = median(repeat, || {
        mentions = docs
            .iter()
            .map(|d| analyzer.entities(d).mentions.len())
            .sum();
    });
    report("analyze (entities)", t, docs.len(), bytes, mentions);

    let mut tokens = 0;
    let t = median(repeat, || {
        tokens = docs
            .iter()
            .map(|d| dyad_analyze::syntax::parse(&d.text).tokens.len())
            .sum();
    });
    report("parse (tokens)", t, docs.len(), bytes, tokens);

    let mut facts = 0;
    let t = median(repeat, || {
        facts = docs
            .iter()
            .map(|d| {
                let a = pipeline.analyze(d);
                let map = CharMap::new(&d.text);
                a.entities.len()
                    + pipeline.run_stage(Stage::Events, d, &a, &map)
                    + pipeline.run_stage(Stage::Agreements, d, &a, &map)
            })
            .sum();
    });
    report("entities+events+agreements", t, docs.len(), bytes, facts);

    let t = median(repeat, || {
        facts = docs
            .iter()
            .map(|d| {
                let x = pipeline.run(d);
                x.entities.len()
                    + x.events.len()
                    + x.agreements.len()
                    + x.quantities.len()
                    + x.quotes.len()
                    + x.topics.len()
            })
            .sum();
    });
    report("extract (all stages)", t, docs.len(), bytes, facts);
    Ok(ExitCode::SUCCESS)
}

/// One pass's time: on a CPU (where the OS tells it) and on the wall clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Timing {
    cpu: Duration,
    wall: Duration,
}

fn median(repeat: usize, mut pass: impl FnMut()) -> Timing {
    let mut times: Vec<Timing> = (0..repeat)
        .map(|_| {
            let (c, w) = (cpu_time(), Instant::now());
            pass();
            let wall = w.elapsed();
            let cpu = match (c, cpu_time()) {
                (Some(a), Some(b)) if b > a => b - a,
                _ => wall,
            };
            Timing { cpu, wall }
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// The calling thread's time on a CPU so far (Linux only).
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn report(scope: &str, t: Timing, docs: usize, bytes: usize, facts: usize) {
    let cpu = t.cpu.as_secs_f64().max(1e-9);
    let wall = t.wall.as_secs_f64().max(1e-9);
    println!(
        "{scope:<28} {cpu:>8.3} {:>10.2} {wall:>8.3} {:>12.0}  {facts}",
        bytes as f64 / 1e6 / cpu,
        docs as f64 / cpu,
    );
}
