//! Unit tests over hand-built analyses (country mentions only).

use super::*;
use dyad_model::{Entity, EntityKind, Mention, MentionForm};

/// An analysis whose entities are the countries named by `names` (surface
/// form, ISO code), found wherever the surface form occurs.
pub(crate) fn analysis_with(text: &str, names: &[(&str, &str)]) -> Analysis {
    let mut a = Analysis::default();
    for (surface, code) in names {
        let idx = match a.entities.iter().position(|e| e.id == *code) {
            Some(i) => i,
            None => {
                a.entities.push(Entity {
                    id: code.to_string(),
                    kind: EntityKind::Country,
                    name: code.to_string(),
                    country: CountryCode::new(code).ok(),
                    role: None,
                    lat: None,
                    lon: None,
                    mentions: Vec::new(),
                });
                a.entities.len() - 1
            }
        };
        for (at, _) in text.match_indices(surface) {
            a.mentions.push(Mention {
                span: ByteSpan::new(at, at + surface.len()),
                entity: idx,
                form: MentionForm::Name,
            });
        }
    }
    a.mentions.sort_by_key(|m| m.span.start);
    a
}

fn doc(text: &str, date: &str) -> Document {
    let mut d = Document::new("t.txt", text.to_string());
    d.date = date.parse().ok();
    d
}

fn run(text: &str, date: &str, names: &[(&str, &str)]) -> Vec<Quantity> {
    let d = doc(text, date);
    let a = analysis_with(text, names);
    extract(&d, &a, &CharMap::new(text))
}

fn codes(q: &Quantity) -> Vec<&str> {
    let mut v: Vec<&str> = q.countries.iter().map(|c| c.as_str()).collect();
    v.sort_unstable();
    v
}

fn per(q: &Quantity) -> Option<(String, String)> {
    q.period.map(|p| (p.start.to_string(), p.end.to_string()))
}

fn p(a: &str, b: &str) -> Option<(String, String)> {
    Some((a.to_string(), b.to_string()))
}

const KB: &[(&str, &str)] = &[
    ("Kazakhstan", "KAZ"),
    ("Kazakh", "KAZ"),
    ("Bulgarian", "BGR"),
    ("Bulgaria", "BGR"),
];

#[test]
fn bilateral_trade_with_periods_and_change() {
    let text = "Kazakhstan and Bulgaria held talks. Kazakhstan values Bulgaria.\n\n\
        In the first five months of 2024, bilateral trade exceeded $41 million, while total \
        trade in 2023 tripled from the previous year to reach $120 million.";
    let q = run(text, "2024-07-01", KB);
    assert_eq!(q.len(), 2, "{q:#?}");
    assert_eq!(q[0].value, 41e6);
    assert_eq!(q[0].unit.as_deref(), Some("USD"));
    assert_eq!(q[0].approx, Approx::MoreThan);
    assert_eq!(q[0].measure, Some(Measure::Trade));
    assert_eq!(codes(&q[0]), ["BGR", "KAZ"]);
    assert_eq!(per(&q[0]), p("2024-01-01", "2024-05-31"));
    assert!(q[0].change.is_none());
    assert_eq!(q[1].value, 120e6);
    assert_eq!(q[1].approx, Approx::Exact);
    assert_eq!(per(&q[1]), p("2023-01-01", "2023-12-31"));
    let c = q[1].change.as_ref().unwrap();
    assert_eq!(c.factor, Some(3.0));
    assert_eq!(
        c.from.map(|f| f.start.to_string()),
        Some("2022-01-01".into())
    );
}

#[test]
fn counts_of_companies() {
    let text = "He noted that some 45 Kazakh-owned firms operate in Bulgaria, and that two dozen \
        agreements were prepared. The two leaders met three times.";
    let q = run(text, "2025-01-10", KB);
    assert_eq!(q.len(), 2, "{q:#?}");
    assert_eq!(q[0].kind, QuantityKind::Count);
    assert_eq!(q[0].value, 45.0);
    assert_eq!(q[0].approx, Approx::About);
    assert_eq!(q[0].measure, Some(Measure::Companies));
    assert_eq!(q[0].subject.as_deref(), Some("Kazakh-owned firms"));
    assert_eq!(codes(&q[0]), ["BGR", "KAZ"]);
    assert_eq!(q[1].value, 24.0);
    assert_eq!(q[1].measure, Some(Measure::Agreements));
}

#[test]
fn not_figures() {
    let text = "On June 9, 2025, at 10:30, the 45-year-old minister, aged 61, visited 12 Abay \
        Avenue for the 20th time with G7 envoys about COVID-19. Call +7 7172 555. \
        Talks lasted four months and 45 days. In 2024 they met. Boeing 737 jets flew 0.2 \
        light-years.";
    let q = run(text, "2025-06-10", &[]);
    assert!(q.is_empty(), "{q:#?}");
}

#[test]
fn percent_change_attaches_to_the_figure() {
    let text = "Uzbek exports to Hungary rose by 18% in 2024 to $210 million.";
    let q = run(text, "2025-03-01", &[("Uzbek", "UZB"), ("Hungary", "HUN")]);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(q[0].measure, Some(Measure::Exports));
    let c = q[0].change.as_ref().unwrap();
    assert_eq!(c.percent, Some(18.0));
    assert_eq!(
        c.from.map(|f| f.start.to_string()),
        Some("2023-01-01".into())
    );
    assert_eq!(codes(&q[0]), ["HUN", "UZB"]);
}

#[test]
fn an_increase_of_a_percent_is_the_figures_change() {
    let text = "In 2025, trade between Mongolia and Japan amounted to $512 million, an \
        increase of 6.1 percent compared to 2024. GDP growth of 4.9 percent was reported.";
    let q = run(text, "2026-02-01", &[("Mongolia", "MNG"), ("Japan", "JPN")]);
    assert_eq!(q.len(), 2, "{q:#?}");
    let c = q[0].change.as_ref().expect("the trade figure has a change");
    assert_eq!(c.percent, Some(6.1));
    assert_eq!(
        c.from.map(|f| f.start.to_string()),
        Some("2024-01-01".into())
    );
    // "growth of 4.9 percent" is a rate: a figure of its own.
    assert_eq!(q[1].kind, QuantityKind::Percent);
    assert_eq!(q[1].value, 4.9);
}

#[test]
fn the_number_of_students_has_exceeded() {
    let text = "The number of Kyrgyz students studying in Turkey has exceeded 4,500, the \
        ministry said. The figure was 4,500 in 2024.";
    let q = run(text, "2026-02-01", &[("Kyrgyz", "KGZ"), ("Turkey", "TUR")]);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(q[0].kind, QuantityKind::Count);
    assert_eq!(q[0].value, 4500.0);
    assert_eq!(q[0].approx, Approx::MoreThan);
    assert_eq!(q[0].measure, Some(Measure::Students));
}

#[test]
fn standalone_percents_and_qualifiers() {
    let text = "Economic growth averaged 6-7% while inflation fell below 10% this year. Only \
        firms at least 51% Russian-owned may bid. Turkey will borrow $10bn (£5.19bn).";
    let q = run(text, "2004-12-10", &[("Turkey", "TUR"), ("Russian", "RUS")]);
    let got: Vec<(f64, Approx, Option<Measure>)> =
        q.iter().map(|q| (q.value, q.approx, q.measure)).collect();
    assert_eq!(
        got,
        [
            (6.0, Approx::Exact, Some(Measure::Growth)),
            (7.0, Approx::Exact, Some(Measure::Growth)),
            (10.0, Approx::LessThan, Some(Measure::Inflation)),
            (51.0, Approx::MoreThan, Some(Measure::Ownership)),
            (10e9, Approx::Exact, Some(Measure::Loans)),
            (5.19e9, Approx::Exact, Some(Measure::Loans)),
        ]
    );
    assert_eq!(per(&q[2]), p("2004-01-01", "2004-12-31"));
    assert_eq!(q[5].unit.as_deref(), Some("GBP"));
}

#[test]
fn exchange_rates_and_inherited_currency() {
    let text = "The dollar closed in Tokyo today at 1.7730/35 marks and 141.35 yen. The \
        deficit widened to 12.5 billion dlrs in January from 10.4 billion in December.";
    let q = run(text, "1987-10-19", &[]);
    assert_eq!(q.len(), 4, "{q:#?}");
    assert_eq!((q[0].value, q[0].unit.as_deref()), (1.773, Some("DEM")));
    assert_eq!(q[0].measure, Some(Measure::ExchangeRate));
    assert_eq!(codes(&q[0]), ["DEU", "USA"]);
    assert_eq!(per(&q[1]), p("1987-10-19", "1987-10-19"));
    assert_eq!(codes(&q[1]), ["JPN", "USA"]);
    assert_eq!(q[3].unit.as_deref(), Some("USD"));
    assert_eq!(q[3].value, 10.4e9);
    assert_eq!(q[2].measure, Some(Measure::Deficit));
}

#[test]
fn physical_amounts() {
    let text = "Exports of wheat reached 5.5 mln tonnes, and output rose to 1.2 mln bpd.";
    let q = run(text, "1987-05-01", &[]);
    let got: Vec<(f64, Option<&str>)> = q.iter().map(|q| (q.value, q.unit.as_deref())).collect();
    assert_eq!(got, [(5.5e6, Some("t")), (1.2e6, Some("bbl/d"))]);
    assert_eq!(q[0].kind, QuantityKind::Other);
}

#[test]
fn absolute_change() {
    let text = "Trade rose by $20 million to $100 million in 2024.";
    let q = run(text, "2025-02-01", &[]);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(q[0].value, 100e6);
    let f = q[0].change.as_ref().unwrap().factor.unwrap();
    assert!((f - 1.25).abs() < 1e-9);
}

#[test]
fn fiscal_year_and_quarters() {
    let text = "Investment reached KZT 5 trillion in the 2024 fiscal year. In Q1, FDI totalled \
        US$1.2bn, up 12% year-on-year.";
    let q = run(text, "2025-05-20", &[]);
    assert_eq!(q.len(), 2, "{q:#?}");
    assert_eq!((q[0].value, q[0].unit.as_deref()), (5e12, Some("KZT")));
    assert_eq!(per(&q[0]), p("2024-01-01", "2024-12-31"));
    assert_eq!(q[1].measure, Some(Measure::Fdi));
    assert_eq!(per(&q[1]), p("2025-01-01", "2025-03-31"));
    let c = q[1].change.as_ref().unwrap();
    assert_eq!(c.percent, Some(12.0));
    assert_eq!(c.from.map(|f| f.end.to_string()), Some("2024-03-31".into()));
}

#[test]
fn local_currencies_follow_the_story() {
    let text = "Australia's deficit hit four billion dlrs. Australia expects exports of \
        2.1 billion U.S. dlrs.";
    let q = run(text, "1987-03-05", &[("Australia", "AUS")]);
    let units: Vec<&str> = q.iter().filter_map(|q| q.unit.as_deref()).collect();
    assert_eq!(units, ["AUD", "USD"]);
    let text = "Qatar's bank lost 4.7 mln riyals in Doha. Qatar grew.";
    let q = run(text, "1987-03-05", &[("Qatar", "QAT")]);
    assert_eq!(q[0].unit.as_deref(), Some("QAR"));
}
