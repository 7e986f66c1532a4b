//! `dyad ingest` end to end: the real binary on articles written for these
//! tests, stored in a SQLite file in a temporary folder.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use dyad_store::{DocFilter, Store};

const VISIT: &str = "date 2025-04-14

TASHKENT — Uzbek President Aziz Karimov received Hungarian Foreign Minister
Gabor Kovacs on Monday. The sides discussed trade, transport corridors and
cooperation in water management. Trade between Uzbekistan and Hungary grew
by 20 percent last year, Karimov said.
";

const FORUM: &str = "date 2025-05-02

SOFIA — More than 40 Kazakh and Bulgarian companies took part in a business
forum in Sofia on Friday. Bulgaria's Minister of Economy said the two
countries would sign a roadmap on agriculture and logistics by the end of
the year.
";

const HOSTILE: &str = "date 2025-05-20

ASTANA — A spokesperson for the ministry said a hoax press release containing
<script>alert('x')</script> and the words '; DROP TABLE documents; -- had been
circulated online. \"We did not publish it,\" she said of the 100% fake text.
";

fn dyad(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("the dyad binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn summary(o: &Output) -> String {
    stderr(o).lines().last().unwrap_or_default().to_string()
}

fn write(dir: &Path, name: &str, text: &[u8]) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

fn open(db: &Path) -> Box<dyn Store> {
    dyad_store::open(db.to_str().unwrap()).unwrap()
}

#[test]
fn stores_once_and_reingest_stores_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let news = tmp.path().join("news");
    write(&news, "visit.txt", VISIT.as_bytes());
    write(&news, "forum.txt", FORUM.as_bytes());
    // The same article again, wrapped differently: one document.
    write(
        &news,
        "visit-copy.txt",
        VISIT.replace("Gabor", "\nGabor").as_bytes(),
    );

    let first = dyad(&["ingest", "news", "--db", "t.sqlite"], tmp.path());
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(summary(&first), "read 3, stored 2, duplicates 1, failed 0");
    assert!(first.stdout.is_empty());

    let again = dyad(&["ingest", "news", "--db", "t.sqlite"], tmp.path());
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(summary(&again), "read 3, stored 0, duplicates 3, failed 0");

    let store = open(&tmp.path().join("t.sqlite"));
    assert_eq!(store.stats().unwrap().documents, 2);
    let docs = store.extractions(&DocFilter::default()).unwrap();
    assert!(docs[0]
        .doc
        .text
        .as_deref()
        .unwrap()
        .contains("Aziz Karimov"));
}

#[test]
fn bad_file_is_named_and_the_others_are_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let news = tmp.path().join("news");
    write(&news, "a-visit.txt", VISIT.as_bytes());
    write(
        &news,
        "b-photo.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0",
    );
    write(&news, "c-forum.txt", FORUM.as_bytes());

    let out = dyad(&["ingest", "news", "--db", "t.sqlite"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let bad: Vec<&str> = err.lines().filter(|l| l.contains("b-photo.png")).collect();
    assert_eq!(bad.len(), 1, "{err}");
    assert!(bad[0].starts_with("dyad: "), "{err}");
    assert_eq!(summary(&out), "read 2, stored 2, duplicates 0, failed 1");
    assert_eq!(
        open(&tmp.path().join("t.sqlite"))
            .stats()
            .unwrap()
            .documents,
        2
    );
}

#[test]
fn nothing_readable_exits_one() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "empty.txt", b"");
    let out = dyad(&["ingest", "empty.txt", "--db", "t.sqlite"], tmp.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("empty.txt"));
    assert_eq!(summary(&out), "read 0, stored 0, duplicates 0, failed 1");
}

#[test]
fn unusable_database_exits_two_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "visit.txt", VISIT.as_bytes());
    let out = dyad(
        &["ingest", "visit.txt", "--db", "no/such/dir/t.sqlite"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no/such/dir/t.sqlite"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn hostile_text_round_trips_intact() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "hoax.txt", HOSTILE.as_bytes());
    let out = dyad(&["ingest", "hoax.txt", "--db", "t.sqlite"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(summary(&out), "read 1, stored 1, duplicates 0, failed 0");

    // What was stored is exactly what the reader made of the file.
    let read: Vec<_> = dyad_read::read_paths(
        &[tmp.path().join("hoax.txt")],
        &dyad_read::ReadOptions::default(),
    )
    .collect();
    let expected = read[0].as_ref().unwrap();
    let store = open(&tmp.path().join("t.sqlite"));
    let (doc, ex) = store.document(&expected.id).unwrap().unwrap();
    assert_eq!(doc.text, expected.text);
    assert!(
        doc.text.contains("<script>alert('x')</script>"),
        "{}",
        doc.text
    );
    assert!(
        doc.text.contains("'; DROP TABLE documents; --"),
        "{}",
        doc.text
    );
    assert_eq!(ex.doc.text.as_deref(), Some(doc.text.as_str()));
    let found = store
        .extractions(&DocFilter {
            text: Some("'; DROP TABLE".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
}

#[test]
fn reads_standard_input() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", "-", "--db", "t.sqlite"])
        .current_dir(tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(FORUM.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(summary(&out), "read 1, stored 1, duplicates 0, failed 0");
}

/// A killed ingest leaves a database that opens, holds whole documents
/// only, and a second run completes the job.
#[test]
fn killed_ingest_resumes() {
    let tmp = tempfile::tempdir().unwrap();
    let news = tmp.path().join("news");
    let n: u64 = 1500;
    for i in 0..n {
        let text = format!(
            "date 2025-03-{:02}\n\nBAKU — Azerbaijani and Georgian officials met for round {i} of \
             talks on the Baku-Tbilisi-Kars railway. Freight volumes reached {i} thousand \
             tonnes, the ministry said.\n",
            i % 28 + 1
        );
        write(&news, &format!("{i:05}.txt"), text.as_bytes());
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", "news", "--db", "t.sqlite"])
        .current_dir(tmp.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as its first batch is committed (or give up waiting
    // after 60 s: then the run finished, which the checks below also hold).
    let db = tmp.path().join("t.sqlite");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        if matches!(child.try_wait(), Ok(Some(_))) {
            break;
        }
        let stored = db.exists() && open(&db).stats().unwrap().documents > 0;
        if stored {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();

    let store = open(&db);
    let at_kill = store.stats().unwrap();
    assert!(at_kill.documents > 0);
    eprintln!("stored when killed: {} of {n}", at_kill.documents);
    // Every stored document comes back whole, with its facts.
    for ex in store.extractions(&DocFilter::default()).unwrap() {
        let text = ex.doc.text.unwrap();
        assert_eq!(ex.doc.chars, text.chars().count());
        assert!(text.ends_with("the ministry said."), "{text}");
    }
    drop(store);
    let out = dyad(&["ingest", "news", "--db", "t.sqlite"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let store = open(&db);
    assert_eq!(store.stats().unwrap().documents, n);
    assert!(summary(&out).starts_with(&format!("read {n}, stored ")));
    let resumed = n - at_kill.documents;
    assert_eq!(
        summary(&out),
        format!(
            "read {n}, stored {resumed}, duplicates {}, failed 0",
            at_kill.documents
        )
    );
}

/// The same job against PostgreSQL, when `DYAD_TEST_POSTGRES_URL` is set
/// (`.ci/setup-postgres.sh`), in a schema of its own.
#[test]
fn ingests_into_postgres() {
    let Ok(url) = std::env::var("DYAD_TEST_POSTGRES_URL") else {
        std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!(
                "skipped: DYAD_TEST_POSTGRES_URL is not set (see .ci/setup-postgres.sh)\n"
            ),
        )
        .ok();
        return;
    };
    let schema = format!("dyad_cli_test_{}", std::process::id());
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
        ))
        .unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    let db = format!("{url}{sep}options=-csearch_path%3D{schema}");

    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "visit.txt", VISIT.as_bytes());
    write(tmp.path(), "hoax.txt", HOSTILE.as_bytes());
    let first = dyad(&["ingest", ".", "--db", &db], tmp.path());
    let again = dyad(&["ingest", ".", "--db", &db], tmp.path());
    let stored = dyad_store::open(&db).map(|s| {
        let n = s.stats().unwrap().documents;
        let hoax = s
            .extractions(&DocFilter {
                text: Some("'; DROP TABLE".into()),
                ..Default::default()
            })
            .unwrap();
        (n, hoax.len())
    });
    admin
        .batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
        .unwrap();

    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(summary(&first), "read 2, stored 2, duplicates 0, failed 0");
    assert_eq!(summary(&again), "read 2, stored 0, duplicates 2, failed 0");
    assert_eq!(stored.unwrap(), (2, 1));
    // The password never shows in messages.
    let host = url
        .split_once('@')
        .map_or_else(|| url.split_once("://").unwrap().1, |(_, h)| h);
    let bad = format!("postgres://nobody:secret@{host}");
    let out = dyad(&["ingest", ".", "--db", &bad], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nobody:***@"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("secret"), "{}", stderr(&out));
}
