//! Methods that put a new message in a chat: `sendMessage`, `sendPhoto`/`sendDocument`/
//! `sendVoice`/`sendVideo`, `copyMessage`, `forwardMessage`.

use serde_json::{Map, Value, json};

use super::{required_chat, required_int};
use crate::fake_bot_api::faults::ApiFailure;
use crate::fake_bot_api::objects;
use crate::fake_bot_api::state::Inner;

/// Fields that describe a message rather than its content: not carried over by a copy.
const ENVELOPE: &[&str] =
    &["message_id", "from", "chat", "date", "edit_date", "forward_origin", "reply_markup", "message_thread_id"];

/// `sendMessage`.
pub fn send_message(inner: &mut Inner, params: &Value) -> Result<Value, ApiFailure> {
    let chat = required_chat(params)?;
    let text = params.get("text").and_then(Value::as_str).unwrap_or_default();
    if text.trim().is_empty() {
        return Err(ApiFailure::bad_request("message text is empty"));
    }
    if objects::utf16_len(text) > 4_096 {
        return Err(ApiFailure::bad_request("message is too long"));
    }
    let mut content = Map::new();
    content.insert("text".into(), json!(text));
    Ok(new_message(inner, chat, content, params))
}

/// `sendPhoto` and its kin, by `file_id` or by upload (which gets a made-up `file_id`).
pub fn send_media(inner: &mut Inner, params: &Value, kind: &str) -> Result<Value, ApiFailure> {
    let chat = required_chat(params)?;
    let file_id = match params.get(kind) {
        Some(Value::String(id)) if !id.starts_with("attach://") => id.clone(),
        Some(_) => format!("uploaded-{}", inner.serial()),
        None => return Err(ApiFailure::bad_request(&format!("there is no {kind} in the request"))),
    };
    let mut content = Map::new();
    content.insert(kind.into(), objects::media(kind, &file_id));
    if let Some(caption) = params.get("caption") {
        content.insert("caption".into(), caption.clone());
    }
    Ok(new_message(inner, chat, content, params))
}

/// `copyMessage` (answers `{message_id}`) and `forwardMessage` (answers the new message, with
/// its `forward_origin`).
pub fn copy_message(inner: &mut Inner, params: &Value, forward: bool) -> Result<Value, ApiFailure> {
    let chat = required_chat(params)?;
    let from_chat = params
        .get("from_chat_id")
        .and_then(crate::fake_bot_api::call::int_of)
        .ok_or_else(|| ApiFailure::bad_request("chat not found"))?;
    let id = required_int(params, "message_id")?;
    let what = if forward { "message to forward not found" } else { "message to copy not found" };
    let source = inner.messages.get(&(from_chat, id)).cloned().ok_or_else(|| ApiFailure::bad_request(what))?;
    let mut content: Map<String, Value> = source
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(key, _)| !ENVELOPE.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    if forward {
        let origin = match source.get("from") {
            Some(user) => json!({ "type": "user", "sender_user": user, "date": source.get("date") }),
            None => json!({ "type": "chat", "sender_chat": source.get("chat"), "date": source.get("date") }),
        };
        content.insert("forward_origin".into(), origin);
    } else if let Some(caption) = params.get("caption") {
        content.insert("caption".into(), caption.clone());
    }
    let message = new_message(inner, chat, content, params);
    if forward { Ok(message) } else { Ok(json!({ "message_id": message.get("message_id") })) }
}

/// Builds a message from the bot in `chat` with `content`, remembers it and returns it.
///
/// Only an inline keyboard is echoed back as `reply_markup`: Telegram never returns a reply
/// keyboard in a `Message`, and teloxide would fail to parse one there.
fn new_message(inner: &mut Inner, chat: i64, content: Map<String, Value>, params: &Value) -> Value {
    let id = inner.message_id();
    let mut message =
        json!({ "message_id": id, "from": objects::bot_user(), "chat": inner.chat(chat), "date": objects::now() });
    if let Some(map) = message.as_object_mut() {
        map.extend(content);
        if let Some(thread) = params.get("message_thread_id").and_then(crate::fake_bot_api::call::int_of) {
            map.insert("message_thread_id".into(), json!(thread));
            map.insert("is_topic_message".into(), json!(true));
        }
        if let Some(markup) = inline_markup(params) {
            map.insert("reply_markup".into(), markup);
        }
    }
    inner.messages.insert((chat, id), message.clone());
    message
}

/// The request's `reply_markup` when it is an inline keyboard.
pub(super) fn inline_markup(params: &Value) -> Option<Value> {
    params.get("reply_markup").filter(|markup| markup.get("inline_keyboard").is_some()).cloned()
}
