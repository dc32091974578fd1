//! The PostgreSQL store, for production.

use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool, Postgres, Transaction};

use super::Backend;
use super::shared::impl_store;

/// Kairyluu's data in PostgreSQL.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    const BACKEND: Backend = Backend::Postgres;
    const FOR_UPDATE: &'static str = " FOR UPDATE";
    const SKIP_LOCKED: &'static str = " FOR UPDATE SKIP LOCKED";
    const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

    /// Connects to the database at `url` (`postgres://…`).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, sqlx::Error> {
        let options: PgConnectOptions = url.parse()?;
        Self::connect_with(options, max_connections).await
    }

    /// Connects with explicit options (tests use these to pick a fresh schema).
    pub async fn connect_with(options: PgConnectOptions, max_connections: u32) -> Result<Self, sqlx::Error> {
        // One direct connection first: a pool retries until its timeout and then reports only
        // "pool timed out", hiding the real cause (refused, unknown host, bad password).
        PgConnection::connect_with(&options).await?.close().await?;
        let pool = PgPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// Connects with every table in `schema`, which is created if missing. Tests and
    /// benchmarks use a fresh schema per run so that they never see each other's rows.
    pub async fn connect_in_schema(url: &str, schema: &str, max_connections: u32) -> Result<Self, sqlx::Error> {
        let schema = checked_schema_name(schema)?;
        let options: PgConnectOptions = url.parse()?;
        let mut connection = PgConnection::connect_with(&options).await?;
        sqlx::query(&format!("CREATE SCHEMA IF NOT EXISTS \"{schema}\"")).execute(&mut connection).await?;
        connection.close().await?;
        Self::connect_with(options.options([("search_path", schema)]), max_connections).await
    }

    /// Drops `schema` and everything in it.
    pub async fn drop_schema(&self, schema: &str) -> Result<(), sqlx::Error> {
        let schema = checked_schema_name(schema)?;
        sqlx::query(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE")).execute(&self.pool).await?;
        Ok(())
    }

    async fn begin_write(&self) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
        self.pool.begin().await
    }

    /// Writers need no queue here: PostgreSQL locks rows, not the database.
    async fn write_gate(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        None
    }
}

/// Schema names are spliced into SQL, so only plain identifiers are accepted.
fn checked_schema_name(schema: &str) -> Result<&str, sqlx::Error> {
    let plain = !schema.is_empty()
        && schema.len() <= 63
        && schema.starts_with(|c: char| c.is_ascii_lowercase())
        && schema.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if plain {
        Ok(schema)
    } else {
        Err(sqlx::Error::Configuration(format!("`{schema}` is not a plain schema name").into()))
    }
}

impl_store!(PgStore, PgTx, Postgres);
super::jobs::impl_jobs!(PgStore, PgTx, Postgres);
super::officers::impl_officer_store!(PgStore, PgTx, Postgres);
super::public::impl_public_store!(PgStore);
super::web::impl_web_store!(PgStore, PgTx, Postgres);
// The database's clock, shared by every replica (their own clocks may drift apart); the
// caller's `now` is bound as `$1` all the same (declared, unused).
super::pacing::impl_pacing_store!(PgStore, Postgres, now = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT");
crate::stats::sql::impl_stats_store!(PgStore, Postgres, explain = "EXPLAIN");
