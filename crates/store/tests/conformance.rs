//! The store conformance suite: one set of tests, run against SQLite always
//! and against PostgreSQL when `DYAD_TEST_POSTGRES_URL` is set (each test
//! then works in a schema of its own, dropped at the end).
//!
//! The fixtures are articles written for these tests.

use chrono::NaiveDate;
use dyad_model::{
    ActorCode, Agreement, AgreementType, Approx, CameoCode, Change, CountryCode, Document, Entity,
    EntityKind, Event, Extraction, Measure, Party, Period, Plover, Quantity, QuantityKind, Quote,
    Role, Span, Topic, TopicStatus,
};
use dyad_store::{
    AgreementFilter, DocFilter, EventFilter, FigureFilter, QuoteFilter, Store, TopicFilter,
};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn cc(s: &str) -> CountryCode {
    CountryCode::new(s).unwrap()
}

/// The char span of the first occurrence of `needle` in `text`.
fn span(text: &str, needle: &str) -> Span {
    let b = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let s = text[..b].chars().count();
    Span::new(s, s + needle.chars().count())
}

fn country(text: &str, code: &str, name: &str, needle: &str) -> Entity {
    Entity {
        id: code.into(),
        kind: EntityKind::Country,
        name: name.into(),
        country: Some(cc(code)),
        role: None,
        lat: None,
        lon: None,
        mentions: vec![span(text, needle)],
    }
}

/// An invented visit: Uzbekistan's president in Budapest, with every kind
/// of fact, non-ASCII punctuation in the text.
fn visit() -> (Document, Extraction) {
    let text = "BUDAPEST — Uzbek President Aziz Karimov held talks with Hungarian Prime \
                Minister Péter Nagy on Tuesday. The two sides signed a memorandum of \
                understanding on cooperation in renewable energy. Trade between \
                Uzbekistan and Hungary reached $412 million in 2024, up 18% from the \
                previous year. “Our partnership has entered a new stage,” Karimov said. \
                The leaders agreed to expand cooperation in agriculture."
        .to_string();
    let mut doc = Document::new("fixtures/visit.txt", text.clone());
    doc.date = Some(date("2025-03-04"));
    doc.dateline = Some("BUDAPEST".into());
    doc.title = Some("Uzbek President visits Hungary".into());
    doc.url = Some("https://example.org/news/uzbek-visit".into());
    doc.language = Some("en".into());
    let mut ex = Extraction::empty(&doc);
    ex.entities = vec![
        Entity {
            mentions: vec![span(&text, "Uzbek"), span(&text, "Uzbekistan")],
            ..country(&text, "UZB", "Uzbekistan", "Uzbek")
        },
        Entity {
            mentions: vec![span(&text, "Hungarian"), span(&text, "Hungary")],
            ..country(&text, "HUN", "Hungary", "Hungarian")
        },
        Entity {
            id: "person:aziz-karimov".into(),
            kind: EntityKind::Person,
            name: "Aziz Karimov".into(),
            country: Some(cc("UZB")),
            role: Some(Role::President),
            lat: None,
            lon: None,
            mentions: vec![span(&text, "Aziz Karimov")],
        },
        Entity {
            id: "place:budapest".into(),
            kind: EntityKind::Place,
            name: "Budapest".into(),
            country: Some(cc("HUN")),
            role: None,
            lat: Some(47.4979),
            lon: Some(19.0402),
            mentions: vec![span(&text, "BUDAPEST")],
        },
    ];
    let first = "Uzbek President Aziz Karimov held talks with Hungarian Prime Minister Péter \
                 Nagy on Tuesday.";
    ex.events = vec![Event {
        code: CameoCode::new("042").unwrap(),
        plover: Some(Plover::Consult),
        quad_class: 1,
        goldstein: 1.9,
        source: Some(ActorCode::new("UZBGOV").unwrap()),
        target: Some(ActorCode::new("HUNGOV").unwrap()),
        source_entity: Some("person:aziz-karimov".into()),
        target_entity: Some("HUN".into()),
        date: Some(date("2025-03-04")),
        place: Some("Budapest".into()),
        evidence: span(&text, first),
    }];
    let signed = "The two sides signed a memorandum of understanding on cooperation in \
                  renewable energy.";
    ex.agreements = vec![Agreement {
        kind: AgreementType::Memorandum,
        title: Some("memorandum of understanding".into()),
        subject: Some("cooperation in renewable energy".into()),
        date: None,
        place: Some("Budapest".into()),
        parties: vec![
            Party {
                name: "Uzbekistan".into(),
                entity: Some("UZB".into()),
                country: Some(cc("UZB")),
            },
            Party {
                name: "Hungary".into(),
                entity: Some("HUN".into()),
                country: Some(cc("HUN")),
            },
        ],
        evidence: span(&text, signed),
    }];
    let y2024 = Period {
        start: date("2024-01-01"),
        end: date("2024-12-31"),
    };
    let y2023 = Period {
        start: date("2023-01-01"),
        end: date("2023-12-31"),
    };
    ex.quantities = vec![
        Quantity {
            kind: QuantityKind::Money,
            value: 412_000_000.0,
            unit: Some("USD".into()),
            approx: Approx::Exact,
            measure: Some(Measure::Trade),
            subject: Some("trade between Uzbekistan and Hungary".into()),
            countries: vec![cc("UZB"), cc("HUN")],
            period: Some(y2024),
            change: Some(Change {
                factor: None,
                percent: Some(18.0),
                from: Some(y2023),
            }),
            evidence: span(&text, "$412 million"),
        },
        Quantity {
            kind: QuantityKind::Percent,
            value: 18.0,
            unit: Some("%".into()),
            approx: Approx::About,
            measure: None,
            subject: None,
            countries: vec![],
            period: None,
            change: None,
            evidence: span(&text, "18%"),
        },
    ];
    ex.quotes = vec![Quote {
        speaker: Some("person:aziz-karimov".into()),
        speaker_name: Some("Aziz Karimov".into()),
        text: "Our partnership has entered a new stage,".into(),
        evidence: span(&text, "Our partnership has entered a new stage,"),
    }];
    ex.topics = vec![
        Topic {
            topic: "energy".into(),
            status: Some(TopicStatus::Planned),
            countries: vec![cc("UZB"), cc("HUN")],
            evidence: span(&text, signed),
        },
        Topic {
            topic: "agriculture".into(),
            status: None,
            countries: vec![],
            evidence: span(
                &text,
                "The leaders agreed to expand cooperation in agriculture.",
            ),
        },
    ];
    (doc, ex)
}

/// An invented ministerial meeting between Kazakhstan and Bulgaria.
fn meeting() -> (Document, Extraction) {
    let text = "ASTANA - Kazakh Foreign Minister Dana Serikova met Bulgarian Ambassador \
                Ivan Petrov to discuss transit routes. Kazakhstan hosts more than 30 \
                companies with Bulgarian capital."
        .to_string();
    let mut doc = Document::new("fixtures/meeting.txt", text.clone());
    doc.date = Some(date("2025-06-10"));
    doc.dateline = Some("ASTANA".into());
    let mut ex = Extraction::empty(&doc);
    ex.entities = vec![
        Entity {
            mentions: vec![span(&text, "Kazakh"), span(&text, "Kazakhstan")],
            ..country(&text, "KAZ", "Kazakhstan", "Kazakh")
        },
        country(&text, "BGR", "Bulgaria", "Bulgarian"),
    ];
    let s = "Kazakh Foreign Minister Dana Serikova met Bulgarian Ambassador Ivan Petrov to \
             discuss transit routes.";
    ex.events = vec![
        Event {
            code: CameoCode::new("040").unwrap(),
            plover: Some(Plover::Consult),
            quad_class: 1,
            goldstein: 1.0,
            source: Some(ActorCode::new("KAZGOV").unwrap()),
            target: Some(ActorCode::new("BGRGOV").unwrap()),
            source_entity: None,
            target_entity: None,
            date: None,
            place: None,
            evidence: span(&text, s),
        },
        Event {
            code: CameoCode::new("0311").unwrap(),
            plover: None,
            quad_class: 2,
            goldstein: f32::NAN,
            source: None,
            target: Some(ActorCode::new("BGRBUS").unwrap()),
            source_entity: None,
            target_entity: None,
            date: Some(date("2025-06-01")),
            place: None,
            evidence: span(&text, "Kazakhstan hosts"),
        },
    ];
    ex.quantities = vec![Quantity {
        kind: QuantityKind::Count,
        value: 30.0,
        unit: None,
        approx: Approx::MoreThan,
        measure: Some(Measure::Companies),
        subject: Some("companies with Bulgarian capital".into()),
        countries: vec![cc("KAZ"), cc("BGR")],
        period: None,
        change: Some(Change {
            factor: None,
            percent: None,
            from: None,
        }),
        evidence: span(&text, "more than 30 companies"),
    }];
    (doc, ex)
}

/// An undated note whose text is hostile to SQL and HTML.
fn hostile() -> (Document, Extraction) {
    let text = "Officials said '; DROP TABLE documents; -- and <script>alert(\"x\")</script> \
                appeared in a 100% fake release with 50_50 odds and a back\\slash."
        .to_string();
    let doc = Document::new("-", text);
    let ex = Extraction::empty(&doc);
    (doc, ex)
}

fn all() -> Vec<(Document, Extraction)> {
    vec![visit(), meeting(), hostile()]
}

/// What the store gives back: the extraction with the text filled in.
fn with_text((doc, ex): &(Document, Extraction)) -> Extraction {
    let mut ex = ex.clone();
    ex.doc.text = Some(doc.text.clone());
    ex
}

/// NaN does not equal itself; compare events with it replaced. The ingest
/// time is the store's own: when set it must be recent (and is then left
/// out).
fn comparable(mut ex: Extraction) -> Extraction {
    if let Some(t) = ex.doc.ingested.take() {
        let now = chrono::DateTime::from_timestamp(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs() as i64,
            0,
        )
        .unwrap()
        .naive_utc();
        assert!(
            t <= now && now - t < chrono::Duration::hours(1),
            "{t} vs {now}"
        );
    }
    for e in &mut ex.events {
        if e.goldstein.is_nan() {
            e.goldstein = -99.0;
        }
    }
    ex
}

// ------------------------------------------------------------------ tests

fn round_trip(s: &dyn Store) {
    let docs = all();
    let out = s.put_batch(&docs).unwrap();
    assert_eq!((out.stored, out.duplicates), (3, 0));
    for pair in &docs {
        let (doc, ex) = s.document(&pair.0.id).unwrap().expect("stored");
        assert_eq!(doc, pair.0);
        assert!(
            ex.doc.ingested.is_some(),
            "a stored document has its ingest time"
        );
        assert!(
            ex.doc.ingested.is_some(),
            "a stored document has its ingest time"
        );
        assert_eq!(comparable(ex), comparable(with_text(pair)));
    }
    assert!(s.document("0000000000000000").unwrap().is_none());
    // By date, undated last.
    let exs = s.extractions(&DocFilter::default()).unwrap();
    let ids: Vec<&str> = exs.iter().map(|e| e.doc.id.as_str()).collect();
    assert_eq!(ids, [&docs[0].0.id, &docs[1].0.id, &docs[2].0.id]);
    for (ex, pair) in exs.into_iter().zip(&docs) {
        assert_eq!(comparable(ex), comparable(with_text(pair)));
    }
}

fn idempotent(s: &dyn Store) {
    let docs = all();
    s.put_batch(&docs[..1]).unwrap();
    let before = s.stats().unwrap();
    let mut batch = docs.clone();
    batch.push(docs[1].clone());
    let out = s.put_batch(&batch).unwrap();
    // The visit was stored before; the meeting comes twice in the batch.
    assert_eq!((out.stored, out.duplicates), (2, 2));
    let again = s.put_batch(&batch).unwrap();
    assert_eq!((again.stored, again.duplicates), (0, 4));
    let st = s.stats().unwrap();
    assert_eq!(st.documents, 3);
    assert_eq!(st.events, 3);
    assert_eq!(before.events, 1);
    assert_eq!(st.entities, 6);
    assert_eq!(st.mentions, 9);
    assert_eq!(st.agreements, 1);
    assert_eq!(st.agreement_parties, 2);
    assert_eq!(st.quantities, 3);
    assert_eq!(st.quotes, 1);
    assert_eq!(st.topics, 2);
    let ids: Vec<&str> = docs.iter().map(|d| d.0.id.as_str()).collect();
    let known = s.existing(&[ids[0], ids[2], "ffffffffffffffff"]).unwrap();
    assert_eq!(known.len(), 2);
    assert!(known.contains(ids[0]) && known.contains(ids[2]));
    assert_eq!(s.put_batch(&[]).unwrap().stored, 0);
}

fn doc_filters(s: &dyn Store) {
    let docs = all();
    s.put_batch(&docs).unwrap();
    let ids = |f: DocFilter| -> Vec<String> {
        s.extractions(&f)
            .unwrap()
            .into_iter()
            .map(|e| e.doc.id)
            .collect()
    };
    let visit = docs[0].0.id.clone();
    let meeting = docs[1].0.id.clone();
    let both = DocFilter {
        countries: vec![cc("UZB"), cc("HUN")],
        ..Default::default()
    };
    assert_eq!(ids(both), [visit.as_str()]);
    let none = DocFilter {
        countries: vec![cc("UZB"), cc("BGR")],
        ..Default::default()
    };
    assert!(ids(none).is_empty());
    let since = DocFilter {
        since: Some(date("2025-04-01")),
        ..Default::default()
    };
    assert_eq!(ids(since), [meeting.as_str()]);
    let until = DocFilter {
        until: Some(date("2025-03-04")),
        ..Default::default()
    };
    assert_eq!(ids(until), [visit.as_str()]);
    let text = DocFilter {
        text: Some("TRANSIT routes".into()),
        ..Default::default()
    };
    assert_eq!(ids(text), [meeting.as_str()]);
    let title = DocFilter {
        text: Some("visits hungary".into()),
        ..Default::default()
    };
    assert_eq!(ids(title), [visit.as_str()]);
    let page = DocFilter {
        limit: Some(1),
        offset: 1,
        ..Default::default()
    };
    assert_eq!(ids(page), [meeting.as_str()]);
    let english = DocFilter {
        language: Some("EN".into()),
        ..Default::default()
    };
    assert_eq!(ids(english), [visit.as_str()]);
    let russian = DocFilter {
        language: Some("ru".into()),
        ..Default::default()
    };
    assert!(ids(russian).is_empty());
    let stored = s.document(&visit).unwrap().unwrap().1;
    assert_eq!(
        (stored.doc.url.as_deref(), stored.doc.language.as_deref()),
        (Some("https://example.org/news/uzbek-visit"), Some("en"))
    );
}

/// Migration 3 on a database of schema version 2 that holds a document:
/// `exec` runs SQL on the store's database, `reopen` opens it again.
/// The document keeps everything and reads back with no url, language or
/// ingest time; new documents store theirs.
fn migration_3(exec: &dyn Fn(&str), reopen: &dyn Fn() -> Box<dyn Store>) {
    // Back to version 2: the columns and the row of version 3 removed.
    exec(
        "DROP INDEX documents_language; \
         ALTER TABLE documents DROP COLUMN url; \
         ALTER TABLE documents DROP COLUMN language; \
         ALTER TABLE documents DROP COLUMN ingested; \
         DELETE FROM schema_version WHERE version = 3",
    );
    exec(
        "INSERT INTO documents (id, source, date, dateline, title, text, chars) \
         VALUES ('00000000000000aa', 'old.txt', NULL, NULL, 'Old', 'Stored by version 2.', 20)",
    );
    let s = reopen();
    let (doc, ex) = s.document("00000000000000aa").unwrap().expect("kept");
    assert_eq!(doc.text, "Stored by version 2.");
    assert_eq!(
        (&doc.url, &doc.language, &ex.doc.ingested),
        (&None, &None, &None)
    );
    let docs = all();
    s.put_batch(&docs[..1]).unwrap();
    let back = s.document(&docs[0].0.id).unwrap().unwrap().1;
    assert_eq!(back.doc.url, docs[0].0.url);
    assert!(back.doc.ingested.is_some());
    assert_eq!(s.stats().unwrap().documents, 2);
}

fn event_filters(s: &dyn Store) {
    let docs = all();
    s.put_batch(&docs).unwrap();
    let codes = |f: EventFilter| -> Vec<String> {
        s.events(&f)
            .unwrap()
            .into_iter()
            .map(|r| r.fact.code.to_string())
            .collect()
    };
    assert_eq!(codes(EventFilter::default()), ["042", "0311", "040"]);
    let dyad = EventFilter {
        countries: vec![cc("BGR"), cc("KAZ")],
        ..Default::default()
    };
    assert_eq!(codes(dyad), ["040"]);
    let one = EventFilter {
        countries: vec![cc("BGR")],
        ..Default::default()
    };
    assert_eq!(codes(one), ["0311", "040"]);
    let root = EventFilter {
        root: Some(4),
        ..Default::default()
    };
    assert_eq!(codes(root), ["042", "040"]);
    let prefix = EventFilter {
        code: Some(CameoCode::new("04").unwrap()),
        ..Default::default()
    };
    assert_eq!(codes(prefix), ["042", "040"]);
    let actor = EventFilter {
        actor: Some("uzbgov".into()),
        ..Default::default()
    };
    assert_eq!(codes(actor), ["042"]);
    let entity = EventFilter {
        actor: Some("person:aziz-karimov".into()),
        ..Default::default()
    };
    assert_eq!(codes(entity), ["042"]);
    let plover = EventFilter {
        plover: Some(Plover::Consult),
        quad_class: Some(1),
        ..Default::default()
    };
    assert_eq!(codes(plover), ["042", "040"]);
    // The event's own date wins over the document's.
    let june = EventFilter {
        since: Some(date("2025-06-01")),
        until: Some(date("2025-06-05")),
        ..Default::default()
    };
    assert_eq!(codes(june), ["0311"]);
    let text = EventFilter {
        text: Some("held talks".into()),
        ..Default::default()
    };
    let rows = s.events(&text).unwrap();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r.doc_id, docs[0].0.id);
    assert_eq!(r.doc_date, Some(date("2025-03-04")));
    assert_eq!(r.doc_source, "fixtures/visit.txt");
    assert_eq!(
        r.doc_title.as_deref(),
        Some("Uzbek President visits Hungary")
    );
    assert_eq!(r.ord, 0);
    assert_eq!(
        r.evidence_text,
        "Uzbek President Aziz Karimov held talks with Hungarian Prime Minister Péter Nagy on \
         Tuesday."
    );
    assert_eq!(r.fact, docs[0].1.events[0]);
    let page = EventFilter {
        limit: Some(2),
        offset: 1,
        ..Default::default()
    };
    assert_eq!(codes(page), ["0311", "040"]);
    // The row serializes flat, with the fact's own fields.
    let json = serde_json::to_value(r).unwrap();
    assert_eq!(json["code"], "042");
    assert_eq!(json["doc_id"], docs[0].0.id.as_str());
}

fn fact_filters(s: &dyn Store) {
    let docs = all();
    s.put_batch(&docs).unwrap();
    // Agreements: by party country, by a country mentioned in the evidence,
    // by kind, by party name.
    let f = AgreementFilter {
        countries: vec![cc("HUN"), cc("UZB")],
        ..Default::default()
    };
    let rows = s.agreements(&f).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].fact, docs[0].1.agreements[0]);
    assert!(rows[0].evidence_text.starts_with("The two sides signed"));
    let f = AgreementFilter {
        countries: vec![cc("KAZ")],
        ..Default::default()
    };
    assert!(s.agreements(&f).unwrap().is_empty());
    let f = AgreementFilter {
        kind: Some(AgreementType::Treaty),
        ..Default::default()
    };
    assert!(s.agreements(&f).unwrap().is_empty());
    let f = AgreementFilter {
        party: Some("hungary".into()),
        text: Some("renewable".into()),
        since: Some(date("2025-03-01")),
        ..Default::default()
    };
    assert_eq!(s.agreements(&f).unwrap().len(), 1);

    // Figures.
    let f = FigureFilter {
        measure: Some(Measure::Trade),
        ..Default::default()
    };
    let rows = s.figures(&f).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].fact, docs[0].1.quantities[0]);
    assert_eq!(rows[0].evidence_text, "$412 million");
    let f = FigureFilter {
        countries: vec![cc("BGR"), cc("KAZ")],
        ..Default::default()
    };
    let rows = s.figures(&f).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].fact, docs[1].1.quantities[0]);
    let f = FigureFilter {
        kind: Some(QuantityKind::Percent),
        unit: Some("%".into()),
        ..Default::default()
    };
    assert_eq!(s.figures(&f).unwrap().len(), 1);
    assert_eq!(s.figures(&FigureFilter::default()).unwrap().len(), 3);

    // Quotes.
    let f = QuoteFilter {
        speaker: Some("karimov".into()),
        countries: vec![cc("HUN")],
        ..Default::default()
    };
    let rows = s.quotes(&f).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].fact, docs[0].1.quotes[0]);
    let f = QuoteFilter {
        countries: vec![cc("KAZ")],
        ..Default::default()
    };
    assert!(s.quotes(&f).unwrap().is_empty());

    // Topics.
    let f = TopicFilter {
        countries: vec![cc("UZB")],
        ..Default::default()
    };
    let rows = s.topics(&f).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].fact, docs[0].1.topics[0]);
    let f = TopicFilter {
        topic: Some("agriculture".into()),
        ..Default::default()
    };
    assert_eq!(s.topics(&f).unwrap()[0].ord, 1);
    let f = TopicFilter {
        status: Some(TopicStatus::Active),
        ..Default::default()
    };
    assert!(s.topics(&f).unwrap().is_empty());
}

fn hostile_values(s: &dyn Store) {
    let docs = all();
    s.put_batch(&docs).unwrap();
    let h = &docs[2].0;
    let (back, _) = s.document(&h.id).unwrap().unwrap();
    assert_eq!(back.text, h.text);
    // Filter values are data, never SQL; LIKE wildcards match themselves.
    for needle in [
        "'; DROP TABLE documents; --",
        "<script>alert(\"x\")</script>",
        "100%",
        "50_50",
        "back\\slash",
    ] {
        let f = DocFilter {
            text: Some(needle.into()),
            ..Default::default()
        };
        let got = s.extractions(&f).unwrap();
        assert_eq!(got.len(), 1, "{needle}");
        assert_eq!(got[0].doc.id, h.id);
    }
    for needle in ["%", "_", "50%50"] {
        let f = DocFilter {
            text: Some(format!("zz{needle}zz")),
            ..Default::default()
        };
        assert!(s.extractions(&f).unwrap().is_empty(), "{needle}");
    }
    let f = EventFilter {
        actor: Some("' OR 1=1 --".into()),
        ..Default::default()
    };
    assert!(s.events(&f).unwrap().is_empty());
    assert_eq!(s.stats().unwrap().documents, 3);
}

/// Readers on other threads see whole batches only, while a writer adds
/// batches.
fn concurrent_readers(s: &dyn Store) {
    let batches: Vec<Vec<(Document, Extraction)>> = (0..20)
        .map(|b| {
            (0..10)
                .map(|i| {
                    let (doc, ex) = meeting();
                    let text = format!("{} Round {b}-{i}.", doc.text);
                    let mut d = Document::new(format!("fixtures/{b}-{i}.txt"), text);
                    d.date = doc.date;
                    let mut e = ex;
                    e.doc = dyad_model::DocMeta::of(&d);
                    (d, e)
                })
                .collect()
        })
        .collect();
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| {
                for _ in 0..30 {
                    let docs = s.stats().unwrap().documents;
                    assert_eq!(docs % 10, 0, "a batch is seen whole or not at all");
                    let events = s.events(&EventFilter::default()).unwrap();
                    assert_eq!(events.len() % 20, 0);
                }
            });
        }
        for b in &batches {
            assert_eq!(s.put_batch(b).unwrap().stored, 10);
        }
    });
    assert_eq!(s.stats().unwrap().documents, 200);
}

/// A batch that fails half-way stores nothing; the next one works.
fn atomic_batches(s: &dyn Store, poison: &dyn Fn()) {
    let docs = all();
    s.put_batch(&docs[1..2]).unwrap();
    poison();
    let err = s.put_batch(&docs).unwrap_err().to_string();
    assert!(err.contains("cannot store batch of 3 documents"), "{err}");
    let st = s.stats().unwrap();
    assert_eq!((st.documents, st.events, st.topics), (1, 2, 0));
    let out = s.put_batch(&docs[2..]).unwrap();
    assert_eq!(out.stored, 1);
}

// ------------------------------------------------------------ the backends

mod sqlite {
    use super::*;
    use dyad_store::{SqliteStore, StoreError};

    fn fresh() -> (tempfile::TempDir, SqliteStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(dir.path().join("t.sqlite")).unwrap();
        (dir, store)
    }

    macro_rules! on_sqlite {
        ($($name:ident),*) => {$(
            #[test]
            fn $name() {
                let (_dir, s) = fresh();
                super::$name(&s);
            }
        )*};
    }

    on_sqlite!(
        round_trip,
        idempotent,
        doc_filters,
        event_filters,
        fact_filters,
        hostile_values,
        concurrent_readers
    );

    #[test]
    fn atomic_batches() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite");
        let s = SqliteStore::open(&path).unwrap();
        let poison = || {
            let c = rusqlite::Connection::open(&path).unwrap();
            c.execute_batch(
                "CREATE TRIGGER poison BEFORE INSERT ON topics \
                 BEGIN SELECT RAISE(ABORT, 'poisoned'); END;",
            )
            .unwrap();
        };
        super::atomic_batches(&s, &poison);
    }

    #[test]
    fn migration_3() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite");
        drop(SqliteStore::open(&path).unwrap());
        let exec = |sql: &str| {
            let c = rusqlite::Connection::open(&path).unwrap();
            c.execute_batch(sql).unwrap();
            c.execute_batch("PRAGMA user_version = 2").unwrap();
        };
        let reopen = || -> Box<dyn Store> { Box::new(SqliteStore::open(&path).unwrap()) };
        super::migration_3(&exec, &reopen);
        let c = rusqlite::Connection::open(&path).unwrap();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 3);
    }

    #[test]
    fn reopening_keeps_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite");
        let docs = all();
        SqliteStore::open(&path).unwrap().put_batch(&docs).unwrap();
        // Closed, the store leaves everything in the one file.
        assert!(!dir.path().join("t.sqlite-wal").exists());
        let s = dyad_store::open(path.to_str().unwrap()).unwrap();
        assert_eq!(s.backend(), dyad_store::Backend::Sqlite);
        assert_eq!(s.stats().unwrap().documents, 3);
        assert_eq!(s.put_batch(&docs).unwrap().stored, 0);
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite");
        drop(SqliteStore::open(&path).unwrap());
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute("INSERT INTO schema_version (version) VALUES (99)", [])
            .unwrap();
        drop(c);
        let err = SqliteStore::open(&path).unwrap_err();
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
        let msg = err.to_string();
        assert!(msg.contains("t.sqlite") && msg.contains("99"), "{msg}");
    }

    #[test]
    fn bad_paths_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no/such/dir/t.sqlite");
        let err = dyad_store::open(missing.to_str().unwrap()).unwrap_err();
        assert!(err.to_string().contains("no/such/dir/t.sqlite"), "{err}");
        let junk = dir.path().join("junk.sqlite");
        std::fs::write(
            &junk,
            b"this is not a database, just some text\n".repeat(200),
        )
        .unwrap();
        let err = dyad_store::open(junk.to_str().unwrap()).unwrap_err();
        assert!(err.to_string().contains("junk.sqlite"), "{err}");
    }

    #[test]
    fn in_memory_works() {
        let s = SqliteStore::open_in_memory().unwrap();
        super::idempotent(&s);
    }
}

#[cfg(feature = "postgres")]
mod postgres {
    use dyad_store::PgStore;

    /// A PostgreSQL store in a schema of its own, dropped on drop.
    struct Fresh {
        url: String,
        schema: String,
        store: Option<PgStore>,
    }

    impl Drop for Fresh {
        fn drop(&mut self) {
            self.store = None;
            if let Ok(mut c) = ::postgres::Client::connect(&self.url, ::postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
            }
        }
    }

    fn fresh(name: &str) -> Option<Fresh> {
        let Ok(url) = std::env::var("DYAD_TEST_POSTGRES_URL") else {
            eprintln!("skipped: DYAD_TEST_POSTGRES_URL is not set (see .ci/setup-postgres.sh)");
            return None;
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let schema = format!("dyad_test_{name}_{}_{nanos}", std::process::id());
        let mut c = ::postgres::Client::connect(&url, ::postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to DYAD_TEST_POSTGRES_URL: {e}"));
        c.batch_execute(&format!("CREATE SCHEMA {schema}")).unwrap();
        let sep = if url.contains('?') { '&' } else { '?' };
        let store_url = format!("{url}{sep}options=-csearch_path%3D{schema}");
        let store = PgStore::open(&store_url).unwrap();
        Some(Fresh {
            url,
            schema,
            store: Some(store),
        })
    }

    macro_rules! on_postgres {
        ($($name:ident),*) => {$(
            #[test]
            fn $name() {
                let Some(f) = fresh(stringify!($name)) else { return };
                super::$name(f.store.as_ref().unwrap());
            }
        )*};
    }

    on_postgres!(
        round_trip,
        idempotent,
        doc_filters,
        event_filters,
        fact_filters,
        hostile_values,
        concurrent_readers
    );

    #[test]
    fn atomic_batches() {
        let Some(f) = fresh("atomic") else { return };
        let poison = || {
            let mut c = ::postgres::Client::connect(&f.url, ::postgres::NoTls).unwrap();
            c.batch_execute(&format!(
                "CREATE FUNCTION {s}.poison() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN RAISE EXCEPTION 'poisoned'; END $$; \
                 CREATE TRIGGER poison BEFORE INSERT ON {s}.topics \
                 FOR EACH ROW EXECUTE FUNCTION {s}.poison();",
                s = f.schema
            ))
            .unwrap();
        };
        super::atomic_batches(f.store.as_ref().unwrap(), &poison);
    }

    #[test]
    fn migration_3() {
        let Some(f) = fresh("migration3") else { return };
        let url = format!(
            "{}{}options=-csearch_path%3D{}",
            f.url,
            if f.url.contains('?') { '&' } else { '?' },
            f.schema
        );
        let exec = |sql: &str| {
            let mut c = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
            c.batch_execute(sql).unwrap();
        };
        let reopen = || -> Box<dyn dyad_store::Store> { Box::new(PgStore::open(&url).unwrap()) };
        super::migration_3(&exec, &reopen);
    }

    #[test]
    fn newer_schema_is_refused() {
        let Some(f) = fresh("newer") else { return };
        let mut c = ::postgres::Client::connect(&f.url, ::postgres::NoTls).unwrap();
        c.batch_execute(&format!(
            "INSERT INTO {}.schema_version (version) VALUES (99)",
            f.schema
        ))
        .unwrap();
        let url = format!(
            "{}{}options=-csearch_path%3D{}",
            f.url,
            if f.url.contains('?') { '&' } else { '?' },
            f.schema
        );
        let err = PgStore::open(&url).unwrap_err();
        assert!(
            matches!(err, dyad_store::StoreError::TooNew { found: 99, .. }),
            "{err}"
        );
        assert!(
            !err.to_string().contains(":dyad@"),
            "password hidden: {err}"
        );
    }
}

#[cfg(not(feature = "postgres"))]
#[test]
fn postgres_suite() {
    eprintln!("skipped: postgres suite needs `--features postgres` and DYAD_TEST_POSTGRES_URL");
}
