//! Hand-built extractions for the unit tests.

use chrono::NaiveDate;
use dyad_model::{
    ActorCode, Agreement, AgreementType, Approx, CameoCode, Change, CountryCode, DocMeta, Entity,
    EntityKind, Event, Extraction, Measure, Party, Period, Quantity, QuantityKind, Quote, Role,
    Span, Topic, TopicStatus,
};

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub fn cc(s: &str) -> CountryCode {
    CountryCode::new(s).expect("test country")
}

pub fn year(y: i32) -> Period {
    Period {
        start: NaiveDate::from_ymd_opt(y, 1, 1).expect("year start"),
        end: NaiveDate::from_ymd_opt(y, 12, 31).expect("year end"),
    }
}

/// A document dated `date` with the given text, mentioning Uzbekistan and
/// Hungary and their two presidents.
pub fn doc(id: &str, date: &str, text: &str) -> Extraction {
    let country = |id: &str, name: &str| Entity {
        id: id.into(),
        kind: EntityKind::Country,
        name: name.into(),
        country: Some(cc(id)),
        role: None,
        lat: None,
        lon: None,
        mentions: vec![],
    };
    let person = |id: &str, name: &str, c: &str| Entity {
        id: id.into(),
        kind: EntityKind::Person,
        name: name.into(),
        country: Some(cc(c)),
        role: Some(Role::President),
        lat: None,
        lon: None,
        mentions: vec![],
    };
    Extraction {
        doc: DocMeta {
            id: id.into(),
            source: format!("{id}.txt"),
            date: Some(d(date)),
            dateline: None,
            title: Some(format!("Article {id}")),
            url: None,
            language: Some("en".into()),
            ingested: None,
            chars: text.chars().count(),
            text: Some(text.into()),
        },
        entities: vec![
            country("UZB", "Uzbekistan"),
            country("HUN", "Hungary"),
            person("person:aziz-karimov", "Aziz Karimov", "UZB"),
            person("person:laszlo-varga", "László Varga", "HUN"),
        ],
        events: vec![],
        agreements: vec![],
        quantities: vec![],
        quotes: vec![],
        topics: vec![],
    }
}

/// The span of the first occurrence of `needle` in the document's text, in
/// characters.
pub fn span_of(ex: &Extraction, needle: &str) -> Span {
    let text = ex.doc.text.as_deref().expect("test doc has text");
    let b = text.find(needle).expect("needle in test text");
    let s = text[..b].chars().count();
    Span::new(s, s + needle.chars().count())
}

pub fn event(code: &str, src: &str, tgt: &str, date: Option<&str>, evidence: Span) -> Event {
    Event {
        code: CameoCode::new(code).expect("test code"),
        plover: None,
        quad_class: 1,
        goldstein: 1.0,
        source: Some(ActorCode::new(src).expect("test actor")),
        target: Some(ActorCode::new(tgt).expect("test actor")),
        source_entity: None,
        target_entity: None,
        date: date.map(d),
        place: None,
        evidence,
    }
}

pub fn party(name: &str, c: &str) -> Party {
    Party {
        name: name.into(),
        entity: None,
        country: Some(cc(c)),
    }
}

pub fn agreement(kind: AgreementType, parties: Vec<Party>, evidence: Span) -> Agreement {
    Agreement {
        kind,
        title: None,
        subject: None,
        date: None,
        place: None,
        parties,
        evidence,
    }
}

pub fn money(value: f64, approx: Approx, period: Option<Period>, evidence: Span) -> Quantity {
    Quantity {
        kind: QuantityKind::Money,
        value,
        unit: Some("USD".into()),
        approx,
        measure: Some(Measure::Trade),
        subject: Some("trade turnover".into()),
        countries: vec![cc("UZB"), cc("HUN")],
        period,
        change: None,
        evidence,
    }
}

pub fn with_factor(mut q: Quantity, factor: f64, from: Period) -> Quantity {
    q.change = Some(Change {
        factor: Some(factor),
        percent: None,
        from: Some(from),
    });
    q
}

pub fn quote(speaker: &str, text: &str, evidence: Span) -> Quote {
    Quote {
        speaker: Some(speaker.into()),
        speaker_name: None,
        text: text.into(),
        evidence,
    }
}

pub fn topic(name: &str, status: Option<TopicStatus>, evidence: Span) -> Topic {
    Topic {
        topic: name.into(),
        status,
        countries: vec![cc("UZB"), cc("HUN")],
        evidence,
    }
}
