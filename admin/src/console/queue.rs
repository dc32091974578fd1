//! The officer's queue: their agency's open tickets, with the same filters as `/queue` in
//! Telegram (mine, unassigned, overdue, due soon).

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use fluent_bundle::FluentValue;
use tickets::calendar::Span;
use tickets::domain::Ticket;
use tickets::store::{QueueFilter, WebSession};

use super::html::esc;
use super::text::{self, Lang, t, t_args};
use super::{ConsoleState, auth, html};

/// How many tickets one page lists (the most urgent first).
const PAGE: i64 = 100;

#[derive(serde::Deserialize)]
pub struct Filter {
    filter: Option<String>,
}

pub async fn page(State(state): State<ConsoleState>, headers: HeaderMap, Query(query): Query<Filter>) -> Response {
    let session = match auth::session(&state, &headers).await {
        Ok(session) => session,
        Err(response) => return response,
    };
    let lang = text::of_session(&session);
    let now = state.desk().now();
    let chosen = query.filter.as_deref().unwrap_or("all");
    let filter = match chosen {
        "mine" => QueueFilter::Mine { officer_id: session.officer.officer.id },
        "unassigned" => QueueFilter::Unassigned,
        "overdue" => QueueFilter::Overdue { now },
        "soon" => QueueFilter::DueSoon { now, until: state.desk().calendar().due(now, Span::working(2)) },
        _ => QueueFilter::All,
    };
    let tickets = match read(&state, &session, filter).await {
        Ok(tickets) => tickets,
        Err(error) => return html::failed(lang, &error),
    };
    let links: String = ["all", "mine", "unassigned", "overdue", "soon"]
        .iter()
        .map(|code| {
            let label = esc(&t(lang, &format!("filter-{code}")));
            if *code == chosen {
                format!("<b>{label}</b>")
            } else {
                format!(r#"<a href="/console/?filter={code}">{label}</a>"#)
            }
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let mut body = format!("<p>{links}</p>");
    if tickets.is_empty() {
        body.push_str(&format!("<p>{}</p>", esc(&t(lang, "queue-empty"))));
    } else {
        let head: String = ["col-number", "col-kind", "col-status", "col-region", "col-taken", "col-due"]
            .iter()
            .map(|id| format!("<th>{}</th>", esc(&t(lang, id))))
            .collect();
        body.push_str(&format!("<table><tr>{head}</tr>"));
        for ticket in &tickets {
            body.push_str(&row(&state, &session, lang, ticket));
        }
        body.push_str("</table>");
    }
    let agency = text::agency(&state, lang, &session.officer.officer.agency);
    let title = t_args(lang, "queue-title", &[("agency", FluentValue::from(agency))]);
    html::officer_page(&state, &session, &title, &body)
}

async fn read(
    state: &ConsoleState,
    session: &WebSession,
    filter: QueueFilter,
) -> Result<Vec<Ticket>, tickets::store::StoreError> {
    // A read in a transaction that is dropped, not committed: the queue query lives on the
    // transaction so the bot and the console list exactly the same tickets.
    let mut tx = state.desk().store().begin().await?;
    tx.officer_queue(&session.officer.officer.agency, filter, PAGE).await
}

fn row(state: &ConsoleState, session: &WebSession, lang: Lang, ticket: &Ticket) -> String {
    let number = ticket.number.to_string();
    let taken = taken_by(lang, session, ticket);
    let due = ticket.deadlines.resolution.with_timezone(&state.desk().calendar().timezone());
    let overdue = if ticket.deadlines.resolution < state.desk().now() {
        format!(" {}", esc(&t(lang, "overdue-mark")))
    } else {
        String::new()
    };
    format!(
        r#"<tr><td><a href="/console/tickets/{n}">{n}</a></td><td>{kind}</td><td>{status}</td><td>{region}</td><td>{taken}</td><td>{due}{overdue}</td></tr>"#,
        n = esc(&number),
        kind = esc(&text::kind(lang, ticket.kind)),
        status = esc(&text::status(lang, ticket.status)),
        region = esc(ticket.region.as_deref().unwrap_or("—")),
        taken = esc(&taken),
        due = due.format("%Y-%m-%d"),
    )
}

/// Who has the ticket, as the officer reads it.
pub fn taken_by(lang: Lang, session: &WebSession, ticket: &Ticket) -> String {
    match ticket.assignee_id {
        Some(id) if id == session.officer.officer.id => t(lang, "taken-you"),
        Some(id) => t_args(lang, "taken-officer", &[("id", FluentValue::from(id))]),
        None => t(lang, "taken-nobody"),
    }
}
