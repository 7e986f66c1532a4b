//! Which pairs the documents talk about, and country names to codes.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate};
use dyad_model::{Agreement, CountryCode, EntityKind, Event, Extraction};
use serde::Serialize;

use crate::events::actor_country;
use crate::names::code_name;
use crate::{country_name, norm_name};

/// A pair of countries with the facts that link them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairSummary {
    /// The smaller code first.
    pub a: CountryCode,
    pub b: CountryCode,
    pub a_name: Option<String>,
    pub b_name: Option<String>,
    /// Documents with an event or agreement between the two.
    pub documents: usize,
    pub events: usize,
    pub agreements: usize,
    /// The earliest and latest date of a fact (the fact's, else its
    /// document's).
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    /// Events and agreements per month ("2025-03"), for a sparkline.
    pub months: BTreeMap<String, usize>,
}

/// Every pair of countries (codes some document resolves as country
/// entities) that has an event between them or an agreement whose parties
/// belong to both, most documents first.
pub fn pairs(docs: &[Extraction]) -> Vec<PairSummary> {
    let mut counter = PairCounter::default();
    for ex in docs {
        for ev in &ex.events {
            counter.add_event(&ex.doc.id, ex.doc.date, ev);
        }
        for ag in &ex.agreements {
            counter.add_agreement(&ex.doc.id, ex.doc.date, ag);
        }
    }
    counter.finish(|c| country_name(docs, c))
}

/// Counts pairs fact by fact, for callers that have fact rows rather than
/// whole extractions (the server pages through the store's event and
/// agreement rows).
#[derive(Debug, Default)]
pub struct PairCounter {
    pairs: BTreeMap<(CountryCode, CountryCode), (PairSummary, HashSet<String>)>,
}

impl PairCounter {
    /// Counts an event of document `doc` (dated `doc_date`) between two
    /// countries or groups.
    pub fn add_event(&mut self, doc: &str, doc_date: Option<NaiveDate>, ev: &Event) {
        if let (Some(s), Some(t)) = (&ev.source, &ev.target) {
            if let (Some(x), Some(y)) = (actor_country(s), actor_country(t)) {
                self.add(doc, ev.date.or(doc_date), x, y, true);
            }
        }
    }

    /// Counts an agreement of document `doc` once for every two countries
    /// its parties belong to.
    pub fn add_agreement(&mut self, doc: &str, doc_date: Option<NaiveDate>, ag: &Agreement) {
        let date = ag.date.or(doc_date);
        let mut cs: Vec<CountryCode> = ag.parties.iter().filter_map(|p| p.country).collect();
        cs.sort();
        cs.dedup();
        for (i, x) in cs.iter().enumerate() {
            for y in &cs[i + 1..] {
                self.add(doc, date, *x, *y, false);
            }
        }
    }

    fn add(
        &mut self,
        doc: &str,
        date: Option<NaiveDate>,
        x: CountryCode,
        y: CountryCode,
        is_event: bool,
    ) {
        if x == y {
            return;
        }
        let (a, b) = if x < y { (x, y) } else { (y, x) };
        let (p, seen) = self.pairs.entry((a, b)).or_insert_with(|| {
            (
                PairSummary {
                    a,
                    b,
                    a_name: None,
                    b_name: None,
                    documents: 0,
                    events: 0,
                    agreements: 0,
                    first: None,
                    last: None,
                    months: BTreeMap::new(),
                },
                HashSet::new(),
            )
        });
        if is_event {
            p.events += 1;
        } else {
            p.agreements += 1;
        }
        if seen.insert(doc.to_string()) {
            p.documents += 1;
        }
        if let Some(d) = date {
            p.first = Some(p.first.map_or(d, |f| f.min(d)));
            p.last = Some(p.last.map_or(d, |l| l.max(d)));
            let month = format!("{:04}-{:02}", d.year(), d.month());
            *p.months.entry(month).or_insert(0) += 1;
        }
    }

    /// Every code seen, once, in order.
    pub fn countries(&self) -> Vec<CountryCode> {
        let mut cs: Vec<CountryCode> = self.pairs.keys().flat_map(|(a, b)| [*a, *b]).collect();
        cs.sort();
        cs.dedup();
        cs
    }

    /// Every pair, most documents first, named by `name` or else by the
    /// built-in table of country and group names ([`code_name`]); a code
    /// neither knows keeps no name but its pair is listed all the same.
    pub fn finish(self, mut name: impl FnMut(CountryCode) -> Option<String>) -> Vec<PairSummary> {
        let mut names: BTreeMap<CountryCode, Option<String>> = BTreeMap::new();
        let mut named = |c: CountryCode| {
            names
                .entry(c)
                .or_insert_with(|| name(c).or_else(|| code_name(c).map(str::to_string)))
                .clone()
        };
        let mut out: Vec<PairSummary> = Vec::new();
        for (_, (mut p, _)) in self.pairs {
            p.a_name = named(p.a);
            p.b_name = named(p.b);
            out.push(p);
        }
        out.sort_by(|x, y| {
            (std::cmp::Reverse(x.documents), x.a, x.b).cmp(&(
                std::cmp::Reverse(y.documents),
                y.a,
                y.b,
            ))
        });
        out
    }
}

/// A country code from what a user typed: an alpha-3 code ("kaz"), or a
/// name or alias the documents' country entities carry ("Kazakhstan"),
/// or a name `extra` knows (a gazetteer lookup the caller passes).
pub fn resolve_country(
    input: &str,
    docs: &[Extraction],
    extra: impl Fn(&str) -> Option<CountryCode>,
) -> Option<CountryCode> {
    let input = input.trim();
    if input.len() == 3 && input.bytes().all(|b| b.is_ascii_alphabetic()) {
        return CountryCode::new(input).ok();
    }
    let key = norm_name(input);
    docs.iter()
        .flat_map(|ex| ex.entities.iter())
        .find(|e| e.kind == EntityKind::Country && norm_name(&e.name) == key)
        .and_then(|e| CountryCode::new(&e.id).ok())
        .or_else(|| extra(input))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::*;
    use dyad_model::{AgreementType, Span};

    #[test]
    fn pairs_are_counted_by_document() {
        let mut a = doc("a", "2025-03-10", "x");
        a.events
            .push(event("042", "UZBGOV", "HUNGOV", None, Span::new(0, 1)));
        a.events
            .push(event("057", "HUNGOV", "UZBGOV", None, Span::new(0, 1)));
        a.events
            .push(event("040", "UZBGOV", "UZBGOV", None, Span::new(0, 1)));
        a.events
            .push(event("040", "UZBGOV", "IGOUNO", None, Span::new(0, 1)));
        let mut b = doc("b", "2025-03-11", "x");
        b.agreements.push(agreement(
            AgreementType::Memorandum,
            vec![party("Ministry of Energy", "UZB"), party("Gazprom", "RUS")],
            Span::new(0, 1),
        ));
        b.events
            .push(event("042", "HUNGOV", "UZBGOV", None, Span::new(0, 1)));
        let mut russia = b.entities[0].clone();
        russia.id = "RUS".into();
        russia.name = "Russia".into();
        russia.country = Some(cc("RUS"));
        b.entities.push(russia);
        let p = pairs(&[a, b]);
        assert_eq!(p.len(), 3);
        assert_eq!((p[0].a.as_str(), p[0].b.as_str()), ("HUN", "UZB"));
        assert_eq!((p[0].documents, p[0].events), (2, 3));
        assert_eq!(p[0].a_name.as_deref(), Some("Hungary"));
        assert_eq!(
            p[0].months.iter().collect::<Vec<_>>(),
            [(&"2025-03".to_string(), &3)]
        );
        assert_eq!(p[0].first, Some(d("2025-03-10")));
        assert_eq!(p[0].last, Some(d("2025-03-11")));
        // The UN is a group, not a country: its pair is listed under the
        // group's name.
        assert_eq!((p[1].a.as_str(), p[1].b.as_str()), ("IGO", "UZB"));
        assert_eq!(p[1].a_name.as_deref(), Some("International organizations"));
        assert_eq!((p[2].a.as_str(), p[2].agreements), ("RUS", 1));
    }

    #[test]
    fn names_resolve_through_the_documents() {
        let a = doc("a", "2025-03-10", "x");
        let none = |_: &str| None;
        assert_eq!(resolve_country("uzb", &[], none), Some(cc("UZB")));
        assert_eq!(
            resolve_country(" hungary ", std::slice::from_ref(&a), none),
            Some(cc("HUN"))
        );
        assert_eq!(resolve_country("Atlantis", &[a], none), None);
        assert_eq!(
            resolve_country("Atlantis", &[], |_| Some(cc("ATL"))),
            Some(cc("ATL"))
        );
    }
}
