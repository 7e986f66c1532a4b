//! The real router, called in process (tower's `oneshot`), over a SQLite
//! file holding the invented fixture articles.

mod fixture;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use dyad_store::{SqliteStore, Store};

struct App {
    router: Router,
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

fn app() -> App {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("dyad.sqlite");
    let store = SqliteStore::open(&path).expect("open store");
    fixture::load(&store);
    let store: Arc<dyn Store> = Arc::new(store);
    // Two handles on the one file, used in turn.
    let second: Arc<dyn Store> = Arc::new(SqliteStore::open(&path).expect("second handle"));
    App {
        router: dyad_serve::router_pool(store, vec![second]),
        _dir: dir,
        path,
    }
}

async fn get(app: &Router, uri: &str) -> (StatusCode, String, String) {
    let res = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
        .await
        .expect("router answers");
    let status = res.status();
    let ctype = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = res.into_body().collect().await.expect("body").to_bytes();
    (
        status,
        ctype,
        String::from_utf8(body.to_vec()).expect("utf-8 body"),
    )
}

async fn json(app: &Router, uri: &str) -> Value {
    let (status, ctype, body) = get(app, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    assert!(ctype.starts_with("application/json"), "{uri}: {ctype}");
    serde_json::from_str(&body).expect("JSON body")
}

#[tokio::test]
async fn report_merges_the_pair() {
    let app = app();
    let r = json(&app.router, "/api/report/UZB/HUN").await;
    assert_eq!(r["a_name"], "Uzbekistan");
    let events = r["events"].as_array().unwrap();
    let visit = events.iter().find(|e| e["code"] == "042").unwrap();
    assert_eq!(
        visit["articles"], 2,
        "the visit is reported by two articles"
    );
    assert_eq!(visit["evidence"].as_array().unwrap().len(), 2);
    let ags = r["agreements"].as_array().unwrap();
    assert_eq!(ags.len(), 2, "{ags:#?}");
    assert_eq!(ags[0]["type"], "memorandum");
    assert_eq!(ags[0]["articles"], 2);
    let trade = &r["figures"][0];
    assert_eq!(trade["measure"], "trade");
    let points = trade["points"].as_array().unwrap();
    let derived = points.iter().find(|p| p["origin"] == "derived").unwrap();
    assert_eq!(derived["period"]["start"], "2023-01-01");
    assert!((derived["value"].as_f64().unwrap() - 80e6).abs() < 1.0);
    assert!(points.iter().all(|p| p["conflict"] == false));
    let quotes = r["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[0]["country"], "UZB");
    assert_eq!(quotes[1]["speaker_name"], "László Varga");
    let names: Vec<&str> = r["institutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Pécs") && names.contains(&"Ministry of Energy"),
        "{names:?}"
    );

    // Names work as well as codes; a window leaves later facts out.
    let by_name = json(&app.router, "/api/report/uzbekistan/Hungary").await;
    assert_eq!(by_name["events"], r["events"]);
    let early = json(&app.router, "/api/report/UZB/HUN?until=2025-03-11").await;
    assert!(early["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["code"] != "040"));
}

#[tokio::test]
async fn lists_filter_and_page() {
    let app = app();
    let all = json(&app.router, "/api/events?country=UZB,HUN").await;
    assert_eq!(all["items"].as_array().unwrap().len(), 5);
    let p1 = json(&app.router, "/api/events?country=UZB&limit=2").await;
    assert_eq!(p1["items"].as_array().unwrap().len(), 2);
    assert_eq!(p1["next_offset"], 2);
    let p3 = json(&app.router, "/api/events?country=UZB&limit=2&offset=4").await;
    assert_eq!(p3["items"].as_array().unwrap().len(), 1);
    assert_eq!(p3["next_offset"], Value::Null);
    let visits = json(&app.router, "/api/events?code=042").await;
    assert_eq!(visits["items"].as_array().unwrap().len(), 2);
    let row = &visits["items"][0];
    assert!(row["evidence_text"].as_str().unwrap().contains("Karimov"));
    assert!(row["doc_id"].is_string());

    let ags = json(&app.router, "/api/agreements?type=sister_cities").await;
    assert_eq!(ags["items"][0]["parties"][1]["name"], "Pécs");
    let figs = json(&app.router, "/api/figures?measure=trade&country=HUN").await;
    assert_eq!(figs["items"].as_array().unwrap().len(), 3);
    let quotes = json(&app.router, "/api/quotes?speaker=Varga").await;
    assert_eq!(quotes["items"].as_array().unwrap().len(), 1);
    let topics = json(&app.router, "/api/topics?status=potential").await;
    assert_eq!(topics["items"][0]["topic"], "tourism");
    let pairs = json(&app.router, "/api/pairs").await;
    assert_eq!(pairs[0]["a"], "HUN");
    assert_eq!(pairs[0]["documents"], 3);
    let stats = json(&app.router, "/api/stats").await;
    assert_eq!(stats["documents"], 3);
}

#[tokio::test]
async fn errors_map_to_status_codes() {
    let app = app();
    for (uri, status, needle) in [
        (
            "/api/events?since=yesterday",
            StatusCode::BAD_REQUEST,
            "since",
        ),
        ("/api/events?code=99", StatusCode::BAD_REQUEST, "code"),
        ("/api/events?limit=-1", StatusCode::BAD_REQUEST, "limit"),
        (
            "/api/events?country=K4Z",
            StatusCode::BAD_REQUEST,
            "country",
        ),
        (
            "/api/agreements?type=alliance",
            StatusCode::BAD_REQUEST,
            "type",
        ),
        (
            "/api/report/UZB/UZB",
            StatusCode::BAD_REQUEST,
            "two different",
        ),
        (
            "/api/report/UZB/Atlantis",
            StatusCode::BAD_REQUEST,
            "Atlantis",
        ),
        (
            "/api/documents/0000000000000000",
            StatusCode::NOT_FOUND,
            "document",
        ),
        ("/no/such/page", StatusCode::NOT_FOUND, "no route"),
    ] {
        let (got, ctype, body) = get(&app.router, uri).await;
        assert_eq!(got, status, "{uri}: {body}");
        assert!(ctype.starts_with("application/json"), "{uri}");
        let v: Value = serde_json::from_str(&body).expect("error body is JSON");
        assert!(
            v["error"].as_str().unwrap().contains(needle),
            "{uri}: {body}"
        );
    }
    // Limits above the maximum are cut, not refused.
    let big = json(&app.router, "/api/events?limit=100000").await;
    assert_eq!(big["limit"], dyad_serve::MAX_LIMIT);
}

#[tokio::test]
async fn hostile_text_is_data_and_quotes_in_filters_are_bound() {
    let app = app();
    // Quotes and SQL in a filter value: a bound parameter, so it matches the
    // text literally and breaks nothing.
    let q = "/api/events?text=O%27Brien%27s%20%22test%22%3B%20DROP%20TABLE%20documents%3B%20--";
    let hit = json(&app.router, q).await;
    assert_eq!(hit["items"].as_array().unwrap().len(), 1);
    let doc_id = hit["items"][0]["doc_id"].as_str().unwrap().to_string();
    let miss = json(&app.router, "/api/quotes?speaker=%27%20OR%20%271%27%3D%271").await;
    assert_eq!(miss["items"].as_array().unwrap().len(), 0);
    let stats = json(&app.router, "/api/stats").await;
    assert_eq!(stats["documents"], 3, "no table dropped");

    // The document comes back as JSON data, byte for byte.
    let doc = json(&app.router, &format!("/api/documents/{doc_id}")).await;
    assert_eq!(doc["text"], fixture::HOSTILE);
    assert_eq!(doc["title"], fixture::HOSTILE_TITLE);

    // The page is a static shell: no data in its markup, only the server's
    // own script, under a policy that forbids inline script.
    let (status, ctype, html) = get(&app.router, "/pair/UZB/HUN").await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("text/html"));
    assert!(!html.contains("alert("));
    assert_eq!(html.matches("<script").count(), 1);
    let res = app
        .router
        .clone()
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let csp = res.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    // The script never parses data as markup.
    let (_, ctype, js) = get(&app.router, "/assets/app.js").await;
    assert!(ctype.starts_with("text/javascript"));
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!js.contains(sink), "app.js uses {sink}");
    }
}

#[tokio::test]
async fn openapi_describes_every_api_route() {
    let app = app();
    let doc = json(&app.router, "/openapi.json").await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/pairs",
        "/api/report/{a}/{b}",
        "/api/events",
        "/api/agreements",
        "/api/figures",
        "/api/quotes",
        "/api/topics",
        "/api/documents/{id}",
        "/api/stats",
        "/api/server",
        "/api/codes",
    ] {
        assert!(paths.contains_key(p), "openapi lacks {p}");
        let (status, _, _) = get(
            &app.router,
            &p.replace("{a}", "UZB")
                .replace("{b}", "HUN")
                .replace("{id}", "x"),
        )
        .await;
        assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{p}");
    }
    let (_, _, css) = get(&app.router, "/assets/app.css").await;
    assert!(css.contains("mark"));
}

#[tokio::test]
async fn reads_leave_the_database_file_unchanged() {
    let app = app();
    let before = std::fs::read(&app.path).expect("db file");
    for uri in [
        "/api/report/UZB/HUN",
        "/api/events?country=UZB",
        "/api/agreements",
        "/api/figures",
        "/api/quotes",
        "/api/topics",
        "/api/pairs",
        "/api/stats",
    ] {
        json(&app.router, uri).await;
    }
    let after = std::fs::read(&app.path).expect("db file");
    assert!(before == after, "a read changed the database file");
}

fn desk_app() -> App {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("dyad.sqlite");
    let store = SqliteStore::open(&path).expect("open store");
    fixture::desk::load_all(&store);
    App {
        router: dyad_serve::router(Arc::new(store)),
        _dir: dir,
        path,
    }
}

/// Every pair is listed, also one whose earliest document names a country
/// only through a person (the old lookup of a name in that document failed
/// and dropped the pair) and one whose side is a group (IGO).
#[tokio::test]
async fn the_pair_list_drops_no_pair() {
    let app = desk_app();
    let pairs = json(&app.router, "/api/pairs").await;
    let keys: Vec<String> = pairs
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| format!("{}-{}", p["a"].as_str().unwrap(), p["b"].as_str().unwrap()))
        .collect();
    assert_eq!(keys, ["JPN-USA", "HUN-UZB", "BGR-KAZ", "IGO-USA"]);
    let jpn = &pairs[0];
    assert_eq!(jpn["a_name"], "Japan");
    assert_eq!(jpn["b_name"], "United States");
    assert_eq!(jpn["events"], fixture::desk::DESK_PAIR_EVENTS);
    assert_eq!(jpn["documents"], 12);
    assert_eq!(
        (jpn["first"].as_str(), jpn["last"].as_str()),
        (Some("2025-01-06"), Some("2025-10-20"))
    );
    assert_eq!(jpn["months"]["2025-01"], 6);
    assert_eq!(jpn["months"]["2025-10"], 3);
    assert_eq!(pairs[3]["a_name"], "International organizations");
    assert_eq!(pairs[2]["agreements"], 1);
    // One side's partners.
    let usa = json(&app.router, "/api/pairs?country=USA").await;
    assert_eq!(usa.as_array().map(Vec::len), Some(2));
}

/// A group and a named body are sides of a report; an unknown code is a
/// bad parameter, not an empty report.
#[tokio::test]
async fn groups_and_bodies_are_sides() {
    let app = desk_app();
    let igo = json(&app.router, "/api/report/USA/IGO").await;
    assert_eq!(igo["events"].as_array().map(Vec::len), Some(2));
    assert_eq!(igo["b_name"], "International organizations");
    let nato = json(&app.router, "/api/report/USA/NATO").await;
    let events = nato["events"].as_array().expect("events");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["source"], "IGOWSTNAT");
    assert_eq!(nato["b_name"], "NATO");
    let (status, _, body) = get(&app.router, "/api/report/USA/XYZ").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("unknown side"), "{body}");
}

/// `country` repeated (as the CLI's `--country`) or comma-separated is
/// one filter; another parameter given twice is a bad query.
#[tokio::test]
async fn countries_repeat_or_join() {
    let app = desk_app();
    let joined = json(&app.router, "/api/events?country=JPN,USA&limit=1000").await;
    let repeated = json(
        &app.router,
        "/api/events?country=JPN&country=USA&limit=1000",
    )
    .await;
    assert_eq!(
        joined["items"].as_array().map(Vec::len),
        Some(fixture::desk::DESK_PAIR_EVENTS)
    );
    assert_eq!(joined, repeated);
    let spaced = json(&app.router, "/api/events?country=JPN&text=new+tariffs").await;
    assert_eq!(spaced["items"].as_array().map(Vec::len), Some(4));
    let (status, _, body) = get(&app.router, "/api/events?limit=1&limit=2").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _, _) = get(&app.router, "/api/events?text=%ZZ").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // The CSV download of a filter: a header and one line per row.
    let (status, ctype, csv) = get(
        &app.router,
        "/api/events?country=JPN,USA&root=11&format=csv",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("text/csv"), "{ctype}");
    assert_eq!(csv.lines().count(), 5, "{csv}");
    let (status, _, _) = get(&app.router, "/api/events?format=xml").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
