//! The store's one error type.

/// A database driver's error, boxed so that both backends fit one type.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything that can go wrong in the store. Messages are lowercase, name
/// the database (with any password hidden), the document or the column
/// involved, and end with the driver's whole reason on the same line (so
/// the driver's error is not repeated as a `source`).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened or created.
    #[error("cannot open database {target}: {}", Chain(cause))]
    Open { target: String, cause: Cause },
    /// `postgres://` was asked for but this build has no PostgreSQL support.
    #[error("cannot open database {target}: this dyad was built without postgres support (cargo feature `postgres`)")]
    NoPostgres { target: String },
    /// The database was written by a newer dyad.
    #[error("database {target} has schema version {found}, newer than the {supported} this dyad knows; upgrade dyad")]
    TooNew {
        target: String,
        found: i64,
        supported: i64,
    },
    /// The file or database holds something other than dyad's tables.
    #[error("{target} is not a dyad database ({detail}); pass --db the file `dyad ingest` wrote")]
    NotDyad { target: String, detail: String },
    /// A read command met a database whose schema is older than this
    /// build's; only ingest migrates.
    #[error("database {target} has schema version {found}, older than the {supported} this dyad reads; run `dyad ingest` on it once to migrate it")]
    TooOld {
        target: String,
        found: i64,
        supported: i64,
    },
    /// A migration failed; the database stays at the previous version.
    #[error(
        "cannot migrate database {target} to schema version {version}: {}",
        Chain(cause)
    )]
    Migrate {
        target: String,
        version: i64,
        cause: Cause,
    },
    /// A batch could not be written; nothing of it was stored.
    #[error(
        "cannot store batch of {docs} documents (first {first}): {}",
        Chain(cause)
    )]
    Write {
        docs: usize,
        first: String,
        cause: Cause,
    },
    /// A read query failed.
    #[error("cannot read {what}: {}", Chain(cause))]
    Read { what: &'static str, cause: Cause },
    /// A stored value does not parse as the type its column stands for.
    #[error("bad value {value:?} in column {column} of document {doc_id}")]
    Corrupt {
        doc_id: String,
        column: &'static str,
        value: String,
    },
}

impl StoreError {
    /// Whether every later write will fail the same way: the disk or the
    /// database is full, the file is corrupt, not a database or read-only,
    /// an I/O error, or the connection to the server is gone. Ingest stops
    /// on such an error instead of failing each document in turn.
    pub fn is_fatal(&self) -> bool {
        let cause: &(dyn std::error::Error + 'static) = match self {
            StoreError::Write { cause, .. }
            | StoreError::Read { cause, .. }
            | StoreError::Open { cause, .. }
            | StoreError::Migrate { cause, .. } => cause.as_ref(),
            _ => return false,
        };
        let mut next = Some(cause);
        while let Some(e) = next {
            if let Some(e) = e.downcast_ref::<rusqlite::Error>() {
                use rusqlite::ErrorCode as C;
                if matches!(
                    e.sqlite_error_code(),
                    Some(
                        C::DiskFull
                            | C::DatabaseCorrupt
                            | C::NotADatabase
                            | C::ReadOnly
                            | C::SystemIoFailure
                            | C::CannotOpen
                    )
                ) {
                    return true;
                }
            }
            #[cfg(feature = "postgres")]
            if let Some(e) = e.downcast_ref::<postgres::Error>() {
                if e.is_closed() {
                    return true;
                }
            }
            #[cfg(feature = "postgres")]
            if e.downcast_ref::<crate::pg::Lost>().is_some() {
                return true;
            }
            if e.downcast_ref::<std::io::Error>().is_some() {
                return true;
            }
            next = e.source();
        }
        false
    }
}

/// Displays an error and its sources, joined by ": ", skipping a source
/// whose text the line already holds.
pub(crate) struct Chain<'a>(pub(crate) &'a Cause);

impl std::fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut line = self.0.to_string();
        let mut next = self.0.source();
        while let Some(e) = next {
            let s = e.to_string();
            if !line.contains(&s) {
                line.push_str(": ");
                line.push_str(&s);
            }
            next = e.source();
        }
        f.write_str(&line.replace('\n', " "))
    }
}

/// A short-hand for the store's results.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// `target` with the password of a URL (`postgres://user:secret@host/db`)
/// replaced by `***`, fit for messages.
pub fn redact(target: &str) -> String {
    let Some(scheme_end) = target.find("://") else {
        return target.to_string();
    };
    let rest = &target[scheme_end + 3..];
    let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let Some(at) = rest[..auth_end].rfind('@') else {
        return target.to_string();
    };
    let userinfo = &rest[..at];
    match userinfo.find(':') {
        Some(colon) => format!(
            "{}{}:***{}",
            &target[..scheme_end + 3],
            &userinfo[..colon],
            &rest[at..]
        ),
        None => target.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn hides_passwords_only() {
        assert_eq!(
            redact("postgres://dyad:s3cret@127.0.0.1/dyad"),
            "postgres://dyad:***@127.0.0.1/dyad"
        );
        assert_eq!(
            redact("postgres://dyad@localhost/db"),
            "postgres://dyad@localhost/db"
        );
        assert_eq!(redact("./dyad.sqlite"), "./dyad.sqlite");
        assert_eq!(redact("postgres://h/db?x=a@b"), "postgres://h/db?x=a@b");
    }
}
