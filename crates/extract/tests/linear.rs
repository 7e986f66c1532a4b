//! Extraction time grows linearly with the text: 1x, 4x and 16x the same
//! text take time within 1.5x of proportional.
//!
//! Three shapes of text, each a known trap for per-sentence or per-figure
//! loops: many short sentences naming countries and figures, one long run
//! of words without sentence punctuation, and the example articles joined.
//! Times are the test thread's own CPU time (Linux; elsewhere wall clock),
//! over batches of runs long enough for a coarse clock, the fastest of
//! several, so other load on the machine does not count; only ratios are
//! compared, never absolute times.

use std::time::{Duration, Instant};

use dyad_extract::Pipeline;
use dyad_model::Document;

/// How much slower than proportional 16x may be.
const SLACK: f64 = 1.5;

fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// The CPU time of one extraction of `text`: runs are batched until a
/// batch takes at least 100 ms (the clock may tick in milliseconds), and
/// the fastest of `batches` batches counts.
fn time(pipeline: &Pipeline, text: &str, batches: usize) -> f64 {
    let doc = Document::new("linear", text.to_string());
    let once = |n: usize| {
        let (wall, cpu) = (Instant::now(), cpu_time());
        for _ in 0..n {
            std::hint::black_box(pipeline.run(&doc));
        }
        match (cpu, cpu_time()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => wall.elapsed(),
        }
        .as_secs_f64()
    };
    let mut n = 1;
    while once(n) < 0.1 && n < 1 << 12 {
        n *= 2;
    }
    (0..batches)
        .map(|_| once(n) / n as f64)
        .fold(f64::INFINITY, f64::min)
}

/// Checks that `unit` repeated 4 and 16 times costs at most 4 and 16 times
/// (with [`SLACK`]) what it costs once; measured again before failing, so
/// a burst of load on one run cannot fail it.
fn check_linear(name: &str, unit: &str) {
    let pipeline = Pipeline::new();
    let texts: Vec<String> = [1, 4, 16].iter().map(|&k| unit.repeat(k)).collect();
    // Warm up (lazy tables, allocator).
    pipeline.run(&Document::new("warm", unit.to_string()));
    let mut last = String::new();
    for _attempt in 0..3 {
        let t1 = time(&pipeline, &texts[0], 3);
        let t4 = time(&pipeline, &texts[1], 3);
        let t16 = time(&pipeline, &texts[2], 2);
        let (r4, r16) = (t4 / t1, t16 / t1);
        last = format!(
            "{name}: 1x {:.1} ms, 4x {:.1} ms ({r4:.2}x), 16x {:.1} ms ({r16:.2}x)",
            t1 * 1e3,
            t4 * 1e3,
            t16 * 1e3
        );
        eprintln!("{last}");
        if r4 <= 4.0 * SLACK && r16 <= 16.0 * SLACK {
            return;
        }
    }
    panic!("extraction time is not linear in the text: {last}");
}

/// About `bytes` of `sentence` repeated.
fn repeated(sentence: &str, bytes: usize) -> String {
    sentence.repeat(bytes / sentence.len() + 1)
}

#[test]
fn many_sentences_with_figures_and_countries() {
    let unit = repeated("Kazakhstan exported $5 million to Bulgaria. ", 8_000);
    check_linear("figures", &unit);
}

#[test]
fn words_without_sentence_punctuation() {
    let words = "Kazakhstan and Bulgaria signed an agreement on trade worth $5 million \
                 in March 2024 while Poland accused Russia of violating the accord \
                 and Japan said the deal with Vietnam would expire in June ";
    let unit = repeated(words, 8_000);
    check_linear("unpunctuated", &unit);
}

#[test]
fn example_articles_joined() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articles");
    let mut unit = String::new();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("examples/articles")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    for p in names {
        unit.push_str(&std::fs::read_to_string(&p).expect("example article"));
        unit.push_str("\n\n");
    }
    assert!(unit.len() > 2_000, "the example articles are there");
    check_linear("articles", &unit);
}

/// Text without white space: each step of the tokenizer's affix and infix
/// loops sees the rest of the chunk, so any per-step search of it is
/// quadratic. Runs of punctuation (one token per byte), of URLs and of
/// dotted letters.
#[test]
fn chunks_without_white_space() {
    for (name, piece) in [
        ("punctuation", ",(Kazakhstan)[5];"),
        ("urls", "http://a.kz/b.bg/"),
        ("dotted", "K.a.z."),
    ] {
        let unit = repeated(piece, 4_000);
        check_linear(name, &unit);
    }
}
