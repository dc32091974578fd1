//! The HTTP side of Kairyluu: the public statistics page, the JSON/CSV API with its OpenAPI
//! document, Open311 GeoReport v2 reads, `/healthz`, `/metrics`, and the officers' and
//! administrators' web console ([`console`]).
//!
//! Depends on `tickets` only (never on the bot): the bot serves [`router`] and bumps
//! [`metrics::Counters`]. Everything published goes through `tickets::stats`, so small cells are
//! suppressed and corruption reporters stay invisible here by construction.

pub mod api;
pub mod console;
pub mod escape;
pub mod metrics;
pub mod open311;
pub mod params;
pub mod public;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use tickets::agencies::AgencyDirectory;
use tickets::stats::Statistics;
use tickets::store::Store;

/// What every handler reads.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub statistics: Statistics,
    pub agencies: Arc<AgencyDirectory>,
    pub counters: metrics::Counters,
    /// Count tickets made by `kairyluu seed` (the `web` preview does; `serve` does not).
    pub include_synthetic: bool,
}

/// Every public route.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/", get(public::page))
        .route("/assets/style.css", get(public::style))
        .route("/metrics", get(metrics::metrics))
        .merge(api::routes())
        .merge(open311::routes())
        .with_state(state)
        // For clients that ask (every browser does): the page is about an eighth of its size
        // gzipped, which matters on a cheap phone's mobile data.
        .layer(tower_http::compression::CompressionLayer::new())
}

/// Alive and the database answers.
async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> (axum::http::StatusCode, &'static str) {
    match state.store.ping().await {
        Ok(()) => (axum::http::StatusCode::OK, "ok\n"),
        Err(error) => {
            tracing::warn!(%error, "health check: the database does not answer");
            (axum::http::StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
        }
    }
}
