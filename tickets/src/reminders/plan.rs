//! When each reminder of a ticket is due: one working day before a deadline (at 10:00 local), and
//! just after it is missed (waiting for 08:00 of a working day). A reopened ticket is planned
//! again for the deadlines it still has.

use chrono::{DateTime, Days, Duration, Utc};

use super::kinds::{ReminderJob, ReminderKind};
use super::quiet::{at_local, working_hours_from};
use crate::calendar::BusinessCalendar;
use crate::domain::Ticket;
use crate::store::NewJob;

/// The local hour of a "due tomorrow" reminder: an hour after the digest, so they do not arrive
/// together.
pub const DUE_SOON_HOUR: u32 = 10;

/// The jobs to enqueue for a ticket: for each deadline still owed, the reminder the working day
/// before it (unless that moment passed before the ticket was opened: the officer has just
/// received it) and the escalation once it is missed.
pub fn plan(ticket: &Ticket, calendar: &BusinessCalendar) -> Vec<NewJob> {
    ReminderKind::ALL.into_iter().filter_map(|kind| planned_job(kind, ticket, calendar)).collect()
}

/// The job of one reminder kind for `ticket`'s current deadline, if it is due at all.
pub fn planned_job(kind: ReminderKind, ticket: &Ticket, calendar: &BusinessCalendar) -> Option<NewJob> {
    let term = kind.term();
    if !term.owed(ticket) {
        return None;
    }
    let deadline = term.deadline(ticket);
    let run_at = run_at(kind, deadline, calendar)?;
    if matches!(kind, ReminderKind::DueSoon(_)) && run_at <= ticket.created_at {
        return None;
    }
    let job = ReminderJob { kind, ticket: ticket.number.clone(), deadline };
    Some(NewJob { kind: kind.code(), payload: job.payload(), run_at, dedupe_key: Some(job.dedupe_key()) })
}

/// The jobs for a ticket just reopened at `now` ("not resolved", a brush-off). Reopening keeps the
/// deadlines (the legal term runs from receipt, and the statistics judge "on time" by it), so
/// the reminders are those deadlines' again, under new dedupe keys (the first ones are done):
/// - a deadline still ahead: its "due soon" (at once, in working hours, when that moment has
///   passed: the reopen escalation went to the heads, the officers may not know) and its
///   escalation, as at opening;
/// - a deadline already missed: the reopen itself escalated to the heads now, so the overdue
///   escalation follows at 10:00 the next working day, if nobody answered by then.
///
/// The caller retires the ticket's pending reminders first, in the same transaction, so that a
/// first-plan job still pending does not go out twice.
pub fn replan_reopened(ticket: &Ticket, calendar: &BusinessCalendar, now: DateTime<Utc>) -> Vec<NewJob> {
    // Microseconds: two reopens of one ticket never share an instant (an answer comes between).
    let generation = format!(":reopen:{}", now.timestamp_micros());
    ReminderKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let term = kind.term();
            if !term.owed(ticket) {
                return None;
            }
            let deadline = term.deadline(ticket);
            let run_at = match kind {
                ReminderKind::DueSoon(_) if deadline <= now => return None,
                ReminderKind::DueSoon(_) => run_at(kind, deadline, calendar)?.max(now),
                ReminderKind::Overdue(_) if deadline < now => next_working_day_at(now, calendar)?,
                ReminderKind::Overdue(_) => run_at(kind, deadline, calendar)?,
            };
            let job = ReminderJob { kind, ticket: ticket.number.clone(), deadline };
            Some(NewJob {
                kind: kind.code(),
                payload: job.payload(),
                run_at,
                dedupe_key: Some(format!("{}{generation}", job.dedupe_key())),
            })
        })
        .collect()
}

/// 10:00 local of the first working day after `now`'s day.
fn next_working_day_at(now: DateTime<Utc>, calendar: &BusinessCalendar) -> Option<DateTime<Utc>> {
    let tz = calendar.timezone();
    let mut day = now.with_timezone(&tz).date_naive();
    for _ in 0..366 {
        day = day.checked_add_days(Days::new(1))?;
        if calendar.is_working_day(day) {
            return Some(at_local(tz, day, DUE_SOON_HOUR));
        }
    }
    None
}

/// When a reminder of `kind` for `deadline` goes out.
fn run_at(kind: ReminderKind, deadline: DateTime<Utc>, calendar: &BusinessCalendar) -> Option<DateTime<Utc>> {
    let tz = calendar.timezone();
    match kind {
        ReminderKind::DueSoon(_) => {
            let deadline_day = deadline.with_timezone(&tz).date_naive();
            // The working day before the deadline's day; a year without any is a broken
            // calendar, and then there is no reminder rather than a loop without end.
            let mut day = deadline_day;
            for _ in 0..366 {
                day = day.checked_sub_days(Days::new(1))?;
                if calendar.is_working_day(day) {
                    return Some(at_local(tz, day, DUE_SOON_HOUR));
                }
            }
            None
        }
        ReminderKind::Overdue(_) => {
            let missed = deadline.checked_add_signed(Duration::seconds(1))?;
            Some(working_hours_from(calendar, missed).unwrap_or(missed))
        }
    }
}
