//! When each reminder of a ticket is due: one working day before a deadline (at 10:00 local), and
//! just after it is missed (waiting out quiet hours).

use chrono::{DateTime, Days, Duration, Utc};

use super::kinds::{ReminderJob, ReminderKind};
use super::quiet::{at_local, quiet_until};
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
            Some(quiet_until(tz, missed).unwrap_or(missed))
        }
    }
}
