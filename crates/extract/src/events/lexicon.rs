//! Event triggers: the patterns of `data/event_triggers.tsv`, compiled once
//! into an index from first word to patterns.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use dyad_model::CameoCode;

use super::words::{word_key, Word};

/// How a trigger finds its actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A verb: the clause's subject acts on its object.
    Verb,
    /// A nominalization ("talks", "the signing of"): actors from a
    /// possessive, "between", "with", or the clause.
    Noun,
    /// A verb that is only an event with an explicit target in the clause
    /// (praise, criticize, urge...).
    Pointed,
    /// A verb of naming that is an event only when its object actor is
    /// given a disparaging label: "called Greece a threat", "branded the
    /// militia terrorists".
    Label,
}

#[derive(Debug)]
enum Elem {
    Words(Vec<Box<str>>),
    Gap,
}

#[derive(Debug)]
pub(crate) struct Pattern {
    pub code: CameoCode,
    pub kind: Kind,
    elems: Vec<Elem>,
}

/// A pattern matched in a sentence: words `start..end`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

/// FNV-1a: the index is looked up once per word of every sentence, with
/// short keys, where SipHash's setup dominates.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

#[derive(Debug)]
pub(crate) struct Lexicon {
    pub patterns: Vec<Pattern>,
    first: FastMap<Box<str>, Vec<usize>>,
    /// The (first byte, length) pairs of the keys of `first`: most words
    /// of a sentence start no pattern and fail this test without hashing.
    heads: Heads,
}

/// A bit set of the [`word_key`]s of the keys of `first`.
#[derive(Debug)]
struct Heads([u64; 512]);

impl Heads {
    fn insert(&mut self, w: &str) {
        let k = usize::from(word_key(w.as_bytes()));
        self.0[k >> 6] |= 1 << (k & 63);
    }
    #[inline]
    fn may_contain(&self, w: &Word) -> bool {
        let k = usize::from(w.key);
        self.0[k >> 6] & (1 << (k & 63)) != 0
    }
}

pub(crate) static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::parse(include_str!("../../data/event_triggers.tsv")));

/// The inflected forms of a verb lemma: base, -s, -ed, -ing, plus the given
/// irregular forms (from which doubled-consonant -ing forms are derived).
pub(crate) fn inflect(lemma: &str, irregular: &[&str]) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let b = lemma.as_bytes();
    let last = b.last().copied().unwrap_or(b' ');
    let before = if b.len() >= 2 { b[b.len() - 2] } else { b' ' };
    let vowel = |c: u8| b"aeiou".contains(&c);
    if last == b'y' && !vowel(before) {
        let stem = &lemma[..lemma.len() - 1];
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
        out.push(format!("{lemma}ing"));
    } else if last == b'e' {
        out.push(format!("{lemma}s"));
        out.push(format!("{lemma}d"));
        let stem = &lemma[..lemma.len() - 1];
        if before == b'e' || before == b'i' {
            out.push(format!("{lemma}ing"));
        } else {
            out.push(format!("{stem}ing"));
        }
    } else {
        if matches!(last, b's' | b'x' | b'z' | b'o')
            || lemma.ends_with("sh")
            || lemma.ends_with("ch")
        {
            out.push(format!("{lemma}es"));
        } else {
            out.push(format!("{lemma}s"));
        }
        out.push(format!("{lemma}ed"));
        out.push(format!("{lemma}ing"));
    }
    for f in irregular {
        out.push(f.to_string());
        if let Some(stem) = f.strip_suffix("ed") {
            out.push(format!("{stem}ing"));
        }
    }
    out
}

fn alternatives(spec: &str) -> Vec<Box<str>> {
    let mut out = Vec::new();
    for alt in spec.split('|') {
        if let Some(v) = alt.strip_prefix('~') {
            let (lemma, irr) = match v.split_once('{') {
                Some((l, rest)) => (l, rest.trim_end_matches('}')),
                None => (v, ""),
            };
            let irr: Vec<&str> = irr.split(',').filter(|s| !s.is_empty()).collect();
            out.extend(inflect(lemma, &irr).into_iter().map(String::into_boxed_str));
        } else {
            out.push(alt.into());
        }
    }
    out
}

impl Lexicon {
    pub fn parse(tsv: &str) -> Lexicon {
        let mut patterns = Vec::new();
        let mut first: FastMap<Box<str>, Vec<usize>> = FastMap::default();
        for line in tsv.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut f = line.splitn(3, '\t');
            let (Some(code), Some(kind), Some(pat)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let Ok(code) = CameoCode::new(code.trim()) else {
                continue;
            };
            let kind = match kind.trim() {
                "n" => Kind::Noun,
                "p" => Kind::Pointed,
                "l" => Kind::Label,
                _ => Kind::Verb,
            };
            let elems: Vec<Elem> = pat
                .split_whitespace()
                .map(|w| {
                    if w == ".." {
                        Elem::Gap
                    } else {
                        Elem::Words(alternatives(w))
                    }
                })
                .collect();
            let Some(Elem::Words(heads)) = elems.first() else {
                continue;
            };
            let id = patterns.len();
            for h in heads {
                first.entry(h.clone()).or_default().push(id);
            }

            patterns.push(Pattern { code, kind, elems });
        }
        let mut heads = Heads([0; 512]);
        for h in first.keys() {
            heads.insert(h);
        }
        Lexicon {
            patterns,
            first,
            heads,
        }
    }

    /// Every pattern match in `words`, by start.
    pub fn matches(&self, words: &[Word], out: &mut Vec<Hit>) {
        for (i, w) in words.iter().enumerate() {
            if self.heads.may_contain(w) {
                self.matches_at(words, i, out);
            }
        }
    }

    /// Every pattern match that starts at word `i`; the longest first.
    pub fn matches_at(&self, words: &[Word], i: usize, out: &mut Vec<Hit>) {
        if !self.heads.may_contain(&words[i]) {
            return;
        }
        let Some(ids) = self.first.get(words[i].lower) else {
            return;
        };
        for &id in ids {
            if let Some(end) = match_rest(&self.patterns[id].elems[1..], words, i + 1) {
                out.push(Hit {
                    pattern: id,
                    start: i,
                    end,
                });
            }
        }
    }
}

/// Matches `elems` at `words[at..]`; returns the end (exclusive) of the match.
fn match_rest(elems: &[Elem], words: &[Word], at: usize) -> Option<usize> {
    let Some((e, rest)) = elems.split_first() else {
        return Some(at);
    };
    match e {
        Elem::Words(alts) => {
            let w = words.get(at)?;
            if alts.iter().any(|a| **a == *w.lower) {
                match_rest(rest, words, at + 1)
            } else {
                None
            }
        }
        Elem::Gap => (0..=3).find_map(|skip| {
            // A gap does not cross punctuation.
            if words[at..].iter().take(skip).any(|w| w.punct) || at + skip > words.len() {
                return None;
            }
            match_rest(rest, words, at + skip)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::words::words;
    use dyad_model::ByteSpan;

    #[test]
    fn inflections() {
        let f = inflect("visit", &[]);
        assert!(f.iter().any(|x| x == "visited") && f.iter().any(|x| x == "visiting"));
        let f = inflect("host", &[]);
        assert!(f.iter().any(|x| x == "hosts"));
        let f = inflect("praise", &[]);
        assert!(f.iter().any(|x| x == "praised") && f.iter().any(|x| x == "praising"));
        let f = inflect("ban", &["banned"]);
        assert!(f.iter().any(|x| x == "banning"));
        let f = inflect("deny", &[]);
        assert!(f.iter().any(|x| x == "denies") && f.iter().any(|x| x == "denied"));
    }

    fn codes(text: &str) -> Vec<String> {
        let lower = text.to_ascii_lowercase();
        let w = words(text, &lower, ByteSpan::new(0, text.len()));
        let mut hits = Vec::new();
        for i in 0..w.len() {
            LEXICON.matches_at(&w, i, &mut hits);
        }
        hits.iter()
            .map(|h| LEXICON.patterns[h.pattern].code.to_string())
            .collect()
    }

    #[test]
    fn finds_triggers() {
        assert!(codes("The leaders held bilateral talks").contains(&"040".to_string()));
        assert!(codes("They signed a memorandum").contains(&"057".to_string()));
        assert!(codes("He met with the minister").contains(&"040".to_string()));
        assert!(codes("Turkish airstrikes hit").contains(&"195".to_string()));
        assert!(codes("during his official visit").contains(&"042".to_string()));
        assert_eq!(codes("Nothing happened here"), Vec::<String>::new());
    }
}
