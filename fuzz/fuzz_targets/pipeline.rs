//! Fuzzes the whole pipeline (analyze + extract) on arbitrary UTF-8 of up
//! to 1 MB: no input may panic, and every span of every fact lies inside
//! the text, on a non-empty range of characters.
#![no_main]

use dyad_extract::Pipeline;
use dyad_model::{Document, Extraction};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::new)
}

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

fuzz_target!(|data: &[u8]| {
    if data.len() > 1 << 20 {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = Document::new("fuzz", text.to_string());
    let x = pipeline().run(&doc);
    let n = text.chars().count();
    assert_eq!(x.doc.chars, n);
    for (s, e) in spans(&x) {
        assert!(
            s < e && e <= n,
            "span [{s}, {e}) outside a text of {n} chars"
        );
    }
});
