//! dyad's storage: SQLite by default, PostgreSQL when asked.
//!
//! Sits after extract in the pipeline: `dyad ingest` writes each document
//! with its [`Extraction`]; aggregate, serve and the query commands read it
//! back, as whole extractions or as typed fact rows.
//!
//! ```text
//! read -> analyze -> extract -> [store] -> aggregate -> serve
//! ```
//!
//! # The API
//!
//! [`open`] takes `--db`'s value: `postgres://...` or `postgresql://...`
//! opens PostgreSQL (cargo feature `postgres`), anything else is a SQLite
//! file path, created if absent ([`DEFAULT_DB`] is `dyad.sqlite`). It
//! returns a [`Store`], an object-safe, `Send + Sync` trait; every method
//! takes `&self` (each backend serializes access to its one connection).
//!
//! - [`Store::put_batch`] writes documents with their extractions in one
//!   transaction and reports how many were new ([`BatchOutcome`]). It is
//!   idempotent by [`Document::id`]: a document already stored, or given
//!   twice, is counted as a duplicate and left as it was. A batch is stored
//!   whole or not at all, so a killed ingest loses nothing it reported and
//!   leaves no half-written document.
//! - [`Store::document`] and [`Store::extractions`] give whole extractions
//!   (with `doc.text` filled) by id or by [`DocFilter`].
//! - [`Store::events`], [`Store::agreements`], [`Store::figures`],
//!   [`Store::quotes`] and [`Store::topics`] give fact rows ([`Row`]: the
//!   model's own fact plus its document's id, date, source, title and the
//!   evidence text), selected by a filter whose values are bound as query
//!   parameters, never spliced into SQL.
//! - [`Store::stats`] counts rows per table; [`Store::existing`] tells
//!   which ids are stored (so that ingest skips extracting them).
//!
//! # The schema
//!
//! Normalized tables: `documents`, `entities` and `mentions`, `events`,
//! `agreements` and `agreement_parties`, `quantities` and
//! `quantity_countries`, `quotes`, `topics` and `topic_countries`. A
//! document has its hashed `id` (unique) and a `seq` the database assigns
//! in insertion order, its `url` and `language` (schema version 3), and the
//! time it was `ingested` (UTC, set by [`Store::put_batch`]); facts are keyed by `(doc, ord)`, the document's
//! `seq` and the fact's position in the extraction, so that new rows append
//! to the b-trees instead of landing at random places. Category columns
//! carry CHECK constraints with the model's values. Migrations are
//! versioned in `schema_version`; each runs in its own transaction, and a
//! database written by a newer dyad is refused with
//! [`StoreError::TooNew`]. SQLite runs in WAL mode with foreign keys on and
//! `synchronous = FULL`, with two read-only connections beside the writer;
//! text search is a case-insensitive substring match (ASCII case folding
//! on SQLite).
//!
//! # Example
//!
//! ```
//! use dyad_model::{Document, Extraction};
//! use dyad_store::{DocFilter, Store, SqliteStore};
//!
//! let store = SqliteStore::open_in_memory()?;
//! let doc = Document::new("note.txt", "Sofia and Astana signed a roadmap.".to_string());
//! let ex = Extraction::empty(&doc);
//! let first = store.put_batch(&[(doc.clone(), ex.clone())])?;
//! let again = store.put_batch(&[(doc.clone(), ex)])?;
//! assert_eq!((first.stored, again.stored, again.duplicates), (1, 0, 1));
//! let back = store.extractions(&DocFilter::default())?;
//! assert_eq!(back[0].doc.text.as_deref(), Some(doc.text.as_str()));
//! # Ok::<(), dyad_store::StoreError>(())
//! ```

mod error;
#[cfg(feature = "postgres")]
mod pg;
mod read;
mod sql;
mod sqlite;
mod types;
mod write;

use std::collections::HashSet;

use dyad_model::{Agreement, DocId, Document, Event, Extraction, Quantity, Quote, Topic};

pub use error::{redact, Cause, Result, StoreError};
#[cfg(feature = "postgres")]
pub use pg::PgStore;
pub use sqlite::SqliteStore;
pub use types::{
    AgreementFilter, Backend, BatchOutcome, DocFilter, EventFilter, FigureFilter, QuoteFilter, Row,
    Stats, TopicFilter,
};

/// The database `--db` names when it is not given.
pub const DEFAULT_DB: &str = "dyad.sqlite";

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = sql::SCHEMA_VERSION;

/// Storage for documents and what was extracted from them. See the crate
/// docs for the contract every implementation keeps.
pub trait Store: Send + Sync + std::fmt::Debug {
    /// Which database this is.
    fn backend(&self) -> Backend;

    /// Stores each new document with its extraction, all in one
    /// transaction; documents already stored (same id) or repeated in the
    /// batch are duplicates and change nothing.
    fn put_batch(&self, docs: &[(Document, Extraction)]) -> Result<BatchOutcome>;

    /// The ids among `ids` that are stored.
    fn existing(&self, ids: &[&str]) -> Result<HashSet<DocId>>;

    /// One document and its extraction (`doc.text` filled).
    fn document(&self, id: &str) -> Result<Option<(Document, Extraction)>>;

    /// Whole extractions (`doc.text` filled) of the documents `filter`
    /// selects, by date (undated last), then id.
    fn extractions(&self, filter: &DocFilter) -> Result<Vec<Extraction>>;

    fn events(&self, filter: &EventFilter) -> Result<Vec<Row<Event>>>;
    fn agreements(&self, filter: &AgreementFilter) -> Result<Vec<Row<Agreement>>>;
    /// Quantities (figures).
    fn figures(&self, filter: &FigureFilter) -> Result<Vec<Row<Quantity>>>;
    fn quotes(&self, filter: &QuoteFilter) -> Result<Vec<Row<Quote>>>;
    fn topics(&self, filter: &TopicFilter) -> Result<Vec<Row<Topic>>>;

    /// Row counts per table.
    fn stats(&self) -> Result<Stats>;
}

/// Whether `target` names a PostgreSQL database rather than a file.
pub fn is_postgres_url(target: &str) -> bool {
    target.starts_with("postgres://") || target.starts_with("postgresql://")
}

/// Opens (creating and migrating as needed) the store `target` names:
/// a `postgres://` URL or a SQLite file path.
pub fn open(target: &str) -> Result<Box<dyn Store>> {
    if is_postgres_url(target) {
        #[cfg(feature = "postgres")]
        {
            return Ok(Box::new(PgStore::open(target)?));
        }
        #[cfg(not(feature = "postgres"))]
        {
            return Err(StoreError::NoPostgres {
                target: redact(target),
            });
        }
    }
    Ok(Box::new(SqliteStore::open(target)?))
}

/// Opens the existing store `target` names for reading only: never
/// creates or migrates it, and refuses one that is not dyad's or whose
/// schema is not this build's. For read commands and the server.
pub fn open_read_only(target: &str) -> Result<Box<dyn Store>> {
    if is_postgres_url(target) {
        #[cfg(feature = "postgres")]
        {
            return Ok(Box::new(PgStore::open_read_only(target)?));
        }
        #[cfg(not(feature = "postgres"))]
        {
            return Err(StoreError::NoPostgres {
                target: redact(target),
            });
        }
    }
    Ok(Box::new(SqliteStore::open_read_only(target)?))
}

/// Implements [`Store`] for a backend that implements `read::Conn` and has
/// `write(&self, f)` running `f` in a transaction.
macro_rules! impl_store {
    ($ty:ty, $backend:expr) => {
        impl Store for $ty {
            fn backend(&self) -> Backend {
                $backend
            }
            fn put_batch(&self, docs: &[(Document, Extraction)]) -> Result<BatchOutcome> {
                if docs.is_empty() {
                    return Ok(BatchOutcome::default());
                }
                self.write(|tx| write::put_batch(tx, docs))
                    .map_err(|cause| StoreError::Write {
                        docs: docs.len(),
                        first: docs[0].0.id.clone(),
                        cause,
                    })
            }
            fn existing(&self, ids: &[&str]) -> Result<HashSet<DocId>> {
                read::existing(self, ids)
            }
            fn document(&self, id: &str) -> Result<Option<(Document, Extraction)>> {
                read::document(self, id)
            }
            fn extractions(&self, filter: &DocFilter) -> Result<Vec<Extraction>> {
                read::extractions(self, filter)
            }
            fn events(&self, filter: &EventFilter) -> Result<Vec<Row<Event>>> {
                read::events(self, filter)
            }
            fn agreements(&self, filter: &AgreementFilter) -> Result<Vec<Row<Agreement>>> {
                read::agreements(self, filter)
            }
            fn figures(&self, filter: &FigureFilter) -> Result<Vec<Row<Quantity>>> {
                read::figures(self, filter)
            }
            fn quotes(&self, filter: &QuoteFilter) -> Result<Vec<Row<Quote>>> {
                read::quotes(self, filter)
            }
            fn topics(&self, filter: &TopicFilter) -> Result<Vec<Row<Topic>>> {
                read::topics(self, filter)
            }
            fn stats(&self) -> Result<Stats> {
                read::stats(self)
            }
        }
    };
}

impl_store!(SqliteStore, Backend::Sqlite);
#[cfg(feature = "postgres")]
impl_store!(PgStore, Backend::Postgres);
