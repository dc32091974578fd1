//! What a reminder job is about: which deadline, and whether it is coming or missed. Stored as
//! the job's kind (`reminder.due_soon.resolution`) and payload (`KR-2026-000001 1773338399`: the
//! ticket and the deadline, in Unix seconds, that the job was planned for).

use chrono::{DateTime, Utc};

use crate::domain::{Ticket, TicketNumber};

/// A ticket's deadline that officers are reminded of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Term {
    FirstResponse,
    Resolution,
}

impl Term {
    /// Both terms.
    pub const ALL: [Term; 2] = [Term::FirstResponse, Term::Resolution];

    /// The stable code in job kinds.
    pub const fn code(self) -> &'static str {
        match self {
            Term::FirstResponse => "first_response",
            Term::Resolution => "resolution",
        }
    }

    /// The ticket's current deadline for this term (extensions included).
    pub fn deadline(self, ticket: &Ticket) -> DateTime<Utc> {
        match self {
            Term::FirstResponse => ticket.deadlines.first_response,
            Term::Resolution => ticket.deadlines.resolution,
        }
    }

    /// Whether the agency still owes this term: the ticket is open and, for the first response,
    /// none was given yet.
    pub fn owed(self, ticket: &Ticket) -> bool {
        ticket.status.is_open() && (self == Term::Resolution || ticket.first_response_at.is_none())
    }
}

/// Coming (one working day before) or missed (to the head).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReminderKind {
    DueSoon(Term),
    Overdue(Term),
}

impl ReminderKind {
    /// Every kind, in planning order.
    pub const ALL: [ReminderKind; 4] = [
        ReminderKind::DueSoon(Term::FirstResponse),
        ReminderKind::Overdue(Term::FirstResponse),
        ReminderKind::DueSoon(Term::Resolution),
        ReminderKind::Overdue(Term::Resolution),
    ];

    /// The job kind.
    pub fn code(self) -> String {
        match self {
            ReminderKind::DueSoon(term) => format!("reminder.due_soon.{}", term.code()),
            ReminderKind::Overdue(term) => format!("reminder.overdue.{}", term.code()),
        }
    }

    /// The reminder kind of a job kind, `None` for other jobs.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// The deadline it is about.
    pub const fn term(self) -> Term {
        match self {
            ReminderKind::DueSoon(term) | ReminderKind::Overdue(term) => term,
        }
    }
}

/// A reminder job's kind and payload, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderJob {
    pub kind: ReminderKind,
    pub ticket: TicketNumber,
    /// The deadline the job was planned for; when the ticket's differs, an extension moved it.
    pub deadline: DateTime<Utc>,
}

impl ReminderJob {
    /// Reads a stored job; `None` when it is not a (well-formed) reminder.
    pub fn parse(kind: &str, payload: &str) -> Option<Self> {
        let kind = ReminderKind::parse(kind)?;
        let (number, deadline) = payload.split_once(' ')?;
        let ticket = number.parse().ok()?;
        let deadline = DateTime::from_timestamp(deadline.parse().ok()?, 0)?;
        Some(Self { kind, ticket, deadline })
    }

    /// The stored payload.
    pub fn payload(&self) -> String {
        format!("{} {}", self.ticket, self.deadline.timestamp())
    }

    /// The dedupe key: one job per reminder kind, ticket and deadline.
    pub fn dedupe_key(&self) -> String {
        format!("{}:{}:{}", self.kind.code(), self.ticket, self.deadline.timestamp())
    }
}
