//! The web page: one HTML shell, a script and a style sheet compiled into
//! the binary, and the hand-written OpenAPI document.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::ApiError;

const SHELL: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");
const OPENAPI: &str = include_str!("assets/openapi.json");

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

pub(crate) async fn style() -> Response {
    with_type(STYLE, "text/css; charset=utf-8")
}

pub(crate) async fn openapi() -> Response {
    with_type(OPENAPI, "application/json")
}

pub(crate) async fn not_found(uri: axum::http::Uri) -> Response {
    let mut r = ApiError::NotFound(format!("no route {}", uri.path())).into_response();
    *r.status_mut() = StatusCode::NOT_FOUND;
    r
}
