//! Chats and files: `getChat`, `createForumTopic`, `getFile`.

use serde_json::{Value, json};

use super::required_chat;
use crate::fake_bot_api::faults::ApiFailure;
use crate::fake_bot_api::objects;
use crate::fake_bot_api::state::Inner;

/// `getChat`: a `ChatFullInfo` for a known or made-up chat.
pub fn get_chat(inner: &Inner, params: &Value) -> Result<Value, ApiFailure> {
    let chat = required_chat(params)?;
    Ok(objects::chat_full_info(&inner.chat(chat)))
}

/// `createForumTopic`: a `ForumTopic` with a fresh `message_thread_id`.
pub fn create_forum_topic(inner: &mut Inner, params: &Value) -> Result<Value, ApiFailure> {
    required_chat(params)?;
    let name = params.get("name").and_then(Value::as_str).ok_or_else(|| ApiFailure::bad_request("name is required"))?;
    let thread = 1_000 + inner.serial();
    // 0x6FB9F0, the first of the six colours Telegram allows for topic icons.
    let color = params.get("icon_color").and_then(Value::as_i64).unwrap_or(7_322_096);
    Ok(json!({ "message_thread_id": thread, "name": name, "icon_color": color }))
}

/// `getFile`: a path under which `/file/bot<token>/<path>` serves a few placeholder bytes.
pub fn get_file(params: &Value) -> Result<Value, ApiFailure> {
    let file_id =
        params.get("file_id").and_then(Value::as_str).ok_or_else(|| ApiFailure::bad_request("file_id is required"))?;
    Ok(
        json!({ "file_id": file_id, "file_unique_id": format!("u-{file_id}"), "file_size": 16, "file_path": format!("files/{file_id}") }),
    )
}
