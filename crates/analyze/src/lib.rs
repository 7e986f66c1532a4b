//! Analysis: `Document` -> sentences, tokens, entities and mentions.
//!
//! This is the second stage of dyad's pipeline (read -> **analyze** ->
//! extract). [`Analyzer`] is built once and shared; [`Analyzer::analyze`]
//! is total: bad text yields fewer entities, never an error or a panic.
//!
//! ```
//! use dyad_analyze::Analyzer;
//! use dyad_model::Document;
//! let analyzer = Analyzer::new();
//! let doc = Document::new("x.txt", "Talks resumed. Both sides agreed.".to_string());
//! let a = analyzer.analyze(&doc);
//! assert_eq!(a.sentences.len(), 2);
//! ```

mod entities;
mod gazetteer;
pub mod lexicon;
pub mod text;

use dyad_model::{Analysis, CharMap, Document};

/// The analyzer: compiled gazetteers and rules, immutable, shared.
#[derive(Debug)]
pub struct Analyzer {
    gazetteer: &'static gazetteer::Gazetteer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

impl Analyzer {
    pub fn new() -> Self {
        Analyzer {
            gazetteer: gazetteer::Gazetteer::get(),
        }
    }

    /// Analyzes one document. Total: never fails, never panics.
    pub fn analyze(&self, doc: &Document) -> Analysis {
        let sentences = text::sentences(&doc.text);
        let tokens = text::tokens(&doc.text, &sentences);
        let _ = self.gazetteer;
        let map = CharMap::new(&doc.text);
        let (entities, mentions) =
            entities::EntityFinder::new(&doc.text, &tokens).run(doc.dateline.as_deref(), &map);
        Analysis {
            sentences,
            tokens,
            entities,
            mentions,
        }
    }
}
