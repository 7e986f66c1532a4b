//! dyad's storage: SQLite by default, PostgreSQL when asked. (Being built.)
