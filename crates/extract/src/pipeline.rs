//! The order of the stages.

use dyad_analyze::Analyzer;
use dyad_model::{CharMap, Document, Extraction};

/// Everything needed to extract from documents; build once, share freely
/// (it is `Send + Sync`).
#[derive(Debug, Default)]
pub struct Pipeline {
    analyzer: Analyzer,
}

impl Pipeline {
    pub fn new() -> Self {
        Pipeline {
            analyzer: Analyzer::new(),
        }
    }

    /// Extracts everything from one document. Total: never fails.
    pub fn run(&self, doc: &Document) -> Extraction {
        let analysis = self.analyzer.analyze(doc);
        let map = CharMap::new(&doc.text);
        let mut out = Extraction::empty(doc);
        out.events = crate::events::extract(doc, &analysis, &map);
        out.agreements = crate::agreements::extract(doc, &analysis, &map);
        out.quantities = crate::quantities::extract(doc, &analysis, &map);
        out.quotes = crate::quotes::extract(doc, &analysis, &map);
        out.topics = crate::topics::extract(doc, &analysis, &map);
        out.entities = analysis.entities;
        out
    }
}
