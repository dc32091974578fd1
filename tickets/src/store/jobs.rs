//! Durable jobs (reminders, escalations, the daily digest) and the chats that blocked the bot.
//!
//! ```text
//! enqueue  ──▶ pending(run_at) ──claim(lease)──▶ leased ──complete + outbox, one tx──▶ done
//!                   ▲                              │
//!                   └──── lease expired (crash) ───┘
//! ```
//!
//! A claim leases a job to one worker until `lease_until`: PostgreSQL skips rows another claimer
//! holds (`FOR UPDATE SKIP LOCKED`), SQLite has one writer at a time (`BEGIN IMMEDIATE`). The
//! worker then completes the job in the same transaction as the messages it queues, and only if
//! its lease is still the current one (same worker, same attempt): a worker whose lease expired
//! and was taken over commits nothing. So each job's effects are committed exactly once.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreError;
use crate::domain::Ticket;

/// A job to add. Jobs with the same `dedupe_key` are one job: the second enqueue is a no-op.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob {
    pub kind: String,
    pub payload: String,
    pub run_at: DateTime<Utc>,
    pub dedupe_key: Option<String>,
}

/// A job leased to a worker. `worker` and `attempt` together are the lease: completing or
/// postponing needs both to still match the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedJob {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub run_at: DateTime<Utc>,
    pub dedupe_key: Option<String>,
    pub worker: String,
    pub attempt: i32,
}

/// A job as stored, for inspection (tests, operators).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredJob {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub run_at: DateTime<Utc>,
    pub state: String,
    pub attempts: i32,
    pub dedupe_key: Option<String>,
}

/// Reads and claims jobs, outside any caller's transaction.
#[async_trait]
pub trait JobStore: Send + Sync {
    /// Leases up to `limit` jobs that are due at `now` and not leased by a live worker, the
    /// earliest first. Two claimers never get the same job while its lease lasts; a job whose
    /// lease expired is claimed again.
    async fn claim_jobs(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        worker: &str,
        limit: i64,
    ) -> Result<Vec<ClaimedJob>, StoreError>;

    /// The ids of up to `limit` jobs due at `now` and not leased, earliest first, without
    /// claiming them: the lookup a claim starts with (operators, benchmarks).
    async fn due_job_ids(&self, now: DateTime<Utc>, limit: i64) -> Result<Vec<i64>, StoreError>;

    /// Records a failed run: the job is retried at `retry_at`, or given up when `None`.
    async fn fail_job(&self, job: &ClaimedJob, error: &str, retry_at: Option<DateTime<Utc>>) -> Result<(), StoreError>;

    /// Jobs of any state whose kind starts with `kind_prefix`, by run time then id.
    async fn jobs_of_kind(&self, kind_prefix: &str, limit: i64) -> Result<Vec<StoredJob>, StoreError>;

    /// The database's plan for the due-jobs lookup of [`JobStore::claim_jobs`] (EXPLAIN), one line
    /// per row, so benchmarks can show that the index is used.
    async fn explain_due_jobs(&self, now: DateTime<Utc>) -> Result<Vec<String>, StoreError>;

    /// Open tickets with a first-response (not yet given) or resolution deadline at or before
    /// `horizon`, by deadline: what a daily digest lists.
    async fn tickets_due_by(&self, horizon: DateTime<Utc>) -> Result<Vec<Ticket>, StoreError>;

    /// Remembers that `chat_id` blocked the bot (or is gone): nothing more goes there.
    async fn mark_chat_blocked(&self, chat_id: i64, reason: &str, at: DateTime<Utc>) -> Result<(), StoreError>;

    /// Whether `chat_id` blocked the bot.
    async fn is_chat_blocked(&self, chat_id: i64) -> Result<bool, StoreError>;
}

/// Job changes inside a [`Tx`](super::Tx), so that they commit with their effects.
#[async_trait]
pub trait JobTx: Send {
    /// Adds a job; `None` when a job with its dedupe key already exists (in any state).
    async fn enqueue(&mut self, job: &NewJob, at: DateTime<Utc>) -> Result<Option<i64>, StoreError>;

    /// Adds many jobs at once (in statements of a few hundred rows), skipping dedupe-key repeats;
    /// returns how many were added.
    async fn enqueue_many(&mut self, jobs: &[NewJob], at: DateTime<Utc>) -> Result<u64, StoreError>;

    /// Marks a claimed job done, if its lease is still this one. `false` means another worker
    /// took it over: the caller must roll back, or the job's effects would be committed twice.
    async fn complete_job(&mut self, job: &ClaimedJob) -> Result<bool, StoreError>;

    /// Puts a claimed job back to run at `run_at` (quiet hours), if its lease is still this one.
    async fn postpone_job(&mut self, job: &ClaimedJob, run_at: DateTime<Utc>) -> Result<bool, StoreError>;

    /// Whether `chat_id` blocked the bot.
    async fn chat_blocked(&mut self, chat_id: i64) -> Result<bool, StoreError>;

    /// Forgets that `chat_id` blocked the bot: it wrote to the bot again, so it unblocked it.
    async fn unblock_chat(&mut self, chat_id: i64) -> Result<(), StoreError>;

    /// Marks the ticket's pending reminder jobs done, so that a new plan (after a reopen)
    /// replaces them; returns how many. A worker holding one of them then finds its lease gone
    /// and commits nothing.
    async fn retire_reminders(&mut self, ticket: &crate::domain::TicketNumber) -> Result<u64, StoreError>;

    /// Writes a system audit entry on a ticket unless the same one (action and detail) is there
    /// already: an overdue deadline is counted once, however often its escalation is retried.
    async fn record_system_event_once(
        &mut self,
        ticket_id: i64,
        action: &str,
        detail: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError>;

    /// Writes a system audit entry on a ticket (an overdue deadline, counted in statistics).
    async fn record_system_event(
        &mut self,
        ticket_id: i64,
        action: &str,
        detail: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
}

/// Rows per INSERT of [`JobTx::enqueue_many`]: 5 parameters a row stays far below both
/// databases' parameter limits.
pub(crate) const ENQUEUE_CHUNK: usize = 500;

/// The due-jobs lookup, shared by the claim and its EXPLAIN.
macro_rules! due_jobs_sql {
    () => {
        "SELECT id FROM jobs
         WHERE state = 'pending' AND run_at <= $1 AND (leased_until IS NULL OR leased_until < $1)
         ORDER BY run_at, id LIMIT $2"
    };
}
pub(crate) use due_jobs_sql;

/// Implements [`JobStore`] for `$store` and [`JobTx`] for `$tx` over `$db`. Invoked next to
/// `impl_store!` (it needs the store's pool, `begin_write()`, `SKIP_LOCKED` and `BACKEND`).
macro_rules! impl_jobs {
    ($store:ty, $tx:ident, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::JobStore for $store {
            #[tracing::instrument(skip(self))]
            async fn claim_jobs(
                &self,
                now: chrono::DateTime<chrono::Utc>,
                lease_until: chrono::DateTime<chrono::Utc>,
                worker: &str,
                limit: i64,
            ) -> Result<Vec<$crate::store::ClaimedJob>, $crate::store::StoreError> {
                let mut tx = self.begin_write().await?;
                let rows: Vec<(i64, String, String, chrono::DateTime<chrono::Utc>, Option<String>, i32)> =
                    sqlx::query_as(&format!(
                        "UPDATE jobs SET leased_until = $3, leased_by = $4, attempts = attempts + 1
                         WHERE id IN ({}{})
                         RETURNING id, kind, payload, run_at, dedupe_key, attempts",
                        $crate::store::jobs::due_jobs_sql!(),
                        Self::SKIP_LOCKED
                    ))
                    .bind(now)
                    .bind(limit)
                    .bind(lease_until)
                    .bind(worker)
                    .fetch_all(&mut *tx)
                    .await?;
                tx.commit().await?;
                let mut jobs: Vec<$crate::store::ClaimedJob> = rows
                    .into_iter()
                    .map(|(id, kind, payload, run_at, dedupe_key, attempt)| $crate::store::ClaimedJob {
                        id,
                        kind,
                        payload,
                        run_at,
                        dedupe_key,
                        worker: worker.to_owned(),
                        attempt,
                    })
                    .collect();
                jobs.sort_by_key(|job| (job.run_at, job.id));
                Ok(jobs)
            }

            async fn due_job_ids(
                &self,
                now: chrono::DateTime<chrono::Utc>,
                limit: i64,
            ) -> Result<Vec<i64>, $crate::store::StoreError> {
                let ids: Vec<i64> = sqlx::query_scalar($crate::store::jobs::due_jobs_sql!())
                    .bind(now)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                Ok(ids)
            }

            async fn fail_job(
                &self,
                job: &$crate::store::ClaimedJob,
                error: &str,
                retry_at: Option<chrono::DateTime<chrono::Utc>>,
            ) -> Result<(), $crate::store::StoreError> {
                sqlx::query(
                    "UPDATE jobs SET state = CASE WHEN $2 IS NULL THEN 'failed' ELSE 'pending' END,
                            run_at = COALESCE($2, run_at), last_error = $3, leased_until = NULL, leased_by = NULL
                     WHERE id = $1 AND leased_by = $4 AND attempts = $5",
                )
                .bind(job.id)
                .bind(retry_at)
                .bind(error)
                .bind(&job.worker)
                .bind(job.attempt)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn jobs_of_kind(
                &self,
                kind_prefix: &str,
                limit: i64,
            ) -> Result<Vec<$crate::store::StoredJob>, $crate::store::StoreError> {
                let rows: Vec<(i64, String, String, chrono::DateTime<chrono::Utc>, String, i32, Option<String>)> =
                    sqlx::query_as(
                        "SELECT id, kind, payload, run_at, state, attempts, dedupe_key FROM jobs
                         WHERE substr(kind, 1, $3) = $1 ORDER BY run_at, id LIMIT $2",
                    )
                    .bind(kind_prefix)
                    .bind(limit)
                    // A prefix, not a LIKE pattern: job kinds contain `_`, a LIKE wildcard.
                    .bind(i32::try_from(kind_prefix.chars().count()).unwrap_or(i32::MAX))
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, kind, payload, run_at, state, attempts, dedupe_key)| $crate::store::StoredJob {
                        id,
                        kind,
                        payload,
                        run_at,
                        state,
                        attempts,
                        dedupe_key,
                    })
                    .collect())
            }

            async fn explain_due_jobs(
                &self,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<Vec<String>, $crate::store::StoreError> {
                use sqlx::Row as _;
                let prefix = match Self::BACKEND {
                    $crate::store::Backend::Sqlite => "EXPLAIN QUERY PLAN ",
                    $crate::store::Backend::Postgres => "EXPLAIN ",
                };
                let rows = sqlx::query(&format!("{prefix}{}", $crate::store::jobs::due_jobs_sql!()))
                    .bind(now)
                    .bind(32_i64)
                    .fetch_all(&self.pool)
                    .await?;
                // The plan text is the last column in both dialects (PostgreSQL's only one,
                // SQLite's `detail`).
                rows.iter()
                    .map(|row| row.try_get::<String, _>(row.len().saturating_sub(1)).map_err(Into::into))
                    .collect()
            }

            async fn tickets_due_by(
                &self,
                horizon: chrono::DateTime<chrono::Utc>,
            ) -> Result<Vec<$crate::domain::Ticket>, $crate::store::StoreError> {
                let rows: Vec<$crate::store::rows::TicketRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM tickets
                     WHERE status IN ('new', 'assigned', 'reopened', 'redirected')
                       AND ((first_response_at IS NULL AND first_response_due <= $1) OR resolution_due <= $1)
                     ORDER BY resolution_due, id",
                    $crate::store::rows::TICKET_COLUMNS
                ))
                .bind(horizon)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn mark_chat_blocked(
                &self,
                chat_id: i64,
                reason: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                sqlx::query(
                    "INSERT INTO blocked_chats (chat_id, reason, blocked_at) VALUES ($1, $2, $3)
                     ON CONFLICT (chat_id) DO NOTHING",
                )
                .bind(chat_id)
                .bind(reason)
                .bind(at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn is_chat_blocked(&self, chat_id: i64) -> Result<bool, $crate::store::StoreError> {
                let found: Option<i64> = sqlx::query_scalar("SELECT chat_id FROM blocked_chats WHERE chat_id = $1")
                    .bind(chat_id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(found.is_some())
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::JobTx for $tx {
            async fn enqueue(
                &mut self,
                job: &$crate::store::NewJob,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<i64>, $crate::store::StoreError> {
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO jobs (kind, payload, run_at, dedupe_key, created_at) VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
                )
                .bind(&job.kind)
                .bind(&job.payload)
                .bind(job.run_at)
                .bind(&job.dedupe_key)
                .bind(at)
                .fetch_optional(&mut *self.tx)
                .await?;
                Ok(id)
            }

            async fn enqueue_many(
                &mut self,
                jobs: &[$crate::store::NewJob],
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<u64, $crate::store::StoreError> {
                let mut added = 0;
                for chunk in jobs.chunks($crate::store::jobs::ENQUEUE_CHUNK) {
                    let mut builder = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO jobs (kind, payload, run_at, dedupe_key, created_at) ",
                    );
                    builder.push_values(chunk, |mut row, job| {
                        row.push_bind(&job.kind)
                            .push_bind(&job.payload)
                            .push_bind(job.run_at)
                            .push_bind(&job.dedupe_key)
                            .push_bind(at);
                    });
                    builder.push(" ON CONFLICT (dedupe_key) DO NOTHING");
                    added += builder.build().execute(&mut *self.tx).await?.rows_affected();
                }
                Ok(added)
            }

            async fn complete_job(&mut self, job: &$crate::store::ClaimedJob) -> Result<bool, $crate::store::StoreError> {
                let done = sqlx::query(
                    "UPDATE jobs SET state = 'done', leased_until = NULL
                     WHERE id = $1 AND state = 'pending' AND leased_by = $2 AND attempts = $3",
                )
                .bind(job.id)
                .bind(&job.worker)
                .bind(job.attempt)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn postpone_job(
                &mut self,
                job: &$crate::store::ClaimedJob,
                run_at: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::StoreError> {
                // The claim counted an attempt; a postponement is not a failure, so it is undone.
                let moved = sqlx::query(
                    "UPDATE jobs SET run_at = $4, attempts = attempts - 1, leased_until = NULL, leased_by = NULL
                     WHERE id = $1 AND state = 'pending' AND leased_by = $2 AND attempts = $3",
                )
                .bind(job.id)
                .bind(&job.worker)
                .bind(job.attempt)
                .bind(run_at)
                .execute(&mut *self.tx)
                .await?;
                Ok(moved.rows_affected() == 1)
            }

            async fn chat_blocked(&mut self, chat_id: i64) -> Result<bool, $crate::store::StoreError> {
                let found: Option<i64> = sqlx::query_scalar("SELECT chat_id FROM blocked_chats WHERE chat_id = $1")
                    .bind(chat_id)
                    .fetch_optional(&mut *self.tx)
                    .await?;
                Ok(found.is_some())
            }

            async fn unblock_chat(&mut self, chat_id: i64) -> Result<(), $crate::store::StoreError> {
                sqlx::query("DELETE FROM blocked_chats WHERE chat_id = $1").bind(chat_id).execute(&mut *self.tx).await?;
                Ok(())
            }

            async fn retire_reminders(
                &mut self,
                ticket: &$crate::domain::TicketNumber,
            ) -> Result<u64, $crate::store::StoreError> {
                // Reminder payloads start with the ticket number and a space (see
                // `reminders::ReminderJob`); a prefix compare, not LIKE, as in `jobs_of_kind`.
                let prefix = format!("{ticket} ");
                let retired = sqlx::query(
                    "UPDATE jobs SET state = 'done', leased_until = NULL, leased_by = NULL
                     WHERE state = 'pending' AND substr(kind, 1, 9) = 'reminder.' AND substr(payload, 1, $2) = $1",
                )
                .bind(&prefix)
                .bind(i32::try_from(prefix.chars().count()).unwrap_or(i32::MAX))
                .execute(&mut *self.tx)
                .await?;
                Ok(retired.rows_affected())
            }

            async fn record_system_event_once(
                &mut self,
                ticket_id: i64,
                action: &str,
                detail: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::StoreError> {
                // Two statements in one transaction: the job that writes it is leased to one
                // worker, so nobody else races for the same entry.
                let found: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM audit_log WHERE ticket_id = $1 AND action = $2 AND detail = $3 LIMIT 1",
                )
                .bind(ticket_id)
                .bind(action)
                .bind(detail)
                .fetch_optional(&mut *self.tx)
                .await?;
                if found.is_some() {
                    return Ok(false);
                }
                $crate::store::JobTx::record_system_event(self, ticket_id, action, detail, at).await?;
                Ok(true)
            }

            async fn record_system_event(
                &mut self,
                ticket_id: i64,
                action: &str,
                detail: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                sqlx::query(
                    "INSERT INTO audit_log (ticket_id, actor_kind, officer_id, action, detail, at)
                     VALUES ($1, 'system', NULL, $2, $3, $4)",
                )
                .bind(ticket_id)
                .bind(action)
                .bind(detail)
                .bind(at)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_jobs;
