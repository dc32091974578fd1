//! Administrators: the latest audit entries (actions, refusals, sign-ins); never message text.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use fluent_bundle::FluentValue;

use super::html::esc;
use super::text::{self, t, t_args};
use super::{ConsoleState, auth, html};

const SHOWN: i64 = 200;

pub async fn page(State(state): State<ConsoleState>, headers: HeaderMap) -> Response {
    let session = match auth::admin_session(&state, &headers).await {
        Ok(session) => session,
        Err(response) => return response,
    };
    let lang = text::of_session(&session);
    let entries = match state.desk().store().recent_audit(SHOWN).await {
        Ok(entries) => entries,
        Err(error) => return html::failed(lang, &error),
    };
    let tz = state.desk().calendar().timezone();
    let head: String = ["col-when", "col-ticket", "col-who", "col-action", "col-detail"]
        .iter()
        .map(|id| format!("<th>{}</th>", esc(&t(lang, id))))
        .collect();
    // Actions stay as their stable codes: they are what the audit log is searched by.
    let mut body = format!(
        "<p>{}</p><table><tr>{head}</tr>",
        esc(&t_args(lang, "audit-note", &[("count", FluentValue::from(SHOWN))]))
    );
    for entry in &entries {
        let kind = t(lang, &format!("actor-{}", entry.actor.kind.code()));
        let who = match entry.actor.officer_id {
            Some(id) => format!("{kind} {id}"),
            None => kind,
        };
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            entry.at.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S"),
            entry.ticket_id.map(|id| id.to_string()).unwrap_or_default(),
            esc(&who),
            esc(&entry.action),
            esc(entry.detail.as_deref().unwrap_or("")),
        ));
    }
    body.push_str("</table>");
    html::officer_page(&state, &session, &t(lang, "audit-title"), &body)
}
