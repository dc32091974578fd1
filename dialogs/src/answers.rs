//! What the adapter tells the engine after doing an effect: tickets it opened or listed, and
//! failures. These are inputs, like a citizen's message, and arrive as [`crate::Event`]s.

use chrono::NaiveDate;
use classifier::{Agency, Kind};
use serde::{Deserialize, Serialize};

/// A public ticket number as the adapter shows it (e.g. `KR-2026-000123`).
///
/// The engine does not own the number's rules (the ticket domain does); it only makes sure a
/// number is short and plain enough to travel inside callback data and deep links.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TicketRef(String);

/// The longest ticket reference the engine accepts; it keeps callback data under 64 bytes.
pub const MAX_TICKET_REF_LEN: usize = 24;

/// A string that cannot be a ticket reference.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a ticket reference: 1 to 24 letters, digits or hyphens")]
pub struct InvalidTicketRef;

impl TicketRef {
    /// Accepts 1 to 24 ASCII letters, digits and hyphens; lower-case letters are upper-cased so that
    /// a deep link `t_kr-2026-000123` finds `KR-2026-000123`.
    pub fn parse(raw: &str) -> Result<Self, InvalidTicketRef> {
        let ok = !raw.is_empty()
            && raw.len() <= MAX_TICKET_REF_LEN
            && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if ok { Ok(Self(raw.to_ascii_uppercase())) } else { Err(InvalidTicketRef) }
    }

    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TicketRef {
    type Error = InvalidTicketRef;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TicketRef> for String {
    fn from(value: TicketRef) -> Self {
        value.0
    }
}

impl std::fmt::Display for TicketRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a ticket is in its life, as the citizen sees it (same codes as the ticket domain).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// Registered, waiting in the agency's queue.
    New,
    /// An officer has taken it.
    Assigned,
    /// The agency answered.
    Answered,
    /// Finished.
    Closed,
    /// Reopened after an answer.
    Reopened,
    /// Passed to another agency.
    Redirected,
    /// Withdrawn by the citizen.
    Withdrawn,
}

impl TicketStatus {
    /// Every status.
    pub const ALL: [TicketStatus; 7] = [
        TicketStatus::New,
        TicketStatus::Assigned,
        TicketStatus::Answered,
        TicketStatus::Closed,
        TicketStatus::Reopened,
        TicketStatus::Redirected,
        TicketStatus::Withdrawn,
    ];

    /// Whether the citizen can still add information or withdraw it.
    pub fn is_open(self) -> bool {
        !matches!(self, TicketStatus::Closed | TicketStatus::Withdrawn)
    }
}

/// The answer to [`crate::Effect::OpenTicket`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketOpened {
    /// The new ticket's public number.
    pub number: TicketRef,
    /// The date by which the agency must answer (Asia/Bishkek).
    pub due_date: NaiveDate,
    /// The answer term in working days, as configured (e.g. 14).
    pub working_days: u32,
    /// For an anonymous report: the code with which the reporter can follow it up.
    pub receipt: Option<String>,
}

/// One line of the citizen's ticket list (the answer to [`crate::Effect::ListTickets`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketSummary {
    /// The public number.
    pub number: TicketRef,
    /// What kind of appeal it is.
    pub kind: Kind,
    /// The agency that has it now.
    pub agency: Agency,
    /// Its status.
    pub status: TicketStatus,
    /// The current answer deadline, if one runs.
    pub due_date: Option<NaiveDate>,
    /// Working days left until `due_date` (negative when overdue), as the adapter's calendar says.
    pub days_left: Option<i64>,
}

/// Who wrote a message in a ticket's thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    /// The citizen.
    Citizen,
    /// The agency.
    Agency,
    /// Kairyluu itself (deadline notices, redirects).
    System,
}

/// One message of a ticket's thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadEntry {
    /// Who wrote it.
    pub author: Author,
    /// When (Asia/Bishkek date).
    pub date: NaiveDate,
    /// The text; attachments are shown by the adapter separately.
    pub text: String,
}

/// A ticket with its thread (the answer to [`crate::Effect::ShowTicket`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketView {
    /// The ticket's line in the list.
    pub summary: TicketSummary,
    /// Its thread, oldest first.
    pub thread: Vec<ThreadEntry>,
}

/// Why the adapter could not carry out an effect. The state it was given with the effect is then
/// fed [`crate::Event::Failed`], and the engine apologises and lets the citizen retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// The ticket does not exist or is not this citizen's.
    NotFound,
    /// The ticket changed meanwhile (e.g. it was closed, so it cannot be withdrawn).
    Conflict,
    /// The citizen opened too many appeals recently (the configured rate limit).
    TooManyAppeals,
    /// Anything else; the adapter logged the cause.
    Unavailable,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_refs_are_short_and_plain() {
        assert_eq!(TicketRef::parse("kr-2026-000123").map(|t| t.to_string()), Ok("KR-2026-000123".to_owned()));
        assert!(TicketRef::parse("").is_err());
        assert!(TicketRef::parse("KR 2026").is_err());
        assert!(TicketRef::parse("KR:1").is_err());
        assert!(TicketRef::parse(&"1".repeat(25)).is_err());
    }
}
