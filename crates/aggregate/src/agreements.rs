//! The agreements registry and the institutions the agreements link.
//!
//! Two agreement records are one agreement when they have the same type and
//! the same set of parties (by entity id, else by normalized name). Records
//! without parties merge only with the same title and subject in the same
//! document.

use chrono::NaiveDate;
use dyad_model::{AgreementType, CountryCode, EntityKind, Extraction, Party};
use serde::Serialize;

use crate::{about_pair, norm_name, Evidence, Pair, Window};

/// One agreement, with every article that reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementRecord {
    #[serde(rename = "type")]
    pub kind: AgreementType,
    pub title: Option<String>,
    pub subject: Option<String>,
    /// The agreement's date, else its earliest document's date.
    pub date: Option<NaiveDate>,
    pub place: Option<String>,
    /// The parties as first reported; a later report fills a missing
    /// country or entity.
    pub parties: Vec<Party>,
    pub articles: usize,
    pub evidence: Vec<Evidence>,
}

/// A party that agreements link: a ministry, chamber, institute or city.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Institution {
    pub name: String,
    pub entity: Option<String>,
    pub country: Option<CountryCode>,
    /// The entity's type when a document resolves it (a city is a place).
    pub kind: Option<EntityKind>,
    /// Indexes into [`crate::DyadReport::agreements`].
    pub agreements: Vec<usize>,
    /// The other parties of those agreements, by name.
    pub partners: Vec<String>,
}

fn party_key(p: &Party) -> String {
    match &p.entity {
        Some(id) => id.clone(),
        None => norm_name(&p.name),
    }
}

/// Whether an agreement belongs to the pair: its parties name both
/// countries, or the document is about the pair and no party belongs to a
/// third country.
fn relevant(ex: &Extraction, parties: &[Party], pair: Pair) -> bool {
    let cs: Vec<CountryCode> = parties.iter().filter_map(|p| p.country).collect();
    pair.both_in(&cs) || (about_pair(ex, pair) && cs.iter().all(|c| pair.contains(*c)))
}

pub(crate) fn registry(docs: &[Extraction], pair: Pair, window: Window) -> Vec<AgreementRecord> {
    let mut keyed: Vec<(Vec<String>, AgreementRecord, Vec<&str>)> = Vec::new();
    for ex in docs {
        for ag in &ex.agreements {
            if !relevant(ex, &ag.parties, pair) {
                continue;
            }
            let date = ag.date.or(ex.doc.date);
            if !window.admits(date) {
                continue;
            }
            let mut key: Vec<String> = ag.parties.iter().map(party_key).collect();
            key.sort();
            key.dedup();
            if key.len() < 2 {
                // Without two parties, the title, subject and place tell
                // agreements apart, within one document.
                key.push(format!(
                    "\u{0}{}\u{0}{}\u{0}{}",
                    ex.doc.id,
                    norm_name(ag.title.as_deref().unwrap_or("")),
                    norm_name(ag.subject.as_deref().unwrap_or(""))
                ));
            }
            key.insert(0, ag.kind.as_str().to_string());
            let ev = Evidence::of(ex, ag.evidence);
            match keyed.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, rec, docs_seen)) => {
                    if !docs_seen.contains(&ex.doc.id.as_str()) {
                        docs_seen.push(&ex.doc.id);
                        rec.articles += 1;
                    }
                    if !rec.evidence.contains(&ev) {
                        rec.evidence.push(ev);
                    }
                    rec.date = match (rec.date, date) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    rec.title = rec.title.take().or_else(|| ag.title.clone());
                    rec.subject = rec.subject.take().or_else(|| ag.subject.clone());
                    rec.place = rec.place.take().or_else(|| ag.place.clone());
                    for p in &ag.parties {
                        if let Some(q) = rec
                            .parties
                            .iter_mut()
                            .find(|q| party_key(q) == party_key(p))
                        {
                            q.country = q.country.or(p.country);
                            q.entity = q.entity.take().or_else(|| p.entity.clone());
                        }
                    }
                }
                None => keyed.push((
                    key,
                    AgreementRecord {
                        kind: ag.kind,
                        title: ag.title.clone(),
                        subject: ag.subject.clone(),
                        date,
                        place: ag.place.clone(),
                        parties: ag.parties.clone(),
                        articles: 1,
                        evidence: vec![ev],
                    },
                    vec![&ex.doc.id],
                )),
            }
        }
    }
    let mut out: Vec<AgreementRecord> = keyed.into_iter().map(|(_, r, _)| r).collect();
    // Stable: by date, then in the order first reported.
    out.sort_by_key(|r| (r.date.is_none(), r.date));
    out
}

/// The parties of `agreements`, each once, with the agreements that name
/// them and their partners.
pub(crate) fn institutions(
    docs: &[Extraction],
    agreements: &[AgreementRecord],
) -> Vec<Institution> {
    let mut out: Vec<(String, Institution)> = Vec::new();
    for (i, ag) in agreements.iter().enumerate() {
        for p in &ag.parties {
            let key = party_key(p);
            let partners = ag
                .parties
                .iter()
                .filter(|q| party_key(q) != key)
                .map(|q| q.name.clone())
                .collect::<Vec<String>>();
            match out.iter_mut().find(|(k, _)| *k == key) {
                Some((_, inst)) => {
                    if !inst.agreements.contains(&i) {
                        inst.agreements.push(i);
                    }
                    for name in partners {
                        if !inst.partners.contains(&name) {
                            inst.partners.push(name);
                        }
                    }
                    inst.country = inst.country.or(p.country);
                }
                None => out.push((
                    key,
                    Institution {
                        name: p.name.clone(),
                        entity: p.entity.clone(),
                        country: p.country,
                        kind: entity_kind(docs, p),
                        agreements: vec![i],
                        partners,
                    },
                )),
            }
        }
    }
    let mut out: Vec<Institution> = out.into_iter().map(|(_, i)| i).collect();
    out.sort_by(|x, y| (x.country, &x.name).cmp(&(y.country, &y.name)));
    out
}

/// The type a document gives the party's entity (by id, else by name).
fn entity_kind(docs: &[Extraction], p: &Party) -> Option<EntityKind> {
    let name = norm_name(&p.name);
    docs.iter().flat_map(|ex| ex.entities.iter()).find_map(|e| {
        let hit = match &p.entity {
            Some(id) => e.id == *id,
            None => norm_name(&e.name) == name,
        };
        hit.then_some(e.kind)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::*;
    use dyad_model::Entity;

    fn pair() -> Pair {
        Pair::new(cc("UZB"), cc("HUN"))
    }

    #[test]
    fn same_type_and_parties_merge_across_articles() {
        let text = "The ministries signed a memorandum. Samarkand and Pécs became sister cities.";
        let mut a = doc("a", "2025-03-10", text);
        let s1 = span_of(&a, "The ministries signed a memorandum.");
        let s2 = span_of(&a, "Samarkand and Pécs became sister cities.");
        let mut mou = agreement(
            AgreementType::Memorandum,
            vec![
                party("Ministry of Energy", "UZB"),
                party("Ministry of Foreign Affairs and Trade", "HUN"),
            ],
            s1,
        );
        mou.subject = Some("renewable energy".into());
        a.agreements.push(mou.clone());
        a.agreements.push(agreement(
            AgreementType::SisterCities,
            vec![party("Samarkand", "UZB"), party("Pécs", "HUN")],
            s2,
        ));
        a.entities.push(Entity {
            id: "place:samarkand".into(),
            kind: EntityKind::Place,
            name: "Samarkand".into(),
            country: Some(cc("UZB")),
            role: None,
            lat: None,
            lon: None,
            mentions: vec![],
        });
        // A second article names the parties in the other order, with "the".
        let mut b = doc("b", "2025-03-11", text);
        let mut mou_b = mou.clone();
        mou_b.parties = vec![
            party("the Ministry of Foreign Affairs and Trade", "HUN"),
            party("Ministry of Energy", "UZB"),
        ];
        mou_b.subject = None;
        b.agreements.push(mou_b);
        // Same parties, other type: another agreement.
        let mut other = mou.clone();
        other.kind = AgreementType::Agreement;
        b.agreements.push(other);
        // A third country's party: not this pair's.
        b.agreements.push(agreement(
            AgreementType::Memorandum,
            vec![party("Ministry of Energy", "UZB"), party("Gazprom", "RUS")],
            s1,
        ));
        let docs = [a, b];
        let reg = registry(&docs, pair(), Window::default());
        assert_eq!(reg.len(), 3, "{reg:#?}");
        let m = &reg[0];
        assert_eq!(m.kind, AgreementType::Memorandum);
        assert_eq!(m.articles, 2);
        assert_eq!(m.evidence.len(), 2);
        assert_eq!(m.subject.as_deref(), Some("renewable energy"));
        assert_eq!(m.date, Some(d("2025-03-10")));
        let inst = institutions(&docs, &reg);
        let energy = inst
            .iter()
            .find(|i| i.name == "Ministry of Energy")
            .unwrap();
        assert_eq!(energy.agreements.len(), 2);
        assert_eq!(
            energy.partners,
            vec!["Ministry of Foreign Affairs and Trade"]
        );
        let samarkand = inst.iter().find(|i| i.name == "Samarkand").unwrap();
        assert_eq!(samarkand.kind, Some(EntityKind::Place));
        assert_eq!(samarkand.partners, vec!["Pécs"]);
    }

    #[test]
    fn partyless_agreements_stay_apart_unless_same_doc_title() {
        let mut a = doc("a", "2025-03-10", "Five documents were signed.");
        let s = span_of(&a, "Five documents were signed.");
        let mut x = agreement(AgreementType::Agreement, vec![], s);
        x.title = Some("Agreement on air services".into());
        a.agreements.push(x.clone());
        a.agreements.push(x.clone());
        let mut b = a.clone();
        b.doc.id = "b".into();
        let reg = registry(&[a, b], pair(), Window::default());
        assert_eq!(reg.len(), 2);
        assert!(reg.iter().all(|r| r.articles == 1 && r.evidence.len() == 1));
    }
}
