//! `/api/v1/`: statistics tables as JSON or CSV, the open-data CSV and the OpenAPI document.

pub mod csv;
mod open_data;
pub mod openapi;
pub mod schema;
mod stats;

use axum::Router;
use axum::routing::get;

use crate::AppState;

/// The API's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/stats", get(stats::stats))
        .route("/api/v1/stats.csv", get(stats::stats_csv))
        .route("/api/v1/open-data.csv", get(open_data::open_data))
        .route("/api/v1/openapi.json", get(openapi::document))
}
