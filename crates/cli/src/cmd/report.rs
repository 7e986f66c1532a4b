//! `dyad report A B [--since DATE] [--until DATE] [--json] [--db PATH|URL]`
//!
//! The relationship between two countries (alpha-3 codes or names): the
//! timeline of merged events, the agreements registry, figure series,
//! topics by status, the latest quotations by each side and the
//! institutions and cities the agreements link. `--json` prints the
//! `DyadReport` as one JSON object.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::bail;
use dyad_aggregate::{is_group, narrow_events, report, DyadReport, Evidence, Origin, Pair, Window};
use dyad_model::{Approx, Period};
use dyad_serve::{Side, SIDE_HELP};
use dyad_store::DocFilter;

use super::query::{country, open_existing, parse_date};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first side: a country (alpha-3 code such as KAZ, or a name), a
    /// group code (IGO, NGO) or a body (NATO, or its actor code IGOWSTNAT).
    a: String,
    /// The second side.
    b: String,
    /// Facts on or after this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Facts on or before this date (YYYY-MM-DD).
    #[arg(long)]
    until: Option<String>,
    /// The report as one JSON object.
    #[arg(long)]
    json: bool,
    /// The database: a SQLite file or a postgres:// URL.
    #[arg(long, default_value = dyad_store::DEFAULT_DB)]
    db: String,
}

/// A side as typed: a country, group or body code or name
/// ([`dyad_serve::resolve_side`]), else a country name the gazetteer knows.
fn side(input: &str) -> anyhow::Result<Side> {
    if let Some(s) = dyad_serve::resolve_side(input) {
        return Ok(s);
    }
    let is_code = input.trim().len() == 3;
    match (is_code, country(input)) {
        (false, Ok(c)) => Ok(Side::of_code(c)),
        _ => bail!("unknown country, group or body {input:?}: {SIDE_HELP}"),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (sa, sb) = (side(&args.a)?, side(&args.b)?);
    let (a, b) = (sa.code, sb.code);
    if a == b {
        bail!("a report needs two different sides (got {a} twice)");
    }
    let window = Window {
        since: parse_date("since", args.since.as_deref())?,
        until: parse_date("until", args.until.as_deref())?,
    };
    let store = open_existing(&args.db)?;
    let pair = Pair::new(a, b);
    let mut docs = if is_group(a) || is_group(b) || sa.actor.is_some() || sb.actor.is_some() {
        // A group's or body's documents need not mention it as a country
        // entity: they are the documents of its events.
        let (ids, _) = dyad_serve::side_documents(store.as_ref(), (&sa, &sb), window, 0, u64::MAX)?;
        let mut docs = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some((_, ex)) = store.document(&id)? {
                docs.push(ex);
            }
        }
        docs
    } else {
        store.extractions(&DocFilter {
            countries: vec![a, b],
            ..DocFilter::default()
        })?
    };
    log::info!("{} document(s) about {a} and {b}", docs.len());
    narrow_events(&mut docs, pair, sa.actor.as_deref(), sb.actor.as_deref());
    let mut r = report(&docs, pair, window);
    if sa.actor.is_some() {
        r.a_name = sa.name.clone();
    }
    if sb.actor.is_some() {
        r.b_name = sb.name.clone();
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &r)?;
        out.write_all(b"\n")?;
    } else {
        write_text(&mut out, &r)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn quad_name(q: u8) -> &'static str {
    match q {
        1 => "verbal cooperation",
        2 => "material cooperation",
        3 => "verbal conflict",
        4 => "material conflict",
        _ => "unknown quad class",
    }
}

/// "$375 million", "60", "12.5%".
pub fn amount(value: f64, unit: Option<&str>) -> String {
    let a = value.abs();
    let trim = |x: f64| {
        let s = format!("{:.1}", x);
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    };
    let n = if a >= 1e12 {
        format!("{} trillion", trim(value / 1e12))
    } else if a >= 1e9 {
        format!("{} billion", trim(value / 1e9))
    } else if a >= 1e6 {
        format!("{} million", trim(value / 1e6))
    } else {
        trim(value)
    };
    match unit {
        Some("USD") => format!("${n}"),
        Some("%") => format!("{n}%"),
        Some(u) => format!("{n} {u}"),
        None => n,
    }
}

fn approx_sign(a: Approx) -> &'static str {
    match a {
        Approx::Exact => "",
        Approx::About => "about ",
        Approx::MoreThan => "more than ",
        Approx::LessThan => "less than ",
        Approx::UpTo => "up to ",
    }
}

/// "2024", "Jan-Apr 2025", or the two dates.
pub fn period_label(p: Option<Period>) -> String {
    use chrono::Datelike;
    let Some(p) = p else {
        return "undated".into();
    };
    const M: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month_end = |d: chrono::NaiveDate| d.succ_opt().is_none_or(|n| n.month() != d.month());
    let (s, e) = (p.start, p.end);
    if s.day() == 1 && s.month() == 1 && e.month() == 12 && e.day() == 31 {
        return if s.year() == e.year() {
            s.year().to_string()
        } else {
            format!("{}-{}", s.year(), e.year())
        };
    }
    if s.day() == 1 && month_end(e) && s.year() == e.year() {
        let (a, b) = (M[s.month0() as usize], M[e.month0() as usize]);
        return if a == b {
            format!("{a} {}", e.year())
        } else {
            format!("{a}-{b} {}", e.year())
        };
    }
    format!("{s}..{e}")
}

fn evidence_line(out: &mut impl Write, ev: &[Evidence]) -> std::io::Result<()> {
    if let Some(first) = ev.first() {
        let text = first
            .text
            .as_deref()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        let more = if ev.len() > 1 {
            format!(" (+{} more)", ev.len() - 1)
        } else {
            String::new()
        };
        writeln!(
            out,
            "      \"{text}\" [{} {}..{}]{more}",
            first.doc, first.span.start, first.span.end
        )?;
    }
    Ok(())
}

fn name(code: dyad_model::CountryCode, name: &Option<String>) -> String {
    match name {
        Some(n) => format!("{n} ({code})"),
        None => code.to_string(),
    }
}

pub fn write_text(out: &mut impl Write, r: &DyadReport) -> std::io::Result<()> {
    writeln!(out, "{} and {}", name(r.a, &r.a_name), name(r.b, &r.b_name))?;
    let dates: Vec<_> = r.documents.iter().filter_map(|d| d.date).collect();
    match (dates.iter().min(), dates.iter().max()) {
        (Some(a), Some(b)) => {
            writeln!(out, "{}, {a} to {b}", plural(r.documents.len(), "document"))?
        }
        _ => writeln!(out, "{}", plural(r.documents.len(), "document"))?,
    }

    writeln!(out, "\nTIMELINE")?;
    if r.events.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for e in &r.events {
        let who = |code: &Option<dyad_model::ActorCode>, n: &Option<String>| match (code, n) {
            (Some(c), Some(n)) => format!("{n} [{c}]"),
            (Some(c), None) => c.to_string(),
            (None, Some(n)) => n.clone(),
            (None, None) => "?".into(),
        };
        writeln!(
            out,
            "  {}  {:<4} {:<9} {} -> {}{}  Goldstein {:+.1}, {}, {} article{}",
            e.date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "undated   ".into()),
            e.code.as_str(),
            e.plover.map(|p| p.as_str()).unwrap_or("-"),
            who(&e.source, &e.source_name),
            who(&e.target, &e.target_name),
            e.place
                .as_deref()
                .map(|p| format!(" in {p}"))
                .unwrap_or_default(),
            e.goldstein,
            quad_name(e.quad_class),
            e.articles,
            if e.articles == 1 { "" } else { "s" }
        )?;
        evidence_line(out, &e.evidence)?;
    }

    writeln!(out, "\nAGREEMENTS")?;
    if r.agreements.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for (i, a) in r.agreements.iter().enumerate() {
        let parties: Vec<String> = a
            .parties
            .iter()
            .map(|p| match p.country {
                Some(c) => format!("{} ({c})", p.name),
                None => p.name.clone(),
            })
            .collect();
        writeln!(
            out,
            "  {}. {}{}{}",
            i + 1,
            a.kind,
            a.date.map(|d| format!(", {d}")).unwrap_or_default(),
            a.title
                .as_deref()
                .map(|t| format!(": {t}"))
                .unwrap_or_default()
        )?;
        if !parties.is_empty() {
            writeln!(out, "     parties: {}", parties.join(" and "))?;
        }
        if let Some(s) = &a.subject {
            writeln!(out, "     subject: {s}")?;
        }
        evidence_line(out, &a.evidence)?;
    }

    writeln!(out, "\nFIGURES")?;
    if r.figures.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for s in &r.figures {
        writeln!(
            out,
            "  {}{}{}",
            s.measure.map(|m| m.as_str()).unwrap_or("other"),
            s.unit
                .as_deref()
                .map(|u| format!(" ({u})"))
                .unwrap_or_default(),
            s.subject
                .as_deref()
                .map(|t| format!(": {t}"))
                .unwrap_or_default()
        )?;
        for p in &s.points {
            let mut flags = Vec::new();
            if p.origin == Origin::Derived {
                flags.push(match (p.factor, p.base_value) {
                    (Some(f), Some(v)) => format!(
                        "derived: {} in {} / {f}",
                        amount(v, s.unit.as_deref()),
                        period_label(p.base_period)
                    ),
                    _ => "derived".into(),
                });
            }
            if p.conflict {
                flags.push("conflict".into());
            }
            writeln!(
                out,
                "    {:<14} {}{}{}",
                period_label(p.period),
                approx_sign(p.approx),
                amount(p.value, s.unit.as_deref()),
                if flags.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", flags.join(", "))
                }
            )?;
            evidence_line(out, std::slice::from_ref(&p.evidence))?;
        }
    }

    writeln!(out, "\nTOPICS")?;
    if r.topics.is_empty() {
        writeln!(out, "  (none)")?;
    }
    let mut status = None;
    let mut line: Vec<String> = Vec::new();
    for t in &r.topics {
        if Some(t.status) != status && !line.is_empty() {
            writeln!(
                out,
                "  {}: {}",
                status_name(status.flatten()),
                line.join(", ")
            )?;
            line.clear();
        }
        status = Some(t.status);
        line.push(if t.articles > 1 {
            format!("{} ({} articles)", t.topic, t.articles)
        } else {
            t.topic.clone()
        });
    }
    if !line.is_empty() {
        writeln!(
            out,
            "  {}: {}",
            status_name(status.flatten()),
            line.join(", ")
        )?;
    }

    writeln!(out, "\nQUOTATIONS")?;
    if r.quotes.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for q in &r.quotes {
        writeln!(
            out,
            "  {} {}{}: \u{201c}{}\u{201d}",
            q.country,
            q.speaker_name
                .as_deref()
                .or(q.speaker.as_deref())
                .unwrap_or("?"),
            q.date.map(|d| format!(", {d}")).unwrap_or_default(),
            q.text.split_whitespace().collect::<Vec<_>>().join(" ")
        )?;
    }

    writeln!(out, "\nINSTITUTIONS AND CITIES")?;
    if r.institutions.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for i in &r.institutions {
        writeln!(
            out,
            "  {} {}{}{}",
            i.country
                .map(|c| c.to_string())
                .unwrap_or_else(|| "---".into()),
            i.name,
            i.kind.map(|k| format!(" ({k})")).unwrap_or_default(),
            if i.partners.is_empty() {
                String::new()
            } else {
                format!(", with {}", i.partners.join(", "))
            }
        )?;
    }
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn status_name(s: Option<dyad_model::TopicStatus>) -> &'static str {
    s.map(|s| s.as_str()).unwrap_or("unspecified")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn labels() {
        assert_eq!(amount(375e6, Some("USD")), "$375 million");
        assert_eq!(amount(93.75e6, Some("USD")), "$93.8 million");
        assert_eq!(amount(60.0, None), "60");
        let p = |a, b| {
            Some(Period {
                start: d(a),
                end: d(b),
            })
        };
        assert_eq!(period_label(p("2024-01-01", "2024-12-31")), "2024");
        assert_eq!(period_label(p("2025-01-01", "2025-04-30")), "Jan-Apr 2025");
        assert_eq!(period_label(p("2025-02-01", "2025-02-28")), "Feb 2025");
        assert_eq!(
            period_label(p("2025-02-03", "2025-02-28")),
            "2025-02-03..2025-02-28"
        );
    }
}
