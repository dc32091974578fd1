//! Invite tokens: the random part of an officer's one-time sign-up link
//! (`https://t.me/<bot>?start=inv_<token>`). Only their SHA-256 is stored.

use rand::Rng;

/// The deep-link payload prefix that marks an invite.
pub const START_PREFIX: &str = "inv_";

/// Length of a token: 32 characters of a 62-letter alphabet, about 190 bits.
const LENGTH: usize = 32;
const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// A well-formed invite token (not necessarily one that was issued).
#[derive(Clone, PartialEq, Eq)]
pub struct InviteToken(String);

impl InviteToken {
    /// A fresh random token.
    pub fn generate() -> Self {
        let mut rng = rand::rng();
        Self((0..LENGTH).map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())])).collect())
    }

    /// The token of a `/start` payload (`inv_…`), if it is one.
    pub fn from_start_payload(payload: &str) -> Option<Self> {
        let token = payload.trim().strip_prefix(START_PREFIX)?;
        (token.len() == LENGTH && token.bytes().all(|b| ALPHABET.contains(&b))).then(|| Self(token.to_owned()))
    }

    /// What the database keeps.
    pub fn hash(&self) -> String {
        crate::digest::sha256_hex(self.0.as_bytes())
    }

    /// The deep link that redeems this token with bot `username`.
    pub fn link(&self, username: &str) -> String {
        format!("https://t.me/{}?start={START_PREFIX}{}", username.trim_start_matches('@'), self.0)
    }
}

// A token is a password until used: never print it by accident.
impl std::fmt::Debug for InviteToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InviteToken(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_token_round_trips_through_its_link() {
        let token = InviteToken::generate();
        let link = token.link("@kairyluu_bot");
        let payload = link.strip_prefix("https://t.me/kairyluu_bot?start=").unwrap();
        assert!(payload.len() <= 64, "Telegram's start parameter is at most 64 characters");
        assert_eq!(InviteToken::from_start_payload(payload), Some(token.clone()));
        assert_eq!(token.hash().len(), 64);
        assert!(!format!("{token:?}").contains(&payload[4..]));
    }

    #[test]
    fn two_tokens_differ() {
        assert_ne!(InviteToken::generate(), InviteToken::generate());
    }

    #[test]
    fn malformed_payloads_are_not_tokens() {
        assert_eq!(InviteToken::from_start_payload("inv_short"), None);
        assert_eq!(InviteToken::from_start_payload(&format!("inv_{}", "-".repeat(32))), None);
        assert_eq!(InviteToken::from_start_payload(&"a".repeat(36)), None);
    }
}
