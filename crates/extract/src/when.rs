//! Date expressions of events and agreements, normalized against the
//! document date: "on June 9", "June 9, 2025", "9 June", "2025-06-09",
//! "on Monday", "last Friday", "yesterday", "today", "last week".
//!
//! Without a document date only expressions that carry a year resolve.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use dyad_model::ByteSpan;

use crate::events::words::Word;

/// One resolved date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateMention {
    pub span: ByteSpan,
    /// Index of the expression's first word.
    pub word: usize,
    pub date: NaiveDate,
}

/// Month names and abbreviations (what `month` matches).
#[cfg(test)]
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

fn month(w: &Word) -> Option<u32> {
    // A capitalized month name or abbreviation, without a trailing dot.
    if !w.cap || w.lower.ends_with('.') {
        return None;
    }
    dyad_model::month_number(w.lower)
}

fn day(w: &Word) -> Option<u32> {
    let s = w.lower;
    if !s.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &s[digits.len()..];
    if !(suffix.is_empty() || matches!(suffix, "st" | "nd" | "rd" | "th")) {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year(w: &Word) -> Option<i32> {
    if w.lower.len() != 4 {
        return None;
    }
    let y: i32 = w.lower.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// A month and day without a year: the year of the document, moved back
/// (or, for a future statement, forward) when the date would be far off.
fn infer_year(m: u32, d: u32, doc: Option<NaiveDate>, future: bool) -> Option<NaiveDate> {
    let doc = doc?;
    let date = NaiveDate::from_ymd_opt(doc.year(), m, d)?;
    if !future && date > doc + Days::new(7) {
        return NaiveDate::from_ymd_opt(doc.year() - 1, m, d);
    }
    if future && date + Days::new(7) < doc {
        return NaiveDate::from_ymd_opt(doc.year() + 1, m, d);
    }
    Some(date)
}

/// "December 31 this year", "May 1 next year": the year the words name.
fn relative_year(
    words: &[Word],
    at: usize,
    m: u32,
    d: u32,
    doc: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let doc = doc?;
    let which = words.get(at)?.lower;
    if words.get(at + 1)?.lower != "year" {
        return None;
    }
    let y = match which {
        "this" => doc.year(),
        "next" => doc.year() + 1,
        "last" => doc.year() - 1,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

fn weekday_date(wd: Weekday, doc: NaiveDate, dir: i8) -> NaiveDate {
    let from = doc.weekday().num_days_from_monday() as i64;
    let to = wd.num_days_from_monday() as i64;
    match dir {
        // The next such day after the document date.
        1 => {
            let ahead = (to - from).rem_euclid(7);
            doc + Days::new(if ahead == 0 { 7 } else { ahead as u64 })
        }
        // "last Monday": strictly before.
        -1 => {
            let back = (from - to).rem_euclid(7);
            doc - Days::new(if back == 0 { 7 } else { back as u64 })
        }
        // "on Monday" in a report: the latest such day up to the document date.
        _ => doc - Days::new((from - to).rem_euclid(7) as u64),
    }
}

/// Every date expression in `words`, in order. `future` says the statement
/// is about the future (a bare weekday then means the next one).
pub(crate) fn dates(words: &[Word], doc: Option<NaiveDate>, future: bool) -> Vec<DateMention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        // Most words cannot start a date (`Word::may_date`).
        if !w.may_date {
            i += 1;
            continue;
        }
        let start = i;
        let mut found: Option<(NaiveDate, usize)> = None;
        if let Some(m) = month(w) {
            // "June 9[, 2025]", "Oct. 19"
            let mut j = i + 1;
            if words.get(j).is_some_and(|x| x.lower == ".") {
                j += 1;
            }
            if let Some(d) = words.get(j).and_then(day) {
                let mut k = j + 1;
                if words.get(k).is_some_and(|x| x.lower == ",") {
                    k += 1;
                }
                found = match words.get(k).and_then(year) {
                    Some(y) => NaiveDate::from_ymd_opt(y, m, d).map(|x| (x, k + 1)),
                    None => relative_year(words, j + 1, m, d, doc)
                        .or_else(|| infer_year(m, d, doc, future))
                        .map(|x| (x, j + 1)),
                };
            }
        } else if let Some(d) = day(w) {
            // "9 June [2025]"
            let mut j = i + 1;
            if words.get(j).is_some_and(|x| x.lower == "of") {
                j += 1;
            }
            if let Some(m) = words.get(j).and_then(month) {
                found = match words.get(j + 1).and_then(year) {
                    Some(y) => NaiveDate::from_ymd_opt(y, m, d).map(|x| (x, j + 2)),
                    None => relative_year(words, j + 1, m, d, doc)
                        .or_else(|| infer_year(m, d, doc, future))
                        .map(|x| (x, j + 1)),
                };
            }
        } else if w.lower.len() == 10 && w.lower.as_bytes()[4] == b'-' {
            found = NaiveDate::parse_from_str(w.lower, "%Y-%m-%d")
                .ok()
                .map(|x| (x, i + 1));
        } else if let Some(doc) = doc.filter(|_| w.lower.len() >= 4) {
            let prev = if i > 0 { words[i - 1].lower } else { "" };
            let weekday = w
                .lower
                .ends_with("day")
                .then(|| WEEKDAYS.iter().find(|(n, _)| *n == w.lower))
                .flatten();
            if let Some(&(_, wd)) = weekday {
                let dir = match prev {
                    "last" | "past" | "previous" => -1,
                    "next" | "coming" => 1,
                    _ if future => 1,
                    _ => 0,
                };
                found = Some((weekday_date(wd, doc, dir), i + 1));
            } else {
                found = match w.lower {
                    "today" | "tonight" => Some((doc, i + 1)),
                    "yesterday" => Some((doc - Days::new(1), i + 1)),
                    "tomorrow" => Some((doc + Days::new(1), i + 1)),
                    "week" if prev == "last" => Some((doc - Days::new(7), i + 1)),
                    "week" if prev == "next" => Some((doc + Days::new(7), i + 1)),
                    "week" if prev == "this" => Some((doc, i + 1)),
                    _ => None,
                };
            }
        }
        match found {
            Some((date, end)) => {
                let first = if matches!(w.lower, "week") {
                    start.saturating_sub(1)
                } else {
                    start
                };
                out.push(DateMention {
                    span: ByteSpan::new(words[first].span.start, words[end - 1].span.end),
                    word: first,
                    date,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::words::words;
    use proptest::prelude::*;

    #[test]
    fn month_names() {
        let text = MONTHS
            .iter()
            .map(|(m, _)| {
                let mut c = m.chars();
                c.next().map_or(String::new(), |f| {
                    f.to_ascii_uppercase().to_string() + c.as_str()
                })
            })
            .collect::<Vec<_>>()
            .join(" ");
        let lower = text.to_ascii_lowercase();
        let ws = words(&text, &lower, ByteSpan::new(0, text.len()));
        let got: Vec<Option<u32>> = ws.iter().map(month).collect();
        let want: Vec<Option<u32>> = MONTHS.iter().map(|&(_, n)| Some(n)).collect();
        assert_eq!(got, want);
        assert_eq!(
            ws.iter()
                .map(|w| month(&Word { cap: false, ..*w }))
                .find(Option::is_some),
            None
        );
        let text = "Mayor Marching Junk Sep Septe Dece Decembers";
        let lower = text.to_ascii_lowercase();
        let ws = words(text, &lower, ByteSpan::new(0, text.len()));
        let got: Vec<Option<u32>> = ws.iter().map(month).collect();
        assert_eq!(got, [None, None, None, Some(9), None, None, None]);
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn find(text: &str, doc: Option<&str>, future: bool) -> Vec<String> {
        let lower = text.to_ascii_lowercase();
        let w = words(text, &lower, ByteSpan::new(0, text.len()));
        dates(&w, doc.map(d), future)
            .iter()
            .map(|m| format!("{}={}", m.span.slice(text), m.date))
            .collect()
    }

    #[test]
    fn explicit_dates() {
        assert_eq!(
            find("met on June 9, 2025 in Astana", None, false),
            ["June 9, 2025=2025-06-09"]
        );
        assert_eq!(
            find("on June 9 in Astana", Some("2025-06-10"), false),
            ["June 9=2025-06-09"]
        );
        assert_eq!(
            find("on 9 June", Some("2025-06-10"), false),
            ["9 June=2025-06-09"]
        );
        assert_eq!(
            find("TOKYO, Oct. 19 -", Some("1987-10-19"), false),
            ["Oct. 19=1987-10-19"]
        );
        assert_eq!(
            find("signed 2024-12-30", None, false),
            ["2024-12-30=2024-12-30"]
        );
        assert!(find("on June 9", None, false).is_empty());
        assert!(find("May I say", Some("2025-06-10"), false).is_empty());
    }

    #[test]
    fn this_year_and_next_year() {
        assert_eq!(
            find("until December 31 this year", Some("1987-03-20"), false),
            ["December 31=1987-12-31"]
        );
        assert_eq!(
            find("by May 1 next year", Some("1987-03-20"), false),
            ["May 1=1988-05-01"]
        );
    }

    #[test]
    fn year_rolls_back_for_past_dates() {
        assert_eq!(
            find("on December 28", Some("2025-01-03"), false),
            ["December 28=2024-12-28"]
        );
        assert_eq!(
            find("on January 5", Some("2024-12-20"), true),
            ["January 5=2025-01-05"]
        );
    }

    #[test]
    fn relative_dates() {
        // 2019-10-15 is a Tuesday.
        let doc = Some("2019-10-15");
        assert_eq!(find("on Wednesday", doc, false), ["Wednesday=2019-10-09"]);
        assert_eq!(find("Late on Sunday", doc, false), ["Sunday=2019-10-13"]);
        assert_eq!(find("on Tuesday", doc, false), ["Tuesday=2019-10-15"]);
        assert_eq!(
            find("will meet on Friday", doc, true),
            ["Friday=2019-10-18"]
        );
        assert_eq!(find("next Tuesday", doc, false), ["Tuesday=2019-10-22"]);
        assert_eq!(find("last Tuesday", doc, false), ["Tuesday=2019-10-08"]);
        assert_eq!(find("yesterday", doc, false), ["yesterday=2019-10-14"]);
        assert_eq!(find("today", doc, false), ["today=2019-10-15"]);
        assert_eq!(find("last week", doc, false), ["last week=2019-10-08"]);
        assert!(find("on Wednesday", None, false).is_empty());
    }

    proptest! {
        #[test]
        fn explicit_dates_round_trip(y in 1950i32..2090, m in 1u32..=12, dd in 1u32..=28) {
            let date = NaiveDate::from_ymd_opt(y, m, dd).unwrap();
            let text = format!("They met on {}.", date.format("%B %-d, %Y"));
            let lower = text.to_ascii_lowercase();
            let w = words(&text, &lower, ByteSpan::new(0, text.len()));
            let found = dates(&w, None, false);
            prop_assert_eq!(found.len(), 1);
            prop_assert_eq!(found[0].date, date);
            let text = format!("They met on {}.", date.format("%-d %B %Y"));
            let lower = text.to_ascii_lowercase();
            let w = words(&text, &lower, ByteSpan::new(0, text.len()));
            prop_assert_eq!(dates(&w, None, false)[0].date, date);
        }

        #[test]
        fn never_panics(text in "\\PC{0,60}", y in 1990i32..2030) {
            let lower = text.to_ascii_lowercase();
            let w = words(&text, &lower, ByteSpan::new(0, text.len()));
            let _ = dates(&w, NaiveDate::from_ymd_opt(y, 1, 1), false);
        }
    }
}
