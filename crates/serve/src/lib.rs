//! dyad's serving layer: the HTTP JSON API and the web page.
//!
//! Sits at the end of the pipeline: it reads a [`Store`] (never writes it)
//! and answers with fact rows, aggregated [`dyad_aggregate::DyadReport`]s
//! and a page per pair of countries.
//!
//! ```text
//! read -> analyze -> extract -> store -> aggregate -> [serve]
//! ```
//!
//! # Routes
//!
//! | route | answer |
//! | --- | --- |
//! | `GET /` | index page: the pairs the documents link |
//! | `GET /pair/{a}/{b}` | the pair's page: timeline, agreements, figure chart, topics, quotes, institutions, and the evidence of every item highlighted in its article |
//! | `GET /api/pairs` | pairs with counts |
//! | `GET /api/report/{a}/{b}?since&until` | the pair's `DyadReport` |
//! | `GET /api/events`, `/api/agreements`, `/api/figures`, `/api/quotes`, `/api/topics` | fact rows, filtered, paged with `limit` (default 100, at most 1000) and `offset` |
//! | `GET /api/documents/{id}` | one document with its text |
//! | `GET /api/stats` | row counts |
//! | `GET /openapi.json` | the OpenAPI 3 description of all of the above |
//!
//! Errors are one enum, [`ApiError`], mapped to status codes in one `match`:
//! 400 for a bad parameter (the message names it), 404 for nothing there,
//! 500 for the rest, whose cause is logged and never sent.
//!
//! The page is static HTML, CSS and JavaScript compiled into the binary: no
//! CDN, no external asset. The script puts data in the page only through
//! `textContent` and DOM nodes, never as markup, and the page is served
//! with a Content-Security-Policy that allows the server's own script only.
//!
//! ```no_run
//! # async fn run() -> Result<(), dyad_serve::ServeError> {
//! let store = dyad_store::open("dyad.sqlite").expect("store");
//! let addr: std::net::SocketAddr = "127.0.0.1:8080".parse().expect("address");
//! dyad_serve::serve(addr, store.into()).await
//! # }
//! ```

mod api;
mod error;
mod page;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::routing::get;
use axum::Router;
use dyad_aggregate::PairSummary;
use dyad_store::{Stats, Store};

pub use api::{DocView, Paged, DEFAULT_LIMIT, MAX_LIMIT};
pub use error::ApiError;

/// What every handler shares: the stores and a cache of the pair list.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Handles on one database, used in turn: each serializes its own
    /// queries, so several let reads run in parallel.
    stores: Arc<Vec<Arc<dyn Store>>>,
    next: Arc<AtomicUsize>,
    /// The pair list and the row counts it was computed at.
    #[allow(clippy::type_complexity)] // reason: one cache slot, named by its doc
    pairs: Arc<tokio::sync::Mutex<Option<(Stats, Arc<Vec<PairSummary>>)>>>,
}

impl AppState {
    /// The next store handle, round robin.
    fn store(&self) -> Arc<dyn Store> {
        let i = self.next.fetch_add(1, Ordering::Relaxed) % self.stores.len();
        Arc::clone(&self.stores[i])
    }
}

/// The application: every route of the API and the page, over `store`.
pub fn router(store: Arc<dyn Store>) -> Router {
    router_pool(store, Vec::new())
}

/// The application over several handles on the same database (`first`
/// and `more`), used in turn so that reads run in parallel.
pub fn router_pool(first: Arc<dyn Store>, more: Vec<Arc<dyn Store>>) -> Router {
    let mut stores = vec![first];
    stores.extend(more);
    let state = AppState {
        stores: Arc::new(stores),
        next: Arc::new(AtomicUsize::new(0)),
        pairs: Arc::new(tokio::sync::Mutex::new(None)),
    };
    Router::new()
        .route("/", get(page::index))
        .route("/pair/{a}/{b}", get(page::pair))
        .route("/assets/app.js", get(page::script))
        .route("/assets/app.css", get(page::style))
        .route("/openapi.json", get(page::openapi))
        .route("/api/pairs", get(api::pairs))
        .route("/api/report/{a}/{b}", get(api::dyad))
        .route("/api/events", get(api::events))
        .route("/api/agreements", get(api::agreements))
        .route("/api/figures", get(api::figures))
        .route("/api/quotes", get(api::quotes))
        .route("/api/topics", get(api::topics))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/stats", get(api::stats))
        .fallback(page::not_found)
        .with_state(state)
}

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Serves [`router`] on `addr` until Ctrl-C.
pub async fn serve(addr: SocketAddr, store: Arc<dyn Store>) -> Result<(), ServeError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Bind { addr, source })?;
    serve_on(listener, router(store)).await
}

/// Serves `app` ([`router`] or [`router_pool`]) on a bound listener until
/// Ctrl-C (tests bind port 0).
pub async fn serve_on(listener: tokio::net::TcpListener, app: Router) -> Result<(), ServeError> {
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            // Without a signal handler the server runs until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await?;
    Ok(())
}
