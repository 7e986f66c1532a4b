//! Parses the PETRARCH2 actor and agent dictionaries in `data/petrarch2/`,
//! after dyad's own additions in `data/dyad/` (same format; a name both
//! give keeps dyad's entry), and writes their compiled tries into `OUT_DIR`. A malformed line fails the
//! build with `file:line: reason`. The parser (`src/parse.rs`) documents the
//! format and each upstream defect it normalises; `OUT_DIR/report.txt` counts
//! them.

#[path = "src/compile.rs"]
mod compile;
#[path = "src/parse.rs"]
mod parse;
#[path = "src/trie.rs"]
mod trie;

use std::path::{Path, PathBuf};

fn read(dir: &Path, name: &str) -> String {
    let p = dir.join(name);
    println!("cargo:rerun-if-changed={}", p.display());
    match std::fs::read_to_string(&p) {
        Ok(s) => s,
        Err(e) => fail(&format!("{}: {e}", p.display())),
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    println!("cargo:warning={msg}");
    std::process::exit(1)
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let dir = manifest.join("../../data/petrarch2");
    println!("cargo:rerun-if-changed=src/parse.rs");
    println!("cargo:rerun-if-changed=src/trie.rs");
    println!("cargo:rerun-if-changed=src/compile.rs");
    // dyad's own entries come first: a name both give keeps dyad's code.
    let ours = manifest.join("../../data/dyad");
    let own_actors = read(&ours, "international.actors.txt");
    let names = [
        ("Phoenix.Countries.actors.txt", parse::Source::Countries),
        (
            "Phoenix.International.actors.txt",
            parse::Source::International,
        ),
        ("Phoenix.MilNonState.actors.txt", parse::Source::NonState),
    ];
    let texts: Vec<String> = names.iter().map(|(n, _)| read(&dir, n)).collect();
    let mut files: Vec<(&str, parse::Source, &str)> = vec![(
        "../dyad/international.actors.txt",
        parse::Source::International,
        own_actors.as_str(),
    )];
    files.extend(
        names
            .iter()
            .zip(&texts)
            .map(|(&(n, s), t)| (n, s, t.as_str())),
    );
    let show = |e: compile::FileError| -> ! {
        fail(&format!(
            "{}:{}: {}",
            dir.join(&e.file).display(),
            e.error.line,
            e.error.reason
        ))
    };
    let (actors, mut report) = compile::compile_actors(&files).unwrap_or_else(|e| show(e));
    let agents_text = read(&dir, "Phoenix.agents.txt");
    let own_agents = read(&ours, "agents.txt");
    let (agents, r2) = compile::compile_agents(&[
        ("../dyad/agents.txt", &own_agents),
        ("Phoenix.agents.txt", &agents_text),
    ])
    .unwrap_or_else(|e| show(e));
    report.push_str(&r2);
    let write = |name: &str, data: &[u8]| {
        if let Err(e) = std::fs::write(out.join(name), data) {
            fail(&format!("writing {name}: {e}"));
        }
    };
    write("actors.bin", &actors);
    write("agents.bin", &agents);
    write("report.txt", report.as_bytes());
}
