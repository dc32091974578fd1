//! `requests.json` and `requests/{id}.json`: the standard fields over anonymised tickets.
//! `expected_datetime` is the legal resolution deadline (extended when lawfully extended),
//! `agency_responsible` the agency's name. Request and update times are given to the local day,
//! like the open-data file, so a request cannot be matched to a message seen sent at a minute.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use classifier::Kind;
use serde::Serialize;
use tickets::domain::TicketNumber;
use tickets::stats::TicketSource;
use tickets::store::RequestFilter;
use utoipa::ToSchema;

use super::error;
use super::services::{lang, published_kinds};
use crate::AppState;
use crate::params::{Raw, only, value};
use crate::public::i18n::{Lang, t};

/// Results per response unless `page_size` says otherwise, and the most it may say.
const DEFAULT_PAGE: i64 = 100;
const MAX_PAGE: i64 = 1_000;
/// Without dates or ids, the standard asks for the last 90 days.
const DEFAULT_DAYS: i64 = 90;
/// At most this many ids in one `service_request_id`.
const MAX_IDS: usize = 100;

/// A GeoReport v2 service request, without description, address or media: none are published.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceRequest {
    /// The ticket number, e.g. KR-2026-000123.
    pub service_request_id: String,
    /// open or closed (answered, closed or withdrawn).
    pub status: String,
    pub service_code: String,
    pub service_name: String,
    /// The agency that must answer now.
    pub agency_responsible: String,
    /// The day received (local midnight, Asia/Bishkek).
    pub requested_datetime: String,
    /// The day of the latest change (local midnight).
    pub updated_datetime: String,
    /// The legal resolution deadline.
    pub expected_datetime: String,
}

const KNOWN: [&str; 8] =
    ["service_request_id", "service_code", "start_date", "end_date", "status", "page_size", "lang", "jurisdiction_id"];

#[utoipa::path(get, path = "/open311/v2/requests.json",
    params(("service_request_id" = Option<String>, Query, description = "comma-separated ticket numbers"),
           ("service_code" = Option<String>, Query, description = "a kind from services.json"),
           ("start_date" = Option<String>, Query, description = "RFC 3339; received at or after"),
           ("end_date" = Option<String>, Query, description = "RFC 3339; received before"),
           ("status" = Option<String>, Query, description = "open or closed"),
           ("page_size" = Option<i64>, Query, description = "at most 1000, default 100"),
           ("lang" = Option<String>, Query, description = "ky, ru or en (default)")),
    responses((status = 200, body = Vec<ServiceRequest>), (status = 400, body = Vec<super::Open311Error>)))]
pub async fn requests(State(state): State<AppState>, Query(raw): Query<Raw>) -> Response {
    let lang = match lang(&raw) {
        Ok(lang) => lang,
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    let filter = match parse(&raw, state.include_synthetic) {
        Ok(filter) => filter,
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    match state.statistics.requests(&filter).await {
        Ok(tickets) => Json(published(&state, &tickets, lang)).into_response(),
        Err(e) => crate::params::internal(e),
    }
}

#[utoipa::path(get, path = "/open311/v2/requests/{id}.json",
    params(("id" = String, Path, description = "a ticket number"),
           ("lang" = Option<String>, Query, description = "ky, ru or en (default)")),
    responses((status = 200, description = "A list of one request", body = Vec<ServiceRequest>),
              (status = 404, description = "No such published request", body = Vec<super::Open311Error>)))]
pub async fn request(State(state): State<AppState>, Path(file): Path<String>, Query(raw): Query<Raw>) -> Response {
    let lang = match lang(&raw) {
        Ok(lang) => lang,
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    // A corruption report, an unknown number and a malformed one answer alike, so the answer
    // does not tell whether a corruption report has that number.
    let not_found = || error(StatusCode::NOT_FOUND, "no such service request");
    let Some(number) = file.strip_suffix(".json").and_then(|id| id.parse::<TicketNumber>().ok()) else {
        return not_found();
    };
    let filter = RequestFilter {
        numbers: vec![number],
        include_synthetic: state.include_synthetic,
        limit: 1,
        ..Default::default()
    };
    match state.statistics.requests(&filter).await {
        Ok(tickets) if !tickets.iter().any(|t| t.kind != Kind::Corruption) => not_found(),
        Ok(tickets) => Json(published(&state, &tickets, lang)).into_response(),
        Err(e) => crate::params::internal(e),
    }
}

/// The store filter of a `requests.json` query string.
fn parse(raw: &Raw, include_synthetic: bool) -> Result<RequestFilter, String> {
    only(raw, &KNOWN).map_err(|e| e.error)?;
    let numbers = match value(raw, "service_request_id") {
        None => Vec::new(),
        Some(ids) => {
            let ids: Vec<&str> = ids.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
            if ids.len() > MAX_IDS {
                return Err(format!("service_request_id: at most {MAX_IDS} ids"));
            }
            ids.iter()
                .map(|id| {
                    id.parse::<TicketNumber>().map_err(|_| format!("service_request_id: `{id}` is not a ticket number"))
                })
                .collect::<Result<_, _>>()?
        }
    };
    let kind = match value(raw, "service_code") {
        None => None,
        Some(code) => {
            let kind = code.parse::<Kind>().ok().filter(|k| published_kinds().any(|p| p == *k));
            Some(kind.ok_or_else(|| format!("service_code: `{code}` is not a service of services.json"))?)
        }
    };
    let date = |key: &str| {
        value(raw, key)
            .map(|v| {
                DateTime::parse_from_rfc3339(v)
                    .map(|d| d.with_timezone(&Utc))
                    .map_err(|_| format!("{key}: `{v}` is not an RFC 3339 date-time"))
            })
            .transpose()
    };
    let (mut start, end) = (date("start_date")?, date("end_date")?);
    if start.is_none() && numbers.is_empty() {
        start = Some(end.unwrap_or_else(Utc::now) - Duration::days(DEFAULT_DAYS));
    }
    let open = match value(raw, "status") {
        None => None,
        Some("open") => Some(true),
        Some("closed") => Some(false),
        Some(other) => return Err(format!("status: `{other}` is neither open nor closed")),
    };
    let limit = match value(raw, "page_size") {
        None => DEFAULT_PAGE,
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=MAX_PAGE).contains(n))
            .ok_or_else(|| format!("page_size: `{v}` is not a number from 1 to {MAX_PAGE}"))?,
    };
    Ok(RequestFilter { numbers, kind, start, end, open, include_synthetic, limit })
}

/// The local midnight of `at`'s day, RFC 3339.
fn day(at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz).date_naive().and_time(NaiveTime::MIN);
    tz.from_local_datetime(&local).earliest().map_or_else(|| at.to_rfc3339(), |d| d.to_rfc3339())
}

/// The requests of `tickets`; the store never returns a corruption report, and this filter
/// makes sure no change there could publish one.
fn published(state: &AppState, tickets: &[TicketSource], lang: Lang) -> Vec<ServiceRequest> {
    tickets.iter().filter(|t| t.kind != Kind::Corruption).map(|t| publish(state, t, lang)).collect()
}

fn publish(state: &AppState, ticket: &TicketSource, lang: Lang) -> ServiceRequest {
    let tz = state.statistics.timezone();
    let updated = [ticket.first_response_at, ticket.answered_at, ticket.closed_at]
        .into_iter()
        .flatten()
        .fold(ticket.created_at, DateTime::max);
    let agency = state.agencies.get(&ticket.agency).map_or_else(|| ticket.agency.to_string(), |a| lang.agency_name(a));
    ServiceRequest {
        service_request_id: ticket.number.to_string(),
        status: if ticket.status.is_open() { "open" } else { "closed" }.to_owned(),
        service_code: ticket.kind.code().to_owned(),
        service_name: t(lang, &format!("kind-{}", ticket.kind.code())),
        agency_responsible: agency,
        requested_datetime: day(ticket.created_at, tz),
        updated_datetime: day(updated, tz),
        expected_datetime: ticket.resolution_due.with_timezone(&tz).to_rfc3339(),
    }
}
