//! Golden tests for figures, quotations and topics: the real [`Pipeline`]
//! over articles written for these tests (`tests/golden/figures/*.txt`),
//! compared line by line with `<case>.expected`. Regenerate with
//! `UPDATE_EXPECT=1 cargo test -p dyad-extract --test figures_golden` and
//! review the diff like code.
//!
//! A `.txt` may start with a `date YYYY-MM-DD` line (the document date);
//! a dateline such as `HANOI —` stays in the text.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dyad_extract::Pipeline;
use dyad_model::{Document, Extraction, QuantityKind, Span};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/figures")
}

fn slice(text: &str, s: Span) -> String {
    text.chars()
        .skip(s.start)
        .take(s.end - s.start)
        .collect::<String>()
        .replace('\n', " ")
}

fn render(doc: &Document, ex: &Extraction) -> String {
    let mut out = String::new();
    for q in &ex.quantities {
        let countries: Vec<&str> = q.countries.iter().map(|c| c.as_str()).collect();
        let period = q
            .period
            .map_or("-".to_string(), |p| format!("{}..{}", p.start, p.end));
        let change = q.change.as_ref().map_or("-".to_string(), |c| {
            format!(
                "x{} {}% from {}",
                c.factor.map_or("?".into(), |f| format!("{f:.3}")),
                c.percent.map_or("?".into(), |p| format!("{p}")),
                c.from
                    .map_or("-".to_string(), |p| format!("{}..{}", p.start, p.end))
            )
        });
        writeln!(
            out,
            "quantity [{},{}] {:?} {} {} {} {} measure={} subject={:?} countries={} period={} change={}",
            q.evidence.start,
            q.evidence.end,
            slice(&doc.text, q.evidence),
            q.kind,
            q.value,
            q.unit.as_deref().unwrap_or("-"),
            q.approx,
            q.measure.map_or("-", |m| m.as_str()),
            q.subject.as_deref().unwrap_or("-"),
            countries.join(","),
            period,
            change,
        )
        .unwrap();
    }
    for q in &ex.quotes {
        writeln!(
            out,
            "quote [{},{}] speaker={:?} ({}) {:?}",
            q.evidence.start,
            q.evidence.end,
            q.speaker_name.as_deref().unwrap_or("-"),
            q.speaker.as_deref().unwrap_or("-"),
            q.text,
        )
        .unwrap();
    }
    for t in &ex.topics {
        let countries: Vec<&str> = t.countries.iter().map(|c| c.as_str()).collect();
        writeln!(
            out,
            "topic {} {} countries={} {:?}",
            t.topic,
            t.status.map_or("-", |s| s.as_str()),
            countries.join(","),
            slice(&doc.text, t.evidence),
        )
        .unwrap();
    }
    out
}

#[test]
fn golden_figures_quotes_topics() {
    common::check_folder(&golden_dir(), 1, render);
}

/// Money as 1987 wire copy writes it, in sentences paraphrased for this
/// test (not copied from any article): the values and currencies must come
/// out exactly.
#[test]
fn wire_money_paraphrases() {
    let cases: &[(&str, &[(f64, &str)])] = &[
        (
            "The trade gap shrank to 2.4 billion dlrs in May from 3.1 billion in April.",
            &[(2.4e9, "USD"), (3.1e9, "USD")],
        ),
        (
            "Farm exports fell 350 mln dlrs or 4 pct to 8.2 billion dlrs.",
            &[(350e6, "USD"), (8.2e9, "USD")],
        ),
        (
            "The bank lent 1,250 mln dlrs to the utility over five years.",
            &[(1.25e9, "USD")],
        ),
        (
            "West Germany's surplus narrowed to 6.1 billion marks from a record 9.8 billion marks.",
            &[(6.1e9, "DEM"), (9.8e9, "DEM")],
        ),
        (
            "The ministry set aside 45 mln stg for the scheme and 12 billion yen for research.",
            &[(45e6, "GBP"), (12e9, "JPY")],
        ),
        (
            "Paris expects a deficit of 130 billion francs, against 142 billion last year.",
            &[(130e9, "FRF"), (142e9, "FRF")],
        ),
        (
            "The fund holds 2.5 billion U.S. dlrs and 800 mln Swiss francs.",
            &[(2.5e9, "USD"), (800e6, "CHF")],
        ),
        (
            "Rebates reached 44.25 European currency units per 100 kilos, or 46.5 Ecus.",
            &[(46.5, "XEU")],
        ),
        (
            "Cargo rates rose to 18 dlrs a tonne on the route.",
            &[(18.0, "USD")],
        ),
        (
            "The Ottawa firm paid 7.5 mln Canadian dlrs for the stake.",
            &[(7.5e6, "CAD")],
        ),
    ];
    let pipeline = Pipeline::new();
    for (text, want) in cases {
        let mut doc = Document::new("t.txt", text.to_string());
        doc.date = "1987-06-01".parse().ok();
        let got: Vec<(f64, String)> = pipeline
            .run(&doc)
            .quantities
            .into_iter()
            .filter(|q| q.kind == QuantityKind::Money)
            .map(|q| (q.value, q.unit.unwrap_or_default()))
            .collect();
        let want: Vec<(f64, String)> = want.iter().map(|(v, c)| (*v, c.to_string())).collect();
        assert_eq!(got, want, "{text}");
    }
}

/// Over the Reuters-21578 trade and politics stories in `../shared` (when
/// present): extraction never panics and finds money in most stories.
#[test]
fn reuters_money_figures() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/news/reuters21578_trade_politics.jsonl");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let pipeline = Pipeline::new();
    let (mut docs, mut money) = (0usize, 0usize);
    for line in raw.lines().take(400) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        let mut doc = Document::new("reuters", text.to_string());
        doc.date = v
            .get("date")
            .and_then(|d| d.as_str())
            .and_then(|d| d.parse().ok());
        docs += 1;
        money += pipeline
            .run(&doc)
            .quantities
            .iter()
            .filter(|q| q.kind == QuantityKind::Money)
            .count();
    }
    assert!(docs >= 300, "{docs} documents read");
    // About 1.9 money figures a story over the whole corpus.
    assert!(money >= docs, "{money} money figures in {docs} stories");
}
