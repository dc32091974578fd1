//! Administrators: every officer with agency, role, language and state; disabling one.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tickets::domain::Actor;

use super::html::{csrf_field, esc};
use super::text::{self, t};
use super::{ConsoleState, auth, html};

pub async fn page(State(state): State<ConsoleState>, headers: HeaderMap) -> Response {
    let session = match auth::admin_session(&state, &headers).await {
        Ok(session) => session,
        Err(response) => return response,
    };
    let lang = text::of_session(&session);
    let officers = match state.desk().store().bound_officers(None).await {
        Ok(officers) => officers,
        Err(error) => return html::failed(lang, &error),
    };
    let head: String = ["col-id", "col-agency", "col-role", "col-language", "col-state", "col-since"]
        .iter()
        .map(|id| format!("<th>{}</th>", esc(&t(lang, id))))
        .collect();
    let mut body = format!("<table><tr>{head}<th></th></tr>");
    for bound in &officers {
        let officer = &bound.officer;
        let action = if officer.active && officer.id != session.officer.officer.id {
            format!(
                r#"<form method="post" action="/console/admin/officers/{}/disable" class="inline">{}<button>{}</button></form>"#,
                officer.id,
                csrf_field(&session),
                esc(&t(lang, "officers-disable")),
            )
        } else {
            String::new()
        };
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{action}</td></tr>",
            officer.id,
            esc(&text::agency(&state, lang, &officer.agency)),
            esc(&text::role(lang, officer.role)),
            esc(&text::language(lang, bound.lang.code())),
            esc(&t(lang, if officer.active { "state-active" } else { "state-disabled" })),
            officer.created_at.format("%Y-%m-%d"),
        ));
    }
    body.push_str("</table>");
    html::officer_page(&state, &session, &t(lang, "officers-title"), &body)
}

#[derive(serde::Deserialize)]
pub struct CsrfForm {
    csrf: Option<String>,
}

/// Disables an officer: they keep their history, can no longer act, and their sessions stop.
pub async fn disable(
    State(state): State<ConsoleState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Response {
    let session = match auth::admin_session(&state, &headers).await {
        Ok(session) => session,
        Err(response) => return response,
    };
    if let Some(response) = auth::refuse_csrf(&session, form.csrf.as_deref()) {
        return response;
    }
    let done = async {
        let mut tx = state.desk().store().begin().await?;
        if !tx.set_officer_active(id, false).await? {
            return Ok(false);
        }
        let detail = format!("officer={id} via=console");
        tx.audit(
            None,
            Actor::officer(session.officer.officer.id),
            "officer_disabled",
            Some(&detail),
            state.desk().now(),
        )
        .await?;
        tx.commit().await?;
        Ok::<bool, tickets::store::StoreError>(true)
    };
    match done.await {
        Ok(true) => {
            let mut response = StatusCode::SEE_OTHER.into_response();
            response.headers_mut().insert(LOCATION, HeaderValue::from_static("/console/admin/officers"));
            response
        }
        Ok(false) => html::not_found(text::of_session(&session)),
        Err(error) => html::failed(text::of_session(&session), &error),
    }
}
