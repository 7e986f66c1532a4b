//! What analyze hands to extract: sentences, tokens, entities and mentions.

use crate::{ByteSpan, Entity};

/// The analysis of one document. All spans are byte spans into
/// `Document::text`; `entities[i].mentions` holds the same mentions as
/// character spans, ready for output.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Sentences in text order; they do not overlap. Headings and
    /// paragraphs without final punctuation are sentences too.
    pub sentences: Vec<ByteSpan>,
    /// Tokens in text order (words, numbers, punctuation).
    pub tokens: Vec<Token>,
    /// Resolved entities; `Mention::entity` indexes this vector.
    pub entities: Vec<Entity>,
    /// Every entity mention in text order (by start, the longer first).
    /// Two mentions are disjoint or nested (a country inside an
    /// organization's name: "Foreign Trade Chamber of Kazakhstan"), never
    /// partly overlapping.
    pub mentions: Vec<Mention>,
    /// The parse: spaCy-compatible tokens, tags, lemmas, heads, labels and
    /// sentences (empty when the analysis was asked for entities only).
    pub syntax: crate::syntax::Syntax,
}

impl Analysis {
    /// The index of the sentence containing byte offset `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= at);
        (i < self.sentences.len() && self.sentences[i].start <= at).then_some(i)
    }

    /// The mentions that lie inside `span`, in text order.
    pub fn mentions_in(&self, span: ByteSpan) -> &[Mention] {
        let a = self.mentions.partition_point(|m| m.span.start < span.start);
        let b = self.mentions.partition_point(|m| m.span.start < span.end);
        let b = b.max(a);
        &self.mentions[a..b]
    }
}

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: ByteSpan,
    /// Index into `Analysis::sentences`.
    pub sentence: u32,
}

/// One mention of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub span: ByteSpan,
    /// Index into `Analysis::entities`.
    pub entity: usize,
    pub form: MentionForm,
}

/// How an entity is mentioned; extract uses it (an adjective "Kazakh" names
/// a country as a modifier, not as an actor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionForm {
    /// The name or an alias: "Kazakhstan", "Kassym-Jomart Tokayev", "Tokayev".
    Name,
    /// A code or acronym: "EU", "KAZ".
    Acronym,
    /// An adjective: "Kazakh", "Bulgarian".
    Adjective,
    /// A demonym for people: "Kazakhs", "Bulgarians".
    Demonym,
    /// A possessive: "Kazakhstan's", "Radev’s".
    Possessive,
    /// A description: "the Kazakh President", "the head of state".
    Description,
    /// The document's dateline ("ASTANA"), when it lies in the text.
    Dateline,
}
