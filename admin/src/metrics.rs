//! `/metrics` in the Prometheus text format: gauges read from the store at each scrape (tickets
//! by status, outbox depth, reminder lag) and the process counters the bot bumps
//! ([`Counters`]).

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;

use crate::AppState;

/// Counters of this process, shared by the bot's tasks and the HTTP side.
#[derive(Debug, Clone, Default)]
pub struct Counters {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    updates_handled: AtomicU64,
    telegram_api_errors: AtomicU64,
}

/// The process's counters: the bot's worker and sender bump these with one line each, without
/// threading a handle through their constructors.
static PROCESS: LazyLock<Counters> = LazyLock::new(Counters::default);

impl Counters {
    /// The counters of this process.
    pub fn process() -> Counters {
        PROCESS.clone()
    }

    /// One Telegram update was handled (its turn committed, or given up).
    pub fn update_handled(&self) {
        self.inner.updates_handled.fetch_add(1, Ordering::Relaxed);
    }

    /// The Bot API answered a call with an error (or did not answer).
    pub fn telegram_api_error(&self) {
        self.inner.telegram_api_errors.fetch_add(1, Ordering::Relaxed);
    }

    pub fn updates_handled(&self) -> u64 {
        self.inner.updates_handled.load(Ordering::Relaxed)
    }

    pub fn telegram_api_errors(&self) -> u64 {
        self.inner.telegram_api_errors.load(Ordering::Relaxed)
    }
}

/// The exposition text, or 503 when the database does not answer.
pub async fn metrics(State(state): State<AppState>) -> Response {
    match render(&state).await {
        Ok(text) => ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], text).into_response(),
        Err(error) => {
            tracing::warn!(%error, "metrics: cannot read the store");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

async fn render(state: &AppState) -> Result<String, tickets::store::StoreError> {
    let now = Utc::now();
    let by_status = state.store.tickets_by_status().await?;
    let outbox = state.store.outbox_depth().await?;
    let lag = state.store.oldest_due_job(now).await?.map(|due| (now - due).num_milliseconds().max(0) as f64 / 1000.0);
    let mut out = String::new();
    out.push_str("# HELP kairyluu_tickets Tickets by status.\n# TYPE kairyluu_tickets gauge\n");
    for status in tickets::domain::TicketStatus::ALL {
        let n = by_status.iter().find(|(s, _)| *s == status).map_or(0, |(_, n)| *n);
        let _ = writeln!(out, "kairyluu_tickets{{status=\"{}\"}} {n}", status.code());
    }
    let gauge = |out: &mut String, name: &str, kind: &str, help: &str, value: String| {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}");
    };
    gauge(&mut out, "kairyluu_outbox_depth", "gauge", "Messages waiting in the outbox.", outbox.to_string());
    gauge(
        &mut out,
        "kairyluu_reminder_lag_seconds",
        "gauge",
        "How long the oldest due pending job (reminder, escalation, digest) has waited; 0 when none is due.",
        lag.unwrap_or(0.0).to_string(),
    );
    gauge(
        &mut out,
        "kairyluu_updates_handled_total",
        "counter",
        "Telegram updates handled by this process.",
        state.counters.updates_handled().to_string(),
    );
    gauge(
        &mut out,
        "kairyluu_telegram_api_errors_total",
        "counter",
        "Bot API calls of this process that failed.",
        state.counters.telegram_api_errors().to_string(),
    );
    Ok(out)
}
