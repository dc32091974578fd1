//! The console's HTML: escaping and the page frame. Plain server-rendered forms, no JavaScript.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use tickets::store::WebSession;

use super::ConsoleState;
use super::text::{self, Lang, t};

pub use crate::escape::html as esc;

/// A hidden field with the session's CSRF token, for every form.
pub fn csrf_field(session: &WebSession) -> String {
    format!(r#"<input type="hidden" name="csrf" value="{}">"#, esc(&session.csrf_token))
}

/// The administrators' pages, by path and the message naming them.
const ADMIN_PAGES: [(&str, &str); 5] = [
    ("agencies", "nav-agencies"),
    ("officers", "nav-officers"),
    ("invites", "nav-invites"),
    ("audit", "nav-audit"),
    ("sla", "nav-sla"),
];

/// A whole page in `lang`: the navigation when signed in (with the agency's name in `agency`),
/// then `body`.
pub fn page(lang: Lang, title: &str, signed_in: Option<(&WebSession, &str)>, body: &str) -> Html<String> {
    let nav = match signed_in {
        Some((session, agency)) => {
            let admin: String = if session.admin {
                ADMIN_PAGES
                    .iter()
                    .map(|(path, id)| format!(r#" · <a href="/console/admin/{path}">{}</a>"#, esc(&t(lang, id))))
                    .collect()
            } else {
                String::new()
            };
            format!(
                r#"<nav><a href="/console/">{queue}</a>{admin} · <span>{agency} · {role}</span>
<form method="post" action="/console/logout" class="inline">{csrf}<button>{sign_out}</button></form></nav>"#,
                queue = esc(&t(lang, "nav-queue")),
                agency = esc(agency),
                role = esc(&text::role(lang, session.officer.officer.role)),
                csrf = csrf_field(session),
                sign_out = esc(&t(lang, "nav-sign-out")),
            )
        }
        None => String::new(),
    };
    Html(format!(
        r#"<!doctype html><html lang="{code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{title} · Kairyluu</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.3em .5em;text-align:left}}.inline{{display:inline}}.notice{{background:#ffe;padding:.5em}}
form.action{{margin:.5em 0;padding:.5em;border:1px solid #ddd}}</style></head>
<body>{nav}<h1>{title}</h1>{body}</body></html>"#,
        title = esc(title),
        code = lang.code(),
    ))
}

/// 404 with the same page whether the thing is missing or belongs to someone else, so ids
/// cannot be probed.
pub fn not_found(lang: Lang) -> Response {
    (StatusCode::NOT_FOUND, message(lang, "not-found-title", "not-found-text")).into_response()
}

/// A request the console refuses (a bad or missing CSRF token, a spent login link).
pub fn forbidden(lang: Lang, title_id: &str, text_id: &str) -> Response {
    (StatusCode::FORBIDDEN, message(lang, title_id, text_id)).into_response()
}

/// A page of one message, without navigation.
pub fn message(lang: Lang, title_id: &str, text_id: &str) -> Html<String> {
    page(lang, &t(lang, title_id), None, &format!("<p>{}</p>", esc(&t(lang, text_id))))
}

/// The database or the desk failed; the cause is logged, not shown.
pub fn failed(lang: Lang, error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "console request failed");
    (StatusCode::INTERNAL_SERVER_ERROR, message(lang, "failed-title", "failed-text")).into_response()
}

/// A page for the signed-in officer, in their language, with their agency's name in it.
pub fn officer_page(state: &ConsoleState, session: &WebSession, title: &str, body: &str) -> Response {
    let lang = text::of_session(session);
    let agency = text::agency(state, lang, &session.officer.officer.agency);
    page(lang, title, Some((session, &agency)), body).into_response()
}
