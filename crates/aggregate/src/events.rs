//! Merged events: one event reported by many articles, counted once.
//!
//! Two event records are the same event when they have the same CAMEO base
//! code (the first three digits: "042" visit, "057" sign), the same pair of
//! countries as actors (either direction: a visit one article codes as
//! Bulgaria -> Kazakhstan another may code the other way), and dates no more
//! than one day apart (time zones, "yesterday"). Undated records merge only
//! within their own document.

use chrono::NaiveDate;
use dyad_model::{ActorCode, CameoCode, CountryCode, DocId, Extraction, Plover, Span};
use serde::Serialize;

use crate::{Evidence, Pair, Window};

/// One event, with every article that reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergedEvent {
    /// The code most records give (the most specific on a tie).
    pub code: CameoCode,
    /// Every code the records give, sorted.
    pub codes: Vec<CameoCode>,
    pub plover: Option<Plover>,
    pub quad_class: u8,
    pub goldstein: f32,
    /// Actors of the representative record.
    pub source: ActorCode,
    pub target: ActorCode,
    /// The earliest date the records give.
    pub date: Option<NaiveDate>,
    pub place: Option<String>,
    /// Distinct documents that report it.
    pub articles: usize,
    /// Event records merged (one article may report it twice).
    pub mentions: usize,
    /// One per record, in document order.
    pub evidence: Vec<Evidence>,
}

struct Rec<'a> {
    ex: &'a Extraction,
    ev: &'a dyad_model::Event,
    src: &'a ActorCode,
    tgt: &'a ActorCode,
    base: String,
    date: Option<NaiveDate>,
}

/// The actor's country, when the actor code starts with one (not "IGO").
pub(crate) fn actor_country(a: &ActorCode) -> Option<CountryCode> {
    CountryCode::new(a.country_part()).ok()
}

/// The first three digits of a code ("0311" -> "031"; "04" stays "04").
pub fn base_code(c: CameoCode) -> String {
    c.as_str().chars().take(3).collect()
}

/// The pair's events in `docs`, merged, oldest first.
pub(crate) fn merge(docs: &[Extraction], pair: Pair, window: Window) -> Vec<MergedEvent> {
    let mut recs: Vec<Rec<'_>> = Vec::new();
    for ex in docs {
        for ev in &ex.events {
            let (Some(src), Some(tgt)) = (&ev.source, &ev.target) else {
                continue;
            };
            let (Some(sc), Some(tc)) = (actor_country(src), actor_country(tgt)) else {
                continue;
            };
            if !pair.matches(sc, tc) {
                continue;
            }
            let date = ev.date.or(ex.doc.date);
            if !window.admits(date) {
                continue;
            }
            recs.push(Rec {
                ex,
                ev,
                src,
                tgt,
                base: base_code(ev.code),
                date,
            });
        }
    }
    // Dated records first, by base code and date; undated ones grouped by
    // document.
    recs.sort_by(|x, y| {
        (&x.base, x.date.is_none(), x.date, undated_doc(x)).cmp(&(
            &y.base,
            y.date.is_none(),
            y.date,
            undated_doc(y),
        ))
    });
    let mut out = Vec::new();
    let mut i = 0;
    while i < recs.len() {
        let first = &recs[i];
        let mut j = i + 1;
        while j < recs.len() && same_event(first, &recs[j]) {
            j += 1;
        }
        out.push(build(&recs[i..j]));
        i = j;
    }
    out.sort_by(|x, y| {
        (x.date.is_none(), x.date, x.code, &x.source).cmp(&(
            y.date.is_none(),
            y.date,
            y.code,
            &y.source,
        ))
    });
    out
}

fn undated_doc<'a>(r: &Rec<'a>) -> Option<&'a DocId> {
    r.date.is_none().then_some(&r.ex.doc.id)
}

fn same_event(first: &Rec<'_>, r: &Rec<'_>) -> bool {
    if first.base != r.base {
        return false;
    }
    match (first.date, r.date) {
        (Some(a), Some(b)) => (b - a).num_days().abs() <= 1,
        (None, None) => first.ex.doc.id == r.ex.doc.id,
        _ => false,
    }
}

fn build(group: &[Rec<'_>]) -> MergedEvent {
    // The representative: the most frequent code, then the longest (most
    // specific), then the smallest, for a stable choice.
    let mut codes: Vec<CameoCode> = group.iter().map(|r| r.ev.code).collect();
    codes.sort();
    let count = |c: CameoCode| group.iter().filter(|r| r.ev.code == c).count();
    let code = codes
        .iter()
        .copied()
        .max_by(|x, y| {
            (count(*x), x.as_str().len(), std::cmp::Reverse(*x)).cmp(&(
                count(*y),
                y.as_str().len(),
                std::cmp::Reverse(*y),
            ))
        })
        .unwrap_or(group[0].ev.code);
    codes.dedup();
    let rep = group
        .iter()
        .find(|r| r.ev.code == code)
        .unwrap_or(&group[0]);
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut seen: Vec<(&DocId, Span)> = Vec::new();
    for r in group {
        if !seen.contains(&(&r.ex.doc.id, r.ev.evidence)) {
            seen.push((&r.ex.doc.id, r.ev.evidence));
            evidence.push(Evidence::of(r.ex, r.ev.evidence));
        }
    }
    let mut docs: Vec<&DocId> = group.iter().map(|r| &r.ex.doc.id).collect();
    docs.sort();
    docs.dedup();
    MergedEvent {
        code,
        codes,
        plover: rep.ev.plover,
        quad_class: rep.ev.quad_class,
        goldstein: rep.ev.goldstein,
        source: rep.src.clone(),
        target: rep.tgt.clone(),
        date: group.iter().filter_map(|r| r.date).min(),
        place: group.iter().find_map(|r| r.ev.place.clone()),
        articles: docs.len(),
        mentions: group.len(),
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::*;

    fn pair() -> Pair {
        Pair::new(cc("UZB"), cc("HUN"))
    }

    #[test]
    fn one_visit_reported_by_three_articles_is_one_event() {
        let mut a = doc("a", "2025-03-10", "Karimov arrived in Budapest on Monday.");
        let sa = span_of(&a, "Karimov arrived in Budapest");
        a.events
            .push(event("042", "UZBGOV", "HUNGOV", Some("2025-03-10"), sa));
        let mut b = doc("b", "2025-03-11", "Varga welcomed Karimov in Budapest.");
        let sb = span_of(&b, "Varga welcomed Karimov");
        // Coded the other way round and a day later: still the same visit.
        b.events
            .push(event("0421", "HUNGOV", "UZBGOV", Some("2025-03-11"), sb));
        let mut c = doc("c", "2025-03-10", "The Uzbek leader visited Hungary.");
        let sc = span_of(&c, "visited Hungary");
        c.events.push(event("042", "UZBGOV", "HUNGOV", None, sc));
        // A visit in another month is another event.
        let mut e = doc("e", "2025-09-01", "Varga went to Tashkent.");
        let se = span_of(&e, "Varga went to Tashkent");
        e.events.push(event("042", "HUNGOV", "UZBGOV", None, se));
        let merged = merge(&[a, b, c, e], pair(), Window::default());
        assert_eq!(merged.len(), 2);
        let visit = &merged[0];
        assert_eq!(visit.code.as_str(), "042");
        assert_eq!(visit.codes.len(), 2);
        assert_eq!(visit.articles, 3);
        assert_eq!(visit.date, Some(d("2025-03-10")));
        assert_eq!(
            visit.evidence[0].text.as_deref(),
            Some("Karimov arrived in Budapest")
        );
        assert_eq!(merged[1].articles, 1);
        assert_eq!(merged[1].date, Some(d("2025-09-01")));
    }

    #[test]
    fn other_codes_other_pairs_and_window_are_kept_apart() {
        let mut a = doc(
            "a",
            "2025-03-10",
            "They met and signed a deal. Karimov met Putin.",
        );
        let s = span_of(&a, "They met and signed a deal.");
        a.events.push(event("042", "UZBGOV", "HUNGOV", None, s));
        a.events.push(event("057", "UZBGOV", "HUNGOV", None, s));
        a.events.push(event("040", "UZBGOV", "RUSGOV", None, s));
        a.events.push(event("040", "UZBGOV", "UZBGOV", None, s));
        let all = merge(std::slice::from_ref(&a), pair(), Window::default());
        assert_eq!(all.len(), 2);
        let late = Window {
            since: Some(d("2025-04-01")),
            until: None,
        };
        assert!(merge(&[a], pair(), late).is_empty());
    }

    #[test]
    fn undated_records_merge_within_their_document_only() {
        let mut a = doc("a", "2025-03-10", "x");
        a.doc.date = None;
        let mut b = a.clone();
        b.doc.id = "b".into();
        a.events
            .push(event("042", "UZBGOV", "HUNGOV", None, Span::new(0, 1)));
        a.events
            .push(event("042", "UZBGOV", "HUNGOV", None, Span::new(0, 1)));
        b.events
            .push(event("042", "UZBGOV", "HUNGOV", None, Span::new(0, 1)));
        let m = merge(&[a, b], pair(), Window::default());
        assert_eq!(m.len(), 2);
        assert_eq!(m.iter().map(|e| e.mentions).sum::<usize>(), 3);
        assert!(m.iter().all(|e| e.evidence.len() == 1));
    }
}
