//! Runs due reminder and digest jobs: claims them with a lease, decides each from the ticket as
//! it is now, and commits the messages it produces together with the job's completion, so a
//! reminder is queued exactly once however many processes run this and however often they
//! crash. What the messages say is the [`Notifier`]'s business (the binary renders the catalogs).

use chrono::{DateTime, Duration, Utc};

use super::decide::{Decision, Recipients, decide, recipients};
use super::digest::{DIGEST_KIND, DigestLine, digest_for, digest_horizon, next_digest};
use super::kinds::{ReminderJob, ReminderKind};
use super::quiet::quiet_until;
use crate::calendar::BusinessCalendar;
use crate::domain::{ChatLang, Officer, Ticket};
use crate::queues::NewOutboxItem;
use crate::store::{ClaimedJob, Store, StoreError, Tx};

/// Turns reminders into outbox messages.
pub trait Notifier: Send + Sync {
    /// A reminder of `kind` about `ticket` for `officer`, received as `as_whom`.
    fn reminder(
        &self,
        officer: &Officer,
        lang: ChatLang,
        ticket: &Ticket,
        kind: ReminderKind,
        as_whom: Recipients,
        now: DateTime<Utc>,
    ) -> NewOutboxItem;

    /// `officer`'s digest (never empty).
    fn digest(&self, officer: &Officer, lang: ChatLang, lines: &[DigestLine], now: DateTime<Utc>) -> NewOutboxItem;
}

/// How a run went.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunReport {
    /// Jobs claimed.
    pub claimed: usize,
    /// Messages queued.
    pub queued: usize,
    /// Jobs put back until quiet hours end.
    pub postponed: usize,
    /// Jobs whose lease another worker had taken by the time they finished (nothing committed).
    pub lost: usize,
    /// Jobs that failed and will be retried.
    pub failed: usize,
}

/// Who runs jobs and for how long a claim holds.
#[derive(Debug, Clone)]
pub struct RunnerLease {
    pub worker: String,
    pub lease: Duration,
    pub batch: i64,
}

/// Failed jobs are retried this many times, then given up (and logged).
const MAX_ATTEMPTS: i32 = 10;

/// Enqueues the next digest unless it already is (its dedupe key is its date).
pub async fn ensure_digest(
    store: &dyn Store,
    calendar: &BusinessCalendar,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut tx = store.begin().await?;
    tx.enqueue(&next_digest(now, calendar), now).await?;
    tx.commit().await
}

/// Claims and runs the jobs due at `now`, one batch.
pub async fn run_due(
    store: &dyn Store,
    calendar: &BusinessCalendar,
    notifier: &dyn Notifier,
    lease: &RunnerLease,
    now: DateTime<Utc>,
) -> Result<RunReport, StoreError> {
    let jobs = claim_due(store, lease, now).await?;
    run_claimed(store, calendar, notifier, jobs, now).await
}

/// Leases the jobs due at `now`, one batch (the first half of [`run_due`]).
pub async fn claim_due(
    store: &dyn Store,
    lease: &RunnerLease,
    now: DateTime<Utc>,
) -> Result<Vec<ClaimedJob>, StoreError> {
    store.claim_jobs(now, now + lease.lease, &lease.worker, lease.batch).await
}

/// Runs jobs claimed by [`claim_due`] (the second half of [`run_due`]).
pub async fn run_claimed(
    store: &dyn Store,
    calendar: &BusinessCalendar,
    notifier: &dyn Notifier,
    jobs: Vec<ClaimedJob>,
    now: DateTime<Utc>,
) -> Result<RunReport, StoreError> {
    let mut report = RunReport { claimed: jobs.len(), ..RunReport::default() };
    for job in jobs {
        match run_one(store, calendar, notifier, &job, now).await {
            Ok(Ran::Done(queued)) => report.queued += queued,
            Ok(Ran::Postponed) => report.postponed += 1,
            Ok(Ran::Lost) => report.lost += 1,
            Err(error) => {
                report.failed += 1;
                let retry = (job.attempt < MAX_ATTEMPTS)
                    .then(|| now + Duration::seconds(30_i64.saturating_mul(1 << job.attempt.clamp(0, 10))));
                tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempt, %error, "job failed");
                store.fail_job(&job, &error.to_string(), retry).await?;
            }
        }
    }
    Ok(report)
}

enum Ran {
    Done(usize),
    Postponed,
    Lost,
}

async fn run_one(
    store: &dyn Store,
    calendar: &BusinessCalendar,
    notifier: &dyn Notifier,
    job: &ClaimedJob,
    now: DateTime<Utc>,
) -> Result<Ran, StoreError> {
    let mut tx = store.begin().await?;
    let mut queued = 0;
    if job.kind == DIGEST_KIND {
        if let Some(morning) = quiet_until(calendar.timezone(), now) {
            return postpone(tx, job, morning).await;
        }
        // A digest that comes up late (after a downtime) is sent once, now; the next one is the
        // next working day's, however many were missed.
        if calendar.is_working_day(now.with_timezone(&calendar.timezone()).date_naive()) {
            let tickets = store.tickets_due_by(digest_horizon(now, calendar)).await?;
            for bound in store.bound_officers(None).await? {
                let lines = digest_for(&bound.officer, &tickets, now, digest_horizon(now, calendar));
                if !lines.is_empty() {
                    queued += push(tx.as_mut(), notifier.digest(&bound.officer, bound.lang, &lines, now), now).await?;
                }
            }
        }
        tx.enqueue(&next_digest(now, calendar), now).await?;
    } else if let Some(reminder) = ReminderJob::parse(&job.kind, &job.payload) {
        let ticket = tx.ticket(&reminder.ticket).await?;
        match decide(&reminder, ticket.as_ref(), now, calendar) {
            Decision::Skip(why) => tracing::debug!(job = job.id, why, "reminder not needed"),
            Decision::Postpone(at) => return postpone(tx, job, at).await,
            Decision::Moved(next) => {
                if let Some(next) = next {
                    tx.enqueue(&next, now).await?;
                }
            }
            Decision::Send => {
                let Some(ticket) = ticket else { return Ok(Ran::Lost) };
                let bound = store.bound_officers(Some(&ticket.agency)).await?;
                let officers: Vec<Officer> = bound.iter().map(|b| b.officer.clone()).collect();
                let (as_whom, to) = recipients(reminder.kind, &ticket, &officers);
                for officer in to {
                    let lang = bound.iter().find(|b| b.officer.id == officer.id).map_or(ChatLang::Ru, |b| b.lang);
                    let item = notifier.reminder(officer, lang, &ticket, reminder.kind, as_whom, now);
                    queued += push(tx.as_mut(), item, now).await?;
                }
                if let ReminderKind::Overdue(term) = reminder.kind {
                    tx.record_system_event(ticket.id, "overdue", &format!("term={}", term.code()), now).await?;
                }
            }
        }
    } else {
        tracing::warn!(job = job.id, kind = %job.kind, "unknown job kind; marked done");
    }
    if tx.complete_job(job).await? {
        tx.commit().await?;
        Ok(Ran::Done(queued))
    } else {
        // Another worker took the job over after our lease ran out: it sends, we do not.
        Ok(Ran::Lost)
    }
}

async fn postpone(mut tx: Box<dyn Tx>, job: &ClaimedJob, at: DateTime<Utc>) -> Result<Ran, StoreError> {
    if tx.postpone_job(job, at).await? {
        tx.commit().await?;
        Ok(Ran::Postponed)
    } else {
        Ok(Ran::Lost)
    }
}

/// Queues `item` unless its chat blocked the bot; returns how many were queued.
async fn push(tx: &mut dyn Tx, item: NewOutboxItem, now: DateTime<Utc>) -> Result<usize, StoreError> {
    if tx.chat_blocked(item.chat_id).await? {
        return Ok(0);
    }
    tx.outbox_push(&item, now).await?;
    Ok(1)
}
