//! Entity recognition and resolution inside one document.
//!
//! 1. The gazetteer scan proposes countries, places, organizations and known
//!    people (one FST pass, see [`crate::gazetteer`]).
//! 2. Title patterns find people ("Bulgarian President Rumen Radev",
//!    "X, the Kazakh President") with role and country.
//! 3. Name patterns find organizations ("Ministry of Transport and
//!    Communications", "Foreign Trade Chamber of Kazakhstan", "X Corp").
//! 4. Places are disambiguated by the countries the document is about.
//! 5. Mentions of one entity are merged: surnames, "Mr X", "the Kazakh
//!    President", acronyms given in parentheses.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use dyad_model::{
    ByteSpan, CharMap, CountryCode, Entity, EntityKind, Mention, MentionForm, Role, Token,
};

use crate::gazetteer::{Gazetteer, OrgKind, Posting};
use crate::lexicon::{self, Form, Source};

/// Per-token facts the patterns need.
#[derive(Debug, Clone)]
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// Folded (lowercase, no diacritics): the token itself when it is
    /// lowercase ASCII already, else a slice of the document's buffer of
    /// folded tokens.
    low: &'a str,
    /// The word lists the folded word is in (`class::*` bits).
    class: u16,
    /// Starts with an uppercase letter.
    cap: bool,
    /// Starts with a letter or digit.
    word: bool,
    /// First word of its sentence (after any opening punctuation).
    initial: bool,
    sentence: u32,
}

impl Word<'_> {
    fn lw(&self) -> &str {
        self.low
    }
    /// Whether the folded word is in one of the lists of `bits`.
    fn is(&self, bits: u16) -> bool {
        self.class & bits != 0
    }
    fn is_word(&self) -> bool {
        self.word
    }
    fn is_possessive(&self) -> bool {
        matches!(self.text, "'s" | "’s" | "'" | "’")
    }
}

/// What a candidate mention refers to.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    Country(CountryCode),
    City(u32),
    Region(u32),
    GazOrg(u32),
    Person {
        name: String,
        role: Option<Role>,
        country: Option<CountryCode>,
        gaz: Option<u32>,
    },
    Org {
        name: String,
        country: Option<CountryCode>,
    },
    /// A facility found by pattern ("José Martí International Airport").
    Facility {
        name: String,
        country: Option<CountryCode>,
    },
}

#[derive(Debug, Clone)]
struct Cand {
    start: usize,
    end: usize,
    target: Target,
    form: MentionForm,
}

/// An accepted gazetteer hit before disambiguation.
#[derive(Debug, Clone)]
struct GazHit {
    start: usize,
    end: usize,
    postings: Vec<Posting>,
    /// Index of the first token of the hit.
    tok: usize,
    /// Index one past the last token of the hit.
    tok_end: usize,
}

/// Capitalized words that open sentences or headings but never start a name.
const STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "during",
    "under",
    "for",
    "with",
    "by",
    "after",
    "before",
    "both",
    "this",
    "these",
    "those",
    "that",
    "meanwhile",
    "however",
    "also",
    "and",
    "but",
    "as",
    "from",
    "to",
    "of",
    "if",
    "when",
    "while",
    "since",
    "its",
    "his",
    "her",
    "their",
    "our",
    "we",
    "he",
    "she",
    "they",
    "it",
    "i",
    "there",
    "according",
    "speaking",
    "earlier",
    "later",
    "last",
    "next",
    "new",
    "former",
    "several",
    "many",
    "some",
    "all",
    "other",
    "two",
    "three",
    "four",
    "five",
    "additional",
    "further",
    "today",
    "yesterday",
    "why",
    "what",
    "who",
    "how",
    "where",
    "said",
    "says",
    "following",
    "among",
    "between",
    "then",
    "now",
    "here",
    "my",
    "your",
    "no",
    "not",
    "one",
    "each",
    "every",
    "more",
    "most",
    "such",
    "than",
    "through",
    "into",
    "over",
    "about",
    "against",
    "without",
    "within",
    "despite",
    "although",
    "though",
    "because",
    "so",
    "yet",
    "or",
    "nor",
    "only",
    "just",
    "even",
    "still",
    "already",
    "again",
    "once",
    "thus",
    "therefore",
    "besides",
    "moreover",
];

/// Organization head words.
const HEADS: &[&str] = &[
    "ministry",
    "ministries",
    "department",
    "agency",
    "chamber",
    "academy",
    "institute",
    "institution",
    "commission",
    "committee",
    "council",
    "center",
    "centre",
    "bank",
    "university",
    "college",
    "school",
    "corporation",
    "corp",
    "corp.",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "plc",
    "jsc",
    "ag",
    "gmbh",
    "sa",
    "group",
    "company",
    "co.",
    "fund",
    "association",
    "union",
    "party",
    "forces",
    "army",
    "navy",
    "service",
    "office",
    "authority",
    "organization",
    "organisation",
    "court",
    "parliament",
    "assembly",
    "federation",
    "foundation",
    "airlines",
    "airways",
    "railways",
    "railway",
    "exchange",
    "board",
    "bureau",
    "secretariat",
    "embassy",
    "consulate",
    "administration",
    "police",
    "guard",
    "holding",
    "holdings",
    "industries",
    "motors",
    "alliance",
    "front",
    "movement",
    "coalition",
    "trust",
    "society",
    "forum",
    "network",
    "agency",
    "directorate",
    "inspectorate",
    "tribunal",
    "cabinet",
    "senate",
    "congress",
    "duma",
    "majlis",
    "mazhilis",
    "programme",
    "program",
    "partnership",
    "consortium",
    "operator",
    "port",
    "petroleum",
    "energy",
    "telecom",
    "communications",
    "media",
    "news",
    "times",
    "post",
    "television",
    "radio",
    "brigade",
    "battalion",
    "militia",
    "airport",
    "command",
];

/// Heads of government bodies: a leading country adjective is the country,
/// not part of the name ("Kazakh Ministry of Transport").
const GOV_HEADS: &[&str] = &[
    "ministry",
    "department",
    "embassy",
    "consulate",
    "government",
    "cabinet",
    "parliament",
    "foreign",
    "finance",
    "defense",
    "defence",
    "interior",
    "economy",
    "trade",
    "justice",
    "health",
    "education",
    "transport",
    "energy",
    "agriculture",
    "culture",
];

/// Heads whose unnamed country is taken from the document's context.
const NATIONAL_HEADS: &[&str] = &[
    "ministry",
    "department",
    "agency",
    "center",
    "centre",
    "academy",
    "institute",
    "committee",
    "service",
    "directorate",
    "inspectorate",
    "police",
    "army",
    "navy",
    "parliament",
    "senate",
    "assembly",
    "cabinet",
    "court",
    "guard",
    "forces",
    "administration",
    "office",
];

/// Words that join capitalized words inside one organization name.
const ORG_JOINERS: &[&str] = &[
    "of", "for", "on", "and", "&", "de", "du", "des", "la", "del", "der", "for",
];

/// Titles: folded word sequences and the role they give.
const TITLES: &[(&str, Option<Role>)] = &[
    (
        "first deputy prime minister",
        Some(Role::DeputyPrimeMinister),
    ),
    ("deputy prime minister", Some(Role::DeputyPrimeMinister)),
    ("vice premier", Some(Role::DeputyPrimeMinister)),
    ("vice prime minister", Some(Role::DeputyPrimeMinister)),
    ("prime minister", Some(Role::PrimeMinister)),
    ("premier", Some(Role::PrimeMinister)),
    ("vice president", Some(Role::VicePresident)),
    ("vice-president", Some(Role::VicePresident)),
    ("president-elect", Some(Role::President)),
    ("president", Some(Role::President)),
    ("deputy foreign minister", Some(Role::DeputyMinister)),
    ("minister of foreign affairs", Some(Role::ForeignMinister)),
    ("minister for foreign affairs", Some(Role::ForeignMinister)),
    ("foreign affairs minister", Some(Role::ForeignMinister)),
    ("foreign minister", Some(Role::ForeignMinister)),
    ("foreign secretary", Some(Role::ForeignMinister)),
    ("secretary of state", Some(Role::ForeignMinister)),
    ("deputy minister", Some(Role::DeputyMinister)),
    ("vice minister", Some(Role::DeputyMinister)),
    ("minister", Some(Role::Minister)),
    ("secretary", Some(Role::Minister)),
    ("crown prince", Some(Role::CrownPrince)),
    ("crown princess", Some(Role::CrownPrince)),
    ("king", Some(Role::Monarch)),
    ("queen", Some(Role::Monarch)),
    ("emir", Some(Role::Monarch)),
    ("amir", Some(Role::Monarch)),
    ("sultan", Some(Role::Monarch)),
    ("emperor", Some(Role::Monarch)),
    ("prince", Some(Role::Monarch)),
    ("chancellor", Some(Role::Chancellor)),
    ("speaker", Some(Role::Speaker)),
    ("ambassador", Some(Role::Ambassador)),
    ("governor", Some(Role::Governor)),
    ("gov.", Some(Role::Governor)),
    ("mayor", Some(Role::Mayor)),
    ("spokesman", Some(Role::Spokesperson)),
    ("spokeswoman", Some(Role::Spokesperson)),
    ("spokesperson", Some(Role::Spokesperson)),
    ("general secretary", Some(Role::SecretaryGeneral)),
    ("secretary-general", Some(Role::SecretaryGeneral)),
    ("secretary general", Some(Role::SecretaryGeneral)),
    ("deputy chairman", Some(Role::Chairman)),
    ("chairman", Some(Role::Chairman)),
    ("chairwoman", Some(Role::Chairman)),
    ("chairperson", Some(Role::Chairman)),
    ("chief executive officer", Some(Role::Executive)),
    ("chief executive", Some(Role::Executive)),
    ("ceo", Some(Role::Executive)),
    ("managing director", Some(Role::Executive)),
    ("director-general", Some(Role::Official)),
    ("director general", Some(Role::Official)),
    ("senator", Some(Role::Official)),
    ("sen.", Some(Role::Official)),
    ("rep.", Some(Role::Official)),
    ("congressman", Some(Role::Official)),
    ("congresswoman", Some(Role::Official)),
    ("general", Some(Role::Official)),
    ("gen.", Some(Role::Official)),
    ("admiral", Some(Role::Official)),
    ("commissioner", Some(Role::Official)),
    ("envoy", Some(Role::Ambassador)),
    ("pope", Some(Role::Monarch)),
    ("sheikh", None),
    ("sheikha", None),
    ("mr", None),
    ("mr.", None),
    ("mrs", None),
    ("mrs.", None),
    ("ms", None),
    ("ms.", None),
    ("dr", None),
    ("dr.", None),
    ("sir", None),
    ("madam", None),
];

/// Roles named in appositions ("X, an economist at Y").
const APPOSITION_ROLES: &[(&str, Option<Role>)] = &[
    ("spokesman", Some(Role::Spokesperson)),
    ("spokeswoman", Some(Role::Spokesperson)),
    ("spokesperson", Some(Role::Spokesperson)),
    ("economist", None),
    ("analyst", None),
    ("deputy chairman", Some(Role::Chairman)),
    ("chairman", Some(Role::Chairman)),
    ("chief executive", Some(Role::Executive)),
    ("director", Some(Role::Executive)),
    ("head", Some(Role::Official)),
    ("chief", Some(Role::Official)),
    ("official", Some(Role::Official)),
    ("adviser", Some(Role::Official)),
    ("advisor", Some(Role::Official)),
    ("professor", None),
    ("researcher", None),
    ("president", Some(Role::President)),
    ("prime minister", Some(Role::PrimeMinister)),
    ("foreign minister", Some(Role::ForeignMinister)),
    ("foreign affairs minister", Some(Role::ForeignMinister)),
    ("minister", Some(Role::Minister)),
    ("ambassador", Some(Role::Ambassador)),
    ("general secretary", Some(Role::SecretaryGeneral)),
    ("secretary-general", Some(Role::SecretaryGeneral)),
    ("leader", Some(Role::Official)),
];

/// Words that may sit lowercase inside a person's name.
const NAME_PARTICLES: &[&str] = &[
    "al", "al-", "bin", "bint", "ibn", "de", "da", "van", "von", "der", "del", "la", "le", "dos",
    "el", "du", "di", "ben",
];

/// Honorifics between a title and a name: not part of the name ("Crown
/// Prince Sheikh Khaled bin Mohamed", "Foreign Minister Prince Faisal").
const HONORIFICS: &[&str] = &["sheikh", "sheikha", "shaikh", "sheik", "prince", "princess"];

/// Capitalized words that are portfolio words after "Minister of":
/// "Minister of Trade and Integration Arman Shakkaliyev".
const PORTFOLIO_WORDS: &[&str] = &[
    "trade",
    "integration",
    "foreign",
    "affairs",
    "economy",
    "economic",
    "economics",
    "finance",
    "finances",
    "financial",
    "energy",
    "industry",
    "industrial",
    "infrastructure",
    "development",
    "defence",
    "defense",
    "interior",
    "internal",
    "home",
    "justice",
    "health",
    "healthcare",
    "education",
    "science",
    "higher",
    "transport",
    "transportation",
    "communications",
    "communication",
    "digital",
    "innovation",
    "innovations",
    "technology",
    "technologies",
    "information",
    "agriculture",
    "agricultural",
    "food",
    "rural",
    "fisheries",
    "water",
    "resources",
    "natural",
    "environment",
    "environmental",
    "ecology",
    "climate",
    "labour",
    "labor",
    "social",
    "protection",
    "welfare",
    "employment",
    "culture",
    "cultural",
    "sport",
    "sports",
    "tourism",
    "youth",
    "family",
    "women",
    "planning",
    "investment",
    "investments",
    "national",
    "public",
    "works",
    "housing",
    "urban",
    "construction",
    "mines",
    "mining",
    "minerals",
    "petroleum",
    "oil",
    "gas",
    "hydrocarbons",
    "emergency",
    "emergencies",
    "situations",
    "security",
    "cooperation",
    "international",
    "european",
    "integration",
    "commerce",
    "industries",
    "budget",
    "treasury",
    "state",
    "regional",
    "local",
    "government",
    "relations",
    "expatriates",
    "diaspora",
    "overseas",
    "religious",
    "heritage",
    "tourism",
    "aviation",
    "maritime",
    "ports",
    "shipping",
    "railways",
    "roads",
    "telecommunications",
    "posts",
    "media",
    "entrepreneurship",
    "small",
    "medium",
    "enterprises",
    "business",
    "competition",
    "consumer",
    "markets",
    "privatization",
    "property",
    "land",
    "lands",
    "forestry",
    "forests",
    "veterans",
    "war",
    "citizens",
    "immigration",
    "migration",
    "refugees",
    "border",
    "borders",
    "customs",
    "taxes",
    "revenue",
    "statistics",
    "affair",
    "ecological",
    "power",
    "electricity",
    "nuclear",
    "space",
    "research",
    "knowledge",
    "human",
    "rights",
    "equality",
    "gender",
    "children",
    "solidarity",
    "territorial",
    "administration",
    "reform",
    "reforms",
    "modernization",
    "strategic",
    "strategy",
    "commonwealth",
    "africa",
    "asia",
    "pacific",
    "europe",
    "americas",
    "world",
    "global",
];

/// Company descriptions: "the Bulgarian pharmaceutical company Sopharma".
const COMPANY_KINDS: &[&str] = &[
    "company",
    "firm",
    "giant",
    "maker",
    "producer",
    "manufacturer",
    "operator",
    "carrier",
    "lender",
    "insurer",
    "conglomerate",
    "developer",
    "exporter",
    "importer",
    "supplier",
];

/// FxHash (rustc's hasher): fast for short keys; no DoS concern here.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Whole 8-byte words, then the rest read as two overlapping
        // halves (as rustc's FxHasher: no copy of a variable length).
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        let n = rest.len();
        let w = if n >= 4 {
            let (mut lo, mut hi) = ([0u8; 4], [0u8; 4]);
            lo.copy_from_slice(&rest[..4]);
            hi.copy_from_slice(&rest[n - 4..]);
            u64::from(u32::from_le_bytes(lo)) | u64::from(u32::from_le_bytes(hi)) << 32
        } else if n >= 2 {
            let (mut lo, mut hi) = ([0u8; 2], [0u8; 2]);
            lo.copy_from_slice(&rest[..2]);
            hi.copy_from_slice(&rest[n - 2..]);
            u64::from(u16::from_le_bytes(lo)) | u64::from(u16::from_le_bytes(hi)) << 16
        } else if n == 1 {
            u64::from(rest[0])
        } else {
            return;
        };
        self.add(w);
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

impl Fx {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxSet<T> = HashSet<T, BuildHasherDefault<Fx>>;
type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// A word list as a set, built once.
fn in_set(
    set: &'static std::sync::OnceLock<FxSet<&'static str>>,
    list: &'static [&'static str],
    w: &&str,
) -> bool {
    set.get_or_init(|| list.iter().copied().collect())
        .contains(*w)
}

static NAME_PARTICLES_SET: std::sync::OnceLock<FxSet<&'static str>> = std::sync::OnceLock::new();

type TitleTable = FxMap<&'static str, Vec<(Vec<&'static str>, Option<Role>)>>;

/// [`TITLES`] by first word.
fn title_table() -> &'static TitleTable {
    static T: std::sync::OnceLock<TitleTable> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut m: TitleTable = FxMap::default();
        for (phrase, role) in TITLES {
            let parts: Vec<&'static str> = phrase.split(' ').collect();
            m.entry(parts[0]).or_default().push((parts, *role));
        }
        m
    })
}

/// Surname endings of the regions the genre covers (post-Soviet,
/// Caucasus, Balkans, Central Europe): "-ov", "-yev", "-enko", "-shvili".
fn surname_ending(w: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ov", "ev", "yev", "iyev", "ova", "eva", "yeva", "enko", "shvili", "dze", "yan", "ovic",
        "ovich", "evich", "escu", "ski", "sky", "skiy", "ska", "bayev", "uly", "kyzy",
    ];
    w.len() >= 5 && w.is_ascii() && ENDINGS.iter().any(|e| w.ends_with(e))
}

/// Apposition role phrases by first word (split once).
fn apposition_table() -> &'static TitleTable {
    static T: std::sync::OnceLock<TitleTable> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut m: TitleTable = FxMap::default();
        for (phrase, role) in APPOSITION_ROLES {
            let parts: Vec<&'static str> = phrase.split(' ').collect();
            m.entry(parts[0]).or_default().push((parts, *role));
        }
        m
    })
}

/// Bits of [`Word::class`]: the word lists a folded word is in.
mod class {
    pub const MONTH: u16 = 1;
    pub const STARTER: u16 = 1 << 1;
    pub const HEAD: u16 = 1 << 2;
    pub const GOV_HEAD: u16 = 1 << 3;
    pub const NATIONAL_HEAD: u16 = 1 << 4;
    pub const ORG_JOINER: u16 = 1 << 5;
    pub const NAME_PARTICLE: u16 = 1 << 6;
    pub const HONORIFIC: u16 = 1 << 7;
    pub const PORTFOLIO: u16 = 1 << 8;
    /// A known given name (the gazetteer's `first_names`).
    pub const FIRST_NAME: u16 = 1 << 9;
    /// The first word of a title ([`super::TITLES`]).
    pub const TITLE_FIRST: u16 = 1 << 10;
    /// The first word of an apposition role ([`super::APPOSITION_ROLES`]).
    pub const APPOSITION_FIRST: u16 = 1 << 11;
    /// A kind of company ([`super::COMPANY_KINDS`]).
    pub const COMPANY_KIND: u16 = 1 << 12;
}

/// Every word list the patterns consult, merged into one table from folded
/// word to [`class`] bits: one lookup per token instead of one per list and
/// use. Document-independent: built once, kept by the `Analyzer`.
pub(crate) struct WordClasses {
    map: FxMap<&'static str, u16>,
    /// A cheap rejection before hashing: by [`WordClasses::shape`] of the
    /// first and last bytes, the lengths of the words as bits (63 for 63
    /// and more).
    lens: Box<[u64; 1024]>,
}

impl std::fmt::Debug for WordClasses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordClasses")
            .field("words", &self.map.len())
            .finish()
    }
}

impl WordClasses {
    /// The shared table, built on first use.
    pub(crate) fn get() -> &'static WordClasses {
        static W: std::sync::OnceLock<WordClasses> = std::sync::OnceLock::new();
        W.get_or_init(|| WordClasses::build(Gazetteer::get()))
    }

    fn build(g: &'static Gazetteer) -> WordClasses {
        let mut map: FxMap<&'static str, u16> = FxMap::default();
        let mut add = |words: &mut dyn Iterator<Item = &'static str>, bit: u16| {
            for w in words {
                *map.entry(w).or_default() |= bit;
            }
        };
        // Month names, their three-letter abbreviations and "Sept", and
        // weekday names.
        add(
            &mut dyad_model::MONTHS
                .iter()
                .flat_map(|&m| [m, &m[..3]])
                .chain(["sept"])
                .chain(dyad_model::WEEKDAYS),
            class::MONTH,
        );
        add(&mut STARTERS.iter().copied(), class::STARTER);
        add(&mut HEADS.iter().copied(), class::HEAD);
        add(&mut GOV_HEADS.iter().copied(), class::GOV_HEAD);
        add(&mut NATIONAL_HEADS.iter().copied(), class::NATIONAL_HEAD);
        add(&mut ORG_JOINERS.iter().copied(), class::ORG_JOINER);
        add(&mut NAME_PARTICLES.iter().copied(), class::NAME_PARTICLE);
        add(&mut HONORIFICS.iter().copied(), class::HONORIFIC);
        add(&mut PORTFOLIO_WORDS.iter().copied(), class::PORTFOLIO);
        add(&mut COMPANY_KINDS.iter().copied(), class::COMPANY_KIND);
        add(
            &mut g.first_names.iter().map(String::as_str),
            class::FIRST_NAME,
        );
        add(&mut title_table().keys().copied(), class::TITLE_FIRST);
        add(
            &mut apposition_table().keys().copied(),
            class::APPOSITION_FIRST,
        );
        let mut lens = Box::new([0u64; 1024]);
        for w in map.keys() {
            lens[Self::shape(w)] |= 1 << w.len().min(63);
        }
        WordClasses { map, lens }
    }

    /// A slot of `lens` from a word's first and last bytes.
    #[inline]
    fn shape(w: &str) -> usize {
        let b = w.as_bytes();
        match (b.first(), b.last()) {
            (Some(&x), Some(&y)) => (usize::from(x) * 31 + usize::from(y)) & 1023,
            _ => 0,
        }
    }

    #[inline]
    fn of(&self, w: &str) -> u16 {
        if w.is_empty() || self.lens[Self::shape(w)] & (1 << w.len().min(63)) == 0 {
            return 0;
        }
        self.map.get(w).copied().unwrap_or(0)
    }
}

/// Accepted gazetteer hits by first token: a slot per token, so lookups are
/// an index, not a hash.
struct GazIndex {
    /// Per token: the index of its hit in `hits`, or `u32::MAX`.
    at: Vec<u32>,
    hits: Vec<GazHit>,
}

impl GazIndex {
    fn new(tokens: usize) -> GazIndex {
        GazIndex {
            at: vec![u32::MAX; tokens],
            hits: Vec::new(),
        }
    }

    fn slot(&self, tok: usize) -> Option<usize> {
        match self.at.get(tok) {
            Some(&k) if k != u32::MAX => Some(k as usize),
            _ => None,
        }
    }

    fn get(&self, tok: &usize) -> Option<&GazHit> {
        self.slot(*tok).map(|k| &self.hits[k])
    }

    fn get_mut(&mut self, tok: &usize) -> Option<&mut GazHit> {
        self.slot(*tok).map(|k| &mut self.hits[k])
    }

    fn contains_key(&self, tok: &usize) -> bool {
        self.slot(*tok).is_some()
    }

    /// Every hit (in no particular order).
    fn values(&self) -> std::slice::Iter<'_, GazHit> {
        self.hits.iter()
    }

    /// Sets the hit of token `tok`, replacing any.
    fn insert(&mut self, tok: usize, hit: GazHit) {
        if let Some(k) = self.slot(tok) {
            self.hits[k] = hit;
        } else if tok < self.at.len() {
            self.at[tok] = u32::try_from(self.hits.len()).unwrap_or(u32::MAX);
            self.hits.push(hit);
        }
    }

    /// Sets the hit of token `tok` unless it has one.
    fn insert_new(&mut self, tok: usize, hit: GazHit) {
        if !self.contains_key(&tok) {
            self.insert(tok, hit);
        }
    }
}

/// The analysis of one document's entities.
pub(crate) struct EntityFinder<'a> {
    text: &'a str,
    g: &'static Gazetteer,
    words: Vec<Word<'a>>,
    /// Accepted gazetteer hits by first token.
    gaz: GazIndex,
    /// Per token (and one past the last): whether an accepted gazetteer hit
    /// ends there.
    gaz_ends: Vec<bool>,
    /// The title starting at each token, if any.
    titles: Vec<Option<(usize, Option<Role>)>>,
    /// Tokens where "Georgia" is the U.S. state.
    us_georgia: FxSet<usize>,
    /// The document's parse, when the analysis has one.
    syntax: Option<&'a dyad_model::syntax::Syntax>,
}

fn folded(s: &str) -> String {
    lexicon::fold(s)
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in lexicon::fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

impl<'a> EntityFinder<'a> {
    /// The words of `tokens`; `folded` (cleared first) receives the
    /// folded forms of the tokens that are not their own (see
    /// [`Word::low`]).
    pub(crate) fn new(
        text: &'a str,
        tokens: &[Token],
        folded: &'a mut String,
        classes: &WordClasses,
    ) -> Self {
        folded.clear();
        let mut words = Vec::with_capacity(tokens.len());
        let mut last_sentence = u32::MAX;
        let mut initial_pending = true;
        // Tokens folded into `folded`: index and byte range.
        let mut spans: Vec<(usize, usize, usize)> = Vec::new();
        for (k, t) in tokens.iter().enumerate() {
            if t.sentence != last_sentence {
                last_sentence = t.sentence;
                initial_pending = true;
            }
            let s = &text[t.span.start..t.span.end];
            let (is_word, cap) = match s.as_bytes().first() {
                Some(&b) if b.is_ascii() => (b.is_ascii_alphanumeric(), b.is_ascii_uppercase()),
                _ => {
                    let first = s.chars().next().unwrap_or(' ');
                    (first.is_alphanumeric(), first.is_uppercase())
                }
            };
            let initial = initial_pending && is_word;
            if is_word {
                initial_pending = false;
            }
            // A lowercase ASCII token is its own folded form; others get
            // theirs below, once `folded` is complete.
            let own = s.bytes().all(|b| !b.is_ascii_uppercase() && b.is_ascii());
            if !own {
                let a = folded.len();
                lexicon::fold_into(s, folded);
                spans.push((k, a, folded.len()));
            }
            words.push(Word {
                start: t.span.start,
                end: t.span.end,
                text: s,
                low: s,
                class: if own { classes.of(s) } else { 0 },
                cap,
                word: is_word,
                initial,
                sentence: t.sentence,
            });
        }
        let folded: &'a String = folded;
        for (k, a, b) in spans {
            let low = &folded[a..b];
            words[k].low = low;
            words[k].class = classes.of(low);
        }
        let titles = (0..words.len())
            .map(|i| {
                if words[i].is(class::TITLE_FIRST) {
                    Self::match_title(&words, i)
                } else {
                    None
                }
            })
            .collect();
        EntityFinder {
            text,
            g: Gazetteer::get(),
            gaz: GazIndex::new(words.len()),
            words,
            gaz_ends: Vec::new(),
            titles,
            us_georgia: FxSet::default(),
            syntax: None,
        }
    }

    /// Reads the document's parse where it helps: the joiner "on" continues
    /// a name only when the parse attaches it inside the name ("Commission
    /// on Human Rights", not "the Ministry on Tuesday").
    pub(crate) fn with_syntax(mut self, syntax: &'a dyad_model::syntax::Syntax) -> Self {
        self.syntax = Some(syntax);
        self
    }

    /// Whether the parse hangs word `j` outside words `i..j` (false without
    /// a parse, or when the word is no token of it).
    fn hangs_outside(&self, i: usize, j: usize) -> bool {
        let Some(syn) = self.syntax else {
            return false;
        };
        let (Some(first), Some(prev), Some(w)) = (
            self.words.get(i),
            self.words.get(j.wrapping_sub(1)),
            self.words.get(j),
        ) else {
            return false;
        };
        let Some(mut t) = syn.token_at(w.start) else {
            return false;
        };
        let range = first.start..prev.end;
        // Heads are followed a bounded number of steps: linear time.
        for _ in 0..64 {
            let h = syn.tokens[t].head as usize;
            if h == t {
                return true;
            }
            if range.contains(&syn.tokens[h].span.start) {
                return false;
            }
            t = h;
        }
        true
    }

    /// Per word: whether its start lies inside one of the byte spans.
    fn starts_within(&self, spans: impl Iterator<Item = (usize, usize)>) -> Vec<bool> {
        let mut flags = vec![false; self.words.len()];
        for (s, e) in spans {
            let a = self.words.partition_point(|w| w.start < s);
            let b = self.words.partition_point(|w| w.start < e);
            for f in flags.iter_mut().take(b).skip(a) {
                *f = true;
            }
        }
        flags
    }

    /// Per word: whether it overlaps one of the byte spans.
    fn overlapping(&self, spans: impl Iterator<Item = (usize, usize)>) -> Vec<bool> {
        let mut flags = vec![false; self.words.len()];
        for (s, e) in spans {
            let a = self.words.partition_point(|w| w.end <= s);
            let b = self.words.partition_point(|w| w.start < e);
            for f in flags.iter_mut().take(b).skip(a) {
                *f = true;
            }
        }
        flags
    }

    /// The token that starts at byte `b`.
    fn tok_starting_at(&self, b: usize) -> Option<usize> {
        let i = self.words.partition_point(|w| w.start < b);
        (i < self.words.len() && self.words[i].start == b).then_some(i)
    }

    /// Token index of the first token at or after byte `b`.
    fn tok_at_or_after(&self, b: usize) -> usize {
        self.words.partition_point(|w| w.start < b)
    }

    fn country_hit(&self, i: usize) -> Option<(CountryCode, Form, usize)> {
        let h = self.gaz.get(&i)?;
        h.postings
            .iter()
            .find(|p| p.source == Source::Country)
            .map(|p| (self.g.countries[p.record as usize].code, p.form, h.tok_end))
    }

    fn place_hit(&self, i: usize) -> bool {
        self.gaz.get(&i).is_some_and(|h| {
            h.postings
                .iter()
                .any(|p| matches!(p.source, Source::Country | Source::Region | Source::City))
        })
    }

    /// Step 1: gazetteer hits that pass the surface checks.
    fn select_gazetteer(&mut self) {
        self.select_hits();
        let mut ends = vec![false; self.words.len() + 1];
        for h in self.gaz.values() {
            if let Some(e) = ends.get_mut(h.tok_end) {
                *e = true;
            }
        }
        self.gaz_ends = ends;
    }

    fn select_hits(&mut self) {
        // Capitalized word starts, also inside hyphenated tokens
        // ("Kazakh-Bulgarian"), in text order.
        let mut starts = Vec::with_capacity(self.words.len() / 4);
        for w in &self.words {
            if w.cap {
                starts.push(w.start);
            }
            if w.text.len() > 2 && w.text.bytes().any(|b| b == b'-') {
                for (k, _) in w.text.match_indices('-') {
                    if w.text[k + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                    {
                        starts.push(w.start + k + 1);
                    }
                }
            }
        }
        let mut cursor = 0usize;
        let mut raw = Vec::new();
        let mut postings = Vec::new();
        for start in starts {
            // Starts inside an accepted hit are not tried.
            if start < cursor {
                continue;
            }
            self.g.scan_one(self.text, start, &mut raw);
            // Longest first.
            for hit in raw.iter().rev() {
                postings.clear();
                self.g.postings_into(hit.value, &mut postings);
                let surface = &self.text[hit.start..hit.end];
                let Some(tok) = self.tok_starting_at(hit.start) else {
                    // A hit inside a token ("Bulgarian" in "Kazakh-Bulgarian").
                    if let Some(p) = self.valid_inside(surface, &postings) {
                        let tok = self.tok_at_or_after(hit.start).saturating_sub(1);
                        cursor = hit.end;
                        self.gaz.insert_new(
                            tok,
                            GazHit {
                                start: hit.start,
                                end: hit.end,
                                postings: p,
                                tok,
                                tok_end: tok + 1,
                            },
                        );
                        break;
                    }
                    continue;
                };
                let tok_end = self.tok_at_or_after(hit.end);
                let postings = self.valid_postings(surface, tok, &postings);
                if postings.is_empty() {
                    continue;
                }
                cursor = hit.end;
                self.gaz.insert(
                    tok,
                    GazHit {
                        start: hit.start,
                        end: hit.end,
                        postings,
                        tok,
                        tok_end: tok_end.max(tok + 1),
                    },
                );
                break;
            }
        }
    }

    /// Postings valid for a hit that starts inside a hyphenated token:
    /// countries only.
    fn valid_inside(&self, surface: &str, postings: &[Posting]) -> Option<Vec<Posting>> {
        if !surface.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let v: Vec<Posting> = postings
            .iter()
            .copied()
            .filter(|p| p.source == Source::Country && p.form != Form::Acronym)
            .collect();
        (!v.is_empty()).then_some(v)
    }

    fn valid_postings(&self, surface: &str, tok: usize, postings: &[Posting]) -> Vec<Posting> {
        let w = &self.words[tok];
        let first_upper = surface.chars().next().is_some_and(char::is_uppercase);
        if !first_upper {
            return Vec::new();
        }
        let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
        let uppers = surface.chars().filter(|c| c.is_uppercase()).count();
        let all_caps = uppers == letters;
        postings
            .iter()
            .copied()
            .filter(|p| match p.form {
                Form::Acronym => uppers + 1 >= letters && uppers >= 1 && (letters > 1),
                _ => {
                    // A single-letter capital run such as "US" read as a
                    // name ("us") is not the acronym.
                    if all_caps && letters <= 3 {
                        return false;
                    }
                    match p.source {
                        Source::City => {
                            let c = &self.g.cities[p.record as usize];
                            !(c.common && (w.initial || all_caps))
                        }
                        Source::Org => {
                            let o = &self.g.orgs[p.record as usize];
                            !(o.kind == OrgKind::Word && (w.initial || all_caps))
                        }
                        Source::Person => p.form == Form::Name || !w.initial || !all_caps,
                        _ => true,
                    }
                }
            })
            .collect()
    }

    /// Matches a title at token `i`; returns (tokens used, role).
    fn title_at(&self, i: usize) -> Option<(usize, Option<Role>)> {
        self.titles.get(i).copied().flatten()
    }

    /// The longest title starting at token `i` (computed once per token).
    fn match_title(words: &[Word<'_>], i: usize) -> Option<(usize, Option<Role>)> {
        let first = words[i].lw();
        let mut best: Option<(usize, Option<Role>)> = None;
        if !words[i].is(class::TITLE_FIRST) {
            return None;
        }
        for (parts, role) in title_table().get(first)? {
            if i + parts.len() > words.len() {
                continue;
            }
            if parts
                .iter()
                .enumerate()
                .all(|(k, p)| words[i + k].low == *p)
                && best.is_none_or(|(n, _)| parts.len() > n)
            {
                best = Some((parts.len(), *role));
            }
        }
        best
    }

    fn is_title_word(&self, i: usize) -> bool {
        self.title_at(i).is_some()
    }

    /// A name after a title whose first word is a short capitalized
    /// function word, as Vietnamese and Korean names can be ("General
    /// Secretary To Lam", "Minister An Duk-geun"): the word and a name of
    /// one to three more words. Returns the token end.
    fn starter_name_at(&self, i: usize) -> Option<usize> {
        let w = self.words.get(i)?;
        let next = self.words.get(i + 1)?;
        if !(w.cap && w.is(class::STARTER) && w.text.len() <= 3 && w.is_word()) {
            return None;
        }
        if next.sentence != w.sentence || next.is(class::STARTER) {
            return None;
        }
        self.name_at(i + 1, 3)
    }

    /// A person's name starting at token `i`: 1-4 capitalized words (with
    /// particles). Returns the token end.
    fn name_at(&self, i: usize, max: usize) -> Option<usize> {
        let mut j = i;
        let mut n = 0;
        while j < self.words.len() && n < max {
            let w = &self.words[j];
            if w.sentence != self.words[i].sentence {
                break;
            }
            let particle =
                w.is(class::NAME_PARTICLE) && j > i && self.words.get(j + 1).is_some_and(|x| x.cap);
            // "al-Assad", "bin-Salman": a lowercase particle joined to a
            // capitalized name.
            let joined = j > i
                && w.text.split_once('-').is_some_and(|(a, b)| {
                    in_set(&NAME_PARTICLES_SET, NAME_PARTICLES, &a)
                        && b.chars().next().is_some_and(char::is_uppercase)
                });
            if !(w.cap && w.is_word() && w.text.chars().any(char::is_lowercase)
                || particle
                || joined)
            {
                break;
            }
            if !particle {
                if w.is(class::MONTH) || self.is_title_word(j) && j > i {
                    break;
                }
                // A country or region ends a name; a city name after a given
                // name is a surname ("Elizabeth Warren").
                if self.place_hit(j) && !self.person_hit(j) {
                    let given = w.is(class::FIRST_NAME);
                    if !self.city_only_hit(j) || j == i && !given {
                        break;
                    }
                }
                if w.is(class::HEAD) {
                    break;
                }
                if j == i && w.is(class::STARTER) {
                    return None;
                }
            }
            // Particles, also capitalized ones before a name ("Al Thani",
            // "bin Zayed"), do not count toward the name's length.
            let cap_particle = j > i
                && matches!(w.lw(), "al" | "el" | "bin" | "bint" | "ibn" | "ben")
                && self.words.get(j + 1).is_some_and(|x| x.cap && x.is_word());
            j += 1;
            if !(particle || cap_particle) {
                n += 1;
            }
            // A possessive ends the name.
            if self.words.get(j).is_some_and(Word::is_possessive) {
                break;
            }
        }
        // Trailing particles are not part of a name.
        while j > i && self.words[j - 1].is(class::NAME_PARTICLE) {
            j -= 1;
        }
        (j > i).then_some(j)
    }

    /// The country of a city named at token `i` and ending before `e`: the
    /// largest city of that name, when it is a capital or has 100,000 people.
    fn leading_city_country(&self, i: usize, e: usize) -> Option<CountryCode> {
        let h = self.gaz.get(&i)?;
        if h.tok_end >= e || !self.city_only_hit(i) {
            return None;
        }
        let c = h
            .postings
            .iter()
            .filter(|p| p.source == Source::City)
            .map(|p| &self.g.cities[p.record as usize])
            .max_by_key(|c| c.population)?;
        (c.capital || c.population >= 100_000).then_some(c.country)
    }

    fn city_only_hit(&self, i: usize) -> bool {
        self.gaz.get(&i).is_some_and(|h| {
            h.postings
                .iter()
                .all(|p| matches!(p.source, Source::City | Source::Person))
        })
    }

    fn person_hit(&self, i: usize) -> bool {
        self.gaz
            .get(&i)
            .is_some_and(|h| h.postings.iter().any(|p| p.source == Source::Person))
    }

    /// The country named just before token `i` ("Bulgarian President",
    /// "Bulgaria's President", "U.S. Treasury Secretary").
    fn country_before(&self, i: usize) -> Option<CountryCode> {
        let mut j = i;
        // Skip "former", "then", "acting".
        if j > 0
            && matches!(
                self.words[j - 1].lw(),
                "former" | "then" | "acting" | "outgoing" | "incoming" | "late"
            )
        {
            j -= 1;
        }
        if j == 0 {
            return None;
        }
        if self.words[j - 1].is_possessive() && j >= 2 {
            let k = self.hit_ending_at(j - 1)?;
            return self.country_hit(k).map(|c| c.0);
        }
        let k = self.hit_ending_at(j)?;
        self.country_hit(k).map(|c| c.0)
    }

    /// The country of a city named just before a title ("Abu Dhabi Crown
    /// Prince", "Moscow Mayor"): the most populous city of that name.
    fn city_country_before(&self, i: usize) -> Option<CountryCode> {
        let k = self.hit_ending_at(i)?;
        if self.us_georgia.contains(&k) {
            return CountryCode::new("USA").ok();
        }
        let h = self.gaz.get(&k)?;
        if h.postings.iter().any(|p| p.source != Source::City) {
            return None;
        }
        h.postings
            .iter()
            .max_by_key(|p| self.g.cities[p.record as usize].population)
            .map(|p| self.g.cities[p.record as usize].country)
    }

    /// The token index where a gazetteer hit ending just before token `j`
    /// starts.
    fn hit_ending_at(&self, j: usize) -> Option<usize> {
        (j.saturating_sub(4)..j).find(|k| self.gaz.get(k).is_some_and(|h| h.tok_end == j))
    }

    /// "of Kazakhstan" at token `i`: the country and the token after it.
    fn of_country(&self, i: usize) -> Option<(CountryCode, usize)> {
        if self.words.get(i)?.low != "of" {
            return None;
        }
        let mut k = i + 1;
        if self.words.get(k)?.low == "the" {
            k += 1;
        }
        let (c, form, end) = self.country_hit(k)?;
        (form != Form::Adjective).then_some((c, end))
    }

    /// Step 2: people from titles and appositions.
    fn find_people(&self, out: &mut Vec<Cand>, main: Option<CountryCode>) {
        let n = self.words.len();
        let mut i = 0;
        while i < n {
            let Some((len, role)) = self.title_at(i) else {
                i += 1;
                continue;
            };
            let mut title_start = i;
            // "Economy Minister", "Treasury Secretary": capitalized words
            // before the title word belong to it.
            if matches!(self.words[i].lw(), "minister" | "secretary") {
                while title_start > 0 {
                    let p = &self.words[title_start - 1];
                    if p.cap
                        && p.is_word()
                        && !self.place_hit(title_start - 1)
                        && !p.is(class::STARTER)
                        && !self.is_title_word(title_start - 1)
                    {
                        title_start -= 1;
                    } else {
                        break;
                    }
                }
            }
            let mut country = self
                .country_before(title_start)
                .or_else(|| self.city_country_before(title_start));
            let mut j = i + len;
            let mut role = role;
            // "Deputy Prime Minister and Minister of Foreign Affairs X": a
            // second title joined by "and"; the foreign ministry is the
            // role that matters for relations.
            if self.words.get(j).is_some_and(|w| w.low == "and") && self.words[i].cap {
                if let Some((len2, role2)) = self.title_at(j + 1) {
                    if self.words[j + 1].cap && role2.is_some() {
                        if role2 == Some(Role::ForeignMinister) || role.is_none() {
                            role = role2;
                        }
                        j += 1 + len2;
                    }
                }
            }
            if let Some((c, end)) = self.of_country(j) {
                country = country.or(Some(c));
                j = end;
            }
            // "Minister of Transport X", "Minister of Trade and Integration
            // X", "Minister of Foreign Affairs and Trade X": skip the
            // portfolio; the name is what follows its last portfolio word.
            let ministerial = matches!(
                role,
                Some(
                    Role::Minister
                        | Role::ForeignMinister
                        | Role::DeputyMinister
                        | Role::DeputyPrimeMinister
                )
            );
            if ministerial
                && self
                    .words
                    .get(j)
                    .is_some_and(|w| matches!(w.lw(), "of" | "for" | "and"))
                && (role == Some(Role::Minister) || self.words[j].low == "and")
            {
                let mut k = j + 1;
                let mut split = k;
                while k < n
                    && self.words[k].sentence == self.words[i].sentence
                    && (self.words[k].cap
                        || matches!(self.words[k].lw(), "and" | "the" | "of" | "for" | "&"))
                    && !self.is_name_like_pair(k)
                {
                    let lw = self.words[k].lw();
                    if matches!(lw, "and" | "the" | "of" | "for" | "&")
                        || self.words[k].is(class::PORTFOLIO)
                    {
                        split = k + 1;
                    }
                    k += 1;
                }
                // A given name after unknown portfolio words starts the
                // name ("Minister for Trade Negotiations Michael Duffy").
                if let Some(m) = (split..k).find(|&m| self.words[m].is(class::FIRST_NAME)) {
                    split = m;
                }
                j = if split < k { split } else { k };
            }
            // Honorifics before the name.
            while self
                .words
                .get(j)
                .is_some_and(|w| w.cap && w.is(class::HONORIFIC))
                && self.words.get(j + 1).is_some_and(|w| w.cap && w.is_word())
            {
                j += 1;
            }
            let title_cap = self.words[i].cap;
            if let Some(end) = self.name_at(j, 4).or_else(|| self.starter_name_at(j)) {
                let title_ok = title_cap || role.is_some();
                // "Mr" alone before a single name is fine; a lowercase title
                // needs a two-word name.
                if title_ok && (title_cap || end - j >= 2) {
                    let gaz = self.gaz_person(j, end);
                    let name = match gaz {
                        Some(r) if end - j == 1 => self.g.people[r as usize].name.clone(),
                        _ => self.join(j, end),
                    };
                    // "Chairman Manaspas Xuto of Thailand".
                    let country = country.or_else(|| self.of_country(end).map(|c| c.0));
                    let (role, country) = self.person_attrs(gaz, role, country, main);
                    out.push(Cand {
                        start: self.words[j].start,
                        end: self.words[end - 1].end,
                        target: Target::Person {
                            name,
                            role,
                            country,
                            gaz,
                        },
                        form: MentionForm::Name,
                    });
                    i = end;
                    continue;
                }
            }
            i += len;
        }
        // Appositions: "Rumen Radev, the Bulgarian President," and
        // "Al Breach, an economist at UBS".
        for i in 0..n {
            if self.words[i].text != "," || i < 2 {
                continue;
            }
            let mut k = i + 1;
            if self
                .words
                .get(k)
                .is_some_and(|w| matches!(w.lw(), "the" | "a" | "an"))
            {
                k += 1;
            }
            let mut country = None;
            if let Some((c, _, end)) = self.country_hit(k) {
                country = Some(c);
                k = end;
            }
            let Some((len, role)) = self.apposition_role(k) else {
                continue;
            };
            if let Some((c, _)) = self.of_country(k + len) {
                country = country.or(Some(c));
            }
            let Some(s) = self.name_before(i) else {
                continue;
            };
            let gaz = self.gaz_person(s, i);
            let (role, country) = self.person_attrs(gaz, role, country, None);
            out.push(Cand {
                start: self.words[s].start,
                end: self.words[i - 1].end,
                target: Target::Person {
                    name: self.join(s, i),
                    role,
                    country,
                    gaz,
                },
                form: MentionForm::Name,
            });
        }
    }

    /// A 2-3 word name of capitalized words ending just before token `i`;
    /// returns its first token.
    fn name_before(&self, i: usize) -> Option<usize> {
        let mut s = i;
        while s > 0 && i - s < 3 && self.words[s - 1].cap && self.words[s - 1].is_word() {
            let w = &self.words[s - 1];
            if w.is(class::STARTER)
                || self.is_title_word(s - 1)
                || self.place_hit(s - 1)
                || w.is(class::HEAD)
                || w.is(class::MONTH)
            {
                break;
            }
            s -= 1;
            if self.words[s].initial {
                break;
            }
        }
        (i - s >= 2 && self.name_at(s, 3) == Some(i)).then_some(s)
    }

    /// Names without a title: a known given name followed by capitalized
    /// words ("Phil Simmons"), or two or three capitalized words next to a
    /// verb of saying ("said Ivan Petrov", "Ivan Petrov said").
    fn plain_names(&self, out: &mut Vec<Cand>) {
        let n = self.words.len();
        let mut covered: Vec<(usize, usize)> = out.iter().map(|c| (c.start, c.end)).collect();
        covered.sort_unstable();
        let is_covered = |covered: &[(usize, usize)], b: usize| {
            let k = covered.partition_point(|&(s, _)| s <= b);
            k > 0
                && covered[..k]
                    .iter()
                    .rev()
                    .take(4)
                    .any(|&(s, e)| s <= b && b < e)
        };
        let said = |w: &Word<'_>| {
            matches!(
                w.lw(),
                "said"
                    | "says"
                    | "told"
                    | "added"
                    | "asked"
                    | "declared"
                    | "stated"
                    | "noted"
                    | "stressed"
                    | "emphasized"
                    | "emphasised"
                    | "announced"
                    | "warned"
                    | "urged"
                    | "wrote"
                    | "replied"
                    | "explained"
                    | "insisted"
                    | "confirmed"
            )
        };
        let mut i = 0;
        while i < n {
            let w = &self.words[i];
            let other_hit = self.gaz.contains_key(&i) && !self.city_only_hit(i);
            if !w.cap || !w.is_word() || is_covered(&covered, w.start) || other_hit {
                i += 1;
                continue;
            }
            // "Sheikh" opens a title, not a given name ("Sheikh Khaled").
            if w.is(class::HONORIFIC) {
                i += 1;
                continue;
            }
            let given = w.is(class::FIRST_NAME);
            let after_said = i > 0 && said(&self.words[i - 1]) && !self.is_title_word(i);
            // Other capitalized pairs: a name when the last word has a
            // surname ending ("Arman Shakkaliyev", "Irakli Garibashvili").
            // (A verb of saying after the pair was tried and dropped: it
            // took "Time Warner said", "Der Spiegel said" for people.)
            // Cheap gate before the pair rule: a capitalized word follows,
            // and a verb of saying or a surname ending is near.
            let near = |k: usize| self.words.get(k);
            let pair_possible = !(given || after_said)
                && near(i + 1).is_some_and(|x| x.cap)
                && (i + 1..i + 3).any(|k| near(k).is_some_and(|x| surname_ending(x.lw())));
            let lw = w.lw();
            let common_word = !pair_possible
                || self.is_title_word(i)
                || w.is(class::PORTFOLIO | class::HEAD | class::APPOSITION_FIRST)
                || matches!(
                    lw,
                    "typhoon" | "hurricane" | "cyclone" | "storm" | "operation"
                );
            let pair_end = if given || after_said || common_word {
                None
            } else {
                self.name_at(i, 3).filter(|&e| {
                    e - i >= 2
                        && !(i + 1..e).any(|k| self.words[k].is(class::FIRST_NAME))
                        && surname_ending(self.words[e - 1].lw())
                })
            };
            if !(given || after_said || pair_end.is_some()) {
                i += 1;
                continue;
            }
            let Some(end) = pair_end.or_else(|| self.name_at(i, 3)) else {
                i += 1;
                continue;
            };
            // "Abu Dhabi": a city of several words is not a given name
            // and a surname.
            if self
                .gaz
                .get(&i)
                .is_some_and(|h| h.tok_end >= end && h.tok_end > i + 1 && self.city_only_hit(i))
            {
                i += 1;
                continue;
            }
            let before_said = self.words.get(end).is_some_and(said);
            // Not part of an organization's or facility's name.
            let plain = (i..end).all(|k| {
                (!self.gaz.contains_key(&k) || self.city_only_hit(k))
                    && !matches!(
                        self.words[k].lw(),
                        "international"
                            | "national"
                            | "federal"
                            | "united"
                            | "republic"
                            | "democratic"
                            | "royal"
                            | "central"
                            | "state"
                            | "general"
                    )
            }) && !self
                .words
                .get(end)
                .is_some_and(|x| x.cap && x.is(class::HEAD));
            if end - i >= 2 && plain && (given || after_said || before_said || pair_end.is_some()) {
                let gaz = self.gaz_person(i, end);
                let (role, country) = self.person_attrs(gaz, None, None, None);
                let c = Cand {
                    start: w.start,
                    end: self.words[end - 1].end,
                    target: Target::Person {
                        name: self.join(i, end),
                        role,
                        country,
                        gaz,
                    },
                    form: MentionForm::Name,
                };
                covered.push((c.start, c.end));
                covered.sort_unstable();
                out.push(c);
                i = end;
                continue;
            }
            i += 1;
        }
    }

    /// "Ahmed Farouk of Malaysia, speaking for ..." / "... of France said".
    fn name_of_country(&self, out: &mut Vec<Cand>) {
        for i in 2..self.words.len() {
            let Some((c, end)) = self.of_country(i) else {
                continue;
            };
            if !self
                .words
                .get(end)
                .is_some_and(|w| matches!(w.lw(), "," | "said" | "says" | "told" | "added"))
            {
                continue;
            }
            let Some(s) = self.name_before(i) else {
                continue;
            };
            if out
                .iter()
                .any(|x| x.start <= self.words[s].start && self.words[s].start < x.end)
            {
                continue;
            }
            let gaz = self.gaz_person(s, i);
            let (role, country) = self.person_attrs(gaz, None, Some(c), None);
            out.push(Cand {
                start: self.words[s].start,
                end: self.words[i - 1].end,
                target: Target::Person {
                    name: self.join(s, i),
                    role,
                    country,
                    gaz,
                },
                form: MentionForm::Name,
            });
        }
    }

    fn is_name_like_pair(&self, k: usize) -> bool {
        // Two capitalized words where the second ends the capitalized run
        // and is followed by a verb-ish lowercase word are likely a name.
        let _ = k;
        false
    }

    fn apposition_role(&self, k: usize) -> Option<(usize, Option<Role>)> {
        let mut best: Option<(usize, Option<Role>)> = None;
        let first = self.words.get(k)?.lw();
        for (parts, role) in apposition_table().get(first)? {
            if k + parts.len() > self.words.len() {
                continue;
            }
            if parts
                .iter()
                .enumerate()
                .all(|(x, p)| self.words[k + x].low == *p)
                && best.is_none_or(|(n, _)| parts.len() > n)
            {
                best = Some((parts.len(), *role));
            }
        }
        best
    }

    fn gaz_person(&self, s: usize, e: usize) -> Option<u32> {
        let name = self.join(s, e);
        let postings = self.g.lookup(&name);
        if let Some(p) = postings
            .iter()
            .find(|p| p.source == Source::Person && p.form == Form::Name)
        {
            return Some(p.record);
        }
        // "President Reagan": a surname that one known person has;
        // "Bruno Parrilla": the same given name and surname.
        let last = self.words[e - 1].text;
        let postings = if e - s == 1 {
            postings
        } else {
            self.g.lookup(last)
        };
        let surnames: Vec<&Posting> = postings
            .iter()
            .filter(|p| p.source == Source::Person && p.form == Form::Surname)
            .collect();
        match surnames[..] {
            [p] if e - s == 1 => Some(p.record),
            [p] => {
                let known = &self.g.people[p.record as usize].name;
                let first = |n: &str| n.split([' ', '-']).next().map(folded);
                (first(known) == first(self.words[s].text)).then_some(p.record)
            }
            _ => None,
        }
    }

    fn person_attrs(
        &self,
        gaz: Option<u32>,
        role: Option<Role>,
        country: Option<CountryCode>,
        main: Option<CountryCode>,
    ) -> (Option<Role>, Option<CountryCode>) {
        match gaz.map(|r| &self.g.people[r as usize]) {
            Some(p) => (role.or(p.role), country.or(p.country)),
            None => {
                let national = matches!(
                    role,
                    Some(
                        Role::President
                            | Role::PrimeMinister
                            | Role::ForeignMinister
                            | Role::Minister
                            | Role::DeputyPrimeMinister
                            | Role::DeputyMinister
                            | Role::VicePresident
                    )
                );
                (role, country.or(if national { main } else { None }))
            }
        }
    }

    fn join(&self, s: usize, e: usize) -> String {
        let mut out = String::new();
        for k in s..e {
            if k > s && self.words[k - 1].end < self.words[k].start {
                out.push(' ');
            }
            out.push_str(self.words[k].text);
        }
        out
    }

    /// Step 3: organizations by pattern.
    fn find_orgs(
        &self,
        out: &mut Vec<(Cand, bool)>,
        taken: &[(usize, usize)],
        main: Option<CountryCode>,
    ) {
        let n = self.words.len();
        let taken_flags = self.starts_within(taken.iter().copied());
        // Token starts ascend strictly, so a token's flag is at its index.
        let is_taken = |k: usize| taken_flags.get(k).copied().unwrap_or(false);
        let mut i = 0;
        while i < n {
            let w = &self.words[i];
            if !(w.cap && w.is_word()) || is_taken(i) {
                i += 1;
                continue;
            }
            // Grow a chunk of capitalized words and joiners.
            let mut j = i;
            let mut last_cap = i;
            while j < n {
                let x = &self.words[j];
                if x.sentence != w.sentence || is_taken(j) {
                    break;
                }
                if x.cap && (x.is_word() || x.text == "&") {
                    last_cap = j;
                    j += 1;
                    continue;
                }
                let seen_head = (i..j).any(|k| self.words[k].is(class::HEAD));
                let needs_head = matches!(x.lw(), "for" | "on" | "of");
                // "on" is the joiner the parse settles best ("the Ministry
                // on Tuesday" hangs from the verb); for "for", "of" and
                // "and" its attachments are less sure than the name patterns.
                if x.is(class::ORG_JOINER)
                    && j > i
                    && (seen_head || !needs_head)
                    && !(x.lw() == "on" && self.hangs_outside(i, j))
                {
                    let mut k = j + 1;
                    if self.words.get(k).is_some_and(|y| y.low == "the")
                        && matches!(x.lw(), "of" | "for" | "on")
                    {
                        k += 1;
                    }
                    let next_cap = self
                        .words
                        .get(k)
                        .is_some_and(|y| y.cap && y.is_word() && !is_taken(k));
                    // "European Union and Kazakhstan": "and" does not join a
                    // place.
                    let after_head = j > 0 && self.words[j - 1].is(class::HEAD);
                    if next_cap
                        && !(x.low == "and" && (self.place_hit(k) || after_head))
                        && !(x.low == "and" && self.words.get(k).is_some_and(|y| y.low == "the"))
                    {
                        j = k;
                        continue;
                    }
                }
                if x.low == "under" && j > i {
                    // "under the President of Kazakhstan" belongs to the name.
                    let k = j + 1;
                    if self.words.get(k).is_some_and(|y| y.low == "the")
                        && self.words.get(k + 1).is_some_and(|y| {
                            matches!(y.lw(), "president" | "government" | "cabinet")
                        })
                    {
                        if let Some((_, end)) = self.of_country(k + 2) {
                            j = end;
                            last_cap = end - 1;
                            continue;
                        }
                    }
                }
                break;
            }
            let end = last_cap + 1;
            if let Some((mut c, explicit)) = self.org_from_chunk(i, end, main) {
                // "X under the Ministry of ...": the parent body belongs to
                // X's country, unless it names its own; and X, when only
                // the context gave its country, takes the parent's.
                let under =
                    i >= 2 && self.words[i - 1].low == "the" && self.words[i - 2].low == "under";
                if under {
                    if let Some((prev, prev_explicit)) = out.last_mut() {
                        if prev.end <= self.words[i - 2].start {
                            let (Target::Org { country: pc, .. }, Target::Org { country: cc, .. }) =
                                (&mut prev.target, &mut c.target)
                            else {
                                out.push((c, explicit));
                                i = end.max(i + 1);
                                continue;
                            };
                            if explicit && !*prev_explicit {
                                *pc = *cc;
                            } else if !explicit && pc.is_some() {
                                *cc = *pc;
                            }
                        }
                    }
                }
                out.push((c, explicit));
            }
            i = end.max(i + 1);
        }
    }

    /// An organization inside tokens `[s, e)`, if a head word is there.
    fn org_from_chunk(
        &self,
        mut s: usize,
        mut e: usize,
        main: Option<CountryCode>,
    ) -> Option<(Cand, bool)> {
        // Drop leading sentence openers and a trailing joiner.
        while s < e
            && (self.words[s].is(class::STARTER)
                || self.words[s].is(class::MONTH)
                || self.words[s].is(class::ORG_JOINER)
                || self.title_at(s).is_some_and(|(_, r)| r.is_some()))
        {
            s += 1;
        }
        while e > s && self.words[e - 1].is(class::ORG_JOINER) {
            e -= 1;
        }
        if e <= s {
            return None;
        }
        let heads: Vec<usize> = (s..e).filter(|&k| self.words[k].is(class::HEAD)).collect();
        let &last_head = heads.last()?;
        // A title inside: the organization ends before it ("Ministry of
        // Foreign Affairs Spokesman ...").
        if let Some(t) = (last_head + 1..e).find(|&k| {
            self.title_at(k).is_some_and(|(_, r)| r.is_some()) && self.words[k - 1].low != "the"
        }) {
            e = t;
        }
        // Trim capitalized words after the last head unless joined by a
        // joiner ("Ministry of Transport" keeps "of Transport").
        let mut country = None;
        // A leading country adjective or name.
        if let Some((c, _, end)) = self.country_hit(s) {
            if end < e {
                country = Some(c);
                let gov = self.words[end].is(class::GOV_HEAD);
                if gov {
                    s = end;
                }
            }
        }
        // A possessive country before: "Bulgaria's Diplomatic Institute".
        if country.is_none() && s >= 2 && self.words[s - 1].is_possessive() {
            if let Some(k) = self.hit_ending_at(s - 1) {
                country = self.country_hit(k).map(|c| c.0);
            }
        }
        // An adjective just before the chunk ("the Kazakh Ministry").
        if country.is_none() {
            if let Some(k) = self.hit_ending_at(s) {
                if let Some((c, Form::Adjective, _)) = self.country_hit(k) {
                    country = Some(c);
                }
            }
        }
        // "... of Kazakhstan" inside the name.
        if country.is_none() {
            for k in s..e {
                if let Some((c, _)) = self.of_country(k) {
                    country = Some(c);
                    break;
                }
            }
        }
        // A city named first: "Hanoi University of Science and Technology",
        // "Tashkent State University", "Busan Port Authority". Only for
        // local institutions: "Shanghai Cooperation Organisation" or the
        // "Minsk Group" belong to no host country.
        let local = matches!(
            self.words[last_head].lw(),
            "university"
                | "institute"
                | "academy"
                | "college"
                | "school"
                | "hospital"
                | "chamber"
                | "exchange"
                | "port"
                | "municipality"
                | "museum"
                | "theatre"
                | "theater"
        );
        if country.is_none() && local {
            country = self.leading_city_country(s, e);
        }
        let name_words: Vec<&str> = (s..e).map(|k| self.words[k].lw()).collect();
        // A lone head word, or a head with only joiners, is no name.
        // Content words: capitalized, not a country ("U.S. Television" is
        // no organization), unless the head is followed by a complement
        // ("Bank of Japan").
        let mut content = 0;
        let mut k = s;
        while k < e {
            if let Some((_, _, end)) = self.country_hit(k) {
                k = end.max(k + 1);
                continue;
            }
            if self.words[k].cap && self.words[k].is_word() {
                content += 1;
            }
            k += 1;
        }
        let head_of = heads
            .iter()
            .any(|&h| h + 1 < e && self.words[h + 1].low == "of");
        if content < 2 && !head_of {
            return None;
        }
        // Whole chunk is a gazetteer country/place name: not an org.
        if e - s == 1 {
            return None;
        }
        let explicit = country.is_some();
        // Bilateral bodies belong to no one country.
        let bilateral = name_words.first().is_some_and(|w| {
            matches!(
                *w,
                "intergovernmental" | "joint" | "bilateral" | "interparliamentary"
            )
        }) || self.words[s].text.contains('-') && self.country_hit(s).is_some();
        if bilateral {
            country = None;
        } else if country.is_none()
            && heads
                .iter()
                .any(|&h| self.words[h].is(class::NATIONAL_HEAD))
            || name_words
                .first()
                .is_some_and(|w| matches!(*w, "national" | "state" | "federal" | "central"))
        {
            country = country.or(main);
        }
        let name = self.join(s, e);
        let explicit = explicit && !bilateral;
        let facility = self.words[last_head].lw() == "airport";
        let country = if facility { country.or(main) } else { country };
        let cand = Cand {
            start: self.words[s].start,
            end: self.words[e - 1].end,
            target: if facility {
                Target::Facility { name, country }
            } else {
                Target::Org { name, country }
            },
            form: MentionForm::Name,
        };
        Some((cand, explicit))
    }

    /// Runs every step; returns entities and mentions.
    pub(crate) fn run(
        mut self,
        dateline: Option<&str>,
        map: &CharMap,
    ) -> (Vec<Entity>, Vec<Mention>) {
        self.select_gazetteer();
        let us_georgia = self.us_georgia();
        for t in &us_georgia {
            if let Some(h) = self.gaz.get_mut(t) {
                h.postings.retain(|p| p.source != Source::Country);
            }
        }
        self.us_georgia = us_georgia.clone();
        // The countries the document is about.
        let mut counts: HashMap<CountryCode, usize> = HashMap::new();
        for h in self.gaz.values() {
            if us_georgia.contains(&h.tok) {
                continue;
            }
            if let Some(p) = h.postings.iter().find(|p| p.source == Source::Country) {
                *counts
                    .entry(self.g.countries[p.record as usize].code)
                    .or_default() += 1;
            }
        }
        let mut dateline_place: Option<Target> = None;
        let mut dateline_country = None;
        if let Some(d) = dateline {
            for part in d.split([',', '/']) {
                let ps = self.g.lookup(part.trim());
                if let Some(p) = ps.iter().find(|p| p.source == Source::Country) {
                    dateline_country = Some(self.g.countries[p.record as usize].code);
                } else if let Some(best) = ps
                    .iter()
                    .filter(|p| p.source == Source::City)
                    .max_by_key(|p| self.g.cities[p.record as usize].population)
                {
                    let c = &self.g.cities[best.record as usize];
                    dateline_country = dateline_country.or(Some(c.country));
                    dateline_place = Some(Target::City(best.record));
                }
            }
        }
        let main = dateline_country.or_else(|| {
            let mut v: Vec<(CountryCode, usize)> = counts.iter().map(|(c, n)| (*c, *n)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v.first().map(|x| x.0)
        });
        let mut doc_countries: HashSet<CountryCode> = counts.keys().copied().collect();
        doc_countries.extend(dateline_country);

        let mut cands: Vec<Cand> = Vec::new();
        self.find_people(&mut cands, main);
        self.name_of_country(&mut cands);
        self.plain_names(&mut cands);
        let person_spans: Vec<(usize, usize)> = cands.iter().map(|c| (c.start, c.end)).collect();
        // Gazetteer orgs are not re-found by pattern.
        let mut taken = person_spans.clone();
        for h in self.gaz.values() {
            if h.postings.iter().any(|p| p.source == Source::Org) && h.postings.len() == 1 {
                taken.push((h.start, h.end));
            }
        }
        let mut org_found = Vec::new();
        self.find_orgs(&mut org_found, &taken, main);
        let mut org_cands: Vec<Cand> = org_found.into_iter().map(|(c, _)| c).collect();
        self.described_companies(&mut org_cands, &taken);
        // Gazetteer hits that no pattern claimed.
        let claimed: Vec<(usize, usize)> = cands
            .iter()
            .chain(org_cands.iter())
            .map(|c| (c.start, c.end))
            .collect();
        let person_words: HashSet<String> = cands
            .iter()
            .filter_map(|c| match &c.target {
                Target::Person { name, .. } => name.split_whitespace().last().map(folded),
                _ => None,
            })
            .collect();
        let mut hits: Vec<&GazHit> = self.gaz.values().collect();
        hits.sort_by_key(|h| h.start);
        for h in hits {
            let inside = claimed.iter().find(|&&(s, e)| h.start < e && s < h.end);
            let country_posting = h.postings.iter().find(|p| p.source == Source::Country);
            if let Some(&(s, e)) = inside {
                // Countries inside an organization's name stay as nested
                // mentions; anything else yields to the pattern.
                let nested = s <= h.start && h.end <= e && org_cands.iter().any(|c| c.start == s);
                if !(nested && country_posting.is_some()) {
                    continue;
                }
            }
            if us_georgia.contains(&h.tok) {
                cands.push(Cand {
                    start: h.start,
                    end: h.end,
                    target: Target::Facility {
                        name: "Georgia".to_string(),
                        country: CountryCode::new("USA").ok(),
                    },
                    form: MentionForm::Name,
                });
                continue;
            }
            if let Some(c) = self.resolve_hit(h, &doc_countries, &person_words) {
                cands.push(c);
            }
        }
        cands.extend(org_cands);
        self.company_countries(&mut cands);
        self.assemble(cands, dateline_place, map)
    }

    /// Companies named by a description: "the Bulgarian pharmaceutical
    /// company Sopharma" and "Sopharma, the Bulgarian pharmaceutical
    /// company,"; the country from the adjective.
    fn described_companies(&self, out: &mut Vec<Cand>, taken: &[(usize, usize)]) {
        let n = self.words.len();
        let free = |s: usize, e: usize, out: &Vec<Cand>| {
            let (bs, be) = (self.words[s].start, self.words[e - 1].end);
            !taken.iter().any(|&(a, b)| a < be && bs < b)
                && !out.iter().any(|c| c.start < be && bs < c.end)
        };
        // A run of 1-3 capitalized words that may name a company.
        let name_ok = |k: usize| {
            let w = &self.words[k];
            w.cap
                && w.is_word()
                && !self.gaz.contains_key(&k)
                && !self.is_title_word(k)
                && !w.is(class::STARTER)
                && !w.is(class::MONTH)
        };
        // The description before `k` (exclusive), back to a determiner:
        // returns the country of an adjective in it.
        let description = |from: usize, to: usize| -> Option<Option<CountryCode>> {
            let mut country = None;
            let mut k = from;
            while k < to {
                if let Some((c, form, end)) = self.country_hit(k) {
                    if form != Form::Adjective {
                        return None;
                    }
                    country = Some(c);
                    k = end;
                    continue;
                }
                let w = &self.words[k];
                if w.cap || !w.is_word() {
                    return None;
                }
                k += 1;
            }
            Some(country)
        };
        for i in 0..n {
            let w = &self.words[i];
            if w.cap || !w.is(class::COMPANY_KIND) {
                continue;
            }
            // The determiner opening the description, at most 4 words back.
            let det = (i.saturating_sub(5)..i)
                .rev()
                .find(|&k| matches!(self.words[k].lw(), "the" | "a" | "an"));
            let Some(det) = det else { continue };
            if self.words[det..=i].iter().any(|x| x.sentence != w.sentence) {
                continue;
            }
            let Some(country) = description(det + 1, i) else {
                continue;
            };
            // "the Italian energy company Eni": the name follows.
            let mut e = i + 1;
            while e < n && e < i + 4 && name_ok(e) && self.words[e].sentence == w.sentence {
                e += 1;
            }
            if e > i + 1
                && self.words.get(e).is_none_or(|x| !(x.cap && x.is_word()))
                && free(i + 1, e, out)
            {
                out.push(Cand {
                    start: self.words[i + 1].start,
                    end: self.words[e - 1].end,
                    target: Target::Org {
                        name: self.join(i + 1, e),
                        country,
                    },
                    form: MentionForm::Name,
                });
                continue;
            }
            // "Sopharma, the Bulgarian pharmaceutical company": the name
            // precedes a comma before the determiner.
            if det >= 2 && self.words[det - 1].text == "," {
                let end = det - 1;
                let mut s = end;
                while s > 0 && s + 3 > end && name_ok(s - 1) {
                    s -= 1;
                }
                let opens = s == 0
                    || !self.words[s - 1].is_word()
                    || !self.words[s - 1].cap && self.words[s - 1].sentence == w.sentence;
                if s < end && opens && free(s, end, out) {
                    out.push(Cand {
                        start: self.words[s].start,
                        end: self.words[end - 1].end,
                        target: Target::Org {
                            name: self.join(s, end),
                            country,
                        },
                        form: MentionForm::Name,
                    });
                }
            }
        }
    }

    /// Tokens where "Georgia" names the U.S. state: "Georgia Gov. Brian
    /// Kemp", "Atlanta, Georgia", "the state of Georgia"; or every
    /// "Georgia" of a document with U.S. cues (Atlanta, Savannah) and no
    /// cue for the country (Georgian, Tbilisi, Batumi).
    fn us_georgia(&self) -> FxSet<usize> {
        let georgia: Vec<usize> = self
            .gaz
            .values()
            .filter(|h| {
                h.postings.iter().any(|p| {
                    p.source == Source::Country
                        && p.form == Form::Name
                        && self.g.countries[p.record as usize].code.as_str() == "GEO"
                })
            })
            .map(|h| h.tok)
            .collect();
        let mut out = FxSet::default();
        if georgia.is_empty() {
            return out;
        }
        let lw = |k: usize| self.words.get(k).map_or("", |w| w.lw());
        for &t in &georgia {
            let Some(h) = self.gaz.get(&t) else { continue };
            let next = lw(h.tok_end);
            let next_state = matches!(
                next,
                "gov."
                    | "gov"
                    | "governor"
                    | "state"
                    | "senator"
                    | "sen."
                    | "legislature"
                    | "lawmakers"
                    | "republicans"
                    | "democrats"
                    | "county"
                    | "voters"
            ) && self
                .words
                .get(h.tok_end)
                .is_some_and(|w| w.sentence == self.words[t].sentence);
            let state_of = t >= 2 && lw(t - 1) == "of" && lw(t - 2) == "state";
            // "Atlanta, Georgia": a U.S. city and a comma before.
            let after_us_city = t >= 2
                && lw(t - 1) == ","
                && self.hit_ending_at(t - 1).is_some_and(|k| {
                    self.gaz.get(&k).is_some_and(|g| {
                        g.postings.iter().all(|p| p.source == Source::City)
                            && g.postings
                                .iter()
                                .max_by_key(|p| self.g.cities[p.record as usize].population)
                                .is_some_and(|p| {
                                    self.g.cities[p.record as usize].country.as_str() == "USA"
                                })
                    })
                });
            if next_state || state_of || after_us_city {
                out.insert(t);
            }
        }
        let us_cue = !out.is_empty()
            || self
                .words
                .iter()
                .any(|w| matches!(w.lw(), "atlanta" | "savannah" | "macon"));
        let country_cue = self.gaz.values().any(|h| {
            h.postings.iter().any(|p| {
                p.source == Source::Country
                    && p.form != Form::Name
                    && self.g.countries[p.record as usize].code.as_str() == "GEO"
            })
        }) || self.words.iter().any(|w| {
            matches!(
                w.lw(),
                "tbilisi" | "batumi" | "kutaisi" | "abkhazia" | "ossetia"
            )
        });
        if us_cue && !country_cue {
            out.extend(georgia);
        }
        out
    }

    /// A company's spokesman or chairman without a country takes the
    /// country of the organization named in the same sentence ("Company
    /// spokesman Glenn Waller said Exxon ...").
    fn company_countries(&self, cands: &mut [Cand]) {
        let sentence_of = |b: usize| {
            let k = self.words.partition_point(|w| w.end <= b);
            self.words.get(k).map(|w| w.sentence)
        };
        let orgs: Vec<(Option<u32>, CountryCode)> = cands
            .iter()
            .filter_map(|c| {
                let country = match &c.target {
                    Target::GazOrg(r) => self.g.orgs[*r as usize].country,
                    Target::Org { country, .. } => *country,
                    _ => None,
                }?;
                Some((sentence_of(c.start), country))
            })
            .collect();
        for c in cands.iter_mut() {
            let sentence = sentence_of(c.start);
            if let Target::Person {
                role: Some(Role::Spokesperson | Role::Executive | Role::Chairman),
                country: country @ None,
                ..
            } = &mut c.target
            {
                if let Some((_, oc)) = orgs.iter().find(|(s, _)| *s == sentence) {
                    *country = Some(*oc);
                }
            }
        }
    }

    /// Picks what a gazetteer hit names.
    fn resolve_hit(
        &self,
        h: &GazHit,
        doc_countries: &HashSet<CountryCode>,
        person_words: &HashSet<String>,
    ) -> Option<Cand> {
        let possessive = self.words.get(h.tok_end).is_some_and(Word::is_possessive);
        let form_of = |f: Form| -> MentionForm {
            match f {
                Form::Acronym => MentionForm::Acronym,
                Form::Adjective => MentionForm::Adjective,
                Form::Demonym => MentionForm::Demonym,
                Form::Name | Form::Surname => {
                    if possessive {
                        MentionForm::Possessive
                    } else {
                        MentionForm::Name
                    }
                }
            }
        };
        let cand = |target: Target, form: Form| Cand {
            start: h.start,
            end: h.end,
            target,
            form: form_of(form),
        };
        let w = &self.words[h.tok];
        let next = self.words.get(h.tok_end);
        let prev = h.tok.checked_sub(1).map(|k| &self.words[k]);
        // A name followed by another capitalized word is part of a longer
        // name ("Sofia University", "Victoria Nuland").
        let glued_after = next.is_some_and(|x| {
            x.cap
                && x.is_word()
                && x.sentence == w.sentence
                && !self.gaz.contains_key(&h.tok_end)
                && !x.is(class::MONTH)
        });
        let glued_before = prev.is_some_and(|x| {
            x.cap
                && x.is_word()
                && !x.initial
                && x.sentence == w.sentence
                && !x.is(class::STARTER)
                && !self.gaz_ends.get(h.tok).copied().unwrap_or(false)
        });
        for p in &h.postings {
            if p.source == Source::Person && p.form == Form::Name {
                let r = &self.g.people[p.record as usize];
                return Some(cand(
                    Target::Person {
                        name: r.name.clone(),
                        role: r.role,
                        country: r.country,
                        gaz: Some(p.record),
                    },
                    p.form,
                ));
            }
        }
        if let Some(p) = h.postings.iter().find(|p| p.source == Source::Org) {
            if glued_after && p.form != Form::Acronym && h.tok_end - h.tok == 1 {
                return None;
            }
            return Some(cand(Target::GazOrg(p.record), p.form));
        }
        if let Some(p) = h.postings.iter().find(|p| p.source == Source::Country) {
            return Some(cand(
                Target::Country(self.g.countries[p.record as usize].code),
                p.form,
            ));
        }
        if let Some(p) = h.postings.iter().find(|p| p.source == Source::Region) {
            if glued_after {
                return None;
            }
            return Some(cand(Target::Region(p.record), p.form));
        }
        let surnames: Vec<&Posting> = h
            .postings
            .iter()
            .filter(|p| p.source == Source::Person && p.form == Form::Surname)
            .collect();
        // A surname alone names a person only when one person has it.
        if let [p] = surnames[..] {
            let r = &self.g.people[p.record as usize];
            if !glued_after && !glued_before {
                return Some(cand(
                    Target::Person {
                        name: r.name.clone(),
                        role: r.role,
                        country: r.country,
                        gaz: Some(p.record),
                    },
                    p.form,
                ));
            }
        }
        // Cities. A city named like a person of the document ("Kennedy",
        // "Walker") or a given name is read as the person.
        if glued_after || glued_before {
            return None;
        }
        let surface = folded(&self.text[h.start..h.end]);
        if person_words.contains(&surface) || self.g.first_names.contains(&surface) {
            return None;
        }
        let cities: Vec<&Posting> = h
            .postings
            .iter()
            .filter(|p| p.source == Source::City)
            .collect();
        let local = cities
            .iter()
            .filter(|p| doc_countries.contains(&self.g.cities[p.record as usize].country))
            .max_by_key(|p| self.g.cities[p.record as usize].population);
        let chosen = match local {
            Some(p) => Some(*p),
            None => cities
                .iter()
                .max_by_key(|p| self.g.cities[p.record as usize].population)
                .filter(|p| {
                    let c = &self.g.cities[p.record as usize];
                    (c.population >= 150_000 || c.capital) && !c.common
                })
                .copied(),
        }?;
        let c = &self.g.cities[chosen.record as usize];
        if c.common && (w.initial || !doc_countries.contains(&c.country)) {
            return None;
        }
        // A small town needs a locative cue ("in Marín"), or it is likely a
        // surname or another word.
        if c.population < 100_000 && !c.capital {
            let cue = prev.is_some_and(|x| {
                matches!(
                    x.lw(),
                    "in" | "at"
                        | "from"
                        | "to"
                        | "near"
                        | "of"
                        | "outside"
                        | "around"
                        | "towards"
                        | "toward"
                        | "via"
                        | "visited"
                        | "entered"
                        | "into"
                        | "between"
                        | "and"
                )
            }) || next
                .is_some_and(|x| x.text == "," && self.country_hit(h.tok_end + 1).is_some());
            if !cue {
                return None;
            }
        }
        Some(cand(Target::City(chosen.record), chosen.form))
    }

    /// Merges candidates into entities and mentions.
    fn assemble(
        &self,
        mut cands: Vec<Cand>,
        dateline_place: Option<Target>,
        map: &CharMap,
    ) -> (Vec<Entity>, Vec<Mention>) {
        cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        // Drop candidates that partly overlap an earlier one (nesting is
        // allowed).
        // `reach[j]` is the furthest end of `kept[..=j]`: scanning back stops
        // where no earlier candidate reaches `c` (linear in practice).
        let mut kept: Vec<Cand> = Vec::new();
        let mut reach: Vec<usize> = Vec::new();
        for c in cands {
            let clash = (0..kept.len())
                .rev()
                .take_while(|&j| reach[j] > c.start || kept[j].start == c.start)
                .any(|j| {
                    let k = &kept[j];
                    c.start < k.end && k.start < c.end && !(k.start <= c.start && c.end <= k.end)
                        || k.start == c.start && k.end == c.end
                });
            if clash {
                continue;
            }
            reach.push(reach.last().map_or(c.end, |&r| r.max(c.end)));
            kept.push(c);
        }
        // Full person names, for surnames and "Mr X".
        let mut entities: Vec<Entity> = Vec::new();
        let mut index: FxMap<String, usize> = FxMap::default();
        let mut mentions: Vec<Mention> = Vec::new();
        // People first so that surname mentions find their full names.
        let mut people: Vec<(String, usize)> = Vec::new(); // folded surname -> entity
        let mut order: Vec<usize> = (0..kept.len()).collect();
        order.sort_by_key(|&k| {
            let c = &kept[k];
            let single = match &c.target {
                Target::Person { name, .. } => name.split_whitespace().count() <= 1,
                _ => false,
            };
            (single, c.start)
        });
        for k in order {
            let c = &kept[k];
            let idx = match &c.target {
                Target::Person { name, .. } if !name.contains(' ') => {
                    let f = folded(name);
                    people.iter().find(|(s, _)| *s == f).map(|x| x.1)
                }
                _ => None,
            };
            let (idx, key) = match idx {
                Some(i) => (Some(i), None),
                None => {
                    let key = self.entity_key(&c.target);
                    (index.get(&key).copied(), Some(key))
                }
            };
            let idx = match (idx, key) {
                (Some(i), _) => {
                    // Fill what the new mention knows (as the fresh entity
                    // of `entity_for` would).
                    let (role, country) = self.entity_role_country(&c.target);
                    let e = &mut entities[i];
                    if e.role.is_none() {
                        e.role = role;
                    }
                    if e.country.is_none() {
                        e.country = country;
                    }
                    if let Target::Person { name, gaz, .. } = &c.target {
                        let name = self.person_name(name, *gaz);
                        if name.split_whitespace().count() > e.name.split_whitespace().count() {
                            e.name = name.to_string();
                        }
                    }
                    i
                }
                (None, key) => {
                    let key = key.unwrap_or_else(|| self.entity_key(&c.target));
                    entities.push(self.new_entity(&c.target, &key));
                    let i = entities.len() - 1;
                    index.insert(key, i);
                    i
                }
            };
            if let Target::Person { name, .. } = &c.target {
                if let Some(last) = name.split_whitespace().last() {
                    let f = folded(last);
                    if !people.iter().any(|(s, _)| *s == f) {
                        people.push((f, idx));
                    }
                }
                // Arabic names with "bin"/"bint"/"ibn" are cut to the given
                // name ("Sheikh Tamim" for "Tamim bin Hamad Al Thani").
                let mut parts = name.split_whitespace();
                if let (Some(first), Some(second)) = (parts.next(), parts.next()) {
                    if matches!(second, "bin" | "bint" | "ibn") {
                        let f = folded(first);
                        if !people.iter().any(|(s, _)| *s == f) {
                            people.push((f, idx));
                        }
                    }
                }
            }
            mentions.push(Mention {
                span: ByteSpan::new(c.start, c.end),
                entity: idx,
                form: c.form,
            });
        }
        // Acronyms given in parentheses after an organization's name
        // ("State Oil Company (SOCAR)") name it wherever they recur.
        let mut acronyms: Vec<(&str, usize)> = Vec::new();
        for m in &mentions {
            let kind = entities[m.entity].kind;
            if !matches!(kind, EntityKind::Organization | EntityKind::Place) {
                continue;
            }
            let k = self.words.partition_point(|w| w.start < m.span.end);
            if let (Some(a), Some(b), Some(c)) = (
                self.words.get(k),
                self.words.get(k + 1),
                self.words.get(k + 2),
            ) {
                if a.text == "("
                    && c.text == ")"
                    && lexicon::is_acronym(b.text)
                    && b.text.len() >= 2
                {
                    acronyms.push((b.text, m.entity));
                }
            }
        }
        if !acronyms.is_empty() {
            let taken: Vec<(usize, usize)> = mentions
                .iter()
                .map(|m| (m.span.start, m.span.end))
                .collect();
            for w in &self.words {
                if let Some(&(_, idx)) = acronyms.iter().find(|(a, _)| *a == w.text) {
                    if !taken.iter().any(|&(s, e)| w.start < e && s < w.end) {
                        mentions.push(Mention {
                            span: ByteSpan::new(w.start, w.end),
                            entity: idx,
                            form: MentionForm::Acronym,
                        });
                    }
                }
            }
        }
        // Bare surnames of people already found ("Tokayev said").
        let taken = self.overlapping(mentions.iter().map(|m| (m.span.start, m.span.end)));
        for (w, &is_taken) in self.words.iter().zip(&taken) {
            if !w.cap || !w.is_word() || is_taken {
                continue;
            }
            if let Some((_, idx)) = people.iter().find(|(s, _)| *s == w.low) {
                mentions.push(Mention {
                    span: ByteSpan::new(w.start, w.end),
                    entity: *idx,
                    form: MentionForm::Name,
                });
            }
        }
        // Descriptions: "the Kazakh President", "the head of state".
        self.descriptions(&entities, &mut mentions);
        if let Some(t) = dateline_place {
            let (key, entity) = self.entity_for(&t);
            if !index.contains_key(&key) {
                entities.push(entity);
            }
        }
        mentions.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(b.span.end.cmp(&a.span.end))
        });
        mentions.dedup_by(|a, b| a.span == b.span);
        for m in &mentions {
            if let Some(e) = entities.get_mut(m.entity) {
                e.mentions.push(map.span(m.span));
            }
        }
        for e in &mut entities {
            e.mentions.sort();
            e.mentions.dedup();
        }
        (entities, mentions)
    }

    fn descriptions(&self, entities: &[Entity], mentions: &mut Vec<Mention>) {
        let n = self.words.len();
        let taken: Vec<(usize, usize)> = mentions
            .iter()
            .map(|m| (m.span.start, m.span.end))
            .collect();
        for i in 0..n {
            if self.words[i].low != "the" {
                continue;
            }
            let mut k = i + 1;
            let mut country = None;
            if let Some((c, Form::Adjective, end)) = self.country_hit(k) {
                country = Some(c);
                k = end;
            }
            let (len, role) = if self.words.get(k).is_some_and(|w| w.low == "head")
                && self.words.get(k + 1).is_some_and(|w| w.low == "of")
                && self.words.get(k + 2).is_some_and(|w| w.low == "state")
            {
                (3, Some(Role::President))
            } else {
                match self.title_at(k) {
                    Some((len, Some(r)))
                        if matches!(
                            r,
                            Role::President
                                | Role::PrimeMinister
                                | Role::ForeignMinister
                                | Role::Monarch
                                | Role::Chancellor
                        ) =>
                    {
                        (len, Some(r))
                    }
                    _ => continue,
                }
            };
            let end = k + len;
            // Followed by a name: a title, not a description.
            if self.words.get(end).is_some_and(|w| w.cap && w.is_word()) {
                continue;
            }
            let span = ByteSpan::new(self.words[i].start, self.words[end - 1].end);
            // Mentions inside (the adjective) stay nested; others block it.
            if taken.iter().any(|&(s, e)| {
                span.start < e && s < span.end && !(span.start <= s && e <= span.end)
            }) {
                continue;
            }
            let fits: Vec<usize> = entities
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    e.kind == EntityKind::Person
                        && (role.is_none()
                            || e.role == role
                            || role == Some(Role::President) && e.role == Some(Role::Monarch))
                        && (country.is_none() || e.country == country)
                })
                .map(|(x, _)| x)
                .collect();
            if fits.len() == 1 {
                mentions.push(Mention {
                    span,
                    entity: fits[0],
                    form: MentionForm::Description,
                });
            }
        }
    }

    /// The merge key of a target: the key [`EntityFinder::entity_for`]
    /// returns, without building the entity.
    fn entity_key(&self, t: &Target) -> String {
        match t {
            Target::Country(c) => c.to_string(),
            Target::City(r) => format!("place:{}", self.g.cities[*r as usize].geonameid),
            Target::Region(r) => self.g.regions[*r as usize].id.clone(),
            Target::GazOrg(r) => self.g.orgs[*r as usize].id.clone(),
            Target::Person { name, gaz, .. } => match gaz {
                Some(r) => self.g.people[*r as usize].id.clone(),
                None => format!(
                    "person:{}",
                    name.split_whitespace()
                        .last()
                        .map(folded)
                        .unwrap_or_default()
                ),
            },
            Target::Facility { name, .. } => format!("place:{}", slug(name)),
            Target::Org { name, country } => match country {
                Some(c) => format!("org:{}:{}", c.as_str().to_ascii_lowercase(), slug(name)),
                None => format!("org:{}", slug(name)),
            },
        }
    }

    /// The role and country of the entity [`EntityFinder::entity_for`]
    /// builds for a target.
    fn entity_role_country(&self, t: &Target) -> (Option<Role>, Option<CountryCode>) {
        match t {
            Target::Country(c) => (None, Some(*c)),
            Target::City(r) => (None, Some(self.g.cities[*r as usize].country)),
            Target::Region(_) => (None, None),
            Target::GazOrg(r) => (None, self.g.orgs[*r as usize].country),
            Target::Person { role, country, .. } => (*role, *country),
            Target::Facility { country, .. } | Target::Org { country, .. } => (None, *country),
        }
    }

    /// A person's fullest name: the gazetteer's when it has more words.
    fn person_name<'n>(&self, name: &'n str, gaz: Option<u32>) -> &'n str
    where
        'static: 'n,
    {
        match gaz {
            Some(r)
                if self.g.people[r as usize].name.split(' ').count() > name.split(' ').count() =>
            {
                &self.g.people[r as usize].name
            }
            _ => name,
        }
    }

    /// The merge key and a fresh entity for a target.
    fn entity_for(&self, t: &Target) -> (String, Entity) {
        let key = self.entity_key(t);
        let entity = self.new_entity(t, &key);
        (key, entity)
    }

    /// A fresh entity for a target whose merge key is `key`.
    fn new_entity(&self, t: &Target, key: &str) -> Entity {
        let (role, country) = self.entity_role_country(t);
        let (kind, name, ll) = match t {
            Target::Country(c) => (
                EntityKind::Country,
                self.g
                    .country_index(*c)
                    .map_or_else(|| c.to_string(), |i| self.g.countries[i].name.clone()),
                None,
            ),
            Target::City(r) => {
                let c = &self.g.cities[*r as usize];
                (EntityKind::Place, c.name.clone(), Some((c.lat, c.lon)))
            }
            Target::Region(r) => {
                let c = &self.g.regions[*r as usize];
                (EntityKind::Place, c.name.clone(), Some((c.lat, c.lon)))
            }
            Target::GazOrg(r) => (
                EntityKind::Organization,
                self.g.orgs[*r as usize].name.clone(),
                None,
            ),
            Target::Person { name, gaz, .. } => (
                EntityKind::Person,
                self.person_name(name, *gaz).to_string(),
                None,
            ),
            Target::Facility { name, .. } => (EntityKind::Place, name.clone(), None),
            Target::Org { name, .. } => (EntityKind::Organization, name.clone(), None),
        };
        // The id is the merge key, but for people the gazetteer does not
        // know (merged by surname, named by the full name).
        let id = match t {
            Target::Person {
                name, gaz: None, ..
            } => format!("person:{}", slug(name)),
            _ => key.to_string(),
        };
        Entity {
            id,
            kind,
            name,
            country,
            role,
            lat: ll.map(|x| x.0),
            lon: ll.map(|x| x.1),
            mentions: Vec::new(),
        }
    }
}
