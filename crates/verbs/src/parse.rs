//! Parser of PETRARCH2's verb dictionary format (`CAMEO.2.0.txt`).
//!
//! This module is shared by `build.rs` (which checks the real file and fails
//! the build on any error) and the library (which parses the embedded file
//! once). It needs only `std` and two items from the including crate:
//! `super::Code` (the code type) and `super::make_code(&str) -> Result<Code, String>`.

use std::collections::HashMap;
use std::fmt;

use super::index::{self, BlockIndex, FastMap, Keys};
use super::{make_code, Code};

/// A parse error: the 1-based line number and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

fn err<T>(line: usize, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        line,
        message: message.into(),
    })
}

/// The two halves of a code `[A:B]`: `forward` is the event source -> target,
/// `reverse` the reciprocal event target -> source. `[---]` has neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Codes {
    pub forward: Option<Code>,
    pub reverse: Option<Code>,
}

impl Codes {
    /// `[---]`: explicitly no event.
    pub fn is_null(&self) -> bool {
        self.forward.is_none() && self.reverse.is_none()
    }
}

/// Index of a verb block in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId(pub u32);

/// Index of a synonym set in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SynsetId(pub u32);

/// One word of a pattern or synset member, lowercase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Alternatives (more than one only for the `A/B` patterns, see the crate docs).
    pub alts: Vec<String>,
    /// Written with a trailing `_`: the token's own form must be equal (no
    /// lemma, no generated plural).
    pub exact: bool,
}

/// One item of a contiguous phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Word(Word),
    /// Any member of the synonym set.
    Synset(SynsetId),
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// Contiguous tokens: a plain word `AID`, `A_B`, `{A B}`, `&SET`, `{&SET AID}`.
    Phrase(Vec<Item>),
    /// `(P X ...)`: a preposition token (alternatives from `TO/FOR`) then the
    /// inner elements inside that prepositional phrase.
    Prep {
        preps: Vec<String>,
        inner: Vec<Element>,
    },
    /// `$`: an actor token, the event's source.
    Source,
    /// `+`: an actor token, the event's target.
    Target,
    /// `^`: any one noun phrase (a phrase-start token that is not a preposition).
    Any,
    /// `%`: an actor token that is a compound actor (source and target both).
    Compound,
}

/// A pattern line `- pre * post [code] # comment`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub pre: Vec<Element>,
    pub post: Vec<Element>,
    pub codes: Codes,
    /// 1-based line in the file.
    pub line: u32,
    /// The pattern text between `-` and the code, trimmed.
    pub text: String,
    pub comment: String,
    /// False for the patterns naming an undefined synset (known defects,
    /// see the crate docs): they are kept but never match.
    pub enabled: bool,
}

impl Pattern {
    /// Number of elements (words, prepositions, markers) the pattern needs:
    /// the specificity used to rank matches.
    pub fn weight(&self) -> usize {
        fn w(e: &Element) -> usize {
            match e {
                Element::Phrase(items) => items.len(),
                Element::Prep { inner, .. } => 1 + inner.iter().map(w).sum::<usize>(),
                _ => 1,
            }
        }
        self.pre.iter().chain(&self.post).map(w).sum()
    }
}

/// A verb block `--- NAME [code] ---` with its patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub name: String,
    /// None for `[---]`.
    pub codes: Option<Codes>,
    pub patterns: Vec<Pattern>,
    pub line: u32,
    /// Pattern indices by weight, heaviest first, file order within a weight.
    pub(crate) by_weight: Vec<u32>,
    /// Which patterns a verb occurrence can match (see `index.rs`).
    pub(crate) index: BlockIndex,
}

/// One verb line of a block: a (possibly multi-word) verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sense {
    pub block: BlockId,
    /// Lowercase base form of the inflected word ("ask" for `+ASK_FOR`).
    pub verb: String,
    /// Words of a multi-word verb before the inflected word (`WIRE_+TAP` -> ["wire"]).
    pub before: Vec<String>,
    /// Words after it (`+ASK_FOR` -> ["for"]).
    pub after: Vec<String>,
    /// The verb's own code; None = use the block's. `Some` with both halves
    /// None is an explicit `[---]`.
    pub codes: Option<Codes>,
    /// Lowercase forms of the inflected word: base, `{irregular}` forms, and
    /// the regular forms PETRARCH generates when there is no `{}`.
    pub forms: Vec<String>,
    pub line: u32,
}

/// A synonym set `&NAME` with its `+MEMBER` lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// As written, with `&` and any trailing `_`.
    pub name: String,
    /// Each member is a contiguous word sequence.
    pub members: Vec<Vec<Word>>,
    pub line: u32,
}

/// A verb transformation line `~ a (a b ATTACK) SAY = a b 015`, kept as text
/// with its result code checked (the matcher does not use them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    pub line: u32,
    pub text: String,
    /// None when the result is `Q` (the lower verb's code).
    pub code: Option<Code>,
}

/// A known upstream defect and how it was normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalisation {
    pub line: u32,
    pub reason: &'static str,
}

/// Literal fixes of known defects in `CAMEO.2.0.txt`: (what the line
/// contains, replacement, reason). Applied before lexing; each use is recorded.
const FIXES: &[(&str, &str, &str)] = &[
    (
        "]---  ---",
        "]  ---",
        "block header: code glued to the closing ---",
    ),
    (
        "};shan",
        "} #shan",
        "verb line: TABARI-style ';' comment after the forms",
    ),
    (" , +", " +", "verb line: commas between irregular forms"),
    (
        "- *SCEPTICAL",
        "- * SCEPTICAL",
        "pattern: word glued to '*'",
    ),
    (
        "- *_LAWS",
        "- * LAWS",
        "pattern: '*_WORD' read as '* WORD' (adjacency dropped)",
    ),
    (
        "- SPY_*_DEAL",
        "- SPY * DEAL",
        "pattern: 'A_*_B' read as 'A * B' (adjacency dropped)",
    ),
    ("^)[111]", "[111]", "pattern: stray '^)' before the code"),
    (
        "VISIT)[042:043]",
        "[042:043]",
        "pattern: stray 'VISIT)' before the code",
    ),
    ("[080!]", "[080]", "pattern: code 080 with a stray '!'"),
    (
        "+WIRE_TAP {+WIRE_TAPS +WIRE_TAPPED +WIRE_TAPPING",
        "WIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED WIRE_+TAPPING",
        "verb line: '+' on WIRE while the forms inflect TAP",
    ),
];

/// Codes the file uses that `cameo_codes.tsv` lacks, read as their CAMEO
/// parent: (written, used, reason).
const CODE_FIXES: &[(&str, &str, &str)] = &[
    (
        "1213",
        "121",
        "code 1213 (reject judicial cooperation) is not in cameo_codes.tsv: read as its parent 121",
    ),
    (
        "176",
        "170",
        "code 176 (PETRARCH2's cyber attack, not CAMEO) is not in cameo_codes.tsv: read as 170",
    ),
    (
        "1952",
        "195",
        "code 1952 (PETRARCH2's drone strike, not CAMEO) is not in cameo_codes.tsv: read as its parent 195",
    ),
];

/// Synsets the file uses but never defines (PETRARCH2 prints "Undefined
/// synset" and keeps the pattern as literal text, which never matches).
const UNDEFINED_SYNSETS: &[&str] = &["&FIGHT_CRIM", "&FIGHT_GAMES", "&WEATHER", "&DEMONSTRATION"];

const SLASH_REASON: &str = "pattern: 'A/B' read as alternatives";
const UNDEFINED_REASON: &str = "pattern: undefined synset, pattern disabled";

/// Every reason a [`Normalisation`] can give (the binary form stores its position).
pub(crate) fn reasons() -> impl Iterator<Item = &'static str> {
    FIXES
        .iter()
        .map(|f| f.2)
        .chain(CODE_FIXES.iter().map(|f| f.2))
        .chain([SLASH_REASON, UNDEFINED_REASON])
}

/// The whole dictionary with its lookup indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dictionary {
    pub(crate) synsets: Vec<Synset>,
    pub(crate) synset_index: FastMap<String, SynsetId>,
    pub(crate) blocks: Vec<Block>,
    /// Senses grouped by `verb` (each group contiguous, file order inside).
    pub(crate) senses: Vec<Sense>,
    /// The start of each lemma's group of senses, by lemma (`index::str_table`).
    pub(crate) by_lemma: Vec<u32>,
    /// (sense, index in its `forms`) sorted by form, then sense.
    pub(crate) by_form: Vec<(u32, u32)>,
    pub(crate) transformations: Vec<Transformation>,
    pub(crate) normalisations: Vec<Normalisation>,
    /// Key ids of the pattern index.
    pub(crate) keys: Keys,
}

/// What [`Dictionary::assemble`] computes from the parsed parts (the
/// binary form stores it): per block the pattern order and index, the
/// index's keys, and the senses by form. Senses must be grouped by verb.
pub(crate) struct Derived {
    pub by_weight: Vec<Vec<u32>>,
    pub keys: Keys,
    pub ixs: Vec<BlockIndex>,
    pub by_form: Vec<(u32, u32)>,
}

/// Sizes of the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub blocks: usize,
    /// Verb lines (senses).
    pub verbs: usize,
    pub patterns: usize,
    pub synsets: usize,
    pub synset_members: usize,
    pub transformations: usize,
    /// Known defects normalised (FIXES uses, slash alternatives, undefined synsets).
    pub normalisations: usize,
}

enum Tok<'a> {
    Open(char),
    Close(char),
    Atom(&'a str),
}

fn lex(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let bracket = matches!(c, '{' | '}' | '(' | ')');
        if c.is_whitespace() || bracket {
            if let Some(st) = start.take() {
                out.push(Tok::Atom(&s[st..i]));
            }
            match c {
                '{' | '(' => out.push(Tok::Open(c)),
                '}' | ')' => out.push(Tok::Close(c)),
                _ => {}
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(Tok::Atom(&s[st..]));
    }
    out
}

fn valid_word_chars(w: &str) -> bool {
    !w.is_empty()
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '\'' | '.' | '/'))
        && w.chars().any(|c| c.is_ascii_alphanumeric())
}

/// Parses `[...]` contents into codes.
fn parse_codes(s: &str, line: usize, fixes: &mut Vec<Normalisation>) -> Result<Codes, ParseError> {
    let mut half = |h: &str| -> Result<Option<Code>, ParseError> {
        if h.is_empty() || h == "---" {
            return Ok(None);
        }
        let h = match CODE_FIXES.iter().find(|f| f.0 == h) {
            Some(&(_, to, reason)) => {
                fixes.push(Normalisation {
                    line: line as u32,
                    reason,
                });
                to
            }
            None => h,
        };
        if !(2..=4).contains(&h.len()) || !h.bytes().all(|b| b.is_ascii_digit()) {
            return err(line, format!("bad CAMEO code {h:?} in [{s}]"));
        }
        match make_code(h) {
            Ok(c) => Ok(Some(c)),
            Err(m) => err(line, m),
        }
    };
    let (a, b) = match s.split_once(':') {
        Some((a, b)) => (a, b),
        None => (s, ""),
    };
    if b.contains(':') {
        return err(line, format!("bad code [{s}]: more than one ':'"));
    }
    if a.is_empty() && b.is_empty() {
        return err(line, format!("empty code [{s}]"));
    }
    Ok(Codes {
        forward: half(a)?,
        reverse: half(b)?,
    })
}

/// A regular plural as PETRARCH2 builds it for synset nouns (with the
/// "-ss/-x/-z/-ch/-sh takes -es" rule its docs state), lowercase.
pub fn plural(w: &str) -> String {
    let b = w.as_bytes();
    if w.ends_with('y') && b.len() > 1 && !b"aeiou".contains(&b[b.len() - 2]) {
        format!("{}ies", &w[..w.len() - 1])
    } else if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
    {
        format!("{w}es")
    } else {
        format!("{w}s")
    }
}

/// The regular verb forms PETRARCH2 generates for a verb written without `{}`.
fn regular_forms(stem: &str) -> [String; 3] {
    let b = stem.as_bytes();
    let s = if stem.ends_with('s')
        || stem.ends_with('x')
        || stem.ends_with('z')
        || stem.ends_with("ch")
        || stem.ends_with("sh")
    {
        format!("{stem}es")
    } else if let Some(st) = stem.strip_suffix('y') {
        format!("{st}ies")
    } else {
        format!("{stem}s")
    };
    let ed = if stem.ends_with('e') {
        format!("{stem}d")
    } else {
        format!("{stem}ed")
    };
    let ing = if stem.ends_with('e') && b.len() > 1 && !b"aeiou".contains(&b[b.len() - 2]) {
        format!("{}ing", &stem[..stem.len() - 1])
    } else {
        format!("{stem}ing")
    };
    [s, ed, ing]
}

/// Splits a verb word `WIRE_+TAP` / `+ASK_FOR` / `ASK` into (before, verb, after).
fn split_verb(w: &str, line: usize) -> Result<(Vec<String>, String, Vec<String>), ParseError> {
    let parts: Vec<&str> = w.split('_').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return err(line, format!("verb {w:?}: empty word between '_'"));
    }
    let marked: Vec<usize> = (0..parts.len())
        .filter(|&i| parts[i].starts_with('+'))
        .collect();
    let head = match (parts.len(), marked.as_slice()) {
        (1, []) | (1, [0]) => 0,
        (_, [i]) => *i,
        (_, []) => {
            return err(
                line,
                format!("multi-word verb {w:?} has no '+' on its inflected word"),
            )
        }
        _ => return err(line, format!("verb {w:?} has more than one '+'")),
    };
    let mut words = Vec::with_capacity(parts.len());
    for p in &parts {
        let p = p.strip_prefix('+').unwrap_or(p);
        if !valid_word_chars(p) || p.contains('/') {
            return err(line, format!("verb {w:?}: bad word {p:?}"));
        }
        words.push(p.to_ascii_lowercase());
    }
    let after = words.split_off(head + 1);
    let verb = words.pop().unwrap_or_default();
    Ok((words, verb, after))
}

/// Parse state for one word atom of a pattern: `A`, `A_B`, `A_`, `A/B`,
/// `FIGHTER_&AIRCRAFT`, `&SET`.
struct PatternCtx<'a> {
    synsets: &'a HashMap<String, SynsetId>,
    line: usize,
    slash: bool,
    undefined: bool,
}

impl PatternCtx<'_> {
    fn synset(&mut self, name: &str) -> Result<Option<Item>, ParseError> {
        if let Some(&id) = self.synsets.get(name) {
            return Ok(Some(Item::Synset(id)));
        }
        if UNDEFINED_SYNSETS.contains(&name) {
            self.undefined = true;
            return Ok(None);
        }
        err(self.line, format!("unknown synset {name}"))
    }

    fn items(&mut self, atom: &str, out: &mut Vec<Item>) -> Result<(), ParseError> {
        if atom.starts_with('&') {
            if let Some(it) = self.synset(atom)? {
                out.push(it);
            }
            return Ok(());
        }
        let (body, exact) = match atom.strip_suffix('_') {
            Some(b) => (b, true),
            None => (atom, false),
        };
        let parts: Vec<&str> = body.split('_').collect();
        for (i, p) in parts.iter().enumerate() {
            if p.starts_with('&') {
                let name = parts[i..].join("_");
                if let Some(it) = self.synset(&name)? {
                    out.push(it);
                }
                return Ok(());
            }
            if !valid_word_chars(p) {
                return err(self.line, format!("bad word {p:?} in {atom:?}"));
            }
            let alts: Vec<String> = p
                .split('/')
                .map(|a| a.to_ascii_lowercase())
                .collect::<Vec<_>>();
            if alts.iter().any(|a| !valid_word_chars(a)) {
                return err(self.line, format!("bad alternatives in {atom:?}"));
            }
            if alts.len() > 1 {
                self.slash = true;
            }
            out.push(Item::Word(Word {
                alts,
                exact: exact && i + 1 == parts.len(),
            }));
        }
        Ok(())
    }

    fn marker(atom: &str) -> Option<Element> {
        match atom {
            "$" => Some(Element::Source),
            "+" => Some(Element::Target),
            "^" => Some(Element::Any),
            "%" => Some(Element::Compound),
            _ => None,
        }
    }

    /// Parses a run of tokens into elements; `in_prep` forbids nested `(`.
    fn elements(
        &mut self,
        toks: &[Tok<'_>],
        pos: &mut usize,
        in_prep: bool,
    ) -> Result<Vec<Element>, ParseError> {
        let mut out = Vec::new();
        while *pos < toks.len() {
            match &toks[*pos] {
                Tok::Close(')') if in_prep => return Ok(out),
                Tok::Close(c) => return err(self.line, format!("unmatched '{c}'")),
                Tok::Open('{') => {
                    *pos += 1;
                    let mut items = Vec::new();
                    loop {
                        match toks.get(*pos) {
                            None => return err(self.line, "unclosed '{'"),
                            Some(Tok::Close('}')) => break,
                            Some(Tok::Atom(a)) if Self::marker(a).is_none() && *a != "*" => {
                                self.items(a, &mut items)?;
                            }
                            Some(Tok::Atom(a)) => {
                                return err(self.line, format!("{a:?} inside {{...}}"))
                            }
                            Some(_) => return err(self.line, "bracket inside {...}"),
                        }
                        *pos += 1;
                    }
                    if items.is_empty() && !self.undefined {
                        return err(self.line, "empty {}");
                    }
                    if !items.is_empty() {
                        out.push(Element::Phrase(items));
                    }
                }
                Tok::Open('(') => {
                    if in_prep {
                        return err(self.line, "nested '('");
                    }
                    *pos += 1;
                    let prep = match toks.get(*pos) {
                        Some(Tok::Atom(a)) if valid_word_chars(a) => *a,
                        _ => return err(self.line, "'(' must be followed by a preposition"),
                    };
                    let preps: Vec<String> =
                        prep.split('/').map(|p| p.to_ascii_lowercase()).collect();
                    if preps.iter().any(|p| !valid_word_chars(p)) {
                        return err(self.line, format!("bad preposition {prep:?}"));
                    }
                    if preps.len() > 1 {
                        self.slash = true;
                    }
                    *pos += 1;
                    let inner = self.elements(toks, pos, true)?;
                    match toks.get(*pos) {
                        Some(Tok::Close(')')) => {}
                        _ => return err(self.line, "unclosed '('"),
                    }
                    out.push(Element::Prep { preps, inner });
                }
                Tok::Open(c) => return err(self.line, format!("unexpected '{c}'")),
                Tok::Atom("*") => return err(self.line, "'*' inside brackets"),
                Tok::Atom(a) => {
                    if let Some(m) = Self::marker(a) {
                        out.push(m);
                    } else {
                        let mut items = Vec::new();
                        self.items(a, &mut items)?;
                        if !items.is_empty() {
                            out.push(Element::Phrase(items));
                        }
                    }
                }
            }
            *pos += 1;
        }
        if in_prep {
            return err(self.line, "unclosed '('");
        }
        Ok(out)
    }
}

/// Parses one side of the `*`.
fn pattern_side(ctx: &mut PatternCtx<'_>, s: &str) -> Result<Vec<Element>, ParseError> {
    let toks = lex(s);
    let mut pos = 0;
    ctx.elements(&toks, &mut pos, false)
}

impl Dictionary {
    /// Parses the whole file.
    /// Parses the upstream file followed by a supplement of verb blocks in
    /// the same format (dyad's `data/dyad/verbs.txt`), as one text: an
    /// error's line past the upstream file's last is in the supplement.
    pub fn parse_with(upstream: &str, supplement: &str) -> Result<Dictionary, ParseError> {
        let mut all = String::with_capacity(upstream.len() + supplement.len() + 1);
        all.push_str(upstream);
        if !all.is_empty() && !all.ends_with('\n') {
            all.push('\n');
        }
        all.push_str(supplement);
        Self::parse(&all)
    }

    pub fn parse(text: &str) -> Result<Dictionary, ParseError> {
        let mut synsets: Vec<Synset> = Vec::new();
        let mut synset_index: HashMap<String, SynsetId> = HashMap::new();
        let mut blocks: Vec<Block> = Vec::new();
        let mut raw_senses: Vec<Sense> = Vec::new();
        let mut transformations = Vec::new();
        let mut normalisations = Vec::new();

        for (i, raw) in text.lines().enumerate() {
            let n = i + 1;
            let mut fixed = std::borrow::Cow::Borrowed(raw);
            for (from, to, reason) in FIXES {
                if fixed.contains(from) {
                    fixed = std::borrow::Cow::Owned(fixed.replace(from, to));
                    normalisations.push(Normalisation {
                        line: n as u32,
                        reason,
                    });
                }
            }
            let line = fixed.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if blocks.is_empty() && !line.starts_with("---") {
                // Synonym-set section.
                let body = line.split('#').next().unwrap_or("").trim();
                if let Some(name) = body.strip_prefix('&') {
                    if name.is_empty()
                        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    {
                        return err(n, format!("bad synset name {body:?}"));
                    }
                    if synset_index.contains_key(body) {
                        return err(n, format!("synset {body} defined twice"));
                    }
                    synset_index.insert(body.to_string(), SynsetId(synsets.len() as u32));
                    synsets.push(Synset {
                        name: body.to_string(),
                        members: Vec::new(),
                        line: n as u32,
                    });
                } else if let Some(m) = body.strip_prefix('+') {
                    let Some(set) = synsets.last_mut() else {
                        return err(n, "synset member before any &NAME line");
                    };
                    if m.is_empty() || m.contains(char::is_whitespace) {
                        return err(n, format!("bad synset member {body:?}"));
                    }
                    let no_plural = set.name.ends_with('_') || m.ends_with('_');
                    let m = m.strip_suffix('_').unwrap_or(m);
                    let mut words = Vec::new();
                    for w in m.split('_') {
                        if !valid_word_chars(w) {
                            return err(n, format!("bad word {w:?} in synset member {body:?}"));
                        }
                        words.push(Word {
                            alts: vec![w.to_ascii_lowercase()],
                            exact: no_plural,
                        });
                    }
                    set.members.push(words);
                } else if line.starts_with('-') || line.starts_with('~') {
                    return err(n, "pattern or transformation before the first verb block");
                } else {
                    return err(
                        n,
                        format!("expected &SYNSET or +MEMBER before the first block, got {line:?}"),
                    );
                }
                continue;
            }
            if line.starts_with("---") {
                let inner = line
                    .strip_prefix("---")
                    .and_then(|l| l.strip_suffix("---"))
                    .map(str::trim);
                let Some(inner) = inner else {
                    return err(n, "block header must be '--- NAME [code] ---'");
                };
                let (name, code) = match inner.split_once('[') {
                    Some((name, rest)) => match rest.trim_end().strip_suffix(']') {
                        Some(code) => (name.trim(), code),
                        None => return err(n, "block header: code must end with ']'"),
                    },
                    None => return err(n, "block header without [code]"),
                };
                if name.is_empty()
                    || !name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                {
                    return err(n, format!("bad block name {name:?}"));
                }
                let codes = parse_codes(code.trim(), n, &mut normalisations)?;
                blocks.push(Block {
                    name: name.to_string(),
                    codes: (!codes.is_null()).then_some(codes),
                    patterns: Vec::new(),
                    line: n as u32,
                    by_weight: Vec::new(),
                    index: BlockIndex::default(),
                });
                continue;
            }
            let block_id = BlockId(blocks.len() as u32 - 1);
            if line.starts_with('&') {
                return err(n, "synset definition after the first verb block");
            }
            if let Some(t) = line.strip_prefix('~') {
                let t = t.split('#').next().unwrap_or("").trim();
                let Some((lhs, rhs)) = t.split_once('=') else {
                    return err(n, "transformation without '='");
                };
                let rhs: Vec<&str> = rhs.split_whitespace().collect();
                if lhs.trim().is_empty() || rhs.len() != 3 {
                    return err(n, "transformation must be '~ pattern = a b CODE'");
                }
                let code = match rhs[2] {
                    "Q" => None,
                    c => parse_codes(c, n, &mut normalisations)?.forward,
                };
                transformations.push(Transformation {
                    line: n as u32,
                    text: t.to_string(),
                    code,
                });
                continue;
            }
            if let Some(body) = line.strip_prefix('-') {
                let (body, comment) = match body.split_once('#') {
                    Some((b, c)) => (b.trim(), c.trim()),
                    None => (body.trim(), ""),
                };
                let Some(open) = body.rfind('[') else {
                    return err(n, "pattern without [code]");
                };
                let Some(code) = body[open + 1..].strip_suffix(']') else {
                    return err(n, "pattern: text after the [code]");
                };
                let codes = parse_codes(code.trim(), n, &mut normalisations)?;
                let text = body[..open].trim();
                let stars = text.matches('*').count();
                if stars != 1 {
                    return err(n, format!("pattern needs exactly one '*', has {stars}"));
                }
                let (pre, post) = text.split_once('*').unwrap_or((text, ""));
                if !pre.is_empty() && !pre.ends_with(char::is_whitespace)
                    || !post.is_empty() && !post.starts_with(char::is_whitespace)
                {
                    return err(n, "'*' must stand alone");
                }
                let mut ctx = PatternCtx {
                    synsets: &synset_index,
                    line: n,
                    slash: false,
                    undefined: false,
                };
                let pre = pattern_side(&mut ctx, pre)?;
                let post = pattern_side(&mut ctx, post)?;
                if ctx.slash {
                    normalisations.push(Normalisation {
                        line: n as u32,
                        reason: SLASH_REASON,
                    });
                }
                if ctx.undefined {
                    normalisations.push(Normalisation {
                        line: n as u32,
                        reason: UNDEFINED_REASON,
                    });
                }
                let block = &mut blocks[block_id.0 as usize];
                block.patterns.push(Pattern {
                    pre,
                    post,
                    codes,
                    line: n as u32,
                    text: text.to_string(),
                    comment: comment.to_string(),
                    enabled: !ctx.undefined,
                });
                continue;
            }
            // A verb line: BASE [{FORMS}] [[code]] [# comment]
            let body = line.split('#').next().unwrap_or("").trim();
            let (body, codes) = match body.find('[') {
                Some(open) => {
                    let Some(code) = body[open + 1..].trim_end().strip_suffix(']') else {
                        return err(n, "verb line: text after the [code]");
                    };
                    (
                        body[..open].trim(),
                        Some(parse_codes(code.trim(), n, &mut normalisations)?),
                    )
                }
                None => (body, None),
            };
            let (base, forms) = match body.find('{') {
                Some(open) => {
                    let Some(forms) = body[open + 1..].trim_end().strip_suffix('}') else {
                        return err(n, "verb line: '{' without a final '}'");
                    };
                    (body[..open].trim(), Some(forms))
                }
                None => (body, None),
            };
            if base.is_empty() || base.contains(char::is_whitespace) {
                return err(
                    n,
                    format!("verb line must have one base verb, got {base:?}"),
                );
            }
            if base.contains(['}', '(', ')', '*', '$', '&']) {
                return err(n, format!("bad verb {base:?}"));
            }
            let (before, verb, after) = split_verb(base, n)?;
            let mut all_forms = vec![verb.clone()];
            match forms {
                Some(f) => {
                    for w in f.split_whitespace() {
                        if w.contains(['{', '}', '[', ']']) {
                            return err(n, format!("bad irregular form {w:?}"));
                        }
                        let (b2, v2, a2) = split_verb(w, n)?;
                        if b2 != before || a2 != after {
                            return err(
                                n,
                                format!("irregular form {w:?} has other words than {base:?}"),
                            );
                        }
                        if !all_forms.contains(&v2) {
                            all_forms.push(v2);
                        }
                    }
                }
                None => {
                    for f in regular_forms(&verb) {
                        if !all_forms.contains(&f) {
                            all_forms.push(f);
                        }
                    }
                }
            }
            raw_senses.push(Sense {
                block: block_id,
                verb,
                before,
                after,
                codes,
                forms: all_forms,
                line: n as u32,
            });
        }

        Ok(Dictionary::assemble(
            synsets,
            blocks,
            raw_senses,
            transformations,
            normalisations,
            None,
        ))
    }

    /// Builds the lookup indices over the parsed parts (senses in file
    /// order, or already grouped: the grouping sort is stable).
    pub(crate) fn assemble(
        synsets: Vec<Synset>,
        mut blocks: Vec<Block>,
        mut raw_senses: Vec<Sense>,
        transformations: Vec<Transformation>,
        normalisations: Vec<Normalisation>,
        derived: Option<Derived>,
    ) -> Dictionary {
        let synset_index = synsets
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.clone(), SynsetId(i as u32)))
            .collect();
        let derived = derived.unwrap_or_else(|| {
            for b in &mut blocks {
                let mut order: Vec<u32> = (0..b.patterns.len() as u32).collect();
                order.sort_by_key(|&i| std::cmp::Reverse(b.patterns[i as usize].weight()));
                b.by_weight = order;
            }
            let (keys, ixs) = index::build(&blocks, &synsets);
            // Group senses by lemma (stable: file order within a lemma).
            raw_senses.sort_by(|a, b| a.verb.cmp(&b.verb));
            let mut by_form: Vec<(u32, u32)> = Vec::new();
            for (i, s) in raw_senses.iter().enumerate() {
                by_form.extend((0..s.forms.len() as u32).map(|f| (i as u32, f)));
            }
            let form = |&(s, f): &(u32, u32)| raw_senses[s as usize].forms[f as usize].as_str();
            by_form.sort_by(|a, b| form(a).cmp(form(b)).then(a.0.cmp(&b.0)));
            Derived {
                by_weight: blocks
                    .iter_mut()
                    .map(|b| std::mem::take(&mut b.by_weight))
                    .collect(),
                keys,
                ixs,
                by_form,
            }
        });
        let Derived {
            by_weight,
            keys,
            ixs,
            by_form,
        } = derived;
        for ((b, ix), order) in blocks.iter_mut().zip(ixs).zip(by_weight) {
            b.index = ix;
            b.by_weight = order;
        }
        let starts = (0..raw_senses.len())
            .filter(|&i| i == 0 || raw_senses[i - 1].verb != raw_senses[i].verb)
            .map(|i| (i as u32, raw_senses[i].verb.as_str()));
        let by_lemma = index::str_table(starts.clone(), starts.count());
        Dictionary {
            synsets,
            synset_index,
            blocks,
            senses: raw_senses,
            by_lemma,
            by_form,
            transformations,
            normalisations,
            keys,
        }
    }

    /// Every sense whose inflected verb has this lemma (lowercase base form).
    pub fn senses(&self, lemma: &str) -> &[Sense] {
        let key = |i: u32| self.senses[i as usize].verb.as_str();
        let Some(from) = index::str_table_get(&self.by_lemma, lemma, key) else {
            return &[];
        };
        let from = from as usize;
        let n = self.senses[from..]
            .iter()
            .take_while(|s| s.verb == lemma)
            .count();
        &self.senses[from..from + n]
    }

    /// Senses whose inflected word has this lowercase form (base, irregular
    /// or generated regular form).
    pub fn senses_for_form<'s>(&'s self, form: &str) -> impl Iterator<Item = &'s Sense> + 's {
        let of = |&(s, f): &(u32, u32)| self.senses[s as usize].forms[f as usize].as_str();
        let from = self.by_form.partition_point(|p| of(p) < form);
        let n = self.by_form[from..]
            .iter()
            .take_while(|p| of(p) == form)
            .count();
        self.by_form[from..from + n]
            .iter()
            .map(move |&(s, _)| &self.senses[s as usize])
    }

    pub fn block(&self, id: BlockId) -> &Block {
        &self.blocks[id.0 as usize]
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// All senses, grouped by lemma.
    pub fn all_senses(&self) -> &[Sense] {
        &self.senses
    }

    pub fn synset(&self, id: SynsetId) -> &Synset {
        &self.synsets[id.0 as usize]
    }

    pub fn synset_by_name(&self, name: &str) -> Option<&Synset> {
        self.synset_index.get(name).map(|&id| self.synset(id))
    }

    pub fn transformations(&self) -> &[Transformation] {
        &self.transformations
    }

    pub fn normalisations(&self) -> &[Normalisation] {
        &self.normalisations
    }

    pub fn stats(&self) -> Stats {
        Stats {
            blocks: self.blocks.len(),
            verbs: self.senses.len(),
            patterns: self.blocks.iter().map(|b| b.patterns.len()).sum(),
            synsets: self.synsets.len(),
            synset_members: self.synsets.iter().map(|s| s.members.len()).sum(),
            transformations: self.transformations.len(),
            normalisations: self.normalisations.len(),
        }
    }

    /// Every code the dictionary uses, with the line it is on.
    pub fn codes_used(&self) -> Vec<(u32, Code)> {
        let mut out = Vec::new();
        let mut push = |line: u32, c: &Codes| {
            out.extend(c.forward.iter().chain(&c.reverse).map(|&k| (line, k)));
        };
        for b in &self.blocks {
            if let Some(c) = &b.codes {
                push(b.line, c);
            }
            for p in &b.patterns {
                push(p.line, &p.codes);
            }
        }
        for s in &self.senses {
            if let Some(c) = &s.codes {
                push(s.line, c);
            }
        }
        for t in &self.transformations {
            out.extend(t.code.map(|c| (t.line, c)));
        }
        out
    }
}
