//! Property tests: spans are on char boundaries, ordered, non-overlapping.

use dyad_analyze::Analyzer;
use dyad_model::Document;
use proptest::prelude::*;

fn check(text: &str) -> Result<(), TestCaseError> {
    let a = Analyzer::new().analyze(&Document::new("p", text.to_string()));
    let mut prev = 0;
    for s in &a.sentences {
        prop_assert!(s.start >= prev && s.start < s.end && s.end <= text.len());
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        prev = s.end;
    }
    let mut prev = 0;
    for t in &a.tokens {
        prop_assert!(t.span.start >= prev && t.span.start < t.span.end);
        prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        let s = a.sentences[t.sentence as usize];
        prop_assert!(s.contains(t.span));
        prev = t.span.end;
    }
    // Mentions are in text order; two mentions are disjoint or nested (a
    // country inside an organization's name), never partly overlapping.
    let mut prev = 0;
    for (i, m) in a.mentions.iter().enumerate() {
        prop_assert!(m.span.start >= prev && m.span.start < m.span.end);
        prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        prop_assert!(m.entity < a.entities.len());
        for o in &a.mentions[..i] {
            prop_assert!(!o.span.overlaps(m.span) || o.span.contains(m.span));
        }
        prev = m.span.start;
    }
    Ok(())
}

proptest! {
    #[test]
    fn any_text(text in "\\PC{0,200}") {
        check(&text)?;
    }

    #[test]
    fn news_like_text(text in "([A-Z][a-z]{0,8}|U\\.S\\.|Mr\\.|’s|'s|[0-9]\\.[0-9]|[.!?,;:“”\"'’()-]|\n|\n\n| {1,2}|Kazakh|Bulgarian|President|Sofia|Ministry of|the){0,60}") {
        check(&text)?;
    }
}
