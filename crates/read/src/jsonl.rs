//! JSON Lines: one article per line, `{id?, date?, title?, source?, url?,
//! dateline?, text}`. A bad line is one error naming `path:line`; the other
//! lines still give documents.

use dyad_model::Document;
use serde_json::Value;

use crate::error::{one_line, ReadError, ReadErrorKind};
use crate::{body, date, dateline, Format};

/// Reads every non-blank line of `text`. A file that is one JSON document
/// instead (an array of records, or one pretty-printed record) is read too.
pub(crate) fn read(source: &str, text: &str) -> Vec<Result<Document, ReadError>> {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if text.trim_start().starts_with('[') || serde_json::from_str::<Value>(first).is_err() {
        if let Ok(whole) = serde_json::from_str::<Value>(text) {
            return match whole {
                Value::Array(items) => items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| record(source, &format!("{source}[{i}]"), v))
                    .collect(),
                v => vec![record(source, source, v)],
            };
        }
    }
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| read_line(source, i + 1, line))
        .collect()
}

fn malformed(detail: String) -> ReadErrorKind {
    ReadErrorKind::Malformed {
        format: Format::JsonLines,
        detail: one_line(&detail),
    }
}

pub(crate) fn read_line(source: &str, line_no: usize, line: &str) -> Result<Document, ReadError> {
    let at = format!("{source}:{line_no}");
    let value: Value = serde_json::from_str(line.trim()).map_err(|e| {
        let msg = e.to_string();
        let msg = msg.rfind(" at line ").map_or(msg.as_str(), |i| &msg[..i]);
        let col = e.column();
        ReadError::new(
            &at,
            malformed(format!("invalid JSON at column {col}: {msg}")),
        )
    })?;
    record(source, &at, value)
}

/// One record; `at` names it in errors (`path:line`) and when it has no id.
fn record(source: &str, at: &str, value: Value) -> Result<Document, ReadError> {
    let at = at.to_string();
    let Value::Object(map) = value else {
        return Err(ReadError::new(
            &at,
            malformed("a record is not a JSON object".into()),
        ));
    };
    let str_field = |key: &str| {
        map.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    let Some(raw_text) = ["text", "body", "content", "article"]
        .iter()
        .find_map(|k| map.get(*k).and_then(Value::as_str))
    else {
        return Err(ReadError::new(
            &at,
            malformed("no \"text\" string field".into()),
        ));
    };
    let id = match map.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let doc_source = match &id {
        Some(id) => format!("{source}#{id}"),
        None => at.clone(),
    };
    // A dateline kept apart ("WASHINGTON, Feb 26 -") gives the place; text
    // that the field holds after its dash belongs to the article (joined with
    // a space, as the plain-text form joins them, so both give one id).
    let mut place = None;
    let joined;
    let mut text = raw_text;
    if let Some((p, rest)) = str_field("dateline").and_then(dateline::from_field) {
        place = Some(p);
        let rest = rest.trim();
        if !rest.is_empty() {
            joined = format!("{rest} {raw_text}");
            text = &joined;
        }
    }
    let body = body::finish(text, place.is_none());
    if body.text.is_empty() {
        return Err(ReadError::new(at, ReadErrorKind::NoText(Format::JsonLines)));
    }
    let mut doc = Document::new(doc_source, body.text);
    doc.date = str_field("date").and_then(date::parse_date).or(body.date);
    doc.dateline = place.or(body.dateline);
    doc.title = str_field("title").map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    doc.url = str_field("url")
        .or_else(|| str_field("link"))
        .and_then(crate::web_url);
    doc.language = str_field("language")
        .or_else(|| str_field("lang"))
        .and_then(crate::language_tag);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_and_language_fields() {
        let src = "{\"url\": \" https://news.example.org/a/1 \", \"language\": \"en-GB\", \"text\": \"Leaders met.\"}\n\
                   {\"url\": \"file.txt\", \"lang\": \"english\", \"text\": \"Leaders met again.\"}";
        let out = read("n.jsonl", src);
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.url.as_deref(), Some("https://news.example.org/a/1"));
        assert_eq!(a.language.as_deref(), Some("en"));
        let b = out[1].as_ref().unwrap();
        assert_eq!((b.url.as_deref(), b.language.as_deref()), (None, None));
    }

    #[test]
    fn lines_and_errors() {
        let src = "{\"id\": \"a1\", \"date\": \"2025-06-09\", \"dateline\": \"ASTANA —\", \"text\": \"Leaders met.\"}\n\n{\"text\": 5}\n{\"date\": null, \"text\": \"LONDON (Reuters) - Shares rose.\"}\n{oops";
        let out = read("n.jsonl", src);
        assert_eq!(out.len(), 4);
        let a = out[0].as_ref().unwrap();
        assert_eq!(
            (a.source.as_str(), a.dateline.as_deref(), a.text.as_str()),
            ("n.jsonl#a1", Some("ASTANA"), "Leaders met.")
        );
        assert_eq!(out[1].as_ref().unwrap_err().source_name, "n.jsonl:3");
        let c = out[2].as_ref().unwrap();
        assert_eq!(
            (c.source.as_str(), c.dateline.as_deref(), c.date),
            ("n.jsonl:4", Some("LONDON"), None)
        );
        assert_eq!((a.url.as_deref(), a.language.as_deref()), (None, None));
        assert!(out[3]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("n.jsonl:5: malformed JSON Lines file: invalid JSON"));
    }
}
