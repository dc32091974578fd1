//! A scripted citizen: each action queues the update Telegram would deliver for it.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value, json};

use super::call::Call;
use super::objects;
use super::state::Shared;

/// A citizen writing to the bot, from their private chat or (see [`in_group`]) from a group.
/// Cheap to clone; made by [`FakeBotApi::user`](super::FakeBotApi::user).
///
/// [`in_group`]: FakeUser::in_group
#[derive(Clone)]
pub struct FakeUser {
    shared: Arc<Shared>,
    user: Value,
    chat: Value,
}

impl FakeUser {
    pub(crate) fn new(shared: Arc<Shared>, user: Value, chat: Value) -> Self {
        Self { shared, user, chat }
    }

    /// The citizen's Telegram user id.
    pub fn id(&self) -> i64 {
        self.user.get("id").and_then(Value::as_i64).unwrap_or_default()
    }

    /// The chat the citizen writes in (their user id, unless [`in_group`](Self::in_group)).
    pub fn chat_id(&self) -> i64 {
        self.chat.get("id").and_then(Value::as_i64).unwrap_or_default()
    }

    /// The same citizen writing in a supergroup (`chat_id` negative, e.g. `-100123`).
    pub fn in_group(&self, chat_id: i64, title: &str) -> FakeUser {
        let chat = objects::supergroup(chat_id, title, false);
        self.shared.lock().chats.insert(chat_id, chat.clone());
        Self { shared: Arc::clone(&self.shared), user: self.user.clone(), chat }
    }

    /// Sends a text message; returns its `message_id`.
    pub fn send_text(&self, text: &str) -> i64 {
        self.send(json!({ "text": text }))
    }

    /// Sends a command line such as `/start` or `/start rate_cson`, with its `bot_command` entity;
    /// returns its `message_id`.
    pub fn send_command(&self, line: &str) -> i64 {
        let command = line.split_whitespace().next().unwrap_or_default();
        let mut content = json!({ "text": line });
        if command.starts_with('/') {
            content["entities"] =
                json!([{ "type": "bot_command", "offset": 0, "length": objects::utf16_len(command) }]);
        }
        self.send(content)
    }

    /// The same user writing in a forum supergroup (topics enabled).
    pub fn in_forum(&self, chat_id: i64, title: &str) -> FakeUser {
        let chat = objects::supergroup(chat_id, title, true);
        self.shared.lock().chats.insert(chat_id, chat.clone());
        Self { shared: Arc::clone(&self.shared), user: self.user.clone(), chat }
    }

    /// Sends a text message in forum topic `thread_id` named `topic_name`: as Telegram does, the
    /// message answers the topic's first service message, which carries the name.
    pub fn send_in_topic(&self, thread_id: i64, topic_name: &str, text: &str) -> i64 {
        let root = json!({
            "message_id": thread_id,
            "chat": self.chat,
            "date": objects::now(),
            "message_thread_id": thread_id,
            "is_topic_message": true,
            "forum_topic_created": { "name": topic_name, "icon_color": 7_322_096 },
        });
        self.send(json!({
            "text": text,
            "message_thread_id": thread_id,
            "is_topic_message": true,
            "reply_to_message": root,
        }))
    }

    /// Sends a text message as a reply to message `to_message_id` of this chat (Telegram
    /// includes the replied message, with its inline keyboard); returns its `message_id`.
    pub fn reply_text(&self, to_message_id: i64, text: &str) -> i64 {
        let replied = self
            .shared
            .lock()
            .messages
            .get(&(self.chat_id(), to_message_id))
            .cloned()
            .unwrap_or_else(|| json!({ "chat": self.chat, "message_id": to_message_id, "date": 0 }));
        self.send(json!({ "text": text, "reply_to_message": replied }))
    }

    /// Presses the inline button with `callback_data` under the bot's message `on_message_id`;
    /// returns the callback query id. The query carries the message as it now stands; one the
    /// fake does not know (deleted, from before a restart) comes as an inaccessible message
    /// (`date` 0), as Telegram sends it.
    pub fn press(&self, callback_data: &str, on_message_id: i64) -> String {
        let (id, message) = {
            let mut inner = self.shared.lock();
            let id = format!("cbq-{}", inner.serial());
            let message = inner
                .messages
                .get(&(self.chat_id(), on_message_id))
                .cloned()
                .unwrap_or_else(|| json!({ "chat": self.chat, "message_id": on_message_id, "date": 0 }));
            (id, message)
        };
        let query = json!({
            "id": id,
            "from": self.user,
            "message": message,
            "chat_instance": format!("ci-{}", self.chat_id()),
            "data": callback_data,
        });
        self.shared.push_update("callback_query", query);
        id
    }

    /// Presses the first inline button on `message` whose label contains `label`; returns the
    /// callback query id, or `None` when `message` has no such button (or was never delivered).
    pub fn press_labelled(&self, message: &Call, label: &str) -> Option<String> {
        let data = message.button(label)?;
        Some(self.press(&data, message.message_id()?))
    }

    /// Waits for the bot's messages to this chat, skipping those without an inline button whose
    /// label contains `label`, up to `timeout` in all; returns the first one that has it.
    pub async fn next_message_with_button(&self, label: &str, timeout: Duration) -> Option<Call> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(tokio::time::Instant::now())?;
            let message = self.next_message(left).await?;
            if message.button(label).is_some() {
                return Some(message);
            }
        }
    }

    /// Sends a photo already on Telegram's servers; an empty `caption` sends none.
    pub fn send_photo(&self, file_id: &str, caption: &str) -> i64 {
        self.send_media("photo", file_id, caption)
    }

    /// Sends a document (a PDF, a scan); an empty `caption` sends none.
    pub fn send_document(&self, file_id: &str, caption: &str) -> i64 {
        self.send_media("document", file_id, caption)
    }

    /// Sends a voice note.
    pub fn send_voice(&self, file_id: &str) -> i64 {
        self.send_media("voice", file_id, "")
    }

    /// Sends a video; an empty `caption` sends none.
    pub fn send_video(&self, file_id: &str, caption: &str) -> i64 {
        self.send_media("video", file_id, caption)
    }

    /// Shares a location.
    pub fn send_location(&self, latitude: f64, longitude: f64) -> i64 {
        self.send(json!({ "location": { "latitude": latitude, "longitude": longitude } }))
    }

    /// Shares the citizen's own contact (as the "share my phone number" button does).
    pub fn send_contact(&self, phone_number: &str) -> i64 {
        let first_name = self.user.get("first_name").cloned().unwrap_or_default();
        self.send(
            json!({ "contact": { "phone_number": phone_number, "first_name": first_name, "user_id": self.id() } }),
        )
    }

    /// Sends a sticker.
    pub fn send_sticker(&self, file_id: &str) -> i64 {
        self.send(json!({ "sticker": objects::media("sticker", file_id) }))
    }

    /// Edits one of the citizen's earlier text messages: queues an `edited_message` update.
    pub fn edit_text(&self, message_id: i64, new_text: &str) {
        let edited = {
            let mut inner = self.shared.lock();
            let key = (self.chat_id(), message_id);
            let mut message = inner.messages.get(&key).cloned().unwrap_or_else(|| self.envelope(message_id));
            message["text"] = json!(new_text);
            message["edit_date"] = json!(objects::now());
            if let Some(map) = message.as_object_mut() {
                map.remove("entities");
            }
            inner.messages.insert(key, message.clone());
            message
        };
        self.shared.push_update("edited_message", edited);
    }

    /// Waits for the next new message the bot sends to this chat (see
    /// [`FakeBotApi::wait_for_message_to`](super::FakeBotApi::wait_for_message_to)).
    pub async fn next_message(&self, timeout: Duration) -> Option<Call> {
        self.shared.wait_for_message_to(self.chat_id(), timeout).await
    }

    /// The citizen blocks the bot: every later call to this chat answers 403.
    pub fn block_bot(&self) {
        self.shared.lock().blocked.insert(self.chat_id());
    }

    fn send_media(&self, kind: &str, file_id: &str, caption: &str) -> i64 {
        let mut content = Map::new();
        content.insert(kind.into(), objects::media(kind, file_id));
        if !caption.is_empty() {
            content.insert("caption".into(), json!(caption));
        }
        self.send(Value::Object(content))
    }

    /// Queues a `message` update with `content` and remembers the message; returns its id.
    fn send(&self, content: Value) -> i64 {
        let (id, message) = {
            let mut inner = self.shared.lock();
            let id = inner.message_id();
            let mut message = self.envelope(id);
            if let (Some(map), Value::Object(content)) = (message.as_object_mut(), content) {
                map.extend(content);
            }
            inner.messages.insert((self.chat_id(), id), message.clone());
            (id, message)
        };
        self.shared.push_update("message", message);
        id
    }

    fn envelope(&self, message_id: i64) -> Value {
        json!({ "message_id": message_id, "from": self.user, "chat": self.chat, "date": objects::now() })
    }
}
