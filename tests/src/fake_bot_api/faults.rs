//! Errors the fake answers: the ones a test injects and the ones real Telegram gives for bad
//! requests, with the HTTP status, `error_code` and `description` Telegram uses.

use axum::http::StatusCode;
use serde_json::{Value, json};

/// An error a test asks the fake to answer on the next call of a method (see
/// [`FakeBotApi::fail_next`](super::FakeBotApi::fail_next)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FakeError {
    /// `429 Too Many Requests` with `parameters.retry_after`: teloxide turns it into
    /// `RequestError::RetryAfter`.
    TooManyRequests {
        /// Seconds the bot is told to wait.
        retry_after: u64,
    },
    /// `500 Internal Server Error`. Beware: teloxide sleeps 10 s after any 5xx before it reads the
    /// body, so a test that injects this waits at least that long.
    ServerError,
    /// `403 Forbidden: bot was blocked by the user` (teloxide's `ApiError::BotBlocked`).
    Forbidden,
    /// `400 Bad Request: <description>`, for any other refusal.
    BadRequest(String),
}

/// A failed answer: what the fake sends back instead of `{"ok":true,…}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiFailure {
    /// Telegram repeats the HTTP status as `error_code`.
    pub code: u16,
    /// The human-readable `description`; teloxide matches on it to pick an `ApiError`.
    pub description: String,
    /// `parameters.retry_after`, for 429 only.
    pub retry_after: Option<u64>,
}

impl ApiFailure {
    /// `400 Bad Request: <what>`.
    pub fn bad_request(what: &str) -> Self {
        Self { code: 400, description: format!("Bad Request: {what}"), retry_after: None }
    }

    /// The answer to a method the fake does not implement (Telegram says the same).
    pub fn method_not_found() -> Self {
        Self { code: 404, description: "Not Found: method not found".into(), retry_after: None }
    }

    /// The answer to a request with the wrong token.
    pub fn unauthorized() -> Self {
        Self { code: 401, description: "Unauthorized".into(), retry_after: None }
    }

    /// The HTTP status to send with it.
    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.code).unwrap_or(StatusCode::BAD_REQUEST)
    }

    /// The JSON body Telegram sends for it.
    pub fn body(&self) -> Value {
        let mut body = json!({ "ok": false, "error_code": self.code, "description": self.description });
        if let (Some(seconds), Some(map)) = (self.retry_after, body.as_object_mut()) {
            map.insert("parameters".into(), json!({ "retry_after": seconds }));
        }
        body
    }
}

impl From<FakeError> for ApiFailure {
    fn from(error: FakeError) -> Self {
        match error {
            FakeError::TooManyRequests { retry_after } => Self {
                code: 429,
                description: format!("Too Many Requests: retry after {retry_after}"),
                retry_after: Some(retry_after),
            },
            FakeError::ServerError => {
                Self { code: 500, description: "Internal Server Error".into(), retry_after: None }
            }
            FakeError::Forbidden => {
                Self { code: 403, description: "Forbidden: bot was blocked by the user".into(), retry_after: None }
            }
            FakeError::BadRequest(what) => Self::bad_request(&what),
        }
    }
}
