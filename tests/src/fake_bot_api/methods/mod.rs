//! The Bot API methods the fake implements, one small group per file, and the table that routes a
//! method name to its handler.

mod chats;
mod edits;
mod messages;
mod setup;
mod updates;

use serde_json::Value;

use super::call::chat_id_of;
use super::faults::{ApiFailure, FakeError};
use super::state::Shared;

/// Every method the fake answers, in Telegram's spelling.
const KNOWN: &[&str] = &[
    "getMe",
    "getUpdates",
    "getWebhookInfo",
    "deleteWebhook",
    "setWebhook",
    "setMyCommands",
    "getMyCommands",
    "deleteMyCommands",
    "sendMessage",
    "sendPhoto",
    "sendDocument",
    "sendVoice",
    "sendVideo",
    "copyMessage",
    "forwardMessage",
    "editMessageText",
    "editMessageReplyMarkup",
    "deleteMessage",
    "answerCallbackQuery",
    "sendChatAction",
    "getChat",
    "createForumTopic",
    "getFile",
];

/// Telegram matches method names case-insensitively and teloxide sends them capitalised
/// (`/bot<token>/SendMessage`), so calls are recorded under Telegram's lower camel spelling;
/// an unknown name just gets its first letter lowered.
pub fn normalise(method: &str) -> String {
    if let Some(known) = KNOWN.iter().find(|known| known.eq_ignore_ascii_case(method)) {
        return (*known).to_owned();
    }
    let mut chars = method.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// Answers one call: the `result` on success.
pub async fn dispatch(shared: &Shared, method: &str, params: &Value) -> Result<Value, ApiFailure> {
    if method == "getUpdates" {
        return Ok(updates::get_updates(shared, params).await);
    }
    let mut inner = shared.lock();
    if let Some(chat) = chat_id_of(params)
        && inner.blocked.contains(&chat)
    {
        return Err(FakeError::Forbidden.into());
    }
    match method {
        "getMe" => Ok(setup::get_me()),
        "getWebhookInfo" => Ok(setup::get_webhook_info(&inner)),
        "deleteWebhook" => Ok(setup::delete_webhook(&mut inner, params)),
        "setWebhook" => Ok(setup::set_webhook(&mut inner, params)),
        "setMyCommands" => Ok(setup::set_my_commands(&mut inner, params)),
        "getMyCommands" => Ok(setup::get_my_commands(&inner, params)),
        "deleteMyCommands" => Ok(setup::delete_my_commands(&mut inner, params)),
        "sendMessage" => messages::send_message(&mut inner, params),
        "sendPhoto" => messages::send_media(&mut inner, params, "photo"),
        "sendDocument" => messages::send_media(&mut inner, params, "document"),
        "sendVoice" => messages::send_media(&mut inner, params, "voice"),
        "sendVideo" => messages::send_media(&mut inner, params, "video"),
        "copyMessage" => messages::copy_message(&mut inner, params, false),
        "forwardMessage" => messages::copy_message(&mut inner, params, true),
        "editMessageText" => edits::edit_message(&mut inner, params, true),
        "editMessageReplyMarkup" => edits::edit_message(&mut inner, params, false),
        "deleteMessage" => edits::delete_message(&mut inner, params),
        "answerCallbackQuery" | "sendChatAction" => Ok(Value::Bool(true)),
        "getChat" => chats::get_chat(&inner, params),
        "createForumTopic" => chats::create_forum_topic(&mut inner, params),
        "getFile" => chats::get_file(params),
        _ => Err(ApiFailure::method_not_found()),
    }
}

/// The `chat_id` of a request, or the error Telegram gives without a usable one.
fn required_chat(params: &Value) -> Result<i64, ApiFailure> {
    chat_id_of(params).ok_or_else(|| ApiFailure::bad_request("chat not found"))
}

/// A required integer parameter such as `message_id`.
fn required_int(params: &Value, key: &str) -> Result<i64, ApiFailure> {
    params.get(key).and_then(super::call::int_of).ok_or_else(|| ApiFailure::bad_request(&format!("{key} is required")))
}
