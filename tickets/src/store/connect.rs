//! Choosing and opening the store from a database URL.

use std::sync::Arc;

use super::{PgStore, SqliteStore, Store, StoreError};

/// How to open the store.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// `sqlite://path/to/file.db`, `sqlite::memory:` or `postgres://user@host/db`.
    pub url: String,
    /// Connection pool size.
    pub max_connections: u32,
}

/// Why the store could not be opened, with the cause named for the operator.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL `{0}` is not a sqlite:// or postgres:// URL")]
    UnsupportedScheme(String),
    #[error("cannot open the SQLite database `{url}`: {cause}")]
    Sqlite { url: String, cause: String },
    #[error("cannot connect to PostgreSQL at `{url}`: {cause}")]
    Postgres { url: String, cause: String },
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] StoreError),
}

/// Opens the store that `options.url` names. Does not migrate.
pub async fn connect(options: &StoreOptions) -> Result<Arc<dyn Store>, ConnectError> {
    let url = options.url.trim();
    let shown = redact(url);
    if url.starts_with("sqlite:") {
        let store = SqliteStore::connect(url, options.max_connections)
            .await
            .map_err(|e| ConnectError::Sqlite { url: shown, cause: root_cause(&e) })?;
        Ok(Arc::new(store))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let store = PgStore::connect(url, options.max_connections)
            .await
            .map_err(|e| ConnectError::Postgres { url: shown, cause: root_cause(&e) })?;
        Ok(Arc::new(store))
    } else {
        Err(ConnectError::UnsupportedScheme(shown))
    }
}

/// The innermost cause of a connection failure, which is the one an operator can act on
/// ("Connection refused", "unable to open database file").
fn root_cause(error: &sqlx::Error) -> String {
    let mut cause: &dyn std::error::Error = error;
    while let Some(inner) = cause.source() {
        cause = inner;
    }
    cause.to_string()
}

/// The URL with any password replaced, safe to print.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            // Setting a password only fails for URLs that cannot have one, which this one has.
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.chars().take(200).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact("postgres://kai:secret@db:5432/k"), "postgres://kai:***@db:5432/k");
        assert_eq!(redact("sqlite://kairyluu.db"), "sqlite://kairyluu.db");
    }
}
