//! The order of the stages.

use dyad_analyze::Analyzer;
use dyad_model::{Analysis, CharMap, Document, Extraction};

/// Everything needed to extract from documents; build once, share freely
/// (it is `Send + Sync`).
#[derive(Debug, Default)]
pub struct Pipeline {
    analyzer: Analyzer,
}

/// One extraction stage after analysis, for timing each on its own
/// ([`Pipeline::run_stage`]).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Events,
    Agreements,
    Quantities,
    Quotes,
    Topics,
}

impl Stage {
    /// Every stage, in the order [`Pipeline::run`] runs them.
    pub const ALL: [Stage; 5] = [
        Stage::Events,
        Stage::Agreements,
        Stage::Quantities,
        Stage::Quotes,
        Stage::Topics,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Events => "events",
            Stage::Agreements => "agreements",
            Stage::Quantities => "quantities",
            Stage::Quotes => "quotes",
            Stage::Topics => "topics",
        }
    }
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
        {
            // One lexing and one paragraph split serve the last three stages.
            let ctx = crate::quantities::Ctx::new(doc, &analysis);
            out.quantities = crate::quantities::extract_in(&ctx, &map);
            out.quotes = crate::quotes::extract_in(&ctx, &map);
            out.topics = crate::topics::extract_in(&ctx, &map);
        }
        out.entities = analysis.entities;
        out
    }

    /// The analysis [`Pipeline::run`] starts from (for per-stage timing).
    #[doc(hidden)]
    pub fn analyze(&self, doc: &Document) -> Analysis {
        self.analyzer.analyze(doc)
    }

    /// Runs one stage alone on an analyzed document and returns the number
    /// of facts it found (for per-stage timing; `run` is the real entry).
    #[doc(hidden)]
    pub fn run_stage(
        &self,
        stage: Stage,
        doc: &Document,
        analysis: &Analysis,
        map: &CharMap,
    ) -> usize {
        match stage {
            Stage::Events => crate::events::extract(doc, analysis, map).len(),
            Stage::Agreements => crate::agreements::extract(doc, analysis, map).len(),
            Stage::Quantities => crate::quantities::extract(doc, analysis, map).len(),
            Stage::Quotes => crate::quotes::extract(doc, analysis, map).len(),
            Stage::Topics => crate::topics::extract(doc, analysis, map).len(),
        }
    }
}
