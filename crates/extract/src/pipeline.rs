//! The order of the stages.

use std::borrow::Cow;

use dyad_analyze::Analyzer;
use dyad_model::{Analysis, CharMap, DocMeta, Document, Extraction};

use crate::limits::{
    self, Diagnostic, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_TOKENS, MAX_SENTENCE_TOKENS,
};

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

    /// Extracts everything from one document. Total: never fails. The
    /// work is bounded by the caps in [`crate::limits`]; see
    /// [`Pipeline::run_with_diagnostics`] to learn when they applied.
    pub fn run(&self, doc: &Document) -> Extraction {
        self.run_with_diagnostics(doc).0
    }

    /// [`Pipeline::run`], and what was done to bound the work on this
    /// document (a cut text, sentences read in pieces).
    ///
    /// The language is detected first (`doc.language` is kept when the
    /// text is too short to tell): a text in another language than English
    /// gets its entities only, and a [`Diagnostic::NotEnglish`].
    pub fn run_with_diagnostics(&self, doc: &Document) -> (Extraction, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let language = dyad_analyze::language::detect(&doc.text)
            .map(str::to_string)
            .or_else(|| doc.language.clone());
        if let Some(lang) = language.as_deref().filter(|l| *l != "en") {
            diagnostics.push(Diagnostic::NotEnglish {
                language: lang.to_string(),
            });
            let (cut, _) = limits::budget_cut(&doc.text, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_TOKENS);
            let mut head = doc.clone();
            head.text.truncate(cut);
            let mut out = Extraction::empty(doc);
            out.doc.language = language;
            out.entities = self.analyzer.entities(&head).entities;
            return (out, diagnostics);
        }
        let (cut, by_tokens) =
            limits::budget_cut(&doc.text, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_TOKENS);
        let read: Cow<'_, Document> = if cut < doc.text.len() {
            let (len, kept) = (doc.text.len(), cut);
            diagnostics.push(if by_tokens {
                Diagnostic::DocumentCutTokens { len, kept }
            } else {
                Diagnostic::DocumentCut { len, kept }
            });
            let mut head = doc.clone();
            head.text.truncate(cut);
            Cow::Owned(head)
        } else {
            Cow::Borrowed(doc)
        };
        let (analysis, split) = self.analyze_bounded(&read);
        if split > 0 {
            diagnostics.push(Diagnostic::SentencesSplit { count: split });
        }
        let mut out = self.extract_from(&read, analysis);
        if let Cow::Owned(_) = read {
            // The document block describes the document as given, not the
            // part that was read.
            out.doc = DocMeta::of(doc);
        }
        out.doc.language = language;
        (out, diagnostics)
    }

    /// The analysis with over-long sentences split, and how many were.
    fn analyze_bounded(&self, doc: &Document) -> (Analysis, usize) {
        let mut analysis = self.analyzer.analyze(doc);
        let split = limits::split_long_sentences(&mut analysis, &doc.text, MAX_SENTENCE_TOKENS);
        (analysis, split)
    }

    fn extract_from(&self, doc: &Document, analysis: Analysis) -> Extraction {
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

    /// The analysis [`Pipeline::run`] starts from (for per-stage timing),
    /// over-long sentences split as `run` splits them.
    #[doc(hidden)]
    pub fn analyze(&self, doc: &Document) -> Analysis {
        self.analyze_bounded(doc).0
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
