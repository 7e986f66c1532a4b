//! What the golden tests (and the pipeline benchmark) share: reading a
//! golden article, rendering agreements and evidence excerpts, and running
//! a folder of cases against their `.expected` files.
//!
//! Each test target uses only part of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dyad_extract::Pipeline;
use dyad_model::{Document, Extraction};

/// A golden article: optional header lines `date YYYY-MM-DD` and
/// `dateline PLACE`, then the text.
pub fn document(name: &str, raw: &str) -> Document {
    let mut date = None;
    let mut dateline = None;
    let mut body = raw;
    loop {
        let (line, rest) = body.split_once('\n').unwrap_or((body, ""));
        if let Some(d) = line.strip_prefix("date ") {
            date = NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok();
        } else if let Some(d) = line.strip_prefix("dateline ") {
            dateline = Some(d.trim().to_string());
        } else {
            break;
        }
        body = rest;
    }
    let mut doc = Document::new(name, body.to_string());
    doc.date = date;
    doc.dateline = dateline;
    doc
}

/// The `.txt` cases of a golden folder, sorted.
pub fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("golden folder exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    cases.sort();
    cases
}

/// The characters `s..e` of `text` on one line, cut at 90 characters.
pub fn excerpt(text: &str, s: usize, e: usize) -> String {
    let t: String = text.chars().skip(s).take(e.saturating_sub(s)).collect();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() > 90 {
        format!("{}…", t.chars().take(90).collect::<String>())
    } else {
        t
    }
}

/// `o` or "-".
pub fn opt(o: &Option<String>) -> String {
    o.clone().unwrap_or_else(|| "-".into())
}

/// One line per agreement record.
pub fn render_agreements(doc: &Document, x: &Extraction, out: &mut String) {
    for a in &x.agreements {
        let parties: Vec<String> = a
            .parties
            .iter()
            .map(|p| {
                format!(
                    "{}/{}/{}",
                    p.name,
                    p.country.map_or("-".into(), |c| c.to_string()),
                    opt(&p.entity)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "agreement {} title={:?} subject={:?} date={} place={} parties=[{}] | {}",
            a.kind,
            a.title.as_deref().unwrap_or("-"),
            a.subject.as_deref().unwrap_or("-"),
            a.date.map_or("-".into(), |d| d.to_string()),
            opt(&a.place),
            parties.join("; "),
            excerpt(&doc.text, a.evidence.start, a.evidence.end),
        );
    }
}

/// Runs the real pipeline on every case of `dir` (at least `min_cases`)
/// and compares `render`'s text with `<case>.expected`; with
/// `UPDATE_EXPECT` set, rewrites the expectations instead.
pub fn check_folder(
    dir: &Path,
    min_cases: usize,
    render: impl Fn(&Document, &Extraction) -> String,
) {
    let pipeline = Pipeline::new();
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let cases = cases(dir);
    assert!(
        cases.len() >= min_cases,
        "golden cases missing in {}",
        dir.display()
    );
    let mut failed = Vec::new();
    for case in cases {
        let raw = std::fs::read_to_string(&case).expect("readable case");
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let doc = document(&name, &raw);
        let got = render(&doc, &pipeline.run(&doc));
        let expected_path = case.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).expect("writable expected file");
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            eprintln!("--- {name}: expected\n{want}--- got\n{got}");
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "golden mismatch (UPDATE_EXPECT=1 to regenerate): {failed:?}"
    );
}
