//! The escalation of a reopened ticket ("not resolved", a brush-off) that found nobody to tell:
//! a job (`escalation.reopen`, payload `KR-2026-000001 brush_off`) that tries again every hour
//! until the agency has a head or an officer, so the escalation waits instead of being dropped.

use chrono::{DateTime, Utc};

use super::decide::Decision;
use super::quiet::working_hours_from;
use crate::calendar::BusinessCalendar;
use crate::domain::{Ticket, TicketNumber, TicketStatus};
use crate::store::{NewJob, Verdict};

/// The job kind.
pub const REOPEN_ESCALATION_KIND: &str = "escalation.reopen";

/// A waiting reopen escalation, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReopenEscalation {
    pub ticket: TicketNumber,
    pub verdict: Verdict,
}

impl ReopenEscalation {
    /// Reads a stored job; `None` when it is not a (well-formed) reopen escalation.
    pub fn parse(kind: &str, payload: &str) -> Option<Self> {
        if kind != REOPEN_ESCALATION_KIND {
            return None;
        }
        let (number, verdict) = payload.split_once(' ')?;
        let verdict = [Verdict::NotResolved, Verdict::BrushOff].into_iter().find(|v| v.code() == verdict)?;
        Some(Self { ticket: number.parse().ok()?, verdict })
    }

    /// The job that tries again at `run_at`, for the reopen made at `reopened_at` (one job per
    /// reopen: a ticket reopened twice waits with two).
    pub fn job(&self, reopened_at: DateTime<Utc>, run_at: DateTime<Utc>) -> NewJob {
        NewJob {
            kind: REOPEN_ESCALATION_KIND.to_owned(),
            payload: format!("{} {}", self.ticket, self.verdict.code()),
            run_at,
            dedupe_key: Some(format!("{REOPEN_ESCALATION_KIND}:{}:{}", self.ticket, reopened_at.timestamp_micros())),
        }
    }

    /// What the job does at `now`: nothing once the ticket is no longer reopened (answered,
    /// closed, redirected: someone dealt with it), wait out quiet hours, else try to tell.
    pub fn decide(ticket: Option<&Ticket>, now: DateTime<Utc>, calendar: &BusinessCalendar) -> Decision {
        match ticket {
            None => Decision::Skip("ticket not found"),
            Some(ticket) if ticket.status != TicketStatus::Reopened => Decision::Skip("dealt with meanwhile"),
            Some(_) => working_hours_from(calendar, now).map_or(Decision::Send, Decision::Postpone),
        }
    }
}
