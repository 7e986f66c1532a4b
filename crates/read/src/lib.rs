//! Readers: bytes -> [`Document`]. (Being built: plain text only so far.)

use std::path::{Path, PathBuf};

use dyad_model::Document;

/// Limits and choices for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Files larger than this are refused (bytes).
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: 20 * 1024 * 1024,
        }
    }
}

/// Why an input could not be read; `Display` is one line naming the input.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}: {reason}")]
pub struct ReadError {
    pub source_name: String,
    pub reason: String,
}

/// Reads every document under `paths` (files, folders recursively, `-` for
/// standard input), in a stable order. Each item is a document or an error
/// naming the input.
pub fn read_paths(paths: &[PathBuf], opts: &ReadOptions) -> Vec<Result<Document, ReadError>> {
    let mut out = Vec::new();
    for p in paths {
        read_path(p, opts, &mut out);
    }
    out
}

fn read_path(path: &Path, opts: &ReadOptions, out: &mut Vec<Result<Document, ReadError>>) {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => out.push(Ok(Document::new(name, text))),
            Err(_) => out.push(Err(ReadError {
                source_name: name,
                reason: "not UTF-8".into(),
            })),
        },
        Err(e) => out.push(Err(ReadError {
            source_name: name,
            reason: e.to_string(),
        })),
    }
    let _ = opts;
}
