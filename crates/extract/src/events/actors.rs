//! Actors: entity mentions turned into CAMEO actor codes (country alpha-3 or
//! IGO code plus a role), with the entity id behind them.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::LazyLock;

use dyad_model::{ActorCode, Analysis, ByteSpan, Entity, EntityKind, MentionForm};

use super::words::{word_at, Word};
use crate::lexicon::{Class, ClassSet};

/// One actor mentioned in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Actor {
    pub code: ActorCode,
    /// The entity id (shared: actors are cloned often).
    pub entity: Option<Rc<str>>,
    /// Words `word..end` of the sentence.
    pub word: usize,
    pub end: usize,
    pub span: ByteSpan,
    pub person: bool,
    pub form: MentionForm,
    /// Introduced by a locative preposition ("in Syria", "into Syria"):
    /// a target or a host, never a subject.
    pub located: bool,
    /// Inside a quotation: named by a speaker, not acting in the report.
    pub quoted: bool,
}

impl Actor {
    /// An actor known by its code alone (not one of a sentence's
    /// mentions): a host country, a dictionary name, an agent noun.
    pub fn of_code(
        code: ActorCode,
        entity: Option<Rc<str>>,
        span: ByteSpan,
        form: MentionForm,
    ) -> Actor {
        Actor {
            code,
            entity,
            word: 0,
            end: 0,
            span,
            person: false,
            form,
            located: false,
            quoted: false,
        }
    }

    /// The country (or "IGO") part of the code.
    pub fn country(&self) -> &str {
        self.code.country_part()
    }
}

/// A place mentioned in a sentence, with its country.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlaceRef<'a> {
    pub name: &'a str,
    pub country: Option<&'a str>,
    pub word: usize,
    /// After "in", "at" or "to": where something happens.
    pub locative: bool,
}

/// International organizations: words of the name or acronym, and the
/// CAMEO actor code (PETRARCH2's Phoenix.International.actors.txt).
const IGOS: &[(&str, &str)] = &[
    ("united nations", "IGOUNO"),
    ("un", "IGOUNO"),
    ("u.n", "IGOUNO"),
    ("nato", "IGOWSTNAT"),
    ("north atlantic treaty organization", "IGOWSTNAT"),
    ("european union", "IGOEUREEC"),
    ("eu", "IGOEUREEC"),
    ("european commission", "IGOEUREEC"),
    ("international monetary fund", "IGOBUSIMF"),
    ("imf", "IGOBUSIMF"),
    ("world bank", "IGOUNODEVWBK"),
    ("group of seven", "IGOGOS"),
    ("g-7", "IGOGOS"),
    ("g7", "IGOGOS"),
    ("group of eight", "IGOBUSGOE"),
    ("asean", "IGOSEAASN"),
    ("association of southeast asian nations", "IGOSEAASN"),
    ("commonwealth of independent states", "IGOCASCIS"),
    ("council of europe", "IGOEURCOE"),
    ("shanghai cooperation organization", "IGOCAS"),
    ("shanghai cooperation organisation", "IGOCAS"),
    ("opec", "IGOOPC"),
    (
        "organization of the petroleum exporting countries",
        "IGOOPC",
    ),
    ("arab league", "IGOMEAARL"),
    ("world health organization", "IGOUNOHLHWHO"),
    ("african union", "IGOAFR"),
    ("world trade organization", "IGOBUS"),
    ("wto", "IGOBUS"),
    ("osce", "IGO"),
    (
        "organization for security and co-operation in europe",
        "IGO",
    ),
    ("organization for security and cooperation in europe", "IGO"),
    ("eurasian economic union", "IGO"),
    ("collective security treaty organization", "IGO"),
    ("organization of turkic states", "IGO"),
];

fn igo_code(name: &str) -> Option<&'static str> {
    let n = name.trim().to_ascii_lowercase();
    let n = n.trim_start_matches("the ").trim_end_matches('.');
    if let Some(&(_, c)) = IGOS.iter().find(|(k, _)| *k == n) {
        return Some(c);
    }
    // "United Nations Conference on ...", "UN Security Council".
    IGOS.iter()
        .find(|(k, _)| k.len() > 4 && n.starts_with(k))
        .map(|&(_, c)| c)
        .or_else(|| {
            let intl = n.starts_with("international ") || n.starts_with("intergovernmental ");
            let body = [
                "organization",
                "organisation",
                "council",
                "conference",
                "fund",
                "agency",
            ];
            (intl && body.iter().any(|b| n.contains(b)) && !n.contains(" of ")).then_some("IGO")
        })
}

/// The CAMEO role of an organization, from its name.
fn org_role(name: &str) -> &'static str {
    let n = name.to_ascii_lowercase();
    // A 256-bit set of the name's byte pairs: a keyword whose first pair
    // is missing cannot occur, without searching for it.
    let pair = |a: u8, b: u8| usize::from(a.wrapping_mul(31) ^ b);
    let mut pairs = [0u64; 4];
    for w in n.as_bytes().windows(2) {
        let k = pair(w[0], w[1]);
        pairs[k >> 6] |= 1 << (k & 63);
    }
    let may = |w: &str| match w.as_bytes() {
        [a, b, ..] => {
            let k = pair(*a, *b);
            pairs[k >> 6] & (1 << (k & 63)) != 0
        }
        _ => true,
    };
    let has = |ws: &[&str]| ws.iter().any(|w| may(w) && n.contains(w));
    if has(&[
        "army",
        "armed forces",
        "military",
        "navy",
        "air force",
        "defence forces",
        "defense forces",
        "troops",
    ]) {
        "MIL"
    } else if has(&["university", "academy", "institute", "school", "college"]) {
        "EDU"
    } else if has(&[
        "news",
        "bbc",
        "cnn",
        "reuters",
        "press",
        "times",
        "journal",
        "xinhua",
        "tass",
        "interfax",
        "television",
        "radio",
        "media",
        "newspaper",
        "broadcast",
    ]) {
        "MED"
    } else if has(&[
        "ministry",
        "government",
        "cabinet",
        "parliament",
        "senate",
        "assembly",
        "department",
        "agency",
        "administration",
        "commission",
        "office",
        "presidency",
        "council",
        "committee",
        "central bank",
        "national bank",
        "bank of",
        "embassy",
        "municipality",
        "akimat",
        "city hall",
    ]) {
        "GOV"
    } else if has(&[
        "chamber",
        "company",
        "corp",
        "inc",
        "ltd",
        "plc",
        "group",
        "holding",
        "bank",
        "airlines",
        "oil",
        "gas",
        "energy",
        "motors",
        "industries",
        "mining",
        "airways",
        "railways",
    ]) {
        "BUS"
    } else {
        ""
    }
}

/// Role words after a country adjective: "the Kazakh side", "Turkish forces".
fn adjective_role(next: &[Word]) -> Option<&'static str> {
    for w in next.iter().take(3) {
        let r = match w.lower {
            "government" | "governments" | "authorities" | "officials" | "official" | "side"
            | "delegation" | "delegations" | "administration" | "leadership" | "leader"
            | "leaders" | "ministry" | "diplomats" | "state" | "president" | "minister"
            | "embassy" => "GOV",
            "forces" | "troops" | "army" | "military" | "soldiers" | "navy" | "airstrikes"
            | "jets" | "warplanes" | "commanders" | "officers" | "generals" | "guard"
            | "guards" | "police" => "MIL",
            "civilians" | "citizens" | "nationals" | "villagers" | "residents" | "workers"
            | "students" | "people" | "fishermen" => "CVL",
            "companies" | "company" | "firms" | "firm" | "businesses" | "business"
            | "investors" | "exporters" | "producers" => "BUS",
            "media" | "television" | "newspaper" => "MED",
            _ => continue,
        };
        return Some(r);
    }
    None
}

/// Capitals by lowercase name, with their country (`data/capitals.tsv`).
static CAPITALS: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let mut m: HashMap<String, Vec<String>> = HashMap::new();
    for line in include_str!("../../data/capitals.tsv").lines() {
        if line.starts_with('#') {
            continue;
        }
        if let Some((iso3, name)) = line.split_once('\t') {
            m.entry(name.trim().to_lowercase())
                .or_default()
                .push(iso3.trim().to_string());
        }
    }
    m
});

/// Whether `name` is the capital of `country` ("Moscow", RUS).
pub(crate) fn is_capital(name: &str, country: &str) -> bool {
    CAPITALS
        .get(&name.trim().to_lowercase())
        .is_some_and(|cs| cs.iter().any(|c| c == country))
}

/// Whether a capital at words `word..end` names its government rather than
/// the city: it must head its phrase ("Moscow condemned", "accused Beijing
/// of", "talks with Ankara.", "Tashkent and Baku pledged"), not modify a noun
/// ("the London exchange", "the Lisbon agreement", "Madrid-style") or sit in
/// a locative or origin phrase ("In London", "from north London").
fn capital_acts(words: &[Word], text: &str, span: ByteSpan, word: usize, end: usize) -> bool {
    // With [say], [hedge_modal] and [negation_adverb] of data/lexicon.txt.
    const FUNCTION: &[&str] = &[
        "on", "over", "about", "in", "after", "to", "for", "at", "as", "by", "from", "since",
        "during", "amid", "until", "that", "which", "who", "of", "has", "have", "had", "is", "was",
        "will", "would", "wants", "must", "also", "did", "does", "again", "later", "then", "alone",
    ];
    const FUNCTION_CLASSES: ClassSet =
        ClassSet::of(&[Class::Say, Class::HedgeModal, Class::NegationAdverb]);
    const BEFORE: &[&str] = &[
        "in", "into", "at", "to", "from", "near", "outside", "around", "via", "of", "north",
        "south", "east", "west", "central", "northern", "southern", "eastern", "western",
        "greater", "downtown", "capital", "city", "de", "du", "visit", "visits", "visited",
        "visiting", "arrived", "reached", "left", "leaves", "leaving", "returned", "flew",
    ];
    if text.get(span.end..).is_some_and(|t| t.starts_with('-')) {
        return false;
    }
    if words[..word].last().is_some_and(|w| w.is_any(BEFORE)) {
        return false;
    }
    let head = |k: usize| {
        words.get(k).is_none_or(|w| {
            w.punct
                || (!w.cap
                    && (w.is_any(FUNCTION)
                        || w.in_any(FUNCTION_CLASSES)
                        || w.lower.ends_with("ed")))
        })
    };
    // "Tashkent and Baku pledged", "the Paris, Amsterdam and Lisbon
    // exchanges": look past coordinated capitalized names.
    let mut k = end;
    while words.get(k).is_some_and(|w| w.is(",") || w.is("and"))
        && words.get(k + 1).is_some_and(|w| w.cap)
    {
        k += 1;
        while words.get(k).is_some_and(|w| w.cap) {
            k += 1;
        }
    }
    head(k)
}

fn code(country: &str, role: &str) -> Option<ActorCode> {
    let mut c = String::with_capacity(country.len() + role.len());
    c.push_str(country);
    c.push_str(role);
    ActorCode::new(&c).ok()
}

fn country_of(e: &Entity) -> Option<Cow<'_, str>> {
    e.country
        .as_ref()
        .map(|c| Cow::Borrowed(c.as_str()))
        .or_else(|| {
            (e.kind == EntityKind::Country && e.id.len() == 3)
                .then(|| Cow::Owned(e.id.to_ascii_uppercase()))
        })
}

const LOCATIVE: &[&str] = &[
    "in",
    "into",
    "across",
    "within",
    "throughout",
    "inside",
    "at",
    "to",
];

/// What an entity's name says, computed at most once per entity of a
/// document: an organization's IGO code and role, and the shared id.
#[derive(Debug, Default)]
pub(crate) struct OrgInfo {
    igo: OnceCell<Option<&'static str>>,
    role: OnceCell<&'static str>,
    id: OnceCell<Rc<str>>,
    /// Whether a place is its country's capital.
    capital: OnceCell<bool>,
}

/// An empty [`OrgInfo`] for every entity of the analysis.
pub(crate) fn org_infos(analysis: &Analysis) -> Vec<OrgInfo> {
    analysis
        .entities
        .iter()
        .map(|_| OrgInfo::default())
        .collect()
}

/// The actors and places of one sentence, in text order. `orgs` is
/// [`org_infos`] of the analysis.
pub(crate) fn sentence_actors<'a>(
    analysis: &'a Analysis,
    orgs: &[OrgInfo],
    text: &str,
    words: &[Word],
    sentence: ByteSpan,
) -> (Vec<Actor>, Vec<PlaceRef<'a>>) {
    let mut actors = Vec::new();
    let mut places = Vec::new();
    let mentions = analysis.mentions_in(sentence);
    for (k, m) in mentions.iter().enumerate() {
        let Some(e) = analysis.entities.get(m.entity) else {
            continue;
        };
        let org = orgs.get(m.entity);
        // The entity id, made once per entity and shared by its actors.
        let entity_id = || {
            org.map_or_else(
                || Rc::from(e.id.as_str()),
                |o| o.id.get_or_init(|| Rc::from(e.id.as_str())).clone(),
            )
        };
        let word = word_at(words, m.span.start);
        let end = word_at(words, m.span.end).max(word + 1);
        // The words before the mention, skipping determiners and modifiers.
        let prev = words[..word].iter().rev().find(|w| {
            !w.is_any(&[
                "the",
                "a",
                "an",
                "north-eastern",
                "northeast",
                "northern",
                "southern",
                "eastern",
                "western",
            ]) && !w.cap
        });
        let located = prev.is_some_and(|w| w.is_any(LOCATIVE));
        if m.form == MentionForm::Dateline {
            continue;
        }
        if e.kind == EntityKind::Place {
            let country = country_of(e);
            places.push(PlaceRef {
                name: &e.name,
                country: e.country.as_ref().map(|c| c.as_str()),
                word,
                locative: prev.is_some_and(|w| w.is_any(&["in", "at", "to"])),
            });
            // A capital that acts stands for its government: "Moscow
            // condemned", "Beijing protested", "praised Baku's role".
            let capital = |c: &str| match org {
                Some(o) => *o.capital.get_or_init(|| is_capital(&e.name, c)),
                None => is_capital(&e.name, c),
            };
            if let Some(c) = country.as_deref().filter(|c| capital(c)) {
                let acts = if m.form == MentionForm::Possessive {
                    // "praised Baku's role": the owner, unless "in Baku's"
                    // or the city's own ("Madrid's traffic").
                    const CITY_THINGS: &[&str] = &[
                        "traffic",
                        "streets",
                        "street",
                        "airport",
                        "airports",
                        "mayor",
                        "residents",
                        "population",
                        "stock",
                        "exchange",
                        "skyline",
                        "suburbs",
                        "metro",
                        "subway",
                        "police",
                        "city",
                        "downtown",
                        "hospitals",
                        "hospital",
                        "weather",
                        "air",
                        "old",
                        "main",
                        "central",
                        "historic",
                        "biggest",
                        "largest",
                        "oldest",
                        "university",
                        "museum",
                        "zoo",
                        "football",
                        "club",
                        "team",
                        "mosque",
                    ];
                    !words[..word].last().is_some_and(|w| w.is_any(LOCATIVE))
                        && !words.get(end).is_some_and(|w| w.is_any(CITY_THINGS))
                } else {
                    capital_acts(words, text, m.span, word, end)
                };
                if !located && acts && m.form != MentionForm::Adjective {
                    if let Some(code) = code(c, "GOV") {
                        actors.push(Actor {
                            code,
                            entity: Some(entity_id()),
                            word,
                            end,
                            span: m.span,
                            person: false,
                            form: m.form,
                            located: false,
                            quoted: false,
                        });
                    }
                }
            }
            continue;
        }
        // "the Uruguay Round", "the Doha round of trade talks": a round of
        // negotiations named after a place is no party to them;
        // "3.8 billion U.S. dollars", "Hong Kong dollars": a currency's
        // country is no actor either.
        const NAMING: &[&str] = &[
            "round", "rounds", "dollar", "dollars", "dlr", "dlrs", "cents", "currency",
        ];
        if words.get(end).is_some_and(|w| w.is_any(NAMING)) {
            continue;
        }
        // "Crown Prince X of Abu Dhabi", "the Emir of Qatar": a person
        // without a country of their own takes the place they are "of".
        let of_place = || {
            let next = mentions.get(k + 1)?;
            let n = analysis.entities.get(next.entity)?;
            let at = word_at(words, next.span.start);
            let between = words.get(end..at)?;
            (e.kind == EntityKind::Person
                && matches!(n.kind, EntityKind::Place | EntityKind::Country)
                && between.len() == 1
                && between[0].is("of"))
            .then(|| country_of(n))
            .flatten()
        };
        // "the National Iranian Oil Company": a country named inside an
        // organization's own name is its country.
        let inner = (e.kind == EntityKind::Organization)
            .then(|| {
                analysis.mentions_in(m.span).iter().find_map(|n| {
                    analysis
                        .entities
                        .get(n.entity)
                        .filter(|x| x.id != e.id && x.kind == EntityKind::Country)
                        .and_then(country_of)
                })
            })
            .flatten();
        let Some(country) = inner
            .or_else(|| country_of(e))
            .or_else(of_place)
            .or_else(|| {
                // Only organizations can be IGOs.
                (e.kind == EntityKind::Organization)
                    .then(|| {
                        org.map_or_else(
                            || igo_code(&e.name),
                            |o| *o.igo.get_or_init(|| igo_code(&e.name)),
                        )
                        .or_else(|| igo_code(m.span.slice(text)))
                    })
                    .flatten()
                    .map(Cow::Borrowed)
            })
        else {
            continue;
        };
        let role = match e.kind {
            EntityKind::Country => {
                if m.form == MentionForm::Adjective {
                    // A modifier of the next entity ("Bulgarian President Radev")
                    // is not an actor of its own.
                    let next = mentions.get(k + 1);
                    if next.is_some_and(|n| word_at(words, n.span.start) <= end + 1) {
                        continue;
                    }
                    adjective_role(&words[end.min(words.len())..]).unwrap_or("")
                } else if m.form == MentionForm::Demonym {
                    ""
                } else {
                    adjective_role(&words[end.min(words.len())..])
                        .filter(|_| m.form == MentionForm::Possessive)
                        .unwrap_or("")
                }
            }
            EntityKind::Person => match e.role {
                Some(r) if r.is_government() => "GOV",
                Some(_) => "BUS",
                None => "",
            },
            EntityKind::Organization => {
                if country.starts_with("IGO") {
                    ""
                } else {
                    org.map_or_else(
                        || org_role(&e.name),
                        |o| *o.role.get_or_init(|| org_role(&e.name)),
                    )
                }
            }
            _ => continue,
        };
        // The press reports events; it is not a party to them.
        if role == "MED" {
            continue;
        }
        let Some(code) = code(&country, role) else {
            continue;
        };
        actors.push(Actor {
            code,
            entity: Some(entity_id()),
            word,
            end,
            span: m.span,
            person: e.kind == EntityKind::Person,
            form: m.form,
            located,
            quoted: false,
        });
    }
    // The head of an international body acts for it: "the IMF's managing
    // director", "NATO Secretary-General X".
    for k in 1..actors.len() {
        let (before, rest) = actors.split_at_mut(k);
        let (igo, person) = (&before[k - 1], &mut rest[0]);
        if igo.code.as_str().starts_with("IGO")
            && person.person
            && igo.end + 1 >= person.word
            && !person.code.as_str().starts_with("IGO")
        {
            person.code = igo.code.clone();
        }
        // "Rodrigo de Rato, the IMF's managing director".
        let (p, i) = (&before[k - 1], &rest[0]);
        if p.person
            && i.code.as_str().starts_with("IGO")
            && i.word <= p.end + 3
            && words
                .get(p.end..i.word)
                .is_some_and(|ws| ws.iter().any(|w| w.is(",")))
            && !p.code.as_str().starts_with("IGO")
        {
            let code = i.code.clone();
            before[k - 1].code = code;
        }
    }
    // A possessive or name mention inside a longer one (an organization's
    // country) is covered by the longer mention: keep the outer one.
    let mut kept: Vec<Actor> = Vec::with_capacity(actors.len());
    for a in actors {
        if let Some(last) = kept.last() {
            if last.span.contains(a.span) {
                continue;
            }
            if a.span.contains(last.span) {
                kept.pop();
            }
        }
        kept.push(a);
    }
    (kept, places)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn igos() {
        assert_eq!(igo_code("International Monetary Fund"), Some("IGOBUSIMF"));
        assert_eq!(igo_code("the EU"), Some("IGOEUREEC"));
        assert_eq!(
            igo_code("United Nations Conference on Natural Rubber"),
            Some("IGOUNO")
        );
        assert_eq!(
            igo_code("International Natural Rubber Council"),
            Some("IGO")
        );
        assert_eq!(igo_code("Exxon"), None);
    }

    #[test]
    fn roles() {
        assert_eq!(org_role("Ministry of Transport"), "GOV");
        assert_eq!(
            org_role("Bulgarian Chamber of Commerce and Industry"),
            "BUS"
        );
        assert_eq!(org_role("Academy of Public Administration"), "EDU");
        assert_eq!(org_role("Syrian Army"), "MIL");
    }
}
