//! Quote pairing and speaker tests over hand-built analyses.

use super::*;
use dyad_model::{CountryCode, Entity, Mention, MentionForm};

/// An analysis with the given entities: (surface forms, id, name, kind).
fn analysis(text: &str, ents: &[(&[&str], &str, &str, EntityKind)]) -> Analysis {
    let mut a = Analysis::default();
    for (k, (surfaces, id, name, kind)) in ents.iter().enumerate() {
        a.entities.push(Entity {
            id: id.to_string(),
            kind: *kind,
            name: name.to_string(),
            country: if *kind == EntityKind::Country {
                CountryCode::new(id).ok()
            } else {
                None
            },
            role: None,
            lat: None,
            lon: None,
            mentions: Vec::new(),
        });
        for s in *surfaces {
            for (at, _) in text.match_indices(s) {
                // Skip a shorter surface inside a longer one already found.
                if a.mentions
                    .iter()
                    .any(|m: &Mention| m.span.start <= at && at < m.span.end)
                {
                    continue;
                }
                a.mentions.push(Mention {
                    span: ByteSpan::new(at, at + s.len()),
                    entity: k,
                    form: MentionForm::Name,
                });
            }
        }
    }
    a.mentions.sort_by_key(|m| m.span.start);
    a
}

fn run(text: &str, ents: &[(&[&str], &str, &str, EntityKind)]) -> Vec<(String, Option<String>)> {
    let d = Document::new("t.txt", text.to_string());
    let a = analysis(text, ents);
    extract(&d, &a, &CharMap::new(text))
        .into_iter()
        .map(|q| (q.text, q.speaker_name))
        .collect()
}

fn q(t: &str, s: Option<&str>) -> (String, Option<String>) {
    (t.to_string(), s.map(str::to_string))
}

const P: EntityKind = EntityKind::Person;

#[test]
fn said_forms_and_pronouns() {
    let text = "President Shavkat Mirziyoyev met Hungarian Prime Minister Viktor Orban in \
        Budapest.\n\n“Our trade has doubled in three years,” said Mirziyoyev.\n\n\
        Orban welcomed the “very productive and friendly” atmosphere of the talks, praising \
        Mirziyoyev’s reforms.\n\n“Hungary sees Uzbekistan as a gateway to Central Asia,” he \
        said. “We will open a trade house in Tashkent.”";
    let got = run(
        text,
        &[
            (
                &["Shavkat Mirziyoyev", "Mirziyoyev"],
                "person:mirziyoyev",
                "Shavkat Mirziyoyev",
                P,
            ),
            (
                &["Viktor Orban", "Orban"],
                "person:orban",
                "Viktor Orban",
                P,
            ),
        ],
    );
    assert_eq!(
        got,
        [
            q(
                "Our trade has doubled in three years",
                Some("Shavkat Mirziyoyev")
            ),
            q("very productive and friendly", Some("Viktor Orban")),
            q(
                "Hungary sees Uzbekistan as a gateway to Central Asia",
                Some("Viktor Orban")
            ),
            q(
                "We will open a trade house in Tashkent.",
                Some("Viktor Orban")
            ),
        ]
    );
}

#[test]
fn straight_quotes_wire_copy_and_unbalanced_marks() {
    let text = "HANOI, March 3 - Vietnam and Japan agreed to expand trade, officials said.\n    \
        \"The exchange market is calm, and investors\nare confident,\" a senior central bank \
        official told reporters.\n    Minister Tran Van Son urged partners to act \"to avoid a \
        gap between the old and\nthe new.\n    Kenji Sato, speaking for Japan, agreed.\n    \
        He added that the talks \"showed the strength of our partnership.\"";
    let got = run(
        text,
        &[
            (&["Tran Van Son"], "person:son", "Tran Van Son", P),
            (&["Kenji Sato"], "person:sato", "Kenji Sato", P),
        ],
    );
    assert_eq!(
        got,
        [
            q(
                "The exchange market is calm, and investors are confident",
                Some("senior central bank official")
            ),
            q(
                "to avoid a gap between the old and the new.",
                Some("Tran Van Son")
            ),
            q(
                "showed the strength of our partnership.",
                Some("Kenji Sato")
            ),
        ]
    );
}

#[test]
fn multi_paragraph_quote() {
    let text = "Ambassador Ivan Petrov spoke at the forum.\n\n\"Our countries share a long \
        history of friendship.\n\n\"Today we open a new chapter in trade,\" Petrov said.\n\n\
        Other news followed.";
    let got = run(
        text,
        &[(
            &["Ivan Petrov", "Petrov"],
            "person:petrov",
            "Ivan Petrov",
            P,
        )],
    );
    assert_eq!(
        got,
        [q(
            "Our countries share a long history of friendship.\nToday we open a new chapter in trade",
            Some("Ivan Petrov")
        )]
    );
}

#[test]
fn titles_scare_quotes_and_according_to() {
    let text = "Turkey signed a \"letter of intent\" and named it \"Operation Blue Horizon\".\n\n\
        According to Mr Waller, Exxon \"was not planning to bid at a new tender anyway\".\n\n\
        The markets noted Baker's statement that \"the accord is still operative,\" and the \
        dollar rose, dealers said.";
    let got = run(
        text,
        &[
            (&["Waller"], "person:waller", "Glenn Waller", P),
            (&["Baker"], "person:baker", "James Baker", P),
            (&["Turkey"], "TUR", "Turkey", EntityKind::Country),
        ],
    );
    assert_eq!(
        got,
        [
            q(
                "was not planning to bid at a new tender anyway",
                Some("Glenn Waller")
            ),
            q("the accord is still operative", Some("James Baker")),
        ]
    );
}

#[test]
fn organization_speakers_and_colons() {
    let text = "In a statement, the Council said, \"An agreement has been reached with all \
        parties.\"\n\nForeign Minister Ana Silva responded via Twitter: \"We reject these new \
        measures against our people.\"";
    let got = run(
        text,
        &[
            (
                &["the Council"],
                "org:council",
                "European Council",
                EntityKind::Organization,
            ),
            (&["Ana Silva"], "person:silva", "Ana Silva", P),
        ],
    );
    assert_eq!(
        got,
        [
            q(
                "An agreement has been reached with all parties.",
                Some("European Council")
            ),
            q(
                "We reject these new measures against our people.",
                Some("Ana Silva")
            ),
        ]
    );
}

#[test]
fn unbalanced_marks_stay_in_their_paragraph() {
    let text = "He said \"this never closes\n\nSecond paragraph has no quotes at all.\n\n\
        Third \"short one\" here.";
    let d = Document::new("t.txt", text.to_string());
    let paras = crate::quantities::context::paragraphs(text);
    let raws = pair(text, &paras);
    assert_eq!(raws.len(), 2);
    assert_eq!(raws[0].text, "this never closes");
    assert!(raws[0].close <= text.find("Second").unwrap());
    let _ = d;
}

#[test]
fn nested_single_quotes_stay_inside() {
    let text = "He praised \"the spirit of 'give' and 'take' that prevailed here.\"";
    let paras = crate::quantities::context::paragraphs(text);
    let raws = pair(text, &paras);
    assert_eq!(raws.len(), 1);
    assert_eq!(
        raws[0].text,
        "the spirit of 'give' and 'take' that prevailed here."
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn quotes_never_cross_an_unopened_paragraph(
            parts in prop::collection::vec("[a-z ]{0,12}[\"“”]?[a-z ]{0,12}", 1..8),
        ) {
            let text = parts.join("\n\n");
            let paras = crate::quantities::context::paragraphs(&text);
            for r in pair(&text, &paras) {
                let inside = &text[r.open..r.close];
                for (k, _) in inside.match_indices("\n\n") {
                    let rest = inside[k..].trim_start();
                    prop_assert!(rest.starts_with(['"', '“']), "{:?}", inside);
                }
            }
            let d = Document::new("t.txt", text.clone());
            let _ = extract(&d, &Analysis::default(), &CharMap::new(&text));
        }
    }
}

#[test]
fn names_the_gazetteer_lacks() {
    let text = "Exports will recover, U.S. Trade Representative Clayton Yeutter said.\n\n\
        \"But there has to be a clear sign of progress,\" he said.\n\n\
        \"The success of the Bank should not be measured by volume alone,\" chief U.S. \
        Delegate Charles H. Dallara told the meeting.";
    let got = run(
        text,
        &[(&["U.S."], "USA", "United States", EntityKind::Country)],
    );
    assert_eq!(
        got,
        [
            q(
                "But there has to be a clear sign of progress",
                Some("Clayton Yeutter")
            ),
            q(
                "The success of the Bank should not be measured by volume alone",
                Some("Charles H. Dallara")
            ),
        ]
    );
}

#[test]
fn short_quotes_need_a_speech_act() {
    let text = "Foreign Minister Dace Ozola accused Minsk of \"reckless escalation\" on Monday \
        and urged it to \"show restraint\".\n\n\
        The two governments also signed a \"road map\" for border trade.";
    let got = run(
        text,
        &[
            (&["Dace Ozola"], "person:dace-ozola", "Dace Ozola", P),
            (&["Minsk"], "place:minsk", "Minsk", EntityKind::Place),
        ],
    );
    assert_eq!(
        got,
        [
            q("reckless escalation", Some("Dace Ozola")),
            q("show restraint", Some("Dace Ozola")),
        ]
    );
}
