//! The SQLite store: a single file in WAL mode, the embedded default.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

use super::Backend;
use super::shared::impl_store;

/// Kairyluu's data in a SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    const BACKEND: Backend = Backend::Sqlite;
    // SQLite locks the whole database for a write transaction; no row locks.
    const FOR_UPDATE: &'static str = "";
    // One writer at a time already: nothing to skip.
    const SKIP_LOCKED: &'static str = "";
    const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");

    /// Opens (creating if missing) the database at `url` (`sqlite://path` or `sqlite::memory:`).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, sqlx::Error> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Writers queue behind each other instead of failing with "database is locked".
            .busy_timeout(Duration::from_secs(30));
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// A write transaction that takes the write lock at once. A deferred transaction that reads
    /// first and writes later can fail with SQLITE_BUSY without waiting, when another writer got
    /// in between; `BEGIN IMMEDIATE` waits for the busy timeout instead.
    async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }
}

impl_store!(SqliteStore, SqliteTx, Sqlite);
super::jobs::impl_jobs!(SqliteStore, SqliteTx, Sqlite);
super::officers::impl_officer_store!(SqliteStore, SqliteTx, Sqlite);
crate::stats::sql::impl_stats_store!(SqliteStore, Sqlite, explain = "EXPLAIN QUERY PLAN");
