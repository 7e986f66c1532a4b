//! The API's one error type and its mapping to HTTP status codes.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use dyad_store::StoreError;

/// Everything a request can fail with. Client errors carry a message meant
/// for the client; server errors are logged with their cause and answered
/// with a bare "internal error".
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A parameter does not parse: which one, and the value.
    #[error("bad parameter {name}: {value:?} ({reason})")]
    BadParam {
        name: &'static str,
        value: String,
        reason: String,
    },
    /// The query string itself does not parse.
    #[error("bad query string: {0}")]
    BadQuery(String),
    /// No such document, pair or route.
    #[error("not found: {0}")]
    NotFound(String),
    /// The store failed.
    #[error("store: {0}")]
    Store(#[from] StoreError),
    /// A blocking task died (a panic in a store call).
    #[error("worker task failed: {0}")]
    Worker(String),
    /// The bearer token is missing or wrong.
    #[error("missing or wrong bearer token (send Authorization: Bearer <token>)")]
    Unauthorized,
    /// The Host header names a host this server does not answer for.
    #[error("host {0:?} is not served here")]
    BadHost(String),
    /// Too many requests in flight.
    #[error("server busy; retry later")]
    Busy,
    /// The request took longer than the server allows.
    #[error("request took too long and was cancelled")]
    Timeout,
}

impl ApiError {
    /// The machine-readable code sent as `"code"` beside `"error"`.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadParam { .. } => "bad_parameter",
            ApiError::BadQuery(_) => "bad_query",
            ApiError::NotFound(_) => "not_found",
            ApiError::Store(_) | ApiError::Worker(_) => "internal",
            ApiError::Unauthorized => "unauthorized",
            ApiError::BadHost(_) => "bad_host",
            ApiError::Busy => "busy",
            ApiError::Timeout => "timeout",
        }
    }
}

impl ApiError {
    pub(crate) fn bad(name: &'static str, value: &str, reason: impl ToString) -> Self {
        ApiError::BadParam {
            name,
            value: value.to_string(),
            reason: reason.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match &self {
            ApiError::BadParam { .. } | ApiError::BadQuery(_) => {
                (StatusCode::BAD_REQUEST, self.to_string())
            }
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, self.to_string()),
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, self.to_string()),
            ApiError::BadHost(_) => (StatusCode::MISDIRECTED_REQUEST, self.to_string()),
            ApiError::Busy => (StatusCode::SERVICE_UNAVAILABLE, self.to_string()),
            ApiError::Timeout => (StatusCode::SERVICE_UNAVAILABLE, self.to_string()),
            ApiError::Store(_) | ApiError::Worker(_) => {
                // The cause may name files, SQL or hosts: logged, not sent.
                eprintln!("dyad serve: {self}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal error".to_string(),
                )
            }
        };
        let body = Json(serde_json::json!({ "error": message, "code": self.code() }));
        let mut res = (status, body).into_response();
        if matches!(self, ApiError::Unauthorized) {
            res.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        res
    }
}
