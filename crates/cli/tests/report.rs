//! `dyad ingest` then `dyad report`, the query commands and `dyad export`,
//! end to end through the binary, on articles written for this test (and
//! on the seed article from `../shared` when it is there).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DYAD: &str = env!("CARGO_BIN_EXE_dyad");

/// Invented articles in the genre: an Uzbek state visit to Hungary
/// reported twice, and one article with markup and SQL quotes.
const ARTICLES: &[(&str, &str)] = &[
    (
        "visit.txt",
        "date 2025-03-10

BUDAPEST — Uzbek President Shavkat Mirziyoyev met with Hungarian President Tamás Sulyok on March 10 in Budapest during his state visit focused on trade, energy and education.

Mirziyoyev called Hungary one of Uzbekistan’s key partners in Central Europe.

“Our cooperation is growing in every sector,” said Mirziyoyev.

“We regard Uzbekistan as a strategic partner in Central Asia,” Sulyok said.

Trade between the two countries reached $240 million in 2024, tripling from 2023. In January-March 2025, trade exceeded $70 million.

Following the talks, the sides signed a memorandum of understanding between the Uzbek Ministry of Energy and the Hungarian Ministry of Foreign Affairs and Trade on renewable energy, and a sister city agreement between Samarkand and Pécs.
",
    ),
    (
        "welcome.txt",
        "date 2025-03-11

BUDAPEST — Hungarian President Tamás Sulyok welcomed Uzbek President Shavkat Mirziyoyev in Budapest on Monday for talks on energy and trade.

The two presidents witnessed the signing of a memorandum of understanding between the Uzbek Ministry of Energy and the Hungarian Ministry of Foreign Affairs and Trade.
",
    ),
    (
        "hostile.txt",
        "date 2025-03-12

<script>alert(1)</script> O'Brien's \"note\"; DROP TABLE documents; -- Uzbek President Shavkat Mirziyoyev met Hungarian President Tamás Sulyok in Budapest on March 12.
",
    ),
];

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

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for (name, text) in ARTICLES {
        std::fs::write(articles.join(name), text).unwrap();
    }
    ok(&dyad(
        &["ingest", "articles", "--db", "t.sqlite"],
        dir.path(),
    ));
    let db = dir.path().join("t.sqlite");
    (dir, db)
}

#[test]
fn report_names_the_pair_and_its_facts() {
    let (dir, _) = setup();
    let text = ok(&dyad(
        &["report", "Uzbekistan", "hungary", "--db", "t.sqlite"],
        dir.path(),
    ));
    assert!(
        text.starts_with("Uzbekistan (UZB) and Hungary (HUN)\n"),
        "{text}"
    );
    for section in [
        "TIMELINE",
        "AGREEMENTS",
        "FIGURES",
        "TOPICS",
        "QUOTATIONS",
        "INSTITUTIONS AND CITIES",
    ] {
        assert!(
            text.contains(&format!("\n{section}\n")),
            "no {section}:\n{text}"
        );
    }
    let json = ok(&dyad(
        &["report", "UZB", "HUN", "--json", "--db", "t.sqlite"],
        dir.path(),
    ));
    let r: serde_json::Value = serde_json::from_str(&json).expect("report JSON");
    assert_eq!(
        (r["a"].as_str(), r["b"].as_str()),
        (Some("UZB"), Some("HUN"))
    );
    // Every event in the report is between the two, and every evidence
    // span quotes its document's text.
    let events = r["events"].as_array().unwrap();
    assert!(!events.is_empty(), "no events:\n{text}");
    for e in events {
        let pair = [
            e["source"].as_str().unwrap_or(""),
            e["target"].as_str().unwrap_or(""),
        ];
        assert!(
            pair.iter().any(|c| c.starts_with("UZB")) && pair.iter().any(|c| c.starts_with("HUN")),
            "{e}"
        );
        for ev in e["evidence"].as_array().unwrap() {
            assert!(!ev["text"].as_str().unwrap().is_empty());
        }
    }
    // The visit and the memorandum, reported by two articles, are counted
    // once each with both articles; the 2023 trade is derived from
    // "tripling".
    assert!(events.iter().any(|e| e["articles"] == 2), "{text}");
    let mou = r["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["type"] == "memorandum")
        .expect("the memorandum");
    assert_eq!(mou["articles"], 2, "{text}");
    let derived = r["figures"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["points"].as_array().unwrap())
        .find(|p| p["origin"] == "derived")
        .expect("a derived point");
    assert!(
        (derived["value"].as_f64().unwrap() - 80e6).abs() < 1.0,
        "{derived}"
    );
    assert_eq!(derived["period"]["start"], "2023-01-01");
    // The window leaves out what lies outside it.
    let late = ok(&dyad(
        &[
            "report",
            "UZB",
            "HUN",
            "--since",
            "2026-01-01",
            "--json",
            "--db",
            "t.sqlite",
        ],
        dir.path(),
    ));
    let late: serde_json::Value = serde_json::from_str(&late).unwrap();
    assert!(late["events"].as_array().unwrap().is_empty());
}

#[test]
fn queries_bind_quotes_and_print_json_and_csv() {
    let (dir, _) = setup();
    let lines = ok(&dyad(
        &["events", "--country", "UZB", "--json", "--db", "t.sqlite"],
        dir.path(),
    ));
    let rows: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert!(!rows.is_empty());
    assert!(rows
        .iter()
        .all(|r| r["doc_id"].is_string() && r["code"].is_string()));
    // Quotes and SQL in a filter: matched literally.
    let hostile = ok(&dyad(
        &[
            "events",
            "--text",
            "O'Brien's \"note\"; DROP TABLE documents; --",
            "--json",
            "--db",
            "t.sqlite",
        ],
        dir.path(),
    ));
    let n = hostile.lines().count();
    assert!(n >= 1, "the hostile article's event is found by its text");
    assert!(
        hostile.contains("<script>alert(1)</script>"),
        "text comes back verbatim"
    );
    let none = ok(&dyad(
        &["quotes", "--actor", "' OR '1'='1", "--db", "t.sqlite"],
        dir.path(),
    ));
    assert!(none.is_empty());
    let csv = ok(&dyad(&["figures", "--csv", "--db", "t.sqlite"], dir.path()));
    assert!(
        csv.starts_with("doc_id,doc_date,ord,kind,value,unit,"),
        "{csv}"
    );
    let stats_again = ok(&dyad(&["events", "--json", "--db", "t.sqlite"], dir.path()));
    assert!(
        stats_again.lines().count() >= rows.len(),
        "no table dropped"
    );
    let bad = dyad(
        &["events", "--since", "March", "--db", "t.sqlite"],
        dir.path(),
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--since"));
}

#[test]
fn exports_gdelt_jsonl_and_csv() {
    let (dir, _) = setup();
    let gdelt = ok(&dyad(
        &["export", "--format", "gdelt-events", "--db", "t.sqlite"],
        dir.path(),
    ));
    assert!(!gdelt.is_empty());
    for (i, line) in gdelt.lines().enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 61, "row {i}: {line}");
        assert_eq!(f[0], (i + 1).to_string(), "GLOBALEVENTID");
        assert!(f[1].is_empty() || f[1].len() == 8, "SQLDATE {}", f[1]);
        assert!(
            f[26].len() >= 2 && f[28].len() == 2,
            "EventCode {} EventRootCode {}",
            f[26],
            f[28]
        );
        assert!(f[33].parse::<u32>().unwrap() >= 1, "NumArticles");
        assert!(f[60].ends_with(".txt"), "SOURCEURL {}", f[60]);
    }
    ok(&dyad(
        &[
            "export",
            "--format",
            "jsonl",
            "-o",
            "all.jsonl",
            "--db",
            "t.sqlite",
        ],
        dir.path(),
    ));
    let jsonl = std::fs::read_to_string(dir.path().join("all.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), ARTICLES.len());
    for l in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(v["doc"]["text"].is_string());
    }
    let csv = ok(&dyad(
        &["export", "--format", "csv", "--db", "t.sqlite"],
        dir.path(),
    ));
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .starts_with("doc_id,doc_date,doc_source,kind,"));
    assert!(csv.lines().skip(1).any(|l| l.contains(",event,")));
}

#[test]
fn a_missing_database_is_an_error_not_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dyad(&["report", "KAZ", "BGR", "--db", "none.sqlite"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no database at none.sqlite"));
    assert!(!dir.path().join("none.sqlite").exists());
    let same = dyad(&["report", "KAZ", "KAZ", "--db", "none.sqlite"], dir.path());
    assert!(String::from_utf8_lossy(&same.stderr).contains("two different sides"));
}

/// The acceptance check on the seed article (skipped without ../shared).
#[test]
fn seed_report_kaz_bgr() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed");
    if !seed.is_dir() {
        std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!("SKIP: {} not found\n", seed.display()),
        )
        .ok();
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    ok(&dyad(
        &["ingest", seed.to_str().unwrap(), "--db", "s.sqlite"],
        dir.path(),
    ));
    let text = ok(&dyad(
        &["report", "KAZ", "BGR", "--db", "s.sqlite"],
        dir.path(),
    ));
    let json = ok(&dyad(
        &[
            "report",
            "Kazakhstan",
            "Bulgaria",
            "--json",
            "--db",
            "s.sqlite",
        ],
        dir.path(),
    ));
    let r: serde_json::Value = serde_json::from_str(&json).unwrap();
    // The visit.
    assert!(
        r["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["code"] == "042"),
        "{text}"
    );
    // Five agreements, each with two parties of the two countries.
    let ags = r["agreements"].as_array().unwrap();
    assert_eq!(ags.len(), 5, "{text}");
    for a in ags {
        let cs: Vec<&str> = a["parties"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["country"].as_str())
            .collect();
        assert!(cs.contains(&"KAZ") && cs.contains(&"BGR"), "{a}");
    }
    // Trade: $375M in 2024, 2023 derived at about $94M, more than $83M in
    // January-April 2025.
    assert!(text.contains("2024           $375 million"), "{text}");
    assert!(
        text.contains("2023           about $93.8 million  [derived"),
        "{text}"
    );
    assert!(
        text.contains("Jan-Apr 2025   more than $83 million"),
        "{text}"
    );
    // Both presidents are quoted.
    let speakers: Vec<&str> = r["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q["speaker_name"].as_str())
        .collect();
    assert!(
        speakers.contains(&"Kassym-Jomart Tokayev") && speakers.contains(&"Rumen Radev"),
        "{speakers:?}"
    );
}

/// A group (IGO) and a named body (NATO) are sides of a report; an
/// unknown code is an error (exit 2), not an empty report.
#[test]
fn groups_and_bodies_are_sides() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(
        articles.join("nato.txt"),
        "date 2025-04-14

BRUSSELS - NATO Secretary General Ingrid Halvorsen met U.S. Secretary of State Dana Whitfield in Brussels on Monday. NATO urged the United States to keep its troops in Europe. The United Nations criticized the United States over its aid cuts.
",
    )
    .unwrap();
    ok(&dyad(
        &["ingest", "articles", "--db", "g.sqlite"],
        dir.path(),
    ));
    let events = |side: &str| {
        let json = ok(&dyad(
            &["report", "USA", side, "--json", "--db", "g.sqlite"],
            dir.path(),
        ));
        let r: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut codes: Vec<String> = r["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["code"].as_str().unwrap().to_string())
            .collect();
        codes.sort();
        (codes, r["b_name"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(
        events("IGO"),
        (
            vec!["020".to_string(), "040".into(), "111".into()],
            "International organizations".to_string()
        )
    );
    assert_eq!(
        events("NATO"),
        (vec!["020".to_string(), "040".into()], "NATO".to_string())
    );
    let text = ok(&dyad(
        &["report", "USA", "NATO", "--db", "g.sqlite"],
        dir.path(),
    ));
    assert!(
        text.starts_with("United States (USA) and NATO (IGO)\n"),
        "{text}"
    );
    for bad in ["XYZ", "Atlantis"] {
        let out = dyad(&["report", "USA", bad, "--db", "g.sqlite"], dir.path());
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("unknown country, group or body"), "{err}");
        assert!(out.stdout.is_empty());
    }
}

/// The API's filter syntax works in the CLI; database errors say what to
/// do; reading nothing creates no database.
#[test]
fn filters_and_database_errors() {
    let (dir, _) = setup();
    let repeated = ok(&dyad(
        &[
            "events",
            "--country",
            "UZB",
            "--country",
            "HUN",
            "--db",
            "t.sqlite",
        ],
        dir.path(),
    ));
    let joined = ok(&dyad(
        &["events", "--country", "UZB,HUN", "--db", "t.sqlite"],
        dir.path(),
    ));
    assert!(!repeated.is_empty());
    assert_eq!(repeated, joined);

    let out = dyad(
        &["report", "KAZ", "BGR", "--db", "mysql://u@h/db"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mysql databases are not supported"), "{err}");

    let out = dyad(
        &["ingest", "articles", "--db", "no/such/folder/x.sqlite"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("check that the folder no/such/folder exists"),
        "{err}"
    );

    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let out = dyad(&["ingest", "empty", "--db", "n.sqlite"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no database was created"), "{err}");
    assert!(!dir.path().join("n.sqlite").exists());
    assert!(!dir.path().join("n.sqlite-wal").exists());
}

/// `-q`, `-v` and `RUST_LOG` set what stderr shows; completions and the
/// man page come from the flag definitions.
#[test]
fn verbosity_completions_and_man_page() {
    let (dir, _) = setup();
    std::fs::create_dir(dir.path().join("mixed")).unwrap();
    std::fs::write(dir.path().join("mixed/empty.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("mixed/note.txt"),
        "Kazakhstan and Bulgaria held talks in Sofia on Monday.\n",
    )
    .unwrap();
    let err = |out: &Output| String::from_utf8_lossy(&out.stderr).into_owned();
    let plain = dyad(&["ingest", "mixed", "--db", "a.sqlite"], dir.path());
    assert!(
        err(&plain).contains("empty.txt: empty file"),
        "{}",
        err(&plain)
    );
    assert!(err(&plain).contains("read 1, stored 1"), "{}", err(&plain));
    let quiet = dyad(&["-q", "ingest", "mixed", "--db", "b.sqlite"], dir.path());
    assert!(quiet.status.success());
    assert_eq!(err(&quiet), "");
    let report = ["report", "UZB", "HUN", "--db", "t.sqlite"];
    assert_eq!(err(&dyad(&report, dir.path())), "");
    let mut verbose = vec!["-v"];
    verbose.extend(report);
    let v = dyad(&verbose, dir.path());
    assert!(
        err(&v).contains("document(s) about UZB and HUN"),
        "{}",
        err(&v)
    );
    let env = Command::new(DYAD)
        .args(report)
        .env("RUST_LOG", "info")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(err(&env), err(&v));

    let bash = ok(&dyad(&["completions", "bash"], dir.path()));
    assert!(
        bash.contains("_dyad()") && bash.contains("report"),
        "{bash}"
    );
    assert!(ok(&dyad(&["completions", "zsh"], dir.path())).contains("#compdef dyad"));
    let bad = dyad(&["completions", "cmd.exe"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
    let man = ok(&dyad(&["man"], dir.path()));
    assert!(
        man.starts_with(".ie") || man.contains(".TH dyad 1"),
        "{man}"
    );
    assert!(man.contains(".TH dyad 1"));
    assert!(man.contains("dyad report"), "a section per subcommand");
    assert!(man.contains("\\-\\-since"));
}
