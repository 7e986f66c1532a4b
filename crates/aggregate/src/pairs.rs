//! Which pairs the documents talk about, and country names to codes.

use dyad_model::{CountryCode, EntityKind, Extraction};
use serde::Serialize;

use crate::events::actor_country;
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
}

/// Every pair of countries (codes some document resolves as country
/// entities) that has an event between them or an agreement whose parties
/// belong to both, most documents first.
pub fn pairs(docs: &[Extraction]) -> Vec<PairSummary> {
    let mut out: Vec<(PairSummary, Vec<&str>)> = Vec::new();
    for ex in docs {
        let mut links: Vec<(CountryCode, CountryCode, bool)> = Vec::new();
        for ev in &ex.events {
            if let (Some(s), Some(t)) = (&ev.source, &ev.target) {
                if let (Some(x), Some(y)) = (actor_country(s), actor_country(t)) {
                    links.push((x, y, true));
                }
            }
        }
        for ag in &ex.agreements {
            let mut cs: Vec<CountryCode> = ag.parties.iter().filter_map(|p| p.country).collect();
            cs.sort();
            cs.dedup();
            for (i, x) in cs.iter().enumerate() {
                for y in &cs[i + 1..] {
                    links.push((*x, *y, false));
                }
            }
        }
        for (x, y, is_event) in links {
            if x == y {
                continue;
            }
            let (a, b) = if x < y { (x, y) } else { (y, x) };
            let i = match out.iter().position(|(p, _)| p.a == a && p.b == b) {
                Some(i) => i,
                None => {
                    out.push((
                        PairSummary {
                            a,
                            b,
                            a_name: None,
                            b_name: None,
                            documents: 0,
                            events: 0,
                            agreements: 0,
                        },
                        Vec::new(),
                    ));
                    out.len() - 1
                }
            };
            let (p, seen) = &mut out[i];
            if is_event {
                p.events += 1;
            } else {
                p.agreements += 1;
            }
            if !seen.contains(&ex.doc.id.as_str()) {
                seen.push(&ex.doc.id);
                p.documents += 1;
            }
        }
    }
    let mut out: Vec<PairSummary> = out.into_iter().map(|(p, _)| p).collect();
    for p in &mut out {
        p.a_name = country_name(docs, p.a);
        p.b_name = country_name(docs, p.b);
    }
    // Group codes ("IGO", "NGO") are not countries: a pair is two codes
    // that some document resolves as country entities.
    out.retain(|p| p.a_name.is_some() && p.b_name.is_some());
    out.sort_by(|x, y| {
        (std::cmp::Reverse(x.documents), x.a, x.b).cmp(&(std::cmp::Reverse(y.documents), y.a, y.b))
    });
    out
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
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].a.as_str(), p[0].b.as_str()), ("HUN", "UZB"));
        assert_eq!((p[0].documents, p[0].events), (2, 3));
        assert_eq!(p[0].a_name.as_deref(), Some("Hungary"));
        assert_eq!((p[1].a.as_str(), p[1].agreements), ("RUS", 1));
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
