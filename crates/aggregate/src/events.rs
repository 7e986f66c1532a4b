//! Merged events: one event reported by many articles, counted once.
//!
//! Two event records are the same event when they have the same CAMEO base
//! code (the first three digits: "042" visit, "057" sign), the same pair of
//! countries as actors (either direction: a visit one article codes as
//! Bulgaria -> Kazakhstan another may code the other way), and dates no more
//! than one day apart (time zones, "yesterday"). Undated records merge only
//! within their own document.

use chrono::NaiveDate;
use dyad_model::{ActorCode, CameoCode, CountryCode, DocId, EntityKind, Extraction, Plover, Span};
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
    pub source: Option<ActorCode>,
    pub target: Option<ActorCode>,
    /// The actors' entity names ("Rumen Radev"), when resolved.
    pub source_name: Option<String>,
    pub target_name: Option<String>,
    /// The earliest date the records give.
    pub date: Option<NaiveDate>,
    pub place: Option<String>,
    /// The place's coordinates, when a document resolves it.
    pub place_lat: Option<f64>,
    pub place_lon: Option<f64>,
    /// Whether some report states it in its document's first paragraph
    /// (GDELT's IsRootEvent).
    pub lead: bool,
    /// Distinct sources (paths, URLs) that report it.
    pub sources: usize,
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
    src: Option<&'a ActorCode>,
    tgt: Option<&'a ActorCode>,
    /// The actors' codes, smaller first: the event's key with the base code.
    actors: (String, String),
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
    merge_events(docs, Some(pair), window)
}

/// Events in `docs` merged, oldest first: with `pair`, only those between
/// its two countries (by the actors' country parts, either direction);
/// without, every event (the GDELT export's rows), keyed by its actors.
pub fn merge_events(docs: &[Extraction], pair: Option<Pair>, window: Window) -> Vec<MergedEvent> {
    let mut recs: Vec<Rec<'_>> = Vec::new();
    for ex in docs {
        for ev in &ex.events {
            let (src, tgt) = (ev.source.as_ref(), ev.target.as_ref());
            let actors = match pair {
                Some(pair) => {
                    let (Some(sc), Some(tc)) =
                        (src.and_then(actor_country), tgt.and_then(actor_country))
                    else {
                        continue;
                    };
                    if !pair.matches(sc, tc) {
                        continue;
                    }
                    let (x, y) = (sc.to_string(), tc.to_string());
                    if x < y {
                        (x, y)
                    } else {
                        (y, x)
                    }
                }
                None => {
                    let code = |a: Option<&ActorCode>| {
                        a.map(|a| a.as_str().to_string()).unwrap_or_default()
                    };
                    let (x, y) = (code(src), code(tgt));
                    if x < y {
                        (x, y)
                    } else {
                        (y, x)
                    }
                }
            };
            let date = ev.date.or(ex.doc.date);
            if !window.admits(date) {
                continue;
            }
            recs.push(Rec {
                ex,
                ev,
                src,
                tgt,
                actors,
                base: base_code(ev.code),
                date,
            });
        }
    }
    // Dated records first, by actors, base code and date; undated ones
    // grouped by document.
    recs.sort_by(|x, y| {
        (&x.actors, &x.base, x.date.is_none(), x.date, undated_doc(x)).cmp(&(
            &y.actors,
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
        (x.date.is_none(), x.date, x.code, &x.source, &x.target).cmp(&(
            y.date.is_none(),
            y.date,
            y.code,
            &y.source,
            &y.target,
        ))
    });
    out
}

fn undated_doc<'a>(r: &Rec<'a>) -> Option<&'a DocId> {
    r.date.is_none().then_some(&r.ex.doc.id)
}

fn same_event(first: &Rec<'_>, r: &Rec<'_>) -> bool {
    if first.base != r.base || first.actors != r.actors {
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
    let mut sources: Vec<&str> = group.iter().map(|r| r.ex.doc.source.as_str()).collect();
    sources.sort();
    sources.dedup();
    let place = group.iter().find_map(|r| r.ev.place.clone());
    let geo = place.as_deref().and_then(|name| {
        group.iter().find_map(|r| {
            r.ex.entities
                .iter()
                .find(|e| e.kind == EntityKind::Place && e.name == name)
                .and_then(|e| Some((e.lat?, e.lon?)))
        })
    });
    let name = |id: Option<&String>| {
        let id = id?;
        rep.ex
            .entities
            .iter()
            .find(|e| e.id == *id)
            .map(|e| e.name.clone())
    };
    MergedEvent {
        code,
        codes,
        plover: rep.ev.plover,
        quad_class: rep.ev.quad_class,
        goldstein: rep.ev.goldstein,
        source: rep.src.cloned(),
        target: rep.tgt.cloned(),
        source_name: name(rep.ev.source_entity.as_ref()),
        target_name: name(rep.ev.target_entity.as_ref()),
        date: group.iter().filter_map(|r| r.date).min(),
        place,
        place_lat: geo.map(|g| g.0),
        place_lon: geo.map(|g| g.1),
        lead: group.iter().any(|r| in_lead(r.ex, r.ev.evidence)),
        sources: sources.len(),
        articles: docs.len(),
        mentions: group.len(),
        evidence,
    }
}

/// Whether `span` starts in the document's first paragraph (the text
/// before its first blank line); false without the text.
fn in_lead(ex: &Extraction, span: Span) -> bool {
    let Some(text) = ex.doc.text.as_deref() else {
        return false;
    };
    let lead_bytes = text.find("\n\n").unwrap_or(text.len());
    span.start < text[..lead_bytes].chars().count()
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

    #[test]
    fn without_a_pair_every_actor_pair_is_its_own_key() {
        let mut a = doc(
            "a",
            "2025-03-10",
            "Karimov met Varga.\n\nLater he met Putin.",
        );
        let s1 = span_of(&a, "Karimov met Varga.");
        let s2 = span_of(&a, "Later he met Putin.");
        a.events.push(event("040", "UZBGOV", "HUNGOV", None, s1));
        a.events.push(event("040", "UZBGOV", "RUSGOV", None, s2));
        let mut lone = event("040", "UZBGOV", "HUNGOV", None, s2);
        lone.target = None;
        a.events.push(lone);
        let all = merge_events(&[a], None, Window::default());
        assert_eq!(all.len(), 3);
        let lead: Vec<bool> = all.iter().map(|e| e.lead).collect();
        assert_eq!(lead.iter().filter(|l| **l).count(), 1);
        assert!(all.iter().any(|e| e.target.is_none()));
    }
}
