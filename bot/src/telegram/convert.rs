//! Telegram updates into dialogue events. Only this file knows both teloxide's types and the
//! dialogue engine's; the engine itself knows no Telegram.

use dialogs::{Attachment, CallbackData, Event, GeoPoint, MediaKind, Unsupported};
use teloxide::types::{CallbackQuery, Message, Update, UpdateKind};

/// Who and where an update comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub chat_id: i64,
    /// The Telegram user (not logged above debug level).
    pub user_id: Option<u64>,
    /// The user's Telegram interface language, e.g. "ky" or "ru".
    pub language_code: Option<String>,
}

/// What the adapter does with an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    /// An event for the chat's dialogue; `callback_query_id` must be answered.
    Event { origin: Origin, event: Event, callback_query_id: Option<String> },
    /// Nothing to do (channel posts, chat member changes, updates without a chat).
    Ignore,
}

/// Reads an update.
pub fn incoming(update: &Update) -> Incoming {
    match &update.kind {
        UpdateKind::Message(message) => from_message(message, false),
        UpdateKind::EditedMessage(message) => from_message(message, true),
        UpdateKind::CallbackQuery(query) => from_callback(query),
        _ => Incoming::Ignore,
    }
}

fn origin_of(message: &Message) -> Origin {
    Origin {
        chat_id: message.chat.id.0,
        user_id: message.from.as_ref().map(|user| user.id.0),
        language_code: message.from.as_ref().and_then(|user| user.language_code.clone()),
    }
}

fn from_message(message: &Message, edited: bool) -> Incoming {
    let origin = origin_of(message);
    let event = if !message.chat.is_private() {
        Event::GroupChat
    } else if edited {
        Event::Edited
    } else {
        message_event(message, origin.language_code.as_deref())
    };
    Incoming::Event { origin, event, callback_query_id: None }
}

pub(crate) fn message_event(message: &Message, language_code: Option<&str>) -> Event {
    if let Some(text) = message.text() {
        return Event::from_text(text, language_code);
    }
    let caption = message.caption().map(str::to_owned);
    let media = |kind: MediaKind, file_id: &str| Event::Media {
        attachment: Attachment { kind, file_id: file_id.to_owned() },
        caption: caption.clone(),
    };
    if let Some(sizes) = message.photo() {
        // Telegram sends several sizes of one photo, smallest first; keep the largest.
        if let Some(largest) = sizes.last() {
            return media(MediaKind::Photo, &largest.file.id.0);
        }
    }
    if let Some(document) = message.document() {
        return media(MediaKind::Document, &document.file.id.0);
    }
    if let Some(voice) = message.voice() {
        return media(MediaKind::Voice, &voice.file.id.0);
    }
    if let Some(video) = message.video() {
        return media(MediaKind::Video, &video.file.id.0);
    }
    if let Some(audio) = message.audio() {
        return media(MediaKind::Audio, &audio.file.id.0);
    }
    if let Some(note) = message.video_note() {
        return media(MediaKind::VideoNote, &note.file.id.0);
    }
    if let Some(location) = message.location() {
        return Event::Location(GeoPoint { latitude: location.latitude, longitude: location.longitude });
    }
    if let Some(contact) = message.contact() {
        let own = match (contact.user_id, message.from.as_ref()) {
            (Some(contact_user), Some(from)) => contact_user == from.id,
            _ => false,
        };
        return Event::Contact { phone: contact.phone_number.clone(), own };
    }
    let unsupported = if message.sticker().is_some() {
        Unsupported::Sticker
    } else if message.animation().is_some() {
        Unsupported::Animation
    } else if message.poll().is_some() {
        Unsupported::Poll
    } else if message.game().is_some() {
        Unsupported::Game
    } else if message.dice().is_some() {
        Unsupported::Dice
    } else {
        Unsupported::Other
    };
    Event::Unsupported(unsupported)
}

fn from_callback(query: &CallbackQuery) -> Incoming {
    let Some(message) = query.message.as_ref() else { return Incoming::Ignore };
    let chat = message.chat();
    let origin =
        Origin { chat_id: chat.id.0, user_id: Some(query.from.id.0), language_code: query.from.language_code.clone() };
    let event = if !chat.is_private() {
        Event::GroupChat
    } else {
        match query.data.as_deref().map(CallbackData::parse) {
            Some(Ok(data)) => Event::Button(data),
            // Data we never send (none, or over 64 bytes): a button from an old message, which
            // the engine answers as such ("?" decodes to no action), not as an unsupported message.
            _ => CallbackData::parse("?").map_or(Event::Unsupported(Unsupported::Other), Event::Button),
        }
    };
    Incoming::Event { origin, event, callback_query_id: Some(query.id.0.clone()) }
}
