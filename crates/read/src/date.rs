//! Dates as articles and feeds write them: ISO 8601, RFC 2822 (`pubDate`),
//! "June 9, 2025", "9 June 2025", "Friday, January 4, 2019", "09.06.2025".

use chrono::NaiveDate;

use dyad_model::WEEKDAYS;

/// The month (1-12) named by a word: full, three-letter or "Sept", any case,
/// with an optional trailing dot.
pub(crate) fn month_number(word: &str) -> Option<u32> {
    dyad_model::month_number(word)
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    w.len() >= 3
        && WEEKDAYS
            .iter()
            .any(|d| *d == w || (w.len() == 3 && d.starts_with(&w)))
}

/// Parses `YYYY-MM-DD` (or `YYYY/MM/DD`) at the start of `s`; returns the
/// date and the number of bytes it took. A time may follow (not consumed).
pub(crate) fn parse_iso_prefix(s: &str) -> Option<(NaiveDate, usize)> {
    let b = s.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let sep = b[4];
    if !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
        || !(sep == b'-' || sep == b'/')
        || b[7] != sep
    {
        return None;
    }
    if b.get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let y: i32 = s[0..4].parse().ok()?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..10].parse().ok()?;
    Some((NaiveDate::from_ymd_opt(y, m, d)?, 10))
}

/// Parses a date anywhere in a short field such as a `pubDate`, a
/// `datetime` attribute or a `date:` header. `None` if no whole date is there.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some((d, _)) = parse_iso_prefix(s) {
        return Some(d);
    }
    parse_words(s, false)
}

/// Like [`parse_date`], but every word of `line` must belong to the date (a
/// weekday, a time, a time zone): for lines that are only a date.
pub(crate) fn parse_date_line(line: &str) -> Option<NaiveDate> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 48 {
        return None;
    }
    if let Some((d, n)) = parse_iso_prefix(line) {
        return only_time_after(&line[n..]).then_some(d);
    }
    parse_words(line, true)
}

fn only_time_after(rest: &str) -> bool {
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| w.bytes().all(|b| b.is_ascii_digit()) || is_time_word(w))
}

fn is_time_word(w: &str) -> bool {
    let lw = w.to_ascii_lowercase();
    matches!(
        lw.as_str(),
        "t" | "z"
            | "am"
            | "pm"
            | "gmt"
            | "utc"
            | "est"
            | "edt"
            | "cet"
            | "cest"
            | "bst"
            | "msk"
            | "ast"
            | "at"
            | "updated"
            | "published"
    ) || (lw.len() > 1 && lw.starts_with('t') && lw[1..].bytes().all(|b| b.is_ascii_digit()))
}

/// Day, month name and year in any order (`9 June 2025`, `June 9, 2025`,
/// `Mon, 09 Jun 2025 10:00:00 +0000`), or `DD.MM.YYYY`.
fn parse_words(s: &str, strict: bool) -> Option<NaiveDate> {
    let (mut year, mut month, mut day) = (None::<i32>, None::<u32>, None::<u32>);
    let mut numeric_parts: Vec<u32> = Vec::new();
    let mut seen_clock = false;
    for raw in s.split(|c: char| c.is_whitespace() || c == ',') {
        if raw.is_empty() {
            continue;
        }
        // Times ("10:00:00", "14:35") and offsets ("+0000") are skipped.
        if raw.contains(':') || raw.starts_with('+') || (raw.starts_with('-') && raw.len() > 1) {
            if !raw
                .trim_start_matches(['+', '-'])
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
            {
                if strict {
                    return None;
                }
                continue;
            }
            seen_clock = true;
            continue;
        }
        if raw.contains('.') && raw.split('.').filter(|p| !p.is_empty()).count() == 3 {
            // 09.06.2025
            let parts: Vec<&str> = raw.split('.').filter(|p| !p.is_empty()).collect();
            if parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) && parts[2].len() == 4 {
                day = parts[0].parse().ok();
                month = parts[1].parse().ok();
                year = parts[2].parse().ok();
                continue;
            }
        }
        let w = raw.trim_matches(|c: char| c == '.' || c == '(' || c == ')');
        if w.is_empty() {
            continue;
        }
        if let Some(m) = month_number(w) {
            if month.is_none() {
                month = Some(m);
                continue;
            }
        }
        if is_weekday(w) || is_time_word(w) {
            continue;
        }
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            let ordinal_ok = matches!(
                suffix.to_ascii_lowercase().as_str(),
                "" | "st" | "nd" | "rd" | "th"
            );
            if ordinal_ok && digits.len() == 4 && suffix.is_empty() && year.is_none() {
                year = digits.parse().ok();
                continue;
            }
            if ordinal_ok && digits.len() <= 2 && day.is_none() {
                day = digits.parse().ok();
                continue;
            }
            if !seen_clock {
                numeric_parts.extend(digits.parse::<u32>().ok());
            }
        }
        if strict {
            return None;
        }
    }
    NaiveDate::from_ymd_opt(year?, month?, day?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn common_forms() {
        assert_eq!(parse_date("2025-06-09"), d(2025, 6, 9));
        assert_eq!(parse_date("2025-06-09T10:30:00+05:00"), d(2025, 6, 9));
        assert_eq!(parse_date("Mon, 09 Jun 2025 10:00:00 +0000"), d(2025, 6, 9));
        assert_eq!(parse_date("June 9, 2025"), d(2025, 6, 9));
        assert_eq!(parse_date("9th June 2025"), d(2025, 6, 9));
        assert_eq!(parse_date("09.06.2025"), d(2025, 6, 9));
        assert_eq!(parse_date("Sept. 3, 2024"), d(2024, 9, 3));
        assert_eq!(parse_date("June 2025"), None);
        assert_eq!(parse_date("2025-02-30"), None);
    }

    #[test]
    fn date_lines_are_only_dates() {
        assert_eq!(
            parse_date_line("Friday, January 4, 2019\u{a0}"),
            d(2019, 1, 4)
        );
        assert_eq!(parse_date_line("09.06.2025, 14:35"), d(2025, 6, 9));
        assert_eq!(parse_date_line("2025-06-09 14:35 UTC"), d(2025, 6, 9));
        assert_eq!(parse_date_line("On June 9, 2025 leaders met"), None);
    }
}
