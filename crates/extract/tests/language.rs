//! Non-English documents: the language is detected, only entities are
//! extracted, and a diagnostic says so. The articles are the team's.

use dyad_extract::{Diagnostic, Pipeline};
use dyad_model::Document;

#[test]
fn russian_text_gives_entities_and_a_diagnostic() {
    let text = "Президент Казахстана Касым-Жомарт Токаев провёл переговоры с президентом \
                Болгарии Руменом Радевым в Астане. Стороны подписали меморандум о \
                сотрудничестве в области энергетики и транспорта."
        .to_string();
    let pipeline = Pipeline::new();
    let (ex, d) = pipeline.run_with_diagnostics(&Document::new("ru.txt", text));
    assert_eq!(ex.doc.language.as_deref(), Some("ru"));
    assert_eq!(
        d,
        vec![Diagnostic::NotEnglish {
            language: "ru".into()
        }]
    );
    assert_eq!(
        d[0].to_string(),
        "language ru: not supported, entities only"
    );
    assert!(ex.events.is_empty() && ex.agreements.is_empty() && ex.quotes.is_empty());
}

#[test]
fn english_text_is_marked_english_and_fully_read() {
    let text = "Kazakh President Kassym-Jomart Tokayev held talks with Bulgarian President \
                Rumen Radev in Astana on Monday. The two sides signed a memorandum on \
                cooperation in energy and transport."
        .to_string();
    let mut doc = Document::new("en.txt", text);
    doc.date = chrono::NaiveDate::from_ymd_opt(2025, 6, 9);
    let (ex, d) = Pipeline::new().run_with_diagnostics(&doc);
    assert_eq!(ex.doc.language.as_deref(), Some("en"));
    assert!(d.is_empty(), "{d:?}");
    assert!(!ex.events.is_empty() && !ex.entities.is_empty());
}

#[test]
fn a_stated_language_counts_when_the_text_is_too_short_to_tell() {
    let mut doc = Document::new("short.txt", "Radev in Astana.".to_string());
    doc.language = Some("es".into());
    let (ex, d) = Pipeline::new().run_with_diagnostics(&doc);
    assert_eq!(ex.doc.language.as_deref(), Some("es"));
    assert_eq!(d.len(), 1);
    let doc = Document::new("short.txt", "Radev in Astana.".to_string());
    let (ex, d) = Pipeline::new().run_with_diagnostics(&doc);
    assert_eq!((ex.doc.language, d.len()), (None, 0));
}
