//! Every statistical definition, in one place (`docs/statistics.md` explains them to monitors).
//!
//! A ticket becomes one [`TicketFacts`] row by [`TicketFacts::of`]; every figure is a count, a
//! share or a percentile over those rows. Nothing else in Kairyluu decides what "answered",
//! "on time" or "a working day" mean for statistics.
//!
//! - **Received**: the ticket was opened (counted in the month it was opened, Asia/Bishkek).
//! - **First response**: the first time the agency wrote to the citizen about the ticket
//!   (`first_response_at`); **answered**: the agency sent an answer at least once.
//! - **Time to first response / to resolution**: from opening to the first response / to the
//!   latest answer of a ticket that is answered or closed; in whole hours (rounded down), and in
//!   working days of the business calendar in tenths (rounded down): only the time that falls on
//!   working days counts, a whole working day is 1.0, weekends and holidays add nothing.
//! - **On time**: an answered or closed ticket whose latest answer came no later than its
//!   resolution deadline; a lawful extension moves that deadline, so an extended ticket answered
//!   within the extension is on time. **Overdue now**: an open ticket past that deadline.
//!   The on-time share is on time / (answered or closed + overdue now).
//! - **Reopened**: reopened at least once; the rate is over answered tickets.
//! - **Rating**: the latest score the citizen gave the ticket.
//! - **Redirects**: how many times the ticket was passed between agencies; a **runaround** is a
//!   ticket passed on more than once.
//! - **Brush-off**: the citizen flagged the answer as not addressing the appeal.
//! - Corruption reports count everywhere, but only their agency, implicated body, month and
//!   outcome are kept: place, language and the reporter's profile are [`WITHHELD`].

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use classifier::{Kind, Lang};

use crate::calendar::BusinessCalendar;
use crate::domain::{AgeBand, AgencyCode, Disability, Gender, TicketNumber, TicketStatus};

/// The smallest number of tickets a published figure may be built from (configurable per
/// [`Suppression`](super::Suppression)).
pub const DEFAULT_MIN_CELL: u32 = 5;

/// The stored marker of a value that is withheld (a corruption report's place, language and
/// profile). It cannot collide with a real code: codes are lowercase words.
pub const WITHHELD: &str = "#withheld";

/// A ticket as statistics read it from the store, before any definition is applied.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketSource {
    pub id: i64,
    pub number: TicketNumber,
    pub kind: Kind,
    pub agency: AgencyCode,
    pub implicated: Option<AgencyCode>,
    pub lang: Lang,
    pub region: Option<String>,
    pub district: Option<String>,
    pub status: TicketStatus,
    pub synthetic: bool,
    pub created_at: DateTime<Utc>,
    /// The resolution deadline, extended if the ticket was extended.
    pub resolution_due: DateTime<Utc>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub answered_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub redirect_count: u32,
    pub brushoff_count: u32,
    /// How many times the ticket was reopened (from the audit log).
    pub reopen_count: u32,
    /// The latest rating of the ticket.
    pub rating: Option<u8>,
    /// The citizen's voluntary profile; `None` for anonymous tickets and unanswered questions.
    pub gender: Option<Gender>,
    pub age_band: Option<AgeBand>,
    pub disability: Option<Disability>,
}

/// Where a ticket stands, for statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The agency still owes an answer (new, assigned, redirected or reopened).
    Open,
    /// Answered, not closed yet.
    Answered,
    /// Closed after an answer.
    Closed,
    /// Withdrawn by the citizen: received, never judged.
    Withdrawn,
}

impl Outcome {
    /// The outcome of a ticket in `status`.
    pub fn of(status: TicketStatus) -> Self {
        match status {
            TicketStatus::New | TicketStatus::Assigned | TicketStatus::Redirected | TicketStatus::Reopened => {
                Outcome::Open
            }
            TicketStatus::Answered => Outcome::Answered,
            TicketStatus::Closed => Outcome::Closed,
            TicketStatus::Withdrawn => Outcome::Withdrawn,
        }
    }

    /// The stored code.
    pub const fn code(self) -> &'static str {
        match self {
            Outcome::Open => "open",
            Outcome::Answered => "answered",
            Outcome::Closed => "closed",
            Outcome::Withdrawn => "withdrawn",
        }
    }
}

/// A duration measured both ways statistics publish it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed {
    /// Whole hours, rounded down.
    pub hours: i64,
    /// Working days in tenths, rounded down (35 = 3.5 working days).
    pub working_tenths: i64,
}

impl Elapsed {
    /// From `from` to `to` under `calendar` (0 when `to` is not after `from`).
    pub fn between(calendar: &BusinessCalendar, from: DateTime<Utc>, to: DateTime<Utc>) -> Self {
        let seconds = (to - from).num_seconds().max(0);
        // The calendar measures in milliseconds; the epsilon keeps 0.3 from becoming 0.2999….
        let working = calendar.working_days_between(from, to);
        Self { hours: seconds / 3600, working_tenths: (working * 10.0 + 1e-9).floor() as i64 }
    }
}

/// What statistics keep of one ticket: only what the definitions need, and for corruption
/// reports only what may be published.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketFacts {
    pub ticket_id: i64,
    pub synthetic: bool,
    /// Unix seconds.
    pub created_at: i64,
    /// `YYYY-MM` of opening, in the calendar's timezone.
    pub month: String,
    pub agency: String,
    pub implicated: Option<String>,
    pub kind: String,
    /// `None`: not known or not volunteered; [`WITHHELD`] for corruption reports.
    pub lang: Option<String>,
    pub region: Option<String>,
    pub district: Option<String>,
    pub gender: Option<String>,
    pub age_band: Option<String>,
    pub disability: Option<String>,
    pub outcome: Outcome,
    /// Unix seconds.
    pub resolution_due: i64,
    pub first_response: Option<Elapsed>,
    pub resolution: Option<Elapsed>,
    /// `None` while the ticket has no answer to judge (open or withdrawn).
    pub on_time: Option<bool>,
    pub reopened: bool,
    pub rating: Option<u8>,
    pub redirects: u32,
    pub brushoffs: u32,
}

impl TicketFacts {
    /// Applies the definitions to one ticket.
    pub fn of(source: &TicketSource, calendar: &BusinessCalendar) -> Self {
        let outcome = Outcome::of(source.status);
        let judged = matches!(outcome, Outcome::Answered | Outcome::Closed);
        let answer = source.answered_at.filter(|_| judged);
        let corruption = source.kind == Kind::Corruption;
        let withheld = |value: Option<String>| if corruption { Some(WITHHELD.to_owned()) } else { value };
        Self {
            ticket_id: source.id,
            synthetic: source.synthetic,
            created_at: source.created_at.timestamp(),
            month: month_of(calendar.timezone(), source.created_at),
            agency: source.agency.to_string(),
            implicated: source.implicated.as_ref().map(ToString::to_string),
            kind: source.kind.code().to_owned(),
            lang: withheld(Some(source.lang.code().to_owned())),
            region: withheld(source.region.clone()),
            district: withheld(source.district.clone()),
            gender: withheld(source.gender.map(|g| g.code().to_owned())),
            age_band: withheld(source.age_band.map(|a| a.code().to_owned())),
            disability: withheld(source.disability.map(|d| d.code().to_owned())),
            outcome,
            resolution_due: source.resolution_due.timestamp(),
            first_response: source.first_response_at.map(|at| Elapsed::between(calendar, source.created_at, at)),
            resolution: answer.map(|at| Elapsed::between(calendar, source.created_at, at)),
            on_time: answer.map(|at| on_time(at, source.resolution_due)),
            reopened: source.reopen_count > 0,
            rating: source.rating,
            redirects: source.redirect_count,
            brushoffs: source.brushoff_count,
        }
    }
}

/// An answer at `answered_at` is on time when it is no later than the (possibly extended)
/// resolution deadline, which is the last second of its day.
pub fn on_time(answered_at: DateTime<Utc>, resolution_due: DateTime<Utc>) -> bool {
    answered_at <= resolution_due
}

/// An open ticket is overdue at `now` once its (possibly extended) deadline has passed.
pub fn overdue(outcome: Outcome, resolution_due: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    outcome == Outcome::Open && resolution_due < now
}

/// `YYYY-MM` of `at` in `tz`.
pub fn month_of(tz: Tz, at: DateTime<Utc>) -> String {
    at.with_timezone(&tz).format("%Y-%m").to_string()
}

/// The nearest-rank percentile `pct` (1–100) of values given as `(value, how many)` pairs in
/// any order: the smallest value such that at least `pct`% of all values are at or below it.
/// So the median of 1, 2, 3, 4 is 2 (the lower middle). `None` when there are no values.
pub fn percentile(histogram: &[(i64, i64)], pct: u32) -> Option<i64> {
    let total: i64 = histogram.iter().map(|(_, n)| n.max(&0)).sum();
    if total == 0 {
        return None;
    }
    let mut sorted: Vec<(i64, i64)> = histogram.iter().copied().filter(|(_, n)| *n > 0).collect();
    sorted.sort_unstable();
    // ceil(total * pct / 100), at least 1.
    let rank = ((total * i64::from(pct.clamp(1, 100))) + 99) / 100;
    let mut seen = 0;
    for (value, count) in sorted {
        seen += count;
        if seen >= rank {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
#[path = "definitions_tests.rs"]
mod tests;
