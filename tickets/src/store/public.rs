//! Reads for the public HTTP side: the tickets Open311 lists (never corruption reports) and the
//! gauges `/metrics` exports (tickets by status, outbox depth is in [`Store`](super::Store),
//! the oldest due job for the reminder lag).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use classifier::Kind;

use super::StoreError;
use crate::domain::{TicketNumber, TicketStatus};
use crate::stats::TicketSource;

/// Which tickets an Open311 `requests.json` asks for. Corruption reports are never selected,
/// whatever the filter says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestFilter {
    /// Only these numbers (empty: any).
    pub numbers: Vec<TicketNumber>,
    pub kind: Option<Kind>,
    /// Opened at or after.
    pub start: Option<DateTime<Utc>>,
    /// Opened before.
    pub end: Option<DateTime<Utc>>,
    /// `Some(true)`: the agency still owes an answer; `Some(false)`: answered, closed or withdrawn.
    pub open: Option<bool>,
    pub include_synthetic: bool,
    /// At most this many, newest first.
    pub limit: i64,
}

/// The statuses in which the agency still owes an answer.
pub(crate) fn open_statuses() -> String {
    TicketStatus::ALL.iter().filter(|s| s.is_open()).map(|s| format!("'{}'", s.code())).collect::<Vec<_>>().join(",")
}

/// What the public side reads from a store.
#[async_trait]
pub trait PublicStore: Send + Sync {
    /// The tickets `filter` selects, newest first, corruption reports excluded.
    async fn public_requests(&self, filter: &RequestFilter) -> Result<Vec<TicketSource>, StoreError>;

    /// How many tickets there are in each status (statuses with none are left out).
    async fn tickets_by_status(&self) -> Result<Vec<(TicketStatus, i64)>, StoreError>;

    /// When the oldest pending job that is due at `now` was due (`None`: nothing is late).
    async fn oldest_due_job(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, StoreError>;
}

/// Implements [`PublicStore`] for `$store` over its `pool`.
macro_rules! impl_public_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::PublicStore for $store {
            async fn public_requests(
                &self,
                filter: &$crate::store::RequestFilter,
            ) -> Result<Vec<$crate::stats::TicketSource>, $crate::store::StoreError> {
                // The kind and statuses are our own codes, never user input: safe to splice.
                let mut sql = format!(
                    "{} WHERE t.kind <> 'corruption' AND ($1 OR t.synthetic = FALSE)",
                    $crate::stats::sql::SOURCE_SQL
                );
                let mut texts: Vec<String> = Vec::new();
                let mut next = 2;
                if !filter.numbers.is_empty() {
                    let marks: Vec<String> = filter
                        .numbers
                        .iter()
                        .map(|n| {
                            texts.push(n.to_string());
                            next += 1;
                            format!("${}", next - 1)
                        })
                        .collect();
                    sql.push_str(&format!(" AND t.number IN ({})", marks.join(",")));
                }
                if let Some(kind) = filter.kind {
                    sql.push_str(&format!(" AND t.kind = '{}'", kind.code()));
                }
                let statuses = $crate::store::public::open_statuses();
                match filter.open {
                    Some(true) => sql.push_str(&format!(" AND t.status IN ({statuses})")),
                    Some(false) => sql.push_str(&format!(" AND t.status NOT IN ({statuses})")),
                    None => {}
                }
                let mut times = Vec::new();
                for (bound, op) in [(filter.start, ">="), (filter.end, "<")] {
                    if let Some(at) = bound {
                        times.push(at);
                        sql.push_str(&format!(" AND t.created_at {op} ${}", next + times.len() - 1));
                    }
                }
                sql.push_str(&format!(" ORDER BY t.id DESC LIMIT ${}", next + times.len()));
                let mut query = sqlx::query_as::<_, $crate::stats::sql::SourceRow>(&sql).bind(filter.include_synthetic);
                for text in texts {
                    query = query.bind(text);
                }
                for at in times {
                    query = query.bind(at);
                }
                let rows = query.bind(filter.limit).fetch_all(&self.pool).await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn tickets_by_status(
                &self,
            ) -> Result<Vec<($crate::domain::TicketStatus, i64)>, $crate::store::StoreError> {
                let rows: Vec<(String, i64)> =
                    sqlx::query_as("SELECT status, COUNT(*) FROM tickets GROUP BY status ORDER BY status")
                        .fetch_all(&self.pool)
                        .await?;
                rows.into_iter().map(|(status, n)| Ok(($crate::store::rows::parse(&status, "status")?, n))).collect()
            }

            async fn oldest_due_job(
                &self,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<chrono::DateTime<chrono::Utc>>, $crate::store::StoreError> {
                // Ordered by the indexed column rather than MIN(), so both databases decode a
                // typed timestamp and use the partial index of pending jobs.
                let oldest: Option<chrono::DateTime<chrono::Utc>> = sqlx::query_scalar(
                    "SELECT run_at FROM jobs WHERE state = 'pending' AND run_at <= $1 ORDER BY run_at LIMIT 1",
                )
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
                Ok(oldest)
            }
        }
    };
}

pub(crate) use impl_public_store;
