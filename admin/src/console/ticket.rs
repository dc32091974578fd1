//! One ticket: its facts and thread, and the officer's forms (take, reply, redirect, extend,
//! close). Another agency's ticket and an unknown number give the same 404. The thread shows
//! who wrote (citizen, agency, Kairyluu), never who the citizen is.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use fluent_bundle::FluentValue;
use tickets::domain::{AgencyCode, AuthorKind, Ticket, TicketNumber};
use tickets::store::WebSession;

use super::html::{csrf_field, esc};
use super::text::{self, Lang, t, t_args};
use super::{ActionOutcome, ConsoleState, DeskAction, auth, html, queue};

#[derive(serde::Deserialize)]
pub struct Notice {
    result: Option<String>,
}

/// The ticket `number` if the session's agency holds it.
async fn own(state: &ConsoleState, session: &WebSession, number: &str) -> Result<Option<Ticket>, Response> {
    let Ok(number) = number.parse::<TicketNumber>() else { return Ok(None) };
    match state.desk().store().ticket(&number).await {
        Ok(ticket) => Ok(ticket.filter(|t| t.agency == session.officer.officer.agency)),
        Err(error) => Err(html::failed(text::of_session(session), &error)),
    }
}

pub async fn page(
    State(state): State<ConsoleState>,
    headers: HeaderMap,
    Path(number): Path<String>,
    Query(notice): Query<Notice>,
) -> Response {
    let session = match auth::session(&state, &headers).await {
        Ok(session) => session,
        Err(response) => return response,
    };
    let lang = text::of_session(&session);
    let ticket = match own(&state, &session, &number).await {
        Ok(Some(ticket)) => ticket,
        Ok(None) => return html::not_found(lang),
        Err(response) => return response,
    };
    let thread = match state.desk().store().thread(&ticket.number).await {
        Ok(thread) => thread,
        Err(error) => return html::failed(lang, &error),
    };
    let tz = state.desk().calendar().timezone();
    let mut body = String::new();
    if let Some(result) = notice.result.as_deref() {
        body.push_str(&format!(r#"<p class="notice">{}</p>"#, esc(&notice_text(lang, result))));
    }
    let when = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    let facts = [
        ("col-agency", text::agency(&state, lang, &ticket.agency)),
        ("col-kind", text::kind(lang, ticket.kind)),
        ("col-status", text::status(lang, ticket.status)),
        ("col-region", ticket.region.clone().unwrap_or_else(|| "—".to_owned())),
        ("field-received", when(ticket.created_at)),
        ("field-first-due", when(ticket.deadlines.first_response)),
        ("field-resolution-due", when(ticket.deadlines.resolution)),
        ("field-extended", t(lang, if ticket.extension.is_some() { "yes" } else { "no" })),
        ("col-taken", queue::taken_by(lang, &session, &ticket)),
        ("field-language", text::language(lang, ticket.lang.code())),
        ("field-redirects", ticket.redirect_count.to_string()),
    ];
    body.push_str("<table>");
    for (id, value) in &facts {
        body.push_str(&format!("<tr><th>{}</th><td>{}</td></tr>", esc(&t(lang, id)), esc(value)));
    }
    body.push_str("</table>");
    body.push_str(&format!("<h2>{}</h2>", esc(&t(lang, "thread-title"))));
    for message in &thread {
        let author = t(
            lang,
            match message.author {
                AuthorKind::Citizen => "author-citizen",
                AuthorKind::Agency => "author-agency",
                AuthorKind::System => "author-system",
            },
        );
        let attachment =
            if message.media.is_some() { format!(" {}", esc(&t(lang, "attachment"))) } else { String::new() };
        body.push_str(&format!(
            "<p><b>{author}</b>, {at}:{attachment}<br>{text}</p>",
            author = esc(&author),
            at = when(message.at),
            text = esc(message.text.as_deref().unwrap_or("")).replace('\n', "<br>"),
        ));
    }
    if ticket.status.is_open() {
        body.push_str(&forms(&state, &session, lang, &ticket));
    }
    let title = t_args(lang, "ticket-title", &[("number", FluentValue::from(ticket.number.to_string()))]);
    html::officer_page(&state, &session, &title, &body)
}

fn forms(state: &ConsoleState, session: &WebSession, lang: Lang, ticket: &Ticket) -> String {
    let n = esc(&ticket.number.to_string());
    let csrf = csrf_field(session);
    let w = |id: &str| esc(&t(lang, id));
    let options: String = state
        .desk()
        .agencies()
        .iter()
        .filter(|a| a.code != ticket.agency)
        .map(|a| format!(r#"<option value="{}">{}</option>"#, esc(a.code.as_str()), esc(&lang.agency_name(a))))
        .collect();
    format!(
        r#"<h2>{act}</h2>
<form class="action" method="post" action="/console/tickets/{n}/take">{csrf}<button>{take}</button></form>
<form class="action" method="post" action="/console/tickets/{n}/reply">{csrf}<label>{answer}<br><textarea name="text" rows="5" cols="60"></textarea></label><br>
<label><input type="checkbox" name="confirm_lang" value="yes"> {confirm}</label><br><button>{send}</button></form>
<form class="action" method="post" action="/console/tickets/{n}/redirect">{csrf}<label>{redirect_to} <select name="to">{options}</select></label>
<label>{reason} <input name="reason"></label> <button>{redirect}</button></form>
<form class="action" method="post" action="/console/tickets/{n}/extend">{csrf}<label>{extend_reason} <input name="reason"></label> <button>{extend}</button></form>
<form class="action" method="post" action="/console/tickets/{n}/close">{csrf}<button>{close}</button></form>"#,
        act = w("act-title"),
        take = w("act-take"),
        answer = w("act-answer"),
        confirm = w("act-confirm-lang"),
        send = w("act-send"),
        redirect_to = w("act-redirect-to"),
        reason = w("act-reason"),
        redirect = w("act-redirect"),
        extend_reason = w("act-extend-reason"),
        extend = w("act-extend"),
        close = w("act-close"),
    )
}

/// What came of the last action; a refusal shows its stable reason code, which the desk's
/// Telegram side explains in the same words.
fn notice_text(lang: Lang, result: &str) -> String {
    match result {
        "done" => t(lang, "notice-done"),
        "confirm_lang" => t(lang, "notice-confirm-lang"),
        refused => match refused.strip_prefix("refused_") {
            Some(code) => t_args(lang, "notice-refused", &[("reason", FluentValue::from(code.replace('_', " ")))]),
            None => String::new(),
        },
    }
}

#[derive(serde::Deserialize)]
pub struct ActionForm {
    csrf: Option<String>,
    text: Option<String>,
    confirm_lang: Option<String>,
    to: Option<String>,
    reason: Option<String>,
}

pub async fn act(
    State(state): State<ConsoleState>,
    headers: HeaderMap,
    Path((number, action)): Path<(String, String)>,
    Form(form): Form<ActionForm>,
) -> Response {
    let session = match auth::session(&state, &headers).await {
        Ok(session) => session,
        Err(response) => return response,
    };
    if let Some(response) = auth::refuse_csrf(&session, form.csrf.as_deref()) {
        return response;
    }
    let lang = text::of_session(&session);
    let ticket = match own(&state, &session, &number).await {
        Ok(Some(ticket)) => ticket,
        Ok(None) => return html::not_found(lang),
        Err(response) => return response,
    };
    let text = |field: Option<String>| field.unwrap_or_default().trim().to_owned();
    let action = match action.as_str() {
        "take" => DeskAction::Take,
        "close" => DeskAction::Close,
        "reply" => DeskAction::Reply { text: text(form.text), confirm_lang: form.confirm_lang.is_some() },
        "extend" => DeskAction::Extend { reason: text(form.reason) },
        "redirect" => match text(form.to).parse::<AgencyCode>() {
            Ok(to) => DeskAction::Redirect { to, reason: text(form.reason) },
            Err(_) => return redirect_back(&ticket, "refused_unknown_agency"),
        },
        _ => return html::not_found(lang),
    };
    match state.actions().act(session.officer.officer.id, ticket.id, action).await {
        Ok(ActionOutcome::Done) => redirect_back(&ticket, "done"),
        Ok(ActionOutcome::ConfirmLanguage) => redirect_back(&ticket, "confirm_lang"),
        Ok(ActionOutcome::Refused(code)) => {
            let code: String = code.chars().filter(|c| c.is_ascii_lowercase() || *c == '_').collect();
            redirect_back(&ticket, &format!("refused_{code}"))
        }
        Err(error) => html::failed(lang, &error),
    }
}

/// Back to the ticket with what happened (post, redirect, get: a reload sends nothing twice).
fn redirect_back(ticket: &Ticket, result: &str) -> Response {
    let location = format!("/console/tickets/{}?result={result}", ticket.number);
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}
