//! Plain text: optional header lines (`date 2025-06-09`, `title ...`,
//! `source ...`, `url ...`, `dateline ...`, with or without a colon), then
//! the body, whose dateline (`ASTANA —`, `LONDON (Reuters) -`) is taken out.
//!
//! A header may share its line with the body: ` date 2025-06-09 ASTANA — ...`.

use chrono::NaiveDate;
use dyad_model::Document;

use crate::error::{ReadError, ReadErrorKind};
use crate::{body, date, dateline, Format};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Date,
    Title,
    Dateline,
    /// Recognized and dropped (`source`, `url`, `author`, `lang`).
    Ignored,
}

const KEYS: &[(&str, Key)] = &[
    ("date", Key::Date),
    ("published", Key::Date),
    ("title", Key::Title),
    ("headline", Key::Title),
    ("dateline", Key::Dateline),
    ("source", Key::Ignored),
    ("url", Key::Ignored),
    ("link", Key::Ignored),
    ("author", Key::Ignored),
    ("byline", Key::Ignored),
    ("lang", Key::Ignored),
    ("language", Key::Ignored),
];

/// A header key at the start of `line` and the value after it. Lowercase
/// keys may stand alone (`date 2025-06-09`); others need a colon
/// (`Title: ...`), so that prose is never taken for a header.
fn header(line: &str) -> Option<(Key, &str)> {
    let word_len = line.bytes().take_while(u8::is_ascii_alphabetic).count();
    let word = &line[..word_len];
    let key = KEYS.iter().find(|(k, _)| k.eq_ignore_ascii_case(word))?.1;
    let rest = &line[word_len..];
    if let Some(v) = rest.strip_prefix(':') {
        return Some((key, v.trim()));
    }
    let lowercase = word.bytes().all(|b| b.is_ascii_lowercase());
    (lowercase && rest.starts_with([' ', '\t'])).then(|| (key, rest.trim()))
}

/// Reads one plain-text article.
pub(crate) fn read(source: &str, text: &str) -> Result<Document, ReadError> {
    let unified;
    let text = if text.contains('\r') {
        unified = text.replace("\r\n", "\n").replace('\r', "\n");
        &unified
    } else {
        text
    };
    let mut rest: &str = text;
    let owned_rest;
    let (mut date, mut title, mut place): (Option<NaiveDate>, Option<String>, Option<String>) =
        (None, None, None);
    loop {
        let trimmed = rest.trim_start();
        let (line, after) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
        let Some((key, value)) = header(line.trim_end()) else {
            break;
        };
        match key {
            Key::Date => {
                if let Some((d, n)) = date::parse_iso_prefix(value) {
                    date = Some(d);
                    let tail = value[n..].trim_start();
                    // " date 2025-06-09 ASTANA — ...": the body starts on this line.
                    if !tail.is_empty() && date::parse_date_line(tail).is_none() {
                        owned_rest = format!("{tail}\n{after}");
                        rest = &owned_rest;
                        break;
                    }
                } else if let Some(d) = date::parse_date_line(value) {
                    date = Some(d);
                } else {
                    break;
                }
            }
            Key::Title => {
                title = Some(value.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|t| !t.is_empty())
            }
            Key::Dateline => place = dateline::from_field(value).map(|(p, _)| p),
            Key::Ignored => {}
        }
        rest = after;
    }
    let body = body::finish(rest, place.is_none());
    if body.text.is_empty() {
        return Err(ReadError::new(source, ReadErrorKind::NoText(Format::Text)));
    }
    let mut doc = Document::new(source, body.text);
    doc.date = date.or(body.date);
    doc.dateline = place.or(body.dateline);
    doc.title = title;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_dateline_on_one_line() {
        let d = read(
            "s.txt",
            " date 2025-06-09 ASTANA — President Tokayev met guests.\n\nMore.",
        )
        .unwrap();
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2025, 6, 9));
        assert_eq!(d.dateline.as_deref(), Some("ASTANA"));
        assert_eq!(d.text, "President Tokayev met guests.\n\nMore.");
        assert_eq!(d.title, None);
    }

    #[test]
    fn headers_with_colons_and_prose_is_not_a_header() {
        let d = read(
            "s.txt",
            "Title: Talks in Rome\nDate: June 9, 2025\n\nThe ministers met.",
        )
        .unwrap();
        assert_eq!(d.title.as_deref(), Some("Talks in Rome"));
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2025, 6, 9));
        let d = read("s.txt", "Source close to the talks said the deal was near.").unwrap();
        assert_eq!(d.text, "Source close to the talks said the deal was near.");
        assert!(read("s.txt", "date 2025-06-09\n\n").is_err());
    }
}
