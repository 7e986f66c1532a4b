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

/// When the clause that holds a date places its act, as far as the caller
/// knows (for an event, from the mood of its verb). The words next to each
/// date expression decide first ("will meet on Friday", "signed on
/// December 3", "is due to start on April 1"); this is the fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    /// Reported as done: a date without a year lies before the document.
    Past,
    /// Announced, planned or intended: a date without a year lies after it.
    Future,
    /// Not known: a date without a year is the one nearest the document.
    Unknown,
}

/// How far after the document date a past date may lie (a report dated a
/// few days early) ...
const PAST_SLACK: Days = Days::new(7);
/// ... and how far before it a future one: future cues are weaker than past
/// forms ("would", "planned"), and a date a few weeks back read as a year
/// ahead is the worse error.
const FUTURE_SLACK: Days = Days::new(14);

/// A month and day without a year, resolved against the document date by
/// tense: a past date is the latest one up to the document (plus
/// `PAST_SLACK`), a future date the earliest one from it (less
/// `FUTURE_SLACK`), any other the nearest of the three candidate years.
fn infer_year(m: u32, d: u32, doc: Option<NaiveDate>, tense: Tense) -> Option<NaiveDate> {
    let doc = doc?;
    let y = doc.year();
    let candidates = [y - 1, y, y + 1].map(|y| NaiveDate::from_ymd_opt(y, m, d));
    match tense {
        Tense::Past => candidates
            .into_iter()
            .flatten()
            .rev()
            .find(|c| *c <= doc + PAST_SLACK),
        Tense::Future => candidates
            .into_iter()
            .flatten()
            .find(|c| *c + FUTURE_SLACK >= doc),
        Tense::Unknown => candidates
            .into_iter()
            .flatten()
            .min_by_key(|c| (*c - doc).num_days().abs()),
    }
}

/// Auxiliaries and words that put what follows them ahead of the report:
/// "will", "would", "is due to", "scheduled for", "expected on".
#[rustfmt::skip]
const FUTURE_CUES: &[&str] = &[
    "will", "shall", "'ll", "wo", "would", "could", "might", "may", "should", "must", "due",
    "scheduled", "rescheduled", "slated", "expected", "planned", "upcoming", "forthcoming", "next",
    "likely", "unlikely", "poised", "ahead",
];
/// Present forms of verbs of a timetable: "his term ends on October 30",
/// "the sanctions take effect on April 17", "leaves on Saturday".
#[rustfmt::skip]
const SCHEDULED: &[&str] = &[
    "ends", "end", "begins", "begin", "starts", "start", "expires", "expire", "opens", "closes",
    "finishes", "meets", "arrives", "leaves", "visits", "returns", "resumes", "resume", "convenes",
    "convene", "takes",
];

/// Auxiliaries and irregular past forms that report the act as done.
#[rustfmt::skip]
const PAST_CUES: &[&str] = &[
    "was", "were", "had", "did", "ago", "earlier", "yesterday", "last", "met", "said", "told",
    "took", "held", "made", "gave", "began", "sent", "won", "lost", "left", "came", "went", "saw",
    "spoke", "wrote", "fell", "rose", "led", "paid", "sold", "bought", "brought", "struck",
    "fought", "shot", "broke", "knew", "thought", "found", "became", "ran", "drew", "flew",
    "withdrew", "been",
];
/// Words ending in "-ed" that are no past forms, or whose time the words
/// around them give ("postponed until", "united").
#[rustfmt::skip]
const NOT_PAST_ED: &[&str] = &[
    "need", "speed", "proceed", "exceed", "succeed", "hundred", "indeed", "red", "bed", "feed",
    "seed", "breed", "greed", "united", "limited", "based", "so-called", "postponed", "delayed",
    "deferred", "extended", "proposed", "related", "concerned", "unnamed", "unidentified",
    "detailed", "advanced", "armed", "embattled", "renewed", "needed",
];
/// Words after "to" that show a preposition, not an infinitive.
#[rustfmt::skip]
const NOT_INFINITIVE: &[&str] = &[
    "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "that", "these",
    "those", "some", "all", "any", "each", "which", "whom", "it", "them", "him", "me", "us", "you",
    "date", "power", "office", "court", "parliament", "congress", "and", "or", "about", "around",
    "nearly", "almost", "over",
];
/// Words after which an infinitive is planned or intended: "agreed to
/// meet", "is to visit", "are set to sign". After other words an infinitive
/// says nothing about the time ("signed an agreement to reschedule the debt
/// on Tuesday").
#[rustfmt::skip]
const INTENT_TO: &[&str] = &[
    "agree", "agrees", "agreed", "plan", "plans", "planned", "planning", "decide", "decides",
    "decided", "intend", "intends", "intended", "aim", "aims", "aimed", "hope", "hopes", "hoped",
    "want", "wants", "wanted", "wish", "wishes", "seek", "seeks", "sought", "promise", "promised",
    "promises", "pledge", "pledged", "pledges", "vow", "vowed", "vows", "offer", "offered",
    "offers", "threaten", "threatened", "threatens", "prepare", "prepares", "prepared", "try",
    "tries", "tried", "attempt", "attempts", "expect", "expects", "set", "due", "going", "about",
    "ready", "likely", "unlikely", "poised", "scheduled", "slated", "expected", "is", "are", "am",
    "was", "were", "be", "'s", "'re", "'m", "continue", "continues", "begin", "begins", "start",
    "starts",
];

/// Forms of "be" before a participle: the participle's time comes from the
/// auxiliary further back ("will be signed", "was signed", "to be held").
const BE: &[&str] = &["be", "been", "being", "is", "are", "am", "'s", "'re"];

/// What word `k` says about the time of a date near it, if anything.
fn cue(words: &[Word], k: usize) -> Option<Tense> {
    let w = &words[k];
    if w.punct || (w.cap && w.is("may")) {
        return None;
    }
    if w.is_any(&[
        "until",
        "till",
        "ending",
        "starting",
        "beginning",
        "effective",
        "through",
    ]) {
        // "until April 1", "the year ending June 30": a deadline or a
        // period, before or after the report.
        return Some(Tense::Unknown);
    }
    if w.is_any(FUTURE_CUES) {
        // "the planned tariffs", "an expected rise": an attribute, not the
        // clause's time.
        let attribute = k > 0
            && w.lower.ends_with("ed")
            && words[k - 1].is_any(&["the", "a", "an", "its", "their", "his", "her"]);
        return (!attribute).then_some(Tense::Future);
    }
    if w.is_any(SCHEDULED) {
        return Some(Tense::Future);
    }
    if w.is("to") {
        // "agreed to meet", "is to be held": an intended infinitive points
        // forward; "to the United States", "to reporters" is a preposition;
        // "a proposal to resume quotas April 1" leaves the date open.
        let next = words.get(k + 1)?;
        let s = next.lower;
        let noun_like = next.cap
            || next.punct
            || s.as_bytes().first().is_some_and(u8::is_ascii_digit)
            || next.is_any(NOT_INFINITIVE)
            || (s.ends_with('s') && !s.ends_with("ss"));
        if noun_like {
            return None;
        }
        let intended = k > 0 && words[k - 1].is_any(INTENT_TO);
        return Some(if intended {
            Tense::Future
        } else {
            Tense::Unknown
        });
    }
    if w.is_any(&["has", "have", "had"]) {
        // "has signed", "had been": a perfect reports the act as done; "had
        // to", "has to" is an obligation; "has talks on Friday" says nothing.
        let next = words.get(k + 1)?;
        return if next.is("to") {
            Some(Tense::Future)
        } else if w.is("had") || past_form(next) || next.is_any(PAST_CUES) {
            Some(Tense::Past)
        } else {
            None
        };
    }
    // A participle after "be" takes its time from the auxiliary further
    // back: "will be signed", "was signed", "to be held".
    let participle_of_be = words[..k]
        .iter()
        .rev()
        .take(3)
        .find(|x| !(x.lower.len() > 3 && x.lower.ends_with("ly")))
        .is_some_and(|x| x.is_any(BE));
    if w.is_any(PAST_CUES) {
        return (!participle_of_be || w.is_any(&["was", "were", "did"])).then_some(Tense::Past);
    }
    (past_form(w) && !participle_of_be).then_some(Tense::Past)
}

/// A regular past form or participle ("signed", "agreed"), lowercase.
fn past_form(w: &Word) -> bool {
    w.lower.len() >= 5 && w.lower.ends_with("ed") && !w.cap && !w.is_any(NOT_PAST_ED)
}

/// Words that end the search for a date's tense: the end of a clause or of
/// a quotation.
fn boundary(w: &Word) -> bool {
    (w.punct && w.is_any(&[".", ";", ":", "?", "!", "\"", "“", "”", "(", ")"]))
        // "announced that on April 17 he would": the reported clause.
        || w.is("that")
}

/// The tense of a date expression at words `start..end` as the words of its
/// clause show it (`Unknown`: a cue that leaves it open, "until", "a plan
/// to"): the nearest cue before it (within sixteen words), else,
/// for a date that opens its clause ("On Friday, the ministers met"), the
/// nearest after it. A date inside its clause takes nothing from the words
/// after it ("a visit starting on April 29, officials said").
fn local_tense(words: &[Word], start: usize, end: usize) -> Option<Tense> {
    let mut k = start;
    let mut seen = 0;
    let mut opens = true;
    while seen < 16 {
        if k == 0 {
            break;
        }
        k -= 1;
        if boundary(&words[k]) {
            break;
        }
        // "its scheduled April 2 date": an attribute of the date itself.
        if k + 1 == start && words[k].is_any(FUTURE_CUES) {
            return Some(Tense::Future);
        }
        if let Some(t) = cue(words, k) {
            return Some(t);
        }
        seen += 1;
        if seen > 2 {
            opens = false;
        }
    }
    if !opens {
        return None;
    }
    let mut k = end;
    if words.get(k).is_some_and(|w| w.is(",")) {
        k += 1;
    }
    for k in k..words.len().min(k + 6) {
        if words[k].punct {
            break;
        }
        if let Some(t) = cue(words, k) {
            return Some(t);
        }
    }
    None
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

/// Every date expression in `words`, in order. A date without a year, or a
/// bare weekday, is resolved by the tense its clause shows around it
/// ([`local_tense`]), else by `tense`, the caller's: a past one falls before
/// the document date, a future one after it ("will meet on Friday" is the
/// next Friday, "met on Friday" the last one).
pub(crate) fn dates(words: &[Word], doc: Option<NaiveDate>, tense: Tense) -> Vec<DateMention> {
    let tense_at = |start: usize, end: usize| match local_tense(words, start, end) {
        Some(t @ (Tense::Past | Tense::Future)) => t,
        _ => tense,
    };
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
                        .or_else(|| infer_year(m, d, doc, tense_at(start, j + 1)))
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
                        .or_else(|| infer_year(m, d, doc, tense_at(start, j + 1)))
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
                    _ => match tense_at(start, i + 1) {
                        Tense::Future => 1,
                        Tense::Past | Tense::Unknown => 0,
                    },
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
        let tense = if future {
            Tense::Future
        } else {
            Tense::Unknown
        };
        find_in(text, doc, tense)
    }

    fn find_in(text: &str, doc: Option<&str>, tense: Tense) -> Vec<String> {
        let lower = text.to_ascii_lowercase();
        let w = words(text, &lower, ByteSpan::new(0, text.len()));
        dates(&w, doc.map(d), tense)
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

    #[test]
    fn forward_dates_resolve_forward() {
        // A March article: "from April 29" is this April, in any tense the
        // caller knows.
        let doc = Some("1987-03-26");
        for tense in [Tense::Future, Tense::Unknown] {
            assert_eq!(
                find_in(
                    "Nakasone will make an official visit to the United States from April 29",
                    doc,
                    tense
                ),
                ["April 29=1987-04-29"]
            );
        }
        // The clause's own "will" overrides a past hint from a reporting verb.
        assert_eq!(
            find_in(
                "Officials said Nakasone will visit Washington on April 29",
                doc,
                Tense::Past
            ),
            ["April 29=1987-04-29"]
        );
        // Infinitives, passives with a future auxiliary, "due", "scheduled".
        assert_eq!(
            find(
                "The package is due to be signed on March 30",
                Some("1987-03-12"),
                false
            ),
            ["March 30=1987-03-30"]
        );
        assert_eq!(
            find("the tariffs will be imposed on April 17", doc, false),
            ["April 17=1987-04-17"]
        );
        assert_eq!(
            find("the meeting scheduled for April 9", doc, false),
            ["April 9=1987-04-09"]
        );
        assert_eq!(
            find(
                "a proposal to resume quotas April 1",
                Some("1987-03-02"),
                false
            ),
            ["April 1=1987-04-01"]
        );
        // Without any cue, the nearest reading: this April, not last April.
        assert_eq!(
            find("The April 9 meeting of the committee", doc, false),
            ["April 9=1987-04-09"]
        );
        // A reporting verb after the date's clause says nothing about it.
        assert_eq!(
            find(
                "in time for his visit to Washington starting on April 29, officials said",
                doc,
                false
            ),
            ["April 29=1987-04-29"]
        );
        // "likely", and an auxiliary far back in a long clause.
        assert_eq!(
            find(
                "sanctions were likely to take effect on April 17",
                doc,
                false
            ),
            ["April 17=1987-04-17"]
        );
        assert_eq!(
            find(
                "The U.S. said it will impose 300 mln dlrs of tariffs on imports of \
                 Japanese electronics goods on April 17",
                doc,
                false
            ),
            ["April 17=1987-04-17"]
        );
        // A reported clause has its own tense.
        assert_eq!(
            find(
                "Reagan last Friday announced that on April 17 he would raise tariffs",
                doc,
                false
            ),
            ["Friday=1987-03-20", "April 17=1987-04-17"]
        );
        // An adverb between the auxiliary and the participle.
        assert_eq!(
            find(
                "The cuts would probably be officially approved on July 10",
                Some("1987-06-29"),
                false
            ),
            ["July 10=1987-07-10"]
        );
        // "ahead of", a period "ending", over a participle further back.
        assert_eq!(
            find(
                "the agreement needed ahead of a meeting in Copenhagen on December 6",
                Some("1987-10-20"),
                false
            ),
            ["December 6=1987-12-06"]
        );
        assert_eq!(
            find(
                "200 mln dlrs earmarked for debt repayment in the year ending June 30",
                Some("1987-06-19"),
                false
            ),
            ["June 30=1987-06-30"]
        );
        // A timetable in the present.
        assert_eq!(
            find(
                "at least until his term ends on October 30",
                Some("1987-04-24"),
                false
            ),
            ["October 30=1987-10-30"]
        );
        assert_eq!(
            find(
                "The current session finishes on May 27",
                Some("1987-04-24"),
                false
            ),
            ["May 27=1987-05-27"]
        );
        // An attribute "planned" does not date the clause.
        assert_eq!(
            find(
                "Reagan announced the planned tariffs on March 27",
                Some("1987-04-08"),
                false
            ),
            ["March 27=1987-03-27"]
        );
        assert_eq!(
            find(
                "the meeting had been postponed from its scheduled April 2 date",
                Some("1987-03-05"),
                false
            ),
            ["April 2=1987-04-02"]
        );
        // A future date a few weeks before the document stays in its year.
        assert_eq!(
            find(
                "the tariffs will be imposed on March 27",
                Some("1987-04-08"),
                false
            ),
            ["March 27=1987-03-27"]
        );
        // The date before its clause: "On April 29, Nakasone will ...".
        assert_eq!(
            find("On April 29, Nakasone will fly to Washington", doc, false),
            ["April 29=1987-04-29"]
        );
    }

    #[test]
    fn past_dates_resolve_back() {
        // A January article: "signed on December 3" is last December.
        let doc = Some("2020-01-10");
        assert_eq!(
            find("The two sides signed the accord on December 3", doc, false),
            ["December 3=2019-12-03"]
        );
        assert_eq!(
            find_in("The accord, on December 3, ended the war", doc, Tense::Past),
            ["December 3=2019-12-03"]
        );
        // A past tense pushes a date that would be ahead back a year ...
        assert_eq!(
            find(
                "Nakasone visited Washington on April 29",
                Some("1987-03-26"),
                false
            ),
            ["April 29=1986-04-29"]
        );
        assert_eq!(
            find(
                "the accord was signed on April 29",
                Some("1987-03-26"),
                true
            ),
            ["April 29=1986-04-29"]
        );
        assert_eq!(
            find(
                "the accord has been signed on April 29",
                Some("1987-03-26"),
                true
            ),
            ["April 29=1986-04-29"]
        );
        // ... and the caller's past hint does when the words say nothing.
        assert_eq!(
            find_in("the April 29 accord", Some("1987-03-26"), Tense::Past),
            ["April 29=1986-04-29"]
        );
        // A past date a week ahead of the document stays in its year (a
        // report dated a few days early).
        assert_eq!(
            find("the talks ended on March 30", Some("1987-03-26"), false),
            ["March 30=1987-03-30"]
        );
    }

    #[test]
    fn months_alone_date_nothing() {
        // Event dates are days: a month named alone, "next month" or "later
        // this year" would be a false day, so they resolve to nothing and
        // the caller's fallback (the document or narrative date) applies.
        let doc = Some("2024-12-20");
        assert!(find("The ministers will meet in January", doc, false).is_empty());
        assert!(find("exports rose in April", doc, false).is_empty());
        assert!(find("will visit next month", doc, false).is_empty());
        assert!(find("will visit later this year", doc, false).is_empty());
        // A day of next year's January, though, is next year's.
        assert_eq!(
            find("will visit in January, on January 9", doc, false),
            ["January 9=2025-01-09"]
        );
    }

    #[test]
    fn year_boundaries() {
        // A December article: a future January is next year's, in either
        // date order and with the future known only to the caller.
        let doc = Some("2024-12-20");
        assert_eq!(
            find("The ministers will meet on January 5", doc, false),
            ["January 5=2025-01-05"]
        );
        assert_eq!(
            find_in("talks on 5 January", doc, Tense::Future),
            ["5 January=2025-01-05"]
        );
        assert_eq!(
            find("talks on 5 January", doc, false),
            ["5 January=2025-01-05"]
        );
        // A past January in a December article is this year's.
        assert_eq!(
            find("The ministers met on January 5", doc, false),
            ["January 5=2024-01-05"]
        );
        // A January article: a future December is this year's, a past one
        // last year's, an unmarked one the nearest (last year's).
        let doc = Some("2025-01-03");
        assert_eq!(
            find("elections will be held on December 14", doc, false),
            ["December 14=2025-12-14"]
        );
        assert_eq!(
            find("elections were held on December 14", doc, true),
            ["December 14=2024-12-14"]
        );
        assert_eq!(
            find("the December 14 elections", doc, false),
            ["December 14=2024-12-14"]
        );
        // February 29 exists only in leap years: the nearest year that has it.
        assert_eq!(
            find("will meet on February 29", Some("2023-12-20"), false),
            ["February 29=2024-02-29"]
        );
    }

    #[test]
    fn weekdays_follow_the_tense() {
        // 2019-10-15 is a Tuesday.
        let doc = Some("2019-10-15");
        assert_eq!(
            find("The leaders will meet on Friday", doc, false),
            ["Friday=2019-10-18"]
        );
        assert_eq!(
            find("The leaders met on Friday", doc, true),
            ["Friday=2019-10-11"]
        );
        assert_eq!(
            find("The leaders are expected to meet on Friday", doc, false),
            ["Friday=2019-10-18"]
        );
        assert_eq!(
            find("The leaders agreed to meet on Friday", doc, false),
            ["Friday=2019-10-18"]
        );
        // A reporting verb dates the report, not the reported future.
        assert_eq!(
            find("Japan will provide aid, Abe said on Friday", doc, true),
            ["Friday=2019-10-11"]
        );
        // An infinitive that is no plan leaves the date to the verb before.
        assert_eq!(
            find_in(
                "Ghana and Britain signed an agreement to reschedule the debt on Tuesday",
                doc,
                Tense::Past
            ),
            ["Tuesday=2019-10-15"]
        );
        // "to" before a noun is no infinitive.
        assert_eq!(
            find("Abe spoke to reporters on Monday", doc, false),
            ["Monday=2019-10-14"]
        );
        assert_eq!(
            find_in("in a speech to reporters on Monday", doc, Tense::Future),
            ["Monday=2019-10-21"]
        );
        // "has talks" is no perfect.
        assert_eq!(
            find_in("Abe has talks on Monday", doc, Tense::Future),
            ["Monday=2019-10-21"]
        );
        // "On Friday, the ministers met": the cue after the date.
        assert_eq!(
            find_in("On Friday, the ministers met", doc, Tense::Future),
            ["Friday=2019-10-11"]
        );
        assert_eq!(
            find_in("On Friday the ministers will meet", doc, Tense::Past),
            ["Friday=2019-10-18"]
        );
        // A clause boundary stops the search: the caller's tense decides.
        assert_eq!(
            find_in("They met. On Friday", doc, Tense::Future),
            ["Friday=2019-10-18"]
        );
    }

    #[test]
    fn tense_cues() {
        let cues = |text: &str| -> Vec<Option<Tense>> {
            let lower = text.to_ascii_lowercase();
            let w = words(text, &lower, ByteSpan::new(0, text.len()));
            (0..w.len()).map(|k| cue(&w, k)).collect()
        };
        use Tense::*;
        assert_eq!(
            cues("will signed met"),
            [Some(Future), Some(Past), Some(Past)]
        );
        assert_eq!(
            cues("to meet to Moscow to the"),
            [Some(Unknown), None, None, None, None, None]
        );
        assert_eq!(cues("agreed to meet"), [Some(Past), Some(Future), None]);
        assert_eq!(cues("be signed"), [None, None]);
        assert_eq!(
            cues("United May need until"),
            [None, None, None, Some(Unknown)]
        );
        assert_eq!(cues("had to go"), [Some(Future), Some(Unknown), None]);
    }

    proptest! {
        #[test]
        fn explicit_dates_round_trip(y in 1950i32..2090, m in 1u32..=12, dd in 1u32..=28) {
            let date = NaiveDate::from_ymd_opt(y, m, dd).unwrap();
            let text = format!("They met on {}.", date.format("%B %-d, %Y"));
            let lower = text.to_ascii_lowercase();
            let w = words(&text, &lower, ByteSpan::new(0, text.len()));
            let found = dates(&w, None, Tense::Unknown);
            prop_assert_eq!(found.len(), 1);
            prop_assert_eq!(found[0].date, date);
            let text = format!("They met on {}.", date.format("%-d %B %Y"));
            let lower = text.to_ascii_lowercase();
            let w = words(&text, &lower, ByteSpan::new(0, text.len()));
            prop_assert_eq!(dates(&w, None, Tense::Unknown)[0].date, date);
        }

        #[test]
        fn never_panics(text in "\\PC{0,60}", y in 1990i32..2030) {
            let lower = text.to_ascii_lowercase();
            let w = words(&text, &lower, ByteSpan::new(0, text.len()));
            let _ = dates(&w, NaiveDate::from_ymd_opt(y, 1, 1), Tense::Unknown);
        }
    }
}
