//! `cargo bench -p dyad-analyze`: the analyzer on the team's golden
//! articles (tests/golden/*.txt), asserting the entity count so that a fast
//! wrong answer fails.

use dyad_analyze::Analyzer;
use dyad_model::Document;

fn main() {
    divan::main();
}

fn corpus() -> Vec<Document> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/golden exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            Document::new(
                "bench",
                std::fs::read_to_string(p).expect("golden text is UTF-8"),
            )
        })
        .collect()
}

#[divan::bench]
fn build(bencher: divan::Bencher) {
    bencher.bench(Analyzer::new);
}

#[divan::bench]
fn analyze_golden(bencher: divan::Bencher) {
    let analyzer = Analyzer::new();
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            let n: usize = docs
                .iter()
                .map(|d| analyzer.entities(d).entities.len())
                .sum();
            assert_eq!(n, 121, "entity count of the golden articles changed");
            n
        });
}

#[divan::bench]
fn sentences_and_tokens(bencher: divan::Bencher) {
    let docs = corpus();
    bencher.bench(|| {
        let n: usize = docs
            .iter()
            .map(|d| {
                let s = dyad_analyze::text::sentences(&d.text);
                dyad_analyze::text::tokens(&d.text, &s).len()
            })
            .sum();
        assert_eq!(n, 932, "token count of the golden articles changed");
        n
    });
}
