//! Store throughput on synthetic documents: batched writes into a fresh
//! SQLite file, then the main reads. Every step checks its count, so a fast
//! wrong answer fails. `cargo bench -p dyad-store`.

use std::time::Instant;

use chrono::NaiveDate;
use dyad_model::{
    ActorCode, Agreement, AgreementType, Approx, CameoCode, CountryCode, Document, Entity,
    EntityKind, Event, Extraction, Measure, Party, Quantity, QuantityKind, Quote, Span,
};
use dyad_store::{DocFilter, EventFilter, FigureFilter, SqliteStore, Store};

const DOCS: usize = 3000;
const BATCH: usize = 200;
const PAIRS: [(&str, &str); 4] = [
    ("KAZ", "BGR"),
    ("UZB", "HUN"),
    ("AZE", "GEO"),
    ("KAZ", "HUN"),
];

fn country(code: &str, at: usize) -> Entity {
    Entity {
        id: code.into(),
        kind: EntityKind::Country,
        name: code.into(),
        country: CountryCode::new(code).ok(),
        role: None,
        lat: None,
        lon: None,
        mentions: vec![Span::new(at, at + 3), Span::new(at + 40, at + 43)],
    }
}

fn doc(i: usize) -> (Document, Extraction) {
    let (a, b) = PAIRS[i % PAIRS.len()];
    let text = format!(
        "{a} and {b} held talks, round {i}. Trade reached ${i} million, officials said. \
         \"We agreed on {i} projects,\" the minister said. A memorandum on transport was signed."
    )
    .repeat(4);
    let mut d = Document::new(format!("synthetic/{i}.txt"), text);
    d.date = NaiveDate::from_ymd_opt(2025, 1 + (i % 12) as u32, 1 + (i % 28) as u32);
    let mut ex = Extraction::empty(&d);
    let actor = |c: &str| ActorCode::new(&format!("{c}GOV")).ok();
    ex.entities = vec![country(a, 0), country(b, 8)];
    ex.events = (0..3)
        .map(|k| Event {
            code: CameoCode::new(["042", "036", "057"][k]).expect("valid code"),
            plover: None,
            quad_class: 1,
            goldstein: 2.0,
            source: actor(a),
            target: actor(b),
            source_entity: Some(a.into()),
            target_entity: Some(b.into()),
            date: d.date,
            place: None,
            evidence: Span::new(0, 30),
        })
        .collect();
    ex.agreements = vec![Agreement {
        kind: AgreementType::Memorandum,
        title: Some("memorandum".into()),
        subject: Some("transport".into()),
        date: d.date,
        place: None,
        parties: vec![
            Party {
                name: a.into(),
                entity: Some(a.into()),
                country: CountryCode::new(a).ok(),
            },
            Party {
                name: b.into(),
                entity: Some(b.into()),
                country: CountryCode::new(b).ok(),
            },
        ],
        evidence: Span::new(120, 160),
    }];
    ex.quantities = (0..4)
        .map(|k| Quantity {
            kind: QuantityKind::Money,
            value: (i * 1_000_000 + k) as f64,
            unit: Some("USD".into()),
            approx: Approx::Exact,
            measure: Some(Measure::Trade),
            subject: None,
            countries: [a, b]
                .iter()
                .filter_map(|c| CountryCode::new(c).ok())
                .collect(),
            period: None,
            change: None,
            evidence: Span::new(30, 60),
        })
        .collect();
    ex.quotes = vec![Quote {
        speaker: None,
        speaker_name: Some("the minister".into()),
        text: "We agreed".into(),
        evidence: Span::new(80, 100),
    }];
    (d, ex)
}

fn main() {
    let docs: Vec<_> = (0..DOCS).map(doc).collect();
    let dir = std::env::temp_dir().join(format!("dyad-store-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bench.sqlite");
    let _ = std::fs::remove_file(&path);
    let store = SqliteStore::open(&path).expect("open");

    let t = Instant::now();
    let mut stored = 0;
    for batch in docs.chunks(BATCH) {
        stored += store.put_batch(batch).expect("put").stored;
    }
    let put = t.elapsed();
    assert_eq!(stored, DOCS);
    println!(
        "put_batch   {DOCS} documents in {put:.2?}: {:.0} documents/s",
        DOCS as f64 / put.as_secs_f64()
    );

    let t = Instant::now();
    let again: usize = docs
        .chunks(BATCH)
        .map(|b| store.put_batch(b).expect("put").duplicates)
        .sum();
    assert_eq!(again, DOCS);
    println!("re-put      {DOCS} duplicates in {:.2?}", t.elapsed());

    let t = Instant::now();
    let all = store.extractions(&DocFilter::default()).expect("read");
    assert_eq!(all.len(), DOCS);
    println!("extractions {} in {:.2?}", all.len(), t.elapsed());

    let dyad = EventFilter {
        countries: ["KAZ", "BGR"]
            .iter()
            .filter_map(|c| CountryCode::new(c).ok())
            .collect(),
        ..Default::default()
    };
    let t = Instant::now();
    let events = store.events(&dyad).expect("events");
    assert_eq!(events.len(), DOCS / PAIRS.len() * 3);
    println!(
        "events      {} of a dyad in {:.2?}",
        events.len(),
        t.elapsed()
    );

    let t = Instant::now();
    let figures = store.figures(&FigureFilter::default()).expect("figures");
    assert_eq!(figures.len(), DOCS * 4);
    println!("figures     {} in {:.2?}", figures.len(), t.elapsed());

    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}
