//! What a reminder job does when its time comes, decided from the ticket as it is now.

use chrono::{DateTime, Utc};

use super::kinds::{ReminderJob, ReminderKind};
use super::plan::planned_job;
use super::quiet::quiet_until;
use crate::calendar::BusinessCalendar;
use crate::domain::{Officer, Role, Ticket};
use crate::store::NewJob;

/// The outcome of a reminder job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Nothing to send (the ticket was answered, closed or erased; or a "due soon" reminder
    /// came up after the deadline, which its escalation covers). The job is done.
    Skip(&'static str),
    /// Quiet hours: run again at this instant.
    Postpone(DateTime<Utc>),
    /// An extension moved the deadline: this job is done, the new one replaces it (or nothing,
    /// when the new deadline needs no reminder).
    Moved(Option<NewJob>),
    /// Send the reminder to the [`recipients`]. The job is done.
    Send,
}

/// Who receives a reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipients {
    /// The officer who took the ticket.
    Assignee,
    /// Every active officer of the ticket's agency (nobody took it yet).
    AgencyOfficers,
    /// The agency's heads (an escalation).
    Heads,
}

/// Decides what `job` does at `now`, given its ticket (`None`: the ticket is gone).
pub fn decide(job: &ReminderJob, ticket: Option<&Ticket>, now: DateTime<Utc>, calendar: &BusinessCalendar) -> Decision {
    let Some(ticket) = ticket else {
        return Decision::Skip("ticket not found");
    };
    let term = job.kind.term();
    if !term.owed(ticket) {
        return Decision::Skip("deadline met");
    }
    let deadline = term.deadline(ticket);
    if deadline != job.deadline {
        return Decision::Moved(planned_job(job.kind, ticket, calendar));
    }
    if let Some(morning) = quiet_until(calendar.timezone(), now) {
        return Decision::Postpone(morning);
    }
    match job.kind {
        ReminderKind::DueSoon(_) if now > deadline => Decision::Skip("deadline passed before the reminder"),
        ReminderKind::Overdue(_) if now <= deadline => Decision::Postpone(deadline + chrono::Duration::seconds(1)),
        _ => Decision::Send,
    }
}

/// The active officers of the ticket's agency who receive a reminder of `kind`, and as whom: a
/// "due soon" goes to the assignee (or every officer while nobody took the ticket); an overdue
/// escalation to the heads (or, with no head, as a "due soon" would).
pub fn recipients<'a>(kind: ReminderKind, ticket: &Ticket, officers: &'a [Officer]) -> (Recipients, Vec<&'a Officer>) {
    let active = || officers.iter().filter(|o| o.active && o.agency == ticket.agency);
    if matches!(kind, ReminderKind::Overdue(_)) {
        let heads: Vec<&Officer> = active().filter(|o| o.role == Role::Head).collect();
        if !heads.is_empty() {
            return (Recipients::Heads, heads);
        }
    }
    let assignee: Vec<&Officer> = active().filter(|o| Some(o.id) == ticket.assignee_id).collect();
    if assignee.is_empty() {
        (Recipients::AgencyOfficers, active().collect())
    } else {
        (Recipients::Assignee, assignee)
    }
}
