//! Open311 GeoReport v2, read only: `services.json` (the kinds of appeal, corruption reports
//! excluded), `requests.json` with the standard filters and `requests/{id}.json`, over the same
//! anonymised data as the open-data file: no text, no identity, times to the day.

pub(crate) mod requests;
pub(crate) mod services;

use axum::Json;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;

/// The routes under `/open311/v2/`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open311/v2/services.json", get(services::services))
        .route("/open311/v2/requests.json", get(requests::requests))
        // axum cannot match `{id}.json` inside one segment: the handler checks the suffix.
        .route("/open311/v2/requests/{file}", get(requests::request))
}

/// An error in GeoReport v2's shape: a list of `{code, description}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Open311Error {
    pub code: u16,
    pub description: String,
}

pub(crate) fn error(status: StatusCode, description: impl Into<String>) -> Response {
    (status, Json(vec![Open311Error { code: status.as_u16(), description: description.into() }])).into_response()
}

pub use requests::ServiceRequest;
pub use services::Service;
