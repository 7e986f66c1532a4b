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

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use dyad_extract::Pipeline;
use dyad_model::{Document, Extraction};

fn document(name: &str, raw: &str) -> Document {
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

fn excerpt(text: &str, s: usize, e: usize) -> String {
    let t: String = text.chars().skip(s).take(e.saturating_sub(s)).collect();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() > 90 {
        format!("{}…", t.chars().take(90).collect::<String>())
    } else {
        t
    }
}

fn render(doc: &Document, x: &Extraction) -> String {
    let mut out = String::new();
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
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
    out
}

#[test]
fn golden_agreements() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/agreements");
    let pipeline = Pipeline::new();
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("golden folder exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 3,
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
