//! Runs due reminder and digest jobs: claims them with a lease, decides each from the ticket as
//! it is now, and commits the messages it produces together with the job's completion, so a
//! reminder is queued exactly once however many processes run this and however often they
//! crash. What the messages say is the [`Notifier`]'s business (the binary renders the catalogs).

use chrono::{DateTime, Duration, Utc};

use super::decide::{Audience, Decision, ForumTopic, Recipients, audiences, decide, group_lang};
use super::digest::{DIGEST_KIND, DigestLine, digest_for, digest_horizon, next_digest};
use super::kinds::{ReminderJob, ReminderKind};
use super::quiet::quiet_until;
use super::reopen::ReopenEscalation;
use crate::calendar::BusinessCalendar;
use crate::domain::{ChatLang, Officer, Ticket};
use crate::queues::NewOutboxItem;
use crate::store::{BoundOfficer, ClaimedJob, Store, StoreError, Tx, Verdict};

/// Turns reminders into outbox messages.
#[async_trait::async_trait]
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

    /// A reminder of `kind` about `ticket` in its forum `topic`, read in `lang`.
    fn topic_reminder(
        &self,
        topic: ForumTopic,
        lang: ChatLang,
        ticket: &Ticket,
        kind: ReminderKind,
        now: DateTime<Utc>,
    ) -> NewOutboxItem;

    /// `officer`'s digest (never empty).
    fn digest(&self, officer: &Officer, lang: ChatLang, lines: &[DigestLine], now: DateTime<Utc>) -> NewOutboxItem;

    /// Tells the agency's heads (or its desk) that the reopened `ticket` needs them, queueing
    /// in `tx` to chats that did not block the bot; returns how many chats were told (0: nobody
    /// yet, the job waits). The binary does it as the citizen's verdict does.
    async fn reopen_escalation(
        &self,
        tx: &mut dyn Tx,
        ticket: &Ticket,
        verdict: Verdict,
        now: DateTime<Utc>,
    ) -> Result<usize, StoreError>;
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

/// How often a reminder or escalation that nobody can receive is tried again.
pub const NOBODY_RETRY: Duration = Duration::hours(1);

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
                if let ReminderKind::Overdue(term) = reminder.kind {
                    // Counted once per missed deadline, whether or not anyone can be told yet.
                    let detail = format!("term={} due={}", term.code(), reminder.deadline.timestamp());
                    tx.record_system_event_once(ticket.id, "overdue", &detail, now).await?;
                }
                let bound = store.bound_officers(Some(&ticket.agency)).await?;
                let sent = send_reminder(tx.as_mut(), notifier, &reminder, &ticket, &bound, now).await?;
                if sent == 0 {
                    // Nobody at the agency can receive it (no active officer or head, or all of
                    // them blocked the bot): it waits for one, rather than being lost. The next
                    // try re-reads the ticket, so an answer in the meantime ends it.
                    return postpone(tx, job, now + NOBODY_RETRY).await;
                }
                queued += sent;
            }
        }
    } else if let Some(escalation) = ReopenEscalation::parse(&job.kind, &job.payload) {
        let ticket = tx.ticket(&escalation.ticket).await?;
        match ReopenEscalation::decide(ticket.as_ref(), now, calendar) {
            Decision::Postpone(at) => return postpone(tx, job, at).await,
            Decision::Send => {
                let Some(ticket) = ticket else { return Ok(Ran::Lost) };
                let told = notifier.reopen_escalation(tx.as_mut(), &ticket, escalation.verdict, now).await?;
                if told == 0 {
                    tracing::warn!(job = job.id, agency = %ticket.agency, "nobody to escalate a reopened ticket to; retrying");
                    return postpone(tx, job, now + NOBODY_RETRY).await;
                }
                queued += told;
            }
            Decision::Skip(why) => tracing::debug!(job = job.id, why, "reopen escalation not needed"),
            Decision::Moved(_) => {}
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

/// Queues `reminder` to the first audience (see [`audiences`]) with a chat that did not block
/// the bot; returns how many messages were queued (0: nobody can be told).
async fn send_reminder(
    tx: &mut dyn Tx,
    notifier: &dyn Notifier,
    reminder: &ReminderJob,
    ticket: &Ticket,
    bound: &[BoundOfficer],
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let officers: Vec<Officer> = bound.iter().map(|b| b.officer.clone()).collect();
    let topic = forum_topic(tx, ticket).await?;
    let choices = audiences(reminder.kind, ticket, &officers, topic);
    for (rank, audience) in choices.iter().enumerate() {
        let items = audience_items(tx, notifier, reminder, ticket, bound, audience, topic, now).await?;
        if items.is_empty() {
            continue;
        }
        if rank > 0 {
            tracing::warn!(
                agency = %ticket.agency,
                wanted = ?choices[0].as_whom,
                fallback = ?audience.as_whom,
                "the reminder's recipients blocked the bot; sent to others"
            );
        }
        for item in &items {
            tx.outbox_push(item, now).await?;
        }
        return Ok(items.len());
    }
    if choices.is_empty() {
        tracing::warn!(agency = %ticket.agency, "no active officer for a reminder; retrying");
    } else {
        tracing::warn!(agency = %ticket.agency, "every recipient of a reminder blocked the bot; retrying");
    }
    Ok(0)
}

/// The messages of `reminder` to `audience`, leaving out chats that blocked the bot.
#[allow(clippy::too_many_arguments)]
async fn audience_items(
    tx: &mut dyn Tx,
    notifier: &dyn Notifier,
    reminder: &ReminderJob,
    ticket: &Ticket,
    bound: &[BoundOfficer],
    audience: &Audience<'_>,
    topic: Option<ForumTopic>,
    now: DateTime<Utc>,
) -> Result<Vec<NewOutboxItem>, StoreError> {
    let mut items = Vec::new();
    if audience.as_whom == Recipients::Topic {
        if let Some(topic) = topic
            && !tx.chat_blocked(topic.chat_id).await?
        {
            let langs: Vec<ChatLang> = bound
                .iter()
                .filter(|b| b.officer.active && b.officer.agency == ticket.agency)
                .map(|b| b.lang)
                .collect();
            items.push(notifier.topic_reminder(topic, group_lang(&langs), ticket, reminder.kind, now));
        }
        return Ok(items);
    }
    for officer in &audience.officers {
        if tx.chat_blocked(officer.telegram_user_id).await? {
            continue;
        }
        let lang = bound.iter().find(|b| b.officer.id == officer.id).map_or(ChatLang::Ru, |b| b.lang);
        items.push(notifier.reminder(officer, lang, ticket, reminder.kind, audience.as_whom, now));
    }
    Ok(items)
}

/// The ticket's topic, when its agency works in a forum group and Telegram made the topic (until
/// then, or when the ticket's topic is in another agency's group after a redirect, reminders go
/// to private chats).
async fn forum_topic(tx: &mut dyn Tx, ticket: &Ticket) -> Result<Option<ForumTopic>, StoreError> {
    let Some(group) = tx.group_of_agency(&ticket.agency).await? else { return Ok(None) };
    Ok(match tx.topic_of_ticket(ticket.id).await? {
        Some((chat_id, Some(thread_id))) if chat_id == group => Some(ForumTopic { chat_id, thread_id }),
        _ => None,
    })
}

/// Queues `item` unless its chat blocked the bot; returns how many were queued.
async fn push(tx: &mut dyn Tx, item: NewOutboxItem, now: DateTime<Utc>) -> Result<usize, StoreError> {
    if tx.chat_blocked(item.chat_id).await? {
        return Ok(0);
    }
    tx.outbox_push(&item, now).await?;
    Ok(1)
}
