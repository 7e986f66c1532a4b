//! Analysis: Document -> sentences, tokens, entities. (Being built.)

use dyad_model::{Analysis, Document};

/// The analyzer: compiled gazetteers and rules, immutable, shared.
#[derive(Debug, Default)]
pub struct Analyzer {}

impl Analyzer {
    pub fn new() -> Self {
        Analyzer {}
    }

    /// Analyzes one document. Total: never fails, never panics.
    pub fn analyze(&self, doc: &Document) -> Analysis {
        let _ = doc;
        Analysis::default()
    }
}
