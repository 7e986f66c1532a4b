//! Time of each extraction stage alone over a corpus, single-threaded:
//! `cargo run --release -p dyad-extract --example stage_times -- DIR [REPEAT]`.
//!
//! Analysis runs first (timed too); each later stage then runs on the stored
//! analyses, so its figure excludes analysis. Each figure is the fastest of
//! REPEAT passes (default 5), which is the one least disturbed by other load;
//! on Linux the time is the thread's time on a CPU (from
//! `/proc/thread-self/schedstat`), which waiting for a busy CPU does not
//! inflate, elsewhere the wall-clock time.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use dyad_extract::{Pipeline, Stage};
use dyad_model::{CharMap, Document};
use dyad_read::{read_paths, ReadOptions};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: stage_times DIR [REPEAT]");
        std::process::exit(2);
    };
    let repeat: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5).max(1);
    let docs: Vec<Document> = read_paths(&[PathBuf::from(dir)], &ReadOptions::default())
        .filter_map(Result::ok)
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    println!(
        "corpus: {} documents, {:.2} MB of text; fastest of {repeat} passes",
        docs.len(),
        bytes as f64 / 1e6
    );
    let pipeline = Pipeline::new();

    let mut analyses = Vec::new();
    let t = fastest(repeat, || {
        analyses = docs.iter().map(|d| pipeline.analyze(d)).collect();
        analyses.len()
    });
    report("analyze", t.0, bytes, t.1);
    let maps: Vec<CharMap> = docs.iter().map(|d| CharMap::new(&d.text)).collect();

    let mut total = t.0;
    for stage in Stage::ALL {
        let t = fastest(repeat, || {
            docs.iter()
                .zip(&analyses)
                .zip(&maps)
                .map(|((d, a), m)| pipeline.run_stage(stage, d, a, m))
                .sum()
        });
        total += t.0;
        report(stage.name(), t.0, bytes, t.1);
    }
    report("sum", total, bytes, 0);
    let t = fastest(repeat, || {
        docs.iter().map(|d| pipeline.run(d).events.len()).sum()
    });
    report("run", t.0, bytes, t.1);
}

/// The fastest of `repeat` passes and the count the pass returned.
fn fastest(repeat: usize, mut pass: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = (Duration::MAX, 0);
    for _ in 0..repeat {
        let (start, cpu) = (Instant::now(), cpu_time());
        let n = pass();
        let t = match (cpu, cpu_time()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => start.elapsed(),
        };
        if t < best.0 {
            best = (t, n);
        }
    }
    best
}

/// The calling thread's time on a CPU so far (Linux).
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn report(stage: &str, t: Duration, bytes: usize, facts: usize) {
    println!(
        "{stage:<11} {:>8.3} s {:>9.2} MB/s  {facts:>7} facts",
        t.as_secs_f64(),
        bytes as f64 / 1e6 / t.as_secs_f64()
    );
}
