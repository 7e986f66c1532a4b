//! The topic profile and the latest quotations by each side.

use chrono::NaiveDate;
use dyad_model::{CountryCode, Extraction, TopicStatus};
use serde::Serialize;

use crate::{about_pair, norm_name, Evidence, Pair, Window, QUOTES_PER_SIDE};

/// One topic with one status, and the articles that say so.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicEntry {
    pub topic: String,
    pub status: Option<TopicStatus>,
    pub articles: usize,
    /// The latest document date saying so.
    pub latest: Option<NaiveDate>,
    pub evidence: Vec<Evidence>,
}

/// A quotation by a speaker of one side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteRecord {
    /// The speaker's country: one of the pair.
    pub country: CountryCode,
    pub speaker: Option<String>,
    pub speaker_name: Option<String>,
    pub text: String,
    pub date: Option<NaiveDate>,
    pub evidence: Evidence,
}

fn status_rank(s: Option<TopicStatus>) -> u8 {
    match s {
        Some(TopicStatus::Active) => 0,
        Some(TopicStatus::Planned) => 1,
        Some(TopicStatus::Potential) => 2,
        None => 3,
    }
}

/// Topics the pair cooperates in: those naming both countries, or named in
/// a document about the pair without a third country.
pub(crate) fn topics(docs: &[Extraction], pair: Pair, window: Window) -> Vec<TopicEntry> {
    let mut out: Vec<(TopicEntry, Vec<&str>)> = Vec::new();
    for ex in docs {
        if !window.admits(ex.doc.date) {
            continue;
        }
        let about = about_pair(ex, pair);
        for t in &ex.topics {
            let ok = pair.both_in(&t.countries)
                || (about && t.countries.iter().all(|c| pair.contains(*c)));
            if !ok {
                continue;
            }
            let ev = Evidence::of(ex, t.evidence);
            match out
                .iter_mut()
                .find(|(e, _)| e.topic == t.topic && e.status == t.status)
            {
                Some((e, seen)) => {
                    if !seen.contains(&ex.doc.id.as_str()) {
                        seen.push(&ex.doc.id);
                        e.articles += 1;
                    }
                    e.latest = e.latest.max(ex.doc.date);
                    if !e.evidence.contains(&ev) {
                        e.evidence.push(ev);
                    }
                }
                None => out.push((
                    TopicEntry {
                        topic: t.topic.clone(),
                        status: t.status,
                        articles: 1,
                        latest: ex.doc.date,
                        evidence: vec![ev],
                    },
                    vec![&ex.doc.id],
                )),
            }
        }
    }
    let mut out: Vec<TopicEntry> = out.into_iter().map(|(e, _)| e).collect();
    out.sort_by(|x, y| {
        (
            status_rank(x.status),
            std::cmp::Reverse(x.articles),
            &x.topic,
        )
            .cmp(&(
                status_rank(y.status),
                std::cmp::Reverse(y.articles),
                &y.topic,
            ))
    });
    out
}

/// The latest quotations of speakers from either side in documents about
/// the pair, at most [`QUOTES_PER_SIDE`] each, the same words once.
pub(crate) fn quotes(docs: &[Extraction], pair: Pair, window: Window) -> Vec<QuoteRecord> {
    let mut all: Vec<QuoteRecord> = Vec::new();
    for ex in docs {
        if !window.admits(ex.doc.date) || !about_pair(ex, pair) {
            continue;
        }
        for q in &ex.quotes {
            let Some(id) = &q.speaker else { continue };
            let Some(entity) = ex.entities.iter().find(|e| e.id == *id) else {
                continue;
            };
            let Some(country) = entity.country.filter(|c| pair.contains(*c)) else {
                continue;
            };
            let key = norm_name(&q.text);
            if all
                .iter()
                .any(|r| r.speaker == q.speaker && norm_name(&r.text) == key)
            {
                continue;
            }
            all.push(QuoteRecord {
                country,
                speaker: q.speaker.clone(),
                speaker_name: q.speaker_name.clone().or_else(|| Some(entity.name.clone())),
                text: q.text.clone(),
                date: ex.doc.date,
                evidence: Evidence::of(ex, q.evidence),
            });
        }
    }
    // Latest first; within a document, in text order.
    all.sort_by(|x, y| {
        (y.date.is_some(), y.date, x.evidence.span.start).cmp(&(
            x.date.is_some(),
            x.date,
            y.evidence.span.start,
        ))
    });
    let mut out = Vec::new();
    for side in [pair.a, pair.b] {
        out.extend(
            all.iter()
                .filter(|q| q.country == side)
                .take(QUOTES_PER_SIDE)
                .cloned(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::*;

    fn pair() -> Pair {
        Pair::new(cc("UZB"), cc("HUN"))
    }

    #[test]
    fn topics_group_by_status() {
        let text = "Cooperation in energy is growing. Tourism has potential. Energy again.";
        let mut a = doc("a", "2025-03-10", text);
        let s1 = span_of(&a, "Cooperation in energy is growing.");
        let s2 = span_of(&a, "Tourism has potential.");
        let s3 = span_of(&a, "Energy again.");
        a.topics
            .push(topic("energy", Some(TopicStatus::Active), s1));
        a.topics
            .push(topic("tourism", Some(TopicStatus::Potential), s2));
        a.topics
            .push(topic("energy", Some(TopicStatus::Active), s3));
        let mut b = doc("b", "2025-04-10", text);
        b.topics
            .push(topic("energy", Some(TopicStatus::Active), s1));
        let mut third = topic("mining", Some(TopicStatus::Active), s1);
        third.countries = vec![cc("UZB"), cc("RUS")];
        b.topics.push(third);
        let t = topics(&[a, b], pair(), Window::default());
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].topic, "energy");
        assert_eq!(t[0].articles, 2);
        assert_eq!(t[0].evidence.len(), 3);
        assert_eq!(t[0].latest, Some(d("2025-04-10")));
        assert_eq!(t[1].status, Some(TopicStatus::Potential));
    }

    #[test]
    fn latest_quotes_by_each_side() {
        let text = "“We are partners,” said Karimov. “Indeed,” Varga said.";
        let mut a = doc("a", "2025-03-10", text);
        let s1 = span_of(&a, "We are partners,");
        let s2 = span_of(&a, "Indeed,");
        a.quotes
            .push(quote("person:aziz-karimov", "We are partners,", s1));
        a.quotes.push(quote("person:laszlo-varga", "Indeed,", s2));
        a.quotes.push(quote("person:unknown", "Who?", s2));
        let mut b = doc("b", "2025-05-01", "“A new chapter,” said Karimov.");
        let sb = span_of(&b, "A new chapter,");
        b.quotes
            .push(quote("person:aziz-karimov", "A new chapter,", sb));
        // The same words again in a later article: once.
        b.quotes
            .push(quote("person:aziz-karimov", "We are  partners,", sb));
        let q = quotes(&[a, b], pair(), Window::default());
        let got: Vec<(&str, &str)> = q
            .iter()
            .map(|r| (r.country.as_str(), r.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("UZB", "A new chapter,"),
                ("UZB", "We are partners,"),
                ("HUN", "Indeed,")
            ]
        );
        assert_eq!(q[2].speaker_name.as_deref(), Some("László Varga"));
        assert_eq!(q[0].evidence.text.as_deref(), Some("A new chapter,"));
    }
}
