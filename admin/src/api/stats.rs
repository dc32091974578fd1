//! `/api/v1/stats` and `/api/v1/stats.csv`: one published table per request.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;
use tickets::stats::StatsQuery;
use utoipa::IntoParams;

use super::csv;
use super::schema::{STATS_COLUMNS, StatsResponse};
use crate::AppState;
use crate::params::{self, BadRequest, Raw};

/// The parameters of a statistics table (documentation; parsing is in [`params`]).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct StatsParams {
    /// agency (default), implicated, region, district, kind, lang, month, gender, age_band, disability.
    dimension: Option<String>,
    /// First month `YYYY-MM` or day `YYYY-MM-DD` (Bishkek time), inclusive.
    from: Option<String>,
    /// Last month or day, inclusive.
    to: Option<String>,
    /// A region code, e.g. `osh`.
    region: Option<String>,
    /// complaint, corruption, rating, suggestion, question, gratitude.
    kind: Option<String>,
    /// An agency code, e.g. `health`.
    agency: Option<String>,
    /// `json` (default) or `csv`.
    format: Option<String>,
}

const KNOWN: [&str; 7] = ["dimension", "from", "to", "region", "kind", "agency", "format"];

/// The table a query string asks for.
async fn table(state: &AppState, raw: &Raw) -> Result<StatsResponse, Response> {
    params::only(raw, &KNOWN).map_err(IntoResponse::into_response)?;
    let dimension = params::dimension(raw, "dimension").map_err(IntoResponse::into_response)?;
    let filter = params::filter(raw, state.statistics.timezone(), state.include_synthetic)
        .map_err(IntoResponse::into_response)?;
    if let Some(agency) = filter.agency.as_ref().filter(|a| state.agencies.get(a).is_none()) {
        return Err(BadRequest::new(format!("agency: unknown code `{agency}`")).into_response());
    }
    let table =
        state.statistics.table(&StatsQuery { dimension, filter }, Utc::now()).await.map_err(params::internal)?;
    Ok(StatsResponse::from(&table))
}

#[utoipa::path(get, path = "/api/v1/stats", params(StatsParams),
    responses((status = 200, description = "The table; add format=csv for CSV", body = StatsResponse),
              (status = 400, description = "A parameter is wrong", body = BadRequest)))]
pub async fn stats(State(state): State<AppState>, Query(raw): Query<Raw>) -> Response {
    let csv_wanted = match params::value(&raw, "format") {
        None | Some("json") => false,
        Some("csv") => true,
        Some(other) => return BadRequest::new(format!("format: `{other}` is neither json nor csv")).into_response(),
    };
    match table(&state, &raw).await {
        Ok(table) if csv_wanted => csv_response(&table),
        Ok(table) => Json(table).into_response(),
        Err(response) => response,
    }
}

#[utoipa::path(get, path = "/api/v1/stats.csv", params(StatsParams),
    responses((status = 200, description = "The table as CSV, the columns of StatsRowOut, the total last", content_type = "text/csv"),
              (status = 400, description = "A parameter is wrong", body = BadRequest)))]
pub async fn stats_csv(State(state): State<AppState>, Query(raw): Query<Raw>) -> Response {
    match table(&state, &raw).await {
        Ok(table) => csv_response(&table),
        Err(response) => response,
    }
}

fn csv_response(table: &StatsResponse) -> Response {
    let mut body = csv::line(&STATS_COLUMNS);
    for row in table.rows.iter().chain(std::iter::once(&table.total)) {
        body.push_str(&csv::line(&row.cells()));
    }
    let name = format!("attachment; filename=\"kairyluu-{}.csv\"", table.dimension);
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, name)], body)
        .into_response()
}
