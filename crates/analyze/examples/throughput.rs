//! Single-core analysis throughput on a corpus (files or folders, read with
//! dyad-read): `cargo run --release -p dyad-analyze --example throughput --
//! ../shared/data/news`. Prints documents, MB of text, seconds and MB/s of
//! `Analyzer::analyze` alone (reading is not timed).

use std::path::PathBuf;
use std::time::Instant;

use dyad_analyze::Analyzer;

/// Nanoseconds this thread has run on a CPU (Linux), so that other
/// processes on a busy machine do not count; wall time elsewhere.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let t0 = Instant::now();
    let analyzer = Analyzer::new();
    let build = t0.elapsed();
    let docs: Vec<_> = dyad_read::read_paths(&paths, &Default::default())
        .filter_map(Result::ok)
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut entities = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let c0 = cpu_ns();
        entities = 0;
        for d in &docs {
            entities += analyzer.entities(d).entities.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c0, cpu_ns()) {
            best_cpu = best_cpu.min((b - a) as f64 / 1e9);
        }
    }
    let t = Instant::now();
    let mut n = 0;
    for d in &docs {
        let s = dyad_analyze::text::sentences(&d.text);
        n += dyad_analyze::text::tokens(&d.text, &s).len();
    }
    let split = t.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!(
        "sentences and {n} tokens alone: {split:.3} s = {:.1} MB/s",
        mb / split
    );
    if best_cpu < f64::MAX {
        println!(
            "CPU time (this thread only), best of 3: {best_cpu:.3} s = {:.1} MB/s per core",
            bytes as f64 / 1e6 / best_cpu
        );
    }
    println!(
        "analyzer built in {:.1} ms; {} documents, {:.2} MB of text, {} entities; best of 3: {:.3} s = {:.1} MB/s on one core",
        build.as_secs_f64() * 1e3,
        docs.len(),
        mb,
        entities,
        best,
        mb / best
    );
}
