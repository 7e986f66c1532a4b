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
            ApiError::Store(_) | ApiError::Worker(_) => {
                // The cause may name files, SQL or hosts: logged, not sent.
                eprintln!("dyad serve: {self}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal error".to_string(),
                )
            }
        };
        (status, Json(serde_json::json!({ "error": message }))).into_response()
    }
}
