//! A report whose client leaves, or whose time runs out, stops reading the
//! store: the real connection loop on a loopback port, over a store that
//! takes 100 ms per read of documents and counts the reads.

mod fixture;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use dyad_model::{Agreement, Event, Extraction, Quantity, Quote, Topic};
use dyad_serve::{Guard, Limits};
use dyad_store::{
    AgreementFilter, Backend, BatchOutcome, DocFilter, EventFilter, FigureFilter, QuoteFilter, Row,
    SqliteStore, Stats, Store, TopicFilter,
};

/// The fixture's store, slowed down: every `extractions` call sleeps
/// 100 ms and answers `limit` documents (the fixture's, repeated), so that
/// a report needs ten reads of 50.
#[derive(Debug)]
struct Slow {
    inner: SqliteStore,
    reads: AtomicUsize,
}

impl Store for Slow {
    fn backend(&self) -> Backend {
        self.inner.backend()
    }
    fn put_batch(
        &self,
        docs: &[(dyad_model::Document, Extraction)],
    ) -> dyad_store::Result<BatchOutcome> {
        self.inner.put_batch(docs)
    }
    fn existing(&self, ids: &[&str]) -> dyad_store::Result<std::collections::HashSet<String>> {
        self.inner.existing(ids)
    }
    fn document(&self, id: &str) -> dyad_store::Result<Option<(dyad_model::Document, Extraction)>> {
        self.inner.document(id)
    }
    fn extractions(&self, f: &DocFilter) -> dyad_store::Result<Vec<Extraction>> {
        self.reads.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(100));
        let some = self.inner.extractions(&DocFilter {
            countries: f.countries.clone(),
            ..DocFilter::default()
        })?;
        let n = usize::try_from(f.limit.unwrap_or(1)).unwrap_or(1);
        Ok(some.iter().cycle().take(n).cloned().collect())
    }
    fn events(&self, f: &EventFilter) -> dyad_store::Result<Vec<Row<Event>>> {
        self.inner.events(f)
    }
    fn agreements(&self, f: &AgreementFilter) -> dyad_store::Result<Vec<Row<Agreement>>> {
        self.inner.agreements(f)
    }
    fn figures(&self, f: &FigureFilter) -> dyad_store::Result<Vec<Row<Quantity>>> {
        self.inner.figures(f)
    }
    fn quotes(&self, f: &QuoteFilter) -> dyad_store::Result<Vec<Row<Quote>>> {
        self.inner.quotes(f)
    }
    fn topics(&self, f: &TopicFilter) -> dyad_store::Result<Vec<Row<Topic>>> {
        self.inner.topics(f)
    }
    fn stats(&self) -> dyad_store::Result<Stats> {
        self.inner.stats()
    }
}

struct Running {
    addr: SocketAddr,
    store: Arc<Slow>,
    _dir: tempfile::TempDir,
}

/// The server over the slow store on a loopback port, in its own runtime.
fn start(guard: Guard) -> Running {
    let dir = tempfile::tempdir().expect("temp dir");
    let inner = SqliteStore::open(dir.path().join("dyad.sqlite")).expect("open store");
    fixture::load(&inner);
    let store = Arc::new(Slow {
        inner,
        reads: AtomicUsize::new(0),
    });
    let app = dyad_serve::router_guarded(Arc::clone(&store) as Arc<dyn Store>, Vec::new(), guard);
    let std_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    std_listener.set_nonblocking(true).expect("nonblocking");
    let addr = std_listener.local_addr().expect("address");
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(std_listener).expect("listener");
            let _ = dyad_serve::serve_with(
                listener,
                app,
                Limits::default(),
                std::future::pending::<()>(),
            )
            .await;
        });
    });
    Running {
        addr,
        store,
        _dir: dir,
    }
}

/// A whole answer on a fresh connection: status line, headers and body.
fn fetch(addr: SocketAddr, path: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).expect("answer");
    out
}

fn work(addr: SocketAddr) -> serde_json::Value {
    let answer = fetch(addr, "/api/server");
    let body = answer.split("\r\n\r\n").nth(1).expect("a body");
    serde_json::from_str(body).expect("JSON")
}

/// Waits until `done` holds of `/api/server`'s counters (at most 10 s).
fn wait_for(addr: SocketAddr, done: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let t = Instant::now();
    loop {
        let w = work(addr);
        if done(&w) || t.elapsed() > Duration::from_secs(10) {
            return w;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_report_stops_reading_when_its_client_leaves() {
    let server = start(Guard::default());
    let addr = server.addr;

    // A report to the end reads ten parts of 50 documents.
    let answer = fetch(addr, "/api/report/UZB/HUN");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("x-dyad-next-offset: 500"),
        "{answer}"
    );
    assert_eq!(server.store.reads.load(Ordering::SeqCst), 10);
    let w = work(addr);
    assert_eq!(w["reports_finished"], 1, "{w}");
    assert_eq!(w["report_documents"], 500, "{w}");

    // A client that asks and leaves after 250 ms (two or three reads).
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET /api/report/UZB/HUN?offset=500 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(250));
    drop(s);
    let w = wait_for(addr, |w| w["reports_cancelled"] == 1);
    assert_eq!(w["reports_cancelled"], 1, "the report went on: {w}");
    assert_eq!(w["reports_finished"], 1, "{w}");
    let reads = server.store.reads.load(Ordering::SeqCst) - 10;
    assert!(
        (1..=5).contains(&reads),
        "{reads} reads after the client left"
    );
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(
        server.store.reads.load(Ordering::SeqCst) - 10,
        reads,
        "reads went on after the report was cancelled"
    );
    let docs = w["report_documents"].as_u64().unwrap() - 500;
    assert!(docs < 500, "{docs} documents read for the cancelled report");
}

#[test]
fn a_report_out_of_time_stops_reading() {
    let server = start(Guard {
        request_timeout: Duration::from_millis(300),
        ..Guard::default()
    });
    let addr = server.addr;
    let answer = fetch(addr, "/api/report/UZB/HUN");
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("\"code\":\"timeout\""), "{answer}");
    let w = wait_for(addr, |w| w["reports_cancelled"] == 1);
    assert_eq!(w["reports_cancelled"], 1, "{w}");
    assert_eq!(w["reports_finished"], 0, "{w}");
    let reads = server.store.reads.load(Ordering::SeqCst);
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(server.store.reads.load(Ordering::SeqCst), reads);
    assert!(reads < 10, "{reads} reads for a report cancelled at 300 ms");
}
