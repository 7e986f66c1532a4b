//! SQL shared by both backends: values, a query builder that numbers
//! placeholders for the dialect, and the schema's migrations.

use chrono::NaiveDate;

/// The SQL flavour a query is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    #[cfg_attr(
        not(feature = "postgres"),
        allow(dead_code, reason = "constructed by the postgres backend only")
    )]
    Postgres,
}

/// A bound parameter or a fetched cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Date(NaiveDate),
}

impl Value {
    pub(crate) fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }
    pub(crate) fn opt_text(s: Option<impl Into<String>>) -> Value {
        s.map_or(Value::Null, |s| Value::Text(s.into()))
    }
    pub(crate) fn opt_date(d: Option<NaiveDate>) -> Value {
        d.map_or(Value::Null, Value::Date)
    }
    /// A number; NaN and infinities (which SQLite cannot hold) become NULL.
    pub(crate) fn real(x: f64) -> Value {
        if x.is_finite() {
            Value::Real(x)
        } else {
            Value::Null
        }
    }
    pub(crate) fn opt_real(x: Option<f64>) -> Value {
        x.map_or(Value::Null, Value::real)
    }
    pub(crate) fn int(n: usize) -> Value {
        Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// A query under construction: SQL text and its parameters, in order.
#[derive(Debug, Clone)]
pub(crate) struct Query {
    pub(crate) dialect: Dialect,
    pub(crate) sql: String,
    pub(crate) params: Vec<Value>,
}

impl Query {
    pub(crate) fn new(dialect: Dialect, sql: &str) -> Self {
        Query {
            dialect,
            sql: sql.to_string(),
            params: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, sql: &str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    /// Appends a placeholder for `v`.
    pub(crate) fn bind(&mut self, v: Value) -> &mut Self {
        self.params.push(v);
        let n = self.params.len();
        match self.dialect {
            Dialect::Sqlite => self.sql.push_str(&format!("?{n}")),
            Dialect::Postgres => self.sql.push_str(&format!("${n}")),
        }
        self
    }

    /// Appends ` AND lower(<expr>) LIKE %needle%` for each expression
    /// ORed together, with LIKE's wildcards in `needle` escaped.
    pub(crate) fn contains_any(&mut self, exprs: &[&str], needle: &str) -> &mut Self {
        let pattern = format!("%{}%", like_escape(&needle.to_lowercase()));
        self.push(" AND (");
        for (i, e) in exprs.iter().enumerate() {
            if i > 0 {
                self.push(" OR ");
            }
            self.push(&format!("lower(COALESCE({e}, '')) LIKE "));
            self.bind(Value::text(pattern.clone()));
            self.push(" ESCAPE '\\'");
        }
        self.push(")")
    }

    /// Appends ` LIMIT n OFFSET m`.
    pub(crate) fn page(&mut self, limit: Option<u64>, offset: u64) -> &mut Self {
        let clamp = |n: u64| Value::Int(i64::try_from(n).unwrap_or(i64::MAX));
        self.push(" LIMIT ");
        self.bind(limit.map_or(Value::Int(i64::MAX), clamp));
        self.push(" OFFSET ");
        self.bind(clamp(offset))
    }
}

/// Escapes `%`, `_` and `\` for `LIKE ... ESCAPE '\'`.
pub(crate) fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The schema version this build writes and reads.
pub(crate) const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// `MIGRATIONS[n]` takes the schema from version n to n + 1. Each runs in
/// one transaction with the update of `schema_version`. Written in the SQL
/// both backends share; `{int}`, `{real}` and `{date}` are replaced by the
/// dialect's types, `{keyed}` by SQLite's `WITHOUT ROWID` (tables stored in
/// their primary key's order: one b-tree per table instead of two),
/// `{serial}` by an integer key the database assigns in increasing order.
///
/// Facts refer to their document by `documents.seq`, not by the hashed id:
/// new rows then land at the end of every fact table's b-tree instead of at
/// random places, so a batch touches few pages however large the database.
pub(crate) const MIGRATIONS: &[&str] = &[MIGRATION_1, MIGRATION_2, MIGRATION_3];

/// A document's web address and language (ISO 639-1, detected), and when
/// it was ingested (UTC, `YYYY-MM-DDTHH:MM:SS`; NULL for documents stored
/// before this version).
const MIGRATION_3: &str = "
ALTER TABLE documents ADD COLUMN url TEXT;
ALTER TABLE documents ADD COLUMN language TEXT CHECK (length(language) BETWEEN 2 AND 3);
ALTER TABLE documents ADD COLUMN ingested TEXT;
CREATE INDEX documents_language ON documents (language);
";

/// Documents in the order every listing uses (undated last, then date,
/// then id): a page of facts then walks documents in order and stops at
/// the page's end instead of sorting every fact row of the table.
const MIGRATION_2: &str = "
CREATE INDEX documents_order ON documents ((date IS NULL), date, id);
";

/// Column types per dialect.
pub(crate) fn render(sql: &str, dialect: Dialect) -> String {
    let (int, real, date, keyed, serial) = match dialect {
        Dialect::Sqlite => (
            "INTEGER",
            "REAL",
            "TEXT",
            " WITHOUT ROWID",
            "INTEGER PRIMARY KEY",
        ),
        Dialect::Postgres => (
            "BIGINT",
            "DOUBLE PRECISION",
            "DATE",
            "",
            "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        ),
    };
    sql.replace("{serial}", serial)
        .replace("{int}", int)
        .replace("{real}", real)
        .replace("{date}", date)
        .replace("{keyed}", keyed)
}

/// The statements of a migration, split on `;` at line ends.
pub(crate) fn statements(sql: &str) -> impl Iterator<Item = &str> {
    sql.split(";\n").map(str::trim).filter(|s| !s.is_empty())
}

// The CHECK lists below must equal the model's `ALL` values; a unit test
// holds them together. A new value in the model needs a new migration.
// `entities.role` and `quantities.measure` carry no CHECK on purpose: their
// vocabularies grow with the extractor, and a value the reader does not
// know is reported as corrupt (`StoreError::Corrupt`) rather than lost.
const MIGRATION_1: &str = r#"
CREATE TABLE documents (
    seq {serial},
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    date {date},
    dateline TEXT,
    title TEXT,
    text TEXT NOT NULL,
    chars {int} NOT NULL CHECK (chars >= 0)
);
CREATE INDEX documents_date ON documents (date);

CREATE TABLE entities (
    doc {int} NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
    ord {int} NOT NULL,
    entity_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('country', 'person', 'place', 'organization', 'other')),
    name TEXT NOT NULL,
    country TEXT CHECK (length(country) = 3),
    role TEXT,
    lat {real},
    lon {real},
    PRIMARY KEY (doc, ord)
){keyed};
CREATE INDEX entities_country ON entities (country, doc);
CREATE INDEX entities_entity ON entities (entity_id);

CREATE TABLE mentions (
    doc {int} NOT NULL,
    entity_ord {int} NOT NULL,
    ord {int} NOT NULL,
    start_char {int} NOT NULL,
    end_char {int} NOT NULL CHECK (end_char >= start_char),
    PRIMARY KEY (doc, entity_ord, ord),
    FOREIGN KEY (doc, entity_ord) REFERENCES entities (doc, ord) ON DELETE CASCADE
){keyed};

CREATE TABLE events (
    doc {int} NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
    ord {int} NOT NULL,
    code TEXT NOT NULL CHECK (length(code) BETWEEN 2 AND 4),
    root {int} NOT NULL CHECK (root BETWEEN 1 AND 20),
    plover TEXT CHECK (plover IN ('AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT')),
    quad_class {int} NOT NULL,
    goldstein {real},
    source_actor TEXT,
    target_actor TEXT,
    source_country TEXT,
    target_country TEXT,
    source_entity TEXT,
    target_entity TEXT,
    date {date},
    place TEXT,
    ev_start {int} NOT NULL,
    ev_end {int} NOT NULL CHECK (ev_end >= ev_start),
    evidence_text TEXT NOT NULL,
    PRIMARY KEY (doc, ord)
){keyed};
CREATE INDEX events_source_country ON events (source_country);
CREATE INDEX events_target_country ON events (target_country);
CREATE INDEX events_code ON events (code);
CREATE INDEX events_root ON events (root);
CREATE INDEX events_date ON events (date);

CREATE TABLE agreements (
    doc {int} NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
    ord {int} NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('memorandum', 'agreement', 'treaty', 'declaration', 'sister_cities', 'roadmap', 'contract', 'other')),
    title TEXT,
    subject TEXT,
    date {date},
    place TEXT,
    ev_start {int} NOT NULL,
    ev_end {int} NOT NULL CHECK (ev_end >= ev_start),
    evidence_text TEXT NOT NULL,
    PRIMARY KEY (doc, ord)
){keyed};
CREATE INDEX agreements_kind ON agreements (kind);
CREATE INDEX agreements_date ON agreements (date);

CREATE TABLE agreement_parties (
    doc {int} NOT NULL,
    agreement_ord {int} NOT NULL,
    ord {int} NOT NULL,
    name TEXT NOT NULL,
    entity TEXT,
    country TEXT CHECK (length(country) = 3),
    PRIMARY KEY (doc, agreement_ord, ord),
    FOREIGN KEY (doc, agreement_ord) REFERENCES agreements (doc, ord) ON DELETE CASCADE
){keyed};
CREATE INDEX agreement_parties_country ON agreement_parties (country);
CREATE INDEX agreement_parties_entity ON agreement_parties (entity);

CREATE TABLE quantities (
    doc {int} NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
    ord {int} NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('money', 'count', 'percent', 'other')),
    value {real},
    unit TEXT,
    approx TEXT NOT NULL CHECK (approx IN ('exact', 'about', 'more_than', 'less_than', 'up_to')),
    measure TEXT,
    subject TEXT,
    period_start {date},
    period_end {date},
    has_change {int} NOT NULL CHECK (has_change IN (0, 1)),
    change_factor {real},
    change_percent {real},
    change_from_start {date},
    change_from_end {date},
    ev_start {int} NOT NULL,
    ev_end {int} NOT NULL CHECK (ev_end >= ev_start),
    evidence_text TEXT NOT NULL,
    PRIMARY KEY (doc, ord)
){keyed};
CREATE INDEX quantities_measure ON quantities (measure);

CREATE TABLE quantity_countries (
    doc {int} NOT NULL,
    quantity_ord {int} NOT NULL,
    ord {int} NOT NULL,
    country TEXT NOT NULL CHECK (length(country) = 3),
    PRIMARY KEY (doc, quantity_ord, ord),
    FOREIGN KEY (doc, quantity_ord) REFERENCES quantities (doc, ord) ON DELETE CASCADE
){keyed};
CREATE INDEX quantity_countries_country ON quantity_countries (country);

CREATE TABLE quotes (
    doc {int} NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
    ord {int} NOT NULL,
    speaker TEXT,
    speaker_name TEXT,
    text TEXT NOT NULL,
    ev_start {int} NOT NULL,
    ev_end {int} NOT NULL CHECK (ev_end >= ev_start),
    evidence_text TEXT NOT NULL,
    PRIMARY KEY (doc, ord)
){keyed};
CREATE INDEX quotes_speaker ON quotes (speaker);

CREATE TABLE topics (
    doc {int} NOT NULL REFERENCES documents (seq) ON DELETE CASCADE,
    ord {int} NOT NULL,
    topic TEXT NOT NULL,
    status TEXT CHECK (status IN ('active', 'potential', 'planned')),
    ev_start {int} NOT NULL,
    ev_end {int} NOT NULL CHECK (ev_end >= ev_start),
    evidence_text TEXT NOT NULL,
    PRIMARY KEY (doc, ord)
){keyed};
CREATE INDEX topics_topic ON topics (topic);

CREATE TABLE topic_countries (
    doc {int} NOT NULL,
    topic_ord {int} NOT NULL,
    ord {int} NOT NULL,
    country TEXT NOT NULL CHECK (length(country) = 3),
    PRIMARY KEY (doc, topic_ord, ord),
    FOREIGN KEY (doc, topic_ord) REFERENCES topics (doc, ord) ON DELETE CASCADE
){keyed};
CREATE INDEX topic_countries_country ON topic_countries (country);
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_model::{AgreementType, Approx, EntityKind, Plover, QuantityKind, TopicStatus};

    /// The values of the CHECK constraint that follows `column <name> ... IN (`.
    fn check_list(table: &str, column: &str) -> Vec<String> {
        let t = MIGRATION_1
            .find(&format!("CREATE TABLE {table} ("))
            .expect("table exists");
        let body = &MIGRATION_1[t..];
        let line = body
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{column} ")))
            .expect("column exists");
        let inner = &line[line.find(" IN (").expect("has an IN list") + 5..];
        let inner = &inner[..inner.find(')').expect("list closes")];
        inner
            .split(',')
            .map(|v| v.trim().trim_matches('\'').to_string())
            .collect()
    }

    fn names<T: Copy + std::fmt::Display>(all: &[T]) -> Vec<String> {
        all.iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn checks_match_model_enums() {
        assert_eq!(check_list("entities", "kind"), names(EntityKind::ALL));
        assert_eq!(check_list("agreements", "kind"), names(AgreementType::ALL));
        assert_eq!(check_list("quantities", "kind"), names(QuantityKind::ALL));
        assert_eq!(check_list("quantities", "approx"), names(Approx::ALL));
        assert_eq!(check_list("topics", "status"), names(TopicStatus::ALL));
        assert_eq!(check_list("events", "plover"), names(Plover::ALL));
    }

    #[test]
    fn placeholders_follow_dialect() {
        let mut q = Query::new(Dialect::Postgres, "SELECT 1 WHERE a = ");
        q.bind(Value::Int(1)).push(" AND b = ").bind(Value::Int(2));
        assert_eq!(q.sql, "SELECT 1 WHERE a = $1 AND b = $2");
        let mut q = Query::new(Dialect::Sqlite, "x = ");
        q.bind(Value::Null);
        assert_eq!(q.sql, "x = ?1");
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(like_escape(r"50%_a\b"), r"50\%\_a\\b");
    }
}
