//! Sentences and tokens.
//!
//! Sentences end at `.`, `!`, `?` or `…` (with any closing quotes or brackets
//! after them) when the next word starts a new sentence, at every paragraph
//! break (a blank line), and after a short line without final punctuation
//! (a heading). Abbreviations ("Mr.", "Jan.", "U.S.", initials) and decimals
//! do not end sentences.
//!
//! Tokens are words (letters and digits, with inner hyphens, apostrophes and
//! the dots of abbreviations), numbers ("1.5", "1,000") and single
//! punctuation characters. A token never crosses a sentence boundary.

use dyad_model::{ByteSpan, Token};

/// Abbreviations that never end a sentence (compared without the dot,
/// lowercased).
const TITLE_ABBREVS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "st",
    "sen", "rep", "gov", "rev", "hon", "amb", "pres", "messrs", "mme", "mlle", "sr", "jr", "fr",
    "brig", "cpl", "pvt", "supt", "insp", "no", "nos", "vs", "v", "cf", "approx", "art", "sec",
    "vol", "pp", "p", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "mt",
    "ft", "e.g", "i.e", "etc", "al", "ca", "dept", "est", "govt", "intl",
];

/// Abbreviations that end a sentence only before a typical sentence opener.
const WEAK_ABBREVS: &[&str] = &["inc", "corp", "ltd", "co", "plc", "bros", "llc", "etc"];

/// Words that usually open a sentence: after "U.S." or "Inc." they mark a
/// sentence end.
const OPENERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "In",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "Its",
    "His",
    "Her",
    "Their",
    "There",
    "On",
    "At",
    "As",
    "And",
    "Also",
    "However",
    "Meanwhile",
    "After",
    "Before",
    "For",
    "If",
    "When",
    "While",
    "Officials",
];

/// Splits `text` into sentences (trimmed, non-empty, in order).
pub fn sentences(text: &str) -> Vec<ByteSpan> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        split_paragraph(text, para, &mut out);
    }
    out
}

/// Paragraphs: maximal runs of lines separated by blank lines, trimmed.
fn paragraphs(text: &str) -> Vec<ByteSpan> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_nonblank_end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(ByteSpan::new(s, last_nonblank_end));
            }
            continue;
        }
        if start.is_none() {
            start = Some(line_start);
        }
        last_nonblank_end = line_start + line.trim_end().len();
    }
    if let Some(s) = start {
        out.push(ByteSpan::new(s, last_nonblank_end));
    }
    out
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«')
}

/// Splits one paragraph span into sentences, pushing them onto `out`.
fn split_paragraph(text: &str, para: ByteSpan, out: &mut Vec<ByteSpan>) {
    let p = &text[para.start..para.end];
    let mut sent_start = 0usize; // relative to p
    let mut cuts: Vec<usize> = Vec::new(); // relative ends of sentences
                                           // Hard-wrapped text (wire copy: most lines 50+ characters) has no
                                           // headings inside a paragraph: its line breaks are not sentence ends.
    let (mut lines, mut long) = (0usize, 0usize);
    for l in p.lines() {
        lines += 1;
        if l.trim().chars().nth(49).is_some() {
            long += 1;
        }
    }
    let wrapped = lines >= 3 && long * 2 >= lines;
    let mut pos = 0;
    while let Some(at) = next_stop(p, pos) {
        let c = p[at..].chars().next().unwrap_or(' ');
        if c == '\n' && wrapped {
            pos = at + 1;
            continue;
        }
        if c == '\n' {
            // A line break ends a sentence after a heading-like line.
            let line_start = p[..at].rfind('\n').map_or(0, |x| x + 1);
            let line = p[line_start..at].trim();
            let next = p[at + 1..].trim_start();
            if is_heading(line, next) {
                cuts.push(at);
            }
            pos = at + 1;
            continue;
        }
        // Take the whole run of terminal punctuation and closers.
        let mut end = at + c.len_utf8();
        for ch in p[end..].chars() {
            if matches!(ch, '.' | '!' | '?' | '…') || is_closer(ch) {
                end += ch.len_utf8();
            } else {
                break;
            }
        }
        pos = end;
        match p[end..].chars().next() {
            Some(ch) if ch.is_whitespace() => {}
            _ => continue,
        }
        let rest = p[end..].trim_start();
        let starts_new = match rest.chars().next() {
            Some(ch) => ch.is_uppercase() || is_opener(ch) || ch.is_ascii_digit() && c != '.',
            None => false,
        };
        if starts_new && (c != '.' || period_ends(p, at, rest)) {
            cuts.push(end);
        }
    }
    for cut in cuts {
        push_trimmed(text, para.start + sent_start, para.start + cut, out);
        sent_start = cut;
    }
    push_trimmed(text, para.start + sent_start, para.end, out);
}

/// The byte offset of the next line break or terminal punctuation ('.',
/// '!', '?', '…') at or after `from` (a byte scan: faster than a multi-char
/// pattern search).
fn next_stop(p: &str, from: usize) -> Option<usize> {
    // Bytes that may stop the scan: the four ASCII stops and the lead
    // byte of '…'.
    const STOP: [bool; 256] = {
        let mut t = [false; 256];
        t[b'\n' as usize] = true;
        t[b'.' as usize] = true;
        t[b'!' as usize] = true;
        t[b'?' as usize] = true;
        t[0xE2] = true;
        t
    };
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Nonzero when some byte of `x` may be `c` (never zero when one is).
    let may_hold = |x: u64, c: u8| {
        let y = x ^ (LO * u64::from(c));
        y.wrapping_sub(LO) & !y & HI
    };
    let b = p.as_bytes();
    let mut k = from;
    loop {
        // Eight bytes at a time past those that hold no stop byte.
        while let Some(chunk) = b.get(k..k + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let x = u64::from_le_bytes(w);
            if may_hold(x, b'\n')
                | may_hold(x, b'.')
                | may_hold(x, b'!')
                | may_hold(x, b'?')
                | may_hold(x, 0xE2)
                != 0
            {
                break;
            }
            k += 8;
        }
        // Then byte by byte through that chunk.
        let end = (k + 8).min(b.len());
        while k < end {
            if STOP[usize::from(b[k])] && (b[k] != 0xE2 || b[k..].starts_with("…".as_bytes())) {
                return Some(k);
            }
            k += 1;
        }
        if k >= b.len() {
            return None;
        }
    }
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<ByteSpan>) {
    if start >= end {
        return;
    }
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let (a, b) = (start + lead, end - trail);
    if a < b {
        out.push(ByteSpan::new(a, b));
    }
}

/// Whether a line (inside a paragraph) is a heading: short, without final
/// punctuation, followed by a line that starts with a capital.
fn is_heading(line: &str, next: &str) -> bool {
    if line.is_empty() || line.chars().count() > 60 {
        return false;
    }
    let last = line.chars().last().unwrap_or(' ');
    if matches!(last, ',' | ';' | ':' | '-' | '–' | '—' | '(' | '/' | '&')
        || matches!(last, '.' | '!' | '?' | '…')
        || last.is_lowercase() && line.split_whitespace().count() > 8
    {
        return false;
    }
    let last_word = line.rsplit(' ').next().unwrap_or("");
    if matches!(
        last_word,
        "the" | "a" | "an" | "of" | "and" | "or" | "to" | "in" | "on" | "for" | "with" | "by"
    ) {
        return false;
    }
    next.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || is_opener(c) || c.is_ascii_digit())
}

/// Whether the period at `at` (relative to `p`) ends a sentence, given the
/// text `rest` after it (starting with an uppercase letter or opener).
fn period_ends(p: &str, at: usize, rest: &str) -> bool {
    // The word before the period, including inner dots ("U.S").
    let before = &p[..at];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '-' || c == '\''))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    let next_len = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(rest.len(), |(i, _)| i);
    let opener = OPENERS.contains(&&rest[..next_len]);
    if is_title_abbrev(word) {
        return false;
    }
    if is_weak_abbrev(word) {
        return opener;
    }
    // Initials and dotted acronyms: "J.", "U.S", "U.N".
    let mut letters = word.chars().filter(|c| *c != '.');
    if let (Some(letter), None) = (letters.next(), letters.next()) {
        if letter.is_uppercase() {
            return false;
        }
    }
    if word.contains('.') && word.split('.').all(|w| w.chars().count() <= 2) {
        return opener;
    }
    true
}

/// The longest word of a list.
const fn max_len(list: &[&str]) -> usize {
    let mut m = 0;
    let mut i = 0;
    while i < list.len() {
        if list[i].len() > m {
            m = list[i].len();
        }
        i += 1;
    }
    m
}

/// Whether `word`, lowercased, is in `sorted` (lowercase ASCII words,
/// sorted, none longer than `MAX` bytes): without allocating for ASCII
/// words.
fn in_lowercase<const MAX: usize>(sorted: &[&str], word: &str) -> bool {
    if !word.is_ascii() {
        return sorted.contains(&word.to_lowercase().as_str());
    }
    if word.len() > MAX {
        return false;
    }
    let mut buf = [0u8; MAX];
    let low = &mut buf[..word.len()];
    low.copy_from_slice(word.as_bytes());
    low.make_ascii_lowercase();
    sorted.binary_search_by(|a| a.as_bytes().cmp(low)).is_ok()
}

/// Whether `word` is in [`TITLE_ABBREVS`], ignoring case.
fn is_title_abbrev(word: &str) -> bool {
    static SORTED: std::sync::OnceLock<Vec<&str>> = std::sync::OnceLock::new();
    let sorted = SORTED.get_or_init(|| sorted(TITLE_ABBREVS));
    in_lowercase::<{ max_len(TITLE_ABBREVS) }>(sorted, word)
}

/// Whether `word` is in [`WEAK_ABBREVS`], ignoring case.
fn is_weak_abbrev(word: &str) -> bool {
    static SORTED: std::sync::OnceLock<Vec<&str>> = std::sync::OnceLock::new();
    let sorted = SORTED.get_or_init(|| sorted(WEAK_ABBREVS));
    in_lowercase::<{ max_len(WEAK_ABBREVS) }>(sorted, word)
}

fn sorted(list: &[&'static str]) -> Vec<&'static str> {
    let mut v = list.to_vec();
    v.sort_unstable();
    v
}

/// The character at byte `k` of `t` (a character boundary), if any; ASCII
/// without decoding.
#[inline]
fn char_at(t: &str, k: usize) -> Option<char> {
    let &b = t.as_bytes().get(k)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        t.get(k..)?.chars().next()
    }
}

/// Tokenizes every sentence; tokens carry their sentence index.
pub fn tokens(text: &str, sentences: &[ByteSpan]) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    for (si, s) in sentences.iter().enumerate() {
        let si = u32::try_from(si).unwrap_or(u32::MAX);
        tokenize_into(text, *s, si, &mut out);
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// ASCII letters and digits, by byte.
const ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The longest dotted acronym ("U.S.A") read as one word: 16 letters.
const MAX_ACRONYM_BYTES: usize = 32;

/// Tokenizes the span `s` of `text`.
fn tokenize_into(text: &str, s: ByteSpan, sentence: u32, out: &mut Vec<Token>) {
    let t = &text[s.start..s.end];
    // The byte position of the next character to read (skipping a word or
    // a possessive moves it past the token).
    let tb = t.as_bytes();
    let mut pos = 0usize;
    while let Some(&b) = tb.get(pos) {
        let i = pos;
        let c = if b.is_ascii() {
            // ASCII whitespace (as `char::is_whitespace`): skipped.
            if matches!(b, b' ' | b'\t'..=b'\r') {
                pos += 1;
                continue;
            }
            char::from(b)
        } else {
            let Some(c) = char_at(t, pos) else { break };
            if c.is_whitespace() {
                pos += c.len_utf8();
                continue;
            }
            c
        };
        pos += c.len_utf8();
        if !is_word_char(c) {
            let mut end = i + c.len_utf8();
            // The possessive "'s" is one token.
            if matches!(c, '\'' | '’') && t.as_bytes().get(end) == Some(&b's') {
                let after = char_at(t, end + 1);
                if after.is_none_or(|c| !is_word_char(c)) {
                    end += 1;
                    pos = pos.max(end);
                }
            }
            out.push(Token {
                span: ByteSpan::new(s.start + i, s.start + end),
                sentence,
            });
            continue;
        }
        // A word: letters/digits, joined by one inner joiner when a word
        // character follows it.
        let mut end = i + c.len_utf8();
        let mut prev = c;
        loop {
            // Fast path: a run of ASCII letters and digits.
            let run_start = end;
            while end < tb.len() && ASCII_ALNUM[usize::from(tb[end])] {
                end += 1;
            }
            if end > run_start {
                prev = char::from(tb[end - 1]);
            }
            let Some(n1) = char_at(t, end) else { break };
            if is_word_char(n1) {
                end += n1.len_utf8();
                prev = n1;
                continue;
            }
            // Only these characters may join or follow a word specially.
            if !matches!(n1, '-' | '\'' | '’' | '.' | ',') {
                break;
            }
            let rest = &t[end..];
            let n2 = char_at(t, end + n1.len_utf8());
            let joins = match n1 {
                '-' | '\'' | '’' => n2.is_some_and(is_word_char),
                '.' | ',' => {
                    prev.is_ascii_digit() && n2.is_some_and(|c| c.is_ascii_digit())
                        || n1 == '.'
                            && prev.is_alphabetic()
                            && n2.is_some_and(char::is_alphabetic)
                            && {
                                // Dotted acronym "U.S": single letters between dots.
                                // (Checked on short words only: the check
                                // reads the whole word, once per dot.)
                                let word = &t[i..end];
                                word.len() <= MAX_ACRONYM_BYTES
                                    && word.split('.').all(|w| w.chars().count() == 1)
                                    && rest[1..]
                                        .chars()
                                        .nth(1)
                                        .is_none_or(|c| !c.is_alphanumeric())
                            }
                }
                _ => false,
            };
            // A possessive "'s" is its own token.
            if matches!(n1, '\'' | '’') && n2 == Some('s') {
                let after = char_at(t, end + n1.len_utf8() + 1);
                if after.is_none_or(|c| !is_word_char(c)) {
                    break;
                }
            }
            if joins {
                end += n1.len_utf8();
                if let Some(c2) = n2 {
                    end += c2.len_utf8();
                    prev = c2;
                }
                continue;
            }
            // A final dot of a dotted acronym or an abbreviation ("U.S.", "Mr.").
            if n1 == '.' {
                let word = &t[i..end];
                if (word.contains('.') && word.split('.').all(|w| w.chars().count() == 1))
                    || is_title_abbrev(word)
                {
                    end += 1;
                }
            }
            break;
        }
        pos = pos.max(end);
        out.push(Token {
            span: ByteSpan::new(s.start + i, s.start + end),
            sentence,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|s| s.slice(text)).collect()
    }

    fn toks(text: &str) -> Vec<&str> {
        let s = sentences(text);
        tokens(text, &s)
            .into_iter()
            .map(|t| t.span.slice(text))
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            sents("Mr. Smith met Dr. Jones on Jan. 5 in the U.S. capital. They talked."),
            vec![
                "Mr. Smith met Dr. Jones on Jan. 5 in the U.S. capital.",
                "They talked."
            ]
        );
        assert_eq!(
            sents("Growth was 1.5 percent. J. R. Smith agreed."),
            vec!["Growth was 1.5 percent.", "J. R. Smith agreed."]
        );
        assert_eq!(
            sents("He flew to the U.S. The talks began."),
            vec!["He flew to the U.S.", "The talks began."]
        );
    }

    #[test]
    fn quotes_and_headings() {
        let t = "Talks resumed\n\n“We agree,” he said. “It is good.” She left.\nNew section\nThe end came.";
        assert_eq!(
            sents(t),
            vec![
                "Talks resumed",
                "“We agree,” he said.",
                "“It is good.”",
                "She left.",
                "New section",
                "The end came."
            ]
        );
    }

    #[test]
    fn wire_copy_lines_stay_together() {
        let t = "Belgian Foreign Trade Minister Herman\nDe Croo said he believed there would be a serious trade war with\nthe United States if the textile bill passed, and that the European\nCommunity would respond to it in kind with measures of its own.";
        assert_eq!(sents(t).len(), 1);
    }

    #[test]
    fn wrapped_lines_stay_together() {
        let t = "The minister said the talks on trade and investment would\ncontinue next week in the capital.";
        assert_eq!(sents(t).len(), 1);
    }

    #[test]
    fn stops_at_terminal_punctuation() {
        let t = "abcdefghij klmnopqrs. tuv\nwx! y? z… end – e\u{2014}x";
        let mut stops = Vec::new();
        let mut from = 0;
        while let Some(k) = next_stop(t, from) {
            stops.push(&t[k..k + t[k..].chars().next().map_or(1, char::len_utf8)]);
            from = k + 1;
        }
        assert_eq!(stops, vec![".", "\n", "!", "?", "…"]);
        assert_eq!(next_stop("no stop in this long line at all", 3), None);
        assert_eq!(next_stop("x.", 5), None);
    }

    #[test]
    fn abbreviations_ignore_case() {
        for w in ["mr", "Mr", "MR", "e.g", "Approx", "Sept", "messrs"] {
            assert!(is_title_abbrev(w), "{w}");
        }
        for w in ["", "m", "mister", "approxi", "Trade", "Mé"] {
            assert!(!is_title_abbrev(w), "{w}");
        }
        assert!(is_weak_abbrev("Corp") && is_weak_abbrev("LLC"));
        assert!(!is_weak_abbrev("corps"));
    }

    #[test]
    fn tokens_keep_words_whole() {
        assert_eq!(
            toks("Kazakhstan’s U.S. trade rose 1.5% to $1,000 (Kassym-Jomart)."),
            vec![
                "Kazakhstan",
                "’s",
                "U.S.",
                "trade",
                "rose",
                "1.5",
                "%",
                "to",
                "$",
                "1,000",
                "(",
                "Kassym-Jomart",
                ")",
                "."
            ]
        );
        assert_eq!(toks("Mr. Radev"), vec!["Mr.", "Radev"]);
    }
}
