//! `dyad export --format gdelt-events|jsonl|csv [--db PATH|URL] [-o FILE]`
//!
//! - `gdelt-events`: the GDELT 2.0 event table, 61 tab-separated columns
//!   without a header, one row per merged event (the same event reported by
//!   several articles is one row with its NumArticles), so GDELT tooling
//!   reads it. Fields dyad does not know (ethnic, religion, known-group
//!   codes, FIPS geography, tone) are empty or 0; GLOBALEVENTID counts from
//!   1 in export order; DATEADDED is the event's date at 00:00:00; SOURCEURL
//!   is the first reporting document's source.
//! - `jsonl`: one extraction per line with its text, as `dyad extract --json
//!   --text` prints it.
//! - `csv`: one row per fact of every kind (events, agreements, figures,
//!   quotes, topics) with its document, span and evidence text.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::Datelike;
use dyad_aggregate::{base_code, merge_events, MergedEvent, Window};
use dyad_model::{ActorCode, Extraction};
use dyad_store::DocFilter;

use super::query::{csv_line, open_existing};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// GDELT 2.0 event table (61 tab-separated columns).
    GdeltEvents,
    /// One extraction per line, with the document text.
    Jsonl,
    /// One row per fact.
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum)]
    format: Format,
    /// Write here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The database: a SQLite file or a postgres:// URL.
    #[arg(long, default_value = dyad_store::DEFAULT_DB)]
    db: String,
}

/// Documents read from the store per query (jsonl and csv stream).
const PAGE: u64 = 500;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    match args.format {
        Format::GdeltEvents => {
            let docs = store.extractions(&DocFilter::default())?;
            let events = merge_events(&docs, None, Window::default());
            for (i, e) in events.iter().enumerate() {
                let row = gdelt_row(i as u64 + 1, e, &docs);
                writeln!(out, "{}", row.join("\t"))?;
            }
        }
        Format::Jsonl | Format::Csv => {
            if args.format == Format::Csv {
                csv_line(
                    &mut out,
                    &CSV_COLUMNS
                        .iter()
                        .map(|s| s.to_string())
                        .collect::<Vec<_>>(),
                )?;
            }
            let mut offset = 0;
            loop {
                let docs = store.extractions(&DocFilter {
                    limit: Some(PAGE),
                    offset,
                    ..DocFilter::default()
                })?;
                for ex in &docs {
                    if args.format == Format::Jsonl {
                        serde_json::to_writer(&mut out, ex)?;
                        out.write_all(b"\n")?;
                    } else {
                        for row in csv_rows(ex) {
                            csv_line(&mut out, &row)?;
                        }
                    }
                }
                if (docs.len() as u64) < PAGE {
                    break;
                }
                offset += PAGE;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The GDELT 2.0 event table's columns, in order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// No tabs or newlines inside a field.
fn clean(s: &str) -> String {
    s.split(['\t', '\n', '\r']).collect::<Vec<_>>().join(" ")
}

/// Actor fields: code, name, country code, known group, ethnic, religion
/// 1 and 2, type 1..3.
fn actor_fields(
    code: &Option<ActorCode>,
    name: &Option<String>,
    docs: &[Extraction],
) -> [String; 10] {
    let Some(code) = code else {
        return Default::default();
    };
    let s = code.as_str();
    let country = code.country_part();
    let is_country = dyad_model::CountryCode::new(country).is_ok() && country != "IGO";
    let roles: Vec<&str> = (3..s.len()).step_by(3).map(|i| &s[i..i + 3]).collect();
    let name = name.clone().or_else(|| {
        let c = dyad_model::CountryCode::new(country).ok()?;
        dyad_aggregate::country_name(docs, c)
    });
    [
        s.to_string(),
        name.map(|n| clean(&n).to_uppercase()).unwrap_or_default(),
        if is_country {
            country.to_string()
        } else {
            String::new()
        },
        if country == "IGO" {
            roles.first().map(|r| r.to_string()).unwrap_or_default()
        } else {
            String::new()
        },
        String::new(),
        String::new(),
        String::new(),
        roles
            .first()
            .filter(|_| country != "IGO")
            .map(|r| r.to_string())
            .unwrap_or_default(),
        roles.get(1).map(|r| r.to_string()).unwrap_or_default(),
        roles.get(2).map(|r| r.to_string()).unwrap_or_default(),
    ]
}

/// One GDELT 2.0 event row (61 fields).
pub fn gdelt_row(id: u64, e: &MergedEvent, docs: &[Extraction]) -> Vec<String> {
    let mut row = Vec::with_capacity(61);
    row.push(id.to_string());
    match e.date {
        Some(d) => {
            let days = if d.leap_year() { 366.0 } else { 365.0 };
            row.push(d.format("%Y%m%d").to_string());
            row.push(d.format("%Y%m").to_string());
            row.push(d.year().to_string());
            row.push(format!(
                "{:.4}",
                d.year() as f64 + f64::from(d.ordinal()) / days
            ));
        }
        None => row.extend([String::new(), String::new(), String::new(), String::new()]),
    }
    row.extend(actor_fields(&e.source, &e.source_name, docs));
    row.extend(actor_fields(&e.target, &e.target_name, docs));
    row.push(if e.lead { "1" } else { "0" }.to_string());
    row.push(e.code.to_string());
    row.push(base_code(e.code));
    row.push(format!("{:02}", e.code.root()));
    row.push(e.quad_class.to_string());
    row.push(format!("{:.1}", e.goldstein));
    row.push(e.mentions.to_string());
    row.push(e.sources.to_string());
    row.push(e.articles.to_string());
    row.push("0".into()); // AvgTone: dyad scores no tone.
                          // Actor geography: unknown.
    row.extend(std::iter::repeat_n(String::new(), 16));
    // Action geography: the place, with coordinates when resolved (type 4,
    // a world city; else 0, unknown precision). No FIPS codes.
    match &e.place {
        Some(place) => {
            let (lat, lon) = (e.place_lat, e.place_lon);
            row.push(if lat.is_some() { "4" } else { "0" }.into());
            row.push(clean(place));
            row.extend([String::new(), String::new(), String::new()]);
            row.push(lat.map(|v| format!("{v:.4}")).unwrap_or_default());
            row.push(lon.map(|v| format!("{v:.4}")).unwrap_or_default());
            row.push(String::new());
        }
        None => row.extend(std::iter::repeat_n(String::new(), 8)),
    }
    row.push(
        e.date
            .map(|d| format!("{}000000", d.format("%Y%m%d")))
            .unwrap_or_default(),
    );
    let source = e
        .evidence
        .first()
        .and_then(|ev| docs.iter().find(|d| d.doc.id == ev.doc))
        .map(|d| clean(&d.doc.source))
        .unwrap_or_default();
    row.push(source);
    debug_assert_eq!(row.len(), GDELT_COLUMNS.len());
    row
}

const CSV_COLUMNS: &[&str] = &[
    "doc_id",
    "doc_date",
    "doc_source",
    "kind",
    "ord",
    "type",
    "code",
    "source",
    "target",
    "date",
    "value",
    "unit",
    "approx",
    "measure",
    "period_start",
    "period_end",
    "parties",
    "speaker",
    "status",
    "goldstein",
    "start",
    "end",
    "evidence_text",
];

/// One row per fact of `ex`, in `CSV_COLUMNS` order.
fn csv_rows(ex: &Extraction) -> Vec<Vec<String>> {
    let text = ex.doc.text.as_deref().unwrap_or("");
    let o = |v: Option<String>| v.unwrap_or_default();
    let mut rows = Vec::new();
    let mut push = |kind: &str, ord: usize, f: [String; 15], span: dyad_model::Span| {
        let mut r = vec![
            ex.doc.id.clone(),
            o(ex.doc.date.map(|d| d.to_string())),
            ex.doc.source.clone(),
            kind.to_string(),
            ord.to_string(),
        ];
        r.extend(f);
        r.push(span.start.to_string());
        r.push(span.end.to_string());
        r.push(dyad_aggregate::char_slice(text, span));
        rows.push(r);
    };
    let e15 = || -> [String; 15] { Default::default() };
    for (i, e) in ex.events.iter().enumerate() {
        let mut f = e15();
        f[0] = o(e.plover.map(|p| p.to_string()));
        f[1] = e.code.to_string();
        f[2] = o(e.source.as_ref().map(|a| a.to_string()));
        f[3] = o(e.target.as_ref().map(|a| a.to_string()));
        f[4] = o(e.date.map(|d| d.to_string()));
        f[14] = e.goldstein.to_string();
        push("event", i, f, e.evidence);
    }
    for (i, a) in ex.agreements.iter().enumerate() {
        let mut f = e15();
        f[0] = a.kind.to_string();
        f[4] = o(a.date.map(|d| d.to_string()));
        f[11] = a
            .parties
            .iter()
            .map(|p| match p.country {
                Some(c) => format!("{} ({c})", p.name),
                None => p.name.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ");
        push("agreement", i, f, a.evidence);
    }
    for (i, q) in ex.quantities.iter().enumerate() {
        let mut f = e15();
        f[0] = q.kind.to_string();
        f[5] = q.value.to_string();
        f[6] = o(q.unit.clone());
        f[7] = q.approx.to_string();
        f[8] = o(q.measure.map(|m| m.to_string()));
        f[9] = o(q.period.map(|p| p.start.to_string()));
        f[10] = o(q.period.map(|p| p.end.to_string()));
        push("figure", i, f, q.evidence);
    }
    for (i, q) in ex.quotes.iter().enumerate() {
        let mut f = e15();
        f[12] = o(q.speaker_name.clone().or_else(|| q.speaker.clone()));
        push("quote", i, f, q.evidence);
    }
    for (i, t) in ex.topics.iter().enumerate() {
        let mut f = e15();
        f[0] = t.topic.clone();
        f[13] = o(t.status.map(|s| s.to_string()));
        push("topic", i, f, t.evidence);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gdelt_has_61_columns() {
        assert_eq!(GDELT_COLUMNS.len(), 61);
        assert_eq!(CSV_COLUMNS.len(), 5 + 15 + 3);
    }
}
