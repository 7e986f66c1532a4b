//! Analysis: `Document` -> sentences, tokens, entities and mentions.
//!
//! This is the second stage of dyad's pipeline (read -> **analyze** ->
//! extract). [`Analyzer`] is built once and shared; [`Analyzer::analyze`]
//! is total: bad text yields fewer entities, never an error or a panic.
//!
//! - [`text`]: sentences (abbreviations, initials, decimals, quotes,
//!   headings, paragraph breaks, wire-copy line wrapping) and tokens.
//! - the gazetteer: `data/*.tsv` at the workspace root (countries with
//!   names, adjectives and demonyms; GeoNames cities; regions;
//!   organizations; office holders) compiled by `build.rs` into an FST of
//!   folded names (no network, nothing parsed at run time but the records).
//!   Matching is one pass: from each capitalized word start the FST is walked
//!   over folded characters (case, diacritics, curly apostrophes).
//! - entities: people by titles ("Bulgarian President Rumen Radev"),
//!   appositions ("X, the Kazakh President"), given names and known office
//!   holders; organizations by head words ("Ministry of ...", "... Chamber
//!   of Commerce and Industry", "... Corp"), with the country from an
//!   adjective, a possessive, an "of Kazakhstan" complement or the context;
//!   places disambiguated by the document's countries and dateline; one
//!   entity per real-world referent (surnames, "Mr X", "the Kazakh
//!   President", "the head of state", acronyms in parentheses).
//!
//! Mentions are in text order and may nest (a country inside an
//! organization's name) but never partly overlap.
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
pub mod language;
pub mod lexicon;
pub mod syntax;
pub mod text;

use dyad_model::{Analysis, CharMap, Document};

/// The analyzer: compiled gazetteers and rules, immutable, shared.
#[derive(Debug)]
pub struct Analyzer {
    gazetteer: &'static gazetteer::Gazetteer,
    /// The word lists of the entity patterns, merged into one table.
    classes: &'static entities::WordClasses,
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
            classes: entities::WordClasses::get(),
        }
    }

    /// Analyzes one document: entities and the parse. Total: never fails,
    /// never panics.
    pub fn analyze(&self, doc: &Document) -> Analysis {
        let syntax = syntax::parse(&doc.text);
        let mut a = self.find(doc, Some(&syntax));
        a.syntax = syntax;
        a
    }

    /// Analyzes one document for entities only (no parse: `syntax` is
    /// empty), for entity tagging and its throughput.
    pub fn entities(&self, doc: &Document) -> Analysis {
        self.find(doc, None)
    }

    fn find(&self, doc: &Document, syntax: Option<&dyad_model::syntax::Syntax>) -> Analysis {
        let sentences = text::sentences(&doc.text);
        let tokens = text::tokens(&doc.text, &sentences);
        let _ = self.gazetteer;
        let map = CharMap::new(&doc.text);
        let mut folded = String::new();
        let mut finder = entities::EntityFinder::new(&doc.text, &tokens, &mut folded, self.classes);
        if let Some(s) = syntax {
            finder = finder.with_syntax(s);
        }
        let (entities, mentions) = finder.run(doc.dateline.as_deref(), &map);
        Analysis {
            sentences,
            tokens,
            entities,
            mentions,
            syntax: Default::default(),
        }
    }
}
