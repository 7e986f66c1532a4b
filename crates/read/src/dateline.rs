//! Datelines: the place (and often date and agency) that opens a news
//! story before a dash, as in `ASTANA —`, `Astana, June 9 (Kazinform) -`,
//! `WASHINGTON, Feb 26 -`, `LONDON (Reuters) -`, `MOSCOW, June 9. /TASS/.`.
//!
//! A dateline is only recognized when it looks like one: a short ALL-CAPS
//! place, or a Capitalized place with a date or an agency; an ordinary
//! first sentence with a dash in it is left alone.

use crate::date::month_number;

/// Agencies that appear in datelines without parentheses.
const AGENCIES: &[&str] = &[
    "reuter",
    "reuters",
    "ap",
    "afp",
    "upi",
    "xinhua",
    "tass",
    "ria",
    "interfax",
    "kazinform",
    "anadolu",
    "aa",
    "yonhap",
    "kyodo",
    "bta",
    "dpa",
    "efe",
    "ansa",
    "uza",
    "trend",
    "apa",
    "akipress",
    "kabar",
    "belta",
    "ukrinform",
    "irna",
    "wam",
    "spa",
    "qna",
    "kuna",
    "mena",
    "pti",
    "ani",
    "ians",
    "bernama",
    "antara",
    "pap",
    "ctk",
    "mti",
    "hina",
    "tanjug",
    "ats",
    "vna",
    "pna",
    "sana",
    "petra",
    "nna",
    "bss",
    "app",
    "kun.uz",
    "dunya",
    "khovar",
    "tdh",
    "azertac",
    "armenpress",
    "news.az",
    "report.az",
    "gazeta.uz",
    "dyad",
];

/// Words that open sentences, never datelines (checked for Capitalized
/// places without date or agency, and for ALL-CAPS labels).
const NOT_PLACES: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "president",
    "minister",
    "prime",
    "foreign",
    "mr",
    "mrs",
    "ms",
    "dr",
    "his",
    "her",
    "their",
    "our",
    "and",
    "but",
    "in",
    "on",
    "at",
    "for",
    "with",
    "after",
    "before",
    "during",
    "today",
    "yesterday",
    "update",
    "updated",
    "breaking",
    "exclusive",
    "analysis",
    "opinion",
    "editorial",
    "note",
    "photo",
    "video",
    "watch",
    "live",
    "read",
    "see",
    "also",
    "by",
];

/// Lowercase words allowed inside a place name.
const PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "la", "le", "les", "al", "el", "am",
    "an", "der", "den", "of", "upon", "sur", "en", "es", "y", "bin", "ibn",
];

/// A dateline found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// The place only: "ASTANA", "TRIESTE, Italy".
    pub place: String,
    /// Bytes of the line the dateline, its dash and the following spaces take.
    pub len: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sep {
    Dash,
    Hyphen,
    Colon,
    Slashes,
    /// "June 9." closing a dated dateline.
    Period,
    /// A line that is only a dateline ("Baku, June 9, AZERTAC").
    Line,
}

/// Finds a dateline at the start of `line`.
pub(crate) fn find(line: &str) -> Option<Dateline> {
    let (end, sep, after) = separator(line)?;
    // Without a date or agency, a dateline must be followed by a sentence,
    // not by lowercase words ("Kazakhstan — the largest economy ...").
    let lowercase_next = line[after..].trim_start().starts_with(char::is_lowercase);
    let prefix = &line[..end];
    let place = parse_prefix(prefix, sep, lowercase_next)?;
    let rest = &line[after..];
    let skipped = rest.len() - rest.trim_start().len();
    Some(Dateline {
        place,
        len: after + skipped,
    })
}

/// A line that is nothing but a dated or attributed dateline
/// ("Baku, June 9, AZERTAC"), as some agencies put above the first sentence.
pub(crate) fn whole_line(line: &str) -> Option<String> {
    let line = line.trim();
    if line.is_empty() || line.len() > 100 {
        return None;
    }
    parse_prefix(line, Sep::Line, false)
}

/// Parses a dateline as a corpus field gives it (`"WASHINGTON, Feb 26 -"`):
/// the place, and any article text that follows the dash in the field.
pub(crate) fn from_field(field: &str) -> Option<(String, &str)> {
    // Corpus fields may carry stray leading marks: "0    LONDON, April 29 -".
    let field = field
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .trim();
    if field.is_empty() {
        return None;
    }
    if let Some(d) = find(field) {
        return Some((d.place, &field[d.len..]));
    }
    // A bare place ("ASTANA", "Astana,"): keep it as it is.
    let place = field
        .trim_end_matches(['-', '—', '–', ',', ':', ' '])
        .trim_start_matches('*');
    let place = place.trim();
    (!place.is_empty() && place.chars().count() <= 60).then(|| (place.to_string(), ""))
}

/// The first dash-like separator in the first 120 bytes: (prefix end,
/// kind, index after the separator).
fn separator(line: &str) -> Option<(usize, Sep, usize)> {
    let mut prev: Option<char> = None;
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if i > 120 {
            return None;
        }
        let next = iter.peek().map(|&(_, n)| n);
        match c {
            '—' | '–' | '―' => return Some((i, Sep::Dash, i + c.len_utf8())),
            '-' if prev.is_some_and(char::is_whitespace) => {
                let mut after = i + 1;
                if next == Some('-') {
                    after += 1;
                    if line[after..].starts_with('-') {
                        after += 1;
                    }
                } else if next.is_some_and(|n| !n.is_whitespace()) {
                    // "- word" is a dash, "-word" is not.
                    prev = Some(c);
                    continue;
                }
                return Some((i, Sep::Hyphen, after));
            }
            ':' if next.is_none_or(char::is_whitespace) => return Some((i, Sep::Colon, i + 1)),
            '/' => {
                // MOSCOW, June 9. /TASS/. -> the slashed agency closes the dateline.
                let rest = &line[i + 1..];
                let close = rest.find('/')?;
                let agency = &rest[..close];
                if (2..=12).contains(&agency.len())
                    && agency
                        .chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '.')
                {
                    let mut after = i + 1 + close + 1;
                    if line[after..].starts_with('.') || line[after..].starts_with(':') {
                        after += 1;
                    }
                    if line[after..].starts_with(|c: char| c.is_whitespace()) || after == line.len()
                    {
                        return Some((i, Sep::Slashes, after));
                    }
                }
                return None;
            }
            '.' | '!' | '?' | '"' | '“' | ';'
                if c != '.' || next.is_some_and(char::is_whitespace) =>
            {
                // A sentence ended or a quote opened before any dash: only the
                // "CITY, Date." of a slashed-agency dateline may go on.
                if c == '.' && line[i + 1..].trim_start().starts_with('/') {
                    prev = Some(c);
                    continue;
                }
                let word_before = line[..i]
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                if c == '.'
                    && !word_before.is_empty()
                    && word_before.bytes().all(|b| b.is_ascii_digit())
                {
                    // "BAKU, Azerbaijan, June 9. President ..." (needs a date).
                    return Some((i, Sep::Period, i + 1));
                }
                let caps =
                    word_before.chars().count() >= 2 && word_before.chars().all(char::is_uppercase);
                if c == '.' && (word_before.len() <= 3 || caps) {
                    // Abbreviations: "Ill.", "St.", "Feb."
                    prev = Some(c);
                    continue;
                }
                return None;
            }
            _ => {}
        }
        prev = Some(c);
    }
    None
}

fn parse_prefix(prefix: &str, sep: Sep, lowercase_next: bool) -> Option<String> {
    let mut s = prefix
        .trim()
        .trim_start_matches(['*', '•', '#', ' '])
        .to_string();
    let mut agency = sep == Sep::Slashes;
    // Parenthesized agency: "(Reuters)", "(Kazinform)".
    while let (Some(open), Some(close)) = (s.find('('), s.find(')')) {
        if close < open {
            return None;
        }
        let inner = s[open + 1..close].trim();
        if inner.is_empty()
            || inner.split_whitespace().count() > 4
            || inner.chars().any(|c| c.is_ascii_digit())
        {
            return None;
        }
        agency = true;
        s.replace_range(open..=close, " ");
    }
    if s.contains(['(', ')', '"', '“', '”', '[', ']']) {
        return None;
    }
    // Components: "TAUPO, New Zealand, March 23, Reuter" / "ASTANA. KAZINFORM".
    let comps: Vec<&str> = s
        .split(',')
        .flat_map(|c| c.split(". "))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let (first, others) = comps.split_first()?;
    let mut places = vec![*first];
    let mut dated = false;
    for c in others {
        if is_date(c) {
            dated = true;
        } else if dated && c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit()) {
            // the year of "June 9, 2025"
        } else if is_agency(c) {
            agency = true;
        } else if !dated && is_place(c, false) && c.split_whitespace().count() <= 3 {
            places.push(c);
        } else {
            return None;
        }
    }
    let all_caps = is_all_caps(first);
    let lenient = dated || agency;
    if lowercase_next && !lenient {
        return None;
    }
    if !is_place(first, lenient) {
        return None;
    }
    let first_word = first.split_whitespace().next()?.to_lowercase();
    let accepted = match sep {
        // "NEW DELHI:" but not an interview's "NG:" or "UN:".
        Sep::Colon => {
            lenient
                || (all_caps
                    && first.chars().filter(|c| c.is_alphabetic()).count() >= 4
                    && !NOT_PLACES.contains(&first_word.as_str()))
        }
        Sep::Period => dated,
        Sep::Line => dated,
        _ if all_caps => !NOT_PLACES.contains(&first_word.as_str()) || lenient,
        _ if lenient => true,
        Sep::Dash => {
            places.len() == 1
                && first.split_whitespace().count() <= 3
                && !first.split_whitespace().any(|w| {
                    NOT_PLACES.contains(&w.to_lowercase().as_str()) || month_number(w).is_some()
                })
        }
        _ => false,
    };
    accepted.then(|| places.join(", "))
}

/// 1-5 words, Capitalized or ALL CAPS (lowercase particles allowed; any
/// lowercase word when `lenient`), letters and `.'-` only.
fn is_place(s: &str, lenient: bool) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || s.chars().count() > 40 {
        return false;
    }
    let ok_chars = |w: &str| {
        w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
    };
    words.iter().enumerate().all(|(i, w)| {
        let starts_upper = w.chars().next().is_some_and(char::is_uppercase);
        ok_chars(w)
            && w.chars().any(char::is_alphabetic)
            && (starts_upper || (i > 0 && (lenient || PARTICLES.contains(w))))
    })
}

fn is_all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// "Feb 26", "June 9", "9 June", "June 9 2025", "MARCH 3".
fn is_date(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 {
        return false;
    }
    let months = words.iter().filter(|w| month_number(w).is_some()).count();
    let numbers = words
        .iter()
        .filter(|w| {
            let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
            !d.is_empty() && d.len() <= 4 && d.bytes().all(|b| b.is_ascii_digit())
        })
        .count();
    months == 1 && numbers >= 1 && months + numbers == words.len()
}

fn is_agency(s: &str) -> bool {
    let s = s.trim_end_matches('.');
    let lower = s.to_lowercase();
    AGENCIES.contains(&lower.as_str())
        || (s.split_whitespace().count() == 1
            && is_all_caps(s)
            && s.len() <= 12
            && s.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(line: &str) -> Option<String> {
        find(line).map(|d| d.place)
    }

    #[test]
    fn styles() {
        assert_eq!(
            place("ASTANA — President Tokayev met"),
            Some("ASTANA".into())
        );
        assert_eq!(
            place("Astana, June 9 (Kazinform) - The talks"),
            Some("Astana".into())
        );
        assert_eq!(
            place("WASHINGTON, Feb 26 - The report"),
            Some("WASHINGTON".into())
        );
        assert_eq!(
            place("LONDON (Reuters) - Shares fell"),
            Some("LONDON".into())
        );
        assert_eq!(
            place("TAUPO, New Zealand, March 23, Reuter - Talks"),
            Some("TAUPO, New Zealand".into())
        );
        assert_eq!(
            place("MOSCOW, June 9. /TASS/. Russia and"),
            Some("MOSCOW".into())
        );
        assert_eq!(
            place("NEW DELHI: India and Japan"),
            Some("NEW DELHI".into())
        );
        assert_eq!(
            place("****RIO DE JANEIRO, March 5 - Brazil"),
            Some("RIO DE JANEIRO".into())
        );
        assert_eq!(place("La paz, march 18 - Bolivia"), Some("La paz".into()));
        assert_eq!(place("Tashkent — Uzbekistan and"), Some("Tashkent".into()));
        assert_eq!(
            place("Astana, June 9, 2025 (Kazinform) – The"),
            Some("Astana".into())
        );
        assert_eq!(place("ASTANA, 9 June 2025 – The"), Some("ASTANA".into()));
        assert_eq!(place("ASTANA. KAZINFORM – The"), Some("ASTANA".into()));
        assert_eq!(
            place("New Delhi, Jun 9 (PTI): India and"),
            Some("New Delhi".into())
        );
        assert_eq!(
            place("BAKU, Azerbaijan, June 9. President Aliyev"),
            Some("BAKU, Azerbaijan".into())
        );
        assert_eq!(
            place("BEIJING, June 9 (Xinhua) -- China and"),
            Some("BEIJING".into())
        );
        assert_eq!(whole_line("Baku, June 9, AZERTAC"), Some("Baku".into()));
        assert_eq!(whole_line("Kazakhstan and Bulgaria"), None);
        assert_eq!(place("He was born on June 9. Then"), None);
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        assert_eq!(
            place("President Tokayev — who arrived on Monday — met"),
            None
        );
        assert_eq!(
            place("The two sides - Kazakhstan and Bulgaria - agreed"),
            None
        );
        assert_eq!(
            place("Kazakhstan, Bulgaria sign 10 agreements - officials"),
            None
        );
        assert_eq!(place("Trade rose 5% in 2024. Officials - said"), None);
        assert_eq!(place("He said: “We agree”"), None);
        assert_eq!(place("NG: We are not yet certain why"), None);
        assert_eq!(
            place("Kazakhstan — the largest economy in Central Asia — grew"),
            None
        );
        assert_eq!(place("NATO — the alliance said"), None);
        assert_eq!(place("Anti-dumping duties were imposed"), None);
    }

    #[test]
    fn consumed_length() {
        let line = "WASHINGTON, Feb 26 -  The report";
        let d = find(line).unwrap();
        assert_eq!(&line[d.len..], "The report");
        assert_eq!(
            from_field("WASHINGTON, Feb 26 -"),
            Some(("WASHINGTON".to_string(), ""))
        );
        assert_eq!(from_field("ASTANA"), Some(("ASTANA".to_string(), "")));
        assert_eq!(
            from_field("0    LONDON, April 29 -"),
            Some(("LONDON".to_string(), ""))
        );
        assert_eq!(
            place("CHAMPAIGN, Ill., March 17 - Farm"),
            Some("CHAMPAIGN, Ill.".into())
        );
    }
}
