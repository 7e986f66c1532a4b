//! The dictionary parser: every error kind, and every documented
//! normalisation of an upstream defect, on lines written for these tests.

use dyad_actors::parse::{self, parse_actors, parse_agents, Fixes};

fn actor_err(text: &str) -> (usize, String) {
    let e = parse_actors(text, &mut Fixes::new()).expect_err(text);
    (e.line, e.reason)
}

fn agent_err(text: &str) -> (usize, String) {
    let e = parse_agents(text, &mut Fixes::new()).expect_err(text);
    (e.line, e.reason)
}

#[track_caller]
fn has(got: (usize, String), line: usize, part: &str) {
    assert_eq!(got.0, line, "{got:?}");
    assert!(got.1.contains(part), "{got:?} lacks {part:?}");
}

#[test]
fn actor_errors() {
    has(actor_err("A_ [X]\n<!-- open\n"), 2, "never closed");
    has(actor_err("# c\nA_B) (C [X]\n"), 2, "unbalanced parenthesis");
    has(actor_err("A(B_ [X]\n"), 1, "unbalanced parenthesis");
    has(actor_err("A_((B_ [X]\n"), 1, "unbalanced parenthesis");
    has(actor_err("A{B [X]\n"), 1, "not allowed");
    has(actor_err("A~B [X]\n"), 1, "not allowed");
    has(actor_err("A\u{7}B [X]\n"), 1, "not allowed");
    has(actor_err("___ [X]\n"), 1, "empty name");
    has(actor_err("A_ [X 991332]\n"), 1, "invalid date");
    has(actor_err("A_ [X 19990229]\n"), 1, "invalid date");
    has(actor_err("A_ [X 12345]\n"), 1, "invalid date");
    has(actor_err("A_ [X 99010a]\n"), 1, "invalid date");
    has(actor_err("A_ [X 1234567]\n"), 1, "invalid date");
    has(actor_err("A_ [X 12345678901]\n"), 1, "invalid date");
    has(actor_err("A_ [X >]\n"), 1, "invalid date");
    has(actor_err("A_ [usa]\n"), 1, "invalid code");
    has(actor_err("A_ []\n"), 1, "empty [] code group");
    has(actor_err("A_ [X 990101 990202]\n"), 1, "unexpected text");
    has(actor_err("A_ [X\n"), 1, "not closed");
    has(actor_err("A_ [X [Y]\n"), 1, "not closed");
    has(actor_err("\n[X]\nA_\n"), 2, "before any actor name");
    has(actor_err("+A_\n"), 1, "before any actor name");
    has(
        actor_err("A_\n+B_ [X]\n"),
        2,
        "code group on a synonym line",
    );
    has(actor_err("A_ [X]\n+ \n"), 2, "empty synonym");
}

#[test]
fn agent_errors() {
    has(agent_err("!P = A, B\n"), 1, "not !NAME!");
    has(agent_err("!P! = A, , B\n"), 1, "empty or spaced item");
    has(agent_err("X ~COP]\n"), 1, "without [");
    has(agent_err("X [~COP\n"), 1, "not closed");
    has(agent_err("X [~COP] Y\n"), 1, "unexpected text");
    has(agent_err("X [COP]\n"), 1, "has no ~");
    has(agent_err("X [~C-P]\n"), 1, "invalid agent code");
    has(agent_err("X {XS [~COP]\n"), 1, "{ not closed");
    has(agent_err("X {XS} Y [~COP]\n"), 1, "text between }");
    has(agent_err("X XS} [~COP]\n"), 1, "} without {");
    has(agent_err("!P! = MAN\nX!P [~COP]\n"), 2, "not closed with !");
    has(agent_err("X!Q! [~COP]\n"), 1, "not defined");
    has(agent_err("!P! = MAN\n!P!_!P! [~COP]\n"), 2, "more than one");
    has(agent_err("X{ [~COP]\n"), 1, "{ not closed");
}

fn fixes_of_actors(text: &str) -> (Vec<parse::ActorEntry>, Fixes) {
    let mut f = Fixes::new();
    let e = parse_actors(text, &mut f).unwrap();
    (e, f)
}

fn day(y: i32, m: u32, d: u32) -> Option<i32> {
    use chrono::Datelike;
    chrono::NaiveDate::from_ymd_opt(y, m, d).map(|d| d.num_days_from_ce())
}

#[test]
fn actor_format() {
    let text =
        "# comment\n<!-- a\nmulti-line comment -->\nAFGHANISTAN_  [AFG] # trailing\n+AFGHAN_\n\
                +KABUL\n  [AFGGOV 780427-19790430]\tother\nB_C D_ [X <300101][Y >310101]#c\n";
    let (e, f) = fixes_of_actors(text);
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].primary(), "AFGHANISTAN");
    assert_eq!(e[0].line, 4);
    assert_eq!(e[0].names.len(), 3);
    assert!(e[0].names[1].exact);
    assert!(!e[0].names[2].exact);
    assert_eq!(e[0].names[2].key(), "kabul");
    assert_eq!(e[0].codes.len(), 2);
    assert_eq!(e[0].codes[1].from, day(1978, 4, 27));
    assert_eq!(e[0].codes[1].until, day(1979, 4, 30));
    assert_eq!(e[1].names[0].key(), "b c d");
    // YY <= 30 is 20YY, else 19YY.
    assert_eq!(e[1].codes[0].until, day(2030, 1, 1));
    assert_eq!(e[1].codes[1].from, day(1931, 1, 1));
    assert_eq!(f.get(parse::FIX_TRAILING_REMARK), Some(&1));
}

#[test]
fn actor_defects_are_normalised_and_counted() {
    let cases: &[(&str, &str, Option<i32>, Option<i32>)] = &[
        (
            "A_ [X > 140608]",
            parse::FIX_SPACE_IN_DATE,
            day(2014, 6, 8),
            None,
        ),
        (
            "A_ [X 20121204]",
            parse::FIX_BARE_DATE,
            day(2012, 12, 4),
            None,
        ),
        (
            "A_ [X 1920030320-20060520]",
            parse::FIX_TEN_DIGITS,
            day(2003, 3, 20),
            day(2006, 5, 20),
        ),
        (
            "A_ [X >201005011]",
            parse::FIX_NINE_DIGITS,
            day(2010, 5, 1),
            None,
        ),
        (
            "A_ [X 2004017-20061201]",
            parse::FIX_SEVEN_DIGITS_LONG,
            day(2004, 1, 7),
            day(2006, 12, 1),
        ),
        (
            "A_ [X 9008223-911221]",
            parse::FIX_SEVEN_DIGITS_SHORT,
            day(1990, 8, 22),
            day(1991, 12, 21),
        ),
    ];
    for &(line, fix, from, until) in cases {
        let (e, f) = fixes_of_actors(line);
        assert_eq!(f.get(fix), Some(&1), "{line}");
        assert_eq!(
            (e[0].codes[0].from, e[0].codes[0].until),
            (from, until),
            "{line}"
        );
    }
    let (e, f) = fixes_of_actors("A_ [X 20121207-20120802] [Y]");
    assert_eq!(f.get(parse::FIX_REVERSED_RANGE), Some(&1));
    assert_eq!(e[0].codes.len(), 1);
    assert_eq!(e[0].codes[0].code, "Y");

    let (e, f) = fixes_of_actors("STANKO_TODOROV (ACTING_\n[X]\nB_ (NOTE\n[Y]\n");
    assert_eq!(f.get(parse::FIX_OPEN_PAREN), Some(&2));
    assert_eq!(e[0].names[0].key(), "stanko todorov");
    assert!(e[0].names[0].exact);
    assert!(e[1].names[0].exact);

    let (e, f) = fixes_of_actors("T_ [X]\n+TAIOAN_ +TAWIAN_\n+FAEROYENE]_\n");
    assert_eq!(f.get(parse::FIX_MULTI_SYNONYM), Some(&1));
    assert_eq!(f.get(parse::FIX_STRAY_BRACKET), Some(&1));
    let keys: Vec<String> = e[0].names.iter().map(|n| n.key()).collect();
    assert_eq!(keys, ["t", "taioan", "tawian", "faeroyene"]);

    let (e, f) = fixes_of_actors("HAMMARSKJOLD)\t[IGOUNO]\n");
    assert_eq!(f.get(parse::FIX_STRAY_PAREN), Some(&1));
    assert_eq!(e[0].names[0].key(), "hammarskjold");

    let (e, f) = fixes_of_actors("NOCODE_\nZ\u{1a}ROUAL_ [X]\n+COTE_D\u{fffd}IVOIRE_\n");
    assert_eq!(f.get(parse::FIX_NO_CODE), Some(&1));
    assert_eq!(f.get(parse::FIX_LOST_CHAR), Some(&2));
    assert_eq!(e.len(), 1);
    assert!(!e[0].names[0].matchable() && !e[0].names[1].matchable());

    let (e, _) = fixes_of_actors("INDIAN_OCEAN [---]\n");
    assert_eq!(e[0].codes[0].code, "---");
}

#[test]
fn agent_format_and_defects() {
    let text = "!PERSON! = MAN, MEN\nPOLICE!PERSON!  [~COP]\nFIRE!PERSON! {} [~GOV]\n\
                RIOT_POLICE {} [~COP]\nCITY [~GOV]\nBOSS [~BUS]\nSOLDIER_ [~MIL]\n\
                CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]\nAID_GROUP [NGO~]\n\
                DEPARMENT_OF_ENVIRONMENT [~ENV}\nISLAMIC_EXTREMIST\n\
                !PERSON! FOR_AD!PERSON!ISTRATION [~GOV]\n";
    let mut f = Fixes::new();
    let a = parse_agents(text, &mut f).unwrap();
    let keys: Vec<String> = a.iter().map(|e| e.name.key()).collect();
    assert_eq!(
        keys,
        [
            "policeman",
            "policemen",
            "fireman",
            "firemen",
            "riot police",
            "city",
            "cities",
            "boss",
            "bosses",
            "soldier",
            "soldiers",
            "chamber of commerce",
            "chambers of commerce",
            "aid group",
            "aid groups",
            "deparment of environment",
            "deparment of environments",
            "man for adpersonistration",
            "men for adpersonistration",
        ]
    );
    assert!(a[10].name.exact && a[10].plural);
    assert!(a[13].code.prefix && a[13].code.code == "NGO");
    assert_eq!(a[0].code.code, "COP");
    assert_eq!(f.get(parse::FIX_BRACE_CLOSE), Some(&1));
    assert_eq!(f.get(parse::FIX_AGENT_NO_CODE), Some(&1));
    assert_eq!(f.get(parse::FIX_INNER_MARKER), Some(&1));
}

#[test]
fn shipped_dictionaries_parse_with_the_known_fixes_only() {
    let report = dyad_actors::BUILD_REPORT;
    for kind in [
        parse::FIX_TEN_DIGITS,
        parse::FIX_SEVEN_DIGITS_LONG,
        parse::FIX_SEVEN_DIGITS_SHORT,
        parse::FIX_NINE_DIGITS,
        parse::FIX_BRACE_CLOSE,
        parse::FIX_INNER_MARKER,
    ] {
        assert!(report.contains(kind), "{kind} not in\n{report}");
    }
}
