//! What goes into and comes out of the store besides the model's types:
//! filters, rows, outcomes.

use chrono::NaiveDate;
use serde::Serialize;

use dyad_model::{
    AgreementType, CameoCode, CountryCode, DocId, Measure, Plover, QuantityKind, TopicStatus,
};

/// Which backend a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// What [`Store::put_batch`](crate::Store::put_batch) did with a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BatchOutcome {
    /// Documents newly stored, with all their facts.
    pub stored: usize,
    /// Documents whose id was already stored, or given twice in the batch;
    /// they are left as they were.
    pub duplicates: usize,
}

impl std::ops::AddAssign for BatchOutcome {
    fn add_assign(&mut self, o: BatchOutcome) {
        self.stored += o.stored;
        self.duplicates += o.duplicates;
    }
}

/// Row counts per table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub documents: u64,
    pub entities: u64,
    pub mentions: u64,
    pub events: u64,
    pub agreements: u64,
    pub agreement_parties: u64,
    pub quantities: u64,
    pub quotes: u64,
    pub topics: u64,
}

/// One stored fact with the document it comes from.
///
/// `fact` is the model's own type ([`dyad_model::Event`], ...), exactly as
/// it was extracted; its `evidence` span indexes the document's text, and
/// `evidence_text` is that text. Serialized flat: the fact's fields beside
/// `doc_id`, `doc_date`, ...
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row<T> {
    pub doc_id: DocId,
    /// The document's date (not the fact's).
    pub doc_date: Option<NaiveDate>,
    pub doc_source: String,
    pub doc_title: Option<String>,
    /// The fact's position in its document's list (0-based): `doc_id` and
    /// `ord` identify a fact.
    pub ord: u32,
    /// The text of the evidence span.
    pub evidence_text: String,
    #[serde(flatten)]
    pub fact: T,
}

/// Which documents [`Store::extractions`](crate::Store::extractions) returns.
/// Every given condition must hold; the default selects all documents.
/// Results are ordered by document date (undated last), then id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocFilter {
    /// Each of these countries is mentioned: the document has an entity of
    /// that country (the country itself, or a person, place or
    /// organization of it).
    pub countries: Vec<CountryCode>,
    /// Document date on or after (undated documents are left out when
    /// `since` or `until` is given).
    pub since: Option<NaiveDate>,
    /// Document date on or before.
    pub until: Option<NaiveDate>,
    /// Case-insensitive substring of the title or the text.
    pub text: Option<String>,
    /// The document's language (ISO 639-1, "en"); documents whose language
    /// is unknown are left out when given.
    pub language: Option<String>,
    pub limit: Option<u64>,
    pub offset: u64,
}

/// Which events [`Store::events`](crate::Store::events) returns. Results are
/// ordered by date (the event's, else its document's; undated last), then
/// document id and position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// Each of these countries is the source or the target: the country
    /// part of the actor code, or the country of the actor entity. Two
    /// countries select the events of a dyad, in both directions.
    pub countries: Vec<CountryCode>,
    /// An actor code or its prefix ("BGR", "BGRGOV"), or an entity id,
    /// on either side.
    pub actor: Option<String>,
    /// The CAMEO code or a prefix of it ("04" matches "042").
    pub code: Option<CameoCode>,
    /// The CAMEO root category, 1..=20.
    pub root: Option<u8>,
    pub plover: Option<Plover>,
    /// 1 verbal cooperation .. 4 material conflict.
    pub quad_class: Option<u8>,
    /// Date (event's, else document's) on or after.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Case-insensitive substring of the evidence text.
    pub text: Option<String>,
    /// The document's language (ISO 639-1, "en"); facts of documents
    /// whose language is unknown are left out when given.
    pub language: Option<String>,
    pub limit: Option<u64>,
    pub offset: u64,
}

/// Which agreements [`Store::agreements`](crate::Store::agreements) returns,
/// ordered like events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgreementFilter {
    /// Each of these countries is involved: a party has that country, or
    /// the evidence text mentions an entity of that country.
    pub countries: Vec<CountryCode>,
    pub kind: Option<AgreementType>,
    /// A party's entity id, or a case-insensitive substring of its name.
    pub party: Option<String>,
    /// Date (agreement's, else document's) on or after.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Case-insensitive substring of the title, subject or evidence text.
    pub text: Option<String>,
    /// The document's language (ISO 639-1, "en"); facts of documents
    /// whose language is unknown are left out when given.
    pub language: Option<String>,
    pub limit: Option<u64>,
    pub offset: u64,
}

/// Which figures (quantities) [`Store::figures`](crate::Store::figures)
/// returns, ordered by document date, id and position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureFilter {
    /// Each of these countries is among the figure's countries.
    pub countries: Vec<CountryCode>,
    pub kind: Option<QuantityKind>,
    pub measure: Option<Measure>,
    /// Exact unit ("USD", "%").
    pub unit: Option<String>,
    /// Document date on or after.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Case-insensitive substring of the subject or evidence text.
    pub text: Option<String>,
    /// The document's language (ISO 639-1, "en"); facts of documents
    /// whose language is unknown are left out when given.
    pub language: Option<String>,
    pub limit: Option<u64>,
    pub offset: u64,
}

/// Which quotes [`Store::quotes`](crate::Store::quotes) returns, ordered by
/// document date, id and position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteFilter {
    /// Each of these countries is mentioned in the quote's document.
    pub countries: Vec<CountryCode>,
    /// The speaker's entity id, or a case-insensitive substring of the
    /// speaker's name.
    pub speaker: Option<String>,
    /// Document date on or after.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Case-insensitive substring of the quoted words.
    pub text: Option<String>,
    /// The document's language (ISO 639-1, "en"); facts of documents
    /// whose language is unknown are left out when given.
    pub language: Option<String>,
    pub limit: Option<u64>,
    pub offset: u64,
}

/// Which topics [`Store::topics`](crate::Store::topics) returns, ordered by
/// document date, id and position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopicFilter {
    /// Each of these countries is among the topic's countries.
    pub countries: Vec<CountryCode>,
    /// The exact topic ("energy").
    pub topic: Option<String>,
    pub status: Option<TopicStatus>,
    /// Document date on or after.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Case-insensitive substring of the evidence text.
    pub text: Option<String>,
    /// The document's language (ISO 639-1, "en"); facts of documents
    /// whose language is unknown are left out when given.
    pub language: Option<String>,
    pub limit: Option<u64>,
    pub offset: u64,
}
