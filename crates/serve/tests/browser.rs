//! The pair page in a real browser: headless Chromium driven through
//! chromedriver (W3C WebDriver, spoken over a plain HTTP/1.1 socket).
//!
//! Skips with a note when Chromium or chromedriver is absent, unless
//! `DYAD_REQUIRE_BROWSER=1` (set by `.ci/setup-chromium.sh`), which makes
//! their absence a failure.

#![cfg(unix)]

mod fixture;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use dyad_store::{SqliteStore, Store};

fn find(env: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Ok(p) = std::env::var(env) {
        return Some(PathBuf::from(p)).filter(|p| p.exists());
    }
    candidates.iter().map(PathBuf::from).find(|p| p.exists())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// One HTTP/1.1 request, `Connection: close`; the JSON body of the answer.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).ok();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).expect("send");
    // Read the head, then as many body bytes as it announces (servers may
    // keep the connection open despite `Connection: close`).
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = s.read(&mut buf).expect("receive");
        assert!(n > 0, "connection closed before the response head");
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let mut body = raw[head_end + 4..].to_vec();
    match length {
        Some(n) => {
            while body.len() < n {
                let k = s.read(&mut buf).expect("receive body");
                if k == 0 {
                    break;
                }
                body.extend_from_slice(&buf[..k]);
            }
            body.truncate(n);
        }
        None => {
            s.read_to_end(&mut body).ok();
        }
    }
    let body = String::from_utf8_lossy(&body).into_owned();
    let text = if head.contains("transfer-encoding: chunked") {
        dechunk(&body)
    } else {
        body
    };
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

/// The pids whose parent is `parent` (from /proc; empty elsewhere).
fn children(parent: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| {
        let pid: u32 = e.ok()?.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // pid (comm) state ppid ...: comm may hold spaces, so split after ')'.
        let ppid: u32 = stat
            .rsplit_once(')')?
            .1
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()?;
        (ppid == parent).then_some(pid)
    })
    .collect()
}

/// A chromedriver process, killed on drop.
struct Driver {
    child: Child,
    port: u16,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            http(
                self.port,
                "DELETE",
                &format!("/session/{}", self.session),
                None,
            );
        }
        // The browser chromedriver started, even when the session never
        // opened: its direct children, by pid.
        for pid in children(self.child.id()) {
            Command::new("kill").arg(pid.to_string()).status().ok();
        }
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

impl Driver {
    fn start(chromedriver: &Path, chromium: &Path, profile: &Path) -> Driver {
        let port = free_port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let mut d = Driver {
            child,
            port,
            session: String::new(),
        };
        let t0 = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                t0.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.to_string_lossy(),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--window-size=1280,1000",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        }}});
        let (status, v) = http(port, "POST", "/session", Some(&caps));
        assert_eq!(status, 200, "new session: {v}");
        d.session = v["value"]["sessionId"]
            .as_str()
            .expect("session id")
            .to_string();
        d
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let (status, v) = http(
            self.port,
            method,
            &format!("/session/{}{path}", self.session),
            body.as_ref(),
        );
        (status, v["value"].clone())
    }

    fn goto(&self, url: &str) {
        let (s, v) = self.cmd("POST", "/url", Some(json!({ "url": url })));
        assert_eq!(s, 200, "navigate: {v}");
    }

    fn js(&self, script: &str) -> Value {
        let (s, v) = self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        );
        assert_eq!(s, 200, "script {script}: {v}");
        v
    }

    /// Polls `script` until it returns something other than null/false.
    fn wait(&self, script: &str) -> Value {
        let t0 = Instant::now();
        loop {
            let v = self.js(script);
            if !v.is_null() && v != Value::Bool(false) {
                return v;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(15),
                "timed out: {script}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn click(&self, css: &str) {
        let (s, v) = self.cmd(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        );
        assert_eq!(s, 200, "find {css}: {v}");
        let id = v
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .expect("element id")
            .to_string();
        let (s, v) = self.cmd("POST", &format!("/element/{id}/click"), Some(json!({})));
        assert_eq!(s, 200, "click {css}: {v}");
    }

    /// The text of the open alert, if a script managed to open one.
    fn alert(&self) -> Option<String> {
        let (s, v) = self.cmd("GET", "/alert/text", None);
        (s == 200).then(|| v.to_string())
    }
}

/// Serves the router over `store` on a free loopback port, on a thread of
/// its own; the server lives as long as the test process.
fn start_server(store: Arc<dyn Store>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    listener.set_nonblocking(true).expect("nonblocking");
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let l = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            axum::serve(l, dyad_serve::router(store)).await.ok();
        });
    });
    port
}

#[test]
fn pair_page_in_headless_chromium() {
    let required = std::env::var("DYAD_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    let chromium = find(
        "DYAD_CHROMIUM",
        &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
    );
    let driver = find("DYAD_CHROMEDRIVER", &["/usr/bin/chromedriver"]);
    let (Some(chromium), Some(chromedriver)) = (chromium, driver) else {
        assert!(
            !required,
            "DYAD_REQUIRE_BROWSER=1 but chromium or chromedriver is missing"
        );
        eprintln!("SKIP browser test: chromium and chromedriver not found (apt-get install chromium chromium-driver)");
        return;
    };

    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(dir.path().join("dyad.sqlite")).expect("store");
    fixture::load(&store);
    let port = start_server(Arc::new(store));
    let base = format!("http://127.0.0.1:{port}");
    let profile = dir.path().join("chromium-profile");
    let d = Driver::start(&chromedriver, &chromium, &profile);

    // The pair page: timeline, agreements, chart.
    d.goto(&format!("{base}/pair/UZB/HUN"));
    let ready = d.wait("return document.body.getAttribute('data-ready')");
    assert_eq!(
        ready,
        "1",
        "page failed: {}",
        d.js("return document.getElementById('app').textContent")
    );
    assert_eq!(
        d.js("return document.getElementById('pair-title').textContent"),
        "Uzbekistan — Hungary"
    );
    let events = d.js("return document.querySelectorAll('#timeline li.event').length");
    assert_eq!(events, 4, "042 (two articles merged), 046, 057, 040");
    let visit =
        d.js("return document.querySelector('#timeline li[data-code=\"042\"]').textContent");
    assert!(visit.as_str().unwrap().contains("2 articles"), "{visit}");
    assert_eq!(
        d.js("return document.querySelectorAll('#agreements tr.agreement').length"),
        2
    );
    let circles = d.js("return document.querySelectorAll('#figures svg.chart circle').length");
    assert_eq!(circles, 4, "2023 derived, 2024 twice, Jan-Mar 2025");
    assert_eq!(
        d.js("return document.querySelectorAll('#figures svg.chart circle.derived').length"),
        1
    );
    assert_eq!(
        d.js("return document.querySelectorAll('#quotes blockquote').length"),
        2
    );
    assert!(d
        .js("return document.getElementById('topics').textContent")
        .as_str()
        .unwrap()
        .contains("tourism"));

    // Click the sister-city agreement: its sentence is highlighted in the
    // article, at the right characters although "László" and "Pécs" come
    // before it.
    d.click("#agreements tr.agreement:nth-child(2)");
    let mark =
        d.wait("const m = document.getElementById('evidence-mark'); return m && m.textContent");
    assert_eq!(
        mark,
        "Samarkand and Pécs signed an agreement establishing sister-city relations."
    );
    assert_eq!(
        d.js("return document.getElementById('article-text').textContent"),
        fixture::VISIT
    );
    // A chart point: the derived 2023 value shows the sentence it comes from.
    d.click("#figures svg.chart circle.derived");
    d.wait("const m = document.getElementById('evidence-mark'); return m && m.textContent.startsWith('Trade between')");
    // A quotation: the quoted words are the mark.
    d.click("#quotes blockquote:nth-of-type(2)");
    let quote = d.wait("const m = document.getElementById('evidence-mark'); return m && m.textContent.startsWith('We are') && m.textContent");
    assert_eq!(
        quote,
        "We are ready to open a new chapter in our relations,"
    );
    // The merged visit: the second article is one click away.
    d.click("#timeline li[data-code=\"042\"]");
    d.wait("return document.querySelectorAll('#viewer-nav button').length === 2");
    d.click("#viewer-nav button:nth-of-type(2)");
    d.wait("const m = document.getElementById('evidence-mark'); return m && m.textContent.startsWith('Hungarian President László Varga welcomed')");

    // The hostile article: its markup is shown as text, never run.
    d.click("#timeline li[data-code=\"040\"]");
    d.wait("const t = document.getElementById('article-text').textContent; return t.includes('DROP TABLE')");
    assert_eq!(d.js("return document.querySelectorAll('#article-text script, #article-text b, #viewer-meta img').length"), 0);
    assert_eq!(
        d.js("return document.getElementById('evidence-mark').textContent"),
        fixture::HOSTILE
    );
    assert!(d
        .js("return document.getElementById('viewer-meta').textContent")
        .as_str()
        .unwrap()
        .contains(fixture::HOSTILE_TITLE));
    assert_eq!(d.alert(), None, "a script from the data ran");

    // The index lists the pair and links to its page.
    d.goto(&format!("{base}/"));
    d.wait("return document.body.getAttribute('data-ready') === '1'");
    let href = d.js("return document.querySelector('#pairs a').getAttribute('href')");
    assert_eq!(href, "/pair/HUN/UZB");
}
