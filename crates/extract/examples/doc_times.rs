//! Time of each stage on one text file read as one document, single-threaded:
//! `cargo run --release -p dyad-extract --example doc_times -- FILE`.
//!
//! For finding super-linear paths: run it on a text and on the same text
//! repeated (the time per MB should not grow). Times are the thread's time
//! on a CPU (Linux), elsewhere the wall-clock time.

use std::time::{Duration, Instant};

use dyad_extract::{Pipeline, Stage};
use dyad_model::{CharMap, Document};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: doc_times FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let doc = Document::new(path, text);
    println!("{} bytes", doc.text.len());
    let pipeline = Pipeline::new();
    let (analysis, t) = timed(|| pipeline.analyze(&doc));
    println!("analyze     {:>8.3} s", t.as_secs_f64());
    let map = CharMap::new(&doc.text);
    for stage in Stage::ALL {
        let (n, t) = timed(|| pipeline.run_stage(stage, &doc, &analysis, &map));
        println!(
            "{:<11} {:>8.3} s {n:>7} facts",
            stage.name(),
            t.as_secs_f64()
        );
    }
    let (out, t) = timed(|| pipeline.run(&doc));
    println!(
        "run         {:>8.3} s {:>7} events",
        t.as_secs_f64(),
        out.events.len()
    );
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let (start, cpu) = (Instant::now(), cpu_time());
    let v = f();
    let t = match (cpu, cpu_time()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => start.elapsed(),
    };
    (v, t)
}

/// The calling thread's time on a CPU so far (Linux).
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}
