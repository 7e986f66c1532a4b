//! dyad's readers: bytes -> [`Document`], the first stage of the pipeline
//! (`read -> analyze -> extract -> store -> aggregate -> serve`).
//!
//! Every input becomes documents `{id, source, date, dateline, title, text}`
//! whose text is the article body only: no header lines, no dateline, no
//! markup. One module per format:
//!
//! | format | module | one document per | `source` |
//! | --- | --- | --- | --- |
//! | plain text (`date 2025-06-09` headers, `ASTANA —` datelines) | `text` | file | `path` |
//! | HTML (main content, `og:title`, `article:published_time`) | `html` | file | `path` |
//! | RSS 2.0 / RSS 1.0 / Atom | `feed` | item / entry | `path#guid` |
//! | JSON Lines `{id?, date?, title?, dateline?, text}` | `jsonl` | line | `path#id` or `path:line` |
//! | WARC 1.0 / 1.1 (`.warc.gz` too) | `warc` | HTML response | `path#uri` |
//!
//! The format comes from the extension (`.txt`, `.html`, `.xml`/`.rss`/`.atom`,
//! `.jsonl`/`.ndjson`, `.warc`, any of them `.gz`), else from the content.
//! Folders are read recursively in sorted order, skipping hidden files; `-`
//! is standard input. JSON Lines files and JSON Lines on standard input are
//! streamed a line at a time (any size; the size limit is per line).
//!
//! Bad input never panics and is never skipped silently: a binary, empty,
//! oversized, truncated or undecodable input gives one [`ReadError`] whose
//! `Display` is one line, `<source>: <reason>`, and the other inputs are
//! still read. Text that is not UTF-8 is decoded as Windows-1252 when it
//! looks like Western legacy text.
//!
//! The document id ([`dyad_model::doc_id`]) hashes the whitespace-normalized
//! text, so one article read from two files (or a feed and a page) is one
//! document.
//!
//! ```
//! use dyad_read::{read_bytes, ReadOptions};
//!
//! let page = " date 2025-03-14 BUDAPEST — Hungary and Uzbekistan signed a roadmap on Friday.";
//! let docs = read_bytes("visit.txt", page.as_bytes(), &ReadOptions::default());
//! let doc = docs[0].as_ref().unwrap();
//! assert_eq!(doc.date.unwrap().to_string(), "2025-03-14");
//! assert_eq!(doc.dateline.as_deref(), Some("BUDAPEST"));
//! assert!(doc.text.starts_with("Hungary and Uzbekistan"));
//!
//! let bad = read_bytes("cat.jpg", b"\xFF\xD8\xFF\xE0\x00\x10JFIF", &ReadOptions::default());
//! assert_eq!(bad[0].as_ref().unwrap_err().to_string(), "cat.jpg: binary file (JPEG image), not an article");
//! ```
//!
//! [`read_paths`] streams documents from files, folders and standard input:
//!
//! ```no_run
//! # use std::path::PathBuf;
//! for item in dyad_read::read_paths(&[PathBuf::from("articles/")], &Default::default()) {
//!     match item {
//!         Ok(doc) => println!("{} {}", doc.id, doc.source),
//!         Err(e) => eprintln!("dyad: {e}"),
//!     }
//! }
//! ```

mod body;
mod date;
mod dateline;
mod decode;
mod entities;
mod error;
mod feed;
mod html;
mod jsonl;
mod markup;
mod text;
mod walk;
mod warc;

use std::fmt;
use std::io::Read;
use std::path::Path;

use dyad_model::Document;

pub use date::parse_date;
pub use error::{ReadError, ReadErrorKind};
pub use walk::{read_paths, Documents};

/// Limits and choices for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Files larger than this are refused (bytes), checked before reading;
    /// also the limit for decompressed gzip data. JSON Lines files
    /// (`.jsonl`, `.ndjson`) and JSON Lines on standard input are read a
    /// line at a time, in memory bounded by the longest line: there the
    /// limit applies to each line (one document), not to the input.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: 20 * 1024 * 1024,
        }
    }
}

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Html,
    /// RSS 2.0, RSS 1.0 (RDF) or Atom.
    Feed,
    JsonLines,
    Warc,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Text => "text file",
            Format::Html => "HTML page",
            Format::Feed => "feed",
            Format::JsonLines => "JSON Lines file",
            Format::Warc => "WARC file",
        })
    }
}

impl Format {
    /// The format an extension names (`None` for unknown extensions and for
    /// `.gz`, whose inner extension decides).
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        Some(match ext {
            "txt" | "text" => Format::Text,
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "xml" | "rss" | "atom" | "rdf" => Format::Feed,
            "jsonl" | "ndjson" | "json" => Format::JsonLines,
            "warc" => Format::Warc,
            _ => return None,
        })
    }
}

/// Guesses the format of (non-binary, decompressed) bytes from their start.
pub fn sniff(bytes: &[u8]) -> Format {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = &bytes[start..bytes.len().min(start + 2048)];
    let lower = head.to_ascii_lowercase();
    let has = |pat: &[u8]| lower.windows(pat.len()).any(|w| w == pat);
    if lower.starts_with(b"warc/") {
        Format::Warc
    } else if lower.starts_with(b"{")
        || lower.starts_with(b"[{")
        || (lower.starts_with(b"[") && has(b"\"text\""))
    {
        Format::JsonLines
    } else if lower.starts_with(b"<") && (has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf")) {
        Format::Feed
    } else if lower.starts_with(b"<") || has(b"<html") || has(b"<body") || has(b"<!doctype html") {
        Format::Html
    } else {
        Format::Text
    }
}

/// Reads one input given as bytes: the format from `source_name`'s
/// extension, else sniffed. `source_name` names the documents and errors.
pub fn read_bytes(
    source_name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Vec<Result<Document, ReadError>> {
    read_input(
        source_name,
        bytes,
        Format::from_path(Path::new(source_name)),
        opts,
        true,
    )
}

/// Reads bytes as the given format (no sniffing; binary, empty and
/// oversized input are still refused). For tests and fuzzing one reader.
pub fn read_bytes_as(
    format: Format,
    source_name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Vec<Result<Document, ReadError>> {
    read_input(source_name, bytes, Some(format), opts, true)
}

/// `s` when it is an absolute web address (`http://` or `https://`, no
/// whitespace inside), trimmed; anything else (a path, a relative link, a
/// `javascript:` link) is no url.
pub(crate) fn web_url(s: &str) -> Option<String> {
    let s = s.trim();
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let ok = (lower.starts_with("http://") && s.len() > 7
        || lower.starts_with("https://") && s.len() > 8)
        && !s.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then(|| s.to_string())
}

/// The ISO 639-1 code of a language tag the input states ("en", "en-GB",
/// "EN_us" give "en"); `None` unless it starts with two ASCII letters
/// followed by nothing or a subtag.
pub(crate) fn language_tag(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let ok = b.len() >= 2
        && b[..2].iter().all(u8::is_ascii_alphabetic)
        && (b.len() == 2 || matches!(b[2], b'-' | b'_'));
    ok.then(|| s[..2].to_ascii_lowercase())
}

fn fail(source: &str, kind: ReadErrorKind) -> Vec<Result<Document, ReadError>> {
    vec![Err(ReadError::new(source, kind))]
}

fn read_input(
    source: &str,
    bytes: &[u8],
    format: Option<Format>,
    opts: &ReadOptions,
    may_gunzip: bool,
) -> Vec<Result<Document, ReadError>> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > opts.max_bytes {
        return fail(
            source,
            ReadErrorKind::TooLarge {
                size,
                max: opts.max_bytes,
            },
        );
    }
    if bytes.starts_with(b"\x1f\x8b") {
        if !may_gunzip {
            return fail(
                source,
                ReadErrorKind::Binary {
                    what: "gzip archive inside gzip",
                },
            );
        }
        let mut out = Vec::new();
        let limit = opts.max_bytes.saturating_add(1);
        if let Err(e) = flate2::read::MultiGzDecoder::new(bytes)
            .take(limit)
            .read_to_end(&mut out)
        {
            return fail(source, ReadErrorKind::Gzip(e));
        }
        return read_input(source, &out, format, opts, false);
    }
    // WARC records may carry images: a WARC file is never "binary" as a whole.
    let warc_like = bytes.starts_with(b"WARC/");
    if !warc_like {
        if let Some(what) = decode::binary_kind(bytes) {
            return fail(source, ReadErrorKind::Binary { what });
        }
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return fail(source, ReadErrorKind::Empty);
    }
    let format = format.unwrap_or_else(|| sniff(bytes));
    if format == Format::Warc {
        return read_warc(source, bytes, opts);
    }
    if warc_like {
        if let Some(what) = decode::binary_kind(bytes) {
            return fail(source, ReadErrorKind::Binary { what });
        }
    }
    let decoded = match format {
        Format::Html | Format::Feed => {
            match html::declared_charset(bytes).or_else(|| xml_encoding(bytes)) {
                Some(cs) => decode::decode_with_charset(bytes, &cs),
                None => decode::decode_text(bytes),
            }
        }
        _ => decode::decode_text(bytes),
    };
    let text = match decoded {
        Ok(t) => t,
        Err(kind) => return fail(source, kind),
    };
    if text.trim().is_empty() {
        return fail(source, ReadErrorKind::Empty);
    }
    match format {
        Format::Text => vec![text::read(source, &text)],
        Format::Html => vec![read_html(source, &text, None, None)],
        Format::Feed => read_feed(source, &text),
        Format::JsonLines => jsonl::read(source, &text),
        Format::Warc => read_warc(source, bytes, opts),
    }
}

/// `<?xml version="1.0" encoding="ISO-8859-1"?>`
fn xml_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(200)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let at = head.windows(9).position(|w| w == b"encoding=")?;
    let rest = &head[at + 9..];
    let quote = *rest.first()?;
    let end = rest[1..].iter().position(|&b| b == quote)?;
    Some(String::from_utf8_lossy(&rest[1..1 + end]).into_owned())
}

/// An HTML page; `fallback_date` and `fallback_url` (a WARC record's) are
/// used when the page states none.
fn read_html(
    source: &str,
    text: &str,
    fallback_date: Option<chrono::NaiveDate>,
    fallback_url: Option<&str>,
) -> Result<Document, ReadError> {
    let page = html::page(text);
    if let Some(detail) = page.truncated {
        return Err(ReadError::new(
            source,
            ReadErrorKind::Truncated {
                format: Format::Html,
                detail,
            },
        ));
    }
    let body = body::finish(&page.text, true);
    if body.text.is_empty() {
        return Err(ReadError::new(source, ReadErrorKind::NoText(Format::Html)));
    }
    let mut doc = Document::new(source, body.text);
    doc.date = page.date.or(body.date).or(fallback_date);
    doc.dateline = body.dateline;
    doc.title = page.title;
    doc.url = page.url.or_else(|| fallback_url.and_then(web_url));
    doc.language = page.language;
    Ok(doc)
}

fn read_feed(source: &str, text: &str) -> Vec<Result<Document, ReadError>> {
    let feed = feed::parse(text);
    let mut out = Vec::with_capacity(feed.items.len() + 1);
    for (i, item) in feed.items.iter().enumerate() {
        let key = item
            .id
            .as_deref()
            .or(item.link.as_deref())
            .map_or_else(|| format!("item-{}", i + 1), str::to_string);
        let name = format!("{source}#{key}");
        let body = body::finish(&html::fragment_text(&item.html), true);
        if body.text.is_empty() {
            out.push(Err(ReadError::new(
                name,
                ReadErrorKind::NoText(Format::Feed),
            )));
            continue;
        }
        let mut doc = Document::new(name, body.text);
        doc.date = item.date.or(body.date);
        doc.dateline = body.dateline;
        doc.title = item.title.clone();
        doc.url = item.link.as_deref().and_then(web_url);
        out.push(Ok(doc));
    }
    if let Some(detail) = feed.truncated {
        out.push(Err(ReadError::new(
            source,
            ReadErrorKind::Truncated {
                format: Format::Feed,
                detail,
            },
        )));
    } else if feed.items.is_empty() {
        let detail = if feed.is_feed {
            "no <item> or <entry> elements"
        } else {
            "not an RSS or Atom feed"
        };
        out.push(Err(ReadError::new(
            source,
            ReadErrorKind::NoDocuments {
                format: Format::Feed,
                detail: detail.into(),
            },
        )));
    }
    out
}

fn read_warc(source: &str, bytes: &[u8], opts: &ReadOptions) -> Vec<Result<Document, ReadError>> {
    let (records, problem) = warc::records(bytes);
    let mut out = Vec::new();
    for (i, rec) in records.iter().enumerate() {
        let uri = rec.header("WARC-Target-URI").map_or_else(
            || format!("record-{}", i + 1),
            |u| u.trim_matches(['<', '>']).to_string(),
        );
        let name = format!("{source}#{uri}");
        let payload = match warc::html_payload(rec, opts.max_bytes) {
            Ok(Some(p)) => p,
            Ok(None) => continue,
            Err(detail) => {
                out.push(Err(ReadError::new(
                    name,
                    ReadErrorKind::Malformed {
                        format: Format::Warc,
                        detail,
                    },
                )));
                continue;
            }
        };
        let charset = payload
            .charset
            .or_else(|| html::declared_charset(&payload.body));
        let decoded = match &charset {
            Some(cs) => decode::decode_with_charset(&payload.body, cs),
            None => decode::decode_text(&payload.body),
        };
        let fallback_date = rec.header("WARC-Date").and_then(date::parse_date);
        out.push(match decoded {
            Ok(text) => read_html(&name, &text, fallback_date, Some(&uri)),
            Err(kind) => Err(ReadError::new(name, kind)),
        });
    }
    match problem {
        Some(warc::Problem::Truncated(detail)) => {
            out.push(Err(ReadError::new(
                source,
                ReadErrorKind::Truncated {
                    format: Format::Warc,
                    detail,
                },
            )));
        }
        Some(warc::Problem::Malformed(detail)) => {
            out.push(Err(ReadError::new(
                source,
                ReadErrorKind::Malformed {
                    format: Format::Warc,
                    detail,
                },
            )));
        }
        None if out.is_empty() => {
            let detail = format!("{} records, none an HTML response", records.len());
            out.push(Err(ReadError::new(
                source,
                ReadErrorKind::NoDocuments {
                    format: Format::Warc,
                    detail,
                },
            )));
        }
        None => {}
    }
    out
}
