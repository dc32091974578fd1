//! Updates the officer desk may care about, read from teloxide's types: an invite `/start`, a
//! message (private or in a group), or a press of a desk button. Whether the sender really is an
//! officer is decided later, against the store.

use dialogs::officer::DeskButton;
use dialogs::{Event, MediaKind};
use teloxide::types::{InlineKeyboardButtonKind, Message, Update, UpdateKind};

use super::invite::START_PREFIX;

/// An attachment by its Telegram file id.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileRef {
    pub kind: MediaKind,
    pub file_id: String,
}

/// What a message says: its text (or caption) and attachment.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Content {
    pub text: Option<String>,
    pub media: Option<FileRef>,
}

impl Content {
    /// Neither words nor an attachment (a sticker, a location…).
    pub fn is_empty(&self) -> bool {
        self.media.is_none() && self.text.as_deref().is_none_or(|t| t.trim().is_empty())
    }
}

/// A message to the desk.
#[derive(Debug, Clone, PartialEq)]
pub struct DeskMessage {
    pub chat_id: i64,
    pub private: bool,
    pub user_id: i64,
    pub language_code: Option<String>,
    pub message_id: i32,
    /// The forum topic it was written in.
    pub thread_id: Option<i32>,
    /// The message it answers: its id and the ticket its desk buttons name, if any.
    pub reply_to: Option<(i32, Option<i64>)>,
    /// The name of the forum topic, when the message answers the topic's first service message.
    pub topic_name: Option<String>,
    pub content: Content,
}

/// An update the desk may handle.
#[derive(Debug, Clone, PartialEq)]
pub enum DeskInput {
    /// `/start inv_…` in a private chat.
    Invite {
        chat_id: i64,
        user_id: i64,
        language_code: Option<String>,
        payload: String,
    },
    Message(DeskMessage),
    /// A desk button was pressed on message `message_id` of `chat_id`.
    Button {
        chat_id: i64,
        user_id: i64,
        message_id: i32,
        /// The forum topic the message is in.
        thread_id: Option<i32>,
        query_id: String,
        button: DeskButton,
    },
}

/// Reads an update; `None` when the desk has nothing to do with it.
pub fn read(update: &Update) -> Option<DeskInput> {
    match &update.kind {
        UpdateKind::Message(message) => from_message(message),
        UpdateKind::CallbackQuery(query) => {
            let button = DeskButton::decode(query.data.as_deref()?)?;
            let message = query.message.as_ref()?;
            Some(DeskInput::Button {
                chat_id: message.chat().id.0,
                user_id: i64::try_from(query.from.id.0).ok()?,
                message_id: message.id().0,
                thread_id: message
                    .regular_message()
                    .and_then(|m| m.thread_id.filter(|_| m.is_topic_message))
                    .map(|t| t.0.0),
                query_id: query.id.0.clone(),
                button,
            })
        }
        _ => None,
    }
}

fn from_message(message: &Message) -> Option<DeskInput> {
    let from = message.from.as_ref()?;
    let user_id = i64::try_from(from.id.0).ok()?;
    let chat_id = message.chat.id.0;
    let private = message.chat.is_private();
    let language_code = from.language_code.clone();
    if private
        && let Some(payload) = message.text().and_then(|t| t.strip_prefix("/start ")).map(str::trim)
        && payload.starts_with(START_PREFIX)
    {
        return Some(DeskInput::Invite { chat_id, user_id, language_code, payload: payload.to_owned() });
    }
    let content = match super::super::telegram::convert::message_event(message, language_code.as_deref()) {
        Event::Media { attachment, caption } => {
            Content { text: caption, media: Some(FileRef { kind: attachment.kind, file_id: attachment.file_id }) }
        }
        _ => Content { text: message.text().map(str::to_owned), media: None },
    };
    let replied = message.reply_to_message();
    let reply_to = replied.map(|replied| (replied.id.0, ticket_of_buttons(replied)));
    let topic_name = replied.and_then(Message::forum_topic_created).map(|topic| topic.name.clone());
    Some(DeskInput::Message(DeskMessage {
        chat_id,
        private,
        user_id,
        language_code,
        message_id: message.id.0,
        // In a forum, a message outside any topic has no thread id, or the General topic's.
        thread_id: message.thread_id.filter(|_| message.is_topic_message).map(|t| t.0.0),
        reply_to,
        topic_name,
        content,
    }))
}

/// The ticket that a card's desk buttons act on.
fn ticket_of_buttons(message: &Message) -> Option<i64> {
    let markup = message.reply_markup()?;
    markup.inline_keyboard.iter().flatten().find_map(|button| match &button.kind {
        InlineKeyboardButtonKind::CallbackData(data) => match DeskButton::decode(data)? {
            DeskButton::Open(id)
            | DeskButton::Take(id)
            | DeskButton::Reply(id)
            | DeskButton::Ask(id)
            | DeskButton::Redirect(id)
            | DeskButton::Extend(id)
            | DeskButton::Close(id) => Some(id),
            _ => None,
        },
        _ => None,
    })
}
