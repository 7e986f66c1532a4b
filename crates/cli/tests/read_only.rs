//! Read commands never write: they open the database read-only, refuse a
//! file that is not dyad's or has a newer schema, and work in a folder
//! they cannot write. Only ingest creates and migrates.

use std::path::Path;
use std::process::{Command, Output, Stdio};

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

/// Every file in `dir` with its size and a hash of its bytes.
fn snapshot(dir: &Path) -> Vec<(String, usize, u64)> {
    use std::hash::{Hash, Hasher};
    let mut v: Vec<(String, usize, u64)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_default();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, bytes.len(), h.finish())
        })
        .collect();
    v.sort();
    v
}

const READS: [&[&str]; 4] = [
    &["events"],
    &["agreements"],
    &["report", "KAZ", "BGR"],
    &["export", "--format", "jsonl"],
];

#[test]
fn a_foreign_sqlite_file_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("other-app.sqlite");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
             INSERT INTO notes (body) VALUES ('keep me');",
        )
        .unwrap();
    }
    let before = snapshot(tmp.path());
    for args in READS.iter().chain([&["ingest", "-"][..]].iter()) {
        let mut a = args.to_vec();
        a.extend(["--db", "other-app.sqlite"]);
        let out = dyad(&a, tmp.path());
        let err = stderr(&out);
        assert!(!out.status.success(), "{a:?}: {err}");
        assert!(err.contains("is not a dyad database"), "{a:?}: {err}");
        assert!(err.contains("notes"), "names what it found: {err}");
        assert_eq!(snapshot(tmp.path()), before, "{a:?} changed the folder");
    }
}

/// `dyad ARGS` as a user who cannot write `dir`: as root (whom
/// permissions do not stop) through `setpriv` as nobody.
fn dyad_without_write(args: &[&str], dir: &Path) -> Option<Output> {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_dyad"),
        ]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_dyad"))
    };
    let out = cmd
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    // No setpriv (or not allowed): say so instead of passing silently.
    if root && out.status.code() == Some(127) {
        return None;
    }
    Some(out)
}

#[test]
fn reads_work_in_a_read_only_folder_and_write_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let news = tmp.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    std::fs::write(
        news.join("a.txt"),
        "date 2025-05-02\n\nSOFIA — Kazakhstan and Bulgaria signed a roadmap on \
         agriculture in Sofia on Friday, the ministry said.\n",
    )
    .unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let out = dyad(&["ingest", "../news", "--db", "t.sqlite"], &data);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = snapshot(&data);
    // Readable by all, writable by none.
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    mode(tmp.path(), 0o755).unwrap();
    mode(&data, 0o555).unwrap();
    mode(&data.join("t.sqlite"), 0o444).unwrap();
    let mut failures = Vec::new();
    for args in READS {
        let mut a = args.to_vec();
        a.extend(["--db", "t.sqlite"]);
        let Some(out) = dyad_without_write(&a, &data) else {
            std::io::Write::write_fmt(
                &mut std::io::stderr(),
                format_args!("skipped: setpriv is not available to drop root\n"),
            )
            .ok();
            mode(&data, 0o755).unwrap();
            return;
        };
        if !out.status.success() {
            failures.push(format!("{a:?}: {}", stderr(&out)));
        }
    }
    let after = snapshot(&data);
    mode(&data, 0o755).unwrap();
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(after, before, "a read changed the folder");
}

/// In a folder it may write, a read leaves the database file as it was
/// (SQLite may add the `-shm`/`-wal` files a WAL reader shares).
#[test]
fn reads_leave_the_database_file_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("a.txt"),
        "date 2025-05-02\n\nSOFIA — Kazakhstan and Bulgaria signed a roadmap on \
         agriculture in Sofia on Friday, the ministry said.\n",
    )
    .unwrap();
    let out = dyad(&["ingest", "a.txt", "--db", "t.sqlite"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let db = |v: Vec<(String, usize, u64)>| v.into_iter().find(|f| f.0 == "t.sqlite");
    let before = db(snapshot(tmp.path()));
    for args in READS {
        let mut a = args.to_vec();
        a.extend(["--db", "t.sqlite"]);
        let out = dyad(&a, tmp.path());
        assert!(out.status.success(), "{a:?}: {}", stderr(&out));
        assert_eq!(db(snapshot(tmp.path())), before, "{a:?}");
    }
}

#[test]
fn a_newer_schema_is_refused_by_reads() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("note.txt"),
        "Kazakhstan and Bulgaria held talks in Sofia on Monday.\n",
    )
    .unwrap();
    let out = dyad(&["ingest", "note.txt", "--db", "t.sqlite"], tmp.path());
    assert!(tmp.path().join("t.sqlite").exists(), "{}", stderr(&out));
    {
        let c = rusqlite::Connection::open(tmp.path().join("t.sqlite")).unwrap();
        c.execute_batch("PRAGMA user_version = 999;").unwrap();
    }
    let db = |v: Vec<(String, usize, u64)>| v.into_iter().find(|f| f.0 == "t.sqlite");
    let before = db(snapshot(tmp.path()));
    let out = dyad(&["events", "--db", "t.sqlite"], tmp.path());
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("schema version 999, newer"), "{err}");
    assert_eq!(db(snapshot(tmp.path())), before);
}
