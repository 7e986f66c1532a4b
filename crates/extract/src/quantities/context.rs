//! What figures, quotes and topics need to know about a document besides
//! its words: sentences, paragraphs, clauses, and which countries it is
//! about.

use dyad_model::{Analysis, ByteSpan, CountryCode, Document, EntityKind};

use crate::numbers::{lex, lower, Tok};

/// A document prepared for the figure, quote and topic stages.
#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    pub doc: &'a Document,
    pub text: &'a str,
    pub analysis: &'a Analysis,
    pub toks: Vec<Tok>,
    /// Sentences: the analysis's, or found here when it has none.
    pub sentences: Vec<ByteSpan>,
    /// Paragraphs: blank-line separated, or indented lines (wire copy), or
    /// one per line when lines are long.
    pub paragraphs: Vec<ByteSpan>,
    /// Every mention of a country (name, adjective, possessive, demonym).
    pub countries: Vec<(ByteSpan, CountryCode)>,
    /// The document's dyad: its two most-mentioned countries (one when it
    /// names only one), most-mentioned first.
    pub dyad: Vec<CountryCode>,
}

impl<'a> Ctx<'a> {
    pub fn new(doc: &'a Document, analysis: &'a Analysis) -> Self {
        let text = doc.text.as_str();
        let toks = lex(text);
        let paragraphs = paragraphs(text);
        let sentences = if analysis.sentences.is_empty() {
            split_sentences(text, &paragraphs)
        } else {
            analysis.sentences.clone()
        };
        let mut countries = Vec::new();
        for m in &analysis.mentions {
            let Some(e) = analysis.entities.get(m.entity) else {
                continue;
            };
            if e.kind != EntityKind::Country {
                continue;
            }
            let code = e.country.or_else(|| CountryCode::new(&e.id).ok());
            if let Some(c) = code {
                countries.push((m.span, c));
            }
        }
        let mut tally: Vec<(CountryCode, usize, usize)> = Vec::new();
        for (k, (_, c)) in countries.iter().enumerate() {
            match tally.iter_mut().find(|(x, _, _)| x == c) {
                Some(t) => t.1 += 1,
                None => tally.push((*c, 1, k)),
            }
        }
        tally.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        let dyad = tally.iter().take(2).map(|t| t.0).collect();
        Ctx {
            doc,
            text,
            analysis,
            toks,
            sentences,
            paragraphs,
            countries,
            dyad,
        }
    }

    /// The sentence around byte `at` (the whole text when none holds it).
    pub fn sentence(&self, at: usize) -> ByteSpan {
        let i = self.sentences.partition_point(|s| s.end <= at);
        match self.sentences.get(i) {
            Some(s) if s.start <= at => *s,
            _ => ByteSpan::new(
                self.text[..at].rfind(['.', '\n']).map_or(0, |p| p + 1),
                self.text[at..]
                    .find(['.', '\n'])
                    .map_or(self.text.len(), |p| at + p + 1),
            ),
        }
    }

    /// The index of the paragraph around byte `at`.
    pub fn paragraph_index(&self, at: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.end <= at)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    /// Indices of the tokens inside `span`.
    pub fn toks_in(&self, span: ByteSpan) -> std::ops::Range<usize> {
        let a = self.toks.partition_point(|t| t.start < span.start);
        let b = self.toks.partition_point(|t| t.start < span.end);
        a..b.max(a)
    }

    /// The countries mentioned inside `span`, in order of first mention,
    /// without repeats.
    pub fn countries_in(&self, span: ByteSpan) -> Vec<CountryCode> {
        let mut out = Vec::new();
        // The mentions are in text order: only those starting in the span.
        let from = self
            .countries
            .partition_point(|(s, _)| s.start < span.start);
        let inside = self.countries[from..]
            .iter()
            .take_while(|(s, _)| s.start < span.end);
        for (s, c) in inside {
            if span.contains(*s) && !out.contains(c) {
                out.push(*c);
            }
        }
        out
    }

    /// The clause of the sentence around byte `at`: the sentence cut at
    /// ";", ", while", ", whereas", ", but", ", and" + new subject and
    /// dashes between spaces.
    pub fn clause(&self, at: usize) -> ByteSpan {
        let s = self.sentence(at);
        let mut start = s.start;
        let mut end = s.end;
        for r in self.toks_in(s) {
            let t = self.toks[r];
            let w = t.text(self.text);
            let next = || {
                self.toks
                    .get(r + 1)
                    .filter(|n| n.start < s.end)
                    .map(|n| lower(n.text(self.text)))
            };
            let boundary = match w {
                ";" | "—" | "–" => {
                    // A dash between spaces, not in "January–April".
                    w == ";"
                        || (self.text[..t.start].ends_with(' ')
                            && self.text[t.end..].starts_with(' '))
                }
                "," => matches!(
                    next().as_deref(),
                    Some("while" | "whereas" | "but" | "although" | "though" | "and")
                ),
                "and" => next().as_deref() == Some("that"),
                _ => w.eq_ignore_ascii_case("while") || w.eq_ignore_ascii_case("whereas"),
            };
            if !boundary {
                continue;
            }
            if t.end <= at {
                start = t.end;
            } else if t.start >= at {
                end = t.start;
                break;
            }
        }
        ByteSpan::new(start, end.max(start))
    }
}

/// Paragraph spans. Blank lines separate paragraphs; in wire copy (lines
/// wrapped short, paragraphs indented) an indented line starts one; in text
/// with long lines every line is a paragraph.
pub(crate) fn paragraphs(text: &str) -> Vec<ByteSpan> {
    let lines: Vec<(usize, &str)> = {
        let mut v = Vec::new();
        let mut at = 0;
        for l in text.split_inclusive('\n') {
            v.push((at, l));
            at += l.len();
        }
        v
    };
    let long_lines = {
        let content: Vec<usize> = lines
            .iter()
            .map(|(_, l)| l.trim().len())
            .filter(|&n| n > 0)
            .collect();
        let long = content.iter().filter(|&&n| n > 100).count();
        !content.is_empty() && long * 3 >= content.len()
    };
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    for (at, l) in lines {
        let trimmed = l.trim();
        if trimmed.is_empty() {
            if let Some(c) = cur.take() {
                out.push(ByteSpan::new(c.0, c.1));
            }
            continue;
        }
        let lead = l.len() - l.trim_start().len();
        let start = at + lead;
        let end = at + l.trim_end().len();
        let starts_new = long_lines || (lead > 0 && at > 0);
        match cur {
            Some(c) if !starts_new => cur = Some((c.0, end)),
            Some(c) => {
                out.push(ByteSpan::new(c.0, c.1));
                cur = Some((start, end));
            }
            None => cur = Some((start, end)),
        }
    }
    if let Some(c) = cur {
        out.push(ByteSpan::new(c.0, c.1));
    }
    out
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "sen", "rep", "gov", "st",
    "no", "co", "corp", "inc", "ltd", "jr", "sr", "vs", "etc", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "dept", "mt",
];

/// A plain sentence splitter for when the analysis has no sentences: a
/// sentence ends at ".", "!" or "?" (and closing quotes) before a space and
/// a capital letter, digit or opening quote, and at a paragraph's end.
pub(crate) fn split_sentences(text: &str, paragraphs: &[ByteSpan]) -> Vec<ByteSpan> {
    let mut out = Vec::new();
    for p in paragraphs {
        let para = &text[p.start..p.end];
        let mut start = 0;
        let chars: Vec<(usize, char)> = para.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            // Swallow closing quotes and brackets.
            let mut j = k + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')') {
                j += 1;
            }
            let end = chars.get(j).map_or(para.len(), |x| x.0);
            let Some(&(_, sp)) = chars.get(j) else {
                continue;
            };
            if !sp.is_whitespace() {
                continue;
            }
            let next = chars[j..]
                .iter()
                .find(|x| !x.1.is_whitespace())
                .map(|x| x.1);
            if !next.is_some_and(|n| {
                n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '‘')
            }) {
                continue;
            }
            if c == '.' {
                let word: String = para[..i]
                    .chars()
                    .rev()
                    .take_while(|ch| ch.is_alphabetic())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let lw = word.to_ascii_lowercase();
                // "U.S.", "J. Smith", "Mr.", "Inc."
                if word.chars().count() == 1 || ABBREVIATIONS.contains(&lw.as_str()) {
                    continue;
                }
            }
            if end > start {
                out.push(ByteSpan::new(p.start + start, p.start + end));
            }
            start = chars[j..]
                .iter()
                .find(|x| !x.1.is_whitespace())
                .map_or(para.len(), |x| x.0);
        }
        if start < para.len() {
            out.push(ByteSpan::new(p.start + start, p.end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_copy_paragraphs() {
        let text = "GENEVA - A new pact\nwas adopted today.\n    \"It is a moment,\" he said.\n    Next one\ncontinues here.";
        let p = paragraphs(text);
        assert_eq!(p.len(), 3);
        assert!(text[p[1].start..p[1].end].starts_with("\"It"));
    }

    #[test]
    fn blank_line_paragraphs() {
        let text = "One line that is short.\nStill the same paragraph.\n\nSecond.";
        assert_eq!(paragraphs(text).len(), 2);
    }

    #[test]
    fn sentences_skip_abbreviations() {
        let text = "The U.S. Treasury said so. Mr. Baker agreed. Trade rose 5.5 pct.";
        let s = split_sentences(text, &paragraphs(text));
        let got: Vec<&str> = s.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            got,
            [
                "The U.S. Treasury said so.",
                "Mr. Baker agreed.",
                "Trade rose 5.5 pct."
            ]
        );
    }
}
