//! The one error type of this crate.

use std::fmt;

use crate::Format;

/// Why an input (a file, a feed item, a JSON line, a WARC record) gave no
/// document. `Display` is one line, `<source>: <reason>`.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}: {kind}")]
pub struct ReadError {
    /// The input: a path, `path:line`, `path#item` or `-`.
    pub source_name: String,
    /// What went wrong.
    pub kind: ReadErrorKind,
}

impl ReadError {
    pub(crate) fn new(source_name: impl Into<String>, kind: ReadErrorKind) -> Self {
        ReadError {
            source_name: source_name.into(),
            kind,
        }
    }
}

/// The reasons an input can be refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// The operating system could not open or read it.
    #[error("cannot read: {0}")]
    Io(#[source] std::io::Error),
    /// Bigger than [`crate::ReadOptions::max_bytes`] (checked before reading).
    #[error("file too large ({}, limit {}; raise --max-mb to read it)", Mb(*.size), Mb(*.max))]
    TooLarge { size: u64, max: u64 },
    /// An image, archive, executable or other non-text file.
    #[error("binary file ({what}), not an article")]
    Binary { what: &'static str },
    /// Not UTF-8 and not recognizably a single-byte Western encoding either.
    #[error("not valid UTF-8 text (invalid byte 0x{byte:02x} at offset {offset}) and not Windows-1252 text either")]
    Encoding { byte: u8, offset: usize },
    /// A declared character set this crate does not decode.
    #[error("unsupported character set {0:?}")]
    Charset(String),
    /// Zero bytes, or only whitespace.
    #[error("empty file")]
    Empty,
    /// Nothing left once markup, headers and boilerplate were removed.
    #[error("no article text in this {0}")]
    NoText(Format),
    /// The input stops in the middle (a page without its end, a cut record).
    #[error("truncated {format} ({detail})")]
    Truncated { format: Format, detail: String },
    /// Structurally wrong input of a known format.
    #[error("malformed {format}: {detail}")]
    Malformed { format: Format, detail: String },
    /// A well-formed container (feed, WARC file) that holds no article.
    #[error("{format} holds no articles ({detail})")]
    NoDocuments { format: Format, detail: String },
    /// A gzip stream that cannot be decompressed.
    #[error("corrupt gzip data: {0}")]
    Gzip(#[source] std::io::Error),
}

/// A byte count shown in megabytes.
struct Mb(u64);

impl fmt::Display for Mb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mb = self.0 as f64 / (1024.0 * 1024.0);
        if self.0 < 1024 * 1024 {
            write!(f, "{} bytes", self.0)
        } else if mb >= 10.0 {
            write!(f, "{mb:.0} MB")
        } else {
            write!(f, "{mb:.1} MB")
        }
    }
}

/// Makes a detail string safe for a one-line message.
pub(crate) fn one_line(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if out.chars().count() > 160 {
        out = out.chars().take(157).collect::<String>() + "...";
    }
    out
}
