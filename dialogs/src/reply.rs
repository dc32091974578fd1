//! What the engine says back: texts from the catalogs with an optional keyboard.

use serde::{Deserialize, Serialize};

use crate::callback::CallbackData;

/// Telegram's limit on a message's text, in characters (UTF-16 code units, in fact; the engine
/// counts `char`s and keeps well under it).
pub const MAX_MESSAGE_CHARS: usize = 4096;

/// An inline button: what it says and the data sent back when pressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    /// The label, from the catalogs.
    pub label: String,
    /// The callback data, at most 64 bytes.
    pub data: CallbackData,
}

/// The keyboard attached to a reply.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Keyboard {
    /// No markup: whatever reply keyboard the citizen has stays.
    #[default]
    None,
    /// Inline buttons under the message, in rows.
    Inline(Vec<Vec<Button>>),
    /// A one-time reply keyboard with one button that shares the phone's location.
    RequestLocation {
        /// The button's label.
        label: String,
    },
    /// A one-time reply keyboard with one button that shares the citizen's own phone number.
    RequestContact {
        /// The button's label.
        label: String,
    },
    /// Remove a reply keyboard shown earlier.
    Remove,
}

impl Keyboard {
    /// Every inline button, row by row (empty for other keyboards).
    pub fn buttons(&self) -> impl Iterator<Item = &Button> {
        let rows: &[Vec<Button>] = match self {
            Keyboard::Inline(rows) => rows,
            _ => &[],
        };
        rows.iter().flatten()
    }
}

/// One message to send to the citizen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    /// Plain text (no markup, no bidi isolation marks), under [`MAX_MESSAGE_CHARS`].
    pub text: String,
    /// The keyboard to attach.
    pub keyboard: Keyboard,
}
