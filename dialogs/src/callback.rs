//! Inline button data. Telegram allows at most 64 bytes, so actions are short codes, and the type
//! refuses anything longer at the edge.

use serde::{Deserialize, Serialize};

/// Telegram's limit on callback data, in bytes.
pub const MAX_CALLBACK_BYTES: usize = 64;

/// The data of an inline button: 1 to 64 bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CallbackData(String);

/// Callback data that is empty or longer than 64 bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("callback data must be 1 to 64 bytes, got {0}")]
pub struct InvalidCallbackData(pub usize);

impl CallbackData {
    /// Checks Telegram's limits.
    pub fn parse(raw: &str) -> Result<Self, InvalidCallbackData> {
        if raw.is_empty() || raw.len() > MAX_CALLBACK_BYTES {
            Err(InvalidCallbackData(raw.len()))
        } else {
            Ok(Self(raw.to_owned()))
        }
    }

    /// Data the engine drew itself; every encoding is short (the action tests check them all).
    pub(crate) fn trusted(raw: String) -> Self {
        debug_assert!(!raw.is_empty() && raw.len() <= MAX_CALLBACK_BYTES, "{raw}");
        Self(raw)
    }

    /// The data as sent to and received from Telegram.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CallbackData {
    type Error = InvalidCallbackData;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CallbackData> for String {
    fn from(value: CallbackData) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callback_data_is_one_to_sixty_four_bytes() {
        assert!(CallbackData::parse("").is_err());
        assert!(CallbackData::parse(&"a".repeat(64)).is_ok());
        assert_eq!(CallbackData::parse(&"a".repeat(65)), Err(InvalidCallbackData(65)));
        // Bytes, not characters: 33 Cyrillic letters are 66 bytes.
        assert!(CallbackData::parse(&"ж".repeat(33)).is_err());
        assert!(serde_json_roundtrip_rejects_long());
    }

    fn serde_json_roundtrip_rejects_long() -> bool {
        serde_json::from_str::<CallbackData>(&format!("\"{}\"", "a".repeat(65))).is_err()
    }
}
