//! Sessions and CSRF: random tokens, their SHA-256 (all the database keeps), the session cookie
//! and the checks every request goes through.

use axum::http::header::{COOKIE, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rand::Rng;
use sha2::{Digest, Sha256};
use tickets::store::WebSession;

use super::ConsoleState;
use super::{html, text};

/// The session cookie's name.
pub const COOKIE_NAME: &str = "kairyluu_console";

/// Length of a token: 32 characters of a 62-letter alphabet, about 190 bits.
const LENGTH: usize = 32;
const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// A fresh random token (login link, session id or CSRF token).
pub fn token() -> String {
    let mut rng = rand::rng();
    (0..LENGTH).map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())])).collect()
}

/// Whether `text` has the shape of a token (anything else is refused before the database).
pub fn well_formed(text: &str) -> bool {
    text.len() == LENGTH && text.bytes().all(|b| ALPHABET.contains(&b))
}

/// What the database keeps of a token.
pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Equal without revealing, by its timing, how much of the guess was right.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The `Set-Cookie` value that opens a session for `max_age_secs` (0 ends it).
pub fn session_cookie(value: &str, max_age_secs: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE_NAME}={value}; Path=/console; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{secure}")
}

/// The session cookie's value in a request, if any.
pub fn cookie_value(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == COOKIE_NAME && well_formed(value))
        .map(|(_, value)| value.to_owned())
}

/// Where a request without a live session goes: the page that explains how to sign in.
pub fn to_sign_in() -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    response.headers_mut().insert(LOCATION, HeaderValue::from_static("/console/signin"));
    response
}

/// The live session of the request, or the response to send instead.
pub async fn session(state: &ConsoleState, headers: &HeaderMap) -> Result<WebSession, Response> {
    let Some(cookie) = cookie_value(headers) else { return Err(to_sign_in()) };
    match state.desk().store().web_session(&hash(&cookie), state.desk().now()).await {
        Ok(Some(session)) => Ok(session),
        Ok(None) => Err(to_sign_in()),
        Err(error) => Err(html::failed(text::of_request(headers), &error)),
    }
}

/// The live session of an administrator; anyone else gets the same 404 as for a missing page.
pub async fn admin_session(state: &ConsoleState, headers: &HeaderMap) -> Result<WebSession, Response> {
    let session = session(state, headers).await?;
    if session.admin { Ok(session) } else { Err(html::not_found(text::of_session(&session))) }
}

/// The refusal of a form whose CSRF token is missing or not the session's (nothing is done
/// then); `None` when the token is right.
pub fn refuse_csrf(session: &WebSession, sent: Option<&str>) -> Option<Response> {
    match sent {
        Some(sent) if constant_time_eq(sent.as_bytes(), session.csrf_token.as_bytes()) => None,
        _ => {
            tracing::info!(officer = session.officer.officer.id, "console form refused: bad CSRF token");
            Some(html::forbidden(text::of_session(session), "csrf-title", "csrf-text"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_well_formed_distinct_and_hashed_to_hex() {
        let (a, b) = (token(), token());
        assert!(well_formed(&a));
        assert_ne!(a, b);
        assert_eq!(hash(&a).len(), 64);
        assert!(!well_formed("short"));
        assert!(!well_formed(&"-".repeat(32)));
    }

    #[test]
    fn constant_time_eq_compares_whole_values() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
        assert!(!constant_time_eq(b"", b"a"));
    }

    #[test]
    fn the_cookie_is_http_only_strict_and_secure_only_over_https() {
        let cookie = session_cookie("v", 60, true);
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.ends_with("; Secure"));
        assert!(!session_cookie("v", 60, false).contains("Secure"));
    }

    #[test]
    fn the_cookie_is_read_among_others_and_only_when_well_formed() {
        let value = token();
        let mut headers = HeaderMap::new();
        let line = format!("other=1; {COOKIE_NAME}={value}; x=y");
        headers.insert(COOKIE, HeaderValue::from_str(&line).unwrap_or(HeaderValue::from_static("")));
        assert_eq!(cookie_value(&headers), Some(value));
        let mut bad = HeaderMap::new();
        bad.insert(COOKIE, HeaderValue::from_static("kairyluu_console=../../etc"));
        assert_eq!(cookie_value(&bad), None);
    }
}
