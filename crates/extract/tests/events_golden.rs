//! Golden tests for events and agreements: the real [`Pipeline`] (analyze,
//! then extract) on articles the team wrote, one line per fact.
//!
//! `tests/golden/events/<case>.txt` holds an article: optional header lines
//! `date YYYY-MM-DD` and `dateline PLACE`, then the text. `<case>.expected`
//! beside it lists every event and agreement. Regenerate with
//! `UPDATE_EXPECT=1 cargo test -p dyad-extract --test events_golden` and
//! review the diff like code.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::{excerpt, opt, render_agreements};
use dyad_model::{Document, Extraction};

fn render(doc: &Document, x: &Extraction) -> String {
    let mut out = String::new();
    for e in &x.events {
        let _ = writeln!(
            out,
            "event {} {} {}->{} date={} place={} quad={} goldstein={} plover={} entities={}->{} | {}",
            e.code,
            e.plover.map_or("-".to_string(), |p| p.to_string()),
            e.source.as_ref().map_or("-".into(), |a| a.to_string()),
            e.target.as_ref().map_or("-".into(), |a| a.to_string()),
            e.date.map_or("-".into(), |d| d.to_string()),
            opt(&e.place),
            e.quad_class,
            e.goldstein,
            e.plover.is_some(),
            opt(&e.source_entity),
            opt(&e.target_entity),
            excerpt(&doc.text, e.evidence.start, e.evidence.end),
        );
    }
    render_agreements(doc, x, &mut out);
    out
}

#[test]
fn golden_events() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/events");
    common::check_folder(&dir, 4, render);
}

/// Every root category 01..=20 appears in the golden articles' expectations,
/// with negation, futures, passives, collectives and enumerations covered
/// by the cases named below.
#[test]
fn golden_cases_cover_every_root() {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        return; // the expectations are being rewritten
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/events");
    let mut all = String::new();
    for e in std::fs::read_dir(&dir)
        .expect("golden folder exists")
        .flatten()
    {
        if e.path().extension().is_some_and(|x| x == "expected") {
            all.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
        }
    }
    for root in 1..=20 {
        let prefix = format!("event {root:02}");
        assert!(all.contains(&prefix), "no golden event with root {root:02}");
    }
    for kind in [
        "memorandum",
        "sister_cities",
        "treaty",
        "roadmap",
        "agreement",
        "contract",
    ] {
        assert!(
            all.contains(&format!("agreement {kind} ")),
            "no golden {kind}"
        );
    }
}
