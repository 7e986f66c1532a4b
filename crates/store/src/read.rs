//! Reading: the same queries on both backends, through [`Conn`].

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use chrono::NaiveDate;

use dyad_model::{
    ActorCode, Agreement, CameoCode, Change, CountryCode, DocMeta, Document, Entity, Event,
    Extraction, Party, Period, Quantity, Quote, Span, Topic,
};

use crate::error::{Cause, Result, StoreError};
use crate::sql::{like_escape, Dialect, Query, Value};
use crate::{
    AgreementFilter, DocFilter, EventFilter, FigureFilter, QuoteFilter, Row, Stats, TopicFilter,
};

/// A backend's way to run a read query.
pub(crate) trait Conn {
    fn dialect(&self) -> Dialect;
    /// Runs `q` and returns every row's cells in column order.
    fn fetch(&self, q: &Query) -> Result<Vec<Vec<Value>>, Cause>;
}

/// How many ids go into one `IN (...)` list.
const CHUNK: usize = 500;

fn fetch(c: &dyn Conn, q: &Query, what: &'static str) -> Result<Vec<Vec<Value>>> {
    c.fetch(q).map_err(|cause| StoreError::Read { what, cause })
}

/// Decodes one fetched row, column by column.
struct Cells<'a> {
    row: std::slice::Iter<'a, Value>,
    doc_id: String,
}

impl<'a> Cells<'a> {
    /// A row whose first cell is the document id.
    fn new(row: &'a [Value]) -> Result<Self> {
        let mut c = Cells {
            row: row.iter(),
            doc_id: String::new(),
        };
        c.doc_id = c.text("doc_id")?;
        Ok(c)
    }

    fn corrupt(&self, column: &'static str, v: &Value) -> StoreError {
        StoreError::Corrupt {
            doc_id: self.doc_id.clone(),
            column,
            value: format!("{v:?}"),
        }
    }

    fn next(&mut self) -> &'a Value {
        self.row.next().unwrap_or(&Value::Null)
    }

    fn opt_text(&mut self, column: &'static str) -> Result<Option<String>> {
        match self.next() {
            Value::Null => Ok(None),
            Value::Text(s) => Ok(Some(s.clone())),
            v => Err(self.corrupt(column, v)),
        }
    }

    fn text(&mut self, column: &'static str) -> Result<String> {
        match self.next() {
            Value::Text(s) => Ok(s.clone()),
            v => Err(self.corrupt(column, v)),
        }
    }

    fn int(&mut self, column: &'static str) -> Result<i64> {
        match self.next() {
            Value::Int(n) => Ok(*n),
            v => Err(self.corrupt(column, v)),
        }
    }

    fn usize(&mut self, column: &'static str) -> Result<usize> {
        let v = self.int(column)?;
        usize::try_from(v).map_err(|_| self.corrupt(column, &Value::Int(v)))
    }

    fn opt_real(&mut self, column: &'static str) -> Result<Option<f64>> {
        match self.next() {
            Value::Null => Ok(None),
            Value::Real(x) => Ok(Some(*x)),
            Value::Int(n) => Ok(Some(*n as f64)),
            v => Err(self.corrupt(column, v)),
        }
    }

    /// A number stored as NULL because it was not finite reads as NaN.
    fn real(&mut self, column: &'static str) -> Result<f64> {
        Ok(self.opt_real(column)?.unwrap_or(f64::NAN))
    }

    fn opt_date(&mut self, column: &'static str) -> Result<Option<NaiveDate>> {
        match self.next() {
            Value::Null => Ok(None),
            Value::Date(d) => Ok(Some(*d)),
            v @ Value::Text(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| self.corrupt(column, v)),
            v => Err(self.corrupt(column, v)),
        }
    }

    fn opt_parse<T: FromStr>(&mut self, column: &'static str) -> Result<Option<T>> {
        match self.opt_text(column)? {
            None => Ok(None),
            Some(s) => match s.parse() {
                Ok(v) => Ok(Some(v)),
                Err(_) => Err(self.corrupt(column, &Value::Text(s))),
            },
        }
    }

    fn opt_actor(&mut self, column: &'static str) -> Result<Option<ActorCode>> {
        match self.opt_text(column)? {
            None => Ok(None),
            Some(s) => match ActorCode::new(&s) {
                Ok(a) => Ok(Some(a)),
                Err(_) => Err(self.corrupt(column, &Value::Text(s))),
            },
        }
    }

    fn parse<T: FromStr>(&mut self, column: &'static str) -> Result<T> {
        match self.opt_parse(column)? {
            Some(v) => Ok(v),
            None => Err(self.corrupt(column, &Value::Null)),
        }
    }

    fn span(&mut self) -> Result<Span> {
        Ok(Span::new(self.usize("ev_start")?, self.usize("ev_end")?))
    }

    /// The common head of a fact row: doc date, source, title, ord,
    /// evidence text (after the doc id).
    fn head(&mut self) -> Result<Head> {
        Ok(Head {
            doc_date: self.opt_date("date")?,
            doc_source: self.text("source")?,
            doc_title: self.opt_text("title")?,
            ord: u32::try_from(self.int("ord")?).unwrap_or(u32::MAX),
            evidence_text: self.text("evidence_text")?,
        })
    }
}

struct Head {
    doc_date: Option<NaiveDate>,
    doc_source: String,
    doc_title: Option<String>,
    ord: u32,
    evidence_text: String,
}

impl Head {
    fn row<T>(self, doc_id: String, fact: T) -> Row<T> {
        Row {
            doc_id,
            doc_date: self.doc_date,
            doc_source: self.doc_source,
            doc_title: self.doc_title,
            ord: self.ord,
            evidence_text: self.evidence_text,
            fact,
        }
    }
}

/// The columns every fact query starts with; `x` is the fact table's alias.
fn head_columns(x: &str) -> String {
    format!("d.id, d.date, d.source, d.title, {x}.ord, {x}.evidence_text")
}

fn push_dates(q: &mut Query, expr: &str, since: Option<NaiveDate>, until: Option<NaiveDate>) {
    if let Some(s) = since {
        q.push(&format!(" AND {expr} >= ")).bind(Value::Date(s));
    }
    if let Some(u) = until {
        q.push(&format!(" AND {expr} <= ")).bind(Value::Date(u));
    }
}

fn push_ids(q: &mut Query, column: &str, ids: &[&str]) {
    q.push(&format!(" AND {column} IN ("));
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            q.push(", ");
        }
        q.bind(Value::text(*id));
    }
    q.push(")");
}

/// `FROM` a fact table `x` joined with its documents `d`. On SQLite the
/// documents are the outer loop (`CROSS JOIN` fixes the order), so that a
/// query ordered by document walks the `documents_order` index and stops
/// at its `LIMIT`; PostgreSQL plans the join itself.
fn fact_from(c: &dyn Conn, table: &str, x: &str) -> String {
    match c.dialect() {
        Dialect::Sqlite => format!("FROM documents d CROSS JOIN {table} {x} ON {x}.doc = d.seq"),
        Dialect::Postgres => format!("FROM {table} {x} JOIN documents d ON d.seq = {x}.doc"),
    }
}

/// ` ORDER BY` undated last, then date, document, position.
fn push_order(q: &mut Query, date: &str, x: &str) {
    q.push(&format!(
        " ORDER BY ({date} IS NULL), {date}, d.id, {x}.ord"
    ));
}

fn doc_mentions_country(q: &mut Query, doc_col: &str, c: CountryCode) {
    q.push(&format!(
        " AND EXISTS (SELECT 1 FROM entities x WHERE x.doc = {doc_col} AND x.country = "
    ))
    .bind(Value::text(c.as_str()))
    .push(")");
}

// ---------------------------------------------------------------- events

fn event_query(c: &dyn Conn) -> Query {
    Query::new(
        c.dialect(),
        &format!(
            "SELECT {}, e.code, e.plover, e.quad_class, e.goldstein, e.source_actor, \
             e.target_actor, e.source_entity, e.target_entity, e.date, e.place, e.ev_start, \
             e.ev_end FROM events e JOIN documents d ON d.seq = e.doc WHERE 1 = 1",
            head_columns("e")
        ),
    )
}

fn decode_event(r: &[Value]) -> Result<Row<Event>> {
    let mut c = Cells::new(r)?;
    let head = c.head()?;
    let code: CameoCode = c.parse("code")?;
    let event = Event {
        code,
        plover: c.opt_parse("plover")?,
        quad_class: u8::try_from(c.int("quad_class")?).unwrap_or(0),
        goldstein: c.real("goldstein")? as f32,
        source: c.opt_actor("source_actor")?,
        target: c.opt_actor("target_actor")?,
        source_entity: c.opt_text("source_entity")?,
        target_entity: c.opt_text("target_entity")?,
        date: c.opt_date("date")?,
        place: c.opt_text("place")?,
        evidence: c.span()?,
    };
    Ok(head.row(c.doc_id, event))
}

pub(crate) fn events(c: &dyn Conn, f: &EventFilter) -> Result<Vec<Row<Event>>> {
    let mut q = event_query(c);
    for country in &f.countries {
        let code = Value::text(country.as_str());
        q.push(" AND (e.source_country = ")
            .bind(code.clone())
            .push(" OR e.target_country = ")
            .bind(code.clone())
            .push(
                " OR EXISTS (SELECT 1 FROM entities x WHERE x.doc = e.doc \
                 AND x.entity_id IN (e.source_entity, e.target_entity) AND x.country = ",
            )
            .bind(code)
            .push("))");
    }
    if let Some(actor) = &f.actor {
        let prefix = Value::text(format!("{}%", like_escape(&actor.to_uppercase())));
        q.push(" AND (e.source_actor LIKE ")
            .bind(prefix.clone())
            .push(" ESCAPE '\\' OR e.target_actor LIKE ")
            .bind(prefix)
            .push(" ESCAPE '\\' OR e.source_entity = ")
            .bind(Value::text(actor))
            .push(" OR e.target_entity = ")
            .bind(Value::text(actor))
            .push(")");
    }
    if let Some(code) = f.code {
        q.push(" AND e.code LIKE ")
            .bind(Value::text(format!("{}%", code.as_str())));
    }
    if let Some(root) = f.root {
        q.push(" AND e.root = ").bind(Value::Int(root.into()));
    }
    if let Some(p) = f.plover {
        q.push(" AND e.plover = ").bind(Value::text(p.as_str()));
    }
    if let Some(qc) = f.quad_class {
        q.push(" AND e.quad_class = ").bind(Value::Int(qc.into()));
    }
    let date = "COALESCE(e.date, d.date)";
    push_dates(&mut q, date, f.since, f.until);
    push_language(&mut q, f.language.as_deref());
    if let Some(t) = &f.text {
        q.contains_any(&["e.evidence_text"], t);
    }
    push_order(&mut q, date, "e");
    q.page(f.limit, f.offset);
    fetch(c, &q, "events")?
        .iter()
        .map(|r| decode_event(r))
        .collect()
}

// ------------------------------------------------------------ agreements

fn agreement_query(c: &dyn Conn) -> Query {
    Query::new(
        c.dialect(),
        &format!(
            "SELECT {}, a.kind, a.title, a.subject, a.date, a.place, a.ev_start, a.ev_end \
             {} WHERE 1 = 1",
            head_columns("a"),
            fact_from(c, "agreements", "a")
        ),
    )
}

fn decode_agreement(r: &[Value]) -> Result<Row<Agreement>> {
    let mut c = Cells::new(r)?;
    let head = c.head()?;
    let a = Agreement {
        kind: c.parse("kind")?,
        title: c.opt_text("title")?,
        subject: c.opt_text("subject")?,
        date: c.opt_date("date")?,
        place: c.opt_text("place")?,
        parties: Vec::new(),
        evidence: c.span()?,
    };
    Ok(head.row(c.doc_id, a))
}

/// Fills the parties of agreement rows.
fn attach_parties(c: &dyn Conn, rows: &mut [Row<Agreement>]) -> Result<()> {
    let ids = distinct_docs(rows);
    let mut parties: HashMap<(String, u32), Vec<Party>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let mut q = Query::new(
            c.dialect(),
            "SELECT d.id, p.agreement_ord, p.ord, p.name, p.entity, p.country \
             FROM agreement_parties p JOIN documents d ON d.seq = p.doc WHERE 1 = 1",
        );
        push_ids(&mut q, "d.id", chunk);
        q.push(" ORDER BY d.id, p.agreement_ord, p.ord");
        for r in fetch(c, &q, "agreement parties")? {
            let mut cells = Cells::new(&r)?;
            let ord = u32::try_from(cells.int("agreement_ord")?).unwrap_or(u32::MAX);
            cells.int("ord")?;
            let party = Party {
                name: cells.text("name")?,
                entity: cells.opt_text("entity")?,
                country: cells.opt_parse("country")?,
            };
            parties.entry((cells.doc_id, ord)).or_default().push(party);
        }
    }
    for row in rows {
        if let Some(p) = parties.remove(&(row.doc_id.clone(), row.ord)) {
            row.fact.parties = p;
        }
    }
    Ok(())
}

pub(crate) fn agreements(c: &dyn Conn, f: &AgreementFilter) -> Result<Vec<Row<Agreement>>> {
    let mut q = agreement_query(c);
    for country in &f.countries {
        let code = Value::text(country.as_str());
        q.push(
            " AND (EXISTS (SELECT 1 FROM agreement_parties p WHERE p.doc = a.doc \
             AND p.agreement_ord = a.ord AND p.country = ",
        )
        .bind(code.clone())
        .push(
            ") OR EXISTS (SELECT 1 FROM mentions m JOIN entities x ON x.doc = m.doc \
             AND x.ord = m.entity_ord WHERE m.doc = a.doc AND m.start_char >= a.ev_start \
             AND m.start_char < a.ev_end AND x.country = ",
        )
        .bind(code)
        .push("))");
    }
    if let Some(k) = f.kind {
        q.push(" AND a.kind = ").bind(Value::text(k.as_str()));
    }
    if let Some(p) = &f.party {
        let pattern = format!("%{}%", like_escape(&p.to_lowercase()));
        q.push(
            " AND EXISTS (SELECT 1 FROM agreement_parties p WHERE p.doc = a.doc \
             AND p.agreement_ord = a.ord AND (p.entity = ",
        )
        .bind(Value::text(p))
        .push(" OR lower(p.name) LIKE ")
        .bind(Value::text(pattern))
        .push(" ESCAPE '\\'))");
    }
    let date = "COALESCE(a.date, d.date)";
    push_dates(&mut q, date, f.since, f.until);
    push_language(&mut q, f.language.as_deref());
    if let Some(t) = &f.text {
        q.contains_any(&["a.title", "a.subject", "a.evidence_text"], t);
    }
    push_order(&mut q, date, "a");
    q.page(f.limit, f.offset);
    let mut rows = fetch(c, &q, "agreements")?
        .iter()
        .map(|r| decode_agreement(r))
        .collect::<Result<Vec<_>>>()?;
    attach_parties(c, &mut rows)?;
    Ok(rows)
}

// --------------------------------------------------------------- figures

fn figure_query(c: &dyn Conn) -> Query {
    Query::new(
        c.dialect(),
        &format!(
            "SELECT {}, q.kind, q.value, q.unit, q.approx, q.measure, q.subject, \
             q.period_start, q.period_end, q.has_change, q.change_factor, q.change_percent, \
             q.change_from_start, q.change_from_end, q.ev_start, q.ev_end \
             {} WHERE 1 = 1",
            head_columns("q"),
            fact_from(c, "quantities", "q")
        ),
    )
}

fn period(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Option<Period> {
    Some(Period {
        start: start?,
        end: end?,
    })
}

fn decode_figure(r: &[Value]) -> Result<Row<Quantity>> {
    let mut c = Cells::new(r)?;
    let head = c.head()?;
    let kind = c.parse("kind")?;
    let value = c.real("value")?;
    let unit = c.opt_text("unit")?;
    let approx = c.parse("approx")?;
    let measure = c.opt_parse("measure")?;
    let subject = c.opt_text("subject")?;
    let p = period(c.opt_date("period_start")?, c.opt_date("period_end")?);
    let has_change = c.int("has_change")? != 0;
    let factor = c.opt_real("change_factor")?;
    let percent = c.opt_real("change_percent")?;
    let from = period(
        c.opt_date("change_from_start")?,
        c.opt_date("change_from_end")?,
    );
    let q = Quantity {
        kind,
        value,
        unit,
        approx,
        measure,
        subject,
        countries: Vec::new(),
        period: p,
        change: has_change.then_some(Change {
            factor,
            percent,
            from,
        }),
        evidence: c.span()?,
    };
    Ok(head.row(c.doc_id, q))
}

/// Reads `(doc_id, parent_ord, ord, country)` rows of a country table for
/// the documents of `rows`, grouped by parent.
fn countries_of<T>(
    c: &dyn Conn,
    table: &'static str,
    parent: &str,
    rows: &[Row<T>],
) -> Result<HashMap<(String, u32), Vec<CountryCode>>> {
    let ids = distinct_docs(rows);
    let mut out: HashMap<(String, u32), Vec<CountryCode>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let mut q = Query::new(
            c.dialect(),
            &format!(
                "SELECT d.id, t.{parent}, t.ord, t.country FROM {table} t \
                 JOIN documents d ON d.seq = t.doc WHERE 1 = 1"
            ),
        );
        push_ids(&mut q, "d.id", chunk);
        q.push(&format!(" ORDER BY d.id, t.{parent}, t.ord"));
        for r in fetch(c, &q, table)? {
            let mut cells = Cells::new(&r)?;
            let ord = u32::try_from(cells.int("parent ord")?).unwrap_or(u32::MAX);
            cells.int("ord")?;
            let country = cells.parse("country")?;
            out.entry((cells.doc_id, ord)).or_default().push(country);
        }
    }
    Ok(out)
}

fn distinct_docs<T>(rows: &[Row<T>]) -> Vec<&str> {
    let mut seen = HashSet::new();
    rows.iter()
        .map(|r| r.doc_id.as_str())
        .filter(|id| seen.insert(*id))
        .collect()
}

pub(crate) fn figures(c: &dyn Conn, f: &FigureFilter) -> Result<Vec<Row<Quantity>>> {
    let mut q = figure_query(c);
    for country in &f.countries {
        q.push(
            " AND EXISTS (SELECT 1 FROM quantity_countries k WHERE k.doc = q.doc \
             AND k.quantity_ord = q.ord AND k.country = ",
        )
        .bind(Value::text(country.as_str()))
        .push(")");
    }
    if let Some(k) = f.kind {
        q.push(" AND q.kind = ").bind(Value::text(k.as_str()));
    }
    if let Some(m) = f.measure {
        q.push(" AND q.measure = ").bind(Value::text(m.as_str()));
    }
    if let Some(u) = &f.unit {
        q.push(" AND q.unit = ").bind(Value::text(u));
    }
    push_dates(&mut q, "d.date", f.since, f.until);
    push_language(&mut q, f.language.as_deref());
    if let Some(t) = &f.text {
        q.contains_any(&["q.subject", "q.evidence_text"], t);
    }
    push_order(&mut q, "d.date", "q");
    q.page(f.limit, f.offset);
    let mut rows = fetch(c, &q, "figures")?
        .iter()
        .map(|r| decode_figure(r))
        .collect::<Result<Vec<_>>>()?;
    let mut countries = countries_of(c, "quantity_countries", "quantity_ord", &rows)?;
    for row in &mut rows {
        if let Some(cs) = countries.remove(&(row.doc_id.clone(), row.ord)) {
            row.fact.countries = cs;
        }
    }
    Ok(rows)
}

// ---------------------------------------------------------------- quotes

fn quote_query(c: &dyn Conn) -> Query {
    Query::new(
        c.dialect(),
        &format!(
            "SELECT {}, q.speaker, q.speaker_name, q.text, q.ev_start, q.ev_end \
             {} WHERE 1 = 1",
            head_columns("q"),
            fact_from(c, "quotes", "q")
        ),
    )
}

fn decode_quote(r: &[Value]) -> Result<Row<Quote>> {
    let mut c = Cells::new(r)?;
    let head = c.head()?;
    let quote = Quote {
        speaker: c.opt_text("speaker")?,
        speaker_name: c.opt_text("speaker_name")?,
        text: c.text("text")?,
        evidence: c.span()?,
    };
    Ok(head.row(c.doc_id, quote))
}

pub(crate) fn quotes(c: &dyn Conn, f: &QuoteFilter) -> Result<Vec<Row<Quote>>> {
    let mut q = quote_query(c);
    for country in &f.countries {
        doc_mentions_country(&mut q, "q.doc", *country);
    }
    if let Some(s) = &f.speaker {
        let pattern = format!("%{}%", like_escape(&s.to_lowercase()));
        q.push(" AND (q.speaker = ")
            .bind(Value::text(s))
            .push(" OR lower(q.speaker_name) LIKE ")
            .bind(Value::text(pattern))
            .push(" ESCAPE '\\')");
    }
    push_dates(&mut q, "d.date", f.since, f.until);
    push_language(&mut q, f.language.as_deref());
    if let Some(t) = &f.text {
        q.contains_any(&["q.text"], t);
    }
    push_order(&mut q, "d.date", "q");
    q.page(f.limit, f.offset);
    fetch(c, &q, "quotes")?
        .iter()
        .map(|r| decode_quote(r))
        .collect()
}

// ---------------------------------------------------------------- topics

fn topic_query(c: &dyn Conn) -> Query {
    Query::new(
        c.dialect(),
        &format!(
            "SELECT {}, t.topic, t.status, t.ev_start, t.ev_end \
             {} WHERE 1 = 1",
            head_columns("t"),
            fact_from(c, "topics", "t")
        ),
    )
}

fn decode_topic(r: &[Value]) -> Result<Row<Topic>> {
    let mut c = Cells::new(r)?;
    let head = c.head()?;
    let topic = Topic {
        topic: c.text("topic")?,
        status: c.opt_parse("status")?,
        countries: Vec::new(),
        evidence: c.span()?,
    };
    Ok(head.row(c.doc_id, topic))
}

pub(crate) fn topics(c: &dyn Conn, f: &TopicFilter) -> Result<Vec<Row<Topic>>> {
    let mut q = topic_query(c);
    for country in &f.countries {
        q.push(
            " AND EXISTS (SELECT 1 FROM topic_countries k WHERE k.doc = t.doc \
             AND k.topic_ord = t.ord AND k.country = ",
        )
        .bind(Value::text(country.as_str()))
        .push(")");
    }
    if let Some(topic) = &f.topic {
        q.push(" AND t.topic = ").bind(Value::text(topic));
    }
    if let Some(s) = f.status {
        q.push(" AND t.status = ").bind(Value::text(s.as_str()));
    }
    push_dates(&mut q, "d.date", f.since, f.until);
    push_language(&mut q, f.language.as_deref());
    if let Some(t) = &f.text {
        q.contains_any(&["t.evidence_text"], t);
    }
    push_order(&mut q, "d.date", "t");
    q.page(f.limit, f.offset);
    let mut rows = fetch(c, &q, "topics")?
        .iter()
        .map(|r| decode_topic(r))
        .collect::<Result<Vec<_>>>()?;
    let mut countries = countries_of(c, "topic_countries", "topic_ord", &rows)?;
    for row in &mut rows {
        if let Some(cs) = countries.remove(&(row.doc_id.clone(), row.ord)) {
            row.fact.countries = cs;
        }
    }
    Ok(rows)
}

// ------------------------------------------------------------- documents

/// Refuses a database whose tables predate `documents.seq` (written by a
/// development build of dyad under schema version 1).
pub(crate) fn check_layout(c: &dyn Conn, target: &str) -> Result<()> {
    let q = Query::new(c.dialect(), "SELECT seq FROM documents LIMIT 0");
    c.fetch(&q).map(|_| ()).map_err(|_| StoreError::Open {
        target: target.to_string(),
        cause: "its tables have an older development layout (no documents.seq); \
                delete it and ingest again"
            .into(),
    })
}

pub(crate) fn existing(c: &dyn Conn, ids: &[&str]) -> Result<HashSet<String>> {
    let mut out = HashSet::new();
    for chunk in ids.chunks(CHUNK) {
        let mut q = Query::new(c.dialect(), "SELECT id FROM documents d WHERE 1 = 1");
        push_ids(&mut q, "d.id", chunk);
        for r in fetch(c, &q, "document ids")? {
            out.insert(Cells::new(&r)?.doc_id);
        }
    }
    Ok(out)
}

pub(crate) fn stats(c: &dyn Conn) -> Result<Stats> {
    const TABLES: [&str; 9] = [
        "documents",
        "entities",
        "mentions",
        "events",
        "agreements",
        "agreement_parties",
        "quantities",
        "quotes",
        "topics",
    ];
    let sql = TABLES
        .iter()
        .map(|t| format!("(SELECT COUNT(*) FROM {t})"))
        .collect::<Vec<_>>()
        .join(", ");
    let q = Query::new(c.dialect(), &format!("SELECT {sql}"));
    let rows = fetch(c, &q, "statistics")?;
    let n: Vec<u64> = rows
        .first()
        .map(|r| {
            r.iter()
                .map(|v| match v {
                    Value::Int(n) => u64::try_from(*n).unwrap_or(0),
                    _ => 0,
                })
                .collect()
        })
        .unwrap_or_default();
    let at = |i: usize| n.get(i).copied().unwrap_or(0);
    Ok(Stats {
        documents: at(0),
        entities: at(1),
        mentions: at(2),
        events: at(3),
        agreements: at(4),
        agreement_parties: at(5),
        quantities: at(6),
        quotes: at(7),
        topics: at(8),
    })
}

pub(crate) fn document(c: &dyn Conn, id: &str) -> Result<Option<(Document, Extraction)>> {
    let mut q = doc_query(c);
    push_ids(&mut q, "d.id", &[id]);
    let docs = load(c, &q)?;
    Ok(docs.into_iter().next().map(|mut ex| {
        let doc = Document {
            id: ex.doc.id.clone(),
            source: ex.doc.source.clone(),
            date: ex.doc.date,
            dateline: ex.doc.dateline.clone(),
            title: ex.doc.title.clone(),
            url: ex.doc.url.clone(),
            language: ex.doc.language.clone(),
            text: ex.doc.text.take().unwrap_or_default(),
        };
        ex.doc.text = Some(doc.text.clone());
        (doc, ex)
    }))
}

pub(crate) fn extractions(c: &dyn Conn, f: &DocFilter) -> Result<Vec<Extraction>> {
    let mut q = doc_query(c);
    for country in &f.countries {
        doc_mentions_country(&mut q, "d.seq", *country);
    }
    push_dates(&mut q, "d.date", f.since, f.until);
    push_language(&mut q, f.language.as_deref());
    if let Some(t) = &f.text {
        q.contains_any(&["d.title", "d.text"], t);
    }
    q.push(" ORDER BY (d.date IS NULL), d.date, d.id");
    q.page(f.limit, f.offset);
    load(c, &q)
}

/// Appends ` AND d.language = <lang>` when a language is asked for
/// (compared in lowercase, as stored).
fn push_language(q: &mut Query, language: Option<&str>) {
    if let Some(l) = language {
        q.push(" AND d.language = ");
        q.bind(Value::text(l.trim().to_ascii_lowercase()));
    }
}

fn doc_query(c: &dyn Conn) -> Query {
    Query::new(
        c.dialect(),
        "SELECT d.id, d.source, d.date, d.dateline, d.title, d.text, d.chars, \
         d.url, d.language, d.ingested FROM documents d WHERE 1 = 1",
    )
}

/// Runs a document query and assembles each document's extraction from
/// the fact tables, in the query's order.
fn load(c: &dyn Conn, q: &Query) -> Result<Vec<Extraction>> {
    let mut out = Vec::new();
    for r in fetch(c, q, "documents")? {
        let mut cells = Cells::new(&r)?;
        let doc = DocMeta {
            source: cells.text("source")?,
            date: cells.opt_date("date")?,
            dateline: cells.opt_text("dateline")?,
            title: cells.opt_text("title")?,
            text: Some(cells.text("text")?),
            chars: cells.usize("chars")?,
            url: cells.opt_text("url")?,
            language: cells.opt_text("language")?,
            ingested: match cells.opt_text("ingested")? {
                None => None,
                Some(t) => Some(
                    chrono::NaiveDateTime::parse_from_str(&t, "%Y-%m-%dT%H:%M:%S")
                        .map_err(|_| cells.corrupt("ingested", &Value::Text(t.clone())))?,
                ),
            },
            id: cells.doc_id,
        };
        out.push(Extraction {
            doc,
            entities: Vec::new(),
            events: Vec::new(),
            agreements: Vec::new(),
            quantities: Vec::new(),
            quotes: Vec::new(),
            topics: Vec::new(),
        });
    }
    let index: HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, e)| (e.doc.id.clone(), i))
        .collect();
    let ids: Vec<&str> = index.keys().map(String::as_str).collect();
    let mut ids = ids;
    ids.sort_unstable();
    for chunk in ids.chunks(CHUNK) {
        load_entities(c, chunk, &index, &mut out)?;
        let by_doc = |id: &str| index.get(id).copied();

        let mut q = event_query(c);
        push_ids(&mut q, "d.id", chunk);
        q.push(" ORDER BY d.id, e.ord");
        for r in fetch(c, &q, "events")? {
            let row = decode_event(&r)?;
            if let Some(i) = by_doc(&row.doc_id) {
                out[i].events.push(row.fact);
            }
        }

        let mut q = agreement_query(c);
        push_ids(&mut q, "d.id", chunk);
        q.push(" ORDER BY d.id, a.ord");
        let mut rows = fetch(c, &q, "agreements")?
            .iter()
            .map(|r| decode_agreement(r))
            .collect::<Result<Vec<_>>>()?;
        attach_parties(c, &mut rows)?;
        for row in rows {
            if let Some(i) = by_doc(&row.doc_id) {
                out[i].agreements.push(row.fact);
            }
        }

        let mut q = figure_query(c);
        push_ids(&mut q, "d.id", chunk);
        q.push(" ORDER BY d.id, q.ord");
        let mut rows = fetch(c, &q, "figures")?
            .iter()
            .map(|r| decode_figure(r))
            .collect::<Result<Vec<_>>>()?;
        let mut countries = countries_of(c, "quantity_countries", "quantity_ord", &rows)?;
        for mut row in rows.drain(..) {
            if let Some(cs) = countries.remove(&(row.doc_id.clone(), row.ord)) {
                row.fact.countries = cs;
            }
            if let Some(i) = by_doc(&row.doc_id) {
                out[i].quantities.push(row.fact);
            }
        }

        let mut q = quote_query(c);
        push_ids(&mut q, "d.id", chunk);
        q.push(" ORDER BY d.id, q.ord");
        for r in fetch(c, &q, "quotes")? {
            let row = decode_quote(&r)?;
            if let Some(i) = by_doc(&row.doc_id) {
                out[i].quotes.push(row.fact);
            }
        }

        let mut q = topic_query(c);
        push_ids(&mut q, "d.id", chunk);
        q.push(" ORDER BY d.id, t.ord");
        let mut rows = fetch(c, &q, "topics")?
            .iter()
            .map(|r| decode_topic(r))
            .collect::<Result<Vec<_>>>()?;
        let mut countries = countries_of(c, "topic_countries", "topic_ord", &rows)?;
        for mut row in rows.drain(..) {
            if let Some(cs) = countries.remove(&(row.doc_id.clone(), row.ord)) {
                row.fact.countries = cs;
            }
            if let Some(i) = by_doc(&row.doc_id) {
                out[i].topics.push(row.fact);
            }
        }
    }
    Ok(out)
}

fn load_entities(
    c: &dyn Conn,
    ids: &[&str],
    index: &HashMap<String, usize>,
    out: &mut [Extraction],
) -> Result<()> {
    let mut q = Query::new(
        c.dialect(),
        "SELECT d.id, x.ord, x.entity_id, x.kind, x.name, x.country, x.role, x.lat, x.lon \
         FROM entities x JOIN documents d ON d.seq = x.doc WHERE 1 = 1",
    );
    push_ids(&mut q, "d.id", ids);
    q.push(" ORDER BY d.id, x.ord");
    for r in fetch(c, &q, "entities")? {
        let mut cells = Cells::new(&r)?;
        cells.int("ord")?;
        let e = Entity {
            id: cells.text("entity_id")?,
            kind: cells.parse("kind")?,
            name: cells.text("name")?,
            country: cells.opt_parse("country")?,
            role: cells.opt_parse("role")?,
            lat: cells.opt_real("lat")?,
            lon: cells.opt_real("lon")?,
            mentions: Vec::new(),
        };
        if let Some(&i) = index.get(&cells.doc_id) {
            out[i].entities.push(e);
        }
    }
    let mut q = Query::new(
        c.dialect(),
        "SELECT d.id, m.entity_ord, m.ord, m.start_char, m.end_char \
         FROM mentions m JOIN documents d ON d.seq = m.doc WHERE 1 = 1",
    );
    push_ids(&mut q, "d.id", ids);
    q.push(" ORDER BY d.id, m.entity_ord, m.ord");
    for r in fetch(c, &q, "mentions")? {
        let mut cells = Cells::new(&r)?;
        let entity = cells.usize("entity_ord")?;
        cells.int("ord")?;
        let span = Span::new(cells.usize("start_char")?, cells.usize("end_char")?);
        let Some(&i) = index.get(&cells.doc_id) else {
            continue;
        };
        match out[i].entities.get_mut(entity) {
            Some(e) => e.mentions.push(span),
            None => {
                return Err(StoreError::Corrupt {
                    doc_id: cells.doc_id,
                    column: "entity_ord",
                    value: entity.to_string(),
                })
            }
        }
    }
    Ok(())
}
