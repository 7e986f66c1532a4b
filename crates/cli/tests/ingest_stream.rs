//! JSON Lines are ingested as a stream, in bounded memory: a 200 MB file,
//! and more than the 20 MB file limit on standard input, stored as the
//! lines arrive. Each line carries 500 KB of a field the reader ignores
//! (so the input is large but cheap to extract) and a short article
//! written for this test. The child's peak memory (`VmHWM`) is sampled
//! from `/proc`.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Bytes of ignored padding per line.
const PAD: usize = 500 * 1024;

fn line(i: usize) -> String {
    format!(
        "{{\"date\": \"2025-03-01\", \"padding\": \"{}\", \"text\": \"Kazakhstan and Bulgaria \
         signed {i} agreements on trade in Sofia on Friday, the ministry said.\"}}\n",
        "x".repeat(PAD)
    )
}

fn documents(db: &Path) -> usize {
    if !db.exists() {
        return 0;
    }
    let Ok(c) =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    c.query_row("SELECT COUNT(*) FROM documents", [], |r| r.get::<_, i64>(0))
        .map_or(0, |n| usize::try_from(n).unwrap_or(0))
}

/// The peak resident memory of a running process, in MB.
fn peak_mb(pid: u32) -> Option<f64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let l = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = l[6..].split_whitespace().next()?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Waits for `child` to end, sampling its peak memory; the exit status,
/// its stderr and the largest peak seen.
fn finish(mut child: Child) -> (bool, String, f64) {
    let pid = child.id();
    let mut peak = 0f64;
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut err, &mut s).ok();
        s
    });
    let status = loop {
        if let Some(p) = peak_mb(pid) {
            peak = peak.max(p);
        }
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.success(), reader.join().unwrap(), peak)
}

/// Peak memory of ingesting one short document: the baseline (the model
/// and the runtime).
fn baseline(dir: &Path) -> f64 {
    let input = dir.join("one.jsonl");
    std::fs::write(&input, line(100_000)).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", "one.jsonl", "--db", "one.sqlite", "--jobs", "2"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (ok, err, peak) = finish(child);
    assert!(ok, "{err}");
    peak
}

#[test]
fn a_200_mb_json_lines_file_ingests_in_bounded_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let base = baseline(tmp.path());
    let n = 200 * 1024 * 1024 / PAD + 1;
    {
        let mut f =
            std::io::BufWriter::new(std::fs::File::create(tmp.path().join("big.jsonl")).unwrap());
        for i in 0..n {
            f.write_all(line(i).as_bytes()).unwrap();
        }
    }
    let size = std::fs::metadata(tmp.path().join("big.jsonl"))
        .unwrap()
        .len();
    assert!(size >= 200 * 1024 * 1024, "{size}");
    let t = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", "big.jsonl", "--db", "t.sqlite", "--jobs", "2"])
        .current_dir(tmp.path())
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (ok, err, peak) = finish(child);
    eprintln!(
        "{} MB in {:.1}s: peak {peak:.0} MB (one document: {base:.0} MB); {}",
        size / (1024 * 1024),
        t.elapsed().as_secs_f64(),
        err.lines().last().unwrap_or("")
    );
    assert!(ok, "{err}");
    assert!(
        err.ends_with(&format!("read {n}, stored {n}, duplicates 0, failed 0\n")),
        "{err}"
    );
    assert_eq!(documents(&tmp.path().join("t.sqlite")), n);
    // Bounded by the batches in flight, never by the file (200 MB).
    assert!(
        peak < base + 150.0,
        "peak {peak:.0} MB, baseline {base:.0} MB"
    );
}

#[test]
fn standard_input_beyond_20_mb_is_stored_as_it_arrives_in_bounded_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("t.sqlite");
    let base = baseline(tmp.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", "-", "--db", "t.sqlite", "--jobs", "2"])
        .current_dir(tmp.path())
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // 60 MB, then a pause with the producer still there.
    let first = 120;
    for i in 0..first {
        input.write_all(line(i).as_bytes()).unwrap();
    }
    input.flush().unwrap();
    let t = Instant::now();
    while documents(&db) < first && t.elapsed() < Duration::from_secs(120) {
        assert!(child.try_wait().unwrap().is_none(), "ingest ended early");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(documents(&db), first, "stored before the end of the input");
    // 60 MB more, then the end.
    for i in first..2 * first {
        input.write_all(line(i).as_bytes()).unwrap();
    }
    drop(input);
    let (ok, err, peak) = finish(child);
    eprintln!("stdin 120 MB: peak {peak:.0} MB (one document: {base:.0} MB)");
    assert!(ok, "{err}");
    let n = 2 * first;
    assert!(
        err.ends_with(&format!("read {n}, stored {n}, duplicates 0, failed 0\n")),
        "{err}"
    );
    assert_eq!(documents(&db), n);
    assert!(
        peak < base + 150.0,
        "peak {peak:.0} MB, baseline {base:.0} MB"
    );
}
