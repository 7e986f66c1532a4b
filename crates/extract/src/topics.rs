//! Cooperation topics: the sectors a document says two parties work in,
//! could work in, or plan to.
//!
//! # Taxonomy
//!
//! A topic's name is one of the sector names below; the words after it are
//! the synonyms found in text (plurals included). Names are chosen so that
//! the common short key is a substring: `green_technology` holds "green",
//! `healthcare` "health", `digitalization` "digital", `oil_and_gas` "oil"
//! and "gas", `monetary_policy` "monetary", `taxation` "tax".
//!
//! | topic | synonyms |
//! | --- | --- |
//! | `energy` | energy, electricity, power generation, power plants |
//! | `oil_and_gas` | oil, gas, petroleum, LNG, crude, pipelines, refining, hydrocarbons |
//! | `nuclear` | nuclear, uranium, atomic energy |
//! | `green_technology` | green technologies, green energy, renewables, solar, wind power, hydrogen, clean energy, climate change |
//! | `mining` | mining, minerals, critical minerals, rare earths, ore, coal |
//! | `metallurgy` | metallurgy, steel, aluminium, iron |
//! | `chemicals` | chemicals, petrochemicals, fertilizers |
//! | `manufacturing` | manufacturing, industry, industrial, machine-building |
//! | `automotive` | automotive, car manufacturing, vehicles |
//! | `construction` | construction, housing, building materials |
//! | `infrastructure` | infrastructure |
//! | `transport` | transport, transportation, railways, rail, roads, shipping, ports |
//! | `logistics` | logistics, transit, supply chains, freight, cargo |
//! | `aviation` | aviation, airlines, flights, airports, air travel |
//! | `agriculture` | agriculture, agricultural, agro-industrial, farming, agribusiness, food, grain, livestock, fisheries |
//! | `healthcare` | healthcare, health care, health, medicine, medical, hospitals |
//! | `pharmaceuticals` | pharmaceuticals, pharmaceutical, pharma, medicines |
//! | `digitalization` | digitalization, digitization, digital, IT, information technology, ICT, artificial intelligence, AI, software, e-government |
//! | `telecommunications` | telecommunications, telecom |
//! | `space` | space (in a list of sectors or before industry, exploration, research...), aerospace, satellites |
//! | `science` | science, scientific, research, innovation |
//! | `education` | education, educational, universities, academic exchanges |
//! | `culture` | culture, cultural, arts |
//! | `tourism` | tourism, tourists, travel industry |
//! | `sport` | sport, sports |
//! | `finance` | finance, financial, funding, capital markets |
//! | `banking` | banking, banks |
//! | `taxation` | tax, taxes, taxation |
//! | `monetary_policy` | monetary, interest rates, central bank |
//! | `currency` | currency, currencies, exchange rates, foreign exchange |
//! | `investment` | investment, investments, investors |
//! | `trade` | trade, exports, imports, commerce |
//! | `customs` | customs |
//! | `defense` | defense, defence, military, arms, weapons |
//! | `security` | security, counter-terrorism, terrorism |
//! | `water` | water resources, irrigation, water management |
//! | `environment` | environment, environmental, ecology |
//! | `humanitarian` | humanitarian |
//! | `migration` | migration, labor migration |
//! | `textiles` | textiles, garments |
//! | commodities: `rubber`, `coffee`, `cocoa`, `sugar`, `cotton`, `tin`, `timber` | the word itself |
//!
//! "industry" right after another sector word ("the nuclear industry")
//! belongs to that sector. A synonym written with a capital inside a sentence is part of a name
//! ("Ministry of Transport", "International Monetary Fund") and does not
//! count; acronyms (IT, AI, LNG, ICT) are matched as written.
//!
//! # Status
//!
//! The cue nearest before the sector word in its sentence decides (else the
//! nearest after it): *potential* ("potential", "prospects", "promising",
//! "opportunities", "could", "explore"), *planned* ("will", "plan(s) to",
//! "agreed to", "launch(ing)", "intend", "aim to", "roadmap",
//! "determination to", "push through"), *active* ("growing", "ongoing",
//! "operating", "cooperate", "already", "continue", "successful"). With no
//! cue the sector is *active*: the text reports it as a present fact.
//!
//! One record per (topic, status): the first mention's span is the
//! evidence; the countries are those named in the sentences of its
//! mentions, or the document's dyad when none is.

use std::collections::HashMap;
use std::sync::OnceLock;

use dyad_model::{Analysis, ByteSpan, CharMap, CountryCode, Document, Topic, TopicStatus};

use crate::numbers::TokKind;
use crate::quantities::Ctx;

/// (topic, synonyms); a synonym prefixed with `~` is weak: it counts only
/// in a list of sectors or before a sector head noun.
const TAXONOMY: &[(&str, &[&str])] = &[
    (
        "energy",
        &[
            "energy",
            "electricity",
            "power generation",
            "power plants",
            "power plant",
            "power sector",
        ],
    ),
    (
        "oil_and_gas",
        &[
            "oil",
            "gas",
            "petroleum",
            "LNG",
            "crude",
            "pipeline",
            "pipelines",
            "refining",
            "refinery",
            "hydrocarbons",
            "oilfield",
        ],
    ),
    ("nuclear", &["nuclear", "uranium", "atomic energy"]),
    (
        "green_technology",
        &[
            "green technologies",
            "green technology",
            "green energy",
            "green economy",
            "green transition",
            "renewables",
            "renewable energy",
            "renewable",
            "solar",
            "wind power",
            "wind energy",
            "hydrogen",
            "clean energy",
            "climate",
            "decarbonization",
            "hydropower",
        ],
    ),
    (
        "mining",
        &[
            "mining",
            "minerals",
            "mineral resources",
            "critical minerals",
            "rare earths",
            "rare earth",
            "ore",
            "coal",
            "miner",
            "miners",
        ],
    ),
    (
        "metallurgy",
        &[
            "metallurgy",
            "steel",
            "aluminium",
            "aluminum",
            "iron and steel",
        ],
    ),
    (
        "chemicals",
        &[
            "chemicals",
            "chemical industry",
            "petrochemicals",
            "petrochemical",
            "fertilizers",
            "fertilisers",
        ],
    ),
    (
        "manufacturing",
        &[
            "manufacturing",
            "industry",
            "industrial",
            "machine-building",
            "mechanical engineering",
            "processing industry",
        ],
    ),
    (
        "automotive",
        &["automotive", "car manufacturing", "carmakers", "vehicles"],
    ),
    (
        "construction",
        &["construction", "housing", "building materials"],
    ),
    ("infrastructure", &["infrastructure"]),
    (
        "transport",
        &[
            "transport",
            "transportation",
            "railways",
            "railway",
            "rail",
            "roads",
            "shipping",
            "ports",
            "maritime",
        ],
    ),
    (
        "logistics",
        &[
            "logistics",
            "transit",
            "supply chains",
            "supply chain",
            "freight",
            "cargo",
        ],
    ),
    (
        "aviation",
        &[
            "aviation",
            "airlines",
            "airline",
            "flights",
            "airports",
            "air travel",
            "air connectivity",
            "air traffic",
        ],
    ),
    (
        "agriculture",
        &[
            "agriculture",
            "agricultural",
            "agro-industrial",
            "agro",
            "farming",
            "agribusiness",
            "agrifood",
            "food security",
            "food",
            "grain",
            "livestock",
            "fisheries",
        ],
    ),
    (
        "healthcare",
        &[
            "healthcare",
            "health care",
            "health",
            "medicine",
            "medical",
            "hospitals",
        ],
    ),
    (
        "pharmaceuticals",
        &["pharmaceuticals", "pharmaceutical", "pharma", "medicines"],
    ),
    (
        "digitalization",
        &[
            "digitalization",
            "digitalisation",
            "digitization",
            "digitisation",
            "digital",
            "IT",
            "information technology",
            "information technologies",
            "ICT",
            "artificial intelligence",
            "AI",
            "software",
            "e-government",
            "cybersecurity",
        ],
    ),
    ("telecommunications", &["telecommunications", "telecom"]),
    (
        "space",
        &[
            "~space",
            "aerospace",
            "satellite",
            "satellites",
            "space industry",
            "space exploration",
            "space research",
            "outer space",
        ],
    ),
    (
        "science",
        &[
            "science",
            "sciences",
            "scientific",
            "research",
            "innovation",
            "innovations",
        ],
    ),
    (
        "education",
        &[
            "education",
            "educational",
            "universities",
            "academic exchanges",
            "higher education",
        ],
    ),
    ("culture", &["culture", "cultural", "arts"]),
    (
        "tourism",
        &["tourism", "tourists", "tourist", "travel industry"],
    ),
    ("sport", &["sport", "sports"]),
    (
        "finance",
        &[
            "finance",
            "financial",
            "funding",
            "capital markets",
            "fintech",
        ],
    ),
    ("banking", &["banking", "banks"]),
    ("taxation", &["tax", "taxes", "taxation"]),
    (
        "monetary_policy",
        &[
            "monetary",
            "interest rates",
            "central bank",
            "central banks",
        ],
    ),
    (
        "currency",
        &[
            "currency",
            "currencies",
            "exchange rate",
            "exchange rates",
            "foreign exchange",
        ],
    ),
    ("investment", &["investment", "investments", "investors"]),
    ("trade", &["trade", "exports", "imports", "commerce"]),
    ("customs", &["customs"]),
    (
        "defense",
        &[
            "defense",
            "defence",
            "military",
            "arms",
            "weapons",
            "military-technical",
        ],
    ),
    ("security", &["security", "counter-terrorism", "terrorism"]),
    (
        "water",
        &[
            "water resources",
            "irrigation",
            "water management",
            "water supply",
        ],
    ),
    ("environment", &["environment", "environmental", "ecology"]),
    ("humanitarian", &["humanitarian"]),
    (
        "migration",
        &["migration", "labor migration", "labour migration"],
    ),
    ("textiles", &["textiles", "textile", "garments"]),
    ("rubber", &["rubber"]),
    ("coffee", &["coffee"]),
    ("cocoa", &["cocoa"]),
    ("sugar", &["sugar"]),
    ("cotton", &["cotton"]),
    ("tin", &["tin"]),
    ("timber", &["timber", "forestry"]),
];

/// Nouns after a weak synonym that make it a sector ("space industry").
const HEADS: &[&str] = &[
    "industry",
    "industries",
    "sector",
    "sectors",
    "exploration",
    "research",
    "technology",
    "technologies",
    "program",
    "programme",
    "programs",
    "agency",
    "cooperation",
    "projects",
    "station",
    "launch",
    "launches",
];

const POTENTIAL: &[&str] = &[
    "potential",
    "prospects",
    "prospective",
    "promising",
    "opportunities",
    "opportunity",
    "untapped",
    "could",
    "might",
    "explore",
    "exploring",
    "explored",
    "perspective",
    "perspectives",
    "possibilities",
    "possible",
];
const PLANNED: &[&str] = &[
    "will",
    "shall",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intention",
    "aim",
    "aims",
    "launch",
    "launching",
    "roadmap",
    "determination",
    "upcoming",
    "agreed",
    "agree",
    "committed",
    "commitment",
    "pledged",
    "envisage",
    "envisages",
    "proposed",
    "propose",
];
const ACTIVE: &[&str] = &[
    "growing",
    "ongoing",
    "existing",
    "operating",
    "operate",
    "operates",
    "cooperate",
    "cooperates",
    "already",
    "continue",
    "continues",
    "continuing",
    "successful",
    "successfully",
    "active",
    "actively",
    "current",
    "currently",
    "established",
];

struct Synonym {
    topic: &'static str,
    words: Vec<String>,
    /// Written in capitals: matched case-sensitively ("IT", "AI").
    acronym: bool,
    weak: bool,
}

/// First word (lowercase) -> synonyms starting with it, longest first.
/// FNV-1a: the index is looked up once or twice for every word of every
/// document, with short keys and no untrusted-key concern (the keys are
/// the taxonomy's), where SipHash's cost showed in profiles.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type Index = HashMap<String, Vec<Synonym>, std::hash::BuildHasherDefault<Fnv>>;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m = Index::default();
        for (topic, syns) in TAXONOMY {
            for s in *syns {
                let (weak, s) = match s.strip_prefix('~') {
                    Some(rest) => (true, rest),
                    None => (false, *s),
                };
                let acronym = s.len() > 1 && s.chars().all(|c| c.is_ascii_uppercase());
                let words: Vec<String> = s.split(' ').map(str::to_ascii_lowercase).collect();
                m.entry(words[0].clone()).or_default().push(Synonym {
                    topic,
                    words,
                    acronym,
                    weak,
                });
            }
        }
        for v in m.values_mut() {
            v.sort_by_key(|s| std::cmp::Reverse(s.words.len()));
        }
        m
    })
}

/// One sector mention.
#[derive(Debug, Clone, Copy)]
struct Hit {
    topic: &'static str,
    span: ByteSpan,
    first_tok: usize,
    last_tok: usize,
    weak: bool,
}

fn word_matches(tok: &str, w: &str) -> bool {
    tok.eq_ignore_ascii_case(w)
        || (tok.len() == w.len() + 1
            && tok.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
            && tok.ends_with('s')
            && w.len() > 3)
}

fn hits(ctx: &Ctx) -> Vec<Hit> {
    let text = ctx.text;
    let toks = &ctx.toks;
    let idx = index();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if t.kind != TokKind::Word {
            i += 1;
            continue;
        }
        let w = t.text(text);
        let l = crate::numbers::lower(w);
        let key: &str = if l.len() > 4 && l.ends_with('s') && !idx.contains_key(l.as_ref()) {
            &l[..l.len() - 1]
        } else {
            &l
        };
        let mut matched = None;
        if let Some(cands) = idx.get(key) {
            for s in cands {
                let n = s.words.len();
                if i + n > toks.len() {
                    continue;
                }
                if s.acronym && w != s.words[0].to_ascii_uppercase() {
                    continue;
                }
                if !s.acronym
                    && w.len() > 1
                    && w.chars().all(|c| c.is_ascii_uppercase())
                    && n == 1
                    && w.len() <= 3
                {
                    // "IT" the acronym is not "it"; "OIL" in a headline is fine.
                    if s.words[0].len() <= 3 {
                        continue;
                    }
                }
                let ok = (0..n).all(|k| word_matches(toks[i + k].text(text), &s.words[k]));
                if !ok {
                    continue;
                }
                // Capitalized inside a sentence: part of a name.
                if !s.acronym && w.chars().next().is_some_and(char::is_uppercase) {
                    let sentence = ctx.sentence(t.start);
                    let lead = &text[sentence.start..t.start];
                    if lead.chars().any(char::is_alphanumeric) {
                        continue;
                    }
                }
                matched = Some(Hit {
                    topic: s.topic,
                    span: ByteSpan::new(t.start, toks[i + n - 1].end),
                    first_tok: i,
                    last_tok: i + n - 1,
                    weak: s.weak,
                });
                break;
            }
        }
        match matched {
            Some(h) => {
                i = h.last_tok + 1;
                // "the nuclear industry", "oil sector": the head belongs to
                // the sector before it.
                let head = matches!(l.as_ref(), "industry" | "industries" | "industrial");
                let after_hit = out
                    .last()
                    .is_some_and(|p: &Hit| p.last_tok + 1 == h.first_tok);
                if !(head && after_hit) {
                    out.push(h);
                }
            }
            None => i += 1,
        }
    }
    // Weak synonyms need a list of sectors or a head noun.
    let strong: Vec<(usize, usize)> = out
        .iter()
        .filter(|h| !h.weak)
        .map(|h| (h.first_tok, h.last_tok))
        .collect();
    out.retain(|h| {
        if !h.weak {
            return true;
        }
        let head = toks
            .get(h.last_tok + 1)
            .is_some_and(|t| HEADS.contains(&crate::numbers::lower(t.text(text)).as_ref()));
        let near = strong.iter().any(|&(a, b)| {
            (b < h.first_tok && h.first_tok - b <= 3) || (a > h.last_tok && a - h.last_tok <= 3)
        });
        head || near
    });
    out
}

/// The status cue each token gives, computed at most once per token of a
/// document: several topics of one sentence read the same cues.
struct Cues(Vec<Option<Option<TopicStatus>>>);

impl Cues {
    fn new(ctx: &Ctx) -> Self {
        Cues(vec![None; ctx.toks.len()])
    }

    fn get(&mut self, ctx: &Ctx, i: usize) -> Option<TopicStatus> {
        *self.0[i].get_or_insert_with(|| cue(ctx, i))
    }
}

/// The status a status word gives ("potential", "agreed to", "growing").
fn cue(ctx: &Ctx, i: usize) -> Option<TopicStatus> {
    let text = ctx.text;
    let l = crate::numbers::lower(ctx.toks[i].text(text));
    let l = l.as_ref();
    if POTENTIAL.contains(&l) {
        Some(TopicStatus::Potential)
    } else if PLANNED.contains(&l) {
        // "agreed" plans only with "to": "agreed to launch".
        if matches!(
            l,
            "agreed" | "agree" | "committed" | "determination" | "aim"
        ) && ctx
            .toks
            .get(i + 1)
            .is_none_or(|t| !t.text(text).eq_ignore_ascii_case("to"))
        {
            None
        } else {
            Some(TopicStatus::Planned)
        }
    } else if ACTIVE.contains(&l) {
        Some(TopicStatus::Active)
    } else if l == "push"
        && ctx
            .toks
            .get(i + 1)
            .is_some_and(|t| t.text(text) == "through")
    {
        Some(TopicStatus::Planned)
    } else {
        None
    }
}

fn status(ctx: &Ctx, h: &Hit, cues: &mut Cues) -> TopicStatus {
    let sentence = ctx.sentence(h.span.start);
    let range = ctx.toks_in(sentence);
    for i in (range.start..h.first_tok).rev() {
        if let Some(s) = cues.get(ctx, i) {
            return s;
        }
    }
    for i in h.last_tok + 1..range.end {
        if let Some(s) = cues.get(ctx, i) {
            return s;
        }
    }
    TopicStatus::Active
}

pub(crate) fn extract(doc: &Document, analysis: &Analysis, map: &CharMap) -> Vec<Topic> {
    extract_in(&Ctx::new(doc, analysis), map)
}

/// [`extract`] with the document's context already built.
pub(crate) fn extract_in(ctx: &Ctx, map: &CharMap) -> Vec<Topic> {
    let mut out: Vec<(Topic, ByteSpan)> = Vec::new();
    let mut cues = Cues::new(ctx);
    for h in hits(ctx) {
        let st = status(ctx, &h, &mut cues);
        let sentence = ctx.sentence(h.span.start);
        let countries: Vec<CountryCode> = ctx.countries_in(sentence);
        match out
            .iter_mut()
            .find(|(t, _)| t.topic == h.topic && t.status == Some(st))
        {
            Some((t, _)) => {
                for c in countries {
                    if !t.countries.contains(&c) {
                        t.countries.push(c);
                    }
                }
            }
            None => out.push((
                Topic {
                    topic: h.topic.to_string(),
                    status: Some(st),
                    countries,
                    evidence: map.span(h.span),
                },
                h.span,
            )),
        }
    }
    out.into_iter()
        .map(|(mut t, _)| {
            if t.countries.is_empty() {
                t.countries = ctx.dyad.clone();
            }
            t
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, &'static str)> {
        let d = Document::new("t.txt", text.to_string());
        extract(&d, &Analysis::default(), &CharMap::new(text))
            .into_iter()
            .map(|t| (t.topic, t.status.map_or("none", |s| s.as_str())))
            .collect()
    }

    fn has(got: &[(String, &str)], topic: &str, status: &str) -> bool {
        got.iter().any(|(t, s)| t == topic && *s == status)
    }

    #[test]
    fn statuses_from_cues() {
        let got = run(
            "The minister noted growing cooperation in mining, manufacturing and construction. \
             He also saw significant potential in renewable energy, space, pharmaceuticals and \
             digitalization. The sides agreed to launch joint projects in agriculture and \
             healthcare.",
        );
        for t in ["mining", "manufacturing", "construction"] {
            assert!(has(&got, t, "active"), "{t}: {got:?}");
        }
        for t in [
            "green_technology",
            "space",
            "pharmaceuticals",
            "digitalization",
        ] {
            assert!(has(&got, t, "potential"), "{t}: {got:?}");
        }
        for t in ["agriculture", "healthcare"] {
            assert!(has(&got, t, "planned"), "{t}: {got:?}");
        }
    }

    #[test]
    fn names_and_weak_words_do_not_count() {
        let got = run(
            "The Ministry of Transport met the International Monetary Fund. There is space for \
             dialogue. He visited the National Space Center.",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn acronyms_and_plurals() {
        let got = run("Firms in IT and LNG grew, while it rained. Airlines added flights.");
        assert!(has(&got, "digitalization", "active"), "{got:?}");
        assert!(has(&got, "oil_and_gas", "active"), "{got:?}");
        assert!(has(&got, "aviation", "active"), "{got:?}");
        assert_eq!(got.iter().filter(|(t, _)| t == "digitalization").count(), 1);
    }
}
