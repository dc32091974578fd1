//! The durable queues between a messaging channel and Kairyluu: updates received (the inbox),
//! conversation states, and messages to send (the outbox). Channel-agnostic: ids are numbers and
//! payloads are the channel's own JSON, which only the adapter reads.

use chrono::{DateTime, Utc};

/// An update to keep before it is handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInboxItem {
    /// Which bot received it (one database may serve several).
    pub bot_id: i64,
    /// The channel's update id.
    pub update_id: i64,
    /// A digest of the payload: an update is a repeat only when id and digest both match.
    pub digest: String,
    /// The chat it belongs to, for ordering; `None` for updates without a chat.
    pub chat_id: Option<i64>,
    pub payload: String,
    pub received_at: DateTime<Utc>,
}

/// An update waiting to be handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxItem {
    pub id: i64,
    pub update_id: i64,
    pub chat_id: Option<i64>,
    pub payload: String,
    /// Failed attempts so far.
    pub attempts: i32,
}

/// A message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutboxItem {
    pub chat_id: i64,
    /// The channel method, e.g. `sendMessage`.
    pub method: String,
    pub payload: String,
    /// Not to be sent before this instant (quiet hours, retry backoff).
    pub not_before: DateTime<Utc>,
}

/// A message claimed for sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub id: i64,
    pub chat_id: i64,
    pub method: String,
    pub payload: String,
    pub attempts: i32,
}
