//! The JSON API handlers and their query parameters.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use dyad_aggregate::{
    is_group, narrow_events, report, DyadReport, Pair, PairCounter, PairSummary, Window,
};
use dyad_model::{
    AgreementType, CameoCode, CountryCode, Measure, Plover, QuantityKind, TopicStatus,
};
use dyad_store::{
    AgreementFilter, DocFilter, EventFilter, FigureFilter, QuoteFilter, Row, Stats, Store,
    TopicFilter,
};
use serde::{Deserialize, Serialize};

use crate::side::{resolve_side, Side, SIDE_HELP};
use crate::{ApiError, AppState};

/// Rows per page when `limit` is not given.
pub const DEFAULT_LIMIT: u64 = 100;
/// The largest `limit` honoured; larger ones are cut to it.
pub const MAX_LIMIT: u64 = 1000;
/// The longest value a query parameter may have, in characters.
pub const MAX_PARAM_CHARS: usize = 200;
/// The most documents one `/api/report` request aggregates; `offset` pages
/// through the rest and `X-Dyad-Next-Offset` names the next page.
pub const MAX_REPORT_DOCUMENTS: u64 = 500;

/// Every query parameter any endpoint takes; each endpoint reads the ones
/// it documents and ignores the rest.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    country: Option<String>,
    actor: Option<String>,
    code: Option<String>,
    root: Option<String>,
    quad_class: Option<String>,
    plover: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    party: Option<String>,
    measure: Option<String>,
    unit: Option<String>,
    speaker: Option<String>,
    topic: Option<String>,
    status: Option<String>,
    since: Option<String>,
    until: Option<String>,
    text: Option<String>,
    lang: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
    format: Option<String>,
}

/// The query string, parsed by [`params`].
pub(crate) type Q = axum::extract::RawQuery;

/// The parameters of a query string. `country` may be repeated, as the
/// CLI's `--country` is (`country=KAZ&country=BGR`), or comma-separated
/// (`country=KAZ,BGR`); any other parameter given twice is refused.
fn params(q: Q) -> Result<Params, ApiError> {
    let raw = q.0.unwrap_or_default();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (k, v) in url_pairs(&raw)? {
        match pairs.iter_mut().find(|(x, _)| *x == k && k == "country") {
            Some((_, have)) => {
                have.push(',');
                have.push_str(&v);
            }
            None => pairs.push((k, v)),
        }
    }
    let joined: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    let uri: axum::http::Uri = format!("/?{}", joined.join("&"))
        .parse()
        .map_err(|_| ApiError::BadQuery("not a query string".into()))?;
    let p = Query::<Params>::try_from_uri(&uri)
        .map(|Query(p)| p)
        .map_err(|e: QueryRejection| ApiError::BadQuery(e.body_text()))?;
    p.check()?;
    Ok(p)
}

/// `k=v` pairs of a query string, percent-decoded (`+` is a space).
fn url_pairs(raw: &str) -> Result<Vec<(String, String)>, ApiError> {
    raw.split('&')
        .filter(|s| !s.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            Ok((decode(k)?, decode(v)?))
        })
        .collect()
}

fn decode(s: &str) -> Result<String, ApiError> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = b
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                let v = hex
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| ApiError::BadQuery(format!("bad percent escape in {s:?}")))?;
                out.push(v);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| ApiError::BadQuery(format!("{s:?} is not UTF-8")))
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Refuses a value that is too long or holds a control character (a NUL
/// would end the string early in the database and disable the filter).
pub(crate) fn check_value(name: &'static str, v: &str) -> Result<(), ApiError> {
    let n = v.chars().count();
    if n > MAX_PARAM_CHARS {
        let head: String = v.chars().take(20).collect();
        return Err(ApiError::bad(
            name,
            &format!("{head}..."),
            format!("{n} characters, at most {MAX_PARAM_CHARS}"),
        ));
    }
    if v.chars().any(char::is_control) {
        return Err(ApiError::bad(name, v, "control characters are not allowed"));
    }
    Ok(())
}

impl Params {
    fn check(&self) -> Result<(), ApiError> {
        let all: [(&'static str, &Option<String>); 20] = [
            ("country", &self.country),
            ("actor", &self.actor),
            ("code", &self.code),
            ("root", &self.root),
            ("quad_class", &self.quad_class),
            ("plover", &self.plover),
            ("type", &self.kind),
            ("party", &self.party),
            ("measure", &self.measure),
            ("unit", &self.unit),
            ("speaker", &self.speaker),
            ("topic", &self.topic),
            ("status", &self.status),
            ("since", &self.since),
            ("until", &self.until),
            ("text", &self.text),
            ("lang", &self.lang),
            ("limit", &self.limit),
            ("offset", &self.offset),
            ("format", &self.format),
        ];
        for (name, v) in all {
            if let Some(v) = v {
                check_value(name, v)?;
            }
        }
        Ok(())
    }
}

fn parse<T: std::str::FromStr>(
    name: &'static str,
    v: &Option<String>,
) -> Result<Option<T>, ApiError>
where
    T::Err: std::fmt::Display,
{
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|e| ApiError::bad(name, s, e)),
    }
}

fn date(name: &'static str, v: &Option<String>) -> Result<Option<NaiveDate>, ApiError> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ApiError::bad(name, s, "expected YYYY-MM-DD")),
    }
}

fn countries(v: &Option<String>) -> Result<Vec<CountryCode>, ApiError> {
    let Some(v) = v else { return Ok(Vec::new()) };
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| CountryCode::new(s).map_err(|e| ApiError::bad("country", s, e)))
        .collect()
}

fn text(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

struct Page {
    limit: u64,
    offset: u64,
}

fn page(p: &Params) -> Result<Page, ApiError> {
    let limit = parse::<u64>("limit", &p.limit)?
        .unwrap_or(DEFAULT_LIMIT)
        .min(MAX_LIMIT);
    let offset = parse::<u64>("offset", &p.offset)?.unwrap_or(0);
    Ok(Page { limit, offset })
}

/// One page of rows.
#[derive(Debug, Serialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub limit: u64,
    pub offset: u64,
    /// The offset of the next page, when this one was full.
    pub next_offset: Option<u64>,
}

fn paged<T>(items: Vec<T>, pg: Page) -> Json<Paged<T>> {
    let next_offset =
        (items.len() as u64 == pg.limit && pg.limit > 0).then(|| pg.offset + pg.limit);
    Json(Paged {
        items,
        limit: pg.limit,
        offset: pg.offset,
        next_offset,
    })
}

/// `source` as shown to clients: a path relative to where it was read
/// from, never an absolute path on the server (the file name, with any
/// `#item` or `:line` after it).
pub(crate) fn public_source(source: &str) -> String {
    let absolute = source.starts_with('/')
        || source.starts_with('\\')
        || source.as_bytes().get(1..3) == Some(b":\\")
        || source.as_bytes().get(1..3) == Some(b":/");
    if !absolute {
        return source.to_string();
    }
    source
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(source)
        .to_string()
}

fn relative<T>(mut rows: Vec<Row<T>>) -> Vec<Row<T>> {
    for r in &mut rows {
        r.doc_source = public_source(&r.doc_source);
    }
    rows
}

/// Runs a store call on the blocking pool.
async fn blocking<T: Send + 'static>(
    st: &AppState,
    f: impl FnOnce(&dyn Store) -> Result<T, dyad_store::StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    let store = st.store();
    tokio::task::spawn_blocking(move || f(store.as_ref()))
        .await
        .map_err(|e| ApiError::Worker(e.to_string()))?
        .map_err(ApiError::from)
}

pub(crate) async fn events(State(st): State<AppState>, q: Q) -> Result<Response, ApiError> {
    let p = params(q)?;
    let pg = page(&p)?;
    let root = parse::<u8>("root", &p.root)?;
    if let Some(r) = root.filter(|r| !(1..=20).contains(r)) {
        return Err(ApiError::bad("root", &r.to_string(), "expected 1..20"));
    }
    let quad_class = parse::<u8>("quad_class", &p.quad_class)?;
    if let Some(r) = quad_class.filter(|r| !(1..=4).contains(r)) {
        return Err(ApiError::bad("quad_class", &r.to_string(), "expected 1..4"));
    }
    let download = match p.format.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(f @ ("csv" | "json")) => Some(f.to_string()),
        Some(f) => return Err(ApiError::bad("format", f, "expected csv or json")),
    };
    let f = EventFilter {
        countries: countries(&p.country)?,
        actor: text(&p.actor),
        code: parse::<CameoCode>("code", &p.code)?,
        root,
        plover: parse::<Plover>("plover", &p.plover)?,
        quad_class,
        since: date("since", &p.since)?,
        until: date("until", &p.until)?,
        text: text(&p.text),
        language: text(&p.lang),
        limit: Some(pg.limit),
        offset: pg.offset,
    };
    let rows = relative(blocking(&st, move |s| s.events(&f)).await?);
    match download.as_deref() {
        Some("csv") => Ok(attachment(
            events_csv(&rows),
            "text/csv; charset=utf-8",
            "dyad-events.csv",
        )),
        Some(_) => {
            let body =
                serde_json::to_string_pretty(&rows).map_err(|e| ApiError::Worker(e.to_string()))?;
            Ok(attachment(body, "application/json", "dyad-events.json"))
        }
        None => Ok(paged(rows, pg).into_response()),
    }
}

/// A body sent as a file to save.
fn attachment(body: String, content_type: &'static str, name: &'static str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
            .unwrap_or(HeaderValue::from_static("attachment")),
    );
    r
}

/// One CSV field, quoted when it holds a comma, quote or line break; a
/// leading `=`, `+`, `-` or `@` is prefixed with `'` so that a spreadsheet
/// does not run it as a formula.
fn csv_field(out: &mut String, v: &str) {
    let guarded =
        matches!(v.chars().next(), Some('=' | '+' | '-' | '@')) && v.parse::<f64>().is_err();
    let v = if guarded {
        format!("'{v}")
    } else {
        v.to_string()
    };
    if v.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&v);
    }
}

/// The event rows as CSV with a header line.
fn events_csv(rows: &[Row<dyad_model::Event>]) -> String {
    let mut out = String::from(
        "date,code,plover,quad_class,goldstein,source,target,place,doc_id,doc_date,doc_source,doc_title,evidence_text\n",
    );
    for r in rows {
        let e = &r.fact;
        let fields = [
            e.date
                .or(r.doc_date)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            e.code.as_str().to_string(),
            e.plover.map(|p| p.as_str().to_string()).unwrap_or_default(),
            e.quad_class.to_string(),
            e.goldstein.to_string(),
            e.source.as_ref().map(|a| a.to_string()).unwrap_or_default(),
            e.target.as_ref().map(|a| a.to_string()).unwrap_or_default(),
            e.place.clone().unwrap_or_default(),
            r.doc_id.clone(),
            r.doc_date.map(|d| d.to_string()).unwrap_or_default(),
            r.doc_source.clone(),
            r.doc_title.clone().unwrap_or_default(),
            r.evidence_text.clone(),
        ];
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_field(&mut out, f);
        }
        out.push('\n');
    }
    out
}

pub(crate) async fn agreements(
    State(st): State<AppState>,
    q: Q,
) -> Result<Json<Paged<Row<dyad_model::Agreement>>>, ApiError> {
    let p = params(q)?;
    let pg = page(&p)?;
    let f = AgreementFilter {
        countries: countries(&p.country)?,
        kind: parse::<AgreementType>("type", &p.kind)?,
        party: text(&p.party),
        since: date("since", &p.since)?,
        until: date("until", &p.until)?,
        text: text(&p.text),
        language: text(&p.lang),
        limit: Some(pg.limit),
        offset: pg.offset,
    };
    Ok(paged(
        relative(blocking(&st, move |s| s.agreements(&f)).await?),
        pg,
    ))
}

pub(crate) async fn figures(
    State(st): State<AppState>,
    q: Q,
) -> Result<Json<Paged<Row<dyad_model::Quantity>>>, ApiError> {
    let p = params(q)?;
    let pg = page(&p)?;
    let f = FigureFilter {
        countries: countries(&p.country)?,
        kind: parse::<QuantityKind>("type", &p.kind)?,
        measure: parse::<Measure>("measure", &p.measure)?,
        unit: text(&p.unit),
        since: date("since", &p.since)?,
        until: date("until", &p.until)?,
        text: text(&p.text),
        language: text(&p.lang),
        limit: Some(pg.limit),
        offset: pg.offset,
    };
    Ok(paged(
        relative(blocking(&st, move |s| s.figures(&f)).await?),
        pg,
    ))
}

pub(crate) async fn quotes(
    State(st): State<AppState>,
    q: Q,
) -> Result<Json<Paged<Row<dyad_model::Quote>>>, ApiError> {
    let p = params(q)?;
    let pg = page(&p)?;
    let f = QuoteFilter {
        countries: countries(&p.country)?,
        speaker: text(&p.speaker),
        since: date("since", &p.since)?,
        until: date("until", &p.until)?,
        text: text(&p.text),
        language: text(&p.lang),
        limit: Some(pg.limit),
        offset: pg.offset,
    };
    Ok(paged(
        relative(blocking(&st, move |s| s.quotes(&f)).await?),
        pg,
    ))
}

pub(crate) async fn topics(
    State(st): State<AppState>,
    q: Q,
) -> Result<Json<Paged<Row<dyad_model::Topic>>>, ApiError> {
    let p = params(q)?;
    let pg = page(&p)?;
    let f = TopicFilter {
        countries: countries(&p.country)?,
        topic: text(&p.topic),
        status: parse::<TopicStatus>("status", &p.status)?,
        since: date("since", &p.since)?,
        until: date("until", &p.until)?,
        text: text(&p.text),
        language: text(&p.lang),
        limit: Some(pg.limit),
        offset: pg.offset,
    };
    Ok(paged(
        relative(blocking(&st, move |s| s.topics(&f)).await?),
        pg,
    ))
}

/// A document for the evidence viewer.
#[derive(Debug, Serialize)]
pub struct DocView {
    pub id: String,
    pub source: String,
    pub date: Option<NaiveDate>,
    pub dateline: Option<String>,
    pub title: Option<String>,
    /// Length of `text` in Unicode characters: the unit of every span.
    pub chars: usize,
    pub text: String,
}

pub(crate) async fn document(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<DocView>, ApiError> {
    check_value("id", &id)?;
    let key = id.clone();
    let found = blocking(&st, move |s| s.document(&key)).await?;
    let (doc, _) = found.ok_or_else(|| ApiError::NotFound(format!("document {id}")))?;
    Ok(Json(DocView {
        chars: doc.text.chars().count(),
        id: doc.id,
        source: public_source(&doc.source),
        date: doc.date,
        dateline: doc.dateline,
        title: doc.title,
        text: doc.text,
    }))
}

pub(crate) async fn stats(State(st): State<AppState>) -> Result<Json<Stats>, ApiError> {
    Ok(Json(blocking(&st, |s| s.stats()).await?))
}

/// How old the cached pair list may get before it is recomputed.
pub const PAIRS_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// The pairs the store knows, computed from the event and agreement rows.
/// The list is cached: at most [`PAIRS_MAX_AGE`] old, it is answered as is;
/// older, it is still answered while one background task recomputes it
/// (only if the row counts changed). Only the first request computes it
/// while others wait, so no request pays for a rebuild after that.
pub(crate) async fn pair_list(st: &AppState) -> Result<Arc<Vec<PairSummary>>, ApiError> {
    let mut slot = st.pairs.lock().await;
    if let Some(cached) = slot.as_ref() {
        let pairs = Arc::clone(&cached.pairs);
        if cached.at.elapsed() >= PAIRS_MAX_AGE
            && !st
                .pairs_refreshing
                .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            let st = st.clone();
            let counted = cached.counts;
            tokio::spawn(async move {
                let fresh = async {
                    let now = blocking(&st, |s| s.stats()).await?;
                    if now == counted {
                        return Ok::<_, ApiError>((now, None));
                    }
                    Ok((now, Some(blocking(&st, count_pairs).await?)))
                }
                .await;
                let mut slot = st.pairs.lock().await;
                match (fresh, slot.as_mut()) {
                    (Ok((now, Some(pairs))), Some(c)) => {
                        *c = PairCache::new(now, Arc::new(pairs));
                    }
                    (Ok((_, None)), Some(c)) => c.at = std::time::Instant::now(),
                    (Err(e), _) => eprintln!("dyad serve: refreshing the pair list: {e}"),
                    _ => {}
                }
                st.pairs_refreshing
                    .store(false, std::sync::atomic::Ordering::SeqCst);
            });
        }
        return Ok(pairs);
    }
    let now = blocking(st, |s| s.stats()).await?;
    let pairs = Arc::new(blocking(st, count_pairs).await?);
    *slot = Some(PairCache::new(now, Arc::clone(&pairs)));
    Ok(pairs)
}

/// The cached pair list: when and at which row counts it was computed.
#[derive(Debug)]
pub(crate) struct PairCache {
    at: std::time::Instant,
    counts: Stats,
    pairs: Arc<Vec<PairSummary>>,
}

impl PairCache {
    fn new(counts: Stats, pairs: Arc<Vec<PairSummary>>) -> Self {
        PairCache {
            at: std::time::Instant::now(),
            counts,
            pairs,
        }
    }
}

/// Rows fetched per query while counting pairs.
const PAIR_PAGE: u64 = 1000;

fn count_pairs(s: &dyn Store) -> Result<Vec<PairSummary>, dyad_store::StoreError> {
    let mut counter = PairCounter::default();
    let mut offset = 0;
    loop {
        let rows = s.events(&EventFilter {
            limit: Some(PAIR_PAGE),
            offset,
            ..EventFilter::default()
        })?;
        for r in &rows {
            counter.add_event(&r.doc_id, r.doc_date, &r.fact);
        }
        if (rows.len() as u64) < PAIR_PAGE {
            break;
        }
        offset += PAIR_PAGE;
    }
    offset = 0;
    loop {
        let rows = s.agreements(&AgreementFilter {
            limit: Some(PAIR_PAGE),
            offset,
            ..AgreementFilter::default()
        })?;
        for r in &rows {
            counter.add_agreement(&r.doc_id, r.doc_date, &r.fact);
        }
        if (rows.len() as u64) < PAIR_PAGE {
            break;
        }
        offset += PAIR_PAGE;
    }
    // Names come from the table of country and group codes: a lookup in
    // some document may fail (the first document that mentions a country
    // need not name it), and a pair must never be dropped for that.
    Ok(counter.finish(|_| None))
}

/// A side from a path segment: a country or group code, a body's actor
/// code or name ([`crate::resolve_side`]), or a country name the stored
/// documents use.
async fn side(st: &AppState, name: &'static str, s: &str) -> Result<Side, ApiError> {
    if let Some(side) = resolve_side(s) {
        return Ok(side);
    }
    let pairs = pair_list(st).await?;
    let key = s.trim().to_lowercase();
    let found = pairs
        .iter()
        .flat_map(|p| [(p.a, &p.a_name), (p.b, &p.b_name)])
        .find(|(c, n)| {
            c.as_str().eq_ignore_ascii_case(&key)
                || n.as_deref().is_some_and(|n| n.to_lowercase() == key)
        })
        .map(|(c, _)| c);
    found
        .map(Side::of_code)
        .ok_or_else(|| ApiError::bad(name, s, format!("unknown side: {SIDE_HELP}")))
}

/// `/api/pairs?country=C`: the pairs, or those of one side.
pub(crate) async fn pairs(
    State(st): State<AppState>,
    q: Q,
) -> Result<Json<Vec<PairSummary>>, ApiError> {
    let p = params(q)?;
    let only = countries(&p.country)?;
    let all = pair_list(&st).await?;
    Ok(Json(
        all.iter()
            .filter(|x| only.iter().all(|c| x.a == *c || x.b == *c))
            .cloned()
            .collect(),
    ))
}

pub(crate) async fn dyad(
    State(st): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    q: Q,
) -> Result<(axum::http::HeaderMap, Json<ReportView>), ApiError> {
    let p = params(q)?;
    check_value("a", &a)?;
    check_value("b", &b)?;
    let offset = parse::<u64>("offset", &p.offset)?.unwrap_or(0);
    let (a, b) = (side(&st, "a", &a).await?, side(&st, "b", &b).await?);
    if a.code == b.code {
        return Err(ApiError::bad(
            "b",
            b.code.as_str(),
            "a pair needs two different sides",
        ));
    }
    let window = Window {
        since: date("since", &p.since)?,
        until: date("until", &p.until)?,
    };
    // One report is built at a time (they are the heaviest requests), so
    // that the list endpoints keep the database and the cores; a waiting
    // report whose client leaves is dropped with its place in line.
    let turn = Arc::clone(&st.reports)
        .acquire_owned()
        .await
        .map_err(|e| ApiError::Worker(e.to_string()))?;
    // The documents are read in parts; when the client leaves (or the
    // request's time runs out) this future is dropped, `Cancel` raises the
    // flag and the reading stops before the next part.
    let cancel = Cancel::default();
    let stop = Arc::clone(&cancel.0);
    let work = Arc::clone(&st.work);
    work.reports_started.fetch_add(1, Ordering::Relaxed);
    let actors = (a.actor.clone(), b.actor.clone());
    let built = blocking(&st, move |s| {
        // Held until the work stops, even when the request is gone.
        let _turn = turn;
        let done = build_report(s, &stop, &work, (&a, &b), window, offset);
        match &done {
            Ok(Some(_)) => work.reports_finished.fetch_add(1, Ordering::Relaxed),
            Ok(None) => work.reports_cancelled.fetch_add(1, Ordering::Relaxed),
            Err(_) => 0,
        };
        done
    })
    .await?;
    drop(cancel);
    // Only a dropped request is cancelled, and it answers no one.
    let (full, built) = built.ok_or(ApiError::Timeout)?;
    let mut headers = axum::http::HeaderMap::new();
    if full {
        headers.insert(
            "x-dyad-next-offset",
            axum::http::HeaderValue::from(offset + MAX_REPORT_DOCUMENTS),
        );
    }
    Ok((
        headers,
        Json(ReportView {
            a_actor: actors.0,
            b_actor: actors.1,
            report: built,
        }),
    ))
}

/// A report and, for a side that is a named body, the prefix of its actor
/// codes (the page filters events by it).
#[derive(Debug, Serialize)]
pub struct ReportView {
    #[serde(flatten)]
    pub report: DyadReport,
    pub a_actor: Option<String>,
    pub b_actor: Option<String>,
}

/// Documents read per query while building a report: the points at which
/// a cancelled report stops.
pub(crate) const REPORT_PART: u64 = 50;

/// Raises its flag when dropped: with the request's future.
#[derive(Debug, Default)]
struct Cancel(Arc<AtomicBool>);

impl Drop for Cancel {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// The report of `pair` over at most [`MAX_REPORT_DOCUMENTS`] documents from
/// `offset`, and whether that many were found (there may be more); `None`
/// when `stop` was raised meanwhile.
fn build_report(
    s: &dyn Store,
    stop: &AtomicBool,
    work: &crate::Work,
    (a, b): (&Side, &Side),
    window: Window,
    offset: u64,
) -> Result<Option<(bool, DyadReport)>, dyad_store::StoreError> {
    let pair = Pair::new(a.code, b.code);
    let by_events = is_group(a.code) || is_group(b.code) || a.actor.is_some() || b.actor.is_some();
    let mut docs = Vec::new();
    let mut at = offset;
    loop {
        if stop.load(Ordering::SeqCst) {
            return Ok(None);
        }
        let want = REPORT_PART.min(MAX_REPORT_DOCUMENTS - docs.len() as u64);
        let (part, more) = if by_events {
            let (ids, more) = side_documents(s, (a, b), window, at, want)?;
            let mut part = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some((_, ex)) = s.document(&id)? {
                    part.push(ex);
                }
            }
            (part, more)
        } else {
            let part = s.extractions(&DocFilter {
                countries: vec![a.code, b.code],
                limit: Some(want),
                offset: at,
                ..DocFilter::default()
            })?;
            let more = part.len() as u64 == want;
            (part, more)
        };
        let n = part.len() as u64;
        work.report_documents.fetch_add(n, Ordering::Relaxed);
        docs.extend(part);
        at += n;
        if !more || docs.len() as u64 >= MAX_REPORT_DOCUMENTS {
            break;
        }
    }
    if stop.load(Ordering::SeqCst) {
        return Ok(None);
    }
    let full = docs.len() as u64 == MAX_REPORT_DOCUMENTS;
    narrow_events(&mut docs, pair, a.actor.as_deref(), b.actor.as_deref());
    let mut r = report(&docs, pair, window);
    if a.actor.is_some() {
        r.a_name = a.name.clone();
    }
    if b.actor.is_some() {
        r.b_name = b.name.clone();
    }
    Ok(Some((full, r)))
}

/// The ids of the documents with an event between two sides, one of them
/// a group or a body (whose documents need not mention it as a country
/// entity): `want` of them from the `skip`-th, oldest first, and whether
/// there may be more.
pub fn side_documents(
    s: &dyn Store,
    (a, b): (&Side, &Side),
    window: Window,
    skip: u64,
    want: u64,
) -> Result<(Vec<String>, bool), dyad_store::StoreError> {
    let mut seen = std::collections::HashSet::new();
    let mut ids = Vec::new();
    let mut offset = 0;
    loop {
        let rows = s.events(&EventFilter {
            countries: vec![a.code, b.code],
            actor: a.actor.clone().or_else(|| b.actor.clone()),
            since: window.since,
            until: window.until,
            limit: Some(PAIR_PAGE),
            offset,
            ..EventFilter::default()
        })?;
        for r in &rows {
            let (Some(x), Some(y)) = (&r.fact.source, &r.fact.target) else {
                continue;
            };
            let fits = |code: &str, side: &Side| {
                code.starts_with(side.actor.as_deref().unwrap_or(side.code.as_str()))
            };
            let between = (fits(x.as_str(), a) && fits(y.as_str(), b))
                || (fits(x.as_str(), b) && fits(y.as_str(), a));
            if between && seen.insert(r.doc_id.clone()) {
                if seen.len() as u64 > skip {
                    ids.push(r.doc_id.clone());
                }
                if ids.len() as u64 == want {
                    return Ok((ids, true));
                }
            }
        }
        if (rows.len() as u64) < PAIR_PAGE {
            return Ok((ids, false));
        }
        offset += PAIR_PAGE;
    }
}

/// The server's work counters.
#[derive(Debug, Serialize)]
pub struct ServerWork {
    pub reports_started: u64,
    pub reports_finished: u64,
    pub reports_cancelled: u64,
    pub report_documents: u64,
}

pub(crate) async fn server(State(st): State<AppState>) -> Json<ServerWork> {
    let w = &st.work;
    Json(ServerWork {
        reports_started: w.reports_started.load(Ordering::Relaxed),
        reports_finished: w.reports_finished.load(Ordering::Relaxed),
        reports_cancelled: w.reports_cancelled.load(Ordering::Relaxed),
        report_documents: w.report_documents.load(Ordering::Relaxed),
    })
}

#[cfg(test)]
mod tests {
    use super::public_source;

    #[test]
    fn sources_are_shown_without_server_paths() {
        assert_eq!(public_source("news/a.txt"), "news/a.txt");
        assert_eq!(public_source("-:4"), "-:4");
        assert_eq!(public_source("/home/ann/feeds/a.jsonl:12"), "a.jsonl:12");
        assert_eq!(public_source("/srv/x/feed.xml#3"), "feed.xml#3");
        assert_eq!(public_source("C:\\data\\b.html"), "b.html");
    }
}
