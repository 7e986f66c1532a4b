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
}

impl Word<'_> {
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }
    pub fn is_any(&self, ws: &[&str]) -> bool {
        ws.contains(&self.lower)
    }
    pub fn is_in(&self, set: &WordSet) -> bool {
        set.contains(self.lower)
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

/// Splits `span` of `text` into words and punctuation. `lower` is
/// `text.to_ascii_lowercase()`.
pub(crate) fn words<'a>(text: &'a str, lower: &'a str, span: ByteSpan) -> Vec<Word<'a>> {
    let mut out = Vec::with_capacity(span.len() / 4 + 4);
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
                    out.push(Word {
                        span: ByteSpan::new(span.start + i, span.start + i + n),
                        lower: &low[i..i + n],
                        cap: false,
                        poss: false,
                        punct: true,
                    });
                    i += n;
                    continue;
                }
            }
            _ => {
                out.push(Word {
                    span: ByteSpan::new(span.start + i, span.start + i + 1),
                    lower: &low[i..i + 1],
                    cap: false,
                    poss: false,
                    punct: true,
                });
                i += 1;
                continue;
            }
        };
        let mut end = i + n;
        loop {
            // The common case first: ASCII letters and digits.
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
        out.push(Word {
            span: ByteSpan::new(span.start + i, span.start + end),
            lower: &low[i..core_end],
            cap,
            poss: core_end < end,
            punct: false,
        });
        i = end;
    }
    out
}

/// A set of words with a bit-set prefilter: a word of a sentence is
/// usually rejected with one load, without comparing strings.
#[derive(Debug)]
pub(crate) struct WordSet {
    bits: [u64; 64],
    words: &'static [&'static str],
}

impl WordSet {
    fn key(w: &str) -> Option<usize> {
        let b = w.as_bytes();
        let (first, last) = (*b.first()?, *b.last()?);
        let k = usize::from(first) ^ (usize::from(last) << 3) ^ (b.len() << 7);
        Some(k & 4095)
    }

    pub fn new(words: &'static [&'static str]) -> WordSet {
        let mut bits = [0u64; 64];
        for w in words {
            if let Some(k) = Self::key(w) {
                bits[k >> 6] |= 1 << (k & 63);
            }
        }
        WordSet { bits, words }
    }

    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        match Self::key(w) {
            Some(k) => self.bits[k >> 6] & (1 << (k & 63)) != 0 && self.words.contains(&w),
            None => self.words.contains(&w),
        }
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
                out.push(Word {
                    span: ByteSpan::new(span.start + i, span.start + end),
                    lower: &lower[span.start + i..span.start + end],
                    cap: false,
                    poss: false,
                    punct: true,
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
            out.push(Word {
                span: ByteSpan::new(span.start + i, span.start + end),
                lower: &lower[span.start + i..span.start + stem.map_or(end, |w| i + w.len())],
                cap: c.is_uppercase(),
                poss: stem.is_some(),
                punct: false,
            });
        }
        out
    }

    #[test]
    fn general_punctuation_has_no_word_chars() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn word_sets() {
        static WS: &[&str] = &["said", "told", "", "a"];
        let set = WordSet::new(WS);
        for w in ["said", "told", "", "a"] {
            assert!(set.contains(w));
        }
        for w in ["says", "tol", "b", "saidx"] {
            assert!(!set.contains(w));
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
