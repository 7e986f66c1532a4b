//! Shared clean-up of an article body, whatever the format: line endings,
//! control characters, a leading date line, the dateline, a wire service's
//! sign-off, and hard-wrapped paragraphs.

use chrono::NaiveDate;

use crate::{date, dateline};

/// A cleaned body and what was taken out of its first line.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub text: String,
    /// A line that was only a date ("Friday, January 4, 2019").
    pub date: Option<NaiveDate>,
    /// The dateline's place.
    pub dateline: Option<String>,
}

/// Cleans `raw`; looks for a dateline only when `find_dateline`.
pub(crate) fn finish(raw: &str, find_dateline: bool) -> Body {
    let cleaned: String = raw
        .replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\r' | '\u{0b}' | '\u{0c}' | '\u{2028}' | '\u{2029}' => Some('\n'),
            '\n' | '\t' => Some(c),
            '\u{feff}' | '\u{200b}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let mut lines: Vec<&str> = cleaned.split('\n').map(str::trim_end).collect();
    let mut body = Body::default();
    drop_leading_blank(&mut lines);
    if let Some(d) = lines.first().and_then(|l| date::parse_date_line(l)) {
        body.date = Some(d);
        lines.remove(0);
        drop_leading_blank(&mut lines);
    }
    let first_rest;
    if find_dateline {
        if let Some(first) = lines.first().map(|l| l.trim_start()) {
            if let Some(place) = dateline::whole_line(first) {
                // The dateline has a line of its own.
                body.dateline = Some(place);
                lines.remove(0);
                drop_leading_blank(&mut lines);
            } else if let Some(d) = dateline::find(first) {
                body.dateline = Some(d.place);
                first_rest = first[d.len..].to_string();
                if first_rest.trim().is_empty() {
                    lines.remove(0);
                    drop_leading_blank(&mut lines);
                } else {
                    lines[0] = &first_rest;
                }
            }
        }
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    if lines
        .last()
        .is_some_and(|l| matches!(l.trim(), "Reuter" | "REUTER" | "Reuters"))
        && lines.len() > 1
    {
        lines.pop();
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
    }
    body.text = layout(&lines);
    body
}

fn drop_leading_blank(lines: &mut Vec<&str>) {
    let n = lines.iter().take_while(|l| l.trim().is_empty()).count();
    lines.drain(..n);
}

/// Paragraphs separated by one blank line. Wire copy that marks paragraphs
/// by indentation only (no blank lines) is re-flowed into paragraphs.
fn layout(lines: &[&str]) -> String {
    let has_blank = lines.iter().any(|l| l.trim().is_empty());
    let indented = lines
        .iter()
        .skip(1)
        .filter(|l| l.starts_with([' ', '\t']))
        .count();
    let mut out = String::new();
    if !has_blank && indented >= 2 {
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim();
            if i > 0 {
                out.push_str(if line.starts_with([' ', '\t']) {
                    "\n\n"
                } else {
                    " "
                });
            }
            out.push_str(t);
        }
        return out;
    }
    let mut blank = false;
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_line_dateline_and_signoff() {
        let b = finish(
            "Friday, January 4, 2019\u{a0}\n\n\nASTANA — Leaders met.\n\n\nThey agreed.\n REUTER\n",
            true,
        );
        assert_eq!(b.date, NaiveDate::from_ymd_opt(2019, 1, 4));
        assert_eq!(b.dateline.as_deref(), Some("ASTANA"));
        assert_eq!(b.text, "Leaders met.\n\nThey agreed.");
    }

    #[test]
    fn reflows_indented_wire_copy() {
        let b = finish(
            "The report, which\nsays a lot.\n    \"Quote,\" he\nsaid.\n    End.",
            true,
        );
        assert_eq!(
            b.text,
            "The report, which says a lot.\n\n\"Quote,\" he said.\n\nEnd."
        );
    }
}
