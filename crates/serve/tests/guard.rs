//! The server degrades, never dies: parameters are validated (400 with a
//! machine-readable code), host and token are checked, every answer is
//! `nosniff`, and idle or surplus connections are closed. The real router
//! in process, and the real connection loop on a loopback port.

mod fixture;

use std::io::{Read, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use dyad_serve::{Guard, Limits};
use dyad_store::{SqliteStore, Store};

fn store() -> (tempfile::TempDir, Arc<dyn Store>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(dir.path().join("dyad.sqlite")).expect("open store");
    fixture::load(&store);
    (dir, Arc::new(store))
}

fn app(guard: Guard) -> (tempfile::TempDir, Router) {
    let (dir, store) = store();
    (dir, dyad_serve::router_guarded(store, Vec::new(), guard))
}

async fn call(app: &Router, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Value) {
    let res = app.clone().oneshot(req).await.expect("router answers");
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.expect("body").to_bytes();
    let json = serde_json::from_slice(&body).unwrap_or(Value::Null);
    (status, headers, json)
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("request")
}

#[tokio::test]
async fn every_answer_is_nosniff() {
    let (_dir, app) = app(Guard::default());
    for uri in [
        "/",
        "/api/stats",
        "/api/events",
        "/nowhere",
        "/assets/app.js",
    ] {
        let (_, headers, _) = call(&app, get(uri)).await;
        assert_eq!(
            headers
                .get(header::X_CONTENT_TYPE_OPTIONS)
                .map(|v| v.as_bytes()),
            Some(&b"nosniff"[..]),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn bad_parameters_are_400_with_a_code() {
    let (_dir, app) = app(Guard::default());
    let long = "a".repeat(50_000);
    for uri in [
        format!("/api/events?text={long}"),
        format!("/api/quotes?speaker={long}"),
        "/api/events?country=UZB%00".to_string(),
        "/api/events?text=trade%00".to_string(),
        "/api/events?limit=ten".to_string(),
        "/api/events?since=yesterday".to_string(),
        format!("/api/report/UZB/{}", "H".repeat(300)),
        format!("/api/documents/{}", "0".repeat(300)),
    ] {
        let (status, _, body) = call(&app, get(&uri)).await;
        let short: String = uri.chars().take(60).collect();
        assert_eq!(status, StatusCode::BAD_REQUEST, "{short}: {body}");
        assert_eq!(body["code"], "bad_parameter", "{short}: {body}");
        assert!(
            body["error"].as_str().is_some_and(|e| e.len() < 400),
            "{body}"
        );
    }
    let (status, _, body) = call(&app, get("/api/documents/none")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "not_found");
}

#[tokio::test]
async fn a_token_is_required_when_set() {
    let (_dir, app) = app(Guard {
        token: Some("s3cret-token".into()),
        ..Guard::default()
    });
    let (status, headers, body) = call(&app, get("/api/stats")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "unauthorized");
    assert!(headers.contains_key(header::WWW_AUTHENTICATE));
    for bad in [
        "Bearer s3cret-tokem",
        "Bearer s3cret",
        "s3cret-token",
        "Bearer ",
    ] {
        let req = Request::get("/api/stats")
            .header(header::AUTHORIZATION, bad)
            .body(Body::empty())
            .unwrap();
        assert_eq!(call(&app, req).await.0, StatusCode::UNAUTHORIZED, "{bad}");
    }
    let req = Request::get("/api/stats")
        .header(header::AUTHORIZATION, "Bearer s3cret-token")
        .body(Body::empty())
        .unwrap();
    assert_eq!(call(&app, req).await.0, StatusCode::OK);
}

#[tokio::test]
async fn only_the_allowed_hosts_are_answered() {
    let (_dir, app) = app(Guard {
        hosts: vec!["localhost".into(), "127.0.0.1".into(), "::1".into()],
        ..Guard::default()
    });
    for (host, ok) in [
        ("localhost:8080", true),
        ("127.0.0.1", true),
        ("[::1]:8080", true),
        ("evil.example:8080", false),
        ("localhost.evil.example", false),
        ("", false),
    ] {
        let req = Request::get("/api/stats")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap();
        let (status, _, body) = call(&app, req).await;
        if ok {
            assert_eq!(status, StatusCode::OK, "{host}");
        } else {
            assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{host}");
            assert_eq!(body["code"], "bad_host");
        }
    }
}

/// Whether the server closes `s` within `within` (reads end, or fail).
fn closed_within(s: &mut std::net::TcpStream, within: Duration) -> bool {
    s.set_read_timeout(Some(within)).unwrap();
    let start = Instant::now();
    let mut buf = [0u8; 256];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return start.elapsed() <= within,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

fn request_ok(addr: std::net::SocketAddr) -> bool {
    let Ok(mut s) = std::net::TcpStream::connect(addr) else {
        return false;
    };
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = s.write_all(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out.starts_with("HTTP/1.1 200")
}

#[test]
fn idle_and_surplus_connections_are_closed() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (_dir, store) = store();
    let app = dyad_serve::router(store);
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = Limits {
        max_connections: 3,
        header_timeout: Duration::from_millis(400),
        max_connection_age: Duration::from_secs(30),
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = rt.spawn(dyad_serve::serve_with(listener, app, limits, async {
        let _ = stopped.await;
    }));

    // A socket that sends nothing is closed after the header timeout.
    let mut idle = std::net::TcpStream::connect(addr).unwrap();
    assert!(
        closed_within(&mut idle, Duration::from_secs(5)),
        "idle socket left open"
    );
    // So is one that sends half a request and stalls.
    let mut slow = std::net::TcpStream::connect(addr).unwrap();
    slow.write_all(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    assert!(
        closed_within(&mut slow, Duration::from_secs(5)),
        "slow socket left open"
    );

    // Over the cap, a connection is closed at once; the server still
    // answers once the others go.
    let held: Vec<_> = (0..3)
        .map(|_| std::net::TcpStream::connect(addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    let mut surplus = std::net::TcpStream::connect(addr).unwrap();
    assert!(
        closed_within(&mut surplus, Duration::from_millis(300)),
        "a connection over the cap was kept"
    );
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(5);
    while !request_ok(addr) {
        assert!(
            Instant::now() < deadline,
            "no answer after the idle sockets left"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = stop.send(());
    rt.block_on(server).unwrap().unwrap();
}
