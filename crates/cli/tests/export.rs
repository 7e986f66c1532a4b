//! `dyad export --format gdelt-events|gdelt-mentions|gkg` read back with
//! the column layouts of GDELT's codebooks (Event Database 2.0 events and
//! mentions, GKG 2.1): column names and count, and each field parsed as
//! the codebook types it. The articles are the team's.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::{Command, Output};

const DYAD: &str = env!("CARGO_BIN_EXE_dyad");

/// A dated article with a url (JSON Lines), an undated plain-text one and
/// a Russian one.
const JSONL: &str = r#"{"id": "v1", "date": "2025-06-09", "url": "https://news.example.org/2025/06/radev-astana", "title": "Radev in Astana", "text": "ASTANA — Bulgarian President Rumen Radev held talks with Kazakh President Kassym-Jomart Tokayev in Astana on Monday.\n\nThe two presidents signed a memorandum on cooperation in energy and transport. Trade between Bulgaria and Kazakhstan reached $83 million in 2024, and 120 companies with Kazakh capital work in Bulgaria.\n\n“Kazakhstan is our key partner in Central Asia,” Radev said."}
{"id": "r1", "text": "Президент Болгарии Румен Радев провёл переговоры с президентом Казахстана Касым-Жомартом Токаевым в Астане. Стороны подписали меморандум о сотрудничестве в области энергетики и транспорта."}
"#;

const UNDATED: &str = "SOFIA — Bulgarian President Rumen Radev met German Chancellor Friedrich Merz in Sofia to discuss energy security.\n\nThe two leaders also talked about the new railway line and about the prices that households pay for their heating this winter.\n";

fn dyad(args: &[&str], cwd: &Path) -> Output {
    Command::new(DYAD)
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run dyad")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "dyad failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("articles");
    std::fs::create_dir(&a).unwrap();
    std::fs::write(a.join("wire.jsonl"), JSONL).unwrap();
    std::fs::write(a.join("sofia.txt"), UNDATED).unwrap();
    let out = dyad(&["ingest", "articles", "--db", "t.sqlite"], dir.path());
    ok(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("language ru: not supported, entities only"),
        "{err}"
    );
    dir
}

/// The export with `--header`, split into the header and rows of fields.
fn export(dir: &Path, format: &str, extra: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut args = vec!["export", "--format", format, "--header", "--db", "t.sqlite"];
    args.extend_from_slice(extra);
    let text = ok(&dyad(&args, dir));
    let mut lines = text.lines();
    let header = lines
        .next()
        .expect("a header")
        .split('\t')
        .map(String::from)
        .collect();
    let rows = lines
        .map(|l| l.split('\t').map(String::from).collect())
        .collect();
    (header, rows)
}

/// A field's type, as the codebooks give it.
#[derive(Debug, Clone, Copy)]
enum Ty {
    /// An integer, never empty.
    Int,
    /// An integer or empty.
    OptInt,
    /// A number or empty.
    OptFloat,
    /// A date of this many digits (YYYYMMDD, YYYYMM, YYYY, YYYYMMDDHHMMSS).
    Digits(usize),
    /// YYYY.FFFF.
    Fraction,
    /// Text, maybe empty.
    Text,
    /// Text, never empty.
    NonEmpty,
    /// A CAMEO country code (3 letters) or empty.
    Cameo3,
    /// A FIPS 10-4 country code (2 capitals) or empty.
    Fips,
    /// A GDELT geo type (1..5) or empty.
    GeoType,
}

fn check(ty: Ty, v: &str, what: &str) {
    let fail = || panic!("{what}: {v:?} is not {ty:?}");
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let ok = match ty {
        Ty::Int => v.parse::<i64>().is_ok(),
        Ty::OptInt => v.is_empty() || v.parse::<i64>().is_ok(),
        Ty::OptFloat => v.is_empty() || v.parse::<f64>().is_ok_and(f64::is_finite),
        Ty::Digits(n) => v.len() == n && digits(v),
        Ty::Fraction => {
            v.len() == 9 && v.as_bytes()[4] == b'.' && v.parse::<f64>().is_ok_and(|x| x >= 1900.0)
        }
        Ty::Text => !v.contains(['\t', '\n']),
        Ty::NonEmpty => !v.is_empty() && !v.contains(['\t', '\n']),
        Ty::Cameo3 => v.is_empty() || (v.len() == 3 && v.bytes().all(|b| b.is_ascii_uppercase())),
        Ty::Fips => v.is_empty() || (v.len() == 2 && v.bytes().all(|b| b.is_ascii_uppercase())),
        Ty::GeoType => v.is_empty() || matches!(v, "1" | "2" | "3" | "4" | "5"),
    };
    if !ok {
        fail();
    }
}

/// GDELT 2.0 event table: names and types of the codebook.
fn event_layout() -> Vec<(&'static str, Ty)> {
    use Ty::*;
    let actor = |n: u8| -> Vec<(String, Ty)> {
        [
            ("Code", Text),
            ("Name", Text),
            ("CountryCode", Cameo3),
            ("KnownGroupCode", Text),
            ("EthnicCode", Text),
            ("Religion1Code", Text),
            ("Religion2Code", Text),
            ("Type1Code", Text),
            ("Type2Code", Text),
            ("Type3Code", Text),
        ]
        .into_iter()
        .map(|(f, t)| (format!("Actor{n}{f}"), t))
        .collect()
    };
    let geo = |p: &str| -> Vec<(String, Ty)> {
        [
            ("Type", GeoType),
            ("FullName", Text),
            ("CountryCode", Fips),
            ("ADM1Code", Text),
            ("ADM2Code", Text),
            ("Lat", OptFloat),
            ("Long", OptFloat),
            ("FeatureID", Text),
        ]
        .into_iter()
        .map(|(f, t)| (format!("{p}Geo_{f}"), t))
        .collect()
    };
    let mut out: Vec<(String, Ty)> = vec![
        ("GLOBALEVENTID".into(), Int),
        ("SQLDATE".into(), Digits(8)),
        ("MonthYear".into(), Digits(6)),
        ("Year".into(), Digits(4)),
        ("FractionDate".into(), Fraction),
    ];
    out.extend(actor(1));
    out.extend(actor(2));
    for (n, t) in [
        ("IsRootEvent", Int),
        ("EventCode", NonEmpty),
        ("EventBaseCode", NonEmpty),
        ("EventRootCode", Digits(2)),
        ("QuadClass", Int),
        ("GoldsteinScale", OptFloat),
        ("NumMentions", Int),
        ("NumSources", Int),
        ("NumArticles", Int),
        ("AvgTone", OptFloat),
    ] {
        out.push((n.into(), t));
    }
    out.extend(geo("Actor1"));
    out.extend(geo("Actor2"));
    out.extend(geo("Action"));
    out.push(("DATEADDED".into(), Digits(14)));
    out.push(("SOURCEURL".into(), NonEmpty));
    out.into_iter()
        .map(|(n, t)| (&*Box::leak(n.into_boxed_str()), t))
        .collect()
}

fn by_name<'a>(header: &'a [String], row: &'a [String]) -> HashMap<&'a str, &'a str> {
    header
        .iter()
        .map(String::as_str)
        .zip(row.iter().map(String::as_str))
        .collect()
}

#[test]
fn gdelt_events_follow_the_codebook() {
    let dir = setup();
    let (header, rows) = export(dir.path(), "gdelt-events", &[]);
    let layout = event_layout();
    assert_eq!(layout.len(), 61);
    assert_eq!(
        header,
        layout
            .iter()
            .map(|(n, _)| n.to_string())
            .collect::<Vec<_>>()
    );
    assert!(rows.len() >= 2, "{rows:?}");
    let mut urls = 0;
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), 61, "row {i}");
        for ((name, ty), v) in layout.iter().zip(row) {
            check(*ty, v, &format!("row {i} {name}"));
        }
        let f = by_name(&header, row);
        assert_eq!(f["GLOBALEVENTID"], (i + 1).to_string());
        assert!(f["EventCode"].starts_with(f["EventRootCode"]));
        assert!(f["EventCode"].starts_with(f["EventBaseCode"]));
        assert_eq!(f["AvgTone"], "", "no tone lexicon: empty, not 0");
        assert!(f["NumMentions"].parse::<u32>().unwrap() >= f["NumArticles"].parse().unwrap());
        // Bulgaria is BU in FIPS 10-4, Germany GM, Kazakhstan KZ.
        for side in ["Actor1", "Actor2"] {
            let cc = f[format!("{side}CountryCode").as_str()];
            let geo = f[format!("{side}Geo_CountryCode").as_str()];
            let want = match cc {
                "BGR" => "BU",
                "DEU" => "GM",
                "KAZ" => "KZ",
                _ => continue,
            };
            assert_eq!(geo, want, "row {i} {side}");
            assert_eq!(f[format!("{side}Geo_Type").as_str()], "1");
        }
        if f["SOURCEURL"].starts_with("https://") {
            urls += 1;
            assert_eq!(f["SQLDATE"], "20250609", "row {i}");
            // Astana, resolved: a world city in Kazakhstan with its id.
            if f["ActionGeo_FullName"].starts_with("Astana") {
                assert_eq!(
                    (f["ActionGeo_Type"], f["ActionGeo_CountryCode"]),
                    ("4", "KZ")
                );
                assert!(f["ActionGeo_FeatureID"].parse::<u64>().is_ok());
            }
        } else {
            // The undated article: its ingest date, and its path.
            assert!(f["SOURCEURL"].ends_with("sofia.txt"), "{}", f["SOURCEURL"]);
            assert_eq!(f["SQLDATE"], &f["DATEADDED"][..8]);
        }
    }
    assert!(urls >= 1, "no event of the article with a url");
}

#[test]
fn gdelt_mentions_follow_the_codebook() {
    let dir = setup();
    let (events_header, events) = export(dir.path(), "gdelt-events", &[]);
    let (header, rows) = export(dir.path(), "gdelt-mentions", &[]);
    let layout: [(&str, Ty); 16] = [
        ("GLOBALEVENTID", Ty::Int),
        ("EventTimeDate", Ty::Digits(14)),
        ("MentionTimeDate", Ty::Digits(14)),
        ("MentionType", Ty::Int),
        ("MentionSourceName", Ty::NonEmpty),
        ("MentionIdentifier", Ty::NonEmpty),
        ("SentenceID", Ty::Int),
        ("Actor1CharOffset", Ty::Int),
        ("Actor2CharOffset", Ty::Int),
        ("ActionCharOffset", Ty::Int),
        ("InRawText", Ty::Int),
        ("Confidence", Ty::OptInt),
        ("MentionDocLen", Ty::Int),
        ("MentionDocTone", Ty::OptFloat),
        ("MentionDocTranslationInfo", Ty::Text),
        ("Extras", Ty::Text),
    ];
    assert_eq!(header, layout.map(|(n, _)| n.to_string()));
    let articles: HashMap<String, usize> = events
        .iter()
        .map(|r| {
            let f = by_name(&events_header, r);
            (
                f["GLOBALEVENTID"].to_string(),
                f["NumArticles"].parse().unwrap(),
            )
        })
        .collect();
    let mut per_event: HashMap<String, usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), 16, "row {i}");
        for ((name, ty), v) in layout.iter().zip(row) {
            check(*ty, v, &format!("row {i} {name}"));
        }
        let f = by_name(&header, row);
        *per_event.entry(f["GLOBALEVENTID"].to_string()).or_default() += 1;
        let len: i64 = f["MentionDocLen"].parse().unwrap();
        for o in ["Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset"] {
            let v: i64 = f[o].parse().unwrap();
            assert!(v == -1 || (0..len).contains(&v), "row {i} {o} {v}");
        }
        assert!(f["SentenceID"].parse::<u32>().unwrap() >= 1);
        if f["MentionIdentifier"].starts_with("https://") {
            assert_eq!(f["MentionSourceName"], "news.example.org");
            // The lead sentence names both presidents: "Bulgarian President
            // Rumen Radev held talks with Kazakh President ...".
            if f["SentenceID"] == "1" {
                assert_eq!((f["Actor1CharOffset"], f["ActionCharOffset"]), ("20", "0"));
                assert_ne!(f["Actor2CharOffset"], "-1");
            }
        }
    }
    // One row per article per event.
    assert_eq!(per_event, articles);
}

#[test]
fn gkg_follows_the_codebook() {
    let dir = setup();
    let (header, rows) = export(dir.path(), "gkg", &[]);
    let names = [
        "GKGRECORDID",
        "V2.1DATE",
        "V2SOURCECOLLECTIONIDENTIFIER",
        "V2SOURCECOMMONNAME",
        "V2DOCUMENTIDENTIFIER",
        "V1COUNTS",
        "V2.1COUNTS",
        "V1THEMES",
        "V2ENHANCEDTHEMES",
        "V1LOCATIONS",
        "V2ENHANCEDLOCATIONS",
        "V1PERSONS",
        "V2ENHANCEDPERSONS",
        "V1ORGANIZATIONS",
        "V2ENHANCEDORGANIZATIONS",
        "V1.5TONE",
        "V2.1ENHANCEDDATES",
        "V2GCAM",
        "V2.1SHARINGIMAGE",
        "V2.1RELATEDIMAGES",
        "V2.1SOCIALIMAGEEMBEDS",
        "V2.1SOCIALVIDEOEMBEDS",
        "V2.1QUOTATIONS",
        "V2.1ALLNAMES",
        "V2.1AMOUNTS",
        "V2.1TRANSLATIONINFO",
        "V2EXTRASXML",
    ];
    assert_eq!(header, names.map(String::from));
    assert_eq!(rows.len(), 3, "one row per document");
    let mut ids = HashSet::new();
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), 27, "row {i}");
        let f = by_name(&header, row);
        assert!(ids.insert(f["GKGRECORDID"].to_string()));
        let (stamp, n) = f["GKGRECORDID"].split_once('-').unwrap();
        check(Ty::Digits(14), stamp, "GKGRECORDID date");
        check(Ty::Int, n, "GKGRECORDID number");
        check(Ty::Digits(14), f["V2.1DATE"], "V2.1DATE");
        assert_eq!(f["V2SOURCECOLLECTIONIDENTIFIER"], "1");
        assert_eq!(f["V1.5TONE"], "");
        // Each delimited field: entries of the codebook's shape.
        let entries = |k: &str| -> Vec<Vec<String>> {
            f[k].split(';')
                .filter(|e| !e.is_empty())
                .map(|e| e.split(['#', ',']).map(String::from).collect())
                .collect()
        };
        for e in entries("V2.1COUNTS") {
            assert_eq!(e.len(), 11, "V2.1COUNTS {e:?}");
            check(Ty::OptFloat, &e[1], "count number");
            check(Ty::Int, &e[10], "count offset");
        }
        for e in entries("V2ENHANCEDLOCATIONS") {
            assert_eq!(e.len(), 9, "V2ENHANCEDLOCATIONS {e:?}");
            check(Ty::GeoType, &e[0], "location type");
            check(Ty::Fips, &e[2], "location country");
            check(Ty::Int, &e[8], "location offset");
        }
        for k in [
            "V2ENHANCEDPERSONS",
            "V2ENHANCEDORGANIZATIONS",
            "V2ENHANCEDTHEMES",
            "V2.1ALLNAMES",
        ] {
            for e in entries(k) {
                assert_eq!(e.len(), 2, "{k} {e:?}");
                check(Ty::Int, &e[1], k);
            }
        }
        for e in entries("V2.1AMOUNTS") {
            assert_eq!(e.len(), 3, "V2.1AMOUNTS {e:?}");
            check(Ty::OptFloat, &e[0], "amount");
            check(Ty::Int, &e[2], "amount offset");
        }
        for e in entries("V2.1ENHANCEDDATES") {
            assert_eq!(e.len(), 5, "V2.1ENHANCEDDATES {e:?}");
            for v in &e {
                check(Ty::Int, v, "date part");
            }
        }
        for q in f["V2.1QUOTATIONS"].split('#').filter(|q| !q.is_empty()) {
            let p: Vec<&str> = q.split('|').collect();
            assert_eq!(p.len(), 4, "{q}");
            check(Ty::Int, p[0], "quote offset");
            check(Ty::Int, p[1], "quote length");
        }
        if f["V2DOCUMENTIDENTIFIER"].starts_with("https://") {
            assert_eq!(f["V2SOURCECOMMONNAME"], "news.example.org");
            assert!(f["V1PERSONS"].contains("Rumen Radev"), "{}", f["V1PERSONS"]);
            assert!(f["V1LOCATIONS"].contains("#BU#"), "{}", f["V1LOCATIONS"]);
            assert!(f["V1THEMES"].contains("ENERGY"), "{}", f["V1THEMES"]);
            assert!(
                f["V2.1QUOTATIONS"].contains("|said|"),
                "{}",
                f["V2.1QUOTATIONS"]
            );
            assert!(
                f["V2.1AMOUNTS"].contains("83000000,"),
                "{}",
                f["V2.1AMOUNTS"]
            );
            assert!(f["V2.1ENHANCEDDATES"].starts_with("3#6#9#2025#"));
        }
    }
    let (_, english) = export(dir.path(), "gkg", &["--lang", "en"]);
    assert_eq!(english.len(), 2);
    let (_, russian) = export(dir.path(), "gkg", &["--lang", "ru"]);
    assert_eq!(russian.len(), 1);
}
