//! The pipeline is total: no text panics it, every span lies inside the
//! text, and over-long sentences and documents are cut with a diagnostic.
//! Crash inputs found by `fuzz/` (target `pipeline`) go here.

use dyad_extract::limits::{MAX_DOCUMENT_BYTES, MAX_DOCUMENT_TOKENS, MAX_SENTENCE_TOKENS};
use dyad_extract::{Diagnostic, Pipeline};
use dyad_model::{Document, Extraction};
use proptest::prelude::*;

fn spans(x: &Extraction) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = Vec::new();
    v.extend(
        x.entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end))),
    );
    v.extend(x.events.iter().map(|e| (e.evidence.start, e.evidence.end)));
    v.extend(
        x.agreements
            .iter()
            .map(|e| (e.evidence.start, e.evidence.end)),
    );
    v.extend(
        x.quantities
            .iter()
            .map(|e| (e.evidence.start, e.evidence.end)),
    );
    v.extend(x.quotes.iter().map(|e| (e.evidence.start, e.evidence.end)));
    v.extend(x.topics.iter().map(|e| (e.evidence.start, e.evidence.end)));
    v
}

fn check(pipeline: &Pipeline, text: &str) -> (Extraction, Vec<Diagnostic>) {
    let doc = Document::new("test", text.to_string());
    let (x, d) = pipeline.run_with_diagnostics(&doc);
    let n = text.chars().count();
    assert_eq!(x.doc.chars, n);
    for (s, e) in spans(&x) {
        assert!(
            s < e && e <= n,
            "span [{s}, {e}) outside a text of {n} chars"
        );
    }
    (x, d)
}

#[test]
fn a_sentence_without_punctuation_is_read_in_pieces() {
    let pipeline = Pipeline::new();
    let words = "Kazakhstan and Bulgaria signed an agreement on trade with Poland ";
    let text = words.repeat(3 * MAX_SENTENCE_TOKENS / 10);
    let (x, d) = check(&pipeline, &text);
    assert_eq!(d, vec![Diagnostic::SentencesSplit { count: 1 }]);
    // The names at every cut are still found whole.
    let kaz = x
        .entities
        .iter()
        .find(|e| e.id == "KAZ")
        .expect("Kazakhstan is found");
    assert_eq!(kaz.mentions.len(), 3 * MAX_SENTENCE_TOKENS / 10);
    // An ordinary article is not touched.
    let (_, d) = check(&pipeline, "Kazakhstan and Bulgaria signed an agreement. ");
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn a_document_over_the_limit_is_cut() {
    let pipeline = Pipeline::new();
    // Long words: the byte cap comes before the token budget.
    let para = "Kazakhstani pharmaceutical manufacturers exported pharmaceuticals worth \
                $5 million to Bulgaria.\n\n";
    let mut text = para.repeat(MAX_DOCUMENT_BYTES / para.len() + 100);
    assert!(dyad_extract::limits::estimated_tokens(&text) < MAX_DOCUMENT_TOKENS);
    text.insert_str(0, "Poland ");
    let (x, d) = check(&pipeline, &text);
    let [Diagnostic::DocumentCut { len, kept }] = d[..] else {
        panic!("one cut expected: {d:?}");
    };
    assert_eq!(len, text.len());
    assert!(kept <= MAX_DOCUMENT_BYTES && kept > MAX_DOCUMENT_BYTES - para.len());
    assert!(text[..kept].ends_with("\n\n"), "cut at a paragraph break");
    // The document block describes the whole text.
    assert_eq!(x.doc.chars, text.chars().count());
    let last = x
        .quantities
        .iter()
        .map(|q| q.evidence.end)
        .max()
        .unwrap_or(0);
    assert!(last <= kept, "no fact past the cut");
}

/// Inputs the `pipeline` fuzz target found, in `tests/regressions/`.
#[test]
fn fuzz_regressions() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/regressions");
    let pipeline = Pipeline::new();
    for entry in std::fs::read_dir(dir).expect("tests/regressions") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("regression input");
        let text = String::from_utf8(bytes).expect("the fuzz target feeds UTF-8");
        check(&pipeline, &text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_text_extracts_with_spans_inside(text in "\\PC{0,300}") {
        check(&Pipeline::new(), &text);
    }

    #[test]
    fn news_like_words_extract_with_spans_inside(
        words in proptest::collection::vec(
            prop_oneof![
                Just("Kazakhstan"), Just("Bulgaria"), Just("signed"), Just("an"),
                Just("agreement"), Just("$5"), Just("million"), Just("in"), Just("June"),
                Just("2024"), Just("."), Just(","), Just("\""), Just("said"), Just("\n\n"),
                Just("the"), Just("President"), Just("Tokayev"), Just("accused"),
                Just("é"), Just("“"), Just("”"), Just("%"), Just("rose"), Just("by"),
            ],
            0..200,
        )
    ) {
        check(&Pipeline::new(), &words.join(" "));
    }
}

#[test]
fn a_document_dense_in_tokens_is_cut_by_the_token_budget() {
    let pipeline = Pipeline::new();
    // 10 tokens in 14 bytes: over the token budget well under the byte cap.
    let para = "KAZ,(BGR);[5]\n";
    let mut text = String::from("Kazakhstan and Bulgaria signed a deal.\n\n");
    text.push_str(&para.repeat(MAX_DOCUMENT_TOKENS / 10 + 1_000));
    assert!(text.len() < MAX_DOCUMENT_BYTES);
    let (x, d) = check(&pipeline, &text);
    let [Diagnostic::DocumentCutTokens { len, kept }] = d[..] else {
        panic!("one cut by tokens expected: {d:?}");
    };
    assert_eq!(len, text.len());
    assert!(kept < text.len() && kept > text.len() / 2);
    assert!(dyad_extract::limits::estimated_tokens(&text[..kept]) <= MAX_DOCUMENT_TOKENS);
    assert!(
        x.entities.iter().any(|e| e.id == "KAZ"),
        "the head of the text is read"
    );
}
