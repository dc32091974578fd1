//! What the bot sends, as data: every reply is written to the outbox as one of these (in the same
//! transaction as the change that caused it) and delivered by the sender.

use serde::{Deserialize, Serialize};
use teloxide::types::{InlineKeyboardMarkup, KeyboardMarkup, KeyboardRemove};

/// Telegram's limit on a message's text, in characters.
pub const TEXT_LIMIT: usize = 4096;

/// A keyboard attached to a sent message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Markup {
    Inline(InlineKeyboardMarkup),
    Reply(KeyboardMarkup),
    Remove(KeyboardRemove),
}

/// One Bot API call to make.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "camelCase")]
pub enum Outgoing {
    SendMessage {
        chat_id: i64,
        text: String,
        markup: Option<Markup>,
    },
    EditMessageText {
        chat_id: i64,
        message_id: i32,
        text: String,
        markup: Option<InlineKeyboardMarkup>,
    },
    AnswerCallbackQuery {
        callback_query_id: String,
        text: Option<String>,
    },
    CopyMessage {
        chat_id: i64,
        from_chat_id: i64,
        message_id: i32,
    },
    /// An attachment sent again by its Telegram file id (`kind`: photo, document, voice, video,
    /// audio or video_note), e.g. a citizen's photo on an agency's ticket card.
    SendMedia {
        chat_id: i64,
        /// The forum topic to send it into, if any.
        #[serde(default)]
        thread_id: Option<i32>,
        kind: String,
        file_id: String,
        caption: Option<String>,
    },
    /// A new forum topic `name` in group `chat_id`, opened by a ticket's card (`text`, `markup`)
    /// and its attachments (`(kind, file_id)`).
    OpenTopic {
        chat_id: i64,
        name: String,
        text: String,
        markup: Option<InlineKeyboardMarkup>,
        media: Vec<(String, String)>,
        /// The ticket, so the sender records the topic and the card (absent in messages queued
        /// before it was added: those are sent unrecorded).
        #[serde(default)]
        ticket_id: Option<i64>,
    },
    /// A ticket's card to an officer's chat (or into topic `thread_id`), recorded by the
    /// sender with the message id Telegram gives it.
    Card {
        chat_id: i64,
        thread_id: Option<i32>,
        ticket_id: i64,
        text: String,
        markup: Option<InlineKeyboardMarkup>,
    },
    /// A message into forum topic `thread_id` of group `chat_id`.
    SendToTopic {
        chat_id: i64,
        thread_id: i32,
        text: String,
        markup: Option<InlineKeyboardMarkup>,
    },
    /// The command menu of one chat, in its language.
    SetChatCommands {
        chat_id: i64,
        lang: String,
        commands: Vec<(String, String)>,
    },
}

impl Outgoing {
    /// The chat the call goes to (for per-chat rate limits); 0 for calls without one.
    pub fn chat_id(&self) -> i64 {
        match self {
            Outgoing::SendMessage { chat_id, .. }
            | Outgoing::EditMessageText { chat_id, .. }
            | Outgoing::CopyMessage { chat_id, .. }
            | Outgoing::SendMedia { chat_id, .. }
            | Outgoing::OpenTopic { chat_id, .. }
            | Outgoing::Card { chat_id, .. }
            | Outgoing::SendToTopic { chat_id, .. }
            | Outgoing::SetChatCommands { chat_id, .. } => *chat_id,
            Outgoing::AnswerCallbackQuery { .. } => 0,
        }
    }

    /// The Bot API method name, stored beside the payload for operators.
    pub fn method(&self) -> &'static str {
        match self {
            Outgoing::SendMessage { .. } => "sendMessage",
            Outgoing::EditMessageText { .. } => "editMessageText",
            Outgoing::AnswerCallbackQuery { .. } => "answerCallbackQuery",
            Outgoing::CopyMessage { .. } => "copyMessage",
            Outgoing::SendMedia { kind, .. } => match kind.as_str() {
                "photo" => "sendPhoto",
                "voice" => "sendVoice",
                "video" => "sendVideo",
                "audio" => "sendAudio",
                "video_note" => "sendVideoNote",
                _ => "sendDocument",
            },
            Outgoing::OpenTopic { .. } => "createForumTopic",
            Outgoing::Card { .. } => "sendMessage",
            Outgoing::SendToTopic { .. } => "sendMessage",
            Outgoing::SetChatCommands { .. } => "setMyCommands",
        }
    }

    /// Whether the call counts against Telegram's message limits (answers to button presses
    /// do not).
    pub fn is_rate_limited(&self) -> bool {
        !matches!(self, Outgoing::AnswerCallbackQuery { .. } | Outgoing::SetChatCommands { .. })
    }
}

/// Cuts `text` to Telegram's limit on a character boundary, marking the cut.
pub fn fit_text(text: &str) -> String {
    if text.chars().count() <= TEXT_LIMIT {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(TEXT_LIMIT - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_survive_the_outbox_round_trip() {
        let call = Outgoing::SendMessage { chat_id: 42, text: "Саламатсызбы".into(), markup: None };
        let json = serde_json::to_string(&call).unwrap();
        assert!(json.contains("\"method\":\"sendMessage\""), "{json}");
        assert_eq!(serde_json::from_str::<Outgoing>(&json).unwrap(), call);
    }

    #[test]
    fn long_texts_are_cut_on_a_character_boundary() {
        let long = "ө".repeat(5000);
        let fitted = fit_text(&long);
        assert_eq!(fitted.chars().count(), TEXT_LIMIT);
        assert!(fitted.ends_with('…'));
        assert_eq!(fit_text("short"), "short");
    }
}
