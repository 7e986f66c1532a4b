//! End-to-end tests of `dyad extract`: the real binary on the bundled
//! example articles (a golden file of every fact), and on the seed article
//! from `../shared` when it is present.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use dyad_model::Extraction;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn extract(args: &[&str]) -> (Vec<Extraction>, String, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("extract")
        .args(args)
        .current_dir(root())
        .output()
        .expect("run dyad");
    let docs = String::from_utf8(out.stdout)
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one Extraction"))
        .collect();
    (
        docs,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

/// One line per fact, stable order, for review in a golden file.
fn render(docs: &[Extraction]) -> String {
    let mut s = String::new();
    for x in docs {
        let d = &x.doc;
        let source = d.source.replace('\\', "/");
        let _ = writeln!(
            s,
            "doc {source} date={:?} dateline={:?} title={:?} chars={}",
            d.date.map(|d| d.to_string()),
            d.dateline,
            d.title,
            d.chars
        );
        for e in &x.entities {
            let _ = writeln!(
                s,
                "  entity {} {} {:?} country={} role={} mentions={}",
                e.kind,
                e.id,
                e.name,
                opt(&e.country),
                opt(&e.role),
                e.mentions.len()
            );
        }
        for e in &x.events {
            let _ = writeln!(
                s,
                "  event {} {} {}->{} date={} place={} evidence={:?}",
                e.code,
                opt(&e.plover),
                opt(&e.source),
                opt(&e.target),
                opt(&e.date),
                opt(&e.place),
                (e.evidence.start, e.evidence.end)
            );
        }
        for a in &x.agreements {
            let parties: Vec<String> = a
                .parties
                .iter()
                .map(|p| format!("{} ({})", p.name, opt(&p.country)))
                .collect();
            let _ = writeln!(
                s,
                "  agreement {} parties=[{}] subject={:?}",
                a.kind,
                parties.join("; "),
                a.subject
            );
        }
        for q in &x.quantities {
            let countries: Vec<String> = q.countries.iter().map(|c| c.to_string()).collect();
            let _ = writeln!(
                s,
                "  quantity {} {} {} {} measure={} countries={} period={} change={}",
                q.kind,
                q.value,
                opt(&q.unit),
                q.approx,
                opt(&q.measure),
                countries.join(","),
                q.period
                    .map(|p| format!("{}..{}", p.start, p.end))
                    .unwrap_or_else(|| "-".into()),
                q.change
                    .as_ref()
                    .map(|c| format!("{:?}/{:?}", c.factor, c.percent))
                    .unwrap_or_else(|| "-".into()),
            );
        }
        for q in &x.quotes {
            let text: String = q.text.chars().take(60).collect();
            let _ = writeln!(s, "  quote {} {:?}", opt(&q.speaker_name), text);
        }
        for t in &x.topics {
            let _ = writeln!(s, "  topic {} {}", t.topic, opt(&t.status));
        }
    }
    s
}

fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref()
        .map_or_else(|| "-".to_string(), |v| v.to_string())
}

#[test]
fn examples_golden() {
    let (docs, stderr, ok) = extract(&["examples/articles", "--json"]);
    assert!(ok, "dyad extract failed: {stderr}");
    // Four example files, one of them a feed with two items.
    assert_eq!(docs.len(), 5, "documents: {stderr}");
    let actual = render(&docs);
    let path = root().join("crates/cli/tests/golden/examples.expected");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        panic!(
            "golden mismatch for {} (rerun with UPDATE_EXPECT=1 and review the diff):\n{}",
            path.display(),
            actual
        );
    }
}

#[test]
fn every_offset_is_inside_the_text() {
    let (docs, stderr, ok) = extract(&["examples/articles", "--json", "--text"]);
    assert!(ok, "{stderr}");
    for x in &docs {
        let text = x.doc.text.as_deref().expect("--text includes doc.text");
        let n = text.chars().count();
        assert_eq!(n, x.doc.chars);
        let mut spans: Vec<(usize, usize)> = Vec::new();
        spans.extend(
            x.entities
                .iter()
                .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end))),
        );
        spans.extend(x.events.iter().map(|e| (e.evidence.start, e.evidence.end)));
        spans.extend(
            x.agreements
                .iter()
                .map(|e| (e.evidence.start, e.evidence.end)),
        );
        spans.extend(
            x.quantities
                .iter()
                .map(|e| (e.evidence.start, e.evidence.end)),
        );
        spans.extend(x.quotes.iter().map(|e| (e.evidence.start, e.evidence.end)));
        spans.extend(x.topics.iter().map(|e| (e.evidence.start, e.evidence.end)));
        for (s, e) in spans {
            assert!(
                s < e && e <= n,
                "span [{s}, {e}) outside text of {n} chars in {}",
                x.doc.source
            );
        }
        for q in &x.quotes {
            let quoted: String = text
                .chars()
                .skip(q.evidence.start)
                .take(q.evidence.end - q.evidence.start)
                .collect();
            assert!(
                quoted.contains(q.text.trim()),
                "quote evidence {quoted:?} lacks {:?}",
                q.text
            );
        }
    }
}

#[test]
fn seed_document_block() {
    let seed = root().join("../shared/seed/000_7aeb9b50cbeda529.txt");
    if !seed.exists() {
        std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!("skipped: {} is absent\n", seed.display()),
        )
        .ok();
        return;
    }
    let arg = seed.to_string_lossy().into_owned();
    let (docs, stderr, ok) = extract(&[&arg, "--json", "--text"]);
    assert!(ok, "{stderr}");
    assert_eq!(docs.len(), 1);
    let d = &docs[0].doc;
    assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2025-06-09"));
    assert_eq!(d.dateline.as_deref(), Some("ASTANA"));
    assert!(d
        .text
        .as_deref()
        .is_some_and(|t| t.starts_with("President Kassym-Jomart Tokayev")));
}

#[test]
fn nothing_readable_exits_non_zero_with_the_reason() {
    let dir = std::env::temp_dir().join(format!("dyad-extract-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let arg = empty.to_string_lossy().into_owned();
    let (docs, stderr, ok) = extract(&[&arg, "--json"]);
    assert!(!ok);
    assert!(docs.is_empty());
    assert!(
        stderr.contains("empty.txt"),
        "stderr names the file: {stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
