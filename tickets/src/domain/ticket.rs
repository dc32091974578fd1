//! The ticket: one appeal, its routing, its deadlines and where it is in its life.

use chrono::{DateTime, Utc};
use classifier::{Agency, Kind, Lang};

use super::agency_code::AgencyCode;
use super::message::NewMessage;
use super::status::TicketStatus;
use super::ticket_number::TicketNumber;
use crate::calendar::Span;

/// The legal deadlines of a ticket, computed from the SLA and the business calendar when it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlines {
    /// By when the appeal must be registered.
    pub registration: DateTime<Utc>,
    /// By when the agency must first respond.
    pub first_response: DateTime<Utc>,
    /// By when the appeal must be resolved.
    pub resolution: DateTime<Utc>,
}

/// The one lawful extension of a ticket's resolution deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    /// How much time was added.
    pub span: Span,
    /// Why, as the officer wrote it; the citizen is told.
    pub reason: String,
    /// When the extension was granted.
    pub at: DateTime<Utc>,
}

/// A ticket as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub id: i64,
    pub number: TicketNumber,
    pub kind: Kind,
    /// The agency whose queue holds the ticket.
    pub agency: AgencyCode,
    /// For corruption reports: the body accused (the ticket itself is with `anticorruption`).
    pub implicated: Option<AgencyCode>,
    pub lang: Lang,
    pub region: Option<String>,
    pub district: Option<String>,
    /// An anonymous ticket has no citizen; replies go through a sealed channel.
    pub anonymous: bool,
    pub citizen_id: Option<i64>,
    pub status: TicketStatus,
    /// The officer who took the ticket.
    pub assignee_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub deadlines: Deadlines,
    pub extension: Option<Extension>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub answered_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// When the status last changed (the reopen window counts from here).
    pub status_changed_at: DateTime<Utc>,
    /// How many times the ticket moved to another agency.
    pub redirect_count: u32,
}

/// A ticket about to be opened. Built with [`NewTicket::new`], which enforces the routing rules of
/// the taxonomy, so a stored ticket can never break them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTicket {
    pub(crate) kind: Kind,
    pub(crate) agency: AgencyCode,
    pub(crate) implicated: Option<AgencyCode>,
    pub(crate) lang: Lang,
    pub(crate) region: Option<String>,
    pub(crate) district: Option<String>,
    pub(crate) citizen_id: Option<i64>,
    pub(crate) anonymous: bool,
    pub(crate) first_message: Option<NewMessage>,
    pub(crate) synthetic: bool,
}

/// Why a ticket cannot be opened as described.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidTicket {
    /// Corruption reports always go to the anti-corruption body.
    #[error("a corruption report goes to `anticorruption`, not to `{0}`")]
    CorruptionNotToAnticorruption(AgencyCode),
    /// Only corruption reports name an implicated body.
    #[error("only a corruption report names an implicated body")]
    ImplicatedWithoutCorruption,
    /// An anonymous ticket must not carry the reporter's identity.
    #[error("an anonymous ticket cannot name its citizen")]
    AnonymousWithCitizen,
}

/// Who is writing and about what; the routing decided by the classifier or the citizen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routing {
    pub kind: Kind,
    pub agency: AgencyCode,
    pub implicated: Option<AgencyCode>,
    pub lang: Lang,
}

impl NewTicket {
    /// A ticket from `citizen_id` (`None` when anonymous) routed as `routing`.
    pub fn new(routing: Routing, citizen_id: Option<i64>, anonymous: bool) -> Result<Self, InvalidTicket> {
        let anticorruption = AgencyCode::from(Agency::Anticorruption);
        if routing.kind == Kind::Corruption && routing.agency != anticorruption {
            return Err(InvalidTicket::CorruptionNotToAnticorruption(routing.agency));
        }
        if routing.kind != Kind::Corruption && routing.implicated.is_some() {
            return Err(InvalidTicket::ImplicatedWithoutCorruption);
        }
        if anonymous && citizen_id.is_some() {
            return Err(InvalidTicket::AnonymousWithCitizen);
        }
        Ok(Self {
            kind: routing.kind,
            agency: routing.agency,
            implicated: routing.implicated,
            lang: routing.lang,
            region: None,
            district: None,
            citizen_id,
            anonymous,
            first_message: None,
            synthetic: false,
        })
    }

    /// Where the matter happened.
    pub fn with_place(mut self, region: Option<String>, district: Option<String>) -> Self {
        self.region = region;
        self.district = district;
        self
    }

    /// The citizen's description, stored as the first message of the thread.
    pub fn with_first_message(mut self, message: NewMessage) -> Self {
        self.first_message = Some(message);
        self
    }

    /// Marks a ticket made by `kairyluu seed` or a benchmark, so statistics can leave it out.
    pub fn synthetic(mut self) -> Self {
        self.synthetic = true;
        self
    }

    /// The kind of appeal.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The agency whose queue receives it.
    pub fn agency(&self) -> &AgencyCode {
        &self.agency
    }

    /// For a corruption report, the body accused.
    pub fn implicated(&self) -> Option<&AgencyCode> {
        self.implicated.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn routing(kind: Kind, agency: Agency, implicated: Option<Agency>) -> Routing {
        Routing { kind, agency: agency.into(), implicated: implicated.map(Into::into), lang: Lang::Ky }
    }

    #[test]
    fn a_corruption_report_must_go_to_anticorruption() {
        let err = NewTicket::new(routing(Kind::Corruption, Agency::Police, Some(Agency::Police)), None, true);
        assert_eq!(err, Err(InvalidTicket::CorruptionNotToAnticorruption(Agency::Police.into())));
        assert!(
            NewTicket::new(routing(Kind::Corruption, Agency::Anticorruption, Some(Agency::Police)), None, true).is_ok()
        );
    }

    #[test]
    fn only_corruption_names_an_implicated_body() {
        let err = NewTicket::new(routing(Kind::Complaint, Agency::Health, Some(Agency::Police)), Some(1), false);
        assert_eq!(err, Err(InvalidTicket::ImplicatedWithoutCorruption));
    }

    #[test]
    fn an_anonymous_ticket_cannot_carry_a_citizen() {
        let err = NewTicket::new(routing(Kind::Corruption, Agency::Anticorruption, None), Some(7), true);
        assert_eq!(err, Err(InvalidTicket::AnonymousWithCitizen));
    }
}
