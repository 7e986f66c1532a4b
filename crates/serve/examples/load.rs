//! A small load client for `dyad serve`: N requests of mixed API queries
//! over C concurrent keep-alive connections; prints errors and latency
//! percentiles.
//!
//! ```text
//! dyad serve --db dyad.sqlite --addr 127.0.0.1:8080 &
//! cargo run --release -p dyad-serve --example load -- 127.0.0.1:8080 1000 16 KAZ BGR
//! ```
//!
//! Arguments: address, requests (1000), connections (16), the pair to ask
//! reports for (KAZ BGR), then optionally `--without SUBSTRING` to leave
//! out the queries whose path contains it. Any answer other than 200, and
//! any I/O failure (or a wait over 300 s), counts as an error; the exit
//! code is 1 when there was one.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request on a keep-alive connection; the status and body.
fn request(
    conn: &mut Option<BufReader<TcpStream>>,
    addr: &str,
    path: &str,
) -> std::io::Result<(u16, Vec<u8>)> {
    if conn.is_none() {
        let s = TcpStream::connect(addr)?;
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(Duration::from_secs(300)))?;
        *conn = Some(BufReader::new(s));
    }
    let r = conn.as_mut().expect("connected above");
    write!(
        r.get_mut(),
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/json\r\n\r\n"
    )?;
    let mut line = String::new();
    r.read_line(&mut line)?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = None;
    let mut close = false;
    loop {
        line.clear();
        r.read_line(&mut line)?;
        let l = line.trim_end().to_ascii_lowercase();
        if l.is_empty() {
            break;
        }
        if let Some(v) = l.strip_prefix("content-length:") {
            length = v.trim().parse::<usize>().ok();
        }
        if l == "connection: close" {
            close = true;
        }
    }
    let length = length.ok_or_else(|| std::io::Error::other("no content-length"))?;
    let mut body = vec![0; length];
    r.read_exact(&mut body)?;
    if close {
        *conn = None;
    }
    Ok((status, body))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let addr = args
        .first()
        .cloned()
        .unwrap_or_else(|| "127.0.0.1:8080".into());
    let total: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let conns: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(16);
    let a = args.get(3).cloned().unwrap_or_else(|| "KAZ".into());
    let b = args.get(4).cloned().unwrap_or_else(|| "BGR".into());

    // A document id to ask for, from the first event of the pair.
    let mut c = None;
    let doc = request(
        &mut c,
        &addr,
        &format!("/api/events?country={a},{b}&limit=1"),
    )
    .ok()
    .and_then(|(_, body)| {
        let v: serde_json::Value = serde_json::from_slice(&body).ok()?;
        v["items"][0]["doc_id"].as_str().map(str::to_string)
    })
    .unwrap_or_else(|| "0000000000000000".into());

    let paths: Vec<String> = vec![
        format!("/api/report/{a}/{b}"),
        format!("/api/report/{a}/{b}?since=2025-01-01"),
        format!("/api/events?country={a},{b}"),
        "/api/events?country=USA&limit=50".into(),
        "/api/events?code=04&limit=100".into(),
        "/api/events?root=5&offset=100&limit=100".into(),
        "/api/events?text=O%27Brien%27s%20%22x%22%3B%20--&limit=10".into(),
        format!("/api/agreements?country={a}"),
        "/api/agreements?type=memorandum&limit=50".into(),
        "/api/figures?measure=trade&limit=100".into(),
        "/api/figures?country=USA,JPN&since=1987-01-01&limit=50".into(),
        "/api/quotes?text=trade&limit=20".into(),
        "/api/quotes?speaker=Reagan&limit=20".into(),
        "/api/topics?limit=50".into(),
        format!("/api/documents/{doc}"),
        "/api/pairs".into(),
        "/api/stats".into(),
        "/openapi.json".into(),
        format!("/pair/{a}/{b}"),
    ];
    let without: Vec<&String> = args
        .iter()
        .skip(5)
        .zip(args.iter().skip(6))
        .filter(|(flag, _)| *flag == "--without")
        .map(|(_, v)| v)
        .collect();
    let paths: Vec<String> = paths
        .into_iter()
        .filter(|p| !without.iter().any(|w| p.contains(w.as_str())))
        .collect();
    println!("{} distinct queries, in turn", paths.len());
    let paths = Arc::new(paths);
    let next = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(total)));
    let errors = Arc::new(Mutex::new(Vec::new()));
    let t0 = Instant::now();
    let workers: Vec<_> = (0..conns)
        .map(|_| {
            let (paths, next, latencies, errors, addr) = (
                Arc::clone(&paths),
                Arc::clone(&next),
                Arc::clone(&latencies),
                Arc::clone(&errors),
                addr.clone(),
            );
            std::thread::spawn(move || {
                let mut conn = None;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        break;
                    }
                    let path = &paths[i % paths.len()];
                    let t = Instant::now();
                    let res = request(&mut conn, &addr, path);
                    let dt = t.elapsed();
                    match res {
                        Ok((200, _)) => {}
                        Ok((s, body)) => errors
                            .lock()
                            .expect("errors lock")
                            .push(format!("{path}: {s} {}", String::from_utf8_lossy(&body))),
                        Err(e) => {
                            conn = None;
                            errors
                                .lock()
                                .expect("errors lock")
                                .push(format!("{path}: {e}"));
                        }
                    }
                    latencies.lock().expect("latency lock").push(dt);
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("worker");
    }
    let wall = t0.elapsed();
    let mut l = latencies.lock().expect("latency lock").clone();
    l.sort();
    let pct = |p: f64| l[((l.len() as f64 * p).ceil() as usize).clamp(1, l.len()) - 1];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let errors = errors.lock().expect("errors lock");
    println!(
        "requests {} over {conns} connections in {:.2}s ({:.0} req/s); errors {}",
        l.len(),
        wall.as_secs_f64(),
        l.len() as f64 / wall.as_secs_f64(),
        errors.len()
    );
    println!(
        "latency ms: p50 {:.1}  p90 {:.1}  p99 {:.1}  max {:.1}",
        ms(pct(0.50)),
        ms(pct(0.90)),
        ms(pct(0.99)),
        ms(pct(1.0))
    );
    for e in errors.iter().take(10) {
        println!("error: {e}");
    }
    if !errors.is_empty() {
        std::process::exit(1);
    }
}
