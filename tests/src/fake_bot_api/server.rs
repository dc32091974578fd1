//! The HTTP side: `POST /bot<token>/<Method>` (any verb works, as with Telegram) and
//! `GET /file/bot<token>/<path>` for downloads. Each call is delayed by the configured latency,
//! answered (or failed, when a fault was injected), recorded, then sent back.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use serde_json::{Value, json};

use super::call::Call;
use super::faults::ApiFailure;
use super::methods;
use super::objects::TOKEN;
use super::params;
use super::state::Shared;

/// The routes of the fake, over the shared state.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/{bot}/{method}", any(handle))
        .route("/file/{bot}/{*path}", get(download))
        .layer(DefaultBodyLimit::max(64 * 1024 * 1024))
        .with_state(shared)
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    Path((bot, method)): Path<(String, String)>,
    request: Request,
) -> Response {
    let at = Instant::now();
    if bot.strip_prefix("bot") != Some(TOKEN) {
        return failure(&ApiFailure::unauthorized());
    }
    let method = methods::normalise(&method);
    let params = match params::parse(request).await {
        Ok(params) => params,
        Err(why) => return failure(&ApiFailure::bad_request(&why)),
    };
    let (latency, fault) = {
        let mut inner = shared.lock();
        let fault = inner.faults.get_mut(&method).and_then(|queue| queue.pop_front());
        (inner.latency, fault)
    };
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let outcome = match fault {
        Some(fault) => Err(ApiFailure::from(fault)),
        None => methods::dispatch(&shared, &method, &params).await,
    };
    shared.record(Call { method, params, at, result: outcome.as_ref().ok().cloned() });
    match outcome {
        Ok(result) => (StatusCode::OK, axum::Json(json!({ "ok": true, "result": result }))).into_response(),
        Err(failed) => failure(&failed),
    }
}

async fn download(Path((bot, path)): Path<(String, String)>) -> Response {
    if bot.strip_prefix("bot") != Some(TOKEN) {
        return failure(&ApiFailure::unauthorized());
    }
    format!("fake file {path}").into_response()
}

fn failure(failed: &ApiFailure) -> Response {
    let body: Value = failed.body();
    (failed.status(), axum::Json(body)).into_response()
}
