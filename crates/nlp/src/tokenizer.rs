//! spaCy's English tokenizer (`en_core_web_sm` 3.8.0), reproduced exactly.
//!
//! The algorithm follows `spacy/tokenizer.pyx`:
//!
//! 1. The text is cut into chunks at every change between whitespace and
//!    non-whitespace (Python's `str.isspace`). A single `' '` right after a
//!    non-space chunk is not a token: it is recorded as `space_after` on the
//!    chunk's last token. Any other whitespace run (`"\n"`, the extra spaces
//!    of `"a   b"`) is a chunk of its own and becomes a token.
//! 2. A chunk that is a special case (`tokenizer.rules`: "don't", "U.S.",
//!    "Jan.", emoticons, ...) becomes the special case's tokens.
//! 3. Otherwise prefixes and suffixes are split off repeatedly
//!    (`_split_affixes`), stopping early when what is left is a special case;
//!    the rest is one token if it is a special case or a URL (`url_match`),
//!    else it is cut at the infixes (`find_infix`) (`_attach_tokens`).
//! 4. Finally the special cases that contain affixes are looked for again
//!    over the token sequence (spaCy v3's special-case `PhraseMatcher`) and
//!    retokenized.
//!
//! The rule data (regex pattern strings, special cases with ORTH and NORM,
//! the matcher patterns) is exported from the model by
//! `data/gen/nlp/export_tokenizer.py` into `data/nlp/tokenizer.json`, which is
//! embedded and compiled once on first use. Alternatives without lookaround
//! are compiled with the `regex` crate, the few with lookaround with
//! `fancy-regex`, keeping Python's leftmost-first semantics (see
//! [`Tokenizer::find_prefix`], [`Tokenizer::find_suffix`],
//! [`Tokenizer::find_infixes`]).
//!
//! A per-thread cache maps chunks to their tokens (like spaCy's own cache),
//! so the regexes run once per distinct chunk.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::weights::WeightsError;

static DATA: &str = include_str!("../../../data/nlp/tokenizer.json");

/// One token of spaCy's tokenization. Byte offsets into the input text (on
/// char boundaries).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// spaCy's `whitespace_ == " "`: one space follows and is not a token.
    pub space_after: bool,
    /// NORM set by a special case (`"n't"` -> `"not"`), else `None`.
    pub norm: Option<&'static str>,
}

impl Token {
    /// The token's text in `text` (the string it was made from).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A small, fast, non-cryptographic hasher (FxHash) for the string tables.
#[derive(Debug, Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// One piece of a token within a chunk: byte length and NORM.
#[derive(Debug, Clone, Copy)]
struct Piece {
    len: u32,
    norm: Option<&'static str>,
}

/// A group of consecutive alternatives of one of spaCy's affix patterns.
#[derive(Debug)]
enum Group {
    Plain(regex::Regex),
    /// The exact pattern, and the same without lookarounds (a prefilter:
    /// every match of the exact pattern is a match of the relaxed one at the
    /// same start).
    Fancy(fancy_regex::Regex, regex::Regex),
}

impl Group {
    fn compile(g: &GroupJson) -> Result<Group, WeightsError> {
        if g.fancy {
            let exact = fancy_regex::Regex::new(&g.pattern)
                .map_err(|e| WeightsError::Truncated(leak(format!("tokenizer pattern: {e}"))))?;
            let relaxed = regex::Regex::new(g.relaxed.as_deref().unwrap_or(""))
                .map_err(|e| WeightsError::Truncated(leak(format!("tokenizer pattern: {e}"))))?;
            Ok(Group::Fancy(exact, relaxed))
        } else {
            regex::Regex::new(&g.pattern)
                .map(Group::Plain)
                .map_err(|e| WeightsError::Truncated(leak(format!("tokenizer pattern: {e}"))))
        }
    }

    /// Leftmost-first match in `s` starting at or after `pos` (lookbehind
    /// sees `s[..pos]`), as byte offsets.
    fn find_at(&self, s: &str, pos: usize) -> Option<(usize, usize)> {
        match self {
            Group::Plain(r) => r.find_at(s, pos).map(|m| (m.start(), m.end())),
            // A backtracking-limit error counts as no match (never panics).
            Group::Fancy(r, relaxed) => {
                let first = relaxed.find_at(s, pos)?.start();
                r.find_from_pos(s, first)
                    .ok()
                    .flatten()
                    .map(|m| (m.start(), m.end()))
            }
        }
    }
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[derive(Deserialize)]
struct GroupJson {
    fancy: bool,
    pattern: String,
    #[serde(default)]
    relaxed: Option<String>,
}

#[derive(Deserialize)]
struct DataJson {
    prefix: Vec<GroupJson>,
    suffix: Vec<GroupJson>,
    infix: Vec<GroupJson>,
    url: String,
    url_relaxed: String,
    specials: std::collections::BTreeMap<String, Vec<(String, Option<String>)>>,
    matcher: Vec<(String, Vec<String>)>,
    py_space_extra: Vec<u32>,
}

/// A special-case pattern of the final matcher pass.
#[derive(Debug)]
struct MatchPattern {
    tokens: Box<[Box<str>]>,
}

/// spaCy's English tokenizer. Build it once with [`Tokenizer::english`].
#[derive(Debug)]
pub struct Tokenizer {
    prefix: Vec<Group>,
    suffix: Vec<Group>,
    infix: Vec<Group>,
    url: fancy_regex::Regex,
    /// `url` without its lookaheads (prefilter).
    url_relaxed: regex::Regex,
    specials: FxMap<Box<str>, Box<[Piece]>>,
    /// Byte length of the longest key of `specials`: a longer string is
    /// never looked up, so a 1 MB run of punctuation is not hashed once per
    /// affix it loses (which made tokenizing it quadratic).
    max_special: usize,
    /// First token text -> indices into `patterns`.
    matcher_first: FxMap<Box<str>, Vec<u32>>,
    /// For each first byte of a `matcher_first` key, the bit set of the
    /// keys' byte lengths (bit 63: 63 or more): a fast reject.
    matcher_first_byte: [u64; 256],
    patterns: Vec<MatchPattern>,
}

/// The longest chunk read as one URL token; a longer one is split by the
/// infix rules instead (spaCy would try the URL pattern on it). Browsers and
/// the sitemaps protocol stop at about 2,000 characters.
pub const MAX_URL_BYTES: usize = 2048;

/// Python's `str.isspace()`: Unicode White_Space plus U+001C..U+001F.
#[inline]
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

thread_local! {
    static CACHE: RefCell<FxMap<Box<str>, Box<[Piece]>>> = RefCell::new(FxMap::default());
}

/// Most distinct chunks kept per thread before the cache is cleared.
const MAX_CACHE: usize = 200_000;
/// Chunks longer than this are not cached.
const MAX_CACHED_LEN: usize = 64;

impl Tokenizer {
    /// The English tokenizer of `en_core_web_sm` 3.8.0, compiled on first use.
    pub fn english() -> &'static Tokenizer {
        static T: OnceLock<Tokenizer> = OnceLock::new();
        T.get_or_init(|| {
            // The embedded data is generated and checked by the tests; a
            // failure here is a build defect, not an input-dependent panic.
            #[allow(clippy::expect_used)]
            Tokenizer::from_json(DATA).expect("embedded tokenizer data is valid")
        })
    }

    /// Builds a tokenizer from the JSON written by `export_tokenizer.py`.
    pub fn from_json(json: &str) -> Result<Tokenizer, WeightsError> {
        let d: DataJson = serde_json::from_str(json)?;
        if d.py_space_extra
            .iter()
            .any(|&c| !(0x1c..=0x1f).contains(&c))
        {
            return Err(WeightsError::Truncated(
                "tokenizer data: unexpected whitespace definition",
            ));
        }
        let compile =
            |gs: &[GroupJson]| gs.iter().map(Group::compile).collect::<Result<Vec<_>, _>>();
        let url = fancy_regex::Regex::new(&d.url)
            .map_err(|e| WeightsError::Truncated(leak(format!("tokenizer url pattern: {e}"))))?;
        let url_relaxed = regex::Regex::new(&d.url_relaxed)
            .map_err(|e| WeightsError::Truncated(leak(format!("tokenizer url pattern: {e}"))))?;
        let mut specials = FxMap::default();
        for (chunk, toks) in d.specials {
            let pieces: Box<[Piece]> = toks
                .into_iter()
                .map(|(orth, norm)| Piece {
                    len: orth.len() as u32,
                    norm: norm.map(leak),
                })
                .collect();
            specials.insert(chunk.into_boxed_str(), pieces);
        }
        let mut matcher_first: FxMap<Box<str>, Vec<u32>> = FxMap::default();
        let mut matcher_first_byte = [0u64; 256];
        let mut patterns = Vec::new();
        for (_chunk, toks) in d.matcher {
            let Some(first) = toks.first() else { continue };
            if let Some(&b) = first.as_bytes().first() {
                matcher_first_byte[b as usize] |= 1u64 << first.len().min(63);
            }
            matcher_first
                .entry(first.clone().into_boxed_str())
                .or_default()
                .push(patterns.len() as u32);
            patterns.push(MatchPattern {
                tokens: toks.into_iter().map(String::into_boxed_str).collect(),
            });
        }
        Ok(Tokenizer {
            prefix: compile(&d.prefix)?,
            suffix: compile(&d.suffix)?,
            infix: compile(&d.infix)?,
            url,
            url_relaxed,
            max_special: specials.keys().map(|k| k.len()).max().unwrap_or(0),
            specials,
            matcher_first,
            matcher_first_byte,
            patterns,
        })
    }

    /// Tokenizes `text`.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::with_capacity(text.len() / 4 + 1);
        self.tokenize_into(text, &mut out);
        out
    }

    /// Tokenizes `text`, replacing the contents of `out`.
    pub fn tokenize_into(&self, text: &str, out: &mut Vec<Token>) {
        out.clear();
        if text.is_empty() {
            return;
        }
        CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            let mut pieces: Vec<Piece> = Vec::new();
            let mut start = 0usize;
            let mut in_ws = text.chars().next().is_some_and(is_py_space);
            for (i, c) in text.char_indices() {
                let ws = is_py_space(c);
                if ws != in_ws {
                    if start < i {
                        self.chunk(&text[start..i], start, out, &mut cache, &mut pieces);
                    }
                    if c == ' ' {
                        if let Some(last) = out.last_mut() {
                            last.space_after = true;
                        }
                        start = i + 1;
                    } else {
                        start = i;
                    }
                    in_ws = ws;
                }
            }
            if start < text.len() {
                self.chunk(&text[start..], start, out, &mut cache, &mut pieces);
            }
        });
        self.apply_matcher(text, out);
    }

    /// Tokenizes one chunk (a whitespace or non-whitespace run) at byte
    /// offset `base`, appending to `out`.
    fn chunk(
        &self,
        s: &str,
        base: usize,
        out: &mut Vec<Token>,
        cache: &mut FxMap<Box<str>, Box<[Piece]>>,
        pieces: &mut Vec<Piece>,
    ) {
        let emit = |pieces: &[Piece], out: &mut Vec<Token>| {
            let mut at = base;
            for p in pieces {
                let end = at + p.len as usize;
                out.push(Token {
                    start: at,
                    end,
                    space_after: false,
                    norm: p.norm,
                });
                at = end;
            }
        };
        // No prefix, suffix, infix or URL alternative matches a string of
        // only ASCII letters or only ASCII digits: each needs a punctuation
        // mark, a symbol, a non-ASCII letter, or a unit after a digit (see the
        // test `letters_and_digits_are_one_token`; tokenizer_parity.py checks
        // it over the news corpus). Such chunks (most words) skip the cache.
        let plain =
            s.bytes().all(|b| b.is_ascii_alphabetic()) || s.bytes().all(|b| b.is_ascii_digit());
        if plain {
            match self.special(s) {
                Some(sp) => emit(sp, out),
                None => out.push(Token {
                    start: base,
                    end: base + s.len(),
                    space_after: false,
                    norm: None,
                }),
            }
            return;
        }
        if let Some(cached) = cache.get(s) {
            emit(cached, out);
            return;
        }
        pieces.clear();
        if let Some(sp) = self.special(s) {
            pieces.extend_from_slice(sp);
        } else {
            self.split_chunk(s, pieces);
        }
        emit(pieces, out);
        if s.len() <= MAX_CACHED_LEN {
            if cache.len() >= MAX_CACHE {
                cache.clear();
            }
            cache.insert(s.into(), pieces.as_slice().into());
        }
    }

    fn is_special(&self, s: &str) -> bool {
        self.special(s).is_some()
    }

    #[inline]
    fn special(&self, s: &str) -> Option<&[Piece]> {
        if s.len() > self.max_special {
            return None;
        }
        self.specials.get(s).map(|p| &**p)
    }

    /// spaCy's `_split_affixes` + `_attach_tokens` for a chunk that is not
    /// itself a special case.
    fn split_chunk(&self, chunk: &str, pieces: &mut Vec<Piece>) {
        // `s` is chunk[lo..hi].
        let (mut lo, mut hi) = (0usize, chunk.len());
        let mut prefixes: Vec<u32> = Vec::new();
        let mut suffixes: Vec<u32> = Vec::new();
        let mut last_size = usize::MAX;
        while lo < hi && hi - lo != last_size {
            let s = &chunk[lo..hi];
            if self.is_special(s) {
                break;
            }
            last_size = s.len();
            let pre = self.find_prefix(s);
            if pre != 0 && pre < s.len() && self.is_special(&s[pre..]) {
                prefixes.push(pre as u32);
                lo += pre;
                break;
            }
            let suf = self.find_suffix(&s[pre..]);
            if suf != 0 && suf < s.len() && self.is_special(&s[..s.len() - suf]) {
                suffixes.push(suf as u32);
                hi -= suf;
                break;
            }
            if pre != 0 {
                prefixes.push(pre as u32);
                lo += pre;
            }
            if suf != 0 {
                suffixes.push(suf as u32);
                hi -= suf;
            }
        }
        for &p in &prefixes {
            pieces.push(Piece { len: p, norm: None });
        }
        if lo < hi {
            let s = &chunk[lo..hi];
            if let Some(sp) = self.special(s) {
                pieces.extend_from_slice(sp);
            } else if self.is_url(s) {
                pieces.push(Piece {
                    len: s.len() as u32,
                    norm: None,
                });
            } else {
                let mut start = 0usize;
                self.find_infixes(s, |a, b| {
                    if a == 0 {
                        return;
                    }
                    if a != start {
                        pieces.push(Piece {
                            len: (a - start) as u32,
                            norm: None,
                        });
                    }
                    if a != b {
                        pieces.push(Piece {
                            len: (b - a) as u32,
                            norm: None,
                        });
                    }
                    start = b;
                });
                if start < s.len() {
                    pieces.push(Piece {
                        len: (s.len() - start) as u32,
                        norm: None,
                    });
                }
            }
        }
        for &p in suffixes.iter().rev() {
            pieces.push(Piece { len: p, norm: None });
        }
    }

    /// Byte length of the prefix spaCy splits off `s` (0 if none): the first
    /// alternative of the prefix pattern that matches at the start.
    pub fn find_prefix(&self, s: &str) -> usize {
        for g in &self.prefix {
            if let Some((0, e)) = g.find_at(s, 0) {
                return e;
            }
        }
        0
    }

    /// Byte length of the suffix spaCy splits off `s` (0 if none): the
    /// alternatives all end at `$`, so Python's `search` returns the match
    /// with the leftmost start over all of them.
    pub fn find_suffix(&self, s: &str) -> usize {
        let mut best = s.len();
        for g in &self.suffix {
            if let Some((a, _)) = g.find_at(s, 0) {
                best = best.min(a);
            }
        }
        s.len() - best
    }

    /// Calls `f(start, end)` for each infix match in `s`, like Python's
    /// `finditer`: non-overlapping, leftmost start first, and at one start
    /// the earliest alternative.
    ///
    /// Each group's next match is kept until `pos` passes its start: the
    /// leftmost match at or after `p` is also the leftmost at or after any
    /// later `pos` up to its start, so a group that matches rarely (or never)
    /// is searched once, not once per match of another group (which made a
    /// long chunk of URLs quadratic).
    pub fn find_infixes(&self, s: &str, mut f: impl FnMut(usize, usize)) {
        let mut pos = 0usize;
        let mut next: Vec<Option<Option<(usize, usize)>>> = vec![None; self.infix.len()];
        while pos <= s.len() {
            let mut best: Option<(usize, usize)> = None;
            for (g, cached) in self.infix.iter().zip(next.iter_mut()) {
                let found = match *cached {
                    Some(m) if m.is_none_or(|(a, _)| a >= pos) => m,
                    _ => {
                        let m = g.find_at(s, pos);
                        *cached = Some(m);
                        m
                    }
                };
                if let Some((a, b)) = found {
                    if !matches!(best, Some((ba, _)) if ba <= a) {
                        best = Some((a, b));
                    }
                }
            }
            let Some((a, b)) = best else { break };
            f(a, b);
            pos = if b > a {
                b
            } else {
                b + s[b..].chars().next().map_or(1, char::len_utf8)
            };
        }
    }

    /// spaCy's `url_match` (every URL the pattern accepts contains a dot),
    /// for strings of at most [`MAX_URL_BYTES`]: the pattern backtracks, so
    /// its cost on one long chunk grows faster than the chunk.
    pub fn is_url(&self, s: &str) -> bool {
        s.len() <= MAX_URL_BYTES
            && s.contains('.')
            && self.url_relaxed.is_match(s)
            && self.url.is_match(s).unwrap_or(false)
    }

    /// spaCy v3's final special-case pass: find the affix-containing special
    /// cases as token sequences, keep the longest non-overlapping ones, and
    /// retokenize those whose text is exactly the special case.
    fn apply_matcher(&self, text: &str, out: &mut Vec<Token>) {
        let mut matches: Vec<(usize, usize)> = Vec::new();
        for i in 0..out.len() {
            let t = out[i].text(text);
            let Some(&b) = t.as_bytes().first() else {
                continue;
            };
            if self.matcher_first_byte[b as usize] & (1u64 << t.len().min(63)) == 0 {
                continue;
            }
            let Some(ids) = self.matcher_first.get(t) else {
                continue;
            };
            for &id in ids {
                let p = &self.patterns[id as usize].tokens;
                if i + p.len() <= out.len()
                    && p.iter()
                        .zip(&out[i..])
                        .all(|(pt, tok)| **pt == *tok.text(text))
                {
                    matches.push((i, i + p.len()));
                }
            }
        }
        if matches.is_empty() {
            return;
        }
        // Longest first; at equal length, leftmost first.
        matches.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
        let mut seen = vec![false; out.len()];
        let mut kept: Vec<(usize, usize)> = Vec::new();
        for &(s, e) in &matches {
            if !seen[s] && !seen[e - 1] {
                kept.push((s, e));
            }
            for x in &mut seen[s..e] {
                *x = true;
            }
        }
        kept.sort_unstable();
        let mut rebuilt = Vec::with_capacity(out.len() + 8);
        let mut i = 0usize;
        let mut k = 0usize;
        while i < out.len() {
            if k < kept.len() && kept[k].0 == i {
                let (s, e) = kept[k];
                k += 1;
                let span_start = out[s].start;
                let span_text = &text[span_start..out[e - 1].end];
                if let Some(sp) = self.special(span_text) {
                    let mut at = span_start;
                    for p in sp.iter() {
                        let end = at + p.len as usize;
                        rebuilt.push(Token {
                            start: at,
                            end,
                            space_after: false,
                            norm: p.norm,
                        });
                        at = end;
                    }
                    if let Some(last) = rebuilt.last_mut() {
                        last.space_after = out[e - 1].space_after;
                    }
                } else {
                    rebuilt.extend_from_slice(&out[s..e]);
                }
                i = e;
            } else {
                rebuilt.push(out[i]);
                i += 1;
            }
        }
        *out = rebuilt;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn slow(s: &str) -> Vec<u32> {
        let mut pieces = Vec::new();
        Tokenizer::english().split_chunk(s, &mut pieces);
        pieces.iter().map(|p| p.len).collect()
    }

    /// `find_infixes` without its per-group memo: every group searched
    /// again at every step, as spaCy's `finditer` loop does.
    fn infixes_unmemoized(t: &Tokenizer, s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0usize;
        while pos <= s.len() {
            let mut best: Option<(usize, usize)> = None;
            for g in &t.infix {
                if let Some((a, b)) = g.find_at(s, pos) {
                    if !matches!(best, Some((ba, _)) if ba <= a) {
                        best = Some((a, b));
                    }
                }
            }
            let Some((a, b)) = best else { break };
            out.push((a, b));
            pos = if b > a {
                b
            } else {
                b + s[b..].chars().next().map_or(1, char::len_utf8)
            };
        }
        out
    }

    proptest! {
        /// The memo of each infix group's next match changes no result.
        #[test]
        fn memoized_infixes_match_the_plain_loop(
            s in "[a-zA-Z0-9.,:;!?/()\\[\\]'\"&%$+*=<>^~_#@|-]{0,40}|([A-Za-z]{1,4}[-/.,:'][A-Za-z0-9]{1,4}){1,8}"
        ) {
            let t = Tokenizer::english();
            let mut got = Vec::new();
            t.find_infixes(&s, |a, b| got.push((a, b)));
            prop_assert_eq!(got, infixes_unmemoized(t, &s));
        }
    }

    proptest! {
        /// The fast path (one token for ASCII-letter or ASCII-digit chunks)
        /// agrees with the full affix/infix/URL rules.
        #[test]
        fn letters_and_digits_are_one_token(s in "[a-zA-Z]{1,14}|[0-9]{1,14}") {
            prop_assert_eq!(slow(&s), vec![s.len() as u32]);
        }
    }

    #[test]
    fn affixes() {
        let t = Tokenizer::english();
        assert_eq!(t.find_prefix("(hello"), 1);
        assert_eq!(t.find_prefix("+5"), 0);
        assert_eq!(t.find_prefix("+a"), 1);
        assert_eq!(t.find_suffix("5km"), 2);
        assert_eq!(t.find_suffix("hello..."), 3);
        assert!(t.is_url("https://example.com/x"));
        assert!(!t.is_url("10.0.0.1"));
        let long = format!("https://example.com/{}", "a".repeat(MAX_URL_BYTES));
        assert!(!t.is_url(&long), "over the URL length cap");
        assert_eq!(slow("well-known"), vec![4, 1, 5]);
    }
}
