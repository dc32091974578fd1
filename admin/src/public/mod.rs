//! The public statistics page at `/` (Kyrgyz, Russian, English; no JavaScript) and its stylesheet.

mod charts;
pub mod i18n;
mod page;
mod table;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use chrono::Utc;
use tickets::stats::{Dimension, StatsQuery};

use crate::AppState;
use crate::params::{self, BadRequest, Raw};
use i18n::Lang;

const STYLE: &str = include_str!("../../assets/style.css");

/// The page's query parameters.
const KNOWN: [&str; 8] = ["lang", "from", "to", "region", "kind", "by", "sort", "order"];

/// The dimensions the page's table offers.
pub const TABLE_DIMENSIONS: [Dimension; 4] = [Dimension::Agency, Dimension::Region, Dimension::Kind, Dimension::Month];

/// `GET /`.
pub async fn page(State(state): State<AppState>, headers: HeaderMap, Query(raw): Query<Raw>) -> Response {
    let lang = match params::value(&raw, "lang") {
        Some(code) => match Lang::from_code(code) {
            Some(lang) => lang,
            None => return bad(BadRequest::new(format!("lang: `{code}` is not ky, ru or en"))),
        },
        None => Lang::negotiate(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok())),
    };
    let request = match page::Request::parse(&raw, lang, &state) {
        Ok(request) => request,
        Err(error) => return bad(error),
    };
    let now = Utc::now();
    let query = |dimension| StatsQuery { dimension, filter: request.filter.clone() };
    let by_agency = match state.statistics.table(&query(Dimension::Agency), now).await {
        Ok(table) => table,
        Err(e) => return params::internal(e),
    };
    let by_month = match state.statistics.table(&query(Dimension::Month), now).await {
        Ok(table) => table,
        Err(e) => return params::internal(e),
    };
    let listed = match request.by {
        Dimension::Agency => by_agency.clone(),
        Dimension::Month => by_month.clone(),
        other => match state.statistics.table(&query(other), now).await {
            Ok(table) => table,
            Err(e) => return params::internal(e),
        },
    };
    let html = page::render(&state, &request, &by_agency, &by_month, &listed);
    ([(header::CONTENT_LANGUAGE, lang.code())], Html(html)).into_response()
}

fn bad(error: BadRequest) -> Response {
    let body = format!(
        "<!doctype html><meta charset=\"utf-8\"><title>400</title><p>{}</p><p><a href=\"/\">/</a></p>",
        page::escape(&error.error)
    );
    (StatusCode::BAD_REQUEST, Html(body)).into_response()
}

/// `GET /assets/style.css`, served by the binary so the page needs no outside network.
pub async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], STYLE)
        .into_response()
}

/// Whether `raw` holds only the page's parameters.
pub(crate) fn check_known(raw: &Raw) -> Result<(), BadRequest> {
    params::only(raw, &KNOWN)
}
