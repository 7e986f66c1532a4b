//! Words of a sentence, with byte spans, for the pattern matchers of events
//! and agreements. ASCII-lowercasing keeps byte offsets, so every word slices
//! both the text and its lowercase copy.

use dyad_model::ByteSpan;

/// One word or punctuation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    pub span: ByteSpan,
    /// The lowercase form, without a possessive "'s".
    pub lower: &'a str,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Ends with a possessive "'s" / "’s" (not part of `lower`).
    pub poss: bool,
    /// A single punctuation character.
    pub punct: bool,
    /// [`word_key`] of `lower`: lexicon lookups hash with it.
    pub key: u16,
    /// May start a date expression: capitalized, a number, or four letters
    /// or more starting like a weekday, "today", "week" (see `when`).
    pub may_date: bool,
}

pub(crate) use crate::lexicon::word_key;
use crate::lexicon::{self, Class, ClassSet};

/// Whether a word may start a date expression (the test `when::dates`
/// starts with): capitalized, starting with a digit, or of four letters or
/// more starting with m, t, w, f, s or y (weekdays, "today", "yesterday",
/// "week").
#[inline]
fn may_date(lower: &[u8], cap: bool) -> bool {
    let first = lower.first().copied().unwrap_or(b' ');
    cap || first.is_ascii_digit()
        || (lower.len() >= 4 && matches!(first, b'm' | b't' | b'w' | b'f' | b's' | b'y'))
}

impl Word<'_> {
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }
    pub fn is_any(&self, ws: &[&str]) -> bool {
        ws.contains(&self.lower)
    }
    /// Whether the word is in a class of `data/lexicon.txt`.
    #[inline]
    pub fn is_a(&self, class: Class) -> bool {
        self.classes().contains(class)
    }
    /// Whether the word is in any of the classes.
    #[inline]
    pub fn in_any(&self, set: ClassSet) -> bool {
        self.classes().intersects(set)
    }
    /// The word's classes in `data/lexicon.txt`.
    #[inline]
    pub fn classes(&self) -> ClassSet {
        lexicon::classes_keyed(self.lower, self.key)
    }
}

fn is_word_char(c: char) -> bool {
    // The General Punctuation block (dashes, curly quotes, spaces) holds no
    // letter or digit: skip the Unicode tables for its common characters.
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

#[cfg(test)]
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '&')
}

/// The character starting at byte `i` of `s` (a char boundary) and its
/// length; ASCII without decoding.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => (char::from(b), 1),
        _ => s
            .get(i..)
            .and_then(|r| r.chars().next())
            .map_or((' ', 1), |c| (c, c.len_utf8())),
    }
}

/// Whether the character at byte `i` of `s` is a word character.
#[inline]
fn word_char_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => is_word_char(char_at(s, i).0),
        None => false,
    }
}

/// Byte classes for the ASCII fast path of [`words`].
const SPACE: u8 = 0;
const ALNUM: u8 = 1;
const PUNCT: u8 = 2;
const JOINER: u8 = 3;
/// A byte of a multi-byte character: decode it.
const HIGH: u8 = 4;

static CLASS: [u8; 256] = {
    let mut t = [HIGH; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            SPACE
        } else if matches!(c, b'-' | b'\'' | b'.' | b'&') {
            JOINER
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

/// The number of leading ASCII letters and digits among the eight bytes of
/// `x` (in memory order). Exact per byte: the arithmetic runs on the low
/// seven bits, so no carry crosses bytes, and bytes with the high bit set
/// count as neither.
#[inline]
fn alnum_run(x: u64) -> usize {
    const L: u64 = 0x0101_0101_0101_0101;
    const H: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `v` whose value v satisfies m < v < n.
    let between = |v: u64, m: u64, n: u64| {
        (L * (127 + n)).wrapping_sub(v & (L * 127)) & !v & ((v & (L * 127)) + L * (127 - m)) & H
    };
    let digits = between(x, 0x2F, 0x3A);
    let letters = between(x | (L * 0x20), 0x60, 0x7B);
    let other = !(digits | letters) & H;
    if other == 0 {
        8
    } else {
        other.trailing_zeros() as usize / 8
    }
}

/// A punctuation mark at byte `at`.
#[inline]
fn punct(at: usize, lower: &str) -> Word<'_> {
    Word {
        span: ByteSpan::new(at, at + lower.len()),
        lower,
        cap: false,
        poss: false,
        punct: true,
        key: word_key(lower.as_bytes()),
        may_date: false,
    }
}

/// Splits `span` of `text` into words and punctuation. `lower` is
/// `text.to_ascii_lowercase()`.
pub(crate) fn words<'a>(text: &'a str, lower: &'a str, span: ByteSpan) -> Vec<Word<'a>> {
    let mut out = Vec::with_capacity(span.len() / 4 + 4);
    words_into(text, lower, span, &mut out);
    out
}

/// [`words`], appended to `out`.
pub(crate) fn words_into<'a>(
    text: &'a str,
    lower: &'a str,
    span: ByteSpan,
    out: &mut Vec<Word<'a>>,
) {
    let s = &text[span.start..span.end];
    let low = &lower[span.start..span.end];
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (cap, n) = match CLASS[usize::from(b)] {
            SPACE => {
                i += 1;
                continue;
            }
            ALNUM => (b.is_ascii_uppercase(), 1),
            HIGH => {
                let (c, n) = char_at(s, i);
                if c.is_whitespace() {
                    i += n;
                    continue;
                }
                if is_word_char(c) {
                    (c.is_uppercase(), n)
                } else {
                    out.push(punct(span.start + i, &low[i..i + n]));
                    i += n;
                    continue;
                }
            }
            _ => {
                out.push(punct(span.start + i, &low[i..i + 1]));
                i += 1;
                continue;
            }
        };
        let mut end = i + n;
        loop {
            // The common case first: ASCII letters and digits, eight bytes
            // at a time, then one by one near the end.
            while let Some(chunk) = bytes
                .get(end..end + 8)
                .and_then(|c| <[u8; 8]>::try_from(c).ok())
            {
                let n = alnum_run(u64::from_le_bytes(chunk));
                end += n;
                if n < 8 {
                    break;
                }
            }
            end += bytes[end..]
                .iter()
                .position(|&c| CLASS[usize::from(c)] != ALNUM)
                .unwrap_or(bytes.len() - end);
            let Some(&d) = bytes.get(end) else { break };
            match CLASS[usize::from(d)] {
                // A joiner stays inside the word only before another word char.
                JOINER if word_char_at(s, end + 1) => end += 1,
                HIGH => {
                    let (d, m) = char_at(s, end);
                    if is_word_char(d) || (d == '’' && word_char_at(s, end + m)) {
                        end += m;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        let w = &bytes[i..end];
        let core_end = if w.len() > 2 && w.ends_with(b"'s") {
            end - 2
        } else if w.len() > 4 && w.ends_with("’s".as_bytes()) {
            end - 4
        } else {
            end
        };
        let lower = &low[i..core_end];
        out.push(Word {
            span: ByteSpan::new(span.start + i, span.start + end),
            lower,
            cap,
            poss: core_end < end,
            punct: false,
            key: word_key(lower.as_bytes()),
            may_date: may_date(lower.as_bytes(), cap),
        });
        i = end;
    }
}

/// The index of the first word whose span starts at or after `at`.
pub(crate) fn word_at(words: &[Word], at: usize) -> usize {
    words.partition_point(|w| w.span.start < at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The straightforward char-by-char splitter `words` must agree with.
    fn reference<'a>(text: &'a str, lower: &'a str, span: ByteSpan) -> Vec<Word<'a>> {
        let mut out = Vec::new();
        let s = &text[span.start..span.end];
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_whitespace() {
                continue;
            }
            let mut end = i + c.len_utf8();
            if !is_word_char(c) {
                let l = &lower[span.start + i..span.start + end];
                out.push(Word {
                    span: ByteSpan::new(span.start + i, span.start + end),
                    lower: l,
                    cap: false,
                    poss: false,
                    punct: true,
                    key: word_key(l.as_bytes()),
                    may_date: false,
                });
                continue;
            }
            while let Some(&(j, d)) = it.peek() {
                let after = s[j + d.len_utf8()..].chars().next();
                if is_word_char(d) || (is_joiner(d) && after.is_some_and(is_word_char)) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let word = &s[i..end];
            let stem = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .filter(|w| !w.is_empty());
            let l = &lower[span.start + i..span.start + stem.map_or(end, |w| i + w.len())];
            out.push(Word {
                span: ByteSpan::new(span.start + i, span.start + end),
                lower: l,
                cap: c.is_uppercase(),
                poss: stem.is_some(),
                punct: false,
                key: word_key(l.as_bytes()),
                may_date: c.is_uppercase()
                    || l.as_bytes()[0].is_ascii_digit()
                    || (l.len() >= 4 && b"mtwfsy".contains(&l.as_bytes()[0])),
            });
        }
        out
    }

    #[test]
    fn alnum_runs() {
        for b in 0..=255u8 {
            let x = u64::from_le_bytes([b, b'a', b'Z', b'0', b'9', b'z', b'A', b' ']);
            let want = if b.is_ascii_alphanumeric() { 7 } else { 0 };
            assert_eq!(alnum_run(x), want, "{b}");
            let x = u64::from_le_bytes([b'q'; 8]) & !(0xFF << 40) | (u64::from(b) << 40);
            let want = if b.is_ascii_alphanumeric() { 8 } else { 5 };
            assert_eq!(alnum_run(x), want, "{b}");
        }
    }

    #[test]
    fn general_punctuation_has_no_word_chars() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_reference(text in "[A-Za-z0-9 ,.'’&\\-–—“”«»\u{a0}\u{2009}ÉéçŞşİıÖ\n\t]{0,60}") {
            let lower = text.to_ascii_lowercase();
            let span = ByteSpan::new(0, text.len());
            prop_assert_eq!(words(&text, &lower, span), reference(&text, &lower, span));
        }
    }

    #[test]
    fn splits_words_and_possessives() {
        let text = "Bulgaria’s role, Radev's visit (UN-led) didn't.";
        let lower = text.to_ascii_lowercase();
        let w = words(text, &lower, ByteSpan::new(0, text.len()));
        let l: Vec<&str> = w.iter().map(|w| w.lower).collect();
        assert_eq!(
            l,
            ["bulgaria", "role", ",", "radev", "visit", "(", "un-led", ")", "didn't", "."]
        );
        assert!(w[0].poss && w[0].cap && !w[1].poss);
        assert_eq!(w[0].span.slice(text), "Bulgaria’s");
    }
}
