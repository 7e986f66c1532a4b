//! Golden tests: `tests/golden/<case>.txt` (articles written by the team)
//! against `<case>.expected`, one line per entity and one per sentence
//! count. Regenerate with `UPDATE_EXPECT=1 cargo test -p dyad-analyze --test golden`.

use std::fmt::Write as _;
use std::path::Path;

use dyad_analyze::Analyzer;
use dyad_model::Document;

fn render(text: &str) -> String {
    let a = Analyzer::new().analyze(&Document::new("golden", text.to_string()));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "sentences {} tokens {}",
        a.sentences.len(),
        a.tokens.len()
    );
    for e in &a.entities {
        let mut mentions: Vec<String> = Vec::new();
        for m in a
            .mentions
            .iter()
            .filter(|m| std::ptr::eq(&a.entities[m.entity], e))
        {
            mentions.push(format!("{:?}:{}", m.form, m.span.slice(text)));
        }
        let _ = writeln!(
            out,
            "{} {} | {} | {} | {} | {}",
            e.kind,
            e.id,
            e.name,
            e.country
                .map(|c| c.to_string())
                .unwrap_or_else(|| "-".into()),
            e.role.map(|r| r.to_string()).unwrap_or_else(|| "-".into()),
            mentions.join(", ")
        );
    }
    out
}

#[test]
fn golden() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut cases = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/golden exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).expect("golden case is UTF-8");
        let got = render(&text);
        let expected_path = path.with_extension("expected");
        cases += 1;
        if update {
            std::fs::write(&expected_path, &got).expect("writing .expected");
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if want != got {
            failures.push(format!(
                "{}:\n--- want\n{want}--- got\n{got}",
                path.display()
            ));
        }
    }
    assert!(cases >= 3, "golden cases missing");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
