//! Periods a figure refers to, resolved against the document's date.
//!
//! [`find`] reads a text's tokens and returns every period expression in it
//! as a closed range of days:
//!
//! | written                                  | period (document of 2025-06-09) |
//! | ---------------------------------------- | ------------------------------- |
//! | `in 2024`, `in the 2024 fiscal year`, `FY2024` | 2024-01-01 – 2024-12-31   |
//! | `last year` / `this year`                | 2024 / 2025                     |
//! | `the first four months of 2025`          | 2025-01-01 – 2025-04-30         |
//! | `January–April`, `Jan-Apr 2025`          | 2025-01-01 – 2025-04-30         |
//! | `Q1`, `the first quarter`, `H1 2025`     | 2025-01-01 – 2025-03-31 / – 06-30 |
//! | `in March`                               | 2025-03-01 – 2025-03-31         |
//! | `between 2005 and 2007`, `2005-2007`     | 2005-01-01 – 2007-12-31         |
//! | `today`, `on June 9`                     | that day                        |
//!
//! A period written without its year ("January–April", "Q1", "in March")
//! is the latest one that has begun by the document's date: "January–April"
//! in a February article is last year's. Without a document date such
//! periods are left unresolved.
//!
//! Expressions that only make sense against another period ("the previous
//! year", "a year earlier", "the same period last year") come back as
//! [`Kind::Previous`]; the quantity stage resolves them against the figure's
//! own period with [`year_before`].

use chrono::{Datelike, Duration, NaiveDate};
use dyad_model::Period;

use crate::numbers::{lower, Tok, TokKind};

/// What a period expression states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A period of its own.
    Absolute(Period),
    /// "the previous year", "a year earlier", "the same period last year":
    /// the year before the period it is compared with.
    Previous,
}

/// One period expression: its byte span and meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// The month number (1-12) of a month name or abbreviation.
pub(crate) fn month(w: &str) -> Option<u32> {
    dyad_model::month_number(w)
}

fn ordinal(w: &str) -> Option<u32> {
    Some(match lower(w).as_ref() {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        _ => return None,
    })
}

fn count_word(w: &str) -> Option<u32> {
    Some(match lower(w).as_ref() {
        "two" | "2" => 2,
        "three" | "3" => 3,
        "four" | "4" => 4,
        "five" | "5" => 5,
        "six" | "6" => 6,
        "seven" | "7" => 7,
        "eight" | "8" => 8,
        "nine" | "9" => 9,
        "ten" | "10" => 10,
        "eleven" | "11" => 11,
        _ => return None,
    })
}

/// A plausible year: four digits, 1900–2100.
pub(crate) fn year(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

fn last_day(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).map(|d| d - Duration::days(1))
}

/// Months `m1..=m2` of year `y`.
pub(crate) fn months(y: i32, m1: u32, m2: u32) -> Option<Period> {
    Some(Period {
        start: NaiveDate::from_ymd_opt(y, m1, 1)?,
        end: last_day(y, m2)?,
    })
}

pub(crate) fn whole_year(y: i32) -> Option<Period> {
    months(y, 1, 12)
}

/// The same span one year earlier ("from the previous year").
pub(crate) fn year_before(p: Period) -> Option<Period> {
    let shift = |d: NaiveDate| {
        // The last day of a month stays the last day (February in leap years).
        if last_day(d.year(), d.month()) == Some(d) {
            last_day(d.year() - 1, d.month())
        } else {
            NaiveDate::from_ymd_opt(d.year() - 1, d.month(), d.day())
                .or_else(|| last_day(d.year() - 1, d.month()))
        }
    };
    Some(Period {
        start: shift(p.start)?,
        end: shift(p.end)?,
    })
}

/// The year of a period of months `m1..=m2` written without a year: the
/// latest one that has begun by the document's date.
fn implied_year(date: Option<NaiveDate>, m1: u32) -> Option<i32> {
    let d = date?;
    Some(if m1 <= d.month() {
        d.year()
    } else {
        d.year() - 1
    })
}

/// Finds every period expression in `text` (whose tokens are `toks`).
pub(crate) fn find(text: &str, toks: &[Tok], date: Option<NaiveDate>) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((end, kind)) = at(text, toks, i, date) {
            out.push(Found {
                start: toks[i].start,
                end: toks[end - 1].end,
                kind,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a word can begin a period expression: a cheap test that spares
/// the full parse of [`at`] at most words. It accepts every word a branch of
/// `at` can start with (relative words, ordinals, "Q"/"H", "FY", "fiscal",
/// month names and "Jan-Apr" ranges).
fn may_start(w: &str) -> bool {
    let head = w.split_once('-').map_or(w, |(a, _)| a);
    if month(head).is_some() {
        return true;
    }
    let mut buf = [0u8; 12];
    let Some(low) = buf.get_mut(..head.len()) else {
        return false;
    };
    low.copy_from_slice(head.as_bytes());
    low.make_ascii_lowercase();
    matches!(
        &*low,
        b"last"
            | b"past"
            | b"this"
            | b"current"
            | b"previous"
            | b"preceding"
            | b"prior"
            | b"a"
            | b"one"
            | b"year"
            | b"yoy"
            | b"same"
            | b"today"
            | b"yesterday"
            | b"first"
            | b"second"
            | b"third"
            | b"fourth"
            | b"1st"
            | b"2nd"
            | b"3rd"
            | b"4th"
            | b"q"
            | b"h"
            | b"fy"
            | b"fiscal"
    )
}

/// A period expression starting at token `i`: (index after it, kind).
fn at(text: &str, toks: &[Tok], i: usize, date: Option<NaiveDate>) -> Option<(usize, Kind)> {
    // Every period expression starts with a word or a number.
    if toks[i].kind == TokKind::Sym {
        return None;
    }
    if toks[i].kind == TokKind::Word && !may_start(toks[i].text(text)) {
        return None;
    }
    let w = |k: usize| -> &str { toks.get(k).map_or("", |t| t.text(text)) };
    let lw = |k: usize| lower(w(k));
    let abs = |p: Option<Period>| p.map(Kind::Absolute);
    let l0 = lw(i);
    // An optional "of YYYY" / "YYYY" after a part of a year.
    let year_after = |k: usize| -> Option<(i32, usize)> {
        if lw(k) == "of" {
            year(w(k + 1)).map(|y| (y, k + 2))
        } else {
            year(w(k)).map(|y| (y, k + 1))
        }
    };
    // Relative words.
    match (l0.as_ref(), lw(i + 1).as_ref()) {
        ("last" | "past", "year") if lw(i + 2) != "and" => {
            let d = date?;
            return abs(whole_year(d.year() - 1)).map(|k| (i + 2, k));
        }
        ("this" | "current", "year") => {
            let d = date?;
            return abs(whole_year(d.year())).map(|k| (i + 2, k));
        }
        ("last", "month") => {
            let d = date?;
            let (y, m) = if d.month() == 1 {
                (d.year() - 1, 12)
            } else {
                (d.year(), d.month() - 1)
            };
            return abs(months(y, m, m)).map(|k| (i + 2, k));
        }
        ("this", "month") => {
            let d = date?;
            return abs(months(d.year(), d.month(), d.month())).map(|k| (i + 2, k));
        }
        ("previous" | "preceding" | "prior", "year") => return Some((i + 2, Kind::Previous)),
        ("a" | "one", "year") if matches!(lw(i + 2).as_ref(), "earlier" | "ago" | "before") => {
            return Some((i + 3, Kind::Previous));
        }
        ("year", _) if matches!(w(i + 1), "-" | "–") && lw(i + 2) == "on-year" => {
            return Some((i + 3, Kind::Previous));
        }
        ("year-on-year" | "yoy", _) => return Some((i + 1, Kind::Previous)),
        ("same", "period") if lw(i + 2) == "last" && lw(i + 3) == "year" => {
            return Some((i + 4, Kind::Previous));
        }
        ("today", _) => {
            let d = date?;
            return Some((i + 1, Kind::Absolute(Period { start: d, end: d })));
        }
        ("yesterday", _) => {
            let d = date? - Duration::days(1);
            return Some((i + 1, Kind::Absolute(Period { start: d, end: d })));
        }
        _ => {}
    }
    // "first four months of 2025", "first half of 2025", "first quarter".
    if let Some(n) = ordinal(&l0) {
        let (span, unit_k) = if let Some(c) = count_word(w(i + 1)) {
            (c, i + 2)
        } else {
            (1, i + 1)
        };
        let unit = lw(unit_k);
        let (m1, m2) = match unit.as_ref() {
            "months" | "month" if n == 1 => (1, span),
            "quarter" if span == 1 && n <= 4 => (3 * n - 2, 3 * n),
            "quarters" if n == 1 && span <= 4 => (1, 3 * span),
            "half" if n <= 2 => (6 * n - 5, 6 * n),
            _ => return None,
        };
        if m2 > 12 {
            return None;
        }
        let (y, end) = match year_after(unit_k + 1) {
            Some((y, e)) => (Some(y), e),
            None if lw(unit_k + 1) == "of"
                && lw(unit_k + 2) == "this"
                && lw(unit_k + 3) == "year" =>
            {
                (date.map(|d| d.year()), unit_k + 4)
            }
            None if lw(unit_k + 1) == "of"
                && lw(unit_k + 2) == "last"
                && lw(unit_k + 3) == "year" =>
            {
                (date.map(|d| d.year() - 1), unit_k + 4)
            }
            None => (implied_year(date, m1), unit_k + 1),
        };
        return abs(months(y?, m1, m2)).map(|k| (end, k));
    }
    // "Q1 2025", "H1", "1H 2025".
    if toks[i].kind == TokKind::Word && matches!(w(i), "Q" | "H") {
        let t = toks.get(i + 1)?;
        if t.start != toks[i].end || t.kind != TokKind::Num {
            return None;
        }
        let n: u32 = w(i + 1).parse().ok()?;
        let (m1, m2) = match (w(i), n) {
            ("Q", 1..=4) => (3 * n - 2, 3 * n),
            ("H", 1..=2) => (6 * n - 5, 6 * n),
            _ => return None,
        };
        let (y, end) = match year(w(i + 2)) {
            Some(y) => (Some(y), i + 3),
            None => (implied_year(date, m1), i + 2),
        };
        return abs(months(y?, m1, m2)).map(|k| (end, k));
    }
    // "FY2024", "fiscal 2024", "fiscal year 2024", "2024 fiscal year".
    if l0 == "fy" {
        let t = toks.get(i + 1)?;
        let y = year(t.text(text))?;
        return abs(whole_year(y)).map(|k| (i + 2, k));
    }
    if l0 == "fiscal" {
        let k = if lw(i + 1) == "year" { i + 2 } else { i + 1 };
        let y = year(w(k))?;
        return abs(whole_year(y)).map(|p| (k + 1, p));
    }
    // Months: "January–April 2025", "January 2025", "June 9, 2025",
    // "in March".
    // "Jan-Apr" is one word for the lexer.
    if let Some((a, b)) = w(i).split_once('-') {
        if let (Some(m1), Some(m2)) = (month(a), month(b)) {
            if m2 >= m1 && a.chars().next().is_some_and(char::is_uppercase) {
                let (y, end) = match year(w(i + 1)) {
                    Some(y) => (Some(y), i + 2),
                    None => (implied_year(date, m1), i + 1),
                };
                return abs(months(y?, m1, m2)).map(|k| (end, k));
            }
        }
    }
    if let Some(m1) = month(w(i)).filter(|_| toks[i].kind == TokKind::Word) {
        // "May" the modal verb: only capitalized, and not sentence-initial
        // before a verb-like word; require a neighbouring date word.
        let is_may = w(i) == "May" || w(i) == "may";
        if w(i).chars().next().is_some_and(char::is_lowercase) {
            return None;
        }
        // Month range.
        if matches!(w(i + 1), "-" | "–" | "—" | "to" | "through") {
            if let Some(m2) = month(w(i + 2)).filter(|&m2| m2 >= m1) {
                let (y, end) = match year(w(i + 3)) {
                    Some(y) => (Some(y), i + 4),
                    None => (implied_year(date, m1), i + 3),
                };
                return abs(months(y?, m1, m2)).map(|k| (end, k));
            }
        }
        // "June 9, 2025" / "June 9".
        if let Some(y) = year(w(i + 1)) {
            return abs(months(y, m1, m1)).map(|k| (i + 2, k));
        }
        if toks.get(i + 1).is_some_and(|t| t.kind == TokKind::Num) {
            let day: u32 = w(i + 1).parse().ok()?;
            if !(1..=31).contains(&day) {
                return None;
            }
            let (y, end) = if w(i + 2) == "," && year(w(i + 3)).is_some() {
                (year(w(i + 3)), i + 4)
            } else if let Some(y) = year(w(i + 2)) {
                (Some(y), i + 3)
            } else {
                (implied_year(date, m1), i + 2)
            };
            let d = NaiveDate::from_ymd_opt(y?, m1, day)?;
            return Some((end, Kind::Absolute(Period { start: d, end: d })));
        }
        if let Some(y) = year(w(i + 1)) {
            return abs(months(y, m1, m1)).map(|k| (i + 2, k));
        }
        if is_may {
            return None;
        }
        if matches!(
            lw(i.wrapping_sub(1)).as_ref(),
            "in" | "during" | "for" | "since" | "through"
        ) {
            return abs(months(implied_year(date, m1)?, m1, m1)).map(|k| (i + 1, k));
        }
        return None;
    }
    // "9 June 2025"
    if toks[i].kind == TokKind::Num {
        if let (Ok(day), Some(m)) = (w(i).parse::<u32>(), month(w(i + 1))) {
            if (1..=31).contains(&day) && toks[i + 1].kind == TokKind::Word {
                let (y, end) = match year(w(i + 2)) {
                    Some(y) => (Some(y), i + 3),
                    None => (implied_year(date, m), i + 2),
                };
                let d = NaiveDate::from_ymd_opt(y?, m, day)?;
                return Some((end, Kind::Absolute(Period { start: d, end: d })));
            }
        }
    }
    // Years: "2005-2007", "2005–07", "between 2005 and 2007", "2024 fiscal year", "2024".
    let y1 = year(w(i)).filter(|_| toks[i].kind == TokKind::Num)?;
    if l0.len() != 4 {
        return None;
    }
    if matches!(w(i + 1), "-" | "–") && toks.get(i + 2).is_some_and(|t| t.start == toks[i + 1].end)
    {
        let y2 = year(w(i + 2)).or_else(|| {
            let s = w(i + 2);
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| y1 / 100 * 100 + s.parse::<i32>().unwrap_or(0))
        });
        if let Some(y2) = y2.filter(|&y2| y2 > y1) {
            return Some((
                i + 3,
                Kind::Absolute(Period {
                    start: NaiveDate::from_ymd_opt(y1, 1, 1)?,
                    end: NaiveDate::from_ymd_opt(y2, 12, 31)?,
                }),
            ));
        }
    }
    let before = lw(i.wrapping_sub(1));
    if matches!(lw(i + 1).as_ref(), "and" | "to") && (before == "between" || before == "from") {
        if let Some(y2) = year(w(i + 2)).filter(|&y2| y2 > y1) {
            return Some((
                i + 3,
                Kind::Absolute(Period {
                    start: NaiveDate::from_ymd_opt(y1, 1, 1)?,
                    end: NaiveDate::from_ymd_opt(y2, 12, 31)?,
                }),
            ));
        }
    }
    let end = if lw(i + 1) == "fiscal" && lw(i + 2) == "year" {
        i + 3
    } else {
        i + 1
    };
    abs(whole_year(y1)).map(|k| (end, k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numbers::lex;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn one(text: &str, date: &str) -> Option<(String, String)> {
        let toks = lex(text);
        let f = find(text, &toks, Some(d(date)));
        f.iter().find_map(|f| match f.kind {
            Kind::Absolute(p) => Some((p.start.to_string(), p.end.to_string())),
            Kind::Previous => None,
        })
    }

    fn check(text: &str, date: &str, start: &str, end: &str) {
        assert_eq!(
            one(text, date),
            Some((start.to_string(), end.to_string())),
            "{text} ({date})"
        );
    }

    #[test]
    fn periods() {
        let doc = "2025-06-09";
        check("in 2024", doc, "2024-01-01", "2024-12-31");
        check("last year", doc, "2024-01-01", "2024-12-31");
        check("this year", doc, "2025-01-01", "2025-12-31");
        check(
            "In the first four months of 2025",
            doc,
            "2025-01-01",
            "2025-04-30",
        );
        check("in the first four months", doc, "2025-01-01", "2025-04-30");
        check("January–April", doc, "2025-01-01", "2025-04-30");
        check("Jan-Apr 2024", doc, "2024-01-01", "2024-04-30");
        check("in Q1", doc, "2025-01-01", "2025-03-31");
        check("H1 2025", doc, "2025-01-01", "2025-06-30");
        check("the second half of 2023", doc, "2023-07-01", "2023-12-31");
        check("the first quarter", doc, "2025-01-01", "2025-03-31");
        check(
            "the third quarter of last year",
            doc,
            "2024-07-01",
            "2024-09-30",
        );
        check("in the 2024 fiscal year", doc, "2024-01-01", "2024-12-31");
        check("FY2023", doc, "2023-01-01", "2023-12-31");
        check("between 2005 and 2007", doc, "2005-01-01", "2007-12-31");
        check("in 2019-21", doc, "2019-01-01", "2021-12-31");
        check("closed today", doc, "2025-06-09", "2025-06-09");
        check("on June 9, 2025", doc, "2025-06-09", "2025-06-09");
        check("on 3 March", doc, "2025-03-03", "2025-03-03");
        check("in March", doc, "2025-03-01", "2025-03-31");
        check(
            "compared with 277 mln in December 1985",
            doc,
            "1985-12-01",
            "1985-12-31",
        );
        check(
            "in the first nine months of 2024",
            doc,
            "2024-01-01",
            "2024-09-30",
        );
    }

    #[test]
    fn periods_across_year_ends() {
        // A January article: "January-April" and "Q2" have not begun yet this year.
        check("January–April", "2025-01-20", "2025-01-01", "2025-04-30");
        check("in Q2", "2025-01-20", "2024-04-01", "2024-06-30");
        check("in December", "2025-01-05", "2024-12-01", "2024-12-31");
        check("last month", "2025-01-05", "2024-12-01", "2024-12-31");
        check("last year", "2025-01-01", "2024-01-01", "2024-12-31");
        check("the second half", "2025-03-01", "2024-07-01", "2024-12-31");
        assert_eq!(year_before(months(2025, 1, 4).unwrap()), months(2024, 1, 4));
        // Leap day shifts to the end of February.
        let p = Period {
            start: d("2024-02-29"),
            end: d("2024-02-29"),
        };
        assert_eq!(year_before(p).unwrap().start, d("2023-02-28"));
    }

    #[test]
    fn not_periods() {
        let doc = "2025-06-09";
        assert_eq!(one("it may rise", doc), None);
        assert_eq!(one("5,000 students", doc), None);
        assert!(one("in March", "2025-06-09").is_some());
        let text = "from the previous year";
        let f = find(text, &lex(text), Some(d(doc)));
        assert_eq!(f[0].kind, Kind::Previous);
        // Without a date, relative periods stay unresolved.
        let text = "last year and in Q1";
        assert!(find(text, &lex(text), None).is_empty());
    }

    proptest! {
        #[test]
        fn rendered_year_months_round_trip(y in 1950i32..2090, m1 in 1u32..=12, len in 0u32..12) {
            let m2 = (m1 + len).min(12);
            let cap = |m: u32| {
                let n = dyad_model::MONTHS[m as usize - 1];
                format!("{}{}", n[..1].to_uppercase(), &n[1..])
            };
            let t2 = format!("in {}–{} {y}", cap(m1), cap(m2));
            let toks = lex(&t2);
            let f = find(&t2, &toks, None);
            prop_assert_eq!(f.len(), 1, "{}", t2);
            prop_assert_eq!(f[0].kind, Kind::Absolute(months(y, m1, m2).unwrap()));
        }

        #[test]
        fn year_before_is_one_year_earlier(y in 1950i32..2090, m in 1u32..=12) {
            let p = months(y, m, m).unwrap();
            let b = year_before(p).unwrap();
            prop_assert_eq!(b, months(y - 1, m, m).unwrap());
        }

        #[test]
        fn never_panics(text in "\\PC{0,60}") {
            let toks = lex(&text);
            let _ = find(&text, &toks, Some(NaiveDate::from_ymd_opt(2025, 1, 31).unwrap()));
        }
    }
}
