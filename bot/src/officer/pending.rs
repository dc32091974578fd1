//! What an officer's next message means, kept in the database between updates.

use serde::{Deserialize, Serialize};

use super::input::Content;

/// A message the officer wrote, kept while they confirm it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub content: Content,
    /// Where the officer wrote it, so an attachment is copied from there.
    pub chat_id: i64,
    pub message_id: i32,
}

/// What the officer was asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "awaiting", rename_all = "snake_case")]
pub enum Pending {
    /// The answer to the citizen.
    Reply { ticket_id: i64 },
    /// A question to the citizen.
    Ask { ticket_id: i64 },
    /// Why the ticket goes to agency `to`.
    RedirectReason { ticket_id: i64, to: String },
    /// Why the deadline is extended (optionally starting with fewer days than the limit).
    ExtendReason { ticket_id: i64 },
    /// Whether to send an answer written in the other language than the appeal.
    ConfirmLang { ticket_id: i64, draft: Draft },
}

impl Pending {
    /// Reads a saved state; an unreadable one (an older version's) is forgotten.
    pub fn parse(saved: &str) -> Option<Pending> {
        serde_json::from_str(saved).ok()
    }

    /// The state to save.
    pub fn to_json(&self) -> String {
        // A plain enum of numbers and strings always serializes.
        serde_json::to_string(self).unwrap_or_default()
    }
}
