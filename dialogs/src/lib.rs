//! Kairyluu's conversations with citizens, as a pure state machine with Kyrgyz and Russian
//! catalogs.
//!
//! ```text
//! step(&state, Some(UiLang::Ru), Event::Text("Третий день нет света в Сокулуке"))
//!   -> Step { state: Appeal{Classifying}, replies: [], effects: [Classify{text}] }
//! step(&that_state, Some(UiLang::Ru), Event::Classified(…energy…))
//!   -> Step { state: Appeal{ConfirmingRoute}, replies: ["Похоже, это жалоба. Адресат: …"], effects: [] }
//! ```
//!
//! The crate owns the states and transitions ([`DialogState`], [`step`]), the events that drive
//! them ([`Event`]), what the adapter must do ([`Effect`]) and say ([`Reply`]), and the Fluent
//! catalogs under `dialogs/i18n/`. It knows no Telegram, HTTP or SQL type and does no I/O; of
//! the other crates it uses only the classifier's label types. See README.md for the protocol
//! the adapter follows.

mod action;
pub mod answers;
pub mod callback;
pub mod classification;
mod codes;
mod commands;
pub mod console;
mod draft;
pub mod effect;
mod emergency;
mod engine;
pub mod event;
mod flows;
mod i18n;
mod keyboards;
pub mod lang;
mod notice;
pub mod officer;
pub mod places;
pub mod profile;
pub mod reminders;
pub mod reply;
pub mod state;

#[cfg(test)]
mod tests;

pub use answers::{Author, Failure, ThreadEntry, TicketOpened, TicketRef, TicketStatus, TicketSummary, TicketView};
pub use callback::{CallbackData, InvalidCallbackData, MAX_CALLBACK_BYTES};
pub use classification::Classification;
pub use commands::command_menu;
pub use draft::AppealDraft;
pub use effect::{
    ContactConsent, CorruptionFacts, Effect, MenuCommand, RatingDraft, RatingTarget, RouteSource, Routing, Score,
    TicketDraft,
};
pub use engine::{Step, step};
pub use event::{Attachment, Command, Event, MediaKind, Unsupported};
pub use lang::UiLang;
pub use notice::{Notice, notice};
pub use places::{Coordinates, District, GeoPoint, Place, Region};
pub use profile::{AgeBand, Disability, Gender, ProfileField};
pub use reply::{Button, Keyboard, MAX_MESSAGE_CHARS, Reply};
pub use state::DialogState;
