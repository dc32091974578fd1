//! The SQLite store: a single file in WAL mode, the embedded default.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::Backend;
use super::shared::impl_store;

/// How long a writer waits for the write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Kairyluu's data in a SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    /// One write transaction of this process at a time, the others queue here (see
    /// [`SqliteStore::write_gate`]).
    gate: Arc<Semaphore>,
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
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(max_connections.max(1))
            // A connection to a file in this process does not go stale; the default ping before
            // every acquire is one more round trip to the connection's thread per query.
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await?;
        Ok(Self { pool, gate: Arc::new(Semaphore::new(1)) })
    }

    /// Waits for this process's turn to write. SQLite has one writer; a connection that finds
    /// the lock taken sleeps in its busy handler (1, 2, 5, 10… ms) and the lock stands idle
    /// meanwhile, so concurrent turns spent more time asleep than writing. Queued here, the next
    /// writer starts the moment the last one commits. Other processes still meet the busy
    /// timeout. After as long as that timeout it goes on without its turn (`None`), so a caller
    /// that writes while holding a transaction fails as before instead of waiting forever.
    async fn write_gate(&self) -> Option<OwnedSemaphorePermit> {
        let turn = tokio::time::timeout(BUSY_TIMEOUT, self.gate.clone().acquire_owned()).await;
        // The semaphore is never closed, so only the timeout yields `None`.
        turn.ok().and_then(Result::ok)
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
super::public::impl_public_store!(SqliteStore);
super::web::impl_web_store!(SqliteStore, SqliteTx, Sqlite);
// SQLite has no clock of its own worth sharing: the caller's `now`.
super::pacing::impl_pacing_store!(SqliteStore, Sqlite, now = "$1");
crate::stats::sql::impl_stats_store!(SqliteStore, Sqlite, explain = "EXPLAIN QUERY PLAN");
