//! `dyad bench` on the bundled example articles: four scopes, each with a
//! positive time, throughput and fact count; a clear error without input.

use std::path::Path;
use std::process::Command;

const DYAD: &str = env!("CARGO_BIN_EXE_dyad");

fn examples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles")
}

#[test]
fn reports_four_scopes_per_core() {
    let out = Command::new(DYAD)
        .args(["bench", "--repeat", "1"])
        .arg(examples())
        .output()
        .expect("the dyad binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("documents"), "{stderr}");
    let mut facts = Vec::new();
    for scope in [
        "analyze (entities)",
        "parse (tokens)",
        "entities+events+agreements",
        "extract (all stages)",
    ] {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(scope))
            .unwrap_or_else(|| panic!("no {scope} line in:\n{stdout}"));
        let cols: Vec<f64> = line[scope.len()..]
            .split_whitespace()
            .map(|c| c.parse().expect("numeric columns"))
            .collect();
        assert_eq!(cols.len(), 5, "{line}");
        // Times may round to zero on five short articles; rates may not.
        let (cpu, rate, wall, per_s) = (cols[0], cols[1], cols[2], cols[3]);
        assert!(cpu >= 0.0 && wall >= 0.0, "{line}");
        assert!(rate > 0.0 && per_s > 0.0, "{line}");
        facts.push(cols[4]);
    }
    // The parse counts tokens; the core extraction finds entities and more;
    // the full one, more still.
    assert!(facts[1] > facts[0], "{stdout}");
    assert!(facts[2] > 0.0 && facts[3] > facts[2], "{stdout}");
}

#[test]
fn no_readable_input_is_an_error() {
    let dir = std::env::temp_dir().join(format!("dyad-bench-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = Command::new(DYAD)
        .arg("bench")
        .arg(&dir)
        .output()
        .expect("the dyad binary runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no document"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}
