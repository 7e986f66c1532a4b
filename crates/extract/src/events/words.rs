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
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '&')
}

/// Splits `span` of `text` into words and punctuation. `lower` is
/// `text.to_ascii_lowercase()`.
pub(crate) fn words<'a>(text: &'a str, lower: &'a str, span: ByteSpan) -> Vec<Word<'a>> {
    let mut out = Vec::new();
    let s = &text[span.start..span.end];
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            let end = i + c.len_utf8();
            out.push(Word {
                span: ByteSpan::new(span.start + i, span.start + end),
                lower: &lower[span.start + i..span.start + end],
                cap: false,
                poss: false,
                punct: true,
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            if is_word_char(d) {
                end = j + d.len_utf8();
                it.next();
            } else if is_joiner(d) {
                // A joiner stays inside the word only before another word char.
                let after = s[j + d.len_utf8()..].chars().next();
                if after.is_some_and(is_word_char) {
                    it.next();
                    end = j + d.len_utf8();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        let word = &s[i..end];
        let (core_end, poss) = if let Some(stem) = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .filter(|w| !w.is_empty())
        {
            (i + stem.len(), true)
        } else {
            (end, false)
        };
        out.push(Word {
            span: ByteSpan::new(span.start + i, span.start + end),
            lower: &lower[span.start + i..span.start + core_end],
            cap: c.is_uppercase(),
            poss,
            punct: false,
        });
    }
    out
}

/// The index of the first word whose span starts at or after `at`.
pub(crate) fn word_at(words: &[Word], at: usize) -> usize {
    words.partition_point(|w| w.span.start < at)
}

#[cfg(test)]
mod tests {
    use super::*;

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
