//! Event coding on hand-built analyses (no gazetteer needed).

use super::*;
use dyad_model::{CountryCode, Entity, Mention, Role};

/// A test analysis: sentences split at ". ", and a mention for every
/// occurrence of each surface form.
pub(crate) struct Fixture {
    pub doc: Document,
    pub analysis: Analysis,
}

pub(crate) fn ent(
    id: &str,
    kind: EntityKind,
    name: &str,
    country: Option<&str>,
    role: Option<Role>,
) -> Entity {
    Entity {
        id: id.into(),
        kind,
        name: name.into(),
        country: country.map(|c| CountryCode::new(c).unwrap()),
        role,
        lat: None,
        lon: None,
        mentions: Vec::new(),
    }
}

pub(crate) fn country(code: &str, name: &str) -> Entity {
    ent(code, EntityKind::Country, name, Some(code), None)
}

pub(crate) fn fixture(
    text: &str,
    date: Option<&str>,
    dateline: Option<&str>,
    entities: Vec<Entity>,
    surfaces: &[(&str, usize, MentionForm)],
) -> Fixture {
    let mut doc = Document::new("test.txt", text.to_string());
    doc.date = date.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
    doc.dateline = dateline.map(str::to_string);
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        sentences.push(ByteSpan::new(start, i + 1));
        start = i + 2;
    }
    if start < text.trim_end().len() {
        sentences.push(ByteSpan::new(start, text.trim_end().len()));
    }
    let mut mentions = Vec::new();
    for &(surface, entity, form) in surfaces {
        for (i, _) in text.match_indices(surface) {
            let end = i + surface.len();
            // Whole words only.
            let before = text[..i].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            mentions.push(Mention {
                span: ByteSpan::new(i, end),
                entity,
                form,
            });
        }
    }
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    // Longest mention wins where two overlap.
    let mut kept: Vec<Mention> = Vec::new();
    for m in mentions {
        if kept.last().is_some_and(|k| k.span.overlaps(m.span)) {
            continue;
        }
        kept.push(m);
    }
    let analysis = Analysis {
        sentences,
        tokens: Vec::new(),
        entities,
        mentions: kept,
        syntax: Default::default(),
    };
    Fixture { doc, analysis }
}

pub(crate) fn run(f: &Fixture) -> Vec<String> {
    let map = CharMap::new(&f.doc.text);
    extract(&f.doc, &f.analysis, &map)
        .iter()
        .map(|e| {
            format!(
                "{} {}->{} {}",
                e.code,
                e.source.as_ref().map_or("-", |a| a.as_str()),
                e.target.as_ref().map_or("-", |a| a.as_str()),
                e.date.map_or("-".to_string(), |d| d.to_string())
            )
        })
        .collect()
}

fn visit_fixture() -> Fixture {
    let text = "Hungarian President Tamas Sulyok met with Uzbek President Shavkat Mirziyoyev on March 14 in Budapest during his state visit. \
The two presidents held talks in a narrow format. \
Hungary and Uzbekistan signed several agreements. \
Mirziyoyev praised Hungary's economic policy. \
Hungary did not sign the proposed gas transit protocol. \
Mirziyoyev will visit Debrecen next year.";
    let entities = vec![
        country("HUN", "Hungary"),
        country("UZB", "Uzbekistan"),
        ent(
            "person:sulyok",
            EntityKind::Person,
            "Tamas Sulyok",
            Some("HUN"),
            Some(Role::President),
        ),
        ent(
            "person:mirziyoyev",
            EntityKind::Person,
            "Shavkat Mirziyoyev",
            Some("UZB"),
            Some(Role::President),
        ),
        ent(
            "place:budapest",
            EntityKind::Place,
            "Budapest",
            Some("HUN"),
            None,
        ),
        ent(
            "place:debrecen",
            EntityKind::Place,
            "Debrecen",
            Some("HUN"),
            None,
        ),
    ];
    fixture(
        text,
        Some("2025-03-15"),
        Some("BUDAPEST"),
        entities,
        &[
            ("Hungarian", 0, MentionForm::Adjective),
            ("Hungary's", 0, MentionForm::Possessive),
            ("Hungary", 0, MentionForm::Name),
            ("Uzbek", 1, MentionForm::Adjective),
            ("Uzbekistan", 1, MentionForm::Name),
            ("Tamas Sulyok", 2, MentionForm::Name),
            ("Shavkat Mirziyoyev", 3, MentionForm::Name),
            ("Mirziyoyev", 3, MentionForm::Name),
            ("Budapest", 4, MentionForm::Name),
            ("Debrecen", 5, MentionForm::Name),
        ],
    )
}

#[test]
fn codes_a_state_visit() {
    let got = run(&visit_fixture());
    assert_eq!(
        got,
        [
            "040 HUNGOV->UZBGOV 2025-03-14",
            "042 UZBGOV->HUNGOV 2025-03-14",
            "057 HUN->UZB 2025-03-14",
            "051 UZBGOV->HUN 2025-03-14",
            "036 UZBGOV->HUN 2025-03-15",
        ],
        "{got:#?}"
    );
}

#[test]
fn events_carry_codebook_values() {
    let f = visit_fixture();
    let map = CharMap::new(&f.doc.text);
    let events = extract(&f.doc, &f.analysis, &map);
    let sign = events.iter().find(|e| e.code.as_str() == "057").unwrap();
    assert_eq!(sign.quad_class, 1);
    assert_eq!(sign.plover, Some(dyad_model::Plover::Support));
    assert_eq!(sign.source_entity.as_deref(), Some("HUN"));
    assert_eq!(sign.place.as_deref(), Some("Budapest"));
    let visit = events.iter().find(|e| e.code.as_str() == "042").unwrap();
    assert_eq!(visit.source_entity.as_deref(), Some("person:mirziyoyev"));
    assert_eq!(visit.target_entity.as_deref(), Some("person:sulyok"));
    let ev = &f.doc.text[..visit.evidence.end];
    assert!(ev.ends_with("state visit."));
}

#[test]
fn empty_and_odd_input_is_total() {
    for text in [
        "",
        " ",
        "...",
        "met met met",
        "Signed. Visited! Between and and.",
    ] {
        let f = fixture(text, None, None, vec![], &[]);
        assert!(run(&f).is_empty());
    }
}

mod totality {
    use super::*;
    use proptest::prelude::*;

    const VOCAB: &[&str] = &[
        "met",
        "with",
        "signed",
        "a",
        "memorandum",
        "between",
        "and",
        "the",
        "visit",
        "his",
        "Kazakhstan",
        "Bulgaria",
        "Kazakh",
        "Radev",
        "said",
        "will",
        "not",
        "talks",
        "on",
        "June",
        "9",
        "Monday",
        "“",
        "”",
        "\"",
        ",",
        ".",
        ";",
        "agreement",
        "of",
        "under",
        "was",
        "by",
        "These",
        "include",
        "two",
        "leaders",
        "they",
        "Sofia",
        "’s",
        "-",
        "(",
        "airstrikes",
        "condemned",
        "that",
        "demanded",
        "sister",
        "city",
        "I",
        "reject",
    ];

    fn article() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(VOCAB), 0..60).prop_map(|ws| ws.join(" "))
    }

    proptest! {
        /// Any text with any mentions on char boundaries: no panic.
        #[test]
        fn extraction_is_total(text in article(), picks in prop::collection::vec((0usize..400, 1usize..30, 0usize..4, 0usize..7), 0..12), dated in any::<bool>()) {
            let entities = vec![
                country("KAZ", "Kazakhstan"),
                country("BGR", "Bulgaria"),
                ent("person:radev", EntityKind::Person, "Rumen Radev", Some("BGR"), Some(Role::President)),
                ent("place:sofia", EntityKind::Place, "Sofia", Some("BGR"), None),
            ];
            let forms = [
                MentionForm::Name, MentionForm::Adjective, MentionForm::Possessive, MentionForm::Description,
                MentionForm::Demonym, MentionForm::Acronym, MentionForm::Dateline,
            ];
            let mut f = fixture(&text, dated.then_some("2025-06-09"), Some("SOFIA"), entities, &[]);
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let mut mentions: Vec<Mention> = picks
                .iter()
                .map(|&(s, l, e, form)| {
                    let a = bounds[s % bounds.len()];
                    let b = bounds[(s + l).min(bounds.len() - 1)].max(a);
                    Mention { span: ByteSpan::new(a, b), entity: e, form: forms[form] }
                })
                .collect();
            mentions.sort_by_key(|m| m.span.start);
            f.analysis.mentions = mentions;
            let map = CharMap::new(&f.doc.text);
            let _ = extract(&f.doc, &f.analysis, &map);
            let _ = crate::agreements::extract(&f.doc, &f.analysis, &map);
        }
    }

    /// The char-by-char quotation finder `quoted_ranges` must agree with.
    fn quoted_reference(text: &str) -> Vec<ByteSpan> {
        let mut out = Vec::new();
        let mut open: Option<usize> = None;
        let mut prev_newline = false;
        for (i, c) in text.char_indices() {
            match c {
                '“' | '«' if open.is_none() => open = Some(i),
                '”' | '»' => {
                    if let Some(o) = open.take() {
                        out.push(ByteSpan::new(o, i + c.len_utf8()));
                    }
                }
                '"' => match open.take() {
                    Some(o) => out.push(ByteSpan::new(o, i + 1)),
                    None => open = Some(i),
                },
                '\n' if prev_newline => {
                    if let Some(o) = open.take() {
                        out.push(ByteSpan::new(o, i));
                    }
                }
                _ => {}
            }
            if c != '\r' && c != ' ' {
                prev_newline = c == '\n';
            }
        }
        if let Some(o) = open {
            out.push(ByteSpan::new(o, text.len()));
        }
        out
    }

    proptest! {
        #[test]
        fn quotes_agree_with_reference(text in "[a \"“”«»\n\r\u{2019}\u{201a}\u{ab}\u{c2}é€]{0,120}") {
            prop_assert_eq!(quoted_ranges(&text), quoted_reference(&text));
        }
    }
}
