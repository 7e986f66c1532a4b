//! Compiles parsed dictionaries into the blobs the library reads in place.
//! Used by `build.rs`; the library uses it only in tests.

#![allow(dead_code)]

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::parse::{self, Fixes, Source};
use crate::trie::{self, Builder, EXACT, STEM};

/// `from` of a code without a start.
pub const NO_FROM: i32 = i32::MIN;
/// `until` of a code without an end.
pub const NO_UNTIL: i32 = i32::MAX;

#[derive(Default)]
struct Strings {
    bytes: Vec<u8>,
    seen: HashMap<String, (u32, u32)>,
}

impl Strings {
    fn add(&mut self, s: &str) -> (u32, u32) {
        if let Some(&r) = self.seen.get(s) {
            return r;
        }
        let r = (self.bytes.len() as u32, s.len() as u32);
        self.bytes.extend_from_slice(s.as_bytes());
        self.seen.insert(s.to_string(), r);
        r
    }
}

fn push32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

/// An error in one file.
#[derive(Debug)]
pub struct FileError {
    /// File name as given.
    pub file: String,
    /// The error.
    pub error: parse::ParseError,
}

/// Parses and compiles actor files (in priority order: on a name given twice
/// the first entry keeps it). Returns the blob and a report.
pub fn compile_actors(files: &[(&str, Source, &str)]) -> Result<(Vec<u8>, String), FileError> {
    let mut trie = Builder::new();
    let mut strings = Strings::default();
    let mut entries = Vec::new();
    let mut codes = Vec::new();
    let mut report = String::new();
    let mut n_entries = 0u32;
    let mut n_codes = 0usize;
    let mut n_names = 0usize;
    let mut dups = 0usize;
    for &(file, source, text) in files {
        let mut fixes = Fixes::new();
        let parsed = parse::parse_actors(text, &mut fixes).map_err(|error| FileError {
            file: file.to_string(),
            error,
        })?;
        let _ = writeln!(report, "{file}: {} entries", parsed.len());
        for (k, v) in &fixes {
            let _ = writeln!(report, "  fixed {v} x {k}");
        }
        for e in &parsed {
            let (no, nl) = strings.add(&e.primary());
            push32(&mut entries, no);
            push32(&mut entries, nl);
            push32(&mut entries, source.index() as u32);
            push32(&mut entries, n_codes as u32);
            push32(&mut entries, e.codes.len() as u32);
            for c in &e.codes {
                let (co, cl) = strings.add(&c.code);
                push32(&mut codes, co);
                push32(&mut codes, cl);
                push32(&mut codes, c.from.unwrap_or(NO_FROM) as u32);
                push32(&mut codes, c.until.unwrap_or(NO_UNTIL) as u32);
                n_codes += 1;
            }
            for name in e.names.iter().filter(|n| n.matchable()) {
                n_names += 1;
                let slot = if name.exact { EXACT } else { STEM };
                if !trie.insert(name.key().as_bytes(), slot, n_entries) {
                    dups += 1;
                }
            }
            n_entries += 1;
        }
    }
    let _ = writeln!(
        report,
        "actors: {n_entries} entries, {n_codes} codes, {n_names} names, {dups} names already taken by an earlier entry (first kept), {} trie nodes",
        trie.nodes()
    );
    let blob = trie::pack(&[trie.to_bytes(), entries, codes, strings.bytes]);
    Ok((blob, report))
}

/// Parses and compiles agent files, in order: a phrase already taken by an
/// earlier file (or line) keeps its first agent.
pub fn compile_agents(files: &[(&str, &str)]) -> Result<(Vec<u8>, String), FileError> {
    let mut fixes = Fixes::new();
    let mut parsed = Vec::new();
    for &(file, text) in files {
        parsed.extend(
            parse::parse_agents(text, &mut fixes).map_err(|error| FileError {
                file: file.to_string(),
                error,
            })?,
        );
    }
    let file = files.iter().map(|f| f.0).collect::<Vec<_>>().join(" + ");
    let mut trie = Builder::new();
    let mut strings = Strings::default();
    let mut agents = Vec::new();
    let mut index: HashMap<(String, bool), u32> = HashMap::new();
    let mut dups = 0usize;
    for a in &parsed {
        let key = (a.code.code.clone(), a.code.prefix);
        let next = index.len() as u32;
        let id = *index.entry(key).or_insert_with(|| {
            let (o, l) = strings.add(&a.code.code);
            push32(&mut agents, o);
            push32(&mut agents, l);
            push32(&mut agents, a.code.prefix as u32);
            next
        });
        let slot = if a.name.exact { EXACT } else { STEM };
        if !trie.insert(a.name.key().as_bytes(), slot, id) {
            dups += 1;
        }
    }
    let mut report = String::new();
    let _ = writeln!(
        report,
        "{file}: {} phrases (with plurals and substitutions), {} distinct codes, {dups} phrases already taken (first kept), {} trie nodes",
        parsed.len(),
        index.len(),
        trie.nodes()
    );
    for (k, v) in &fixes {
        let _ = writeln!(report, "  fixed {v} x {k}");
    }
    let blob = trie::pack(&[trie.to_bytes(), agents, strings.bytes]);
    Ok((blob, report))
}
