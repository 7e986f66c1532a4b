//! The web page: one HTML shell, a script and a style sheet compiled into
//! the binary, and the hand-written OpenAPI document.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::ApiError;

const SHELL: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");
const OPENAPI: &str = include_str!("assets/openapi.json");
/// Country outlines for the map (Natural Earth 1:110m, converted once by
/// `data/gen/map/make_world.py`).
const WORLD: &str = include_str!("../../../data/world-110m.tsv");
/// The CAMEO code table the extractor codes with (see `data/SOURCES.md`).
const CAMEO_CODES: &str = include_str!("../../extract/data/cameo_codes.tsv");

/// The names of the 20 CAMEO root categories.
const ROOTS: [&str; 20] = [
    "Make public statement",
    "Appeal",
    "Express intent to cooperate",
    "Consult",
    "Engage in diplomatic cooperation",
    "Engage in material cooperation",
    "Provide aid",
    "Yield",
    "Investigate",
    "Demand",
    "Disapprove",
    "Reject",
    "Threaten",
    "Protest",
    "Exhibit force posture",
    "Reduce relations",
    "Coerce",
    "Assault",
    "Fight",
    "Use unconventional mass violence",
];

/// A short gloss of each PLOVER event type.
const PLOVER: [(&str, &str); 16] = [
    ("AGREE", "agree, sign, promise"),
    ("CONSULT", "meet, visit, talk"),
    ("SUPPORT", "praise, endorse, defend"),
    ("CONCEDE", "yield, apologize, ease"),
    ("COOPERATE", "cooperate in practice"),
    ("AID", "give aid"),
    ("RETREAT", "withdraw, release"),
    ("REQUEST", "ask, appeal, demand"),
    ("ACCUSE", "criticize, blame"),
    ("REJECT", "refuse, oppose"),
    ("THREATEN", "threaten"),
    ("PROTEST", "demonstrate, strike"),
    ("SANCTION", "cut ties, embargo"),
    ("MOBILIZE", "put forces on alert"),
    ("COERCE", "seize, arrest, repress"),
    ("ASSAULT", "attack, fight"),
];

/// Only the server's own script and style run; no frames, no plugins.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
                   connect-src 'self'; img-src 'self'; base-uri 'none'; \
                   form-action 'self'; frame-ancestors 'none'";

fn with_type(body: &'static str, content_type: &'static str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn html() -> Response {
    let mut r = with_type(SHELL, "text/html; charset=utf-8");
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    r
}

/// `/`: the script sees the path and draws the pair list.
pub(crate) async fn index() -> Response {
    html()
}

/// `/pair/{a}/{b}`: the script reads the pair from the path and asks the
/// API; an unknown pair shows the API's message.
pub(crate) async fn pair() -> Response {
    html()
}

pub(crate) async fn script() -> Response {
    with_type(SCRIPT, "text/javascript; charset=utf-8")
}

pub(crate) async fn world() -> Response {
    with_type(WORLD, "text/tab-separated-values; charset=utf-8")
}

pub(crate) async fn style() -> Response {
    with_type(STYLE, "text/css; charset=utf-8")
}

pub(crate) async fn openapi() -> Response {
    with_type(OPENAPI, "application/json")
}

/// `/api/codes`: labels for CAMEO codes, CAMEO roots and PLOVER types.
pub(crate) async fn codes() -> Response {
    static BODY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let body = BODY.get_or_init(|| {
        let mut cameo = serde_json::Map::new();
        for line in CAMEO_CODES.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            if let (Some(code), Some(name)) = (cols.first(), cols.get(4)) {
                cameo.insert((*code).to_string(), (*name).into());
            }
        }
        let roots: serde_json::Map<String, serde_json::Value> = ROOTS
            .iter()
            .enumerate()
            .map(|(i, n)| (format!("{:02}", i + 1), (*n).into()))
            .collect();
        let plover: serde_json::Map<String, serde_json::Value> = PLOVER
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).into()))
            .collect();
        serde_json::json!({ "cameo": cameo, "roots": roots, "plover": plover }).to_string()
    });
    let mut r = body.clone().into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// `/country/{c}`: the script lists the country's partners.
pub(crate) async fn country() -> Response {
    html()
}

pub(crate) async fn not_found(uri: axum::http::Uri) -> Response {
    let mut r = ApiError::NotFound(format!("no route {}", uri.path())).into_response();
    *r.status_mut() = StatusCode::NOT_FOUND;
    r
}
