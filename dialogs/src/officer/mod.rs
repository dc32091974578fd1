//! The officer desk's words, as pure functions: ticket cards with their buttons, what officers
//! are told after each action or refusal, the queue, and what citizens are told about their
//! agencies' answers, questions, redirects and extensions. No Telegram type here; the adapter
//! sends the [`Reply`](crate::Reply) values and reads the [`DeskButton`]s back.

mod buttons;
mod card;
mod citizen;
mod notes;

pub use buttons::DeskButton;
pub use card::{CardFacts, Due, card, kind_name, queue};
pub use citizen::{AnswerFrame, CitizenNote, answer, citizen_note};
pub use notes::{OfficerNote, Refusal, note, redirect_choices, refusal};

#[cfg(test)]
mod tests;
