//! Golden tests for quotations and their speakers: the real [`Pipeline`]
//! over wire and press-release articles written for these tests
//! (`tests/golden/quotes/*.txt`: appositions, "he added", "the ministry
//! said", continuation paragraphs, inverted "said X"), compared line by line
//! with `<case>.expected`. Regenerate with
//! `UPDATE_EXPECT=1 cargo test -p dyad-extract --test quotes_golden` and
//! review the diff like code: every speaker there was checked by hand.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dyad_model::{Document, Extraction};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/quotes")
}

fn render(doc: &Document, ex: &Extraction) -> String {
    let mut out = String::new();
    for q in &ex.quotes {
        writeln!(
            out,
            "quote {:?} speaker={:?} ({}) paragraphs={}",
            common::excerpt(&doc.text, q.evidence.start, q.evidence.end),
            q.speaker_name.as_deref().unwrap_or("-"),
            q.speaker.as_deref().unwrap_or("-"),
            q.text.lines().count(),
        )
        .unwrap();
    }
    out
}

#[test]
fn golden_quotes() {
    common::check_folder(&golden_dir(), 3, render);
}
