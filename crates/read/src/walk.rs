//! Files, folders and standard input, streamed as documents.

use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use dyad_model::Document;

use crate::error::{ReadError, ReadErrorKind};
use crate::{read_input, Format, ReadOptions};

/// Reads every document under `paths` (files, folders recursively, `-` for
/// standard input), lazily and in a stable order: folder entries sorted by
/// name, hidden entries (`.name`) skipped inside folders, and so is the file
/// standard output is redirected to. Each item is a document or an error
/// naming the input; one file is read at a time.
pub fn read_paths(paths: &[PathBuf], opts: &ReadOptions) -> Documents {
    Documents {
        opts: opts.clone(),
        pending: paths.iter().rev().map(|p| (p.clone(), true)).collect(),
        ready: VecDeque::new(),
        seen_dirs: HashSet::new(),
        own_output: own_output(),
        lines: None,
    }
}

/// The file standard output writes to, if it is one: `dyad extract DIR >
/// DIR/out.jsonl` must not read its own output back.
#[cfg(unix)]
fn own_output() -> Option<(u64, u64)> {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let fd = std::io::stdout().as_fd().try_clone_to_owned().ok()?;
    let meta = File::from(fd).metadata().ok()?;
    meta.is_file().then(|| (meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn own_output() -> Option<(u64, u64)> {
    None
}

#[cfg(unix)]
fn is_own_output(meta: &std::fs::Metadata, own: Option<(u64, u64)>) -> bool {
    use std::os::unix::fs::MetadataExt;
    own == Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn is_own_output(_: &std::fs::Metadata, _: Option<(u64, u64)>) -> bool {
    false
}

/// The iterator [`read_paths`] returns.
#[derive(Debug)]
pub struct Documents {
    opts: ReadOptions,
    /// Inputs still to read (a stack: last is next), with "named by the user".
    pending: Vec<(PathBuf, bool)>,
    ready: VecDeque<Result<Document, ReadError>>,
    /// Folders already walked (canonical paths), against symlink loops.
    seen_dirs: HashSet<PathBuf>,
    /// Device and inode of the file standard output goes to.
    own_output: Option<(u64, u64)>,
    /// JSON Lines read one line at a time (standard input, or a file).
    lines: Option<Lines>,
}

/// A JSON Lines input read one line at a time, so that memory is bounded
/// by the longest line, never by the input.
struct Lines {
    input: Box<dyn BufRead + Send>,
    /// How documents and errors name the input (`-` for standard input).
    source: String,
    /// The number of the last line read.
    line_no: usize,
}

impl std::fmt::Debug for Lines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lines")
            .field("source", &self.source)
            .field("line_no", &self.line_no)
            .finish_non_exhaustive()
    }
}

impl Iterator for Documents {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            if self.lines.is_some() {
                self.next_line();
                continue;
            }
            let (path, top) = self.pending.pop()?;
            self.visit(&path, top);
        }
    }
}

impl Documents {
    fn error(&mut self, name: String, kind: ReadErrorKind) {
        self.ready.push_back(Err(ReadError::new(name, kind)));
    }

    /// Reads the next line of the JSON Lines input into `ready` (blank
    /// lines are skipped), or ends it. A line longer than the size limit is
    /// skipped without being kept, with one error.
    fn next_line(&mut self) {
        let Some(lines) = self.lines.as_mut() else {
            return;
        };
        let max = self.opts.max_bytes;
        let mut line = Vec::new();
        let read = (&mut lines.input)
            .take(max.saturating_add(1))
            .read_until(b'\n', &mut line);
        lines.line_no += 1;
        let n = lines.line_no;
        let at = format!("{}:{n}", lines.source);
        match read {
            Ok(0) => self.lines = None,
            Err(e) => {
                self.lines = None;
                self.error(at, ReadErrorKind::Io(e));
            }
            Ok(len) if u64::try_from(len).unwrap_or(u64::MAX) > max && !line.ends_with(b"\n") => {
                // Skip the rest of the line without keeping it.
                let mut size = len as u64;
                loop {
                    let (skip, done) = match lines.input.fill_buf() {
                        Ok([]) | Err(_) => (0, true),
                        Ok(buf) => match buf.iter().position(|&b| b == b'\n') {
                            Some(k) => (k + 1, true),
                            None => (buf.len(), false),
                        },
                    };
                    lines.input.consume(skip);
                    size += skip as u64;
                    if done {
                        break;
                    }
                }
                self.error(at, ReadErrorKind::TooLarge { size, max });
            }
            Ok(_) => {
                if line.iter().all(u8::is_ascii_whitespace) {
                    return;
                }
                match crate::decode::decode_text(&line) {
                    Ok(text) => {
                        let source = lines.source.clone();
                        self.ready
                            .push_back(crate::jsonl::read_line(&source, n, &text));
                    }
                    Err(kind) => self.error(at, kind),
                }
            }
        }
    }

    /// Starts reading the file at `path` a line at a time when it is JSON
    /// Lines proper (not gzip, its first line one whole JSON value): true
    /// then. Otherwise (a JSON array, one pretty-printed record) the file
    /// is left to be read whole.
    fn stream_json_lines(&mut self, path: &Path, name: &str) -> bool {
        let plain = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
        if !plain {
            return false;
        }
        let Ok(file) = File::open(path) else {
            return false;
        };
        let mut input = std::io::BufReader::with_capacity(64 * 1024, file);
        // The first non-blank line, read without keeping more than the
        // size limit.
        let mut first = Vec::new();
        let limit = self.opts.max_bytes.saturating_add(1);
        loop {
            first.clear();
            match (&mut input).take(limit).read_until(b'\n', &mut first) {
                Ok(0) | Err(_) => return false,
                Ok(_) if first.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(_) => break,
            }
        }
        if first.starts_with(b"\x1f\x8b") || first.trim_ascii_start().starts_with(b"[") {
            return false;
        }
        let whole = crate::decode::decode_text(&first)
            .ok()
            .is_some_and(|t| serde_json::from_str::<serde_json::Value>(t.trim()).is_ok());
        if !whole {
            return false;
        }
        // Read again from the start, so that line numbers count from 1.
        let Ok(file) = File::open(path) else {
            return false;
        };
        self.lines = Some(Lines {
            input: Box::new(std::io::BufReader::with_capacity(64 * 1024, file)),
            source: name.to_string(),
            line_no: 0,
        });
        true
    }

    fn visit(&mut self, path: &Path, top: bool) {
        let name = path.display().to_string();
        if top && path.as_os_str() == "-" {
            // JSON Lines (the first byte is "{") are read and handed on a
            // line at a time, in memory bounded by the longest line; any
            // other input is read whole, up to the size limit.
            let mut stdin = std::io::stdin().lock();
            let starts_jsonl = loop {
                match stdin.fill_buf() {
                    Ok([]) => break false,
                    Ok(buf) => match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                        Some(k) => {
                            let brace = buf[k] == b'{';
                            if brace {
                                stdin.consume(k);
                            }
                            break brace;
                        }
                        None => {
                            let n = buf.len();
                            stdin.consume(n);
                        }
                    },
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => break false,
                }
            };
            if starts_jsonl {
                drop(stdin);
                // What was looked at stays in standard input's own buffer.
                self.lines = Some(Lines {
                    input: Box::new(std::io::BufReader::new(std::io::stdin())),
                    source: "-".into(),
                    line_no: 0,
                });
                return;
            }
            let mut bytes = Vec::new();
            let limit = self.opts.max_bytes.saturating_add(1);
            match stdin.take(limit).read_to_end(&mut bytes) {
                Ok(_) => self
                    .ready
                    .extend(read_input("-", &bytes, None, &self.opts, true)),
                Err(e) => self.error(name, ReadErrorKind::Io(e)),
            }
            return;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return self.error(name, ReadErrorKind::Io(e)),
        };
        if meta.is_dir() {
            return self.visit_dir(path, name, top);
        }
        if !meta.is_file() && !top {
            return; // sockets, pipes and devices inside folders are not articles
        }
        if !top && is_own_output(&meta, self.own_output) {
            return; // the file this process is writing its results to
        }
        // JSON Lines files are read a line at a time, with the size limit
        // applying to each line.
        if meta.is_file() && self.stream_json_lines(path, &name) {
            return;
        }
        if meta.is_file() && meta.len() > self.opts.max_bytes {
            return self.error(
                name,
                ReadErrorKind::TooLarge {
                    size: meta.len(),
                    max: self.opts.max_bytes,
                },
            );
        }
        let mut bytes = Vec::new();
        let limit = self.opts.max_bytes.saturating_add(1);
        let read = File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes));
        if let Err(e) = read {
            return self.error(name, ReadErrorKind::Io(e));
        }
        let format = Format::from_path(path);
        self.ready
            .extend(read_input(&name, &bytes, format, &self.opts, true));
    }

    fn visit_dir(&mut self, path: &Path, name: String, top: bool) {
        if let Ok(canonical) = path.canonicalize() {
            if !self.seen_dirs.insert(canonical) {
                return; // reached again through a symbolic link
            }
        }
        let entries = match std::fs::read_dir(path) {
            Ok(e) => e,
            Err(e) => return self.error(name, ReadErrorKind::Io(e)),
        };
        let mut children = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) if e.file_name().to_string_lossy().starts_with('.') => {}
                Ok(e) => children.push(e.path()),
                Err(e) => self.error(name.clone(), ReadErrorKind::Io(e)),
            }
        }
        if children.is_empty() && top {
            return self.error(name, ReadErrorKind::Empty);
        }
        children.sort();
        self.pending
            .extend(children.into_iter().rev().map(|p| (p, false)));
    }
}
