//! Tickets as the dialogue engine shows them to a citizen.

use chrono::{DateTime, NaiveDate, Utc};
use classifier::Agency;
use dialogs::{Author, ThreadEntry, TicketRef, TicketStatus, TicketSummary, TicketView};
use tickets::calendar::BusinessCalendar;
use tickets::domain::{AgencyCode, AuthorKind, ThreadMessage, Ticket, TicketStatus as Status};

/// The local date of an instant, in the calendar's timezone.
pub fn local_date(calendar: &BusinessCalendar, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&calendar.timezone()).date_naive()
}

/// The taxonomy label of an agency; a local body shows as the function it belongs to.
pub fn agency_label(code: &AgencyCode, parent: Option<&AgencyCode>) -> Agency {
    code.taxonomy_label().or_else(|| parent.and_then(AgencyCode::taxonomy_label)).unwrap_or(Agency::Triage)
}

fn status(status: Status) -> TicketStatus {
    match status {
        Status::New => TicketStatus::New,
        Status::Assigned => TicketStatus::Assigned,
        Status::Answered => TicketStatus::Answered,
        Status::Closed => TicketStatus::Closed,
        Status::Reopened => TicketStatus::Reopened,
        Status::Redirected => TicketStatus::Redirected,
        Status::Withdrawn => TicketStatus::Withdrawn,
    }
}

/// A ticket in a citizen's list.
pub fn summary(
    calendar: &BusinessCalendar,
    ticket: &Ticket,
    agency: Agency,
    now: DateTime<Utc>,
) -> Option<TicketSummary> {
    let number = TicketRef::parse(&ticket.number.to_string()).ok()?;
    let open = ticket.status.is_open();
    let due = ticket.deadlines.resolution;
    let days_left = open.then(|| {
        if due >= now {
            calendar.working_days_between(now, due).floor() as i64
        } else {
            -(calendar.working_days_between(due, now).ceil() as i64)
        }
    });
    Some(TicketSummary {
        number,
        kind: ticket.kind,
        agency,
        status: status(ticket.status),
        due_date: open.then(|| local_date(calendar, due)),
        days_left,
    })
}

/// A ticket with its thread, as the citizen sees it.
pub fn view(calendar: &BusinessCalendar, summary: TicketSummary, thread: &[ThreadMessage]) -> TicketView {
    let thread = thread
        .iter()
        .map(|message| ThreadEntry {
            author: match message.author {
                AuthorKind::Citizen => Author::Citizen,
                AuthorKind::Agency => Author::Agency,
                AuthorKind::System => Author::System,
            },
            date: local_date(calendar, message.at),
            text: message.text.clone().unwrap_or_else(|| "📎".to_owned()),
        })
        .collect();
    TicketView { summary, thread }
}
