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

/// Chromium and chromedriver, or `None` (with a line on stderr) when they
/// are missing and CI does not require them.
fn browser(test: &str) -> Option<(PathBuf, PathBuf)> {
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
        // Written to the stream itself, not through `eprintln!`, so that the
        // line shows in `cargo test` output without `--nocapture`.
        writeln!(
            std::io::stderr(),
            "SKIP {test}: chromium and chromedriver not found (apt-get install chromium chromium-driver)"
        )
        .ok();
        return None;
    };
    Some((chromium, chromedriver))
}

/// Standard base64 (the screenshot's encoding) to bytes.
fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

impl Driver {
    /// Saves a PNG of the window under the test's temporary target folder
    /// (`target/tmp/browser-shots/NAME.png`) and returns its path.
    fn screenshot(&self, name: &str) -> PathBuf {
        let (s, v) = self.cmd("GET", "/screenshot", None);
        assert_eq!(s, 200, "screenshot: {v}");
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-shots");
        std::fs::create_dir_all(&dir).expect("screenshot folder");
        let path = dir.join(format!("{name}.png"));
        let png = base64(v.as_str().expect("base64 PNG"));
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        std::fs::write(&path, png).expect("write screenshot");
        eprintln!("screenshot: {}", path.display());
        path
    }

    /// Resizes the window (to take a full page in one screenshot).
    fn size(&self, w: u32, h: u32) {
        let (s, v) = self.cmd(
            "POST",
            "/window/rect",
            Some(json!({ "width": w, "height": h })),
        );
        assert_eq!(s, 200, "window size: {v}");
    }
}

/// A plain GET on the test server: status and body text.
fn get_text(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).ok();
    let req = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    (status, body)
}

#[test]
fn pair_page_in_headless_chromium() {
    let Some((chromium, chromedriver)) = browser("pair_page_in_headless_chromium") else {
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
    // The header counts merged events: 042 (two articles merged), 046,
    // 057, 040.
    assert_eq!(
        d.js("return document.querySelector('#count-events .n').textContent"),
        "4"
    );
    // The timeline pages through the event rows: one per article.
    let events = d.wait(
        "const n = document.querySelectorAll('#timeline li.event').length; return n > 0 && n",
    );
    assert_eq!(events, 5, "042 twice, 046, 057, 040");
    let visit =
        d.js("return document.querySelector('#timeline li[data-code=\"042\"]').textContent");
    assert!(
        visit.as_str().unwrap().contains("Make a visit"),
        "CAMEO label: {visit}"
    );
    assert_eq!(
        d.js("return document.querySelectorAll('#agreements tr.agreement').length"),
        2
    );
    let circles = d.js("return document.querySelectorAll('#figures svg.chart circle').length");
    assert_eq!(circles, 3, "2023 derived, 2024 twice");
    assert_eq!(
        d.js("return document.querySelectorAll('#figures svg.chart rect.partial').length"),
        1,
        "Jan-Mar 2025"
    );
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
    d.click("#quotes .side-quotes:nth-child(2) blockquote");
    let quote = d.wait("const m = document.getElementById('evidence-mark'); return m && m.textContent.startsWith('We are') && m.textContent");
    assert_eq!(
        quote,
        "We are ready to open a new chapter in our relations,"
    );
    // The visit as the second article reports it: its own timeline row.
    d.js("[...document.querySelectorAll('#timeline li[data-code=\"042\"]')].find((li) => li.textContent.includes('Varga welcomes')).click()");
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
    let href = d.js("return document.querySelector('#pairs a.pair-link').getAttribute('href')");
    assert_eq!(href, "/pair/HUN/UZB");
}

/// The analyst's desk over the desk fixture: every pair listed and
/// searchable, the pair page's counts, balance chart and map, filters kept
/// in the URL, paging, downloads of the filtered rows, and figure charts
/// that never join a yearly point to a partial-year one.
#[test]
fn analyst_desk_in_headless_chromium() {
    let Some((chromium, chromedriver)) = browser("analyst_desk_in_headless_chromium") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(dir.path().join("dyad.sqlite")).expect("store");
    fixture::desk::load_all(&store);
    let port = start_server(Arc::new(store));
    let base = format!("http://127.0.0.1:{port}");
    let d = Driver::start(&chromedriver, &chromium, &dir.path().join("profile"));
    let ready = |d: &Driver| {
        let r = d.wait("return document.body.getAttribute('data-ready')");
        assert_eq!(
            r,
            "1",
            "page failed: {}",
            d.js("return document.getElementById('app').textContent")
        );
    };

    // The index: every pair of the API, searchable, the search in the URL.
    d.goto(&format!("{base}/"));
    ready(&d);
    let (_, pairs) = get_text(port, "/api/pairs");
    let pairs: Value = serde_json::from_str(&pairs).expect("pairs");
    let n = pairs.as_array().expect("list").len();
    assert_eq!(n, 4);
    assert_eq!(
        d.js("return document.querySelectorAll('#pairs tr.pair').length"),
        n
    );
    assert_eq!(
        d.js("return document.querySelectorAll('#pairs svg.spark rect').length")
            .as_u64()
            .map(|k| k > 10),
        Some(true)
    );
    d.screenshot("index");
    d.js("const i = document.getElementById('pair-search'); i.value = 'japan'; i.dispatchEvent(new Event('input'));");
    assert_eq!(d.js("return [...document.querySelectorAll('#pairs tr.pair')].filter((t) => !t.hidden).length"), 1);
    assert!(d
        .js("return location.search")
        .as_str()
        .unwrap()
        .contains("q=japan"));
    // A country page lists its partners.
    d.goto(&format!("{base}/country/USA"));
    ready(&d);
    assert_eq!(
        d.js("return document.querySelectorAll('#partners tr.pair').length"),
        2
    );

    // The pair page: counts, balance chart, map.
    d.size(1280, 2600);
    d.goto(&format!("{base}/pair/JPN/USA"));
    ready(&d);
    assert_eq!(
        d.js("return document.getElementById('pair-title').textContent"),
        "Japan — United States"
    );
    assert_eq!(
        d.js("return document.querySelector('#count-events .n').textContent"),
        "36"
    );
    assert_eq!(
        d.js("return document.querySelector('#count-documents .n').textContent"),
        "12"
    );
    assert_eq!(
        d.js("return document.querySelector('#count-agreements .n').textContent"),
        "0"
    );
    assert_eq!(
        d.js("return document.querySelector('#date-span .n').textContent"),
        "2025-01-06 – 2025-10-20"
    );
    assert_eq!(
        d.js("return document.querySelectorAll('#balance-chart rect.q1').length"),
        10,
        "ten months with events"
    );
    assert_eq!(
        d.js("return document.querySelectorAll('#balance-chart rect.q3').length"),
        4,
        "the four disputes"
    );
    let land = d.js("return document.querySelectorAll('#map svg.map path.land').length");
    assert!(land.as_u64().unwrap_or(0) > 100, "country outlines: {land}");
    assert_eq!(
        d.js("return document.querySelectorAll('#map path.land.side').length"),
        2
    );
    assert_eq!(
        d.js("return document.querySelectorAll('#map circle.place').length"),
        2,
        "Tokyo, Washington"
    );
    // Sources that are links are links; others are not.
    let href = d.js("return document.querySelector('#timeline a.source').getAttribute('href')");
    assert!(
        href.as_str()
            .unwrap()
            .starts_with("https://news.example.org/"),
        "{href}"
    );
    d.screenshot("pair");

    // Paging: 25 rows, then the other 11; the offset is in the URL.
    assert_eq!(
        d.js("return document.querySelectorAll('#timeline li.event').length"),
        25
    );
    d.click("#page-next");
    d.wait("return !document.getElementById('timeline').hasAttribute('data-loading') && document.querySelectorAll('#timeline li.event').length === 11");
    assert!(d
        .js("return location.search")
        .as_str()
        .unwrap()
        .contains("offset=25"));
    d.click("#page-prev");
    d.wait("return !document.getElementById('timeline').hasAttribute('data-loading') && document.querySelectorAll('#timeline li.event').length === 25");

    // A filter narrows the timeline and the URL keeps it, across a reload.
    d.js("const f = document.getElementById('filters'); f.elements.root.value = '11'; f.elements.text.value = 'tariffs';");
    d.click("#filters button[type=submit]");
    d.wait("return !document.getElementById('timeline').hasAttribute('data-loading') && document.querySelectorAll('#timeline li.event').length === 4");
    let search = d.js("return location.search").as_str().unwrap().to_string();
    assert!(
        search.contains("root=11") && search.contains("text=tariffs"),
        "{search}"
    );
    d.goto(&format!("{base}/pair/JPN/USA{search}"));
    ready(&d);
    assert_eq!(
        d.js("return document.querySelectorAll('#timeline li.event').length"),
        4
    );
    assert_eq!(
        d.js("return document.getElementById('filters').elements.root.value"),
        "11"
    );
    assert_eq!(d.js("return [...document.querySelectorAll('#timeline li.event')].every((li) => li.dataset.code === '111')"), true);
    d.screenshot("pair-filtered");

    // The downloads hold the filtered rows.
    let csv = d.js("return document.getElementById('download-csv').getAttribute('href')");
    let (status, body) = get_text(port, csv.as_str().unwrap());
    assert_eq!(status, 200);
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines.len(), 5, "{body}");
    assert!(lines[0].starts_with("date,code,"));
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.split(',').nth(1) == Some("111")),
        "{body}"
    );
    let json_href = d.js("return document.getElementById('download-json').getAttribute('href')");
    let (_, body) = get_text(port, json_href.as_str().unwrap());
    let rows: Value = serde_json::from_str(&body).expect("JSON rows");
    assert_eq!(rows.as_array().map(Vec::len), Some(4));

    // The figure chart: 2023 and 2024 joined, January-June 2025 alone.
    let lines = d.js(
        "return [...document.querySelectorAll('#figures polyline')].map((p) => p.dataset.years)",
    );
    assert_eq!(lines, json!(["2023,2024"]));
    assert_eq!(
        d.js("return document.querySelectorAll('#figures rect.partial').length"),
        1
    );
    let joined = d.js("const r = document.querySelector('#figures rect.partial'); const x = Number(r.getAttribute('x')) + 4.5; \
        return [...document.querySelectorAll('#figures polyline')].some((p) => p.getAttribute('points').split(' ').some((xy) => Math.abs(Number(xy.split(',')[0]) - x) < 1))");
    assert_eq!(joined, false, "a partial-year point is on a line");

    // A named body as a side: only NATO's event with the United States.
    d.goto(&format!("{base}/pair/USA/NATO"));
    ready(&d);
    assert_eq!(
        d.js("return document.querySelectorAll('#timeline li.event').length"),
        1
    );
    assert!(d
        .js("return document.querySelector('#timeline li.event').textContent")
        .as_str()
        .unwrap()
        .contains("IGOWSTNAT"));
}
