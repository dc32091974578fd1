//! Messages in a ticket's thread: what the citizen and the agency said to each other.

use chrono::{DateTime, Utc};

use super::codes::coded_enum;

coded_enum! {
    /// Who wrote a thread message.
    pub enum AuthorKind {
        /// The citizen (never identified further in the thread).
        Citizen => "citizen",
        /// An officer of the agency.
        Agency => "agency",
        /// Kairyluu itself (deadline notices, redirects).
        System => "system",
    }
}

coded_enum! {
    /// The kind of a Telegram attachment, kept by its file id.
    pub enum MediaKind {
        Photo => "photo",
        Document => "document",
        Voice => "voice",
        Video => "video",
        Audio => "audio",
        VideoNote => "video_note",
    }
}

/// An attachment, by the Telegram file id that lets the bot send it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    pub kind: MediaKind,
    pub file_id: String,
}

/// A message to add to a thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub author: AuthorKind,
    /// The officer, for agency messages.
    pub officer_id: Option<i64>,
    pub text: Option<String>,
    pub media: Option<Media>,
    pub at: DateTime<Utc>,
}

/// A stored thread message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadMessage {
    pub id: i64,
    pub ticket_id: i64,
    pub author: AuthorKind,
    pub officer_id: Option<i64>,
    pub text: Option<String>,
    pub media: Option<Media>,
    pub at: DateTime<Utc>,
}
