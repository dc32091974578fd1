//! What a bot calls once at start: `getMe`, webhook housekeeping, the command menus.

use serde_json::{Value, json};

use crate::fake_bot_api::objects;
use crate::fake_bot_api::state::Inner;

/// `getMe`: the bot `@kairyluu_test_bot`.
pub fn get_me() -> Value {
    objects::me()
}

/// `getWebhookInfo`: the URL `setWebhook` set, if any (teloxide's polling asks before `deleteWebhook`).
pub fn get_webhook_info(inner: &Inner) -> Value {
    json!({ "url": inner.webhook_url, "has_custom_certificate": false, "pending_update_count": inner.updates.len() })
}

/// `setWebhook`: remembers the URL (the call itself, with its `secret_token`, is recorded like
/// every call). The fake never posts to it: a test takes the queued updates with
/// `take_updates` and posts them itself, as Telegram would.
pub fn set_webhook(inner: &mut Inner, params: &Value) -> Value {
    inner.webhook_url = params.get("url").and_then(Value::as_str).unwrap_or_default().to_owned();
    Value::Bool(true)
}

/// `deleteWebhook`, which with `drop_pending_updates` also forgets the queued updates.
pub fn delete_webhook(inner: &mut Inner, params: &Value) -> Value {
    if params.get("drop_pending_updates").and_then(Value::as_bool) == Some(true) {
        inner.updates.clear();
    }
    inner.webhook_url.clear();
    Value::Bool(true)
}

/// `setMyCommands`: remembered per scope and language, as Telegram does.
pub fn set_my_commands(inner: &mut Inner, params: &Value) -> Value {
    let commands = params.get("commands").cloned().unwrap_or_else(|| json!([]));
    inner.commands.insert(menu_key(params), commands);
    Value::Bool(true)
}

/// `getMyCommands`: what `setMyCommands` stored for the same scope and language.
pub fn get_my_commands(inner: &Inner, params: &Value) -> Value {
    inner.commands.get(&menu_key(params)).cloned().unwrap_or_else(|| json!([]))
}

/// `deleteMyCommands`.
pub fn delete_my_commands(inner: &mut Inner, params: &Value) -> Value {
    inner.commands.remove(&menu_key(params));
    Value::Bool(true)
}

/// Menus differ by scope (default when absent) and language (all when absent).
fn menu_key(params: &Value) -> String {
    let scope = params.get("scope").cloned().unwrap_or_else(|| json!({ "type": "default" }));
    let language = params.get("language_code").and_then(Value::as_str).unwrap_or_default();
    format!("{scope}|{language}")
}
