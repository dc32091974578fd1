//! The ticket lifecycle as one typed state machine. Every status change in Kairyluu goes through
//! [`TicketStatus::apply`], so an illegal move is an error value in one place, never a silent no-op.
//!
//! ```text
//!  new ──assign──▶ assigned ──answer──▶ answered ──close──▶ closed
//!   │                 │                  │   ▲                │
//!   │                 │                  │   └─answer─┐       │
//!   └──redirect──▶ redirected ◀─redirect─┘     reopened ◀─reopen┘ (and from answered)
//!  any open status ──withdraw──▶ withdrawn (by the citizen)
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Where a ticket is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// Registered, waiting in its agency's queue.
    New,
    /// An officer has taken it.
    Assigned,
    /// The agency answered; the citizen may accept, rate or reopen.
    Answered,
    /// Finished.
    Closed,
    /// The citizen (or a head) reopened it after an answer.
    Reopened,
    /// Passed to another agency's queue, history kept.
    Redirected,
    /// The citizen withdrew it.
    Withdrawn,
}

/// What someone does to a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    /// An officer takes the ticket.
    Assign,
    /// The agency sends its answer.
    Answer,
    /// The ticket is closed after an answer.
    Close,
    /// The citizen says it is not resolved (within the reopen window).
    Reopen,
    /// The ticket moves to another agency.
    Redirect,
    /// The citizen withdraws the appeal.
    Withdraw,
}

/// A transition that the lifecycle does not allow from the current status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a ticket that is {from} cannot be {}", transition.past_tense())]
pub struct IllegalTransition {
    /// The status the ticket was in.
    pub from: TicketStatus,
    /// What was attempted.
    pub transition: Transition,
}

impl TicketStatus {
    /// Every status, for exhaustive tests and statistics.
    pub const ALL: [TicketStatus; 7] =
        [Self::New, Self::Assigned, Self::Answered, Self::Closed, Self::Reopened, Self::Redirected, Self::Withdrawn];

    /// The status after `transition`, or why it is not allowed.
    pub fn apply(self, transition: Transition) -> Result<TicketStatus, IllegalTransition> {
        use TicketStatus as S;
        use Transition as T;
        let next = match (self, transition) {
            (S::New | S::Redirected | S::Reopened, T::Assign) => S::Assigned,
            (S::Assigned | S::Reopened, T::Answer) => S::Answered,
            (S::Answered, T::Close) => S::Closed,
            (S::Answered | S::Closed, T::Reopen) => S::Reopened,
            (S::New | S::Assigned | S::Redirected | S::Reopened, T::Redirect) => S::Redirected,
            (S::New | S::Assigned | S::Redirected | S::Reopened | S::Answered, T::Withdraw) => S::Withdrawn,
            (from, transition) => return Err(IllegalTransition { from, transition }),
        };
        Ok(next)
    }

    /// Whether the agency still owes the citizen something.
    pub fn is_open(self) -> bool {
        matches!(self, Self::New | Self::Assigned | Self::Reopened | Self::Redirected)
    }

    /// The stable code stored in the database.
    pub const fn code(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Assigned => "assigned",
            Self::Answered => "answered",
            Self::Closed => "closed",
            Self::Reopened => "reopened",
            Self::Redirected => "redirected",
            Self::Withdrawn => "withdrawn",
        }
    }
}

impl Transition {
    fn past_tense(self) -> &'static str {
        match self {
            Self::Assign => "assigned",
            Self::Answer => "answered",
            Self::Close => "closed",
            Self::Reopen => "reopened",
            Self::Redirect => "redirected",
            Self::Withdraw => "withdrawn",
        }
    }

    /// The stable code written to the audit log.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Assign => "assign",
            Self::Answer => "answer",
            Self::Close => "close",
            Self::Reopen => "reopen",
            Self::Redirect => "redirect",
            Self::Withdraw => "withdraw",
        }
    }
}

impl fmt::Display for TicketStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A status code that is not one of ours (e.g. a damaged row).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown ticket status `{0}`")]
pub struct UnknownStatus(pub String);

impl FromStr for TicketStatus {
    type Err = UnknownStatus;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|status| status.code() == code).ok_or_else(|| UnknownStatus(code.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::TicketStatus as S;
    use super::Transition as T;
    use super::*;

    #[test]
    fn the_happy_path_is_new_assigned_answered_closed() {
        let closed = S::New.apply(T::Assign).and_then(|s| s.apply(T::Answer)).and_then(|s| s.apply(T::Close));
        assert_eq!(closed, Ok(S::Closed));
    }

    #[test]
    fn a_closed_or_answered_ticket_can_be_reopened_and_answered_again() {
        assert_eq!(S::Closed.apply(T::Reopen), Ok(S::Reopened));
        assert_eq!(S::Answered.apply(T::Reopen), Ok(S::Reopened));
        assert_eq!(S::Reopened.apply(T::Answer), Ok(S::Answered));
    }

    #[test]
    fn illegal_moves_are_errors_not_no_ops() {
        let err = S::New.apply(T::Close).unwrap_err();
        assert_eq!(err, IllegalTransition { from: S::New, transition: T::Close });
        assert_eq!(err.to_string(), "a ticket that is new cannot be closed");
        assert!(S::Withdrawn.apply(T::Reopen).is_err());
        assert!(S::Closed.apply(T::Withdraw).is_err());
        assert!(S::Answered.apply(T::Redirect).is_err());
        assert!(S::Assigned.apply(T::Assign).is_err());
    }

    #[test]
    fn the_transition_table_is_exactly_this() {
        let allowed: Vec<(S, T)> = S::ALL
            .into_iter()
            .flat_map(|s| {
                [T::Assign, T::Answer, T::Close, T::Reopen, T::Redirect, T::Withdraw]
                    .into_iter()
                    .filter(move |t| s.apply(*t).is_ok())
                    .map(move |t| (s, t))
            })
            .collect();
        let expected = vec![
            (S::New, T::Assign),
            (S::New, T::Redirect),
            (S::New, T::Withdraw),
            (S::Assigned, T::Answer),
            (S::Assigned, T::Redirect),
            (S::Assigned, T::Withdraw),
            (S::Answered, T::Close),
            (S::Answered, T::Reopen),
            (S::Answered, T::Withdraw),
            (S::Closed, T::Reopen),
            (S::Reopened, T::Assign),
            (S::Reopened, T::Answer),
            (S::Reopened, T::Redirect),
            (S::Reopened, T::Withdraw),
            (S::Redirected, T::Assign),
            (S::Redirected, T::Redirect),
            (S::Redirected, T::Withdraw),
        ];
        assert_eq!(allowed, expected);
    }

    #[test]
    fn withdrawn_is_terminal() {
        for t in [T::Assign, T::Answer, T::Close, T::Reopen, T::Redirect, T::Withdraw] {
            assert!(S::Withdrawn.apply(t).is_err());
        }
    }

    #[test]
    fn codes_round_trip() {
        for status in S::ALL {
            assert_eq!(status.code().parse::<S>(), Ok(status));
        }
    }
}
