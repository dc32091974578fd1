//! The open-data file: one anonymised row per ticket (number, kind, agency, region, dates of
//! creation, first response and closing, on time, rating), never text or identity. The HTTP
//! layer serves pages of [`OpenDataRow`]s as CSV; [`OpenDataRow::of`] is the whole rule.
//!
//! ```text
//! number,kind,agency,implicated,region,created,first_response,closed,outcome,on_time,rating
//! KR-2026-000123,complaint,health,,osh,2026-03-02,2026-03-04,2026-03-10,closed,yes,4
//! ,corruption,anticorruption,police,,2026-03,,,answered,yes,
//! ```
//!
//! Dates are local dates (Asia/Bishkek), not times, so a row cannot be matched to a message
//! someone saw sent at a given minute. A corruption report keeps only what the issue allows:
//! agency, implicated body, month and outcome. Its number is dropped because numbers run in
//! order, so a number dates the report to the day; its region, dates and rating are dropped
//! because together with the accused body they could point at the one person who was there.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use classifier::Kind;
use serde::Serialize;

use super::definitions::{Outcome, TicketSource, month_of, on_time};

/// One anonymised ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenDataRow {
    /// Empty for corruption reports.
    pub number: String,
    pub kind: String,
    pub agency: String,
    /// Corruption reports only: the body accused.
    pub implicated: String,
    /// Empty when not given, and for corruption reports.
    pub region: String,
    /// `YYYY-MM-DD`; `YYYY-MM` for corruption reports.
    pub created: String,
    pub first_response: String,
    pub closed: String,
    /// open, answered, closed or withdrawn.
    pub outcome: String,
    /// yes, no, or empty while there is no answer to judge.
    pub on_time: String,
    pub rating: String,
}

impl OpenDataRow {
    /// The column names, in order.
    pub const HEADER: [&'static str; 11] = [
        "number",
        "kind",
        "agency",
        "implicated",
        "region",
        "created",
        "first_response",
        "closed",
        "outcome",
        "on_time",
        "rating",
    ];

    /// The published row of `ticket`, dates in `tz`.
    pub fn of(ticket: &TicketSource, tz: Tz) -> Self {
        let outcome = Outcome::of(ticket.status);
        let judged = matches!(outcome, Outcome::Answered | Outcome::Closed);
        let on_time = match ticket.answered_at.filter(|_| judged) {
            Some(at) if on_time(at, ticket.resolution_due) => "yes",
            Some(_) => "no",
            None => "",
        };
        let date = |at: Option<DateTime<Utc>>| at.map(|at| at.with_timezone(&tz).format("%Y-%m-%d").to_string());
        let implicated = ticket.implicated.as_ref().map(ToString::to_string).unwrap_or_default();
        if ticket.kind == Kind::Corruption {
            return Self {
                number: String::new(),
                kind: ticket.kind.code().to_owned(),
                agency: ticket.agency.to_string(),
                implicated,
                region: String::new(),
                created: month_of(tz, ticket.created_at),
                first_response: String::new(),
                closed: String::new(),
                outcome: outcome.code().to_owned(),
                on_time: on_time.to_owned(),
                rating: String::new(),
            };
        }
        Self {
            number: ticket.number.to_string(),
            kind: ticket.kind.code().to_owned(),
            agency: ticket.agency.to_string(),
            implicated,
            region: ticket.region.clone().unwrap_or_default(),
            created: date(Some(ticket.created_at)).unwrap_or_default(),
            first_response: date(ticket.first_response_at).unwrap_or_default(),
            closed: date(ticket.closed_at).unwrap_or_default(),
            outcome: outcome.code().to_owned(),
            on_time: on_time.to_owned(),
            rating: ticket.rating.map(|r| r.to_string()).unwrap_or_default(),
        }
    }

    /// The fields in [`HEADER`](Self::HEADER) order, for a CSV writer.
    pub fn fields(&self) -> [&str; 11] {
        [
            &self.number,
            &self.kind,
            &self.agency,
            &self.implicated,
            &self.region,
            &self.created,
            &self.first_response,
            &self.closed,
            &self.outcome,
            &self.on_time,
            &self.rating,
        ]
    }
}
