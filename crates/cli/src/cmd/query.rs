//! `dyad events | agreements | figures | quotes [filters] [--json|--csv]`
//!
//! Prints stored facts, filtered in the database (every value bound as a
//! query parameter). Default output is one readable line per fact; `--json`
//! one JSON object per line (the fact's fields plus `doc_id`, `doc_date`,
//! `doc_source`, `doc_title`, `ord`, `evidence_text`); `--csv` a header and
//! one row per fact.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::{bail, Context};
use chrono::NaiveDate;
use dyad_model::{Agreement, CameoCode, CountryCode, Event, Quantity, Quote};
use dyad_store::{AgreementFilter, EventFilter, FigureFilter, QuoteFilter, Row, Store};
use serde::Serialize;

/// Which facts to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Events,
    Agreements,
    Figures,
    Quotes,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A country involved (alpha-3 or name); repeat for a pair, or give
    /// both at once as the API does (`--country KAZ,BGR`).
    #[arg(long, value_delimiter = ',')]
    country: Vec<String>,
    /// Events: an actor code or prefix ("BGRGOV") or entity id. Agreements:
    /// a party. Quotes: a speaker.
    #[arg(long)]
    actor: Option<String>,
    /// Events: a CAMEO code or prefix ("04", "042").
    #[arg(long)]
    code: Option<String>,
    /// On or after this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// On or before this date (YYYY-MM-DD).
    #[arg(long)]
    until: Option<String>,
    /// A case-insensitive substring of the evidence text.
    #[arg(long)]
    text: Option<String>,
    /// Only documents in this language (ISO 639-1, "en").
    #[arg(long)]
    lang: Option<String>,
    /// At most this many rows.
    #[arg(long)]
    limit: Option<u64>,
    /// Skip this many rows.
    #[arg(long, default_value_t = 0)]
    offset: u64,
    /// One JSON object per line.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Comma-separated values with a header line.
    #[arg(long)]
    csv: bool,
    /// The database: a SQLite file or a postgres:// URL.
    #[arg(long, default_value = dyad_store::DEFAULT_DB)]
    db: String,
}

/// Refuses a `--db` URL of a kind dyad does not speak ("mysql://"), before
/// it is taken for a file name.
pub fn check_target(db: &str) -> anyhow::Result<()> {
    if dyad_store::is_postgres_url(db) {
        return Ok(());
    }
    if let Some((scheme, _)) = db.split_once("://") {
        let plain = !scheme.is_empty()
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+');
        if plain {
            bail!(
                "--db {scheme}://...: {scheme} databases are not supported; \
                 give a SQLite file path or a postgres:// URL"
            );
        }
    }
    Ok(())
}

/// A store that would not open, with what to do about it. SQLite's "Error
/// code 14" (CANTOPEN) means the file cannot be opened or created.
pub fn explain_open(db: &str, e: dyad_store::StoreError) -> anyhow::Error {
    let text = format!("{e:#}");
    if text.contains("Error code 14") || text.contains("unable to open database file") {
        let folder = std::path::Path::new(db)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| ".".to_string(), |p| p.display().to_string());
        return anyhow::anyhow!(
            "cannot open or create the SQLite file {db}: check that the folder {folder} exists \
             and that you may write there (SQLite error 14, CANTOPEN)"
        );
    }
    anyhow::Error::new(e)
}

/// Opens an existing store for reading: a missing SQLite file is an error,
/// not a new empty database.
pub fn open_existing(db: &str) -> anyhow::Result<Box<dyn Store>> {
    check_target(db)?;
    if !dyad_store::is_postgres_url(db) && !std::path::Path::new(db).exists() {
        bail!("no database at {db} (run `dyad ingest` first, or pass --db)");
    }
    // Read-only: a read never creates, migrates or writes the database.
    dyad_store::open_read_only(db).map_err(|e| explain_open(db, e))
}

/// A date flag's value.
pub fn parse_date(flag: &str, s: Option<&str>) -> anyhow::Result<Option<NaiveDate>> {
    s.map(|s| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .with_context(|| format!("--{flag} {s:?}: expected YYYY-MM-DD"))
    })
    .transpose()
}

/// A country from what the user typed: an alpha-3 code, or a name,
/// adjective or alias the gazetteer knows ("Kazakhstan", "Bulgarian").
pub fn country(input: &str) -> anyhow::Result<CountryCode> {
    let gazetteer = |s: &str| {
        let analyzer = dyad_analyze::Analyzer::new();
        // As typed, then capitalized ("hungary" -> "Hungary"): the
        // gazetteer matches names as news write them.
        let capitalized: Vec<String> = s
            .split_whitespace()
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| {
                        f.to_uppercase()
                            .chain(c.flat_map(char::to_lowercase))
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .collect();
        [s.to_string(), capitalized.join(" ")]
            .into_iter()
            .find_map(|t| {
                let doc = dyad_model::Document::new("-", t);
                let a = analyzer.entities(&doc);
                a.entities.iter().find_map(|e| e.country)
            })
    };
    dyad_aggregate::resolve_country(input, &[], gazetteer).with_context(|| {
        format!("unknown country {input:?} (give an ISO alpha-3 code such as KAZ)")
    })
}

/// A CSV field, quoted when it must be.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn csv_line(out: &mut impl Write, fields: &[String]) -> std::io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    writeln!(out, "{}", line.join(","))
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// One line of evidence, whitespace collapsed.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn run(kind: Kind, args: Args) -> anyhow::Result<ExitCode> {
    let countries = args
        .country
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .map(country)
        .collect::<anyhow::Result<Vec<_>>>()?;
    let since = parse_date("since", args.since.as_deref())?;
    let until = parse_date("until", args.until.as_deref())?;
    let code = args
        .code
        .as_deref()
        .map(|c| {
            CameoCode::new(c)
                .with_context(|| format!("--code {c:?}: expected a CAMEO code such as 04 or 042"))
        })
        .transpose()?;
    if code.is_some() && kind != Kind::Events {
        bail!("--code applies to events only");
    }
    let store = open_existing(&args.db)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mode = if args.json {
        Mode::Json
    } else if args.csv {
        Mode::Csv
    } else {
        Mode::Text
    };
    match kind {
        Kind::Events => {
            let rows = store.events(&EventFilter {
                countries,
                actor: args.actor,
                code,
                since,
                until,
                text: args.text,
                language: args.lang,
                limit: args.limit,
                offset: args.offset,
                ..EventFilter::default()
            })?;
            print_rows(&mut out, mode, &rows, EVENT_COLUMNS, event_fields, |r| {
                let e = &r.fact;
                format!(
                    "{}  {:<4} {:<9} {} -> {}  goldstein {}  quad {}  {}  \"{}\"",
                    opt(&e.date.or(r.doc_date)),
                    e.code,
                    opt(&e.plover),
                    opt(&e.source),
                    opt(&e.target),
                    e.goldstein,
                    e.quad_class,
                    r.doc_id,
                    flat(&r.evidence_text)
                )
            })?;
        }
        Kind::Agreements => {
            let rows = store.agreements(&AgreementFilter {
                countries,
                party: args.actor,
                since,
                until,
                text: args.text,
                language: args.lang,
                limit: args.limit,
                offset: args.offset,
                ..AgreementFilter::default()
            })?;
            print_rows(
                &mut out,
                mode,
                &rows,
                AGREEMENT_COLUMNS,
                agreement_fields,
                |r| {
                    let a = &r.fact;
                    format!(
                        "{}  {:<13} {}  [{}]  {}  \"{}\"",
                        opt(&a.date.or(r.doc_date)),
                        a.kind,
                        a.title.as_deref().unwrap_or("-"),
                        parties(a),
                        r.doc_id,
                        flat(&r.evidence_text)
                    )
                },
            )?;
        }
        Kind::Figures => {
            let rows = store.figures(&FigureFilter {
                countries,
                since,
                until,
                text: args.text,
                language: args.lang,
                limit: args.limit,
                offset: args.offset,
                ..FigureFilter::default()
            })?;
            print_rows(&mut out, mode, &rows, FIGURE_COLUMNS, figure_fields, |r| {
                let q = &r.fact;
                format!(
                    "{}  {:<10} {} {} {}  period {}  {}  \"{}\"",
                    opt(&r.doc_date),
                    opt(&q.measure),
                    q.approx,
                    q.value,
                    opt(&q.unit),
                    q.period
                        .map(|p| format!("{}..{}", p.start, p.end))
                        .unwrap_or_else(|| "-".into()),
                    r.doc_id,
                    flat(&r.evidence_text)
                )
            })?;
        }
        Kind::Quotes => {
            let rows = store.quotes(&QuoteFilter {
                countries,
                speaker: args.actor,
                since,
                until,
                text: args.text,
                language: args.lang,
                limit: args.limit,
                offset: args.offset,
            })?;
            print_rows(&mut out, mode, &rows, QUOTE_COLUMNS, quote_fields, |r| {
                let q = &r.fact;
                format!(
                    "{}  {}: “{}”  {}",
                    opt(&r.doc_date),
                    q.speaker_name
                        .as_deref()
                        .or(q.speaker.as_deref())
                        .unwrap_or("?"),
                    flat(&q.text),
                    r.doc_id
                )
            })?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Clone, Copy)]
enum Mode {
    Text,
    Json,
    Csv,
}

fn print_rows<T: Serialize>(
    out: &mut impl Write,
    mode: Mode,
    rows: &[Row<T>],
    columns: &[&str],
    fields: fn(&Row<T>) -> Vec<String>,
    text: impl Fn(&Row<T>) -> String,
) -> anyhow::Result<()> {
    match mode {
        Mode::Json => {
            for r in rows {
                serde_json::to_writer(&mut *out, r)?;
                out.write_all(b"\n")?;
            }
        }
        Mode::Csv => {
            let head: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
            csv_line(out, &head)?;
            for r in rows {
                csv_line(out, &fields(r))?;
            }
        }
        Mode::Text => {
            for r in rows {
                writeln!(out, "{}", text(r))?;
            }
        }
    }
    Ok(())
}

fn parties(a: &Agreement) -> String {
    a.parties
        .iter()
        .map(|p| match p.country {
            Some(c) => format!("{} ({c})", p.name),
            None => p.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn common<T>(r: &Row<T>) -> Vec<String> {
    vec![r.doc_id.clone(), opt(&r.doc_date), r.ord.to_string()]
}

const EVENT_COLUMNS: &[&str] = &[
    "doc_id",
    "doc_date",
    "ord",
    "code",
    "plover",
    "quad_class",
    "goldstein",
    "source",
    "target",
    "source_entity",
    "target_entity",
    "date",
    "place",
    "start",
    "end",
    "evidence_text",
];

fn event_fields(r: &Row<Event>) -> Vec<String> {
    let e = &r.fact;
    let mut v = common(r);
    v.extend([
        e.code.to_string(),
        opt(&e.plover),
        e.quad_class.to_string(),
        e.goldstein.to_string(),
        opt(&e.source),
        opt(&e.target),
        opt(&e.source_entity),
        opt(&e.target_entity),
        opt(&e.date),
        opt(&e.place),
        e.evidence.start.to_string(),
        e.evidence.end.to_string(),
        r.evidence_text.clone(),
    ]);
    v
}

const AGREEMENT_COLUMNS: &[&str] = &[
    "doc_id",
    "doc_date",
    "ord",
    "type",
    "title",
    "subject",
    "date",
    "place",
    "parties",
    "start",
    "end",
    "evidence_text",
];

fn agreement_fields(r: &Row<Agreement>) -> Vec<String> {
    let a = &r.fact;
    let mut v = common(r);
    v.extend([
        a.kind.to_string(),
        opt(&a.title),
        opt(&a.subject),
        opt(&a.date),
        opt(&a.place),
        parties(a),
        a.evidence.start.to_string(),
        a.evidence.end.to_string(),
        r.evidence_text.clone(),
    ]);
    v
}

const FIGURE_COLUMNS: &[&str] = &[
    "doc_id",
    "doc_date",
    "ord",
    "kind",
    "value",
    "unit",
    "approx",
    "measure",
    "subject",
    "countries",
    "period_start",
    "period_end",
    "change_factor",
    "change_percent",
    "start",
    "end",
    "evidence_text",
];

fn figure_fields(r: &Row<Quantity>) -> Vec<String> {
    let q = &r.fact;
    let mut v = common(r);
    v.extend([
        q.kind.to_string(),
        q.value.to_string(),
        opt(&q.unit),
        q.approx.to_string(),
        opt(&q.measure),
        opt(&q.subject),
        q.countries
            .iter()
            .map(CountryCode::to_string)
            .collect::<Vec<_>>()
            .join(" "),
        opt(&q.period.map(|p| p.start)),
        opt(&q.period.map(|p| p.end)),
        opt(&q.change.as_ref().and_then(|c| c.factor)),
        opt(&q.change.as_ref().and_then(|c| c.percent)),
        q.evidence.start.to_string(),
        q.evidence.end.to_string(),
        r.evidence_text.clone(),
    ]);
    v
}

const QUOTE_COLUMNS: &[&str] = &[
    "doc_id",
    "doc_date",
    "ord",
    "speaker",
    "speaker_name",
    "text",
    "start",
    "end",
];

fn quote_fields(r: &Row<Quote>) -> Vec<String> {
    let q = &r.fact;
    let mut v = common(r);
    v.extend([
        opt(&q.speaker),
        opt(&q.speaker_name),
        q.text.clone(),
        q.evidence.start.to_string(),
        q.evidence.end.to_string(),
    ]);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
