//! The document: what every reader produces.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A document id: 16 hex digits of the SHA-256 of the normalized text.
pub type DocId = String;

/// One article, as read from a file, feed item, JSON line or WARC record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable hash of the normalized text ([`doc_id`]): the same article read
    /// from two files has one id.
    pub id: DocId,
    /// Where it was read from: a path, `path#item`, `path:line` or `-`.
    pub source: String,
    /// Publication date, when the input states one.
    pub date: Option<NaiveDate>,
    /// The dateline ("ASTANA"), taken out of the text.
    pub dateline: Option<String>,
    pub title: Option<String>,
    /// The article's web address, when the input carries one (a JSON Lines
    /// `url` field, an HTML page's canonical or `og:url` link, a feed
    /// item's link, a WARC record's target URI).
    pub url: Option<String>,
    /// ISO 639-1 code of the text's language ("en", "ru"), as the input
    /// states it or the pipeline detects it; `None` when unknown.
    pub language: Option<String>,
    /// The article body: no header lines, no dateline, no markup.
    pub text: String,
}

impl Document {
    /// A document with only a source and a text; the id is computed.
    pub fn new(source: impl Into<String>, text: String) -> Self {
        Document {
            id: doc_id(&text),
            source: source.into(),
            date: None,
            dateline: None,
            title: None,
            url: None,
            language: None,
            text,
        }
    }
}

/// The stable id of a text: SHA-256 over its words joined by single spaces
/// (so whitespace and line wrapping do not matter), first 16 hex digits.
pub fn doc_id(text: &str) -> DocId {
    let mut h = Sha256::new();
    let mut first = true;
    for w in text.split_whitespace() {
        if !first {
            h.update(b" ");
        }
        h.update(w.as_bytes());
        first = false;
    }
    let digest = h.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_ignores_whitespace_layout() {
        assert_eq!(doc_id("a  b\nc"), doc_id(" a b c "));
        assert_ne!(doc_id("a b c"), doc_id("a b d"));
        assert_eq!(doc_id("x").len(), 16);
    }
}
