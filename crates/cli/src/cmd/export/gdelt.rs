//! GDELT 2.0's event table (61 columns) and mentions table (16 columns).
//!
//! One event row per merged event: the same event reported by several
//! articles (same actors, same base code, dates a day apart at most) is one
//! row, and the mentions table has one row per article that reports it,
//! with the same GLOBALEVENTID (1, 2, ... in export order; the two exports
//! of one database number their events alike).
//!
//! How each field is filled:
//! - dates (SQLDATE, MonthYear, Year, FractionDate): the event's date, else
//!   its document's, else the day the document was ingested; DATEADDED is
//!   the ingest time (UTC) of the first document that reports it, empty for
//!   documents stored before schema version 3;
//! - actors: CAMEO code, name (the resolved entity's, else the country's),
//!   CAMEO country, known group (IGO role), type codes; ethnic and
//!   religion codes empty;
//! - IsRootEvent: 1 when an article states it in its first paragraph;
//! - NumMentions: event records merged; NumArticles: distinct documents;
//!   NumSources: distinct outlets (a url's host, else the input file);
//! - AvgTone, MentionDocTone: empty (dyad scores no tone);
//! - geography: FIPS 10-4 country codes ([`super::geo`]); actors at country
//!   level (type 1, the country's centre), the action at the resolved
//!   place (type 4 world city / 3 US city with the GeoNames id as
//!   FeatureID, or type 1 for a country; a place no reporting document
//!   resolves, such as a dateline, is looked up in the gazetteer); ADM1 is the FIPS code for a
//!   country and empty for a city, ADM2 always empty;
//! - SOURCEURL / MentionIdentifier: the document's url, else its source;
//! - mention offsets: Actor1/Actor2CharOffset are the actor's mention in
//!   the evidence sentence (-1 when it is not there), ActionCharOffset is
//!   the start of the evidence sentence (dyad keeps no verb offset);
//!   Confidence is empty; InRawText 1.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use dyad_aggregate::{base_code, merge_events, MergedEvent, Window};
use dyad_model::{ActorCode, CharMap, DocMeta, EntityKind, Event, Extraction, Span};

use super::clean;
use super::geo::Geo;

/// The GDELT 2.0 event table's columns, in order.
pub const EVENT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The GDELT 2.0 mentions table's columns, in order.
pub const MENTION_COLUMNS: [&str; 16] = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// GDELT's timestamp form, YYYYMMDDHHMMSS.
pub fn timestamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%d%H%M%S").to_string()
}

/// Where a document was published: its url's host, else the input file it
/// was read from (the source without `#item` or `:line`).
pub fn outlet(doc: &DocMeta) -> String {
    if let Some(url) = &doc.url {
        let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        let host = host.rsplit('@').next().unwrap_or(host);
        if !host.is_empty() {
            return host.to_ascii_lowercase();
        }
    }
    let s = doc.source.split('#').next().unwrap_or(&doc.source);
    match s.rsplit_once(':') {
        Some((file, line)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => {
            file.to_string()
        }
        _ => s.to_string(),
    }
}

/// The document's url, else its source.
pub fn identifier(doc: &DocMeta) -> String {
    clean(doc.url.as_deref().unwrap_or(&doc.source))
}

/// The merged events of a set of documents, and what their rows need.
pub struct Export<'a> {
    pub events: Vec<MergedEvent>,
    docs: HashMap<&'a str, &'a Extraction>,
    /// Sentence start offsets (chars) per document, computed on first use.
    sentences: RefCell<HashMap<&'a str, Vec<usize>>>,
    /// Places no reporting document resolves (a dateline: "NEW YORK"),
    /// looked up in the gazetteer once per name.
    gazetteer: RefCell<HashMap<String, Option<Geo>>>,
    analyzer: std::sync::OnceLock<dyad_analyze::Analyzer>,
}

impl<'a> Export<'a> {
    pub fn new(docs: &'a [Extraction]) -> Self {
        Export {
            events: merge_events(docs, None, Window::default()),
            docs: docs.iter().map(|d| (d.doc.id.as_str(), d)).collect(),
            sentences: RefCell::new(HashMap::new()),
            gazetteer: RefCell::new(HashMap::new()),
            analyzer: std::sync::OnceLock::new(),
        }
    }

    /// The documents that report `e`, each once, in evidence order.
    fn reports(&self, e: &MergedEvent) -> Vec<(&'a Extraction, Span)> {
        let mut seen = HashSet::new();
        e.evidence
            .iter()
            .filter(|ev| seen.insert(ev.doc.as_str()))
            .filter_map(|ev| Some((*self.docs.get(ev.doc.as_str())?, ev.span)))
            .collect()
    }

    /// The event record of `e` in `ex` whose evidence is `span`.
    fn record(ex: &'a Extraction, e: &MergedEvent, span: Span) -> Option<&'a Event> {
        let base = base_code(e.code);
        ex.events
            .iter()
            .find(|r| r.evidence == span && base_code(r.code) == base)
    }

    /// The first ingest time among the documents that report `e`.
    fn added(reports: &[(&Extraction, Span)]) -> Option<NaiveDateTime> {
        reports.iter().filter_map(|(d, _)| d.doc.ingested).min()
    }

    /// One GDELT 2.0 event row (61 fields).
    pub fn event_row(&self, id: u64, e: &MergedEvent) -> Vec<String> {
        let reports = self.reports(e);
        let added = Self::added(&reports);
        let mut row = Vec::with_capacity(61);
        row.push(id.to_string());
        row.extend(date_fields(e.date.or(added.map(|t| t.date()))));
        let first = reports
            .first()
            .and_then(|(ex, span)| Self::record(ex, e, *span).map(|r| (*ex, r)));
        let entity = |id: Option<&String>| {
            let (ex, _) = first?;
            let id = id?;
            ex.entities.iter().find(|x| x.id == *id)
        };
        let src_entity = first.and_then(|(_, r)| entity(r.source_entity.as_ref()));
        let tgt_entity = first.and_then(|(_, r)| entity(r.target_entity.as_ref()));
        row.extend(actor_fields(e.source.as_ref(), e.source_name.as_deref()));
        row.extend(actor_fields(e.target.as_ref(), e.target_name.as_deref()));
        row.push(if e.lead { "1" } else { "0" }.to_string());
        row.push(e.code.to_string());
        row.push(base_code(e.code));
        row.push(format!("{:02}", e.code.root()));
        row.push(e.quad_class.to_string());
        row.push(format!("{:.1}", e.goldstein));
        let outlets: HashSet<String> = reports.iter().map(|(d, _)| outlet(&d.doc)).collect();
        row.push(e.mentions.to_string());
        row.push(outlets.len().to_string());
        row.push(reports.len().max(1).to_string());
        row.push(String::new()); // AvgTone: dyad scores no tone.
        let actor_geo = |code: Option<&ActorCode>, ent: Option<&dyad_model::Entity>| {
            code.and_then(|c| Geo::of_country(c.country_part()))
                .or_else(|| ent.and_then(|x| Geo::of_country(x.country?.as_str())))
        };
        row.extend(Geo::fields(
            actor_geo(e.source.as_ref(), src_entity).as_ref(),
        ));
        row.extend(Geo::fields(
            actor_geo(e.target.as_ref(), tgt_entity).as_ref(),
        ));
        row.extend(self.action_geo(e, &reports));
        row.push(added.map(timestamp).unwrap_or_default());
        row.push(
            reports
                .iter()
                .find(|(d, _)| d.doc.url.is_some())
                .or(reports.first())
                .map(|(d, _)| identifier(&d.doc))
                .unwrap_or_default(),
        );
        debug_assert_eq!(row.len(), EVENT_COLUMNS.len());
        row
    }

    /// A place name the gazetteer resolves on its own ("New York",
    /// "Osaka, Japan": its first city or country).
    fn lookup(&self, place: &str) -> Option<Geo> {
        if let Some(g) = self.gazetteer.borrow().get(place) {
            return g.clone();
        }
        let analyzer = self.analyzer.get_or_init(dyad_analyze::Analyzer::new);
        let doc = dyad_model::Document::new("-", place.to_string());
        let geo = analyzer
            .entities(&doc)
            .entities
            .iter()
            .filter(|e| matches!(e.kind, EntityKind::Place | EntityKind::Country))
            .min_by_key(|e| e.mentions.first().map_or(usize::MAX, |m| m.start))
            .and_then(Geo::of_entity);
        self.gazetteer
            .borrow_mut()
            .insert(place.to_string(), geo.clone());
        geo
    }

    /// ActionGeo: the event's place, resolved to an entity of a reporting
    /// document (a city or a country), else by the gazetteer; an
    /// unresolved place name alone.
    fn action_geo(&self, e: &MergedEvent, reports: &[(&Extraction, Span)]) -> [String; 8] {
        let Some(place) = &e.place else {
            return Default::default();
        };
        let geo = reports.iter().find_map(|(d, _)| {
            d.entities
                .iter()
                .filter(|x| x.name == *place)
                .find_map(Geo::of_entity)
        });
        match geo.or_else(|| self.lookup(place)) {
            Some(g) => Geo::fields(Some(&g)),
            None => {
                let mut f: [String; 8] = Default::default();
                f[1] = clean(place);
                f
            }
        }
    }

    /// Sentence starts (chars) of a document's text.
    fn sentence_starts(&self, ex: &'a Extraction) -> Vec<usize> {
        if let Some(s) = self.sentences.borrow().get(ex.doc.id.as_str()) {
            return s.clone();
        }
        let text = ex.doc.text.as_deref().unwrap_or("");
        let map = CharMap::new(text);
        let starts: Vec<usize> = dyad_analyze::text::sentences(text)
            .iter()
            .map(|s| map.char_offset(s.start))
            .collect();
        self.sentences
            .borrow_mut()
            .insert(ex.doc.id.as_str(), starts.clone());
        starts
    }

    /// The mentions rows of event `id`: one per reporting article.
    pub fn mention_rows(&self, id: u64, e: &MergedEvent) -> Vec<Vec<String>> {
        let reports = self.reports(e);
        let added = Self::added(&reports).map(timestamp).unwrap_or_default();
        reports
            .iter()
            .map(|(ex, span)| {
                let rec = Self::record(ex, e, *span);
                let offset = |entity: Option<&String>| -> String {
                    entity
                        .and_then(|id| ex.entities.iter().find(|x| x.id == *id))
                        .and_then(|x| {
                            x.mentions
                                .iter()
                                .find(|m| m.start >= span.start && m.start < span.end)
                        })
                        .map_or_else(|| "-1".to_string(), |m| m.start.to_string())
                };
                let starts = self.sentence_starts(ex);
                let sentence = starts.partition_point(|&s| s <= span.start).max(1);
                let row = vec![
                    id.to_string(),
                    added.clone(),
                    ex.doc.ingested.map(timestamp).unwrap_or_default(),
                    "1".to_string(),
                    clean(&outlet(&ex.doc)),
                    identifier(&ex.doc),
                    sentence.to_string(),
                    offset(rec.and_then(|r| r.source_entity.as_ref())),
                    offset(rec.and_then(|r| r.target_entity.as_ref())),
                    span.start.to_string(),
                    "1".to_string(),
                    String::new(),
                    ex.doc.chars.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                ];
                debug_assert_eq!(row.len(), MENTION_COLUMNS.len());
                row
            })
            .collect()
    }
}

/// SQLDATE, MonthYear, Year, FractionDate (year plus the part of it
/// elapsed before that day, 0 to 0.9973).
fn date_fields(d: Option<NaiveDate>) -> [String; 4] {
    let Some(d) = d else {
        return Default::default();
    };
    let days = if d.leap_year() { 366.0 } else { 365.0 };
    [
        d.format("%Y%m%d").to_string(),
        d.format("%Y%m").to_string(),
        d.year().to_string(),
        format!(
            "{:.4}",
            f64::from(d.year()) + f64::from(d.ordinal() - 1) / days
        ),
    ]
}

/// Actor fields: code, name, country code, known group, ethnic, religion
/// 1 and 2, type 1..3.
fn actor_fields(code: Option<&ActorCode>, name: Option<&str>) -> [String; 10] {
    let Some(code) = code else {
        return Default::default();
    };
    let s = code.as_str();
    let country = code.country_part();
    let is_country = country != "IGO" && dyad_model::CountryCode::new(country).is_ok();
    let roles: Vec<&str> = (3..s.len())
        .step_by(3)
        .filter_map(|i| s.get(i..i + 3))
        .collect();
    let name = name
        .map(str::to_string)
        .or_else(|| super::geo::country(country).map(|c| c.name.to_string()));
    [
        s.to_string(),
        name.map(|n| clean(&n).to_uppercase()).unwrap_or_default(),
        if is_country {
            country.to_string()
        } else {
            String::new()
        },
        if country == "IGO" {
            roles.first().map(|r| r.to_string()).unwrap_or_default()
        } else {
            String::new()
        },
        String::new(),
        String::new(),
        String::new(),
        roles
            .first()
            .filter(|_| country != "IGO")
            .map(|r| r.to_string())
            .unwrap_or_default(),
        roles.get(1).map(|r| r.to_string()).unwrap_or_default(),
        roles.get(2).map(|r| r.to_string()).unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(source: &str, url: Option<&str>) -> DocMeta {
        let mut d = DocMeta::of(&dyad_model::Document::new(source, "x".into()));
        d.url = url.map(str::to_string);
        d
    }

    #[test]
    fn outlets() {
        assert_eq!(
            outlet(&meta("a.jsonl#7", Some("https://en.wikinews.org/wiki/X"))),
            "en.wikinews.org"
        );
        assert_eq!(outlet(&meta("news/a.jsonl:12", None)), "news/a.jsonl");
        assert_eq!(outlet(&meta("feed.xml#item-2", None)), "feed.xml");
        assert_eq!(outlet(&meta("visit.txt", None)), "visit.txt");
        assert_eq!(
            identifier(&meta("visit.txt", Some("http://example.org/v"))),
            "http://example.org/v"
        );
    }

    #[test]
    fn dates_and_fraction() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            date_fields(d("2025-06-09")),
            ["20250609", "202506", "2025", "2025.4356"].map(String::from)
        );
        assert_eq!(date_fields(d("2024-01-01"))[3], "2024.0000");
        assert_eq!(date_fields(d("2023-12-31"))[3], "2023.9973");
        assert_eq!(date_fields(None), <[String; 4]>::default());
    }

    #[test]
    fn actor_codes_split_into_gdelt_fields() {
        let a = ActorCode::new("KAZGOV").unwrap();
        let f = actor_fields(Some(&a), None);
        assert_eq!(
            (f[0].as_str(), f[1].as_str(), f[2].as_str(), f[7].as_str()),
            ("KAZGOV", "KAZAKHSTAN", "KAZ", "GOV")
        );
        let igo = ActorCode::new("IGOUNO").unwrap();
        let f = actor_fields(Some(&igo), Some("United Nations"));
        assert_eq!(
            (f[1].as_str(), f[2].as_str(), f[3].as_str(), f[7].as_str()),
            ("UNITED NATIONS", "", "UNO", "")
        );
    }
}
