//! Figures: money, counts, percentages and physical amounts, typed.
//!
//! For every amount [`crate::numbers::scan`] finds, this stage decides
//! whether it is a figure worth reporting and, if so, fills in:
//!
//! - `kind` and `unit`: money (ISO 4217), percent (`%`), count, or other
//!   (tonnes `t`, barrels `bbl`, `bbl/d`, hectares `ha`, ...);
//! - `approx` from the words before it: "nearly", "around", "some" (about),
//!   "exceeded", "over", "more than", "at least" (more_than), "below",
//!   "less than" (less_than), "up to", "as many as" (up_to); a figure
//!   coordinated with a qualified one shares its qualifier ("at least 80
//!   pct of exports and 80 pct of imports");
//! - `measure` and `subject`: the counted noun for counts ("nearly 60
//!   Bulgarian-affiliated companies" -> companies), otherwise the nearest
//!   measure word in the same clause ("bilateral trade exceeded $83
//!   million" -> trade); a price of one currency in another next to "the
//!   dollar" is an exchange rate;
//! - `countries`: the document's dyad for bilateral figures ("bilateral",
//!   "between the two countries"), the two currencies' countries for an
//!   exchange rate, else the countries named in the clause or sentence,
//!   else the document's main country;
//! - `period`: the period expression of the clause ([`crate::period`]),
//!   not one introduced by "from", "compared with", "than" (the comparison)
//!   or "by", "until", "since" (a target or a start);
//! - `change`: "doubled", "quadrupled", "threefold", "2.5 times", "up 12%",
//!   "rose by 18%", "fell 3%", "rose by $20 million to ...", with the
//!   period compared with ("from the previous year", "compared with 2023";
//!   the year before the figure's period when none is named).
//!
//! Not figures: years and dates, ages, ordinals ("20th"), numbers glued to
//! letters ("G7", "COVID-19"), times, phone numbers, house numbers, the
//! "four" of "four months", durations ("45 days"), and small spelled-out
//! numbers unless they count something the measure table knows ("two
//! dozen agreements" is; "the two leaders" is not).

pub(crate) mod context;
mod measure;

pub(crate) use context::Ctx;

use dyad_model::{
    Analysis, Approx, ByteSpan, Change, CharMap, CountryCode, Document, Measure, Period, Quantity,
    QuantityKind,
};

use crate::numbers::{scan, Amount, Tok, TokKind, Unit};
use crate::period::{self, Kind};

pub(crate) fn extract(doc: &Document, analysis: &Analysis, map: &CharMap) -> Vec<Quantity> {
    extract_in(&Ctx::new(doc, analysis), map)
}

/// [`extract`] with the document's context already built (the pipeline
/// shares one between the figure, quote and topic stages).
pub(crate) fn extract_in(ctx: &Ctx, map: &CharMap) -> Vec<Quantity> {
    figures(ctx)
        .into_iter()
        .map(|f| Quantity {
            kind: f.kind,
            value: f.value,
            unit: f.unit,
            approx: f.approx,
            measure: f.measure,
            subject: f.subject,
            countries: f.countries,
            period: f.period,
            change: f.change,
            evidence: map.span(f.evidence),
        })
        .collect()
}

/// A figure before conversion to the output's character spans.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Figure {
    pub kind: QuantityKind,
    pub value: f64,
    pub unit: Option<String>,
    pub approx: Approx,
    pub measure: Option<Measure>,
    pub subject: Option<String>,
    pub countries: Vec<CountryCode>,
    pub period: Option<Period>,
    pub change: Option<Change>,
    pub evidence: ByteSpan,
    /// The amount's span (without qualifier or noun).
    amount: ByteSpan,
    /// Consumed as another figure's change: not reported on its own.
    consumed: bool,
    /// A percent stated as a change ("up 12%").
    change_percent: Option<f64>,
}

const STOP: &[&str] = &[
    "of", "in", "to", "for", "and", "or", "the", "a", "an", "were", "was", "are", "is", "be",
    "been", "has", "have", "had", "will", "would", "from", "with", "by", "on", "at", "as", "that",
    "which", "who", "than", "per", "this", "these", "those", "its", "their", "it", "into", "over",
    "under", "between", "among", "each", "every", "such", "other", "more",
];

const DETERMINERS: &[&str] = &[
    "the", "both", "these", "those", "its", "their", "our", "his", "her", "all", "every", "each",
    "first", "last", "next", "my", "your", "of",
];

fn lower<'a>(t: &Tok, text: &'a str) -> std::borrow::Cow<'a, str> {
    crate::numbers::lower(t.text(text))
}

fn is_plural_noun(w: &str) -> bool {
    let l = crate::numbers::lower(w);
    if matches!(
        l.as_ref(),
        "people"
            | "children"
            | "men"
            | "women"
            | "staff"
            | "personnel"
            | "police"
            | "cattle"
            | "sheep"
            | "livestock"
            | "youth"
            | "aircraft"
            | "crew"
    ) {
        return true;
    }
    w.chars().next().is_some_and(char::is_lowercase)
        && l.len() > 3
        && l.ends_with('s')
        && !l.ends_with("ss")
        && !l.ends_with("us")
        && !l.ends_with("is")
        && !l.ends_with("'s")
}

/// Finds the figures of a document.
pub(crate) fn figures(ctx: &Ctx) -> Vec<Figure> {
    let text = ctx.text;
    let toks = &ctx.toks;
    let amounts = scan(text, toks);
    let reach: Vec<usize> = amounts
        .iter()
        .scan(0, |r, a| {
            *r = (*r).max(a.end);
            Some(*r)
        })
        .collect();
    let periods = period::find(text, toks, ctx.doc.date);
    let mut out: Vec<Figure> = Vec::new();
    for (k, a) in amounts.iter().enumerate() {
        if !a.value.is_finite() || a.value < 0.0 {
            continue;
        }
        // Periods are in text order and disjoint: only the last one
        // starting at or before the number can hold it.
        let p = periods.partition_point(|p| p.start <= a.num_start);
        if p > 0 && a.num_end <= periods[p - 1].end {
            continue;
        }
        if let Some(f) = figure(ctx, &amounts, &reach, k) {
            out.push(f);
        }
    }
    for f in &mut out {
        let clause = ctx.clause(f.amount.start);
        let sentence = ctx.sentence(f.amount.start);
        f.period = figure_period(ctx, &periods, f.amount, clause, sentence);
    }
    conversions(ctx, &mut out);
    previous_year_values(ctx, &periods, &mut out);
    shared_qualifiers(ctx, &mut out);
    changes(ctx, &periods, &mut out);
    out.retain(|f| !f.consumed);
    out
}

/// "$16bn (£8.5bn)": a conversion in brackets states the same figure.
fn conversions(ctx: &Ctx, figs: &mut [Figure]) {
    for i in 1..figs.len() {
        if figs[i].kind != QuantityKind::Money || figs[i - 1].kind != QuantityKind::Money {
            continue;
        }
        let between = &ctx.text[figs[i - 1].amount.end..figs[i].amount.start];
        if between.trim() != "(" && between.trim() != "(about" && between.trim() != "(around" {
            continue;
        }
        let prev = figs[i - 1].clone();
        let f = &mut figs[i];
        f.measure = prev.measure;
        f.subject = prev.subject;
        f.countries = prev.countries;
        if f.approx == Approx::Exact {
            f.approx = prev.approx;
        }
    }
}

/// "from 1.45 billion in February and 980 mln a year earlier": a value
/// followed by "a year earlier" belongs to the year before the period of
/// the figure it is compared with.
fn previous_year_values(ctx: &Ctx, periods: &[period::Found], figs: &mut [Figure]) {
    for i in 1..figs.len() {
        let end = figs[i].amount.end;
        // Periods are in text order: those starting after the figure, while
        // at most one token lies between.
        let from = periods.partition_point(|p| p.start < end);
        let follows = periods[from..]
            .iter()
            .take_while(|p| ctx.toks_in(ByteSpan::new(end, p.start)).len() <= 1)
            .any(|p| p.kind == Kind::Previous);
        if !follows {
            continue;
        }
        let sentence = ctx.sentence(figs[i].amount.start);
        let base = figs[..i]
            .iter()
            .rev()
            .take_while(|f| f.amount.start >= sentence.start)
            .filter(|f| f.unit == figs[i].unit && !is_comparison_value(ctx, f.evidence.start))
            .find_map(|f| f.period);
        if let Some(p) = base.and_then(period::year_before) {
            figs[i].period = Some(p);
        }
    }
}

/// "at least 80 pct of exports and 80 pct of imports": the second figure
/// shares the first one's qualifier.
fn shared_qualifiers(ctx: &Ctx, figs: &mut [Figure]) {
    for i in 1..figs.len() {
        let (a, b) = (&figs[i - 1], &figs[i]);
        if b.approx != Approx::Exact || a.approx == Approx::Exact || a.unit != b.unit {
            continue;
        }
        let between = ctx.toks_in(ByteSpan::new(a.amount.end, b.amount.start));
        let n = between.len();
        let joined = between
            .clone()
            .any(|k| matches!(ctx.toks[k].text(ctx.text), "and" | "or"));
        let last = between
            .end
            .checked_sub(1)
            .map(|k| ctx.toks[k].text(ctx.text));
        if n <= 6 && joined && matches!(last, Some("and" | "or")) {
            figs[i].approx = figs[i - 1].approx;
        }
    }
}

/// Decides whether amount `k` is a figure and types it. `reach[i]` is the
/// furthest end of `amounts[..=i]` (amounts are in text order).
fn figure(ctx: &Ctx, amounts: &[Amount], reach: &[usize], k: usize) -> Option<Figure> {
    let text = ctx.text;
    let toks = &ctx.toks;
    let a = amounts[k];
    let prev = a.first_tok.checked_sub(1).map(|i| toks[i]);
    let next = toks.get(a.last_tok + 1).copied();
    // Glued to letters or signs: "G7", "COVID-19", "20th", "10:30", "+7".
    if a.unit == Unit::None {
        if let Some(p) = prev {
            let glued = p.end == a.start;
            let ptxt = p.text(text);
            if glued && (p.kind == TokKind::Word || matches!(ptxt, ":" | "+" | "#" | "/" | "№")) {
                return None;
            }
            if glued && ptxt == "-" && !a.range {
                return None;
            }
            if matches!(
                lower(&p, text).as_ref(),
                "no" | "article"
                    | "chapter"
                    | "section"
                    | "resolution"
                    | "page"
                    | "room"
                    | "flight"
                    | "route"
                    | "number"
                    | "aged"
                    | "age"
                    | "paragraph"
                    | "item"
                    | "point"
                    | "phase"
                    | "level"
                    | "grade"
                    | "size"
            ) {
                return None;
            }
        }
        if let Some(n) = next {
            if n.start == a.end && (n.kind == TokKind::Word || matches!(n.text(text), ":" | "/")) {
                return None;
            }
        }
    }
    let sentence = ctx.sentence(a.num_start);
    let clause = ctx.clause(a.num_start);
    let (approx, qual_start) = qualifier(ctx, a);
    let mut evidence = ByteSpan::new(qual_start.unwrap_or(a.start), a.end);
    let (kind, unit, mut measure, mut subject) = match a.unit {
        Unit::Money(c) => {
            let c = era_currency(ctx, sentence, c);
            let c = if a.bare_dollar {
                local_currency(ctx, sentence, c).unwrap_or(c)
            } else {
                c
            };
            (QuantityKind::Money, Some(c.to_string()), None, None)
        }
        Unit::Percent => (QuantityKind::Percent, Some("%".to_string()), None, None),
        Unit::None => {
            // Physical amounts: "5 mln tonnes", "1.2 mln bpd".
            let unit = next
                .filter(|n| n.kind == TokKind::Word)
                .and_then(|n| measure::physical_unit(n.text(text)));
            if let Some(u) = unit {
                evidence.end = toks[a.last_tok + 1].end;
                (QuantityKind::Other, Some(u.to_string()), None, None)
            } else if let Some((c, bare)) =
                inherited_currency(amounts, k, sentence).filter(|_| a.scaled)
            {
                let c = if bare {
                    local_currency(ctx, sentence, c).unwrap_or(c)
                } else {
                    c
                };
                (QuantityKind::Money, Some(c.to_string()), None, None)
            } else {
                // Counts are whole ("0.2 moles" is a measurement).
                if !a.scaled && a.value.fract() != 0.0 {
                    return None;
                }
                // "Boeing 737 jets", "Sakhalin 5 fields": a number after a
                // name is part of it.
                if let Some(p) = prev.filter(|p| p.kind == TokKind::Word) {
                    let w = p.text(text);
                    let cap = w.chars().next().is_some_and(char::is_uppercase);
                    let possessive = w.ends_with("'s") || w.ends_with("’s");
                    let l = crate::numbers::lower(w);
                    let function_word = STOP.contains(&l.as_ref())
                        || DETERMINERS.contains(&l.as_ref())
                        || matches!(l.as_ref(), "only" | "another" | "just" | "some" | "about");
                    if cap && !possessive && !function_word && qualifier(ctx, a).1.is_none() {
                        return None;
                    }
                }
                let (m, subj, end) = counted(ctx, a).or_else(|| number_of(ctx, a))?;
                evidence.end = end;
                (QuantityKind::Count, None, Some(m), Some(subj))
            }
        }
    };
    if measure.is_none() {
        let (m, s) = nearest_measure(ctx, a, clause, sentence, kind, unit.as_deref());
        measure = m;
        subject = s;
    }
    let countries = figure_countries(
        ctx,
        amounts,
        reach,
        clause,
        sentence,
        measure,
        unit.as_deref(),
    );
    Some(Figure {
        kind,
        value: a.value,
        unit,
        approx,
        measure,
        subject,
        countries,
        period: None,
        change: None,
        evidence,
        amount: ByteSpan::new(a.start, a.end),
        consumed: false,
        change_percent: None,
    })
}

/// Lira and marks before the euro era: "lire" in a 1987 Italian story.
fn era_currency(ctx: &Ctx, sentence: ByteSpan, c: &'static str) -> &'static str {
    let year = ctx.doc.date.map(|d| chrono::Datelike::year(&d));
    let s = sentence.slice(ctx.text);
    match c {
        "TRY" if year.is_some_and(|y| y < 2005) && !s.contains("Turkish") => "ITL",
        _ => c,
    }
}

/// "dlrs" in a story about Australia are Australian dollars, "riyals" in
/// one about Qatar Qatari riyals: a currency word several countries use
/// means the one of the story's main country (for dollars, unless the
/// sentence names the United States).
fn local_currency(ctx: &Ctx, sentence: ByteSpan, c: &'static str) -> Option<&'static str> {
    let s = sentence.slice(ctx.text);
    let us = s.contains("U.S.")
        || s.contains("US ")
        || s.contains("United States")
        || s.contains("American");
    let country = ctx.dyad.first()?.as_str();
    Some(match (c, country) {
        ("USD", _) if us => return None,
        ("USD", "AUS") => "AUD",
        ("USD", "CAN") => "CAD",
        ("USD", "NZL") => "NZD",
        ("USD", "HKG") => "HKD",
        ("USD", "SGP") => "SGD",
        ("USD", "TWN") => "TWD",
        ("USD", "ZWE") => "ZWD",
        ("USD", "JAM") => "JMD",
        ("USD", "TTO") => "TTD",
        ("USD", "FJI") => "FJD",
        ("USD", "NAM") => "NAD",
        ("USD", "LBR") => "LRD",
        ("SAR", "QAT") => "QAR",
        ("SAR", "OMN") => "OMR",
        ("SAR", "YEM") => "YER",
        ("SAR", "IRN") => "IRR",
        ("KWD", "IRQ") => "IQD",
        ("KWD", "JOR") => "JOD",
        ("KWD", "BHR") => "BHD",
        ("KWD", "LBY") => "LYD",
        ("KWD", "TUN") => "TND",
        ("KWD", "DZA") => "DZD",
        ("KWD", "SRB") => "RSD",
        ("FRF", "CHE") => "CHF",
        ("FRF", "BEL") => "BEF",
        ("FRF", "LUX") => "LUF",
        ("CZK", "DNK") => "DKK",
        ("CZK", "SWE") => "SEK",
        ("CZK", "NOR") => "NOK",
        ("CZK", "ISL") => "ISK",
        ("CZK", "SVK") => "SKK",
        ("NOK", "DNK") => "DKK",
        ("SEK", "ISL") => "ISK",
        ("MXN", "ARG") => "ARS",
        ("MXN", "CHL") => "CLP",
        ("MXN", "COL") => "COP",
        ("MXN", "PHL") => "PHP",
        ("MXN", "URY") => "UYU",
        ("MXN", "CUB") => "CUP",
        ("MXN", "DOM") => "DOP",
        ("INR", "PAK") => "PKR",
        ("INR", "LKA") => "LKR",
        ("INR", "NPL") => "NPR",
        ("INR", "MUS") => "MUR",
        ("GBP", "EGY") => "EGP",
        ("GBP", "LBN") => "LBP",
        ("GBP", "SYR") => "SYP",
        _ => return None,
    })
}

/// "from 10.4 billion in December" after "12.5 billion dlrs": the currency
/// of the previous money amount in the same sentence.
fn inherited_currency(
    amounts: &[Amount],
    k: usize,
    sentence: ByteSpan,
) -> Option<(&'static str, bool)> {
    amounts[..k]
        .iter()
        .rev()
        .take_while(|p| p.start >= sentence.start)
        .find_map(|p| match p.unit {
            Unit::Money(c) if p.scaled => Some((c, p.bare_dollar)),
            _ => None,
        })
}

/// The qualifier before an amount and where it starts.
fn qualifier(ctx: &Ctx, a: Amount) -> (Approx, Option<usize>) {
    let text = ctx.text;
    let toks = &ctx.toks;
    let w = |back: usize| -> std::borrow::Cow<'_, str> {
        a.first_tok
            .checked_sub(back)
            .map(|i| lower(&toks[i], text))
            .unwrap_or_default()
    };
    let start = |back: usize| a.first_tok.checked_sub(back).map(|i| toks[i].start);
    let (w1, w2, w3) = (w(1), w(2), w(3));
    let three = format!("{w3} {w2} {w1}");
    let two = format!("{w2} {w1}");
    let by3 = match three.as_str() {
        "no less than" | "not less than" => Some(Approx::MoreThan),
        "as many as" | "as much as" | "a maximum of" | "no more than" | "not more than" => {
            Some(Approx::UpTo)
        }
        _ => None,
    };
    if let Some(q) = by3 {
        return (q, start(3));
    }
    let by2 = match two.as_str() {
        "more than" | "greater than" | "higher than" | "in excess" | "upwards of" | "at least"
        | "just over" | "well over" | "excess of" => Some(Approx::MoreThan),
        "less than" | "fewer than" | "lower than" | "just under" | "just below" => {
            Some(Approx::LessThan)
        }
        "up to" => Some(Approx::UpTo),
        "close to" | "an estimated" | "nearly some" => Some(Approx::About),
        _ => None,
    };
    if let Some(q) = by2 {
        return (q, start(2));
    }
    let by1 = match w1.as_ref() {
        "over" | "above" | "exceeding" | "exceeded" | "exceeds" | "exceed" | "surpassed"
        | "surpassing" | "topped" | "topping" | "beyond" => Some(Approx::MoreThan),
        "under" | "below" => Some(Approx::LessThan),
        "nearly" | "almost" | "around" | "about" | "some" | "approximately" | "roughly"
        | "approx" | "circa" | "estimated" | "est" => Some(Approx::About),
        "maximum" => Some(Approx::UpTo),
        _ => None,
    };
    match by1 {
        Some(q) => (q, start(1)),
        None => (Approx::Exact, None),
    }
}

/// The noun a plain number counts: "nearly 60 Bulgarian-affiliated
/// companies" -> (companies, "Bulgarian-affiliated companies", end).
fn counted(ctx: &Ctx, a: Amount) -> Option<(Measure, String, usize)> {
    let text = ctx.text;
    let toks = &ctx.toks;
    let mut k = a.last_tok + 1;
    let first = k;
    let mut modifiers = 0;
    while let Some(t) = toks.get(k) {
        if t.kind != TokKind::Word {
            return None;
        }
        let w = t.text(text);
        let l = crate::numbers::lower(w);
        if measure::excluded_noun(&l) {
            return None;
        }
        if is_plural_noun(w) {
            let m = measure::keyword(&l).unwrap_or_else(|| {
                if matches!(l.as_ref(), "people" | "civilians" | "persons")
                    && clause_has(
                        ctx,
                        a.num_start,
                        &["killed", "dead", "died", "wounded", "injured"],
                    )
                {
                    Measure::Casualties
                } else {
                    Measure::Other
                }
            });
            let known = m != Measure::Other;
            if a.spelled && (!known || a.value < 2.0) {
                return None;
            }
            if a.spelled {
                // "the two leaders", "both three"
                let det = a
                    .first_tok
                    .checked_sub(1)
                    .map(|i| lower(&toks[i], text))
                    .is_some_and(|p| DETERMINERS.contains(&p.as_ref()));
                if det {
                    return None;
                }
            }
            let subject = text[toks[first].start..t.end].to_string();
            return Some((m, subject, t.end));
        }
        if modifiers >= 3 || STOP.contains(&l.as_ref()) || l.ends_with("ly") {
            return None;
        }
        modifiers += 1;
        k += 1;
    }
    None
}

/// A bare number that a clause about "the number of X" reports: "the
/// number of Mongolian citizens working in Korea has exceeded 50,000",
/// "the number of tourists reached 1.2 million" (the number right after a
/// verb of reaching, with no noun of its own; X the first plural noun
/// after "number of").
fn number_of(ctx: &Ctx, a: Amount) -> Option<(Measure, String, usize)> {
    let text = ctx.text;
    let toks = &ctx.toks;
    if a.spelled
        || toks
            .get(a.last_tok + 1)
            .is_some_and(|t| t.kind == TokKind::Word)
    {
        return None;
    }
    let clause = ctx.toks_in(ctx.clause(a.start));
    let from = clause.start.min(a.first_tok);
    // A verb of reaching just before the number ("has exceeded", "stood at",
    // "reached nearly").
    let verb = (from.max(a.first_tok.saturating_sub(3))..a.first_tok).any(|k| {
        matches!(
            lower(&toks[k], text).as_ref(),
            "reached"
                | "reaches"
                | "exceeded"
                | "exceeds"
                | "surpassed"
                | "topped"
                | "totaled"
                | "totalled"
                | "is"
                | "was"
                | "stood"
                | "stands"
                | "amounted"
                | "rose"
                | "grew"
                | "increased"
        )
    });
    if !verb {
        return None;
    }
    let n = (from..a.first_tok).find(|&k| {
        lower(&toks[k], text) == "number" && toks.get(k + 1).is_some_and(|t| lower(t, text) == "of")
    })?;
    let noun = (n + 2..(n + 6).min(a.first_tok))
        .find(|&k| toks[k].kind == TokKind::Word && is_plural_noun(toks[k].text(text)))?;
    let m = measure::keyword(&lower(&toks[noun], text)).unwrap_or(Measure::Other);
    let subject = text[toks[n + 2].start..toks[noun].end].to_string();
    Some((m, subject, a.end))
}

fn clause_has(ctx: &Ctx, at: usize, words: &[&str]) -> bool {
    let c = ctx.clause(at);
    ctx.toks_in(c).any(|i| {
        words
            .iter()
            .any(|w| ctx.toks[i].text(ctx.text).eq_ignore_ascii_case(w))
    })
}

/// The measure named nearest the amount in its clause, and its subject.
fn nearest_measure(
    ctx: &Ctx,
    a: Amount,
    clause: ByteSpan,
    sentence: ByteSpan,
    kind: QuantityKind,
    unit: Option<&str>,
) -> (Option<Measure>, Option<String>) {
    let text = ctx.text;
    let toks = &ctx.toks;
    // Exchange rates: a currency priced next to "the dollar".
    if kind == QuantityKind::Money && a.value < 10_000.0 && !a.scaled {
        if let Some(u) = unit {
            let base = ctx.toks_in(sentence).find_map(|i| {
                measure::currency_noun(toks[i].text(text)).filter(|c| {
                    *c != u && i > 0 && {
                        let p = lower(&toks[i - 1], text);
                        p == "the" || p == "a"
                    }
                })
            });
            if base.is_some() {
                return (Some(Measure::ExchangeRate), Some("exchange rate".into()));
            }
        }
    }
    // "75 pct of world net exports": the noun after "of" decides.
    if ctx
        .toks
        .get(a.last_tok + 1)
        .is_some_and(|t| lower(t, text) == "of")
    {
        for i in a.last_tok + 2..(a.last_tok + 6).min(toks.len()) {
            if let Some(m) = measure::keyword(toks[i].text(text)) {
                let subject = text[toks[a.last_tok + 2].start..toks[i].end].to_string();
                return (Some(m), Some(subject));
            }
        }
    }
    let mut best: Option<(usize, usize, Measure)> = None;
    for i in ctx.toks_in(clause) {
        if i >= a.first_tok && i <= a.last_tok {
            continue;
        }
        // A measure word does not reach past another figure ("exports and
        // 75 pct of imports"); years do not count as figures.
        let (lo, hi) = if i < a.first_tok {
            (i + 1, a.first_tok)
        } else {
            (a.last_tok + 1, i)
        };
        let other_figure = (lo..hi).any(|k| {
            toks[k].kind == TokKind::Num && crate::period::year(toks[k].text(text)).is_none()
        });
        let conjunction = (lo..hi).any(|k| matches!(toks[k].text(text), "and" | "or" | "while"));
        if other_figure && conjunction {
            continue;
        }
        let w = toks[i].text(text);
        let Some(m) = measure::keyword(w) else {
            continue;
        };
        if kind == QuantityKind::Percent && m == Measure::Companies {
            continue;
        }
        let d = if i < a.first_tok {
            (a.first_tok - i) * 2
        } else {
            (i - a.last_tok) * 2 + 1
        };
        if best.is_none_or(|b| d < b.0) {
            best = Some((d, i, m));
        }
    }
    let Some((_, i, mut m)) = best else {
        return (None, None);
    };
    // "foreign direct investment".
    if m == Measure::Investment
        && i >= 2
        && lower(&toks[i - 1], text) == "direct"
        && lower(&toks[i - 2], text) == "foreign"
    {
        m = Measure::Fdi;
    }
    // "spent $7.5bn to create a company" is an investment.
    if m == Measure::Spending {
        let c = clause.slice(text);
        if [
            "to create",
            "to buy",
            "to acquire",
            "to build",
            "to set up",
            "to develop",
        ]
        .iter()
        .any(|p| c.contains(p))
        {
            m = Measure::Investment;
        }
    }
    let mut s = i;
    while s > 0 && s + 2 > i && measure::modifier(toks[s - 1].text(text)) {
        s -= 1;
    }
    let subject = text[toks[s].start..toks[i].end].to_string();
    (Some(m), Some(subject))
}

const BILATERAL: &[&str] = &[
    "bilateral",
    "two countries",
    "two nations",
    "two states",
    "both countries",
    "between the two",
    "mutual trade",
    "two-way",
];

fn figure_countries(
    ctx: &Ctx,
    amounts: &[Amount],
    reach: &[usize],
    clause: ByteSpan,
    sentence: ByteSpan,
    measure: Option<Measure>,
    unit: Option<&str>,
) -> Vec<CountryCode> {
    let text = ctx.text;
    if measure == Some(Measure::ExchangeRate) {
        let base = ctx
            .toks_in(sentence)
            .find_map(|i| measure::currency_noun(ctx.toks[i].text(text)));
        let codes = [base, unit]
            .into_iter()
            .flatten()
            .filter_map(measure::currency_country)
            .filter_map(|c| CountryCode::new(c).ok());
        let mut v: Vec<CountryCode> = Vec::new();
        for c in codes {
            if !v.contains(&c) {
                v.push(c);
            }
        }
        return v;
    }
    let s = sentence.slice(text).to_ascii_lowercase();
    let bilateral = BILATERAL.iter().any(|b| s.contains(b));
    if bilateral && ctx.dyad.len() == 2 {
        return ctx.dyad.clone();
    }
    // "US$1.4bn" names a currency, not a country.
    // Mentions and amounts are in text order: only those near the span are
    // looked at, so the work does not grow with the document.
    let named = |span: ByteSpan| -> Vec<CountryCode> {
        let mut v: Vec<CountryCode> = Vec::new();
        let from = ctx.countries.partition_point(|(m, _)| m.start < span.start);
        for (m, c) in ctx.countries[from..]
            .iter()
            .take_while(|(m, _)| m.start < span.end)
        {
            if !span.contains(*m) || v.contains(c) {
                continue;
            }
            // An amount starting before the mention's end overlaps it when
            // the furthest end of those amounts passes the mention's start.
            let upto = amounts.partition_point(|a| a.start < m.end);
            let in_amount = upto
                .checked_sub(1)
                .and_then(|i| reach.get(i))
                .is_some_and(|&end| end > m.start);
            if !in_amount {
                v.push(*c);
            }
        }
        v
    };
    let mut v = named(clause);
    if v.is_empty() {
        v = named(sentence);
    }
    if v.is_empty() {
        if matches!(measure, Some(Measure::Trade)) && ctx.dyad.len() == 2 {
            return ctx.dyad.clone();
        }
        v = ctx.dyad.iter().take(1).copied().collect();
    }
    v
}

/// Words that make the period after them a comparison.
const COMPARISON: &[&str] = &[
    "from", "compared", "than", "versus", "vs", "against", "over",
];
/// Words that make the period after them a target or a start.
const BOUND: &[&str] = &[
    "by", "until", "till", "since", "before", "after", "through", "to", "ahead",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Own,
    Comparison,
    Bound,
}

/// How a period expression relates to the figures around it.
fn period_role(ctx: &Ctx, p: &period::Found) -> Role {
    let toks = &ctx.toks;
    let i = toks.partition_point(|t| t.start < p.start);
    if p.kind == Kind::Previous {
        return Role::Comparison;
    }
    for back in 1..=3 {
        let Some(t) = i.checked_sub(back).map(|j| lower(&toks[j], ctx.text)) else {
            break;
        };
        if COMPARISON.contains(&t.as_ref()) {
            return Role::Comparison;
        }
        if BOUND.contains(&t.as_ref()) {
            return Role::Bound;
        }
        if !matches!(
            t.as_ref(),
            "the" | "in" | "with" | "to" | "same" | "period" | "of" | "a"
        ) {
            break;
        }
    }
    Role::Own
}

fn figure_period(
    ctx: &Ctx,
    periods: &[period::Found],
    amount: ByteSpan,
    clause: ByteSpan,
    sentence: ByteSpan,
) -> Option<Period> {
    let text = ctx.text;
    let pick = |span: ByteSpan| -> Option<Period> {
        let mut best: Option<(usize, Period)> = None;
        for p in periods {
            if p.start < span.start || p.end > span.end {
                continue;
            }
            let Kind::Absolute(per) = p.kind else {
                continue;
            };
            if period_role(ctx, p) != Role::Own {
                continue;
            }
            // A single day is an event's date, except "today"/"yesterday".
            if per.start == per.end {
                let w = text[p.start..p.end].to_ascii_lowercase();
                if w != "today" && w != "yesterday" {
                    continue;
                }
            }
            let d = if p.end <= amount.start {
                amount.start - p.end
            } else {
                p.start.saturating_sub(amount.end)
            };
            if best.is_none_or(|b| d < b.0) {
                best = Some((d, per));
            }
        }
        best.map(|b| b.1)
    };
    // A period of another clause counts only when it opens the sentence
    // ("In 2024, exports rose to X, and imports fell to Y").
    pick(clause).or_else(|| {
        pick(ByteSpan::new(
            sentence.start,
            clause.start.max(sentence.start),
        ))
    })
}

/// The factor a change verb states: "quadrupled" = 4.
fn factor_word(w: &str) -> Option<f64> {
    Some(match w {
        "doubled" | "doubling" | "double" | "twofold" => 2.0,
        "tripled" | "trebled" | "tripling" | "triple" | "threefold" => 3.0,
        "quadrupled" | "quadrupling" | "fourfold" => 4.0,
        "quintupled" | "fivefold" => 5.0,
        "sixfold" => 6.0,
        "tenfold" => 10.0,
        "halved" | "halving" => 0.5,
        _ => return None,
    })
}

const RISE: &[&str] = &[
    "up",
    "rose",
    "rise",
    "rising",
    "risen",
    "increased",
    "increase",
    "increasing",
    "grew",
    "grown",
    "growing",
    "growth",
    "jumped",
    "jump",
    "surged",
    "surge",
    "climbed",
    "gained",
    "gain",
    "soared",
    "expanded",
    "higher",
    "more",
    "added",
];
const FALL: &[&str] = &[
    "down",
    "fell",
    "fall",
    "falling",
    "fallen",
    "decreased",
    "decrease",
    "declined",
    "decline",
    "dropped",
    "drop",
    "slipped",
    "plunged",
    "shrank",
    "contracted",
    "lower",
    "less",
    "lost",
    "slumped",
    "eased",
    "reduced",
];

/// Nouns of change that a percent follows or precedes ("an increase of
/// 8%", "a 12% drop"). "Growth" is left out: "growth of 3%" is a rate.
const CHANGE_NOUNS: &[&str] = &[
    "increase", "rise", "jump", "gain", "decrease", "decline", "drop", "fall",
];

/// Attaches stated changes to figures and marks percent changes consumed.
fn changes(ctx: &Ctx, periods: &[period::Found], figs: &mut [Figure]) {
    let text = ctx.text;
    let toks = &ctx.toks;
    // 1. Percent changes: "up 12%", "rose by 18%", "a 12% increase",
    //    "an increase of 12%".
    for fig in figs.iter_mut() {
        if fig.kind != QuantityKind::Percent {
            continue;
        }
        let a = fig.amount;
        let first = toks.partition_point(|t| t.start < a.start);
        let last = toks.partition_point(|t| t.start < a.end);
        let before: Vec<String> = (first.saturating_sub(2)..first)
            .map(|j| lower(&toks[j], text).into_owned())
            .collect();
        let after = toks.get(last).map(|t| lower(t, text)).unwrap_or_default();
        let sign = |w: &str| {
            if RISE.contains(&w) {
                Some(1.0)
            } else if FALL.contains(&w) {
                Some(-1.0)
            } else {
                None
            }
        };
        // "rose by 18%", "an increase of 8.4 percent": the sign word two
        // tokens before ("growth of 3%" is a rate, a figure of its own).
        let linked = match before.last().map(String::as_str) {
            Some("by") => true,
            Some("of") => before
                .first()
                .is_some_and(|w| CHANGE_NOUNS.contains(&w.as_str())),
            _ => false,
        };
        let s = before
            .last()
            .and_then(|w| if linked { None } else { sign(w) })
            .or_else(|| {
                linked
                    .then(|| before.first().and_then(|w| sign(w)))
                    .flatten()
            })
            .or_else(|| {
                (CHANGE_NOUNS.contains(&after.as_ref())
                    || matches!(
                        after.as_ref(),
                        "growth" | "higher" | "lower" | "more" | "less"
                    ))
                .then(|| sign(&after))
                .flatten()
            });
        if let Some(s) = s {
            fig.change_percent = Some(s * fig.value);
        }
    }
    // 2. Each stated change goes to the nearest figure of its clause that
    //    is neither a percent change nor a value compared with.
    let n = figs.len();
    let targets: Vec<usize> = (0..n)
        .filter(|&i| !(figs[i].kind == QuantityKind::Percent && figs[i].change_percent.is_some()))
        .filter(|&i| !is_comparison_value(ctx, figs[i].evidence.start))
        .collect();
    let nearest = |figs: &[Figure], at: usize| -> Option<usize> {
        let clause = ctx.clause(at);
        // Figures are in text order: only the targets starting in the clause.
        let from = targets.partition_point(|&i| figs[i].amount.start < clause.start);
        targets[from..]
            .iter()
            .copied()
            .take_while(|&i| figs[i].amount.start < clause.end)
            .filter(|&i| clause.contains(figs[i].amount))
            .min_by_key(|&i| {
                let a = figs[i].amount;
                if a.end <= at {
                    at - a.end
                } else {
                    a.start.saturating_sub(at)
                }
            })
    };
    let mut factors: Vec<Option<f64>> = vec![None; n];
    let mut percents: Vec<Option<f64>> = vec![None; n];
    // Factor words and "N times", "N-fold".
    for j in 0..toks.len() {
        let w = lower(&toks[j], text);
        let f = if let Some(f) = factor_word(&w) {
            Some(f)
        } else if let Some(n) = w.strip_suffix("-fold").and_then(word_value) {
            Some(n)
        } else if (w == "times" || w == "fold") && j > 0 && toks[j - 1].kind == TokKind::Num {
            let prev_verb =
                (j.saturating_sub(4)..j).any(|k| RISE.contains(&lower(&toks[k], text).as_ref()));
            (prev_verb || w == "fold")
                .then(|| toks[j - 1].text(text).parse::<f64>().ok())
                .flatten()
        } else {
            None
        };
        if let Some(f) = f {
            if let Some(t) = nearest(figs, toks[j].start) {
                factors[t] = Some(f);
            }
        }
    }
    // Percent changes that are not figures of their own.
    for j in 0..n {
        let Some(p) = figs[j].change_percent else {
            continue;
        };
        if figs[j].kind != QuantityKind::Percent {
            continue;
        }
        if let Some(t) = nearest(figs, figs[j].amount.start) {
            percents[t] = Some(p);
            figs[j].consumed = true;
        }
    }
    for &i in &targets {
        let clause = ctx.clause(figs[i].amount.start);
        let mut factor = factors[i];
        let percent = percents[i];
        // "rose by $20 million to $375 million": the delta before "to".
        if factor.is_none() && percent.is_none() {
            if let Some(j) = delta_before(ctx, figs, i, clause) {
                let delta = figs[j].value * figs[j].change_percent.unwrap_or(1.0);
                let old = figs[i].value - delta;
                if old > 0.0 {
                    factor = Some(figs[i].value / old);
                    figs[j].consumed = true;
                }
            }
        }
        if factor.is_none() && percent.is_none() {
            continue;
        }
        let factor = factor.or_else(|| percent.map(|p| 1.0 + p / 100.0));
        let from = comparison_period(ctx, periods, clause, figs[i].period);
        figs[i].change = Some(Change {
            factor,
            percent,
            from,
        });
    }
    // 3. A percent change with no figure to attach to stays a figure,
    //    carrying its own change.
    for f in figs.iter_mut() {
        if f.kind != QuantityKind::Percent {
            continue;
        }
        if let (Some(p), false) = (f.change_percent, f.consumed) {
            let clause = ctx.clause(f.amount.start);
            f.change = Some(Change {
                factor: Some(1.0 + p / 100.0),
                percent: Some(p),
                from: comparison_period(ctx, periods, clause, f.period),
            });
        }
    }
}

/// "compared with 713 mln", "from 340 mln": the value compared with.
fn is_comparison_value(ctx: &Ctx, start: usize) -> bool {
    let i = ctx.toks.partition_point(|t| t.start < start);
    let w = |back: usize| {
        i.checked_sub(back)
            .map(|k| lower(&ctx.toks[k], ctx.text))
            .unwrap_or_default()
    };
    let (w1, w2) = (w(1), w(2));
    matches!(w1.as_ref(), "from" | "against" | "versus" | "vs" | "than")
        || (matches!(w1.as_ref(), "with" | "to")
            && matches!(w2.as_ref(), "compared" | "comparison"))
        || (w1 == "record" && w2 == "from")
}

fn word_value(w: &str) -> Option<f64> {
    Some(match w {
        "two" | "2" => 2.0,
        "three" | "3" => 3.0,
        "four" | "4" => 4.0,
        "five" | "5" => 5.0,
        "ten" | "10" => 10.0,
        _ => return None,
    })
}

/// Index of a money amount introduced by "by" after a change verb, before
/// figure `i` in the same clause: the absolute change.
fn delta_before(ctx: &Ctx, figs: &mut [Figure], i: usize, clause: ByteSpan) -> Option<usize> {
    let text = ctx.text;
    let toks = &ctx.toks;
    // Figures are in text order: back to the clause's start only.
    let j = (0..i)
        .rev()
        .take_while(|&j| figs[j].amount.start >= clause.start)
        .find(|&j| {
            clause.contains(figs[j].amount) && figs[j].unit == figs[i].unit && !figs[j].consumed
        })?;
    let first = toks.partition_point(|t| t.start < figs[j].evidence.start);
    if first < 2 || lower(&toks[first - 1], text) != "by" {
        return None;
    }
    let verb = lower(&toks[first - 2], text);
    let sign = if RISE.contains(&verb.as_ref()) {
        1.0
    } else if FALL.contains(&verb.as_ref()) {
        -1.0
    } else {
        return None;
    };
    figs[j].change_percent = Some(sign);
    Some(j)
}

/// The period a change compares with.
fn comparison_period(
    ctx: &Ctx,
    periods: &[period::Found],
    clause: ByteSpan,
    own: Option<Period>,
) -> Option<Period> {
    for p in periods {
        if p.start < clause.start || p.end > clause.end {
            continue;
        }
        if period_role(ctx, p) != Role::Comparison {
            continue;
        }
        match p.kind {
            Kind::Previous => return own.and_then(period::year_before),
            Kind::Absolute(per) => {
                // "compared with 2024" for "the first four months of 2025":
                // the same months of 2024.
                if let Some(o) = own {
                    let whole = per.end.signed_duration_since(per.start).num_days() > 360;
                    let partial = o.end.signed_duration_since(o.start).num_days() < 360;
                    if whole && partial {
                        let mut q = o;
                        while q.start > per.end {
                            q = period::year_before(q)?;
                        }
                        return Some(q);
                    }
                }
                return Some(per);
            }
        }
    }
    own.and_then(period::year_before)
}

#[cfg(test)]
mod tests;
