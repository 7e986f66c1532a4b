//! The PostgreSQL backend (cargo feature `postgres`): one connection,
//! multi-row inserts, migrations serialized by an advisory lock.

use std::sync::{Mutex, MutexGuard};

use postgres::types::{IsNull, ToSql, Type};
use postgres::{Client, NoTls};

use crate::error::{redact, Cause, Result, StoreError};
use crate::read::Conn;
use crate::sql::{render, statements, Dialect, Query, Value, MIGRATIONS, SCHEMA_VERSION};
use crate::sqlite::TooNew;
use crate::write::{Tx, DOCUMENT_COLUMNS};

/// Rows per multi-row INSERT (PostgreSQL allows 65535 parameters).
const ROWS_PER_INSERT: usize = 1000;

/// Any number that identifies dyad's migration lock.
const MIGRATION_LOCK: i64 = 0x6479_6164; // "dyad"

/// A store in a PostgreSQL database. Tables live in the connection's
/// `search_path` (the `options=-c search_path=...` URL parameter picks a
/// schema).
pub struct PgStore {
    client: Mutex<Client>,
    /// The URL, to reconnect with (never shown: it may hold a password).
    url: String,
    target: String,
}

/// The connection is gone and reconnecting failed (fatal for ingest).
#[derive(Debug)]
pub(crate) struct Lost(String);

impl std::fmt::Display for Lost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Lost {}

/// How long a lost connection is retried before the store gives up: waits
/// of 0.5 s doubling up to 8 s, about a minute in all.
const RECONNECT_WAITS: [u64; 10] = [500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000];

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("target", &self.target)
            .finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://user:password@host/db`) and brings
    /// the schema up to date.
    pub fn open(url: &str) -> Result<Self> {
        let target = redact(url);
        let mut client = Client::connect(url, NoTls).map_err(|e| StoreError::Open {
            target: target.clone(),
            cause: Box::new(e),
        })?;
        migrate(&mut client, &target)?;
        let store = PgStore {
            client: Mutex::new(client),
            url: url.to_string(),
            target,
        };
        crate::read::check_layout(&store, &store.target)?;
        Ok(store)
    }

    /// Connects to `url` for reading only: no migration; a database without
    /// dyad's tables, or with another schema version, is refused.
    pub fn open_read_only(url: &str) -> Result<Self> {
        let target = redact(url);
        let mut client = Client::connect(url, NoTls).map_err(|e| StoreError::Open {
            target: target.clone(),
            cause: Box::new(e),
        })?;
        let found: i64 =
            match client.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[]) {
                Ok(row) => row.get(0),
                Err(e) if e.code() == Some(&postgres::error::SqlState::UNDEFINED_TABLE) => {
                    return Err(StoreError::NotDyad {
                        target,
                        detail: "it has no schema_version table; `dyad ingest` creates one".into(),
                    })
                }
                Err(e) => {
                    return Err(StoreError::Open {
                        target,
                        cause: Box::new(e),
                    })
                }
            };
        if found != SCHEMA_VERSION {
            return Err(if found > SCHEMA_VERSION {
                StoreError::TooNew {
                    target,
                    found,
                    supported: SCHEMA_VERSION,
                }
            } else {
                StoreError::TooOld {
                    target,
                    found,
                    supported: SCHEMA_VERSION,
                }
            });
        }
        let store = PgStore {
            client: Mutex::new(client),
            url: url.to_string(),
            target,
        };
        crate::read::check_layout(&store, &store.target)?;
        Ok(store)
    }

    /// The URL the store was opened with, password hidden.
    pub fn target(&self) -> &str {
        &self.target
    }

    fn lock(&self) -> MutexGuard<'_, Client> {
        // A panic while the lock was held dropped its transaction, which
        // rolls back; the client is usable.
        self.client.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` in a transaction. When the connection was lost (the server
    /// restarted), it reconnects with backoff and runs `f` once more: a
    /// write is idempotent by document id, so a commit that did reach the
    /// server before the loss only turns into duplicates.
    pub(crate) fn write<T>(&self, f: impl Fn(&mut dyn Tx) -> Result<T, Cause>) -> Result<T, Cause> {
        let mut client = self.lock();
        let attempt = |client: &mut Client| -> Result<T, Cause> {
            let mut tx = client.transaction()?;
            let out = f(&mut PgTx(&mut tx))?;
            tx.commit()?;
            Ok(out)
        };
        match attempt(&mut client) {
            Err(e) if client.is_closed() => {
                self.reconnect(&mut client, &e)?;
                attempt(&mut client)
            }
            other => other,
        }
    }

    /// Replaces a closed client with a new connection, waiting longer
    /// between attempts; says so on stderr.
    fn reconnect(&self, client: &mut Client, cause: &Cause) -> Result<(), Cause> {
        eprintln!(
            "dyad: lost the connection to {} ({cause}); reconnecting",
            self.target
        );
        let mut last: Cause = "no attempt".into();
        for (k, wait) in RECONNECT_WAITS.iter().enumerate() {
            std::thread::sleep(std::time::Duration::from_millis(*wait));
            match Client::connect(&self.url, NoTls) {
                Ok(c) => {
                    *client = c;
                    eprintln!("dyad: reconnected to {} (attempt {})", self.target, k + 1);
                    return Ok(());
                }
                Err(e) => last = Box::new(e),
            }
        }
        Err(Box::new(Lost(format!(
            "lost the connection and could not reconnect in {} attempts: {last}",
            RECONNECT_WAITS.len()
        ))))
    }
}

fn migrate(client: &mut Client, target: &str) -> Result<()> {
    loop {
        let mut version = 0;
        let step = |client: &mut Client, version: &mut i64| -> Result<bool, Cause> {
            let mut tx = client.transaction()?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
            tx.batch_execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)",
            )?;
            let v: i64 = tx
                .query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[])?
                .get(0);
            *version = v;
            if v > SCHEMA_VERSION {
                return Err(Box::new(TooNew(v)));
            }
            if v == SCHEMA_VERSION {
                tx.commit()?;
                return Ok(false);
            }
            let idx = usize::try_from(v).unwrap_or(usize::MAX);
            let sql = render(MIGRATIONS[idx], Dialect::Postgres);
            for stmt in statements(&sql) {
                tx.batch_execute(stmt)?;
            }
            tx.execute(
                "INSERT INTO schema_version (version) VALUES ($1)",
                &[&(v + 1)],
            )?;
            tx.commit()?;
            Ok(true)
        };
        match step(client, &mut version) {
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
                    version: version + 1,
                    cause: e,
                });
            }
        }
    }
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(n) => match *ty {
                Type::INT2 => i16::try_from(*n)?.to_sql(ty, out),
                Type::INT4 => i32::try_from(*n)?.to_sql(ty, out),
                Type::FLOAT8 => (*n as f64).to_sql(ty, out),
                _ => n.to_sql(ty, out),
            },
            Value::Real(x) => match *ty {
                Type::FLOAT4 => (*x as f32).to_sql(ty, out),
                _ => x.to_sql(ty, out),
            },
            Value::Text(s) => s.to_sql(ty, out),
            Value::Date(d) => match *ty {
                Type::DATE => d.to_sql(ty, out),
                _ => d.format("%Y-%m-%d").to_string().to_sql(ty, out),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

fn params(values: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    values.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
}

/// A fetched cell, by the column's type.
fn cell(row: &postgres::Row, i: usize) -> Result<Value, Cause> {
    let ty = row.columns()[i].type_().clone();
    Ok(match ty {
        Type::INT8 => row
            .try_get::<_, Option<i64>>(i)?
            .map_or(Value::Null, Value::Int),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(i)?
            .map_or(Value::Null, |n| Value::Int(n.into())),
        Type::INT2 => row
            .try_get::<_, Option<i16>>(i)?
            .map_or(Value::Null, |n| Value::Int(n.into())),
        Type::BOOL => row
            .try_get::<_, Option<bool>>(i)?
            .map_or(Value::Null, |b| Value::Int(b.into())),
        Type::FLOAT8 => row
            .try_get::<_, Option<f64>>(i)?
            .map_or(Value::Null, Value::Real),
        Type::FLOAT4 => row
            .try_get::<_, Option<f32>>(i)?
            .map_or(Value::Null, |x| Value::Real(x.into())),
        Type::DATE => row
            .try_get::<_, Option<chrono::NaiveDate>>(i)?
            .map_or(Value::Null, Value::Date),
        _ => row
            .try_get::<_, Option<String>>(i)?
            .map_or(Value::Null, Value::Text),
    })
}

impl Conn for PgStore {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn fetch(&self, q: &Query) -> Result<Vec<Vec<Value>>, Cause> {
        let mut client = self.lock();
        let rows = match client.query(q.sql.as_str(), &params(&q.params)) {
            Err(e) if client.is_closed() => {
                let e: Cause = Box::new(e);
                self.reconnect(&mut client, &e)?;
                client.query(q.sql.as_str(), &params(&q.params))?
            }
            other => other?,
        };
        rows.iter()
            .map(|r| (0..r.len()).map(|i| cell(r, i)).collect())
            .collect()
    }
}

struct PgTx<'a, 'b>(&'a mut postgres::Transaction<'b>);

/// `INSERT INTO table (columns) VALUES ($1, ..), (..), ..` for `rows` rows.
fn insert_sql(table: &str, columns: &[&str], rows: usize) -> String {
    let n = columns.len();
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..n {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${}", r * n + c + 1));
        }
        sql.push(')');
    }
    sql
}

impl Tx for PgTx<'_, '_> {
    fn insert_documents(&mut self, rows: Vec<Vec<Value>>) -> Result<Vec<Option<i64>>, Cause> {
        let mut new = std::collections::HashMap::new();
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let sql = insert_sql("documents", DOCUMENT_COLUMNS, chunk.len())
                + " ON CONFLICT (id) DO NOTHING RETURNING id, seq";
            let flat: Vec<Value> = chunk.iter().flatten().cloned().collect();
            for r in self.0.query(sql.as_str(), &params(&flat))? {
                new.insert(r.try_get::<_, String>(0)?, r.try_get::<_, i64>(1)?);
            }
        }
        Ok(rows
            .iter()
            .map(|r| match r.first() {
                Some(Value::Text(id)) => new.get(id).copied(),
                _ => None,
            })
            .collect())
    }

    fn insert(
        &mut self,
        table: &'static str,
        columns: &'static [&'static str],
        rows: Vec<Vec<Value>>,
    ) -> Result<(), Cause> {
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let sql = insert_sql(table, columns, chunk.len());
            let flat: Vec<Value> = chunk.iter().flatten().cloned().collect();
            self.0.execute(sql.as_str(), &params(&flat))?;
        }
        Ok(())
    }
}
