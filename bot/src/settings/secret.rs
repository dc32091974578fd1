//! Secrets that must never reach a log.

use std::fmt;

use serde::Deserialize;

/// A secret string (the bot token) whose `Debug` prints nothing of it.
#[derive(Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// The secret itself, for the one place that needs it (the Bot API client).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether no secret was configured.
    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.is_empty() { "Secret(<empty>)" } else { "Secret(<redacted>)" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let secret = Secret("123456:ABC-DEF".into());
        assert!(!format!("{secret:?}").contains("ABC"));
    }
}
