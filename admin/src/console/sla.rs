//! Administrators: the terms per kind of appeal and this year's days off, as configured. Shown,
//! not edited: both come from the configuration files, checked at start, with their legal
//! sources; a change there needs a restart.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use classifier::Kind;
use fluent_bundle::FluentValue;
use tickets::domain::AgencyCode;

use super::html::esc;
use super::text::{self, t, t_args};
use super::{ConsoleState, auth, html};

pub async fn page(State(state): State<ConsoleState>, headers: HeaderMap) -> Response {
    let session = match auth::admin_session(&state, &headers).await {
        Ok(session) => session,
        Err(response) => return response,
    };
    let desk = state.desk();
    let agency: &AgencyCode = &session.officer.officer.agency;
    let lang = text::of_session(&session);
    // The file names go in after escaping, so that they can be set as code.
    let note = esc(&t_args(lang, "sla-note", &[("files", FluentValue::from("@files@"))])).replacen(
        "@files@",
        "<code>config/default.toml</code>, <code>config/calendar.toml</code>",
        1,
    );
    let head: String = ["col-kind", "col-registration", "col-first-response", "col-resolution", "col-extension"]
        .iter()
        .map(|id| format!("<th>{}</th>", esc(&t(lang, id))))
        .collect();
    let terms = t_args(lang, "sla-terms", &[("agency", FluentValue::from(text::agency(&state, lang, agency)))]);
    let mut body = format!("<p>{note}</p><h2>{}</h2><table><tr>{head}</tr>", esc(&terms));
    for kind in Kind::ALL {
        let sla = desk.agencies().sla(agency, *kind);
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&text::kind(lang, *kind)),
            text::span(lang, sla.registration),
            text::span(lang, sla.first_response),
            text::span(lang, sla.resolution),
            text::span(lang, sla.extension_limit),
        ));
    }
    body.push_str("</table>");
    let year = desk.now().with_timezone(&desk.calendar().timezone()).year();
    let days_off = t_args(lang, "sla-days-off", &[("year", FluentValue::from(year.to_string()))]);
    body.push_str(&format!("<h2>{}</h2>", esc(&days_off)));
    if !desk.calendar().has_year(year) {
        body.push_str(&format!("<p>{}</p>", esc(&t(lang, "sla-no-calendar"))));
    }
    let mut days = Vec::new();
    if let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) {
        let mut day = first;
        while day.year() == year {
            let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            if !weekend && !desk.calendar().is_working_day(day) {
                days.push(day.format("%Y-%m-%d").to_string());
            }
            day += Duration::days(1);
        }
    }
    body.push_str(&format!("<p>{}</p>", if days.is_empty() { t(lang, "sla-none") } else { days.join(", ") }));
    html::officer_page(&state, &session, &t(lang, "sla-title"), &body)
}
