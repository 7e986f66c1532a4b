//! The parse of a document, from `dyad-nlp` (spaCy's en_core_web_sm in
//! Rust), as the view's [`Syntax`]: one tokenization, tags, lemmas, heads,
//! labels and sentences, computed once per document.

use dyad_model::syntax::{Dep, Pos, SynToken, Syntax, Tag};
use dyad_model::ByteSpan;
use dyad_nlp::pipeline::{Nlp, Parsed, Scratch};
use dyad_nlp::tokenizer::Token;

/// Parses `text` (the whole document).
pub fn parse(text: &str) -> Syntax {
    let mut scratch = Scratch::default();
    to_syntax(Nlp::english().parse(text, &mut scratch))
}

/// Parses tokens given by the caller (a treebank's words): byte spans of
/// `text`, increasing and non-overlapping, with whether a space follows.
pub fn parse_tokens(text: &str, spans: &[(usize, usize, bool)]) -> Syntax {
    let tokens = spans
        .iter()
        .map(|&(start, end, space_after)| Token {
            start,
            end,
            space_after,
            norm: None,
        })
        .collect();
    let mut scratch = Scratch::default();
    to_syntax(Nlp::english().parse_tokens(text, tokens, &mut scratch))
}

fn to_syntax(p: Parsed) -> Syntax {
    let mut lemmas = String::new();
    let mut tokens = Vec::with_capacity(p.tokens.len());
    for (i, t) in p.tokens.iter().enumerate() {
        let start = lemmas.len() as u32;
        lemmas.push_str(p.lemmas.get(i).map(String::as_str).unwrap_or(""));
        let arc = p.arcs.get(i);
        tokens.push(SynToken {
            span: ByteSpan::new(t.start, t.end),
            space_after: t.space_after,
            // Labels come from the embedded model, whose lists the
            // `model_labels_are_known` test checks against dyad's types.
            tag: p
                .tags
                .get(i)
                .and_then(|t| t.parse().ok())
                .unwrap_or(Tag::XX),
            pos: p.pos.get(i).and_then(|s| s.parse().ok()).unwrap_or(Pos::X),
            dep: p
                .deps
                .get(i)
                .and_then(|d| d.parse().ok())
                .unwrap_or(Dep::dep),
            head: arc.map_or(i as u32, |a| a.head),
            sent_start: arc.is_some_and(|a| a.sent_start) || i == 0,
            lemma: (start, lemmas.len() as u32),
        });
    }
    Syntax::new(tokens, lemmas)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_labels_are_known() {
        let nlp = Nlp::english();
        for t in nlp.tag_labels() {
            assert!(t.parse::<Tag>().is_ok(), "tag {t:?}");
        }
        for d in nlp.dep_labels().iter().filter(|d| !d.is_empty()) {
            assert!(d.parse::<Dep>().is_ok(), "label {d:?}");
        }
    }

    #[test]
    fn signed_with_a_country_on_monday() {
        let text = "Kazakhstan signed an agreement with Bulgaria on Monday.";
        let s = parse(text);
        let word = |w: &str| {
            (0..s.tokens.len())
                .find(|&i| s.text(text, i) == w)
                .unwrap_or_else(|| panic!("no token {w:?}"))
        };
        let (signed, with, bulgaria, on) =
            (word("signed"), word("with"), word("Bulgaria"), word("on"));
        assert_eq!(s.tokens[signed].dep, Dep::ROOT);
        assert_eq!(s.tokens[bulgaria].dep, Dep::pobj);
        assert_eq!(s.tokens[bulgaria].head as usize, with);
        assert_eq!(s.tokens[on].dep, Dep::prep);
        assert_eq!(s.lemma(signed), "sign");
        assert_eq!(s.tokens[signed].tag, Tag::VBD);
        assert_eq!(s.sentences.len(), 1);
    }
}
