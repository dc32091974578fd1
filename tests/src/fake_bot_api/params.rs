//! Turns a request's parameters into one JSON object, whichever way the bot sent them: a JSON
//! body (teloxide's usual way), `multipart/form-data` (teloxide for every method that can carry a
//! file, even when it sends a `file_id`), a url-encoded form or the query string.

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header::CONTENT_TYPE;
use serde_json::{Map, Value, json};

/// Keys whose values are free text or file ids: kept as strings even when they look like numbers.
const TEXT_KEYS: &[&str] = &[
    "text",
    "caption",
    "name",
    "title",
    "description",
    "short_description",
    "question",
    "explanation",
    "data",
    "url",
    "file_name",
    "photo",
    "document",
    "voice",
    "video",
    "sticker",
    "audio",
    "animation",
    "thumbnail",
    "callback_query_id",
    "inline_message_id",
    "parse_mode",
    "action",
    "emoji",
    "language_code",
    "file_id",
];

/// Reads all parameters of `request` into a JSON object; a body that cannot be read is an error
/// message for a 400.
pub async fn parse(request: Request) -> Result<Value, String> {
    let mut params = Map::new();
    if let Some(query) = request.uri().query() {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(|e| e.to_string())?;
        insert_strings(&mut params, pairs);
    }
    let content_type =
        request.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        read_multipart(request, &mut params).await?;
    } else {
        let body = axum::body::to_bytes(request.into_body(), usize::MAX).await.map_err(|e| e.to_string())?;
        if content_type.starts_with("application/x-www-form-urlencoded") {
            let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).map_err(|e| e.to_string())?;
            insert_strings(&mut params, pairs);
        } else if !body.iter().all(u8::is_ascii_whitespace) {
            match serde_json::from_slice(&body).map_err(|e| e.to_string())? {
                Value::Object(map) => params.extend(map),
                _ => return Err("the body is not a JSON object".into()),
            }
        }
    }
    Ok(Value::Object(params))
}

async fn read_multipart(request: Request, params: &mut Map<String, Value>) -> Result<(), String> {
    let mut multipart = Multipart::from_request(request, &()).await.map_err(|e| e.body_text())?;
    while let Some(field) = multipart.next_field().await.map_err(|e| e.body_text())? {
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(|e| e.body_text())?;
                params.insert(name, json!({ "file_name": file_name, "size": bytes.len() }));
            }
            None => {
                let text = field.text().await.map_err(|e| e.body_text())?;
                params.insert(name.clone(), decode(&name, text));
            }
        }
    }
    Ok(())
}

fn insert_strings(params: &mut Map<String, Value>, pairs: Vec<(String, String)>) {
    for (key, value) in pairs {
        let value = decode(&key, value);
        params.insert(key, value);
    }
}

/// Forms carry only strings: numbers, booleans and JSON-encoded objects (`reply_markup`) are
/// decoded back, except under keys that hold free text.
fn decode(key: &str, text: String) -> Value {
    if TEXT_KEYS.contains(&key) {
        return Value::String(text);
    }
    match serde_json::from_str::<Value>(&text) {
        Ok(value @ (Value::Number(_) | Value::Bool(_) | Value::Object(_) | Value::Array(_))) => value,
        _ => Value::String(text),
    }
}
