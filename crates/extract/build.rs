//! Compiles the word lexicon (`data/lexicon.txt`) into a static
//! open-addressing table from word to class bits, and the `Class` enum, in
//! OUT_DIR/lexicon.rs. A malformed line, an unknown or duplicate class, a
//! repeated word or a class without its `about:` line fails the build with
//! the file and line. The format is described in the data file's header.

#[path = "src/lexicon/key.rs"]
mod key;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs};

const FILE: &str = "data/lexicon.txt";
/// Table slots: a power of two, at least four times the words, so that a
/// lookup (most are misses) probes about one slot.
const SLOTS: usize = 2048;

struct Section {
    name: String,
    line: usize,
    about: Option<String>,
    includes: Vec<usize>,
    words: Vec<String>,
    examples: Vec<(usize, String, String)>,
}

fn fail(line: usize, msg: &str) -> ! {
    panic!("{FILE}:{line}: {msg}");
}

fn is_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars().all(|c| c.is_ascii_lowercase() || c == '_')
}

/// A lowercase word form: ASCII letters, with inner or final apostrophes
/// and hyphens ("n't", "'ll", "co-sign").
fn is_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || matches!(c, '\'' | '’' | '-'))
        && s.chars().any(|c| c.is_ascii_lowercase())
}

fn camel(name: &str) -> String {
    name.split('_')
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn parse(text: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if let Some(h) = l.strip_prefix('[') {
            let Some(name) = h.strip_suffix(']') else {
                fail(line, "a class header is `[name]`");
            };
            if !is_name(name) {
                fail(
                    line,
                    &format!("bad class name {name:?}: use lowercase and _"),
                );
            }
            if let Some(prev) = out.iter().find(|s| s.name == name) {
                fail(
                    line,
                    &format!("class [{name}] defined twice (first at line {})", prev.line),
                );
            }
            out.push(Section {
                name: name.to_string(),
                line,
                about: None,
                includes: Vec::new(),
                words: Vec::new(),
                examples: Vec::new(),
            });
            continue;
        }
        let known: Vec<String> = out.iter().map(|s| s.name.clone()).collect();
        let Some(sec) = out.last_mut() else {
            fail(line, "words before the first [class] header");
        };
        if let Some(a) = l.strip_prefix("about:") {
            if sec.about.is_some() {
                fail(line, "a second about: line");
            }
            sec.about = Some(a.trim().to_string());
        } else if let Some(inc) = l.strip_prefix("include:") {
            for c in inc.split_whitespace() {
                let Some(k) = known.iter().position(|k| k == c) else {
                    fail(
                        line,
                        &format!("unknown class {c:?} (include only classes defined above)"),
                    );
                };
                if k + 1 == known.len() {
                    fail(line, "a class cannot include itself");
                }
                sec.includes.push(k);
            }
        } else if let Some(ex) = l.strip_prefix("example:") {
            let Some((sentence, want)) = ex.split_once("=>") else {
                fail(
                    line,
                    "an example is `example: <sentence> => <words of the class>`",
                );
            };
            let (sentence, want) = (sentence.trim(), want.trim());
            if sentence.is_empty() || want.is_empty() {
                fail(
                    line,
                    "an example needs a sentence and the expected words (`-` for none)",
                );
            }
            sec.examples
                .push((line, sentence.to_string(), want.to_string()));
        } else {
            for w in l.split_whitespace() {
                if !is_word(w) {
                    fail(
                        line,
                        &format!(
                            "{w:?} is not a lowercase word form (or a misspelt about:/include:/example: line)"
                        ),
                    );
                }
                if sec.words.iter().any(|x| x == w) {
                    fail(line, &format!("{w:?} listed twice in [{}]", sec.name));
                }
                sec.words.push(w.to_string());
            }
        }
    }
    for s in &out {
        if s.about.as_deref().is_none_or(str::is_empty) {
            fail(s.line, &format!("class [{}] has no about: line", s.name));
        }
        if s.words.is_empty() && s.includes.is_empty() {
            fail(s.line, &format!("class [{}] has no words", s.name));
        }
    }
    if out.len() > 64 {
        fail(out[64].line, "more than 64 classes");
    }
    out
}

fn main() {
    let manifest =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed={FILE}");
    println!("cargo:rerun-if-changed=src/lexicon/key.rs");
    let path = manifest.join(FILE);
    let text =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let secs = parse(&text);

    // Class bits of each word: its own classes and, transitively, every
    // class that includes one of them (includes point upwards, so one pass
    // in order resolves them).
    let mut members: Vec<u64> = Vec::new();
    for (i, s) in secs.iter().enumerate() {
        let mut m = 1u64 << i;
        for &k in &s.includes {
            m |= members[k];
        }
        members.push(m);
    }
    let mut words: Vec<(String, u64)> = Vec::new();
    for (i, s) in secs.iter().enumerate() {
        for w in &s.words {
            // Bit i and every class whose closure holds class i.
            let bits = members
                .iter()
                .enumerate()
                .filter(|(_, m)| *m & (1 << i) != 0)
                .fold(0u64, |b, (j, _)| b | 1 << j);
            match words.iter_mut().find(|(x, _)| x == w) {
                Some((_, b)) => *b |= bits,
                None => words.push((w.clone(), bits)),
            }
        }
    }
    assert!(
        words.len() * 4 <= SLOTS,
        "{FILE}: too many words for the table"
    );
    let mut table: Vec<Option<usize>> = vec![None; SLOTS];
    for (i, (w, _)) in words.iter().enumerate() {
        let mut slot = usize::from(key::word_key(w.as_bytes())) & (SLOTS - 1);
        while table[slot].is_some() {
            slot = (slot + 1) & (SLOTS - 1);
        }
        table[slot] = Some(i);
    }

    let mut o = String::new();
    o.push_str("// Generated by build.rs from data/lexicon.txt: do not edit.\n\n");
    o.push_str("/// A word class of `data/lexicon.txt`.\n");
    o.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\n#[allow(dead_code)]\n");
    o.push_str("pub(crate) enum Class {\n");
    for s in &secs {
        let _ = writeln!(
            o,
            "    /// `[{}]`: {}\n    {},",
            s.name,
            s.about.as_deref().unwrap_or_default(),
            camel(&s.name)
        );
    }
    o.push_str("}\n\nimpl Class {\n");
    o.push_str("    #[cfg(test)]\n");
    let _ = writeln!(o, "    pub(crate) const ALL: [Class; {}] = [", secs.len());
    for s in &secs {
        let _ = writeln!(o, "        Class::{},", camel(&s.name));
    }
    o.push_str("    ];\n\n    /// The class's name in the data file.\n");
    o.push_str("    #[allow(dead_code)]\n    pub(crate) fn name(self) -> &'static str {\n        match self {\n");
    for s in &secs {
        let _ = writeln!(o, "            Class::{} => {:?},", camel(&s.name), s.name);
    }
    o.push_str("        }\n    }\n}\n\n");
    let _ = writeln!(o, "const SLOTS: usize = {SLOTS};");
    o.push_str("/// Open addressing on `word_key`, linear probing; `\"\"` is a free slot.\n");
    o.push_str("static TABLE: [(&str, u64); SLOTS] = [\n");
    for slot in &table {
        match slot {
            Some(i) => {
                let _ = writeln!(o, "    ({:?}, {:#x}),", words[*i].0, words[*i].1);
            }
            None => o.push_str("    (\"\", 0),\n"),
        }
    }
    o.push_str("];\n\n");
    o.push_str("/// The data file's examples: (class, line, sentence, expected words).\n");
    o.push_str("#[cfg(test)]\nstatic EXAMPLES: &[(Class, usize, &str, &str)] = &[\n");
    for s in &secs {
        for (line, sentence, want) in &s.examples {
            let _ = writeln!(
                o,
                "    (Class::{}, {line}, {sentence:?}, {want:?}),",
                camel(&s.name)
            );
        }
    }
    o.push_str("];\n");
    fs::write(out_dir.join("lexicon.rs"), o)
        .unwrap_or_else(|e| panic!("writing OUT_DIR/lexicon.rs: {e}"));
}
