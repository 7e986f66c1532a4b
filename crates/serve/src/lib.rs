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
//! | `GET /country/{c}` | one side's page: its partners |
//! | `GET /api/pairs?country` | every pair (or one side's) with counts, first and last date, and facts per month |
//! | `GET /api/codes` | labels of CAMEO codes and roots and of PLOVER types |
//! | `GET /api/report/{a}/{b}?since&until&offset` | the pair's `DyadReport` over at most [`MAX_REPORT_DOCUMENTS`] documents (by date); when there are more, the `X-Dyad-Next-Offset` header gives the `offset` of the next part |
//! | `GET /api/events?format=csv\|json` | the filtered rows as a file to save |
//! | `GET /api/events`, `/api/agreements`, `/api/figures`, `/api/quotes`, `/api/topics` | fact rows, filtered, paged with `limit` (default 100, at most 1000) and `offset` |
//! | `GET /api/documents/{id}` | one document with its text |
//! | `GET /api/stats` | row counts |
//! | `GET /api/server` | counters of the server's work: reports started, finished and cancelled, documents read for them |
//! | `GET /openapi.json` | the OpenAPI 3 description of all of the above |
//!
//! Errors are one enum, [`ApiError`], mapped to status codes in one `match`
//! and answered as `{"error": message, "code": machine-readable code}`:
//! 400 `bad_parameter`/`bad_query` for a bad parameter (the message names
//! it; values over [`MAX_PARAM_CHARS`] characters or with control
//! characters such as NUL are refused), 401 `unauthorized`, 404
//! `not_found`, 421 `bad_host`, 503 `busy`/`timeout`, 500 `internal` for
//! the rest, whose cause is logged and never sent.
//!
//! Hardening ([`Guard`], [`Limits`]): an optional bearer token compared in
//! constant time, a Host header allow-list, a cap on requests in flight and
//! their time (a cancelled request's future is dropped), a cap on open
//! connections, a header/idle timeout and a maximum connection age;
//! `X-Content-Type-Options: nosniff` on every answer; document sources are
//! shown without absolute server paths. The pair list is cached and
//! recomputed in the background at most every [`PAIRS_MAX_AGE`].
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
mod side;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use dyad_store::Store;

pub use api::side_documents;
pub use api::{
    DocView, Paged, DEFAULT_LIMIT, MAX_LIMIT, MAX_PARAM_CHARS, MAX_REPORT_DOCUMENTS, PAIRS_MAX_AGE,
};
pub use error::ApiError;
pub use side::{resolve_side, Side, SIDE_HELP};

/// How the server protects itself and its data. [`Guard::default`] allows
/// any host and needs no token (for loopback and tests).
#[derive(Debug, Clone)]
pub struct Guard {
    /// When set, every request must send `Authorization: Bearer <token>`
    /// (compared in constant time).
    pub token: Option<String>,
    /// Host header values answered (without port); empty: any.
    pub hosts: Vec<String>,
    /// Longest time a request may run before it is cancelled (503).
    pub request_timeout: Duration,
    /// Most requests handled at once; more get 503 at once.
    pub max_in_flight: usize,
}

impl Default for Guard {
    fn default() -> Self {
        Guard {
            token: None,
            hosts: Vec::new(),
            request_timeout: Duration::from_secs(30),
            max_in_flight: 256,
        }
    }
}

/// Connection limits of [`serve_with`].
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most open connections; one more is closed at once.
    pub max_connections: usize,
    /// Time a connection may take to send a request's headers, and may
    /// stay idle between requests, before it is closed.
    pub header_timeout: Duration,
    /// Longest life of one connection.
    pub max_connection_age: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 4096,
            header_timeout: Duration::from_secs(10),
            max_connection_age: Duration::from_secs(300),
        }
    }
}

/// Equal byte strings, in time that depends only on their lengths.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

struct GuardState {
    guard: Guard,
    in_flight: tokio::sync::Semaphore,
}

/// Checks host and token, bounds the requests in flight and their time,
/// and marks every answer `nosniff`.
async fn guard(State(g): State<Arc<GuardState>>, req: Request, next: Next) -> Response {
    let mut res = match check(&g, &req) {
        Err(e) => e.into_response(),
        Ok(()) => match g.in_flight.try_acquire() {
            Err(_) => ApiError::Busy.into_response(),
            Ok(_permit) => {
                // Dropping the handler's future on timeout cancels its work.
                match tokio::time::timeout(g.guard.request_timeout, next.run(req)).await {
                    Ok(res) => res,
                    Err(_) => ApiError::Timeout.into_response(),
                }
            }
        },
    };
    res.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

fn check(g: &GuardState, req: &Request) -> Result<(), ApiError> {
    if !g.guard.hosts.is_empty() {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        let name = match host.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or(""),
            None => host.split(':').next().unwrap_or(""),
        };
        if !g.guard.hosts.iter().any(|h| h.eq_ignore_ascii_case(name)) {
            return Err(ApiError::BadHost(host.chars().take(100).collect()));
        }
    }
    if let Some(token) = &g.guard.token {
        let sent = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|h| h.to_str().ok())
            .and_then(|h| h.strip_prefix("Bearer "))
            .unwrap_or("");
        if !constant_time_eq(sent.trim().as_bytes(), token.as_bytes()) {
            return Err(ApiError::Unauthorized);
        }
    }
    Ok(())
}

/// What every handler shares: the stores and a cache of the pair list.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Handles on one database, used in turn: each serializes its own
    /// queries, so several let reads run in parallel.
    stores: Arc<Vec<Arc<dyn Store>>>,
    next: Arc<AtomicUsize>,
    /// The pair list, when and at which row counts it was computed.
    pairs: Arc<tokio::sync::Mutex<Option<api::PairCache>>>,
    /// A background task is recomputing the pair list.
    pairs_refreshing: Arc<AtomicBool>,
    /// Turns for building a report: one at a time.
    reports: Arc<tokio::sync::Semaphore>,
    /// Counters of the work done, answered at `/api/server`.
    work: Arc<Work>,
}

/// Counters of the server's heaviest work, answered at `GET /api/server`:
/// they show that a report whose client left stopped reading.
#[derive(Debug, Default)]
pub(crate) struct Work {
    /// Reports whose building began.
    pub(crate) reports_started: AtomicU64,
    /// Reports built to the end.
    pub(crate) reports_finished: AtomicU64,
    /// Reports stopped early because their client left (or their time ran
    /// out).
    pub(crate) reports_cancelled: AtomicU64,
    /// Documents read from the store for reports, in all.
    pub(crate) report_documents: AtomicU64,
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
    router_guarded(first, more, Guard::default())
}

/// [`router_pool`] behind `guard`: host and token checks, bounded requests,
/// `X-Content-Type-Options: nosniff` on every answer.
pub fn router_guarded(first: Arc<dyn Store>, more: Vec<Arc<dyn Store>>, guard_: Guard) -> Router {
    let mut stores = vec![first];
    stores.extend(more);
    let state = AppState {
        stores: Arc::new(stores),
        next: Arc::new(AtomicUsize::new(0)),
        pairs: Arc::new(tokio::sync::Mutex::new(None)),
        pairs_refreshing: Arc::new(AtomicBool::new(false)),
        reports: Arc::new(tokio::sync::Semaphore::new(1)),
        work: Arc::new(Work::default()),
    };
    let g = Arc::new(GuardState {
        in_flight: tokio::sync::Semaphore::new(guard_.max_in_flight.max(1)),
        guard: guard_,
    });
    Router::new()
        .route("/", get(page::index))
        .route("/pair/{a}/{b}", get(page::pair))
        .route("/country/{c}", get(page::country))
        .route("/api/codes", get(page::codes))
        .route("/assets/app.js", get(page::script))
        .route("/assets/app.css", get(page::style))
        .route("/assets/world.tsv", get(page::world))
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
        .route("/api/server", get(api::server))
        .fallback(page::not_found)
        .with_state(state)
        .layer(axum::middleware::from_fn_with_state(g, guard))
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
/// Ctrl-C (tests bind port 0), with the default [`Limits`].
pub async fn serve_on(listener: tokio::net::TcpListener, app: Router) -> Result<(), ServeError> {
    serve_with(listener, app, Limits::default(), async {
        // Without a signal handler the server runs until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    })
    .await
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes:
/// a connection over the cap is closed at once, one that sends no request
/// headers within the header timeout (idle, or slow on purpose) is closed,
/// and none lives longer than the maximum age.
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()> + Send,
) -> Result<(), ServeError> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of file descriptors and the like: wait, go on.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => return Ok(()),
        };
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let app = app.clone();
        tokio::spawn(async move {
            let service =
                hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    app.clone().oneshot(req.map(axum::body::Body::new))
                });
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .serve_connection(TokioIo::new(stream), service);
            let _ = tokio::time::timeout(limits.max_connection_age, conn).await;
            drop(slot);
        });
    }
}
