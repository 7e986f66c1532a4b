//! GDELT Global Knowledge Graph 2.1: one row of 27 tab-separated columns
//! per document.
//!
//! Filled from what dyad extracts (offsets are Unicode characters of the
//! document's text, as in GKG's enhanced fields):
//! - GKGRECORDID `<V2.1DATE>-<n>`; V2.1DATE the ingest time (else the
//!   document's date at 000000); source collection 1 (web); common name
//!   the url's host (else the input file); document identifier the url
//!   (else the source);
//! - V1COUNTS / V2.1COUNTS: figures of kind `count`, the count type being
//!   dyad's measure in capitals (`COMPANIES`, `PEOPLE`; `COUNT` without
//!   one), the object its subject, the location its first country;
//! - V1THEMES / V2ENHANCEDTHEMES: dyad's topics in capitals (`ENERGY`,
//!   `TRANSPORT`), with the offset of each topic's evidence;
//! - V1LOCATIONS / V2ENHANCEDLOCATIONS: resolved countries and cities
//!   (FIPS codes, as in the event table), one enhanced entry per mention;
//! - V1PERSONS / V2ENHANCEDPERSONS, V1ORGANIZATIONS /
//!   V2ENHANCEDORGANIZATIONS: entity names, one enhanced entry per mention;
//! - V2.1ENHANCEDDATES: the dates of events and agreements (resolution 3,
//!   a full date) at their evidence;
//! - V2.1QUOTATIONS: each quotation's offset, length, verb (the speech verb
//!   of its evidence outside the quoted words, else empty) and words;
//! - V2.1ALLNAMES: every entity mention; V2.1AMOUNTS: every figure's value,
//!   object (measure, else unit) and offset;
//! - empty: V1.5TONE and V2GCAM (dyad scores no tone), the image and video
//!   fields, V2.1TRANSLATIONINFO (dyad translates nothing) and
//!   V2EXTRASXML.

use dyad_model::{EntityKind, Extraction, QuantityKind, Span};

use super::gdelt::{identifier, outlet, timestamp};
use super::geo::Geo;

/// The GKG 2.1 columns, in order.
pub const COLUMNS: [&str; 27] = [
    "GKGRECORDID",
    "V2.1DATE",
    "V2SOURCECOLLECTIONIDENTIFIER",
    "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER",
    "V1COUNTS",
    "V2.1COUNTS",
    "V1THEMES",
    "V2ENHANCEDTHEMES",
    "V1LOCATIONS",
    "V2ENHANCEDLOCATIONS",
    "V1PERSONS",
    "V2ENHANCEDPERSONS",
    "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS",
    "V1.5TONE",
    "V2.1ENHANCEDDATES",
    "V2GCAM",
    "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES",
    "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS",
    "V2.1QUOTATIONS",
    "V2.1ALLNAMES",
    "V2.1AMOUNTS",
    "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
];

/// A value inside a delimited GKG field: none of GKG's separators (`;`
/// `#` `,` `|` tab, newline), runs of spaces collapsed.
fn part(s: &str) -> String {
    s.split(|c: char| matches!(c, ';' | '#' | ',' | '|') || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A theme or count type: capitals, digits and underscores.
fn label(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// A number as GKG writes amounts: no exponent, no needless decimals.
fn amount(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Distinct values in first-seen order.
fn distinct(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|i| seen.insert(i.clone()))
        .collect()
}

/// The GKG row of document number `n` (1-based, export order).
pub fn row(n: u64, ex: &Extraction) -> Vec<String> {
    let text = ex.doc.text.as_deref().unwrap_or("");
    let date = ex
        .doc
        .ingested
        .map(timestamp)
        .or_else(|| ex.doc.date.map(|d| format!("{}000000", d.format("%Y%m%d"))))
        .unwrap_or_default();
    let mut row: Vec<String> = Vec::with_capacity(27);
    row.push(format!("{date}-{n}"));
    row.push(date);
    row.push("1".into());
    row.push(super::clean(&outlet(&ex.doc)));
    row.push(identifier(&ex.doc));

    // Counts.
    let mut v1 = Vec::new();
    let mut v21 = Vec::new();
    for q in ex
        .quantities
        .iter()
        .filter(|q| q.kind == QuantityKind::Count)
    {
        let kind = q.measure.map_or("COUNT".to_string(), |m| label(m.as_str()));
        let geo = q
            .countries
            .first()
            .and_then(|c| Geo::of_country(c.as_str()));
        let g = Geo::fields(geo.as_ref());
        // Type#FullName#CountryCode#ADM1#Lat#Long#FeatureID (no ADM2 here).
        let loc = [&g[0], &g[1], &g[2], &g[3], &g[5], &g[6], &g[7]]
            .map(|s| part(s))
            .join("#");
        let base = format!(
            "{kind}#{}#{}#{loc}",
            amount(q.value),
            part(q.subject.as_deref().unwrap_or(""))
        );
        v21.push(format!("{base}#{}", q.evidence.start));
        v1.push(base);
    }
    row.push(distinct(v1).join(";"));
    row.push(v21.join(";"));

    // Themes.
    row.push(distinct(ex.topics.iter().map(|t| label(&t.topic))).join(";"));
    row.push(
        ex.topics
            .iter()
            .map(|t| format!("{},{}", label(&t.topic), t.evidence.start))
            .collect::<Vec<_>>()
            .join(";"),
    );

    // Locations.
    let mut v1 = Vec::new();
    let mut v2 = Vec::new();
    for e in &ex.entities {
        let Some(geo) = Geo::of_entity(e) else {
            continue;
        };
        let g = Geo::fields(Some(&geo)).map(|s| part(&s));
        v1.push(
            [&g[0], &g[1], &g[2], &g[3], &g[5], &g[6], &g[7]]
                .map(|s| s.as_str())
                .join("#"),
        );
        for m in &e.mentions {
            v2.push(format!("{}#{}", g.join("#"), m.start));
        }
    }
    row.push(distinct(v1).join(";"));
    row.push(v2.join(";"));

    // Persons and organizations.
    for kind in [EntityKind::Person, EntityKind::Organization] {
        let of_kind = || ex.entities.iter().filter(move |e| e.kind == kind);
        row.push(distinct(of_kind().map(|e| part(&e.name))).join(";"));
        let mut enhanced: Vec<(usize, String)> = of_kind()
            .flat_map(|e| e.mentions.iter().map(|m| (m.start, part(&e.name))))
            .collect();
        enhanced.sort();
        row.push(
            enhanced
                .iter()
                .map(|(o, name)| format!("{name},{o}"))
                .collect::<Vec<_>>()
                .join(";"),
        );
    }

    row.push(String::new()); // V1.5TONE

    // Dates: resolution 3 (day, month and year)#month#day#year#offset.
    let mut dates: Vec<(usize, chrono::NaiveDate)> = ex
        .events
        .iter()
        .filter_map(|e| Some((e.evidence.start, e.date?)))
        .chain(
            ex.agreements
                .iter()
                .filter_map(|a| Some((a.evidence.start, a.date?))),
        )
        .collect();
    dates.sort();
    dates.dedup();
    use chrono::Datelike;
    row.push(
        dates
            .iter()
            .map(|(o, d)| format!("3#{}#{}#{}#{o}", d.month(), d.day(), d.year()))
            .collect::<Vec<_>>()
            .join(";"),
    );
    row.extend(std::iter::repeat_n(String::new(), 5)); // GCAM, images, videos

    // Quotations: offset|length|verb|quote, separated by '#'.
    row.push(
        ex.quotes
            .iter()
            .map(|q| {
                let (start, len) = quote_span(text, q.evidence, &q.text);
                let verb = speech_verb(text, start, len);
                format!("{start}|{len}|{}|{}", part(&verb), part(&q.text))
            })
            .collect::<Vec<_>>()
            .join("#"),
    );

    // All names.
    let mut names: Vec<(usize, String)> = ex
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(|m| (m.start, part(&e.name))))
        .collect();
    names.sort();
    row.push(
        names
            .iter()
            .map(|(o, n)| format!("{n},{o}"))
            .collect::<Vec<_>>()
            .join(";"),
    );

    // Amounts: amount,object,offset.
    row.push(
        ex.quantities
            .iter()
            .map(|q| {
                let object = q
                    .measure
                    .map(|m| m.as_str().replace('_', " "))
                    .or_else(|| q.unit.clone())
                    .unwrap_or_default();
                format!("{},{},{}", amount(q.value), part(&object), q.evidence.start)
            })
            .collect::<Vec<_>>()
            .join(";"),
    );
    row.push(String::new()); // V2.1TRANSLATIONINFO
    row.push(String::new()); // V2EXTRASXML
    debug_assert_eq!(row.len(), COLUMNS.len());
    row
}

/// Where the quoted words sit in the text (chars): inside the evidence
/// when found there, else the evidence itself.
fn quote_span(text: &str, evidence: Span, words: &str) -> (usize, usize) {
    let ev = dyad_aggregate::char_slice(text, evidence);
    match ev.find(words).filter(|_| !words.is_empty()) {
        Some(b) => (
            evidence.start + ev[..b].chars().count(),
            words.chars().count(),
        ),
        None => (evidence.start, evidence.end.saturating_sub(evidence.start)),
    }
}

/// How far (chars) from the quoted words a speech verb is looked for.
const VERB_REACH: usize = 120;

/// The speech verb that introduces the quoted words at `start..start+len`
/// (chars): the first of the rest of their sentence ("...," Radev said),
/// else the last before them in their sentence (Radev said: "...").
fn speech_verb(text: &str, start: usize, len: usize) -> String {
    let from = start.saturating_sub(VERB_REACH);
    let window: Vec<char> = text
        .chars()
        .skip(from)
        .take(start + len + VERB_REACH - from)
        .collect();
    let (qs, qe) = (
        (start - from).min(window.len()),
        (start - from + len).min(window.len()),
    );
    let ends = |c: &char| matches!(c, '.' | '!' | '?' | '\n');
    // After: up to the sentence's end (a closing mark right after the
    // quote belongs to it).
    let after: String = window[qe..]
        .iter()
        .skip(2)
        .take_while(|c| !ends(c))
        .collect();
    let before: String = {
        let head = &window[..qs];
        let cut = head.iter().rposition(ends).map_or(0, |i| i + 1);
        head[cut..].iter().collect()
    };
    let is_verb = |w: &&str| !w.is_empty() && dyad_extract::is_speech_verb(w);
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphabetic())
            .map(str::to_string)
            .collect()
    };
    let after = words(&after);
    let before = words(&before);
    after
        .iter()
        .map(String::as_str)
        .find(is_verb)
        .or_else(|| before.iter().rev().map(String::as_str).find(is_verb))
        .unwrap_or("")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_never_leak_into_values() {
        assert_eq!(part("a;b#c, d|e\tf\n g"), "a b c d e f g");
        assert_eq!(label("oil & gas"), "OIL___GAS");
        assert_eq!(amount(240000000.0), "240000000");
        assert_eq!(amount(2.5), "2.5");
    }

    #[test]
    fn quotation_verb_and_offsets() {
        let text = "Intro. “Our cooperation is growing,” said Mirziyoyev.";
        let start = text.chars().position(|c| c == '“').unwrap();
        let ev = Span::new(start, text.chars().count());
        let (s, len) = quote_span(text, ev, "Our cooperation is growing,");
        assert_eq!((s, len), (start + 1, 27));
        assert_eq!(speech_verb(text, s, len), "said");
        let text = "Radev told reporters: “We agree.” Then he left.";
        let s = text.chars().position(|c| c == '“').unwrap() + 1;
        assert_eq!(speech_verb(text, s, 9), "told");
        assert_eq!(speech_verb("“No comment.” The end.", 1, 11), "");
        assert_eq!(
            quote_span(text, ev, "not there"),
            (ev.start, ev.end - ev.start)
        );
    }
}
