//! Files, folders and standard input, streamed as documents.

use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::Read;
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
}

impl Iterator for Documents {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
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

    fn visit(&mut self, path: &Path, top: bool) {
        let name = path.display().to_string();
        if top && path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            let limit = self.opts.max_bytes.saturating_add(1);
            match std::io::stdin().lock().take(limit).read_to_end(&mut bytes) {
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
