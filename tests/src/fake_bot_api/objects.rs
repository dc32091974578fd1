//! JSON builders for the Bot API objects the fake hands out, shaped so that teloxide 0.17
//! (teloxide-core 0.13) parses them: every field its deserialisers require is present.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

/// The bot's user id: the part of [`TOKEN`] before the colon, as in a real token.
pub const BOT_ID: i64 = 123_456;

/// The token the fake accepts; any other token gets `401 Unauthorized`.
pub const TOKEN: &str = "123456:TEST";

/// The bot's username, as `getMe` reports it.
pub const BOT_USERNAME: &str = "kairyluu_test_bot";

/// The bot as a `User` (the `from` of every message it sends).
pub fn bot_user() -> Value {
    json!({ "id": BOT_ID, "is_bot": true, "first_name": "Kairyluu", "username": BOT_USERNAME })
}

/// The answer to `getMe`: teloxide's `Me` requires the four capability flags.
pub fn me() -> Value {
    let mut me = bot_user();
    if let Some(map) = me.as_object_mut() {
        map.insert("can_join_groups".into(), json!(true));
        map.insert("can_read_all_group_messages".into(), json!(false));
        map.insert("supports_inline_queries".into(), json!(false));
        map.insert("can_connect_to_business".into(), json!(false));
        map.insert("has_main_web_app".into(), json!(false));
    }
    me
}

/// A citizen as a `User`; an empty `language_code` leaves the field out, as Telegram does when
/// the client does not say.
pub fn user(id: i64, first_name: &str, language_code: &str) -> Value {
    let mut user = json!({ "id": id, "is_bot": false, "first_name": first_name });
    if !language_code.is_empty()
        && let Some(map) = user.as_object_mut()
    {
        map.insert("language_code".into(), json!(language_code));
    }
    user
}

/// A private chat with a citizen: its id is the citizen's user id.
pub fn private_chat(id: i64, first_name: &str) -> Value {
    json!({ "id": id, "type": "private", "first_name": first_name })
}

/// A supergroup (officers' group, forum): ids of supergroups are negative (`-100…`).
pub fn supergroup(id: i64, title: &str, is_forum: bool) -> Value {
    json!({ "id": id, "type": "supergroup", "title": title, "is_forum": is_forum })
}

/// A chat the fake was never told about: private for positive ids, a supergroup otherwise.
pub fn unknown_chat(id: i64) -> Value {
    if id > 0 { private_chat(id, &format!("User {id}")) } else { supergroup(id, &format!("Chat {id}"), false) }
}

/// `getChat` answers a `ChatFullInfo`, which teloxide parses only with `accepted_gift_types` and
/// `max_reaction_count` present.
pub fn chat_full_info(chat: &Value) -> Value {
    let mut full = chat.clone();
    if let Some(map) = full.as_object_mut() {
        map.insert("accent_color_id".into(), json!(0));
        map.insert("max_reaction_count".into(), json!(11));
        map.insert(
            "accepted_gift_types".into(),
            json!({ "unlimited_gifts": false, "limited_gifts": false, "unique_gifts": false, "premium_subscription": false }),
        );
    }
    full
}

/// Sizes of a photo as Telegram lists them: a thumbnail and the full picture share a file.
pub fn photo_sizes(file_id: &str) -> Value {
    json!([
        { "file_id": format!("{file_id}-s"), "file_unique_id": format!("u-{file_id}-s"), "file_size": 1_024, "width": 90, "height": 67 },
        { "file_id": file_id, "file_unique_id": format!("u-{file_id}"), "file_size": 65_536, "width": 1_280, "height": 960 },
    ])
}

/// The media object of a message for `kind` (`photo`, `document`, `voice`, `video`, `sticker`).
pub fn media(kind: &str, file_id: &str) -> Value {
    let unique = format!("u-{file_id}");
    match kind {
        "photo" => photo_sizes(file_id),
        "voice" => {
            json!({ "file_id": file_id, "file_unique_id": unique, "file_size": 8_192, "duration": 3, "mime_type": "audio/ogg" })
        }
        "video" => {
            json!({ "file_id": file_id, "file_unique_id": unique, "file_size": 262_144, "width": 640, "height": 480, "duration": 5, "mime_type": "video/mp4" })
        }
        "sticker" => json!({
            "file_id": file_id, "file_unique_id": unique, "file_size": 4_096, "type": "regular",
            "width": 512, "height": 512, "is_animated": false, "is_video": false, "emoji": "👍"
        }),
        _ => {
            json!({ "file_id": file_id, "file_unique_id": unique, "file_size": 16_384, "file_name": format!("{file_id}.pdf") })
        }
    }
}

/// Seconds since the Unix epoch, the unit of every `date` in the Bot API.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Entity offsets and lengths count UTF-16 code units, not bytes or chars.
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}
