//! An appeal being written: what the citizen said and chose so far. The same draft carries a
//! complaint (or question, suggestion, thanks) and a corruption report; the stage in
//! [`crate::DialogState::Appeal`] says which question comes next.

use classifier::{Agency, Kind};
use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::effect::{ContactConsent, CorruptionFacts, RouteSource, Routing, TicketDraft};
use crate::event::Attachment;
use crate::lang::UiLang;
use crate::places::Place;

/// At most this many text messages in one draft; keeps the persisted state small.
pub const MAX_TEXTS: usize = 20;
/// At most this many attachments in one draft.
pub const MAX_ATTACHMENTS: usize = 20;
/// At most this many characters of description in one draft, all messages together.
pub const MAX_DESCRIPTION_CHARS: usize = 12_000;

/// The collected appeal.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AppealDraft {
    /// The kind as it stands (the classifier's, then the citizen's choice).
    pub kind: Option<Kind>,
    /// The citizen's messages, in order.
    pub texts: Vec<String>,
    /// Attachments, in order.
    pub attachments: Vec<Attachment>,
    /// What the classifier said, when the text was classified.
    pub suggested: Option<Classification>,
    /// The confirmed agency and how it was confirmed.
    pub route: Option<(Agency, RouteSource)>,
    /// For corruption: the body the report is about.
    pub implicated: Option<Agency>,
    /// Where it happened.
    pub place: Option<Place>,
    /// An anonymous corruption report.
    pub anonymous: bool,
    /// How the agency may reply.
    pub contact: ContactConsent,
    /// Position, time and amount, for corruption reports.
    pub corruption: Option<CorruptionFacts>,
    /// The citizen finished describing ("Done"): after the route is confirmed, the place comes next.
    pub described: bool,
    /// The citizen has seen the review once: answering a changed detail goes back to it.
    pub reviewed: bool,
}

/// The draft is full: the citizen is asked to submit and add the rest to the ticket afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DraftFull;

impl AppealDraft {
    /// A draft with nothing in it yet, of the given kind.
    pub(crate) fn of_kind(kind: Kind) -> Self {
        Self { kind: Some(kind), ..Self::default() }
    }

    /// Whether this draft is a corruption report.
    pub fn is_corruption(&self) -> bool {
        self.kind == Some(Kind::Corruption)
    }

    /// Adds a message of the description.
    pub(crate) fn push_text(&mut self, text: &str) -> Result<(), DraftFull> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(());
        }
        let used: usize = self.texts.iter().map(|t| t.chars().count()).sum();
        if self.texts.len() >= MAX_TEXTS || used + text.chars().count() > MAX_DESCRIPTION_CHARS {
            return Err(DraftFull);
        }
        self.texts.push(text.to_owned());
        Ok(())
    }

    /// Adds an attachment (a repeated file id is kept once: Telegram resends on retries).
    pub(crate) fn push_attachment(&mut self, attachment: &Attachment) -> Result<(), DraftFull> {
        if self.attachments.contains(attachment) {
            return Ok(());
        }
        if self.attachments.len() >= MAX_ATTACHMENTS {
            return Err(DraftFull);
        }
        self.attachments.push(attachment.clone());
        Ok(())
    }

    /// Whether there is anything to send.
    pub fn has_content(&self) -> bool {
        !self.texts.is_empty() || !self.attachments.is_empty()
    }

    /// All texts joined, as given to the classifier.
    pub(crate) fn joined_text(&self) -> String {
        self.texts.join("\n")
    }

    /// A fingerprint of everything the review shows: a submit button carries it, so only the
    /// button of the latest review of this very draft opens a ticket.
    pub fn fingerprint(&self) -> u32 {
        // FNV-1a over the Debug form: stable within a build, which is as long as a review lives
        // (a deploy in between only makes the old button "out of date").
        let repr = format!("{self:?}");
        repr.bytes().fold(0x811c_9dc5_u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
    }

    /// The ticket to open, once the route is confirmed.
    pub(crate) fn to_ticket(&self, lang: UiLang) -> Option<TicketDraft> {
        let (agency, source) = self.route?;
        let kind = self.kind.unwrap_or(Kind::Complaint);
        Some(TicketDraft {
            kind,
            agency,
            implicated: self.implicated,
            lang,
            place: self.place.clone(),
            anonymous: self.anonymous,
            contact: if self.anonymous { ContactConsent::None } else { self.contact.clone() },
            messages: self.texts.clone(),
            attachments: self.attachments.clone(),
            routing: Routing { suggested: self.suggested.clone(), kind, agency, source },
            corruption: self.corruption.clone(),
            nonce: self.fingerprint(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_stops_growing_at_its_limits() {
        let mut d = AppealDraft::default();
        for _ in 0..MAX_TEXTS {
            d.push_text("a").unwrap();
        }
        assert_eq!(d.push_text("one more"), Err(DraftFull));
        let mut d = AppealDraft::default();
        d.push_text(&"я".repeat(MAX_DESCRIPTION_CHARS)).unwrap();
        assert_eq!(d.push_text("я"), Err(DraftFull));
    }

    #[test]
    fn the_fingerprint_follows_the_content() {
        let mut d = AppealDraft::of_kind(Kind::Complaint);
        d.push_text("Нет света").unwrap();
        let before = d.fingerprint();
        assert_eq!(before, d.clone().fingerprint());
        d.push_text("Третий день").unwrap();
        assert_ne!(before, d.fingerprint());
    }

    #[test]
    fn an_anonymous_report_never_carries_a_contact() {
        let mut d = AppealDraft::of_kind(Kind::Corruption);
        d.route = Some((Agency::Anticorruption, RouteSource::Preset));
        d.anonymous = true;
        d.contact = ContactConsent::Phone("+996700000000".into());
        assert_eq!(d.to_ticket(UiLang::Ru).unwrap().contact, ContactConsent::None);
    }
}
