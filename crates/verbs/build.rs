//! Checks `data/petrarch2/CAMEO.2.0.txt` with the crate's own parser and
//! fails the build on a malformed line, an unknown synset, or a CAMEO code
//! that `crates/extract/data/cameo_codes.tsv` does not list; then writes the
//! parsed dictionary in binary form (`src/codec.rs`) to `OUT_DIR/cameo.bin`.

use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

#[allow(dead_code)]
#[path = "src/parse.rs"]
mod parse;

#[allow(dead_code)]
#[path = "src/index.rs"]
mod index;

#[allow(dead_code)]
#[path = "src/codec.rs"]
mod codec;

/// A CAMEO code as the build script sees it: up to 4 ASCII digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code([u8; 4], u8);

impl Code {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0[..self.1 as usize]).expect("codes are ASCII digits")
    }
}

static KNOWN: OnceLock<HashSet<String>> = OnceLock::new();

pub fn make_code(s: &str) -> Result<Code, String> {
    let known = KNOWN.get().ok_or("code table not loaded")?;
    if !known.contains(s) {
        return Err(format!("CAMEO code {s} is not in cameo_codes.tsv"));
    }
    let mut d = [0u8; 4];
    d[..s.len()].copy_from_slice(s.as_bytes());
    Ok(Code(d, s.len() as u8))
}

fn main() {
    // Read at run time: a build script binary compiled once can be reused by
    // a checkout at another path (cargo hashes path packages by their path
    // inside the workspace), and `env!` would point it at the old checkout.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest);
    let dict = dir.join("../../data/petrarch2/CAMEO.2.0.txt");
    let supplement = dir.join("../../data/dyad/verbs.txt");
    println!("cargo:rerun-if-changed={}", supplement.display());
    let table = dir.join("../extract/data/cameo_codes.tsv");
    println!("cargo:rerun-if-changed={}", dict.display());
    println!("cargo:rerun-if-changed={}", table.display());
    println!("cargo:rerun-if-changed=src/parse.rs");
    println!("cargo:rerun-if-changed=src/index.rs");
    println!("cargo:rerun-if-changed=src/codec.rs");
    let table_text =
        std::fs::read_to_string(&table).unwrap_or_else(|e| panic!("{}: {e}", table.display()));
    let known: HashSet<String> = table_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .map(str::to_string)
        .collect();
    let _ = KNOWN.set(known);
    let text = std::fs::read_to_string(&dict).unwrap_or_else(|e| panic!("{}: {e}", dict.display()));
    let ours = std::fs::read_to_string(&supplement)
        .unwrap_or_else(|e| panic!("{}: {e}", supplement.display()));
    let parsed = match parse::Dictionary::parse_with(&text, &ours) {
        Ok(d) => d,
        Err(e) => {
            let upstream = text.lines().count();
            let at = if e.line > upstream {
                format!("data/dyad/verbs.txt:{}", e.line - upstream)
            } else {
                format!("data/petrarch2/CAMEO.2.0.txt:{}", e.line)
            };
            eprintln!("{at}: {}", e.message);
            panic!("{at}: {}", e.message);
        }
    };
    // The parsed dictionary in binary form, embedded by src/lib.rs.
    let out = Path::new(&std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("cameo.bin");
    std::fs::write(&out, codec::encode(&parsed))
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
