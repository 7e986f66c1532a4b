//! The SQLite backend: one file, WAL journal, foreign keys on, every
//! commit synced.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{params_from_iter, Connection, OpenFlags, TransactionBehavior};

use crate::error::{Cause, Result, StoreError};
use crate::read::Conn;
use crate::sql::{render, statements, Dialect, Query, Value, MIGRATIONS};
use crate::write::{Tx, DOCUMENT_COLUMNS};

/// Read-only connections kept beside the writer, so that readers (the web
/// server's requests) run side by side and alongside a write.
const READERS: usize = 2;

/// A store in one SQLite file (or in memory).
#[derive(Debug)]
pub struct SqliteStore {
    /// Read-only connections to the same file; empty for memory databases.
    /// Declared (so dropped) before the writer: the last connection to
    /// close checkpoints the WAL into the database file, which a read-only
    /// one cannot do.
    readers: Vec<Mutex<Connection>>,
    /// The one connection that writes (and reads, for memory databases).
    conn: Mutex<Connection>,
    next_reader: AtomicUsize,
    target: String,
}

impl SqliteStore {
    /// Opens or creates the database at `path` and brings its schema up to
    /// date.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let target = path.display().to_string();
        let open_err = |e: rusqlite::Error| StoreError::Open {
            target: target.clone(),
            cause: Box::new(e),
        };
        let conn = Connection::open(path).map_err(open_err)?;
        let mut store = Self::init(conn, target.clone())?;
        for _ in 0..READERS {
            let r = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(open_err)?;
            r.busy_timeout(std::time::Duration::from_secs(30))
                .map_err(open_err)?;
            r.execute_batch("PRAGMA cache_size = -16384;")
                .map_err(open_err)?;
            store.readers.push(Mutex::new(r));
        }
        crate::read::check_layout(&store, &target)?;
        Ok(store)
    }

    /// Opens the existing dyad database at `path` for reading only: it is
    /// never created, migrated or written, and neither is its folder (a
    /// read-only folder is fine). A file that is not dyad's, or whose
    /// schema is older or newer than this build's, is refused.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let target = path.display().to_string();
        let open_err = |e: rusqlite::Error| StoreError::Open {
            target: target.clone(),
            cause: Box::new(e),
        };
        if !path.is_file() {
            return Err(StoreError::Open {
                target,
                cause: "no such file (run `dyad ingest` first, or pass --db)".into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connect = |immutable: bool| -> rusqlite::Result<Connection> {
            let conn = if immutable {
                // A WAL database in a folder we cannot write: its shared
                // memory file cannot be made, so read the file as it is.
                let uri = format!("file:{}?immutable=1", uri_path(path));
                Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)?
            } else {
                Connection::open_with_flags(path, flags)?
            };
            conn.busy_timeout(std::time::Duration::from_secs(30))?;
            conn.execute_batch("PRAGMA cache_size = -16384; PRAGMA query_only = ON;")?;
            // The first read fails here when the folder is read-only.
            conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })?;
            Ok(conn)
        };
        let (conn, immutable) = match connect(false) {
            Ok(c) => (c, false),
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
                ) =>
            {
                (connect(true).map_err(open_err)?, true)
            }
            Err(e) => return Err(open_err(e)),
        };
        check_dyad(&conn, &target, true)?;
        let mut store = SqliteStore {
            conn: Mutex::new(conn),
            readers: Vec::new(),
            next_reader: AtomicUsize::new(0),
            target: target.clone(),
        };
        for _ in 0..READERS {
            store
                .readers
                .push(Mutex::new(connect(immutable).map_err(open_err)?));
        }
        crate::read::check_layout(&store, &target)?;
        Ok(store)
    }

    /// A fresh database in memory, gone when the store is dropped.
    pub fn open_in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory().map_err(|e| StoreError::Open {
            target: ":memory:".into(),
            cause: Box::new(e),
        })?;
        Self::init(conn, ":memory:".into())
    }

    fn init(conn: Connection, target: String) -> Result<Self> {
        let open_err = |e: rusqlite::Error| StoreError::Open {
            target: target.clone(),
            cause: Box::new(e),
        };
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(open_err)?;
        // Before anything is written: another program's database stays as
        // it is.
        check_dyad(&conn, &target, false)?;
        // The journal mode is answered with a row; memory databases say
        // "memory" and stay so.
        let _mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(open_err)?;
        // A page cache of up to 64 MiB (the default 2 MiB makes a batch
        // spill and re-read pages).
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 10000;",
        )
        .map_err(open_err)?;
        let mut conn = conn;
        migrate(&mut conn, &target)?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
            readers: Vec::new(),
            next_reader: AtomicUsize::new(0),
            target,
        })
    }

    /// The path the store was opened with.
    pub fn target(&self) -> &str {
        &self.target
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while the lock was held left no open transaction behind
        // (rusqlite rolls back on drop), so the connection is usable.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A connection to read with: a free reader if there is one, else the
    /// next in turn (or the writer, for memory databases).
    fn read_lock(&self) -> MutexGuard<'_, Connection> {
        if self.readers.is_empty() {
            return self.lock();
        }
        for r in &self.readers {
            match r.try_lock() {
                Ok(g) => return g,
                Err(std::sync::TryLockError::Poisoned(e)) => return e.into_inner(),
                Err(std::sync::TryLockError::WouldBlock) => {}
            }
        }
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        self.readers[i].lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&mut dyn Tx) -> Result<T, Cause>,
    ) -> Result<T, Cause> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&mut SqliteTx(&tx))?;
        tx.commit()?;
        Ok(out)
    }
}

fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
        [],
    )?;
    conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_version",
        [],
        |r| r.get(0),
    )
}

fn migrate(conn: &mut Connection, target: &str) -> Result<()> {
    migrate_with(conn, target, MIGRATIONS)?;
    // The schema version also goes where any SQLite tool shows it.
    let latest = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
    let open_err = |e: rusqlite::Error| StoreError::Open {
        target: target.to_string(),
        cause: Box::new(e),
    };
    let user: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(open_err)?;
    if user < latest {
        conn.execute_batch(&format!("PRAGMA user_version = {latest}"))
            .map_err(open_err)?;
    }
    Ok(())
}

/// `path` for a `file:` URI: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// Refuses a database that is not dyad's: one with tables but no
/// `schema_version`. For reading (`read_only`), also an empty one, and one
/// whose schema (the `schema_version` table or `PRAGMA user_version`) is
/// not this build's.
fn check_dyad(conn: &Connection, target: &str, read_only: bool) -> Result<()> {
    let open_err = |e: rusqlite::Error| StoreError::Open {
        target: target.to_string(),
        cause: Box::new(e),
    };
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .map_err(open_err)?;
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .map_err(open_err)?
        .collect::<rusqlite::Result<_>>()
        .map_err(open_err)?;
    drop(stmt);
    let ours = tables.iter().any(|t| t == "schema_version");
    if !ours && !tables.is_empty() {
        let mut shown: Vec<&str> = tables.iter().take(5).map(String::as_str).collect();
        if tables.len() > 5 {
            shown.push("...");
        }
        return Err(StoreError::NotDyad {
            target: target.to_string(),
            detail: format!("it holds other tables: {}", shown.join(", ")),
        });
    }
    if !read_only {
        return Ok(());
    }
    if !ours {
        return Err(StoreError::NotDyad {
            target: target.to_string(),
            detail: "it holds no tables; `dyad ingest` creates one".into(),
        });
    }
    let latest = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
    let version: i64 = conn
        .query_row(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version",
            [],
            |r| r.get(0),
        )
        .map_err(open_err)?;
    let user: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(open_err)?;
    let found = version.max(user);
    if found > latest {
        return Err(StoreError::TooNew {
            target: target.to_string(),
            found,
            supported: latest,
        });
    }
    if found < latest {
        return Err(StoreError::TooOld {
            target: target.to_string(),
            found,
            supported: latest,
        });
    }
    Ok(())
}

/// Applies `migrations[v..]` to a database at version `v`, each in its own
/// transaction together with the new version number.
fn migrate_with(conn: &mut Connection, target: &str, migrations: &[&str]) -> Result<()> {
    let latest = i64::try_from(migrations.len()).unwrap_or(i64::MAX);
    loop {
        let v = schema_version(conn).map_err(|e| StoreError::Open {
            target: target.to_string(),
            cause: Box::new(e),
        })?;
        let step = |conn: &mut Connection| -> Result<bool, Cause> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Read again under the write lock: another process may have
            // migrated meanwhile.
            let v = schema_version(&tx)?;
            if v > latest {
                return Err(Box::new(TooNew(v)));
            }
            let Some(sql) = usize::try_from(v).ok().and_then(|i| migrations.get(i)) else {
                return Ok(false);
            };
            for stmt in statements(&render(sql, Dialect::Sqlite)) {
                tx.execute(stmt, [])?;
            }
            tx.execute("INSERT INTO schema_version (version) VALUES (?1)", [v + 1])?;
            tx.commit()?;
            Ok(true)
        };
        match step(conn) {
            Ok(true) => continue,
            Ok(false) => return Ok(()),
            Err(e) => {
                return Err(match e.downcast_ref::<TooNew>() {
                    Some(TooNew(found)) => StoreError::TooNew {
                        target: target.to_string(),
                        found: *found,
                        supported: latest,
                    },
                    None => StoreError::Migrate {
                        target: target.to_string(),
                        version: v + 1,
                        cause: e,
                    },
                });
            }
        }
    }
}

/// Found a newer schema than this build knows (carried through a `Cause`).
#[derive(Debug)]
pub(crate) struct TooNew(pub(crate) i64);

impl std::fmt::Display for TooNew {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "schema version {} is newer than this build knows",
            self.0
        )
    }
}

impl std::error::Error for TooNew {}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(n) => ToSqlOutput::Borrowed(ValueRef::Integer(*n)),
            Value::Real(x) => ToSqlOutput::Borrowed(ValueRef::Real(*x)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Value::Date(d) => ToSqlOutput::Owned(rusqlite::types::Value::Text(
                d.format("%Y-%m-%d").to_string(),
            )),
        })
    }
}

impl Conn for SqliteStore {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn fetch(&self, q: &Query) -> Result<Vec<Vec<Value>>, Cause> {
        let conn = self.read_lock();
        let mut stmt = conn.prepare_cached(&q.sql)?;
        let n = stmt.column_count();
        let mut rows = stmt.query(params_from_iter(q.params.iter()))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let mut cells = Vec::with_capacity(n);
            for i in 0..n {
                cells.push(match r.get_ref(i)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(n) => Value::Int(n),
                    ValueRef::Real(x) => Value::Real(x),
                    ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Value::Text(String::from_utf8_lossy(b).into_owned()),
                });
            }
            out.push(cells);
        }
        Ok(out)
    }
}

struct SqliteTx<'a>(&'a rusqlite::Transaction<'a>);

fn insert_sql(table: &str, columns: &[&str], tail: &str) -> String {
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({}){tail}",
        columns.join(", "),
        marks.join(", ")
    )
}

impl Tx for SqliteTx<'_> {
    fn insert_documents(&mut self, rows: Vec<Vec<Value>>) -> Result<Vec<Option<i64>>, Cause> {
        let sql = insert_sql(
            "documents",
            DOCUMENT_COLUMNS,
            " ON CONFLICT (id) DO NOTHING",
        );
        let mut stmt = self.0.prepare_cached(&sql)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let new = stmt.execute(params_from_iter(r.iter()))? == 1;
            out.push(new.then(|| self.0.last_insert_rowid()));
        }
        Ok(out)
    }

    fn insert(
        &mut self,
        table: &'static str,
        columns: &'static [&'static str],
        rows: Vec<Vec<Value>>,
    ) -> Result<(), Cause> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut stmt = self.0.prepare_cached(&insert_sql(table, columns, ""))?;
        for r in &rows {
            stmt.execute(params_from_iter(r.iter()))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const M1: &str = "CREATE TABLE a (x {int} NOT NULL);\nCREATE INDEX a_x ON a (x);\n";
    const M2: &str = "ALTER TABLE a ADD COLUMN y TEXT;\nINSERT INTO a (x, y) VALUES (1, 'one');\n";
    const BAD: &str = "CREATE TABLE b (z {int});\nTHIS IS NOT SQL;\n";

    fn version(c: &Connection) -> i64 {
        schema_version(c).unwrap()
    }

    #[test]
    fn migrations_apply_in_order_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.sqlite");
        let mut c = Connection::open(&path).unwrap();
        migrate_with(&mut c, "m", &[M1]).unwrap();
        assert_eq!(version(&c), 1);
        migrate_with(&mut c, "m", &[M1]).unwrap();
        migrate_with(&mut c, "m", &[M1, M2]).unwrap();
        assert_eq!(version(&c), 2);
        let y: String = c.query_row("SELECT y FROM a", [], |r| r.get(0)).unwrap();
        assert_eq!(y, "one");
        // An older build refuses the newer database.
        let err = migrate_with(&mut c, "m", &[M1]).unwrap_err();
        assert!(matches!(
            err,
            StoreError::TooNew {
                found: 2,
                supported: 1,
                ..
            }
        ));
    }

    #[test]
    fn a_failed_migration_leaves_the_previous_version() {
        let mut c = Connection::open_in_memory().unwrap();
        let err = migrate_with(&mut c, "m", &[M1, BAD]).unwrap_err();
        assert!(
            matches!(err, StoreError::Migrate { version: 2, .. }),
            "{err}"
        );
        assert!(err
            .to_string()
            .starts_with("cannot migrate database m to schema version 2"));
        assert_eq!(version(&c), 1);
        let b: i64 = c
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            b, 0,
            "the failed migration's first statement was rolled back"
        );
    }
}
