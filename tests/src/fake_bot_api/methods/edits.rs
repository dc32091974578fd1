//! Methods that change or remove a message already in a chat: `editMessageText`,
//! `editMessageReplyMarkup`, `deleteMessage`.

use serde_json::{Value, json};

use super::messages::inline_markup;
use super::{required_chat, required_int};
use crate::fake_bot_api::faults::ApiFailure;
use crate::fake_bot_api::objects;
use crate::fake_bot_api::state::Inner;

/// Edits text (when `text` is true) or only the keyboard. As in Telegram, an edit without
/// `reply_markup` removes the inline keyboard, an edit that changes nothing is refused with
/// "message is not modified", and an inline message answers `true`.
pub fn edit_message(inner: &mut Inner, params: &Value, text: bool) -> Result<Value, ApiFailure> {
    if params.get("inline_message_id").is_some() {
        return Ok(Value::Bool(true));
    }
    let chat = required_chat(params)?;
    let id = required_int(params, "message_id")?;
    let new_text = if text {
        let new_text = params.get("text").and_then(Value::as_str).unwrap_or_default();
        if new_text.trim().is_empty() {
            return Err(ApiFailure::bad_request("message text is empty"));
        }
        Some(new_text)
    } else {
        None
    };
    let markup = inline_markup(params);
    let message =
        inner.messages.get_mut(&(chat, id)).ok_or_else(|| ApiFailure::bad_request("message to edit not found"))?;
    let same_text = new_text.is_none_or(|t| message.get("text").and_then(Value::as_str) == Some(t));
    if same_text && message.get("reply_markup") == markup.as_ref() {
        return Err(ApiFailure::bad_request(
            "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
        ));
    }
    let Some(map) = message.as_object_mut() else {
        return Err(ApiFailure::bad_request("message can't be edited"));
    };
    if let Some(new_text) = new_text {
        map.insert("text".into(), json!(new_text));
        map.remove("entities");
    }
    match markup {
        Some(markup) => map.insert("reply_markup".into(), markup),
        None => map.remove("reply_markup"),
    };
    map.insert("edit_date".into(), json!(objects::now()));
    Ok(message.clone())
}

/// `deleteMessage`.
pub fn delete_message(inner: &mut Inner, params: &Value) -> Result<Value, ApiFailure> {
    let chat = required_chat(params)?;
    let id = required_int(params, "message_id")?;
    match inner.messages.remove(&(chat, id)) {
        Some(_) => Ok(Value::Bool(true)),
        None => Err(ApiFailure::bad_request("message to delete not found")),
    }
}
