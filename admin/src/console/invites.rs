//! Administrators: creating an officer invite. The link is shown once, in the answer to the
//! form, and never stored (only its token's SHA-256 is, by the bot).

use axum::Form;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use fluent_bundle::FluentValue;
use tickets::domain::{AgencyCode, Role};
use tickets::store::WebSession;

use super::html::{csrf_field, esc};
use super::text::{self, Lang, t, t_args};
use super::{ConsoleState, auth, html};

fn form(state: &ConsoleState, session: &WebSession, lang: Lang) -> String {
    let w = |id: &str| esc(&t(lang, id));
    let options: String = state
        .desk()
        .agencies()
        .iter()
        .map(|a| format!(r#"<option value="{}">{}</option>"#, esc(a.code.as_str()), esc(&lang.agency_name(a))))
        .collect();
    format!(
        r#"<form method="post" action="/console/admin/invites">{csrf}
<label>{agency} <select name="agency">{options}</select></label>
<label>{role} <select name="role"><option value="officer">{officer}</option><option value="head">{head}</option></select></label>
<label>{days} <input name="valid_days" value="7" size="3"></label> <button>{create}</button></form>"#,
        csrf = csrf_field(session),
        agency = w("invites-agency"),
        role = w("invites-role"),
        officer = esc(&text::role(lang, Role::Officer)),
        head = esc(&text::role(lang, Role::Head)),
        days = w("invites-days"),
        create = w("invites-create"),
    )
}

pub async fn page(State(state): State<ConsoleState>, headers: HeaderMap) -> Response {
    let session = match auth::admin_session(&state, &headers).await {
        Ok(session) => session,
        Err(response) => return response,
    };
    let lang = text::of_session(&session);
    let body = format!("<p>{}</p>{}", esc(&t(lang, "invites-note")), form(&state, &session, lang));
    html::officer_page(&state, &session, &t(lang, "invites-title"), &body)
}

#[derive(serde::Deserialize)]
pub struct InviteForm {
    csrf: Option<String>,
    agency: Option<String>,
    role: Option<String>,
    valid_days: Option<String>,
}

pub async fn create(State(state): State<ConsoleState>, headers: HeaderMap, Form(input): Form<InviteForm>) -> Response {
    let session = match auth::admin_session(&state, &headers).await {
        Ok(session) => session,
        Err(response) => return response,
    };
    if let Some(response) = auth::refuse_csrf(&session, input.csrf.as_deref()) {
        return response;
    }
    let lang = text::of_session(&session);
    let title = t(lang, "invites-title");
    let agency = input
        .agency
        .unwrap_or_default()
        .parse::<AgencyCode>()
        .ok()
        .filter(|a| state.desk().agencies().get(a).is_some());
    let role = input.role.unwrap_or_default().parse::<Role>().ok();
    let days = input.valid_days.unwrap_or_default().trim().parse::<u32>().ok().filter(|d| (1..=30).contains(d));
    let (Some(agency), Some(role), Some(days)) = (agency, role, days) else {
        let body =
            format!(r#"<p class="notice">{}</p>{}"#, esc(&t(lang, "invites-invalid")), form(&state, &session, lang));
        return html::officer_page(&state, &session, &title, &body);
    };
    match state.actions().create_invite(session.officer.officer.id, &agency, role, days).await {
        Ok(link) => {
            tracing::info!(officer = session.officer.officer.id, %agency, "console invite created");
            let args = [
                ("role", FluentValue::from(text::role(lang, role))),
                ("agency", FluentValue::from(text::agency(&state, lang, &agency))),
                ("days", FluentValue::from(days)),
            ];
            let body = format!(
                r#"<p class="notice">{notice}</p><p><code>{link}</code></p>{form}"#,
                notice = esc(&t_args(lang, "invites-created", &args)),
                link = esc(&link),
                form = form(&state, &session, lang),
            );
            html::officer_page(&state, &session, &title, &body)
        }
        Err(error) => html::failed(lang, &error),
    }
}
