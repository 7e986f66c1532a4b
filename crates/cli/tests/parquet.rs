//! `dyad export --format parquet -o DIR`, read back with the parquet crate
//! and, when `DYAD_TEST_DUCKDB` is set (`.ci/setup-duckdb.sh`), with
//! DuckDB: row counts per table equal the store's, and columns have their
//! types. The articles are the team's.
#![cfg(feature = "parquet")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

const DYAD: &str = env!("CARGO_BIN_EXE_dyad");

const ARTICLES: &[(&str, &str)] = &[
    (
        "wire.jsonl",
        r#"{"id": "v1", "date": "2025-06-09", "url": "https://news.example.org/radev-astana", "text": "ASTANA — Bulgarian President Rumen Radev held talks with Kazakh President Kassym-Jomart Tokayev in Astana on Monday.\n\nThe two presidents signed a memorandum on cooperation in energy and transport. Trade between Bulgaria and Kazakhstan reached $83 million in 2024.\n\n“Kazakhstan is our key partner in Central Asia,” Radev said."}
{"id": "v2", "date": "2024-11-20", "text": "TASHKENT — Uzbek President Shavkat Mirziyoyev met Hungarian Prime Minister Viktor Orbán in Tashkent on Wednesday. The two leaders signed an agreement on cooperation in agriculture."}
"#,
    ),
    (
        "undated.txt",
        "SOFIA — Bulgarian President Rumen Radev met German Chancellor Friedrich Merz in Sofia to discuss energy security.\n",
    ),
];

/// The tables, with the store's table each is counted against.
const TABLES: &[(&str, &str)] = &[
    ("documents", "documents"),
    ("events", "events"),
    ("agreements", "agreements"),
    ("parties", "agreement_parties"),
    ("quantities", "quantities"),
    ("quotes", "quotes"),
    ("topics", "topics"),
];

fn dyad(args: &[&str], cwd: &Path) -> Output {
    Command::new(DYAD)
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run dyad")
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "dyad failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn parquet_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            parquet_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "parquet") {
            out.push(p);
        }
    }
}

fn store_counts(db: &Path) -> BTreeMap<&'static str, u64> {
    let c = rusqlite::Connection::open(db).unwrap();
    TABLES
        .iter()
        .map(|(t, store)| {
            let n: i64 = c
                .query_row(&format!("SELECT COUNT(*) FROM {store}"), [], |r| r.get(0))
                .unwrap();
            (*t, n as u64)
        })
        .collect()
}

fn setup() -> (tempfile::TempDir, BTreeMap<&'static str, u64>) {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("articles");
    std::fs::create_dir(&a).unwrap();
    for (name, text) in ARTICLES {
        std::fs::write(a.join(name), text).unwrap();
    }
    ok(&dyad(
        &["ingest", "articles", "--db", "t.sqlite"],
        dir.path(),
    ));
    ok(&dyad(
        &[
            "export", "--format", "parquet", "-o", "pq", "--db", "t.sqlite",
        ],
        dir.path(),
    ));
    let counts = store_counts(&dir.path().join("t.sqlite"));
    (dir, counts)
}

#[test]
fn parquet_reads_back_with_the_store_s_counts_and_types() {
    let (dir, counts) = setup();
    assert_eq!(counts["documents"], 3);
    assert!(counts["events"] > 0 && counts["agreements"] > 0 && counts["parties"] > 0);
    let pq = dir.path().join("pq");
    for (table, _) in TABLES {
        let mut files = Vec::new();
        parquet_files(&pq.join(table), &mut files);
        assert!(!files.is_empty(), "{table}: no files");
        let mut rows = 0u64;
        for f in &files {
            let rel = f.strip_prefix(&pq).unwrap().to_string_lossy().to_string();
            let b =
                ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(f).unwrap()).unwrap();
            let schema = b.schema().clone();
            let ty = |c: &str| schema.field_with_name(c).unwrap().data_type().clone();
            assert_eq!(ty("doc_id"), DataType::Utf8, "{rel}");
            if *table != "documents" && *table != "parties" {
                assert_eq!(
                    (ty("ev_start"), ty("ev_end")),
                    (DataType::Int64, DataType::Int64)
                );
            }
            match *table {
                "documents" => {
                    assert_eq!(ty("date"), DataType::Date32);
                    assert!(matches!(ty("ingested"), DataType::Timestamp(..)));
                }
                "events" => {
                    assert_eq!(ty("code"), DataType::Utf8);
                    assert_eq!(ty("date"), DataType::Date32);
                    assert_eq!(ty("goldstein"), DataType::Float32);
                }
                "quantities" => assert_eq!(ty("value"), DataType::Float64),
                _ => {}
            }
            for batch in b.build().unwrap() {
                rows += batch.unwrap().num_rows() as u64;
            }
            // Partitioned by the document's year and month.
            if rows > 0 {
                assert!(rel.contains("/year=") && rel.contains("/month="), "{rel}");
            }
        }
        assert_eq!(rows, counts[table], "{table}");
    }
    assert!(pq
        .join("documents/year=2025/month=6/part-0.parquet")
        .is_file());
    assert!(pq
        .join("documents/year=2024/month=11/part-0.parquet")
        .is_file());
    // A second export into the same folder is refused.
    let again = dyad(
        &[
            "export", "--format", "parquet", "-o", "pq", "--db", "t.sqlite",
        ],
        dir.path(),
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}

/// The same files through DuckDB (Python), which CI installs.
#[test]
fn duckdb_reads_the_parquet_export() {
    if std::env::var_os("DYAD_TEST_DUCKDB").is_none() {
        eprintln!("skipped: DYAD_TEST_DUCKDB is not set (see .ci/setup-duckdb.sh)");
        return;
    }
    let (dir, counts) = setup();
    let script = r#"
import json, sys, duckdb
root = sys.argv[1]
con = duckdb.connect()
out = {}
for t in ["documents", "events", "agreements", "parties", "quantities", "quotes", "topics"]:
    rel = f"read_parquet('{root}/{t}/**/*.parquet', hive_partitioning = true, union_by_name = true)"
    n = con.execute(f"SELECT count(*) FROM {rel}").fetchone()[0]
    types = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM {rel}").fetchall()}
    out[t] = {"rows": n, "types": types}
print(json.dumps(out))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(dir.path().join("pq"))
        .output()
        .expect("DYAD_TEST_DUCKDB is set but python3 cannot run");
    assert!(
        out.status.success(),
        "DYAD_TEST_DUCKDB is set but DuckDB could not read the export:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (table, _) in TABLES {
        assert_eq!(v[table]["rows"].as_u64(), Some(counts[table]), "{table}");
        assert_eq!(v[table]["types"]["doc_id"], "VARCHAR", "{table}");
    }
    let ty = |t: &str, c: &str| v[t]["types"][c].as_str().unwrap_or("").to_string();
    assert_eq!(ty("documents", "date"), "DATE");
    assert!(ty("documents", "ingested").starts_with("TIMESTAMP"));
    assert_eq!(ty("events", "date"), "DATE");
    assert_eq!(ty("events", "code"), "VARCHAR");
    assert_eq!(ty("events", "ev_start"), "BIGINT");
    assert_eq!(ty("events", "quad_class"), "INTEGER");
    assert_eq!(ty("quantities", "value"), "DOUBLE");
    assert_eq!(ty("events", "year"), "BIGINT");
}
