//! What each action does to a ticket, as a pure function: the store loads the ticket inside a
//! transaction, calls [`apply`], and saves the result with its audit entry. The rules live here
//! once, for Telegram, the console and the command line alike.

use chrono::{DateTime, Duration, Utc};

use crate::agencies::AgencyDirectory;
use crate::calendar::{BusinessCalendar, Span};
use crate::domain::{Actor, AgencyCode, Extension, IllegalTransition, Ticket, Transition};

/// Something done to a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A move in the lifecycle.
    Status(StatusChange),
    /// The resolution deadline is extended, once, within the statutory limit.
    Extend { span: Span, reason: String },
}

/// A move in the ticket's lifecycle, with what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusChange {
    /// An officer takes the ticket.
    Assign { officer_id: i64 },
    /// The agency answers.
    Answer,
    /// The ticket is closed after the answer.
    Close,
    /// The citizen says the answer did not resolve it.
    Reopen,
    /// The ticket moves to another agency's queue.
    Redirect { to: AgencyCode, reason: String },
    /// The citizen withdraws the appeal.
    Withdraw,
}

/// The rules a change is checked against.
#[derive(Clone, Copy)]
pub struct Rules<'a> {
    pub calendar: &'a BusinessCalendar,
    pub agencies: &'a AgencyDirectory,
    /// How long after an answer or closing the citizen may reopen.
    pub reopen_window: Duration,
}

/// Why a change was refused. Nothing is written when a change is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LifecycleError {
    #[error(transparent)]
    IllegalTransition(#[from] IllegalTransition),
    #[error("the reopen window of {days} days has passed")]
    ReopenWindowExpired { days: i64 },
    #[error("unknown agency `{0}`")]
    UnknownAgency(AgencyCode),
    #[error("the ticket is already with `{0}`")]
    SameAgency(AgencyCode),
    #[error("a corruption report stays with the anti-corruption body")]
    CorruptionStaysWithAnticorruption,
    #[error("the deadline was already extended once")]
    AlreadyExtended,
    #[error("an extension of {asked} is beyond the limit of {limit}")]
    ExtensionBeyondLimit { asked: Span, limit: Span },
    #[error("only an open ticket can be extended")]
    ExtendClosedTicket,
    #[error("a reason is required")]
    ReasonRequired,
}

/// What the store writes for an accepted change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The ticket as it is after the change.
    pub ticket: Ticket,
    /// The audit action code.
    pub action: &'static str,
    /// Short structured detail for the audit log (never message text).
    pub detail: Option<String>,
    /// For a redirect: from which agency, to which, why.
    pub redirect: Option<(AgencyCode, AgencyCode, String)>,
    pub actor: Actor,
}

/// The ticket after `change` by `actor` at `at`, or why the change is refused.
pub fn apply(
    ticket: &Ticket,
    change: &Change,
    actor: Actor,
    at: DateTime<Utc>,
    rules: Rules<'_>,
) -> Result<Outcome, LifecycleError> {
    let mut next = ticket.clone();
    let change = match change {
        Change::Extend { span, reason } => {
            extend(&mut next, *span, reason, at, rules)?;
            return Ok(Outcome {
                ticket: next,
                action: "extend",
                detail: Some(span.to_string()),
                redirect: None,
                actor,
            });
        }
        Change::Status(change) => change,
    };
    let transition = change.transition();
    next.status = ticket.status.apply(transition)?;
    next.status_changed_at = at;
    let mut detail = None;
    let mut redirect = None;
    match change {
        StatusChange::Assign { officer_id } => {
            next.assignee_id = Some(*officer_id);
            detail = Some(format!("officer={officer_id}"));
        }
        StatusChange::Answer => {
            next.first_response_at.get_or_insert(at);
            next.answered_at = Some(at);
        }
        StatusChange::Close => next.closed_at = Some(at),
        StatusChange::Reopen => {
            let since = ticket.closed_at.or(ticket.answered_at).unwrap_or(ticket.status_changed_at);
            if at > since + rules.reopen_window {
                return Err(LifecycleError::ReopenWindowExpired { days: rules.reopen_window.num_days() });
            }
            next.closed_at = None;
        }
        StatusChange::Redirect { to, reason } => {
            if reason.trim().is_empty() {
                return Err(LifecycleError::ReasonRequired);
            }
            if rules.agencies.get(to).is_none() {
                return Err(LifecycleError::UnknownAgency(to.clone()));
            }
            if to == &ticket.agency {
                return Err(LifecycleError::SameAgency(to.clone()));
            }
            if ticket.kind == classifier::Kind::Corruption {
                return Err(LifecycleError::CorruptionStaysWithAnticorruption);
            }
            next.agency = to.clone();
            next.assignee_id = None;
            next.redirect_count += 1;
            detail = Some(format!("from={} to={}", ticket.agency, to));
            redirect = Some((ticket.agency.clone(), to.clone(), reason.trim().to_owned()));
        }
        StatusChange::Withdraw => {}
    }
    Ok(Outcome { ticket: next, action: transition.code(), detail, redirect, actor })
}

impl StatusChange {
    /// The status transition this change makes.
    pub fn transition(&self) -> Transition {
        match self {
            StatusChange::Assign { .. } => Transition::Assign,
            StatusChange::Answer => Transition::Answer,
            StatusChange::Close => Transition::Close,
            StatusChange::Reopen => Transition::Reopen,
            StatusChange::Redirect { .. } => Transition::Redirect,
            StatusChange::Withdraw => Transition::Withdraw,
        }
    }
}

fn extend(
    ticket: &mut Ticket,
    span: Span,
    reason: &str,
    at: DateTime<Utc>,
    rules: Rules<'_>,
) -> Result<(), LifecycleError> {
    if !ticket.status.is_open() {
        return Err(LifecycleError::ExtendClosedTicket);
    }
    if ticket.extension.is_some() {
        return Err(LifecycleError::AlreadyExtended);
    }
    if reason.trim().is_empty() {
        return Err(LifecycleError::ReasonRequired);
    }
    let limit = rules.agencies.sla(&ticket.agency, ticket.kind).extension_limit;
    if span.unit != limit.unit || span.days > limit.days || span.days == 0 {
        return Err(LifecycleError::ExtensionBeyondLimit { asked: span, limit });
    }
    ticket.deadlines.resolution = rules.calendar.due(ticket.deadlines.resolution, span);
    ticket.extension = Some(Extension { span, reason: reason.trim().to_owned(), at });
    Ok(())
}
