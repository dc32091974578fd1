//! The daily digest: at 09:00 on each working day, every officer with something due by the end
//! of the next working day, or overdue, gets one message listing it. One self-renewing job runs
//! it: after a downtime it runs once, then schedules the next working day.

use chrono::{DateTime, Days, Utc};

use super::kinds::Term;
use super::quiet::at_local;
use crate::calendar::{BusinessCalendar, Span};
use crate::domain::{Officer, Role, Ticket, TicketNumber};
use crate::store::NewJob;

/// The digest job's kind.
pub const DIGEST_KIND: &str = "digest";
/// The local hour of the digest.
pub const DIGEST_HOUR: u32 = 9;

/// The first digest time (09:00 local of a working day) strictly after `after`.
pub fn next_digest_at(after: DateTime<Utc>, calendar: &BusinessCalendar) -> DateTime<Utc> {
    let tz = calendar.timezone();
    let mut day = after.with_timezone(&tz).date_naive();
    for _ in 0..366 {
        let at = at_local(tz, day, DIGEST_HOUR);
        if at > after && calendar.is_working_day(day) {
            return at;
        }
        match day.checked_add_days(Days::new(1)) {
            Some(next) => day = next,
            None => break,
        }
    }
    // A calendar without a working day in a year: one digest a day anyway.
    after + chrono::Duration::days(1)
}

/// The digest job after `after`, keyed by its local date so two processes enqueue it once.
pub fn next_digest(after: DateTime<Utc>, calendar: &BusinessCalendar) -> NewJob {
    let run_at = next_digest_at(after, calendar);
    let date = run_at.with_timezone(&calendar.timezone()).date_naive();
    NewJob { kind: DIGEST_KIND.into(), payload: String::new(), run_at, dedupe_key: Some(format!("digest:{date}")) }
}

/// How far ahead a digest looks: the end of the next working day.
pub fn digest_horizon(now: DateTime<Utc>, calendar: &BusinessCalendar) -> DateTime<Utc> {
    calendar.due(now, Span::working(1))
}

/// One deadline in a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestLine {
    pub ticket: TicketNumber,
    pub term: Term,
    pub deadline: DateTime<Utc>,
    pub overdue: bool,
}

/// The lines of `officer`'s digest among `tickets`, earliest deadline first: the tickets of the
/// officer's agency that are theirs or not taken yet (all of them for a head), with a deadline
/// owed by `horizon`.
pub fn digest_for(
    officer: &Officer,
    tickets: &[Ticket],
    now: DateTime<Utc>,
    horizon: DateTime<Utc>,
) -> Vec<DigestLine> {
    if !officer.active {
        return Vec::new();
    }
    let mut lines: Vec<DigestLine> = tickets
        .iter()
        .filter(|t| t.agency == officer.agency)
        .filter(|t| officer.role == Role::Head || t.assignee_id.is_none() || t.assignee_id == Some(officer.id))
        .flat_map(|t| {
            Term::ALL.into_iter().filter(|term| term.owed(t)).filter_map(move |term| {
                let deadline = term.deadline(t);
                (deadline <= horizon).then(|| DigestLine {
                    ticket: t.number.clone(),
                    term,
                    deadline,
                    overdue: deadline < now,
                })
            })
        })
        .collect();
    lines.sort_by_key(|line| (line.deadline, line.ticket.to_string()));
    lines
}
