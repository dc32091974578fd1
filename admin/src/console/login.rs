//! Signing in and out: the link `/web` sends, the page that explains how to get one, and logout.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use tickets::store::{NewLoginLink, NewSession, SignIn, StoreError, Tx};

use super::html::esc;
use super::text::{self, t};
use super::{ConsoleState, auth, html};

/// Why no login link could be made.
#[derive(Debug, thiserror::Error)]
pub enum LoginLinkError {
    #[error("storing the login link: {0}")]
    Store(#[from] StoreError),
}

/// Creates a one-time login link for officer `officer_id`, valid `minutes` from `now`, and
/// returns `<public_url>/console/login/<token>`, inside the caller's transaction. Only the
/// token's SHA-256 is stored.
pub async fn create_login_link(
    tx: &mut dyn Tx,
    officer_id: i64,
    now: DateTime<Utc>,
    minutes: u32,
    public_url: &str,
) -> Result<String, LoginLinkError> {
    let token = auth::token();
    let hash = auth::hash(&token);
    let link = NewLoginLink {
        token_hash: &hash,
        officer_id,
        created_at: now,
        expires_at: now + Duration::minutes(i64::from(minutes)),
    };
    tx.create_login_link(&link).await?;
    Ok(format!("{}/console/login/{token}", public_url.trim_end_matches('/')))
}

/// Where anyone without a session lands, in the browser's language.
pub async fn explain(headers: HeaderMap) -> Response {
    let lang = text::of_request(&headers);
    let body = format!("<p>{}</p>", esc(&t(lang, "signin-text")).replace("/web", "<b>/web</b>"));
    html::page(lang, &t(lang, "signin-title"), None, &body).into_response()
}

/// Opens a session from a login link.
pub async fn redeem(State(state): State<ConsoleState>, headers: HeaderMap, Path(token): Path<String>) -> Response {
    // No session yet: the browser's language, until the officer's is known.
    let lang = text::of_request(&headers);
    let refused = || html::forbidden(lang, "link-refused-title", "link-refused-text");
    if !auth::well_formed(&token) {
        return refused();
    }
    let session_id = auth::token();
    let session_hash = auth::hash(&session_id);
    let csrf = auth::token();
    let now = state.desk().now();
    let hours = state.0.session_hours;
    let session =
        NewSession { id_hash: &session_hash, csrf_token: &csrf, expires_at: now + Duration::hours(i64::from(hours)) };
    match state.desk().store().sign_in(&auth::hash(&token), &session, now).await {
        Ok(SignIn::SignedIn(officer)) => {
            tracing::info!(officer = officer.officer.id, "console sign-in");
            // A page that moves on by itself rather than a redirect: a SameSite=Strict cookie set
            // while arriving from Telegram (another site) is not sent along that site's redirect.
            let lang = text::Lang::of_chat(officer.lang);
            let body = format!(
                r#"<p>{} <a href="/console/">{}</a>.</p>"#,
                esc(&t(lang, "signed-in-text")),
                esc(&t(lang, "signed-in-open"))
            );
            let page = html::page(lang, &t(lang, "signed-in-title"), None, &body)
                .0
                .replace("<head>", r#"<head><meta http-equiv="refresh" content="0;url=/console/">"#);
            let cookie = auth::session_cookie(&session_id, i64::from(hours) * 3600, state.0.secure);
            let mut response = (StatusCode::OK, axum::response::Html(page)).into_response();
            match HeaderValue::from_str(&cookie) {
                Ok(value) => {
                    response.headers_mut().insert(SET_COOKIE, value);
                    response
                }
                Err(error) => html::failed(lang, &error),
            }
        }
        Ok(other) => {
            tracing::info!(reason = other.code(), "console sign-in refused");
            refused()
        }
        Err(error) => html::failed(lang, &error),
    }
}

#[derive(serde::Deserialize)]
pub struct CsrfForm {
    csrf: Option<String>,
}

/// Ends the session and forgets the cookie.
pub async fn logout(State(state): State<ConsoleState>, headers: HeaderMap, Form(form): Form<CsrfForm>) -> Response {
    let session = match auth::session(&state, &headers).await {
        Ok(session) => session,
        Err(response) => return response,
    };
    if let Some(response) = auth::refuse_csrf(&session, form.csrf.as_deref()) {
        return response;
    }
    let Some(cookie) = auth::cookie_value(&headers) else { return auth::to_sign_in() };
    if let Err(error) = state.desk().store().end_session(&auth::hash(&cookie), state.desk().now()).await {
        return html::failed(text::of_session(&session), &error);
    }
    let mut response = auth::to_sign_in();
    if let Ok(value) = HeaderValue::from_str(&auth::session_cookie("", 0, state.0.secure)) {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    response
}
