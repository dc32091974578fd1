//! What the adapter must do after a step. Effects are data: the engine never performs I/O.

use classifier::{Agency, Kind};
use serde::{Deserialize, Serialize};

use crate::answers::TicketRef;
use crate::classification::Classification;
use crate::event::Attachment;
use crate::lang::UiLang;
use crate::places::Place;
use crate::profile::ProfileField;

/// How the agency may get back to the citizen.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactConsent {
    /// Not asked yet, declined, or anonymous: only the bot's own thread.
    #[default]
    None,
    /// The agency may contact the citizen through the bot's Telegram chat.
    Telegram,
    /// The citizen shared their own phone number for a call back.
    Phone(String),
}

/// How the citizen settled the routing of an appeal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteSource {
    /// Accepted the classifier's suggestion.
    Accepted,
    /// Picked one of the classifier's alternatives.
    Alternative,
    /// Picked from the full list of agencies.
    FromList,
    /// Fixed by the way the citizen came in (a corruption report, a rating turned complaint).
    Preset,
}

/// The citizen's routing choice, stored next to the classifier's answer: the pair is the best
/// training signal Kairyluu has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Routing {
    /// What the classifier suggested, when the text was classified.
    pub suggested: Option<Classification>,
    /// The kind the citizen confirmed.
    pub kind: Kind,
    /// The agency the citizen confirmed.
    pub agency: Agency,
    /// How they confirmed it.
    pub source: RouteSource,
}

/// The extra facts of a corruption report; none needs a name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CorruptionFacts {
    /// The body, in the citizen's words, when it was not picked from the list.
    pub body: Option<String>,
    /// The official's position (e.g. "inspector"), if given.
    pub position: Option<String>,
    /// When it happened, in the citizen's words.
    pub when: Option<String>,
    /// The amount asked or paid, in the citizen's words.
    pub amount: Option<String>,
}

/// Everything needed to open a ticket ([`Effect::OpenTicket`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketDraft {
    /// The kind the citizen confirmed.
    pub kind: Kind,
    /// The agency that will answer (`anticorruption` for every corruption report).
    pub agency: Agency,
    /// For corruption: the body the report is about; it never receives the report.
    pub implicated: Option<Agency>,
    /// The language of the appeal, and so of the answer.
    pub lang: UiLang,
    /// Where it happened, when given.
    pub place: Option<Place>,
    /// An anonymous corruption report: the adapter must not store the reporter's Telegram
    /// identity on the ticket (only a sealed reply channel) and must return a receipt code.
    pub anonymous: bool,
    /// How the agency may reply.
    pub contact: ContactConsent,
    /// The citizen's messages, in order.
    pub messages: Vec<String>,
    /// Photos, documents, voice notes, videos.
    pub attachments: Vec<Attachment>,
    /// The classifier's answer and the citizen's confirmed choice.
    pub routing: Routing,
    /// Position, time and amount, for corruption reports.
    pub corruption: Option<CorruptionFacts>,
    /// The draft's fingerprint; the same draft submitted twice has the same one, so the adapter
    /// may also use it as an idempotency key.
    pub nonce: u32,
}

/// A score from 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Score(u8);

/// A score outside 1–5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a score is from 1 to 5, not {0}")]
pub struct InvalidScore(pub u8);

impl Score {
    /// The score as a number.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Score {
    type Error = InvalidScore;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        if (1..=5).contains(&value) { Ok(Self(value)) } else { Err(InvalidScore(value)) }
    }
}

impl From<Score> for u8 {
    fn from(value: Score) -> Self {
        value.0
    }
}

/// What a rating is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingTarget {
    /// A service received from an agency, optionally a named one (from a `rate_` deep link).
    Service { agency: Agency, service: Option<String> },
    /// How one of the citizen's tickets was handled.
    Ticket(TicketRef),
}

/// A rating to record ([`Effect::RecordRating`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingDraft {
    /// What is rated.
    pub target: RatingTarget,
    /// The score.
    pub score: Score,
    /// The citizen's comment, if any.
    pub comment: Option<String>,
}

/// One entry of Telegram's command menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuCommand {
    /// The command without the slash (`help`).
    pub command: String,
    /// Its description in the menu's language.
    pub description: String,
}

/// One thing the adapter must do. The answer-bearing ones must be answered (see each variant);
/// the others succeed silently or are answered with [`crate::Event::Failed`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// Classify the text; answer with [`crate::Event::Classified`].
    Classify { text: String },
    /// Open a ticket; answer with [`crate::Event::TicketOpened`].
    OpenTicket(Box<TicketDraft>),
    /// List the citizen's tickets; answer with [`crate::Event::TicketsListed`].
    ListTickets,
    /// Load one ticket with its thread; answer with [`crate::Event::TicketShown`].
    ShowTicket(TicketRef),
    /// Add the citizen's message to a ticket's thread.
    AddInfo { number: TicketRef, text: Option<String>, attachment: Option<Attachment> },
    /// Withdraw a ticket at the citizen's request.
    Withdraw(TicketRef),
    /// Record a rating.
    RecordRating(RatingDraft),
    /// Remember the citizen's language.
    SetLanguage(UiLang),
    /// Remember one answer of the voluntary profile.
    SetProfile(ProfileField),
    /// Erase the citizen's personal data (language, profile, contact, Telegram identity on their
    /// tickets), keeping anonymised ticket facts for statistics.
    EraseMyData,
    /// Set this chat's command menu (Telegram `setMyCommands` with a chat scope).
    SetChatCommands(Vec<MenuCommand>),
}
