//! Golden tests: every input under `tests/golden/<reader>/` is read with
//! `read_bytes` and rendered (one field per line) into `<case>.expected`
//! beside it. `UPDATE_EXPECT=1 cargo test -p dyad-read --test golden`
//! rewrites the expectations; review the diff like code.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dyad_model::Document;
use dyad_read::{read_bytes, ReadError, ReadOptions};

fn render(results: &[Result<Document, ReadError>]) -> String {
    let mut out = String::new();
    for r in results {
        match r {
            Ok(d) => {
                let _ = writeln!(out, "== document");
                let _ = writeln!(out, "id: {}", d.id);
                let _ = writeln!(out, "source: {}", d.source);
                let _ = writeln!(
                    out,
                    "date: {}",
                    d.date.map_or("-".to_string(), |x| x.to_string())
                );
                let _ = writeln!(out, "dateline: {}", d.dateline.as_deref().unwrap_or("-"));
                let _ = writeln!(out, "title: {}", d.title.as_deref().unwrap_or("-"));
                if let Some(u) = &d.url {
                    let _ = writeln!(out, "url: {u}");
                }
                if let Some(l) = &d.language {
                    let _ = writeln!(out, "language: {l}");
                }
                let _ = writeln!(out, "text:");
                for line in d.text.lines() {
                    let _ = writeln!(out, "  | {line}");
                }
            }
            Err(e) => {
                let _ = writeln!(out, "== error");
                let _ = writeln!(out, "{e}");
            }
        }
    }
    out
}

fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for reader in std::fs::read_dir(dir).expect("golden folder") {
        let reader = reader.expect("entry").path();
        for case in std::fs::read_dir(&reader).expect("reader folder") {
            let case = case.expect("entry").path();
            if case.extension().is_some_and(|e| e != "expected") {
                out.push(case);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn golden() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let all = cases(&dir);
    assert!(all.len() >= 20, "fixtures missing: {}", all.len());
    for case in all {
        let name = case
            .strip_prefix(&dir)
            .expect("under golden")
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(&case).expect("fixture");
        let actual = render(&read_bytes(&name, &bytes, &ReadOptions::default()));
        let file_name = case
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        let stem = file_name
            .split('.')
            .next()
            .unwrap_or(&file_name)
            .to_string();
        let ext_tag = file_name[stem.len()..]
            .trim_start_matches('.')
            .replace('.', "_");
        let expected_path = case.with_file_name(format!("{stem}.{ext_tag}.expected"));
        if update {
            std::fs::write(&expected_path, &actual).expect("write expectation");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!("--- {}\n{actual}", expected_path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "golden mismatches (UPDATE_EXPECT=1 to accept):\n{}",
        failures.join("\n")
    );
}
