//! Bounds on the work one document costs.
//!
//! Every stage reads one sentence at a time, and some rules look from a
//! word to the end of its clause or sentence, so a "sentence" of 100,000
//! words (a text without punctuation) would cost time quadratic in its
//! length. Two caps keep the work per document linear and bounded:
//!
//! - [`MAX_SENTENCE_TOKENS`]: a longer sentence is read as consecutive
//!   pieces of at most that many tokens, cut after a comma, semicolon or
//!   line break where one is near, and never inside an entity mention;
//! - [`MAX_DOCUMENT_BYTES`]: a longer text is read up to that size only,
//!   cut at a paragraph or sentence break where one is near;
//! - [`MAX_DOCUMENT_TOKENS`]: the same for a text with more tokens than that
//!   (as [`estimated_tokens`] counts them): about 1.4 MiB of news (217,000
//!   per MiB on the news corpus), or 300 KB of a run of punctuation (one
//!   token per byte). The parse's work grows with tokens, not bytes, so
//!   this bounds it (about 4 s and 250 MB on one core) however the bytes
//!   are spent.
//!
//! Either cut yields a [`Diagnostic`]; the facts found carry spans into the
//! untouched `Document::text` as always. Real news sentences stay below
//! the sentence cap: of the 3,197 articles of the news corpus one (a list
//! without full stops) has sentences over it, and its facts are the same
//! with and without the cap.

use std::fmt;

use dyad_model::{Analysis, ByteSpan};

/// The most tokens of one sentence that extraction reads as one sentence.
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// The most bytes of one document's text that are analyzed and extracted
/// (2 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 2 * 1024 * 1024;

/// The most tokens of one document's text (as [`estimated_tokens`] counts
/// them) that are analyzed and extracted.
pub const MAX_DOCUMENT_TOKENS: usize = 300_000;

/// Something the pipeline did to bound its work on one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Diagnostic {
    /// The text was longer than [`MAX_DOCUMENT_BYTES`]; only its first
    /// `kept` bytes were read.
    DocumentCut { len: usize, kept: usize },
    /// The text had more than [`MAX_DOCUMENT_TOKENS`] tokens; only its
    /// first `kept` bytes were read.
    DocumentCutTokens { len: usize, kept: usize },
    /// `count` sentences were longer than [`MAX_SENTENCE_TOKENS`] and were
    /// read in pieces.
    SentencesSplit { count: usize },
    /// The text is in another language than English (ISO 639-1 code):
    /// only entities were extracted.
    NotEnglish { language: String },
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Diagnostic::DocumentCut { len, kept } => write!(
                f,
                "text of {len} bytes is over the extraction limit of {MAX_DOCUMENT_BYTES} bytes; \
                 facts were extracted from its first {kept} bytes only"
            ),
            Diagnostic::DocumentCutTokens { len, kept } => write!(
                f,
                "text of {len} bytes has over {MAX_DOCUMENT_TOKENS} tokens, the extraction limit; \
                 facts were extracted from its first {kept} bytes only"
            ),
            Diagnostic::SentencesSplit { count } => write!(
                f,
                "{count} sentence(s) longer than {MAX_SENTENCE_TOKENS} tokens were read in pieces"
            ),
            Diagnostic::NotEnglish { language } => {
                write!(f, "language {language}: not supported, entities only")
            }
        }
    }
}

/// Where to cut `text` so that at most `max` bytes are kept: the last
/// paragraph break in the second half of the allowance, else the last
/// sentence end, else the last space, else the last char boundary.
pub(crate) fn document_cut(text: &str, max: usize) -> usize {
    if text.len() <= max {
        return text.len();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text.as_bytes()[..end];
    let floor = end / 2;
    let after = |p: Option<usize>, len: usize| p.map(|p| p + len).filter(|&p| p > floor);
    let para = after(find_last(head, b"\n\n"), 2);
    let sentence = after(find_last(head, b". "), 2);
    let space = after(head.iter().rposition(|&b| b == b' ' || b == b'\n'), 1);
    para.or(sentence).or(space).unwrap_or(end)
}

/// Tokens as the budget counts them: each maximal run of letters and
/// digits is one, every other character that is not white space is one,
/// and so is each run of white space other than a single plain space.
/// An upper bound of the tokenizer's count on most text ("U.S." counts 4).
pub fn estimated_tokens(text: &str) -> usize {
    token_budget_end(text, usize::MAX).1
}

/// The byte offset where the estimated token count of `text` first exceeds
/// `max` (`text.len()` if it never does), and the count up to there.
fn token_budget_end(text: &str, max: usize) -> (usize, usize) {
    let mut count = 0usize;
    let mut in_word = false;
    // In a run of white space: 0 no, 1 one plain space so far (a separator,
    // no token), 2 a run already counted (the tokenizer keeps any other run
    // of white space as a token of its own).
    let mut space = 0u8;
    for (i, c) in text.char_indices() {
        let starts = if c.is_alphanumeric() {
            space = 0;
            !std::mem::replace(&mut in_word, true)
        } else if c.is_whitespace() {
            in_word = false;
            let starts = space == 1 || (space == 0 && c != ' ');
            space = if space == 0 && c == ' ' { 1 } else { 2 };
            starts
        } else {
            space = 0;
            in_word = false;
            true
        };
        if starts {
            if count == max {
                return (i, count);
            }
            count += 1;
        }
    }
    (text.len(), count)
}

/// Where to cut `text` so that at most `max_bytes` bytes and at most
/// `max_tokens` estimated tokens are kept, at a break as [`document_cut`]
/// finds one, and whether the token budget was the tighter.
pub(crate) fn budget_cut(text: &str, max_bytes: usize, max_tokens: usize) -> (usize, bool) {
    let by_bytes = document_cut(text, max_bytes);
    let (end, _) = token_budget_end(&text[..by_bytes], max_tokens);
    if end < by_bytes {
        (document_cut(text, end), true)
    } else {
        (by_bytes, false)
    }
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Splits every sentence of `analysis` longer than `max` tokens into
/// pieces of at most `max` tokens (renumbering the tokens' sentences) and
/// returns how many sentences were split. Linear in the number of tokens
/// and mentions.
pub(crate) fn split_long_sentences(analysis: &mut Analysis, text: &str, max: usize) -> usize {
    let max = max.max(2);
    let tokens = &analysis.tokens;
    // Quick exit: no sentence has more than `max` tokens.
    let mut run = 0usize;
    let mut long = false;
    for (k, t) in tokens.iter().enumerate() {
        run = if k > 0 && tokens[k - 1].sentence == t.sentence {
            run + 1
        } else {
            1
        };
        if run > max {
            long = true;
            break;
        }
    }
    if !long {
        return 0;
    }
    // Mention ends by start, for "is a cut at byte b inside a mention":
    // mentions are in text order, nested or disjoint, so the furthest end
    // reached by a mention starting before b tells.
    let mentions = &analysis.mentions;
    let mut reach: Vec<usize> = Vec::with_capacity(mentions.len());
    let mut far = 0;
    for m in mentions {
        far = far.max(m.span.end);
        reach.push(far);
    }
    let inside_mention = |b: usize| {
        let i = mentions.partition_point(|m| m.span.start < b);
        i > 0 && reach[i - 1] > b
    };
    let mut sentences: Vec<ByteSpan> = Vec::with_capacity(analysis.sentences.len() + 8);
    let mut new_index: Vec<u32> = vec![0; tokens.len()];
    let mut split = 0;
    let mut k = 0;
    for (si, span) in analysis.sentences.iter().enumerate() {
        // The tokens of sentence `si`: tokens[from..to] (tokens are in text
        // order, so by sentence).
        while k < tokens.len() && (tokens[k].sentence as usize) < si {
            new_index[k] = sentences.len().saturating_sub(1) as u32;
            k += 1;
        }
        let from = k;
        while k < tokens.len() && tokens[k].sentence as usize == si {
            k += 1;
        }
        let to = k;
        if to - from <= max {
            for n in &mut new_index[from..to] {
                *n = sentences.len() as u32;
            }
            sentences.push(*span);
            continue;
        }
        split += 1;
        let mut start = span.start;
        let mut a = from;
        while a < to {
            let mut b = if to - a <= max {
                to
            } else {
                cut_point(text, tokens, a, a + max, &inside_mention)
            };
            if b <= a {
                b = (a + max).min(to);
            }
            let end = if b == to {
                span.end
            } else {
                tokens[b].span.start
            };
            for n in &mut new_index[a..b] {
                *n = sentences.len() as u32;
            }
            sentences.push(ByteSpan::new(start, end.max(start)));
            start = end.max(start);
            a = b;
        }
    }
    // Tokens outside every sentence keep an index past the end, as before.
    for (t, n) in analysis.tokens.iter_mut().zip(new_index) {
        if (t.sentence as usize) < analysis.sentences.len() {
            t.sentence = n;
        } else {
            t.sentence = sentences.len() as u32;
        }
    }
    analysis.sentences = sentences;
    split
}

/// The token to start the next piece at, in `(a, limit]`: after the last
/// comma, semicolon or line break in the second half of the piece, else at
/// `limit`; moved back out of any mention.
fn cut_point(
    text: &str,
    tokens: &[dyad_model::Token],
    a: usize,
    limit: usize,
    inside_mention: &dyn Fn(usize) -> bool,
) -> usize {
    let half = a + (limit - a) / 2;
    let breaks = |b: usize| {
        let prev = tokens[b - 1];
        let p = prev.span.slice(text);
        p == "," || p == ";" || text[prev.span.end..tokens[b].span.start].contains('\n')
    };
    let mut b = (half + 1..=limit)
        .rev()
        .find(|&b| breaks(b) && !inside_mention(tokens[b].span.start))
        .unwrap_or(limit);
    while b > a + 1 && inside_mention(tokens[b].span.start) {
        b -= 1;
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_word_runs_and_other_marks() {
        assert_eq!(
            estimated_tokens("Kazakhstan exported $5 million to Bulgaria."),
            8
        );
        assert_eq!(estimated_tokens(",,, ,"), 4);
        assert_eq!(estimated_tokens("a b"), 2);
        assert_eq!(estimated_tokens("a  b\n\nc"), 5);
        assert_eq!(estimated_tokens("a\u{a0}b"), 3);
        assert_eq!(estimated_tokens("Алматы и Софія"), 3);
    }

    #[test]
    fn the_token_budget_cuts_dense_text_at_a_break() {
        let text = "a, b, c.\n\n".repeat(100); // 7 tokens per paragraph
        let (cut, by_tokens) = budget_cut(&text, usize::MAX, 70);
        assert!(by_tokens);
        assert_eq!(estimated_tokens(&text[..cut]), 70);
        assert!(text[..cut].ends_with("\n\n"), "cut at a paragraph break");
        // The byte cap is the tighter one.
        let (cut, by_tokens) = budget_cut(&text, 50, 70);
        assert!(!by_tokens && cut <= 50);
        // Neither applies.
        assert_eq!(
            budget_cut(&text, usize::MAX, usize::MAX),
            (text.len(), false)
        );
    }

    #[test]
    fn a_run_of_commas_is_cut_by_tokens() {
        let text = ",".repeat(1_000);
        let (cut, by_tokens) = budget_cut(&text, usize::MAX, 300);
        assert!(by_tokens);
        assert_eq!(cut, 300, "no break to find: cut at the budget itself");
    }

    #[test]
    fn document_cut_prefers_a_paragraph_break() {
        let text = "One two three.\n\nFour five six. Seven eight nine";
        assert_eq!(document_cut(text, 100), text.len());
        let cut = document_cut(text, 30);
        assert_eq!(&text[..cut], "One two three.\n\n");
        let cut = document_cut(text, 44);
        assert_eq!(&text[..cut], "One two three.\n\nFour five six. ");
    }

    #[test]
    fn document_cut_stays_on_a_char_boundary() {
        let text = "ééééééééééé";
        let cut = document_cut(text, 5);
        assert!(text.is_char_boundary(cut) && cut <= 5 && cut > 0);
    }
}
