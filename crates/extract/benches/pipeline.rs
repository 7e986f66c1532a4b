//! Throughput of the whole extraction (analyze + events + agreements +
//! figures + quotes + topics) with divan: `cargo bench -p dyad-extract`.
//!
//! `fixtures` runs the golden articles of `tests/golden/events` and asserts
//! the number of events and agreements their `.expected` files list, so a
//! fast wrong answer fails. `news_corpus` reads the JSON Lines corpora under
//! `../shared/data/news` beside the workspace (skipped when absent) and
//! reports bytes per second.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use divan::counter::BytesCount;
use divan::Bencher;
use dyad_extract::Pipeline;
use dyad_model::Document;

fn main() {
    divan::main();
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/events")
}

/// The golden articles as documents, with the expected event and agreement
/// counts.
fn fixtures() -> (Vec<Document>, usize, usize) {
    let mut docs = Vec::new();
    let (mut events, mut agreements) = (0, 0);
    for p in common::cases(&golden_dir()) {
        let raw = std::fs::read_to_string(&p).expect("golden article");
        docs.push(common::document(&p.display().to_string(), &raw));
        let expected = std::fs::read_to_string(p.with_extension("expected")).unwrap_or_default();
        events += expected.lines().filter(|l| l.starts_with("event ")).count();
        agreements += expected
            .lines()
            .filter(|l| l.starts_with("agreement "))
            .count();
    }
    (docs, events, agreements)
}

#[divan::bench]
fn golden_fixtures(bencher: Bencher) {
    let pipeline = Pipeline::new();
    let (docs, events, agreements) = fixtures();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench_local(|| {
        let (mut e, mut a) = (0, 0);
        for d in &docs {
            let x = pipeline.run(divan::black_box(d));
            e += x.events.len();
            a += x.agreements.len();
        }
        assert_eq!(
            (e, a),
            (events, agreements),
            "event and agreement counts changed"
        );
    });
}

/// The news corpora, if the shared data sits beside the workspace.
fn corpus() -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut docs = Vec::new();
    for e in entries.flatten() {
        if e.path().extension() != Some(std::ffi::OsStr::new("jsonl")) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let Some(body) = v.get("text").and_then(|t| t.as_str()) else {
                continue;
            };
            let mut doc = Document::new(e.path().display().to_string(), body.to_string());
            doc.date = v
                .get("date")
                .and_then(|d| d.as_str())
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            doc.dateline = v
                .get("dateline")
                .and_then(|d| d.as_str())
                .map(str::to_string);
            docs.push(doc);
        }
    }
    docs
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn news_corpus(bencher: Bencher) {
    let docs = corpus();
    if docs.is_empty() {
        eprintln!("news_corpus: ../shared/data/news not found, skipped");
        return;
    }
    let pipeline = Pipeline::new();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench_local(|| {
        let events: usize = docs
            .iter()
            .map(|d| pipeline.run(divan::black_box(d)).events.len())
            .sum();
        assert!(events > 0, "no event in the whole corpus");
    });
}
