//! dyad's aggregation: many documents -> one picture of a relationship
//! between two countries (a *dyad*).
//!
//! Sits after `store` in the pipeline: it takes the [`Extraction`]s the
//! store hands back (with `doc.text` filled, so evidence sentences can be
//! quoted) and builds a [`DyadReport`]:
//!
//! - **merged events** ([`MergedEvent`]): the same event reported by several
//!   articles (same CAMEO base code, same pair of countries, dates within a
//!   day) is one event with its article count and every evidence;
//! - **agreements registry** ([`AgreementRecord`]): same type and same
//!   parties is one agreement;
//! - **figure series** ([`FigureSeries`]): every reported figure per measure,
//!   unit and period, with conflicting reports marked and values derived
//!   from stated changes ("quadrupled from 2023") added and marked;
//! - **topics** by status, **latest quotations** by each side, and the
//!   **institutions and cities** that the agreements link.
//!
//! This crate does no I/O and reads no clock: the same input gives the same
//! report.
//!
//! ```
//! use dyad_aggregate::{report, Pair, Window};
//! use dyad_model::CountryCode;
//! let pair = Pair::new(CountryCode::new("KAZ").unwrap(), CountryCode::new("BGR").unwrap());
//! let r = report(&[], pair, Window::default());
//! assert!(r.events.is_empty() && r.agreements.is_empty());
//! ```

mod agreements;
mod events;
mod figures;
mod names;
mod pairs;
mod profile;

use chrono::NaiveDate;
use dyad_model::{CountryCode, DocId, EntityKind, Extraction, Span};
use serde::Serialize;

pub use agreements::{AgreementRecord, Institution};
pub use events::{base_code, merge_events, MergedEvent};
pub use figures::{FigurePoint, FigureSeries, Origin};
pub use names::{code_name, is_group};
pub use pairs::{pairs, resolve_country, PairCounter, PairSummary};
pub use profile::{QuoteRecord, TopicEntry};

/// Most quotations kept per side, latest first.
pub const QUOTES_PER_SIDE: usize = 10;

/// Two different countries. The order is the order asked for (`report KAZ
/// BGR` puts Kazakhstan first); matching is unordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Pair {
    pub a: CountryCode,
    pub b: CountryCode,
}

impl Pair {
    pub fn new(a: CountryCode, b: CountryCode) -> Self {
        Pair { a, b }
    }

    pub fn contains(&self, c: CountryCode) -> bool {
        c == self.a || c == self.b
    }

    /// Whether `x` and `y` are the two countries of the pair, in either order.
    pub fn matches(&self, x: CountryCode, y: CountryCode) -> bool {
        (x == self.a && y == self.b) || (x == self.b && y == self.a)
    }

    /// Whether a list of countries names both countries of the pair.
    pub fn both_in(&self, cs: &[CountryCode]) -> bool {
        self.a != self.b && cs.contains(&self.a) && cs.contains(&self.b)
    }
}

/// A date window, both ends inclusive. With an end set, undated facts are
/// left out (a fact whose date is unknown cannot be said to lie inside).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Window {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Window {
    pub fn admits(&self, date: Option<NaiveDate>) -> bool {
        match date {
            None => self.since.is_none() && self.until.is_none(),
            Some(d) => {
                !matches!(self.since, Some(s) if d < s) && !matches!(self.until, Some(u) if d > u)
            }
        }
    }
}

/// One piece of evidence: a character span of one document's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub doc: DocId,
    /// The document's date.
    pub date: Option<NaiveDate>,
    /// `[start, end)` in Unicode characters of the document's text.
    pub span: Span,
    /// The text the span covers, when the document's text was given.
    pub text: Option<String>,
}

impl Evidence {
    pub(crate) fn of(ex: &Extraction, span: Span) -> Self {
        Evidence {
            doc: ex.doc.id.clone(),
            date: ex.doc.date,
            span,
            text: ex.doc.text.as_deref().map(|t| char_slice(t, span)),
        }
    }
}

/// A document the report draws on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocRef {
    pub id: DocId,
    pub source: String,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
}

/// Everything the documents say about one pair of countries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadReport {
    pub a: CountryCode,
    pub b: CountryCode,
    /// The countries' names as the documents' entities give them.
    pub a_name: Option<String>,
    pub b_name: Option<String>,
    pub window: Window,
    /// Documents that contributed at least one fact, oldest first.
    pub documents: Vec<DocRef>,
    /// The timeline, oldest first (undated events last).
    pub events: Vec<MergedEvent>,
    pub agreements: Vec<AgreementRecord>,
    pub figures: Vec<FigureSeries>,
    /// By status (active, planned, potential, unknown), then by article count.
    pub topics: Vec<TopicEntry>,
    /// Latest first within each side; at most [`QUOTES_PER_SIDE`] per side.
    pub quotes: Vec<QuoteRecord>,
    /// The parties the agreements link (ministries, chambers, cities).
    pub institutions: Vec<Institution>,
}

/// Builds the report for `pair` from `docs`, keeping facts dated inside
/// `window` (a fact without a date of its own takes its document's date).
pub fn report(docs: &[Extraction], pair: Pair, window: Window) -> DyadReport {
    let events = events::merge(docs, pair, window);
    let agreements = agreements::registry(docs, pair, window);
    let institutions = agreements::institutions(docs, &agreements);
    let figures = figures::series(docs, pair, window);
    let topics = profile::topics(docs, pair, window);
    let quotes = profile::quotes(docs, pair, window);

    let mut used: Vec<&DocId> = Vec::new();
    used.extend(
        events
            .iter()
            .flat_map(|e| e.evidence.iter().map(|v| &v.doc)),
    );
    used.extend(
        agreements
            .iter()
            .flat_map(|e| e.evidence.iter().map(|v| &v.doc)),
    );
    used.extend(
        figures
            .iter()
            .flat_map(|s| s.points.iter().map(|p| &p.evidence.doc)),
    );
    used.extend(
        topics
            .iter()
            .flat_map(|t| t.evidence.iter().map(|v| &v.doc)),
    );
    used.extend(quotes.iter().map(|q| &q.evidence.doc));
    let mut documents: Vec<DocRef> = docs
        .iter()
        .filter(|ex| used.contains(&&ex.doc.id))
        .map(|ex| DocRef {
            id: ex.doc.id.clone(),
            source: ex.doc.source.clone(),
            title: ex.doc.title.clone(),
            date: ex.doc.date,
        })
        .collect();
    documents
        .sort_by(|x, y| (x.date.is_none(), x.date, &x.id).cmp(&(y.date.is_none(), y.date, &y.id)));
    documents.dedup_by(|x, y| x.id == y.id);

    DyadReport {
        a: pair.a,
        b: pair.b,
        a_name: country_name(docs, pair.a).or_else(|| code_name(pair.a).map(str::to_string)),
        b_name: country_name(docs, pair.b).or_else(|| code_name(pair.b).map(str::to_string)),
        window,
        documents,
        events,
        agreements,
        figures,
        topics,
        quotes,
        institutions,
    }
}

/// Keeps, of the events between the pair's two codes, those whose actor on
/// side a starts with `a_actor` and whose actor on side b starts with
/// `b_actor` (when given): a named body such as NATO ("IGOWSTNAT") is one
/// side of a pair under its group code ("IGO"). Other events and facts are
/// left as they are.
pub fn narrow_events(
    docs: &mut [Extraction],
    pair: Pair,
    a_actor: Option<&str>,
    b_actor: Option<&str>,
) {
    if a_actor.is_none() && b_actor.is_none() {
        return;
    }
    let fits = |code: &str, c: CountryCode| {
        let want = if c == pair.a { a_actor } else { b_actor };
        want.is_none_or(|w| code.starts_with(w))
    };
    for ex in docs {
        ex.events.retain(|ev| {
            let (Some(s), Some(t)) = (&ev.source, &ev.target) else {
                return true;
            };
            let (Ok(sc), Ok(tc)) = (
                CountryCode::new(s.country_part()),
                CountryCode::new(t.country_part()),
            ) else {
                return true;
            };
            !pair.matches(sc, tc) || (fits(s.as_str(), sc) && fits(t.as_str(), tc))
        });
    }
}

/// The name the documents' country entities give `code`.
pub fn country_name(docs: &[Extraction], code: CountryCode) -> Option<String> {
    docs.iter()
        .flat_map(|ex| ex.entities.iter())
        .find(|e| e.kind == EntityKind::Country && e.id == code.as_str())
        .map(|e| e.name.clone())
}

/// Whether a document mentions country `c`: an entity that is the country
/// or belongs to it.
pub(crate) fn mentions_country(ex: &Extraction, c: CountryCode) -> bool {
    ex.entities
        .iter()
        .any(|e| e.country == Some(c) || (e.kind == EntityKind::Country && e.id == c.as_str()))
}

/// Whether a document mentions both countries of the pair.
pub(crate) fn about_pair(ex: &Extraction, pair: Pair) -> bool {
    pair.a != pair.b && mentions_country(ex, pair.a) && mentions_country(ex, pair.b)
}

/// The characters `[span.start, span.end)` of `text` (clamped to its end).
pub fn char_slice(text: &str, span: Span) -> String {
    text.chars()
        .skip(span.start)
        .take(span.end.saturating_sub(span.start))
        .collect()
}

/// Lowercase, single-spaced, without a leading "the": the key under which
/// two spellings of one name are the same.
pub(crate) fn norm_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

#[cfg(test)]
pub(crate) mod testkit;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn window_admits() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let w = Window {
            since: d("2025-01-01"),
            until: d("2025-12-31"),
        };
        assert!(w.admits(d("2025-06-09")));
        assert!(!w.admits(d("2024-12-31")));
        assert!(!w.admits(None));
        assert!(Window::default().admits(None));
    }

    #[test]
    fn a_named_body_narrows_a_group_side() {
        use crate::testkit::{cc, doc, event};
        let mut a = doc("a", "2025-03-10", "x");
        a.events
            .push(event("042", "USAGOV", "IGOWSTNAT", None, Span::new(0, 1)));
        a.events
            .push(event("040", "IGOUNO", "USAGOV", None, Span::new(0, 1)));
        a.events
            .push(event("040", "UZBGOV", "HUNGOV", None, Span::new(0, 1)));
        let pair = Pair::new(cc("USA"), cc("IGO"));
        let mut docs = vec![a];
        assert_eq!(report(&docs, pair, Window::default()).events.len(), 2);
        narrow_events(&mut docs, pair, None, Some("IGOWSTNAT"));
        let r = report(&docs, pair, Window::default());
        assert_eq!(r.events.len(), 1);
        assert_eq!(r.events[0].code.as_str(), "042");
        assert_eq!(docs[0].events.len(), 2, "other pairs' events stay");
        assert_eq!(r.b_name.as_deref(), Some("International organizations"));
    }

    #[test]
    fn names_normalize() {
        assert_eq!(
            norm_name("The  Ministry of\nTransport"),
            "ministry of transport"
        );
    }

    proptest! {
        #[test]
        fn char_slice_never_panics(text in "\\PC{0,30}", s in 0usize..40, len in 0usize..40) {
            let out = char_slice(&text, Span::new(s, s + len));
            prop_assert!(out.chars().count() <= len);
        }
    }
}
