//! Administrators: the configured agencies with their names and default terms.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use classifier::Kind;

use super::html::esc;
use super::text::{self, t};
use super::{ConsoleState, auth, html};

pub async fn page(State(state): State<ConsoleState>, headers: HeaderMap) -> Response {
    let session = match auth::admin_session(&state, &headers).await {
        Ok(session) => session,
        Err(response) => return response,
    };
    let lang = text::of_session(&session);
    let groups = match state.desk().store().agency_groups().await {
        Ok(groups) => groups,
        Err(error) => return html::failed(lang, &error),
    };
    // The three name columns are headed by the languages' own names, the same in every catalog.
    let mut body = format!(
        "<p>{note}</p><table><tr><th>{code}</th><th>Кыргызча</th><th>Русский</th><th>English</th><th>{terms}</th><th>{group}</th></tr>",
        note = esc(&t(lang, "agencies-note")),
        code = esc(&t(lang, "col-code")),
        terms = esc(&t(lang, "col-complaint-terms")),
        group = esc(&t(lang, "col-group")),
    );
    for agency in state.desk().agencies().iter() {
        let sla = state.desk().agencies().sla(&agency.code, Kind::Complaint);
        let group = if groups.iter().any(|(code, _)| *code == agency.code) {
            t(lang, "group-linked")
        } else {
            "—".to_owned()
        };
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} / {} / {}</td><td>{}</td></tr>",
            esc(agency.code.as_str()),
            esc(&agency.name_ky),
            esc(&agency.name_ru),
            esc(&agency.name_en),
            text::span(lang, sla.first_response),
            text::span(lang, sla.resolution),
            text::span(lang, sla.extension_limit),
            esc(&group),
        ));
    }
    body.push_str("</table>");
    html::officer_page(&state, &session, &t(lang, "agencies-title"), &body)
}
