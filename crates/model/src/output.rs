//! The output contract: one `Extraction` per document.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::{Agreement, Document, Entity, Event, Quantity, Quote, Topic};

/// The `doc` block of the output contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocMeta {
    pub id: String,
    pub source: String,
    pub date: Option<NaiveDate>,
    pub dateline: Option<String>,
    pub title: Option<String>,
    /// The article's web address, when the input carries one.
    #[serde(default)]
    pub url: Option<String>,
    /// ISO 639-1 code of the text's language ("en"), detected; `None` when
    /// the text is too short or mixed to tell.
    #[serde(default)]
    pub language: Option<String>,
    /// When the store took the document in (UTC, whole seconds); set only
    /// on extractions read back from a store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingested: Option<NaiveDateTime>,
    /// Length of the text in Unicode characters.
    pub chars: usize,
    /// The text itself, with `--text` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl DocMeta {
    pub fn of(doc: &Document) -> Self {
        DocMeta {
            id: doc.id.clone(),
            source: doc.source.clone(),
            date: doc.date,
            dateline: doc.dateline.clone(),
            title: doc.title.clone(),
            url: doc.url.clone(),
            language: doc.language.clone(),
            ingested: None,
            chars: doc.text.chars().count(),
            text: None,
        }
    }
}

/// Everything dyad extracts from one document: one JSON object of
/// `dyad extract --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub doc: DocMeta,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    pub agreements: Vec<Agreement>,
    pub quantities: Vec<Quantity>,
    pub quotes: Vec<Quote>,
    pub topics: Vec<Topic>,
}

impl Extraction {
    /// An extraction with the doc block only.
    pub fn empty(doc: &Document) -> Self {
        Extraction {
            doc: DocMeta::of(doc),
            entities: Vec::new(),
            events: Vec::new(),
            agreements: Vec::new(),
            quantities: Vec::new(),
            quotes: Vec::new(),
            topics: Vec::new(),
        }
    }
}
