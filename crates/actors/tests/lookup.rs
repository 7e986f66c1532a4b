//! Lookups in the built-in dictionaries, on token sequences written for
//! these tests and split the way spaCy splits them.

use chrono::NaiveDate;
use dyad_actors::{actors, agents, combine, ActorDict, Agent, AgentDict, Source, Tok};

/// Tokens from "word|word word": `|` joins two tokens with no space between.
fn toks(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    for word in s.split(' ') {
        let parts: Vec<&str> = word.split('|').collect();
        for (i, p) in parts.iter().enumerate() {
            out.push(Tok::new(p, i + 1 == parts.len()));
        }
    }
    out
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// (tokens covered, code with no date, source) of the longest actor at the start.
fn actor(s: &str) -> Option<(usize, String, Source)> {
    let t = toks(s);
    let d = actors();
    d.longest(&t).map(|(n, id)| {
        (
            n,
            d.code_on(id, None).unwrap_or("-").to_string(),
            d.source(id),
        )
    })
}

fn agent(s: &str) -> Option<(usize, Agent)> {
    agents().longest(&toks(s))
}

#[test]
fn country_names_and_adjectives() {
    assert_eq!(
        actor("Bulgaria said"),
        Some((1, "BGR".into(), Source::Countries))
    );
    assert_eq!(actor("Bulgarian troops").map(|a| a.1), Some("BGR".into()));
    assert_eq!(actor("BULGARIAN").map(|a| a.1), Some("BGR".into()));
    // Kazakhstan's codes change in December 1991; with no date the latest applies.
    assert_eq!(
        actor("Kazakhstan|'s").map(|a| (a.0, a.1)),
        Some((1, "KAZ".into()))
    );
    assert_eq!(
        actor("Kazakhstani officials").map(|a| a.1),
        Some("KAZ".into())
    );
    let t = toks("Kazakhstan");
    let (_, id) = actors().longest(&t).unwrap();
    assert_eq!(actors().code_on(id, date(1990, 5, 1)), Some("USRKAZ"));
    assert_eq!(actors().code_on(id, date(1991, 12, 18)), Some("KAZUNR"));
    assert_eq!(actors().code_on(id, date(2005, 1, 1)), Some("KAZ"));
    // The Phoenix dictionary has no entry for the adjective "Kazakh"
    // (only KAZAKHSTAN_ and spellings of it, all exact).
    assert_eq!(actor("Kazakh officials"), None);
    assert_eq!(actor("the Afghan army").map(|a| a.1), None);
    assert_eq!(
        actor("Afghan army").map(|a| (a.0, a.1)),
        Some((1, "AFG".into()))
    );
}

#[test]
fn city_codes_to_its_country() {
    assert_eq!(
        actor("Kabul|, the capital").map(|a| (a.0, a.1)),
        Some((1, "AFG".into()))
    );
    assert_eq!(actor("Kandahar province").map(|a| a.1), Some("AFG".into()));
}

#[test]
fn dated_office_holders() {
    let d = actors();
    let t = toks("President Barack Obama said");
    let (n, id) = d.longest(&t).unwrap();
    assert_eq!(n, 3);
    assert_eq!(d.source(id), Source::Countries);
    assert_eq!(d.name(id), "BARACK OBAMA");
    assert_eq!(d.code_on(id, date(1990, 6, 1)), Some("USAELI"));
    assert_eq!(d.code_on(id, date(2010, 6, 1)), Some("USAGOV"));
    // Between the two ranges: no code applies.
    assert_eq!(d.code_on(id, date(2005, 6, 1)), None);
    // Range ends are exclusive and ">" starts are inclusive, as in PETRARCH2.
    assert_eq!(d.code_on(id, date(2009, 1, 20)), Some("USAGOV"));
    assert_eq!(d.code_on(id, date(2009, 1, 19)), None);
    assert_eq!(d.code_on(id, date(2000, 1, 1)), None);
    assert_eq!(d.code_on(id, date(1999, 12, 31)), Some("USAELI"));
    // No date: no undated code, so the code that reaches latest.
    assert_eq!(d.code_on(id, None), Some("USAGOV"));

    // Ban Ki-moon: "Ki-moon" is three spaCy tokens. His KORGOVBUS range
    // starts at the upstream defect "2004017", read as 2004-01-07.
    let t = toks("Ban Ki|-|moon visited");
    let (n, id) = d.longest(&t).unwrap();
    assert_eq!(n, 4);
    assert_eq!(d.source(id), Source::International);
    assert_eq!(d.code_on(id, date(2008, 5, 1)), Some("IGOUNO"));
    assert_eq!(d.code_on(id, date(2005, 5, 1)), Some("KORGOVBUS"));
    assert_eq!(d.code_on(id, date(2004, 1, 6)), None);
    assert_eq!(d.code_on(id, date(2004, 1, 7)), Some("KORGOVBUS"));
    assert_eq!(d.code_on(id, date(2000, 1, 1)), None);
    // Spaced tokens do not read as the hyphenated name.
    assert_ne!(d.longest(&toks("Ban Ki - moon")).map(|m| m.0), Some(4));
}

#[test]
fn explicit_no_code() {
    // INDIAN_OCEAN [---]: known name, no code; it also keeps "Indian" from
    // reading as India here.
    let t = toks("Indian Ocean");
    let (n, id) = actors().longest(&t).unwrap();
    assert_eq!(n, 2);
    assert_eq!(actors().code_on(id, None), None);
    assert_eq!(actor("Indian troops").map(|a| a.1), Some("IND".into()));
}

#[test]
fn igos() {
    assert_eq!(
        actor("U.N. officials"),
        Some((1, "IGOUNO".into(), Source::International))
    );
    assert_eq!(
        actor("the United Nations said"),
        Some((3, "IGOUNO".into(), Source::International))
    );
    assert_eq!(
        actor("United Nations").map(|a| (a.0, a.1)),
        Some((2, "IGOUNO".into()))
    );
    // Kofi Annan, exact name, followed by a comma token with no space.
    let d = actors();
    let t = toks("Kofi Annan|, who");
    let (n, id) = d.longest(&t).unwrap();
    assert_eq!(n, 2);
    assert_eq!(d.code_on(id, date(2000, 1, 1)), Some("IGOUNO"));
}

#[test]
fn armed_groups() {
    assert_eq!(
        actor("Boko Haram fighters"),
        Some((2, "NGAREB".into(), Source::NonState))
    );
    assert_eq!(
        actor("Hamas|'s leaders"),
        Some((1, "PSEREBHMS".into(), Source::NonState))
    );
    assert_eq!(
        actor("Islamic Resistance Movement").map(|a| (a.0, a.1)),
        Some((3, "PSEREBHMS".into()))
    );
}

#[test]
fn agents_and_plurals() {
    let cop = Agent {
        code: "COP",
        prefix: false,
    };
    assert_eq!(agent("police said"), Some((1, cop)));
    assert_eq!(agent("riot police fired"), Some((2, cop)));
    // POLICE {} has no plural, but POLICE!PERSON! gives policeman/-men.
    assert_eq!(agent("policemen"), Some((1, cop)));
    assert_eq!(agent("rebels").map(|a| (a.0, a.1.code)), Some((1, "REB")));
    assert_eq!(
        agent("protesters").map(|a| (a.0, a.1.code)),
        Some((1, "OPP"))
    );
    assert_eq!(
        agent("student protesters").map(|a| a.1.code),
        Some("OPPEDU")
    );
    // Generated plural Y -> IES on an exact word (MINISTRY_).
    assert_eq!(agent("ministries").map(|a| a.1.code), Some("GOV"));
    // Generated plural of the last word of a phrase (ARMS_INDUSTRY).
    assert_eq!(
        agent("arms industries").map(|a| (a.0, a.1.code)),
        Some((2, "BUSMIL"))
    );
    // Listed plural: CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE}.
    assert_eq!(
        agent("chambers of commerce").map(|a| (a.0, a.1.code)),
        Some((3, "BUS"))
    );
    // Marker substitution: !MINIST! OF_... -> "ministry of ...".
    assert_eq!(agent("ministry of defence").map(|a| a.0), Some(3));
    // Prefix agents.
    let pk = agent("peacekeeping troops").unwrap();
    assert_eq!(
        pk.1,
        Agent {
            code: "IGO",
            prefix: true
        }
    );
    assert_eq!(agent("table"), None);
}

#[test]
fn combining_codes() {
    let cop = Agent {
        code: "COP",
        prefix: false,
    };
    assert_eq!(combine("ISR", cop), "ISRCOP");
    assert_eq!(combine("ISRCOP", cop), "ISRCOP");
    let gov = Agent {
        code: "GOV",
        prefix: false,
    };
    assert_eq!(combine("USAGOV", gov), "USAGOV");
    let ngo = Agent {
        code: "NGO",
        prefix: true,
    };
    assert_eq!(combine("KEN", ngo), "NGOKEN");
    assert_eq!(combine("NGOKEN", ngo), "NGOKEN");
}

const SMALL_ACTORS: &str = "\
# a test dictionary
ANNAN_ [IGOUNO]
+KI-MOON_
FOREIGN_MINISTR [XXXGOV]
HELMAND [AFG]
";

#[test]
fn stem_versus_exact() {
    let d = ActorDict::from_texts(&[("t", Source::Countries, SMALL_ACTORS)]).unwrap();
    let m = |s: &str| {
        d.longest(&toks(s))
            .map(|(n, id)| (n, d.name(id).to_string()))
    };
    // Exact: must end at a token end, whatever follows without a space.
    assert_eq!(m("Annan|,"), Some((1, "ANNAN".into())));
    assert_eq!(m("Annan|'s"), Some((1, "ANNAN".into())));
    assert_eq!(m("Annanite"), None);
    assert_eq!(m("ki|-|moon"), Some((3, "ANNAN".into())));
    assert_eq!(m("ki|-|moonbeam"), None);
    // Stem: may end inside a token.
    assert_eq!(m("Foreign Ministry"), Some((2, "FOREIGN MINISTR".into())));
    assert_eq!(m("foreign ministries"), Some((2, "FOREIGN MINISTR".into())));
    assert_eq!(m("foreign ministers"), None);
    assert_eq!(m("Helmandi farmers"), Some((1, "HELMAND".into())));
    // Inner words are whole words and need whitespace between them.
    assert_eq!(m("Foreigner Ministry"), None);
    assert_eq!(m("Foreign|Ministry"), None);
    assert_eq!(m("Ministry"), None);
    assert_eq!(m(""), None);
    let w = |s: &str| {
        d.longest_whole_words(&toks(s))
            .map(|(n, id)| (n, d.name(id).to_string()))
    };
    assert_eq!(w("Helmandi farmers"), None);
    assert_eq!(w("Helmand|'s farmers"), Some((1, "HELMAND".into())));
    assert_eq!(w("Annan|,"), Some((1, "ANNAN".into())));
    // The shipped PLA stem (People's Liberation Army) and the word "plan".
    assert!(actors().longest(&toks("plan")).is_some());
    assert_eq!(actors().longest_whole_words(&toks("plan")), None);
    assert!(actors().longest_whole_words(&toks("PLA")).is_some());

    let a = AgentDict::from_text(
        "!P! = MAN, MEN\nMINISTR [~GOV]\nPOLICE {} [~COP]\nPOLICE!P! [~COP]\nBUS_ [~BUS]\nPARTY_ [~PTY]\nAIR_FORCE_ {AIR_FORCES_} [~MIL]\n",
    )
    .unwrap();
    let g = |s: &str| a.longest(&toks(s)).map(|(n, ag)| (n, ag.code));
    assert_eq!(g("ministry"), Some((1, "GOV")));
    assert_eq!(g("police"), Some((1, "COP")));
    assert_eq!(g("polices"), Some((1, "COP"))); // POLICE is a stem
    assert_eq!(g("policemen"), Some((1, "COP")));
    assert_eq!(g("buses"), Some((1, "BUS")));
    assert_eq!(g("busy"), None);
    assert_eq!(g("parties"), Some((1, "PTY")));
    assert_eq!(g("partys"), None);
    assert_eq!(g("air forces"), Some((2, "MIL")));
    assert_eq!(g("air forcess"), None);
}

#[test]
fn dictionaries_load_fast_and_report() {
    let t = std::time::Instant::now();
    let n = actors().len();
    let _ = agents().longest(&toks("police"));
    let ms = t.elapsed().as_secs_f64() * 1e3;
    println!("first use of both dictionaries: {ms:.3} ms");
    assert!(n > 25_000, "{n} entries");
    assert!(ms < 20.0, "first use took {ms} ms");
    assert!(dyad_actors::BUILD_REPORT.contains("fixed 1 x 7-digit date next to an 8-digit one"));
}

/// Every indexed name of the shipped dictionaries is found again, covering
/// all its words, with the entry that owns it (the first entry listing it).
#[test]
fn every_shipped_name_is_found() {
    use dyad_actors::parse::{parse_actors, parse_agents, Fixes};
    use std::collections::HashMap;
    // In build order: dyad's additions first.
    let files = [
        include_str!("../../../data/dyad/international.actors.txt"),
        include_str!("../../../data/petrarch2/Phoenix.Countries.actors.txt"),
        include_str!("../../../data/petrarch2/Phoenix.International.actors.txt"),
        include_str!("../../../data/petrarch2/Phoenix.MilNonState.actors.txt"),
    ];
    let d = actors();
    let mut owner: HashMap<(String, bool), u32> = HashMap::new();
    let mut id = 0u32;
    let mut checked = 0;
    for text in files {
        for e in parse_actors(text, &mut Fixes::new()).unwrap() {
            for n in e.names.iter().filter(|n| n.matchable()) {
                let want = *owner.entry((n.key(), n.exact)).or_insert(id);
                let words: Vec<String> = n.words.clone();
                let t: Vec<Tok> = words.iter().map(|w| Tok::new(w, true)).collect();
                let (len, got) = d.longest(&t).unwrap_or_else(|| panic!("{:?}", n));
                assert_eq!(len, t.len(), "{n:?}");
                // A stem and an exact name may share a key: at a token end the
                // exact one wins.
                if n.exact {
                    assert_eq!(got.0, want, "{n:?}");
                }
                checked += 1;
            }
            assert_eq!(d.name(dyad_actors::ActorId(id)), e.primary());
            id += 1;
        }
    }
    assert_eq!(id as usize, d.len());
    assert!(checked > 35_000, "{checked}");
    let a = agents();
    let texts = [
        include_str!("../../../data/dyad/agents.txt"),
        include_str!("../../../data/petrarch2/Phoenix.agents.txt"),
    ];
    for e in texts
        .iter()
        .flat_map(|text| parse_agents(text, &mut Fixes::new()).unwrap())
    {
        let t: Vec<Tok> = e.name.words.iter().map(|w| Tok::new(w, true)).collect();
        let (len, _) = a.longest(&t).unwrap_or_else(|| panic!("{:?}", e.name));
        assert_eq!(len, t.len(), "{:?}", e.name);
    }
}

/// dyad's own entries (`data/dyad/`): each construction they were added for.
#[test]
fn dyad_additions_resolve() {
    assert_eq!(
        actor("The European Community gave aid"),
        Some((3, "IGOEUREEC".into(), Source::International))
    );
    assert_eq!(
        actor("European Economic Community"),
        Some((3, "IGOEUREEC".into(), Source::International))
    );
    for (phrase, code) in [
        ("opposition", "OPP"),
        ("opposition groups", "OPP"),
        ("peacekeepers", "MIL"),
        ("marchers", "OPP"),
        ("strikers", "LAB"),
    ] {
        let n = phrase.split(' ').count();
        let got = agent(phrase);
        assert!(
            got.is_some_and(|(k, a)| k == n && a.code == code),
            "{phrase}: {got:?}"
        );
    }
    // Upstream entries are unchanged: the longer phrase still wins.
    assert_eq!(
        agent("opposition leader").map(|(n, a)| (n, a.code)),
        Some((2, "OPP"))
    );
}
