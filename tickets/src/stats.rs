//! Response-time statistics. The definitions here are the ones monitors read: a ticket is
//! "answered on time" when its answer came no later than its resolution deadline, which a lawful
//! extension moves; "overdue now" is an open ticket past that deadline.

use chrono::{DateTime, Utc};

use crate::domain::AgencyCode;

/// Which tickets to count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatsFilter {
    /// Opened at or after.
    pub from: Option<DateTime<Utc>>,
    /// Opened before.
    pub to: Option<DateTime<Utc>>,
    /// Count tickets made by `kairyluu seed` and benchmarks too.
    pub include_synthetic: bool,
}

/// One agency's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyResponseStats {
    pub agency: AgencyCode,
    /// Tickets opened.
    pub received: i64,
    /// Tickets that got an answer.
    pub answered: i64,
    /// Of those, answered by the (possibly extended) resolution deadline.
    pub answered_on_time: i64,
    /// Tickets the agency still owes an answer.
    pub open: i64,
    /// Open tickets past their resolution deadline at the time of the query.
    pub overdue_now: i64,
    /// Mean hours from opening to the first response, over answered tickets.
    pub mean_hours_to_first_response: Option<f64>,
}

impl AgencyResponseStats {
    /// Share of answered tickets answered on time, if any were answered.
    pub fn on_time_share(&self) -> Option<f64> {
        (self.answered > 0).then(|| self.answered_on_time as f64 / self.answered as f64)
    }
}
