//! The SQLite backend: one file, WAL journal, foreign keys on, every
//! commit synced.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{params_from_iter, Connection, OpenFlags, TransactionBehavior};

use crate::error::{Cause, Result, StoreError};
use crate::read::Conn;
use crate::sql::{render, statements, Dialect, Query, Value, MIGRATIONS, SCHEMA_VERSION};
use crate::write::{Tx, DOCUMENT_COLUMNS};

/// Read-only connections kept beside the writer, so that readers (the web
/// server's requests) run side by side and alongside a write.
const READERS: usize = 2;

/// A store in one SQLite file (or in memory).
#[derive(Debug)]
pub struct SqliteStore {
    /// The one connection that writes (and reads, for memory databases).
    conn: Mutex<Connection>,
    /// Read-only connections to the same file; empty for memory databases.
    readers: Vec<Mutex<Connection>>,
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
            source: Box::new(e),
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
            store.readers.push(Mutex::new(r));
        }
        Ok(store)
    }

    /// A fresh database in memory, gone when the store is dropped.
    pub fn open_in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory().map_err(|e| StoreError::Open {
            target: ":memory:".into(),
            source: Box::new(e),
        })?;
        Self::init(conn, ":memory:".into())
    }

    fn init(conn: Connection, target: String) -> Result<Self> {
        let open_err = |e: rusqlite::Error| StoreError::Open {
            target: target.clone(),
            source: Box::new(e),
        };
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(open_err)?;
        // The journal mode is answered with a row; memory databases say
        // "memory" and stay so.
        let _mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(open_err)?;
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")
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
    loop {
        let step = |conn: &mut Connection| -> Result<bool, Cause> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let v = schema_version(&tx)?;
            if v > SCHEMA_VERSION {
                return Err(Box::new(TooNew(v)));
            }
            if v == SCHEMA_VERSION {
                tx.commit()?;
                return Ok(false);
            }
            let idx = usize::try_from(v).unwrap_or(usize::MAX);
            let sql = render(MIGRATIONS[idx], Dialect::Sqlite);
            for stmt in statements(&sql) {
                tx.execute(stmt, [])?;
            }
            tx.execute("INSERT INTO schema_version (version) VALUES (?1)", [v + 1])?;
            tx.commit()?;
            Ok(true)
        };
        let before = {
            schema_version(conn).map_err(|e| StoreError::Open {
                target: target.to_string(),
                source: Box::new(e),
            })?
        };
        match step(conn) {
            Ok(true) => continue,
            Ok(false) => return Ok(()),
            Err(e) => {
                if let Some(TooNew(found)) = e.downcast_ref::<TooNew>() {
                    return Err(StoreError::TooNew {
                        target: target.to_string(),
                        found: *found,
                        supported: SCHEMA_VERSION,
                    });
                }
                return Err(StoreError::Migrate {
                    target: target.to_string(),
                    version: before + 1,
                    source: e,
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
            "schema version {} is newer than {SCHEMA_VERSION}",
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
    fn insert_documents(&mut self, rows: Vec<Vec<Value>>) -> Result<Vec<bool>, Cause> {
        let sql = insert_sql(
            "documents",
            DOCUMENT_COLUMNS,
            " ON CONFLICT (id) DO NOTHING",
        );
        let mut stmt = self.0.prepare_cached(&sql)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(stmt.execute(params_from_iter(r.iter()))? == 1);
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
