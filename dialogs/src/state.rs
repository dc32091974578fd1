//! The conversation's state: one enum, each variant carrying what its step needs. The adapter
//! persists it as JSON between messages, so a restart loses no conversation.
//!
//! ```text
//!               ┌──────────── /cancel, /menu, done ─────────────┐
//!               ▼                                               │
//!   (new) ─▶ ChoosingLanguage ─▶ Idle ─ text ─▶ Appeal{Classifying} ─▶ Appeal{ConfirmingRoute}
//!                                 │                                        │ corruption? rating?
//!                                 ├─ menu: complaint ─▶ Appeal{Describing} ◀┘ ─▶ Region ─▶ District
//!                                 │                                 ─▶ Contact ─▶ Review ─▶ Submitting
//!                                 ├─ menu: corruption ─▶ Appeal{CorruptionIntro} ─▶ Corruption(q)…
//!                                 ├─ menu: rating ─▶ Rating{ChoosingService ─▶ Scoring ─▶ Commenting}
//!                                 ├─ /my ─▶ MyAppeals{Loading ─▶ Listing ─▶ Viewing ─▶ AddingInfo|Withdrawing}
//!                                 ├─ /profile ─▶ Profile{question}
//!                                 └─ /delete_me ─▶ ConfirmingErase
//! ```

use classifier::Agency;
use serde::{Deserialize, Serialize};

use crate::answers::TicketRef;
use crate::draft::AppealDraft;
use crate::effect::RatingTarget;
use crate::places::Region;
use crate::profile::ProfileQuestion;

/// Where the conversation is.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DialogState {
    /// Nothing under way; free text starts an appeal.
    #[default]
    Idle,
    /// The language is unknown and was asked; what the citizen started meanwhile waits here.
    ChoosingLanguage { pending: Pending },
    /// An appeal (complaint, question, suggestion, thanks or corruption report) being written.
    Appeal { draft: Box<AppealDraft>, stage: AppealStage },
    /// A rating of a service or a ticket.
    Rating(RatingStage),
    /// The citizen's tickets.
    MyAppeals(MyAppealsStage),
    /// The voluntary profile, one question at a time.
    Profile { question: ProfileQuestion },
    /// `/delete_me` asked for confirmation.
    ConfirmingErase,
}

/// What waits for the language to be chosen.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pending {
    /// Nothing: show the menu afterwards.
    #[default]
    Nothing,
    /// A `/start` deep link to follow afterwards.
    DeepLink(String),
    /// A classified first message whose route is to be confirmed afterwards.
    Draft(Box<AppealDraft>),
}

/// The step of an appeal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealStage {
    /// Waiting for [`crate::Event::Classified`].
    Classifying,
    /// "This looks like a complaint to … — correct?"; `page` is set while browsing all agencies.
    ConfirmingRoute { page: Option<u8> },
    /// Collecting the description: texts and attachments, until "Done".
    Describing,
    /// What protection is offered; anonymous or not.
    CorruptionIntro,
    /// One of the corruption report's questions.
    Corruption(CorruptionQuestion),
    /// Choosing the oblast or city (or sharing a location, or writing the place).
    Region,
    /// Choosing the district of an oblast.
    District(Region),
    /// May the agency contact the citizen?
    Contact,
    /// The whole draft shown with "Submit".
    Review,
    /// Waiting for [`crate::Event::TicketOpened`].
    Submitting,
}

/// The questions of a corruption report, in the order asked; every one but "what" can be skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CorruptionQuestion {
    /// What happened.
    What,
    /// Which body; `page` of the agency list.
    Body { page: u8 },
    /// The official's position (no name needed).
    Position,
    /// When.
    When,
    /// Where.
    Where,
    /// How much money was asked or paid.
    Amount,
    /// Photos, documents, recordings.
    Evidence,
}

/// The step of a rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingStage {
    /// Choosing the agency whose service is rated; `page` of the list.
    ChoosingService { page: u8 },
    /// 1 to 5; `comment` is the citizen's text when the rating came from a classified message.
    Scoring { target: RatingTarget, comment: Option<String> },
    /// An optional comment.
    Commenting { target: RatingTarget, score: u8 },
    /// After a score of 1–2: turn it into a complaint?
    OfferingComplaint { agency: Agency, comment: Option<String> },
}

/// The step of "my appeals".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MyAppealsStage {
    /// Waiting for [`crate::Event::TicketsListed`].
    Loading,
    /// The list is shown.
    Listing,
    /// Waiting for [`crate::Event::TicketShown`].
    LoadingTicket(TicketRef),
    /// One ticket is shown; `open` when it can still take information or be withdrawn.
    Viewing { number: TicketRef, open: bool },
    /// The next message is added to this ticket.
    AddingInfo(TicketRef),
    /// "Withdraw this appeal?" asked.
    ConfirmingWithdraw(TicketRef),
    /// Withdrawal asked of the adapter; waiting for [`crate::Event::TicketShown`] (done) or
    /// [`crate::Event::Failed`] (refused, e.g. the ticket was closed meanwhile).
    Withdrawing(TicketRef),
}
