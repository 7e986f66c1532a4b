//! Golden tests for agreements: the real [`Pipeline`] (analyze, then
//! extract) on articles the team wrote, one line per agreement record.
//!
//! `tests/golden/agreements/<case>.txt` holds an article: optional header
//! lines `date YYYY-MM-DD` and `dateline PLACE`, then the text.
//! `<case>.expected` beside it lists every agreement (type, title, subject,
//! date, place, parties). Sentences that report no signed document (plans,
//! talks, "agreed that") belong in the articles too: their absence from the
//! expectations is part of the test. Regenerate with
//! `UPDATE_EXPECT=1 cargo test -p dyad-extract --test agreements_golden` and
//! review the diff like code.

mod common;

use std::path::Path;

use dyad_model::{Document, Extraction};

fn render(doc: &Document, x: &Extraction) -> String {
    let mut out = String::new();
    common::render_agreements(doc, x, &mut out);
    out
}

#[test]
fn golden_agreements() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/agreements");
    common::check_folder(&dir, 3, render);
}
