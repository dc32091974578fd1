//! Ratings of a ticket's handling or of a public service.

use chrono::{DateTime, Utc};

use super::agency_code::AgencyCode;
use super::ticket_number::TicketNumber;

/// A score from 1 (very bad) to 5 (very good).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(u8);

/// A score outside 1–5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a score is from 1 to 5, not {0}")]
pub struct InvalidScore(pub i64);

impl Score {
    /// The score as a number from 1 to 5.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Score {
    type Error = InvalidScore;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        match u8::try_from(value) {
            Ok(score @ 1..=5) => Ok(Self(score)),
            _ => Err(InvalidScore(value)),
        }
    }
}

/// What is rated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RatingTarget {
    /// How a ticket was handled.
    Ticket(TicketNumber),
    /// A service received from an agency (e.g. a public service centre), optionally a named one.
    Service { agency: AgencyCode, service: Option<String> },
}

/// A rating to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRating {
    pub target: RatingTarget,
    pub score: Score,
    pub comment: Option<String>,
    /// Who rated; `None` for anonymous ratings.
    pub citizen_id: Option<i64>,
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_to_five_are_scores() {
        for ok in 1..=5 {
            assert_eq!(Score::try_from(ok).map(Score::get), Ok(ok as u8));
        }
        for bad in [0, 6, -1, 256, i64::MAX] {
            assert_eq!(Score::try_from(bad), Err(InvalidScore(bad)));
        }
    }
}
